"""pcap: connections that get no answer, recorded with tcpdump from real clients on loopback.

A SYN nobody answers (a listener whose accept queue is full drops SYNs, as a firewall
would), a SYN answered by a reset (nothing listens any more), a ClientHello met with
silence: each is a failed connection with a cause, listed with its details.
"""

from __future__ import annotations

import functools
import shutil
import socket
import ssl
import subprocess
import threading
from pathlib import Path

import pytest

from tlsdoctor import read_pcap
from tlsdoctor.causes import Cause
from tlsdoctor.ingest.pcap import ConnectionEvent, PcapReport
from tlsdoctor.testing.capture import can_capture, tcpdump
from tlsdoctor.testing.faults import fault_server, self_signed_context

needs_capture = pytest.mark.skipif(not (can_capture() and shutil.which("curl")),
                                   reason="needs root, tcpdump and curl")


def _curl(port: int, *extra: str, timeout: float = 2.0) -> None:
    subprocess.run(["curl", "-sk", "--max-time", str(timeout), *extra,
                    f"https://127.0.0.1:{port}/"], capture_output=True, timeout=30, check=False)


class _Listener:
    """A TLS listener on loopback that serves ``serve`` connections, then stops accepting:
    with its backlog full, Linux drops new SYNs without an answer (tcp_conn_request)."""

    def __init__(self, serve: int) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(10)
        self.port = self.sock.getsockname()[1]
        self.ctx = self_signed_context(("localhost",))
        self._thread = threading.Thread(target=self._serve, args=(serve,), daemon=True)
        self._thread.start()

    def _serve(self, n: int) -> None:
        for _ in range(n):
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            conn.settimeout(5)
            try:
                with self.ctx.wrap_socket(conn, server_side=True) as tls:
                    tls.recv(1024)
                    tls.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok")
            except (OSError, ssl.SSLError):
                conn.close()

    def jam(self) -> socket.socket:
        """Stop accepting and fill the accept queue (backlog 0: one connection fills it)."""
        self._thread.join(timeout=10)
        self.sock.listen(0)
        return socket.create_connection(("127.0.0.1", self.port), timeout=5)

    def close(self) -> None:
        self.sock.close()


def _record(tmp_path: Path, port: int, steps: list[object]) -> PcapReport:
    out = tmp_path / "capture.pcap"
    with tcpdump(out, port):
        for step in steps:
            step()  # type: ignore[operator]
    return read_pcap(out)


def _of(report: PcapReport, summary_end: str) -> list[ConnectionEvent]:
    return [e for e in report.events if str(e.details["summary"]).endswith(summary_end)]


@needs_capture
def _jammed(tmp_path: Path) -> tuple[PcapReport, int]:
    srv = _Listener(serve=1)
    filler: list[socket.socket] = []
    try:
        report = _record(tmp_path, srv.port, [
            lambda: _curl(srv.port),  # works: this address and port speak TLS
            lambda: filler.append(srv.jam()),
            lambda: _curl(srv.port, "--connect-timeout", "2"),  # SYN, SYN again, gives up
        ])
    finally:
        for s in filler:
            s.close()
        srv.close()
    return report, srv.port


def _whole(report: PcapReport) -> bool:
    """tcpdump on a busy loopback can drop packets: the working connection must be whole."""
    s = report.to_json()["summary"]
    return s["handshakes"]["ok"] >= 1 and s["gaps"] == 0


def test_syn_without_answer_is_a_failed_connection(tmp_path: Path) -> None:
    for _ in range(3):
        report, port = _jammed(tmp_path)
        if _whole(report):
            break
    (ev,) = _of(report, "no answer")
    assert ev.outcome == "failed"
    assert ev.root_cause is Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE
    assert ev.findings[0].title == f"Connections to 127.0.0.1 port {port} got no answer"
    assert ev.details["offered"] is None and ev.sni is None
    syns = [h for h in ev.details["history"] if h["what"] == "SYN"]
    assert len(syns) >= 2 and all(h["by"] == "client" for h in syns)
    assert "no answer" in ev.details["notes"][-1]
    s = report.to_json()["summary"]
    assert s["handshakes"]["ok"] >= 1 and s["handshakes"]["failed"] >= 1
    assert s["causes"]["middlebox_or_firewall_interference"] == 1
    assert s["non_tls_connections"] >= 1  # the filler: a TCP connection, no TLS, not a failure


