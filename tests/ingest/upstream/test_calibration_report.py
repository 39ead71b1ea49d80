"""scripts/calibration_report.py: the deciding reading per dev case, and the rule that asks
for a different top only on clear evidence (round 13, orders calibrated on evidence)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "calibration_report.py"


@pytest.fixture(scope="module")
def cal() -> ModuleType:
    spec = importlib.util.spec_from_file_location("calibration_report", SCRIPT)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["calibration_report"] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def _row(cal: ModuleType, thread: str, expected: tuple[str, ...], top: str = "a") -> object:
    return cal.Decided(case_id=thread, thread=thread, cell="x", top=top, listed=("a", "b"),
                       expected=expected, texts=())


def test_only_dev_cases_are_read(cal: ModuleType, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    every = json.loads(cal.CASES.read_text())["cases"]
    assert {c["split"] for c in cal.dev_cases()} == {"dev"}
    # a holdout in the file (there is none between rounds) is filtered out
    held = [*every[:3], {**every[3], "split": "holdout99"}]
    fake = tmp_path / "cases.json"
    fake.write_text(json.dumps({"cases": held}))
    monkeypatch.setattr(cal, "CASES", fake)
    assert [c["id"] for c in cal.dev_cases()] == [c["id"] for c in every[:3]]


def test_a_change_needs_enough_cases_and_a_clear_majority(cal: ModuleType) -> None:
    three = [_row(cal, f"t{i}", ("b",)) for i in range(3)]
    assert cal.best_other(three, "a", 4) is None  # too few
    four = [*three, _row(cal, "t3", ("b",))]
    assert cal.best_other(four, "a", 4) == "b"
    split = [*three[:2], _row(cal, "t2", ("a",)), _row(cal, "t3", ("a",))]
    assert cal.best_other(split, "a", 4) is None  # 2 of 4 is no majority
    # both right everywhere: the threads' own cause decides, with a clear majority
    both = [_row(cal, f"t{i}", ("b", "a")) for i in range(4)]
    assert cal.best_other(both, "a", 4) == "b"
    assert cal.best_other(both, "b", 4) is None


def test_calibrated_class_asks_for_no_further_change(cal: ModuleType) -> None:
    """The .NET Framework WebException class follows its threads' cause in every fold."""
    rows = [cal.decide(c) for c in cal.dev_cases()
            if cal._TEXT_RX[".NET Framework WebException handshake"].search(c["text"])]
    assert len({d.thread for d in rows}) >= 5
    assert all(d.top == "protocol_version_mismatch" for d in rows), [d.top for d in rows]
    assert cal.loo(rows, min_n=cal.MIN_N, classes="text") == [
        "no group has the evidence for a change"]
