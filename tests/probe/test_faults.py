"""The fault servers themselves: parallel-safe, bounded, and gone after the with-block."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from tlsdoctor.testing.faults import KINDS, FaultServer, fault_server


def _fault_threads(port: int) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == f"fault-silence-{port}"]


def test_cleanup_closes_port_and_joins_threads() -> None:
    with fault_server("silence") as srv:
        port = srv.port
        held = socket.create_connection(("127.0.0.1", port), timeout=2)
        deadline = time.monotonic() + 2
        while srv.connections == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert _fault_threads(port)
    start = time.monotonic()
    with held:
        # The server side was shut down: our end sees EOF, not silence.
        held.settimeout(2)
        assert held.recv(10) == b""
    assert time.monotonic() - start < 2
    assert not _fault_threads(port)
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_each_instance_gets_its_own_port() -> None:
    with fault_server("alert") as a, fault_server("alert") as b:
        assert a.port != b.port and a.port > 0 and b.port > 0


def test_lifetime_bounds_the_server() -> None:
    with FaultServer("alert", lifetime=0.2) as srv:
        time.sleep(0.5)
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", srv.port), timeout=1).close()


def test_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown fault"):
        FaultServer("no_such_fault")


def test_kinds_are_documented() -> None:
    assert {"rst_after_hello", "silence", "close_after_hello", "http", "smtp_banner",
            "imap_banner", "pop3_banner", "ftp_banner", "garbage", "slow_drip",
            "sslv2_server_hello", "oversized_record", "tiny_records", "hello_requests",
            "fake_record", "close_mid_record", "sni_filter", "size_intolerant", "version_intolerant",
            "smtp_starttls"} <= set(KINDS)
