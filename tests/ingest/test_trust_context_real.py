"""Real clients (curl, git, Python requests, Node, Java, Go) against a loopback server whose
chain comes from a made-up interception CA for a public name (each client resolves the name
to 127.0.0.1 with its own option), and against a self-signed server on a private address;
explain must read each output in its context (trust_real_expect.check). The recorded
outputs (corpus/trust_context_real.json, written by corpus/record_trust_context.py) are
checked without servers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from trust_real_expect import check

from tlsdoctor.testing.trust_clients import (
    CLIENTS,
    SCENARIOS,
    TrustLab,
    run_client,
    trust_servers,
    unavailable,
)

CORPUS = json.loads((Path(__file__).parent / "corpus" / "trust_context_real.json").read_text())


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TrustLab, Path]]:
    work = tmp_path_factory.mktemp("trustctx")
    with trust_servers(work) as servers:
        yield servers, work


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_real_client_output_in_context(lab: tuple[TrustLab, Path], client: str,
                                       scenario: str) -> None:
    servers, work = lab
    why = unavailable(client, work)
    if why:
        pytest.skip(why)
    run = run_client(client, scenario, servers, work)
    assert run.exit_code not in (None, 0), run.text  # it failed, and by itself
    check(client, scenario, run.host, run.port, run.text)


@pytest.mark.parametrize("entry", CORPUS, ids=[f"{e['client']}-{e['scenario']}" for e in CORPUS])
def test_recorded_output_in_context(entry: dict[str, object]) -> None:
    check(str(entry["client"]), str(entry["scenario"]), str(entry["host"]),
          int(str(entry["port"])), str(entry["text"]))


def test_the_recording_covers_every_client_and_scenario() -> None:
    assert {(e["client"], e["scenario"]) for e in CORPUS} == {
        (c, s) for c in CLIENTS for s in SCENARIOS}
    assert all(e["version"] for e in CORPUS)
