"""Round 14: programs whose TLS wording no table had (Qt, Haskell's tls, Zig's std, OpenWrt's
uclient-fetch). Each table is every TLS/verification message of that library's own error
enum or error set, read from its source:

- Qt: QSslError::errorString() (src/network/ssl/qsslerror.cpp), QNetworkReply's "SSL
  handshake failed" (src/network/access/qhttpnetworkconnection.cpp) and the OpenSSL
  backend's "Error during SSL handshake: %1". qtbase is over the fetch size limit: excerpts
  read through the search index (qt/qtbase for Qt 5; Qt 6's OCSP texts from the index's
  only Qt 6 copy, robertpelloni/bobui, a fork of qtbase), saved under /work/.mirror/_files.
- Haskell tls (haskell-tls/hs-tls, tls-v1.5.8 and HEAD): every ``Error_Protocol`` text with
  the AlertDescription it carries, the AlertDescription constructors, and the
  x509-validation ``FailedReason`` constructors (kazu-yamamoto/crypton-certificate) that
  ``show`` prints inside "certificate rejected: [...]".
- Zig (lib/std as the PyPI ziglang 0.13.0 wheel ships it; ziglang/zig is over the size
  limit): the error names of std.crypto.Certificate, its Bundle, std.crypto.tls and
  std.http.Client, printed as "error: CertificateIssuerMismatch" / "error.TlsAlert...".
- OpenWrt uclient-fetch (openwrt/uclient) and ustream-ssl (openwrt/ustream-ssl).
"""

from __future__ import annotations

import re

from .common import MIRROR, Harvest, dir_origin, git_origin
from .embedded import _excerpts

_QT_TR = re.compile(r'case (\w+):[^\n]*\n\s*errStr = QSslSocket::tr\(((?:\s*"(?:[^"\\]|\\.)*")+)\)')
_QT_FILES = ("qt/qtbase", "robertpelloni/bobui")


def _joined(literals: str) -> str:
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', literals))


def qt() -> Harvest:
    """Qt's QSslError texts (one per SslError value) and its handshake failure wrappers."""
    h = Harvest("qt")
    for repo in _QT_FILES:
        for o in _excerpts(repo):
            for path in o.ls(""):
                src = o.read(path)
                for m in _QT_TR.finditer(src):
                    h.add(o, path, m.group(1), _joined(m.group(2)), "message")
                for m in re.finditer(r'tr(?:anslate)?\((?:"QHttp", )?"((?:SSL handshake failed|'
                                     r'Error during SSL handshake)[^"]*)"\)', src):
                    h.add(o, path, m.group(1), m.group(1), "message")
    return h


# hs-tls: Error_Protocol "text" Desc (2.x) or Error_Protocol ("text", True, Desc) (1.x); a
# text built with ++ ("bad " ++ show sigType ++ " for dhparams") has a placeholder for each
# value. decryptError (1.5) raises Error_Protocol (text, True, DecryptError).
_HS_CALL = re.compile(r"\b(Error_Protocol(?:_Warning)?|decryptError)\b([^\n]*)")
_HS_REFS = (("tls-v1.3.11", "core/Network/TLS"), ("tls-v1.5.8", "core/Network/TLS"),
            ("HEAD", "tls/Network/TLS"))


def _hs_text(args: str) -> tuple[str, str]:
    """(text, alert constructor) of one Error_Protocol call's arguments on its line."""
    args = args.strip().lstrip("$").strip()
    head = re.split(r",\s*(?:True|False)\s*,", args, maxsplit=1)
    alert = ""
    if len(head) == 2:
        alert = (re.match(r"\s*([A-Z]\w+)", head[1]) or re.match("", "")).group(0).strip()
        args = head[0]
    else:
        m = re.search(r"\)?\s*([A-Z]\w+)\)?\s*$", args)
        alert = m.group(1) if m else ""
        args = args[:m.start()] if m else args
    text = ""
    for part in args.lstrip("( ").split("++"):
        lit = re.fullmatch(r'\s*\(?\s*"((?:[^"\\]|\\.)*)"\s*\)?\s*', part)
        text += lit.group(1) if lit else ("%s" if part.strip() else "")
        if not lit and '"' in part:
            text += re.findall(r'"((?:[^"\\]|\\.)*)"', part)[0]
    # A value shown after the last words ("... for dhparams " ++ show dhparams) is not
    # printed by every version: the words end the text, the value may follow.
    return re.sub(r" %s$", "", text), alert


