"""Programs that wrap a TLS library in their own words (round 12): OpenVPN, stunnel, msmtp,
Mutt and NeoMutt, fetchmail, the monitoring plugins (check_http, check_curl), Zabbix, Squid,
Envoy and mosquitto. Each prints a sentence of its own around (or instead of) the library's
reason; only calls whose text speaks of TLS are taken.

Zabbix and Envoy are over the fetch size limit: their files are excerpts read through the
search index (the calls that print, literals as in the file), saved under
/work/.mirror/_files/<owner+name>/ with a COMMITS file naming each file's commit. The others
are read from their fetched mirrors, at the version Debian 12 ships where the mirror has
its tag, and today's.
"""

from __future__ import annotations

import re

from .common import Harvest, Origin, call_strings, git_origin
from .embedded import _excerpts
from .programs import _TLS_WORDS

# The programs' own words for a TLS failure that _TLS_WORDS does not cover.
_WORDS = re.compile(_TLS_WORDS.pattern + r"|VERIFY|\bCRL\b|key negotiation|fingerprint|"
                    r"host ?name|PSK|secure connection|\bCERT\b", re.I)


def _take(h: Harvest, o: Origin, path: str, funcs: tuple[str, ...], src: str = "") -> None:
    for _f, text in call_strings(src or o.read(path), funcs):
        text = text.rstrip("\n")
        if _WORDS.search(text) and len(text) >= 8:
            h.add(o, path, text, text, "log")


_OPENVPN = ("src/openvpn/ssl.c", "src/openvpn/ssl_verify.c", "src/openvpn/ssl_verify_openssl.c",
            "src/openvpn/ssl_openssl.c", "src/openvpn/ssl_pkt.c", "src/openvpn/crypto_openssl.c")


def openvpn() -> Harvest:
    """OpenVPN's log lines (msg/crypto_msg/dmsg): "TLS Error: TLS handshake failed",
    "VERIFY ERROR: depth=0, error=certificate has expired: CN=x, serial=1", "TLS key
    negotiation failed to occur within 60 seconds (check your network connectivity)".
    crypto_msg() adds OpenSSL's queue after its words as "OpenSSL: error:...:reason:"
    (crypto_openssl.c crypto_print_openssl_errors). 2.6.14 is Debian 12's."""
    h = Harvest("openvpn")
    for ref in ("v2.6.14", "HEAD"):
        o = git_origin("OpenVPN/openvpn", ref)
        for path in _OPENVPN:
            _take(h, o, path, ("msg", "crypto_msg", "dmsg"))
    return h


def stunnel() -> Harvest:
    """stunnel's log lines (s_log, and sslerror(txt) for OpenSSL's queue, printed as
    "<txt>: <file>:<line>: error:...:reason" or "<txt>: Peer suddenly disconnected", with
    txt "SSL_connect" in client mode and "SSL_accept" in server mode: src/client.c
    ssl_start, src/ctx.c sslerror). stunnel-5.68 is Debian 12's."""
    h = Harvest("stunnel")
    for ref in ("stunnel-5.68", "HEAD"):
        o = git_origin("mtrojnar/stunnel", ref)
        for path in ("src/client.c", "src/verify.c", "src/ctx.c", "src/ssl.c"):
            _take(h, o, path, ("s_log",))
        ctx = o.read("src/ctx.c")
        if '"%s: Peer suddenly disconnected"' in ctx:
            for txt in ("SSL_connect", "SSL_accept"):
                text = f"{txt}: Peer suddenly disconnected"
                h.add(o, "src/ctx.c", text, text, "log")
    return h


# msmtp builds its verification messages as "%s: <reason>" with error_msg set to one of
# these two in the same function (src/tls.c up to 1.8.5, src/mtls-*.c since).
_MSMTP_PREFIX = re.compile(r'error_msg = _\("([^"]+)"\)')


