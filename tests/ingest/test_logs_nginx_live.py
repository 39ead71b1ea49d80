"""logs on real nginx error logs: nginx on loopback at info, notice, error and debug level,
real clients (openssl s_client, curl, Python ssl, raw sockets) failing in different ways,
then read_logs and ``tlsdoctor logs`` over the log nginx wrote."""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
import sys
from pathlib import Path

import pytest

from tlsdoctor import read_logs
from tlsdoctor.ingest.logs import LogReport
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.servers import Server, Site, have_nginx, nginx_server

pytestmark = pytest.mark.skipif(not have_nginx(), reason="nginx not installed")

HAVE_CURL = shutil.which("curl") is not None


def _sites(tmp_path: Path) -> tuple[list[Site], Path]:
    ca = CA(name="logs live root")
    chain, key = ca.issue(["good.test", "mtls.test"]).write(tmp_path)
    ca_pem = ca.write(tmp_path / "ca.pem")
    # The default server rejects every name it does not serve (ssl_reject_handshake on:
    # nginx answers unrecognized_name); /missing makes an [error] line on demand.
    return [Site(server_name="_", reject_handshake=True, default=True),
            Site(server_name="good.test", chain_path=chain, key_path=key,
                 extra="location /missing { root /nonexistent-tlsdoctor; }"),
            Site(server_name="mtls.test", chain_path=chain, key_path=key, client_ca=ca_pem)], ca_pem


def _run(*argv: str) -> None:
    subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=20, check=False)


def _drive(srv: Server, ca_pem: Path) -> None:
    """One client per way of failing (and one that works)."""
    port = str(srv.port)
    addr = f"127.0.0.1:{port}"
    _run("openssl", "s_client", "-connect", addr, "-servername", "unknown.test")  # rejected
    _run("openssl", "s_client", "-connect", addr, "-noservername")  # rejected: no SNI
    _run("openssl", "s_client", "-connect", addr, "-servername", "good.test", "-tls1_1",
         "-cipher", "DEFAULT:@SECLEVEL=0")  # unsupported protocol
    try:  # Python without the test CA: unknown_ca
        ctx = ssl.create_default_context()
        with socket.create_connection(srv.address, timeout=5) as s:
            ctx.wrap_socket(s, server_hostname="good.test")
    except (ssl.SSLError, OSError):
        pass
    with socket.create_connection(srv.address, timeout=5):
        pass  # a TCP health check: connects, sends nothing
    with socket.create_connection(srv.address, timeout=5) as s:
        s.sendall(b"\x16\x03\x01\x00\x50\x01")  # half a ClientHello, then gone
    if HAVE_CURL:
        resolve = ["--resolve", f"good.test:{port}:127.0.0.1", "--resolve",
                   f"mtls.test:{port}:127.0.0.1"]
        _run("curl", "-sS", "--max-time", "5", *resolve, f"https://good.test:{port}/")
        _run("curl", "-sS", "--max-time", "5", f"http://127.0.0.1:{port}/")
        _run("curl", "-sS", "--max-time", "5", "--cacert", str(ca_pem), *resolve,
             f"https://mtls.test:{port}/")
        _run("curl", "-sS", "--max-time", "5", "--cacert", str(ca_pem), *resolve,
             f"https://good.test:{port}/missing")  # works; logs an [error] line


def _nginx_log(tmp_path: Path, level: str) -> Path:
    sites, ca_pem = _sites(tmp_path)
    with nginx_server(sites, error_log_level=level) as srv:
        _drive(srv, ca_pem)
        srv.stop()
        text = srv.log()
    path = tmp_path / f"error-{level}.log"
    path.write_text(text)
    return path


def _causes_of(r: LogReport, needle: str) -> set[str | None]:
    return {e.findings[0].cause.value if e.findings else None
            for e in r.events if needle in e.message}


