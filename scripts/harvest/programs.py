"""Clients and runtimes: curl, wget, Python (urllib3, requests), Node.js, Java, .NET and
Windows, Apple, Chromium, Firefox."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

from .common import (
    Harvest,
    Origin,
    call_strings,
    dir_origin,
    excerpt_origin,
    files_origin,
    git_origin,
    unescape,
)

_TLS_WORDS = re.compile(r"SSL|TLS|certificat|handshake|cipher|\bCA\b|verif|alert|peer|"
                        r"revok|OCSP|pinn|issuer|trust|x509|X\.509|expired", re.I)


def curl() -> Harvest:
    """CURLE_* texts (lib/strerror.c, numbers from include/curl/curl.h) and the TLS back
    ends' failf() wording (lib/vtls/*.c) of curl today and of curl 7.88.1 (Debian 12), whose
    Secure Transport back end has since been removed."""
    h = Harvest("curl")
    for ref in ("curl-7_88_1", "HEAD"):
        o = git_origin("curl/curl", ref)
        numbers = _curl_numbers(o.read("include/curl/curl.h"))
        src = o.read("lib/strerror.c")
        body = src[src.index("curl_easy_strerror"):src.index("curl_multi_strerror")]
        for m in re.finditer(r"case (CURLE_\w+):\s*return\s*((?:\s*\"(?:[^\"\\]|\\.)*\")+)", body):
            text = unescape("".join(re.findall(r"\"((?:[^\"\\]|\\.)*)\"", m.group(2))))
            h.add(o, "lib/strerror.c", m.group(1), text, "strerror",
                  number=numbers.get(m.group(1)))
        for path in o.ls("lib/vtls"):
            if not path.endswith(".c"):
                continue
            for _func, text in call_strings(o.read(path), ("failf",)):
                if _TLS_WORDS.search(text):
                    h.add(o, path, text, text, "failf")
    return h


def _curl_numbers(header: str) -> dict[str, int]:
    body = header[header.index("typedef enum {\n  CURLE_OK"):]
    body = body[:body.index("} CURLcode;")]
    out, n = {}, -1
    for m in re.finditer(r"^\s*(CURLE_\w+)(?:\s*=\s*(\d+))?\s*,", body, re.M):
        n = int(m.group(2)) if m.group(2) else n + 1
        out[m.group(1)] = n
    return out


def wget() -> Harvest:
    h = Harvest("wget")
    o = git_origin("mirror/wget")  # GNU Wget's GitHub mirror of git.savannah.gnu.org
    for path in ("src/openssl.c", "src/gnutls.c", "src/http.c"):
        for _func, text in call_strings(o.read(path), ("logprintf", "_", "logputs")):
            if (_TLS_WORDS.search(text) or _WGET_FILES.search(text)) and len(text) > 8:
                h.add(o, path, text, text, "message")
    return h


# wget's words for the files it is given (gnutls.c: "ERROR: Failed to open cert %s: (%d).",
# "Failed to load CRL file"), which _TLS_WORDS' "certificat" misses (round 23).
_WGET_FILES = re.compile(r"\bcert\b|\bCRL\b|\bkey\b")


def python() -> Harvest:
    """urllib3's exceptions and wrappers, requests' exceptions, and Python's ssl module."""
    h = Harvest("python")
    o = git_origin("urllib3/urllib3")
    for path in ("src/urllib3/exceptions.py", "src/urllib3/connectionpool.py",
                 "src/urllib3/connection.py", "src/urllib3/util/ssl_.py",
                 "src/urllib3/util/ssl_match_hostname.py"):
        for m in re.finditer(r"(?:f?\"((?:[^\"\\\n]|\\.){6,})\"|f?'((?:[^'\\\n]|\\.){6,})')",
                             o.read(path)):
            text = m.group(1) or m.group(2)
            if _TLS_WORDS.search(text) or "Max retries" in text or "Caused by" in text:
                h.add(o, path, text, unescape(text), "message")
        for m in re.finditer(r"^class (\w+(?:Error|Warning))\(", o.read(path), re.M):
            h.add(o, path, f"urllib3.exceptions.{m.group(1)}", m.group(1), "class")
    o = git_origin("psf/requests")
    for m in re.finditer(r"^class (\w+)\(", o.read("src/requests/exceptions.py"), re.M):
        h.add(o, "src/requests/exceptions.py", f"requests.exceptions.{m.group(1)}",
              m.group(1), "class")
    import ssl
    lib = Path(ssl.__file__)
    ver = "v" + ".".join(map(str, __import__("sys").version_info[:3]))
    o = dir_origin("python/cpython", ver, ver, lib.parent, "the installed Python's Lib/")
    for m in re.finditer(r"^class (SSL\w*Error)\b|^(SSL\w*Error) = ", o.read("ssl.py"), re.M):
        name = m.group(1) or m.group(2)
        h.add(o, "Lib/ssl.py", f"ssl.{name}", name, "class")
    for name in ("SSLError", "SSLZeroReturnError", "SSLWantReadError", "SSLWantWriteError",
                 "SSLSyscallError", "SSLEOFError", "SSLCertVerificationError"):
        h.add(o, "Modules/_ssl.c", f"ssl.{name}", name, "class")
    _match_hostname(h, o, "ssl.py", "Lib/ssl.py")
    _match_hostname(h, git_origin("urllib3/urllib3", "1.26.18"),
                    "src/urllib3/util/ssl_match_hostname.py")
    return h


