"""Reproduce a failure with this machine's real TLS stack (Python ``ssl`` on OpenSSL).

The crafted probes say *why*; this says *whether*: the exact error text the local
library gives is what the user saw, and it catches what only a full handshake shows
(a TLS 1.3 server rejecting the missing client certificate after the handshake).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import ssl
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from ..errors import UsageError
from .net import close_writer
from .target import Target

_READ_CAP = 16 * 1024
# The least time given to an HTTP answer after the handshake (on loopback a handshake
# takes a few ms; 3x the handshake time covers a remote server's round trips).
HTTP_WAIT_FLOOR = 0.05
# The clock peek (verify=False) is made for the Date header: a little more patience.
CLOCK_WAIT_FLOOR = 0.1


@dataclass(frozen=True, slots=True, kw_only=True)
class Reproduction:
    ok: bool  # the handshake (and the first read) succeeded with verification on
    verified: bool  # certificate verification was requested
    error: str = ""  # the library's own words, e.g. "[SSL: CERTIFICATE_VERIFY_FAILED] ..."
    verify_code: int | None = None  # X509_V_ERR_* number
    verify_message: str = ""
    reason: str = ""  # OpenSSL reason code, e.g. TLSV1_ALERT_PROTOCOL_VERSION
    version: str | None = None
    cipher: str | None = None
    http_date: datetime | None = None  # the server's clock, from an HTTP Date header
    server_header: str | None = None  # the HTTP Server header (untrusted text, capped)
    after_handshake_error: str = ""  # error on the first read (e.g. certificate required)
    http_status: int | None = None  # the HTTP answer's status code; None: no HTTP answer
    http_text: str = ""  # the start of the answer's body (printable, capped): nginx says
    # "No required SSL certificate was sent" in a 400 when it enforces client certificates
    http_reason: str | None = None  # the status line's reason phrase (printable, capped);
    # "" when the server sent none ("HTTP/1.1 404 ", as Tomcat does); None: no status line
    seconds: float = 0.0

    def to_json(self) -> dict[str, object]:
        return {"ok": self.ok, "error": self.error, "verify_code": self.verify_code,
                "reason": self.reason, "version": self.version, "cipher": self.cipher,
                "http_date": self.http_date.isoformat() if self.http_date else None,
                "server_header": self.server_header,
                "after_handshake_error": self.after_handshake_error,
                "http_status": self.http_status, "http_text": self.http_text or None}


def make_context(ca_file: str | None, *, verify: bool = True,
                 check_hostname: bool = True) -> ssl.SSLContext:
    """This machine's default client context, also trusting ``ca_file``; shared, not to be
    changed by the caller (``check_hostname=False`` for a handshake without a name).

    Loading the system store costs tens of milliseconds, most of a healthy diagnosis's CPU
    and half of a fleet run's: one context per (file as it is now, options, environment)
    serves every handshake, as an SSLContext may. UsageError when OpenSSL cannot load
    ``ca_file`` (callers check it first with ``tlsdoctor.options.ca_file``; this keeps a
    library caller's typo from becoming a bare SSLError).
    """
    stamp = None
    if ca_file:
        try:
            st = os.stat(ca_file)
            stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
        except OSError:
            pass  # _context raises the one-line error
    env = (os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))
    return _context(ca_file or None, stamp, verify, check_hostname, env)


@lru_cache(maxsize=32)
def _context(ca_file: str | None, stamp: object, verify: bool, check_hostname: bool,
             env: object) -> ssl.SSLContext:
    if not verify:
        return _unverified_context()
    ctx = ssl.create_default_context()
    if ca_file:
        try:
            ctx.load_verify_locations(cafile=ca_file)
        except (ssl.SSLError, OSError) as exc:
            why = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or str(exc)
            raise UsageError(f"--ca-file {ca_file}: OpenSSL cannot load it ({why})") from None
    if not check_hostname:
        ctx.check_hostname = False
    return ctx


def _unverified_context() -> ssl.SSLContext:
    """``create_default_context()`` with verification off, without loading the store it
    would never read (~20-30 ms: most of the clock peek's CPU)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    keylog = os.environ.get("SSLKEYLOGFILE")
    if keylog and not sys.flags.ignore_environment:  # as create_default_context does
        ctx.keylog_filename = keylog
    return ctx


def _header(head: bytes, wanted: bytes) -> str | None:
    for line in head.split(b"\r\n")[1:40]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == wanted:
            return value.strip()[:200].decode("latin-1")
    return None


def _parse_date(head: bytes) -> datetime | None:
    value = _header(head, b"date")
    if value is None:
        return None
    import email.utils  # here: the email package is a noticeable share of start-up

    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None


def _server_header(head: bytes) -> str | None:
    value = _header(head, b"server")
    # Keep it printable: it is server-controlled text that ends up in reports.
    return "".join(c for c in value if c.isprintable()) or None if value else None


async def reproduce(target: Target, *, ca_file: str | None = None, verify: bool = True,
                    timeout: float = 5.0, http: bool = True,
                    context: ssl.SSLContext | None = None,
                    listen_first: bool = True,
                    on_handshake: Callable[[], object] | None = None) -> Reproduction:
    """One real handshake; never raises for server behaviour.

    ``context``: one from ``make_context`` built beforehand with the same options (the
    first one loads the system store; a caller pacing connections builds it before its
    slot).
    ``listen_first``: wait a moment for a post-handshake alert before speaking (a TLS 1.3
    server rejecting the missing client certificate); needed only when the server asked
    for one, which the crafted probes see. The HTTP answer is awaited max(50 ms, 3x the
    handshake time); ``verify=False`` is the clock peek, made for the Date header: max(100
    ms, 4x the handshake time).
    ``on_handshake``: called once the handshake is done, before the waits for an answer: the
    caller's CPU work (in a thread) fills them without slowing the handshake, whose time
    sets the wait.
    """
    server_hostname = target.sni if target.sni else None
    # No name, nothing to check: the crafted probes report the certificate's names.
    ctx = context if context is not None else make_context(
        ca_file, verify=verify, check_hostname=server_hostname is not None)
    start = time.monotonic()
    writer = None
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(target.address, target.port, ssl=ctx,
                                    server_hostname=server_hostname or "",
                                    ssl_handshake_timeout=timeout), timeout)
        sslobj = writer.get_extra_info("ssl_object")
        version = sslobj.version() if sslobj else None
        cipher = sslobj.cipher()[0] if sslobj and sslobj.cipher() else None
        # A server answering HTTP does so within a round trip or two of the handshake;
        # one that never answers (openssl s_server, a non-HTTP service) must not cost a
        # fixed wait on every diagnosis (it was 0.75 s, most of a healthy run).
        handshake = time.monotonic() - start
        wait = min(timeout, max(CLOCK_WAIT_FLOOR, 4 * handshake) if not verify
                   else max(HTTP_WAIT_FLOOR, 3 * handshake))
        if on_handshake is not None:
            on_handshake()
        data, after = await _after_handshake(reader, writer, target, http=http, wait=wait,
                                             listen=min(timeout, 0.25) if listen_first else 0.0)
        date, software = (_parse_date(data), _server_header(data)) if data.startswith(b"HTTP/") \
            else (None, None)
        return Reproduction(ok=not after, verified=verify, version=version, cipher=cipher,
                            http_date=date, server_header=software,
                            after_handshake_error=after, http_status=_status(data),
                            http_text=_body(data), http_reason=_reason_phrase(data),
                            reason=_reason(after), seconds=time.monotonic() - start)
    except ssl.SSLCertVerificationError as exc:
        return Reproduction(ok=False, verified=verify, error=_text(exc),
                            verify_code=exc.verify_code, verify_message=exc.verify_message or "",
                            reason="CERTIFICATE_VERIFY_FAILED", seconds=time.monotonic() - start)
    except ssl.SSLError as exc:
        return Reproduction(ok=False, verified=verify, error=_text(exc), reason=exc.reason or "",
                            seconds=time.monotonic() - start)
    except TimeoutError:
        return Reproduction(ok=False, verified=verify, error="timed out",
                            seconds=time.monotonic() - start)
    except OSError as exc:
        return Reproduction(ok=False, verified=verify, error=exc.strerror or str(exc),
                            seconds=time.monotonic() - start)
    finally:
        if writer is not None:
            await close_writer(writer)


async def _after_handshake(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                           target: Target, *, http: bool, wait: float,
                           listen: float) -> tuple[bytes, str]:
    """(what the server said first, the error that ended the connection or "")."""
    data = b""
    try:
        if listen > 0:
            # Listen before speaking: a TLS 1.3 server that rejects the (missing) client
            # certificate sends its alert right after our Finished; writing first could
            # turn that alert into a bare RST and lose it.
            with contextlib.suppress(TimeoutError):
                data = await asyncio.wait_for(reader.read(_READ_CAP), listen)
        if http and not data and not reader.at_eof():
            host = target.sni or target.host
            # GET when the server asked for a client certificate: servers that enforce it
            # after the handshake (nginx ssl_verify_client) say so only in the body.
            method = "GET" if listen > 0 else "HEAD"
            writer.write(f"{method} / HTTP/1.0\r\nHost: {host}\r\n\r\n".encode("ascii", "replace"))
            await writer.drain()
            data = await asyncio.wait_for(reader.read(_READ_CAP), wait)
    except ssl.SSLError as exc:
        return data, _text(exc)
    except ConnectionError as exc:
        return data, f"connection reset by the server after the handshake ({exc.strerror or exc})"
    except (TimeoutError, OSError):
        pass
    return data, ""


def _status(data: bytes) -> int | None:
    """The status code of an HTTP/1.x status line ("HTTP/1.1 400 Bad Request")."""
    if not data.startswith(b"HTTP/"):
        return None
    parts = data.split(b"\r\n", 1)[0].split(b" ", 2)
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() and len(parts[1]) == 3 else None


def _reason_phrase(data: bytes) -> str | None:
    """The reason phrase of an HTTP/1.x status line: "" for "HTTP/1.1 404 " (the space
    before it sent, the phrase left out); None when the line is not of that form."""
    m = re.fullmatch(rb"HTTP/1\.[01] \d{3} (.{0,200})", data.split(b"\r\n", 1)[0])
    if m is None:
        return None
    return "".join(c for c in m.group(1).decode("latin-1") if c.isprintable())


def _body(data: bytes) -> str:
    """The start of the body, as printable text without markup (server-controlled)."""
    _, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return ""
    text = re.sub(r"<[^>]{0,200}>", " ", body[:2000].decode("latin-1"))
    return " ".join("".join(c for c in text if c.isprintable()).split())[:300]


def _text(exc: BaseException) -> str:
    return str(exc)[:500]


def _reason(text: str) -> str:
    if "CERTIFICATE_REQUIRED" in text.upper() or "certificate required" in text:
        return "TLSV13_ALERT_CERTIFICATE_REQUIRED"
    return ""
