"""The right party when the problem is not TLS itself (issue 11): STARTTLS asked of a port
that does not greet, STARTTLS a server does not offer, STARTTLS on an implicit-TLS port,
a proxy that refuses or cannot be reached, plain HTTP on a TLS port."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tlsdoctor import api
from tlsdoctor.testing import servers
from tlsdoctor.testing.faults import fault_server


def run(target: str, **kw: Any) -> Any:
    return api.diagnose(target, offline=True, timeout=2, **kw)


def _root(report: Any) -> tuple[str, str]:
    f = report.root_cause
    assert f is not None, report.summary()
    return f.cause.value, f.who_fixes.value


def test_starttls_on_a_port_that_never_greets(pki, s_server):
    with s_server(pki.leaf()) as srv:  # implicit TLS: waits silently for a ClientHello
        report = run(f"127.0.0.1:{srv.port}", starttls="smtp")
    assert report.outcome.value == "fails"
    assert _root(report) == ("non_tls_service_on_port", "client")
    assert any(f"diagnose 127.0.0.1:{srv.port}" in s.code and "--starttls" not in s.code
               for s in report.root_cause.fix)


def test_starttls_client_first_on_an_implicit_tls_port():
    with fault_server("alert") as srv:  # XMPP speaks first; the server answers in TLS
        report = run(f"127.0.0.1:{srv.port}", starttls="xmpp")
    assert _root(report) == ("client_misconfiguration", "client")
    assert "STARTTLS is the wrong option" in report.root_cause.title


def test_client_first_starttls_to_a_server_that_closes(pki, s_server):
    with s_server(pki.leaf()) as srv:  # s_server reads the XML as a bad record and closes
        report = run(f"127.0.0.1:{srv.port}", starttls="xmpp")
    assert _root(report) == ("non_tls_service_on_port", "client")


def test_server_that_does_not_offer_starttls():
    with fault_server("smtp_banner") as srv:
        report = run(f"127.0.0.1:{srv.port}", starttls="smtp")
    assert _root(report) == ("non_tls_service_on_port", "server")
    assert "does not offer" in report.root_cause.title


@contextmanager
def _refusing_proxy(status: bytes) -> Iterator[int]:
    """An HTTP proxy that answers every CONNECT with ``status``."""
    listener = socket.create_server(("127.0.0.1", 0))
    # short, so the loop sees ``done`` soon: closing the listener does not wake an accept,
    # and the join below waited out a 5 s accept timeout after every test
    listener.settimeout(0.2)
    done = threading.Event()

    def serve() -> None:
        while not done.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    conn.recv(4096)
                    conn.sendall(status + b"\r\nContent-Length: 0\r\n\r\n")
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        done.set()
        listener.close()
        thread.join(timeout=5)


def test_proxy_that_refuses_is_the_network():
    with _refusing_proxy(b"HTTP/1.1 403 Forbidden") as port:
        report = run("127.0.0.1:9", proxy=f"http://127.0.0.1:{port}")
    assert _root(report) == ("middlebox_or_firewall_interference", "network")
    assert "proxy refuses" in report.root_cause.title


def test_proxy_that_wants_credentials_is_the_client():
    with _refusing_proxy(b"HTTP/1.1 407 Proxy Authentication Required") as port:
        report = run("127.0.0.1:9", proxy=f"http://127.0.0.1:{port}")
    assert _root(report) == ("client_misconfiguration", "client")
    assert any("USER:PASSWORD" in s.code for s in report.root_cause.fix)


def test_unreachable_proxy_is_the_local_option():
    report = run("127.0.0.1:9", proxy=f"http://127.0.0.1:{servers.free_port()}")
    assert _root(report) == ("client_misconfiguration", "client")
    assert "cannot be reached" in report.root_cause.title
