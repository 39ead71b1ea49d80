"""What each kind of evidence must say about one fault (the evidence-agreement matrix,
tlsdoctor.testing.agreement), shared by the test, the recorder and the docs table.

Each reading is one of:

* ``agree``: its top finding is the fault's cause (and, when confident, the right party);
* ``honest``: it cannot tell and says so: no finding, or a ranking below 0.6 (its top
  finding may then be a sibling the evidence cannot tell apart, never with confidence);
* ``accepted``: the client connected (it accepts what the fault is about, e.g. GnuTLS and a
  clientAuth-only leaf; nginx asks for the client certificate only in its HTTP answer), so
  the client's words, the capture and the log show no failure, and nothing may be invented;
* ``wrong``: a confident wrong cause or party, or a failed connection read as a working one.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tlsdoctor import api, read_logs, read_pcap
from tlsdoctor.errors import InputError

CONFIDENT = 0.6

RIGHT: dict[str, frozenset[str]] = {
    "expired": frozenset({"cert_expired"}),
    # a certificate dated ahead and a client clock behind print the same words and times
    "not_yet_valid": frozenset({"cert_not_yet_valid", "client_clock_wrong"}),
    "self_signed": frozenset({"cert_self_signed"}),
    "untrusted_root": frozenset({"cert_untrusted_root"}),
    "incomplete_chain": frozenset({"incomplete_chain"}),
    "wrong_host": frozenset({"hostname_mismatch"}),
    "wrong_purpose": frozenset({"cert_wrong_purpose"}),
    "rsa1024": frozenset({"weak_signature_or_key"}),
    "sha1": frozenset({"weak_signature_or_key"}),
    "tls10_only": frozenset({"protocol_version_mismatch"}),
    "cipher_null_only": frozenset({"cipher_suite_mismatch"}),
    "client_cert_required": frozenset({"client_cert_required"}),
    "sni_rejected": frozenset({"sni_required_or_mismatch"}),
    "plain_http": frozenset({"non_tls_service_on_port"}),
}
_SERVER = frozenset({"server"})
PARTY: dict[str, frozenset[str]] = {
    **{f: _SERVER for f in ("expired", "self_signed", "incomplete_chain",
                            "wrong_host", "wrong_purpose", "rsa1024", "sha1")},
    "not_yet_valid": frozenset({"server", "client"}),
    # a private root: the clients trust it (SPEC: server for public sites, client for an
    # internal CA)
    "untrusted_root": frozenset({"server", "client", "either"}),
    "tls10_only": frozenset({"server", "either"}),
    "cipher_null_only": frozenset({"server", "either"}),
    "client_cert_required": frozenset({"client"}),
    "sni_rejected": frozenset({"client", "either", "server"}),
    "plain_http": frozenset({"client", "server"}),
}
EVIDENCE = ("explain", "logs", "pcap")


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    kind: str  # "agree" | "honest" | "accepted" | "wrong"
    top: str
    detail: str

    @property
    def right(self) -> bool:
        return self.kind != "wrong"


def verdict(fault: str, top: tuple[str, float, str] | None, *, connected: bool = False,
            failed: bool = True) -> Verdict:
    """One reading: ``top`` (cause, confidence, party) or None (nothing named);
    ``connected``: the handshake worked for this client; ``failed``: the reading itself says
    the connection failed (a capture read as a working connection says False)."""
    if top is None:
        if not failed and not connected:
            return Verdict(kind="wrong", top="-", detail="read as a working connection")
        return Verdict(kind="accepted" if connected else "honest", top="-", detail="no finding")
    cause, conf, party = top
    detail = f"{cause} {conf:.2f} {party}"
    if cause in RIGHT[fault]:
        if conf >= CONFIDENT and party not in PARTY[fault]:
            return Verdict(kind="wrong", top=cause, detail=f"party: {detail}")
        return Verdict(kind="agree", top=cause, detail=detail)
    if conf < CONFIDENT:
        return Verdict(kind="accepted" if connected else "honest", top=cause, detail=detail)
    return Verdict(kind="wrong", top=cause, detail=detail)


def _top(findings: Any) -> tuple[str, float, str] | None:
    if not findings:
        return None
    f = findings[0]
    return f.cause.value, float(f.confidence), f.who_fixes.value


def connected(cell: dict[str, Any], events: list[dict[str, Any]]) -> bool:
    """The client's TLS worked: it exited 0, or the capture shows its request after a
    completed handshake (git asks our servers for a repository they do not have, nginx
    refuses a missing client certificate in its HTTP answer)."""
    return cell["exit_code"] == 0 or any(
        e["outcome"] == "ok" and any(h["by"] == "client" and h["what"] == "application data"
                                     and (h.get("bytes") or 0) > _ALERT_SIZED
                                     for h in e.get("history", []))
        for e in events)


def judge_cell(cell: dict[str, Any], data: Path) -> dict[str, Verdict]:
    """The cell's client text, server lines and capture, each read and judged."""
    report = read_pcap(data / cell["pcap"])
    fault, ok = cell["fault"], connected(cell, [e.to_json() for e in report.events])
    out: dict[str, Verdict] = {}
    r = api.explain(cell["client_text"]) if cell["client_text"].strip() else None
    out["explain"] = verdict(fault, _top(r.findings) if r else None, connected=ok)
    text = cell["log_text"]
    try:
        events = read_logs([io.BytesIO(text.encode())]).events if text.strip() else ()
    except InputError as exc:  # a server's own log refused is a wrong reading
        out["logs"] = Verdict(kind="wrong", top="-", detail=f"refused: {exc}")
    else:
        telling = [e for e in events if e.findings]
        out["logs"] = verdict(fault, _top(telling[0].findings) if telling else None,
                              connected=ok)
    failed = [e for e in report.events if e.outcome == "failed"]
    if failed:
        out["pcap"] = verdict(fault, _top(failed[0].findings), connected=ok)
    else:
        worked = [e for e in report.events if e.outcome == "ok"]
        dropped = bool(worked) and all(_dropped(e.to_json()) for e in worked)
        out["pcap"] = verdict(fault, None, connected=ok, failed=not worked or dropped)
    return out


