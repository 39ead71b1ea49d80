"""ocsp_must_staple_missing: the leaf demands stapling (RFC 7633), the server does not staple.

Sources: the chain (must-staple flag, and whether the handshake carried an OCSP response),
error text (Firefox, GnuTLS, curl wording).
"""

from dataclasses import replace

import pytest
from evidence_builders import (
    NOW,
    SERVER_IP,
    TLS12,
    analyze,
    capture,
    cause_absent,
    chain_only,
    client_alert,
    der,
    exchange,
    live,
    one,
    root,
    specific_steps,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity
from tlsdoctor.clients.catalog import get_profile
from tlsdoctor.evidence import Probe
from tlsdoctor.ingest.capture import Sides
from tlsdoctor.ingest.capture import evidence as capture_evidence

STAPLE = Cause.OCSP_MUST_STAPLE_MISSING
BAD_CERTIFICATE_STATUS_RESPONSE = 113


@pytest.fixture(scope="module")
def must_staple(rpki):
    return rpki.leaf(must_staple=True)


@pytest.mark.parametrize("stapled", [False, True])
def test_live_fails_and_works(rpki, must_staple, stapled):
    staple = rpki.root.ocsp_response(must_staple, "good") if stapled else None
    chain = analyze(must_staple, rpki.stores, stapled_ocsp=staple)
    ev = live(exchange(ocsp_staple=staple), chain=chain, chain_source="baseline",
              server_software="nginx", client=get_profile("firefox-132"))
    if stapled:
        cause_absent(ev, STAPLE)
        return
    # Firefox enforces must-staple (its policy); curl ignores it and connects: a risk.
    f = one(ev, STAPLE, Severity.BLOCKING, Party.SERVER)
    one(replace(ev, client=get_profile("curl-8")), STAPLE, Severity.RISK, Party.SERVER)
    assert "stapled OCSP response: none" in f.evidence
    assert root(ev).cause is STAPLE
    nginx = [s for s in specific_steps(ev, STAPLE) if s.applies_to == "nginx"]
    assert nginx and "ssl_stapling on;" in nginx[0].code


def test_without_must_staple_no_staple_is_fine(rpki):
    cause_absent(chain_only(analyze(rpki.leaf(), rpki.stores)), STAPLE)


def test_capture(rpki, must_staple):
    chain = analyze(must_staple, rpki.stores)
    refused = capture(alerts=(client_alert(BAD_CERTIFICATE_STATUS_RESPONSE),), version=TLS12,
                      chain=chain)
    one(refused, STAPLE, Severity.BLOCKING, Party.SERVER)
    # This client went on without the staple: what blocks Firefox is a risk here.
    one(capture(version=TLS12, chain=chain), STAPLE, Severity.RISK, Party.SERVER)
    staple = rpki.root.ocsp_response(must_staple, "good")
    cause_absent(capture(version=TLS12, chain=analyze(must_staple, rpki.stores,
                                                      stapled_ocsp=staple)), STAPLE)


def test_capture_of_a_server_that_staples(rpki, must_staple):
    staple = rpki.root.ocsp_response(must_staple, "good")
    ex = exchange(Probe.CAPTURE, versions=(TLS12,), version=TLS12, certificates=der(must_staple),
                  ocsp_staple=staple, complete=True)
    sides = Sides(client_is_a=True, server_ip=SERVER_IP, server_port=443, reset_by=None,
                  reset_packet=0, reset_injected=False, closed_by=("client", "server"),
                  server_bytes=4000)
    stores = rpki.stores
    ev = capture_evidence(ex, sides, NOW.timestamp(), stores=lambda: stores)
    cause_absent(ev, STAPLE)


def test_error_text():
    ev = text("Secure Connection Failed. Error code: MOZILLA_PKIX_ERROR_REQUIRED_TLS_FEATURE_MISSING")
    assert root(ev).cause is STAPLE and root(ev).confidence == 1.0
    cause_absent(text("curl: (60) SSL certificate problem: certificate has expired"), STAPLE)
