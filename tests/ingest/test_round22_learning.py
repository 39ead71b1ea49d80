"""Round 22: learning that generalises (scripts/base_rates.py, diagnosis/base_rates.json).

The base rates' support is chosen by the time split, not by dev: the rolling split scores
each thread collected after the first cut once, with the procedure (its later-thread filter
included) learned up to the cut just before it. The filter drops a class only when it made
more later threads wrong than right. The file records the choice, the nested measure of it
and how the learned tops' confidences compare with their rate on later threads.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tlsdoctor.diagnosis import base_rates

ROOT = Path(__file__).resolve().parents[2]
DATA = json.loads((Path(base_rates.__file__).with_name("base_rates.json")).read_text())
CONFIDENT = 0.6


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("base_rates_script",
                                                  ROOT / "scripts/base_rates.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("base_rates_script", module)
    spec.loader.exec_module(module)
    return module


def _reading(script: ModuleType, rid: str, collection: str, expected: str,
             key: str = "reading|client|a b") -> object:
    # two candidates, the tables put "a" first; every thread is in the same one class
    return script.Reading(id=rid, collection=collection, expected=(expected,), keys=(key,),
                          hand={"a": 0.5, "b": 0.4})


def test_the_support_is_the_one_the_rolling_split_prefers() -> None:
    chosen = DATA["support_chosen"]
    right = {int(k): v for k, v in chosen["rolling_right"].items()}
    assert set(right) == set(chosen["supports"])
    best = max(right.values())
    # the largest support among the best: the split cannot tell them apart
    assert DATA["method"]["support"] == max(s for s, v in right.items() if v == best)
    assert sum(t["right_after"] for t in DATA["rolling"]) == best


def test_the_rolling_split_scores_each_later_thread_once() -> None:
    rolling, cuts = DATA["rolling"], DATA["method"]["cuts"]
    assert [t["learned_up_to"] for t in rolling] == cuts
    seen = [c for t in rolling for c in t["later"]]
    assert len(seen) == len(set(seen))  # disjoint segments
    assert sum(t["threads"] for t in rolling) == DATA["time_split"][0]["later_threads"]
    assert sum(t["right_after"] for t in rolling) >= sum(t["right_before"] for t in rolling)


def test_the_choice_itself_is_measured_before_each_cut() -> None:
    nested = DATA["support_chosen"]["nested"]
    assert [t["learned_up_to"] for t in nested] == DATA["method"]["cuts"][2:]
    assert all(t["support"] in DATA["support_chosen"]["supports"] for t in nested)
    assert sum(t["right_after"] for t in nested) >= sum(t["right_before"] for t in nested)


def test_no_learned_top_is_stated_with_more_confidence_than_it_earned() -> None:
    bands = DATA["calibration"]
    assert bands and all(b["band"] != "0.6-1.01" for b in bands)  # nothing at 0.6 or above
    for b in bands:
        low, high = (float(x) for x in b["band"].split("-"))
        assert low <= b["mean_confidence"] < high <= CONFIDENT
        # on later threads such tops were right at least as often as stated, within one
        # thread of the band (a rate from tens of threads)
        assert b["right"] + 1 >= b["mean_confidence"] * b["tops"], b


def test_the_filter_keeps_a_class_that_won_more_later_threads_than_it_lost(
        script: ModuleType) -> None:
    # learned up to the cut: 5 threads whose cause was "b", 1 "a"; later: 2 "b", 1 "a"
    early = [_reading(script, f"e{i}", "original", "b") for i in range(5)]
    early.append(_reading(script, "e5", "original", "a"))
    later = [_reading(script, "l0", "holdout", "b"), _reading(script, "l1", "holdout", "b"),
             _reading(script, "l2", "holdout", "a")]
    moved = script.later_moves(early + later, ("original",), 5)
    assert moved["reading|client|a b"] == {"won": {"l0", "l1"}, "lost": {"l2"}}
    f = script.fit(early + later, 5)
    assert script.filtered(f, moved).kept["reading|client|a b"]  # round 19 dropped it
    one_lost = {"reading|client|a b": {"won": set(), "lost": {"l2"}}}
    assert not script.filtered(f, one_lost).kept["reading|client|a b"]


def test_a_tie_on_the_split_chooses_the_larger_support(script: ModuleType) -> None:
    # no thread after the cuts moves whatever the support: every value ties, the largest wins
    rows = [_reading(script, f"r{i}", "original", "a") for i in range(20)]
    chosen, right = script.choose_support(rows, ("original", "holdout"))
    assert len(set(right.values())) == 1
    assert chosen == max(script.SUPPORTS)


def test_the_support_decides_which_classes_exist(script: ModuleType) -> None:
    rows = [_reading(script, f"r{i}", "original", "b") for i in range(6)]
    assert "reading|client|a b" in script.fit(rows, 5).members
    assert "reading|client|a b" not in script.fit(rows, 8).members
