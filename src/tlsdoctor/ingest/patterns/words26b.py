"""Round 26: holdout32's classes, each from the printing program's own words.

- OBS Studio's librtmp (obsproject/obs-studio @ f86e9c1d59c9fce27ab962d2aca94f76d90abc04
  plugins/obs-outputs/librtmp/rtmp.c; rtmpdump's librtmp prints the same "%s, no SSL/TLS
  support" from RTMP_Connect1): "no SSL/TLS support" is the #else branch of a build without
  a TLS library, reached when the URL asked for TLS (rtmps://): this client cannot speak TLS
  at all, the build's fault. Its CA-store lines ("RTMP_TLS_LoadCerts: Failed to load root
  certificate chains, RTMPS connections will likely fail", and the mbedTLS parse of
  /etc/ssl/certs or /etc/ssl/cert.pem before it) say the client has no roots to verify with.
  Its "Cert verify failed" and "TLS_Connect failed: -0x..." lines are mbedTLS's own words,
  read by patterns/mbedtls.py.
- Greenbone/OpenVAS's TLS findings (qweasader/gbn @ 3c678d4ca512a80bdc950903c83101284a4ce7a3,
  a mirror of Greenbone's community feed: 2021/gb_tlsv10_v11_detect.nasl OID
  1.3.6.1.4.1.25623.1.0.117274, 2015/sw_sslv2_v3_detect.nasl OID ...111012,
  2012/gb_ssl_tls_ciphers_weak_report.nasl OID ...103440, 2016/gb_https_only_weak_ciphers.nasl
  OID ...108031, gb_print_ciphers.inc): the VT names a report prints and their result lines
  ("In addition to TLSv1.2+ the service is also providing the deprecated TLSv1.1 protocol",
  "'Weak' cipher suites accepted by this service via the TLSv1.0 protocol:"). They are a
  scan of a server that answered: what it offers, no failed handshake.
- Name resolution failures inside aiohttp's ClientConnectorError (aio-libs/aiohttp @
  495e778360d1924da63e16dba0f0d76baf56a56a aiohttp/client_exceptions.py "Cannot connect to
  host {host}:{port} ssl:{ssl} [{strerror}]", aiohttp/resolver.py): the bracket holds the
  resolver's text. AsyncResolver (aiodns) raises OSError(None, <c-ares message>) or "DNS
  lookup failed" (c-ares/c-ares @ 589b5887d47736e5b70a1fddaf9bf90297adde65
  src/lib/ares_strerror.c); ThreadedResolver re-raises getaddrinfo's socket.gaierror, whose
  text on musl (Alpine: Home Assistant's containers) is musl's gai_strerror (bminor/musl @
  86373b4999bfd9a9379bc4a3ca877b1c80a2a340 src/network/gai_strerror.c: EAI_AGAIN "Try
  again", EAI_NONAME "Name does not resolve", EAI_NODATA "Name has no usable address",
  EAI_FAIL "Non-recoverable error"). c-ares's DNS-specific messages are its own wording and
  read anywhere; musl's short ones only inside aiohttp's brackets.
- blockcheck's HTTPS test (ValdikSS/blockcheck @ 81879695b768c28d12597718577cad2f6859b874
  blockcheck.py test_https_cert/_get_url; the 2015 summary line at 9852b21b^): "[☠] Сертификат
  подменяется" ("the certificate is being substituted") is printed for any failed
  verification of a test site's certificate (ssl.CertificateError, or an SSLError with
  CERTIFICATE_VERIFY_FAILED), reached at the address Google's DNS API gives, with SNI. The
  tool's purpose is an ISP's substitution, so interception first, but the words cover every
  verification failure (an expired certificate of the test site too): below 0.6.
- curl's Schannel read failing with SEC_E_CONTEXT_EXPIRED (curl/curl @
  5c61e168698a72b87437d58ed728bcdea6d5db42 lib/vtls/schannel.c schannel_recv: any
  DecryptMessage status but OK, renegotiate, close_notify and incomplete prints "schannel:
  failed to read data from server: %s"): after a completed handshake Schannel calls its own
  context ended. That is the client's TLS stack mishandling what the server sent after the
  handshake (TLS 1.3's post-handshake messages, which Schannel reports as renegotiation;
  curl/curl#18029, a1850ad's renegotiation regression), not a refusal: the workaround is the
  client's (--tls-max 1.2, or another TLS back end). A ranking below 0.6.
- grpcurl's "Failed to dial target host %q: context deadline exceeded"
  (fullstorydev/grpcurl @ afea969b8a8eef25a48bd8def90efb4aa36c81de cmd/grpcurl/grpcurl.go,
  grpcurl.go BlockingDial): grpcurl reports a TLS handshake error the moment the client side
  fails it (errSignalingCreds), so a bare deadline means no client-side handshake error: the
  server never became ready - not listening or unreachable (grpc-go retries a refused
  connect silently), a TLS/plaintext mismatch the server closes, or a TLS 1.3 server that
  rejects the client's missing certificate after the client finished its handshake. A
  ranking below 0.6.
- JSSE's "Certificate chaining error" (JetBrains/jdk8u_jdk @
  94318f9185757cc33d2b8d527d36be26ac6b7582 src/share/classes/sun/security/validator/
  ValidatorException.java T_NAME_CHAINING, SimpleValidator.java engineValidate; the SunX509
  TrustManagerFactory's validator, TrustManagerFactoryImpl.SimpleFactory): the chain as the
  server sent it already reached a trusted certificate (buildTrustedChain, else "No trusted
  certificate found"), but one certificate's issuer is not the subject of the next one sent:
  the chain is out of order or carries a wrong/extra certificate. IBM's JSSE prints the same
  words for a signer missing from its trust store (IBM Security Directory Integrator scripts
  import the certificate on it), so an untrusted root stays second; below 0.6.
"""

