"""Round 17: FTP over TLS (FTPS) servers and file-transfer clients, read from their own source.

- vsftpd (a mirror of its release tarballs, dagwieers/vsftpd, tags 2.3.5 and 3.0.2, and
  InfrastructureServices/vsftpd, 3.0.3 as Fedora and RHEL maintain it): the
  replies its TLS code writes to the client (ssl.c handle_auth/handle_pbsz/handle_prot and
  ssl_control_handshake's "Negotiation failed: ", ftpdataio.c's 522 data-connection line with
  its require_ssl_reuse hint, prelogin.c's and postlogin.c's encryption policy replies), the
  start-up failures it dies with ("500 OOPS: SSL: cannot load RSA certificate"), and its log
  lines about the data connection's session reuse;
- ProFTPD's mod_tls (proftpd/proftpd contrib/mod_tls.c): every TLSLog line (tls_log) and
  every reply it adds (pr_response_add_err), printed in its TLSLog as
  "<date> mod_tls/<version>[<pid>]: <text>";
- Pure-FTPd (jedisct1/pure-ftpd src/messages_en.h MSG_TLS_*, MSG_PROT_*; src/tls.c's own
  die()/logfile() texts), printed to syslog "pure-ftpd: (?@ip) [ERROR] <text>" and as replies;
- the FileZilla client (a git mirror of FileZilla 3's SVN, rain-1/filezilla-ng: its engine's
  TLS layer src/engine/tlssocket_impl.cpp, FTP logon and transfer sockets), printed in its
  message log as "Error:\t<text>" / "Status:\t<text>";
- FileZilla Server 1.x's data-connection securer states (iynaix/filezilla-server
  src/filezilla/ftp/session.cpp, an excerpt read through the search index), which its log and
  its 425 reply carry;
- WinSCP (winscp/winscp source/resource/TextsFileZilla.rc, TextsCore1.rc): the TLS and
  certificate messages of its FTP(S) engine;
- lftp's FTP-over-TLS login errors (lavv17/lftp src/ftpclass.cc), beside round 15's table of
  its certificate verdicts (lftp.json, not redone).
"""

from __future__ import annotations

import re

from .common import (
    MIRROR,
    Harvest,
    Origin,
    call_strings,
    files_origin,
    first_string,
    git_origin,
    unescape,
)
from .desktop16 import _po_all

# -- vsftpd -------------------------------------------------------------------------------

# ftpcodes.h: FTP_DATATLSBAD 522, FTP_TLS_FAIL 421 (ssl_control_handshake), FTP_BADAUTH 504,
# FTP_BADPBSZ/FTP_BADPROT 503, FTP_LOGINERR 530, FTP_NEEDENCRYPT 522. Read from the file.
_VSF_CODE = re.compile(r"#define\s+(FTP_\w+)\s+(\d{3})")


def _vsf_codes(o: Origin) -> dict[str, str]:
    return dict(_VSF_CODE.findall(o.read("ftpcodes.h")))


