"""explain() over what real clients printed against broken loopback servers.

corpus/recorded.json is written by corpus/record.py (curl, openssl s_client, Python ssl
and urllib, gnutls-cli, wget, Node.js, Java against openssl s_server with expired,
not-yet-valid, self-signed, wrong-host, untrusted-root, incomplete-chain, TLS 1.0-only,
NULL-cipher-only and client-certificate-required setups, a plaintext port and a closed
port). Each entry must be recognised and list the scenario's cause.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tlsdoctor import explain

CORPUS = json.loads((Path(__file__).parent / "corpus" / "recorded.json").read_text())

# Runs where the client did not hit the scenario's failure, so there is nothing to explain:
# (scenario, client) -> why.
NOT_A_FAILURE = {
    ("tls10_only", "gnutls_cli"): "GnuTLS 3.7 still negotiates TLS 1.0 here (handshake ok)",
    ("tls10_only", "wget"): "wget (GnuTLS) connected over TLS 1.0; s_server never answers HTTP",
    ("client_cert_required_tls13", "java"): "TLS 1.3: the server's verdict arrives after the "
                                            "client's handshake completed; no read was made",
}


def _id(e: dict[str, object]) -> str:
    return f"{e['scenario']}-{e['client']}"


@pytest.mark.parametrize("entry", CORPUS, ids=[_id(e) for e in CORPUS])
def test_recorded_output(entry: dict[str, str]) -> None:
    key = (entry["scenario"], entry["client"])
    r = explain(entry["output"])
    if key in NOT_A_FAILURE:  # nothing failed: explain must not invent the failure
        assert entry["expected"] not in [f.cause.value for f in r.findings]
        return
    assert r.recognized, entry["output"][-300:]
    causes = [f.cause.value for f in r.findings]
    assert entry["expected"] in causes, (r.meaning, causes)


def test_corpus_size_and_recognition_rate() -> None:
    clients = {e["client"] for e in CORPUS}
    assert {"curl", "openssl_s_client", "python_ssl", "gnutls_cli"} <= clients
    failures = [e for e in CORPUS if (e["scenario"], e["client"]) not in NOT_A_FAILURE]
    recognised = [e for e in failures if explain(e["output"]).recognized]
    right = [e for e in failures
             if e["expected"] in [f.cause.value for f in explain(e["output"]).findings]]
    assert len(failures) >= 60
    assert len(recognised) == len(failures)
    assert len(right) == len(failures)


def test_specific_scenarios_rank_first() -> None:
    """Where the client's words are unambiguous, the scenario's cause is the top finding."""
    unambiguous = {"expired", "wrong_host", "tls10_only", "client_cert_required_tls13",
                   "plaintext_port"}
    for e in CORPUS:
        if e["scenario"] in unambiguous and (e["scenario"], e["client"]) not in NOT_A_FAILURE:
            r = explain(e["output"])
            assert r.findings[0].cause.value == e["expected"], (_id(e), r.meaning)


def test_not_yet_valid_is_a_stated_set() -> None:
    """A certificate dated 20 days ahead and a clock 20 days behind print the same words
    (no time these clients print decides it): the clock first, the certificate second,
    below certainty (judgement/_common.NOT_YET, ingest/clock.py)."""
    runs = [e for e in CORPUS if e["scenario"] == "not_yet_valid"]
    assert len(runs) >= 6
    for e in runs:
        f = explain(e["output"]).findings
        assert [x.cause.value for x in f[:2]] == ["client_clock_wrong", "cert_not_yet_valid"], \
            _id(e)
        assert (f[0].confidence or 0) < 0.6, _id(e)
