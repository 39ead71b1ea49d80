"""Round 16: desktop and self-hosted programs whose TLS wording no table had, read from their
own source.

- HexChat (hexchat/hexchat src/common/server.c ssl_do_connect, src/common/ssl.c,
  src/common/textevents.in): every line its TLS connect prints ("Connection failed (%s)"
  around OpenSSL's verify string and number, "* Verify E: ...", "No Certificate", the
  plain-port hint);
- ZNC (znc/znc src/Socket.cpp, src/SSLVerifyHost.cpp, src/IRCSock.cpp) with its catalogs
  (src/po/*.po): "Cannot connect to IRC (Invalid SSL certificate: ...). Retrying...";
- VLC's GnuTLS module and core (videolan/vlc modules/misc/gnutls.c in VLC 3/4 and in the
  VLC 1.x/2.0 form, src/network/tls.c), printed "[%p] gnutls tls client error: %s";
- unbound's DNS-over-TLS handshake and TLS context lines (NLnetLabs/unbound util/netevent.c
  ssl_handshake, util/net_help.c, services/outside_network.c);
- systemd-resolved's DNS-over-TLS lines (src/resolve/resolved-dnstls-{openssl,gnutls}.c) and
  its downgrade line (resolved-dns-server.c), excerpts read through the search index;
- libsoup 2's transport status phrases (GNOME/libsoup libsoup/soup-status.c, 2.74.3) and
  its TLS-backend line, libsoup's server certificate message;
- getdns, the library of the Stubby DNS-over-TLS stub (getdnsapi/getdns src/stub.c upstream
  log lines, its TLS back ends' verify messages), printed after "[time] STUBBY: ";
- flatpak's fetcher wrappers around libsoup's status phrase and curl's CURLcode text;
- Jellyfin's own HTTPS set-up messages (jellyfin/jellyfin), the media server's certificate.
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

# -- HexChat ------------------------------------------------------------------------------

HEXCHAT_FAIL = "* Connection failed (%TEXT%)"


def _hexchat_connfail(o: Origin) -> str:
    """The "Connection Failed" text event's format (textevents.in), colour codes removed."""
    src = o.read("src/common/textevents.in")
    m = re.search(r"\nXP_TE_CONNFAIL\n[^\n]*\n([^\n]+)\n", src)
    assert m, "XP_TE_CONNFAIL"
    return re.sub(r"%C\d*|%O", "", m.group(1)).replace("$t", " ").replace("$1", "%s").strip()


def hexchat() -> Harvest:
    """Every format ssl_do_connect() builds (server.c), its plain-port hint, ssl.c's
    warnings. A format followed by the Connection Failed event (or goto conn_fail) is
    printed inside it; the others are SSL Message lines ("* ...")."""
    h = Harvest("hexchat")
    o = git_origin("hexchat/hexchat")
    h.add(o, "src/common/textevents.in", "XP_TE_CONNFAIL", _hexchat_connfail(o), "log")
    path = "src/common/server.c"
    src = o.read(path)
    body = src.split("\nssl_do_connect (server * serv)", 1)[1].split("\n#endif", 1)[0]
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)  # commented-out lines print nothing
    parts = body.split("g_snprintf (")[1:]
    for part in parts:
        text = first_string(part)
        fails = "XP_TE_CONNFAIL" in part or "goto conn_fail" in part
        form = HEXCHAT_FAIL if fails else ("%TEXT%" if text.startswith("*") else "* %TEXT%")
        # Short words ("No Certificate") are HexChat's only inside its failure line.
        lead = {"after": ["Connection failed ("]} if fails and len(text.split()) < 4 else {}
        h.add(o, path, text, text, "log", form=form, **lead)
    for text in re.findall(r'PrintText \(serv->server_session, _\("([^"]+)"\)\)', body):
        h.add(o, path, unescape(text).strip(), unescape(text).strip(), "log")
    path = "src/common/ssl.c"
    for _, text in call_strings(o.read(path), ("g_warning",)):
        h.add(o, path, text.strip(), text.strip(), "log", form="(hexchat:4242): WARNING **: "
              "10:11:12.131: %TEXT%")
    return h


# -- ZNC ----------------------------------------------------------------------------------

_ZNC_STATUS = "<*status> Cannot connect to IRC (%TEXT%). Retrying..."
_ZNC_INVALID = "Invalid SSL certificate: "


def _po_all(src: str) -> dict[str, str]:
    """msgid -> msgstr of a gettext catalog, multi-line entries joined (fuzzy skipped)."""
    out = {}
    for block in src.split("\n\n"):
        if "#, fuzzy" in block:
            continue
        m = re.search(r'msgid ((?:"(?:[^"\\\n]|\\.)*"\s*)+)msgstr ((?:"(?:[^"\\\n]|\\.)*"\s*)+)',
                      block)
        if m:
            mid, mstr = ("".join(re.findall(r'"((?:[^"\\\n]|\\.)*)"', g)) for g in m.groups())
            if mid and mstr:
                out[unescape(mid)] = unescape(mstr)
    return out


