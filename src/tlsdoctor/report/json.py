"""The one mapping from result objects to JSON (SPEC: the stable --json shape).

Every string that came from a server, certificate, log or capture is passed through
as data; json.dumps escapes it, so the output is valid JSON whatever the bytes were.
"""

from __future__ import annotations

from typing import Any

from ..diagnosis.finding import Finding, FixStep
from ..probe.outcome import ProbeResult


def fix_to_json(step: FixStep) -> dict[str, str]:
    return {"text": step.text, "code": step.code, "applies_to": step.applies_to}


def finding_to_json(f: Finding) -> dict[str, Any]:
    return {"cause": f.cause.value, "severity": f.severity.value, "who_fixes": f.who_fixes.value,
            "title": f.title, "explanation": f.explanation,
            "fix": [fix_to_json(s) for s in f.fix], "evidence": list(f.evidence),
            "facts": _jsonable(dict(f.facts)), "confidence": round(f.confidence, 2)}


def probe_to_json(p: ProbeResult) -> dict[str, Any]:
    from ..diagnosis import words

    return {"label": p.label, "outcome": p.outcome.value,
            "offered_versions": [words.version(v) for v in p.offer.versions],
            "offered_suites": len(p.offer.cipher_suites), "sni": p.offer.sni,
            "hello_bytes": p.offer.size,
            "version": words.version(p.version) if p.version is not None else None,
            "cipher_suite": words.suite(p.cipher_suite) if p.cipher_suite is not None else None,
            "group": words.group(p.group) if p.group is not None else None,
            "dh_bits": p.dh_bits,
            "alert": words.alert(p.alert) if p.alert else None,
            "certificates": len(p.certificates),
            "client_certificate_requested": p.cert_request is not None,
            "error": p.error or None, "seconds": round(p.seconds, 4)}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, bytes):
        return value.hex()
    return str(value)
