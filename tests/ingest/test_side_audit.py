"""Issue 12 item 2 as a class: who printed a text, and which way its alert went.

The table (side_audit_table.py) crosses every TLS alert of the IANA registry with every
stack's printed wording of a received and of a sent alert (OpenSSL 1.0.2/1.1.1/3.x, Python,
Node, BoringSSL, GnuTLS and its record log, NSS, Go, Java, rustls, Erlang, Schannel's events,
.NET, mbedTLS, OpenSSL's info callback, curl -v) and with who printed it: a client (its own
framing and generic ones), a server (its own log framing and generic ones: the client's
address and port, accept, incoming, a listener) or nothing. Each case must name a cause the
alert allows from that side (so the party who fixes it), say the side, and, where nothing
says it and the alert is about a certificate, rank both readings below 0.6.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from side_audit_table import CERT_ALERTS, FORMS, GENERIC_CLIENT, GENERIC_SERVER, Case, cases, judge

from tlsdoctor import explain
from tlsdoctor.ingest.patterns.alerts import ALERTS
from tlsdoctor.ingest.side import generic_side, side_said

CASES = list(cases())
BY_FORM: dict[tuple[str, str, str], list[Case]] = defaultdict(list)
for _case in CASES:
    BY_FORM[(_case.form.stack, _case.form.direction, _case.form.printer)].append(_case)


def test_the_table_covers_every_alert_stack_and_printer() -> None:
    assert len(CASES) >= 6800
    assert {c.alert for c in CASES} == set(ALERTS)  # all 35 of the IANA registry
    stacks = {f.stack for f in FORMS}
    assert len(stacks) >= 18
    for n in CERT_ALERTS:  # every certificate alert, both ways, from every printer
        seen = {(c.form.direction, c.printer) for c in CASES if c.alert == n}
        assert seen >= {(d, p) for d in ("received", "sent") for p in ("client", "server", "")}


@pytest.mark.parametrize("key", sorted(BY_FORM), ids=["-".join(filter(None, k)) for k in
                                                      sorted(BY_FORM)])
def test_each_wording_from_each_side(key: tuple[str, str, str]) -> None:
    misses = []
    for case in BY_FORM[key]:
        v = judge(case)
        if not (v.recognised and v.right):
            misses.append(f"alert {case.alert} ({case.printer or 'no side'}): {v.why}\n"
                          f"    {case.text[:200]!r}")
    assert not misses, f"{len(misses)} of {len(BY_FORM[key])}:\n" + "\n".join(misses[:20])


# -- the generic framing, one by one ---------------------------------------------------------

@pytest.mark.parametrize("framing", GENERIC_SERVER)
def test_a_servers_framing_says_server(framing: str) -> None:
    assert generic_side(framing.replace("{text}", "handshake failed")) is True


@pytest.mark.parametrize("framing", GENERIC_CLIENT)
def test_a_clients_framing_says_client(framing: str) -> None:
    assert generic_side(framing.replace("{text}", "handshake failed")) is False


@pytest.mark.parametrize("text", [
    # the server's own address, which a client prints too: a service port says nothing
    "TLS handshake with peer 203.0.113.5:443 failed: tlsv1 alert unknown ca",
    "remote address 203.0.113.5:8443: tlsv1 alert unknown ca",
    # words of both sides: nothing decided
    "connect to api.example.com:443 from 10.0.0.5:51234 failed: tlsv1 alert unknown ca",
    # "accept" as a client uses it
    "the server did not accept the certificate: tlsv1 alert unknown ca",
    "> Accept: */*",
])
def test_words_that_do_not_say_a_side(text: str) -> None:
    assert generic_side(text) is None


def test_strong_words_outrank_generic_ones() -> None:
    # nginx proxying to an upstream is a client, whatever else its line names
    assert side_said("SSL_do_handshake() failed (SSL: error:0A000418:SSL routines::tlsv1 alert "
                     "unknown ca) while SSL handshaking to upstream, client: 10.0.0.9, server: "
                     "example.com, upstream: \"https://10.0.0.2:443/\"", []) is False
    # a Python server's accept() frame
    assert side_said('  File "/usr/lib/python3.11/ssl.py", line 1429, in accept\n'
                     "ssl.SSLError: [SSL: TLSV1_ALERT_UNKNOWN_CA] tlsv1 alert unknown ca", []) \
        is True


def test_no_side_said_is_a_ranking_that_says_what_tells_them_apart() -> None:
    r = explain("error:0A000418:SSL routines::tlsv1 alert unknown ca:SSL alert number 48")
    assert r.side == "unknown"
    tops = {f.cause.value: f.confidence for f in r.findings}
    assert {"cert_untrusted_root", "client_cert_required"} <= set(tops)
    assert max(tops.values()) < 0.6
    assert "in a server's log" in str(r.findings[0].facts["who_printed"])
