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

The procedure, on any set of threads: a class needs ``support`` threads; a reading is decided
by its first class (in LEVELS order) that has them; a class is kept only when it decides one
thread or more, every cause its learned order puts first in place of the tables' was the
thread's cause in BACKING threads of the class or more, and its learned order is right for at
least as many of the threads it decides as the tables' order was (learned orders never lose a
thread they were learned from, so dev cannot fall). Then a class is dropped when, learned
before the cuts inside those threads, it made more distinct threads collected later wrong
than right (the later-thread filter, ``filtered``).

Round 22: ``support`` is chosen by the time split, not by dev: the value in SUPPORTS whose
procedure is right on the most threads of the rolling split (each collection after the first
cut scored once, by the procedure, filter included, learned up to the cut just before it),
the largest on a tie. ``nested`` measures that choice itself honestly: at each cut the value
is chosen on the threads collected up to it only, and scored on the next collections.

Time split: for each cut the procedure runs on the threads collected up to the cut (the
original set, then holdout..holdoutN in collection order) and top-1 is measured on the
threads collected after it (up to holdout16, wild18, wild18b, holdout17, holdout18), with
the tables' order and with the learned one (those rows overlap: the rolling split is the one
that adds up). The data file is the procedure learned from the collections up to
LEARNED_UP_TO (the latest folded holdout keeps testing them), minus the classes that made
more later threads wrong than right over the cuts, and ``calibration``: the learned tops on
the rolling split by the confidence explain gives them, against how often they were right.
Only dev is read: a holdout split never is.
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
# Threads a class needs before its order is learned: the time split picks one of these
# (round 19 set 5 by hand; round 22 measured 3 to 15, docs/explain-upstream.md).
SUPPORTS = (3, 4, 5, 6, 8, 10, 12, 15)
BANDS = ("0-0.4", "0.4-0.5", "0.5-0.6", "0.6-1.01")  # confidence bands of the calibration
BACKING = 2  # threads that must have had a cause before a learned order puts it first
# Collections in the order they were gathered: the original set, round 1's holdout, then
# holdout2..holdout16 (rounds 2-18), round 18's two wild samples, rounds 19-25's holdouts.
COLLECTIONS = ("original", "holdout", *(f"holdout{i}" for i in range(2, 17)),
               "wild18", "wild18b", "holdout17", "holdout18", "holdout19", "holdout20",
               "holdout21", "holdout22", "holdout23", "holdout24", "holdout25", "holdout26",
               "holdout27", "holdout28", "holdout29", "holdout30",
               "holdout31", "holdout32", "holdout33", "holdout34", "holdout35",
               "holdout36", "holdout37", "holdout38", "holdout39", "holdout41",
               "holdout40")
# The last collection learned from, per cut.
CUTS = ("holdout13", "holdout14", "holdout15", "wild18b", "holdout17", "holdout18", "holdout19",
        "holdout20", "holdout21", "holdout22", "holdout23", "holdout24", "holdout25",
        "holdout26", "holdout27", "holdout28", "holdout29", "holdout30", "holdout31",
        "holdout32", "holdout33", "holdout34", "holdout35", "holdout36",
        "holdout37", "holdout38", "holdout39")
# The rates in use are learned up to here: the latest folded holdout stays the threads that test
# them (round 19: holdout17, 28 -> 27 of 45 with the procedure learned up to wild18b; round 20:
# holdout18, learned up to holdout17; round 21: holdout19, learned up to holdout18, then its
# second, holdout20, learned up to holdout19; round 22: holdout21, learned up to holdout20, then
# its second, holdout22, learned up to holdout21; round 23: holdout23, learned up to holdout22, then
# its second, holdout24, learned up to holdout23; round 24: holdout25, learned up to holdout24, then
# its second, holdout26, learned up to holdout25, and its third, holdout27, learned up to
# holdout26; round 25: holdout28, learned up to holdout27, then its second and third, holdout29
# and holdout30, learned up to holdout29, and its fourth, holdout31, learned up to holdout30;
# round 26: holdout32, learned up to holdout31, then its second, holdout33, learned up to
# holdout32, and its third and fourth, holdout34 and holdout35, learned up to holdout34;
# round 27: holdout36 and its second, holdout37, learned up to holdout36, then its third and
# fourth, holdout38 and holdout39, learned up to holdout37; round 28: holdout41 (mainstream,
# collected first) and the round's later holdouts, learned up to holdout39),
# and the next round moves this on when it folds its own.
LEARNED_UP_TO = "holdout39"


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

    members: dict[str, list[Reading]]  # classes with ``support`` threads: all their threads
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


