"""lighttpd's TLS modules (lighttpd/lighttpd1.4 src/mod_openssl.c, mod_gnutls.c,
mod_mbedtls.c, mod_wolfssl.c, mod_nss.c): every line they log, after the error log's
"YYYY-MM-DD HH:MM:SS: (mod_openssl.c.NNN) " prefix. A server's log.

Most are start-up lines about the server's own files and ssl.* settings: the server's
configuration. Handshake failures carry the TLS library's own text ("SSL: addr:%s
ssl_err:%d <OpenSSL error string>", mod_gnutls's "(GNUTLS_E_...) text"): those tables read
them (``elsewhere``); the wrapper tells the side (ingest/side.py). lighttpd drops the
commonest handshake errors (handshake failure, unexpected EOF, a client's unknown-CA,
certificate-unknown and bad-certificate alerts) unless debug.log-ssl-noise is enabled
(mod_openssl.c elogc). A client certificate that fails ssl.verifyclient is logged as
"verify error:num=N:<OpenSSL verify string>" (patterns/embedded17.py reads it by number).
"""

from __future__ import annotations

from . import _common as common

_CIPHERS = "server_misconfiguration:.8 cipher_suite_mismatch:.2 | reason"
_MUST_STAPLE = "ocsp_must_staple_missing:.7 server_misconfiguration:.3 | reason"

JUDGE = {
    "SSL: addr:%s ssl_err:%d %s": "elsewhere",
    "SSL: accept %s": "elsewhere",
    "SSL: addr:%s issuer=%s": "elsewhere",
    "SSL: issuer=%s": "elsewhere",
}

RULES = (
    # 1.4.59-1.4.69's handshake lines: "SSL: <ssl_err> <errno> <OpenSSL error string>"
    (r"^SSL(?: \(error\))?: (?:%d )+|^SSL(?: \(error\))?: (?:%d )*%d: %s$|^SSL: %s$|"
     r"verify error:num=%d:%s|alert %s|^MTLS: Reading mbedtls", "elsewhere",
     "the TLS library's error string or verify text inside: its table reads it"),
    (r"renegotiation initiated by client", "client_misconfiguration:.7 "
     "middlebox_or_firewall_interference:.3", "a client that renegotiates, refused"),
    (r"peer closed connection", common.EOF_CLOSED, "the client closed during the handshake"),
    (r"client cert not trusted", "cert_untrusted_root:.7 client_cert_required:.3 | reason",
     "the client's certificate is not from a CA in ssl.verifyclient.ca-file"),
    (r"client cert chain too long", common.PURPOSE, "the client's chain is too long"),
    (r"^(?:GnuTLS|MTLS|NSS): %s(?:: \(%s\) %s)?$|^MTLS: %s: |"
     r"^(?:GnuTLS: GnuTLS|MTLS: MTLS)|^%s\(\) %s$|^%s = %s$|^%s dir:|"
     r"^(?:GnuTLS|MTLS|NSS): addr:%s (?:%s\(\)|mod_mbedtls_ssl_read_err)", "elsewhere",
     "the TLS library's own error string inside: its table reads it"),
    (r"addr:%s ssl_err:%d (?:rd:%d |wr:%d |ret:%d )?errno:%d", common.RESET,
     "a system error (the client reset or left) during the handshake or I/O"),
    (r"ALPN h2 without SNI", common.SNI, "an HTTP/2 client that sent no server name"),
    (r"ALPN h2 requires TLSv1\.2", common.VERSION_OR_CLIENT, "HTTP/2 over an old TLS version"),
    (r"SNI name too long", "client_misconfiguration:.6 middlebox_or_firewall_interference:.4",
     "a server name longer than a host name can be"),
    (r"(?i)Private key does not match|did not verify", "server_misconfiguration:1 | reason",
     "the server's certificate and key are not a pair"),
    (r"inactive/expired X509 certificate", "cert_expired:.8 cert_not_yet_valid:.2 | reason",
     "the server's own certificate is outside its validity dates"),
    (r"OCSP Must-Staple", _MUST_STAPLE, "a must-staple certificate with no valid OCSP response"),
    (r"(?i)openssl library version is outdated|is deprecated|empty-fragments|If needed, use|"
     r"priority string|\*crippled\*|entropy|ech_|ECHSTORE|"
     r"close_notify|PR_Shutdown|kern\.ipc|ktls|session ticket|ticket_|SUITEB defaults|"
     r"wolfSSL_(?:Init|Cleanup)|random number|does not support TLS extensions|"
     r"not configured for socket|No error strings", "not_tls",
     "start-up notices, ECH, ticket keys, shutdown: not a failed connection"),
    (r"(?i)cipher|priority_init|curve|groups", _CIPHERS,
     "a cipher, curve or priority setting the library refuses"),
    (r"(?i)ssl-conf-cmd .{0,20}ignored", "server_misconfiguration:.6 "
     "protocol_version_mismatch:.2 cipher_suite_mismatch:.2",
     "an ssl.openssl.ssl-conf-cmd entry lighttpd ignored"),
    (r"(?i)verifyclient|ssl\.ca-file|ca-dn-file|pemfile|ssl\.engine|cert|key|PEM|DH|BIO_|SSL_CONF|SSL_CTX|OSSL_STORE|"
     r"stapling|OCSP|acme-tls|error loading|open file|gnutls_|mbedtls_|PK11_|SSL_|CRL|"
     r"scope|config condition|ech-opts|cert copy|ssl_setup", common.SERVER_CONFIG,
     "the server's own files or ssl.* settings"),
    (r".", "not_tls", "anything else these modules log"),
)
