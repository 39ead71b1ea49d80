"""Node.js: ERR_TLS_* codes and messages (lib/internal/errors.js, lib/_tls_wrap.js). The
certificate codes Node shows (``code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'``) are OpenSSL's
X509_V_ERR names without the prefix: node.py builds them from OpenSSL's entries."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "ERR_TLS_CERT_ALTNAME_INVALID": common.HOSTNAME,
    "ERR_TLS_HANDSHAKE_TIMEOUT": common.HANDSHAKE_TIMEOUT,
    "ERR_TLS_DH_PARAM_SIZE": common.DH_WEAK,
    "ERR_TLS_RENEGOTIATION_DISABLED": "client_misconfiguration:.5 server_misconfiguration:.5",
    "ERR_TLS_SESSION_ATTACK": "client_misconfiguration:.5 server_misconfiguration:.5",
    "ERR_TLS_INVALID_PROTOCOL_VERSION": common.CLIENT_CONFIG,
    "ERR_TLS_PROTOCOL_VERSION_CONFLICT": common.CLIENT_CONFIG,
}

RULES = (
    (r".", "not_tls", "the other ERR_TLS_* codes report API misuse in the program"),
)
