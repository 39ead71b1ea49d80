"""A wrong local clock, end to end: the CLI runs under libfaketime (400 days ahead)
against a server that sends an HTTP Date header. Certificates then look expired to
this machine's OpenSSL, but the cause is the clock, not the certificate."""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from tlsdoctor.testing import faketime, servers

pytestmark = pytest.mark.skipif(faketime.LIBRARY is None,
                                reason="faketime (libfaketime) is not installed")


def _faked(*argv: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.upper().endswith("_PROXY")}
    return subprocess.run(faketime.faked(list(argv), "+400d"), capture_output=True, text=True,
                          timeout=timeout, env=env, check=False)


def test_faketime_reaches_python_and_openssl():
    # Both clocks a diagnosis uses must move: Python's datetime and OpenSSL's verifier
    # (which reads time() through libc). ``openssl x509 -checkend 0`` on a certificate
    # valid for 60 more days fails only if OpenSSL sees the faked date.
    from tlsdoctor.testing.ca import CA

    now = datetime.now(UTC)
    leaf = CA(name="faketime check").issue(("localhost",), not_after=now + timedelta(days=60))
    code = ("import datetime,sys;"
            "sys.stdout.write(datetime.datetime.now(datetime.UTC).isoformat())")
    out = _faked(sys.executable, "-c", code)
    assert out.returncode == 0, out.stderr
    assert datetime.fromisoformat(out.stdout) - now > timedelta(days=399)
    check = subprocess.run(faketime.faked(["openssl", "x509", "-noout", "-checkend", "0"], "+400d"), input=leaf.cert_pem.decode(),
                           capture_output=True, text=True, timeout=10, check=False)
    assert check.returncode == 1 and "will expire" in check.stdout


def _served(pki):
    now = datetime.now(UTC)
    leaf = pki.leaf(not_before=now - timedelta(days=10), not_after=now + timedelta(days=60))
    chain, key = pki.write(leaf)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(chain, key)
    return servers.python_server(ctx)  # answers with an HTTP Date header at real time


def _cli(srv, pki, *, faked: bool) -> tuple[int, dict]:
    argv = [sys.executable, "-m", "tlsdoctor", "diagnose", f"localhost:{srv.port}",
            "--connect", "127.0.0.1", "--ca-file", str(pki.root_pem), "--offline",
            "--timeout", "3", "--json"]
    if faked:
        p = _faked(*argv)
    else:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    assert p.stdout, p.stderr
    return p.returncode, json.loads(p.stdout)


def test_clock_400_days_ahead_is_the_clients_clock(pki):
    with _served(pki) as srv:
        code, data = _cli(srv, pki, faked=True)
    assert code == 2 and data["outcome"] == "fails"
    assert data["root_cause"] == "client_clock_wrong", [f["cause"] for f in data["findings"]]
    root = data["findings"][0]
    assert root["who_fixes"] == "client" and root["severity"] == "blocking"
    assert "days ahead of" in root["title"]
    assert "cert_expired" not in {f["cause"] for f in data["findings"]}
    assert data["stats"]["handshakes"] <= 12


def test_right_clock_twin_is_ok(pki):
    with _served(pki) as srv:
        code, data = _cli(srv, pki, faked=False)
    assert code == 0 and data["outcome"] == "ok", [f["title"] for f in data["findings"]]
    assert data["root_cause"] is None
    assert data["stats"]["handshakes"] <= 10
