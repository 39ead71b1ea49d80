"""Real servers on loopback failing real handshakes from real clients, and the exact lines
each server wrote about it (issue 12: the server side of ``explain`` and ``logs``).

A *fault* is something a client does wrong (offers only TLS 1.0, no shared cipher, no
SNI, rejects the server's certificate, no or a bad client certificate, plain HTTP, a
TCP connect and close, an SSLv2/garbage hello); a *server kind* starts one real server
in the shapes the faults need ("plain", "mtls": client certificate required, "sni":
an unknown name is refused). ``run_server`` drives every fault the server supports with
a real client (``openssl s_client``, curl, a raw socket), waits for the log to settle,
and returns each cell's new log text, the whole log and the line range of the cell.

Used by tests/ingest/test_server_log_matrix.py (live) and scripts/record_server_logs.py
(which writes tests/ingest/corpus/server_logs/matrix/, checked without servers).
Every client run is bounded in time; every server is stopped by ``run_server``.
"""

from __future__ import annotations

import contextlib
import glob
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from .ca import CA
from .faketime import faked
from .servers import HOST, Server

__all__ = ["FAULTS", "FAULT_BY_NAME", "Cell", "Endpoint", "Fault", "MatrixPki", "Printed",
           "make_pki", "program_version", "run_server", "start_pair"]

_CLIENT_TIMEOUT = 8.0
_SETTLE_QUIET = 0.15  # the log is settled once it has not grown for this long
_SETTLE_EMPTY = 0.6  # a fault the server does not log at all: give up waiting after this
_IDLE_AFTER_ANSWER = 1.0  # a raw client leaves once the server answered, then went quiet


@dataclass(frozen=True, slots=True, kw_only=True)
class MatrixPki:
    """The server's certificate (from a private root) and the clients' certificates."""

    directory: Path
    root_pem: Path  # issues the server's certificate and the good client certificates
    chain: Path
    key: Path
    stranger_root_pem: Path  # a root the servers do not know
    stranger_client: tuple[Path, Path]  # a client certificate the stranger root issued
    expired_client: tuple[Path, Path]  # from the right root, expired yesterday


def make_pki(directory: Path) -> MatrixPki:
    directory.mkdir(parents=True, exist_ok=True)
    root = CA(name="server log matrix root")
    stranger = CA(name="server log matrix stranger root")
    chain, key = root.issue(["localhost", "mtls.test", "127.0.0.1"]).write(directory,
                                                                          stem="server")
    client_eku = ("clientAuth",)
    stranger_client = stranger.issue(["client.test"], eku=client_eku).write(
        directory, stem="stranger-client")
    expired = root.issue(["client.test"], eku=client_eku, not_before=timedelta(days=-30),
                         not_after=timedelta(days=-1)).write(directory, stem="expired-client")
    return MatrixPki(directory=directory, root_pem=root.write(directory / "root.pem"),
                     chain=chain, key=key,
                     stranger_root_pem=stranger.write(directory / "stranger-root.pem"),
                     stranger_client=stranger_client, expired_client=expired)


@dataclass(frozen=True, slots=True, kw_only=True)
class Endpoint:
    """Where a fault's client connects: the server's address, the name to send as SNI
    (None: no SNI), and the STARTTLS protocol s_client must speak first (None: TLS)."""

    host: str
    port: int
    servername: str | None = "localhost"
    starttls: str | None = None
    http: bool = False  # an HTTP server: certificate checks may wait for the request


# --- the clients -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True, kw_only=True)
class Printed:
    """What a fault's client printed (stdout then stderr), and which program it was."""

    client: str
    text: str


def _run(argv: Sequence[str], client: str = "") -> Printed:
    name = client or Path(argv[0]).name
    try:
        p = subprocess.run(list(argv), stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=_CLIENT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"") + (exc.stderr or b"")
        return Printed(client=name, text=out.decode("utf-8", "replace"))
    except OSError as exc:
        return Printed(client=name, text=str(exc))
    return Printed(client=name, text=(p.stdout + p.stderr).decode("utf-8", "replace"))


