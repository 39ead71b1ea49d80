"""Round 17: monitoring agents and their servers, read from their own source.

- NRPE (NagiosEnterprises/nrpe src/check_nrpe.c, src/nrpe.c, src/utils.c) at 2.15, 3.2.1,
  4.1.0 (Debian 12's) and HEAD: check_nrpe's status lines (printf, printed as the plugin's
  one line) and both programs' syslog/log-file lines (logit; 2.x: syslog). Every "Could not
  complete SSL handshake" format that ends in OpenSSL's SSL_get_error() number is also
  recorded once per number that can occur there (1 SSL_ERROR_SSL, 5 SSL_ERROR_SYSCALL,
  6 SSL_ERROR_ZERO_RETURN), in decimal or in the "0x%08x" HEAD prints: the number is what
  the line proves. check_nrpe's alarm handler writes its timeout line in three pieces.
- Icinga 2 (Icinga/icinga2 lib/remote/apilistener.cpp, lib/remote/pkiutility.cpp,
  lib/base/tlsstream.cpp, lib/cli/*.cpp) at v2.10.0, v2.13.0 and HEAD: the cluster
  listener's handshake and certificate lines ("Client TLS handshake failed (to [ip]:5665):
  <asio's message>", "New client connection for identity 'x' from [ip]:port (certificate
  validation failed: code 9: ...)") and the node/pki CLI's TLS lines.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from .common import (
    MIRROR,
    Harvest,
    Origin,
    call_strings,
    dir_origin,
    files_origin,
    git_origin,
    unescape,
)

_NRPE_REFS = ("nrpe-2-15", "nrpe-3.2.1", "nrpe-4.1.0", "HEAD")
_NRPE_WORDS = re.compile(r"SSL|TLS|handshake|certificat|cipher|CRC32|not allowed|ADH|"
                         r"Could not connect|underflow|Received 0 bytes|TCP wrapper|"
                         r"packet version was invalid|sending query|private key|"
                         r"Socket timeout", re.I)
# What the daemon's and the plugin's syslog lines look like (openlog("nrpe") and
# openlog("check_nrpe"), LOG_DAEMON); with log_file= the daemon writes "[epoch] text".
_DAEMON = "Dec 06 08:00:00 host nrpe[4242]: %TEXT%"
_PLUGIN_LOG = "Dec 06 08:00:00 host check_nrpe[4243]: %TEXT%"
_SSL_ERRORS = ((1, "SSL_ERROR_SSL"), (5, "SSL_ERROR_SYSCALL"), (6, "SSL_ERROR_ZERO_RETURN"))


def _numbered(h: Harvest, o: Origin, path: str, text: str, form: str, program: str) -> None:
    """One entry per SSL_get_error() value a handshake line may end with."""
    for tail in ("%d", "0x%08x"):
        if text.endswith(": " + tail) or text.endswith(". " + tail):
            for n, name in _SSL_ERRORS:
                value = str(n) if tail == "%d" else f"0x{n:08x}"
                h.add(o, path, f"{text}#{name}", text[:-len(tail)] + value, "log",
                      number=n, form=form, program=program)


def nrpe() -> Harvest:
    h = Harvest("nrpe")
    for ref in _NRPE_REFS:
        o = git_origin("NagiosEnterprises/nrpe", ref)
        for path in ("src/check_nrpe.c", "src/nrpe.c", "src/utils.c"):
            plugin = path != "src/nrpe.c"
            for func, text in call_strings(o.read(path), ("printf", "logit", "syslog")):
                text = text.rstrip("\n").strip()
                if (not _NRPE_WORDS.search(text) or len(text) < 12
                        or re.match(r"[-\[]|\S+ {2,}|SSL/TLS Available|exemption", text)):
                    continue  # usage and license text
                if func == "printf" and not plugin:
                    continue  # the daemon's usage text
                form = ("%TEXT%" if func == "printf" else _PLUGIN_LOG if plugin else _DAEMON)
                program = "check_nrpe" if plugin else "nrpe"
                h.add(o, path, text, text, "log", program=program, form=form)
                if "handshake" in text:
                    _numbered(h, o, path, text, form, program)
        src = o.read("src/check_nrpe.c")
        m = re.search(r'msg1\[\] = "([^"]+)";\s*const char\s+msg2\[\] = "([^"]+)";\s*'
                      r'const char\s+msg3\[\] = "([^"\\]+)', src)
        if m:  # 3.x and later: "CHECK_NRPE STATE CRITICAL: Socket timeout after 10 seconds."
            text = f"{m.group(1)}%s{m.group(2)}%s{m.group(3)}"
            h.add(o, "src/check_nrpe.c", text, text, "log", program="check_nrpe",
                  form="%TEXT%")
    return h


# -- Icinga 2 -----------------------------------------------------------------------------

_ICINGA_REFS = ("v2.10.0", "v2.13.0", "HEAD")
_ICINGA_FILES = ("lib/remote/apilistener.cpp", "lib/remote/pkiutility.cpp",
                 "lib/base/tlsstream.cpp", "lib/cli/nodewizardcommand.cpp",
                 "lib/cli/nodesetupcommand.cpp", "lib/cli/pkisavecertcommand.cpp",
                 "lib/cli/pkiverifycommand.cpp", "lib/cli/consolecommand.cpp")
_ICINGA_WORDS = re.compile(r"TLS|SSL|certificate|handshake|common name|Unknown endpoint", re.I)
_ICINGA_LOG = "[2026-12-06 08:00:00 +0000] %s/%s: %%TEXT%%"


def _stream_text(chunk: str) -> str:
    """A C++ ``<<`` chain as printed: its literals, each value in between a ``%s``; a
    ternary's first literal (``role == RoleClient ? "Client" : "Server"``)."""
    out = []
    for part in chunk.split("<<")[1:]:
        lits = re.findall(r'"((?:[^"\\\n]|\\.)*)"', part)
        if "?" in part and lits:
            out.append(lits[0])
            continue
        bare = re.sub(r'"(?:[^"\\\n]|\\.)*"', "", part).strip(" \t\n;()")
        out.append("".join(lits) + ("%s" if bare else ""))
    text = "".join(out).replace("\\n", " ").replace('\\"', '"')
    return re.sub(r"(?:%s)+", "%s", text).strip()


