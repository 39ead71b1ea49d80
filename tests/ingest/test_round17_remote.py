"""Round 17: VPN and remote-desktop programs whose TLS wording no table had, harvested from
their own source (scripts/harvest/remote17.py): OpenConnect, ocserv, FreeRDP (2.x and 3.x),
xrdp. Every judged entry in the form its program prints it, with the side its program is
on; FreeRDP's verify-callback shape for every OpenSSL verify text; the programs' other
lines (and OpenSSH's host-key banner FreeRDP copied) stay unrecognised."""

from __future__ import annotations

import pytest
from harvest_checks import first_cause as _want
from harvest_checks import judged as _judged
from harvest_checks import printed_form as _form
from harvest_checks import read_as_judged
from harvest_checks import top as _top

from tlsdoctor.api import explain
from tlsdoctor.ingest.patterns.harvested import Entry, entries

SOURCES = ("openconnect", "ocserv", "freerdp", "xrdp", "strongswan", "tigervnc", "libvnc",
           "guacd")
SIDE = {"openconnect": "client", "freerdp": "client", "ocserv": "server", "xrdp": "server",
        "strongswan": "either end", "tigervnc": "client", "libvnc": "client", "guacd": "client"}


ALL = [e for s in SOURCES for e in _judged(s)]


@pytest.mark.parametrize("entry", ALL, ids=[f"{e.source}:{e.id[:50]}" for e in ALL])
def test_every_judged_entry_as_its_program_prints_it(entry: Entry) -> None:
    r = read_as_judged(entry, _form(entry))
    # charon is either end of IKE and EAP-TLS: unknown, unless the line's words say client.
    sides = ("unknown", "client") if SIDE[entry.source] == "either end" else (
        SIDE[entry.source],)
    assert r.source == entry.source and r.side in sides, _form(entry)


def test_the_tables_are_whole() -> None:
    """Each program's vocabulary, not one thread's line: counts as harvested."""
    counts = {s: (len(_judged(s)), len(entries(s))) for s in SOURCES}
    assert counts["openconnect"][1] >= 150 and counts["openconnect"][0] >= 30
    assert counts["freerdp"][1] >= 200 and counts["freerdp"][0] >= 30
    assert counts["xrdp"][0] >= 20 and counts["ocserv"][0] >= 10
    assert counts["strongswan"][1] >= 200 and counts["strongswan"][0] >= 30
    assert counts["tigervnc"][0] >= 20 and counts["libvnc"][0] >= 10
    assert counts["guacd"][0] >= 4
    refs = {r for e in entries("freerdp") for r in e.refs} | {
        r for e in entries("xrdp") for r in e.refs}
    assert {"2.9.0", "HEAD", "v0.9.21.1"} <= refs


VERIFY = [e for e in _judged("openssl") if e.kind == "verify" and e.get("number") is not None]


@pytest.mark.parametrize("entry", VERIFY, ids=[f"{e.get('number')}:{e.text[:30]}"
                                               for e in VERIFY])
def test_freerdp_every_verify_text_with_its_number(entry: Entry) -> None:
    text = (f"[11:21:35:546] [19531:19531] [WARN][com.freerdp.crypto] - Certificate "
            f"verification failure '{entry.text} ({entry.get('number')})' at stack position 0")
    r = explain(text)
    assert r.recognized and r.findings[0].cause.value == _want(entry), text
    assert r.source == "freerdp" and r.side == "client", text


def test_openconnect_reason_words_only_after_its_leads() -> None:
    """"signer not found" is OpenConnect's only after its two leads."""
    source, top, conf = _top("Server certificate verify failed: signer not found")
    assert (source, top) == ("openconnect", "cert_untrusted_root") and conf < 0.6
    assert _top('Certificate from VPN server "vpn.example" failed verification.\n'
                "Reason: certificate does not match hostname")[:2] == ("openconnect",
                                                                       "hostname_mismatch")
    r = explain("signer not found")
    assert not any(m.pattern_id.startswith("openconnect.") for m in r.matches)


def test_freerdp_refused_certificate_ranks_self_signed() -> None:
    log = ("[11:21:35:546] [19531:19531] [ERROR][com.freerdp.crypto] - certificate not "
           "trusted, aborting.\n[11:21:35:546] [19531:19531] [ERROR][com.freerdp.core] - "
           "transport_connect_tls:freerdp_set_last_error_ex ERRCONNECT_TLS_CONNECT_FAILED "
           "[0x00020008]")
    source, top, conf = _top(log)
    assert (source, top) == ("freerdp", "cert_self_signed") and conf < 0.6


@pytest.mark.parametrize("text", [
    # OpenSSH's host-key banner: FreeRDP prints the same sentences, they are not TLS.
    "IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!",
    "Host key verification failed.",
    "Add correct host key in /root/.ssh/known_hosts to get rid of this message.",
    # The programs' own non-TLS lines.
    "[20261206-11:40:00] [INFO ] Security protocol: configured [SSL|RDP], requested "
    "[SSL|HYBRID], selected [SSL]",
    "POST https://vpn.example/\nConnected to 127.0.0.1:443\nSSL negotiation with vpn.example",
    "[20261206-11:40:00] [ERROR] SSL_read: I/O error",
])
def test_not_tls_lines_name_no_cause(text: str) -> None:
    r = explain(text)
    assert not r.findings or r.findings[0].confidence < 0.3 or not r.recognized, (
        text, r.findings[:1])


def test_strongswan_alerts_read_with_both_readings() -> None:
    """charon is either end of EAP-TLS: a received alert about a certificate is both ends'
    reading, ranked below 0.6; a protocol alert says its cause outright."""
    lead = "Dec  6 11:40:00 vpn charon: 12[TLS] "
    r = explain(lead + "received fatal TLS alert 'unknown ca'")
    got = {f.cause.value for f in r.findings}
    assert r.source == "strongswan" and r.side == "unknown" and r.findings[0].confidence < 0.6
    assert {"cert_untrusted_root", "client_cert_required"} <= got
    assert _top(lead + "received fatal TLS alert 'protocol version'")[:2] == (
        "strongswan", "protocol_version_mismatch")
    r = explain(lead + "sending fatal TLS alert 'certificate expired'")
    assert "cert_expired" in {f.cause.value for f in r.findings}
