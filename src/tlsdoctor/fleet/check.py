"""Check one endpoint: the single function every runner calls, in-process or on a Dask worker.

It uses the public library only (``tlsdoctor.diagnose_async``, ``tlsdoctor.scan_async`` and
their ``to_json()``), so a stored report is exactly what ``diagnose --json`` prints. An
endpoint never stops a run: bad per-endpoint input (an unknown ``--client``) and even an
internal error become an ``error`` result with outcome "unknown".
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from ..errors import TlsDoctorError
from .inventory import Endpoint
from .summary import obj


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckSettings:
    """What every endpoint of a run is checked with (part of the run's identity)."""

    timeout: float = 5.0  # seconds per connect/read
    delay: float = 0.0  # seconds between one endpoint's connections
    warn_days: int = 30
    offline: bool = False  # no AIA/OCSP/CRL fetches
    risk_checks: bool = True  # False: only "does it connect, and why not" (fewer handshakes)
    scan: bool = False  # also map versions/suites/grade (scan --json's target object)

    def to_json(self) -> dict[str, Any]:
        return {"timeout": self.timeout, "delay": self.delay, "warn_days": self.warn_days,
                "offline": self.offline, "risk_checks": self.risk_checks, "scan": self.scan}


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckResult:
    key: str  # Endpoint.key
    checked_at: float  # Unix seconds when the check started
    report: dict[str, Any] | None  # diagnose --json; None only with ``error``
    scan: dict[str, Any] | None = None  # scan --json's object for this target (--scan)
    error: str | None = None  # why there is no report (one line)


async def check_endpoint(ep: Endpoint, settings: CheckSettings, *,
                         ca_file: str | None = None) -> CheckResult:
    """Diagnose (and with ``settings.scan`` scan) one endpoint; never raises for it.

    ``ca_file`` overrides ``ep.ca_file`` (a worker's local copy of the same file).
    """
    import tlsdoctor

    started = time.time()
    opts = ep.diagnose_options()
    if ca_file is not None:
        opts["ca_file"] = ca_file
    try:
        report = await tlsdoctor.diagnose_async(
            ep.target, timeout=settings.timeout, delay=settings.delay,
            warn_days=settings.warn_days, offline=settings.offline,
            risk_checks=settings.risk_checks, **opts)
        data = report.to_json()
        scan = await _scan(ep, settings, data) if settings.scan else None
    except TlsDoctorError as exc:
        return CheckResult(key=ep.key, checked_at=started, report=None, error=_line(str(exc)))
    except Exception as exc:  # a bug must not lose the other endpoints; it is recorded
        return CheckResult(key=ep.key, checked_at=started, report=None,
                           error=_line(f"internal error: {type(exc).__name__}: {exc}"))
    return CheckResult(key=ep.key, checked_at=started, report=data, scan=scan)


async def _scan(ep: Endpoint, settings: CheckSettings,
                report: dict[str, Any]) -> dict[str, Any] | None:
    import tlsdoctor

    if report.get("outcome") == "fails" and not report.get("server", {}).get("versions_seen"):
        return None  # nothing answered TLS: a scan would only time out again
    result = await tlsdoctor.scan_async(
        [ep.target], sni=ep.sni, no_sni=ep.no_sni, connect=ep.connect, starttls=ep.starttls,
        timeout=settings.timeout, delay=settings.delay, cert_facts=_cert_facts(report))
    targets = result.to_json().get("targets") or [None]
    return targets[0] if isinstance(targets[0], dict) else None


def _cert_facts(report: dict[str, Any]) -> dict[str, Any]:
    """The diagnosis' certificate conclusions, for the grade's trust caps (scan's
    documented ``cert_facts`` mapping)."""
    chain = obj(report.get("chain"))
    causes = {f.get("cause") for f in report.get("findings", ()) if isinstance(f, dict)}
    certs = report.get("certificates") or [{}]
    leaf = obj(certs[0])
    key_type = leaf.get("key_type")  # "EC secp256r1" -> "ec", as the grade's key rules read it
    return {"trusted": chain.get("verified"), "hostname_match": chain.get("hostname_ok"),
            "expired": "cert_expired" in causes, "not_yet_valid": "cert_not_yet_valid" in causes,
            "self_signed": "cert_self_signed" in causes,
            "revoked": chain.get("revocation") == "revoked",
            "signature_hash": leaf.get("signature_hash"),
            "key_type": key_type.split()[0].lower() if isinstance(key_type, str) and key_type else None,
            "key_bits": leaf.get("key_bits")}


def _line(text: str) -> str:
    from ..safe import printable

    return printable(" ".join(text.split()), limit=500, newlines=False)
