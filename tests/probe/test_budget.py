"""The Prober's budget, per-host concurrency, --delay and backoff, counted at real servers."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from probe_helpers import run

from tlsdoctor.errors import TlsDoctorError, UsageError
from tlsdoctor.probe.budget import BudgetExceeded, ProbeOptions, Prober
from tlsdoctor.probe.handshake import run_probes
from tlsdoctor.probe.net import ConnectFailed, close_writer, open_connection
from tlsdoctor.probe.outcome import Outcome
from tlsdoctor.probe.target import Target
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.faults import fault_server
from tlsdoctor.wire.hello import ClientHelloSpec

HELLO = b"\x16\x03\x01\x00\x04\x01\x00\x00\x00"


async def _once(prober: Prober, target: Target, *, reset_is_answer: bool = False) -> Outcome:
    """One counted connection: send a hello, read the answer (a minimal prober)."""
    async with prober.slot(target, reset_is_answer=reset_is_answer) as slot:
        try:
            reader, writer = await open_connection(target, prober.options)
        except ConnectFailed as exc:
            slot.report(exc.outcome)
            return exc.outcome
        try:
            writer.write(HELLO)
            data = await asyncio.wait_for(reader.read(100), 3)
            outcome = Outcome.ALERT if data.startswith(b"\x15") else Outcome.CLOSED
        except ConnectionResetError:
            outcome = Outcome.RESET
        finally:
            await close_writer(writer)
        slot.report(outcome)
        return outcome


async def _many(prober: Prober, target: Target, n: int) -> list[Outcome]:
    return list(await asyncio.gather(*(_once(prober, target) for _ in range(n))))


def test_every_connection_is_counted_exactly() -> None:
    with fault_server("alert") as srv:
        prober = Prober(ProbeOptions(connect_timeout=2, read_timeout=2))
        outcomes = run(_many(prober, srv.target, 7))
        assert srv.connections == 7
    assert outcomes == [Outcome.ALERT] * 7
    assert prober.handshakes == 7
    assert 0 < prober.seconds < 10


def test_failed_connections_count_too() -> None:
    from probe_helpers import closed_port

    prober = Prober(ProbeOptions(connect_timeout=1))
    target = Target(host="localhost", port=closed_port(), connect="127.0.0.1")
    assert run(_many(prober, target, 2)) == [Outcome.REFUSED] * 2
    assert prober.handshakes == 2


def test_budget_exhausted_raises_typed_error_before_connecting() -> None:
    with fault_server("alert") as srv:
        prober = Prober(ProbeOptions(max_handshakes=3))
        run(_many(prober, srv.target, 3))
        with pytest.raises(BudgetExceeded) as info:
            run(_once(prober, srv.target))
        assert srv.connections == 3
    assert isinstance(info.value, TlsDoctorError)
    assert prober.handshakes == 3


def test_budget_exhausted_while_waiting_in_parallel() -> None:
    with fault_server("alert") as srv:
        prober = Prober(ProbeOptions(max_handshakes=4, concurrency=2))

        async def go() -> list[object]:
            return list(await asyncio.gather(*(_once(prober, srv.target) for _ in range(6)),
                                             return_exceptions=True))

        results = run(go())
        assert srv.connections == 4
    assert sum(isinstance(r, BudgetExceeded) for r in results) == 2


@pytest.mark.parametrize("limit", [1, 2, 4])
def test_per_host_concurrency(limit: int) -> None:
    # The server holds each connection 0.3 s before answering, so parallel probes overlap
    # unless the prober serialises them.
    with fault_server("alert", hold=0.3) as srv:
        prober = Prober(ProbeOptions(concurrency=limit))
        run(_many(prober, srv.target, 6))
        assert srv.connections == 6
        assert srv.max_in_flight == limit


def test_delay_spaces_connection_starts() -> None:
    with fault_server("alert") as srv:
        prober = Prober(ProbeOptions(delay=0.25, concurrency=3))
        start = time.monotonic()
        run(_many(prober, srv.target, 4))
        gaps = [b - a for a, b in zip(srv.accepted_at, srv.accepted_at[1:], strict=False)]
    assert len(gaps) == 3
    assert min(gaps) >= 0.2  # 0.25 s, less scheduling slack
    assert time.monotonic() - start >= 0.7


def test_no_delay_by_default() -> None:
    with fault_server("alert") as srv:
        start = time.monotonic()
        run(_many(Prober(), srv.target, 4))
    assert time.monotonic() - start < 1.5


def test_backoff_after_repeated_resets() -> None:
    with fault_server("rst_after_hello") as srv:
        prober = Prober(ProbeOptions(concurrency=1, backoff_after=2, backoff_base=0.2,
                                     backoff_max=0.3))
        outcomes = run(_many(prober, srv.target, 5))
        gaps = [b - a for a, b in zip(srv.accepted_at, srv.accepted_at[1:], strict=False)]
    assert outcomes == [Outcome.RESET] * 5
    # pushbacks before connections 3, 4, 5: 2, 3, 4 -> pauses 0.2, 0.4 capped to 0.3, 0.3
    assert gaps[0] < 0.15
    assert gaps[1] >= 0.18 and gaps[2] >= 0.28 and gaps[3] >= 0.28 and max(gaps) < 1.0
    assert prober.backoff_seconds == pytest.approx(0.8)


def test_backoff_resets_after_a_good_answer() -> None:
    with fault_server("alert") as srv:
        prober = Prober(ProbeOptions(concurrency=1, backoff_after=1, backoff_base=0.5))
        run(_many(prober, srv.target, 3))
    assert prober.backoff_seconds == 0


def test_resets_that_answer_a_question_are_not_pushback() -> None:
    # The doctor's name questions (no SNI, a name nobody serves) are reset by name-based
    # servers by configuration: two of them between real resets do not lengthen the
    # streak, so the third counted reset is still below backoff_after=3.
    with fault_server("rst_after_hello") as srv:
        prober = Prober(ProbeOptions(concurrency=1, backoff_after=3, backoff_base=0.2))

        async def go() -> list[Outcome]:
            out = [await _once(prober, srv.target), await _once(prober, srv.target)]
            out += await asyncio.gather(*(_once(prober, srv.target, reset_is_answer=True)
                                          for _ in range(2)))
            return [*out, await _once(prober, srv.target)]

        outcomes = run(go())
        assert srv.connections == 5
    assert outcomes == [Outcome.RESET] * 5
    assert prober.answered_resets == 2
    assert prober.backoff_seconds == 0


def test_a_host_that_keeps_resetting_is_backed_off_from_despite_answers() -> None:
    # The twin: the same sequence with one more real reset reaches the streak, and the
    # connection after it pauses; answers in between do not clear the streak either.
    with fault_server("rst_after_hello") as srv:
        prober = Prober(ProbeOptions(concurrency=1, backoff_after=3, backoff_base=0.2))

        async def go() -> None:
            await _once(prober, srv.target)
            await _once(prober, srv.target)
            await _once(prober, srv.target, reset_is_answer=True)
            await _once(prober, srv.target)
            await _once(prober, srv.target, reset_is_answer=True)  # 3 counted: pauses

        run(go())
        gaps = [b - a for a, b in zip(srv.accepted_at, srv.accepted_at[1:], strict=False)]
    assert prober.answered_resets == 2
    assert prober.backoff_seconds == pytest.approx(0.2)
    assert gaps[-1] >= 0.18


def test_refusals_always_count_as_pushback() -> None:
    # A refused TCP connection answers no question about the hello: it counts even when
    # the probe was a name question.
    from probe_helpers import closed_port

    prober = Prober(ProbeOptions(concurrency=1, backoff_after=2, backoff_base=0.1,
                                 connect_timeout=1))
    target = Target(host="localhost", port=closed_port(), connect="127.0.0.1")

    async def go() -> None:
        for _ in range(3):
            await _once(prober, target, reset_is_answer=True)

    run(go())
    assert prober.answered_resets == 0
    assert prober.backoff_seconds == pytest.approx(0.1)


def test_hosts_are_limited_separately() -> None:
    with fault_server("alert", hold=0.3) as a, fault_server("alert", hold=0.3) as b:
        prober = Prober(ProbeOptions(concurrency=1))
        ta = Target(host="127.0.0.1", port=a.port)
        tb = Target(host="localhost", port=b.port, connect="127.0.0.2")
        start = time.monotonic()

        async def go() -> None:
            await asyncio.gather(_many(prober, ta, 2), _many(prober, tb, 2))

        # 127.0.0.2 is loopback too, but b listens on 127.0.0.1 only: refused, yet counted
        run(go())
        assert a.connections == 2
    assert prober.handshakes == 4
    assert time.monotonic() - start < 1.5


@pytest.mark.parametrize("kw", [
    {"connect_timeout": 0}, {"read_timeout": -1}, {"read_timeout": 10_000}, {"delay": -1},
    {"concurrency": 0}, {"max_handshakes": 0}, {"proxy": "socks5://127.0.0.1:1080"},
    {"proxy": "http://:80"}, {"max_bytes": 10}])
def test_absurd_options_are_usage_errors(kw: dict[str, object]) -> None:
    with pytest.raises(UsageError):
        ProbeOptions(**kw)  # type: ignore[arg-type]


@contextlib.contextmanager
def _one_at_a_time_server(work: float) -> Iterator[tuple[int, list[float]]]:
    """A real TLS server (Python ssl) that serves one connection at a time, spending
    ``work`` seconds on each before its handshake, as a small device or openssl
    s_server under load does: the other connections wait in its listen queue. Yields
    the port and the times at which it started each connection. Bounded: 20 accepts."""
    leaf = CA().issue(("localhost",), key_type="ec256", not_after=timedelta(days=2))
    with tempfile.TemporaryDirectory() as tmp:
        chain, key = leaf.write(Path(tmp))
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(chain, key)
    listener = socket.create_server(("127.0.0.1", 0), backlog=16)
    listener.settimeout(0.2)
    stop, started = threading.Event(), []

    def serve() -> None:
        for _ in range(20):
            while not stop.is_set():
                try:
                    conn, _ = listener.accept()
                    break
                except TimeoutError:
                    continue
            else:
                return
            started.append(time.monotonic())
            time.sleep(work)
            conn.settimeout(2)
            with contextlib.suppress(OSError, ValueError):
                ctx.wrap_socket(conn, server_side=True).close()  # the probe hangs up
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield int(listener.getsockname()[1]), started
    finally:
        stop.set()
        thread.join(5)
        listener.close()


def test_queued_connections_at_a_one_at_a_time_server_do_not_time_out() -> None:
    # Three hellos at once, 0.3 s of server work each, a 0.5 s answer timer: the third
    # is answered about 0.9 s after it was sent. Its wait in the listen queue must not
    # count as the server's silence (it did before: TIMEOUT for the second and third).
    spec = ClientHelloSpec(versions=(0x0303,), cipher_suites=(0xC02B, 0xC02F), groups=(0x001D, 0x0017),
                           signature_algorithms=(0x0403, 0x0804))
    with _one_at_a_time_server(0.3) as (port, started):
        prober = Prober(ProbeOptions(read_timeout=0.5, concurrency=3))
        target = Target(host="127.0.0.1", port=port)
        t0 = time.monotonic()
        results = run(run_probes(prober, target, [spec, spec, spec]))
        took = time.monotonic() - t0
    assert [r.outcome for r in results] == [Outcome.HANDSHAKE] * 3
    assert len(started) == 3 and started[2] - started[0] >= 0.55  # really served in turn
    assert took < 0.5 * 3 + 0.5  # and the bound, read_timeout x concurrency, still holds


def test_a_silent_host_still_times_out_after_read_timeout() -> None:
    # No answer on any connection: nothing moves the timers, all three end at 0.3 s.
    spec = ClientHelloSpec(versions=(0x0303,), cipher_suites=(0xC02F,))
    with fault_server("silence") as srv:
        prober = Prober(ProbeOptions(read_timeout=0.3, concurrency=3))
        target = Target(host="127.0.0.1", port=srv.port)
        t0 = time.monotonic()
        results = run(run_probes(prober, target, [spec, spec, spec]))
        took = time.monotonic() - t0
    assert [r.outcome for r in results] == [Outcome.TIMEOUT] * 3
    assert took < 0.3 + 0.4
