"""The public functions behind every command. They never print and never exit;
the CLI only parses arguments and renders what these return."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .clients.profile import ClientProfile
from .diagnosis import words
from .diagnosis.causes import Severity
from .diagnosis.engine import Verdict, run_rules, verdict
from .diagnosis.finding import Finding
from .errors import UsageError
from .evidence import Evidence
from .probe.target import Target, parse_target
from .report.json import finding_to_json, probe_to_json


@dataclass(frozen=True, slots=True, kw_only=True)
class DiagnoseReport:
    """What ``diagnose`` found. ``findings`` are ranked: the root cause first."""

    target: Target
    outcome: Verdict
    findings: tuple[Finding, ...]
    evidence: Evidence
    handshakes: int
    seconds: float
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def root_cause(self) -> Finding | None:
        return self.findings[0] if self.findings else None

    @property
    def root_cause_id(self) -> str | None:
        f = self.root_cause
        return f.cause.value if f is not None and f.severity is not Severity.INFO else None

    @property
    def exit_code(self) -> int:
        return {Verdict.OK: 0, Verdict.RISKY: 1, Verdict.FAILS: 2, Verdict.UNKNOWN: 3}[self.outcome]

    def summary(self) -> str:
        """The verdict in one or two sentences."""
        ev, root = self.evidence, self.root_cause
        who = ev.client.title
        if self.outcome is Verdict.FAILS and root is not None:
            return f"The handshake fails for {who}: {root.title}."
        if self.outcome is Verdict.FAILS:
            return f"The handshake fails for {who}, and the probes could not isolate why."
        hs = ev.first_handshake
        how = (f" ({words.version(hs.version)}, {words.suite(hs.cipher_suite)})"
               if hs is not None else "")
        if self.outcome is Verdict.RISKY:
            risks = [f for f in self.findings if f.severity in (Severity.RISK, Severity.WARNING)]
            return (f"The handshake works for {who}{how}, but with "
                    f"{len(risks)} risk(s): {risks[0].title}" + ("…" if len(risks) > 1 else "."))
        if self.outcome is Verdict.OK:
            return f"The handshake works for {who}{how}; no risks found."
        return "Could not diagnose."

    def to_json(self) -> dict[str, Any]:
        ev = self.evidence
        hs = ev.first_handshake
        server: dict[str, Any] = {}
        if hs is not None:
            server = {"version": words.version(hs.version), "cipher_suite": words.suite(hs.cipher_suite),
                      "group": words.group(hs.group) if hs.group is not None else None,
                      "alpn": hs.alpn, "dh_bits": hs.dh_bits,
                      "client_certificate_requested": hs.cert_request is not None}
        accepted = sorted({p.version for p in ev.probes if p.ok and p.version is not None}, reverse=True)
        server["versions_seen"] = [words.version(v) for v in accepted]
        server["software"] = ev.server_software
        server["time"] = ev.server_time.isoformat() if ev.server_time else None
        client = ev.client.to_json()
        if ev.reproduction is not None:
            client["reproduction"] = ev.reproduction.to_json()
        client["local"] = ev.local.to_json()
        return {
            "target": self.target.to_json(), "outcome": self.outcome.value,
            "summary": self.summary(),
            "root_cause": self.root_cause_id,
            "findings": [finding_to_json(f) for f in self.findings],
            "server": server,
            "certificates": [c.to_json() for c in ev.chain.certificates] if ev.chain else [],
            "chain": ev.chain.to_json() if ev.chain else None,
            "client": client,
            "probes": [probe_to_json(p) for p in ev.probes],
            "stats": {"handshakes": self.handshakes, "seconds": round(self.seconds, 3)},
        }


def _resolve_client(client: str | ClientProfile | None) -> ClientProfile:
    from .clients.local import local_profile

    if client is None or client == "local":
        return local_profile()
    if isinstance(client, ClientProfile):
        return client
    from .clients.catalog import get_profile

    return get_profile(client)


async def diagnose_async(target: str | Target, *, ca_file: str | None = None,
                         sni: str | None = None, no_sni: bool = False, connect: str | None = None,
                         client: str | ClientProfile | None = None, starttls: str | None = None,
                         proxy: str | None = None, timeout: float = 5.0, delay: float = 0.0,
                         warn_days: int = 30, offline: bool = False,
                         server_software: str | None = None,
                         now: datetime | None = None,
                         risk_checks: bool = True) -> DiagnoseReport:
    """Diagnose why ``target`` fails (or what is risky) for ``client``.

    ``client`` is a profile name (see ``tlsdoctor clients``) or None for this machine's
    own TLS stack. ``now`` overrides the clock used to judge certificates (tests,
    "what if"). Raises UsageError/TargetError for bad arguments; a failing server is
    never an exception.
    """
    from . import options as check
    from .doctor import gather_evidence
    from .fixes.snippets import SERVERS
    from .probe.budget import ProbeOptions

    check.timeout(timeout)
    check.delay(delay)
    if not 0 <= warn_days <= 3650:
        raise UsageError("--warn-days must be between 0 and 3650")
    ca_file = check.ca_file(ca_file)
    sni, connect = check.sni(sni, no_sni), check.name(connect, "--connect")
    server_software = check.server_software(server_software, SERVERS)
    t = target if isinstance(target, Target) else parse_target(
        target, sni=sni, no_sni=no_sni, connect=connect, starttls=starttls)
    profile = _resolve_client(client)
    options = ProbeOptions(connect_timeout=timeout, read_timeout=timeout, delay=delay, proxy=proxy)
    ev, handshakes, seconds = await gather_evidence(
        t, client=profile, options=options, ca_file=ca_file, now=now, warn_days=warn_days,
        offline=offline, server_software=server_software, risk_checks=risk_checks)
    findings = run_rules(ev)
    return DiagnoseReport(target=t, outcome=verdict(ev, findings), findings=findings,
                          evidence=ev, handshakes=handshakes, seconds=seconds)


def diagnose(target: str | Target, **options: Any) -> DiagnoseReport:
    """Synchronous twin of :func:`diagnose_async`."""
    return asyncio.run(diagnose_async(target, **options))
