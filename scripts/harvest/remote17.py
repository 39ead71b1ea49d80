"""Round 17: VPN and remote-desktop programs whose TLS wording no table had, read from their
own source.

- OpenConnect (openconnect/openconnect, the GitHub mirror of its GitLab tree): every
  translatable message of its GnuTLS and OpenSSL back ends (gnutls.c, openssl.c), its own
  verify reasons ("signer not found") printed after "Server certificate verify failed: " and
  "Reason: ", and main.c's certificate prompt;
- ocserv (openconnect/ocserv src/tlslib.c, src/tlslib.h, src/worker-vpn.c): the VPN server's
  TLS lines, logged "ocserv[pid]: worker: <ip> <text>";
- FreeRDP (FreeRDP/FreeRDP at 2.9.0, the 2.x wording Debian's freerdp2 prints, and HEAD,
  3.x): the WLog lines of its TLS layer (libfreerdp/crypto/tls.c), security negotiation
  (core/nego.c), CredSSP (core/nla.c), the verify callback (crypto.c, x509_utils.c), the
  command-line client's certificate prompts (client/common/client.c) and the connection
  error names and texts (core/errconnect.c) freerdp_set_last_error_ex() logs;
- xrdp (neutrinolabs/xrdp at v0.9.21.1, Debian 12's, and HEAD): its TLS layer
  (common/ssl_calls.c, common/trans.c) and its security-layer choice and certificate files
  (libxrdp/xrdp_iso.c, xrdp_rdp.c, xrdp_sec.c), logged "[time] [LEVEL] <text>".
"""

from __future__ import annotations

import re
import subprocess

from .common import MIRROR, Harvest, Origin, call_strings, git_origin, unescape

_LITS = r'((?:\s*"(?:[^"\\\n]|\\.)*")+)'


def _pri(src: str) -> str:
    """C source with the <inttypes.h> macros of its formats folded in ("%" PRIu16 -> "%d")."""
    return re.sub(r'%([-0-9.]*)"\s*PRI[a-zA-Z0-9]+\s*"', r"%\1d", src)


def _joined(lits: str) -> str:
    return unescape("".join(re.findall(r'"((?:[^"\\\n]|\\.)*)"', lits)))


# -- OpenConnect --------------------------------------------------------------------------

# Where OpenConnect's prompt (main.c) prints the verify reason it refused or asks about. It
# prints the reason first after "Server certificate verify failed: " (an info line, printed
# too when --servercert then accepts the certificate): patterns/remote17.py reads that form.
OC_AFTER = ["Reason: "]
_OC_PROMPT = 'Certificate from VPN server "vpn.example" failed verification.\nReason: %TEXT%'


def openconnect() -> Harvest:
    """Every _("...") message of gnutls.c and openssl.c (what vpn_progress prints, one per
    line), the connection and HTTPS lines of ssl.c and http.c; the reasons assigned to ``reason``/``err_string`` only after OpenConnect's two
    leads; main.c's prompt sentences."""
    h = Harvest("openconnect")
    o = git_origin("openconnect/openconnect")
    for path in ("gnutls.c", "openssl.c"):
        src = o.read(path)
        reasons = {_joined(m) for m in re.findall(r"(?:reason|err_string) = _\(" + _LITS + r"\)",
                                                  src)}
        for lits in re.findall(r"_\(" + _LITS + r"\)", src):
            text = _joined(lits).strip()
            if text in reasons and not text.startswith(("Client certificate", "No certificate")):
                h.add(o, path, text, text, "message", after=OC_AFTER, form=_OC_PROMPT)
            else:
                h.add(o, path, text, text, "log")
    for path in ("ssl.c", "http.c"):
        for lits in re.findall(r"_\(" + _LITS + r"\)", o.read(path)):
            text = _joined(lits).strip()
            if re.search(r"(?i)https|ssl|tls|connect to|certificate", text):
                h.add(o, path, text, text, "log")
    path = "main.c"
    src = o.read(path)
    start = re.search(r"\nstatic int validate_peer_cert\(void \*_vpninfo[^;]*?\n\{", src)
    assert start, "validate_peer_cert"
    body = src[start.end():].split("\n}\n", 1)[0]
    for lits in re.findall(r"_\(" + _LITS + r"\)", body):
        text = _joined(lits).strip()
        if len(text) > 8:
            h.add(o, path, text.split("\n")[0], text, "log")
    return h


