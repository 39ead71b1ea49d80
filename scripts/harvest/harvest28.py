"""Round 28: newer releases of the mainstream stacks and program families whose own wording no
table held, harvested from each project's own source (fetched mirrors, the installed
Pythons' Lib/, files read through the search index).

- LibreSSL (libressl/openbsd src/lib/libssl/ssl_err.c, src/lib/libcrypto/x509/x509_txt.c):
  the reason and verify texts OpenSSL's table does not hold (``libressl``), and libtls, its
  own TLS API that OpenBSD's nc, ftp, httpd, relayd, smtpd and PgBouncer print
  (src/lib/libtls/*.c, ``libtls``).
- AWS-LC (aws/aws-lc crypto/err/*.errordata): the reason names BoringSSL's table lacks.
- rustls-webpki (rustls/webpki src/error.rs): the Error variants rustls prints inside
  ``invalid peer certificate: Other(OtherError(...))``; rustls-platform-verifier (its
  verifiers' own errors and log lines).
- httpx and httpcore (encode/httpx, encode/httpcore): their own TLS and disconnect wording.
- PgBouncer (pgbouncer/pgbouncer src/*.c): its TLS log lines, with libtls' words inside.
- Nodemailer (nodemailer/nodemailer lib/smtp-connection/index.js): its ETLS and greeting
  errors.
- Fluent Bit (fluent/fluent-bit src/tls/*.c, src/flb_io.c, src/flb_upstream.c).
- Go 1.20 and later (golang/go src/crypto/tls, src/crypto/x509 through the search index):
  the crypto/tls and crypto/x509 texts Go 1.19's table does not hold (``go_new``).
- Python 3.12 and 3.13 (the installed Pythons' Lib/ssl.py and Lib/asyncio/sslproto.py):
  asyncio's SSL transport messages (``python_asyncio``).
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

from .common import (
    MIRROR,
    Harvest,
    call_strings,
    dir_origin,
    files_origin,
    first_string,
    git_origin,
    unescape,
)

_UPSTREAM = Path(__file__).resolve().parents[2] / "src/tlsdoctor/ingest/patterns/upstream"


def _known(source: str, field: str = "text") -> set[str]:
    """Texts (or ids) another source's table already holds: a newer release's table keeps only
    the wording the older table lacks."""
    data = json.loads((_UPSTREAM / f"{source}.json").read_text())
    return {e[field].casefold() for e in data["entries"]}


_TLS_WORDS = re.compile(r"SSL|TLS|certificat|handshake|cipher|\bCA\b|verif|alert|peer|"
                        r"revok|OCSP|issuer|trust|x509|X\.509|expired|\bkey\b|\bcert\b", re.I)


# -- LibreSSL ----------------------------------------------------------------------------------

_LIBRESSL = "libressl/openbsd"


def libressl() -> Harvest:
    """LibreSSL's reason (ssl_err.c ERR_REASON table) and verify (x509_txt.c) texts that
    OpenSSL's table does not hold. LibreSSL prints them in OpenSSL 1.0.2's layout
    (``error:1404B42E:SSL routines:ST_CONNECT:tlsv1 alert protocol version``)."""
    h = Harvest("libressl")
    o = git_origin(_LIBRESSL)
    known = _known("openssl")
    path = "src/lib/libssl/ssl_err.c"
    for m in re.finditer(r"\{ERR_REASON\((SSL_R_\w+)\)\s*,\s*\"((?:[^\"\\]|\\.)*)\"\}",
                         o.read(path)):
        text = unescape(m.group(2))
        if text.casefold() not in known:
            h.add(o, path, m.group(1), text, "reason", lib="SSL")
    path = "src/lib/libcrypto/x509/x509_txt.c"
    for m in re.finditer(r"case\s+(X509_V_(?:OK|ERR_\w+)):\s*return\s*\(?((?:\s*\"(?:[^\"\\]|\\.)*\")+)",
                         o.read(path)):
        text = unescape("".join(re.findall(r"\"((?:[^\"\\]|\\.)*)\"", m.group(2))))
        if text.casefold() not in known:
            h.add(o, path, m.group(1), text, "verify")
    return h


_LIBTLS_FILES = ("tls.c", "tls_client.c", "tls_server.c", "tls_config.c", "tls_keypair.c",
                 "tls_ocsp.c", "tls_verify.c", "tls_signer.c")
_LIBTLS_CALLS = ("tls_set_errorx", "tls_set_error", "tls_set_ssl_errorx", "tls_error_setx",
                 "tls_error_set")
# How OpenBSD's nc(1) prints a failed tls_handshake() (usr.bin/nc/netcat.c).
LIBTLS_FORM = "nc: tls handshake failed (%TEXT%)"


def libtls() -> Harvest:
    """libtls' tls_error() texts. tls_ssl_error() composes "%s failed: %s" with the
    operation ("handshake", "read", "write", "shutdown") and OpenSSL's error string or
    "unexpected EOF": those are recorded as printed for the handshake."""
    h = Harvest("libtls")
    o = git_origin(_LIBRESSL)
    for name in _LIBTLS_FILES:
        path = f"src/lib/libtls/{name}"
        for _func, text in call_strings(o.read(path), _LIBTLS_CALLS):
            if text in ("%s", "%s%s%s", "socket", "connect", "out of memory", "shutdown",
                        "close") or \
                    text.startswith("%s failed"):
                continue
            # A short text ("no server certificate") is other programs' words too (rustls'
            # "no server certificate chain resolved"): only after the caller's "(" or ": ".
            short = len(text.split()) < 4
            h.add(o, path, text, text, "message", form=LIBTLS_FORM,
                  **({"after": ["(", ":", "reason="], "whole": True} if short else {}))
    src = o.read("src/lib/libtls/tls.c")
    body = src[src.index("tls_ssl_error(struct tls"):]
    body = body[:body.index("\n}\n")]
    assert '"%s failed: %s", prefix, errstr' in body.replace("\n\t\t    ", " ")
    assert 'errstr = "unexpected EOF"' in body
    h.add(o, "src/lib/libtls/tls.c", "tls_ssl_error:handshake:unexpected EOF",
          "handshake failed: unexpected EOF", "message", form=LIBTLS_FORM)
    h.add(o, "src/lib/libtls/tls.c", "tls_ssl_error:handshake",
          "handshake failed: error:%s", "message", form=LIBTLS_FORM)
    return h


# -- AWS-LC ------------------------------------------------------------------------------------

def aws_lc() -> Harvest:
    """AWS-LC's reason names (crypto/err/{ssl,x509,pem}.errordata) that BoringSSL, which it
    forked, does not have; printed as BoringSSL prints them
    (``error:10000410:SSL routines:OPENSSL_internal:NAME``)."""
    h = Harvest("aws_lc")
    o = git_origin("aws/aws-lc")
    known = _known("boringssl", "id")
    for lib in ("ssl", "x509", "pem"):
        path = f"crypto/err/{lib}.errordata"
        for m in re.finditer(r"^(\w+),(\d+),(\w+)$", o.read(path), re.M):
            ident = f"{m.group(1)}_R_{m.group(3)}"
            if ident.casefold() not in known:
                h.add(o, path, ident, m.group(3), "name", lib=m.group(1),
                      number=int(m.group(2)),
                      form=f"error:10000410:{m.group(1)} routines:OPENSSL_internal:%TEXT%")
    return h


# -- rustls-webpki and rustls-platform-verifier ------------------------------------------------

_WEBPKI_REFS = ("v/0.101.7", "v/0.102.8", "HEAD")


def rustls_webpki() -> Harvest:
    """webpki's ``Error`` variants (Display is their Debug name). rustls (src/webpki/mod.rs
    pki_error) turns the common ones into its own CertificateError variants (its table reads
    those); the rest reach the user as ``invalid peer certificate: Other(OtherError(X))``."""
    h = Harvest("rustls_webpki")
    for ref in _WEBPKI_REFS:
        o = git_origin("rustls/webpki", ref)
        src = o.read("src/error.rs")
        body = src[src.index("pub enum Error {"):]
        body = body[:body.index("\n}\n")]
        body = re.sub(r"//[^\n]*|#\[[^\]]*\]", "", body)
        for name in re.findall(r"^\s{4}([A-Z]\w+)\s*[,({]", body, re.M):
            h.add(o, "src/error.rs", f"Error::{name}", name, "name",
                  form="invalid peer certificate: Other(OtherError(%TEXT%))")
    return h


_RPV = "rustls-platform-verifier/src/verification/"


def rustls_platform_verifier() -> Harvest:
    """rustls-platform-verifier's own errors (rustls::Error::General, printed by rustls as
    "unexpected error: %s", and its invalid-certificate texts) and its log lines."""
    h = Harvest("rustls_platform_verifier")
    o = git_origin("rustls/rustls-platform-verifier")
    for name in ("mod.rs", "others.rs", "apple.rs", "windows.rs", "android.rs"):
        path = _RPV + name
        src = o.read(path)
        for m in re.finditer(r"(General\(\s*(?:String::from\(|format!\()?\s*|"
                             r"invalid_certificate\(\s*(?:format!\()?|log::(?:error|warn)!\(\s*|"
                             r"write_str\(\s*)\"((?:[^\"\\\n]|\\.)*)\"", src):
            text = re.sub(r"\{[^{}]*\}", "%s", unescape(m.group(2)))
            lead = m.group(1)
            form = ("unexpected error: %TEXT%" if lead.startswith("General") else
                    "invalid peer certificate: Other(OtherError(%TEXT%))"
                    if lead.startswith("invalid_certificate") else "%TEXT%")
            if len(text) > 12:
                h.add(o, path, text, text, "message", form=form)
    return h


# -- httpx / httpcore --------------------------------------------------------------------------

def httpx() -> Harvest:
    """httpx's own TLS wording (the CA bundle check of 0.2x's SSLConfig) and httpcore's
    disconnect errors, which httpx re-raises under its own class names
    (httpx.RemoteProtocolError: Server disconnected without sending a response.)."""
    h = Harvest("httpx")
    old = git_origin("encode/httpx", "0.24.1")
    src = old.read("httpx/_config.py")
    m = re.search(r"\"(Could not find a suitable TLS CA certificate bundle, )\"\s*"
                  r"f?\"(invalid path: )\{[^}]*\}\"", src)
    assert m, "httpx 0.24.1's CA bundle check"
    h.add(old, "httpx/_config.py", "SSLConfig.load_ssl_context_verify",
          m.group(1) + m.group(2) + "%s", "message", form="OSError: %TEXT%")
    core = git_origin("encode/httpcore")
    for path, cls in (("httpcore/_async/http11.py", "RemoteProtocolError"),
                      ("httpcore/_async/http2.py", "RemoteProtocolError")):
        for text in re.findall(r"\"(Server disconnected[^\"]*)\"", core.read(path)):
            h.add(core, path, text, text, "message", form=f"httpx.{cls}: %TEXT%")
    return h


# -- PgBouncer ---------------------------------------------------------------------------------

_PGB_FILES = ("src/client.c", "src/server.c", "src/sbuf.c")
_PGB_CALLS = ("log_error", "log_warning", "slog_error", "slog_warning", "disconnect_client",
              "disconnect_server", "fatal", "die")
# PgBouncer's log line (src/client.c, lib/usual/logging.c): time, pid, level, the
# connection, then the text.
PGB_FORM = "2026-12-07 10:00:00.000 UTC [1234] WARNING %TEXT%"


def pgbouncer() -> Harvest:
    h = Harvest("pgbouncer")
    o = git_origin("pgbouncer/pgbouncer")
    for path in _PGB_FILES:
        src = o.read(path)
        for m in re.finditer(r"\b(" + "|".join(_PGB_CALLS) + r")\s*\(", src):
            end = src.find(";", m.end())
            args = src[m.end():end]
            lit = re.findall(r"\"((?:[^\"\\\n]|\\.)*)\"", args)
            if not lit:
                continue
            text = unescape("".join(lit))
            if not re.search(r"TLS|SSL|tls_|cert", text) or "noise" in m.group(1):
                continue
            if m.group(1).startswith("disconnect_"):
                side = "C" if m.group(1) == "disconnect_client" else "S"
                form = (f"2026-12-07 10:00:00.000 UTC [1234] LOG {side}-0x55d0: "
                        f"app/app@192.0.2.1:5432 closing because: %TEXT% (age=0s)")
            else:
                form = PGB_FORM
            h.add(o, path, text, text, "log", form=form)
    return h


# -- Nodemailer --------------------------------------------------------------------------------

def nodemailer() -> Harvest:
    """Nodemailer's SMTP connection errors (lib/smtp-connection/index.js): the message and
    its code, as an application logs the Error (``Error: Greeting never received``, code
    ETIMEDOUT; ``Error initiating TLS - <Node's error>``, code ETLS)."""
    h = Harvest("nodemailer")
    o = git_origin("nodemailer/nodemailer")
    path = "lib/smtp-connection/index.js"
    src = o.read(path)
    for m in re.finditer(r"_onError\(\s*(?:new Error\()?\s*'([^']+)'(\s*\+)?[^;]*?'(E[A-Z]+)'",
                         src):
        text = m.group(1) + ("%s" if m.group(2) else "")
        if m.group(3) in ("ETLS", "ETIMEDOUT", "ECONNECTION", "EPROTOCOL") and (
                _TLS_WORDS.search(text) or "Greeting" in text or "greeting" in text or
                "closed" in text):
            h.add(o, path, text, text, "message", code=m.group(3),
                  form=f"Error: %TEXT%\n    at SMTPConnection._formatError "
                       f"(/app/node_modules/nodemailer/lib/smtp-connection/index.js:1:1) {{\n"
                       f"  code: '{m.group(3)}',\n  command: 'CONN'\n}}")
    return h


# -- Fluent Bit --------------------------------------------------------------------------------

_FLB_FILES = ("src/tls/flb_tls.c", "src/tls/openssl.c", "src/flb_io.c", "src/flb_upstream.c")


def fluent_bit() -> Harvest:
    """Fluent Bit's TLS log lines (flb_error/flb_warn; its log prefix
    ``[2026/12/07 10:00:00] [error] ``)."""
    h = Harvest("fluent_bit")
    o = git_origin("fluent/fluent-bit")
    for path in _FLB_FILES:
        for func, text in call_strings(o.read(path), ("flb_error", "flb_warn")):
            if _TLS_WORDS.search(text) and "alpn" not in text and "windows" not in text:
                level = "error" if func == "flb_error" else "warn"
                h.add(o, path, text, text, "log", form=f"[2026/12/07 10:00:00] [{level}] %TEXT%")
    return h


# -- Python 3.12 / 3.13 asyncio ----------------------------------------------------------------

_PYENV = Path("/root/.pyenv/versions")
_PY_LIT = re.compile(r"""(?:[fr]{0,2})(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)')""")


def _py_strings(src: str) -> list[str]:
    """Python string literals, adjacent ones joined ("a " f"{x} b" is one text); an
    f-string's replacement field reads as a placeholder."""
    out, i = [], 0
    while (m := _PY_LIT.search(src, i)) is not None:
        parts, j = [], m.start()
        while (n := _PY_LIT.match(src, j)) is not None:
            parts.append(n.group(1) if n.group(1) is not None else n.group(2))
            j = n.end()
            ws = re.match(r"\s*", src[j:])
            assert ws is not None
            if _PY_LIT.match(src, j + ws.end()) is None:
                break
            j += ws.end()
        out.append(re.sub(r"\{[^{}]*\}", "%s", unescape("".join(parts))))
        i = max(j, m.end())
    return out


def python_asyncio() -> Harvest:
    """asyncio's SSL transport (Lib/asyncio/sslproto.py, base_events.py) of the installed
    Python 3.12 and 3.13: the handshake timeout and the fatal-error log lines, which carry
    the ssl module's words after them."""
    h = Harvest("python_asyncio")
    for ver in sorted(p.name for p in _PYENV.glob("3.1[23].*")):
        lib = _PYENV / ver / f"lib/python{ver.rsplit('.', 1)[0]}"
        o = dir_origin("python/cpython", f"v{ver}", f"v{ver}", lib,
                       f"the installed Python {ver}'s Lib/ (pyenv)")
        for name in ("asyncio/sslproto.py", "asyncio/base_events.py",
                     "asyncio/selector_events.py"):
            for text in _py_strings(o.read(name)):
                if re.search(r"SSL|handshake|shutdown", text) and not text.startswith(
                        ("ssl_", "SSL_", "%r", "unclosed", "Creating", "Create ")) \
                        and " " in text and len(text) > 12:
                    h.add(o, f"Lib/{name}", text, text, "message")
    return h


# -- Go 1.20 and later (files read through the search index) ---------------------------------

_GO_NEW = MIRROR / "_files" / "golang+go"


def go_new() -> Harvest:
    """crypto/tls and crypto/x509 texts of Go's newer releases that Go 1.19's table (the
    ``go`` source) does not hold. Each file was read through the search index at the commit
    recorded beside it (``COMMITS``: path -> commit) and saved as an excerpt of its error
    lines."""
    h = Harvest("go_new")
    commits = json.loads((_GO_NEW / "COMMITS.json").read_text())
    known = _known("go")
    for path, commit in sorted(commits.items()):
        o = files_origin("golang/go", "index", commit,
                         {path: (_GO_NEW / path).read_text()},
                         "excerpt read through the search index")
        for m in re.finditer(r"\"((?:tls|x509): [^\"\\]*(?:\\.[^\"\\]*)*)\"", o.read(path)):
            text = unescape(m.group(1))
            if text.casefold() not in known:
                h.add(o, path.removeprefix("src/"), text, text, "message")
    return h



# -- uv ----------------------------------------------------------------------------------------

_RUST_LIT = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def _rust_fmt(text: str) -> str:
    return re.sub(r"\{[^{}]*\}", "%s", unescape(text))


def uv() -> Harvest:
    """uv's own TLS wording (astral-sh/uv crates/uv-client/src/tls.rs, error.rs; 0.8.0's
    base_client.rs): its SSL_CERT_FILE / SSL_CERT_DIR warnings (``warning: ...``), the
    trust-anchor warning on a CA file's certificate, and the hint printed under an
    ``invalid peer certificate`` error."""
    h = Harvest("uv")
    o = git_origin("astral-sh/uv")
    path = "crates/uv-client/src/tls.rs"
    src = o.read(path)
    src = src[:src.index("#[cfg(test)]\nmod ")] if "#[cfg(test)]\nmod " in src else src
    for m in re.finditer(r"(warn_user_once!|#\[error)\(\s*\"((?:[^\"\\]|\\.)*)\"", src):
        text = _rust_fmt(m.group(2))
        form = "warning: %TEXT%" if m.group(1).startswith("warn") else "error: %TEXT%"
        h.add(o, path, text, text, "message", form=form)
    m = re.search(r"\"Ignoring invalid certificate: \{warning\}\"", src)
    assert m and "\"certificate in `{}` (from `{}`) \"" in src
    for tail in ("could not be used as a trust anchor", "uses an unsupported critical extension"):
        assert f'"{tail}"' in src
        text = f"certificate in `%s` (from `%s`) {tail}"
        h.add(o, path, text, text, "message", form="WARN Ignoring invalid certificate: %TEXT%")
    path = "crates/uv-client/src/error.rs"
    m = re.search(r"\"(Consider enabling use of system TLS certificates with the `)\{\}"
                  r"(` command-line flag)\",\s*\"(--[\w-]+)\"", o.read(path))
    assert m, "uv's system-certificates hint"
    text = m.group(1) + m.group(3) + m.group(2)
    h.add(o, path, "suggests_system_certs", text, "message",
          form="error: Request failed after 3 retries\n  Caused by: Failed to fetch: "
               "`https://pypi.org/simple/x/`\n  Caused by: error sending request for url "
               "(https://pypi.org/simple/x/)\n  Caused by: client error (Connect)\n"
               "  Caused by: invalid peer certificate: UnknownIssuer\n\n  hint: %TEXT%")
    old = git_origin("astral-sh/uv", "0.8.0")
    path = "crates/uv-client/src/base_client.rs"
    for m in re.finditer(r"warn_user_once!\(\s*\"((?:[^\"\\]|\\.)*SSL_CERT(?:[^\"\\]|\\.)*)\"",
                         old.read(path)):
        text = _rust_fmt(m.group(1))
        h.add(old, path, text, text, "message", form="warning: %TEXT%")
    return h


# -- Neo4j Java driver -------------------------------------------------------------------------

_NEO4J = "driver/src/main/java/org/neo4j/driver/internal/"


def neo4j_java() -> Harvest:
    """The Neo4j Java driver's own connection and TLS-setup exceptions (ErrorUtil's
    "Connection to the database terminated...", the SecurityException wrapping JSSE's
    handshake error, the trust settings)."""
    h = Harvest("neo4j_java")
    o = git_origin("neo4j/neo4j-java-driver")
    util = o.read(_NEO4J + "util/ErrorUtil.java")
    m = re.search(r"newConnectionTerminatedError\(\)\s*\{\s*return new (\w+)\(((?:\s*\+?\s*"
                  r"\"(?:[^\"\\]|\\.)*\")+)", util)
    assert m, "ErrorUtil.newConnectionTerminatedError"
    text = "".join(re.findall(r"\"((?:[^\"\\]|\\.)*)\"", m.group(2)))
    h.add(o, _NEO4J + "util/ErrorUtil.java", "newConnectionTerminatedError", text, "message",
          form=f"org.neo4j.driver.exceptions.{m.group(1)}: %TEXT%")
    for path, cls in (("async/connection/HandshakeHandler.java", "SecurityException"),
                      ("security/SecurityPlanImpl.java", "CertificateException"),
                      ("security/SecurityPlans.java", "ClientException"),
                      ("util/CertificateTool.java", "IOException")):
        for lit in _RUST_LIT.findall(o.read(_NEO4J + path)):
            text = unescape(lit)
            if re.search(r"secured connection|certificates found|SSL parameters|manual "
                         r"encryption|Failed to load certificate", text):
                if text.endswith("from `"):  # "... from `" + path + "`: " + count + ...
                    text += "%s`: %s"
                h.add(o, _NEO4J + path, text, text, "message", form=f"org.neo4j.driver.exceptions.{cls}: %TEXT%"
                      if cls != "IOException" else "java.io.IOException: %TEXT%")
    return h


# -- Elastic's Python transport ----------------------------------------------------------------

def elastic_transport() -> Harvest:
    """elastic-transport-python (the Elasticsearch Python client's transport): TlsError's
    "TLS error caused by: <exception>" and its TLS option checks."""
    h = Harvest("elastic_transport")
    o = git_origin("elastic/elastic-transport-python")
    for path in ("elastic_transport/_exceptions.py", "elastic_transport/_models.py",
                 "elastic_transport/_node/_base.py", "elastic_transport/_node/_http_urllib3.py",
                 "elastic_transport/_node/_http_aiohttp.py"):
        if not o.exists(path):
            continue
        for text in _py_strings(o.read(path)):
            if re.search(r"TLS|SSL|certif|verify_certs", text) and " " in text and \
                    len(text) > 12 and not text.startswith(("%s", "ssl_", "s ", "Error raised")):
                h.add(o, path, text, text, "message")
    return h


# -- Mint (Elixir) -----------------------------------------------------------------------------

def mint() -> Harvest:
    """Mint's TransportError messages (elixir-mint/mint lib/mint/transport_error.ex), raised
    by Finch, Req and Tesla as ``** (Mint.TransportError) <message>``; other reasons are
    :ssl.format_error/1's (Erlang's words)."""
    h = Harvest("mint")
    o = git_origin("elixir-mint/mint")
    path = "lib/mint/transport_error.ex"
    for m in re.finditer(r"defp format_reason\(([^)]*)\)\s*do\s*\"((?:[^\"\\]|\\.)*)\"",
                         o.read(path)):
        text = re.sub(r"#\{[^}]*\}", "%s", unescape(m.group(2)))
        # Short phrases ("socket closed", "timeout"): read only after the exception's name.
        h.add(o, path, m.group(1).strip(), text, "message",
              form="** (Mint.TransportError) %TEXT%", after=["(Mint.TransportError) "],
              whole=True)
    return h


# -- Python 3.12 / 3.13 ssl module (the installed builds' _ssl extension) ----------------------

# PySSL_SetError's and the socket helpers' own texts (Modules/_ssl.c), and the ssl exception
# each is raised with; the rest of an SSLError's text is OpenSSL's ("[SSL: NAME] reason").
_PY_SSL_TEXTS = {
    "EOF occurred in violation of protocol": "ssl.SSLEOFError: %TEXT% (_ssl.c:1000)",
    "TLS/SSL connection has been closed (EOF)": "ssl.SSLZeroReturnError: %TEXT% (_ssl.c:1000)",
    "A failure in the SSL library occurred": "ssl.SSLError: %TEXT% (_ssl.c:1000)",
    "Some I/O error occurred": "ssl.SSLSyscallError: %TEXT% (_ssl.c:1000)",
    "Hostname mismatch, certificate is not valid for '%S'.":
        "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify "
        "failed: %TEXT% (_ssl.c:1000)",
    "IP address mismatch, certificate is not valid for '%S'.":
        "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify "
        "failed: %TEXT% (_ssl.c:1000)",
    "The handshake operation timed out": "TimeoutError: _ssl.c:1003: %TEXT%",
    "The read operation timed out": "TimeoutError: %TEXT%",
    "The write operation timed out": "TimeoutError: %TEXT%",
    "Underlying socket connection gone": "ssl.SSLError: %TEXT%",
    "Underlying socket has been closed.": "ssl.SSLError: _ssl.c:1007: %TEXT%",
}


def python_ssl() -> Harvest:
    """The ssl module's own texts (Modules/_ssl.c) in the installed Python 3.12 and 3.13: the
    source is not on this machine, so each text is checked in that build's compiled _ssl
    extension (``strings``) and recorded with the release it was found in."""
    h = Harvest("python_ssl")
    for ver in sorted(p.name for p in _PYENV.glob("3.1[23].*")):
        short = ver.rsplit(".", 1)[0]
        so = next((_PYENV / ver / f"lib/python{short}/lib-dynload").glob("_ssl.*.so"))
        found = subprocess.run(["strings", "-n", "8", str(so)], capture_output=True,
                               text=True, check=True).stdout
        o = dir_origin("python/cpython", f"v{ver}", f"v{ver}", so.parent,
                       f"the compiled _ssl extension of the installed Python {ver} (pyenv)")
        for text, form in _PY_SSL_TEXTS.items():
            if text in found:
                h.add(o, "Modules/_ssl.c", text, text, "message", form=form)
    return h


# -- The JDK's HTTP client (java.net.http) -----------------------------------------------------

_JDK = Path("/usr/lib/jvm/temurin-25-jdk-amd64")
_HTTPCLIENT = "java.net.http/jdk/internal/net/http/"
# (file, text, exception class as printed)
_HTTPCLIENT_TEXTS = (
    ("Http1HeaderParser.java", "HTTP/1.1 header parser received no bytes",
     "java.io.IOException"),
    ("Http1AsyncReceiver.java", "EOF reached while reading", "java.io.EOFException"),
    ("common/SSLFlowDelegate.java", "Connection closed before successful ALPN negotiation",
     "java.io.IOException"),
    ("ResponseTimerEvent.java", "HTTP connect timed out",
     "java.net.http.HttpConnectTimeoutException"),
    ("PlainTunnelingConnection.java", "Tunnel failed, got: ", "java.io.IOException"),
)


def java_httpclient() -> Harvest:
    """The JDK's java.net.http client's own connection texts (jdk.internal.net.http, from the
    Temurin 25 JDK's lib/src.zip): an exchange that got no response bytes, an EOF during
    the TLS handshake's ALPN wait, the CONNECT tunnel refused. JSSE's own words are the
    ``java`` table's."""
    h = Harvest("java_httpclient")
    files = {}
    with zipfile.ZipFile(_JDK / "lib/src.zip") as z:
        for name, _text, _cls in _HTTPCLIENT_TEXTS:
            files[_HTTPCLIENT + name] = z.read(_HTTPCLIENT + name).decode("utf-8", "replace")
    release = (_JDK / "release").read_text()
    ver = re.search(r'JAVA_RUNTIME_VERSION="([^"]+)"', release)
    tag = "jdk-" + (ver.group(1) if ver else "25")
    o = files_origin("openjdk/jdk25u", tag, tag, files,
                     "the Eclipse Temurin 25 JDK's lib/src.zip (OpenJDK source)")
    for name, text, cls in _HTTPCLIENT_TEXTS:
        path = _HTTPCLIENT + name
        assert f'"{text}"' in o.read(path), (path, text)
        full = text + "%s" if text.endswith(": ") else text
        h.add(o, f"src/{path.replace('java.net.http/', 'java.net.http/share/classes/')}",
              text.rstrip(": ") if full != text else text, full, "message",
              form=f"{cls}: %TEXT%")
    return h


# -- libstrophe --------------------------------------------------------------------------------

_STROPHE_FILES = ("src/auth.c", "src/conn.c", "src/tls_openssl.c", "src/tls_gnutls.c",
                  "src/tls_schannel.c")


def libstrophe() -> Harvest:
    """libstrophe's (strophe/libstrophe, the XMPP library of Profanity and others) TLS error
    and warning lines, as its default logger prints them: "<area> ERROR <message>"
    (src/ctx.c xmpp_default_logger)."""
    h = Harvest("libstrophe")
    o = git_origin("strophe/libstrophe")
    for path in _STROPHE_FILES:
        if not o.exists(path):
            continue
        src = o.read(path)
        for m in re.finditer(r"\bstrophe_(error|warn)\(\s*[^,]+,\s*\"(\w+)\",", src):
            end = src.find(";", m.end())
            text = first_string(src[m.end():end])
            if text and re.search(r"TLS|SSL|cert|handshake|P12|channel binding", text):
                level = "ERROR" if m.group(1) == "error" else "WARN"
                h.add(o, path, text, text, "log", form=f"{m.group(2)} {level} %TEXT%")
    return h