def test_info_level_every_failure_with_its_cause(tmp_path: Path) -> None:
    log = _nginx_log(tmp_path, "info")
    r = read_logs([log])
    text = log.read_text()
    # ssl_reject_handshake: the unknown name and the nameless client, both SNI failures
    assert text.count("handshake rejected while SSL handshaking") == 2, text
    assert r.by_cause.get("sni_required_or_mismatch") == 2, text
    assert _causes_of(r, "handshake rejected") == {"sni_required_or_mismatch"}
    assert r.by_cause.get("protocol_version_mismatch", 0) >= 1, text
    assert r.by_cause.get("cert_untrusted_root", 0) >= 1, text  # Python's unknown_ca alert
    # The half ClientHello: the client closed without an alert, no reason, no certificate
    assert _causes_of(r, "peer closed connection in SSL handshake") == {None}, text
    # The health check (and nginx_server's readiness connect) sent no TLS: not failures
    assert "client closed connection while SSL handshaking" in text
    assert r.closed_without_tls >= 2
    assert _causes_of(r, "client closed connection while SSL handshaking") == set()
    if HAVE_CURL:
        assert r.by_cause.get("non_tls_service_on_port") == 1, text
        assert r.by_cause.get("client_cert_required") == 1, text
        assert r.by_cause.get("cert_untrusted_root", 0) >= 2, text
    # At info nginx logs no SNI: by_sni stays empty, the server blocks are by_server
    assert r.by_sni == {}
    assert f"127.0.0.1:{r.events[0].server.rsplit(':', 1)[1]}" in r.by_server  # type: ignore[union-attr]
    assert r.log_levels[str(log)]["nginx"]["handshake_failures"] == "visible"
    assert not [n for n in r.notes if "error_log" in n]
    # Per cause: who fixes it, its fix, and an example line kept whole
    rows = {c["cause"]: c for c in r.causes}
    sni = rows["sni_required_or_mismatch"]
    assert sni["example"]["message"] in text.splitlines()
    assert sni["who_fixes"] in ("client", "server", "either")
    assert sum(r.by_party.values()) == r.failures


@pytest.mark.parametrize("level", ["notice", "error"])
def test_a_level_above_info_is_reported_with_the_line_to_change(tmp_path: Path,
                                                                level: str) -> None:
    log = _nginx_log(tmp_path, level)
    text = log.read_text()
    assert "SSL_do_handshake" not in text and "handshake rejected" not in text
    r = read_logs([log])
    assert r.failures == 0
    if level == "error" and "[error]" not in text:
        pytest.skip("nginx wrote no [error] line (curl missing)")
    (note,) = [n for n in r.notes if "error_log" in n]
    assert "hides failed TLS handshakes" in note
    assert f"`error_log {log} info;`" not in note  # not an nginx path: Debian's default
    assert "`error_log /var/log/nginx/error.log info;`" in note
    assert r.log_levels[str(log)]["nginx"]["handshake_failures"] == "hidden"
    assert level in r.log_levels[str(log)]["nginx"]["levels"]
    out = _cli("logs", str(log))
    assert out.returncode == 0 and "error_log /var/log/nginx/error.log info;" in out.stdout


def test_an_empty_log_says_it_could_not_tell(tmp_path: Path) -> None:
    empty = tmp_path / "error.log"
    empty.write_text("")
    r = read_logs([empty])
    assert r.failures == 0
    assert any("could not tell" in n and "error_log /var/log/nginx/error.log info;" in n
               for n in r.notes)


def test_debug_level_gives_the_sni_of_each_connection(tmp_path: Path) -> None:
    log = _nginx_log(tmp_path, "debug")
    text = log.read_text()
    if 'SSL server name: "unknown.test"' not in text:
        pytest.skip("this nginx is built without --with-debug")
    r = read_logs([log])
    rejected = [e for e in r.events if "handshake rejected" in e.message]
    assert [e.sni for e in rejected] == ["unknown.test", None]  # the second sent no SNI
    assert r.by_sni.get("unknown.test") == 1
    assert r.by_sni.get("good.test", 0) >= 1  # Python's unknown_ca, asked for good.test
    assert "_" not in r.by_sni and not any(":" in k for k in r.by_sni)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"),
               COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "tlsdoctor", *args], capture_output=True,
                          text=True, timeout=60, env=env, check=False)


def test_cli_summary_is_for_a_person(tmp_path: Path) -> None:
    log = _nginx_log(tmp_path, "info")
    out = _cli("logs", str(log))
    assert out.returncode == 2, out.stderr
    text = out.stdout
    assert "By cause, most frequent first" in text
    assert "sni_required_or_mismatch" in text and "Who fixes it:" in text
    assert "Fix:" in text
    # the example line is printed whole (wrapped lines joined), not cut at 140 characters
    longest = max((ln for ln in log.read_text().splitlines() if "handshake rejected" in ln), key=len)
    flat = "".join(part.strip() for part in text.splitlines())
    assert "".join(longest.split()) in "".join(flat.split())
    assert "Who fixes them:" in text and "Clients (" in text
    assert "health checks" in text  # the closed-without-TLS note
    assert "{'" not in text and "by_cause" not in text  # no dict dump


def test_binary_input_is_a_one_line_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(os.urandom(256 * 1024))
    out = _cli("logs", str(junk))
    assert out.returncode == 3
    assert out.stderr.count("\n") == 1 and "not a text log" in out.stderr
    assert out.stdout == ""
