"""Python's ssl module's own texts (Modules/_ssl.c of 3.12 and 3.13): PySSL_SetError's
messages for the OpenSSL error kinds and the socket helpers' timeouts.

- "EOF occurred in violation of protocol" (SSLEOFError, SSL_ERROR_SYSCALL or
  SSL_R_UNEXPECTED_EOF_WHILE_READING with nothing in the error queue): the peer or the path
  closed the connection without a TLS alert.
- "TLS/SSL connection has been closed (EOF)" (SSLZeroReturnError): the peer sent
  close_notify; no fault of the handshake when it comes after one.
- "Hostname mismatch, certificate is not valid for 'x'." and "IP address mismatch, ..."
  (X509_V_ERR_HOSTNAME_MISMATCH / IP_ADDRESS_MISMATCH, composed by _ssl.c with the name).
- "The handshake operation timed out": the socket timeout during do_handshake().
- "A failure in the SSL library occurred": SSL_ERROR_SSL with no reason left (the OpenSSL
  reason, when printed, decides).
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "EOF occurred in violation of protocol": common.EOF_CLOSED,
    "TLS/SSL connection has been closed (EOF)": "no_fault",
    "A failure in the SSL library occurred": common.HANDSHAKE,
    "Some I/O error occurred": common.RESET,
    "Hostname mismatch, certificate is not valid for '%S'.": common.HOSTNAME,
    "IP address mismatch, certificate is not valid for '%S'.": common.HOSTNAME,
    "The handshake operation timed out": common.HANDSHAKE_TIMEOUT,
    "The read operation timed out": common.TIMEOUT,
    "The write operation timed out": common.TIMEOUT,
}

RULES = (
    (r".", "not_tls", "the socket object's own state (closed, gone)"),
)