def vsftpd() -> Harvest:
    """vsftpd's TLS replies (with their FTP code), its TLS start-up deaths ("500 OOPS: "),
    and its data-connection reuse log line, from 2.3.5 and 3.0.2."""
    h = Harvest("vsftpd")
    for repo, ref in (("dagwieers/vsftpd", "2.3.5"), ("dagwieers/vsftpd", "3.0.2"),
                      ("InfrastructureServices/vsftpd", "HEAD")):
        o = git_origin(repo, ref)
        codes = _vsf_codes(o)
        for path in ("ssl.c", "prelogin.c", "postlogin.c"):
            src = o.read(path)
            for m in re.finditer(r"vsf_cmdio_write(?:_exit)?\(\s*p_sess,\s*(FTP_\w+),", src):
                text = first_string(src[m.end():m.end() + 300])
                if re.search(r"(?i)secure|encrypt|\bAUTH\b|\bPROT\b|PBSZ|SSL|TLS", text):
                    code = codes.get(m.group(1), "500")
                    h.add(o, path, text, text, "reply", code=code, form=f"{code} %TEXT%")
            for _, text in call_strings(src, ("die",)):
                if text.startswith("SSL"):
                    h.add(o, path, text, text, "log", form="500 OOPS: %TEXT%")
        src = o.read("ssl.c")
        m = re.search(r'str_alloc_text\(&err_str, "(Negotiation failed: )"\);', src)
        if m:
            h.add(o, "ssl.c", "Negotiation failed", m.group(1) + "%s", "reply",
                  code=codes.get("FTP_TLS_FAIL", "421"),
                  form=codes.get("FTP_TLS_FAIL", "421") + " %TEXT%")
        for text in re.findall(r'str_alloc_text\(&debug_str, "((?:No SSL session reuse|Missing '
                               r'cert|DATA connection terminated)[^"]*)"\)', src):
            h.add(o, "ssl.c", text, text, "log",
                  form='Sun Dec  6 08:00:00 2026 [pid 4242] [ftp] DEBUG: Client '
                       '"127.0.0.1", "%TEXT%"')
        # ftpdataio.c: "SSL connection failed" with, under require_ssl_reuse, its hint: built
        # with str_append_text() up to 3.0.2, a literal of its own from 3.0.3.
        data = o.read("ftpdataio.c")
        code = codes.get("FTP_DATATLSBAD", "522")
        base = re.search(r'str_alloc_text\(&s_err_msg, "([^"]+)"\);', data)
        more = re.findall(r'str_append_text\(\s*&s_err_msg, "([^"]+)"\);', data)
        found = [(base.group(1), base.group(1)), (base.group(1) + more[0],
                                                  base.group(1) + "".join(more))] if base else []
        for m in re.finditer(r"vsf_cmdio_write(?:_exit)?\(p_sess, FTP_DATATLSBAD,", data):
            text = first_string(data[m.end():m.end() + 200])
            found.append((text.replace(":", ";"), text))
        assert len(found) >= 2, "ftpdataio.c 522 message"
        for ident, text in found:
            h.add(o, "ftpdataio.c", ident, text, "reply", code=code, form=f"{code} %TEXT%")
    return h


# -- ProFTPD mod_tls ------------------------------------------------------------------------

PROFTPD_LOG = "2026-12-06 08:00:00,123 mod_tls/2.9.2[4242]: %TEXT%"
_R_CODE = re.compile(r"pr_response_add_err\(\s*R_(\d{3}),\s*$")


def proftpd() -> Harvest:
    """Every TLSLog line of mod_tls (tls_log's format) and every reply it adds to a
    command (its code with it). A "%s: " lead is the failed step's name ("unable to
    accept TLS connection", "unable to connect using TLS connection")."""
    h = Harvest("proftpd")
    o = git_origin("proftpd/proftpd")
    path = "contrib/mod_tls.c"
    src = o.read(path)
    leads = [(m.start(), m.group(1))
             for m in re.finditer(r'const char \*msg = "([^"]+)";', src)]
    for m in re.finditer(r"\btls_log\(", src):
        text = first_string(src[m.end():m.end() + 600])
        if not text or text == "%s":
            continue
        # "%s: " in tls_accept()/tls_connect() is their msg ("unable to accept TLS
        # connection"): the last one defined before the call, in the same function.
        lead = next((word for at, word in reversed(leads) if at < m.start()
                     and "\n}\n" not in src[at:m.start()]), None)
        if text.startswith("%s: ") and lead is not None:
            text = lead + text[2:]
        h.add(o, path, text, text, "log", form=PROFTPD_LOG)
    # tls_log("%s", "literal"): the literal is the line.
    for m in re.finditer(r'tls_log\("%s",\s*(?=")', src):
        text = first_string(src[m.end():m.end() + 400])
        if text:
            h.add(o, path, text, text, "log", form=PROFTPD_LOG)
    for m in re.finditer(r"pr_response_add_err\(\s*R_(\d{3}),", src):
        text = first_string(src[m.end():m.end() + 300])
        if text:
            h.add(o, path, f"R_{m.group(1)} {text}", text, "reply", code=m.group(1),
                  form=f"{m.group(1)} %TEXT%")
    return h


