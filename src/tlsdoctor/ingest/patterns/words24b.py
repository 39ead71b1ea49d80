"""Round 24: programs' own sentences for causes their words name outright.

- nassl (sslyze's OpenSSL wrapper; nabla-c0d3/nassl @ b08d317e6fee7540d617bf798d3fdd918001bee2
  nassl/ssl_client.py ClientCertificateRequested): do_handshake raises it when the server
  asked for a client certificate and none was given ("Server requested a client certificate
  issued by one of the following CAs: %s." or, with no CA list, "Server requested a client
  certificate.").
- aws-crt-python 0.38.1 (its bundled aws-c-io, run here: a DER file given to
  TlsContextOptions.override_default_trust_store_from_path, which reads the file and passes
  its bytes): "static: Invalid CA buffer. Buffer must contain PEM encoded data", the same
  check as the harvested "Invalid CA file" sentence (judgement/aws_c_io.py) in that
  release's words.
- JSSE's debug trace (javax.net.debug, JDK 8: JetBrains/jdk8u_jdk @
  94318f9185757cc33d2b8d527d36be26ac6b7582 src/share/classes/sun/security/ssl/
  OutputRecord.java): "WRITE: SSLv2 client hello message" is printed only when the first
  ClientHello went out in the SSLv2 format (useV2Hello(): SSLv2Hello enabled, off by default
  for clients since JDK 7). A fatal alert received next (SSLSocketImpl.recvAlert's "RECV
  <version> ALERT:  fatal, ...") or the connection closed there is a server refusing that
  hello: SSLv2 framing carries no TLS version above what it announces and no extensions, so
  the fix is the client's (SSLv2Hello off, TLS 1.x offered in the TLS format).
- libacvp (NIST ACVP's client library; cisco/libacvp @
  1877259518794f43e4e679f4c5864efa12c32e13 src/acvp_transport.c, both spellings) stops with
  "Error setting curl option CURLOPT_SSLVERSION, stopping" ("CURLOPT_SSL_VERSION" in its
  POST path) when curl_easy_setopt refuses CURL_SSLVERSION_TLSv1_2. curl refuses that value
  only when it is beyond what the linked libcurl knows, or the libcurl has no TLS at all
  (curl/curl @ 5c61e168698a lib/setopt.c Curl_setopt_SSLVERSION, built only with USE_SSL):
  the client's own libcurl build, before any connection.
- The certificate-bundle verify callback of ESP-IDF (espressif/esp-idf @
  5947ebe427d70ca7ca2ccef76b6c74921ac4fa08 components/mbedtls/esp_crt_bundle/
  esp_crt_bundle.c, TAG "esp-x509-crt-bundle") and of its ports in CircuitPython
  (adafruit/circuitpython @ 603f9e13755b6faaee5018ebea968bad1c641633
  lib/mbedtls_config/crt_bundle.c, TAG "x509-crt-bundle") and MicroPython: it runs on the
  first certificate of the chain that mbedTLS could not trust and logs "Failed to verify
  certificate" before returning MBEDTLS_ERR_X509_FATAL_ERROR (-0x3000, -12288) when no root
  in the device's bundle issued it. So the server's chain leads to a root the device's
  bundle lacks, or stops at a leaf whose intermediate was not sent (the bundle holds
  roots only); mbedTLS's own text for that code ("the chain is too long or the vrfy
  callback failed") says neither.
"""

from __future__ import annotations

from . import REASON, SPECIFIC, Pattern, Row, sourced_table

_NASSL = ("nabla-c0d3/nassl @ b08d317e6fee7540d617bf798d3fdd918001bee2 nassl/ssl_client.py "
          "(ClientCertificateRequested)")
_CRT = ("aws-crt-python 0.38.1 (its aws-c-io's tls_channel_handler.c, printed on this "
        "machine for a DER trust file)")

_JSSE = ("JetBrains/jdk8u_jdk @ 94318f9185757cc33d2b8d527d36be26ac6b7582 "
         "sun/security/ssl/OutputRecord.java (V3toV2ClientHello), SSLSocketImpl.java "
         "(recvAlert)")

_ACVP = ("cisco/libacvp @ 1877259518794f43e4e679f4c5864efa12c32e13 src/acvp_transport.c; "
         "curl/curl @ 5c61e168698a72b87437d58ed728bcdea6d5db42 lib/setopt.c")

_BUNDLE = ("espressif/esp-idf @ 5947ebe427d70ca7ca2ccef76b6c74921ac4fa08 components/mbedtls/"
           "esp_crt_bundle/esp_crt_bundle.c; adafruit/circuitpython @ "
           "603f9e13755b6faaee5018ebea968bad1c641633 lib/mbedtls_config/crt_bundle.c")

_ROWS: list[tuple[str, Row]] = [
    ("mbedtls", (r"(?m)(?:\bx509-crt-bundle: ?|^[ \t]*)Failed to verify certificate[ \t]*\n"
                 r"(?:[^\n]{0,300}\n){0,6}?[^\n]{0,300}?(?:\bMBEDTLS_ERR_X509_FATAL_ERROR\b"
                 r"|-0x3000\b|\(-12288,)",
                 "mbedTLS's certificate bundle (ESP-IDF, CircuitPython, MicroPython): no root "
                 "in the device's bundle issued the server's chain",
                 "cert_untrusted_root:.4 client_misconfiguration:.3 incomplete_chain:.3", REASON,
                 _BUNDLE, "failed to verify certificate")),
    ("libacvp", (r"\bError setting curl option CURLOPT_SSL_?VERSION, stopping\b",
                 "libacvp: the linked libcurl refused to be set to TLS 1.2 (a libcurl too old "
                 "for that value, or built without TLS): the client's own build",
                 "client_misconfiguration:1", REASON, _ACVP, "curlopt_ssl")),
    ("java", (r"\bWRITE: SSLv2 client hello message, length = \d{1,6}\n(?:[^\n]{0,300}\n)"
              r"{0,8}?[^\n]{0,200}?(?:\bRECV (?:SSLv3|TLSv1(?:\.[123])?) ALERT: +fatal, "
              r"|\bRemote host closed connection during handshake\b"
              r"|\bjava\.net\.SocketException: Connection reset\b)",
              "Java (javax.net.debug): the server refused the ClientHello sent in the old "
              "SSLv2 format (SSLv2Hello enabled on the client)",
              "protocol_version_mismatch:.55 client_misconfiguration:.45", SPECIFIC, _JSSE,
              "sslv2 client hello message")),
    # the sentence with its CA list is nassl's own; the one without it only after the
    # exception's name (curl's "Server requested a client certificate during the
    # handshake" is a step, not a failure)
    ("nassl", (r"\bServer requested a client certificate issued by one of the following "
               r"CAs: |\bClientCertificateRequested: Server requested a client certificate\.",
               "nassl (sslyze): the server asked for a client certificate and none was given",
               "client_cert_required:1", REASON, _NASSL,
               "server requested a client certificate")),
    ("aws_c_io", (r"\bInvalid CA buffer\. Buffer must contain PEM encoded data\b",
                  "AWS CRT (aws-c-io): the CA file given to override the trust store is not "
                  "PEM (a DER file, or not a certificate)",
                  "client_misconfiguration:1", REASON, _CRT)),
]

PATTERNS: tuple[Pattern, ...] = sourced_table("r24", [(source, "client", row)
                                                       for source, row in _ROWS])