from __future__ import annotations

from . import CATEGORY, REASON, SPECIFIC, Pattern, Row, sourced_table

_OBS = ("obsproject/obs-studio @ f86e9c1d59c9fce27ab962d2aca94f76d90abc04 "
        "plugins/obs-outputs/librtmp/rtmp.c (RTMP_Connect1, RTMP_TLS_LoadCerts)")
_GBN = "qweasader/gbn @ 3c678d4ca512a80bdc950903c83101284a4ce7a3 "
_AIOHTTP = ("aio-libs/aiohttp @ 495e778360d1924da63e16dba0f0d76baf56a56a "
            "aiohttp/client_exceptions.py (ClientConnectorError.__str__), aiohttp/resolver.py")
_CARES = ("c-ares/c-ares @ 589b5887d47736e5b70a1fddaf9bf90297adde65 "
          "src/lib/ares_strerror.c")
_BLOCKCHECK = ("ValdikSS/blockcheck @ 81879695b768c28d12597718577cad2f6859b874 blockcheck.py "
               "(test_https_cert, _get_url; summary lines, the 2015 one at 9852b21b^)")
_CURL_SCHANNEL = ("curl/curl @ 5c61e168698a72b87437d58ed728bcdea6d5db42 lib/vtls/schannel.c "
                  "(schannel_recv); Windows winerror.h SEC_E_CONTEXT_EXPIRED 0x80090317")
_GRPCURL = ("fullstorydev/grpcurl @ afea969b8a8eef25a48bd8def90efb4aa36c81de "
            "cmd/grpcurl/grpcurl.go, grpcurl.go (BlockingDial, errSignalingCreds)")
_SIMPLE_VALIDATOR = ("JetBrains/jdk8u_jdk @ 94318f9185757cc33d2b8d527d36be26ac6b7582 "
                     "src/share/classes/sun/security/validator/SimpleValidator.java, "
                     "ValidatorException.java (T_NAME_CHAINING)")
_MUSL = "bminor/musl @ 86373b4999bfd9a9379bc4a3ca877b1c80a2a340 src/network/gai_strerror.c"

# c-ares's messages that say a DNS look-up failed (ares_strerror.c), and musl's gai_strerror
# texts for the same (EAI_AGAIN, EAI_NONAME, EAI_NODATA, EAI_FAIL).
_CARES_DNS = (r"DNS server returned answer with no data|DNS server returned general failure"
              r"|DNS server refused query|Could not contact DNS servers"
              r"|Timeout while contacting DNS servers|No DNS servers were configured"
              r"|DNS server claims query was misformatted")