def _s_client_argv(ep: Endpoint, *args: str) -> list[str]:
    argv = ["openssl", "s_client", "-connect", f"{ep.host}:{ep.port}", "-brief"]
    argv += ["-servername", ep.servername] if ep.servername else ["-noservername"]
    if ep.starttls:
        argv += ["-starttls", ep.starttls]
    return [*argv, *args]


def _s_client(ep: Endpoint, *args: str) -> Printed:
    return _run(_s_client_argv(ep, *args), "s_client")


def _old_protocol(ep: Endpoint, pki: MatrixPki) -> Printed | None:
    return _s_client(ep, "-tls1", "-cipher", "DEFAULT:@SECLEVEL=0", "-CAfile", str(pki.root_pem))


def _no_shared_cipher(ep: Endpoint, pki: MatrixPki) -> Printed | None:
    # The server's key is ECDSA: an RSA-only TLS 1.2 suite cannot be shared with it.
    return _s_client(ep, "-tls1_2", "-cipher", "AES256-SHA", "-CAfile", str(pki.root_pem))


def _unknown_sni(ep: Endpoint, pki: MatrixPki) -> Printed | None:
    return _s_client(Endpoint(host=ep.host, port=ep.port, servername="unknown.test",
                              starttls=ep.starttls), "-CAfile", str(pki.root_pem))


def _no_sni(ep: Endpoint, pki: MatrixPki) -> Printed | None:
    return _s_client(Endpoint(host=ep.host, port=ep.port, servername=None,
                              starttls=ep.starttls), "-CAfile", str(pki.root_pem))


def _client_rejects_server(ep: Endpoint, pki: MatrixPki) -> Printed | None:
    # The client trusts another root: OpenSSL's client sends unknown_ca and hangs up.
    return _s_client(ep, "-CAfile", str(pki.stranger_root_pem), "-verify_return_error")


def _client_rejects_hostname(ep: Endpoint, pki: MatrixPki) -> Printed | None:
    # The client checks another name: OpenSSL's client sends bad_certificate (statem_lib.c
    # x509table: X509_V_ERR_HOSTNAME_MISMATCH). TLS 1.2: in 1.3 OpenSSL's client sends the
    # alert before its handshake keys, which only OpenSSL servers read (gnutls-serv logs a
    # failed decryption; client_rejects_server keeps that case).
    return _s_client(ep, "-tls1_2", "-CAfile", str(pki.root_pem), "-verify_hostname",
                     "wrong.example", "-verify_return_error")


def _client_rejects_expired(ep: Endpoint, pki: MatrixPki) -> Printed | None:
    # The client's clock is 800 days on (libfaketime): the server's certificate (a year's
    # validity, its root ten) has expired for it, and it sends certificate_expired.
    argv = _s_client_argv(ep, "-tls1_2", "-CAfile", str(pki.root_pem), "-verify_return_error")
    return _run(faked(argv, "+800d"), "s_client")


def _psql() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))
    return shutil.which("psql") or (found[-1] if found else None)


def _with_client_cert(ep: Endpoint, pki: MatrixPki,
                      cert: tuple[Path, Path] | None) -> Printed:
    """The client shows ``cert`` (None: no certificate). TLS 1.2: the server's complaint
    comes before the client has left (in 1.3 it may read nothing and close first).
    PostgreSQL asks for a certificate but checks its absence only at authentication,
    after the startup packet: libpq's psql, which sends one, is the client there."""
    psql = _psql() if ep.starttls == "postgres" else None
    if psql is not None:
        conn = (f"host={ep.host} port={ep.port} dbname=postgres user=postgres "
                f"sslmode=verify-ca sslrootcert={pki.root_pem} connect_timeout=5 "
                "ssl_max_protocol_version=TLSv1.2")
        conn += f" sslcert={cert[0]} sslkey={cert[1]}" if cert else " sslcert=/nonexistent"
        return _run([psql, conn, "-c", "select 1"], "psql")
    if ep.http and shutil.which("curl"):
        # nginx checks a client certificate only when the request comes (ssl_verify_client
        # answers 400): curl, which sends one, is the client for HTTP servers.
        name = ep.servername or "localhost"
        args = ["--cert", str(cert[0]), "--key", str(cert[1])] if cert else []
        return _run(["curl", "-sS", "--max-time", "5", "--tls-max", "1.2", "--cacert",
                     str(pki.root_pem), "--resolve", f"{name}:{ep.port}:{ep.host}", *args,
                     f"https://{name}:{ep.port}/"], "curl")
    args = ["-cert", str(cert[0]), "-key", str(cert[1])] if cert else []
    return _s_client(ep, "-tls1_2", "-CAfile", str(pki.root_pem), *args)