def fit(rows: list[Reading], support: int) -> Fit:
    """The procedure (module docstring) on ``rows``, before the later-thread filter."""
    every: dict[str, list[Reading]] = defaultdict(list)
    for r in rows:
        for k in r.keys or ():
            every[k].append(r)
    members = {k: v for k, v in every.items() if len(v) >= support}
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


def moves(f: Fit, later: list[Reading]) -> dict[str, dict[str, set[str]]]:
    """Per applied class, the ids of the ``later`` threads it made right and made wrong."""
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"won": set(), "lost": set()})
    for r in later:
        key = f.decider(r)
        if key is None or not f.kept[key]:
            continue
        before, after = r.right(r.hand_top), r.right(f.top(r))
        if before != after:
            out[key]["won" if after else "lost"].add(r.id)
    return out


def later_moves(rows: list[Reading], cuts: tuple[str, ...], support: int
                ) -> dict[str, dict[str, set[str]]]:
    """Per class, the distinct threads it made right and wrong after any of ``cuts``,
    learned from the threads up to that cut."""
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"won": set(), "lost": set()})
    for cut in cuts:
        early, later = split(rows, cut)
        for key, got in moves(fit(early, support), later).items():
            out[key]["won"] |= got["won"]
            out[key]["lost"] |= got["lost"]
    return out


def filtered(f: Fit, checks: dict[str, dict[str, set[str]]]) -> Fit:
    """``f`` without the classes that made more later threads wrong than right. Round 19
    dropped a class for one lost thread: the Android trust-anchor pattern class (25 threads
    learned up to wild18b) won 5 later threads and lost 1, and dropping it lost holdout17's
    2 (the nested time split: round 22, docs/explain-upstream.md)."""
    drop = {k for k, v in checks.items() if len(v["lost"]) > len(v["won"])}
    return Fit(members=f.members, decides=f.decides,
               kept={k: v and k not in drop for k, v in f.kept.items()})


def pipeline(rows: list[Reading], cuts: tuple[str, ...], support: int) -> Fit:
    """What the data file holds when learned from ``rows``: the procedure, then the filter
    on the ``cuts`` inside them."""
    return filtered(fit(rows, support), later_moves(rows, cuts, support))


def segments(rows: list[Reading], cuts: tuple[str, ...]
             ) -> list[tuple[int, list[Reading], list[Reading]]]:
    """Per cut (by index): the threads up to it and those collected after it, up to the
    next cut: each later thread is in one segment."""
    out = []
    for i, cut in enumerate(cuts):
        early, later = split(rows, cut)
        if i + 1 < len(cuts):
            later = split(later, cuts[i + 1])[0]
        out.append((i, early, later))
    return out


def rolling(rows: list[Reading], support: int, cuts: tuple[str, ...] = CUTS
            ) -> list[dict[str, Any]]:
    """The rolling time split: each segment's threads right with the tables' order and with
    the pipeline learned up to the cut before them (its filter on the cuts before that)."""
    table = []
    for i, early, later in segments(rows, cuts):
        f = pipeline(early, cuts[:i], support)
        table.append({"learned_up_to": cuts[i], "threads": len(later),
                      "later": sorted({r.collection for r in later}, key=COLLECTIONS.index),
                      "right_before": _right(later, lambda r: r.hand_top),
                      "right_after": _right(later, f.top)})
    return table


