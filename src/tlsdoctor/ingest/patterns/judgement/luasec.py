"""LuaSec (brunoos/luasec src/ssl.c ssl_ioerror, src/context.c, src/ssl.lua).

dohandshake() returns OpenSSL's reason for SSL_ERROR_SSL (the OpenSSL table reads it) or
its own word for the other SSL_get_error() results: "closed" (SSL_ERROR_ZERO_RETURN: the
peer closed the connection in the handshake), "System error" (SSL_ERROR_SYSCALL: reset or
EOF); "wantread"/"wantwrite" are a non-blocking socket's normal state, not a failure.
context.c's messages come from ssl.newcontext(): the program's own files and settings."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "SSL_ERROR_ZERO_RETURN": common.EOF_CLOSED,
    "SSL_ERROR_SYSCALL": common.RESET,
    "error loading CA locations (%s)": common.CLIENT_CONFIG,
    # ssl.newcontext is the same call for a client and a server: either side's setup.
    "error loading certificate (%s)": "client_misconfiguration:.5 server_misconfiguration:.5",
    "error loading private key (%s)": "client_misconfiguration:.5 server_misconfiguration:.5",
    "private key does not match public key":
        "client_misconfiguration:.5 server_misconfiguration:.5",
    "error setting cipher list (%s)": common.CLIENT_CONFIG,
    "invalid protocol (%s)": common.CLIENT_CONFIG,
}

RULES = (
    (r".", "not_tls", "other states and argument checks"),
)