def icinga2() -> Harvest:
    h = Harvest("icinga2")
    for ref in _ICINGA_REFS:
        o = git_origin("Icinga/icinga2", ref)
        for path in _ICINGA_FILES:
            if not o.exists(path):
                continue
            src = o.read(path)
            # Log(LogCritical, "ApiListener") << "..." << x;  and  Log(level, "cli", "...");
            for m in re.finditer(r'Log\((?:log)?(Log\w+|\w+), "(\w+)"(?:, ("(?:[^"\\\n]|\\.)*"))?\)'
                                 r'((?:\s*<<[^;]{0,600})?);', src):
                level = m.group(1).replace("Log", "").lower()
                facility = m.group(2)
                text = (unescape(m.group(3)[1:-1]) if m.group(3) else "") + _stream_text(m.group(4))
                text = text.strip()
                if not _ICINGA_WORDS.search(text) or len(text) < 12:
                    continue
                if text.startswith("Client TLS handshake failed (") and ref == "HEAD":
                    # HEAD names the role; 2.11-2.14 print "Client" for both
                    h.add(o, path, "Server" + text[6:], "Server" + text[6:], "log",
                          form=_ICINGA_LOG % (level, facility))
                h.add(o, path, text, text, "log", form=_ICINGA_LOG % (level, facility))
            if "\" (certificate validation failed: \"" in src:  # appended to the line before
                text = ("New client connection for identity '%s' %s (certificate validation "
                        "failed: %s)")
                h.add(o, path, text, text, "log",
                      form=_ICINGA_LOG % ("information", "ApiListener"))
            for m in re.finditer(r'return "((?:no peer certificate|handshake not)[^"]*)"', src):
                form = (_ICINGA_LOG % ("information", "ApiListener")).replace(
                    "%TEXT%", "New client connection for identity 'agent1' from "
                              "[192.0.2.7]:50412 (certificate validation failed: %TEXT%)")
                h.add(o, path, m.group(1), m.group(1), "log", form=form)
            for m in re.finditer(r'runtime_error\("([^"]*TLS handshake[^"]*)"', src):
                h.add(o, path, m.group(1), m.group(1), "log")
    return h