# -- Pure-FTPd ----------------------------------------------------------------------------

PURE_LOG = "Dec  6 08:00:00 host pure-ftpd: (?@192.0.2.10) [ERROR] %TEXT%"


def pure_ftpd() -> Harvest:
    """Pure-FTPd's TLS and PROT messages (messages_en.h) and tls.c's own literals."""
    h = Harvest("pure_ftpd")
    o = git_origin("jedisct1/pure-ftpd")
    path = "src/messages_en.h"
    src = o.read(path)
    for name, body in re.findall(r'#define (MSG_(?:TLS|PROT)\w*) ((?:"(?:[^"\\\n]|\\.)*"\s*\\?\s*)+)',
                                 src):
        text = unescape("".join(re.findall(r'"((?:[^"\\\n]|\\.)*)"', body)))
        for i, part in enumerate(text.split("\n")):
            # A two-line reply: each line is printed ("421-...", "421 ..."), each read alone.
            ident = name if i == 0 else f"{name}.{i}"
            h.add(o, path, ident, part, "message", form="421 %TEXT%")
    path = "src/tls.c"
    for _, text in call_strings(o.read(path), ("die", "logfile")):
        if not text.startswith("MSG_") and re.search(r"[A-Za-z]{3}", text):
            h.add(o, path, text, text, "log", form=PURE_LOG)
    return h


# -- FileZilla (client) -------------------------------------------------------------------

_FZ_FILES = ("src/engine/tlssocket_impl.cpp", "src/engine/ftp/ftpcontrolsocket.cpp",
             "src/engine/ftp/logon.cpp", "src/engine/ftp/transfersocket.cpp",
             "src/engine/ControlSocket.cpp")
_FZ_LOG = re.compile(r'LogMessage\(\s*(?:MessageType::)?(Error|Status|Debug_Warning|logLevel),\s*'
                     r'(?:prefix \+ )?(?:_\(|L)"((?:[^"\\\n]|\\.)*)"')


def filezilla() -> Harvest:
    """The FileZilla client's TLS, certificate and connection messages (the Error and
    Status lines of its message log; its Debug_Warning lines only where they are about
    TLS), as "Error:\\t<text>" / "Status:\\t<text>"."""
    h = Harvest("filezilla")
    o = git_origin("rain-1/filezilla-ng")  # a git mirror of FileZilla 3 (its SVN)
    for path in _FZ_FILES:
        for level, raw in _FZ_LOG.findall(o.read(path)):
            text = unescape(raw)
            if level == "Debug_Warning" and not re.search(r"TLS|GnuTLS|certificate", text):
                continue
            if path.endswith("ControlSocket.cpp") and not re.search(
                    r"(?i)connect|socket|timed out", text):
                continue
            lead = "Error" if level == "Error" else "Status" if level == "Status" else "Trace"
            h.add(o, path, text, text, "log", level=level, form=f"{lead}:\t%TEXT%")
    _filezilla_catalogs(h, o)
    return h


# The catalogs read: twelve of FileZilla's languages with many users (its 60 catalogs cost
# a pattern and a test each). Not Turkish: its dotted and dotless i do not survive a case
# change (a log pipeline's uppercase), which every pattern here is read through.
_FZ_LANGS = ("de", "fr", "es", "it", "ru", "pl_PL", "pt_BR", "zh_CN", "zh_TW", "ja_JP", "nl",
             "ko_KR")


def _filezilla_catalogs(h: Harvest, o: Origin) -> None:
    """Each English TLS line in FileZilla's catalogs (locales/<lang>.po, _FZ_LANGS), after
    that language's own level word ("Fehler:", "Erreur :"), as its message log prints it."""
    # The TLS, certificate and data-connection lines (not login, proxy or directory ones).
    english = [e for e in list(h.entries.values()) if e["kind"] == "log" and re.search(
        r"(?i)TLS|certific|data connection|hostname|OCSP|revoked|algorithm|authority|FTP over",
        str(e["text"]))]
    for lang in _FZ_LANGS:
        po = f"locales/{lang}.po"
        cat = _po_all(o.read(po))
        for e in english:
            text = str(e["text"])
            if cat.get(text, text) == text:
                continue
            level = {"Error": "Error:", "Status": "Status:"}.get(str(e["level"]), "Trace:")
            word = cat.get(level, level)
            h.add(o, po, str(e["id"]), cat[text], "log", lang=lang, level=e["level"],
                  after=[word], form=f"{word}\t%TEXT%")


