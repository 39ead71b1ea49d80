"""tokio-postgres, and the postgres crate over it (sfackler/rust-postgres
tokio-postgres/src/error/mod.rs, tokio-postgres/src/connect_tls.rs).

"error performing TLS handshake" (Kind::Tls) is printed before the TLS back end's error
(postgres-openssl's, postgres-native-tls', tokio-postgres-rustls'), which decides; alone, a
ranking led by the server certificate the client does not trust. "server does not support
TLS": sslmode=require and the server answered the SSLRequest with N (patterns/plaintext.py).
The rest are the client's own settings.
"""

from __future__ import annotations

from . import _common as common
from . import _databases as db

JUDGE = {
    "Kind::Tls": ("cert_untrusted_root:.35 cert_self_signed:.2 protocol_version_mismatch:.15 "
                  "hostname_mismatch:.15 client_misconfiguration:.15 | generic"),
    "server does not support TLS": db.TLS_OFF,
}

RULES = (
    (r".", common.CLIENT_CONFIG, "the client's sslmode, sslnegotiation and host settings"),
)
