"""middlebox_or_firewall_interference: dropped, reset or cut on the path, not by TLS.

Sources: live probes (SYNs dropped; a name filtered: the same hello with another name gets
through; a box that chokes on modern or large hellos; every hello met with silence or a
bare close), a capture (a server-side RST before any answer, injected or not; silence;
inappropriate_fallback), a scan (no TLS answer at all; intolerance), error text.
"""

import pytest
from evidence_builders import (
    GOOD12,
    GOOD13,
    HANDSHAKE_FAILURE,
    HOST,
    TLS12,
    TLS13,
    alert,
    capture,
    cause_absent,
    client_alert,
    codes,
    exchange,
    live,
    one,
    root,
    scan,
    server_alert,
    specific_steps,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity
from tlsdoctor.evidence import Probe
from tlsdoctor.probe.outcome import Outcome, Transport
from tlsdoctor.scanner.result import Intolerance

PATH = Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE
INAPPROPRIATE_FALLBACK = 86


@pytest.mark.parametrize("outcome, dropped", [(Outcome.CONNECT_TIMEOUT, True),
                                              (Outcome.REFUSED, False)])
def test_live_syn_dropped_and_refused(outcome, dropped):
    ev = live(exchange(Probe.BASELINE, outcome))
    if not dropped:
        cause_absent(ev, PATH)  # a refusal is the host's answer: nothing listens
        assert root(ev).cause is Cause.NAME_RESOLUTION_OR_UNREACHABLE
        return
    f = one(ev, PATH, Severity.BLOCKING, Party.NETWORK)
    assert f.title == "Connections to port 443 are silently dropped"


def _named(wide_outcome: Outcome):
    base = exchange(Probe.BASELINE, Outcome.RESET)
    wide = (exchange(Probe.WIDE, wide_outcome) if wide_outcome is not Outcome.ALERT
            else alert(Probe.WIDE, HANDSHAKE_FAILURE))
    return live(base, wide, exchange(Probe.NEUTRAL_SNI, sni="neutral.test"))


@pytest.mark.parametrize("wide_outcome, filtered", [(Outcome.RESET, True),
                                                    (Outcome.ALERT, False)])
def test_live_sni_filtering(wide_outcome, filtered):
    ev = _named(wide_outcome)
    if not filtered:
        cause_absent(ev, PATH)  # the server itself answered the name with an alert
        return
    f = one(ev, PATH, Severity.BLOCKING, Party.NETWORK)
    assert f.title == f"Connections naming {HOST} are blocked on the path"
    assert f.facts["blocked_sni"] == HOST
    assert root(ev).cause is PATH
    assert "why this name is filtered" in specific_steps(ev, PATH)[0].text


def test_live_intolerant_box():
    base = exchange(Probe.BASELINE, Outcome.RESET, size=1800)
    small = exchange(Probe.SMALL, versions=(TLS12,), size=180, version=TLS12)
    ev = live(base, exchange(Probe.WIDE, Outcome.RESET), small)
    f = one(ev, PATH, Severity.BLOCKING, Party.NETWORK)
    assert f.facts["kind"] == "intolerant"
    assert "client's ClientHello (1800 bytes): reset" in f.evidence
    assert "update or bypass the device" in specific_steps(ev, PATH)[0].text
    refused = alert(Probe.SMALL, HANDSHAKE_FAILURE, versions=(TLS12,), size=180)
    cause_absent(live(base, exchange(Probe.WIDE, Outcome.RESET), refused), PATH)


def test_live_every_hello_silent_or_closed():
    silent = live(*(exchange(label, Outcome.TIMEOUT) for label in
                    (Probe.BASELINE, Probe.WIDE, Probe.SMALL)))
    assert one(silent, PATH, Severity.BLOCKING, Party.NETWORK).confidence == pytest.approx(0.7)
    closed = live(*(exchange(label, Outcome.CLOSED) for label in
                    (Probe.BASELINE, Probe.WIDE, Probe.SMALL)))
    f = one(closed, PATH, Severity.BLOCKING, Party.EITHER)
    assert f.title == "Every ClientHello is closed without an answer"
    assert "openssl s_client -connect example.test:443 -servername example.test" in codes(
        specific_steps(closed, PATH))
    answered = live(exchange(Probe.BASELINE, Outcome.TIMEOUT),
                    alert(Probe.WIDE, HANDSHAKE_FAILURE), exchange(Probe.SMALL, Outcome.TIMEOUT))
    cause_absent(answered, PATH)


@pytest.mark.parametrize("injected, confidence", [(True, 0.95), (False, 0.8)])
def test_capture_reset_before_serverhello(injected, confidence):
    ev = capture(outcome=Outcome.RESET, transport=Transport(
        reset_by="server", reset_packet=4, reset_injected=injected))
    f = one(ev, PATH, Severity.BLOCKING, Party.NETWORK)
    assert f.confidence == pytest.approx(confidence)
    assert root(ev).cause is PATH


def test_capture_server_answered_is_not_the_path():
    ev = capture(outcome=Outcome.ALERT, alerts=(server_alert(HANDSHAKE_FAILURE),),
                 transport=Transport(reset_by="server", closed_by=()))
    cause_absent(ev, PATH)
    cause_absent(capture(), PATH)


def test_capture_silence_and_fallback():
    silent = capture(outcome=Outcome.TIMEOUT, transport=Transport(ended=False))
    assert one(silent, PATH, Severity.BLOCKING, Party.NETWORK).confidence == pytest.approx(0.5)
    fallback = capture(outcome=Outcome.ALERT, versions=(TLS12,),
                       alerts=(server_alert(INAPPROPRIATE_FALLBACK),))
    assert one(fallback, PATH, Severity.BLOCKING, Party.NETWORK).facts["kind"] == "fallback"
    cause_absent(capture(outcome=Outcome.ALERT, versions=(TLS12,), version=TLS12,
                         alerts=(client_alert(HANDSHAKE_FAILURE),)), PATH)


def test_scan_no_tls_answer_and_intolerance():
    silent = [exchange(f"v{v:x}", Outcome.RESET, versions=(v,)) for v in (TLS13, TLS12)]
    cut = scan({}, probes=silent, error="every hello was reset")
    assert one(cut, PATH, Severity.BLOCKING, Party.NETWORK).confidence == pytest.approx(0.7)
    intolerant = scan({TLS13: GOOD13, TLS12: GOOD12}, intolerance=Intolerance(large_hello=True))
    f = one(intolerant, PATH, Severity.WARNING, Party.EITHER)
    assert f.evidence == ("fails with a large ClientHello",)
    cause_absent(scan({TLS13: GOOD13}, intolerance=Intolerance(large_hello=False)), PATH)


def test_error_text():
    ev = text("This site can't be reached. net::ERR_SSL_VERSION_INTERFERENCE")
    assert root(ev).cause is PATH and root(ev).confidence == 1.0
    cause_absent(text("error:0A0000C1:SSL routines::no shared cipher"), PATH)


def test_the_s_client_step_for_a_starttls_target_speaks_starttls():
    # Review 28: `diagnose mx:25` (STARTTLS smtp) gave `openssl s_client -connect mx:25
    # -servername mx`, which sends a ClientHello to the SMTP banner: the check failed
    # for a reason of its own. An IP target sends no SNI (RFC 6066 §3), and neither does
    # the command given for it.
    from tlsdoctor.probe.target import parse_target

    closed = tuple(exchange(label, Outcome.CLOSED) for label in
                   (Probe.BASELINE, Probe.WIDE, Probe.SMALL))
    mx = live(*closed, host=parse_target("mx.example.test:25"))
    assert ("openssl s_client -connect mx.example.test:25 -starttls smtp "
            "-servername mx.example.test") in codes(specific_steps(mx, PATH))
    ip = live(*closed, host=parse_target("192.0.2.7:143"))
    assert "openssl s_client -connect 192.0.2.7:143 -starttls imap\n" in codes(
        specific_steps(ip, PATH)) + "\n"