def znc() -> Harvest:
    """ZNC's certificate checks (Socket.cpp CheckSSLCert, SSLVerifyHost.cpp), its IRC
    connection status lines (IRCSock.cpp), each in English and in every catalog ZNC ships."""
    h = Harvest("znc")
    o = git_origin("znc/znc")
    path = "src/Socket.cpp"
    src = o.read(path)
    for text in re.findall(r'CallSockError\(errnoBadSSLCert, "([^"]+)"\)', src):
        h.add(o, path, text, text, "message", form=_ZNC_STATUS)
    m = re.search(r'CString sErrorMsg = "([^"]+)";', src)
    assert m and m.group(1) == _ZNC_INVALID
    h.add(o, path, "Invalid SSL certificate", m.group(1) + "%s", "message", form=_ZNC_STATUS)
    host = []
    path = "src/SSLVerifyHost.cpp"
    for text in re.findall(r'sError = Tr::t_s\("([^"]+)"\)', o.read(path)):
        host.append(text)
        h.add(o, path, text, text, "message", after=[_ZNC_INVALID, ", "],
              form=_ZNC_STATUS.replace("%TEXT%", _ZNC_INVALID + "%TEXT%"))
    path = "src/IRCSock.cpp"
    lines = []
    for lits in re.findall(r't_[fs]\(((?:\s*"[^"\n]*")+)\)', o.read(path)):
        text = "".join(re.findall(r'"([^"]*)"', lits))
        if re.search(r"IRC \(|SSL|certificate|timed out", text):
            lines.append(text)
            h.add(o, path, text, text.replace("{1}", "%s"), "log",
                  form="<*status> %TEXT%")
    for po in o.ls("src/po"):
        if po.endswith(".po"):
            cat = _po_all(o.read(po))
            lang = po.rsplit(".", 2)[1]
            # The language's own connect line around ZNC's untranslated lead.
            wrapper = cat.get("Cannot connect to IRC ({1}). Retrying...",
                              "Cannot connect to IRC ({1}). Retrying...")
            form = "<*status> " + wrapper.replace("{1}", _ZNC_INVALID + "%TEXT%")
            for text in host:
                if cat.get(text, text) != text:
                    h.add(o, po, text, cat[text], "message", lang=lang,
                          after=[_ZNC_INVALID, ", "], form=form)
            for text in lines:
                if cat.get(text, text) != text:
                    h.add(o, po, text, cat[text].replace("{1}", "%s"), "log", lang=lang,
                          form="<*status> %TEXT%")
    return h


# -- VLC ----------------------------------------------------------------------------------

_VLC_LEADS = ["tls client error: ", "tls server error: ", "tls client warning: ",
              "gnutls error: "]


def _vlc_origins() -> list[tuple[Origin, str]]:
    """The saved excerpts: one directory per commit under /work/.mirror/_files/videolan+vlc."""
    root = MIRROR / "_files" / "videolan+vlc"
    out = []
    for d in sorted(p for p in root.iterdir() if p.is_dir()):
        for f in sorted(p for p in d.rglob("*") if p.is_file()):
            rel = str(f.relative_to(d))
            out.append((files_origin("videolan/vlc", "index", d.name, {rel: f.read_text()},
                                     "excerpt read through the search index"), rel))
    return out


def vlc() -> Harvest:
    """Every msg_Err/msg_Warn of VLC's GnuTLS module and core TLS, the old module's
    certificate verdicts (cert_errors[]), and the "Insecure site" dialog's sentences."""
    h = Harvest("vlc")
    for o, path in _vlc_origins():
        src = o.read(path)
        module = "main" if path.startswith("src/") else "gnutls"
        server_from = min(i for i in (src.find("OpenServer"), src.find("ServerAddCA"),
                                      len(src)) if i >= 0)
        for _, text in call_strings(src, ("msg_Err", "msg_Warn")):
            # The object VLC names in the line: the server's credentials print "tls server".
            at = src.find(text.split("%")[0])
            role = "server" if ("server" in text if module == "main" else at > server_from) \
                else "client"
            h.add(o, path, text, text, "log", after=_VLC_LEADS,
                  form=f"[00007f3c2c001230] {module} tls {role} error: %TEXT%")
        for text in re.findall(r'\{ GNUTLS_CERT_\w+,\s*"([^"]+)" \}', src):
            h.add(o, path, text, text, "log", after=_VLC_LEADS,
                  form="[00007f3c2c001230] gnutls tls client error: %TEXT%")
        for lits in re.findall(r'msg = N_\(((?:\s*"[^"\n]*")+)\)', src):
            text = "".join(re.findall(r'"([^"]*)"', lits))
            h.add(o, path, text, text, "dialog")
        for lits in re.findall(r'_\("Insecure site"\),\s*_\(((?:\s*"[^"\n]*")+)\)', src):
            text = unescape("".join(re.findall(r'"([^"]*)"', lits)))
            h.add(o, path, text.split("\n")[0], text, "dialog")
    return h


