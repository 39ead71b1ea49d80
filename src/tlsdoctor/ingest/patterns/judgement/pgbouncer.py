"""PgBouncer (pgbouncer/pgbouncer src/client.c, src/server.c, src/sbuf.c): the pooler is a
server to its clients (client_tls_*) and a client of PostgreSQL (server_tls_*); its TLS
runs on libtls (lib/usual/tls), so "TLS handshake error: %s" carries libtls' words.

- "SSL required", "TLS connection required": a client came without TLS where PgBouncer's
  client_tls_sslmode or its HBA rules require it (the client's sslmode first).
- "server refused SSL": PostgreSQL answered N to PgBouncer's SSLRequest while
  server_tls_sslmode requires TLS: the same class as libpq's "server does not support SSL"
  (patterns/plaintext.py TLS_NOT_OFFERED). "bad sslreq answer": neither S nor N.
- "received unencrypted data after SSL request/response": bytes sent before the handshake
  (the CVE-2021-23222 check): something on the path injecting, or a broken peer.
- The client-certificate checks (auth_type=cert) and PgBouncer's own TLS settings.
"""

from __future__ import annotations

from . import _common as common
from . import _databases as db

_OWN = "server_misconfiguration:1 | reason"
_TLS_REQUIRED = "client_misconfiguration:.7 server_misconfiguration:.3 | reason"

JUDGE = {
    "TLS connection required": _TLS_REQUIRED,
    "SSL required": _TLS_REQUIRED,
    "TLS client certificate required": common.CLIENT_CERT,
    # auth_type=cert: the client certificate's CN is not the user name it logs in as.
    # "exact": .NET's "certificate name mismatch" (a server's host name) is other words.
    "TLS certificate name mismatch": "client_misconfiguration:.6 client_cert_required:.4 | exact",
    # The same words are etcd's ("client certificate authentication failed"): whether the
    # certificate was missing or refused is not in them, so a ranking.
    "certificate authentication failed": ("client_cert_required:.55 "
                                          "client_misconfiguration:.45 | reason"),
    "server refused SSL": db.TLS_OFF,
    "bad sslreq answer": ("server_misconfiguration:.4 non_tls_service_on_port:.35 "
                          "middlebox_or_firewall_interference:.25 | specific"),
    "received unencrypted data after SSL request": ("middlebox_or_firewall_interference:.6 "
                                                    "client_misconfiguration:.4 | specific"),
    "received unencrypted data after SSL response": ("middlebox_or_firewall_interference:.6 "
                                                     "server_misconfiguration:.4 | specific"),
    "SSL req inside SSL": "client_misconfiguration:.6 middlebox_or_firewall_interference:.4",
    "failed to accept SSL": common.HANDSHAKE,
    "TLS startup failed": common.HANDSHAKE,
    # Wrappers around libtls' words ("TLS handshake error: handshake failed: error:..."),
    # which decide; their own words are other programs' too (Godot's "TLS handshake error:
    # -9984", Caddy's and rsconnect's "TLS connect error"), so they make no pattern here.
    "TLS handshake error: %s": "elsewhere",
    "TLS accept error: %s": "elsewhere",
    "TLS connect error: %s": "elsewhere",
    # "invalid client_tls_cert_file: <libtls' words>": libtls' file texts decide.
    "invalid %s_cert_file: %s": "elsewhere",
    "To allow TLS connections from clients, client_tls_key_file and client_tls_cert_file "
    "must be set.": _OWN,
    "auth_type=cert requires client_tls_sslmode=SSLMODE_VERIFY_FULL": _OWN,
    "auth_type=cert requires client_tls_ca_file": _OWN,
    "client_tls_sslmode requires client_tls_ca_file": _OWN,
    # "TLS setup failed: <libtls' words>": the carried words decide; the wrapper is other
    # programs' too (sendEmail's "TLS setup failed: SSL connect attempt failed ...").
    "TLS setup failed: %s": "elsewhere",
}

RULES = (
    (r".", "not_tls", "socket writes, tls_init/tls_config_new allocation and the read/write "
                      "loop's internal states"),
)
