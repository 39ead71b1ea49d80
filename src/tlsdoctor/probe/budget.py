"""The connection budget shared by one diagnose or scan run.

Everything that opens a connection to a target asks the ``Prober`` for a slot first, so
one place counts handshakes, caps concurrency per host, spaces connections by
``--delay`` and backs off when a host starts refusing or resetting (a rate limiter or
an IPS reacting to the probes must not be hammered into a ban). Asyncio only; the
prober is bound to the event loop that first uses it.

A connection opened with ``reset_is_answer`` asks a question that a reset answers in the
ordinary course: the neutral name ``*.invalid`` or no name at all, which a name-based
server (nginx ``ssl_reject_handshake``, an SNI allow-list) refuses by configuration. Its
reset after the hello is the answer, not pushback: it neither lengthens nor clears the
streak. A refused connection or a reset before the hello was even sent answers nothing
and always counts; so does every reset to the other probes, so a host that resets
everything is still backed off from.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..errors import TlsDoctorError, UsageError
from .outcome import Outcome
from .target import Target

# Outcomes that look like a host pushing back (or a firewall rate-limiting us).
PUSHBACK = frozenset({Outcome.REFUSED, Outcome.RESET, Outcome.RESET_BEFORE_REPLY})
# Outcomes that show the host reacting to a hello: it is serving connections, so a probe
# still waiting behind this one may only have been queued (see Slot.wait_answer).
ANSWERED = frozenset({Outcome.HANDSHAKE, Outcome.HELLO_RETRY, Outcome.ALERT, Outcome.RESET,
                      Outcome.CLOSED, Outcome.PLAINTEXT, Outcome.GARBAGE, Outcome.MALFORMED})


class BudgetExceeded(TlsDoctorError):
    """The run used its whole handshake budget (``ProbeOptions.max_handshakes``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ProbeOptions:
    """How the prober talks to a target. Times are seconds."""

    connect_timeout: float = 5.0  # TCP connect (and proxy / STARTTLS dialog) limit
    # Total time to wait for the whole answer to one hello; moved on while the host
    # answers other connections (queued at a one-at-a-time server), up to
    # read_timeout x concurrency (Slot.wait_answer).
    read_timeout: float = 5.0
    delay: float = 0.0  # minimum spacing between connection starts to one host
    concurrency: int = 3  # simultaneous connections per host
    max_handshakes: int = 200  # hard budget for the whole run
    proxy: str | None = None  # "http://host:port": tunnel through an HTTP CONNECT proxy
    backoff_after: int = 3  # consecutive refusals/resets before backing off
    backoff_base: float = 0.1  # first backoff pause, doubled each further pushback
    backoff_max: float = 2.0  # longest single pause
    max_bytes: int = 1 << 20  # cap on bytes read from one connection

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "read_timeout"):
            v = getattr(self, name)
            if not 0 < v <= 300:
                raise UsageError(f"{name} must be more than 0 and at most 300 seconds, not {v!r}")
        if not 0 <= self.delay <= 60:
            raise UsageError(f"delay must be between 0 and 60 seconds, not {self.delay!r}")
        if not 1 <= self.concurrency <= 64:
            raise UsageError(f"concurrency must be between 1 and 64, not {self.concurrency!r}")
        if not 1 <= self.max_handshakes <= 100_000:
            raise UsageError(f"max_handshakes must be between 1 and 100000, "
                             f"not {self.max_handshakes!r}")
        if not (0 <= self.backoff_base <= self.backoff_max <= 60 and self.backoff_after >= 1):
            raise UsageError("backoff settings out of range")
        if not 1024 <= self.max_bytes <= 64 << 20:
            raise UsageError("max_bytes must be between 1 KiB and 64 MiB")
        if self.proxy is not None:
            proxy_address(self.proxy)  # validate early: one clear error, not one per probe


def proxy_address(url: str) -> tuple[str, int]:
    """``http://host:port`` -> (host, port); UsageError for anything else."""
    try:
        parts = urlsplit(url if "://" in url else f"http://{url}")
        port = parts.port or 8080
    except ValueError as exc:
        raise UsageError(f"bad proxy URL {url[:80]!r}") from exc
    if parts.scheme.lower() != "http" or not parts.hostname:
        raise UsageError(f"proxy must be an http://host:port URL (HTTP CONNECT), not {url[:80]!r}")
    return parts.hostname, port


@dataclass(slots=True)
class _Host:
    gate: asyncio.Semaphore
    spacing: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0  # monotonic time before which no new connection starts
    pushbacks: int = 0  # consecutive refusals/resets (answers excepted, see the module)
    inflight: list[Slot] = field(default_factory=list)


