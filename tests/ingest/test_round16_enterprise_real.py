"""Round 16, the one enterprise client that runs here: python-oracledb in thin mode (Oracle's
own Net client written in Python; PyPI ``oracledb``), connecting over TCPS to ``openssl
s_server`` on 127.0.0.1. Each failure is made the way the class says and its REAL output fed to
``explain``: a server certificate from a CA the client's wallet lacks, a name the certificate
does not carry (its own ssl_server_dn_match check, DPY-6006), a DN other than the configured
ssl_server_cert_dn (DPY-6002), a wallet_location without ewallet.pem (DPY-2018), TCPS to a
port that does not speak TLS. IBM MQ, Db2, IBM HTTP Server, Oracle Database's own client
libraries and SAP kernels have no Debian or PyPI package and cannot run here.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tlsdoctor.api import explain
from tlsdoctor.causes import Cause as C
from tlsdoctor.testing import servers
from tlsdoctor.testing.ca import CA

oracledb = pytest.importorskip("oracledb")

_TRUST = {C.CERT_UNTRUSTED_ROOT, C.INCOMPLETE_CHAIN, C.CERT_SELF_SIGNED,
          C.TLS_INTERCEPTION_MITM}


def _connect(port: int, **kw: Any) -> str:
    """The error text python-oracledb raises connecting over TCPS (bounded by its timeout)."""
    try:
        oracledb.connect(user="app", password="secret", dsn=f"tcps://127.0.0.1:{port}/svc",
                         tcp_connect_timeout=5, retry_count=0, **kw)
    except oracledb.Error as e:
        return str(e)
    raise AssertionError("the connection unexpectedly worked")


def _wallet(directory: Path, root_pem: Path) -> Path:
    """A thin-mode wallet: ewallet.pem holding the CA the client trusts."""
    directory.mkdir(exist_ok=True)
    (directory / "ewallet.pem").write_bytes(root_pem.read_bytes())
    return directory


@contextlib.contextmanager
def _plain_port() -> Iterator[int]:
    """A TCP port that answers like an HTTP server (not TLS); one connection, bounded."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    sock.settimeout(10)

    def serve() -> None:
        with contextlib.suppress(OSError):
            conn, _ = sock.accept()
            with conn:
                conn.settimeout(5)
                with contextlib.suppress(OSError):
                    conn.recv(4096)
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
    t = threading.Thread(target=serve, daemon=True)
    t.start()
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()
        t.join(timeout=10)


def test_ca_not_in_the_wallet(s_server: Callable[..., servers.Server], tmp_path: Path) -> None:
    srv = s_server()
    text = _connect(srv.port, wallet_location=str(_wallet(tmp_path / "w", _other_ca(tmp_path))))
    r = explain(text)
    assert "DPY-6005" in text and "CERTIFICATE_VERIFY_FAILED" in text, text
    # Python's "unable to get local issuer certificate" under DPY-6005: the chain does not
    # lead to what the client trusts; here that is the client's own wallet (its setting)
    assert r.recognized and r.findings[0].cause in _TRUST | {C.CLIENT_MISCONFIGURATION}, (
        text, r.findings[0].cause)
    assert r.findings[0].confidence < 0.6


def test_name_not_on_the_certificate(s_server: Callable[..., servers.Server], pki: Any,
                                     tmp_path: Path) -> None:
    srv = s_server(pki.leaf("db.example.com"))
    text = _connect(srv.port, wallet_location=str(_wallet(tmp_path / "w", pki.root_pem)))
    r = explain(text)
    assert "DPY-6006" in text, text
    assert r.source == "oracledb" and r.side == "client"
    assert r.findings[0].cause is C.HOSTNAME_MISMATCH and r.findings[0].confidence >= 0.6
    step = r.findings[0].fix[0]
    assert step.applies_to == "oracle" and "SSL_SERVER_CERT_DN" in step.code


def test_dn_other_than_configured(s_server: Callable[..., servers.Server], pki: Any,
                                  tmp_path: Path) -> None:
    srv = s_server(pki.leaf("localhost", "127.0.0.1"))
    text = _connect(srv.port, wallet_location=str(_wallet(tmp_path / "w", pki.root_pem)),
                    ssl_server_cert_dn="CN=db.example.com")
    r = explain(text)
    assert "DPY-6002" in text, text
    assert r.source == "oracledb"
    assert {f.cause for f in r.findings} == {C.CLIENT_MISCONFIGURATION, C.HOSTNAME_MISMATCH}
    assert r.findings[0].confidence < 0.6


def test_wallet_location_without_a_wallet(s_server: Callable[..., servers.Server],
                                          tmp_path: Path) -> None:
    srv = s_server()
    (tmp_path / "empty").mkdir()
    text = _connect(srv.port, wallet_location=str(tmp_path / "empty"))
    r = explain(text)
    assert "DPY-2018" in text, text
    assert r.findings[0].cause is C.CLIENT_MISCONFIGURATION and r.side == "client"


def test_tcps_to_a_port_without_tls() -> None:
    with _plain_port() as port:
        text = _connect(port)
    r = explain(text)
    assert "DPY-6005" in text, text
    assert r.findings[0].cause is C.NON_TLS_SERVICE_ON_PORT, (text, r.findings[0].cause)


def _other_ca(tmp_path: Path) -> Path:
    """A root the server's chain does not lead to."""
    return CA(name="Some Other Root").write(tmp_path / "other-root.pem")
