"""Helpers for the codec tests: talk to a real peer on loopback, load recorded bytes.

Shared by the tests and by ``fixtures/record.py`` (which re-records the fixtures).
Every exchange is bounded in bytes and seconds.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

from tlsdoctor.wire import (
    ContentType,
    DecodeError,
    HandshakeReassembler,
    HandshakeType,
    Record,
    RecordReader,
    SSLv2Record,
    decode_server_hello,
)

FIXTURES = Path(__file__).parent / "fixtures"
RANDOM = bytes(range(32))  # a fixed ClientHello.random makes recordings comparable
CAP = 1 << 20


def load(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def parse_flight(data: bytes) -> tuple[list[Record | SSLv2Record], list[tuple[int, bytes]]]:
    """All complete records and the plaintext handshake messages in them (stops at the
    first encrypted record: after a TLS 1.3 ServerHello or a ChangeCipherSpec)."""
    rr = RecordReader()
    rr.feed(data)
    records = list(rr.records())
    hs = HandshakeReassembler()
    messages: list[tuple[int, bytes]] = []
    encrypted = False
    for rec in records:
        if isinstance(rec, SSLv2Record):
            continue
        if rec.content_type == ContentType.change_cipher_spec:
            encrypted = True
        if rec.content_type != ContentType.handshake or encrypted:
            continue
        hs.feed(rec.fragment)
        for m in hs.messages():
            messages.append((int(m.msg_type), m.body))
            if m.msg_type == HandshakeType.server_hello:
                sh = decode_server_hello(m.body)
                if sh.version == 0x0304 and not sh.is_hello_retry_request:
                    encrypted = True
    return records, messages


def flight_done(data: bytes) -> bool:
    """True once the server's first flight is complete enough to stop reading."""
    try:
        records, messages = parse_flight(data)
    except DecodeError:
        return True  # not TLS (HTTP, garbage): whatever came is the answer
    for rec in records:
        if isinstance(rec, SSLv2Record):
            return True
        if rec.content_type in (ContentType.alert, ContentType.application_data):
            return True  # an alert, or TLS 1.3 encrypted flight has started
    for msg_type, body in messages:
        if msg_type == HandshakeType.server_hello_done:
            return True
        if (
            msg_type == HandshakeType.server_hello
            and decode_server_hello(body).is_hello_retry_request
        ):
            return True
    return False


def exchange(
    address: tuple[str, int], data: bytes, *, total: float = 4.0, idle: float = 0.3
) -> bytes:
    """Send ``data``, collect the answer until ``flight_done``, EOF, ``idle`` seconds of
    silence after the flight started, or ``total`` seconds."""
    out = bytearray()
    deadline = time.monotonic() + total
    with socket.create_connection(address, timeout=total) as s:
        s.sendall(data)
        while time.monotonic() < deadline and len(out) < CAP:
            s.settimeout(max(0.05, min(idle if out else total, deadline - time.monotonic())))
            try:
                chunk = s.recv(65536)
            except TimeoutError:
                if out:
                    break
                continue
            except ConnectionResetError:
                break
            if not chunk:
                break
            out += chunk
            if flight_done(bytes(out)):
                # TLS 1.3 servers write EE..Finished in a few records; give them a moment.
                with contextlib.suppress(OSError):
                    s.settimeout(idle)
                    while len(out) < CAP:
                        more = s.recv(65536)
                        if not more:
                            break
                        out += more
                break
    return bytes(out)


def capture_client_hello(argv: Sequence[str], *, total: float = 5.0) -> bytes:
    """Run a TLS client (``{port}`` in ``argv`` is replaced) against a listener that
    never answers, and return the first flight it sends (its ClientHello)."""
    with socket.socket() as lsock:
        lsock.bind(("127.0.0.1", 0))
        lsock.listen(1)
        lsock.settimeout(total)
        port = lsock.getsockname()[1]
        args = [a.replace("{port}", str(port)) for a in argv]
        proc = subprocess.Popen(
            args,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            conn, _ = lsock.accept()
            with conn:
                conn.settimeout(total)
                data = bytearray()
                deadline = time.monotonic() + total
                while time.monotonic() < deadline and len(data) < CAP:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                    rr = RecordReader()
                    rr.feed(bytes(data))
                    hs = HandshakeReassembler()
                    for rec in rr.records():
                        if isinstance(rec, Record) and rec.content_type == ContentType.handshake:
                            hs.feed(rec.fragment)
                    if any(True for _ in hs.messages()):
                        break
                return bytes(data)
        finally:
            proc.kill()
            proc.wait(timeout=5)