_MUSL_DNS = (r"Try again|Name does not resolve|Name has no usable address"
             r"|Non-recoverable error")
_DNS = "name_resolution_or_unreachable:1"

_ROWS: list[tuple[str, str, Row]] = [
    # OBS Studio's (and rtmpdump's) librtmp
    ("librtmp", "client", (r"\bRTMP_Connect1, no SSL/TLS support\b",
                           "librtmp: this build has no TLS library, and the URL asked for "
                           "TLS (rtmps://): it cannot make a TLS connection at all; use a "
                           "build with TLS (OBS: built with mbedTLS)",
                           "client_misconfiguration:1", REASON, _OBS, "no ssl/tls support")),
    ("librtmp", "client", (r"\bRTMP_TLS_LoadCerts: Failed to load root certificate chains\b",
                           "librtmp: it could not load the system's root certificates, so "
                           "RTMPS servers' certificates cannot be verified",
                           "client_misconfiguration:.8 cert_untrusted_root:.2", SPECIFIC, _OBS,
                           "rtmp_tls_loadcerts")),
    ("librtmp", "client", (r"\bmbedtls_x509_crt_parse_(?:path|file): Couldn't parse "
                           r"/etc/ssl/cert",
                           "librtmp (mbedTLS): the system's root certificates "
                           "(/etc/ssl/certs or /etc/ssl/cert.pem) could not be read",
                           "client_misconfiguration:.8 cert_untrusted_root:.2", SPECIFIC, _OBS,
                           "couldn't parse /etc/ssl/cert")),
    # curl on Schannel: the context ended on a read after the handshake
    ("curl", "client", (r"\bschannel: failed to read data from server: (?:SEC_E_CONTEXT_EXPIRED"
                        r"|Unknown error \(0x80090317\))",
                        "curl (Schannel): reading after the handshake, Windows called its TLS "
                        "context ended (SEC_E_CONTEXT_EXPIRED): the client's TLS stack "
                        "mishandled the server's post-handshake messages (TLS 1.3); try "
                        "--tls-max 1.2 or another TLS back end (OpenSSL)",
                        "client_misconfiguration:.5 middlebox_or_firewall_interference:.25 "
                        "server_misconfiguration:.25", SPECIFIC, _CURL_SCHANNEL,
                        "schannel: failed to read data from server: ")),
    # grpcurl: the dial timed out without a client-side handshake error
    ("grpcurl", "client", (r"\bFailed to dial target host \"[^\"\n]{1,300}\": context deadline "
                           r"exceeded",
                           "grpcurl: the server never became ready within the connect timeout, "
                           "and the client saw no TLS handshake error: not listening or "
                           "unreachable, a TLS/plaintext mismatch (-plaintext), or a server "
                           "that drops the connection after the handshake (a client "
                           "certificate it requires: -cert/-key)",
                           "name_resolution_or_unreachable:.35 client_cert_required:.25 "
                           "non_tls_service_on_port:.2 middlebox_or_firewall_interference:.2",
                           CATEGORY, _GRPCURL, "failed to dial target host")),
    # JSSE's SimpleValidator (SunX509 trust managers): the chain sent does not chain by name
    ("java", "client", (r"\b(?:SSLHandshakeException|CertificateException|ValidatorException|"
                        r"CertPathValidatorException)"
                        r":? Certificate chaining error\b",
                        "JSSE (SunX509 trust manager): the chain the server sent reached a "
                        "trusted certificate, but one certificate's issuer is not the next "
                        "one's subject - the chain is out of order or carries a wrong or "
                        "extra certificate",
                        "bad_chain_order_or_extra:.45 cert_untrusted_root:.25 "
                        "incomplete_chain:.2 server_misconfiguration:.1", REASON,
                        _SIMPLE_VALIDATOR, "certificate chaining error")),
    # blockcheck: any failed verification of a test site's certificate
    ("blockcheck", "client", (r"\[☠\] Сертификат подменяется|\bВаш провайдер (?:лезет в HTTPS"
                              r"|подменяет HTTPS-сертификат)",
                              "blockcheck: a test site's certificate failed verification "
                              "(the tool reads it as the provider substituting certificates; "
                              "it prints the same for any verification failure)",
                              "tls_interception_mitm:.4 cert_expired:.2 cert_untrusted_root:.15 "
                              "hostname_mismatch:.15 incomplete_chain:.1", CATEGORY,
                              _BLOCKCHECK, "")),
    # Greenbone/OpenVAS: the VT names a report prints, and their result lines
    ("openvas", "", (r"\bSSL/TLS: Deprecated (?:TLSv1\.0 and TLSv1\.1|SSLv2 and SSLv3) "
                     r"Protocol Detection\b",
                     "Greenbone/OpenVAS: the server accepts a deprecated protocol version "
                     "(TLS 1.0/1.1 or SSLv2/SSLv3); disable it in the server's TLS settings",
                     "obsolete_protocol_enabled:1", REASON,
                     _GBN + "2021/gb_tlsv10_v11_detect.nasl, 2015/sw_sslv2_v3_detect.nasl",
                     "protocol detection")),
    ("openvas", "", (r"\b(?:In addition to TLSv1\.[02]\+ the service is also|The service is "
                     r"only) providing the deprecated (?:TLSv1\.[01]|SSLv[23])\b",
                     "Greenbone/OpenVAS: the server accepts a deprecated protocol version",
                     "obsolete_protocol_enabled:1", REASON,
                     _GBN + "2021/gb_tlsv10_v11_detect.nasl, 2015/sw_sslv2_v3_detect.nasl",
                     "providing the deprecated")),
    ("openvas", "", (r"\bSSL/TLS: Report (?:Weak Cipher Suites|Vulnerable Cipher Suites for "
                     r"HTTPS)\b",
                     "Greenbone/OpenVAS: the server accepts weak cipher suites (RC4, 3DES and "
                     "other 64-bit block ciphers, export or NULL suites); remove them from "
                     "its cipher list",
                     "weak_cipher_or_no_pfs:1", REASON,
                     _GBN + "2012/gb_ssl_tls_ciphers_weak_report.nasl, "
                     "2016/gb_https_only_weak_ciphers.nasl", "ssl/tls: report ")),
    ("openvas", "", (r"(?<!No )'(?:Weak|Vulnerable|Null|Anonymous)' cipher suites accepted by "
                     r"this service via the (?:SSLv3|TLSv1\.[0-3]) protocol",
                     "Greenbone/OpenVAS: the server accepts weak cipher suites",
                     "weak_cipher_or_no_pfs:1", REASON,
                     _GBN + "gb_print_ciphers.inc (print_cipherlist)",
                     "cipher suites accepted by this service via the")),
    # aiohttp's connector error around a resolver's failure: below a TLS reason printed
    # beside it (a log with a certificate failure for one host and a look-up failure for
    # another keeps the certificate's reason first). "ssl:" is "default", True/False, or the
    # repr of the SSLContext or Fingerprint the caller passed ("<ssl.SSLContext object at
    # 0x7f...>", spaces and all: client_exceptions.py formats self.ssl itself).
    ("aiohttp", "client", (r"\bCannot connect to host \S{1,300}:\d{1,5} ssl:(?:<[^<>\n]{1,200}>"
                           r"|\S{1,100}) \[(?:"
                           + _CARES_DNS + "|" + _MUSL_DNS + r"|DNS lookup failed)\]",
                           "aiohttp: the host name could not be resolved (the resolver's "
                           "text in brackets), before any TLS",
                           _DNS, SPECIFIC, _AIOHTTP + "; " + _CARES + "; " + _MUSL,
                           "cannot connect to host ")),
    # c-ares's own DNS failure messages (pycares/aiodns, curl's c-ares resolver, Node's dns)
    ("c_ares", "client", (r"\b(?:" + _CARES_DNS + r")\b",
                          "c-ares: the DNS look-up failed; the host name did not resolve",
                          _DNS, CATEGORY, _CARES, "dns")),
]

PATTERNS: tuple[Pattern, ...] = sourced_table("r26b", _ROWS)
