"""One probe: one connection, one ClientHello, the server's answer as a ProbeResult.

The wire session (sans-IO) decides what the bytes mean; this module only moves them,
bounds the time and bytes, and names what the *network* did when the session cannot:
a reset, a clean close, silence, a connection cut mid-message. Whatever the server
does, ``run_probe`` returns a ProbeResult; only a used-up budget (BudgetExceeded) or
an unencodable spec (UsageError, a caller bug) raise.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from ..errors import UsageError
from ..wire.hello import ClientHelloSpec
from ..wire.session import ClientSession, SessionOutcome, SessionResult
from .budget import ProbeOptions, Prober, Slot
from .net import ConnectFailed, close_writer, connect_socket, open_greeted
from .outcome import CertRequest, Offer, Outcome, ProbeResult
from .target import Target

_READ_CHUNK = 64 * 1024
_CLOSE_WAIT = 1.0  # seconds to let our FIN go out before dropping the transport

_DIRECT = {
    SessionOutcome.HANDSHAKE: Outcome.HANDSHAKE,
    SessionOutcome.HELLO_RETRY: Outcome.HELLO_RETRY,
    SessionOutcome.ALERT: Outcome.ALERT,
    SessionOutcome.MALFORMED: Outcome.MALFORMED,
    SessionOutcome.PLAINTEXT: Outcome.PLAINTEXT,
    SessionOutcome.GARBAGE: Outcome.GARBAGE,
}
# ProbeResult fields copied one to one from the SessionResult.
_COPIED = ("version", "cipher_suite", "group", "dh_bits", "dh_prime", "alert", "certificates",
           "ocsp_staple", "server_extensions", "hello_retry_group", "alpn",
           "secure_renegotiation", "extended_master_secret", "session_ticket", "compression",
           "downgrade_sentinel", "server_signature_scheme", "server_signature_ok",
           "plaintext", "ladder")


class _End(StrEnum):
    """Why reading stopped."""

    DONE = "done"  # the session has its answer
    EOF = "eof"  # clean close by the server
    RESET = "reset"  # RST (ECONNRESET) while reading
    TIMEOUT = "timeout"  # read_timeout elapsed (total, not per read: drips do not extend it)
    SEND_FAILED = "send_failed"  # the hello could not even be sent (reset on arrival)


@dataclass(frozen=True, slots=True)
class _Exchange:
    end: _End
    received: int
    error: str = ""
    greeting: bytes = b""  # the STARTTLS server's greeting line (untrusted, capped)


def _offer(session: ClientSession) -> Offer:
    o = session.offer
    return Offer(versions=o.versions, cipher_suites=o.cipher_suites, groups=o.groups,
                 signature_algorithms=o.signature_algorithms, sni=o.sni, alpn=o.alpn,
                 size=o.size)


def _new_session(spec: ClientHelloSpec, options: ProbeOptions, *,
                 retry_on_hrr: bool = False) -> ClientSession:
    try:
        return ClientSession(spec, max_bytes=options.max_bytes, retry_on_hrr=retry_on_hrr)
    except ValueError as exc:
        raise UsageError(f"cannot build this ClientHello: {exc}") from exc


@dataclass(slots=True)
class _Answer:
    """What the bytes read so far mean for the exchange: shared by both transports."""

    session: ClientSession
    received: int = 0

    def take(self, data: bytes) -> tuple[_End | None, bytes]:
        """One read's bytes -> (why reading ends, or None to go on; bytes to send: a
        second hello after a HelloRetryRequest)."""
        if not data:
            return _End.EOF, b""
        self.received += len(data)
        self.session.receive_data(data)
        if self.session.done:
            return _End.DONE, b""
        return None, self.session.data_to_send()


async def _exchange(session: ClientSession, recv: Callable[[int], Awaitable[bytes]],
                    sendall: Callable[[bytes], Awaitable[object]], slot: Slot) -> _Exchange:
    """Send the hello, read until the session is done; one timer for the whole answer.
    ``recv``/``sendall``: a stream's (proxy, STARTTLS)."""
    answer, sent = _Answer(session), False
    try:
        async with slot.wait_answer():
            try:
                await sendall(session.data_to_send())
            except OSError:
                return _Exchange(_End.SEND_FAILED, 0, _SEND_FAILED)
            sent = True
            while True:
                try:
                    data = await recv(_READ_CHUNK)
                except (ConnectionResetError, ConnectionAbortedError, BrokenPipeError):
                    return _Exchange(_End.RESET, answer.received)
                except OSError as exc:
                    return _Exchange(_End.RESET, answer.received,
                                     exc.strerror or type(exc).__name__)
                end, second = answer.take(data)
                if end is not None:
                    return _Exchange(end, answer.received)
                if second:
                    try:
                        await sendall(second)
                    except OSError:
                        return _Exchange(_End.RESET, answer.received)
    except TimeoutError:
        if not sent:
            return _Exchange(_End.SEND_FAILED, 0, _SEND_FAILED)
        return _Exchange(_End.TIMEOUT, answer.received)


