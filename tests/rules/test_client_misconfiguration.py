"""client_misconfiguration: the client's own settings prevent the connection.

Sources: this machine's facts (LocalFacts: CA overrides that point nowhere, proxies, the
TLS library's age; no server can show these), a capture (plaintext to a TLS port, no ALPN
in common, a server alert no other rule explains), error text.
"""

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from evidence_builders import (
    HOST,
    INTERNAL_ERROR,
    NO_APPLICATION_PROTOCOL,
    PROTOCOL_VERSION,
    capture,
    cause_absent,
    exchange,
    findings,
    live,
    local_facts,
    one,
    root,
    server_alert,
    specific_steps,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity
from tlsdoctor.clients.catalog import get_profile
from tlsdoctor.clients.local import local_profile
from tlsdoctor.diagnosis.engine import run_rules
from tlsdoctor.evidence import Evidence, LocalFacts, Probe
from tlsdoctor.probe.outcome import Offer, Outcome, ProbeResult
from tlsdoctor.probe.target import parse_target

NOW = datetime.now(UTC)
OK = ProbeResult(label="baseline", offer=Offer(versions=(0x0303,), cipher_suites=(0xC02F,)),
                 outcome=Outcome.HANDSHAKE, version=0x0303, cipher_suite=0xC02F)


def evidence(**local: object) -> Evidence:
    facts = LocalFacts(openssl="OpenSSL 3.0.19 27 Jan 2026", security_level=2)
    return Evidence(target=parse_target("example.test"), client=local_profile(), now=NOW,
                    local=replace(facts, **local), probes=(OK,))


def causes(ev: Evidence) -> list[tuple[str, str]]:
    return [(f.cause.value, f.title) for f in run_rules(ev)]


def test_current_library_and_clean_environment_give_nothing():
    assert causes(evidence()) == []


def test_outdated_openssl_is_reported():
    found = causes(evidence(openssl="OpenSSL 1.0.2k-fips  26 Jan 2017"))
    assert ("client_misconfiguration", "This machine's TLS library is outdated (OpenSSL 1.0.2k-fips  26 Jan 2017)") in found


def test_broken_ca_override_and_proxy_are_reported():
    found = causes(evidence(broken_ca_env=(("SSL_CERT_FILE", "/nope.pem"),),
                            proxy_env=(("HTTPS_PROXY", "http://proxy.test:3128"),)))
    titles = [t for c, t in found if c == "client_misconfiguration"]
    assert any("SSL_CERT_FILE" in t for t in titles) and any("proxy.test" in t for t in titles)


# --- failing and healthy twins from every source the rule reads --------------------------

MISCONF = Cause.CLIENT_MISCONFIGURATION
UNEXPECTED_MESSAGE, ILLEGAL_PARAMETER = 10, 47
LOCAL = replace(get_profile("openssl-1.0.2"), is_local=True)
REFUSED_13 = exchange(Probe.BASELINE, Outcome.ALERT, alert=(2, PROTOCOL_VERSION),
                      versions=(0x0303, 0x0302, 0x0301))


@pytest.mark.parametrize("version, severity", [("OpenSSL 1.0.2k-fips  26 Jan 2017", Severity.BLOCKING),
                                               ("OpenSSL 1.1.1w  11 Sep 2023", Severity.WARNING)])
def test_outdated_library_blocks_only_without_tls13_and_a_failure(version, severity):
    ev = live(REFUSED_13, client=LOCAL, local=local_facts(openssl=version))
    f = one(ev, MISCONF, severity, Party.CLIENT)
    assert f.facts["kind"] == "outdated_library"
    assert "Upgrade the operating system's OpenSSL" in specific_steps(ev, MISCONF)[0].text
    cause_absent(live(REFUSED_13, client=LOCAL, local=local_facts()), MISCONF)


def test_catalogue_client_is_not_this_machines_library():
    ev = live(REFUSED_13, client=get_profile("openssl-1.0.2"),
              local=local_facts(openssl="OpenSSL 1.0.2k-fips  26 Jan 2017"))
    cause_absent(ev, MISCONF)


def test_environment_findings_and_their_fixes():
    ev = live(exchange(), local=local_facts(broken_ca_env=(("SSL_CERT_FILE", "/nope.pem"),)))
    one(ev, MISCONF, Severity.WARNING, Party.CLIENT)
    assert specific_steps(ev, MISCONF)[0].code == "unset SSL_CERT_FILE"
    proxied = live(exchange(), local=local_facts(proxy_env=(("HTTPS_PROXY", "http://proxy.test:3128"),)))
    one(proxied, MISCONF, Severity.INFO, Party.CLIENT)
    assert specific_steps(proxied, MISCONF)[0].code == (
        f"tlsdoctor diagnose {HOST}:443 --proxy http://proxy.test:3128")


def test_capture_client_spoke_plaintext_to_a_tls_port():
    spoke = capture(outcome=Outcome.ALERT, versions=(), suites=(), extra={"client_spoke": "http"},
                    alerts=(server_alert(UNEXPECTED_MESSAGE),))
    f = one(spoke, MISCONF, Severity.BLOCKING, Party.CLIENT)
    assert f.title == "The client spoke plaintext to a TLS port" and f.confidence == pytest.approx(0.7)
    assert specific_steps(spoke, MISCONF)[0].text.startswith("Use https://")
    cause_absent(capture(), MISCONF)


def test_capture_no_alpn_in_common():
    ev = capture(outcome=Outcome.ALERT, alpn=("h2",),
                 alerts=(server_alert(NO_APPLICATION_PROTOCOL, after="ClientHello"),))
    f = one(ev, MISCONF, Severity.BLOCKING, Party.EITHER)
    assert f.title == "No application protocol (ALPN) in common" and f.facts["alpn"] == ["h2"]
    cause_absent(capture(alpn=("h2",)), MISCONF)


@pytest.mark.parametrize("description, blamed", [(ILLEGAL_PARAMETER, True), (INTERNAL_ERROR, False)])
def test_capture_server_alert_no_rule_explains(description, blamed):
    ev = capture(outcome=Outcome.ALERT, alerts=(server_alert(description),))
    if not blamed:
        cause_absent(ev, MISCONF)  # internal_error is the server's own trouble
        assert root(ev).cause is Cause.SERVER_MISCONFIGURATION
        return
    assert one(ev, MISCONF, Severity.BLOCKING, Party.CLIENT).confidence == pytest.approx(0.4)


def test_error_text():
    # the client's own CRL is missing (round 13, patterns/revocation_data.py): its setting
    ev = text("verify error:num=3:unable to get certificate CRL")
    assert root(ev).cause is MISCONF and root(ev).confidence == pytest.approx(0.9)
    cause_absent(text("curl: (60) server certificate expiration date has passed"), MISCONF)
    # "certificate has expired" does not say which certificate: an old client store's
    # expired root is the runner-up, never the root cause.
    expired = text("curl: (60) SSL certificate problem: certificate has expired")
    assert root(expired).cause is Cause.CERT_EXPIRED and findings(expired, MISCONF)
