"""What a Java (JSSE) client's own output says about the hello it sent (round 15).

A JSSE client that is refused with a bare ``Received fatal alert: handshake_failure`` often
carries more than the alert: its javax.net.debug trace, its stack frames, its settings. Each
fact here is one the JDK's source decides (Temurin 25 src.zip and openjdk/jdk @ 0469c91ee4,
java.base/share/classes/sun/security/ssl/):

- the server name (SNI) is sent only for a name with a dot that is not an IP literal
  (Utilities.rawToSNIHostName: ``hostname.indexOf('.') > 0`` and not
  ``IPAddressUtil.isIPv4LiteralAddress``/``isIPv6LiteralAddress``), never when
  ``jsse.enableSNIExtension`` is false (SSLExtension.java ClientExtensions), and by an
  SSLEngine only when it was created with a peer host (SSLEngineImpl(SSLContextImpl,
  String host, int port): ``if (host != null) ... addToSNIServerNameList``;
  ``SSLContext.createSSLEngine()`` passes none): frameworks that build the engine themselves
  (Akka HTTP 2.0, http-kit before 2.7, Netty's ``newHandler(alloc)``) send no name unless they
  pass the host;
- the debug trace prints the ClientHello: JDK 11+ ``Produced ClientHello handshake message``
  with ``"server_name (0)"`` and ``"supported_versions (43)"`` (ClientHello.java,
  ServerNameExtension.java) and ``Unable to indicate server name`` (ServerNameExtension.java)
  / ``Ignore, context unavailable extension: server_name`` (SSLExtensions.java) when no name
  is sent; JDK 8 ``*** ClientHello, TLSv1.2`` with
  ``Extension server_name, server_name: [type=host_name (0), value=...]`` up to ``***``
  (HandshakeMessage.java, jdk8u);
- the frames date the JDK: ``java.base/`` (the module system, JDK 9+) or the rewritten TLS
  stack's ``sun.security.ssl.Alert.createSSLException`` (JDK 11+, backported to 8u261) enable
  TLS 1.2 and ECDHE/GCM suites by default; JDK 7's client enables TLS 1.0 only ("neither
  version is enabled by default for client connections", Oracle's Java SE 7 SunProviders
  guide, docs.oracle.com/javase/7/docs/technotes/guides/security/SunProviders.html); the old
  stack's ``sun.security.ssl.Alerts.getSSLException`` is JDK 6-8.

An OpenSSL driven from the JVM (netty-tcnative's ReferenceCountedOpenSslEngine, wildfly-openssl,
one-nio) throws javax.net.ssl exceptions carrying OpenSSL's own reason
(``javax.net.ssl.SSLException: error:0A000410:SSL routines::sslv3 alert handshake failure``).
OpenSSL sends a name only when the caller sets it (SSL_set_tlsext_host_name), and these
engines set it only when given the peer host, like JSSE's (netty
handler/src/main/java/io/netty/handler/ssl/ReferenceCountedOpenSslEngine.java: "Use SNI if
peerHost was specified", netty/netty#4746): ``binding`` reads that form.

``read`` returns the first fact found, most telling first: what the trace shows was sent, then
the settings and host, then the engine frames, then the JDK's age.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["JsseFact", "binding", "read"]


@dataclass(frozen=True, slots=True, kw_only=True)
class JsseFact:
    # "no_sni", "pin_low", "pin_high", "hello_sent" (a current hello with the name),
    # "engine", "jdk_modern", "jdk_old"
    hint: str
    words: str  # the words that show it
    shown: bool = False  # the debug trace shows what was sent (not a setting or the frames)


# JDK 11+: the ClientHello block runs to the next log line; JDK 8: to the "***" line.
_HELLO_11 = re.compile(r"Produced ClientHello handshake message \((?P<body>.*?)"
                       r"(?=\njavax\.net\.ssl\||\Z)", re.DOTALL)
_HELLO_8 = re.compile(r"\*\*\* ClientHello, (?P<v>SSLv3|TLSv1(?:\.[0-3])?)\b(?P<body>.*?)"
                      r"(?=\n\s*\\?\*\*\*\s*\n|\Z)", re.DOTALL)
_SNI_IN_HELLO = re.compile(r'"server_name \(0\)"|\bExtension server_name\b')
_NO_NAME_11 = re.compile(r"Ignore, context unavailable extension: server_name\b"
                         r"|\bUnable to indicate server name\b")
_VERSIONS_11 = re.compile(r'"supported_versions \(43\)": \{\s*"versions": \[(?P<v>[^\]]{0,80})\]')
_CLIENT_VERSION_11 = re.compile(r'"client version"\s*: "(?P<v>[^"]{1,10})"')

_SNI_OFF = re.compile(r"jsse\.enableSNIExtension\W{1,4}false\b", re.IGNORECASE)
# a URL whose host has no dot (and is not localhost: a local server rarely routes by name)
_DOTLESS_URL = re.compile(r"\bhttps://(?!localhost\b)(?P<h>[A-Za-z][A-Za-z0-9-]{0,62})"
                          r"(?=[:/\s\"'>)]|$)", re.MULTILINE)
_ENGINE = re.compile(r"\bsun\.security\.ssl\.SSLEngineImpl\.\w+\(|\bjavax\.net\.ssl\.SSLEngine"
                     r"\.(?:unwrap|wrap|beginHandshake)\(")
_MODERN = re.compile(r"\bjava\.base/|\bsun\.security\.ssl\.Alert\.createSSLException\b"
                     r"|\bsun\.security\.ssl\.TransportContext\.fatal\b")
# a JDK 8+ named: TLS 1.2 on by default (Java 7 and older are version_context's old_client)
_JDK8_PLUS = re.compile(r"\b(?:Java|JDK|JRE|OpenJDK|Temurin|Corretto)[ -]?(?:1\.8|8|9|1\d|2\d)\b"
                        r"|\bjdk-?(?:1\d|2\d)(?:\.\d+){0,2}\b|\b1\.8\.0_\d{1,3}\b"
                        r"|\bopenjdk version \"(?:1\.8|\d\d)", re.IGNORECASE)
_OLD = re.compile(r"\bsun\.security\.ssl\.Alerts\.getSSLException\b")
_LOW = ("SSLv3", "TLSv1", "TLSv1.1")


def _hello(text: str) -> JsseFact | None:
    """What the printed ClientHello shows: no server name, or only old / only new versions."""
    m11 = _HELLO_11.search(text)
    m8 = _HELLO_8.search(text)
    if m11 is None and m8 is None:
        if _NO_NAME_11.search(text):
            return JsseFact(hint="no_sni", shown=True,
                            words="the client printed it sent no server_name")
        return None
    if m11 is not None:
        body = m11.group("body")
        vs = _VERSIONS_11.search(body)
        cv = _CLIENT_VERSION_11.search(body)
        versions = ([v.strip() for v in vs.group("v").split(",")] if vs
                    else [cv.group("v")] if cv else [])
    else:
        assert m8 is not None
        body, versions = m8.group("body"), [m8.group("v")]
    if not _SNI_IN_HELLO.search(body):
        return JsseFact(hint="no_sni", words="the ClientHello carries no server_name",
                        shown=True)
    if versions and all(v in _LOW for v in versions):
        return JsseFact(hint="pin_low", shown=True,
                        words=f"the ClientHello offers {', '.join(versions)}")
    if versions == ["TLSv1.3"]:
        return JsseFact(hint="pin_high", words="the ClientHello offers TLSv1.3 only",
                        shown=True)
    return JsseFact(hint="hello_sent", shown=True, words="the ClientHello names the server "
                    f"and offers {', '.join(versions) or 'TLSv1.2'}")


# OpenSSL's reason as a JVM exception's message, or netty's OpenSSL engine in the frames
# (Android's Conscrypt is not one: it prints "ssl=0x...: Failure in SSL library" first and its
# platform clients pass the host)
_BINDING = re.compile(r"\bjavax\.net\.ssl\.SSL\w{0,30}Exception: (?:[^\n:]{0,60}: )?"
                      r"error:[0-9A-Fa-f]{8}:SSL routines:|\bReferenceCountedOpenSslEngine\b"
                      r"|\bio\.netty\.handler\.ssl\.OpenSslEngine\b")


def binding(text: str) -> JsseFact | None:
    """An OpenSSL engine inside the JVM printed the refusal (it names the server only when it
    was given the host), or None."""
    m = _BINDING.search(text)
    return None if m is None else JsseFact(hint="jni_openssl", words=m.group(0))


def read(text: str) -> JsseFact | None:
    """The first fact a JSSE client's text shows about its hello, or None."""
    got = _hello(text)
    if got is not None:
        return got
    for hint, rx in (("no_sni", _SNI_OFF), ("no_sni", _DOTLESS_URL), ("engine", _ENGINE),
                     ("jdk_modern", _MODERN), ("jdk_modern", _JDK8_PLUS), ("jdk_old", _OLD)):
        m = rx.search(text)
        if m is not None:
            return JsseFact(hint=hint, words=m.group(0))
    return None
