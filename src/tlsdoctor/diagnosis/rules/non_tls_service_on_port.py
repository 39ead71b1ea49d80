"""non_tls_service_on_port: the port answers in plaintext (or STARTTLS is needed)."""

from __future__ import annotations

from ...causes import Cause, Party
from ...evidence import Evidence
from ...finding import Finding
from ...probe.outcome import Outcome
from ...probe.plaintext import detect_plaintext
from ..catalog import make_finding
from . import rule
from ._scan import unreachable_kind
from ._text import stated

# Ports where TLS is the default (IANA: https, smtps/submissions, imaps, pop3s, ldaps,
# ftps and the common alternative HTTPS port): plain text there is as often the server's
# mistake (nginx `listen 443;` without `ssl`) as the client's.
TLS_DEFAULT_PORTS = frozenset({443, 465, 636, 990, 993, 995, 8443})
# A STARTTLS dialog that went wrong, by who must act: the server does not offer it, or
# the port does not speak that protocol (the probe's reason text, probe/starttls.py).
_STARTTLS_SERVER = ("does not offer", "refused", "does not accept")
_STARTTLS_PORT = ("greeting", "waiting for", " within ", "closed the stream")
# Implicit-TLS ports for protocols that also have a STARTTLS form (IANA service names).
_TLS_PORT = {"smtp": "465 (SMTPS), or STARTTLS on 25/587", "imap": "993 (IMAPS), or STARTTLS on 143",
             "pop3": "995 (POP3S), or STLS on 110", "ftp": "990 (FTPS), or AUTH TLS on 21",
             "xmpp": "5223, or STARTTLS on 5222", "ldap": "636 (LDAPS), or StartTLS on 389",
             "http": "443 (HTTPS)", "mysql": "the same port with TLS negotiated in the "
             "protocol (--starttls mysql; mysql --ssl-mode=VERIFY_IDENTITY)"}
# (MySQL too: its server speaks first, and TLS follows its SSLRequest on the same port.)
STARTTLS_PROTOCOLS = ("smtp", "imap", "pop3", "ftp", "xmpp", "ldap", "mysql")


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
    if b.outcome is Outcome.STARTTLS_FAILED:
        return _starttls(ev)
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
    tls_port = port in TLS_DEFAULT_PORTS
    return make_finding(
        Cause.NON_TLS_SERVICE_ON_PORT, who_fixes=Party.EITHER if tls_port else Party.CLIENT,
        title=f"Port {port} speaks plaintext {proto.upper()}, not TLS",
        explanation=f"The server answered the TLS ClientHello with a {proto.upper()} reply. "
                    + (f"Port {port} is a TLS port: most often the server listens without TLS "
                       "(nginx 'listen 443;' without 'ssl'); else the client uses the wrong "
                       "port or scheme." if tls_port else
                       "The client uses the wrong port or scheme"
                       + (", or this protocol needs STARTTLS first." if starttls else ".")),
        evidence=lines,
        facts={"protocol": proto, "tls_port": _TLS_PORT.get(proto, "the service's TLS port"),
               "starttls": proto if starttls else None, "answer": _snippet(b.plaintext),
               "server_first": tls_port})


def _starttls(ev: Evidence) -> Finding | None:
    """The STARTTLS dialog failed: who must act follows from what the server said."""
    b, t = ev.baseline, ev.target
    proto = t.starttls if t is not None and t.starttls else "the protocol"
    why, said = b.error, _snippet(b.plaintext) if b.plaintext else ""
    if "implicit tls" in why.lower():
        return None  # the local option: client_misconfiguration
    lines = (f"STARTTLS dialog: {why}",) + ((f"server said: {said!r}",) if said else ())
    if any(k in why for k in _STARTTLS_SERVER):
        return make_finding(
            Cause.NON_TLS_SERVICE_ON_PORT, who_fixes=Party.SERVER,
            title=f"The server does not offer {proto.upper()} STARTTLS on this port",
            explanation="The plaintext service answers, but will not upgrade the connection "
                        "to TLS: STARTTLS is not enabled (or has no certificate) on the server.",
            evidence=lines, facts={"kind": "starttls_refused", "starttls": proto})
    if any(k in why for k in _STARTTLS_PORT):
        return make_finding(
            Cause.NON_TLS_SERVICE_ON_PORT, who_fixes=Party.CLIENT, confidence=0.7,
            title=f"Port {t.port if t else ''} does not speak {proto.upper()}",
            explanation=f"tlsdoctor waited for the {proto.upper()} greeting that starts a "
                        "STARTTLS dialog and did not get it: the port runs another service, or "
                        "implicit TLS (servers there wait silently for a ClientHello).",
            evidence=lines, facts={"kind": "starttls_no_greeting", "starttls": proto})
    return None
