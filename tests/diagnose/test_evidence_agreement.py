"""One fault, every kind of evidence (docs/evidence-agreement.md): real servers (nginx,
Apache, HAProxy, gnutls-serv, s_server, PostgreSQL) with one fault each, real clients (curl,
wget, s_client, gnutls-cli, Python ssl / urllib / requests, Java, Node, Go, git, psql)
failing against them; the client's words (``explain``), the server's lines (``logs``), the
capture (``pcap``) and the live diagnosis (``diagnose``) must name the same cause and party,
or say honestly that they cannot tell (tests/diagnose/agreement_expect.py).

Two halves: the recorded matrix (tests/diagnose/agreement/, scripts/record_evidence_agreement.py,
with each program's version and command) read with no server; and a live sample that runs a
few cells now, one server per cell, when this machine can capture (root and tcpdump).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from agreement_expect import judge_cell, judge_diagnosis, load

from tlsdoctor import api, read_logs, read_pcap
from tlsdoctor.testing import agreement
from tlsdoctor.testing.capture import can_capture
from tlsdoctor.testing.client_programs import ClientKit

DATA = Path(__file__).parent / "agreement"
RECORD = load(DATA)
BY_SERVER_FAULT: dict[tuple[str, str], list[dict[str, Any]]] = {}
for _cell in RECORD["cells"]:
    BY_SERVER_FAULT.setdefault((_cell["server"], _cell["fault"]), []).append(_cell)


def test_the_record_covers_every_server_and_client() -> None:
    servers = {c["server"] for c in RECORD["cells"]}
    clients = {c["client"] for c in RECORD["cells"]}
    assert servers == set(agreement.KINDS), servers
    assert clients == {*agreement.CLIENTS, "psql"}, clients
    assert len(RECORD["cells"]) >= 600
    for name in (*agreement.KINDS, *agreement.CLIENTS):
        assert RECORD["versions"].get(name), name  # the program's version beside its data
    assert all(c["command"] for c in RECORD["cells"])


@pytest.mark.parametrize("key", sorted(RECORD["diagnoses"]))
def test_recorded_diagnosis(key: str) -> None:
    server, fault = key.split("/")
    v = judge_diagnosis(fault, RECORD["diagnoses"][key], server)
    assert v.right, f"{key}: {v.detail}"


@pytest.mark.parametrize("server,fault", sorted(BY_SERVER_FAULT),
                         ids=[f"{s}-{f}" for s, f in sorted(BY_SERVER_FAULT)])
def test_recorded_cells(server: str, fault: str) -> None:
    wrong = []
    for cell in BY_SERVER_FAULT[(server, fault)]:
        for evidence, v in judge_cell(cell, DATA).items():
            if not v.right:
                wrong.append(f"{evidence} / {cell['client']}: {v.detail}")
    assert not wrong, "\n".join(wrong)


# --- the classes this matrix found -----------------------------------------------------------

def _cell(server: str, fault: str, client: str) -> dict[str, Any]:
    return next(c for c in BY_SERVER_FAULT[(server, fault)] if c["client"] == client)


def test_jsse_tls13_alert_is_a_failed_handshake() -> None:
    """JSSE pads its TLS 1.3 records with 16 zero bytes: its encrypted alert is 35 bytes.
    A capture of Java refusing a certificate is a failure that cannot say why, not a
    working connection."""
    for fault in ("expired", "self_signed", "wrong_host"):
        report = read_pcap(DATA / _cell("s_server", fault, "java")["pcap"])
        outcomes = [e.outcome for e in report.events]
        assert outcomes == ["failed"], (fault, outcomes)


def test_nginx_logs_a_tls_hello_on_its_plain_port() -> None:
    """nginx 1.22 copies a TLS hello sent to its plain-HTTP port into its line as raw bytes
    (NULs included): the log is text, the line is the client's mistake, and the client's
    reset that follows on the same connection is not another failure."""
    text = _cell("nginx", "plain_http", "curl")["log_text"]
    assert "\x00" in text and "client sent invalid method" in text
    r = api.explain(text)
    assert r.findings[0].cause.value == "non_tls_service_on_port"
    report = read_logs([io.BytesIO(text.encode())])
    assert [e.findings[0].cause.value for e in report.events] == ["non_tls_service_on_port"]


def test_a_log_line_with_a_printed_head_and_binary_tail_is_text() -> None:
    line = (b"2026/12/07 18:53:10 [info] 1#1: *%d client sent invalid method while reading "
            b"client request line, client: 127.0.0.1, server: , request: \"\x16\x03\x01\x02"
            b"\x00\x01\x00\x01\xfc\x03\x03\x00\x00\"\n")
    report = read_logs([io.BytesIO(b"".join(line % n for n in (3, 4, 5)))])
    assert [e.findings[0].confidence for e in report.events] == [1.0, 1.0, 1.0]


# --- live: a sample of cells now --------------------------------------------------------------

LIVE = (("nginx", "plain_http", "curl"), ("s_server", "expired", "java"),
        ("haproxy", "wrong_host", "python_requests"), ("apache", "tls10_only", "go"),
        ("gnutls-serv", "client_cert_required", "node"))


@pytest.fixture(scope="module")
def live_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[agreement.Lab,
                                                                        ClientKit, Path]]:
    if not can_capture():
        pytest.skip("needs root and tcpdump")
    work = tmp_path_factory.mktemp("agreement")
    lab = agreement.lab(work / "pki")
    (work / "kit").mkdir()
    yield lab, ClientKit(work / "kit", lab.root_pem), work


@pytest.mark.timeout(90)
@pytest.mark.parametrize("server,fault,client", LIVE, ids=["-".join(x) for x in LIVE])
def test_live_cell(live_lab: tuple[agreement.Lab, ClientKit, Path], server: str, fault: str,
                   client: str) -> None:
    lab, kit, work = live_lab
    why = kit.unavailable(client)
    if why:
        pytest.skip(why)
    out = work / f"{server}-{fault}"

    def diagnose(port: int, starttls: str) -> list[Any]:
        r = api.diagnose(f"localhost:{port}", connect="127.0.0.1", ca_file=str(lab.root_pem),
                         timeout=3, offline=True)
        top = r.findings[0] if r.findings else None
        return [r.root_cause_id, top.who_fixes.value if top else None, r.outcome]

    cells, diags, skipped = agreement.record(server, lab, kit, out, (fault,), (client,),
                                             diagnose)
    if fault in skipped:
        pytest.skip(f"{server}: {skipped[fault]}")
    assert judge_diagnosis(fault, diags[fault], server).right, diags[fault]
    (cell,) = cells
    got = {"server": server, "fault": fault, "client": client, "exit_code": cell.exit_code,
           "client_text": cell.client_text, "log_text": cell.log_text, "pcap": cell.pcap.name}
    verdicts = judge_cell(got, out)
    assert all(v.right for v in verdicts.values()), (
        {k: v.detail for k, v in verdicts.items()}, cell.client_text[-400:], cell.log_text)


def test_a_captured_client_that_finished_its_handshake_had_the_issuer() -> None:
    """A leaf straight from a private root is sent alone, as it should be: the capturing
    machine's stores lack the root, the client's do not. A finished handshake proves it, and
    a client's alert about something else (bad_certificate: OpenSSL's for a weak key) makes
    the missing issuer a ranking, below what the certificate itself shows."""
    done = read_pcap(DATA / _cell("nginx", "client_cert_required", "openssl")["pcap"])
    assert [(e.outcome, e.findings) for e in done.events] == [("ok", ())]
    weak = read_pcap(DATA / _cell("nginx", "rsa1024", "curl")["pcap"]).events[0]
    assert weak.findings[0].cause.value == "weak_signature_or_key"
    assert {f.cause.value: f.confidence for f in weak.findings}["incomplete_chain"] < 0.6


def test_a_bare_handshake_failure_is_a_ranking() -> None:
    """gnutls-serv speaking TLS 1.0 only answers a TLS 1.2+ client "No supported cipher
    suites have been found" and a bare handshake_failure: neither its line nor the capture
    may name the suites with confidence (the live diagnosis finds the versions)."""
    cell = _cell("gnutls-serv", "tls10_only", "python_ssl")
    assert "No supported cipher suites" in cell["log_text"]
    line = api.explain(cell["log_text"]).findings[0]
    event = read_pcap(DATA / cell["pcap"]).events[0]
    assert line.confidence < 0.6 and event.findings[0].confidence < 0.6
    assert RECORD["diagnoses"]["gnutls-serv/tls10_only"][0] == "protocol_version_mismatch"
