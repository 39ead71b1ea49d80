"""server_misconfiguration: the server fails every handshake, whatever is offered."""

from __future__ import annotations

from ...evidence import Evidence, Probe
from ...fixes.catalog import make_finding
from ...probe.outcome import Outcome
from .. import words
from ..causes import Cause
from ..finding import Finding, FixStep
from . import rule
from .sni_required_or_mismatch import unrecognized_name


@rule
def server_misconfiguration(ev: Evidence) -> Finding | None:
    """Every variant (all versions and suites, with and without SNI) ends in an alert."""
    wide = ev.probe(Probe.WIDE)
    if wide is None or wide.ok or any(p.ok for p in ev.probes):
        return None
    if unrecognized_name(ev.baseline) and ev.baseline.offer.sni is None:
        return None  # it wants a name: sni_required_or_mismatch
    answered = [p for p in ev.probes if p.outcome is Outcome.ALERT]
    if not answered or len(answered) < len([p for p in ev.probes if p.label != Probe.SSL2]):
        return None
    return make_finding(
        Cause.SERVER_MISCONFIGURATION,
        title="Server refuses every handshake, whatever the client offers",
        explanation="Offered every protocol version, cipher suite, group and signature "
                    "algorithm, with and without SNI, the server still answers with an alert. "
                    "No client can connect: typically the cipher list does not fit the "
                    "certificate's key type (e.g. RSA-only suites with an ECDSA certificate), "
                    "the key does not match the certificate, or no certificate is configured.",
        evidence=tuple(f"{p.label}: alert {words.alert(p.alert)}" for p in answered),
        fix=(FixStep(text="Check that the certificate and key belong together:",
                     code="openssl x509 -noout -pubkey -in cert.pem | sha256sum\n"
                          "openssl pkey -pubout -in key.pem | sha256sum"),
             FixStep(text="Check the server's error log for the handshake error, and use a "
                          "cipher list that includes suites for the certificate's key type "
                          "(Mozilla intermediate).")))
