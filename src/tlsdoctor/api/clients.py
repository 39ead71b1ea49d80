"""``diagnose --all-clients``: which client profiles can connect, and why not in one line."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

from ..causes import Severity
from ..clients.catalog import all_profiles
from ..clients.profile import ClientProfile
from ..probe.sync import run_sync
from ..wire import words


@dataclass(frozen=True, slots=True, kw_only=True)
class MatrixRow:
    client: ClientProfile
    ok: bool
    cause: str | None
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientMatrix:
    target: str
    rows: tuple[MatrixRow, ...]
    handshakes: int
    seconds: float

    @property
    def exit_code(self) -> int:
        return 0 if all(r.ok for r in self.rows) else 2

    def to_json(self) -> dict[str, Any]:
        return {"target": self.target,
                "clients": [{"client": r.client.name, "title": r.client.title, "ok": r.ok,
                             "cause": r.cause, "reason": r.reason} for r in self.rows],
                "stats": {"handshakes": self.handshakes, "seconds": round(self.seconds, 3)}}


async def all_clients_async(target: str, **options: Any) -> ClientMatrix:
    """Diagnose ``target`` for every profile (a few at a time: one host, one budget each)."""
    from ..api import diagnose_async

    start = time.monotonic()
    sem = asyncio.Semaphore(3)
    profiles = [p for p in all_profiles() if not p.is_local]

    async def one(p: ClientProfile) -> tuple[MatrixRow, int, float]:
        async with sem:
            r = await diagnose_async(target, client=p, risk_checks=False, **options)
        blocking = [f for f in r.findings if f.severity is Severity.BLOCKING]
        if blocking:
            row = MatrixRow(client=p, ok=False, cause=blocking[0].cause.value, reason=blocking[0].title)
        else:
            hs = r.evidence.first_handshake
            how = f"{words.version(hs.version)} {words.suite(hs.cipher_suite)}" if hs else ""
            row = MatrixRow(client=p, ok=True, cause=None, reason=how)
        return row, r.handshakes, r.seconds

    results = await asyncio.gather(*(one(p) for p in profiles))
    return ClientMatrix(target=target, rows=tuple(r for r, _, _ in results),
                        handshakes=sum(h for _, h, _ in results),
                        seconds=time.monotonic() - start)


def all_clients(target: str, **options: Any) -> ClientMatrix:
    return run_sync(all_clients_async(target, **options))
