"""non_tls_service_on_port: the port answers in plaintext (or STARTTLS is needed).

Sources: live probes and a capture (the answer's first bytes: HTTP, a mail banner, bytes
that are no TLS at all), a scan (plaintext instead of TLS), error text.
"""

from dataclasses import replace

import pytest
from evidence_builders import (
    GOOD13,
    HOST,
    TLS13,
    capture,
    cause_absent,
    codes,
    exchange,
    live,
    one,
    root,
    scan,
    specific_steps,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity
from tlsdoctor.evidence import Probe
from tlsdoctor.probe.outcome import Outcome

PLAIN = Cause.NON_TLS_SERVICE_ON_PORT
HTTP_400 = b"HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Type: text/html\r\n\r\n"
SMTP_BANNER = b"220 mail.example.test ESMTP Postfix (Debian/GNU)\r\n"


@pytest.mark.parametrize("outcome", [Outcome.PLAINTEXT, Outcome.HANDSHAKE])
def test_live_http_fails_and_tls_works(outcome):
    ev = live(exchange(Probe.BASELINE, outcome,
                       plaintext=HTTP_400 if outcome is Outcome.PLAINTEXT else b""))
    if outcome is Outcome.HANDSHAKE:
        cause_absent(ev, PLAIN)
        return
    # Port 443 is TLS's own: the server forgot 'ssl' on listen as often as the client chose
    # the wrong port (issue 11), so both, server first.
    f = one(ev, PLAIN, Severity.BLOCKING, Party.EITHER)
    assert f.title == "Port 443 speaks plaintext HTTP, not TLS"
    assert f.facts["protocol"] == "http" and f.facts["starttls"] is None
    assert root(ev).cause is PLAIN
    steps = specific_steps(replace(ev, server_software="nginx"), PLAIN)
    assert steps[0].applies_to == "nginx" and "listen 443 ssl;" in steps[0].code
    assert steps[1].text == f"This port serves plain HTTP: use http://{HOST}:443 or the HTTPS port."
    # Twin: a port that is no TLS default is the client's choice.
    other = live(exchange(Probe.BASELINE, outcome, plaintext=HTTP_400), host=f"{HOST}:8080")
    one(other, PLAIN, Severity.BLOCKING, Party.CLIENT)


def test_live_smtp_banner_needs_starttls():
    ev = live(exchange(Probe.BASELINE, Outcome.PLAINTEXT, plaintext=SMTP_BANNER))
    f = one(ev, PLAIN, Severity.BLOCKING, Party.EITHER)  # 443: a TLS port
    assert f.facts["starttls"] == "smtp"
    assert f"openssl s_client -starttls smtp -connect {HOST}:443" in codes(specific_steps(ev, PLAIN))


def test_live_garbage_is_another_service():
    ev = live(exchange(Probe.BASELINE, Outcome.GARBAGE, plaintext=b"\x00\x01\x02SSH?\xff"))
    f = one(ev, PLAIN, Severity.BLOCKING, Party.CLIENT)  # the wrong port, most often
    assert f.confidence == pytest.approx(0.8) and f.facts["protocol"] is None
    assert f.title == "Port 443 answers with something that is not TLS"


def test_capture_of_a_plaintext_answer():
    ev = capture(outcome=Outcome.PLAINTEXT, plaintext=HTTP_400)
    one(ev, PLAIN, Severity.BLOCKING, Party.EITHER)  # captured on port 443
    cause_absent(capture(), PLAIN)


def test_scan_that_met_plaintext():
    answered = [exchange("v304", Outcome.PLAINTEXT, versions=(TLS13,), plaintext=HTTP_400)]
    ev = scan({}, probes=answered, error="the port speaks plaintext HTTP")
    one(ev, PLAIN, Severity.BLOCKING, Party.CLIENT)
    cause_absent(scan({TLS13: GOOD13}, probes=answered), PLAIN)


def test_error_text():
    ev = text("SSL routines:ssl3_get_record:wrong version number")
    # below 0.6: real threads split between a plaintext port and the client's proxy URL
    assert root(ev).cause is PLAIN and root(ev).confidence == pytest.approx(0.55)
    exact = text("140: error:0A00009C:SSL routines::http request")
    assert root(exact).cause is PLAIN and root(exact).confidence == 1.0
    cause_absent(text("error:0A0000C1:SSL routines::no shared cipher"), PLAIN)
