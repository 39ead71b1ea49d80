"""Go's Encrypted Client Hello texts (golang/go src/crypto/tls/ech.go, Go 1.23 and later),
which Go 1.19's table (judgement/go.py) cannot hold.

"tls: server rejected ECH" (ECHRejectionError): the client-facing server could not use the
client's ECHConfig (a stale HTTPS DNS record after the server rotated its keys, a server or
front without ECH keys, or a config given by hand). The ECHConfigList parse errors are the
configuration the client was handed; the encrypted_client_hello extension errors are a
server's verdict on the client's hello; the EncryptedClientHelloKeys errors the server's
own setting.
"""

from __future__ import annotations

from . import _common as common

_CLIENT_HELLO = "client_misconfiguration:.6 middlebox_or_firewall_interference:.4 | reason"
_CONFIG_LIST = "client_misconfiguration:.6 server_misconfiguration:.4 | reason"

JUDGE = {
    "tls: server rejected ECH": ("server_misconfiguration:.5 client_misconfiguration:.3 "
                                 "middlebox_or_firewall_interference:.2 | reason"),
    "tls: malformed ECHConfigList": _CONFIG_LIST,
    "tls: malformed ECHConfig": _CONFIG_LIST,
    "tls: malformed ECHConfig, invalid %s field": _CONFIG_LIST,
    "tls: no supported symmetric ciphersuites for ECH": _CONFIG_LIST,
    "tls: client sent encrypted_client_hello extension but did not offer TLS 1.3":
        "protocol_version_mismatch:.6 client_misconfiguration:.4 | reason",
    "tls: client sent encrypted_client_hello extension with unsupported versions":
        "protocol_version_mismatch:.6 client_misconfiguration:.4 | reason",
    "tls: invalid EncryptedClientHelloKeys Config: %s": common.SERVER_CONFIG,
    "tls: invalid EncryptedClientHelloKeys PrivateKey: %s": common.SERVER_CONFIG,
}

RULES = (
    (r"client hello|outer extensions|encrypted_client_hello", _CLIENT_HELLO,
     "a server's verdict on the client's ECH hello"),
)
