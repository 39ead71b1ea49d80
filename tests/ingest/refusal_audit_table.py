"""The bare refusal class (round 14, ingest/refusal.py) as a table: each stack's wording of a
received refusal x the contexts a text carries. Used by test_round14_refusal.py and
scripts/refusal_audit.py (which prints the cells, also against an older tree)."""

from __future__ import annotations

# (stack, alert kind, a line as the program prints it). Exact strings are the programs':
# sources in ingest/refusal.py WORDINGS.
LINES: tuple[tuple[str, str, str], ...] = (
    ("openssl-3", "hs", "error:0A000410:SSL routines::sslv3 alert handshake failure"),
    ("openssl-1.1", "hs", "140737354053440:error:14094410:SSL routines:ssl3_read_bytes:sslv3 "
                          "alert handshake failure:../ssl/record/rec_layer_s3.c:1543:SSL alert "
                          "number 40"),
    ("python", "hs", "ssl.SSLError: [SSL: SSLV3_ALERT_HANDSHAKE_FAILURE] sslv3 alert handshake "
                     "failure (_ssl.c:1006)"),
    ("node", "hs", "Error: C0F7A1E1F17F0000:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 "
                   "alert handshake failure:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:"
                   "1605:SSL alert number 40"),
    ("curl-v", "hs", "* TLSv1.2 (IN), TLS alert, handshake failure (552):"),
    ("java", "hs", "javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure"),
    ("bouncycastle", "hs", "org.bouncycastle.tls.TlsFatalAlertReceived: handshake_failure(40)"),
    ("go", "hs", "remote error: tls: handshake failure"),
    ("rustls", "hs", "received fatal alert: HandshakeFailure"),
    ("dotnet", "hs", "System.Security.Authentication.AuthenticationException: Authentication "
                     "failed because the remote party sent a TLS alert: 'HandshakeFailure'."),
    ("nss", "hs", "SSL_ERROR_HANDSHAKE_FAILURE_ALERT"),
    ("schannel", "any", "schannel: next InitializeSecurityContext failed: SEC_E_ILLEGAL_MESSAGE "
                        "(0x80090326) - This error usually occurs when a fatal SSL/TLS alert is "
                        "received (e.g. handshake failed)."),
    ("apple", "hs", "CFNetwork SSLHandshake failed (-9824)"),
    ("gnutls", "any", "*** Fatal error: A TLS fatal alert has been received."),
    ("wolfssl", "any", "SSL_connect failed with error -313: revcd alert fatal error"),
    ("mbedtls", "any", "mbedtls_ssl_handshake returned -0x7780"),
    ("erlang", "hs", "TLS client: In state hello received SERVER ALERT: Fatal - Handshake "
                     "Failure"),
    ("openssl-3", "internal", "error:0A000438:SSL routines::tlsv1 alert internal error"),
    ("curl-v", "internal", "* TLSv1.3 (IN), TLS alert, internal error (592)"),
    ("java", "internal", "javax.net.ssl.SSLException: Received fatal alert: internal_error"),
    ("go", "internal", "remote error: tls: internal error"),
)

# context name -> (words added before the line, the cause expected first; "" = the prior)
CONTEXTS: dict[str, tuple[str, str]] = {
    "none": ("", ""),
    "client_cert": ("the client loads its keystore client.p12 for mutual TLS",
                    "client_cert_required"),
    "no_sni_ip": ("GET https://10.20.30.40:8443/api", "sni_required_or_mismatch"),
    "no_sni_luasec": ("local https = require('ssl.https')", "sni_required_or_mismatch"),
    "old_client": ("running on Java 1.7.0_80", "protocol_version_mismatch"),
    "pin_high": ("curl --tlsv1.3 https://example.org/", "client_misconfiguration"),
    "cipher": ("configured with --ciphers ECDHE-RSA-AES256-GCM-SHA384",
               "cipher_suite_mismatch"),
}

