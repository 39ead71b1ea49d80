"""The ``diagnose`` page, from the object ``diagnose --json`` prints: verdict, who fixes it,
the fixes, the evidence, the handshake ladder and the certificate chain."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...addresses import host_port
from ...errors import InputError
from . import chain as chain_view
from . import ladder as ladder_view
from .fields import mapping, records, strings, text
from .findings import OUTCOME_WORDS, FindingView, findings, who_words
from .page import render_page

# The message a root cause is about, when the probe got through and the client then
# rejects what it was sent: the certificate (RFC 8446 §4.4.2), or the request for one.
_FAILS_AT = dict.fromkeys(
    ("cert_expired", "cert_not_yet_valid", "cert_revoked", "cert_self_signed",
     "cert_untrusted_root", "hostname_mismatch", "incomplete_chain", "bad_chain_order_or_extra",
     "weak_signature_or_key", "cert_wrong_purpose", "tls_interception_mitm",
     "client_clock_wrong", "ocsp_must_staple_missing"), "Certificate")
_FAILS_AT["client_cert_required"] = "CertificateRequest"


@dataclass(frozen=True, slots=True, kw_only=True)
class ProbeRow:
    label: str
    offered: str
    sni: str
    outcome: str
    version: str
    suite: str
    alert: str
    error: str
    ok: bool
    cited: bool  # a finding's evidence names this probe
    ladder: ladder_view.Ladder


def yes_no(value: Any) -> str:
    return ("yes" if value else "no") if isinstance(value, bool) else str(value)


def target_text(target: Any) -> str:
    if not isinstance(target, Mapping):
        return str(target or "")
    text = host_port(str(target.get("host", "")), target.get("port", ""))  # "[::1]:8443"
    extra = [f"{name} {target[key]}" for key, name in
             (("connect", "via"), ("sni", "SNI"), ("starttls", "STARTTLS")) if target.get(key)]
    return text + (f" ({', '.join(extra)})" if extra else "")


def _cited(label: str, views: tuple[FindingView, ...]) -> bool:
    pattern = re.compile(rf"(^|probe '){re.escape(label)}('|:)")
    return any(pattern.search(e) for f in views for e in f.evidence)


def _probes(data: Mapping[str, Any], views: tuple[FindingView, ...]) -> list[ProbeRow]:
    rows = []
    for p in records(data.get("probes")):
        label = text(p.get("label"))
        rows.append(ProbeRow(
            label=label, offered=", ".join(strings(p.get("offered_versions"))),
            sni=str(p.get("sni") or "-"), outcome=str(p.get("outcome", "")),
            version=str(p.get("version") or "-"), suite=str(p.get("cipher_suite") or "-"),
            alert=str(p.get("alert") or "-"), error=str(p.get("error") or ""),
            ok=p.get("outcome") in ("handshake", "hello_retry"), cited=_cited(label, views),
            ladder=ladder_view.from_probe(p)))
    return rows


def _main_ladder(data: Mapping[str, Any], root: FindingView | None) -> ladder_view.Ladder | None:
    """The baseline probe (what the client itself offers), with the failure marked."""
    probes = records(data.get("probes"))
    if not probes:
        return None
    mark = _FAILS_AT.get(root.cause) if root is not None and root.severity == "blocking" else None
    return ladder_view.from_probe(probes[0], mark=mark,
                                  mark_note=f"the client rejects it: {root.title}" if root else "")


def _server_facts(server: Mapping[str, Any]) -> list[tuple[str, str]]:
    names = (("version", "version"), ("cipher_suite", "cipher suite"), ("group", "key exchange"),
             ("dh_bits", "DH bits"), ("alpn", "ALPN"), ("software", "software"),
             ("client_certificate_requested", "asks for a client certificate"),
             ("time", "server clock"))
    facts = [(label, yes_no(server[key])) for key, label in names if server.get(key) not in (None, "")]
    seen = strings(server.get("versions_seen"))
    if seen:
        facts.insert(0, ("versions accepted", ", ".join(seen)))
    return facts


def _reproduction(client: Mapping[str, Any]) -> tuple[bool, str] | None:
    """The client's own handshake (this machine's TLS stack), when it was tried."""
    r = client.get("reproduction")
    if not isinstance(r, Mapping):
        return None
    if r.get("ok"):
        return True, f"connected ({r.get('version')}, {r.get('cipher')})"
    why = r.get("error") or r.get("after_handshake_error") or r.get("reason") or "no reason given"
    return False, f"failed: {why}"


def stats_text(data: Mapping[str, Any]) -> str:
    stats = mapping(data.get("stats"))
    return f"{stats.get('handshakes', '?')} handshakes in {stats.get('seconds', '?')} s"


def diagnose_context(data: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(data, Mapping) or "outcome" not in data or "findings" not in data:
        raise InputError("not a diagnose report: expected the object 'diagnose --json' prints")
    server = mapping(data.get("server"))
    software = server.get("software") if isinstance(server.get("software"), str) else None
    views = findings(data.get("findings"), "f", software)
    root = views[0] if views and views[0].severity != "info" else None
    checked = chain_view.parse_time(data.get("checked_at"))
    chain = data.get("chain")
    client = mapping(data.get("client"))
    outcome = text(data.get("outcome"))
    return {
        "kind": "diagnose", "title": f"tlsdoctor diagnose {target_text(data.get('target'))}",
        "heading": target_text(data.get("target")), "outcome": outcome,
        "outcome_words": OUTCOME_WORDS.get(outcome, outcome),
        "summary": str(data.get("summary") or ""), "root": root,
        "who_words": who_words(root.who) if root else "",
        "findings": [f for f in views if f.severity != "info"],
        "info": [f for f in views if f.severity == "info"],
        "ladder": _main_ladder(data, root), "probes": _probes(data, views),
        "chain": chain_view.from_diagnose(chain, checked) if isinstance(chain, Mapping) else None,
        "chain_source": data.get("chain_source"), "server": _server_facts(server),
        "client_title": str(client.get("title") or client.get("name") or ""),
        "reproduction": _reproduction(client),
        "checked_at": chain_view.when_text(data.get("checked_at")), "stats": stats_text(data),
        "bundle": mapping(chain).get("completed_chain_pem"),
    }


def render_diagnose(report_json: Mapping[str, Any], *,
                    nav: tuple[tuple[str, str], ...] = ()) -> str:
    """One self-contained HTML page for a ``diagnose --json`` object. ``nav``: (href,
    label) links drawn above the heading (the serve dashboard's navigation)."""
    return render_page("diagnose.html.j2", nav=nav, **diagnose_context(report_json))
