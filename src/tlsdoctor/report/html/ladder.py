"""The handshake as an SVG ladder: client on the left, server on the right, one arrow per
message, the step where it broke in red. Geometry only; the template draws it.

Input is the JSON a command already printed: a diagnose probe's ``ladder`` (the steps of
``--trace``) or a pcap connection's ``history`` (packets as captured).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ...safe import printable
from ..ladder import meaning
from .fields import records, strings
from .fields import text as _text

CLIENT_X, SERVER_X, MEANING_X = 110, 440, 530
ROW, TOP, WIDTH = 44, 46, 1000
MAX_STEPS = 60  # a long capture history is cut, with a last row saying how much


def clip(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, "…" when cut (SVG text does not wrap).
    Control and bidi characters are made visible first, so the cut counts what is shown."""
    text = printable(text, limit=limit * 8, newlines=False)
    return text if len(text) <= limit else text[:limit - 1] + "…"


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    by: str  # "client", "server", "tlsdoctor" (a remark, no arrow)
    message: str
    note: str = ""
    failed: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    y: int
    x1: int  # arrow from
    x2: int  # arrow to (x1 == x2: a remark, no arrow)
    label: str
    note: str
    meaning: str
    failed: bool
    full: str  # the whole text, for the tooltip

    @property
    def mid(self) -> int:
        return (CLIENT_X + SERVER_X) // 2

    @property
    def head(self) -> str:
        """The arrowhead as SVG polygon points, at the receiving end."""
        d = 1 if self.x2 > self.x1 else -1
        return f"{self.x2},{self.y} {self.x2 - 9 * d},{self.y - 5} {self.x2 - 9 * d},{self.y + 5}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Ladder:
    title: str
    rows: tuple[Row, ...]
    client: str = "client"
    server: str = "server"
    failed: bool = False  # some step is marked as the failure

    @property
    def height(self) -> int:
        return TOP + ROW * len(self.rows) + 16

    @property
    def client_x(self) -> int:
        return CLIENT_X

    @property
    def server_x(self) -> int:
        return SERVER_X

    @property
    def meaning_x(self) -> int:
        return MEANING_X

    @property
    def width(self) -> int:
        return WIDTH


def build(title: str, steps: Sequence[Step], *, client: str = "client",
          server: str = "server") -> Ladder:
    rows: list[Row] = []
    shown = list(steps[:MAX_STEPS])
    if len(steps) > MAX_STEPS:
        shown.append(Step(by="tlsdoctor", message=f"… {len(steps) - MAX_STEPS} more steps"))
    for i, s in enumerate(shown):
        y = TOP + ROW * i + 18
        x1, x2 = {"client": (CLIENT_X, SERVER_X), "server": (SERVER_X, CLIENT_X)}.get(
            s.by, ((CLIENT_X + SERVER_X) // 2,) * 2)
        remark = s.by not in ("client", "server")
        rows.append(Row(y=y, x1=x1, x2=x2, label=clip(s.message, 52),
                        note="" if remark else clip(s.note, 60),
                        meaning=clip(s.note if remark else meaning(s.message), 76),
                        failed=s.failed, full=f"{s.by}: {s.message}" + (f" ({s.note})" if s.note else "")))
    return Ladder(title=title, rows=tuple(rows), client=clip(client, 40), server=clip(server, 40),
                  failed=any(s.failed for s in shown))


def from_probe(probe: Mapping[str, Any], *, mark: str | None = None,
               mark_note: str = "") -> Ladder:
    """A diagnose probe's ladder. ``mark`` names a message to mark as the failure when the
    probe itself went through but the client rejected what came (a certificate, a request
    for a client certificate): the root cause says which message that was."""
    steps = [Step(by=_text(s.get("by")), message=_text(s.get("message")),
                  note=_text(s.get("note")), failed=bool(s.get("failed")))
             for s in records(probe.get("ladder"))] if "ladder" in probe else _fallback(probe)
    if mark and not any(s.failed for s in steps):
        for i, s in enumerate(steps):
            if s.by == "server" and s.message.split(" (")[0] == mark:
                steps[i] = Step(by=s.by, message=s.message, note=mark_note or s.note, failed=True)
                break
    return build(f"Handshake of probe '{_text(probe.get('label'))}'", steps)


def _fallback(probe: Mapping[str, Any]) -> list[Step]:
    """Reports stored before probes carried their ladder: what the summary fields say."""
    steps = [Step(by="client", message="ClientHello",
                  note=", ".join(strings(probe.get("offered_versions"))))]
    if probe.get("version"):
        steps.append(Step(by="server", message="ServerHello",
                          note=f"{probe.get('version')}, {probe.get('cipher_suite')}"))
    if probe.get("alert"):
        steps.append(Step(by="server", message="Alert", note=f"fatal {probe['alert']}",
                          failed=True))
    elif probe.get("outcome") not in ("handshake", "hello_retry"):
        steps.append(Step(by="server", message=_text(probe.get("outcome")),
                          note=_text(probe.get("error")), failed=True))
    return steps


def from_history(event: Mapping[str, Any]) -> Ladder:
    """A captured connection, packet by packet; the first fatal alert (else the first
    reset of a failed connection) is marked."""
    history = records(event.get("history"))
    failed_at = next((i for i, h in enumerate(history)
                      if _text(h.get("what")).startswith("Alert fatal")), None)
    if failed_at is None and event.get("outcome") == "failed":
        failed_at = next((i for i, h in enumerate(history) if _text(h.get("what")) == "RST"), None)
    steps = [Step(by=_text(h.get("by")) if h.get("by") in ("client", "server") else "tlsdoctor",
                  message=_text(h.get("what")),
                  note=f"packet {h.get('packet')}, {h.get('t_ms')} ms", failed=i == failed_at)
             for i, h in enumerate(history)]
    return build(f"Connection {_text(event.get('id'))} as captured", steps,
                 client=_text(event.get("client")) or "client",
                 server=_text(event.get("server")) or "server")
