"""Round 15 audit table: a server's own log, servers x line kinds x contexts.

Each line is a server program's own wording (ingest/server_log.py LINES names the upstream
file and commit), filled in as the server prints it. Each context is how the line reaches a
poster: bare, under syslog's or journald's prefix, under docker compose's service prefix,
after the server's start-up banner. What each kind must give comes from the class's
reasoning (server_log docstring), not from the table's claims:

* warning: a start-up warning that fails no handshake -> no finding at all;
* config: the server's TLS configuration failed -> server_misconfiguration first, the
  server's to fix;
* left: one client left during the handshake, no reason -> no finding at all;
* version: a client hello refused for its version -> protocol_version_mismatch first, below
  0.6 (LibreSSL stamps a plain-text first record with the same state).
"""

from __future__ import annotations

# (program, kind) -> lines, each one the server's own words
LINES: dict[tuple[str, str], tuple[str, ...]] = {
    ("apache", "warning"): (
        "[ssl:warn] [pid 6054:tid 1399] AH01909: RSA certificate configured for ckan:443 does "
        "NOT include an ID which matches the server name",
        "[ssl:warn] [pid 64] AH01909: www.example.com:443:0 server certificate does NOT "
        "include an ID which matches the server name",
        "[ssl:warn] [pid 64] AH01909: localhost:443:0 server certificate does NOT include an "
        "ID which matches the server name",
        "[ssl:warn] [pid 211] AH01873: Init: Session Cache is not configured [hint: "
        "SSLSessionCache]",
        "[ssl:error] [pid 77] AH02604: Unable to configure certificate www.example.org:443:0 "
        "for stapling",
        "[ssl:warn] [pid 77] AH02218: ssl_stapling_init_cert: no OCSP URI in certificate and "
        "no SSLStaplingForceURL set [subject: CN=intranet]",
        "[ssl:warn] [pid 12] AH10235: SSLRandomSeed is deprecated and has no effect with "
        "OpenSSL 1.1.1 and later",
    ),
    ("nginx", "warning"): (
        "2024/03/01 10:00:00 [warn] 1#1: \"ssl_stapling\" ignored, not supported",
        "2024/03/01 10:00:00 [warn] 1#1: \"ssl_stapling\" ignored, no OCSP responder URL in "
        "the certificate \"/etc/ssl/self.crt\"",
        "2024/03/01 10:00:00 [warn] 1#1: \"ssl_early_data\" is not supported on this "
        "platform, ignored",
    ),
    ("apache", "config"): (
        "[ssl:emerg] [pid 3101] AH02572: Failed to configure at least one certificate and key "
        "for www.shop.test:443",
        "[ssl:emerg] [pid 3101] AH02312: Fatal error initialising mod_ssl, exiting.",
        "[ssl:emerg] [pid 3101] AH02565: Certificate and private key www.shop.test:443:0 from "
        "/etc/ssl/shop.crt and /etc/ssl/other.key do not match",
        "[ssl:emerg] [pid 3101] AH02240: Server should be SSL-aware but has no certificate "
        "configured [Hint: SSLCertificateFile] (/etc/apache2/sites-enabled/ssl.conf:3)",
        "[ssl:emerg] [pid 3101] AH01898: Unable to configure permitted SSL ciphers",
    ),
    ("nginx", "config"): (
        "2024/03/01 10:00:00 [emerg] 1#1: cannot load certificate \"/etc/nginx/site.crt\": "
        "BIO_new_file() failed (SSL: error:80000002:system library::No such file or "
        "directory:calling fopen(/etc/nginx/site.crt, r))",
        "nginx: [emerg] no \"ssl_certificate\" is defined for the \"listen ... ssl\" directive "
        "in /etc/nginx/conf.d/default.conf:2",
        "nginx: [emerg] SSL_CTX_set_cipher_list(\"FOO\") failed (SSL: error:0A0000B9:SSL "
        "routines::no cipher match)",
    ),
    ("haproxy", "config"): (
        "[ALERT]    (1) : config : parsing [/etc/haproxy/haproxy.cfg:40] : 'bind :443' : "
        "unable to load SSL private key into SSL Context '/etc/haproxy/site.pem'.",
        "[ALERT]    (1) : config : inconsistencies between private key and certificate loaded "
        "'/etc/haproxy/site.pem'.",
        "[ALERT]    (1) : config : Proxy 'fe': unable to set SSL cipher list to 'FOO' for bind "
        "':443' at [/etc/haproxy/haproxy.cfg:21].",
    ),
    ("postfix", "config"): (
        "postfix/smtpd[12615]: warning: cannot get RSA private key from file "
        "/etc/ssl/private/mail.key: disabling TLS support",
        "postfix/smtpd[2201]: warning: error loading private keys and certificates from: "
        "/etc/postfix/chain.pem: disabling TLS support",
    ),
    ("dovecot", "config"): (
        "imap-login: Error: Failed to initialize SSL server context: Can't load SSL "
        "certificate (ssl_server_cert_file setting): There is no valid PEM certificate.",
        "imap-login: Fatal: Couldn't initialize SSL server context: Can't set cipher list to "
        "'FOO' (ssl_cipher_list setting): error:0A0000B9:SSL routines::no cipher match",
    ),
    ("exim", "config"): (
        "2024-03-01 10:00:00 TLS error on connection from mx.example.net [192.0.2.7] "
        "(SSL_CTX_use_PrivateKey_file file=/etc/exim4/exim.key): error:8000000D:system "
        "library::Permission denied",
    ),
    ("mosquitto", "config"): (
        "1541833572: Error: Unable to load server key file \"/etc/mosquitto/ca/server.key\". "
        "Check keyfile.",
        "1541833572: Error: Unable to load server certificate \"/etc/mosquitto/certs/s.crt\". "
        "Check certfile.",
    ),
    ("postgres", "config"): (
        "2024-01-01 10:00:00.000 UTC [1] FATAL:  could not load server certificate file "
        "\"server.crt\": No such file or directory",
        "2024-01-01 10:00:00.000 UTC [1] FATAL:  private key file \"server.key\" has group "
        "or world access",
    ),
    # Round 21: ProFTPD 1.3.8's configuration check refusing mod_tls directives (measured here,
    # tests/ingest/test_round21_program_words_real.py; its OpenSSL queue on lines of their own)
    ("proftpd", "config"): (
        "2026-12-06 22:31:57,093 vm proftpd[27852]: fatal: TLSCipherSuite: unable to use "
        "ciphersuite 'NOSUCHCIPHER:!EXPORT': ",
        "2026-12-06 22:31:56,953 vm proftpd[27851]: fatal: TLSCertificateChainFile: unable to "
        "use '/etc/hostname': ",
        "2026-12-06 22:31:57,322 vm proftpd[27868]: fatal: TLSProtocol: unknown protocol: "
        "'TLSv1.9' on line 25 of '/etc/proftpd/tls.conf'",
    ),
    ("redis", "config"): (
        "1:M 21 Mar 2023 18:45:24.753 # Failed to load certificate: /tls/redis.crt: "
        "error:80000002:system library::No such file or directory",
        "1:M 21 Mar 2023 18:45:24.753 # Failed to configure TLS. Check logs for more info.",
    ),
    ("lighttpd", "config"): (
        "2024-01-01 10:00:00: (mod_openssl.c.1234) SSL: Private key does not match the "
        "certificate public key, reason: error:05800074:x509 certificate routines::key values "
        "mismatch /etc/lighttpd/server.pem /etc/lighttpd/server.key",
    ),
    ("openldap", "config"): (
        "slapd[350805]: main: TLS init def ctx failed: -1",
    ),
    ("keycloak", "config"): (
        "2022-06-29 04:32:07,232 ERROR [org.keycloak.quarkus.runtime.cli."
        "ExecutionExceptionHandler] (main) ERROR: Key material not provided to setup HTTPS. "
        "Please configure your keys/certificates or start the server in development mode.",
    ),
    ("haproxy", "left"): (
        "127.0.0.1:37320 [05/Dec/2026:21:24:50.177] tls/1: Connection closed during SSL "
        "handshake",
    ),
    ("apache", "left"): (
        "[ssl:info] [pid 91] [client 192.0.2.9:51234] AH02006: SSL handshake stopped: "
        "connection was closed",
        "[ssl:info] [pid 91] [client 192.0.2.9:51234] AH02007: SSL handshake interrupted by "
        "system [Hint: Stop button pressed in browser?!]",
    ),
    ("nginx", "left"): (
        "2024/03/01 10:00:00 [info] 7#7: *11 peer closed connection in SSL handshake while "
        "SSL handshaking, client: 192.0.2.9, server: 0.0.0.0:443",
    ),
    ("go", "left"): (
        "2022/02/01 12:03:13 http: TLS handshake error from 195.202.50.240:54303: EOF",
    ),
    ("openssl", "version"): (
        "SSL: error:1402710B:SSL routines:ACCEPT_SR_CLNT_HELLO_C:wrong version number",
        "140231:error:1408A10B:SSL routines:ssl3_get_client_hello:wrong version number:"
        "s3_srvr.c:1000:",
    ),
}

# How the line reaches the poster: "{}" is the line.
CONTEXTS: dict[str, str] = {
    "bare": "{}",
    "syslog": "Dec  6 05:40:01 host1 server[3120]: {}",
    "journald": "2026-12-06T05:40:01+0000 host1 server[3120]: {}",
    "compose": "web_1  | {}",
    "after_banner": "Server starting (pid 3120)\n{}",
}

NAMED_KINDS = ("warning", "config", "left", "version")
