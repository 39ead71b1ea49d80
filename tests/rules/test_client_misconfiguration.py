"""client_misconfiguration from this machine's own facts (no server can show these)."""

from dataclasses import replace
from datetime import UTC, datetime

from tlsdoctor.clients.local import local_profile
from tlsdoctor.diagnosis.engine import run_rules
from tlsdoctor.evidence import Evidence, LocalFacts
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
