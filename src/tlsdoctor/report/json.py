"""The one mapping from result objects to JSON (SPEC: the stable --json shape).

Every string that came from a server, certificate, log or capture is passed through
as data; json.dumps escapes it, so the output is valid JSON whatever the bytes were.
"""

from __future__ import annotations

from typing import Any

from ..finding import finding_to_json, fix_to_json
from ..probe.outcome import ProbeResult

__all__ = ["finding_to_json", "fix_to_json", "probe_to_json"]


def probe_to_json(p: ProbeResult) -> dict[str, Any]:
    from ..wire import words

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