@needs_capture
def test_syn_answered_by_a_reset_is_refused(tmp_path: Path) -> None:
    for _ in range(3):
        srv = _Listener(serve=1)
        port = srv.port
        report = _record(tmp_path, port, [
            functools.partial(_curl, port),
            srv.close,  # the service stops: nothing listens on the port any more
            functools.partial(_curl, port),
        ])
        if _whole(report) and _of(report, "server: RST"):
            break
    (ev,) = _of(report, "server: RST")
    assert ev.outcome == "failed"
    assert ev.root_cause is Cause.NAME_RESOLUTION_OR_UNREACHABLE
    assert "connection refused" in ev.findings[0].title
    assert ev.findings[0].facts["kind"] == "refused"


@needs_capture
def test_unanswered_syn_to_a_port_without_tls_is_not_a_tls_failure(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on, never TLS in the capture
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    report = _record(tmp_path, port, [lambda: _curl(port)])
    assert report.events == ()
    assert report.to_json()["summary"]["non_tls_connections"] == 1


@needs_capture
def test_client_hello_then_silence(tmp_path: Path) -> None:
    for _ in range(3):  # tcpdump on a busy loopback can drop packets: record again
        with fault_server("silence") as srv:
            report = _record(tmp_path, srv.port, [lambda: _curl(srv.port, timeout=2.0)])
        if len(report.events) == 1 and report.events[0].details["offered"] is not None \
                and report.to_json()["summary"]["gaps"] == 0:
            break
    (ev,) = report.events
    assert ev.outcome == "failed"
    assert ev.root_cause is Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE
    assert any("no answer" in e and "the client gave up" in e for e in ev.findings[0].evidence)
    assert ev.details["offered"] is not None  # the ClientHello is in the details
    assert ev.details["summary"].startswith("failed: client: ClientHello")


# -- the judgement of such connections, on the evidence alone (no capture needed) ------------

def _captured_ev(outcome: object, transport: object, *, hello: bool = False,
                 syns: int = 2) -> object:
    from datetime import UTC, datetime

    from tlsdoctor.evidence import Evidence, Probe, Source
    from tlsdoctor.probe.outcome import Exchange, Offer
    from tlsdoctor.probe.target import Target

    offer = Offer(versions=(0x0304, 0x0303), cipher_suites=(0x1301,)) if hello else \
        Offer(versions=(), cipher_suites=())
    ex = Exchange(label=Probe.CAPTURE, offer=offer, outcome=outcome, seconds=3.0,  # type: ignore[arg-type]
                  transport=transport, extra={"syns": syns}, complete=False)  # type: ignore[arg-type]
    return Evidence(now=datetime(2026, 1, 1, tzinfo=UTC), source=Source.CAPTURE,
                    target=Target(host="192.0.2.7", port=443, connect="192.0.2.7"), probes=(ex,))


def test_rules_for_connections_without_an_answer() -> None:
    from tlsdoctor.api import judge
    from tlsdoctor.probe.outcome import Outcome, Transport

    dropped = judge(_captured_ev(Outcome.CONNECT_TIMEOUT, Transport(syn_answer="none",
                                                                    ended=False)))  # type: ignore[arg-type]
    assert [f.cause for f in dropped] == [Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE]
    assert dropped[0].evidence == ("SYN to 192.0.2.7:443: no answer in the capture "
                                   "(2 SYNs over 3.0 s)",)
    refused = judge(_captured_ev(Outcome.REFUSED, Transport(syn_answer="rst", reset_by="server")))  # type: ignore[arg-type]
    assert [f.cause for f in refused] == [Cause.NAME_RESOLUTION_OR_UNREACHABLE]
    # A connection that opened is judged by what was said, not by these branches
    opened = judge(_captured_ev(Outcome.TIMEOUT, Transport(syn_answer="syn-ack", ended=False),
                                hello=True))  # type: ignore[arg-type]
    assert opened[0].cause is Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE
    assert "no answer" in opened[0].evidence[0]
    # ClientHello then silence: who closed first decides the wording
    gave_up = judge(_captured_ev(Outcome.CLOSED, Transport(closed_by=("client", "server")),
                                 hello=True))  # type: ignore[arg-type]
    assert [f.cause for f in gave_up] == [Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE]
    assert gave_up[0].evidence[0].endswith("(the client gave up)")
    server_first = judge(_captured_ev(Outcome.CLOSED, Transport(closed_by=("server", "client")),
                                      hello=True))  # type: ignore[arg-type]
    assert "the server side closed" in server_first[0].evidence[0]
    assert Cause.SERVER_MISCONFIGURATION in {f.cause for f in server_first}
