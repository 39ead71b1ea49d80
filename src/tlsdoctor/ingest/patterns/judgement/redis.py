"""Redis: the server's log (src/networking.c: "Error accepting a client connection: <OpenSSL
error>", src/tls.c: its own TLS setup), redis-cli (src/redis-cli.c, src/cli_common.c) and
hiredis's TLS layer (deps/hiredis/ssl.c: "SSL_connect failed: <reason>"). The OpenSSL
words inside are read by OpenSSL's table, from the side the line says (a server's log:
"peer did not return a certificate" is the client's missing certificate)."""

from __future__ import annotations

from . import _common as common
from . import _databases as db

_SERVER_FILE = "server_misconfiguration:1 | reason"

JUDGE = {
    # The wrappers: the reason after the colon decides.
    "Error accepting a client connection: %s": db.HANDSHAKE,
    "Error accepting a client connection: %s (conn: %s)": db.HANDSHAKE,
    "Error accepting a client connection: %s (addr=%s laddr=%s)": db.HANDSHAKE,
    "Accepted client connection in error state: %s (conn: %s)": db.HANDSHAKE,
    "Accepted client connection in error state: %s (addr=%s laddr=%s)": db.HANDSHAKE,
    "SSL_connect failed: %s": db.HANDSHAKE,
    "Could not negotiate a TLS connection: %s": db.HANDSHAKE,
    # redis-cli's cluster commands: cli_common.c's texts after it decide ("TLS Error: "
    # alone is too short to be told from other programs' words).
    "TLS Error: %s": "elsewhere",
    # hiredis's TLS read returned end-of-file: the server ended the TLS session right
    # after the handshake. A Redis server with tls-auth-clients does so when it refuses
    # the client's certificate under TLS 1.3 (the client has finished its side before the
    # server checks; seen in the matrix, alternating with a reset); a server closing idle
    # or killed clients, or something on the path, reads the same. A ranking.
    "Server closed the connection": "client_cert_required:.35 "
                                    "middlebox_or_firewall_interference:.35 "
                                    "server_misconfiguration:.3 | generic",
    # Reading or writing an established connection: at verbose level, and after a client
    # that simply left ("unexpected eof while reading" of a client without close_notify).
    "Reading from client: %s": "elsewhere",
    "Error writing to client: %s": "elsewhere",
    "Accepting client connection: %s": "not_tls",
    "Error registering fd event for the new client connection: %s (addr=%s laddr=%s)":
        "not_tls",
    # The server's own TLS setup (tls.c).
    "Failed to load certificate: %s: %s": db.OWN_FILE_SERVER,
    "Failed to load private key: %s: %s": db.OWN_FILE_SERVER,
    "Failed to configure CA certificate(s) file/directory: %s": db.OWN_FILE_SERVER,
    "Failed to configure ciphers: %s": _SERVER_FILE,
    "Failed to configure ciphersuites: %s": _SERVER_FILE,
    "No tls-cert-file configured!": _SERVER_FILE,
    "No tls-key-file configured!": _SERVER_FILE,
    "Either tls-ca-cert-file or tls-ca-cert-dir must be specified when tls-cluster, "
    "tls-replication or tls-auth-clients are enabled!": _SERVER_FILE,
    "Invalid tls-protocols configuration string": _SERVER_FILE,
    "Invalid tls-protocols specified. Use a combination of 'TLSv1', 'TLSv1.1', 'TLSv1.2' and "
    "'TLSv1.3'.": _SERVER_FILE,
    "TLSv1.3 is specified in tls-protocols but not supported by OpenSSL.": _SERVER_FILE,
    # redis-cli's and hiredis's own files and options.
    "Invalid CA Certificate File/Directory": common.CLIENT_CONFIG,
    "Failed to use default CA paths": common.CLIENT_CONFIG,
    "Failed to load CA Certificate or CA Path": common.CLIENT_CONFIG,
    "Failed to open system certificate store": common.CLIENT_CONFIG,
    "Failed to add CA certificates obtained from system to the SSL context":
        common.CLIENT_CONFIG,
    "Invalid client certificate": db.OWN_FILE,
    "Invalid private key": db.OWN_FILE,
    "Failed to load client certificate": db.OWN_FILE,
    "Failed to load private key": db.OWN_FILE,
    "Client cert and key must both be specified or skipped": common.CLIENT_CONFIG,
    "Error while configuring ciphers": common.CLIENT_CONFIG,
}

MEANING = {
    "Error accepting a client connection: %s": "Redis (server log): a client's TLS "
                                               "handshake failed",
    "Error accepting a client connection: %s (conn: %s)": "Redis (server log): a client's "
                                                          "TLS handshake failed",
    "Error accepting a client connection: %s (addr=%s laddr=%s)":
        "Redis (server log): a client's TLS handshake failed",
}

RULES = (
    (r".", "not_tls", "allocation and internal failures"),
)