# -- Proxmox Backup Server's client ----------------------------------------------------------

def pbs() -> Harvest:
    """proxmox-backup-client and every PBS client (Proxmox VE's pbs storage, proxmox-backup-
    qemu use the same pbs-client crate): its certificate check (pbs-client/src/
    http_client.rs verify_callback: the server's leaf is accepted when OpenSSL trusts the
    chain or its SHA-256 fingerprint is the configured one), logged as "certificate
    validation failed - <why>" before the connection error."""
    h = Harvest("pbs")
    o = git_origin("proxmox/proxmox-backup")
    path = "pbs-client/src/http_client.rs"
    src = o.read(path)
    lead = re.search(r'log::error!\("(certificate validation failed - )\{\}", err\)', src)
    assert lead, "verify_callback's log line"
    for m in re.finditer(r'(?:bail!|log::warn!)\("([^"{}]*(?:\{\}[^"{}]*)?)"', src):
        text = m.group(1).replace("{}", "%s")
        if not re.search(r"certificate|fingerprint", text, re.I):
            continue
        form = ("%TEXT%" if m.group(0).startswith("log::warn") else
                f"{lead.group(1)}%TEXT%")
        h.add(o, path, text, text, "log", form=form)
    return h


# -- NSClient++ ---------------------------------------------------------------------------------

_NSCP_FILES = ("include/socket/connection.hpp", "include/socket/client.hpp",
               "include/socket/socket_helpers.cpp", "include/nrpe/server/protocol.hpp",
               "include/net/socket/connection.hpp", "include/net/socket/client.hpp",
               "include/net/socket/socket_helpers.cpp", "include/net/http/client.hpp",
               "include/net/socket/allowed_hosts.hpp")
# nscp's log line: "<date> <level>:<file>:<line>: <message>" (nsclient.log, nscp test).
_NSCP_LOG = "2026-12-06 08:00:00: e:c:\\source\\nscp\\include\\socket\\connection.hpp:270: %TEXT%"


def nscp() -> Harvest:
    """NSClient++'s socket layer shared by its NRPE, NSCA, check_mk and NSClient servers and
    clients (mickem/nscp include/socket at 0.5.2.35, include/net at HEAD): the server's
    handshake verdicts ("Seems we cant agree on SSL: no shared cipher"), the client's "SSL
    handshake failed: ...", its certificate files and allowed hosts."""
    h = Harvest("nscp")
    for ref in ("0.4.4.23", "0.5.2.35", "HEAD"):
        o = git_origin("mickem/nscp", ref)
        for path in _NSCP_FILES:
            if not o.exists(path):
                continue
            src = o.read(path)
            for m in re.finditer(r'(?:log_error\(__FILE__, __LINE__,\s*|push_back\(|emplace_back\('
                                 r'|socket_exception\((?:std::string\()?)"([^"\n]{8,})"(\)?\s*\+)?',
                                 src):
                text = m.group(1) + ("%s" if m.group(2) and "+" in m.group(2) else "")
                if not re.search(r"SSL|TLS|certificat|handshake|Rejected|not allowed|cipher|"
                                 r"verify", text, re.I):
                    continue
                h.add(o, path, text, text, "log", form=_NSCP_LOG)
    return h


# -- Zabbix agent 2 -----------------------------------------------------------------------------

