"""TLS libraries: OpenSSL (1.0.2, 1.1.1, 3.0, master), BoringSSL, GnuTLS, NSS, rustls, Go."""

from __future__ import annotations

import re
from pathlib import Path

from .common import Harvest, Origin, dir_origin, git_origin, unescape

# OpenSSL libraries whose reasons a TLS user meets: the TLS layer itself, certificates and
# their extensions, PEM files. (Other libraries' reasons are about cryptographic API use.)
OPENSSL_LIBS = ("SSL", "X509", "X509V3", "PEM")
OPENSSL_REFS = ("OpenSSL_1_0_2u", "OpenSSL_1_1_1w", "openssl-3.0.21", "master")


def openssl() -> Harvest:
    h = Harvest("openssl")
    for ref in OPENSSL_REFS:
        o = git_origin("openssl/openssl", ref, mirror="levitte+openssl")
        libs = _openssl_lib_numbers(o)
        if o.exists("crypto/err/openssl.txt"):
            _openssl_txt(h, o, libs)
        else:
            _openssl_102(h, o, libs)
        _x509_verify(h, o)
    return h


def _openssl_lib_numbers(o: Origin) -> dict[str, int]:
    path = next(p for p in ("include/openssl/err.h.in", "include/openssl/err.h",
                            "crypto/err/err.h") if o.exists(p))
    return {m.group(1): int(m.group(2)) for m in
            re.finditer(r"#\s*define\s+ERR_LIB_(\w+)\s+(\d+)", o.read(path))}


def _openssl_txt(h: Harvest, o: Origin, libs: dict[str, int]) -> None:
    """1.1.1 and later: crypto/err/openssl.txt, ``LIB_R_NAME:number:text``."""
    text = o.read("crypto/err/openssl.txt").replace("\\\n", "")
    for m in re.finditer(r"^(\w+?)_R_(\w+):(\d+):(.*)$", text, re.M):
        lib, name, num, msg = m.group(1), m.group(2), int(m.group(3)), m.group(4).strip()
        if lib not in OPENSSL_LIBS or not msg:
            continue
        h.add(o, "crypto/err/openssl.txt", f"{lib}_R_{name}", msg, "reason", lib=lib,
              lib_number=libs.get(lib), number=num)


_HEADERS_102 = {"SSL": ("ssl/ssl.h", "ssl/ssl_err.c"),
                "X509": ("crypto/x509/x509.h", "crypto/x509/x509_err.c"),
                "X509V3": ("crypto/x509v3/x509v3.h", "crypto/x509v3/v3err.c"),
                "PEM": ("crypto/pem/pem.h", "crypto/pem/pem_err.c")}


def _openssl_102(h: Harvest, o: Origin, libs: dict[str, int]) -> None:
    """1.0.2: numbers in the library's header, strings in its *_err.c ERR_REASON table."""
    for lib, (header, errc) in _HEADERS_102.items():
        nums = {m.group(1): int(m.group(2)) for m in re.finditer(
            rf"#\s*define\s+{lib}_R_(\w+)\s+(\d+)", o.read(header))}
        src = o.read(errc)
        for m in re.finditer(rf"\{{ERR_REASON\({lib}_R_(\w+)\)\s*,\s*\"((?:[^\"\\]|\\.)*)\"\}}",
                             src):
            name, msg = m.group(1), unescape(m.group(2))
            h.add(o, errc, f"{lib}_R_{name}", msg, "reason", lib=lib,
                  lib_number=libs.get(lib), number=nums.get(name))


def _x509_verify(h: Harvest, o: Origin) -> None:
    header = next(p for p in ("include/openssl/x509_vfy.h.in", "include/openssl/x509_vfy.h",
                              "crypto/x509/x509_vfy.h") if o.exists(p))
    nums = {m.group(1): int(m.group(2)) for m in re.finditer(
        r"#\s*define\s+X509_V_(OK|ERR_\w+)\s+(\d+)", o.read(header))}
    src = o.read("crypto/x509/x509_txt.c")
    for m in re.finditer(r"case\s+X509_V_(OK|ERR_\w+):\s*return\s*\(?\s*\"((?:[^\"\\]|\\.)*)\"",
                         src):
        name = m.group(1)
        h.add(o, "crypto/x509/x509_txt.c", f"X509_V_{name}", unescape(m.group(2)), "verify",
              number=nums.get(name))


def boringssl() -> Harvest:
    """BoringSSL prints ``error:NUM:LIB:OPENSSL_internal:NAME`` (crypto/err/err.cc)."""
    h = Harvest("boringssl")
    o = git_origin("google/boringssl")
    for lib in ("ssl", "x509", "pem"):
        path = f"crypto/err/{lib}.errordata"
        for m in re.finditer(r"^(\w+),(\d+),(\w+)$", o.read(path), re.M):
            h.add(o, path, f"{m.group(1)}_R_{m.group(3)}", m.group(3), "name",
                  lib=m.group(1), number=int(m.group(2)))
    return h