_SEND_FAILED = "the connection was reset before the hello could be sent"


async def _over_socket(session: ClientSession, target: Target, options: ProbeOptions,
                       slot: Slot) -> tuple[_Exchange, str | None]:
    """The direct path: a bare non-blocking socket. The answer is read in the event
    loop's readiness callback, which closes the socket the moment the session has its
    answer: a server that serves one connection at a time (openssl s_server) waits for
    that close before it takes the next connection, so every loop turn saved here is
    saved once per probe on the whole scan. When the framing alone shows the first
    bytes are a whole answer (``ClientSession.finishes_on``: an alert, a TLS <= 1.2
    flight, a HelloRetryRequest), it hangs up before decoding them."""
    sock = await connect_socket(target.address, target.port, options.connect_timeout)
    try:
        try:
            peer: str | None = str(sock.getpeername()[0])
        except OSError:
            peer = None
        loop = asyncio.get_running_loop()
        answer, sent = _Answer(session), False
        try:
            async with slot.wait_answer():
                try:
                    await loop.sock_sendall(sock, session.data_to_send())
                except OSError:
                    return _Exchange(_End.SEND_FAILED, 0, _SEND_FAILED), peer
                sent = True
                return await _SocketReader(loop, sock, answer).wait(), peer
        except TimeoutError:
            if not sent:
                return _Exchange(_End.SEND_FAILED, 0, _SEND_FAILED), peer
            return _Exchange(_End.TIMEOUT, answer.received), peer
    finally:
        sock.close()


class _SocketReader:
    """Reads an answer in the loop's readiness callback (no task wake-up per read)."""

    def __init__(self, loop: asyncio.AbstractEventLoop, sock: socket.socket,
                 answer: _Answer) -> None:
        self._loop, self._sock, self._answer = loop, sock, answer
        self._fd = sock.fileno()
        self._done: asyncio.Future[_Exchange] = loop.create_future()
        self._reading = False

    async def wait(self) -> _Exchange:
        self._loop.add_reader(self._fd, self._readable)
        self._reading = True
        try:
            return await self._done
        finally:
            self._stop()  # timed out: the caller closes the socket

    def _stop(self) -> None:
        if self._reading:
            self._reading = False
            self._loop.remove_reader(self._fd)

    def _readable(self) -> None:
        try:
            self._read()
        except Exception as exc:  # a bug must reach the caller, as it would from a task
            if not self._done.done():
                self._hang_up()
                self._done.set_exception(exc)

    def _read(self) -> None:
        error = ""
        try:
            data = self._sock.recv(_READ_CHUNK)
        except (BlockingIOError, InterruptedError):
            return
        except (ConnectionResetError, ConnectionAbortedError, BrokenPipeError):
            end: _End | None = _End.RESET
        except OSError as exc:
            end, error = _End.RESET, exc.strerror or type(exc).__name__
        else:
            whole = not self._answer.received and self._answer.session.finishes_on(data)
            if whole:  # hang up first, decode after: the server is free at once
                self._hang_up()
            end, second = self._answer.take(data)
            if whole and end is None:  # cannot happen (finishes_on's promise); be safe
                end = _End.EOF
            elif end is None and second:
                try:
                    self._sock.sendall(second)  # a few hundred bytes: fits the buffer
                except OSError:
                    end = _End.RESET
        if end is None or self._done.done():
            return
        self._hang_up()
        self._done.set_result(_Exchange(end, self._answer.received, error))

    def _hang_up(self) -> None:
        self._stop()
        self._sock.close()  # now, not a loop turn later: see _over_socket