def stated(r: Reading, members: list[Reading]) -> float:
    """The confidence ``explain`` gives a learned top (base_rates.ordered)."""
    learned = rates(r.hand, len(members), Counter(c for m in members for c in set(m.expected)))
    return min(CAP, learned[0][1] / sum(v for _, v in learned))


def calibration(rows: list[Reading], support: int) -> list[dict[str, Any]]:
    """On the rolling split, the learned tops by the confidence explain gives them: how many,
    and how many were right (a learned top's confidence should be its rate on later threads;
    none may reach 0.6 unless nearly all such tops are right)."""
    got: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for i, early, later in segments(rows, CUTS):
        f = pipeline(early, CUTS[:i], support)
        for r in later:
            key = f.decider(r)
            if key is not None and f.kept[key]:
                conf = stated(r, f.members[key])
                got[next(b for b in BANDS if conf < float(b.split("-")[1]))].append(
                    (conf, r.right(f.top(r))))
    return [{"band": b, "tops": len(got[b]), "right": sum(ok for _, ok in got[b]),
             "mean_confidence": round(sum(c for c, _ in got[b]) / len(got[b]), 3)}
            for b in BANDS if got[b]]


def choose_support(rows: list[Reading], cuts: tuple[str, ...] = CUTS
                   ) -> tuple[int, dict[int, int]]:
    """The SUPPORTS value right on most rolling threads, and each value's count. On a tie the
    largest: where the split cannot tell them apart, the order learned from more threads (the
    smallest would have chosen 3 at holdout15, a thread lost in the nested split)."""
    got = {s: sum(t["right_after"] for t in rolling(rows, s, cuts)) for s in SUPPORTS}
    return max(SUPPORTS, key=lambda s: (got[s], s)), got


def nested(rows: list[Reading]) -> list[dict[str, Any]]:
    """The choice measured: per segment after the second cut, support chosen on the threads
    up to its cut only (their own rolling split), and the segment scored with it."""
    table = []
    for i, early, later in segments(rows, CUTS)[2:]:
        chosen, _ = choose_support(early, CUTS[:i])
        f = pipeline(early, CUTS[:i], chosen)
        table.append({"learned_up_to": CUTS[i], "threads": len(later), "support": chosen,
                      "right_before": _right(later, lambda r: r.hand_top),
                      "right_after": _right(later, f.top)})
    return table


def time_split(rows: list[Reading], support: int, gate: bool = True
               ) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """Per cut: later threads right with the tables' order and with the procedure's (learned
    before the cut); and per class, per cut, the later threads it decided."""
    table, per_class = [], defaultdict(dict)
    for cut in CUTS:
        early, later = split(rows, cut)
        f = fit(early, support)
        if not gate:
            f = Fit(members=f.members, decides=f.decides, kept=dict.fromkeys(f.kept, True))
        table.append({"learned_up_to": cut, "later_threads": len(later),
                      "later": sorted({r.collection for r in later}, key=COLLECTIONS.index),
                      "right_before": _right(later, lambda r: r.hand_top),
                      "right_after": _right(later, f.top)})
        decided: dict[str, list[Reading]] = defaultdict(list)
        for r in later:
            key = f.decider(r)
            if key is not None and f.kept[key]:
                decided[key].append(r)
        for key, rs in decided.items():
            per_class[key][cut] = {"later": len(rs),
                                   "right_before": _right(rs, lambda r: r.hand_top),
                                   "right_after": _right(rs, f.top)}
    return table, per_class


