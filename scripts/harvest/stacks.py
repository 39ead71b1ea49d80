"""Application-layer stacks that print their own words around a TLS library's: PHP's
stream wrapper (ext/openssl/xp_ssl.c), Android (Conscrypt's TrustManagerImpl and OkHttp),
Ruby's openssl gem, Perl's IO::Socket::SSL and LWP, Dart's dart:io (Flutter).

php-src and the Dart SDK are over the fetch size limit: their files are excerpts read
through the search index, saved under /work/.mirror/_files/<owner+name>/ with a COMMITS
file naming each file's commit (the calls that print, one a line, literals as in the
file). The others are read from their fetched mirrors.

Placeholders: Java's and Kotlin's string building (``"Hostname " + host + " not
verified:"``, ``"Hostname ${host} not verified:"``), Ruby's ``#{...}`` and Perl's
``$var`` become ``%s``, the printf form every table uses for a value.
"""

from __future__ import annotations

import re

from .common import Harvest, Origin, call_strings, excerpt_origin, git_origin
from .embedded import _excerpts

_TLS = re.compile(r"SSL|TLS|certificat|\bcert\b|handshake|cipher|\bCA\b|verif|peer|"
                  r"hostname|host name|\bCN\b|fingerprint|crypto|trust|pinning|chain|"
                  r"subjectAltName|private key|DH param|ecdh|alpn", re.I)


def php() -> Harvest:
    """The warnings of PHP's OpenSSL stream transport (php_error_docref / php_error in
    ext/openssl/xp_ssl.c): PHP prints them as "PHP Warning:  <function>(): <text> in
    <file> on line N" (stream_socket_client(), file_get_contents(), fsockopen()...)."""
    h = Harvest("php")
    for o in _excerpts("php/php-src"):
        for path in o.ls(""):
            for _func, text in call_strings(o.read(path), ("php_error_docref", "php_error")):
                if _TLS.search(text):
                    h.add(o, path, text, text, "message")
    return h


_QUOTED = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_THROW = re.compile(r"\b(?:new\s+)?(\w*(?:Exception|Error))\s*\(")


def _call_args(src: str, start: int) -> str:
    """The text between the parenthesis at ``start - 1`` and its match (at most 600)."""
    depth, i = 1, start
    while i < len(src) and i - start < 600:
        ch = src[i]
        if ch == '"':
            m = _QUOTED.match(src, i)
            i = m.end() if m else i + 1
            continue
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0:
            break
        i += 1
    return src[start:i]


def _built_string(args: str) -> str:
    """The message of a Java/Kotlin exception: its first argument's literals, joined,
    with each value between them (``+ host +``, ``${host}``, ``$host``) as ``%s``."""
    first, depth = [], 0
    for ch in args:  # the first argument: up to a comma outside parentheses and quotes
        if ch == "," and depth == 0 and first.count('"') % 2 == 0:
            break
        depth += {"(": 1, ")": -1}.get(ch, 0)
        first.append(ch)
    arg = "".join(first)
    if not _QUOTED.search(arg) or arg.lstrip().startswith("new "):  # a wrapped exception
        return ""
    parts, pos = [], 0
    for m in _QUOTED.finditer(arg):
        between = arg[pos:m.start()].strip().strip("+").strip()
        if parts and between:
            parts.append("%s")
        parts.append(m.group(1))
        pos = m.end()
    if arg[pos:].strip().strip("+").strip() and not arg[pos:].strip().startswith(")"):
        parts.append("%s")
    text = "".join(parts)
    text = re.sub(r"\$\{[^{}]{1,80}\}|\$[a-z]\w*", "%s", text)  # Kotlin templates
    return text.replace('\\"', '"').replace("\\n", "\n")


def _exceptions(h: Harvest, o: Origin, path: str) -> None:
    src = o.read(path)
    for m in _THROW.finditer(src):
        text = _built_string(_call_args(src, m.end()))
        if text and len(text) > 5 and "\n" not in text and _TLS.search(text):
            h.add(o, path, text, text, "message", exception=m.group(1))


_CONSCRYPT = ("common/src/main/java/org/conscrypt/TrustManagerImpl.java",
              "common/src/main/java/org/conscrypt/ChainStrengthAnalyzer.java",
              "common/src/main/java/org/conscrypt/NativeSsl.java",
              "common/src/main/java/org/conscrypt/ConscryptEngine.java")
_OKHTTP = {"HEAD": ("okhttp/src/commonJvmAndroid/kotlin/okhttp3/internal/connection/"
                    "ConnectPlan.kt",
                    "okhttp/src/commonJvmAndroid/kotlin/okhttp3/CertificatePinner.kt"),
           "parent-3.14.9": ("okhttp/src/main/java/okhttp3/internal/connection/"
                             "RealConnection.java",
                             "okhttp/src/main/java/okhttp3/CertificatePinner.java")}


def android() -> Harvest:
    """Android's TLS stack as apps print it: Conscrypt's trust manager (the platform's
    X509TrustManager: "Trust anchor for certification path not found.", "Chain validation
    failed") and OkHttp's checks after the handshake (host name, pins), today's and 3.14's
    (still in many apps)."""
    h = Harvest("android")
    o = git_origin("google/conscrypt")
    for path in _CONSCRYPT:
        _exceptions(h, o, path)
    for ref, paths in _OKHTTP.items():
        o = git_origin("square/okhttp", ref)
        for path in paths:
            src = o.read(path)
            # OkHttp 4+ builds the host-name message as a trimMargin() block: its first line.
            for m in re.finditer(r'^\s*\|(Hostname \$\{[^}]+\} not verified:)$', src, re.M):
                text = re.sub(r"\$\{[^{}]+\}", "%s", m.group(1))
                h.add(o, path, text, text, "message", exception="SSLPeerUnverifiedException")
            for m in re.finditer(r'append\("(Certificate pinning failure!)"\)', src):
                h.add(o, path, m.group(1), m.group(1), "message",
                      exception="SSLPeerUnverifiedException")
            _exceptions(h, o, path)
    return h


