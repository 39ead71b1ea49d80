"""Eclipse Paho MQTT C (Debian 12's paho.mqtt.c-examples 1.3.12, paho_c_pub on OpenSSL 3.0)
against real broken servers on 127.0.0.1 (testing/broken_servers.py): its exact output fed
to explain. Paho prints nothing of its own about TLS: the sample client prints OpenSSL's
error queue as "SSL error: <line>" and then "Connect failed, rc Failure", so the cells read
what OpenSSL's words allow (a verify failure without its reason is a ranking) and a failure
with no OpenSSL line (a wrong host, a refused port) stays unrecognised rather than guessed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.broken_servers import BrokenSet, broken_servers
from tlsdoctor.testing.processes import output_until

# fault -> (top cause, or None: nothing recognised; the top must stay below 0.6 when "rank")
CELLS: dict[str, tuple[str | None, bool]] = {
    "ok": (None, False),  # TLS passed; the HTTPS test server never answers MQTT
    "untrusted_root": ("cert_untrusted_root", True),
    "expired": ("cert_untrusted_root", True),  # OpenSSL's bare "certificate verify failed"
    "incomplete_chain": ("cert_untrusted_root", True),
    "tls10_11_only": ("protocol_version_mismatch", True),
    "plain_http": ("non_tls_service_on_port", True),
    "hangup": ("middlebox_or_firewall_interference", True),
    "wrong_host": (None, False),  # only "Connect failed, rc Failure"
    "refused": (None, False),
}
_TIMEOUT = 8.0


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrokenSet]:
    if shutil.which("paho_c_pub") is None:
        pytest.skip("paho_c_pub is not installed (Debian: paho.mqtt.c-examples)")
    with broken_servers(tmp_path_factory.mktemp("paho"), only=set(CELLS)) as s:
        yield s


def _run(servers: BrokenSet, fault: str) -> str:
    """paho_c_pub retries until killed: read until its first "Connect failed" (the whole first
    attempt, OpenSSL's lines before it) or _TIMEOUT, then stop it."""
    argv = ["paho_c_pub", "-t", "t", "-m", "hi", "--keepalive", "5", "--connection",
            f"ssl://localhost:{servers.port(fault)}", "--cafile", str(servers.ca_file)]
    return output_until(argv, lambda text: "Connect failed" in text, _TIMEOUT)


@pytest.mark.parametrize("fault", sorted(CELLS))
def test_paho_c_output_against_a_broken_server(servers: BrokenSet, fault: str) -> None:
    if fault in servers.skipped:
        pytest.skip(servers.skipped[fault])
    text = _run(servers, fault)
    top, ranking = CELLS[fault]
    r = explain(text)
    if top is None:
        assert not r.findings, (fault, text, r.meaning)
        return
    assert r.findings, (fault, text)
    assert r.findings[0].cause.value == top, (fault, text, r.meaning)
    assert "SSL error: " in text  # the sample client's own wrapping of OpenSSL's queue
    if ranking:
        assert r.findings[0].confidence < 0.6 or fault in ("plain_http",), (fault, r.meaning)
