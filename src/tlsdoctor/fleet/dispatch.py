"""Run many endpoint checks in one event loop under a global and a per-IP limit.

Endpoints are grouped by the IP address they connect to; the dispatcher starts checks
round-robin over the addresses, never more than ``concurrency`` at once, never more than
``per_ip`` on one address, and (with ``delay``) never two starts on one address closer than
``delay`` seconds, nor a start sooner than ``delay`` after the address's last check ended.
Only ``concurrency`` tasks exist at any time, so memory does not grow with the fleet.
The same code runs in-process and inside each Dask task (cluster.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..errors import UsageError
from .check import CheckResult, CheckSettings, check_endpoint
from .inventory import Endpoint


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    concurrency: int = 64  # endpoints checked at once, in all
    per_ip: int = 2  # endpoints checked at once on one IP address
    delay: float = 0.0  # seconds between two checks starting on one IP address

    def __post_init__(self) -> None:
        if not 1 <= self.concurrency <= 4096:
            raise UsageError("--concurrency must be between 1 and 4096")
        if not 1 <= self.per_ip <= 256:
            raise UsageError("--per-ip must be between 1 and 256")
        if not 0 <= self.delay <= 60:
            raise UsageError("--delay must be between 0 and 60 seconds")


def _literal(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip("[]")))
    except ValueError:
        return None


async def ip_groups(endpoints: Iterable[Endpoint], *, timeout: float = 5.0,
                    parallel: int = 32) -> dict[str, str]:
    """Endpoint.key -> the IP address its connections go to (names resolved once each).

    A name that does not resolve groups under ``name:<host>``: its check will say why.
    """
    eps = list(endpoints)
    names = {ep.address for ep in eps if _literal(ep.address) is None}
    resolved: dict[str, str] = {}
    gate = asyncio.Semaphore(parallel)
    loop = asyncio.get_running_loop()

    async def resolve(name: str) -> None:
        async with gate:
            try:
                infos = await asyncio.wait_for(
                    loop.getaddrinfo(name, None, type=socket.SOCK_STREAM), timeout)
                resolved[name] = str(infos[0][4][0])
            except (OSError, TimeoutError, IndexError, UnicodeError):
                resolved[name] = f"name:{name}"

    await asyncio.gather(*(resolve(n) for n in sorted(names)))
    return {ep.key: _literal(ep.address) or resolved[ep.address] for ep in eps}


OnResult = Callable[[Endpoint, CheckResult], None]
CheckFn = Callable[[Endpoint], Awaitable[CheckResult]]


class _Queues:
    """Pending endpoints per address, handed out round-robin under the limits."""

    def __init__(self, endpoints: Sequence[Endpoint], groups: Mapping[str, str],
                 limits: Limits) -> None:
        self.pending: dict[str, deque[Endpoint]] = {}
        for ep in endpoints:
            self.pending.setdefault(groups[ep.key], deque()).append(ep)
        self.order: deque[str] = deque(self.pending)
        self.active: Counter[str] = Counter()
        self.ready_at: dict[str, float] = {}
        self.limits = limits

    def take(self, now: float) -> tuple[tuple[str, Endpoint] | None, float | None]:
        """The next (address, endpoint) allowed to start now, and when to look again."""
        wake: float | None = None
        for _ in range(len(self.order)):
            ip = self.order.popleft()
            queue = self.pending.get(ip)
            if not queue:
                self.pending.pop(ip, None)
                continue  # exhausted: leaves the rotation
            self.order.append(ip)
            if self.active[ip] >= self.limits.per_ip:
                continue
            ready = self.ready_at.get(ip, 0.0)
            if ready > now:
                wake = ready if wake is None else min(wake, ready)
                continue
            self.active[ip] += 1
            self.ready_at[ip] = now + self.limits.delay
            return (ip, queue.popleft()), wake
        return None, wake

    def release(self, ip: str, now: float) -> None:
        self.active[ip] -= 1
        self.ready_at[ip] = max(self.ready_at.get(ip, 0.0), now + self.limits.delay)

    @property
    def empty(self) -> bool:
        return not any(self.pending.values())


async def dispatch(endpoints: Sequence[Endpoint], groups: Mapping[str, str], limits: Limits,
                   check: CheckFn, on_result: OnResult) -> None:
    """Check every endpoint; ``on_result`` is called in the loop as each one finishes.

    If ``on_result`` raises (the database went away), the checks still running are
    cancelled and the error propagates.
    """
    queues = _Queues(endpoints, groups, limits)
    loop = asyncio.get_running_loop()
    running: dict[asyncio.Task[CheckResult], tuple[str, Endpoint]] = {}
    try:
        while running or not queues.empty:
            wake: float | None = None
            while len(running) < limits.concurrency:
                picked, wake = queues.take(loop.time())
                if picked is None:
                    break
                running[asyncio.ensure_future(check(picked[1]))] = picked
            if not running:  # everything left waits for its address' delay
                await asyncio.sleep(max(0.0, (wake or loop.time()) - loop.time()))
                continue
            timeout = None if wake is None else max(0.0, wake - loop.time())
            done, _ = await asyncio.wait(running, timeout=timeout,
                                         return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                ip, ep = running.pop(task)
                queues.release(ip, loop.time())
                on_result(ep, task.result())
    finally:
        for task in running:
            task.cancel()
        for task in running:
            with contextlib.suppress(BaseException):
                await task


async def check_all(endpoints: Sequence[Endpoint], settings: CheckSettings, limits: Limits,
                    on_result: OnResult, *, groups: Mapping[str, str] | None = None,
                    ca_files: Mapping[str, str] | None = None) -> None:
    """Check ``endpoints`` with ``settings`` under ``limits`` (groups: see ip_groups)."""
    if groups is None:
        groups = await ip_groups(endpoints)
    local = ca_files or {}

    async def check(ep: Endpoint) -> CheckResult:
        return await check_endpoint(ep, settings, ca_file=local.get(ep.ca_file or ""))

    await dispatch(endpoints, groups, limits, check, on_result)