_NSC = "core/java/android/security/net/config/NetworkSecurityTrustManager.java"


def android_nsc() -> Harvest:
    """Android's network security config (the platform's trust manager for an app that
    declares one): its pin check after the chain was trusted ("Pin verification failed") and
    a trusted chain whose root is not one of the config's anchors."""
    h = Harvest("android_nsc")
    _exceptions(h, excerpt_origin("aosp-mirror/platform_frameworks_base"), _NSC)
    return h


def ruby() -> Harvest:
    """Ruby's openssl gem: OpenSSL::SSL::SSLError messages of lib/openssl/ssl.rb
    (post_connection_check) and ext/openssl/ossl_ssl.c (ossl_raise with a format: "SSL_connect
    returned=1 errno=0 peeraddr=... state=error: certificate verify failed"), at 2.2 (Ruby
    2.7/3.0) and today."""
    h = Harvest("ruby")
    for ref in ("v2.2.3", "HEAD"):
        o = git_origin("ruby/openssl", ref)
        src = o.read("lib/openssl/ssl.rb")
        for m in re.finditer(r'raise\s+SSLError,\s*"((?:[^"\\]|\\.)*)"', src):
            text = re.sub(r"#\{[^{}]{1,60}\}", "%s", m.group(1)).replace('\\"', '"')
            h.add(o, "lib/openssl/ssl.rb", text, text, "message")
        for m in re.finditer(r'msg\s*=\s*"((?:[^"\\]|\\.)*)"', src):
            h.add(o, "lib/openssl/ssl.rb", m.group(1), m.group(1), "message")
        # PRIsVALUE is Ruby's "%s" for an object ('"%"PRIsVALUE" state=...').
        c_src = o.read("ext/openssl/ossl_ssl.c").replace('%"PRIsVALUE', '%s"')
        for _func, text in call_strings(c_src, ("ossl_raise",)):
            if "returned=" in text or (_TLS.search(text) and " " in text):
                h.add(o, "ext/openssl/ossl_ssl.c", text, text, "message")
    return h


def perl() -> Harvest:
    """Perl: IO::Socket::SSL's errors (lib/IO/Socket/SSL.pm error() appends OpenSSL's
    error strings: "SSL connect attempt failed error:0A000086:SSL routines::certificate
    verify failed"), and LWP's connect failure (LWP::Protocol::http: "Can't connect to
    host:443 (certificate verify failed)"), which LWP::Protocol::https uses."""
    h = Harvest("perl")
    o = git_origin("noxxi/p5-io-socket-ssl")
    src = o.read("lib/IO/Socket/SSL.pm")
    for m in re.finditer(r'(?:->|\b)(?:_internal_error|error)\(\s*"((?:[^"\\]|\\.)*)"', src):
        text = re.sub(r"\$\w+", "%s", m.group(1))
        if _TLS.search(text):
            h.add(o, "lib/IO/Socket/SSL.pm", text, text, "message")
    o = git_origin("libwww-perl/libwww-perl")
    src = o.read("lib/LWP/Protocol/http.pm")
    m = re.search(r'my \$status = "(Can\'t connect to \$host:\$port)"', src)
    if m:
        text = m.group(1).replace("$host", "%s").replace("$port", "%d")
        h.add(o, "lib/LWP/Protocol/http.pm", text, text, "message")
    # The reasons LWP keeps from $@ in parentheses after it (the same file's regexes).
    for reason in re.findall(r"\$@ =~ /\\b\(([^()]+)\)\\b/", src):
        if _TLS.search(reason):
            h.add(o, "lib/LWP/Protocol/http.pm", f"Can't connect to ({reason})",
                  f"Can't connect to %s:%d ({reason})", "message")
    o = git_origin("libwww-perl/LWP-Protocol-https")
    src = o.read("lib/LWP/Protocol/https.pm")
    for m in re.finditer(r'"(Peer (?:hostname match with )?certificate not verified)"', src):
        h.add(o, "lib/LWP/Protocol/https.pm", m.group(1), m.group(1), "message")
    # Round 14: the messages it dies with before connecting (a here-document; its first
    # sentence is the message): no CA file or Mozilla::CA to verify with.
    for m in re.finditer(r"die <<'EOT';\n([^\n]+)", src):
        text = m.group(1).rstrip(".")
        h.add(o, "lib/LWP/Protocol/https.pm", text, text, "message")
    return h


def dart() -> Harvest:
    """Dart's dart:io (Flutter): the exceptions its BoringSSL filter throws
    (runtime/bin/secure_socket_filter.cc), printed as "HandshakeException: Handshake error
    in client (OS Error: \\n\\tCERTIFICATE_VERIFY_FAILED: <verify text>(handshake.cc:393))":
    BoringSSL's reason name, the verify result and file:line (secure_socket_utils.cc)."""
    h = Harvest("dart")
    for o in _excerpts("dart-lang/sdk"):
        for path in o.ls(""):
            for m in re.finditer(r'CheckStatusSSL\(\s*status,\s*"(\w+)",\s*(.*?),\s*ssl_\);',
                                 o.read(path)):
                for text in _QUOTED.findall(m.group(2)):
                    h.add(o, path, f"{m.group(1)}: {text}", text, "message",
                          exception=m.group(1))
    return h
