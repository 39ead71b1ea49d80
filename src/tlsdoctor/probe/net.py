"""Opening the connection a probe runs over: DNS, TCP, HTTP CONNECT proxy, STARTTLS.

Every way this can fail becomes a ``ConnectFailed`` carrying the Outcome a report
speaks of (refused, timeout, DNS, unreachable, proxy, STARTTLS), never a raw OSError.
(The plaintext protocol a port answered with is named in ``plaintext.py``.)
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import functools
import ipaddress
import os
import re
import socket
import ssl

from .budget import ProbeOptions, proxy_address
from .outcome import Outcome
from .starttls import StartTlsError, starttls
from .target import Target

_MAX_ADDRESSES = 4  # addresses of one name tried in turn (bounded: time = n * timeout)
_UNREACHABLE = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EHOSTDOWN, errno.EADDRNOTAVAIL,
                errno.ENETDOWN}


class ConnectFailed(Exception):
    """The connection could not be made; ``outcome`` says how (for the ProbeResult)."""

    def __init__(self, outcome: Outcome, error: str, *, reply: bytes = b"") -> None:
        super().__init__(error)
        self.outcome = outcome
        self.error = error
        self.reply = reply[:512]  # what a proxy or STARTTLS server said (untrusted)


def _os_outcome(exc: OSError) -> Outcome:
    if isinstance(exc, ConnectionRefusedError):
        return Outcome.REFUSED
    if isinstance(exc, ConnectionResetError | ConnectionAbortedError):
        return Outcome.RESET_BEFORE_REPLY
    if isinstance(exc, TimeoutError):
        return Outcome.CONNECT_TIMEOUT
    if exc.errno in _UNREACHABLE:
        return Outcome.UNREACHABLE
    if exc.errno == errno.ETIMEDOUT:
        return Outcome.CONNECT_TIMEOUT
    return Outcome.UNREACHABLE


def _describe(exc: OSError) -> str:
    # asyncio's own strerror ("Connect call failed ...") hides the reason; the errno text
    # ("Connection refused") is what a user recognises.
    if exc.errno:
        return os.strerror(exc.errno)
    return exc.strerror or type(exc).__name__


async def _resolve(host: str, port: int, timeout: float) -> list[tuple[int, str]]:
    literal = _ip_literal(host)
    if literal is not None:
        # An address needs no lookup: asyncio's getaddrinfo goes through a worker thread,
        # a thread hand-off per connection (a scan makes a hundred or more).
        return [literal]
    loop = asyncio.get_running_loop()
    try:
        infos = await asyncio.wait_for(
            loop.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP),
            timeout)
    except TimeoutError:
        raise ConnectFailed(Outcome.DNS_FAILURE,
                            f"resolving {host!r} took longer than {timeout:g} s") from None
    except (socket.gaierror, UnicodeError) as exc:
        text = exc.strerror if isinstance(exc, socket.gaierror) else str(exc)
        raise ConnectFailed(Outcome.DNS_FAILURE, f"cannot resolve {host!r}: {text}") from None
    out: list[tuple[int, str]] = []
    for family, _type, _proto, _canon, sockaddr in infos:
        item = (int(family), str(sockaddr[0]))
        if item not in out:
            out.append(item)
    if not out:
        raise ConnectFailed(Outcome.DNS_FAILURE, f"{host!r} has no address")
    return out[:_MAX_ADDRESSES]


@functools.lru_cache(maxsize=256)  # a scan asks about the same host a hundred times
def _ip_literal(host: str) -> tuple[int, str] | None:
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return None
    return (int(socket.AF_INET6 if ip.version == 6 else socket.AF_INET), str(ip))


async def _tcp(host: str, port: int, timeout: float
               ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """Connect to the first address of ``host`` that answers."""
    last: ConnectFailed | None = None
    for _family, ip in await _resolve(host, port, timeout):
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(ip, port, limit=1 << 16), timeout)
        except TimeoutError:
            last = ConnectFailed(Outcome.CONNECT_TIMEOUT,
                                 f"no answer from {_join(ip, port)} within {timeout:g} s")
        except OSError as exc:
            last = ConnectFailed(_os_outcome(exc), f"{_join(ip, port)}: {_describe(exc)}")
        else:
            _nodelay(writer)
            return reader, writer
    assert last is not None  # _resolve returns at least one address
    raise last


async def connect_socket(host: str, port: int, timeout: float) -> socket.socket:
    """A connected non-blocking TCP socket to the first address of ``host`` that answers.

    The direct path of a probe (no proxy, no STARTTLS): a bare socket driven with the
    loop's ``sock_*`` calls costs a few event-loop turns per connection where streams
    (transport, protocol, reader, writer, a task per ``wait_for``) cost a dozen, and a
    scan makes a hundred connections. Raises ConnectFailed like ``open_connection``.
    """
    loop = asyncio.get_running_loop()
    last: ConnectFailed | None = None
    for family, ip in await _resolve(host, port, timeout):
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.setblocking(False)
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            async with asyncio.timeout(timeout):
                await _connect(loop, sock, (ip, port))
        except TimeoutError:
            sock.close()
            last = ConnectFailed(Outcome.CONNECT_TIMEOUT,
                                 f"no answer from {_join(ip, port)} within {timeout:g} s")
        except OSError as exc:
            sock.close()
            last = ConnectFailed(_os_outcome(exc), f"{_join(ip, port)}: {_describe(exc)}")
        except BaseException:
            sock.close()
            raise
        else:
            return sock
    assert last is not None  # _resolve returns at least one address
    raise last


async def _connect(loop: asyncio.AbstractEventLoop, sock: socket.socket,
                   address: tuple[str, int]) -> None:
    try:
        sock.connect(address)
        return
    except BlockingIOError:
        pass
    try:
        # On loopback and fast LANs the handshake is often over when connect() returns
        # EINPROGRESS: then there is no need to wait a loop turn for writability.
        sock.getpeername()
        return
    except OSError:
        pass
    try:
        await loop.sock_connect(sock, address)
    except OSError as exc:
        if exc.errno != errno.EISCONN:  # connected between the two calls
            raise


def _nodelay(writer: asyncio.StreamWriter) -> None:
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):  # not TCP, or already closed
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def _join(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


async def _proxy_connect(target: Target, options: ProbeOptions
                         ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    assert options.proxy is not None
    phost, pport = proxy_address(options.proxy)
    try:
        reader, writer = await _tcp(phost, pport, options.connect_timeout)
    except ConnectFailed as exc:
        raise ConnectFailed(Outcome.PROXY_FAILED, f"proxy {_join(phost, pport)}: {exc.error}"
                            ) from None
    authority = _join(target.address, target.port)
    writer.write(f"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n"
                 "User-Agent: tlsdoctor\r\n\r\n".encode("ascii", "replace"))
    head = b""
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), options.connect_timeout)
    except TimeoutError:
        await close_writer(writer)
        raise ConnectFailed(Outcome.PROXY_FAILED,
                            f"proxy did not answer CONNECT within {options.connect_timeout:g} s"
                            ) from None
    except asyncio.IncompleteReadError as exc:
        head = exc.partial
    except asyncio.LimitOverrunError:
        head = b"(oversized reply)"
    except OSError as exc:
        await close_writer(writer)
        raise ConnectFailed(Outcome.PROXY_FAILED, f"proxy: {_describe(exc)}") from None
    status = head.split(b"\r\n", 1)[0]
    m = re.match(rb"HTTP/1\.[01] (\d{3})", status)
    if m is None or m.group(1) != b"200" or not head.endswith(b"\r\n\r\n"):
        await close_writer(writer)
        said = status[:120].decode("latin-1") or "nothing"
        raise ConnectFailed(Outcome.PROXY_FAILED, f"proxy refused CONNECT {authority}: {said}",
                            reply=head)
    return reader, writer


async def open_connection(target: Target, options: ProbeOptions | None = None
                          ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """Connect to ``target.address`` (``--connect`` or the host), via the proxy and
    the STARTTLS dialog when asked; ready for the first TLS byte.

    Raises ConnectFailed, whose ``outcome`` is one of REFUSED, CONNECT_TIMEOUT,
    RESET_BEFORE_REPLY, DNS_FAILURE, UNREACHABLE, PROXY_FAILED, STARTTLS_FAILED.
    """
    reader, writer, _ = await open_greeted(target, options)
    return reader, writer


async def open_greeted(target: Target, options: ProbeOptions | None = None
                       ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter, bytes]:
    """``open_connection``, and the STARTTLS server's greeting line (b"": none)."""
    options = options or ProbeOptions()
    greeting = b""
    if options.proxy:
        reader, writer = await _proxy_connect(target, options)
    else:
        reader, writer = await _tcp(target.address, target.port, options.connect_timeout)
    if target.starttls:
        try:
            greeting = await starttls(target.starttls, reader, writer, host=target.host,
                                      timeout=options.connect_timeout)
        except StartTlsError as exc:
            await close_writer(writer)
            raise ConnectFailed(exc.outcome, f"STARTTLS ({target.starttls}): {exc.reason}",
                                reply=exc.reply) from None
    return reader, writer, greeting


async def close_writer(writer: asyncio.StreamWriter, wait: float = 1.0) -> None:
    """Close and wait until the transport is gone; abort it if the peer stalls the close.

    A transport left "closing" when the event loop ends is a leaked socket (and a
    ResourceWarning), so every connection the prober opens ends here.
    """
    writer.close()
    try:
        await asyncio.wait_for(writer.wait_closed(), wait)
    except (TimeoutError, OSError, ssl.SSLError):
        writer.transport.abort()
    except asyncio.CancelledError:
        writer.transport.abort()
        raise
