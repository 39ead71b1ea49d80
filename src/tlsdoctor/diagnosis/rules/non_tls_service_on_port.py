"""non_tls_service_on_port: the port answers in plaintext (or STARTTLS is needed)."""

from __future__ import annotations

from ...evidence import Evidence
from ...fixes.catalog import make_finding
from ...probe.outcome import Outcome
from ..causes import Cause, Party
from ..finding import Finding, FixStep
from . import rule

# Implicit-TLS ports for protocols that also have a STARTTLS form (IANA service names).
_TLS_PORT = {"smtp": ("465 (SMTPS), or STARTTLS on 25/587", "smtp"),
             "imap": ("993 (IMAPS), or STARTTLS on 143", "imap"),
             "pop3": ("995 (POP3S), or STLS on 110", "pop3"),
             "ftp": ("990 (FTPS), or AUTH TLS on 21", "ftp"),
             "xmpp": ("5223, or STARTTLS on 5222", "xmpp"),
             "ldap": ("636 (LDAPS), or StartTLS on 389", "ldap"),
             "http": ("443 (HTTPS)", None)}


def _protocol(data: bytes) -> str | None:
    from ...probe.net import detect_plaintext

    return detect_plaintext(data)


def _snippet(data: bytes) -> str:
    text = data[:80].decode("latin-1")
    return "".join(c if c.isprintable() else "." for c in text)


@rule
def non_tls_service_on_port(ev: Evidence) -> Finding | None:
    """The server answered the ClientHello with plaintext instead of a ServerHello."""
    b = ev.baseline
    if b.outcome not in (Outcome.PLAINTEXT, Outcome.GARBAGE):
        return None
    proto = _protocol(b.plaintext) if b.plaintext else None
    t = ev.target
    evidence = (f"first bytes from {t}: {_snippet(b.plaintext)!r}",)
    if proto is None:
        return make_finding(
            Cause.NON_TLS_SERVICE_ON_PORT, title=f"Port {t.port} answers with something that is not TLS",
            evidence=evidence, confidence=0.8,
            explanation="The reply to the ClientHello is neither a TLS record nor a known "
                        "plaintext protocol: a different service listens on this port.")
    where, starttls = _TLS_PORT.get(proto, ("the service's TLS port", None))
    fix = [FixStep(text=f"Connect to the TLS port: {where}.")]
    if starttls:
        fix.append(FixStep(text="Or upgrade this connection with STARTTLS:",
                           code=f"tlsdoctor diagnose {t} --starttls {starttls}"))
    if proto == "http":
        fix.insert(0, FixStep(text=f"This port serves plain HTTP: use http://{t} or the HTTPS port.",
                              applies_to="client"))
    return make_finding(
        Cause.NON_TLS_SERVICE_ON_PORT, who_fixes=Party.CLIENT,
        title=f"Port {t.port} speaks plaintext {proto.upper()}, not TLS",
        explanation=f"The server answered the TLS ClientHello with a {proto.upper()} reply. "
                    "The client uses the wrong port or scheme"
                    + (", or this protocol needs STARTTLS first." if starttls else "."),
        evidence=evidence, fix=tuple(fix), facts={"protocol": proto})
