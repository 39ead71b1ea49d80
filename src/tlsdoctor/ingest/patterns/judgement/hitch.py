"""hitch (varnish/hitch src/hitch.c, src/ocsp.c): the TLS proxy's log lines. A server's log:
a connection's lines name the client ("<ip>:<port> :<listen port> <fd>:<fd> ").

A failed handshake is "Handshake failure: <OpenSSL error string>" (log_ssl_error), read by
the OpenSSL tables (``elsewhere``; ingest/side.py knows the prefix is a server's). Start-up
lines are about hitch's own pem-file (certificate, chain and key in one file), ciphers and
OCSP staples: its configuration. The backend's own connection (plain TCP to Varnish) is not
the TLS connection's failure.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "Handshake failure: %s": "elsewhere",
    "SSL_read error: %s": "elsewhere",
    "SSL_write error: %s": "elsewhere",
    "{%s} Connection closed (in handshake)": common.EOF_CLOSED,
    "{%s} SSL socket error in handshake: %s": common.RESET,
    "SSL handshake timeout": common.HANDSHAKE_TIMEOUT,
    # hitch's alpn-protos list first: the proxy's own setting
    "ALPN: no overlap in protocols.": "server_misconfiguration:.55 client_misconfiguration:.45",
    "Unsuccessful NPN/ALPN negotiation": "server_misconfiguration:.55 "
                                         "client_misconfiguration:.45",
    "{core} SSL renegotiation asked by client": "no_fault",
    "Error loading OCSP response %s for stapling.": "server_misconfiguration:.7 "
                                                    "ocsp_must_staple_missing:.3",
    "Error loading private key (%s)": common.SERVER_CONFIG,
    "Could not read certificate '%s'": common.SERVER_CONFIG,
}

RULES = (
    (r"(?i)\{core\} (?:PEM_read_bio_PrivateKey|BIO_new_file)|SSL_CTX_use_PrivateKey|"
     r"Error loading certificate file|client_verify_ca|Error setting temp DH|"
     r"Configuring ecdh curves|Error loading status file|Error parsing OCSP staple|"
     r"ocsp-dir .{0,10}is not writable", common.SERVER_CONFIG,
     "hitch's own pem-file, CA file, DH or curve settings, OCSP files"),
    (r"SSL_CTX_set_cipher(?:_list|suites)", "server_misconfiguration:.8 "
     "cipher_suite_mismatch:.2 | reason", "a ciphers setting OpenSSL refuses"),
    (r"(?i)Staple verification failed|OCSP response for cert %s has status|"
     r"Certificate %s has status", "server_misconfiguration:.6 cert_revoked:.4",
     "the OCSP staple hitch fetched is bad or says revoked"),
    (r".", "not_tls", "sockets, workers, the backend, reloads, OCSP fetching: not the "
                      "client's TLS connection"),
)