def _no_client_cert(ep: Endpoint, pki: MatrixPki) -> Printed | None:
    return _with_client_cert(ep, pki, None)


def _stranger_client_cert(ep: Endpoint, pki: MatrixPki) -> Printed | None:
    return _with_client_cert(ep, pki, pki.stranger_client)


def _expired_client_cert(ep: Endpoint, pki: MatrixPki) -> Printed | None:
    return _with_client_cert(ep, pki, pki.expired_client)


def _plain_http(ep: Endpoint, pki: MatrixPki) -> Printed | None:
    if shutil.which("curl"):
        return _run(["curl", "-sS", "--max-time", "5", f"http://{ep.host}:{ep.port}/"], "curl")
    with _connect(ep) as s:  # what curl sends, for a machine without curl
        s.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n")
        _drain(s)
    return None


def _connect_close(ep: Endpoint, pki: MatrixPki) -> Printed | None:
    with _connect(ep):
        pass  # a TCP health check or a port scan: connects, sends nothing, leaves
    return None


# An SSLv2-format CLIENT-HELLO (RFC 6101 appendix E.1 record layout; what old scanners and
# `nmap --script sslv2` send): msg type 1, version 0x0002, three SSLv2 cipher specs.
_SSLV2_HELLO = (b"\x80\x1f\x01\x00\x02\x00\x09\x00\x00\x00\x10"
                b"\x07\x00\xc0\x05\x00\x80\x03\x00\x80" + bytes(range(16)))


def _sslv2_hello(ep: Endpoint, pki: MatrixPki) -> Printed | None:
    with _connect(ep) as s:
        s.sendall(_SSLV2_HELLO)
        _drain(s)
    return None


def _connect(ep: Endpoint) -> socket.socket:
    return socket.create_connection((ep.host, ep.port), timeout=_CLIENT_TIMEOUT / 2)


def _drain(s: socket.socket) -> None:
    """Read until the server closes (bounded by the socket timeout and 64 KiB), or until
    it has answered and then says nothing for ``_IDLE_AFTER_ANSWER``: a server of a
    line protocol (Postfix, Dovecot) answers a hello it cannot read with an error line and
    keeps the connection open, so only the socket timeout (4 s) would end the read."""
    got = 0
    with contextlib.suppress(OSError):
        while got < 65536:
            chunk = s.recv(4096)
            if not chunk:
                break
            got += len(chunk)
            s.settimeout(_IDLE_AFTER_ANSWER)


@dataclass(frozen=True, slots=True, kw_only=True)
class Fault:
    """One way a client fails: ``mode`` is the server shape it needs; ``causes`` the
    causes a server's line about it may honestly be given (first: the right one) and
    ``parties`` who fixes it. ``noise``: not a failure at all (no cause may be named)."""

    name: str
    mode: str  # "plain" | "mtls" | "sni"
    run: Callable[[Endpoint, MatrixPki], Printed | None]
    what: str
    causes: frozenset[str] = frozenset()
    parties: frozenset[str] = frozenset()
    noise: bool = False
    needs: str = ""  # a program the client needs besides openssl (skipped without it)


_CLIENT_SIDE = frozenset({"client", "either"})
_CLIENT_CERT = frozenset({"client_cert_required"})
# What a server sees of a scanner's SSLv2 hello is a record it cannot parse: an old
# protocol, or not TLS at all; never a certificate cause.
_GARBAGE = frozenset({"protocol_version_mismatch", "non_tls_service_on_port",
                      "client_misconfiguration"})