def msmtp() -> Harvest:
    """msmtp's TLS errors, printed as "msmtp: TLS certificate verification failed: the
    certificate hasn't got a known issuer". 1.8.5's src/tls.c has its own wording of each
    GnuTLS/OpenSSL verdict; 1.8.23 (Debian 12, src/mtls-gnutls.c) appends GnuTLS's
    verification text instead."""
    h = Harvest("msmtp")
    for ref, paths in (("msmtp-1.8.5", ("src/tls.c",)),
                       ("msmtp-1.8.23", ("src/mtls-gnutls.c", "src/mtls-openssl.c")),
                       ("HEAD", ("src/mtls-gnutls.c", "src/mtls-openssl.c"))):
        o = git_origin("marlam/msmtp", ref)
        for path in paths:
            src = o.read(path)
            prefixes = sorted(set(_MSMTP_PREFIX.findall(src)))
            for _f, text in call_strings(src, ("_",)):
                if not _WORDS.search(text) or len(text) < 8:
                    continue
                if text.startswith("%s: ") and prefixes:
                    for prefix in prefixes:
                        full = prefix + text[2:]
                        h.add(o, path, full, full, "log")
                else:
                    h.add(o, path, text, text, "log")
    return h


# "_" catches the translated texts, whatever call prints them (mutt_error _("...") too).
_MUTT_FUNCS = ("_", "mutt_error")


def mutt() -> Harvest:
    """Mutt's (mutt_ssl.c, mutt_ssl_gnutls.c; 2.2.12 is Debian 12's) and NeoMutt's
    (conn/openssl.c, conn/gnutls.c) TLS messages: "SSL failed: %s", "Certificate host check
    failed: %s", "WARNING: Server certificate has expired", "gnutls_handshake: %s"."""
    h = Harvest("mutt")
    for ref in ("mutt-2-2-12-rel", "HEAD"):
        o = git_origin("muttmua/mutt", ref)
        for path in ("mutt_ssl.c", "mutt_ssl_gnutls.c"):
            _take(h, o, path, _MUTT_FUNCS)
    o = git_origin("neomutt/neomutt")
    for path in ("conn/openssl.c", "conn/gnutls.c"):
        _take(h, o, path, _MUTT_FUNCS)
    return h


def fetchmail() -> Harvest:
    """fetchmail's TLS reports (socket.c: "Server certificate verification error: %s",
    "Broken certification chain at: %s", "%s fingerprints do not match!"). Read from the
    Distrotech mirror of fetchmail's git (6.3.26); Debian 12's 6.4.37 prints the texts the
    tests use in the same words."""
    h = Harvest("fetchmail")
    o = git_origin("Distrotech/fetchmail")
    _take(h, o, "socket.c", ("report", "GT_"))
    return h


def monitoring_plugins() -> Harvest:
    """The monitoring plugins' TLS words (plugins/sslutils.c for check_http, check_tcp,
    check_smtp...; plugins/check_curl.c), printed first on the plugin's one status line:
    "CRITICAL - Cannot make SSL connection." (then OpenSSL's queue on stdout),
    "CRITICAL - Certificate 'x' expired on ...". v2.3.3 is Debian 12's."""
    h = Harvest("monitoring_plugins")
    for ref in ("v2.3.3", "HEAD"):
        o = git_origin("monitoring-plugins/monitoring-plugins", ref)
        for path in ("plugins/sslutils.c", "plugins/check_curl.c"):
            if o.exists(path):
                _take(h, o, path, ("_",))
        # The socket layer every plugin shares: its timeout, the plugin's only words when a
        # server accepts the connection and never answers the handshake.
        for _f, text in call_strings(o.read("plugins/netutils.c"), ("_",)):
            if "timeout" in text:
                h.add(o, "plugins/netutils.c", text.rstrip("\n"), text, "log")
    return h


def zabbix() -> Harvest:
    """Zabbix's TLS errors (src/libs/zbxcomms/tls_openssl.c, comms.c), printed as "TCP
    successful, cannot establish TLS to [[host]:10050]: SSL_connect() set result code to
    SSL_ERROR_SSL: file ... error:0A000086:SSL routines::certificate verify failed: TLS write
    fatal alert "unknown CA"" (the verify result first when there is one)."""
    h = Harvest("zabbix")
    for o in _excerpts("zabbix/zabbix"):
        for path in o.ls(""):
            src = o.read(path)
            _take(h, o, path, ("zbx_snprintf", "zbx_snprintf_alloc", "zbx_strdup",
                               "zbx_dsprintf", "zbx_set_socket_strerror"), src)
            for m in re.finditer(r'\*msg = "([^"]+)";', src):
                h.add(o, path, m.group(1), m.group(1), "log")
    return h