# -- ocserv -------------------------------------------------------------------------------

_OCSERV = "ocserv[4242]: worker: 192.0.2.10 %TEXT%"


def _ocserv_origin() -> Origin:
    """ocserv's snapshot is a work tree with its .git inside."""
    gitdir = MIRROR / "openconnect+ocserv" / "repo" / ".git"
    commit = subprocess.run(["git", f"--git-dir={gitdir}", "rev-parse", "HEAD^{commit}"],
                            capture_output=True, text=True, check=True).stdout.strip()
    return Origin(repo="openconnect/ocserv", ref="HEAD", commit=commit, read_from="mirror",
                  _git=gitdir)


def ocserv() -> Harvest:
    """ocserv's TLS messages: the worker's oclog() and the main process's mslog() lines of
    tlslib.c and worker-vpn.c, and tlslib.h's GnuTLS error wrapper."""
    h = Harvest("ocserv")
    o = _ocserv_origin()
    for path in ("src/tlslib.c", "src/worker-vpn.c", "src/tlslib.h"):
        for _, text in call_strings(o.read(path), ("oclog", "mslog")):
            if re.search(r"(?i)TLS|certificat|GnuTLS|key file|priority|handshake", text):
                h.add(o, path, text, text, "log", form=_OCSERV)
    return h


# -- FreeRDP ------------------------------------------------------------------------------

_WLOG2 = "[11:21:35:546] [19531:19531] [{level}][{tag}] - %TEXT%"
_WLOG3 = "[11:21:35:546] [19531:19531] [{level}][{tag}] - [{fn}]: %TEXT%"
_LEVELS = {"WLog_ERR": "ERROR", "WLog_WARN": "WARN", "WLog_INFO": "INFO"}
_FREERDP_FILES = (("libfreerdp/crypto/tls.c", "com.freerdp.crypto", "tls_do_handshake"),
                  ("libfreerdp/crypto/crypto.c", "com.freerdp.crypto", "verify_cb"),
                  ("libfreerdp/crypto/x509_utils.c", "com.freerdp.crypto", "verify_cb"),
                  ("libfreerdp/core/nego.c", "com.freerdp.core.nego", "nego_connect"),
                  ("libfreerdp/core/nla.c", "com.freerdp.core.nla", "nla_client_begin"),
                  ("libfreerdp/core/transport.c", "com.freerdp.core.transport",
                   "transport_connect_tls"))


def _freerdp_logs(h: Harvest, o: Origin, three: bool) -> None:
    for path, tag, fn in _FREERDP_FILES:
        if not o.exists(path):
            continue
        for call, text in call_strings(_pri(o.read(path)), ("WLog_ERR", "WLog_WARN",
                                                            "WLog_INFO")):
            if text.strip() and not text.startswith("@"):
                form = (_WLOG3 if three else _WLOG2).format(level=_LEVELS[call], tag=tag, fn=fn)
                h.add(o, path, text.strip(), text.strip(), "log", form=form)


def _freerdp_prompts(h: Harvest, o: Origin) -> None:
    path = "client/common/client.c"
    for _, text in call_strings(_pri(o.read(path)), ("printf",)):
        text = text.strip()
        if re.search(r"(?i)X\.509|Certificate (?:has changed|for )|trust the above", text):
            h.add(o, path, text.split("\n")[0], text, "log")
            # Each printed line too: a terminal or a post may cut the block apart.
            for line in text.split("\n")[1:]:
                h.add(o, path, line.strip(), line.strip(), "log")