def _match_hostname(h: Harvest, o: Origin, path: str, shown: str = "") -> None:
    """match_hostname()'s CertificateError texts (Python <= 3.6 raised them from every
    verified connection; 3.7-3.11 keep the function; urllib3 1.x and
    backports.ssl_match_hostname carry a copy): "hostname 'a' doesn't match 'b'"."""
    for m in re.finditer(r"CertificateError\(\s*((?:f?(?:\"[^\"\n]*\"|'[^'\n]*')\s*)+)",
                         o.read(path)):
        text = "".join(a + b for a, b in re.findall(r"f?\"([^\"\n]*)\"|f?'([^'\n]*)'",
                                                  m.group(1)))
        text = text.replace("{!r}", "%r")
        h.add(o, shown or path, text, text, "message")


def node() -> Harvest:
    """Node's built-in modules as the installed node carries them (lib/internal/errors.js
    E('ERR_TLS_...', message), lib/_tls_wrap.js)."""
    h = Harvest("node")
    version = subprocess.run(["node", "--version"], capture_output=True, text=True,
                             check=True).stdout.strip()
    src = subprocess.run(["node", "-e", "process.stdout.write(JSON.stringify("
                          "{e: process.binding('natives')['internal/errors'],"
                          " w: process.binding('natives')['_tls_wrap']}))"],
                         capture_output=True, text=True, check=True).stdout
    files = json.loads(src)
    o = files_origin("nodejs/node", version, version,
                     {"lib/internal/errors.js": files["e"], "lib/_tls_wrap.js": files["w"]},
                     "the installed node's built-in module sources")
    for m in re.finditer(r"^E\('(ERR_(?:TLS|SSL|CRYPTO|SOCKET|HTTP2)\w*)',\s*\n?\s*"
                         r"(?:'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"|`([^`]*)`)",
                         files["e"], re.M):
        text = m.group(2) or m.group(3) or m.group(4) or ""
        if m.group(1).startswith(("ERR_TLS", "ERR_SSL")) or _TLS_WORDS.search(text):
            h.add(o, "lib/internal/errors.js", m.group(1), unescape(text), "message")
    for m in re.finditer(r"^E\('(ERR_(?:TLS|SSL)\w*)',", files["e"], re.M):
        h.add(o, "lib/internal/errors.js", m.group(1), m.group(1), "code")
    for m in re.finditer(r"new Error\('([^']{8,})'\)|ERR_\w+\('([^']{8,})'", files["w"]):
        text = m.group(1) or m.group(2)
        h.add(o, "lib/_tls_wrap.js", text, text, "message")
    return h


JDK = Path("/usr/lib/jvm/temurin-25-jdk-amd64")
_JAVA_DIRS = ("java.base/sun/security/ssl/", "java.base/sun/security/validator/",
              "java.base/sun/security/provider/certpath/",
              "java.base/sun/security/util/HostnameChecker.java")


def java() -> Harvest:
    """Exception and alert texts of JSSE, the validator and the PKIX cert path code."""
    h = Harvest("java")
    files = {}
    with zipfile.ZipFile(JDK / "lib/src.zip") as z:
        for name in z.namelist():
            if name.endswith(".java") and name.startswith(_JAVA_DIRS):
                files[name] = z.read(name).decode("utf-8", "replace")
    release = (JDK / "release").read_text()
    ver = re.search(r'JAVA_RUNTIME_VERSION="([^"]+)"', release)
    tag = "jdk-" + (ver.group(1) if ver else "25")
    o = files_origin("openjdk/jdk25u", tag, tag, files,
                     "the Eclipse Temurin 25 JDK's lib/src.zip (OpenJDK source)")
    rx = re.compile(r"(?:new \w*(?:Exception|Error)\(|fatal\(Alert\.(\w+),)\s*\n?\s*"
                    r"\"((?:[^\"\\]|\\.){6,})\"")
    for path, src in files.items():
        for m in rx.finditer(src):
            text = unescape(m.group(2))
            h.add(o, path, text, text, "message", alert=m.group(1) or "")
    return h


def dotnet() -> Harvest:
    """SslStream's messages (System.Net.Security Strings.resx) and the Windows SSPI /
    CryptoAPI codes (winerror.h of mingw-w64: names and numbers; no texts)."""
    h = Harvest("dotnet")
    o = excerpt_origin("dotnet/runtime")
    path = "src/libraries/System.Net.Security/src/Resources/Strings.resx"
    for m in re.finditer(r"<data name=\"(\w+)\"[^>]*>\s*<value>([^<]*)</value>", o.read(path)):
        h.add(o, path, m.group(1), m.group(2).strip(), "message")
    win = Path("/usr/share/mingw-w64/include/winerror.h")
    ver = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "mingw-w64-common"],
                         capture_output=True, text=True).stdout or "unknown"
    w = dir_origin("mingw-w64/mingw-w64", f"v{ver.split('-')[0]}", ver, win.parent,
                   "the mingw-w64-common Debian package")
    for m in re.finditer(r"#define ((?:SEC_[EI]|CRYPT_E|CERT_E|TRUST_E)_\w+) "
                         r"_HRESULT_TYPEDEF_\((0x[0-9A-Fa-f]{8})", w.read("winerror.h")):
        h.add(w, "include/winerror.h", m.group(1), m.group(1), "name",
              number=m.group(2).upper().replace("0X", "0x"))
    return h


def apple() -> Harvest:
    """errSSL* and errSec* codes with their header comments (base/SecBase.h)."""
    h = Harvest("apple")
    o = git_origin("apple-oss-distributions/Security")
    for m in re.finditer(r"^\s*(err(?:SSL|Sec)\w+)\s*=\s*(-?\d+),\s*/\*\s*(.*?)\s*\*/",
                         o.read("base/SecBase.h"), re.M):
        h.add(o, "base/SecBase.h", m.group(1), m.group(3), "comment", number=int(m.group(2)))
    return h


def chrome() -> Harvest:
    h = Harvest("chrome")
    o = excerpt_origin("chromium/chromium")
    for m in re.finditer(r"^NET_ERROR\((\w+), (-\d+)\)", o.read("net/base/net_error_list.h"),
                         re.M):
        h.add(o, "net/base/net_error_list.h", f"ERR_{m.group(1)}", f"ERR_{m.group(1)}", "name",
              number=int(m.group(2)))
    return h


FIREFOX = Path("/usr/lib/firefox-esr")


def firefox() -> Harvest:
    """Firefox's certificate and network error pages and nsserrors.ftl (omni.ja)."""
    h = Harvest("firefox")
    ini = (FIREFOX / "application.ini").read_text()
    stamp = re.search(r"SourceStamp=(\w+)", ini)
    version = re.search(r"^Version=(.+)$", ini, re.M)
    repo = re.search(r"SourceRepository=\S*/([\w-]+)$", ini, re.M)
    files = {}
    with zipfile.ZipFile(FIREFOX / "omni.ja") as z:
        for name in ("localization/en-US/toolkit/neterror/certError.ftl",
                     "localization/en-US/toolkit/neterror/netError.ftl",
                     "localization/en-US/toolkit/neterror/nsserrors.ftl"):
            files[name] = z.read(name).decode()
    o: Origin = files_origin(f"mozilla/{repo.group(1) if repo else 'gecko'}",
                             version.group(1) if version else "?",
                             stamp.group(1) if stamp else "?", files,
                             "the installed firefox-esr's omni.ja")
    for path, src in files.items():
        for m in re.finditer(r"^([a-z][\w-]+) = (.+)$", src, re.M):
            ident, text = m.group(1), m.group(2).strip()
            if path.endswith("nsserrors.ftl"):
                ident = ident.upper().replace("-", "_")
            h.add(o, path, ident, text, "message")
    _firefox_legacy(h)
    return h


# Before Fluent (Firefox < 62 or so), the certificate error page's sentences lived in PSM's
# pipnss.properties; people still paste them from old Firefox, Thunderbird and SeaMonkey.
_PIPNSS = "security/manager/locales/en-US/chrome/pipnss/pipnss.properties"


def _firefox_legacy(h: Harvest) -> None:
    o = excerpt_origin("allstarschh/mozilla-central")  # a mirror of mozilla-central
    for m in re.finditer(r"^((?:certError|PSMERR_|SSLConnectionError)\w*)=(.+)$",
                         o.read(_PIPNSS), re.M):
        h.add(o, _PIPNSS, m.group(1), m.group(2).strip(), "message")