def envoy() -> Harvest:
    """Envoy's TLS failure reasons (source/common/tls): the transport failure reason
    "TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:verify cert
    failed: X509_verify_cert: certificate verification error at depth 0: certificate has
    expired:TLS_error_end" and the validator's own checks (SAN matcher, hash and SPKI pins)."""
    h = Harvest("envoy")
    for o in _excerpts("envoyproxy/envoy"):
        for path in o.ls(""):
            for line in o.read(path).splitlines():
                literals = re.findall(r'"((?:[^"\\]|\\.)*)"', line)
                if not literals or not re.search(r"TLS_error|verify cert|verification|"
                                                 r"client certificate", literals[0]):
                    continue
                # fmt's "{}" and a StrCat's value between literals are placeholders.
                text = literals[0].replace("{}", "%s").lstrip(":")
                if "StrCat(" in line and text.endswith(" "):
                    text += "%d: %s" if literals[1:2] == [": "] else "%s"
                h.add(o, path, text, text, "log")
    return h


def squid() -> Harvest:
    """Squid: the error names and descriptions of errors/templates/error-details.txt (shown
    on its error page as "(TLS code: SQUID_ERR_SSL_HANDSHAKE)" and in %ssl_error_descr) and
    cache.log's handshake lines: 4.17's "Error negotiating SSL connection on FD %d: ..."
    (src/client_side.cc), 6.x's "ERROR: Cannot accept a TLS connection"."""
    h = Harvest("squid")
    o = git_origin("squid-cache/squid", "SQUID_6_14")
    details = o.read("errors/templates/error-details.txt")
    for m in re.finditer(r'^name: (\S+)\n(?:detail: "[^"\n]*"\n)?descr: "([^"\n]+)"', details,
                         re.M):
        h.add(o, "errors/templates/error-details.txt", m.group(1), m.group(2), "detail")
    # Names the configuration (ssl_error ACLs, sslproxy_cert_error) also accepts.
    descr = {m.group(1): m.group(2) for m in re.finditer(
        r'^name: (\S+)\n(?:detail: "[^"\n]*"\n)?descr: "([^"\n]+)"', details, re.M)}
    for m in re.finditer(r'make_pair\("(SQUID_\w+)", (SQUID_\w+)\)',
                         o.read("src/security/ErrorDetail.cc")):
        if m.group(2) in descr:
            h.add(o, "src/security/ErrorDetail.cc", m.group(1), descr[m.group(2)], "detail")
    src = o.read("src/client_side.cc")
    if '"ERROR: Cannot accept a TLS connection"' in src:
        h.add(o, "src/client_side.cc", "ERROR: Cannot accept a TLS connection",
              "ERROR: Cannot accept a TLS connection", "log")
    o = git_origin("squid-cache/squid", "SQUID_4_17")
    src = o.read("src/client_side.cc")
    for m in re.finditer(r'"(Error negotiating SSL connection on FD )" << fd << "(: [^"]*)"',
                         src):
        text = m.group(1) + "%d" + m.group(2) + ("%s" if m.group(2).endswith(": ") else "")
        h.add(o, "src/client_side.cc", text, text, "log")
    return h


def mosquitto() -> Harvest:
    """mosquitto's clients and broker (lib/net_mosq.c, lib/tls_mosq.c, lib/strings_mosq.c,
    client/client_shared.c, src/net.c): "Error: A TLS error occurred.", "OpenSSL Error[0]:
    error:0A000086:SSL routines::certificate verify failed", "Error: host name verification
    failed.", "Error: Unable to load CA certificates, check cafile \"%s\"."."""
    h = Harvest("mosquitto")
    o = git_origin("eclipse/mosquitto")
    for path in ("lib/net_mosq.c", "lib/tls_mosq.c", "client/client_shared.c", "src/net.c"):
        _take(h, o, path, ("log__printf", "err_printf", "fprintf"))
    strings = o.read("lib/strings_mosq.c")
    for m in re.finditer(r'case (MOSQ_ERR_TLS\w*):\s*return "([^"]+)";', strings):
        h.add(o, "lib/strings_mosq.c", m.group(1), m.group(2), "log")
    return h
