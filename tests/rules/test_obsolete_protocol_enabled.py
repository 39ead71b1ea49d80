"""obsolete_protocol_enabled: SSLv2, SSLv3, TLS 1.0 or TLS 1.1 still accepted.

Sources: live probes (the probe offering only obsolete versions got a ServerHello), a
capture (a client got an obsolete version), a scan's map (plus an info when TLS 1.3 is
missing). Error text never claims it: a client that connects over TLS 1.0 says nothing.
"""

import pytest
from evidence_builders import (
    GOOD12,
    GOOD13,
    PROTOCOL_VERSION,
    SSL3,
    TLS10,
    TLS11,
    TLS12,
    TLS13,
    alert,
    capture,
    cause_absent,
    codes,
    exchange,
    findings,
    live,
    one,
    scan,
    specific_steps,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity
from tlsdoctor.evidence import Probe

OBSOLETE = Cause.OBSOLETE_PROTOCOL_ENABLED
OLD = (TLS11, TLS10, SSL3)


@pytest.mark.parametrize("accepted", [True, False])
def test_live_fails_and_works(accepted):
    probe = (exchange(Probe.OBSOLETE, versions=OLD, version=TLS10, cipher_suite=0xC013)
             if accepted else alert(Probe.OBSOLETE, PROTOCOL_VERSION, versions=OLD))
    ev = live(exchange(), probe, server_software="nginx")
    if not accepted:
        cause_absent(ev, OBSOLETE)
        return
    f = one(ev, OBSOLETE, Severity.RISK, Party.SERVER)
    assert f.title == "Server still accepts TLS 1.0"
    assert f.facts["versions"] == ["TLS 1.0"]
    nginx = [s for s in specific_steps(ev, OBSOLETE) if s.applies_to == "nginx"]
    assert nginx[0].code == "ssl_protocols TLSv1.2 TLSv1.3;"


def test_live_names_every_old_version_found():
    ev = live(exchange(), exchange(Probe.OBSOLETE, versions=OLD, version=TLS11),
              exchange(Probe.TLS10, versions=(TLS10,), version=TLS10),
              exchange(Probe.SSL2, versions=(0x0002,), version=0x0002, cipher_suite=0x0700C0))
    f = one(ev, OBSOLETE, Severity.RISK, Party.SERVER)
    assert f.title == "Server still accepts TLS 1.1, TLS 1.0, SSL 2.0"


def test_capture_of_a_client_on_tls10():
    one(capture(versions=(TLS12, TLS11, TLS10), version=TLS10, cipher_suite=0xC013), OBSOLETE,
        Severity.RISK, Party.SERVER)
    cause_absent(capture(versions=(TLS12, TLS11, TLS10), version=TLS12), OBSOLETE)


def test_scan_map():
    ev = scan({TLS12: GOOD12, TLS10: (0xC013,)})
    risks = findings(ev, OBSOLETE)
    assert [(f.severity, f.title) for f in risks] == [
        (Severity.RISK, "Server still accepts TLS 1.0"),
        (Severity.INFO, "TLS 1.3 is not supported")]
    assert "ssl_protocols TLSv1.2 TLSv1.3;" in codes(specific_steps(ev, OBSOLETE))
    cause_absent(scan({TLS13: GOOD13, TLS12: GOOD12}), OBSOLETE)


def test_scan_without_tls13_is_only_info():
    f = one(scan({TLS12: GOOD12}), OBSOLETE, Severity.INFO, Party.SERVER)
    assert f.facts["missing"] == "TLS 1.3"


def test_no_error_text_claims_it():
    for message in ("error:0A000102:SSL routines::unsupported protocol",
                    "curl: (35) error:0A00042E:SSL routines::tlsv1 alert protocol version"):
        cause_absent(text(message), OBSOLETE)
