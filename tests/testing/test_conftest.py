"""The shared fixtures themselves: environment isolation and factory cleanup."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

CONFTEST = Path(__file__).resolve().parents[1] / "conftest.py"
# The inner run must not inherit this worker's xdist state (pytest-benchmark, if
# installed, warns about xdist and the warning would be fatal).
_ISOLATED = ("-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:benchmark")


def test_tls_environment_is_cleared_for_every_test(pytester: pytest.Pytester,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SSL_CERT_FILE", "SSL_CERT_DIR", "https_proxy", "HTTP_PROXY", "all_proxy",
                 "No_Proxy"):
        monkeypatch.setenv(name, "/nonexistent")
    pytester.makeconftest(CONFTEST.read_text())
    pytester.makepyfile(test_env="""
        import os
        def test_env():
            names = {n.upper() for n in os.environ}
            assert not names & {"SSL_CERT_FILE", "SSL_CERT_DIR", "HTTPS_PROXY", "HTTP_PROXY",
                                "ALL_PROXY", "NO_PROXY"}
    """)
    pytester.inline_run(*_ISOLATED).assertoutcome(passed=1)


def test_factory_servers_are_stopped_at_teardown(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST.read_text())
    pytester.makepyfile(test_leak="""
        import json, os
        def test_start(s_server, py_server):
            a, b = s_server(), py_server()
            with open(os.environ["PIDFILE"], "w") as f:
                json.dump({"pid": a.pid, "port": b.port}, f)
    """)
    pidfile = pytester.path / "pids.json"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PIDFILE", str(pidfile))
        pytester.inline_run(*_ISOLATED).assertoutcome(passed=1)
    info = json.loads(pidfile.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(info["pid"], 0)  # s_server is gone (and reaped: no zombie entry)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", info["port"]), timeout=1).close()
