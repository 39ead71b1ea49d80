"""The ``scan`` page, from the object ``scan --json`` prints: per target the verdict, the
grade with its reasons, the version × cipher suite table, Mozilla compliance changes with
config lines, the certificates and the findings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...errors import InputError
from . import chain as chain_view
from .diagnose import target_text, yes_no
from .fields import mapping, records
from .findings import OUTCOME_WORDS, FindingView, FixView, findings
from .page import render_page


@dataclass(frozen=True, slots=True, kw_only=True)
class VersionColumn:
    name: str
    state: str  # "accepted", "refused", "not tested"
    note: str
    server_order: bool | None


@dataclass(frozen=True, slots=True, kw_only=True)
class SuiteRow:
    name: str
    openssl_name: str
    kx: str
    cipher: str
    bits: str
    pfs: bool
    aead: bool
    weak: str  # why it is weak; "" when it is not
    marks: tuple[bool, ...]  # accepted with each version column


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    name: str
    guideline: str
    compliant: bool
    changes: tuple[tuple[str, bool], ...]  # (what to change, required)
    config: tuple[FixView, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class GradeView:
    letter: str
    css: str  # class name: "g-Aplus" for "A+"
    score: str
    parts: str  # the sub-scores, in words
    ignoring_trust: str  # the grade a trusted certificate would get, when different
    caps: tuple[tuple[str, str, str, str], ...]  # (capped at, reason, fix, source)


def grade_view(raw: Any) -> GradeView | None:
    g = mapping(raw)
    if not g:
        return None
    letter, scores = str(g.get("grade", "?")), mapping(g.get("scores"))
    other = str(g.get("grade_ignoring_trust") or "")
    return GradeView(
        letter=letter, css="g-" + letter.replace("+", "plus"), score=str(g.get("score", "?")),
        parts=", ".join(f"{k.replace('_', ' ')} {v}" for k, v in scores.items()),
        ignoring_trust=other if other != letter else "",
        caps=tuple((str(c.get("grade", "")), str(c.get("reason", "")), str(c.get("fix", "")),
                    str(c.get("source", ""))) for c in records(g.get("caps"))))


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetView:
    id: str
    name: str
    outcome: str
    outcome_words: str
    sentence: str
    who_words: str
    grade: GradeView | None
    columns: tuple[VersionColumn, ...]
    suites: tuple[SuiteRow, ...]
    profiles: tuple[Profile, ...]
    findings: tuple[FindingView, ...]
    chains: tuple[tuple[str, chain_view.ChainView], ...]
    facts: tuple[tuple[str, str], ...]
    stats: str


def suite_matrix(protocols: Any) -> tuple[tuple[VersionColumn, ...], tuple[SuiteRow, ...]]:
    """Columns: every version probed, newest first; rows: every suite accepted anywhere."""
    protos = records(protocols)
    columns = tuple(VersionColumn(
        name=str(p.get("version", "")), note=str(p.get("note") or ""),
        state={True: "accepted", False: "refused"}.get(p.get("accepted"), "not tested"),  # type: ignore[arg-type]
        server_order=p.get("server_order") if isinstance(p.get("server_order"), bool) else None)
        for p in protos)
    seen: dict[str, Mapping[str, Any]] = {}
    for p in protos:
        for s in records(p.get("suites")):
            seen.setdefault(str(s.get("name", s.get("code", ""))), s)
    rows = tuple(SuiteRow(
        name=name, openssl_name=str(s.get("openssl_name") or ""),
        kx="/".join(str(s.get(k)) for k in ("kx", "auth") if s.get(k) not in (None, "", "ANY"))
        or "any (TLS 1.3)",
        cipher=str(s.get("cipher") or ""), bits=str(s.get("bits") or ""),
        pfs=bool(s.get("pfs")), aead=bool(s.get("aead")), weak=str(s.get("weak") or ""),
        marks=tuple(any(str(x.get("name", x.get("code", ""))) == name for x in records(p.get("suites")))
                    for p in protos))
        for name, s in seen.items())
    return columns, rows


def _profiles(compliance: Any, prefix: str) -> tuple[Profile, ...]:
    out = []
    for c in mapping(compliance).values():
        if not isinstance(c, Mapping):
            continue
        name = str(c.get("profile", ""))
        config = mapping(c.get("config"))
        out.append(Profile(
            name=name, guideline=str(c.get("guideline_version") or ""),
            compliant=bool(c.get("compliant")),
            changes=tuple((str(d.get("text", "")), bool(d.get("required")))
                          for d in records(c.get("deviations"))),
            config=tuple(FixView(id=f"{prefix}-{name}-{key}", text=str(key).replace("_", " "),
                                 code=str(code), applies_to=str(key))
                         for key, code in config.items() if code)))
    return tuple(out)


def _facts(t: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    facts: list[tuple[str, str]] = []
    for key in ("groups", "signature_algorithms"):
        block = t.get(key)
        if isinstance(block, Mapping):
            names = [str(g.get("name")) for g in records(block.get("accepted"))]
            facts.append((key.replace("_", " "), ", ".join(names) or "none"))
    for key, label in (("hybrid_pq", "post-quantum hybrid key exchange"), ("dh_bits", "DH bits")):
        if t.get(key) is not None:
            facts.append((label, yes_no(t.get(key))))
    for block in ("features", "sni", "intolerance"):
        values = t.get(block)
        if isinstance(values, Mapping):
            facts += [(f"{block}: {k.replace('_', ' ')}", yes_no(v) if not isinstance(v, list)
                       else ", ".join(map(str, v)) or "none")
                      for k, v in values.items() if v is not None and not k.endswith("sha256")]
    return tuple(facts)


def _verdict(t: Mapping[str, Any], views: tuple[FindingView, ...]) -> tuple[str, str]:
    name = target_text(t.get("target"))
    accepted = [str(p.get("version")) for p in records(t.get("protocols")) if p.get("accepted")]
    if not t.get("reachable", True) or not accepted:
        why = str(t.get("error") or "the server accepted none of the versions offered")
        return "fails", f"{name} could not be scanned: {why}."
    grade = mapping(t.get("grade"))
    letter = str(grade.get("grade")) if grade else None
    caps = records(grade.get("caps"))
    risky = (letter not in (None, "A+", "A")
             or any(f.severity in ("blocking", "risk", "warning") for f in views))
    text = f"{name} accepts {', '.join(accepted)}" + (f"; grade {letter}" if letter else "")
    text += f": {caps[0].get('reason')}" if caps else "."
    return ("risky" if risky else "ok"), text


def target_view(t: Mapping[str, Any], index: int) -> TargetView:
    prefix = f"t{index + 1}"
    views = findings(t.get("findings"), f"{prefix}-f")
    outcome, sentence = _verdict(t, views)
    columns, suites = suite_matrix(t.get("protocols"))
    chains = tuple((f"{c.get('key_type', '')} certificate (probe '{c.get('probe', '')}')",
                    chain_view.from_served(c.get("chain"), None))
                   for c in records(t.get("certificates")))
    stats = mapping(t.get("stats"))
    worst = next((f for f in views if f.severity != "info"), None)
    return TargetView(
        id=prefix, name=target_text(t.get("target")), outcome=outcome,
        outcome_words=OUTCOME_WORDS.get(outcome, outcome), sentence=sentence,
        who_words=worst.who_words if worst and outcome != "ok" else "",
        grade=grade_view(t.get("grade")),
        columns=columns, suites=suites, profiles=_profiles(t.get("compliance"), prefix),
        findings=views, chains=chains, facts=_facts(t),
        stats=f"{stats.get('handshakes', '?')} handshakes in {stats.get('seconds', '?')} s")


def scan_context(data: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(data, Mapping) or not isinstance(data.get("targets"), list):
        raise InputError("not a scan report: expected the object 'scan --json' prints")
    targets = [target_view(t, i) for i, t in enumerate(records(data.get("targets")))]
    worst = max((t.outcome for t in targets), key=["ok", "risky", "fails"].index, default="unknown")
    if len(targets) == 1:
        t = targets[0]
        sentence, who = t.sentence, t.who_words
    else:
        counts = {o: sum(t.outcome == o for t in targets) for o in ("ok", "risky", "fails")}
        sentence = (f"{len(targets)} targets scanned: {counts['ok']} fine, {counts['risky']} with "
                    f"risks, {counts['fails']} could not be scanned.")
        who = ""
    names = ", ".join(t.name for t in targets)
    stats = mapping(data.get("stats"))
    return {"kind": "scan", "title": f"tlsdoctor scan {names}", "heading": names or "(no target)",
            "outcome": worst, "outcome_words": OUTCOME_WORDS.get(worst, worst),
            "summary": sentence, "who_words": who, "targets": targets,
            "stats": f"{stats.get('handshakes', '?')} handshakes in {stats.get('seconds', '?')} s"}


def render_scan(report_json: Mapping[str, Any]) -> str:
    """One self-contained HTML page for a ``scan --json`` object (one or many targets)."""
    return render_page("scan.html.j2", **scan_context(report_json))
