"""The audit of round 13's version, suite and client-policy class: wordings x contexts.

Each wording is a line as its program prints it (the stack's own words, see
ingest/version_context.WORDINGS for the sources); each context is words a person posts with
it that say which side is old or strict. ``expected`` gives, for a cell, the causes the top
finding may have and the party that must act (None: the words do not say).
"""

from __future__ import annotations

V, S, DH, KEY, SIG = "version", "suite", "dh", "key", "sig"

# (stack, printed text, kind, direction)
WORDINGS: tuple[tuple[str, str, str, str], ...] = (
    ("curl-openssl", "curl: (35) error:0A000102:SSL routines::unsupported protocol", V, "server_old"),
    ("python", "ssl.SSLError: [SSL: UNSUPPORTED_PROTOCOL] unsupported protocol (_ssl.c:1006)",
     V, "server_old"),
    ("node", "Error: write EPROTO 40B8A1E3927F0000:error:0A000102:SSL routines:"
     "ssl_choose_client_version:unsupported protocol:../deps/openssl/openssl/ssl/statem/"
     "statem_lib.c:1986:\n  code: 'ERR_SSL_UNSUPPORTED_PROTOCOL'", V, "server_old"),
    ("openssl", "40F7B1D1A77F0000:error:0A0000BF:SSL routines:tls_setup_handshake:"
     "no protocols available:../ssl/statem/statem_lib.c:104:", V, "local"),
    ("python", "[SSL: TLSV1_ALERT_PROTOCOL_VERSION] tlsv1 alert protocol version (_ssl.c:646)",
     V, "refused"),
    ("curl-openssl", "curl: (35) error:1407742E:SSL routines:SSL23_GET_SERVER_HELLO:tlsv1 "
     "alert protocol version", V, "refused"),
    ("openssl", "error:0A00018C:SSL routines:tls_construct_cke_dhe:legacy sigalg disallowed "
     "or unsupported", V, "server_old"),
    ("curl-openssl", "curl: (35) OpenSSL SSL_connect: error:0A00018A:SSL routines::dh key too "
     "small", DH, "server_old"),
    ("python", "requests.exceptions.SSLError: [SSL: DH_KEY_TOO_SMALL] dh key too small "
     "(_ssl.c:1006)", DH, "server_old"),
    ("openssl", "error:0A00018F:SSL routines:ssl_add_cert_chain:ee key too small", KEY, "server_old"),
    ("python", "ssl.SSLCertVerificationError: [SSL: CA_MD_TOO_WEAK] ca md too weak "
     "(_ssl.c:3900)", SIG, "server_old"),
    ("openssl", "error:0A0000B5:SSL routines:ssl_cipher_list_to_bytes:no ciphers available",
     S, "local"),
    ("java", "javax.net.ssl.SSLHandshakeException: No appropriate protocol (protocol is "
     "disabled or cipher suites are inappropriate)", V, "local"),
    ("java", "javax.net.ssl.SSLHandshakeException: Server chose TLSv1, but that protocol "
     "version is not enabled or not supported by the client.", V, "server_old"),
    ("java", "javax.net.ssl.SSLHandshakeException: The server selected protocol version "
     "TLS10 is not accepted by client preferences [TLS13, TLS12]", V, "server_old"),
    ("java", "javax.net.ssl.SSLHandshakeException: Received fatal alert: protocol_version",
     V, "refused"),
    ("java", "javax.net.ssl.SSLHandshakeException: DHPublicKey does not comply to algorithm "
     "constraints", DH, "server_old"),
    ("java", "java.security.cert.CertPathValidatorException: Algorithm constraints check "
     "failed on signature algorithm: SHA1withRSA", SIG, "server_old"),
    ("go", "Get \"https://10.0.0.5/\": tls: server selected unsupported protocol version 301",
     V, "server_old"),
    ("go", "remote error: tls: protocol version not supported", V, "refused"),
    ("go", "tls: no cipher suite supported by both client and server", S, "either"),
    ("dotnet", "System.ComponentModel.Win32Exception (0x80090331): The client and server "
     "cannot communicate, because they do not possess a common algorithm.", V, "either"),
    ("curl-schannel", "curl: (35) schannel: next InitializeSecurityContext failed: "
     "SEC_E_UNSUPPORTED_FUNCTION (0x80090302) - The function requested is not supported",
     V, "either"),
    ("apple", "CFNetwork SSLHandshake failed (-9836)", V, "either"),
    ("gnutls", "gnutls_handshake() failed: A packet with illegal or unsupported version was "
     "received.", V, "server_old"),
    ("gnutls", "*** Handshake has failed (Could not negotiate a supported cipher suite.)",
     S, "either"),
    ("chrome", "This site can't provide a secure connection\nERR_SSL_VERSION_OR_CIPHER_MISMATCH",
     S, "either"),
    ("chrome", "Your connection is not fully secure\nNET::ERR_SSL_OBSOLETE_VERSION", V, "server_old"),
    ("firefox", "Secure Connection Failed\nError code: SSL_ERROR_UNSUPPORTED_VERSION", V, "server_old"),
    ("firefox", "Secure Connection Failed\nError code: SSL_ERROR_NO_CYPHER_OVERLAP", S, "server_old"),
    ("rustls", "Error: rustls::Error: peer is incompatible: NoCipherSuitesInCommon", S, "either"),
    ("rustls", "received fatal alert: peer is incompatible: ServerDoesNotSupportTls12Or13",
     V, "server_old"),
    ("mbedtls", "mbedtls_ssl_handshake returned -0x7380: SSL - The server has no ciphersuites "
     "in common with the client", S, "either"),
)

