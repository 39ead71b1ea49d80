"""non_tls_service_on_port: the port answers in plaintext (or STARTTLS is needed)."""

from __future__ import annotations

from ...causes import Cause, Party
from ...evidence import Evidence
from ...finding import Finding
from ...probe.net import detect_plaintext
from ...probe.outcome import Outcome
from ..catalog import make_finding
from . import rule
from ._scan import unreachable_kind
from ._text import stated

# Implicit-TLS ports for protocols that also have a STARTTLS form (IANA service names).
_TLS_PORT = {"smtp": "465 (SMTPS), or STARTTLS on 25/587", "imap": "993 (IMAPS), or STARTTLS on 143",
             "pop3": "995 (POP3S), or STLS on 110", "ftp": "990 (FTPS), or AUTH TLS on 21",
             "xmpp": "5223, or STARTTLS on 5222", "ldap": "636 (LDAPS), or StartTLS on 389",
             "http": "443 (HTTPS)"}
STARTTLS_PROTOCOLS = ("smtp", "imap", "pop3", "ftp", "xmpp", "ldap")


def _snippet(data: bytes) -> str:
    text = data[:80].decode("latin-1")
    return "".join(c if c.isprintable() else "." for c in text)


@rule
def non_tls_service_on_port(ev: Evidence) -> Finding | None:
    """The server answered the ClientHello with plaintext (HTTP, a mail or FTP banner...)
    or bytes that are no TLS at all, instead of a ServerHello."""
    said = stated(ev, Cause.NON_TLS_SERVICE_ON_PORT)
    if said is not None:
        return said
    if ev.scan is not None and unreachable_kind(ev.scan) == "plaintext":
        return make_finding(Cause.NON_TLS_SERVICE_ON_PORT,
                            evidence=[ev.scan.error] if ev.scan.error else [])
    if not ev.probes or ev.source.value not in ("live", "capture"):
        return None
    b = ev.baseline
    if b.outcome not in (Outcome.PLAINTEXT, Outcome.GARBAGE):
        return None
    proto = detect_plaintext(b.plaintext) if b.plaintext else None
    port = ev.target.port if ev.target is not None else 0
    where = str(ev.target) if ev.target is not None else "the server"
    lines = (f"first bytes from {where}: {_snippet(b.plaintext)!r}",)
    if proto is None:
        return make_finding(
            Cause.NON_TLS_SERVICE_ON_PORT,
            title=f"Port {port} answers with something that is not TLS",
            evidence=lines, confidence=0.8, facts={"protocol": None, "answer": _snippet(b.plaintext)},
            explanation="The reply to the ClientHello is neither a TLS record nor a known "
                        "plaintext protocol: a different service listens on this port.")
    starttls = proto in STARTTLS_PROTOCOLS
    return make_finding(
        Cause.NON_TLS_SERVICE_ON_PORT, who_fixes=Party.CLIENT,
        title=f"Port {port} speaks plaintext {proto.upper()}, not TLS",
        explanation=f"The server answered the TLS ClientHello with a {proto.upper()} reply. "
                    "The client uses the wrong port or scheme"
                    + (", or this protocol needs STARTTLS first." if starttls else "."),
        evidence=lines,
        facts={"protocol": proto, "tls_port": _TLS_PORT.get(proto, "the service's TLS port"),
               "starttls": proto if starttls else None, "answer": _snippet(b.plaintext)})
