"""client_cert_required: mutual TLS that the client does not satisfy.

Sources: live probes (a CertificateRequest, and the real handshake's refusal; optional
requests are info; a client that brought a certificate is fine), a capture (the server's
alert after an empty client Certificate; a rejected client certificate; TLS 1.3 record
sizes when everything is encrypted), error text (client- and server-side wording).
"""

from dataclasses import replace

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID
from evidence_builders import (
    BAD_CERTIFICATE,
    CERTIFICATE_REQUIRED,
    HANDSHAKE_FAILURE,
    HOST,
    TLS12,
    TLS13,
    Probe,
    alert,
    capture,
    cause_absent,
    exchange,
    fix_steps,
    live,
    one,
    root,
    server_alert,
    specific_steps,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity
from tlsdoctor.clients.catalog import get_profile
from tlsdoctor.fixes.data import generic
from tlsdoctor.probe.outcome import CertRequest
from tlsdoctor.probe.reproduce import Reproduction
from tlsdoctor.wire.record import ENCRYPTED_ALERT_SIZES, ENCRYPTED_EMPTY_CERTIFICATE

MTLS = Cause.CLIENT_CERT_REQUIRED
CORP_CA = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Corp Client CA")]).public_bytes()
REQUEST = CertRequest(ca_names=(CORP_CA,))


def _local_with(repro: Reproduction | None, **kw):
    local = replace(get_profile("openssl-3"), is_local=True)
    return live(exchange(cert_request=REQUEST), client=local, reproduction=repro, **kw)


# TLS 1.3: the handshake completes, the server's refusal arrives on the first read.
REFUSED = Reproduction(ok=False, verified=True, after_handshake_error=(
    "[SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED] tlsv13 alert certificate required (_ssl.c:2580)"))


@pytest.mark.parametrize("repro, required", [(REFUSED, True),
                                             (Reproduction(ok=True, verified=True), False)])
def test_live_required_fails_and_optional_is_info(repro, required):
    ev = _local_with(repro)
    if not required:
        f = one(ev, MTLS, Severity.INFO, Party.CLIENT)
        assert f.title == "Server asks for an optional client certificate"
        assert [s.text for s in fix_steps(ev, MTLS)] == [generic(MTLS.value)]
        return
    f = one(ev, MTLS, Severity.BLOCKING, Party.CLIENT)
    assert f.title == "Server requires a client certificate from: CN=Corp Client CA"
    assert f.confidence == 1.0 and f.facts["acceptable_cas"] == ["CN=Corp Client CA"]
    assert root(ev).cause is MTLS
    steps = specific_steps(ev, MTLS)
    assert steps[0].code == f"curl --cert client.pem --key client.key https://{HOST}/"


def test_live_with_a_client_certificate_is_nothing():
    cause_absent(_local_with(REFUSED, client_certificate=True), MTLS)
    cause_absent(live(exchange()), MTLS)  # no CertificateRequest at all


def test_catalogue_client_cannot_be_reproduced_so_it_is_likely():
    """A browser profile is not this machine: no real handshake to show the refusal."""
    ev = live(exchange(cert_request=REQUEST), client=get_profile("firefox-132"))
    assert one(ev, MTLS, Severity.BLOCKING, Party.CLIENT).confidence == pytest.approx(0.6)


def test_catalogue_client_refused_before_the_request_is_not_blamed_on_it():
    """The named client's own hello was refused (no common suite) before the server
    asked for a certificate; only another probe saw the request: info, not required.
    (Real case: gnutls-serv with a ChaCha20-only priority, which asks for an optional
    certificate, against the java-8 profile.)"""
    wide = exchange("wide", cert_request=REQUEST)
    ev = live(alert(Probe.BASELINE, HANDSHAKE_FAILURE), wide, client=get_profile("java-8"))
    f = one(ev, MTLS, Severity.INFO, Party.CLIENT)
    assert f.facts["required"] is None and "refused before the server asked" in f.explanation


def test_capture_empty_certificate_then_alert():
    asked = dict(version=TLS12, cert_request=REQUEST, client_certificates=0)
    ev = capture(**asked, alerts=(server_alert(HANDSHAKE_FAILURE, after="Certificate"),))
    f = one(ev, MTLS, Severity.BLOCKING, Party.CLIENT)
    assert "client answered with an empty Certificate" in f.evidence
    assert root(ev).cause is MTLS
    cause_absent(ev, Cause.CIPHER_SUITE_MISMATCH)  # a ServerHello came first
    cause_absent(capture(**asked), MTLS)  # the server accepted it without a certificate


def test_capture_certificate_required_alert():
    ev = capture(version=TLS13, alerts=(server_alert(CERTIFICATE_REQUIRED, after="Finished"),))
    one(ev, MTLS, Severity.BLOCKING, Party.CLIENT)


def test_capture_rejected_client_certificate():
    ev = capture(version=TLS12, cert_request=REQUEST, client_certificates=1,
                 alerts=(server_alert(BAD_CERTIFICATE, after="Certificate"),))
    f = one(ev, MTLS, Severity.BLOCKING, Party.CLIENT)
    assert f.title == "Server did not accept the client certificate"
    assert f.confidence == pytest.approx(0.9)


@pytest.mark.parametrize("client_first, found", [(ENCRYPTED_EMPTY_CERTIFICATE, 0.75),
                                                 (ENCRYPTED_ALERT_SIZES[0], None)])
def test_tls13_record_sizes(client_first, found):
    """After the client's Finished the server sent one alert-sized record and closed. When
    the client's own first record is alert-sized, the client gave up first."""
    ev = capture(version=TLS13, complete=False, encrypted_client=(client_first, 53),
                 encrypted_server=(ENCRYPTED_ALERT_SIZES[0],))
    if found is None:
        cause_absent(ev, MTLS)
        return
    f = one(ev, MTLS, Severity.BLOCKING, Party.CLIENT)
    assert f.confidence == pytest.approx(found) and f.facts["inferred_from"] == "record sizes"


def test_error_text_client_and_server_side():
    client_side = text("ssl.SSLError: [SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED] tlsv13 alert "
                       "certificate required (_ssl.c:2580)")
    assert root(client_side).cause is MTLS
    server_side = text("2024/05/01 10:00:00 [info] 123#0: *1 client sent no required SSL "
                       "certificate while reading client request headers")
    assert root(server_side).cause is MTLS
    cause_absent(text("error:0A0000C1:SSL routines::no shared cipher"), MTLS)
