"""The certificate chain as a diagram: what the server sent, what it left out, which
store holds the root, and when each certificate expires. Geometry only; the template
draws the boxes.

Built from JSON: a diagnose report's ``chain`` (served certificates plus the path that was
built, each with its source), or a plain list of served certificates (scan, pcap).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .fields import mapping, records
from .ladder import clip

BOX_W, BOX_H, GAP, LEFT, TOP = 640, 74, 30, 20, 12
WARN_DAYS = 30  # colour only: the finding itself used the --warn-days of its run


def parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        t = datetime.fromisoformat(value)
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def when_text(value: Any, *, precise: bool = False) -> str:
    """An ISO time from the JSON as "2026-12-05 13:13 UTC", or with seconds and
    milliseconds when ``precise`` (packets); as given when it does not parse."""
    t = parse_time(value)
    if t is None:
        return str(value or "")
    t = t.astimezone(UTC)
    return (t.strftime("%Y-%m-%d %H:%M:%S.") + f"{t.microsecond // 1000:03d} UTC" if precise
            else t.strftime("%Y-%m-%d %H:%M UTC"))


def expiry(cert: Mapping[str, Any], now: datetime | None,
           when: str = "the diagnosis") -> tuple[str, str]:
    """("valid until … (N days left)", state) with state ok / warn / bad / unknown;
    ``now`` is when the chain was seen (``when`` names it), not when the page is read."""
    after, before = parse_time(cert.get("not_after")), parse_time(cert.get("not_before"))
    if after is None:
        return "validity unknown", "unknown"
    until = after.strftime("%Y-%m-%d %H:%M UTC")
    if now is None:
        return f"valid until {until}", "unknown"
    if before is not None and now < before:
        return f"NOT YET VALID: from {before.strftime('%Y-%m-%d %H:%M UTC')}", "bad"
    days = (after - now).total_seconds() / 86400
    if days < 0:
        return f"EXPIRED {until} ({int(-days)} days before {when})", "bad"
    return (f"valid until {until} ({int(days)} days left at {when})",
            "warn" if days <= WARN_DAYS else "ok")


@dataclass(frozen=True, slots=True, kw_only=True)
class Node:
    role: str  # "leaf", "intermediate", "root", "missing", "extra"
    name: str  # short name (CN, else the subject)
    subject: str
    issuer: str
    origin: str  # where it came from: sent by the server, a trust store, AIA, missing
    validity: str
    state: str  # ok / warn / bad / missing / unknown (CSS class)
    details: Mapping[str, Any]  # the certificate's JSON, for the table under the diagram
    y: int = 0

    @property
    def x(self) -> int:
        return LEFT

    @property
    def fields(self) -> tuple[tuple[str, str], ...]:
        """The certificate's JSON fields as (name, text), empty ones left out."""
        return tuple((str(k), flat(v)) for k, v in self.details.items()
                     if v not in (None, "", [], {}))

    @property
    def w(self) -> int:
        return BOX_W

    @property
    def h(self) -> int:
        return BOX_H


@dataclass(frozen=True, slots=True, kw_only=True)
class ChainView:
    nodes: tuple[Node, ...]  # leaf first, up to the anchor (or the missing issuer)
    extras: tuple[Node, ...] = ()  # sent, but not on the path (out of order, unrelated, duplicate)
    trusted_by: tuple[tuple[str, bool], ...] = ()
    verified: bool | None = None
    hostname: str | None = None
    hostname_ok: bool | None = None
    verify_error: str | None = None
    revocation: str | None = None

    @property
    def height(self) -> int:
        return TOP * 2 + len(self.nodes) * BOX_H + max(0, len(self.nodes) - 1) * GAP

    @property
    def width(self) -> int:
        return LEFT * 2 + BOX_W

    @property
    def links(self) -> tuple[tuple[int, int, int], ...]:
        """(x, y1, y2) of each "issued by" arrow between consecutive boxes."""
        x = LEFT + BOX_W // 2
        return tuple((x, n.y + BOX_H, n.y + BOX_H + GAP) for n in self.nodes[:-1])


