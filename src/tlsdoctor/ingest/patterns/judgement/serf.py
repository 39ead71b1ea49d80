"""serf (apache/serf src/context.c serf_error_string, HEAD and 1.3.9): the texts
Subversion prints after "Error running context: " (svn: E1201xx).

"An error occurred during SSL communication" (SERF_ERROR_SSL_COMM_FAILED) is what serf
returns for any failed handshake that is not a certificate verdict: a server that only
speaks an old TLS version, an https:// URL on a plain HTTP port, no cipher in common, a
middlebox that cut the connection. The words do not say which: a ranking below 0.6."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "SERF_ERROR_CLOSING": "not_tls",
    "SERF_ERROR_WAIT_CONN": "not_tls",
    "SERF_ERROR_BAD_HTTP_RESPONSE": "not_tls",
    "SERF_ERROR_HTTP2_STREAM_CLOSED": "not_tls",
    "SERF_ERROR_HTTP2_CONNECT_ERROR": "not_tls",
    "SERF_ERROR_ABORTED_CONNECTION": common.EOF_CLOSED,
    "SERF_ERROR_CONNECTION_TIMEDOUT": common.TIMEOUT,
    "SERF_ERROR_SSL_COMM_FAILED": "protocol_version_mismatch:.3 non_tls_service_on_port:.25 "
                                  "cipher_suite_mismatch:.2 middlebox_or_firewall_interference:"
                                  ".15 client_cert_required:.1 | category",
    "SERF_ERROR_SSL_SETUP_FAILED": "client_misconfiguration:.7 server_misconfiguration:.3 "
                                   "| category",
    "SERF_ERROR_SSL_CERT_FAILED": common.CERT_ANY + " | category",
    "SERF_ERROR_SSL_OCSP_RESPONSE_CERT_REVOKED": common.REVOKED,
    # the responder does not know the certificate: one it did not issue (a forged one, an
    # intercepting proxy's) or a CA whose responder lags
    "SERF_ERROR_SSL_OCSP_RESPONSE_CERT_UNKNOWN": "server_misconfiguration:.5 "
                                                 "tls_interception_mitm:.3 cert_revoked:.2",
    "SERF_ERROR_SSL_OCSP_RESPONSE_INVALID": common.REVOCATION_UNKNOWN,
    "SERF_ERROR_SSLTUNNEL_SETUP_FAILED": "middlebox_or_firewall_interference:.6 "
                                         "client_misconfiguration:.4 | specific",
}

RULES = ()
