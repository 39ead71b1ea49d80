"""Pure-FTPd (jedisct1/pure-ftpd src/messages_en.h MSG_TLS_*, MSG_PROT_*; src/tls.c).

MSG_TLS_NEEDED ("Sorry, cleartext sessions and weak ciphers are not accepted on this
server.") is sent in two places: a command on a plain connection when TLS is required
(ftp_parser.c, -Y 2/3) and a failed SSL_accept() (tls.c tls_init_new_session): a plain
client first, then a handshake that found no version or cipher in common. Its second line
("Please reconnect using TLS security mechanisms.") asks the client for FTPS. "TLS: Cipher
too weak" is a cipher below 128 bits the client chose. The external certificate handler's
short words ("Missing certificate", "SSL error") are other programs' phrases too: not read."""

from __future__ import annotations

from . import _ftp as ftp

JUDGE = {
    "MSG_TLS_NEEDED": "client_misconfiguration:.5 protocol_version_mismatch:.25 "
                      "cipher_suite_mismatch:.25 | specific",
    "MSG_TLS_NEEDED.1": ftp.TLS_REQUIRED,
    "MSG_TLS_WEAK": "client_misconfiguration:.55 cipher_suite_mismatch:.45 | reason",
    "MSG_TLS_CIPHER_FAILED": ftp.SERVER_FILES,
    "MSG_TLS_NO_CTX": ftp.SERVER_FILES,
    "MSG_PROT_PRIVATE_NEEDED": ftp.TLS_REQUIRED,
    "MSG_PROT_BEFORE_PBSZ": ftp.SEQUENCE + " | specific",
    # tls_error(): ERR_error_string() of a context set-up step (the certificate, the key
    # and their pair): the OpenSSL table reads the reason.
    "TLS [%s](%d): %s": "server_misconfiguration:.9 client_misconfiguration:.1 | category",
    # tls.c tls_load_cert_file(): SSL_CTX_use_certificate_chain_file() or
    # SSL_CTX_use_PrivateKey_file() failed (round 18, run on 1.0.50 with OpenSSL 3: a
    # certificate file without its key names that file, the key being read from the
    # certificate's file by default; a key of another certificate names the key file).
    "MSG_FILE_DOESNT_EXIST: [%s]": ftp.SERVER_FILES,
    "MSG_TLS_INFO": "no_fault",
    "MSG_PROT_OK": "no_fault",
    "MSG_PROT_UNKNOWN_LEVEL": "no_fault",
    "SNI: [%s]": "no_fault",
}

RULES = (
    (r".", "not_tls", "the certificate handler's short words, curve notes"),
)