async def _over_streams(session: ClientSession, target: Target, options: ProbeOptions,
                        slot: Slot) -> tuple[_Exchange, str | None]:
    """Through the HTTP proxy or after the STARTTLS dialog (both need streams)."""
    reader, writer, greeting = await open_greeted(target, options)
    peer = None if options.proxy else _peer(writer)
    try:
        async def sendall(data: bytes) -> None:
            writer.write(data)
            await writer.drain()

        ex = await _exchange(session, reader.read, sendall, slot)
        return replace(ex, greeting=greeting), peer
    finally:
        await close_writer(writer, _CLOSE_WAIT)


def _outcome(sr: SessionResult, ex: _Exchange, options: ProbeOptions
             ) -> tuple[Outcome, str, dict[str, object]]:
    """Map the session's verdict and the way the connection ended onto an Outcome."""
    extra: dict[str, object] = {}
    if sr.outcome in _DIRECT:
        return _DIRECT[sr.outcome], sr.error, extra
    n = ex.received
    if ex.end is _End.SEND_FAILED:
        return Outcome.RESET_BEFORE_REPLY, ex.error, extra
    if ex.end is _End.TIMEOUT:
        if n:
            extra["partial_bytes"] = n
            return (Outcome.TIMEOUT, f"only {n} bytes of an answer within "
                                     f"{options.read_timeout:g} s", extra)
        return Outcome.TIMEOUT, f"no answer within {options.read_timeout:g} s", extra
    if n == 0:
        if ex.end is _End.RESET:
            return Outcome.RESET, ex.error or "connection reset after the ClientHello", extra
        return Outcome.CLOSED, "connection closed after the ClientHello, without an answer", extra
    # The server started an answer and the connection ended inside it: a truncating
    # middlebox, or a server that crashed mid-flight.
    extra["truncated"] = True
    extra["partial_bytes"] = n
    how = "reset" if ex.end is _End.RESET else "closed"
    detail = f" ({sr.error})" if sr.error else ""
    return Outcome.MALFORMED, f"connection {how} after {n} bytes, mid-message{detail}", extra


# The last few distinct certificate chains seen, so the hundreds of probes of one scan
# share one copy of the chain instead of holding one each: a 150 KB chain (10,000 SANs)
# times 360 probes was 250 MB of RSS (issue 7). Bounded: 8 chains of <= 1 MiB each.
_CHAINS: OrderedDict[tuple[bytes, ...], tuple[bytes, ...]] = OrderedDict()
_CHAINS_KEPT = 8


def _shared_chain(chain: tuple[bytes, ...]) -> tuple[bytes, ...]:
    if not chain:
        return chain
    kept = _CHAINS.get(chain)
    if kept is not None:
        _CHAINS.move_to_end(chain)
        return kept
    _CHAINS[chain] = chain
    if len(_CHAINS) > _CHAINS_KEPT:
        _CHAINS.popitem(last=False)
    return chain


def _result(label: str, offer: Offer, sr: SessionResult, outcome: Outcome, error: str,
            extra: dict[str, object], seconds: float, peer: str | None) -> ProbeResult:
    fields = {name: getattr(sr, name) for name in _COPIED}
    if "certificates" in fields:
        fields["certificates"] = _shared_chain(tuple(fields["certificates"]))
    if outcome not in (Outcome.PLAINTEXT, Outcome.GARBAGE):
        fields["plaintext"] = b""
    cert_request = None
    if sr.cert_request is not None:
        cert_request = CertRequest(ca_names=tuple(sr.cert_request.ca_names),
                                   signature_algorithms=tuple(
                                       sr.cert_request.signature_algorithms))
    extra = dict(extra)
    if sr.bytes_received:
        extra.setdefault("bytes_received", sr.bytes_received)
    if sr.hello_retried:
        extra["hello_retried"] = True
    if sr.sslv2_cipher_kinds:
        extra["sslv2_cipher_kinds"] = sr.sslv2_cipher_kinds
    return ProbeResult(label=label, offer=offer, outcome=outcome, seconds=seconds,
                       cert_request=cert_request, error=error, extra=extra, peer=peer,
                       **fields)


