"""Round 15, wrappers whose status words hide the real failure: Pi-hole's gravity.sh prints
curl's http_code 000 as "Connection Refused" (patterns/wrappers.py). Real curl on loopback
shows why that word cannot be trusted: a refused port and a TLS verification failure both
give http_code 000, so explain ranks the line below 0.6 with both kinds of candidate."""

from __future__ import annotations

import shutil
import socket
import subprocess

import pytest

from tlsdoctor.api import explain
from tlsdoctor.causes import Cause

pytestmark = pytest.mark.skipif(shutil.which("curl") is None or shutil.which("openssl") is None,
                                reason="curl and openssl are needed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _http_code(url: str) -> str:
    """What gravity.sh asks curl for: -s, the body thrown away, only %{http_code}."""
    run = subprocess.run(["curl", "--connect-timeout", "5", "-s", "-w", "%{http_code}", url,
                          "-o", "/dev/null"], capture_output=True, text=True, timeout=30)
    return run.stdout


GRAVITY = ("  [i] Target: https://lists.example.org/hosts.txt\n"
           "  [\u2717] Status: Connection Refused\n"
           "  [\u2717] List download failed: no cached list available")


def test_curl_gives_000_for_refused_and_tls_failures(s_server) -> None:
    untrusted = s_server(www=True)  # a leaf of the tests' own CA, which curl does not trust
    assert _http_code(f"https://127.0.0.1:{_free_port()}/") == "000"   # refused
    assert _http_code(f"https://127.0.0.1:{untrusted.port}/") == "000"  # untrusted chain


def test_gravity_connection_refused_is_a_ranking() -> None:
    result = explain(GRAVITY)
    causes = [f.cause for f in result.findings]
    assert result.findings[0].confidence < 0.6
    assert Cause.NAME_RESOLUTION_OR_UNREACHABLE in causes
    assert Cause.CLIENT_MISCONFIGURATION in causes and Cause.CERT_EXPIRED in causes
    assert "curl -v" in result.meaning


def test_gravity_http_statuses_claim_no_tls_fault() -> None:
    for word in ("Forbidden", "Not found", "Unavailable For Legal Reasons",
                 "Internal Server Error"):
        result = explain(GRAVITY.replace("Connection Refused", word))
        assert result.recognized
        assert not result.findings, word
