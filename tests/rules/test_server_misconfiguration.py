"""server_misconfiguration: a server setup that fails every client.

Sources: live probes (every variant refused; a handshake signed with another key than the
certificate's; answers that break TLS itself), the chain (no certificate, an unparsable
leaf, a suite the certificate's key cannot serve), a capture (an alert no other rule
explains; a server that closes without a word), error text (server logs).
"""

import pytest
from evidence_builders import (
    BAD_CERTIFICATE,
    DECRYPT_ERROR,
    HANDSHAKE_FAILURE,
    HOST,
    INTERNAL_ERROR,
    TLS12,
    UNKNOWN_CA,
    UNRECOGNIZED_NAME,
    alert,
    analyze,
    capture,
    cause_absent,
    chain_only,
    client_alert,
    codes,
    der,
    exchange,
    findings,
    live,
    one,
    root,
    server_alert,
    specific_steps,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity
from tlsdoctor.evidence import Probe
from tlsdoctor.probe.outcome import Outcome, Transport

SERVER = Cause.SERVER_MISCONFIGURATION
ECDSA_P256_SHA256 = 0x0403
GARBAGE_DER = b"\x30\x03abc"

VARIANTS = (Probe.WIDE, Probe.NO_SNI, Probe.NEUTRAL_SNI, Probe.SMALL)


def _all_refused(small_ok: bool = False, baseline_sni: str | None = HOST,
                 description: int = HANDSHAKE_FAILURE):
    probes = [alert(Probe.BASELINE, description, sni=baseline_sni)]
    for label in VARIANTS:
        works = small_ok and label == Probe.SMALL
        probes.append(exchange(label, versions=(TLS12,), version=TLS12) if works
                      else alert(label, description))
    probes.append(exchange(Probe.SSL2, Outcome.CLOSED, versions=(0x0002,)))
    return live(*probes, server_software="nginx")


@pytest.mark.parametrize("small_ok", [False, True])
def test_live_refuses_everything_fails_and_one_acceptance_works(small_ok):
    ev = _all_refused(small_ok)
    kinds = [f.facts.get("kind") for f in findings(ev, SERVER)]
    if small_ok:
        assert "refuses_all" not in kinds
        return
    f = one(ev, SERVER, Severity.BLOCKING, Party.SERVER)
    assert f.title == "Server refuses every handshake, whatever the client offers"
    assert root(ev).cause is SERVER
    steps = specific_steps(ev, SERVER)
    assert "openssl x509 -noout -pubkey -in cert.pem" in codes(steps)


def test_nameless_client_refused_with_unrecognized_name_is_an_sni_rule():
    ev = _all_refused(baseline_sni=None, description=UNRECOGNIZED_NAME)
    cause_absent(ev, SERVER)
    assert root(ev).cause is Cause.SNI_REQUIRED_OR_MISMATCH


@pytest.mark.parametrize("signature_ok", [False, True])
def test_live_private_key_does_not_match_the_certificate(rpki, signature_ok):
    leaf = rpki.leaf()
    ev = live(exchange(certificates=der(leaf), server_signature_ok=signature_ok,
                       server_signature_scheme=ECDSA_P256_SHA256))
    if signature_ok:
        cause_absent(ev, SERVER)
        return
    f = one(ev, SERVER, Severity.BLOCKING, Party.SERVER)
    assert f.title == "The server's private key does not match its certificate"
    assert len(f.facts["spki_sha256"]) == 64 and f.facts["verified_elsewhere"] == 0
    assert root(ev).cause is SERVER
    steps = specific_steps(ev, SERVER)
    assert f"openssl s_client -connect {HOST}:443 -servername {HOST}" in codes(steps)


def test_live_one_backend_of_a_pool_has_the_wrong_key(rpki):
    good = exchange(Probe.WIDE, certificates=der(rpki.leaf()), server_signature_ok=True)
    bad = exchange(certificates=der(rpki.leaf()), server_signature_ok=False)
    f = one(live(bad, good), SERVER, Severity.BLOCKING, Party.SERVER)
    assert f.facts["verified_elsewhere"] == 1
    assert any("1 other handshake(s)" in line for line in f.evidence)


@pytest.mark.parametrize("truncated, confidence", [(False, 0.8), (True, 0.6)])
def test_live_answer_breaks_tls(truncated, confidence):
    broken = dict(error="ServerHello chose a cipher suite the client did not offer",
                  extra={"truncated": truncated})
    ev = live(exchange(Probe.BASELINE, Outcome.MALFORMED, **broken),
              exchange(Probe.WIDE, Outcome.MALFORMED, **broken))
    f = one(ev, SERVER, Severity.BLOCKING, Party.SERVER)
    assert f.confidence == pytest.approx(confidence) and f.facts["kind"] == "protocol_violation"
    assert "-msg -state" in codes(specific_steps(ev, SERVER))
    cause_absent(live(exchange(Probe.BASELINE, Outcome.MALFORMED, **broken),
                      exchange(Probe.WIDE)), SERVER)


def test_chain_empty_or_unparsable_leaf(rpki):
    empty = one(chain_only(analyze([], rpki.stores)), SERVER, Severity.BLOCKING, Party.SERVER)
    assert empty.title == "Server sent no certificate"
    bad = live(exchange(), chain=analyze([GARBAGE_DER], rpki.stores))
    f = one(bad, SERVER, Severity.BLOCKING, Party.SERVER)
    assert f.title == "Server's certificate cannot be parsed" and f.confidence == 1.0
    cause_absent(live(exchange(), chain=analyze(rpki.leaf(), rpki.stores)), SERVER)


@pytest.mark.parametrize("kx, conflict", [("ECDHE_RSA", True), ("ECDHE_ECDSA", False)])
def test_suite_the_certificates_key_cannot_serve(rpki, kx, conflict):
    chain = analyze(rpki.leaf(key_type="ec256"), rpki.stores, negotiated_kx=kx)
    ev = live(exchange(versions=(TLS12,), version=TLS12), chain=chain, server_software="nginx")
    if not conflict:
        cause_absent(ev, SERVER)
        return
    f = one(ev, SERVER, Severity.BLOCKING, Party.SERVER)
    assert f.facts["kind"] == "key_type" and f.facts["key_type"].startswith("EC")
    nginx = [s for s in specific_steps(ev, SERVER) if s.applies_to == "nginx"]
    assert nginx and nginx[0].code.startswith("ssl_ciphers ")


def test_capture_alerts_no_other_rule_explains(rpki):
    after_ske = capture(version=TLS12, alerts=(client_alert(DECRYPT_ERROR,
                                                            after="ServerKeyExchange"),))
    assert one(after_ske, SERVER, Severity.BLOCKING, Party.SERVER).confidence == pytest.approx(0.4)
    internal = capture(outcome=Outcome.ALERT, alerts=(server_alert(INTERNAL_ERROR),))
    one(internal, SERVER, Severity.BLOCKING, Party.SERVER)
    # Twins: a certificate alert belongs to the certificate rules.
    private = analyze([rpki.leaf(issuer=rpki.private).cert, rpki.private.cert], rpki.stores)
    cert = capture(version=TLS12, alerts=(client_alert(UNKNOWN_CA),), chain=private)
    cause_absent(cert, SERVER)
    assert root(cert).cause is Cause.CERT_UNTRUSTED_ROOT
    cause_absent(capture(version=TLS12, alerts=(client_alert(BAD_CERTIFICATE),)), SERVER)


def test_capture_server_closes_without_a_word():
    closed = capture(outcome=Outcome.CLOSED, transport=Transport(closed_by=("server",)))
    f = one(closed, SERVER, Severity.BLOCKING, Party.SERVER)
    assert f.facts["kind"] == "closed_silently"
    assert findings(closed, Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE)  # the other reading
    cause_absent(capture(outcome=Outcome.RESET, transport=Transport(reset_by="server")), SERVER)


def test_unparsable_leaf_seen_in_a_capture_is_less_sure(rpki):
    ev = capture(version=TLS12, alerts=(client_alert(BAD_CERTIFICATE),),
                 chain=analyze([GARBAGE_DER], rpki.stores))
    parsed = [f for f in findings(ev, SERVER) if f.facts.get("kind") == "unparsable_certificate"]
    assert parsed and parsed[0].confidence == pytest.approx(0.5)


def test_error_text_from_a_server_log():
    ev = text('2024/05/01 10:00:00 [emerg] 1234#1234: SSL_CTX_use_PrivateKey("/etc/nginx/'
              'ssl/key.pem") failed (SSL: error:05800074:x509 certificate routines::key values '
              "mismatch)")
    assert root(ev).cause is SERVER and root(ev).confidence == 1.0
    cause_absent(text("curl: (60) SSL certificate problem: certificate has expired"), SERVER)
    # "no shared cipher" is mostly the suites, a little the server's own setup.
    shared = text("error:0A0000C1:SSL routines::no shared cipher")
    assert root(shared).cause is Cause.CIPHER_SUITE_MISMATCH
    assert findings(shared, SERVER)[0].confidence == pytest.approx(0.2)


def test_error_text_openssl_key_values_mismatch():
    ev = text("40A7F1E0C67F0000:error:05800074:x509 certificate routines:X509_check_private_key:"
              "key values mismatch:../crypto/x509/x509_cmp.c:405:")
    assert root(ev).cause is SERVER
