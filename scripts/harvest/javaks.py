"""Round 16: Java programs that cannot load their own key material or trust store, and the
server frameworks' TLS configuration errors.

- the JDK's key store loaders and their DER reader (JavaKeyStore, PKCS12KeyStore, the
  key protectors, DerInputStream/DerValue, java.security.KeyStore), read from the src.zip of
  the two JDKs installed here (Temurin 25, Debian's OpenJDK 17), and JDK 8's SSLServerSocketImpl
  check (no key for any enabled suite), read through the search index;
- Tomcat's connector TLS messages (LocalStrings.properties of org.apache.tomcat.util.net and
  its jsse/openssl packages) on main, 10.1, 9.0 and 8.5;
- Jetty's SslContextFactory, KeyStoreScanner and CertificateUtils (12.x, 9.4, 9.3);
- Spring Boot's SSL bundles and embedded servers' SSL customizers (main, 3.3, 3.1, 2.7);
- Elasticsearch's ssl-config messages (SslFileUtil's templates, x-pack's SSLService
  "failed to load SSL configuration"), read through the search index.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .common import Harvest, Origin, files_origin, git_origin, unescape

# --- Java source: the first argument of `new XException(...)`, concatenations as %s ---------

_NEW = re.compile(r"new (\w*(?:Exception|Error))\s*\(")
_LIT = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def _first_arg(src: str, start: int) -> str:
    """The text of the first argument of a call whose "(" ends just before ``start``."""
    depth, i, in_str = 0, start, False
    while i < len(src) and i - start < 1500:
        ch = src[i]
        if in_str:
            if ch == "\\":
                i += 2
                continue
            in_str = ch != '"'
        elif ch == '"':
            in_str = True
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif ch == "," and depth == 0:
            break
        i += 1
    return src[start:i]


def _message(arg: str) -> str:
    """A message built of literals and values ("a" + x + "b") as "a%sb"; "" when it starts
    with no literal at all (a rethrown message: the cause's own words)."""
    arg = re.sub(r"\.formatted\(.*", "", arg, flags=re.S)
    arg = re.sub(r"^\s*String\.format\(", "", arg)
    out, pos = [], 0
    for m in _LIT.finditer(arg):
        between = arg[pos:m.start()].strip().strip("+").strip()
        if between:
            out.append("%s")
        out.append(unescape(m.group(1)))
        pos = m.end()
    if arg[pos:].strip().strip("+").strip().strip(")"):
        out.append("%s")
    text = "".join(out)
    return text if _LIT.search(arg) and not text.startswith("%s") else ""


_CONST = re.compile(r'\bString (\w+) = ("(?:[^"\\\n]|\\.)*");')


# The package each exception class is printed with ("java.io.IOException: ...").
_PKG = {"IOException": "java.io.", "FileNotFoundException": "java.io.",
        "UnrecoverableKeyException": "java.security.", "KeyStoreException": "java.security.",
        "KeyManagementException": "java.security.", "NoSuchAlgorithmException": "java.security.",
        "InvalidKeyException": "java.security.", "GeneralSecurityException": "java.security.",
        "CertificateException": "java.security.cert.", "BadPaddingException": "javax.crypto.",
        "SSLException": "javax.net.ssl.", "SSLHandshakeException": "javax.net.ssl.",
        "IllegalArgumentException": "java.lang.", "IllegalStateException": "java.lang.",
        "NullPointerException": "java.lang.", "UnsupportedOperationException": "java.lang.",
        "WebServerException": "org.springframework.boot.web.server.",
        "SslConfigException": "org.elasticsearch.common.ssl.",
        "ElasticsearchSecurityException": "org.elasticsearch.",
        "ElasticsearchException": "org.elasticsearch."}


def java_form(cls: str) -> str:
    return f"{_PKG.get(cls, '')}{cls}: %TEXT%"


def java_messages(h: Harvest, o: Origin, path: str, classes: tuple[str, ...] = (),
                  **extra: object) -> None:
    """Every `new XException(<message>)` of a Java file (of ``classes`` only, if given); a
    message that starts with a local String constant (DerInputStream's mdName) has it
    replaced by the constant's literal."""
    src = o.read(path)
    consts = dict(_CONST.findall(src))
    for m in _NEW.finditer(src):
        if classes and m.group(1) not in classes:
            continue
        arg = _first_arg(src, m.end())
        first = re.match(r"\s*(\w+)\s*\+", arg)
        if first and first.group(1) in consts:
            arg = consts[first.group(1)] + arg[first.end() - 1:]
        text = _message(arg)
        if len(text.replace("%s", "").strip()) >= 6:
            h.add(o, path, text, text, "message", exception=m.group(1),
                  form=java_form(m.group(1)), **extra)


# --- the JDK ------------------------------------------------------------------------------

JDKS = (Path("/usr/lib/jvm/temurin-25-jdk-amd64"), Path("/usr/lib/jvm/java-17-openjdk-amd64"))
_JDK_FILES = (
    "java.base/sun/security/provider/JavaKeyStore.java",
    "java.base/sun/security/provider/KeyProtector.java",
    "java.base/sun/security/pkcs12/PKCS12KeyStore.java",
    "java.base/com/sun/crypto/provider/JceKeyStore.java",
    "java.base/com/sun/crypto/provider/KeyProtector.java",
    "java.base/sun/security/util/DerInputStream.java",
    "java.base/sun/security/util/DerValue.java",
    "java.base/java/security/KeyStore.java",
    # JSSE's own managers (also in java.json, judged there as not about a connection): the
    # trust store a default context could not read, the key store its key manager could not.
    "java.base/sun/security/ssl/TrustManagerFactoryImpl.java",
    "java.base/sun/security/ssl/KeyManagerFactoryImpl.java",
    "java.base/sun/security/ssl/SSLContextImpl.java",
)
# CipherCore's padding message is what "Get Key failed: " and PKCS#12's "failed to decrypt
# safe contents entry: " append for a wrong password: read where it is printed.
_JDK_EXTRA = ("java.base/com/sun/crypto/provider/CipherCore.java",)
# JDK 8 (and 7) sun/security/ssl/SSLServerSocketImpl.java checkEnabledSuites(): the server
# socket's own check that some enabled suite has a key; JDK 11's rewrite dropped it.
JDK8 = ("openjdk/jdk", "1e5846085c740bb3f80afe47e1248bc1f0b8a9bd",
        "jdk/src/share/classes/sun/security/ssl/SSLServerSocketImpl.java",
        "No available certificate or key corresponds to the SSL cipher suites which are "
        "enabled.")


def java_keys() -> Harvest:
    """The JDK's key store loading and key recovery messages (both installed JDKs)."""
    h = Harvest("java_keys")
    for jdk in JDKS:
        if not (jdk / "lib/src.zip").exists():  # Debian's openjdk-17-source not installed
            continue
        release = (jdk / "release").read_text()
        ver = re.search(r'JAVA_RUNTIME_VERSION="([^"]+)"', release)
        tag = "jdk-" + (ver.group(1) if ver else "unknown")
        with zipfile.ZipFile(jdk / "lib/src.zip") as z:
            files = {n: z.read(n).decode("utf-8", "replace")
                     for n in _JDK_FILES + _JDK_EXTRA if n in z.namelist()}
        repo = "openjdk/jdk25u" if "25" in jdk.name else "openjdk/jdk17u"
        o = files_origin(repo, tag, tag, files, f"the src.zip of {jdk.name} (OpenJDK source)")
        for path in _JDK_FILES:
            if path in files:
                java_messages(h, o, path)
        for path in _JDK_EXTRA:
            if path in files:
                java_messages(h, o, path, ("BadPaddingException",))
    repo, commit, path, text = JDK8
    o8 = files_origin(repo, "index", commit, {path: text},
                      "excerpt read through the search index (JDK 8 source)")
    h.add(o8, path, text, text, "message", exception="SSLException",
          form=java_form("SSLException"))
    return h


# --- Tomcat -------------------------------------------------------------------------------

_TOMCAT_DIRS = ("java/org/apache/tomcat/util/net/",)


def _properties(src: str) -> list[tuple[str, str]]:
    """key, message of a LocalStrings.properties ({0} -> %s, MessageFormat's '' -> ')."""
    out = []
    for line in src.replace("\\\n", "").splitlines():
        if line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        value = re.sub(r"\{\d+\}", "%s", value.strip()).replace("''", "'")
        out.append((key.strip(), value))
    return out


def tomcat() -> Harvest:
    h = Harvest("tomcat")
    for ref in ("main", "10.1.59", "9.0.121", "8.5.100"):
        o = git_origin("apache/tomcat", ref)
        for path in o.ls(_TOMCAT_DIRS[0]):
            name = path.rsplit("/", 1)[-1]
            if name != "LocalStrings.properties":
                continue
            for key, text in _properties(o.read(path)):
                h.add(o, path, key, text, "message")
    return h


# --- Jetty --------------------------------------------------------------------------------

def jetty() -> Harvest:
    h = Harvest("jetty")
    for ref, root in (("HEAD", "jetty-core/jetty-util/src/main/java/org/eclipse/jetty/util/"),
                      ("jetty-9.4.56.v20240826", "jetty-util/src/main/java/org/eclipse/jetty/util/"),
                      ("jetty-9.3.30.v20211001", "jetty-util/src/main/java/org/eclipse/jetty/util/")):
        o = git_origin("jetty/jetty.project", ref)
        for path in o.ls(root + "ssl") + [root + "security/CertificateUtils.java"]:
            if path.endswith(".java") and o.exists(path):
                java_messages(h, o, path)
    return h


# --- Spring Boot --------------------------------------------------------------------------

_SPRING_ROOTS = ("core/spring-boot/src/main/java/org/springframework/boot/ssl",
                 "module/spring-boot-tomcat/src/main/java/org/springframework/boot/tomcat",
                 "module/spring-boot-jetty/src/main/java/org/springframework/boot/jetty",
                 "spring-boot-project/spring-boot/src/main/java/org/springframework/boot/ssl",
                 "spring-boot-project/spring-boot/src/main/java/org/springframework/boot/web")


def spring_boot() -> Harvest:
    h = Harvest("spring_boot")
    for ref in ("HEAD", "v3.3.0", "v3.1.0", "v2.7.18"):
        o = git_origin("spring-projects/spring-boot", ref)
        for root in _SPRING_ROOTS:
            try:
                paths = o.ls(root)
            except Exception:
                continue
            for path in paths:
                if not path.endswith(".java") or ("Ssl" not in path and "ssl" not in path):
                    continue
                java_messages(h, o, path)
                for text in re.findall(r'String\.format\("([^"]*(?:alias|store)[^"]*)"',
                                       o.read(path)):
                    h.add(o, path, unescape(text), unescape(text), "message",
                          exception="IllegalStateException",
                          form=java_form("IllegalStateException"))
    return h


# --- Elasticsearch (read through the search index) ----------------------------------------

# libs/ssl-config SslFileUtil builds its messages from pieces; each template below is one of
# its branches, the file type ("PKCS#12 keystore", "PEM certificate_authorities", ...) a %s.
_ES_SSLFILE = ("elastic/elasticsearch", "076728294fbd61fedc059cfbacee45c35659c309",
               "libs/ssl-config/src/main/java/org/elasticsearch/common/ssl/SslFileUtil.java", (
                   "cannot read configured %s [%s] - this is usually caused by an incorrect "
                   "password",
                   "cannot read configured %s [%s] - %s",
                   "cannot read configured %s - %s",
                   "cannot read configured %s [%s] because the file does not exist",
                   "cannot read configured %s [%s] because one or more files do not exist",
                   "not permitted to read the %s file [%s]",
                   "cannot read configured %s [%s] because access to read the file is blocked",
                   "cannot load %s from [%s] due to %s (%s); this is usually caused by an "
                   "incorrect password",
                   "cannot load %s from [%s] due to %s",
               ))


# x-pack's SSLService wraps each of them: "failed to load SSL configuration [{}] - {}" (7.x
# and 6.x printed the first part alone, with "nested: ..." after it); 7.x's key and trust
# configurations wrapped the JDK's exception in "failed to initialize SSL KeyManager" /
# "... TrustManager" (StoreKeyConfig.java).
_ES_XPACK = (
    ("elastic/elasticsearch", "f4d958dbb7bbb95db8cc934c209b2645830b4833",
     "x-pack/plugin/core/src/main/java/org/elasticsearch/xpack/core/ssl/SSLService.java",
     ("failed to load SSL configuration [%s]",), "ElasticsearchSecurityException"),
    ("elastic/elasticsearch", "91bd1d6240ad5b1cda7a8b07f0441da6cdc7abc2",
     "x-pack/plugin/core/src/main/java/org/elasticsearch/xpack/core/ssl/StoreKeyConfig.java",
     ("failed to initialize SSL KeyManager", "failed to initialize SSL TrustManager"),
     "ElasticsearchException"),
)


def es_ssl() -> Harvest:
    h = Harvest("es_ssl")
    for repo, commit, path, texts, cls in ((*_ES_SSLFILE, "SslConfigException"), *_ES_XPACK):
        o = files_origin(repo, "index", commit, {path: ""},
                         "excerpt read through the search index")
        for text in texts:
            h.add(o, path, text, text, "message", exception=cls, form=java_form(cls))
    return h