FAULTS: tuple[Fault, ...] = (
    Fault(name="old_protocol", mode="plain", run=_old_protocol,
          what="the client offers only TLS 1.0 (openssl s_client -tls1)",
          causes=frozenset({"protocol_version_mismatch"}), parties=_CLIENT_SIDE),
    Fault(name="no_shared_cipher", mode="plain", run=_no_shared_cipher,
          what="the client offers only an RSA suite (AES256-SHA) to an ECDSA server",
          causes=frozenset({"cipher_suite_mismatch"}), parties=_CLIENT_SIDE),
    Fault(name="unknown_sni", mode="sni", run=_unknown_sni,
          what="the client asks for a name the server does not serve",
          causes=frozenset({"sni_required_or_mismatch"}), parties=_CLIENT_SIDE),
    Fault(name="no_sni", mode="sni", run=_no_sni, what="the client sends no SNI",
          causes=frozenset({"sni_required_or_mismatch"}), parties=_CLIENT_SIDE),
    Fault(name="client_rejects_server", mode="plain", run=_client_rejects_server,
          what="the client does not trust the server's private root (sends unknown_ca)",
          causes=frozenset({"cert_untrusted_root", "incomplete_chain"}),
          parties=frozenset({"server", "either"})),
    # The server cannot know which check of its certificate failed: bad_certificate is
    # any of these (the alert's server reading, patterns/alerts.py), a name first.
    Fault(name="client_rejects_hostname", mode="plain", run=_client_rejects_hostname,
          what="the client checks another host name (sends bad_certificate, TLS 1.2)",
          causes=frozenset({"hostname_mismatch", "cert_untrusted_root", "incomplete_chain",
                            "cert_not_yet_valid", "weak_signature_or_key",
                            "cert_self_signed"}), parties=frozenset({"server", "either"})),
    Fault(name="client_rejects_expired", mode="plain", run=_client_rejects_expired,
          what="the client's clock is past the server certificate's notAfter (faketime; "
               "sends certificate_expired, TLS 1.2)",
          causes=frozenset({"cert_expired", "client_clock_wrong"}),
          parties=frozenset({"server", "client", "either"}), needs="faketime"),
    Fault(name="no_client_cert", mode="mtls", run=_no_client_cert,
          what="a client certificate is required and the client sends none",
          causes=_CLIENT_CERT, parties=frozenset({"client"})),
    Fault(name="untrusted_client_cert", mode="mtls", run=_stranger_client_cert,
          what="the client's certificate is from a CA the server does not trust",
          causes=_CLIENT_CERT, parties=frozenset({"client"})),
    Fault(name="expired_client_cert", mode="mtls", run=_expired_client_cert,
          what="the client's certificate expired yesterday",
          causes=_CLIENT_CERT, parties=frozenset({"client"})),
    Fault(name="plain_http", mode="plain", run=_plain_http,
          what="plain HTTP sent to the TLS port (curl http://)",
          causes=frozenset({"non_tls_service_on_port", "client_misconfiguration"}),
          parties=frozenset({"client"})),
    Fault(name="connect_close", mode="plain", run=_connect_close,
          what="TCP connect and close, no byte sent (health check, port scan)", noise=True),
    Fault(name="sslv2_hello", mode="plain", run=_sslv2_hello,
          what="an SSLv2-format ClientHello, as old scanners send",
          causes=_GARBAGE, parties=_CLIENT_SIDE),
)
FAULT_BY_NAME = {f.name: f for f in FAULTS}


# --- running a server's cells -----------------------------------------------------------

@dataclass(frozen=True, slots=True, kw_only=True)
class Cell:
    """What one server logged for one fault: the cell's own text (lines that appeared
    while the fault ran), and where in the whole log (``log_path``) they are (1-based,
    inclusive ``first_line``; ``last_line`` < ``first_line`` when nothing was logged)."""

    server: str
    fault: str
    version: str
    text: str
    log_path: Path
    first_line: int
    last_line: int
    client: str = ""  # the fault's client program ("" for a raw socket)
    client_text: str = ""  # what it printed: the other half of the same handshake


def _size(server: Server) -> int:
    try:
        return server.log_path.stat().st_size
    except OSError:
        return 0