def gnutls() -> Harvest:
    """gnutls_strerror() (lib/errors.c) and the verification status lines (lib/cert-cred.c)."""
    h = Harvest("gnutls")
    o = git_origin("gnutls/gnutls")
    src = o.read("lib/errors.c")
    for m in re.finditer(r"ERROR_ENTRY\(\s*N_\(((?:\s*\"(?:[^\"\\]|\\.)*\")+)\s*\)\s*,\s*"
                         r"(GNUTLS_E_\w+)", src):
        text = unescape("".join(re.findall(r"\"((?:[^\"\\]|\\.)*)\"", m.group(1))))
        h.add(o, "lib/errors.c", m.group(2), text, "message")
    src = o.read("lib/cert-cred.c")
    for m in re.finditer(r"(GNUTLS_CERT_\w+)\)?[^;]{0,200}?_\(\"((?:[^\"\\]|\\.)*)\"\)", src,
                         re.S):
        h.add(o, "lib/cert-cred.c", m.group(1), unescape(m.group(2)).strip(), "status")
    return h


def nss() -> Harvest:
    """NSS error names and texts: lib/ssl/SSLerrs.h, lib/util/SECerrs.h (ER3(name, n, text))."""
    h = Harvest("nss")
    o = git_origin("nss-dev/nss")
    for path in ("lib/ssl/SSLerrs.h", "lib/util/SECerrs.h"):
        src = o.read(path)
        for m in re.finditer(r"ER3\((\w+),\s*([^,]+),((?:\s*\"(?:[^\"\\]|\\.)*\")+)\)", src):
            text = unescape("".join(re.findall(r"\"((?:[^\"\\]|\\.)*)\"", m.group(3))))
            h.add(o, path, m.group(1), text, "message")
    return h


def rustls() -> Harvest:
    """rustls ``Error`` Display: a prefix and the Debug name of the inner enum's variant."""
    h = Harvest("rustls")
    for ref in ("v/0.21.12", "v/0.23.43", "HEAD"):
        o = git_origin("rustls/rustls", ref)
        err = o.read("rustls/src/error.rs") if o.exists("rustls/src/error.rs") else \
            o.read("rustls/src/error/mod.rs")
        epath = "rustls/src/error.rs" if o.exists("rustls/src/error.rs") else \
            "rustls/src/error/mod.rs"
        prefixes = {
            "AlertReceived": "received fatal alert: ",
            "InvalidCertificate": "invalid peer certificate: ",
            "PeerIncompatible": "peer is incompatible: ",
            "PeerMisbehaved": "peer misbehaved: ",
        }
        for variant in list(prefixes):
            m = re.search(rf"Self::{variant}\((\w+)\)\s*=>\s*\{{?\s*write!\(\s*f,\s*\"([^\"{{]*)",
                          err)
            if m:
                prefixes[variant] = m.group(2)
            else:
                del prefixes[variant]
        enums = {"InvalidCertificate": ("CertificateError", err, epath),
                 "PeerIncompatible": ("PeerIncompatible", err, epath),
                 "PeerMisbehaved": ("PeerMisbehaved", err, epath),
                 "AlertReceived": ("AlertDescription", o.read("rustls/src/enums.rs"),
                                   "rustls/src/enums.rs")}
        for variant, prefix in prefixes.items():
            enum, src, path = enums[variant]
            for name in _rust_variants(src, enum):
                h.add(o, path, f"{enum}::{name}", prefix + name, "display", prefix=prefix)
        for m in re.finditer(r"Self::(\w+)\s*=>\s*write!\(\s*f,\s*\"([^\"{}]{6,})\"\)", err):
            h.add(o, epath, f"Error::{m.group(1)}", m.group(2), "display")
    return h


def _rust_variants(src: str, enum: str) -> list[str]:
    """Variant names of ``pub enum enum`` (depth-one identifiers inside its braces)."""
    m = re.search(rf"pub enum {enum}\b[^{{]*\{{", src)
    if not m:
        return []
    depth, i, names, body = 1, m.end(), [], []
    while depth and i < len(src):
        ch = src[i]
        depth += {"{": 1, "}": -1}.get(ch, 0)
        body.append(ch if depth == 1 else " ")
        i += 1
    text = re.sub(r"//[^\n]*|#\[[^\]]*\]", "", "".join(body))
    names = re.findall(r"(?:^|,)\s*([A-Z]\w+)", text)
    return [n for n in dict.fromkeys(names) if n != "Unknown"]


GO_ROOT = Path("/usr/lib/go-1.19/src")


def golang() -> Harvest:
    """Go crypto/tls and crypto/x509 error texts (errors.New / fmt.Errorf / Error())."""
    h = Harvest("go")
    version = (GO_ROOT.parent / "VERSION").read_text().split()[0]
    o = dir_origin("golang/go", version, version, GO_ROOT,
                   "the golang-1.19-src Debian package (upstream source)")
    for folder in ("crypto/tls", "crypto/x509", "net/http"):
        for path in o.ls(folder):
            if not path.endswith(".go") or path.endswith("_test.go") or "/internal/" in path:
                continue
            if folder == "net/http" and path not in ("net/http/transport.go",
                                                      "net/http/client.go"):
                continue
            for m in re.finditer(r"\"((?:tls|x509|net/http|http): [^\"\\]*(?:\\.[^\"\\]*)*)\"",
                                 o.read(path)):
                h.add(o, path, m.group(1), unescape(m.group(1)), "message")
        alert = o.read("crypto/tls/alert.go")
        for m in re.finditer(r"alert(\w+)\s*:\s*\"([^\"]+)\"", alert):
            h.add(o, "crypto/tls/alert.go", f"alert{m.group(1)}", m.group(2), "alert")
    return h