def _class_row(key: str, f: Fit, checks: dict[str, dict[str, Any]],
               moved: dict[str, dict[str, set[str]]]) -> dict[str, Any]:
    members, decides = f.members[key], f.decides.get(key, [])
    won, lost = sorted(moved.get(key, {}).get("won", ())), sorted(moved.get(key, {}).get("lost", ()))
    if not decides:
        why = "decides no thread: a finer class holds them all"
    elif not f.kept[key]:
        why = "its learned order is right for fewer of the threads it decides"
    elif len(lost) > len(won):
        why = f"made {len(lost)} later threads wrong, {len(won)} right"
    elif lost:
        why = f"made {len(won)} later threads right, {len(lost)} wrong"
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
            "later": checks.get(key, {}), "later_won": won, "later_lost": lost,
            "applied": f.kept[key] and len(lost) <= len(won), "why": why,
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
    support, grid = choose_support(rows)
    table, checks = time_split(rows, support)
    moved = later_moves(rows, CUTS, support)
    f = fit(split(rows, LEARNED_UP_TO)[0], support)
    classes = [_class_row(k, f, checks, moved) for k in
               sorted(f.members, key=lambda k: (LEVELS.index(k.split("|")[0]),
                                                -len(f.members[k]), k))]
    applied = {c["key"] for c in classes if c["applied"]}
    final = Fit(members=f.members, decides=f.decides, kept={k: k in applied for k in f.kept})
    return {"about": __doc__.split("\n\n")[0].replace("\n", " "),
            "made_by": "scripts/base_rates.py", "set": _set_source(),
            "method": {"support": support, "backing": BACKING, "prior": PRIOR, "cap": CAP,
                       "levels": list(LEVELS),
                       "cuts": list(CUTS), "collections": list(COLLECTIONS),
                       "learned_up_to": LEARNED_UP_TO},
            "dev": {"threads": len(rows), "right_tables": _right(rows, lambda r: r.hand_top),
                    "right_learned": _right(rows, final.top)},
            "support_chosen": {"supports": list(SUPPORTS),
                               "rolling_right": {str(k): v for k, v in grid.items()},
                               "nested": nested(rows)},
            "rolling": rolling(rows, support), "calibration": calibration(rows, support),
            "time_split": table, "time_split_ungated": time_split(rows, support, gate=False)[0],
            "classes": classes}


def _print(data: dict[str, Any]) -> None:
    print(f"rolling time split (each thread once, learned up to the cut before it; "
          f"support {data['method']['support']}):")
    rows = data["rolling"]
    for t in rows:
        print(f"  learned up to {t['learned_up_to']:10} next {t['threads']:3}: "
              f"right {t['right_before']} -> {t['right_after']} ({t['right_after'] - t['right_before']:+d})")
    before, after = (sum(t[k] for t in rows) for k in ("right_before", "right_after"))
    print(f"  all {sum(t['threads'] for t in rows)}: right {before} -> {after}")
    chosen = data["support_chosen"]
    print("support by rolling right: " + ", ".join(f"{k}: {v}" for k, v in
                                                     chosen["rolling_right"].items()))
    nest = chosen["nested"]
    print("nested (support chosen before each cut): " + ", ".join(
        f"{t['learned_up_to']} s={t['support']} {t['right_before']}->{t['right_after']}"
        for t in nest) + f"; all {sum(t['right_before'] for t in nest)} -> "
        f"{sum(t['right_after'] for t in nest)}")
    print("learned tops on the rolling split, by the confidence explain gives: " + ", ".join(
        f"{c['band']}: {c['right']}/{c['tops']} right (mean {c['mean_confidence']})"
        for c in data["calibration"]))
    for name in ("time_split", "time_split_ungated"):
        print(name, "(all threads after each cut)")
        for t in data[name]:
            print(f"  learned up to {t['learned_up_to']:10} later {t['later_threads']:3}: "
                  f"right {t['right_before']} -> {t['right_after']}")
    d = data["dev"]
    print(f"dev: {d['right_tables']} -> {d['right_learned']} of {d['threads']}; classes "
          f"{len(data['classes'])}, applied {sum(c['applied'] for c in data['classes'])}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="fail when the data file differs")
    args = ap.parse_args()
    data = build()
    _print(data)
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT} differs from what scripts/base_rates.py computes now")
        return
    OUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
