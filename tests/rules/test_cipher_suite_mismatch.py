"""cipher_suite_mismatch: versions overlap, but no suite or group in common.

Sources: live probes (the client's hello refused; a variant at one of the client's versions
accepted with a suite or group the client does not offer), a capture (the server refuses
the hello with handshake_failure before any ServerHello; surer when it chose other suites
in other connections), error text.
"""

import pytest
from evidence_builders import (
    ECDHE_RSA_AES128_GCM,
    HANDSHAKE_FAILURE,
    TLS12,
    TLS13,
    alert,
    capture,
    cause_absent,
    client_alert,
    codes,
    exchange,
    findings,
    live,
    modern_client,
    one,
    root,
    server_alert,
    specific_steps,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity
from tlsdoctor.evidence import Probe
from tlsdoctor.probe.outcome import Outcome

SUITES = Cause.CIPHER_SUITE_MISMATCH
RSA_AES256_CBC = 0x0035  # TLS_RSA_WITH_AES_256_CBC_SHA: static RSA, CBC
# A group curl-8 does not offer (it offers ffdhe2048 since round 19: OpenSSL 3.0 does).
BRAINPOOLP256R1 = 0x001A


def _wide_chose(suite: int, group: int | None = 0x001D, version: int = TLS12):
    client = modern_client()
    base = alert(Probe.BASELINE, HANDSHAKE_FAILURE, versions=client.versions,
                 suites=client.cipher_suites)
    wide = exchange(Probe.WIDE, versions=(TLS13, TLS12), version=version, cipher_suite=suite,
                    group=group)
    return live(base, wide, client=client, server_software="nginx")


@pytest.mark.parametrize("server_suite, mismatch", [(RSA_AES256_CBC, True),
                                                    (ECDHE_RSA_AES128_GCM, False)])
def test_live_fails_and_works(server_suite, mismatch):
    ev = _wide_chose(server_suite)
    if not mismatch:
        cause_absent(ev, SUITES)  # the client offers that suite: not a suite problem
        return
    # The server accepts only a legacy suite (CBC, RSA key exchange): it is the outdated
    # side, so it fixes it (SPEC; gnutls/Go/Node/Java 3DES- or AES-CBC-only servers).
    f = one(ev, SUITES, Severity.BLOCKING, Party.SERVER)
    assert f.title == "No suite in common: the server wants cipher suite TLS_RSA_WITH_AES_256_CBC_SHA"
    assert "only modern (AEAD with forward secrecy) suites" in f.explanation
    assert f.facts["kind"] == "suite" and f.facts["server_suite_code"] == RSA_AES256_CBC
    assert root(ev).cause is SUITES
    steps = specific_steps(ev, SUITES)
    nginx = [s for s in steps if s.applies_to == "nginx"]
    assert nginx and nginx[0].code.startswith("ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:")
    assert any(s.applies_to == "curl" for s in steps)


def test_live_group_mismatch():
    # Round 28: a server that takes neither x25519 nor P-256 (RFC 8446 §9.1) is the side
    # to change when the client offers them; it was "either".
    ev = _wide_chose(ECDHE_RSA_AES128_GCM, group=BRAINPOOLP256R1)
    f = one(ev, SUITES, Severity.BLOCKING, Party.SERVER)
    assert "ssl_ecdh_curve" in " ".join(s.code for s in f.fix) or not f.fix
    assert f.facts["kind"] == "group" and f.title.startswith("No group in common")
    cause_absent(_wide_chose(ECDHE_RSA_AES128_GCM, group=0x001D), SUITES)


def test_live_other_version_is_not_a_suite_problem():
    """A variant that works only at a version the client refuses is a version mismatch."""
    client = modern_client()
    base = alert(Probe.BASELINE, HANDSHAKE_FAILURE, versions=client.versions)
    floor = exchange(Probe.VERSION_FLOOR, versions=(0x0301,), version=0x0301,
                     cipher_suite=RSA_AES256_CBC)
    ev = live(base, floor, client=client)
    cause_absent(ev, SUITES)
    assert root(ev).cause is Cause.PROTOCOL_VERSION_MISMATCH


def test_capture_refusal_before_serverhello():
    only13 = dict(outcome=Outcome.ALERT, versions=(TLS13,), suites=(0x1301, 0x1302, 0x1303),
                  alerts=(server_alert(HANDSHAKE_FAILURE),))
    ev = capture(**only13, seen_suites=frozenset({0xC030}))
    f = one(ev, SUITES, Severity.BLOCKING, Party.EITHER)
    assert f.confidence == pytest.approx(0.9)
    assert "the client offered only TLS 1.3 suites" in f.evidence
    assert root(ev).cause is SUITES
    # Twin: in other connections the server chose a suite this client offered too.
    shared = one(capture(**only13, seen_suites=frozenset({0x1301})), SUITES, Severity.BLOCKING,
                 Party.EITHER)
    assert shared.confidence == pytest.approx(0.4)
    cause_absent(capture(versions=(TLS13,), suites=(0x1301,)), SUITES)


def test_capture_client_alert_is_not_the_servers_refusal():
    ev = capture(versions=(TLS12,), version=TLS12, alerts=(client_alert(HANDSHAKE_FAILURE),))
    cause_absent(ev, SUITES)


def test_error_text():
    ev = text("140737: error:0A0000C1:SSL routines::no shared cipher")
    # Round 22: the suites first but not certain; OpenSSL's server says it too when a client
    # below TLS 1.2 meets TLS 1.2-only suites (ssl3_choose_cipher), so the version follows.
    assert root(ev).cause is SUITES and root(ev).confidence == pytest.approx(0.55)
    assert findings(ev, Cause.PROTOCOL_VERSION_MISMATCH)
    vague = text("curl: (35) error:0A000410:SSL routines::sslv3 alert handshake failure")
    assert root(vague).cause is SUITES and findings(vague, Cause.PROTOCOL_VERSION_MISMATCH)
    assert "tell_apart" in root(vague).facts
    cause_absent(text("error:0A000102:SSL routines::unsupported protocol"), SUITES)
    assert codes(specific_steps(ev, SUITES))