def _hs_alerts(h: Harvest, o: object, ref: str) -> None:
    assert hasattr(o, "read")
    if ref == "HEAD":
        path = "tls/Network/TLS/Error.hs"
        for name, num in re.findall(r"^pattern (\w+)\s+= AlertDescription (\d+)", o.read(path),
                                    re.M):
            h.add(o, path, f"AlertDescription.{name}", name, "alert", number=int(num))
    else:
        path = "core/Network/TLS/Struct.hs"
        body = o.read(path).split("data AlertDescription =", 1)[1].split("deriving", 1)[0]
        for name in re.findall(r"^\s*\|?\s*([A-Z]\w+)", body, re.M):
            h.add(o, path, f"AlertDescription.{name}", name, "alert")


def haskell_tls() -> Harvest:
    """hs-tls's protocol errors (with the alert each carries) and alert constructors, and
    x509-validation's FailedReason constructors."""
    h = Harvest("haskell_tls")
    for ref, folder in _HS_REFS:
        o = git_origin("haskell-tls/hs-tls", ref)
        for path in o.ls(folder):
            if not path.endswith(".hs"):
                continue
            for m in _HS_CALL.finditer(o.read(path)):
                text, alert = _hs_text(m.group(2))
                if m.group(1) == "decryptError":
                    alert = "DecryptError"
                if len(text.replace("%s", "").strip()) >= 6 and '"' not in text:
                    h.add(o, path, text, text, "message", alert=alert,
                          form=f'HandshakeFailed (Error_Protocol "%TEXT%" '
                               f'{alert or "HandshakeFailure"})')
        _hs_alerts(h, o, ref)
    o = git_origin("kazu-yamamoto/crypton-certificate")
    path = "crypton-x509-validation/Data/X509/Validation.hs"
    body = o.read(path).split("data FailedReason", 1)[1].split("deriving", 1)[0]
    for name in re.findall(r"^\s*(?:=|\|)\s*(?:--[^\n]*\n\s*)?([A-Z]\w+)", body, re.M):
        h.add(o, path, f"FailedReason.{name}", name, "reason_name")
    return h


_ZIG_FILES = ("lib/std/crypto/Certificate.zig", "lib/std/crypto/Certificate/Bundle.zig",
              "lib/std/crypto/tls.zig", "lib/std/crypto/tls/Client.zig",
              "lib/std/http/Client.zig")


def zig() -> Harvest:
    """Zig's error names in its certificate, TLS and HTTP client code: every ``error.Name``
    and every member of an ``error{...}`` set (tls.zig builds the TlsAlert* set from the
    alert enum: "TlsAlert" + the alert's Zig name)."""
    h = Harvest("zig")
    root = MIRROR / "_files" / "ziglang+zig-0.13.0"
    o = dir_origin("ziglang/zig", "0.13.0", "0.13.0", root,
                   "lib/std of the PyPI ziglang 0.13.0 wheel")
    for path in _ZIG_FILES:
        src = re.sub(r"//[^\n]*", "", o.read(path))
        names = set(re.findall(r"\berror\.([A-Z]\w+)", src))
        for body in re.findall(r"\berror\s*\{([^{}]*)\}", src):
            names.update(re.findall(r"\b([A-Z]\w+)\b", body))
        numbers = {}
        if "pub const AlertDescription = enum(u8) {" in src:
            # The TlsAlert* error of each alert: "TlsAlert" + the CamelCase of its enum name.
            body = src.split("pub const AlertDescription = enum(u8) {", 1)[1][:3000]
            for snake, num in re.findall(r"^\s*(\w+) = (\d+),", body, re.M):
                numbers["TlsAlert" + "".join(p.capitalize() for p in snake.split("_"))] = num
        for name in sorted(names):
            if len(name) >= 6:
                extra = {"number": int(numbers[name])} if name in numbers else {}
                h.add(o, path, name, name, "name", form="error: %TEXT%", **extra)
    return h


def uclient() -> Harvest:
    """uclient-fetch's error lines ("Connection error: Invalid SSL certificate", "SSL verify
    error: <reason>") and ustream-ssl's own verify reasons (its mbedTLS backend)."""
    h = Harvest("uclient")
    o = git_origin("openwrt/uclient")
    src = o.read("uclient-fetch.c")
    for m in re.finditer(r'case (UCLIENT_ERROR_\w+):\s*type = "([^"]+)";', src):
        h.add(o, "uclient-fetch.c", m.group(1), m.group(2), "message",
              form="Connection error: %TEXT%", after=["Connection error: "])
    for m in re.finditer(r'\[(UCLIENT_LOG_\w+)\] = "([^"]+)"', src):
        h.add(o, "uclient-fetch.c", m.group(1), m.group(2) + ": %s", "message")
    o = git_origin("openwrt/ustream-ssl")
    for m in re.finditer(r'msg = "([^"]+)";', o.read("ustream-mbedtls.c")):
        h.add(o, "ustream-mbedtls.c", m.group(1), m.group(1), "message",
              form="SSL verify error: %TEXT%", after=["SSL verify error: "])
    return h
