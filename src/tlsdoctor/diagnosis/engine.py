"""Run every rule over the evidence, fold symptoms under their cause, rank, judge.

Ranking: blocking before risk before warning before info; among blocking findings,
path and connection causes first (nothing else can be judged through a firewall),
then protocol, then certificates, then the rest, each by confidence.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from enum import StrEnum

from ..evidence import Evidence
from . import rules as rules_pkg
from .causes import Cause, Severity
from .finding import Finding

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
    Cause.CERT_REVOKED, Cause.CERT_EXPIRED, Cause.CERT_NOT_YET_VALID, Cause.CERT_SELF_SIGNED,
    Cause.INCOMPLETE_CHAIN, Cause.CERT_UNTRUSTED_ROOT, Cause.HOSTNAME_MISMATCH,
    Cause.CERT_WRONG_PURPOSE, Cause.WEAK_SIGNATURE_OR_KEY, Cause.OCSP_MUST_STAPLE_MISSING,
    Cause.WEAK_CIPHER_OR_NO_PFS, Cause.OBSOLETE_PROTOCOL_ENABLED,
    Cause.BAD_CHAIN_ORDER_OR_EXTRA, Cause.CERT_EXPIRING_SOON, Cause.CLIENT_MISCONFIGURATION))}


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


def rank(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (f.severity.rank, _PRIORITY.get(f.cause, 99),
                                                 -f.confidence)))


def run_rules(ev: Evidence) -> tuple[Finding, ...]:
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
    if _fails(ev) and not any(f.severity is Severity.BLOCKING for f in unique):
        unique.extend(_unexplained(ev))
    return rank(unique)


def _fails(ev: Evidence) -> bool:
    r = ev.reproduction
    return not ev.baseline.ok or (r is not None and not r.ok)


def _unexplained(ev: Evidence) -> list[Finding]:
    """The handshake fails but no rule proved why: say what the client's library said,
    interpreted by the error-message tables, with lowered confidence."""
    from ..ingest.messages import explain
    from .words import describe_failure

    text = describe_failure(ev)
    findings = [f for f in explain(text).findings] if text else []
    from dataclasses import replace

    return [replace(f, severity=Severity.BLOCKING, confidence=min(f.confidence, 0.5),
                    evidence=(*f.evidence, f"observed: {text}")) for f in findings]


def verdict(ev: Evidence, findings: tuple[Finding, ...]) -> Verdict:
    if any(f.severity is Severity.BLOCKING for f in findings) or _fails(ev):
        return Verdict.FAILS if findings or _fails(ev) else Verdict.UNKNOWN
    if any(f.severity in (Severity.RISK, Severity.WARNING) for f in findings):
        return Verdict.RISKY
    return Verdict.OK