# A bare line's prior (no context): the count of dev threads per wording (docs round 14);
# round 15 counts JSSE's and BouncyCastle's own (ingest/refusal.py _JDK_OLD, _BC).
PRIOR = {"hs": "cipher_suite_mismatch", "internal": "sni_required_or_mismatch"}
STACK_PRIOR = {("java", "hs"): "client_misconfiguration",
               ("bouncycastle", "hs"): "client_cert_required"}


def cells() -> list[tuple[str, str, str, str, str]]:
    """(stack, kind, context, text, expected first cause or "" for "below 0.6 only")."""
    out = []
    for stack, kind, line in LINES:
        for ctx, (words, want) in CONTEXTS.items():
            text = f"{words}\n{line}" if words else line
            # internal_error is the server's own failure: only a missing name bears on it
            if kind == "internal" and ctx != "no_sni_ip" and ctx != "no_sni_luasec":
                want = ""
            expected = want or STACK_PRIOR.get((stack, kind)) or PRIOR.get(kind, "")
            out.append((stack, kind, ctx, text, expected))
    return out


def judge(explain: object, text: str, expected: str) -> bool:
    """A cell holds when the top finding is ``expected`` (and below 0.6: context makes a
    candidate likelier, never certain), or for a prior-less cell when nothing reaches 0.6."""
    r = explain(text)  # type: ignore[operator]
    if not r.findings:
        return False
    top = r.findings[0]
    if top.confidence >= 0.6:
        return False
    return not expected or top.cause.value == expected


# --- round 15: a JSSE client's own context (ingest/jsse_context.py) -------------------------

# (stack, a refusal as the Java client prints it). JDK 17's lines are as Java 17 printed them
# on loopback (tests/ingest/test_round15_refusal_real.py); JDK 8's as jdk8u's old stack
# (sun.security.ssl.Alerts, HandshakeMessage.java's debug lines).
JAVA_LINES: tuple[tuple[str, str], ...] = (
    ("java-bare", "javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure"),
    ("java-17", "Exception in thread \"main\" javax.net.ssl.SSLHandshakeException: Received fatal "
                "alert: handshake_failure\n\tat java.base/sun.security.ssl.Alert.createSSLException"
                "(Alert.java:131)\n\tat java.base/sun.security.ssl.TransportContext.fatal("
                "TransportContext.java:370)"),
    ("java-8", "javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure\n"
               "\tat sun.security.ssl.Alerts.getSSLException(Alerts.java:192)\n"
               "\tat sun.security.ssl.SSLSocketImpl.recvAlert(SSLSocketImpl.java:2023)"),
    ("java-8-debug", "main, READ: TLSv1.2 Alert, length = 2\nmain, RECV TLSv1.2 ALERT:  fatal, "
                     "handshake_failure\nmain, handling exception: javax.net.ssl."
                     "SSLHandshakeException: Received fatal alert: handshake_failure"),
)

_HELLO_17 = ("javax.net.ssl|DEBUG|10|main|2026-12-06 05:35:22.702 UTC|ClientHello.java:639|Produced "
             "ClientHello handshake message (\n\"ClientHello\": {\n  \"client version\"      : "
             "\"TLSv1.2\",\n  \"cipher suites\"       : \"[TLS_AES_256_GCM_SHA384(0x1302)]\",\n"
             "  \"extensions\"          : [\n@SNI@    \"supported_versions (43)\": {\n      "
             "\"versions\": [@VERSIONS@]\n    }\n  ]\n}\n)\n")
_SNI_17 = "    \"server_name (0)\": {\n      type=host_name (0), value=api.example.com\n    },\n"
_HELLO_8 = ("*** ClientHello, @VERSION@\nCipher Suites: [TLS_RSA_WITH_AES_128_CBC_SHA]\n"
            "Compression Methods:  { 0 }\nExtension ec_point_formats, formats: [uncompressed]\n"
            "@SNI@***\n")


def _hello17(sni: str, versions: str) -> str:
    return _HELLO_17.replace("@SNI@", sni).replace("@VERSIONS@", versions)


def _hello8(version: str, sni: str) -> str:
    return _HELLO_8.replace("@VERSION@", version).replace("@SNI@", sni)