def _freerdp_errconnect(h: Harvest, o: Origin) -> None:
    """ERRCONNECT_* names (what freerdp_set_last_error_ex logs) and their texts (what
    clients built on libfreerdp show: freerdp_get_last_error_string)."""
    path = "libfreerdp/core/errconnect.c"
    src = o.read(path)
    for name, lits in re.findall(r"#define ERRCONNECT_(\w+)_STRING\s*\\?\s*" + _LITS, src):
        code = f"ERRCONNECT_{name}"
        h.add(o, path, code, code, "code",
              form="[11:21:35:546] [19531:19531] [ERROR][com.freerdp.core] - "
                   "transport_connect_tls:freerdp_set_last_error_ex %TEXT% [0x00020008]")
        h.add(o, path, code + ".text", _joined(lits), "message")


def freerdp() -> Harvest:
    h = Harvest("freerdp")
    for ref in ("2.9.0", "HEAD"):
        o = git_origin("FreeRDP/FreeRDP", ref)
        _freerdp_logs(h, o, three=ref == "HEAD")
        _freerdp_prompts(h, o)
        _freerdp_errconnect(h, o)
    return h


# -- xrdp ---------------------------------------------------------------------------------

_XRDP = "[20261206-11:40:00] [{level}] %TEXT%"
_XRDP_LEVELS = {"LOG_LEVEL_ERROR": "ERROR", "LOG_LEVEL_WARNING": "WARN",
                "LOG_LEVEL_INFO": "INFO"}
_XRDP_FILES = ("common/ssl_calls.c", "common/trans.c", "libxrdp/xrdp_iso.c",
               "libxrdp/xrdp_rdp.c", "libxrdp/xrdp_sec.c")
# ssl_tls_log_error(self, func, ...) is called with these (ssl_calls.c): the "%s" of its
# lines is one of them, never another program's function.
_XRDP_FUNCS = ("SSL_accept", "SSL_read", "SSL_write", "SSL_shutdown")


def xrdp() -> Harvest:
    h = Harvest("xrdp")
    for ref in ("v0.9.21.1", "HEAD"):
        o = git_origin("neutrinolabs/xrdp", ref)
        for path in _XRDP_FILES:
            src = o.read(path)
            for m in re.finditer(r"\bLOG\((LOG_LEVEL_(?:ERROR|WARNING|INFO)),\s*" + _LITS, src):
                text = _joined(m.group(2)).strip()
                if path.endswith(("xrdp_sec.c", "xrdp_rdp.c")) and not re.search(
                        r"(?i)tls|ssl|cert|key file|security_layer|private key", text):
                    continue  # the RDP protocol's own lines
                form = _XRDP.format(level=_XRDP_LEVELS[m.group(1)])
                if text == "%s: %s":  # dump_error_stack("SSL"): OpenSSL's queue, one a line
                    h.add(o, path, text, "SSL: %s", "log", form=form)
                elif text.startswith("%s: ") and "ssl_tls_log_error" in src:
                    for fn in _XRDP_FUNCS:
                        line = text.replace("%s", fn, 1)
                        h.add(o, path, line, line, "log", form=form)
                else:
                    h.add(o, path, text, text, "log", form=form)
    return h


# -- strongSwan ---------------------------------------------------------------------------

_CHARON = "Dec  6 11:40:00 vpn charon: 12[{group}] %TEXT%"
_SWAN_FILES = ("src/libstrongswan/credentials/credential_manager.c",
               "src/libstrongswan/plugins/revocation/revocation_validator.c",
               "src/libstrongswan/plugins/constraints/constraints_validator.c",
               "src/libcharon/sa/ikev2/authenticators/pubkey_authenticator.c",
               "src/libcharon/sa/ikev2/tasks/ike_auth.c",
               "src/libcharon/plugins/eap_tls/eap_tls.c",
               "src/libtls/tls_peer.c", "src/libtls/tls_server.c", "src/libtls/tls_alert.c",
               "src/libtls/tls_crypto.c")