# -- unbound ------------------------------------------------------------------------------

_UNBOUND = "[1733472000] unbound[4242:0] "


def _c_function(src: str, name: str) -> str:
    """The body of C function ``name`` (from its definition line to the next '\\n}')."""
    m = re.search(rf"\n{re.escape(name)}\s*\(", src)
    assert m, name
    return src[m.start():src.index("\n}", m.start())]


def unbound() -> Harvest:
    """unbound's TLS handshake lines (netevent.c ssl_handshake: log_crypto_err_io_code
    prints "<str> crypto <OpenSSL error string>", log_addr "<str> <ip> port <n>"), its TLS
    context set-up for the DoT listener and upstream (net_help.c), outside_network.c's
    missing context."""
    h = Harvest("unbound")
    o = git_origin("NLnetLabs/unbound")
    funcs = (("util/netevent.c", "ssl_handshake"),
             ("util/net_help.c", "listen_sslctx_setup"),
             ("util/net_help.c", "void* listen_sslctx_create"),
             ("util/net_help.c", "void* connect_sslctx_create"))
    calls = ("log_err", "log_crypto_err", "log_crypto_err_io_code", "log_addr", "snprintf")
    for path, fn in funcs:
        for call, text in call_strings(_c_function(o.read(path), fn), calls):
            level = "notice" if call == "log_addr" else "error"
            printed = (f"{text} crypto %s" if call.startswith("log_crypto")
                       else f"{text} %s port %d" if call == "log_addr" else text)
            h.add(o, path, printed, printed, "log", form=f"{_UNBOUND}{level}: %TEXT%")
    path = "services/outside_network.c"
    for _, text in call_strings(o.read(path), ("log_err",)):
        if "SSL" in text:
            h.add(o, path, text, text, "log", form=f"{_UNBOUND}error: %TEXT%")
    return h


# -- systemd-resolved ---------------------------------------------------------------------

_JOURNAL = "Dec 06 08:00:00 host systemd-resolved[512]: %TEXT%"


def resolved() -> Harvest:
    """systemd-resolved's DNS-over-TLS messages (both back ends) and the feature-level
    downgrade it logs when DNS-over-TLS to a server failed (opportunistic mode)."""
    h = Harvest("resolved")
    root = MIRROR / "_files" / "systemd+systemd"
    for d in sorted(p for p in root.iterdir() if p.is_dir()):
        for f in sorted(p for p in d.rglob("*.c")):
            rel = str(f.relative_to(d))
            o = files_origin("systemd/systemd", "index", d.name, {rel: f.read_text()},
                             "excerpt read through the search index")
            src = o.read(rel)
            for lit in re.findall(r'"((?:Failed to|Using degraded)[^"\n]*)"', src):
                h.add(o, rel, lit, unescape(lit), "log", form=_JOURNAL)
            for lit in re.findall(r'snprintf\(buf, count, "([^"]+)"', src):
                for n, name in ((1, "SSL_ERROR_SSL"), (5, "SSL_ERROR_SYSCALL"),
                                (6, "SSL_ERROR_ZERO_RETURN")):
                    text = lit.replace("%d", str(n))
                    h.add(o, rel, name, text, "log", form=_JOURNAL.replace(
                        "%TEXT%", "Failed to invoke SSL_do_handshake: %TEXT%"))
    return h


# -- libsoup ------------------------------------------------------------------------------

def libsoup() -> Harvest:
    """libsoup 2's transport status phrases (soup-status.c reason_phrases[], 2.74.3: what
    a program prints as msg->reason_phrase for a status below 100), the TLS-backend line
    of soup-session.c, and the server's certificate check (2.74.3 and HEAD)."""
    h = Harvest("libsoup")
    o = git_origin("GNOME/libsoup", "2.74.3")
    path = "libsoup/soup-status.c"
    for name, text in re.findall(r'\{ (SOUP_STATUS_\w+),\s+"([^"]+)" \}', o.read(path)):
        number = _status_number(o, name)
        if 0 <= number < 100:
            # As a program prints status_code and reason_phrase (GStreamer's souphttpsrc).
            h.add(o, path, name, text, "phrase", number=number,
                  form=f"HTTP error code {number}: %TEXT%")
    path = "libsoup/soup-session.c"
    for text in re.findall(r'"(TLS/SSL support not available[^"]*)"', o.read(path)):
        h.add(o, path, "SOUP_STATUS_SSL_FAILED.no_backend", text, "message")
    for ref, path in (("2.74.3", "libsoup/soup-server.c"), ("HEAD", "libsoup/server/soup-server.c")):
        o = git_origin("GNOME/libsoup", ref)
        for text in re.findall(r'_\("(Can[^"]*TLS certificate)"\)', o.read(path)):
            h.add(o, path, text, text, "message")
    return h


