"""Helpers for the certificate rules: which chain to judge, and how findings cite a certificate."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ...evidence import Evidence, Probe, Source
from ...pki.certinfo import CertInfo, load_der
from ...pki.chain import ChainFacts
from ...pki.hostname import check_hostname
from ._capture import CERT_ALERTS

TIME_STATES = ("expired", "not_yet_valid")


def chain_of(ev: Evidence, *, trust: bool = False) -> ChainFacts | None:
    """The chain to judge, when there is one with a parsable leaf.

    ``trust``: the rule judges trust (roots, issuers, names) by *our* trust stores. A
    captured client has its own: unless it rejected the certificate (a certificate alert,
    or a completed handshake it then abandoned), it trusted it, and our stores' opinion
    is no finding.
    """
    chain = ev.chain
    if chain is None or not chain.path:
        return None
    if trust and ev.source is Source.CAPTURE and not rejected_certificate(ev):
        return None
    return chain


def issued_chain(ev: Evidence) -> ChainFacts | None:
    """The chain whose trust path to judge: a parsable leaf that is not self-signed, with
    no interception CA in it (cert_self_signed and tls_interception_mitm say those)."""
    chain = chain_of(ev, trust=True)
    if chain is None or chain.leaf is None or chain.leaf.info.self_signed or \
            chain.interception is not None:
        return None
    return chain


def rejected_certificate(ev: Evidence) -> bool:
    ex = ev.exchange
    if ex is None:
        return False
    return ex.abandoned or any(a.by == "client" and a.fatal and a.description in CERT_ALERTS
                               for a in ex.alerts)


def ago(delta: timedelta | float) -> str:
    """"3 days", "5 hours", "12 minutes": how long, in the largest sensible unit."""
    secs = abs(delta.total_seconds() if isinstance(delta, timedelta) else delta)
    if secs >= 2 * 86400:
        return f"{int(secs // 86400)} days"
    if secs >= 86400:
        return "1 day"
    if secs >= 7200:
        return f"{int(secs // 3600)} hours"
    if secs >= 120:
        return f"{int(secs // 60)} minutes"
    return f"{int(secs)} seconds"


def cert_facts(info: CertInfo) -> dict[str, Any]:
    return {"subject": info.subject, "issuer": info.issuer, "serial": info.serial,
            "sha256": info.sha256, "not_before": info.not_before.isoformat(),
            "not_after": info.not_after.isoformat()}


def cert_evidence(info: CertInfo, role: str) -> str:
    return (f"{role}: subject {info.subject}; issuer {info.issuer}; serial {info.serial}; "
            f"SHA-256 {info.sha256}; valid {info.not_before:%Y-%m-%d %H:%M} to "
            f"{info.not_after:%Y-%m-%d %H:%M} UTC")


def names(info: CertInfo) -> list[str]:
    """The names a replacement certificate must cover."""
    return list(info.dns_names) or ([info.common_name] if info.common_name else [])


def clock_explains_time(ev: Evidence) -> bool:
    """The certificates are fine at the server's clock but not at ours: the clock is the
    cause, and expiry findings fold under client_clock_wrong."""
    here, there = ev.chain, ev.chain_at_server_time
    if here is None or there is None:
        return False
    wrong_here = any(v.state in TIME_STATES for v in here.validity)
    wrong_there = any(v.state in (*TIME_STATES, "expiring") for v in there.validity)
    return wrong_here and not wrong_there


def sentence(text: str) -> str:
    return (text[:1].upper() + text[1:] + ".") if text else ""


def leaf_covers(der: bytes, hostname: str) -> bool:
    """Does this leaf certificate (DER) cover ``hostname``? False when it does not parse."""
    try:
        info = CertInfo.of(load_der(der))
        return check_hostname(hostname, info.dns_names, info.ip_addresses,
                              info.common_name).matches
    except Exception:  # a hostile certificate that does not parse covers nothing
        return False


def default_certificate_served(ev: Evidence) -> bool:
    """The client sent no SNI and got a certificate that misses the name, while naming the
    host gets one that covers it: the server chose by SNI (its default certificate)."""
    chain, t = ev.chain, ev.target
    if not ev.probes or ev.baseline.offer.sni is not None or chain is None or t is None:
        return False
    check = chain.host_check
    named = ev.succeeded(Probe.WITH_SNI)
    return (check is not None and not check.matches and named is not None
            and bool(named.certificates) and leaf_covers(named.certificates[0], t.host))
