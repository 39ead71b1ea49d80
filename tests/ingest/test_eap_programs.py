"""Round 16: 802.1X / EAP-TLS as wpa_supplicant (hostap) and FreeRADIUS print it, audited as
programs x directions x alerts / verify results / reasons (patterns/eap.py).

Every alert OpenSSL names (ssl/ssl_stat.c) in each line that says who sent it:
wpa_supplicant's "SSL3 alert: write|read", FreeRADIUS 2.2/3.0's "TLS Alert read|write",
3.0.22+'s "(TLS) Alert", 3.2's "(TLS) <name> - Alert", its "recv|send TLS 1.2 Alert, fatal
x" and radius.log's "Login incorrect (eap_tls: ...)"; every OpenSSL verify number in
wpa_supplicant's "TLS: Certificate verification failed, error N" and FreeRADIUS' "OpenSSL
says error N" / "SSL says error N" / 2.2's "--> verify error:num=N"; every reason of
"CTRL-EVENT-EAP-TLS-CERT-ERROR reason=N". Each must be read by the program, on its side,
with the table's first cause first and the party the direction gives.
"""

from __future__ import annotations

import pytest

from tlsdoctor.api import explain
from tlsdoctor.ingest.eap_context import reading
from tlsdoctor.ingest.patterns import causes
from tlsdoctor.ingest.patterns.alerts import ALERTS
from tlsdoctor.ingest.patterns.eap import (
    FAIL_READING,
    RADIUS_READING,
    _alert_reading,
    _both_ways,
    _fail_map,
    _long_names,
    _verify_reading,
)
from tlsdoctor.ingest.patterns.harvested import entries

LONG = _long_names()
_SETTINGS = {"client_misconfiguration", "server_misconfiguration"}


def _alert_forms(long_name: str, snake: str, by_supplicant: bool) -> list[tuple[str, str]]:
    """(printed line, program) for an alert the supplicant (or the RADIUS server) sent."""
    wpa = "write (local SSL3 detected an error)" if by_supplicant else \
        "read (remote end reported an error)"
    fr = "read" if by_supplicant else "write"
    msg = "recv" if by_supplicant else "send"
    return [
        (f"SSL: SSL3 alert: {wpa}:fatal:{long_name}", "wpa_supplicant"),
        (f"Dec 06 08:40:01 laptop wpa_supplicant[812]: SSL: SSL3 alert: {wpa}:fatal:"
         f"{long_name}", "wpa_supplicant"),
        (f"rlm_eap_tls: >> TLS 1.0 Alert [length 0002], fatal\nTLS Alert {fr}:fatal:"
         f"{long_name}", "freeradius"),
        (f"(5) eap_peap: ERROR: TLS Alert {fr}:fatal:{long_name}", "freeradius"),
        (f"(3) eap_tls: ERROR: (TLS) Alert {fr}:fatal:{long_name}", "freeradius"),
        (f"(3) eap_peap: ERROR: (TLS) tls-common - Alert {fr}:fatal:{long_name}", "freeradius"),
        (f"Sat Dec  5 10:11:12 2026 : Auth: (9) Login incorrect (eap_tls: (TLS) Alert {fr}:"
         f"fatal:{long_name}): [user@example.org] (from client ap1 port 0 cli "
         f"02-00-00-00-00-01)", "freeradius"),
        (f"(3) eap_tls: (TLS) {msg} TLS 1.2 Alert, fatal {snake}", "freeradius"),
    ]


ALERT_CELLS = [
    (n, by_supplicant, text, program, got)
    for n, (long_name, _) in sorted(LONG.items())
    for by_supplicant in (True, False)
    if (got := _alert_reading(n, by_supplicant=by_supplicant)) is not None and got[1]
    for text, program in _alert_forms(long_name, got[0], by_supplicant)
]


def test_every_alert_openssl_names_is_audited() -> None:
    assert len(LONG) >= 30  # ssl_stat.c's SSL_alert_desc_string_long
    assert {48, 45, 42, 46, 40, 80, 70} <= set(LONG)
    assert len(ALERT_CELLS) >= 300


@pytest.mark.parametrize(("n", "by_supplicant", "text", "program", "got"), ALERT_CELLS,
                         ids=[f"{c[0]}-{'supp' if c[1] else 'radius'}-{c[3]}-{i}"
                              for i, c in enumerate(ALERT_CELLS)])
