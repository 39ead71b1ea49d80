"""Run every rule over the evidence, rank, judge. The one judgement of every command.

Ranking: blocking before risk before warning before info. Among equals, for a live
diagnosis (whose probes prove, so confidence is mostly 1), path and connection causes
first (nothing else can be judged through a firewall), then protocol, then certificates,
then the rest; for observed evidence (captures, text, logs), the most likely first.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from dataclasses import replace
from enum import StrEnum

from ..causes import Cause, Severity
from ..evidence import Evidence, Source
from ..finding import Finding
from . import rules as rules_pkg
from .rules._text import claim_order

_loaded = False


class Verdict(StrEnum):
    OK = "ok"
    RISKY = "risky"
    FAILS = "fails"
    UNKNOWN = "unknown"


# Lower comes first among findings of equal severity: the cause a user must fix first.
_PRIORITY = {c: i for i, c in enumerate((
    Cause.NAME_RESOLUTION_OR_UNREACHABLE, Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE,
    Cause.NON_TLS_SERVICE_ON_PORT, Cause.TLS_INTERCEPTION_MITM, Cause.CLIENT_CLOCK_WRONG,
    Cause.SNI_REQUIRED_OR_MISMATCH, Cause.PROTOCOL_VERSION_MISMATCH,
    Cause.CIPHER_SUITE_MISMATCH, Cause.SERVER_MISCONFIGURATION, Cause.CLIENT_CERT_REQUIRED,
    Cause.CERT_REVOKED, Cause.CERT_EXPIRED, Cause.CERT_NOT_YET_VALID,
    # Consequences before hardening advice (issue 11): an expiry in days, a chain some
    # clients cannot build, outrank weak suites still enabled.
    Cause.CERT_EXPIRING_SOON, Cause.CERT_SELF_SIGNED,
    Cause.INCOMPLETE_CHAIN, Cause.CERT_UNTRUSTED_ROOT, Cause.HOSTNAME_MISMATCH,
    Cause.CERT_WRONG_PURPOSE, Cause.WEAK_SIGNATURE_OR_KEY, Cause.OCSP_MUST_STAPLE_MISSING,
    Cause.WEAK_CIPHER_OR_NO_PFS, Cause.OBSOLETE_PROTOCOL_ENABLED,
    Cause.BAD_CHAIN_ORDER_OR_EXTRA, Cause.CLIENT_MISCONFIGURATION))}


def load_rules() -> None:
    global _loaded
    if _loaded:
        return
    for mod in pkgutil.iter_modules(rules_pkg.__path__):
        if not mod.name.startswith("_"):
            importlib.import_module(f"{rules_pkg.__name__}.{mod.name}")
    _loaded = True


def _flatten(result: Finding | Iterable[Finding] | None) -> list[Finding]:
    if result is None:
        return []
    if isinstance(result, Finding):
        return [result]
    return list(result)


def rank(findings: Iterable[Finding], source: Source = Source.LIVE,
         claims: dict[Cause, int] | None = None) -> tuple[Finding, ...]:
    if claims is not None:
        # Error text: what the words claim, most likely first, as the tables order them.
        # Severity is not the tie-break: the text reports a failure, every claim is one.
        return tuple(sorted(findings, key=lambda f: (-f.confidence, claims.get(f.cause, 99))))
    if source is Source.LIVE:
        return tuple(sorted(findings, key=lambda f: (
            f.severity.rank, _PRIORITY.get(f.cause, 99), -f.confidence)))
    return tuple(sorted(findings, key=lambda f: (
        f.severity.rank, -f.confidence, _PRIORITY.get(f.cause, 99))))


def _apply(ev: Evidence) -> list[Finding]:
    load_rules()
    found: list[Finding] = []
    for r in rules_pkg.RULES:
        found.extend(_flatten(r(ev)))
    seen: set[tuple[str, str]] = set()
    unique = []
    for f in found:
        key = (f.cause.value, f.title)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def run_rules(ev: Evidence) -> tuple[Finding, ...]:
    """Every finding the evidence supports, ranked: the root cause first."""
    if ev.source is Source.TEXT:
        return rank(_apply(ev), ev.source, claim_order(ev))
    # Statements a live diagnosis collected (the local library's own error words) are a
    # last resort: they count only when the probes proved no reason for a failure.
    unique = _apply(replace(ev, statements=()))
    if fails(ev) and not any(f.severity is Severity.BLOCKING for f in unique):
        unique.extend(_unexplained(ev))
    if ev.source is Source.CAPTURE and ev.probes and ev.probes[0].complete and \
            not ev.probes[0].abandoned:
        # This client connected anyway: what would block others is a risk here.
        unique = [replace(f, severity=Severity.RISK) if f.severity is Severity.BLOCKING else f
                  for f in unique]
    return rank(unique, ev.source)


def fails(ev: Evidence) -> bool:
    """The client's own exchange failed (or its real handshake did)."""
    if ev.source is Source.TEXT:
        return False
    if ev.source is Source.CAPTURE:
        return bool(ev.probes) and (ev.probes[0].complete is False or ev.probes[0].abandoned)
    r = ev.reproduction
    return (bool(ev.probes) and not ev.baseline.ok) or (r is not None and not r.ok)


def _unexplained(ev: Evidence) -> list[Finding]:
    """The handshake fails but no rule proved why: what the client's library said,
    read like any error text, with lowered confidence."""
    if not ev.statements:
        return []
    text_ev = Evidence(now=ev.now, source=Source.TEXT, target=ev.target,
                       statements=ev.statements)
    lines = "; ".join(s.line for s in ev.statements[:2])
    return [replace(f, severity=Severity.BLOCKING, confidence=min(f.confidence, 0.5),
                    evidence=(*f.evidence, f"observed: {lines}"))
            for f in _apply(text_ev)]


def verdict(ev: Evidence, findings: tuple[Finding, ...]) -> Verdict:
    failed = fails(ev)
    if any(f.severity is Severity.BLOCKING for f in findings) or failed:
        return Verdict.FAILS if findings or failed else Verdict.UNKNOWN
    if any(f.severity in (Severity.RISK, Severity.WARNING) for f in findings):
        return Verdict.RISKY
    return Verdict.OK
