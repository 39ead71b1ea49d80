"""asyncio's SSL transport (Lib/asyncio/sslproto.py, base_events.py) in Python 3.12 and 3.13.

"SSL handshake is taking longer than N seconds: aborting the connection": the handshake
timeout (ssl_handshake_timeout, 60 s by default). "SSL handshake failed on verifying the
certificate" is logged for any ssl.CertificateError (SSLCertVerificationError): the
certificate was refused, the exception printed after it says why. "SSL handshake failed"
for every other handshake exception. "Fatal error on SSL protocol" precedes an exception
after the handshake (its words decide). A shutdown timeout and writes after close are
no failure of the connection's setup.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "SSL handshake is taking longer than %s seconds: aborting the connection":
        common.HANDSHAKE_TIMEOUT,
    "SSL handshake failed on verifying the certificate": common.CERT_ANY + " | category",
    # The same three words are many programs' (Qt's, Kafka's, the generic wording of
    # patterns/system.py, which reads them); the exception after asyncio's line decides.
    "SSL handshake failed": "elsewhere",
    "SSL shutdown timed out": "no_fault",
    "SSL connection is closed": "no_fault",
    "Fatal error on SSL protocol": "elsewhere",
    "Server side SSL needs a valid SSLContext": common.SERVER_CONFIG,
}

RULES = (
    (r".", "not_tls", "API misuse (argument types, executor and generator shutdown)"),
)