# -- FileZilla Server 1.x -----------------------------------------------------------------

FZS_LOG = "<2026-12-06T08:00:00.000Z> FTP Session 7 192.0.2.10 user [Error] %TEXT%"


def filezilla_server() -> Harvest:
    """FileZilla Server 1.x's data-connection securer states and its control/data socket
    failures (session.cpp), logged at Error and sent as the 425 reply's reason."""
    h = Harvest("filezilla_server")
    path = "src/filezilla/ftp/session.cpp"
    commit = "cf6ed1374624c7b7e6027aeb2f26f64ca02419b0"
    saved = MIRROR / "_files" / "iynaix+filezilla-server" / commit / path
    o = files_origin("iynaix/filezilla-server", "index", commit, {path: saved.read_text()},
                     "excerpt read through the search index")
    src = o.read(path)
    for text in re.findall(r'error_msg = "([^"]+)";', src):
        h.add(o, path, text, text, "log", form=FZS_LOG)
    for text in re.findall(r'logmsg::error, L"(Failed (?:securing|connection)[^"]+)"', src):
        h.add(o, path, text, text, "log", form=FZS_LOG)
    return h


# -- WinSCP -------------------------------------------------------------------------------

def winscp() -> Harvest:
    """WinSCP's FTP(S) engine messages about TLS (TextsFileZilla.rc) and its certificate
    verdicts and TLS protocol message (TextsCore1.rc), as its error dialog shows them."""
    h = Harvest("winscp")
    o = git_origin("winscp/winscp")
    for path, rx in (("source/resource/TextsFileZilla.rc",
                      r"\s(IDS_\w*(?:SSL|CERT|TLS)\w*),\s*\"([^\"]+)\""),
                     ("source/resource/TextsCore1.rc",
                      r"\s((?:CERT_\w+|TLS_\w+|NEED_CLIENT_CERTIFICATE|OPENSSL_\w+)),"
                      r"\s*\"((?:[^\"\\]|\\.)+)\"")):
        for ident, text in re.findall(rx, o.read(path)):
            if ident.startswith("IDS_STATUSMSG") or ident in ("CERT_OK",):
                continue
            text = text.replace('\\"', '"')
            if ident.startswith("CERT_ERR_"):
                # A verdict on the server's certificate, shown in the certificate prompt's
                # details as "Summary: <text>" (CERT_TEXT2); alone it is any program's phrase.
                h.add(o, path, ident, text, "message", after=["Summary: "], whole=True,
                      form="Summary: %TEXT%")
            else:
                h.add(o, path, ident, text, "message")
    return h


# -- lftp's FTPS login errors ---------------------------------------------------------------

def lftp_ftps() -> Harvest:
    """lftp's SetError()/LogError() texts about FTP over TLS in its FTP client (ftpclass.cc):
    printed after the command and file as "cmd: file: Login failed: <text>"."""
    h = Harvest("lftp_ftps")
    for ref in ("v4.8.4", "HEAD"):
        o = git_origin("lavv17/lftp", ref)
        path = "src/ftpclass.cc"
        src = o.read(path)
        for m in re.finditer(r"\b(?:SetError\(\w+,\s*|LogError\(\d,\s*)(?:_\()?(?=\")", src):
            text = first_string(src[m.end():m.end() + 300])
            if re.search(r"ssl|SSL|TLS|\bAUTH\b", text):
                form = ("ls: Login failed: %TEXT%" if "SetError" in m.group(0)
                        else "**** %TEXT%")
                h.add(o, path, text, text, "log", form=form)
    return h
