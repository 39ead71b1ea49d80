"""client_cert_required: mutual TLS that the client does not satisfy."""

from __future__ import annotations

from ...evidence import Evidence
from ...fixes.catalog import make_finding
from ..causes import Cause, Severity
from ..finding import Finding, FixStep
from ..names import ca_names
from . import rule


@rule
def client_cert_required(ev: Evidence) -> Finding | None:
    """The server sends CertificateRequest and (per the real client) refuses to go on without."""
    req = next((p.cert_request for p in ev.probes if p.cert_request is not None), None)
    if req is None or ev.client_certificate:
        return None
    r = ev.reproduction
    text = (r.error + " " + r.after_handshake_error).lower() if r else ""
    refused = r is not None and not r.ok and any(
        k in text for k in ("certificate required", "certificate_required", "handshake failure",
                            "peer did not return a certificate", "alert bad certificate",
                            "connection reset by the server after the handshake"))
    names = ca_names(req.ca_names)
    evidence = ["server sent CertificateRequest"]
    if names:
        evidence.append("acceptable CAs: " + "; ".join(names[:8]))
    if r is not None and not r.ok:
        evidence.append(f"real handshake: {r.error or r.after_handshake_error}")
    fix = (FixStep(text="Give the client a certificate issued by one of the accepted CAs.",
                   code="curl --cert client.pem --key client.key https://HOST/", applies_to="curl"),
           FixStep(text="Python requests: pass cert=(cert_file, key_file).",
                   code="requests.get(url, cert=('client.pem', 'client.key'))", applies_to="python"),
           FixStep(text="openssl s_client: -cert client.pem -key client.key", applies_to="openssl"))
    if refused or (r is None and not ev.client.is_local):
        return make_finding(
            Cause.CLIENT_CERT_REQUIRED,
            title="Server requires a client certificate" + (f" from: {names[0]}" if names else ""),
            explanation="The server asks for a client certificate (mutual TLS) and aborts the "
                        "handshake when none is sent." + (f" It accepts certificates issued by "
                        f"{'; '.join(names[:3])}." if names else ""),
            evidence=tuple(evidence), fix=fix, facts={"acceptable_cas": names},
            confidence=1.0 if refused else 0.6)
    return make_finding(
        Cause.CLIENT_CERT_REQUIRED, severity=Severity.INFO,
        title="Server asks for an optional client certificate",
        explanation="The server requests a client certificate but accepted the connection "
                    "without one.", evidence=tuple(evidence), facts={"acceptable_cas": names})