def test_alert_by_who_sent_it(n: int, by_supplicant: bool, text: str, program: str,
                              got: tuple) -> None:
    r = explain(text)
    assert r.recognized and r.findings, text
    assert r.source == program, (text, r.source)
    assert r.side == ("client" if program == "wpa_supplicant" else "server"), text
    best = {c for c, conf in got[1] if conf == got[1][0][1]}  # a tie ranks either first
    if {c.value for c, _ in got[1]} == _SETTINGS:
        # a split between the two sides' settings (bad_certificate_hash_value): a client's
        # text puts its own setting first (messages._own_material, round 15)
        best = {c for c, _ in got[1]}
    assert r.findings[0].cause in best, (text, [f.cause.value for f in r.findings])
    verifier = "supplicant" if by_supplicant else "radius"
    assert r.findings[0].facts.get("eap_verifier") == verifier, text


@pytest.mark.parametrize(("text", "cause", "party"), [
    # the supplicant lacks the RADIUS server's CA: its profile's to fix
    ("(3) eap_tls: ERROR: (TLS) Alert read:fatal:unknown CA", "cert_untrusted_root", "client"),
    ("SSL: SSL3 alert: write (local SSL3 detected an error):fatal:unknown CA",
     "cert_untrusted_root", "client"),
    # the RADIUS server refused the client's certificate: the client's
    ("(3) eap_tls: ERROR: (TLS) Alert write:fatal:unknown CA", "client_cert_required",
     "client"),
    ("SSL: SSL3 alert: read (remote end reported an error):fatal:unknown CA",
     "client_cert_required", "client"),
    # the RADIUS server's certificate expired: the server's
    ("TLS Alert read:fatal:certificate expired", "cert_expired", "server"),
    # the client's certificate expired, refused by the RADIUS server: the client's
    ("(TLS) Failed with certificate has expired.", "cert_expired", "client"),
    ("TLS: Domain suffix match 'wifi.example.com' not found", "hostname_mismatch", "either"),
])
def test_who_fixes_follows_the_direction(text: str, cause: str, party: str) -> None:
    top = explain(text).findings[0]
    assert (top.cause.value, top.who_fixes.value) == (cause, party), text


VERIFY = sorted(_fail_map().items())


def _verify_cells() -> list[tuple[str, str, str, str]]:
    out = []
    for n, (reason, entry) in VERIFY:
        if n == 0:
            continue
        for table, forms, program in (
                (FAIL_READING, [f"TLS: Certificate verification failed, error {n} "
                                f"({entry.text}) depth 0 for '/CN=radius.example.org'"],
                 "wpa_supplicant"),
                (RADIUS_READING, [f"(3) eap_tls:   ERROR: (TLS) OpenSSL says error {n} : "
                                  f"{entry.text}",
                                  f"[eap-tls] <<< TLS 1.0 Alert\nSSL says error {n} : "
                                  f"{entry.text}",
                                  f"--> verify error:num={n}:{entry.text}"], "freeradius")):
            reading = _verify_reading(reason, entry, table)
            if reading:
                top = causes(reading.partition("|")[0].strip())[0][0].value
                out.extend((text, program, top, entry.id) for text in forms)
    return out


VERIFY_CELLS = _verify_cells()


def test_every_verify_number_is_audited() -> None:
    assert len(VERIFY) >= 80
    assert len(VERIFY_CELLS) >= 250


@pytest.mark.parametrize(("text", "program", "cause", "ident"), VERIFY_CELLS,
                         ids=[f"{c[1]}-{c[3]}-{i}" for i, c in enumerate(VERIFY_CELLS)])
def test_verify_number_by_who_verified(text: str, program: str, cause: str,
                                       ident: str) -> None:
    r = explain(text)
    assert r.recognized and r.findings, text
    # castore.py reads a signature failure as another CA of the issuer's name in the
    # verifier's CA file (round 13) with its own statement: the same first cause
    assert r.source == program or (ident, r.source) == (
        "X509_V_ERR_CERT_SIGNATURE_FAILURE", "castore"), (text, r.source)
    assert r.findings[0].cause.value == cause, (text, [f.cause.value for f in r.findings])


EVENTS = [e for e in entries("hostap") if e.kind == "enum"]


