"""AWS-LC's reason names (aws/aws-lc crypto/err/*.errordata) that BoringSSL's table lacks.

APPLICATION_DATA_INSTEAD_OF_HANDSHAKE: the peer sent application data where a handshake
message was due (a broken peer, or something on the path). BAD_HYBRID_KEYSHARE and
BAD_KEM_CIPHERTEXT: the peer's post-quantum hybrid key share does not parse (an older draft
of the hybrid group on one side, or a middlebox truncating the large ClientHello). The
serialization and password names are API use.
"""

from __future__ import annotations

from . import _common as common

_PQ = ("server_misconfiguration:.4 middlebox_or_firewall_interference:.35 "
       "client_misconfiguration:.25 | reason")

JUDGE = {
    "SSL_R_APPLICATION_DATA_INSTEAD_OF_HANDSHAKE": common.PROTOCOL_BROKEN,
    "SSL_R_BAD_HYBRID_KEYSHARE": _PQ,
    "SSL_R_BAD_KEM_CIPHERTEXT": _PQ,
}

RULES = (
    (r".", "not_tls", "serialization, certificate-replacement, signature-ID and password "
                      "API reasons"),
)
