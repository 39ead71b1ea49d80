"""Small helpers shared by rules: which variant probe worked, what the client offered."""

from __future__ import annotations

from ...evidence import UNRECOGNIZED_NAME, Evidence, Probe, Source
from ...probe.outcome import Exchange, Outcome

VERSION_FLOOR = Probe.VERSION_FLOOR
# The client's own versions first: a server that takes them with another suite, group or
# signature scheme is not a version mismatch, whatever newer version the wide probe got.
VARIANTS = (Probe.CLIENT_VERSIONS, VERSION_FLOOR, Probe.WIDE, Probe.SMALL, Probe.SSL2)

__all__ = ["UNRECOGNIZED_NAME", "VARIANTS", "VERSION_FLOOR", "baseline_failed",
           "client_versions", "name_refusal", "proxy_failure", "unrecognized_name",
           "working_variant"]

INTERNAL_ERROR = 80
# Alerts a server sends when choosing the certificate by name fails: unrecognized_name
# (RFC 6066 §3), and internal_error from Go's crypto/tls when a GetCertificate callback
# returns an error (go/src/crypto/tls/handshake_server.go, Go 1.19: errNoCertificates ->
# unrecognized_name, any other error -> internal_error); the same from other stacks'
# certificate-selection callbacks.
_NAME_ALERTS = (UNRECOGNIZED_NAME, INTERNAL_ERROR)


def baseline_failed(ev: Evidence) -> bool:
    """A live diagnosis whose client-exact probe did not complete."""
    return ev.source is Source.LIVE and bool(ev.probes) and not ev.baseline.ok


def working_variant(ev: Evidence) -> Exchange | None:
    """A variant with the client's own SNI that the server accepted."""
    for label in VARIANTS:
        p = ev.succeeded(label)
        if p is not None:
            return p
    return None


def name_refusal(ev: Evidence) -> int | None:
    """The alert (unrecognized_name or internal_error) a live server sent to every hello,
    whatever the version, suites and name (the target's, none, a neutral one): the
    failure is in choosing a certificate for the name, not in anything negotiated."""
    if ev.source is not Source.LIVE or not ev.probes or any(p.ok for p in ev.probes):
        return None
    tried = [p for p in ev.probes if p.label != Probe.SSL2]
    alerts = {p.alert[1] if p.outcome is Outcome.ALERT and p.alert else None for p in tried}
    if len(alerts) != 1 or len({p.offer.sni for p in tried}) < 2:
        return None
    (alert,) = alerts
    return alert if alert in _NAME_ALERTS else None


def client_versions(ev: Evidence) -> tuple[int, ...]:
    """The versions the client accepts: its profile's, or what its hello offered."""
    if ev.client is not None and ev.client.versions:
        return ev.client.versions
    return ev.baseline.offer.versions if ev.probes else ()


def unrecognized_name(p: Exchange) -> bool:
    return p.outcome is Outcome.ALERT and p.alert is not None and p.alert[1] == UNRECOGNIZED_NAME


def proxy_failure(p: Exchange) -> str | None:
    """How the HTTP proxy failed (probe.net's reasons): "unreachable" (the option points at
    nothing), "auth" (407), "refused" (its policy), "silent"; None: no proxy failure."""
    if p.outcome is not Outcome.PROXY_FAILED:
        return None
    error = p.error
    if error.startswith("proxy refused"):
        return "auth" if " 407" in error else "refused"
    if error.startswith("proxy did not answer"):
        return "silent"
    return "unreachable"
