"""Learn how often each cause is behind an ambiguous generic reading, validate the learned
orders on threads collected later, and write src/tlsdoctor/diagnosis/base_rates.json.

Run: PYTHONPATH=src python3 scripts/base_rates.py [--check]

A reading's ambiguity classes are mechanical (diagnosis/base_rates.class_keys): the pattern
and side of the statement whose claim leads and the candidate causes the words gave, when
none is claimed at 0.6 or above, at two levels (the tables' reading on that side, whatever
wording gave it; the leading pattern and its candidates). Per class, over the dev split of the real-world set, it counts each cause
as the thread's own (``expected[0]``) and as acceptable (anywhere in ``expected``): top-1 is
right when the top cause is acceptable, so the learned order sorts a reading's candidates by
how often each was acceptable, smoothed with the tables' confidences (base_rates.rates).

The procedure, on any set of threads: a class needs SUPPORT threads; a reading is decided by
its first class (in LEVELS order) that has them; a class is kept only when it decides one
thread or more, every cause its learned order puts first in place of the tables' was the
thread's cause in BACKING threads of the class or more, and its learned order is right for at
least as many of the threads it decides as the tables' order was (learned orders never lose a
thread they were learned from, so dev cannot fall).

Time split: for each cut the procedure runs on the threads collected up to the cut (the
original set, then holdout..holdoutN in collection order) and top-1 is measured on the
threads collected after it (up to holdout16, wild18, wild18b, holdout17, holdout18), with
the tables' order and with the learned one. The data file is the procedure run on the whole dev split, minus any
class that lost a later thread at a cut, learned from the collections up to LEARNED_UP_TO (the
latest folded holdout keeps testing them). Only dev is read: a holdout split never is.
``--check`` recomputes and fails when the data file differs (it is generated, not typed).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tlsdoctor.diagnosis.base_rates import CAP, LEVELS, PRIOR, class_keys, rates
from tlsdoctor.diagnosis.rules._text import table_scores
from tlsdoctor.ingest.messages import MAX_INPUT, text_evidence
from tlsdoctor.ingest.posting import unwrap

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests/ingest/upstream/heldout/cases.json"
OUT = ROOT / "src/tlsdoctor/diagnosis/base_rates.json"
SUPPORT = 5  # threads a class needs before its order is learned
BACKING = 2  # threads that must have had a cause before a learned order puts it first
# Collections in the order they were gathered: the original set, round 1's holdout, then
# holdout2..holdout16 (rounds 2-18), round 18's two wild samples, rounds 19-22's holdouts.
COLLECTIONS = ("original", "holdout", *(f"holdout{i}" for i in range(2, 17)),
               "wild18", "wild18b", "holdout17", "holdout18", "holdout19", "holdout20",
               "holdout21")
# The last collection learned from, per cut.
CUTS = ("holdout13", "holdout14", "holdout15", "wild18b", "holdout17", "holdout18", "holdout19",
        "holdout20")
# The rates in use are learned up to here: the latest folded holdout stays the threads that test
# them (round 19: holdout17, 28 -> 27 of 45 with the procedure learned up to wild18b; round 20:
# holdout18, learned up to holdout17; round 21: holdout19, learned up to holdout18, then its
# second, holdout20, learned up to holdout19; round 22: holdout21, learned up to holdout20), and
# the next round moves this on when it folds its own.
LEARNED_UP_TO = "holdout20"


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """One dev thread as the pattern tables read it (before base rates)."""

    id: str
    collection: str
    expected: tuple[str, ...]
    keys: tuple[str, ...] | None  # its classes in LEVELS order; None: the words name a cause
    hand: dict[str, float]  # the tables' claims, most likely first

    def right(self, top: str) -> bool:
        return top in self.expected or (top == "-" and "none" in self.expected)

    @property
    def hand_top(self) -> str:
        return next(iter(self.hand), "-")


@dataclass(frozen=True, slots=True, kw_only=True)
class Fit:
    """The procedure's result on some threads: each class's members and whether it is kept."""

    members: dict[str, list[Reading]]  # classes with SUPPORT threads: every thread in them
    decides: dict[str, list[Reading]]  # the threads each class decides (their first class)
    kept: dict[str, bool]

    def decider(self, r: Reading) -> str | None:
        return next((k for k in r.keys or () if k in self.members), None)

    def top(self, r: Reading) -> str:
        key = self.decider(r)
        if key is None or not self.kept[key]:
            return r.hand_top
        return learned_top(r, self.members[key])


def learned_top(r: Reading, members: list[Reading]) -> str:
    acceptable = Counter(c for m in members for c in set(m.expected))
    return rates(r.hand, len(members), acceptable)[0][0]


def collection(case: dict[str, Any]) -> str:
    name = case.get("folded_from") or case.get("collected") or "original"
    if name not in COLLECTIONS:
        raise SystemExit(f"{case['id']}: collection {name!r} has no place in COLLECTIONS")
    return str(name)


def read(case: dict[str, Any], now: datetime) -> Reading:
    """The tables' reading of a thread's text, as ``explain`` reads it."""
    ev, _ = text_evidence(unwrap(case["text"][:MAX_INPUT]), now=now, posted=True)
    scores = table_scores(ev.statements) if ev.statements else {}
    ranked = sorted(scores.items(), key=lambda kv: -kv[1][0])  # stable, as class_keys
    return Reading(id=case["id"], collection=collection(case), expected=tuple(case["expected"]),
                   keys=class_keys(scores), hand={c.value: conf for c, (conf, _) in ranked})


def fit(rows: list[Reading]) -> Fit:
    """The procedure (module docstring) on ``rows``."""
    every: dict[str, list[Reading]] = defaultdict(list)
    for r in rows:
        for k in r.keys or ():
            every[k].append(r)
    members = {k: v for k, v in every.items() if len(v) >= SUPPORT}
    decides: dict[str, list[Reading]] = defaultdict(list)
    for r in rows:
        key = next((k for k in r.keys or () if k in members), None)
        if key is not None:
            decides[key].append(r)
    kept = {k: bool(decides[k]) and all(backed(r, v) for r in decides[k])
            and sum(r.right(learned_top(r, v)) for r in decides[k])
            >= sum(r.right(r.hand_top) for r in decides[k]) for k, v in members.items()}
    return Fit(members=members, decides=dict(decides), kept=kept)


def backed(r: Reading, members: list[Reading]) -> bool:
    """A learned order may put another cause first only when BACKING of the class's threads
    had it: one thread is an anecdote, and a class whose threads mostly had a cause outside
    its candidates would otherwise be decided by the one that did (round 20: a bare
    "handshake failed" put a middlebox first at 0.55 from 1 of 5 threads)."""
    top = learned_top(r, members)
    return top == r.hand_top or sum(top in m.expected for m in members) >= BACKING


def split(rows: list[Reading], cut: str) -> tuple[list[Reading], list[Reading]]:
    last = COLLECTIONS.index(cut)
    return ([r for r in rows if COLLECTIONS.index(r.collection) <= last],
            [r for r in rows if COLLECTIONS.index(r.collection) > last])


def time_split(rows: list[Reading], gate: bool = True) -> tuple[list[dict[str, Any]],
                                                              dict[str, dict[str, Any]]]:
    """Per cut: later threads right with the tables' order and with the procedure's (learned
    before the cut); and per class, per cut, the later threads it decided."""
    table, per_class = [], defaultdict(dict)
    for cut in CUTS:
        early, later = split(rows, cut)
        f = fit(early)
        if not gate:
            f = Fit(members=f.members, decides=f.decides, kept=dict.fromkeys(f.kept, True))
        table.append({"learned_up_to": cut, "later_threads": len(later),
                      "later": sorted({r.collection for r in later}, key=COLLECTIONS.index),
                      "right_before": sum(r.right(r.hand_top) for r in later),
                      "right_after": sum(r.right(f.top(r)) for r in later)})
        decided: dict[str, list[Reading]] = defaultdict(list)
        for r in later:
            key = f.decider(r)
            if key is not None and f.kept[key]:
                decided[key].append(r)
        for key, rs in decided.items():
            per_class[key][cut] = {"later": len(rs),
                                   "right_before": sum(r.right(r.hand_top) for r in rs),
                                   "right_after": sum(r.right(f.top(r)) for r in rs)}
    return table, per_class


def _class_row(key: str, f: Fit, checks: dict[str, dict[str, Any]]) -> dict[str, Any]:
    members, decides = f.members[key], f.decides.get(key, [])
    lost = [c for c, v in checks.get(key, {}).items() if v["right_after"] < v["right_before"]]
    if not decides:
        why = "decides no thread: a finer class holds them all"
    elif not f.kept[key]:
        why = "its learned order is right for fewer of the threads it decides"
    elif lost:
        why = "lost later threads after " + ", ".join(lost)
    else:
        why = "no thread lost, learned from or collected later"
    example = decides[0] if decides else members[0]
    acceptable = Counter(c for r in members for c in set(r.expected))
    return {"key": key, "level": key.split("|")[0], "n": len(members),
            "acceptable": dict(sorted(acceptable.items(), key=lambda kv: (-kv[1], kv[0]))),
            "first": dict(sorted(Counter(r.expected[0] for r in members).items(),
                                 key=lambda kv: (-kv[1], kv[0]))),
            "decides": len(decides),
            "right_decided": {"tables": sum(r.right(r.hand_top) for r in decides),
                              "learned": sum(r.right(learned_top(r, members)) for r in decides)},
            "example": {"tables": [[c, h] for c, h in example.hand.items()],
                        "learned": [[c, round(p, 3)] for c, p in
                                    rates(example.hand, len(members), acceptable)]},
            "later": checks.get(key, {}), "applied": f.kept[key] and not lost, "why": why,
            "cases": sorted(r.id for r in members)}


def _set_source() -> dict[str, str]:
    rel = str(CASES.relative_to(ROOT))
    got = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%H", "--", rel],
                         capture_output=True, text=True, check=False)
    return {"path": rel, "commit": got.stdout.strip() or "unknown", "split": "dev",
            "sha256": hashlib.sha256(CASES.read_bytes()).hexdigest()}


def _right(rows: list[Reading], top: Callable[[Reading], str]) -> int:
    return sum(r.right(top(r)) for r in rows)


def build() -> dict[str, Any]:
    cases = [c for c in json.loads(CASES.read_text())["cases"] if c["split"] == "dev"]
    now = datetime.now(UTC)
    rows = [read(c, now) for c in cases]
    table, checks = time_split(rows)
    f = fit(split(rows, LEARNED_UP_TO)[0])
    classes = [_class_row(k, f, checks) for k in
               sorted(f.members, key=lambda k: (LEVELS.index(k.split("|")[0]),
                                                -len(f.members[k]), k))]
    applied = {c["key"] for c in classes if c["applied"]}
    final = Fit(members=f.members, decides=f.decides, kept={k: k in applied for k in f.kept})
    return {"about": __doc__.split("\n\n")[0].replace("\n", " "),
            "made_by": "scripts/base_rates.py", "set": _set_source(),
            "method": {"support": SUPPORT, "backing": BACKING, "prior": PRIOR, "cap": CAP,
                       "levels": list(LEVELS),
                       "cuts": list(CUTS), "collections": list(COLLECTIONS),
                       "learned_up_to": LEARNED_UP_TO},
            "dev": {"threads": len(rows), "right_tables": _right(rows, lambda r: r.hand_top),
                    "right_learned": _right(rows, final.top)},
            "time_split": table, "time_split_ungated": time_split(rows, gate=False)[0],
            "classes": classes}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="fail when the data file differs")
    args = ap.parse_args()
    data = build()
    for name in ("time_split", "time_split_ungated"):
        print(name)
        for t in data[name]:
            print(f"  learned up to {t['learned_up_to']:10} later {t['later_threads']:3}: "
                  f"right {t['right_before']} -> {t['right_after']}")
    d = data["dev"]
    print(f"dev: {d['right_tables']} -> {d['right_learned']} of {d['threads']}; classes "
          f"{len(data['classes'])}, applied {sum(c['applied'] for c in data['classes'])}")
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT} differs from what scripts/base_rates.py computes now")
        return
    OUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
