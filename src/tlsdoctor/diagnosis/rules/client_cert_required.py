"""client_cert_required: mutual TLS that the client does not satisfy."""

from __future__ import annotations

from ...causes import Cause, Severity
from ...evidence import Evidence
from ...finding import Finding
from ...probe.outcome import Exchange
from ...wire.record import ENCRYPTED_ALERT_SIZES, ENCRYPTED_EMPTY_CERTIFICATES
from ...wire.registry import AlertDescription
from ..catalog import make_finding
from . import rule
from ._capture import CERT_ALERTS, alert_line, alert_name, captured, deciding_alert, where
from ._text import stated

# HTTP status codes of a request refused for its (missing) client certificate: 400 (nginx,
# "No required SSL certificate was sent"), 403 (Apache SSLVerifyClient), 495/496 (nginx's
# internal codes, when an error_page exposes them).
_HTTP_REFUSALS = (400, 403, 495, 496)
# What a real client library says when a server refuses it for lack of a certificate.
_REFUSED_WORDS = ("certificate required", "certificate_required", "handshake failure",
                  "peer did not return a certificate", "alert bad certificate",
                  "connection reset by the server after the handshake")


@rule
def client_cert_required(ev: Evidence) -> Finding | None:
    """Live: the server sends CertificateRequest and (per the real client) refuses to go on
    without a certificate; optional requests are info. Captured: the server's alert after
    an empty client Certificate, or (TLS 1.3) the record sizes that show it."""
    return stated(ev, Cause.CLIENT_CERT_REQUIRED) or _live(ev) or _captured(ev)


def _live(ev: Evidence) -> Finding | None:
    if not ev.live:
        return None
    req = next((p.cert_request for p in ev.probes if p.cert_request is not None), None)
    if req is None or ev.client_certificate:
        return None
    r = ev.reproduction
    text = (r.error + " " + r.after_handshake_error).lower() if r else ""
    refused = r is not None and not r.ok and any(k in text for k in _REFUSED_WORDS)
    # Enforced after the handshake: the TLS handshake completes, then every request is
    # refused (nginx ssl_verify_client on: 400 "No required SSL certificate was sent").
    by_http = r is not None and r.http_status in _HTTP_REFUSALS and "certificate" in \
        r.http_text.lower()
    from ..names import ca_names  # cryptography's x509, loaded only when a request names CAs

    names = ca_names(req.ca_names)
    lines = ["server sent CertificateRequest"]
    if names:
        lines.append("acceptable CAs: " + "; ".join(names[:8]))
    if r is not None and not r.ok:
        lines.append(f"real handshake: {r.error or r.after_handshake_error}")
    local = ev.client is not None and ev.client.is_local
    if by_http and r is not None:
        lines.append(f"HTTP answer after the handshake: {r.http_status} {r.http_text[:120]}")
    # A named client is not run for real: its own hello must have reached the request
    # (the baseline saw it) before the request can be what stops it.
    reached = ev.baseline.cert_request is not None
    if refused or by_http or (r is None and not local and reached):
        return make_finding(
            Cause.CLIENT_CERT_REQUIRED,
            title="Server requires a client certificate" + (f" from: {names[0]}" if names else ""),
            explanation="The server asks for a client certificate (mutual TLS) and aborts the "
                        "handshake when none is sent." + (
                            f" It accepts certificates issued by {'; '.join(names[:3])}."
                            if names else ""),
            evidence=tuple(lines), facts={"acceptable_cas": names, "required": True,
                                          "enforced_after_handshake": by_http},
            confidence=1.0 if refused or by_http else 0.6)
    if r is None and not local:
        return make_finding(
            Cause.CLIENT_CERT_REQUIRED, severity=Severity.INFO,
            title="Server asks for a client certificate",
            explanation="The server requests a client certificate. This client's own hello "
                        "was refused before the server asked, so whether it insists on one "
                        "is not known until that refusal is fixed.", evidence=tuple(lines),
            facts={"acceptable_cas": names, "required": None})
    return make_finding(
        Cause.CLIENT_CERT_REQUIRED, severity=Severity.INFO,
        title="Server asks for an optional client certificate",
        explanation="The server requests a client certificate but accepted the connection "
                    "without one.", evidence=tuple(lines),
        facts={"acceptable_cas": names, "required": False})


def _captured(ev: Evidence) -> Finding | None:
    ex = captured(ev)
    if ex is None:
        return None
    a = deciding_alert(ex)
    if a is None:
        return _tls13_sizes(ev, ex)
    asked = ex.cert_request is not None
    none_sent = ex.client_certificates == 0
    if a.description == AlertDescription.certificate_required or (
            a.by == "server" and asked and none_sent):
        return make_finding(
            Cause.CLIENT_CERT_REQUIRED,
            evidence=("server sent CertificateRequest" if asked else "server requires a certificate",
                      "client answered with an empty Certificate" if none_sent
                      else "client sent no certificate", alert_line(a)),
            facts={"alert": alert_name(a), "required": True})
    if a.by == "server" and asked and a.description in CERT_ALERTS | {
            AlertDescription.access_denied, AlertDescription.decrypt_error}:
        return make_finding(
            Cause.CLIENT_CERT_REQUIRED, title="Server did not accept the client certificate",
            explanation="The server asked for a client certificate and rejected the one it got "
                        "(untrusted issuer, expired, or not allowed).",
            evidence=(f"client sent {ex.client_certificates} certificate(s)", alert_line(a)),
            facts={"alert": alert_name(a), "required": True}, confidence=0.9)
    return None


def _tls13_sizes(ev: Evidence, ex: Exchange) -> Finding | None:
    """TLS 1.3 failed after the ServerHello: everything is encrypted, so read record sizes.
    After the client's Finished the server sent only an alert-sized record and closed."""
    if ex.complete or ex.version != 0x0304 or not ex.encrypted_client or \
            not ex.encrypted_server or ex.encrypted_server[-1] not in ENCRYPTED_ALERT_SIZES:
        return None
    if ex.encrypted_client[0] in ENCRYPTED_ALERT_SIZES:
        return None  # the client itself aborted first (its certificate check)
    lines = [f"TLS 1.3 with {where(ev, ex)}: after the client's Finished the server sent only "
             f"an alert-sized encrypted record ({ex.encrypted_server[-1]} bytes) and closed"]
    conf = 0.4
    if ex.encrypted_client[0] in ENCRYPTED_EMPTY_CERTIFICATES:
        lines.append(f"the client's first encrypted record is {ex.encrypted_client[0]} bytes, "
                     "the size of an empty Certificate message: it had no certificate to send")
        conf = 0.75
    return make_finding(Cause.CLIENT_CERT_REQUIRED, confidence=conf, evidence=lines,
                        facts={"inferred_from": "record sizes", "required": True})