_SNI_8 = "Extension server_name, server_name: [type=host_name (0), value=api.example.com]\n"

# context -> (words before the line, the cause expected first; "" = the stack's prior).
# The ClientHello traces answer the refusal (nothing after the hello), so no client
# certificate can be the reason.
JAVA_CONTEXTS: dict[str, tuple[str, str]] = {
    "none": ("", ""),
    "engine-8": ("\tat sun.security.ssl.SSLEngineImpl.recvAlert(SSLEngineImpl.java:1800)\n"
                 "\tat javax.net.ssl.SSLEngine.unwrap(SSLEngine.java:624)",
                 "sni_required_or_mismatch"),
    "engine-17": ("\tat java.base/sun.security.ssl.SSLEngineImpl.beginHandshake("
                  "SSLEngineImpl.java:102)", "sni_required_or_mismatch"),
    "sni_off": ("$ java -Djsse.enableSNIExtension=false -jar client.jar",
                "sni_required_or_mismatch"),
    "dotless_url": ("GET https://billing-api:8443/v1/invoices", "sni_required_or_mismatch"),
    "ip_url": ("GET https://10.20.30.40:8443/api", "sni_required_or_mismatch"),
    "trace17_no_sni": (_hello17("", "TLSv1.3, TLSv1.2"),
                       "sni_required_or_mismatch"),
    "trace17_unable": ("javax.net.ssl|WARNING|10|main|2026-12-06 05:35:22.645 UTC|"
                       "ServerNameExtension.java:267|Unable to indicate server name",
                       "sni_required_or_mismatch"),
    "trace17_sni": (_hello17(_SNI_17, "TLSv1.3, TLSv1.2"),
                    "cipher_suite_mismatch"),
    "trace17_tls13": (_hello17(_SNI_17, "TLSv1.3"),
                      "client_misconfiguration"),
    "trace8_no_sni": (_hello8("TLSv1.2", ""), "sni_required_or_mismatch"),
    "trace8_tls1": (_hello8("TLSv1", _SNI_8), "protocol_version_mismatch"),
    "jdk17_named": ("openjdk version \"17.0.15\" 2025-04-15", "client_cert_required"),
    "keystore": ("-Djavax.net.ssl.keyStore=/etc/app/client.p12", "client_cert_required"),
}

# the stack's prior without context: JSSE without frames or with JDK 6-8's old stack - an old
# JDK's defaults (client_misconfiguration); JDK 9+ frames - the client certificate
JAVA_PRIOR = {"java-bare": "client_misconfiguration", "java-8": "client_misconfiguration",
              "java-8-debug": "client_misconfiguration", "java-17": "client_cert_required"}


def java_cells() -> list[tuple[str, str, str, str]]:
    """(stack, context, text, expected first cause)."""
    out = []
    for stack, line in JAVA_LINES:
        for ctx, (words, want) in JAVA_CONTEXTS.items():
            text = f"{words}\n{line}" if words else line
            out.append((stack, ctx, text, want or JAVA_PRIOR[stack]))
    return out


# --- round 15: other stacks' own context (ingest/refusal.py, jsse_context.binding) ----------

