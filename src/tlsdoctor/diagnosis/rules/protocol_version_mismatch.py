"""protocol_version_mismatch: no TLS/SSL version both sides accept."""

from __future__ import annotations

from ...causes import Cause, Party
from ...evidence import Evidence
from ...finding import Finding
from ...probe.outcome import Exchange
from ...wire.registry import AlertDescription
from .. import words
from ..catalog import make_finding
from . import rule
from ._capture import (
    alert_line,
    captured,
    deciding_alert,
    legacy_hello_refused,
    versions_text,
    where,
)
from ._common import baseline_failed, client_versions, working_variant
from ._scan import unreachable_kind
from ._text import stated
from .client_misconfiguration import capped_version

TLS12 = 0x0303


@rule
def protocol_version_mismatch(ev: Evidence) -> Finding | None:
    """Live: the client's hello is refused, and a variant offering other versions works.
    Captured: the server refuses the offered versions (alert protocol_version), or picks
    one the client refuses. Scanned: the server accepts no version at all."""
    return (stated(ev, Cause.PROTOCOL_VERSION_MISMATCH) or _live(ev) or _captured(ev)
            or _scanned(ev))


def _live(ev: Evidence) -> Finding | None:
    if not baseline_failed(ev):
        return None
    works, client_v = working_variant(ev), client_versions(ev)
    if works is None or works.version is None or not client_v or works.version in client_v:
        return None
    if capped_version(ev) is not None:
        return None  # this machine's OpenSSL config caps it: client_misconfiguration
    server_v = works.version
    older = server_v < min(client_v)
    who = Party.CLIENT if not older else Party.SERVER if server_v < TLS12 else Party.EITHER
    b = ev.baseline
    refusal = words.alert(b.alert) if b.alert else b.outcome.value
    title = (f"Server accepts only {words.version(server_v)} or older; the client requires "
             f"{words.version(min(client_v))} or newer" if older else
             f"Server requires {words.version(server_v)}; the client offers only "
             f"{words.versions(client_v)}")
    return make_finding(
        Cause.PROTOCOL_VERSION_MISMATCH, who_fixes=who, title=title,
        explanation=f"The client offered {words.versions(client_v)}. The server rejected that "
                    f"({refusal}) but completed a handshake when {words.version(server_v)} was "
                    "offered. " + ("Versions below TLS 1.2 are deprecated (RFC 8996): the server "
                                   "should be upgraded; lowering the client's minimum is a "
                                   "stopgap." if older else ""),
        evidence=(f"client offers: {words.versions(client_v)}",
                  f"baseline: {b.outcome.value} {words.alert(b.alert) if b.alert else ''}".strip(),
                  f"probe '{works.label}': server chose {words.version(server_v)} with "
                  f"{words.suite(works.cipher_suite)}"),
        facts=_facts(server_v, client_v, older, ev))


def _facts(server_v: int, client_v: tuple[int, ...], older: bool, ev: Evidence) -> dict[str, object]:
    return {"server_version": words.version(server_v), "server_version_code": server_v,
            "client_versions": [words.version(v) for v in client_v], "server_older": older,
            "client_local": ev.client is not None and ev.client.is_local}


def _captured(ev: Evidence) -> Finding | None:
    ex = captured(ev)
    if ex is None:
        return None
    offered, a = ex.offer.versions, deciding_alert(ex)
    chosen = ex.version if ex.outcome.value == "handshake" else None
    if a is not None and a.description == AlertDescription.protocol_version:
        return _refused_version(ev, ex, a.by == "server", chosen, alert_line(a))
    if a is not None and legacy_hello_refused(ev, ex, a):
        return _refused_version(ev, ex, True, None, alert_line(a))
    if chosen is not None and offered and chosen not in offered and not ex.complete:
        return _refused_version(ev, ex, False, chosen, "the handshake stopped after the ServerHello")
    if chosen is not None and chosen < TLS12 and a is not None and a.by == "client" and \
            not ex.complete:
        # Clients list TLS 1.0/1.1 in their hello and still refuse them when chosen (OpenSSL
        # 3 at security level 2: "legacy sigalg disallowed", then internal_error).
        return _refused_version(ev, ex, False, chosen,
                                alert_line(a) + f": the client aborted right after the server "
                                f"chose {words.version(chosen)}")
    if a is not None and a.by == "server" and chosen is None and a.description in (
            AlertDescription.handshake_failure, AlertDescription.insufficient_security):
        return _maybe_version(ev, offered)
    return None


def _maybe_version(ev: Evidence, offered: tuple[int, ...]) -> Finding:
    """A bare handshake_failure: some servers answer a version they lack with it."""
    if ev.seen_versions & set(offered):
        # The server negotiated one of the offered versions elsewhere: versions overlap.
        conf, line = 0.1, (f"the server negotiated {versions_text(ev.seen_versions)} in other "
                           f"connections, and the client offered {versions_text(offered)}")
    else:
        conf, line = 0.3, (f"client offered {versions_text(offered)}; some servers answer a "
                           "version they do not support with handshake_failure")
    return make_finding(Cause.PROTOCOL_VERSION_MISMATCH, confidence=conf, evidence=(line,),
                        facts={"client_versions": [words.version(v) for v in offered]})


def _refused_version(ev: Evidence, ex: Exchange, by_server: bool, chosen: int | None,
                     line: str) -> Finding:
    offered = ex.offer.versions
    lines = [f"ClientHello to {where(ev, ex)} offered {versions_text(offered)}"]
    if chosen is not None:
        lines.append(f"the server chose {words.version(chosen)}")
    lines.append(line)
    if ev.seen_versions and not ev.seen_versions & set(offered):
        lines.append(f"in other connections of this capture the server negotiated only "
                     f"{versions_text(ev.seen_versions)}")
    server_v = chosen if chosen is not None else max(ev.seen_versions, default=None)
    if by_server and offered and min(offered) >= TLS12:
        explanation = (f"The client offered only {versions_text(offered)}; the server accepts "
                       "none of them (typically a server limited to TLS 1.0/1.1, or without "
                       "TLS 1.3 when the client requires it).")
    elif chosen is not None:
        explanation = f"The server chose {words.version(chosen)}, which the client refuses."
    else:
        explanation = None
    older = server_v is not None and bool(offered) and server_v < min(offered)
    title = (f"Server speaks only {words.version(server_v)}; the client requires "
             f"{words.version(min(offered))} or newer" if older and server_v is not None else None)
    facts = _facts(server_v, offered, older, ev) if server_v is not None else {
        "client_versions": [words.version(v) for v in offered]}
    return make_finding(Cause.PROTOCOL_VERSION_MISMATCH, title=title, explanation=explanation,
                        who_fixes=Party.SERVER if older and server_v is not None
                        and server_v < TLS12 else None,
                        evidence=lines, facts={**facts, "alert_by": "server" if by_server else "client"})


def _scanned(ev: Evidence) -> Finding | None:
    scan = ev.scan
    if scan is None or unreachable_kind(scan) != "refused":
        return None
    return make_finding(Cause.PROTOCOL_VERSION_MISMATCH,
                        title="The server accepted none of the versions and suites offered",
                        evidence=[scan.error] if scan.error else [])
