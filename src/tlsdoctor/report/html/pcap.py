"""The ``pcap`` page, from the object ``pcap --json`` prints: the verdict over the whole
capture, a summary per server, per cause and per name, then each connection with its
findings, its handshake as captured (a ladder) and the certificates it carried."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...errors import InputError
from . import chain as chain_view
from . import ladder as ladder_view
from .fields import mapping, records, strings
from .findings import OUTCOME_WORDS, FindingView, findings, who_words
from .page import render_page

MAX_DETAILED = 200  # connections drawn in full; the rest are listed in the table only


@dataclass(frozen=True, slots=True, kw_only=True)
class Connection:
    id: str
    start: str
    client: str
    server: str
    sni: str
    outcome: str
    chosen: str
    root: str  # the first finding's title, "" when none
    findings: tuple[FindingView, ...]
    ladder: ladder_view.Ladder
    chain: chain_view.ChainView | None
    alerts: tuple[str, ...]
    facts: tuple[tuple[str, str], ...]


def _counts(table: Any) -> list[tuple[str, str]]:
    """{"127.0.0.1:443": {"failed": 2, "ok": 1}} -> [("127.0.0.1:443", "failed 2, ok 1")]."""
    return [(str(k), ", ".join(f"{o} {n}" for o, n in mapping(v).items()))
            for k, v in mapping(table).items()]


def _connection(ev: Mapping[str, Any], detailed: bool) -> Connection:
    views = findings(ev.get("findings"), f"c{ev.get('id')}-f")
    chosen = mapping(ev.get("chosen"))
    alerts = tuple(f"{a.get('by')}: {a.get('level')} {a.get('description')} (after "
                   f"{a.get('after')}, packet {a.get('packet')})"
                   for a in records(ev.get("alerts")))
    facts = [(f"timing: {k.replace('_', ' ')}", str(v)) for k, v in mapping(ev.get("timings")).items()
             if v is not None]
    facts += [(f"transport: {k.replace('_', ' ')}", chain_view.flat(v))
              for k, v in mapping(ev.get("transport")).items() if v not in (None, [], {})]
    facts += [("note", n) for n in strings(ev.get("notes"))]
    certs = ev.get("certificates")
    return Connection(
        id=str(ev.get("id", "")), start=chain_view.when_text(ev.get("start"), precise=True),
        client=str(ev.get("client") or ""), server=str(ev.get("server") or ""),
        sni=str(ev.get("sni") or "-"), outcome=str(ev.get("outcome") or ""),
        chosen=", ".join(str(chosen[k]) for k in ("version", "cipher_suite") if chosen.get(k)),
        root=views[0].title if views else "", findings=views,
        ladder=ladder_view.from_history(ev) if detailed else ladder_view.build("", ()),
        chain=chain_view.from_served(certs, chain_view.parse_time(ev.get("start")))
        if detailed and isinstance(certs, list) and certs else None,
        alerts=alerts, facts=tuple(facts))


def _group_findings(summary: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The example finding of each group (every cause of the capture has one, also when
    its connections are not among those listed)."""
    return [mapping(mapping(g).get("example")).get("finding") or {}
            for servers in mapping(summary.get("groups")).values()
            for srv in mapping(servers).values()
            for g in mapping(mapping(srv).get("causes")).values()]


def _causes(events: list[Mapping[str, Any]], summary: Mapping[str, Any]
            ) -> list[tuple[str, str, str, int]]:
    """(cause id, title, who fixes it, connections) for each cause in the summary."""
    seen: dict[str, Mapping[str, Any]] = {}
    for ev in events:
        for f in records(ev.get("findings")):
            seen.setdefault(str(f.get("cause")), f)
    for f in records(_group_findings(summary)):
        seen.setdefault(str(f.get("cause")), f)
    causes = summary.get("causes")
    return [(str(c), str(seen.get(str(c), {}).get("title", "")),
             who_words(str(seen.get(str(c), {}).get("who_fixes", ""))), int(n))
            for c, n in mapping(causes).items() if isinstance(n, int)]


def _verdict(summary: Mapping[str, Any], events: list[Mapping[str, Any]],
             causes: list[tuple[str, str, str, int]]) -> tuple[str, str, str]:
    hs = Counter({str(k): v for k, v in mapping(summary.get("handshakes")).items() if isinstance(v, int)})
    tls = summary.get("tls_connections", len(events))
    severities = {f.get("severity") for ev in events for f in records(ev.get("findings"))}
    # Only the first connections are listed; the summary counts every one's severities.
    severities |= {k for k, n in mapping(summary.get("severities")).items() if n}
    outcome = ("fails" if "blocking" in severities or hs["failed"] else
               "risky" if severities & {"risk", "warning"} else "ok" if tls else "unknown")
    if not tls:
        return outcome, "The capture holds no TLS connection.", ""
    text = (f"{tls} TLS connection(s) in the capture: {hs['failed']} failed, {hs['ok']} completed"
            + (f", {hs['incomplete']} incomplete" if hs["incomplete"] else ""))
    top = max(causes, key=lambda c: c[3], default=None)
    if top is None:
        return outcome, text + ".", ""
    return outcome, f"{text}; most often: {top[1] or top[0]} ({top[3]}).", top[2]


def pcap_context(data: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(data, Mapping) or not isinstance(data.get("events"), list):
        raise InputError("not a pcap report: expected the object 'pcap --json' prints")
    summary = mapping(data.get("summary"))
    events = records(data["events"])
    causes = _causes(events, summary)
    outcome, sentence, who = _verdict(summary, events, causes)
    capture = mapping(summary.get("capture"))
    name = f"capture ({capture.get('format', 'pcap')}, {capture.get('packets', '?')} packets)"
    facts = [(str(k).replace("_", " "), chain_view.when_text(v, precise=True)
              if str(k).endswith("_packet") else chain_view.flat(v)) for k, v in capture.items()]
    facts += [(k.replace("_", " "), str(summary[k])) for k in
              ("tcp_connections", "tls_connections", "non_tls_connections", "retransmits", "gaps")
              if k in summary]
    return {"kind": "pcap", "title": f"tlsdoctor pcap: {name}", "heading": name,
            "outcome": outcome, "outcome_words": OUTCOME_WORDS.get(outcome, outcome),
            "summary": sentence, "who_words": who, "facts": facts, "causes": causes,
            "servers": _counts(summary.get("servers")), "names": _counts(summary.get("sni")),
            "notes": strings(summary.get("notes")),
            "connections": [_connection(e, i < MAX_DETAILED) for i, e in enumerate(events)],
            "detailed": MAX_DETAILED}


def render_pcap(report_json: Mapping[str, Any]) -> str:
    """One self-contained HTML page for a ``pcap --json`` object."""
    return render_page("pcap.html.j2", **pcap_context(report_json))
