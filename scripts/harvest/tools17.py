"""Round 17: command-line download, transfer and version-control tools with TLS wording of
their own, read from their own source.

- Subversion (apache/subversion): ra_serf's certificate verdict ("Server SSL certificate
  verification failed: <reasons>", libsvn_ra_serf/util.c), the command line's certificate
  prompt (libsvn_subr/prompt.c, one bullet per failure), its error table's TLS entries
  (subversion/include/svn_error_codes.h, printed "svn: E<number>: <text>"), and the neon
  layer of 1.7 (libsvn_ra_neon/util.c "%s of '%s'" ... "(%s://%s)");
- serf (apache/serf, HEAD and 1.3.9): serf_error_string() texts Subversion prints after
  "Error running context: ";
- neon (notroj/neon): the session's and socket's TLS texts (src/ne_session.c,
  src/ne_socket.c, src/ne_openssl.c, src/ne_gnutls.c) Subversion 1.7 and cadaver print;
- Mercurial (mercurial/sslutil.py as Debian's mercurial-common 6.3.2 ships it; scmutil.py's
  "abort: error: %s"): aborts, hints and the warnings it prints around a failed handshake;
- aria2 (aria2/aria2): SocketCore.cc's "SSL/TLS handshake failure: %s", each TLS back end's
  own verdicts (LibgnutlsTLSSession.cc, LibsslTLSSession.cc, AppleTLSSession.cc), message.h;
- socat (socat 1.7.4.4 and 1.8.0.1, xio-openssl.c): its SSL_connect/SSL_accept outcomes and
  certificate checks, printed "YYYY/MM/DD hh:mm:ss socat[pid] E <text>";
- w3m (tats/w3m istream.c ssl_check_cert_ident / ssl_get_certificate, url.c): its certificate
  prompts and refusals ("<verify string>: accept? (y/n)", "This SSL session was rejected:
  ...", "Bad cert ident ... from ...") and its handshake error line.
"""

from __future__ import annotations

import re
from pathlib import Path

from .common import Harvest, Origin, dir_origin, first_string, git_origin, unescape

_SVN = "svn: E{n}: %TEXT%"
_APR_OS_START_USERERR = 120000  # apr_errno.h: APR_OS_START_STATUS + APR_OS_ERRSPACE_SIZE * 10


def _svn_codes(o: Origin) -> dict[str, tuple[int, str]]:
    """SVN_ERR_* name -> (number, text) from svn_error_codes.h (categories of 5000)."""
    src = o.read("subversion/include/svn_error_codes.h")
    size = int(re.search(r"#define SVN_ERR_CATEGORY_SIZE (\d+)", src).group(1))  # type: ignore[union-attr]
    starts = {m.group(1): _APR_OS_START_USERERR + int(m.group(2)) * size for m in re.finditer(
        r"#define (SVN_ERR_\w*CATEGORY_START)\s+\(APR_OS_START_USERERR\s*\\?\s*\+\s*\(\s*(\d+) \*",
        src)}
    out = {}
    for m in re.finditer(r'SVN_ERRDEF\((\w+),\s*(\w+) \+ (\d+),\s*((?:"[^"]*"\s*)+)\)', src):
        if m.group(2) in starts:
            text = "".join(re.findall(r'"([^"]*)"', m.group(4)))
            out[m.group(1)] = (starts[m.group(2)] + int(m.group(3)), text)
    return out