def _status_number(o: Origin, name: str) -> int:
    """SOUP_STATUS_* value from soup-status.h's enum (consecutive from the last "= N")."""
    body = o.read("libsoup/soup-status.h").split("typedef enum {", 1)[1]
    value = -1
    for m in re.finditer(r"\b(SOUP_STATUS_\w+)\s*(?:=\s*(\d+))?\s*,", body):
        value = int(m.group(2)) if m.group(2) else value + 1
        if m.group(1) == name:
            return value
    return -1  # an alias (SOUP_STATUS_PROXY_UNAUTHORIZED = ...): an HTTP status


# -- getdns (Stubby) ----------------------------------------------------------------------

_STUBBY = "[14:07:51.462236] STUBBY: "  # stubby src/log.c: "[%s.%.6d] STUBBY: "


def getdns() -> Harvest:
    """getdns's upstream log lines (src/stub.c _getdns_upstream_log, which Stubby prints
    after "[time] STUBBY: "), each about an upstream's TLS connection or its
    authentication, and the verify messages of its TLS back ends (src/openssl/tls.c,
    src/gnutls/tls.c) printed inside "Verify failed : TLS - <profile> -  <message>"."""
    h = Harvest("getdns")
    o = git_origin("getdnsapi/getdns")
    stubby = git_origin("getdnsapi/stubby")
    assert "STUBBY: " in stubby.read("src/log.c")
    for path in ("src/stub.c", "src/context.c"):
        src = o.read(path)
        for m in re.finditer(r"_getdns_upstream_log\(", src):
            text = first_string(src[m.end():m.end() + 800]).rstrip("\n")
            if text.startswith("%-40s : ") and re.search(r"TLS|Verify|Conn|Backing|upstreams",
                                                         text):
                h.add(o, path, text, text, "log", form=_STUBBY + "%TEXT%")
    failed = "%-40s : Verify failed : TLS - *Failure* -  %TEXT%"
    for path in ("src/openssl/tls.c", "src/gnutls/tls.c"):
        for text in re.findall(r'\*errmsg = "([^"]+)";', o.read(path)):
            h.add(o, path, text, text, "message",
                  form=_STUBBY + failed.replace("%-40s", "1.1.1.1"))
    return h


# -- flatpak ------------------------------------------------------------------------------

def flatpak() -> Harvest:
    """flatpak's HTTP fetcher (common/flatpak-utils-http.c): the libsoup back end's
    "Server returned status %u: %s" (soup_status_get_phrase: "6: SSL handshake failed")
    and "Error connecting to server: %s", the curl back end's "While fetching %s: [%u] %s"
    (CURLcode and curl_easy_strerror). Excerpts read through the search index."""
    h = Harvest("flatpak")
    root = MIRROR / "_files" / "flatpak+flatpak"
    for d in sorted(p for p in root.iterdir() if p.is_dir()):
        rel = "common/flatpak-utils-http.c"
        o = files_origin("flatpak/flatpak", "index", d.name, {rel: (d / rel).read_text()},
                         "excerpt read through the search index")
        for lit in re.findall(r'"((?:Server returned|Error connecting|While fetching)[^"]+)"',
                              o.read(rel)):
            h.add(o, rel, lit, lit, "message", form="error: %TEXT%")
    return h


# -- Jellyfin -----------------------------------------------------------------------------

_SERILOG = "[2026-12-06 08:00:00.000 +00:00] [ERR] [1] %s: %%TEXT%%"


def jellyfin() -> Harvest:
    """Jellyfin's own HTTPS set-up messages (its server's certificate: a PKCS#12 file it
    loads, or ASP.NET Core's development certificate), logged through Serilog as
    "[time] [ERR] [thread] <class>: <message>". Its TLS client failures are .NET's words."""
    h = Harvest("jellyfin")
    o = git_origin("jellyfin/jellyfin")
    for path, cls in (("Emby.Server.Implementations/ApplicationHost.cs",
                       "Emby.Server.Implementations.ApplicationHost"),
                      ("Jellyfin.Server/Extensions/WebHostBuilderExtensions.cs", "Main")):
        src = o.read(path)
        for text in re.findall(r'(?:[Ll]ogger\.Log(?:Error|Warning|Critical)\((?:ex, )?|new '
                               r'InvalidOperationException\()"([^"]*(?:cert|HTTPS|https)[^"]*)"',
                               src):
            h.add(o, path, text, text, "log", form=_SERILOG % cls)
    return h