# (hint, variants): the words a post carries; a wording takes variant (its index % len)
CONTEXTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("none", ("",)),
    ("old_server", ("Trying to reach the printer's web interface (HP LaserJet):",
                    "Our monitoring polls the iDRAC 7 of each host.",
                    "The SQL Server 2008 R2 instance only supports TLS 1.0.",
                    "The old server runs IIS 6 on Windows Server 2003.")),
    ("old_client", ("This is on Java 1.7.0_80.", "Running under Python 2.6 on CentOS 6.",
                    "The client is a Windows 7 machine.", "The box has OpenSSL 0.9.8zh.")),
    ("policy", ("Since the upgrade to Debian 11 (OpenSSL 3, SECLEVEL=2) this fails:",
                "RHEL 9 with the DEFAULT crypto-policies:",
                "jdk.tls.disabledAlgorithms in java.security lists TLSv1, TLSv1.1.")),
    ("pin_high", ("$ curl --tlsv1.3 https://legacy.example.com/",
                  "config: tls.Config{MinVersion: tls.VersionTLS13}",
                  "-Djdk.tls.client.protocols=TLSv1.3 is set on the JVM")),
    ("pin_low", ("ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)", "$ curl --tlsv1.0 --tls-max 1.0 https://h/",
                 "ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls;")),
)

_CAUSE = {V: "protocol_version_mismatch", S: "cipher_suite_mismatch",
          DH: "weak_cipher_or_no_pfs", KEY: "weak_signature_or_key", SIG: "weak_signature_or_key"}
CM = "client_misconfiguration"
# the words alone: Chrome's page names both, and SNI on a shared address (Chromium's
# interstitial text says version or cipher; the dev threads add a certificate without SNI)
_CHROME_BOTH = frozenset({"cipher_suite_mismatch", "protocol_version_mismatch",
                          "sni_required_or_mismatch"})


def expected(text: str, kind: str, direction: str, hint: str
             ) -> tuple[frozenset[str], str | None]:
    """(causes the top finding may be, the party that must act or None when unsaid)."""
    base = _CAUSE[kind]
    weak = kind in (DH, KEY, SIG)
    if hint == "pin_high":
        return frozenset({CM}), "client"
    if hint == "pin_low" or (hint == "old_client" and not weak):
        return frozenset({base, CM}), "client"
    if hint in ("old_server", "policy") or weak:
        return frozenset({base}), "server"
    if "VERSION_OR_CIPHER" in text:
        return _CHROME_BOTH, None
    if direction == "local":
        return frozenset({base, CM}), None
    party = "server" if direction == "server_old" else None
    return frozenset({base}), party


def cells() -> list[tuple[str, str, str, tuple[frozenset[str], str | None]]]:
    """(id, hint, text, expected) for every wording x context."""
    out = []
    for i, (stack, line, kind, direction) in enumerate(WORDINGS):
        for hint, variants in CONTEXTS:
            words = variants[i % len(variants)]
            text = f"{words}\n{line}" if words else line
            out.append((f"{stack}-{i}-{hint}", hint, text, expected(line, kind, direction, hint)))
    return out