def strongswan() -> Harvest:
    """charon's certificate, trust-chain and revocation lines (libstrongswan's credential
    manager and validators), IKEv2 public-key authentication, and libtls (EAP-TLS, EAP-TTLS,
    EAP-PEAP): every DBG0/DBG1 line (the levels charon logs by default), printed
    "<time> <host> charon: <thread>[<group>] <text>"."""
    h = Harvest("strongswan")
    o = git_origin("strongswan/strongswan")
    for path in _SWAN_FILES:
        src = o.read(path)
        for m in re.finditer(r"\bDBG[01]\(DBG_(\w+),\s*" + _LITS, src):
            # strongSwan's own printf hooks (%Y identity, %N enum name, %H host, %B
            # chunk) print text, as %s does.
            text = re.sub(r"%[#+]?[YNHB]", "%s", _joined(m.group(2))).rstrip()
            if text.strip():
                h.add(o, path, text.strip(), text, "log",
                      form=_CHARON.format(group=m.group(1)))
    # The alert names its "received fatal TLS alert '%N'" lines print (tls_alert_desc_names).
    path = "src/libtls/tls_alert.c"
    for body in re.findall(r"ENUM_(?:BEGIN|NEXT)\(tls_alert_desc_names,[^;]*?\);", o.read(path),
                           flags=re.S):
        for name in re.findall(r'"([^"]+)"', body):
            h.add(o, path, f"tls_alert_desc_names:{name}", name, "alert")
    return h


# -- TigerVNC, libvncclient, Guacamole ----------------------------------------------------

_TIGER_WORDS = r"(?i)certif|hostname|authority|TLS|GnuTLS|trust store"


def tigervnc() -> Harvest:
    """TigerVNC's viewer: its certificate dialogs and their titles (vncviewer/CConn.cxx),
    its TLS layer's errors (common/rfb/CSecurityTLS.cxx: vlog "TLS" lines and the
    exceptions the viewer shows)."""
    h = Harvest("tigervnc")
    o = git_origin("TigerVNC/tigervnc")
    for path, form in (("vncviewer/CConn.cxx", "%TEXT%"),
                       ("common/rfb/CSecurityTLS.cxx", " TLS:         %TEXT%")):
        for lits in re.findall(r"_\(" + _LITS + r"\)", o.read(path)):
            text = _joined(lits).strip()
            if re.search(_TIGER_WORDS, text):
                h.add(o, path, text, text, "log", form=form)
    return h


def libvnc() -> Harvest:
    """libvncclient's TLS and VeNCrypt lines (src/libvncclient/tls_gnutls.c,
    tls_openssl.c), printed by rfbClientLog/rfbClientErr after a date and time."""
    h = Harvest("libvnc")
    o = git_origin("LibVNC/libvncserver")
    for path in ("src/libvncclient/tls_gnutls.c", "src/libvncclient/tls_openssl.c"):
        for _, text in call_strings(o.read(path), ("rfbClientLog", "rfbClientErr")):
            text = text.strip()
            if re.search(r"(?i)cert|TLS|SSL|VeNCrypt|CRL|CA |X509|handshake|verif", text):
                h.add(o, path, text, text, "log", form="06/12/2026 11:40:00 %TEXT%")
    return h


def guacd() -> Harvest:
    """guacd's RDP connection errors (src/protocols/rdp/error.c: the message for each
    FreeRDP error it aborts the connection with, logged "guacd[pid]: ERROR:\\t<message>")
    and its certificate lines (src/protocols/rdp/rdp.c)."""
    h = Harvest("guacd")
    o = git_origin("apache/guacamole-server")
    path = "src/protocols/rdp/error.c"
    for text in re.findall(r'\*message = "([^"]+)";', o.read(path)):
        h.add(o, path, text, text, "log", form="guacd[4242]: ERROR:\t%TEXT%")
    path = "src/protocols/rdp/rdp.c"
    for _, text in call_strings(o.read(path), ("guac_client_log",)):
        if re.search(r"(?i)certif|TLS|security", text):
            h.add(o, path, text, text, "log", form="guacd[4242]: INFO:\t%TEXT%")
    return h
