"""The one mapping from result objects to JSON (SPEC: the stable --json shape).

Every string that came from a server, certificate, log or capture is passed through
as data; json.dumps escapes it, so the output is valid JSON whatever the bytes were.
"""

from __future__ import annotations

from typing import Any

from ..finding import finding_to_json, fix_to_json
from ..probe.outcome import ProbeResult

__all__ = ["finding_to_json", "fix_to_json", "ladder_to_json", "probe_to_json"]

# Who sent each step of the ladder: '<' and 'x' are the server's side of the exchange
# (an alert, or whatever the path did instead: reset, timeout); '·' is tlsdoctor's remark.
_LADDER_BY = {">": "client", "<": "server", "x": "server", "·": "tlsdoctor"}


def ladder_to_json(p: ProbeResult) -> list[dict[str, Any]]:
    """The handshake as ``--trace`` draws it, step by step; ``failed`` marks where it broke."""
    from .ladder import steps

    return [{"by": _LADDER_BY.get(direction, "server"), "message": message, "note": note,
             "failed": direction == "x"} for direction, message, note in steps(p)]


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
            "error": p.error or None, "seconds": round(p.seconds, 4),
            "ladder": ladder_to_json(p)}