async def run_probe(prober: Prober, target: Target, spec: ClientHelloSpec, *,
                    label: str, reset_is_answer: bool = False,
                    retry_on_hrr: bool = False) -> ProbeResult:
    """Send one ClientHello to ``target`` over a fresh connection; never raises on
    server behaviour. Counted by ``prober`` (BudgetExceeded when used up);
    ``reset_is_answer`` as in ``Prober.slot``; ``retry_on_hrr``: answer a
    HelloRetryRequest with the share it asks for, as every real client does, and go on
    to the server's certificate (the scanner keeps the HRR as its answer: the group)."""
    options = prober.options
    session = _new_session(spec, options, retry_on_hrr=retry_on_hrr)
    offer = _offer(session)
    async with prober.slot(target, reset_is_answer=reset_is_answer) as slot:
        start = time.monotonic()
        over = _over_streams if options.proxy or target.starttls else _over_socket
        try:
            ex, peer = await over(session, target, options, slot)
        except ConnectFailed as exc:
            result = ProbeResult(label=label, offer=offer, outcome=exc.outcome,
                                 seconds=time.monotonic() - start, error=exc.error,
                                 plaintext=exc.reply)
            slot.report(result.outcome)
            return result
        except OSError as exc:  # anything the classifier did not foresee
            result = ProbeResult(label=label, offer=offer, outcome=Outcome.UNREACHABLE,
                                 seconds=time.monotonic() - start,
                                 error=exc.strerror or type(exc).__name__)
            slot.report(result.outcome)
            return result
        if ex.end in (_End.EOF, _End.RESET):
            session.connection_closed()  # lets it name a plaintext or garbage answer
        sr = session.result()
        outcome, error, extra = _outcome(sr, ex, options)
        if ex.greeting:  # names the software (doctor); latin-1: every byte is a character
            extra["greeting"] = ex.greeting.decode("latin-1")
        result = _result(label, offer, sr, outcome, error, extra, time.monotonic() - start,
                         peer)
        slot.report(outcome)
        return result


def _peer(writer: asyncio.StreamWriter) -> str | None:
    """The address the connection reached (a resolved name: what curl --resolve needs)."""
    name = writer.get_extra_info("peername")
    return str(name[0]) if isinstance(name, tuple) and name else None


Probe = ClientHelloSpec | tuple[ClientHelloSpec, str]


def _labelled(specs: Iterable[Probe]) -> list[tuple[ClientHelloSpec, str]]:
    out = []
    for i, item in enumerate(specs):
        out.append(item if isinstance(item, tuple) else (item, f"probe {i + 1}"))
    return out


async def run_probes(prober: Prober, target: Target, specs: Iterable[Probe]
                     ) -> list[ProbeResult]:
    """Run several probes concurrently (the prober's per-host limit applies); results
    in the order of ``specs``. Items are specs or (spec, label) pairs.

    Raises BudgetExceeded, after the probes that fit in the budget have run.
    """
    pairs = _labelled(specs)
    results = await asyncio.gather(*(run_probe(prober, target, s, label=label)
                                     for s, label in pairs), return_exceptions=True)
    out: list[ProbeResult] = []
    for r in results:
        if isinstance(r, BaseException):
            raise r
        out.append(r)
    return out


def probe(target: Target, spec: ClientHelloSpec, *, label: str = "probe",
          options: ProbeOptions | None = None) -> ProbeResult:
    """Synchronous convenience: one probe with a fresh Prober (own event loop)."""
    return asyncio.run(run_probe(Prober(options), target, spec, label=label))


def probe_many(target: Target, specs: Sequence[Probe], *,
               options: ProbeOptions | None = None) -> list[ProbeResult]:
    """Synchronous convenience for run_probes with a fresh Prober (own event loop)."""
    return asyncio.run(run_probes(Prober(options), target, specs))
