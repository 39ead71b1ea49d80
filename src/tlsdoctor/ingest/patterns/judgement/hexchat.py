"""HexChat (hexchat/hexchat src/common/server.c ssl_do_connect, ssl.c): its TLS lines.

HexChat verifies with OpenSSL and, for a failed verification, prints OpenSSL's verify string
and number in its own shape inside the Connection Failed event: "Connection failed (unable
to verify the first certificate.? (21))". That shape is read for every X509_V_ERR text by
patterns/desktop16.py with the OpenSSL verify table's reading (the number says which), so
"%s.? (%d)" makes no pattern here. "(%d) %s" carries ERR_error_string() (the OpenSSL table).
"No Certificate": the handshake finished and the server sent none (an anonymous suite, or
something in between answering). The plain-port hint follows a "wrong version number"."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "XP_TE_CONNFAIL": "elsewhere",
    "(%d) %s": "elsewhere",
    "%s.? (%d)": "elsewhere",
    "* Verify E: %s.? (%d) -- Ignored": "elsewhere",
    "* Verify E: Failed to validate hostname? (%d)%s": common.HOSTNAME,
    "No Certificate": "server_misconfiguration:.6 tls_interception_mitm:.4 | reason",
    "SSL handshake timed out": common.HANDSHAKE_TIMEOUT,
    "Are you sure this is a SSL capable server and port?": common.NOT_TLS_PORT,
    # A name field with a NUL byte: a certificate made to fool name checks, or a broken one.
    "NUL byte in subjectAltName, probably a malicious certificate.":
        "tls_interception_mitm:.5 server_misconfiguration:.5",
    "NUL byte in Common Name field, probably a malicious certificate.":
        "tls_interception_mitm:.5 server_misconfiguration:.5",
}

RULES = (
    (r".", "not_tls", "the certificate and cipher info lines HexChat prints on success"),
)
