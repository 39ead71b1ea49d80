"""Round 24: families of real threads' error output no table read, harvested from each
program's own source or, for Windows, from Microsoft's own published texts.

- schannel_events: the newer wording of Schannel's alert events in the System log, "The
  following fatal alert was received: %1" (36887) and "The following fatal alert was
  generated: %1. The internal error state is %2." (36888), read from Microsoft's support
  article KB 2801679 (MicrosoftDocs/SupportArticles-docs) and the MSDN blog of Microsoft's
  IIS support (Kaushal Kumar Panday, "SSL Handshake and HTTPS Bindings on IIS", 2013, in
  kaushalp/kaushalp.github.io), both read through the search index and saved as excerpts
  under /work/.mirror/_files/<owner+name>/<commit>/. Each sample's numbers become %1/%2.
- qt_tls: Qt's TLS back-end loader and QSslSocket warnings (qt/qtbase
  src/plugins/tls/openssl/qsslsocket_openssl_symbols.cpp, qtlsbackend_openssl.cpp,
  src/network/ssl/qsslsocket.cpp), printed after their logging category by Qt's default
  message handler: "qt.tlsbackend.ossl: ..." and "qt.network.ssl: ...".
- ldap_tools: what OpenLDAP's client tools print for a StartTLS that failed (clients/tools/
  common.c tool_perror "%s: %s (%d)" with libldap's ldap_err2string, libraries/libldap/
  error.c; "\\tadditional info: %s" with the TLS library's message, tls_g.c
  tlsg_session_errmsg = gnutls_strerror, which is "(unknown error code)" for the -1
  tlsg_cert_verify returns when the server's certificate fails its checks).
- outlook_mail: Outlook's and Outlook Express's line for a secure connection that failed,
  "A secure connection to the server could not be established. Account: ..., Secure(SSL):
  Yes, Error Number: 0x800CCC1A", from Microsoft's Knowledge Base article Q250926 (2001;
  archived in jeffpar/kbarchive, read through the search index).
- firefox_addons: Firefox's add-on install notifications (browser/omni.ja
  localization/en-US/browser/addonNotifications.ftl of the installed firefox-esr 153.8.0,
  the mozilla-esr153 build of its SourceStamp).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .common import MIRROR, Harvest, Origin, files_origin, git_origin

_FILES = MIRROR / "_files"


def _excerpt(repo: str, commit: str, path: str, read_from: str) -> tuple[Origin, str]:
    text = (_FILES / repo.replace("/", "+") / commit / path).read_text()
    return files_origin(repo, "index", commit, {path: text}, read_from), text


_KB = "support/windows-server/windows-security/ssltls-communication-problems-after-install-kb931125.md"
_BLOG = "_posts/2013-08-02-ssl-handshake-and-https-bindings-on-iis.md"


def schannel_events() -> Harvest:
    h = Harvest("schannel_events")
    o, page = _excerpt("MicrosoftDocs/SupportArticles-docs",
                       "bac2dc2745d3cf82977c9746cde7ae26f325e5a4", _KB,
                       "excerpt read through the search index (learn.microsoft.com, KB 2801679, "
                       "ms.date 12/26/2023)")
    m = re.search(r"\|Schannel\|(36887)\|(The following fatal alert was received): \d+\|", page)
    assert m, "KB 2801679's 36887 row"
    h.add(o, _KB, f"event {m.group(1)}", f"{m.group(2)}: %1", "message", event=36887,
          direction="received",
          form="Log Name: System\nSource: Schannel\nEvent ID: 36887\nLevel: Error\n"
               "Description:\n%TEXT%")
    o, post = _excerpt("kaushalp/kaushalp.github.io", "2fd21a2f67699e2b849e14d2d6f021dad147bdaf",
                       _BLOG, "excerpt read through the search index (blogs.msdn.microsoft.com/"
                       "kaushal/2013/08/02/ssl-handshake-and-https-bindings-on-iis/)")
    m = re.search(r"(The following fatal alert was generated): \d+\. "
                  r"(The internal error state is) \d+\.", post)
    assert m and "Event ID:      36888" in post, "the blog's 36888 event"
    h.add(o, _BLOG, "event 36888", f"{m.group(1)}: %1. {m.group(2)} %2.", "message",
          event=36888, direction="generated",
          form="Log Name: System\nSource: Schannel\nEvent ID: 36888\nLevel: Error\n"
               "Description:\n%TEXT%")
    return h


_QT = "qt/qtbase"
# (repository, commit, path, logging category)
_QT_FILES = (
    (_QT, "1b4301c979fff5a6278114723d3f90c0629fc211",
     "src/plugins/tls/openssl/qsslsocket_openssl_symbols.cpp", "qt.tlsbackend.ossl"),
    (_QT, "042c1b94d0d587cd60f5ae81885c412665bde644",
     "src/plugins/tls/openssl/qtlsbackend_openssl.cpp", "qt.tlsbackend.ossl"),
    # Qt 6's qsslsocket.cpp (QSslSocket::connectToHostEncrypted, QSslSocketPrivate::
    # tlsBackendInUse): the index's qt/qtbase copies are Qt 5's, so the Qt 6 file is read from
    # psmedley/qt6-base-os2, a port of qtbase 6 that carries it (round 26: before, an index
    # file that names no commit)
    ("psmedley/qt6-base-os2", "06d9a629e290b37dbd94427e60696958fee1aaef",
     "src/network/ssl/qsslsocket.cpp", "qt.network.ssl"),
)


def qt_tls() -> Harvest:
    """Every qCWarning/qWarning text of the excerpts, with its logging category."""
    h = Harvest("qt_tls")
    for repo, commit, path, category in _QT_FILES:
        o, src = _excerpt(repo, commit, path, "excerpt read through the search index")
        for call, text in re.findall(r'\b(qCWarning\(\w+, |qWarning\()"([^"]+)"', src):
            prefix = f"{category}: " if call.startswith("qCWarning") else ""
            h.add(o, path, text, text, "log", category=category if prefix else "",
                  form=f"{prefix}%TEXT%")
        for text in re.findall(r'tr\("([^"]+)"\)', src):  # the socket's errorString()
            h.add(o, path, f"errorString: {text}", text, "message")
    return h


def ldap_tools() -> Harvest:
    h = Harvest("ldap_tools")
    o = git_origin("openldap/openldap")
    err = o.read("libraries/libldap/error.c")
    m = re.search(r'C\((LDAP_CONNECT_ERROR),\s*N_\("([^"]+)"\)\)', err)
    assert m, "error.c's LDAP_CONNECT_ERROR"
    h.add(o, "libraries/libldap/error.c", m.group(1), m.group(2), "message", number=-11,
          form="ldap_start_tls: %TEXT% (-11)")
    tools = o.read("clients/tools/common.c")
    assert 'tool_perror( "ldap_start_tls", rc, NULL, NULL, msg, NULL );' in tools
    m = re.search(r'_\("(\\tadditional info: )%s\\n"\)', tools)
    assert m, "common.c's additional info line"
    h.add(o, "clients/tools/common.c", "additional info", "additional info: %s", "message",
          form="ldap_start_tls: Connect error (-11)\n\t%TEXT%")
    tls_g = o.read("libraries/libldap/tls_g.c")
    assert "return (char *)gnutls_strerror( rc );" in tls_g
    # gnutls_strerror's text for a code it does not know (lib/errors.c), which is what
    # tlsg_session_errmsg returns for tlsg_cert_verify's -1
    g = git_origin("gnutls/gnutls")
    assert '_("(unknown error code)")' in g.read("lib/errors.c")
    h.add(g, "lib/errors.c", "gnutls_strerror(-1)", "(unknown error code)", "message",
          form="ldap_start_tls: Connect error (-11)\n\tadditional info: %TEXT%")
    return h


_Q250926 = "kb/250/Q250926/README.md"


def outlook_mail() -> Harvest:
    h = Harvest("outlook_mail")
    o, kb = _excerpt("jeffpar/kbarchive", "2dc5fc58c90c79fc8f0a10fbf94397b4193a5c3b", _Q250926,
                     "excerpt read through the search index (Microsoft KB Q250926, "
                     "05-JUN-2001)")
    m = re.search(r"(A secure connection to the server could not be established\.)\s+"
                  r"Account: [^\n]+\n\s+\(SSL\): Yes, Error Number: (0x800CCC1A)", kb)
    assert m, "Q250926's quoted message"
    h.add(o, _Q250926, m.group(2), m.group(1), "message",
          form="%TEXT%\nAccount: 'accountname' Server: 'servername', Protocol: POP3, Port: "
               "995, Secure(SSL): Yes, Error Number: " + m.group(2))
    return h


_FIREFOX = Path("/usr/lib/firefox-esr")
_ADDON_FTL = "localization/en-US/browser/addonNotifications.ftl"


def firefox_addons() -> Harvest:
    """addonNotifications.ftl's install errors (addon-install-error-*, addon-local-...)."""
    h = Harvest("firefox_addons")
    ini = (_FIREFOX / "application.ini").read_text()
    stamp = re.search(r"SourceStamp=(\w+)", ini)
    version = re.search(r"^Version=(.+)$", ini, re.M)
    assert stamp and version
    with zipfile.ZipFile(_FIREFOX / "browser" / "omni.ja") as z:
        ftl = z.read(_ADDON_FTL).decode()
    o = files_origin("mozilla/mozilla-esr153", version.group(1), stamp.group(1),
                     {_ADDON_FTL: ftl}, "the installed firefox-esr's browser/omni.ja")
    for m in re.finditer(r"^(addon-(?:local-)?install-error-[\w-]+) = (.+)$", ftl, re.M):
        h.add(o, _ADDON_FTL, m.group(1), m.group(2).strip(), "message")
    return h