def flat(value: Any) -> str:
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value[:50])) + (f" … ({len(value)} in all)" if len(value) > 50 else "")
    return str(value)


def _name(cert: Mapping[str, Any]) -> str:
    return str(cert.get("common_name") or cert.get("subject") or "(no subject)")


def _origin(cert: Mapping[str, Any], served_at: Mapping[str, int]) -> str:
    source = str(cert.get("source") or "served")
    index = served_at.get(str(cert.get("sha256", "")).upper())
    if index is not None:
        return f"sent by the server (position {index + 1})"
    if source.startswith("store:"):
        return f"not sent; found in the trust store '{source[6:]}'"
    if source.startswith("aia:"):
        return f"not sent; fetched from {source[4:]} (AIA)"
    if source == "file":
        return "from the given file"
    return "sent by the server"


def _node(cert: Mapping[str, Any], role: str, origin: str, now: datetime | None,
          when: str = "the diagnosis") -> Node:
    validity, state = expiry(cert, now, when)
    if cert.get("self_signed"):
        origin += "; self-signed"
    return Node(role=role, name=clip(_name(cert), 70), subject=str(cert.get("subject", "")),
                issuer=str(cert.get("issuer", "")), origin=clip(origin, 96), validity=validity,
                state=state, details=cert)


def _missing(issuer: str, why: str, *, role: str = "missing", state: str = "missing") -> Node:
    return Node(role=role, name=clip(issuer or "(unknown issuer)", 70), subject=issuer,
                issuer="", origin=why, validity="", state=state, details={})


def _placed(nodes: Sequence[Node]) -> tuple[Node, ...]:
    return tuple(Node(role=n.role, name=n.name, subject=n.subject, issuer=n.issuer,
                      origin=n.origin, validity=n.validity, state=n.state, details=n.details,
                      y=TOP + i * (BOX_H + GAP)) for i, n in enumerate(nodes))


def _role(i: int, cert: Mapping[str, Any]) -> str:
    if i == 0:
        return "leaf"
    return "root" if cert.get("self_signed") else "intermediate"


def from_diagnose(chain: Mapping[str, Any], now: datetime | None) -> ChainView:
    """The chain analysis of ``diagnose --json``: path as built, plus what was sent."""
    served = records(chain.get("certificates"))
    path = records(chain.get("path")) or served[:1]
    served_at = {str(c.get("sha256", "")).upper(): i for i, c in enumerate(served)}
    nodes = [_node(c, _role(i, c), _origin(c, served_at), now) for i, c in enumerate(path)]
    top = path[-1] if path else None
    if top is not None and not top.get("self_signed") and not str(top.get("source", "")).startswith("store:"):
        nodes.append(_missing(str(top.get("issuer", "")),
                              "MISSING: not sent by the server, and in no trust store"))
    on_path = {str(c.get("sha256", "")).upper() for c in path}
    extras = tuple(_node(c, "extra", f"sent at position {i + 1}, but not part of the path", now)
                   for i, c in enumerate(served) if str(c.get("sha256", "")).upper() not in on_path)
    return ChainView(
        nodes=_placed(nodes), extras=extras,
        trusted_by=tuple((str(k), bool(v)) for k, v in mapping(chain.get("trusted_by")).items()),
        verified=chain.get("verified") if isinstance(chain.get("verified"), bool) else None,
        hostname=chain.get("hostname"), hostname_ok=chain.get("hostname_ok"),
        verify_error=chain.get("verify_error"), revocation=chain.get("revocation"))


def from_served(certs: Any, now: datetime | None, when: str = "the capture") -> ChainView:
    """Certificates as sent (scan, pcap): no trust verdict, only what came and what did not."""
    served = records(certs)
    nodes = [_node(c, _role(i, c), f"sent by the server (position {i + 1})", now, when)
             for i, c in enumerate(served)]
    if served:
        top = served[-1]
        own = top.get("self_signed") if "self_signed" in top else top.get("subject") == top.get("issuer")
        if not own:
            nodes.append(_missing(str(top.get("issuer", "")),
                                  "not sent: a client must already have it (its root store)",
                                  role="issuer", state="absent"))
    return ChainView(nodes=_placed(nodes))
