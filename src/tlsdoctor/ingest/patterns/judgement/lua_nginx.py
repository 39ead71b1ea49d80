"""OpenResty lua-nginx-module (src/ngx_http_lua_socket_tcp.c,
ngx_http_lua_ssl_handshake_handler): tcpsock:sslhandshake()'s error returns and log lines.

"handshake failed" is set when ngx_ssl_handshake did not complete and no verify result was
read: nginx's error.log has OpenSSL's reason (a ranking). "certificate host mismatch" is
ngx_ssl_check_host failing for the name given to sslhandshake (verify on). A failed verify
returns X509_verify_cert_error_string(): the OpenSSL table reads it (its "lua ssl
certificate verify error" line: patterns/programs.py reads ngx_lua's empty trust store)."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "handshake failed": common.HANDSHAKE.split(" | ")[0] + " | category",
    "certificate host mismatch": common.HOSTNAME,
    'lua ssl certificate does not match host "%s"': common.HOSTNAME,
    "lua ssl certificate verify error: (%s: %s)": "elsewhere",
    "invalid client certificate chain": common.CLIENT_CONFIG,
    "ssl set client certificate failed": common.CLIENT_CONFIG,
}

RULES = (
    (r"client (?:intermediate )?certificate", common.CLIENT_CONFIG,
     "loading the client certificate the Lua code passed"),
    (r".", "not_tls", "internal calls"),
)
