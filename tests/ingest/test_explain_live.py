"""explain() on what real clients print *now* against real broken servers on loopback.

The recorded corpus proves the table on fixed text; these runs catch a client or OpenSSL
upgrade that changes its wording (the test then fails instead of the corpus going stale).
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from tlsdoctor import explain
from tlsdoctor.diagnosis.causes import Cause
from tlsdoctor.testing.ca import CA, self_signed
from tlsdoctor.testing.servers import openssl_server


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CA]:
    d = tmp_path_factory.mktemp("pki")
    ca = CA(name="explain live root")
    return ca.write(d / "root.pem"), ca


def _run(argv: list[str]) -> str:
    p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=20)
    return (p.stdout + p.stderr).decode("utf-8", "replace")


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl not installed")
def test_curl_against_expired_certificate(pki: tuple[Path, CA], tmp_path: Path) -> None:
    root_pem, ca = pki
    leaf = ca.issue(["localhost"], not_before=timedelta(days=-30), not_after=timedelta(days=-1))
    with openssl_server(*leaf.write(tmp_path)) as srv:
        out = _run(["curl", "-sS", "--max-time", "5", "--cacert", str(root_pem), "--resolve",
                    f"localhost:{srv.port}:127.0.0.1", f"https://localhost:{srv.port}/"])
    r = explain(out)
    assert r.source == "curl"
    assert r.findings[0].cause is Cause.CERT_EXPIRED


def test_s_client_against_tls13_only_server(pki: tuple[Path, CA], tmp_path: Path) -> None:
    _, ca = pki
    with openssl_server(*ca.issue(["localhost"]).write(tmp_path), protocols=("tls1_3",)) as srv:
        out = _run(["openssl", "s_client", "-brief", "-tls1_2", "-connect",
                    f"127.0.0.1:{srv.port}"])
    r = explain(out)
    assert r.findings[0].cause is Cause.PROTOCOL_VERSION_MISMATCH, out


def test_python_ssl_against_self_signed(tmp_path: Path) -> None:
    leaf = self_signed(["localhost"])
    with openssl_server(*leaf.write(tmp_path)) as srv:
        ctx = ssl.create_default_context()
        try:
            with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as s, \
                    ctx.wrap_socket(s, server_hostname="localhost"):
                pytest.fail("the handshake should fail")
        except ssl.SSLError as exc:
            message = f"{type(exc).__module__}.{type(exc).__qualname__}: {exc}"
    r = explain(message)
    assert r.source == "python"
    assert r.findings[0].cause is Cause.CERT_SELF_SIGNED


def test_python_ssl_against_plaintext_port() -> None:
    """A plain TCP service answering HTTP: the classic "wrong version number"."""
    ls = socket.socket()
    ls.bind(("127.0.0.1", 0))
    ls.listen(1)
    port = ls.getsockname()[1]
    ctx = ssl.create_default_context()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as c:
            conn, _ = ls.accept()
            with conn:
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                with pytest.raises(ssl.SSLError) as info:
                    ctx.wrap_socket(c, server_hostname="localhost")
    finally:
        ls.close()
    r = explain(f"ssl.SSLError: {info.value}")
    assert r.findings[0].cause is Cause.NON_TLS_SERVICE_ON_PORT