class Prober:
    """Counts and paces every connection of one run (shared by all its probes).

    ``handshakes``: connections started (every attempt counts, failed ones too).
    ``seconds``: wall time from the first connection start to the last one's end.
    """

    def __init__(self, options: ProbeOptions | None = None) -> None:
        self.options = options or ProbeOptions()
        self.handshakes = 0
        self.backoff_seconds = 0.0  # total time spent pausing for pushback
        self.answered_resets = 0  # resets taken as answers (reset_is_answer), not pushback
        self._hosts: dict[str, _Host] = {}
        self._first: float | None = None
        self._last: float | None = None
        self._inflight = 0

    @property
    def seconds(self) -> float:
        if self._first is None:
            return 0.0
        end = time.monotonic() if self._inflight or self._last is None else self._last
        return max(0.0, end - self._first)

    @property
    def remaining(self) -> int:
        return self.options.max_handshakes - self.handshakes

    def _host(self, target: Target) -> _Host:
        key = target.address.lower()
        host = self._hosts.get(key)
        if host is None:
            host = self._hosts[key] = _Host(gate=asyncio.Semaphore(self.options.concurrency))
        return host

    def _pause(self, host: _Host) -> float:
        over = host.pushbacks - self.options.backoff_after
        if over < 0:
            return 0.0
        return min(self.options.backoff_max, self.options.backoff_base * float(2 ** min(over, 16)))

    def _learn(self, host: _Host, outcome: Outcome, *, reset_is_answer: bool) -> None:
        if outcome not in PUSHBACK:
            host.pushbacks = 0
        elif reset_is_answer and outcome is Outcome.RESET:
            self.answered_resets += 1
        else:
            host.pushbacks += 1

    @asynccontextmanager
    async def slot(self, target: Target, *,
                   reset_is_answer: bool = False) -> AsyncIterator[Slot]:
        """Wait for a connection slot to ``target`` and count it.

        ``reset_is_answer``: a reset of this connection answers its question (see the
        module docstring) and does not count towards backoff.
        Raises BudgetExceeded (before connecting) once the budget is used up.
        """
        if self.handshakes >= self.options.max_handshakes:
            raise BudgetExceeded(f"handshake budget of {self.options.max_handshakes} used up")
        host = self._host(target)
        async with host.gate:
            async with host.spacing:
                # Checked again: others may have used the budget while we waited.
                if self.handshakes >= self.options.max_handshakes:
                    raise BudgetExceeded(
                        f"handshake budget of {self.options.max_handshakes} used up")
                loop = asyncio.get_running_loop()
                pause = self._pause(host)
                wait = max(0.0, host.next_start - loop.time(), pause)
                if wait > 0:
                    self.backoff_seconds += pause
                    await asyncio.sleep(wait)
                self.handshakes += 1
                now = loop.time()
                host.next_start = now + self.options.delay
                if self._first is None:
                    self._first = time.monotonic()
                self._inflight += 1
            slot = Slot(read_timeout=self.options.read_timeout,
                        patience=self.options.read_timeout * self.options.concurrency)
            host.inflight.append(slot)
            try:
                yield slot
            finally:
                host.inflight.remove(slot)
                if slot.outcome is not None:
                    self._learn(host, slot.outcome, reset_is_answer=reset_is_answer)
                if slot.outcome in ANSWERED:
                    for other in host.inflight:
                        other.host_answered()
                self._inflight -= 1
                self._last = time.monotonic()


@dataclass(slots=True, kw_only=True)
class Slot:
    """One counted connection; the prober learns how it ended to decide on backoff.

    Its answer timer (``wait_answer``) runs ``read_timeout`` from the hello, and is
    moved on when another connection to the same host gets an answer meanwhile, up to
    ``patience`` (read_timeout x the per-host concurrency) in all.
    A server that serves one connection at a time (openssl s_server, small devices)
    leaves the others waiting in its listen queue, and that wait is not its answer
    time; a silent host answers nothing, so its probes still end after read_timeout.
    """

    read_timeout: float = 5.0
    patience: float = 5.0
    outcome: Outcome | None = None
    _timer: asyncio.Timeout | None = None
    _last_moment: float = 0.0  # loop time beyond which the timer is never moved

    def report(self, outcome: Outcome) -> None:
        self.outcome = outcome

    @asynccontextmanager
    async def wait_answer(self) -> AsyncIterator[None]:
        """Bounds the wait for this connection's answer (TimeoutError when it is over)."""
        now = asyncio.get_running_loop().time()
        self._last_moment = now + self.patience
        async with asyncio.timeout_at(now + self.read_timeout) as timer:
            self._timer = timer
            try:
                yield
            finally:
                self._timer = None

    def host_answered(self) -> None:
        """Another connection to the same host got an answer: give this one at least
        half of read_timeout from now (moved only then, so a fast server, whose timers
        are never near, costs no rescheduling)."""
        timer = self._timer
        if timer is None or timer.expired():
            return
        when = timer.when()
        now = asyncio.get_running_loop().time()
        if when is None or when - now >= self.read_timeout / 2:
            return
        later = min(self._last_moment, now + self.read_timeout)
        if later > when:
            timer.reschedule(later)