def subversion() -> Harvest:
    h = Harvest("subversion")
    o = git_origin("apache/subversion")
    codes = _svn_codes(o)
    path = "subversion/include/svn_error_codes.h"
    for name, (n, text) in codes.items():
        if re.search(r"SSL|X509|CERT", name) and "SSPI" not in name and "GSSAPI" not in name:
            h.add(o, path, name, text, "code_text", number=n, form=_SVN.format(n=n))
    path = "subversion/libsvn_ra_serf/util.c"
    src = o.read(path)
    lead = "Server SSL certificate verification failed"
    assert f'_("{lead}")' in src
    n = codes["SVN_ERR_RA_SERF_SSL_CERT_UNTRUSTED"][0]
    h.add(o, path, lead, lead, "log", form=_SVN.format(n=n))
    for text in re.findall(r'append_reason\(errmsg,\s*_\("([^"]+)"\)', src):
        h.add(o, path, f"serf.{text}", text, "svn_reason",
              form=_SVN.format(n=n).replace("%TEXT%", f"{lead}: %TEXT%"))
    m = re.search(r'_\("(Invalid config: unable to load certificate file \'%s\')"\)', src)
    assert m
    n = codes["SVN_ERR_BAD_CONFIG_VALUE"][0]
    h.add(o, path, m.group(1), m.group(1), "log", form=_SVN.format(n=n))
    path = "subversion/libsvn_subr/prompt.c"
    src = o.read(path)
    head = re.search(r'_\("(Error validating server certificate for \'%s\':)\\n"\)', src)
    assert head
    h.add(o, path, head.group(1), head.group(1), "log")
    for lits in re.findall(r'_\(((?:\s*" - [^"]*"(?:\s*"[^"]*")*))\)', src):
        text = unescape("".join(re.findall(r'"([^"]*)"', lits)))
        first = text.strip().removeprefix("- ").split(". ")[0].split("\n")[0].rstrip(".")
        h.add(o, path, f"prompt.{first}", first, "svn_bullet",
              form=head.group(1).replace("%s", "https://svn.example.com:443") + "\n - %TEXT%.")
    # Subversion 1.7's neon layer: "<METHOD> of '<url>': <neon's text> (<scheme>://<host>)".
    o17 = git_origin("apache/subversion", "1.7.22")
    path = "subversion/libsvn_ra_neon/util.c"
    src = o17.read(path)
    assert "_(\"%s of '%s'\")" in src and '_("%s: %s (%s://%s)")' in src
    h.add(o17, path, "neon.%s of '%s'", "%s of '%s': %s (%s://%s)", "log", form="svn: %TEXT%")
    return h


def serf() -> Harvest:
    """serf_error_string() (context.c) as Subversion prints it: "svn: E<n>: Error running
    context: <text>" (ra_serf util.c svn_ra_serf__wrap_err)."""
    h = Harvest("serf")
    for ref, path in (("HEAD", "src/context.c"), ("1.3.9", "context.c")):
        o = git_origin("apache/serf", ref)
        header = o.read("serf.h")
        offsets = {m.group(1): int(m.group(2)) for m in re.finditer(
            r"#define (SERF_ERROR_\w+) \(SERF_ERROR_START \+ (\d+)\)", header)}
        for name, lits in re.findall(r"case (SERF_ERROR_\w+):\s*return ((?:\"[^\"]*\"\s*)+);",
                                     o.read(path)):
            text = "".join(re.findall(r'"([^"]*)"', lits)).strip()
            if name in offsets and re.search(r"SSL|CONN|CLOS|TIMEDOUT|ABORT|BAD_HTTP", name):
                n = _APR_OS_START_USERERR + 100 + offsets[name]
                h.add(o, path, name, text, "code_text", number=n,
                      form=f"svn: E{n}: Error running context: %TEXT%")
    return h


_NEON = "svn: E175002: OPTIONS of 'https://svn.example.com/repo': %TEXT% (https://svn.example.com)"