# (stack, context, text, the cause expected first; "" = nothing at or above 0.6 only)
OWN_CONTEXT_CELLS: tuple[tuple[str, str, str, str], ...] = (
    # OpenSSL inside the JVM: names the server only when given the host (netty #4746)
    ("jni-openssl3", "exception", "javax.net.ssl.SSLException: error:0A000410:SSL routines::"
     "sslv3 alert handshake failure", "sni_required_or_mismatch"),
    ("jni-boringssl", "exception", "javax.net.ssl.SSLHandshakeException: error:10000410:SSL "
     "routines:OPENSSL_internal:SSLV3_ALERT_HANDSHAKE_FAILURE", "sni_required_or_mismatch"),
    ("jni-netty", "frames", "io.netty.handler.codec.DecoderException: sslv3 alert handshake "
     "failure\n\tat io.netty.handler.ssl.ReferenceCountedOpenSslEngine.shutdownWithError("
     "ReferenceCountedOpenSslEngine.java:1031)", "sni_required_or_mismatch"),
    # Android's Conscrypt is not one (its platform clients pass the host): the OpenSSL prior
    ("conscrypt", "exception", "javax.net.ssl.SSLHandshakeException: SSL handshake aborted: "
     "ssl=0x7f3a: Failure in SSL library, usually a protocol error\nerror:10000410:SSL "
     "routines:OPENSSL_internal:SSLV3_ALERT_HANDSHAKE_FAILURE", "cipher_suite_mismatch"),
    ("jni-openssl3", "client_cert", "-Djavax.net.ssl.keyStore=client.p12\njavax.net.ssl."
     "SSLException: error:0A000410:SSL routines::sslv3 alert handshake failure",
     "client_cert_required"),
    # Apple under App Transport Security (iOS 9+ CFNetwork log line)
    ("apple", "none", "CFNetwork SSLHandshake failed (-9824)", "cipher_suite_mismatch"),
    ("apple", "ats_log", "NSURLSession/NSURLConnection HTTP load failed (kCFStreamErrorDomainSSL, "
     "-9824)", "protocol_version_mismatch"),
    ("apple", "ats_words", "App Transport Security is on\nCFNetwork SSLHandshake failed (-9824)",
     "protocol_version_mismatch"),
    ("apple", "client_cert", "the app presents a client certificate (.p12)\n"
     "NSURLSession/NSURLConnection HTTP load failed (kCFStreamErrorDomainSSL, -9824)",
     "client_cert_required"),
    # wolfSSL's "fatal alert received": its builds sent no name by default (wolfssl#6559)
    ("wolfssl", "curl", "curl: (35) SSL_connect failed with error -313: revcd alert fatal error",
     "sni_required_or_mismatch"),
    ("wolfssl", "call", "wolfSSL_connect error -313, revcd alert fatal error",
     "sni_required_or_mismatch"),
    ("wolfssl", "reason", "TLS connect: revcd alert fatal error", "sni_required_or_mismatch"),
    ("wolfssl", "cipher", "curl --ciphers ECDHE-RSA-AES128-GCM-SHA256 https://a.example/\n"
     "curl: (35) SSL_connect failed with error -313: revcd alert fatal error",
     "cipher_suite_mismatch"),
    ("wolfssl", "ip_url", "GET https://10.1.2.3/\nwolfSSL_connect error -313, revcd alert fatal "
     "error", "sni_required_or_mismatch"),
    # Python's call as its traceback prints it: ssl.wrap_socket() never names the server, a
    # context's wrap_socket() only with server_hostname
    ("python", "module_wrap", "  File \"c.py\", line 5, in <module>\n    s = ssl.wrap_socket(sock)\n"
     "ssl.SSLError: [SSL: SSLV3_ALERT_HANDSHAKE_FAILURE] sslv3 alert handshake failure "
     "(_ssl.c:1006)", "sni_required_or_mismatch"),
    ("python", "context_wrap", "    conn = ctx.wrap_socket(sock)\nssl.SSLError: [SSL: "
     "SSLV3_ALERT_HANDSHAKE_FAILURE] sslv3 alert handshake failure (_ssl.c:1006)",
     "sni_required_or_mismatch"),
    ("python", "named_wrap", "    conn = ctx.wrap_socket(sock, server_hostname=host)\nssl."
     "SSLError: [SSL: SSLV3_ALERT_HANDSHAKE_FAILURE] sslv3 alert handshake failure "
     "(_ssl.c:1006)", "cipher_suite_mismatch"),
    ("python2", "httplib", "    self.sock = ssl.wrap_socket(sock, self.key_file, self.cert_file)"
     "\n  File \"/usr/lib/python2.7/ssl.py\", line 372, in wrap_socket\nSSLError: [Errno 1] "
     "_ssl.c:504: error:14077410:SSL routines:SSL23_GET_SERVER_HELLO:sslv3 alert handshake "
     "failure", "sni_required_or_mismatch"),
)
