"""ClickHouse's client and server: Poco's NetSSL exceptions (their names, and what
SecureSocketImpl, Context and SSLManager throw), printed inside ClickHouse's
"Code: 210. DB::NetException: SSL Exception: <OpenSSL's reason>"; the reason is read by
OpenSSL's (or BoringSSL's) table."""

from __future__ import annotations

from . import _common as common
from . import _databases as db

JUDGE = {
    "SSLException": db.HANDSHAKE,
    "SSLContextException": "client_misconfiguration:.5 server_misconfiguration:.5 | category",
    "InvalidCertificateException": common.CERT_ANY + " | category",
    "CertificateValidationException": common.CERT_ANY + " | category",
    "SSLConnectionUnexpectedlyClosedException": common.EOF_CLOSED,
    "Unacceptable certificate from %s": common.CERT_ANY + " | category",
    "Cannot load default CA certificates": db.CA_PATHS,
    "Cannot set certificate for Context": db.OWN_FILE,
    "Cannot add chain certificate to Context": db.OWN_FILE,
    "Cannot add certificate authority to Context": db.OWN_FILE,
    "Cannot set private key for Context": db.OWN_FILE,
    "Configuration error: no certificate file has been specified": common.SERVER_CONFIG,
    "Cannot set minimum supported version on SSL_CTX object":
        "client_misconfiguration:.5 server_misconfiguration:.5 | reason",
}

RULES = (
    (r".", "not_tls", "object creation failures (memory, library state)"),
)