@pytest.mark.parametrize("entry", EVENTS, ids=[e.id for e in EVENTS])
def test_cert_error_event_by_reason(entry: object) -> None:
    from tlsdoctor.ingest.patterns.harvested import Entry
    assert isinstance(entry, Entry)
    text = (f"wlp2s0: CTRL-EVENT-EAP-TLS-CERT-ERROR reason={entry.get('number')} depth=0 "
            "subject='/CN=radius.example.org' err='x'")
    r = explain(text)
    reading = FAIL_READING[entry.id].partition("|")[0].strip()
    assert r.recognized and r.source == "wpa_supplicant" and r.side == "client", text
    if not reading:  # the probe run: understood, nothing broken
        assert not r.findings
        return
    assert r.findings[0].cause == causes(reading)[0][0], (text, r.findings)


_OK = "CTRL-EVENT-EAP-STATUS status='remote certificate verification' parameter='success'"


@pytest.mark.parametrize(("method", "want"), [
    ("13 (TLS)", "client_cert_required"), ("25 (PEAP)", ""), ("21 (TTLS)", "")])
def test_eap_failure_after_the_server_was_accepted(method: str, want: str) -> None:
    text = (f"wlan0: CTRL-EVENT-EAP-METHOD EAP vendor 0 method {method} selected\n"
            f"wlan0: {_OK}\nwlan0: CTRL-EVENT-EAP-FAILURE EAP authentication failed")
    r = explain(text)
    assert r.recognized and r.side == "client", text
    if want:
        assert r.findings[0].cause.value == want and r.findings[0].confidence < 0.6
    else:  # the tunnel was built: the inner password failed, not TLS
        assert not r.findings


def test_eap_failure_reading_needs_the_accepted_server() -> None:
    assert reading("wlan0: CTRL-EVENT-EAP-FAILURE EAP authentication failed") is None
    assert reading(f"{_OK}\nCTRL-EVENT-EAP-TLS-CERT-ERROR reason=1\n"
                   "CTRL-EVENT-EAP-FAILURE EAP authentication failed") is None


@pytest.mark.parametrize("text", [
    "EAP authentication failed",
    "wlan0: CTRL-EVENT-EAP-FAILURE EAP authentication failed",
    "Login incorrect",
    "(3) eap: Failed in EAP select",
    "wpa_supplicant",
    "SSL3 alert",
    "(3) eap_tls: (TLS) Alert read:fatal:close notify",
])
def test_generic_words_stay_unexplained(text: str) -> None:
    r = explain(text)
    assert not r.findings, (text, r.source, [f.cause.value for f in r.findings])


IWD_CELLS = [(n, row[0], got) for n, row in sorted(ALERTS.items())
             if (got := _both_ways(n)) is not None]


@pytest.mark.parametrize(("n", "name", "got"), IWD_CELLS,
                         ids=[c[1] for c in IWD_CELLS])
def test_iwd_alert_is_read_from_both_sides(n: int, name: str, got: tuple) -> None:
    """iwd does not print which side sent the alert: a ranking, its own refusal first."""
    for method in ("PEAP", "TTLS", "TLS"):
        text = f"Dec 06 08:40:01 laptop iwd[512]: {method}: Tunnel has disconnected with " \
               f"alert: {name}"
        r = explain(text)
        assert r.recognized and r.source == "iwd" and r.side == "client", text
        want = ({c for c, _ in got[0]} if {c.value for c, _ in got[0]} == _SETTINGS
                else {got[0][0][0]})  # a split of the two sides' settings: either first
        assert r.findings[0].cause in want, (text, r.findings)
        assert r.findings[0].confidence < 0.6, text


def test_iwd_alerts_audited() -> None:
    assert len(IWD_CELLS) >= 25


@pytest.mark.parametrize("text", [
    "TLS: Certificate verification failed, error 19 (Server certificate mismatch) depth 0 for "
    "'/CN=radius.example.org'",
    "wlan0: CTRL-EVENT-EAP-TLS-CERT-ERROR reason=1 depth=0 subject='/CN=radius.example.org' "
    "err='Server certificate mismatch'",
])
def test_pinned_server_certificate_mismatch(text: str) -> None:
    """ca_cert="hash://server/sha256/...": a renewed certificate or another server, ranked."""
    r = explain(text)
    top = r.findings[0]
    assert (r.source, top.cause.value) == ("wpa_supplicant", "client_misconfiguration")
    assert top.confidence < 0.6
    assert "hash://server/sha256/" in " ".join(s.code for s in top.fix)
