"""vsftpd (a mirror of its release tarballs, dagwieers/vsftpd 2.3.5 and 3.0.2): the replies
its TLS code sends (ssl.c, ftpdataio.c, prelogin.c, postlogin.c), its start-up deaths
("500 OOPS: SSL: cannot load RSA certificate") and its data-channel reuse log line.

"522 SSL connection failed; session reuse required: see require_ssl_reuse ..." is the
client not resuming the control connection's TLS session on the data connection
(judgement/_ftp.py REUSE); without the hint the data connection's handshake failed for a
reason the reply does not say. "530 Non-anonymous sessions must use encryption." is
force_local_logins_ssl meeting a plain client; "Anonymous sessions may not use encryption"
is allow_anon_ssl=NO meeting an FTPS client logging in anonymously."""

from __future__ import annotations

from . import _common as common
from . import _ftp as ftp

JUDGE = {
    "SSL connection failed; session reuse required": ftp.REUSE,
    "No SSL session reuse on data channel.": ftp.REUSE,
    "SSL connection failed": ftp.DATA_HANDSHAKE,
    "Negotiation failed": common.HANDSHAKE,
    "Non-anonymous sessions must use encryption.": ftp.TLS_REQUIRED,
    "Anonymous sessions must use encryption.": ftp.TLS_REQUIRED,
    "Data connections must be encrypted.": ftp.TLS_REQUIRED,
    "Anonymous sessions may not use encryption.":
        "client_misconfiguration:.5 server_misconfiguration:.5 | reason",
    "PBSZ needs a secure connection.": ftp.SEQUENCE + " | specific",
    "PROT needs a secure connection.": ftp.SEQUENCE + " | specific",
    "Unknown AUTH type.": ftp.SEQUENCE + " | specific",
    "Missing cert on data channel.":
        "client_cert_required:.55 client_misconfiguration:.45 | specific",
    "SSL: could not allocate SSL context": ftp.SERVER_FILES,
    "SSL: cannot load RSA certificate": ftp.SERVER_FILES,
    "SSL: cannot load RSA private key": ftp.SERVER_FILES,
    "SSL: cannot load DSA certificate": ftp.SERVER_FILES,
    "SSL: cannot load DSA private key": ftp.SERVER_FILES,
    "SSL: could not set cipher list": ftp.SERVER_FILES,
    "SSL: RNG is not seeded": ftp.SERVER_FILES,
    "SSL: could not load verify file": ftp.SERVER_FILES,
    "SSL: could not load client certs file": ftp.SERVER_FILES,
    "SSL: ssl_enable is set but SSL support not compiled in": ftp.SERVER_FILES,
    "PBSZ set to 0.": "no_fault",
    "PROT now Clear.": "no_fault",
    "PROT now Private.": "no_fault",
}

RULES = (
    (r"^SSL: ", ftp.SERVER_FILES, "its TLS set-up at start (3.0.3's DH and EC parameters)"),
    (r".", "not_tls", "PROT levels it does not support, EPRT/network protocol replies"),
)