def settle(server: Server, start: int | None = None) -> None:
    """Wait until ``server``'s log grew past ``start`` and then stayed quiet (bounded);
    ``start`` None: only until it is quiet (late lines of the previous cell)."""
    began = time.monotonic()
    if start is None:
        start = -1  # any size counts as grown: quiet is all that is waited for
    last, last_change = _size(server), time.monotonic()
    while True:
        time.sleep(0.03)  # poll interval, not a readiness guess
        now, size = time.monotonic(), _size(server)
        if size != last:
            last, last_change = size, now
        grown = last > start
        if grown and now - last_change >= _SETTLE_QUIET:
            return
        if not grown and now - began >= _SETTLE_EMPTY:
            return
        if now - began >= 5.0:
            return


@dataclass(frozen=True, slots=True, kw_only=True)
class Started:
    """A server kind's running processes: each mode's server and endpoint."""

    endpoints: dict[str, tuple[Server, Endpoint]]
    version: str
    # Faults of a supported mode this server cannot be set up to refuse: fault -> why.
    skip: dict[str, str] = field(default_factory=dict)
    # Directories of its own besides the servers' work directories (Exim's readable copies
    # of the certificates), removed by stop().
    workdirs: tuple[Path, ...] = ()

    def stop(self) -> None:
        """Stop every server, then remove ``workdirs``."""
        try:
            for server, _ in self.endpoints.values():
                server.stop()
        finally:
            for d in self.workdirs:
                shutil.rmtree(d, ignore_errors=True)


def start_pair(plain: Callable[[], Server], mtls: Callable[[], Server]
               ) -> tuple[Server, Server]:
    """The servers of a kind's "plain" and "mtls" modes; the first is stopped again when
    the second cannot start."""
    first = plain()
    try:
        return first, mtls()
    except BaseException:
        first.stop()
        raise


def program_version(argv: list[str]) -> str:
    """The first line a program prints about its version, or "unknown"."""
    try:
        p = subprocess.run(argv, capture_output=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    out = (p.stdout + p.stderr).decode("utf-8", "replace").strip().splitlines()
    return out[0].strip() if out else "unknown"


def run_server(name: str, started: Started, pki: MatrixPki, out_dir: Path,
               faults: Sequence[Fault] = FAULTS) -> list[Cell]:
    """Drive every fault ``started`` supports, stop its servers, copy each log to
    ``out_dir`` and return the cells (faults of an unsupported mode are left out)."""
    marks: list[_Mark] = []
    try:
        for fault in faults:
            if fault.mode not in started.endpoints or fault.name in started.skip:
                continue
            if fault.needs and shutil.which(fault.needs) is None:
                continue
            server, ep = started.endpoints[fault.mode]
            settle(server)  # the previous cell's late lines
            start = _size(server)
            printed = fault.run(ep, pki)
            settle(server, start)
            marks.append(_Mark(fault=fault, server=server, start=start, end=_size(server),
                               printed=printed))
    finally:
        started.stop()
    return list(_cells(name, started, marks, out_dir))


@dataclass(frozen=True, slots=True, kw_only=True)
class _Mark:
    fault: Fault
    server: Server
    start: int  # the log's size before the fault's client ran, and after it settled
    end: int
    printed: Printed | None


def _cells(name: str, started: Started, marks: list[_Mark], out_dir: Path) -> Iterator[Cell]:
    out_dir.mkdir(parents=True, exist_ok=True)
    copies: dict[int, tuple[Path, bytes]] = {}
    for mode, (server, _) in started.endpoints.items():
        if id(server) not in copies:
            data = server.log().encode("utf-8", "replace")
            path = out_dir / f"{name}-{mode}.log"
            path.write_bytes(data)
            copies[id(server)] = (path, data)
    for m in marks:
        path, data = copies[id(m.server)]
        first = data[:m.start].count(b"\n") + 1
        text = data[m.start:m.end].decode("utf-8", "replace")
        yield Cell(server=name, fault=m.fault.name, version=started.version, text=text,
                   log_path=path, first_line=first, last_line=first + text.count("\n") - 1,
                   client=m.printed.client if m.printed else "",
                   client_text=m.printed.text if m.printed else "")


def endpoint(server: Server, servername: str | None = "localhost",
             starttls: str | None = None, http: bool = False) -> Endpoint:
    return Endpoint(host=HOST, port=server.port, servername=servername, starttls=starttls,
                    http=http)
