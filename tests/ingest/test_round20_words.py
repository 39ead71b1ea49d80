"""Round 20: Moddable's and geteduroam's certificate-date words (patterns/words20.py).

Each harvested string in the form its program prints it; every case is unread on the code
before this round.
"""

from __future__ import annotations

import pytest
from ranked import top_and_party as _top

from tlsdoctor import explain


@pytest.mark.parametrize("text", [
    # ssl_cert.js's trace() lines and its thrown Error, as xsbug's console shows them
    "date validation failed on received certificate",
    "mcconfig: ... date validation failed on received certificate\n# Break: (host): close!",
    "# Exception: CertificateManager.prototype.verify: date validation failed!",
    "Error: date validation failed",
])
def test_moddable_device_clock_first(text: str) -> None:
    cause, confidence, who = _top(text)
    assert (cause, who) == ("client_clock_wrong", "client")
    assert confidence < 0.6  # an expired certificate prints the same words
    causes = {f.cause.value for f in explain(text).findings}
    assert {"cert_expired", "cert_not_yet_valid"} <= causes


def test_moddable_ca_resource_is_the_devices_own() -> None:
    """verify() reaches a CA resource only after the received certificates passed the same
    date check: the device's clock is not the cause, its built-in CA is."""
    found = explain("date validation failed on certificate resource").findings
    assert [(f.cause.value, f.who_fixes.value) for f in found] == [
        ("client_misconfiguration", "client"), ("cert_expired", "server")]
    assert found[0].confidence < 0.6


@pytest.mark.parametrize(("text", "second"), [
    ("client certificate is used before the 'Not Before' time with a delta of 5 minutes",
     "cert_not_yet_valid"),
    ("ERROR: client certificate is used after the 'Not After' time", "cert_expired"),
])
def test_geteduroam_client_certificate_dates(text: str, second: str) -> None:
    r = explain(text)
    found = r.findings
    assert r.source == "geteduroam"
    assert (found[0].cause.value, found[0].who_fixes.value) == ("client_clock_wrong", "client")
    assert found[0].confidence < 0.6 and found[1].cause.value == second


@pytest.mark.parametrize("text", [
    "Error: Date validation failed: end date before start date",
    "date validation failed on input form",
    "Profile update validation failed: date is required",
    "client certificate is used",
])
def test_other_date_words_stay_unread(text: str) -> None:
    assert not explain(text).recognized
