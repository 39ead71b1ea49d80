"""Round 23, holdout23's classes (docs/explain-upstream.md, "Round 23: holdout23's classes").
Text only: each text is built from the program's own format string (the source named beside
each class) with values such a run prints.

A. A GnuTLS priority string the program's own setting gave and GnuTLS refused: Mutt and
   NeoMutt ("gnutls_priority_set_direct(%s): %s"), curl ("Error %d setting GnuTLS priority:
   %s"), msmtp, libvncclient, wpa_supplicant/hostapd, Exim. The "%s" after the call is
   gnutls_strerror's text (gnutls lib/errors.c: GNUTLS_E_INVALID_REQUEST "The request is
   invalid."). Before: no finding (the programs' tables left these lines as not about TLS).
B. Node's resolver error without the host name: lib/internal/errors.js dnsException leaves
   it out when it has none, Node 0.10's lib/dns.js never printed it. Before: the row wanted
   a name after the code, so nothing was read.
C. Tailscale's own warnings (net/tlsdial/tlsdial.go, health/warnings.go): a self-signed
   certificate for Tailscale's own servers is an interceptor; for a self-hosted server the
   same words may be its own self-signed certificate, so no reading at 0.6 there.
"""

from __future__ import annotations

import pytest
from ranked import top as _top

from tlsdoctor.api import explain

_INVALID = "The request is invalid."


@pytest.mark.parametrize(("text", "cause"), [
    (f"gnutls_priority_set_direct(@SYSTEM): {_INVALID}", "client_misconfiguration"),
    (f"gnutls_priority_set_direct(NORMAL:-VERS-TLS1.0:+FOO): {_INVALID}",
     "client_misconfiguration"),
    (f"* Error -50 setting GnuTLS priority: {_INVALID}", "client_misconfiguration"),
    (f"msmtp: cannot set default priority for TLS session: {_INVALID}",
     "client_misconfiguration"),
    (f"Warning: Failed to set TLS priority: {_INVALID} (NORMAL:+ANON-DH).",
     "client_misconfiguration"),
    ("GnuTLS: Priority string failure at 'SECURE256:-FOO'", "client_misconfiguration"),
    ('gnutls_priority_init(SECURE:-FOO) failed at offset 8, "-FOO.."',
     "server_misconfiguration"),
])
def test_a_gnutls_priority_refusal_is_the_programs_own_setting(text: str, cause: str) -> None:
    assert _top(text)[0] == cause


def test_a_neomutt_debug_log_reads_its_priority_refusal() -> None:
    text = ("[2017-04-06 13:54:01] Connecting to mail.example.org...\n"
            f"[2017-04-06 13:54:01] gnutls_priority_set_direct(@SYSTEM): {_INVALID}\n"
            "[2017-04-06 13:54:04] Error: no TLS socket open\n")
    assert _top(text) == ("client_misconfiguration", 1.0)


@pytest.mark.parametrize("text", [
    "Error: getaddrinfo ENOTFOUND",
    "Error: getaddrinfo ENOTFOUND\n    at GetAddrInfoReqWrap.onlookup (node:dns:109:26)",
    # Node 0.10: lib/dns.js errnoException
    ("Error: getaddrinfo ENOTFOUND\n    at errnoException (dns.js:37:11)\n"
     "    at Object.onanswer [as oncomplete] (dns.js:124:16)"),
    "{ [Error: getaddrinfo ENOTFOUND] code: 'ENOTFOUND', errno: 'ENOTFOUND', syscall: "
    "'getaddrinfo' }",
])
def test_b_nodes_getaddrinfo_error_without_the_name(text: str) -> None:
    assert _top(text)[0] == "name_resolution_or_unreachable"


def test_b_the_named_form_still_names_the_host() -> None:
    r = explain("Error: getaddrinfo ENOTFOUND gateway.push.apple.com")
    assert r.findings[0].cause.value == "name_resolution_or_unreachable"
    assert "gateway.push.apple.com" in r.findings[0].explanation


_WARN = "Tailscale could not establish an encrypted connection with '\"{host}\"': {err}"
_SELF = "likely intercepted connection; certificate is self-signed by CN=router,O=Vendor Ca"


@pytest.mark.parametrize("host", ["controlplane.tailscale.com", "log.tailscale.io",
                                  "derp4e.tailscale.com"])
def test_c_a_self_signed_certificate_for_tailscales_own_servers_is_an_interceptor(
        host: str) -> None:
    cause, conf = _top("# Health check:\n#     - " + _WARN.format(host=host, err=_SELF))
    assert cause == "tls_interception_mitm" and conf >= 0.6


def test_c_a_self_hosted_servers_self_signed_certificate_is_not_read_confidently() -> None:
    cause, conf = _top(_WARN.format(host="headscale.example.org", err=_SELF))
    assert cause != "-" and conf < 0.6


def test_c_the_older_health_form_is_read() -> None:
    assert _top(f'TLS connection error for "controlplane.tailscale.com": {_SELF}')[0] in {
        "tls_interception_mitm", "cert_self_signed"}


@pytest.mark.parametrize(("line", "cause"), [
    ('tlsdial: error: server cert for "log.tailscale.io" failed to verify and is not a '
     "Let's Encrypt cert", "tls_interception_mitm"),
    ('tlsdial: error: server cert for "controlplane.tailscale.com" failed both system roots '
     "& Let's Encrypt root validation", "tls_interception_mitm"),
    ('tlsdial: error: server cert for "derp.example.org" failed system roots, extra roots & '
     "Let's Encrypt root validation", "incomplete_chain"),
    ('Network equipment from "Fortinet" may be blocking Tailscale traffic on this network. '
     "Connect to another network, or contact your network administrator for assistance.",
     "tls_interception_mitm"),
])
def test_c_tlsdials_log_lines(line: str, cause: str) -> None:
    assert _top(line)[0] == cause


# D. WINDEV/WEBDEV's error 100138 (PC SOFT FAQ #20558) and its French detail line (PC SOFT's
#    support blog, 2021-10-05): the certificate check failed on the station.
_WD_100138 = ("Erreur 100138\nUne erreur système a été détectée pendant l'envoi de la "
              "requête HTTP.\n")


def test_d_windev_certificate_detail_reads_the_stations_trust() -> None:
    cause, conf = _top(_WD_100138 + "Détail de l'erreur système : La vérification du "
                                    "certificat SSL ou de la clé SSH a échoué.")
    assert cause == "cert_untrusted_root" and conf < 0.6


@pytest.mark.parametrize("text", [
    _WD_100138,
    "HTTPSend function\n\nSystem error sending HTTP request.\n\nError code: 100138",
])
def test_d_windev_100138_alone_is_a_ranking(text: str) -> None:
    r = explain(text)
    got = {f.cause.value for f in r.findings}
    assert {"cert_untrusted_root", "protocol_version_mismatch"} <= got
    assert r.findings[0].confidence < 0.6
