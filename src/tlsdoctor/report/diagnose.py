"""DiagnoseReport: what ``diagnose`` found, and its one JSON mapping (SPEC: ``--json``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..causes import Severity
from ..diagnosis.engine import Verdict
from ..evidence import Evidence
from ..finding import Finding
from ..probe.target import Target
from ..wire import words
from .json import finding_to_json, probe_to_json

# Causes that are about the certificates: the chain object lists them too.
_CERT_CAUSES = frozenset({
    "cert_expired", "cert_not_yet_valid", "cert_expiring_soon", "cert_revoked",
    "cert_self_signed", "cert_untrusted_root", "hostname_mismatch", "incomplete_chain",
    "bad_chain_order_or_extra", "weak_signature_or_key", "cert_wrong_purpose",
    "ocsp_must_staple_missing", "tls_interception_mitm"})


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
        who = ev.client.title if ev.client is not None else "the client"
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

    def groups_seen(self) -> tuple[list[int], list[int]]:
        """The key exchange groups the server chose in any probe (TLS 1.3 key shares,
        TLS 1.2 ECDHE curves), and those it asked for by HelloRetryRequest, in order."""
        chosen: list[int] = []
        retried: list[int] = []
        for p in self.evidence.probes:
            if p.hello_retry_group is not None and p.hello_retry_group not in retried:
                retried.append(p.hello_retry_group)
                if p.hello_retry_group not in chosen:
                    chosen.append(p.hello_retry_group)
            if p.ok and p.group is not None and p.group not in chosen:
                chosen.append(p.group)
        return chosen, retried

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
        chosen, retried = self.groups_seen()
        server["groups_accepted"] = [words.group(g) for g in chosen]
        server["hello_retry_groups"] = [words.group(g) for g in retried]
        server["software"] = ev.server_software
        server["time"] = ev.server_time.isoformat() if ev.server_time else None
        client = ev.client.to_json() if ev.client is not None else {}
        if ev.reproduction is not None:
            client["reproduction"] = ev.reproduction.to_json()
        if ev.local is not None:
            client["local"] = ev.local.to_json()
        return {
            "target": self.target.to_json(), "outcome": self.outcome.value,
            "summary": self.summary(),
            "root_cause": self.root_cause_id,
            "findings": [finding_to_json(f) for f in self.findings],
            "server": server,
            "certificates": [c.to_json() for c in ev.chain.certificates] if ev.chain else [],
            "chain": self._chain_json(),
            "client": client,
            "probes": [probe_to_json(p) for p in ev.probes],
            "stats": {"handshakes": self.handshakes, "seconds": round(self.seconds, 3)},
            # The clock the certificates were judged at, and the probe whose chain that was.
            "checked_at": ev.now.isoformat(),
            "chain_source": ev.chain_source or None,
        }

    def _chain_json(self) -> dict[str, Any] | None:
        chain = self.evidence.chain
        if chain is None:
            return None
        return {**chain.to_json(), "findings": [finding_to_json(f) for f in self.findings
                                                if f.cause.value in _CERT_CAUSES]}

    def to_json_text(self, *, indent: int | None = 2) -> str:
        """The JSON text ``--json`` prints (``to_json()`` gives the object)."""
        import json

        return json.dumps(self.to_json(), indent=indent, ensure_ascii=True)