def neon() -> Harvest:
    """neon's TLS texts: the session's (ne_session.c: "SSL handshake failed: %s" around the
    socket's error), the socket's (ne_socket.c), the verify failure and its reasons, the
    back ends' certificate checks (ne_openssl.c, ne_gnutls.c)."""
    h = Harvest("neon")
    o = git_origin("notroj/neon")
    handshake = "SSL handshake failed: %s"
    for path in ("src/ne_session.c", "src/ne_socket.c", "src/ne_openssl.c", "src/ne_gnutls.c"):
        src = o.read(path)
        for m in re.finditer(r"(?<![A-Za-z])N?_\(", src):
            text = first_string(src[m.end():m.end() + 400].split(")", 1)[0] + ")")
            if not re.search(r"(?i)SSL|TLS|certif|handshake|secure|verif|trusted|valid|revoked|"
                             r"expired|hostname|chain", text) or text.startswith("["):
                continue
            reason = path == "src/ne_socket.c" and re.fullmatch(
                r"certificate .*|issuer is not trusted|bad certificate chain", text)
            if reason:
                form = _NEON.replace("%TEXT%", "Server certificate verification failed: %TEXT%")
                h.add(o, path, f"verify.{text}", text, "svn_reason", form=form)
            elif path == "src/ne_socket.c":
                h.add(o, path, text, text, "log",
                      form=_NEON.replace("%TEXT%", handshake.replace("%s", "%TEXT%")))
            else:
                h.add(o, path, text, text, "log", form=_NEON)
    return h


_HG = Path("/usr/lib/python3/dist-packages")
_HG_CERT_ERROR = "abort: hg.example.com certificate error: %TEXT%"


def mercurial() -> Harvest:
    """Mercurial's sslutil.py (6.3.2, Debian's mercurial-common): each translatable text
    with how hg prints it: an Abort ("abort: <text>"), its hint ("(<hint>)"), a warning
    already in parentheses; scmutil.py's wrapper of a socket/TLS error ("abort: error: %s")."""
    h = Harvest("mercurial")
    o = dir_origin("mercurial-scm/hg", "6.3.2", "6.3.2-1+deb12u1", _HG,
                   "Debian package mercurial-common 6.3.2-1+deb12u1 (its Python source)")
    for path in ("mercurial/sslutil.py", "mercurial/scmutil.py"):
        src = o.read(path)
        for m in re.finditer(r"_\(\s*((?:b'(?:[^'\\]|\\.)*'\s*|b\"(?:[^\"\\]|\\.)*\"\s*)+)\)",
                             src):
            parts = re.findall(r"b'((?:[^'\\]|\\.)*)'|b\"((?:[^\"\\]|\\.)*)\"", m.group(1))
            text = unescape("".join(a or b for a, b in parts)).strip("\n")
            if path.endswith("scmutil.py") and not text.startswith("abort: error: "):
                continue
            if not re.search(r"(?i)ssl|tls|certif|fingerprint|secur|protocol|cipher|CA |"
                             r"abort: error", text):
                continue
            before = src[max(0, m.start() - 40):m.start()]
            func = re.findall(r"\ndef (\w+)", src[:m.start()])[-1:] or [""]
            form = ("%TEXT%" if text.startswith(("(", "abort: ", "warning: "))
                    else "(%TEXT%)" if re.search(r"hint=\s*$", before)
                    # _verifycert's verdicts go inside "%s certificate error: %s"
                    else _HG_CERT_ERROR if func[0] in ("_dnsnamematch", "_verifycert")
                    else "abort: %TEXT%")
            h.add(o, path, text, text, "log", form=form)
    return h


_ARIA2 = ("12/06 11:30:00 [ERROR] CUID#7 - Download aborted. URI=https://mirror.example.org/f\n"
          "Exception: [AbstractCommand.cc:351] errorCode=1 URI=https://mirror.example.org/f\n"
          "  -> [SocketCore.cc:1019] errorCode=1 %TEXT%")


