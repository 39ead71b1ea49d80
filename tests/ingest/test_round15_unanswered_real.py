"""Round 15, real programs: a ClientHello nobody answers.

On 127.0.0.1 a TCP listener accepts and never says a word (what a path that loses the
hello, or a wedged TLS listener, looks like from the client). curl -v, openssl s_client
-state and gnutls-cli -d print their traces up to the ClientHello and stop (curl gives up
with its own timeout; the others are stopped after a bounded wait); each real output is fed
to explain: an unanswered hello, on this machine the local service first (nothing is in
between), never confident. Python's bare "The handshake operation timed out" (no trace)
stays a guess below 0.6.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tlsdoctor.api import explain
from tlsdoctor.causes import Cause
from tlsdoctor.testing.silent import silent_listener

SM = Cause.SERVER_MISCONFIGURATION
_WAIT = 3.0  # seconds a client may wait for the hello's answer


@pytest.fixture()
def silent_port() -> Iterator[int]:
    """A listener that accepts and holds every connection without a word, until the test
    ends (at most 16 connections)."""
    with silent_listener() as port:
        yield port


def _run(cmd: list[str]) -> str:
    """The program's output (stdout and stderr), stopped after _WAIT seconds if it waits."""
    try:
        done = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=_WAIT, check=False)
        out, err = done.stdout, done.stderr
    except subprocess.TimeoutExpired as e:
        out, err = e.stdout or b"", e.stderr or b""
    return (out + b"\n" + err).decode("utf-8", "replace")


def _check(text: str) -> None:
    r = explain(text)
    assert r.recognized, text
    top = r.findings[0]
    assert str(top.facts.get("pattern", "")).startswith("notls.unanswered.loopback"), text
    assert top.cause is SM and top.confidence < 0.6
    assert Cause.NON_TLS_SERVICE_ON_PORT in [f.cause for f in r.findings[:3]]


@pytest.mark.skipif(shutil.which("curl") is None, reason="no curl")
def test_curl_verbose_trace_stops_after_the_hello(silent_port: int) -> None:
    text = _run(["curl", "-sS", "-v", "--max-time", "2", f"https://127.0.0.1:{silent_port}/"])
    assert "Client hello (1)" in text and "(28)" in text
    _check(text)


@pytest.mark.skipif(shutil.which("openssl") is None or shutil.which("stdbuf") is None,
                    reason="no openssl or stdbuf")
def test_s_client_state_stops_after_the_hello(silent_port: int) -> None:
    # stdbuf: s_client's CONNECTED line is on a buffered stdout, lost when it is stopped
    text = _run(["stdbuf", "-oL", "openssl", "s_client", "-state", "-connect",
                 f"127.0.0.1:{silent_port}"])
    assert "write client hello" in text
    _check(f"$ openssl s_client -state -connect 127.0.0.1:{silent_port}\n{text}")


@pytest.mark.skipif(shutil.which("gnutls-cli") is None or shutil.which("stdbuf") is None,
                    reason="no gnutls-cli or stdbuf")
def test_gnutls_cli_debug_stops_after_the_hello(silent_port: int) -> None:
    # stdbuf: its "Connecting to '127.0.0.1:PORT'..." is on stdout, as a terminal shows it
    text = _run(["stdbuf", "-oL", "gnutls-cli", "-d", "4", "--insecure", "-p", str(silent_port), "127.0.0.1"])
    assert "CLIENT HELLO was queued" in text
    _check(text)


def test_python_bare_timeout_stays_a_guess(silent_port: int) -> None:
    code = ("import socket, ssl\nc = ssl.create_default_context()\n"
            f"s = socket.create_connection(('127.0.0.1', {silent_port}), timeout=1)\n"
            "c.wrap_socket(s, server_hostname='localhost')\n")
    text = _run([sys.executable, "-c", code])
    assert "handshake operation timed out" in text
    r = explain(text)
    assert r.findings and r.findings[0].confidence < 0.6
