"""Each profile that has a real program on this machine predicts what that program does.

For every (real client, profile, scenario): tlsdoctor.diagnose(target, client=profile,
ca_file=root) must give the real client's outcome (connects: ok or risky; fails: fails)
and, when both fail, a root cause the client's own error text means.

Pairs that do not agree yet are listed in KNOWN_MISSES with the policy fact (in
src/tlsdoctor/clients/profiles.json) that explains the miss: the judgement that applies
each profile's policy lives in diagnosis/rules. They are strict xfails, so a pair that
starts agreeing fails here until its entry is removed.
"""

from __future__ import annotations

from typing import Any

import pytest

from tlsdoctor.realclients.scenarios import SCENARIO_NAMES
from tlsdoctor.realclients.verify import all_drivers

KNOWN_MISSES: dict[tuple[str, str, str], str] = {}

PAIRS = [(d.name, profile, scenario) for d in all_drivers() for profile in d.profiles
         for scenario in SCENARIO_NAMES]


def _param(client: str, profile: str, scenario: str) -> Any:
    reason = KNOWN_MISSES.get((client, profile, scenario))
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(client, profile, scenario, marks=marks,
                        id=f"{client}-{profile}-{scenario}")


def _run(matrix: dict[str, Any], client: str) -> dict[str, Any]:
    run = next(r for r in matrix["clients"] if r["client"] == client)
    if run["skipped"]:
        pytest.skip(f"{client}: {run['skipped']}")
    return dict(run)


def _pair(matrix: dict[str, Any], client: str, profile: str, scenario: str) -> dict[str, Any]:
    _run(matrix, client)
    if scenario not in matrix["scenarios"]:
        pytest.skip(f"scenario {scenario} needs a server program this machine lacks")
    return dict(next(p for p in matrix["pairs"] if (p["client"], p["profile"], p["scenario"])
                     == (client, profile, scenario)))


@pytest.mark.parametrize("client", [d.name for d in all_drivers()])
def test_each_real_client_really_ran(real_matrix, client):
    """The harness is honest: each program connected to the healthy server and refused
    the expired and the self-signed ones, with its own error text."""
    run = _run(real_matrix, client)
    assert run["version"], client
    real = {p["scenario"]: p["real"] for p in real_matrix["pairs"] if p["client"] == client}
    assert real["healthy"]["connected"], real["healthy"]
    for broken in ("expired", "self-signed"):
        assert not real[broken]["connected"] and real[broken]["error"], (broken, real[broken])
    assert "cert_expired" in real["expired"]["causes"], real["expired"]


@pytest.mark.parametrize(("client", "profile", "scenario"), [_param(*p) for p in PAIRS])
def test_profile_predicts_the_real_client(real_matrix, client, profile, scenario):
    pair = _pair(real_matrix, client, profile, scenario)
    real, predicted = pair["real"], pair["predicted"]
    said = f"real: {real}; predicted: {predicted}"
    assert pair["outcome_agrees"], said
    assert pair["cause_agrees"], said
    if not real["connected"]:
        assert predicted["root_cause"] in real["causes"], said


def test_known_misses_name_real_pairs_and_policy_facts():
    from tlsdoctor.clients.profile import VerifyPolicy

    facts = set(VerifyPolicy.__dataclass_fields__)
    pairs = set(PAIRS)
    for key, reason in KNOWN_MISSES.items():
        assert key in pairs, key
        assert reason.split("=")[0].split(":")[0].split(",")[0] in facts, reason