def aria2() -> Harvest:
    """aria2's handshake failure (SocketCore.cc) and each back end's verdict inside it
    (GnuTLS's joined "`...'" flags, OpenSSL's host check, AppleTLS's status words),
    message.h's TLS lines."""
    h = Harvest("aria2")
    o = git_origin("aria2/aria2")
    path = "src/SocketCore.cc"
    m = re.search(r'"(SSL/TLS handshake failure: %s)"', o.read(path))
    assert m
    lead = m.group(1)
    h.add(o, path, lead, lead, "log", form=_ARIA2)
    inside = _ARIA2.replace("%TEXT%", lead.replace("%s", "%TEXT%"))
    for path in ("src/LibgnutlsTLSSession.cc", "src/LibsslTLSSession.cc",
                 "src/AppleTLSSession.cc"):
        src = o.read(path)
        for text in re.findall(r'handshakeErr \+?= "([^"]+)";', src):
            h.add(o, path, text.strip(), text.strip(), "aria2_verdict", form=inside)
        if path == "src/AppleTLSSession.cc":
            body = src.split("getLastErrorString()", 1)[1]
            for text in re.findall(r'return "([^"]+)";', body):
                h.add(o, path, f"apple.{text}", text, "aria2_verdict", form=inside)
        if path == "src/LibsslTLSSession.cc":
            body = src.split("getLastErrorString()", 1)[1]
            for text in re.findall(r'return "([^"]+)";', body):
                h.add(o, path, f"openssl.{text}", text, "aria2_verdict", form=inside)
    path = "src/message.h"
    src = o.read(path)
    for name, lits in re.findall(r"#define ((?:MSG|EX)_\w+)\s*\\?\s*_\(((?:\s*\\?\s*\"[^\"]*\")+)"
                                 r"\s*\\?\s*\)", src):
        text = "".join(re.findall(r'"([^"]*)"', lits))
        if re.search(r"(?i)SSL|TLS|certif", text):
            # EX_*: an exception's text, on its "  -> [File.cc:N] errorCode=N" line
            h.add(o, path, name, text, "log",
                  form="  -> [SocketCore.cc:1019] errorCode=1 %TEXT%" if name.startswith("EX_")
                  else "12/06 11:30:00 [WARN] %TEXT%")
    return h


_SOCAT = "2026/12/06 11:30:00 socat[4242] E %TEXT%"


def socat() -> Harvest:
    """socat's OpenSSL address (xio-openssl.c at 1.7.4.4, the version Debian 12 ships, and
    1.8.0.1): every Msg/Error/Warn/Notice text about the handshake or the certificate."""
    h = Harvest("socat")
    for tag, path in (("tag-1.7.4.4", "xio-openssl.c"), ("tag-1.8.0.1", "xio-openssl.c")):
        o = git_origin("yonasBSD/socat", tag)  # a mirror of socat's git with its tags
        if not o.exists(path):
            path = "src/xio-openssl.c"
        src = re.sub(r"/\*.*?\*/", "", o.read(path), flags=re.S)  # commented-out calls
        for m in re.finditer(r"\b(Msg|Error|Warn|Notice)(\d?)\(", src):
            args = src[m.end():m.end() + 600]
            if m.group(1) == "Msg":
                args = args.split(",", 1)[1] if "," in args else ""
            text = first_string(args)
            if not text or not re.search(
                    r"(?i)SSL_(?:connect|accept)|certif|commonName|peer|verif|wrong version|"
                    r"closed by peer|SNI|TLS", text) or "(%p" in text or "%p)" in text:
                continue
            level = {"Warn": "W", "Notice": "N"}.get(m.group(1), "E")
            h.add(o, path, text, text, "log", form=_SOCAT.replace(" E ", f" {level} "))
    return h


def w3m() -> Harvest:
    """w3m's certificate questions and refusals (istream.c) and its SSL error line (url.c):
    -dump prints the question and, answered no, the refusal right after it."""
    h = Harvest("w3m")
    o = git_origin("tats/w3m")
    for path in ("istream.c", "url.c"):
        src = re.sub(r"/\*.*?\*/", "", o.read(path), flags=re.S)
        for lits in re.findall(r'((?:"[^"\n]*"\s*)+)', src):
            text = "".join(re.findall(r'"([^"\n]*)"', lits))
            if re.search(r"accept\? \(y/n\)|SSL session|cert ident|SSL error: |valid certificate",
                         text):
                h.add(o, path, text, text, "log")
    return h