def _dropped(event: dict[str, Any]) -> bool:
    """The handshake completed and the client left without a byte of data: a client that
    checks the certificate after its handshake (wget and git over GnuTLS, in TLS 1.3 where
    the certificate is encrypted) is seen so, and the capture cannot say more."""
    mine = [h for h in event.get("history", []) if h["by"] == "client"]
    data = [h for h in mine if h["what"] == "application data"
            and (h.get("bytes") or 0) > _ALERT_SIZED]
    return not data and bool(mine) and mine[-1]["what"] in ("RST", "FIN")


# An encrypted record this small after the handshake is an alert (TLS 1.3: 19, JSSE 35;
# TLS 1.2 AES-GCM: 26), not a request: the client said why it left, unreadably.
_ALERT_SIZED = 40


# (server, fault) a TLS probe cannot see, and why: then "no finding" is the honest answer.
DIAGNOSE_BLIND: dict[tuple[str, str], str] = {
    ("postgres", "client_cert_required"): (
        "pg_hba.conf 'cert': PostgreSQL asks for a certificate in the handshake and refuses "
        "its absence only at authentication, after it (libpq's 'connection requires a valid "
        "client certificate')"),
}


def judge_diagnosis(fault: str, diag: list[Any], server: str = "") -> Verdict:
    """The live diagnosis recorded: [root cause, its party, outcome]; it probes the server
    with this machine's own TLS stack and sees the fault, so it is definite."""
    cause, party, _ = diag
    if cause is None:
        blind = (server, fault) in DIAGNOSE_BLIND
        return Verdict(kind="honest" if blind else "wrong", top="-", detail="no finding")
    return verdict(fault, (cause, 1.0, party or "-"))


def load(data: Path) -> dict[str, Any]:
    return json.loads((data / "cells.json").read_text(encoding="utf-8"))
