"""Helpers for judging an exchange seen from outside (a capture): alerts and who sent them.

An alert is its sender's complaint (RFC 8446 §6.2): a certificate alert from the client
rejects the server's certificate, the same alert from the server rejects the client's.
The alert table (``ingest.patterns.alerts``) gives each alert's causes from each side.
"""

from __future__ import annotations

from ...causes import Cause, Severity
from ...evidence import Evidence, Source
from ...finding import Finding
from ...ingest.patterns.alerts import alert_causes
from ...probe.outcome import AlertSeen, Exchange
from ...wire.registry import AlertDescription, name_of, version_name
from ..catalog import make_finding

CLOSE_NOTIFY = 0
# Alerts a client sends about the server's certificate (RFC 5246 §7.2.2 / RFC 8446 §6.2).
CERT_ALERTS = frozenset({AlertDescription.bad_certificate, AlertDescription.unsupported_certificate,
                         AlertDescription.certificate_revoked, AlertDescription.certificate_expired,
                         AlertDescription.certificate_unknown, AlertDescription.unknown_ca})


def captured(ev: Evidence) -> Exchange | None:
    """The captured exchange, when the evidence is a capture with a ClientHello."""
    if ev.source is not Source.CAPTURE or not ev.probes:
        return None
    ex = ev.probes[0]
    return ex if ex.offer.versions or ex.offer.cipher_suites else None


def deciding_alert(ex: Exchange) -> AlertSeen | None:
    """The first fatal alert decides; a warning (e.g. the unrecognized_name many servers
    send and then carry on) only when nothing fatal was said and the handshake failed."""
    fatal = [a for a in ex.alerts if a.fatal]
    if fatal:
        return fatal[0]
    if ex.complete:
        return None
    return next((a for a in ex.alerts if a.description != CLOSE_NOTIFY), None)


def alert_name(a: AlertSeen) -> str:
    return name_of(AlertDescription, a.description)


def alert_line(a: AlertSeen) -> str:
    level = "fatal" if a.fatal else "warning"
    where = f" (packet {a.packet})" if a.packet else ""
    after = f" after the {a.after}" if a.after else ""
    return f"{a.by} sent {level} alert {alert_name(a)} ({a.description}){after}{where}"


def alert_claims(a: AlertSeen) -> tuple[tuple[Cause, float], ...]:
    """The causes an alert points at, read from its sender's side."""
    row = alert_causes(a.description, server_side=a.by == "client")
    return row[1] if row is not None else ()


def claim(a: AlertSeen, cause: Cause) -> float:
    return next((conf for c, conf in alert_claims(a) if c == cause), 0.0)


def versions_text(vs: tuple[int, ...] | frozenset[int]) -> str:
    return ", ".join(version_name(v) for v in sorted(vs, reverse=True)) or "none"


def where(ev: Evidence, ex: Exchange) -> str:
    server = str(ev.target) if ev.target is not None else "the server"
    return server + (f" (SNI {ex.offer.sni})" if ex.offer.sni else "")


def cert_complaint(ev: Evidence) -> AlertSeen | None:
    """The captured client's alert about the server's certificate, if it sent one."""
    ex = captured(ev)
    a = deciding_alert(ex) if ex is not None else None
    return a if a is not None and a.by == "client" and a.description in CERT_ALERTS else None


def alert_only(ev: Evidence, cause: Cause, *, unseen: bool = True) -> Finding | None:
    """The client rejected a certificate we cannot see (TLS 1.3 encrypts it, or the capture
    missed it): the alert alone points at ``cause`` with the table's confidence.
    ``unseen=False``: also when the chain is visible but cannot show the cause offline
    (revocation needs the CA's answer at the time)."""
    a = cert_complaint(ev)
    if a is None or (unseen and ev.chain is not None and ev.chain.path):
        return None
    conf = claim(a, cause)
    if conf <= 0:
        return None
    ex = captured(ev)
    why = ("the certificates are encrypted (TLS 1.3), so only the alert tells"
           if ex is not None and ex.version == 0x0304 else
           "the server's certificates are not in the capture")
    return make_finding(cause, severity=Severity.BLOCKING, confidence=conf,
                        evidence=(alert_line(a), why), facts={"alert": alert_name(a)})


_SPECIFIC = frozenset({CLOSE_NOTIFY, AlertDescription.protocol_version,
                       AlertDescription.unrecognized_name, AlertDescription.inappropriate_fallback,
                       AlertDescription.no_application_protocol,
                       AlertDescription.certificate_required})


def legacy_hello_refused(ev: Evidence, ex: Exchange, a: AlertSeen) -> bool:
    """The server answered a hello of TLS 1.1 and older with internal_error, and negotiated
    only TLS 1.2 or newer in the capture's other connections: OpenSSL 3 does so (a real
    capture: `openssl s_client -tls1_1` against OpenSSL 3.0.19's s_server, no signature
    algorithm left for the old versions at its security level). A version mismatch, not a
    server that fails every client (protocol_version_mismatch, not server_misconfiguration)."""
    offered = ex.offer.versions
    return (a.by == "server" and a.description == AlertDescription.internal_error
            and ex.version is None and bool(offered) and max(offered) < 0x0303
            and bool(ev.seen_versions) and min(ev.seen_versions) >= 0x0303)


def unexplained_alert(ex: Exchange, a: AlertSeen) -> bool:
    """No rule reads a specific cause into this alert: only who complained is known."""
    d = a.description
    if d in _SPECIFIC:
        return False
    if a.by == "client" and ex.version is not None and ex.version < 0x0303 and not ex.complete:
        return False  # protocol_version_mismatch: the client refused the old version
    if a.by == "server" and ex.version is None and d in (
            AlertDescription.handshake_failure, AlertDescription.insufficient_security):
        return False  # cipher_suite_mismatch
    if a.by == "server" and ex.cert_request is not None and (
            ex.client_certificates == 0 or d in CERT_ALERTS
            or d in (AlertDescription.access_denied, AlertDescription.decrypt_error)):
        return False  # client_cert_required
    return not (a.by == "client" and d in CERT_ALERTS)  # the certificate rules