_ZBX2 = ("zabbix/zabbix", "7abe0978d3e57bdc81cc5369ef68ddedbc3cda9d", "src/go/pkg/tls/tls.go")


def zabbix_agent2() -> Harvest:
    """Zabbix agent 2's own TLS layer (src/go/pkg/tls/tls.go: OpenSSL through cgo, its PSK
    callbacks, the TLSServerCertIssuer/Subject check, its context set-up), which the C
    agent's table (upstream/zabbix.json) does not have. An excerpt read through the search
    index, saved with its commit in the path."""
    h = Harvest("zabbix_agent2")
    repo, commit, path = _ZBX2
    src = (MIRROR / "_files" / repo.replace("/", "+") / commit / path).read_text()
    o = files_origin(repo, "index", commit, {path: src}, "excerpt read through the search index")
    for _f, text in call_strings(src, ("BIO_printf", "fmt.Errorf")):
        h.add(o, path, text, text, "log")
    return h


# -- Proxmox VE's pveproxy --------------------------------------------------------------------

_PVEPROXY = "Dec 06 08:00:00 pve pveproxy[1234]: %TEXT%"
_ANYEVENT = Path("/tmp/tlsdoctor-anyevent")  # libanyevent-perl unpacked (apt-get download)


def _anyevent_origin() -> Origin:
    """AnyEvent::TLS as Debian 12's libanyevent-perl ships it (the Perl source is the
    package's content): unpacked with ``apt-get download libanyevent-perl; dpkg -x``."""
    version = "7.170-2+b3"
    deb = next(_ANYEVENT.glob("libanyevent-perl_*.deb"), None)
    if deb is None:
        _ANYEVENT.mkdir(parents=True, exist_ok=True)
        subprocess.run(["apt-get", "download", "-qq", f"libanyevent-perl={version}"],
                       cwd=_ANYEVENT, check=True)
        deb = next(_ANYEVENT.glob("libanyevent-perl_*.deb"))
    subprocess.run(["dpkg", "-x", str(deb), str(_ANYEVENT / "x")], check=True)
    root = next((_ANYEVENT / "x").rglob("AnyEvent/TLS.pm")).parent.parent
    return dir_origin("mlehmann/AnyEvent", version, version, root,
                      "the libanyevent-perl Debian package (Debian 12)")


def pveproxy() -> Harvest:
    """Proxmox VE's API and web proxy (proxmox/pve-http-server src/PVE/APIServer/AnyEvent.pm:
    its syslog "problem with client <ip>; <error>", its TLS settings' own errors) and the
    AnyEvent::TLS errors it dies with when its certificate or key cannot be used
    ("/etc/pve/local/pve-ssl.key: failed to load local private key (key_file or key)")."""
    h = Harvest("pveproxy")
    o = git_origin("proxmox/pve-http-server")
    path = "src/PVE/APIServer/AnyEvent.pm"
    src = o.read(path)
    for m in re.finditer(r'(?:syslog\("err", |warn |die )"([^"\n]*(?:client|TLS|tls)[^"\n]*)"',
                         src):
        text = re.sub(r"\$\w+(?:->\{\w+\})*", "%s", m.group(1)).replace("\\n", "").strip()
        if re.search(r"TLS|client|vanished", text) and "websocket" not in text:
            h.add(o, path, text, text, "log", form=_PVEPROXY)
    a = _anyevent_origin()
    tls = "AnyEvent/TLS.pm"
    for m in re.finditer(r'croak "([^"\n]+)"', a.read(tls)):
        text = re.sub(r"\$(?:arg\{\w+\}|\w+|!)|@\{\[[^\]]*\]\}", "%s", m.group(1))
        if re.search(r"cert|key|cipher|DH|method", text):
            h.add(a, tls, text, text, "log", form=_PVEPROXY.replace(
                "%TEXT%", "%TEXT% at /usr/share/perl5/PVE/APIServer/AnyEvent.pm line 1899."))
    return h
