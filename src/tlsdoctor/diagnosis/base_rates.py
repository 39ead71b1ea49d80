"""How often each cause is really behind an ambiguous generic reading (round 19).

"unable to get local issuer certificate", Go's unknown authority, a bare handshake_failure:
the words give several candidate causes and name none. For such a reading the order of the
candidates, and their confidences, come from how often each cause was behind the same
reading in the real-world set (tests/ingest/upstream/heldout/cases.json, dev split), not
from a hand-set guess alone. The counts (``base_rates.json``) are written by
scripts/base_rates.py, which lists the threads counted and the set's commit, and keeps a
class only when its learned order lost no thread it was learned from and no thread collected
after the ones it was learned from (the time split in docs/explain-upstream.md, round 19).

A reading is in an ambiguity class only when its words name no cause (two candidates or
more, none at 0.6 or above): a naming word ("expired", a proxy's name, a host) gives another
candidate set or a confident claim, so it is never outvoted here. The rates only reorder the
candidates the words gave; they add none and drop none. Every class key holds the side of
the statement that leads, so a reading that depends on who printed it (an alert received or
sent, a client's output or a server's log) keeps its own rates. Two levels, asked in this order:

- ``reading``: the tables' whole reading (each candidate with its confidence) on that side,
  whichever wording or language gave it: OpenSSL's "certificate has expired" as curl, wget
  or wget's Spanish translation prints it is one class;
- ``pattern``: the leading statement's pattern (a context reading's carries what it found in
  the words: "context.unknown_issuer.public" is a public host named) on that side, with the
  same candidates whatever confidences the tables gave them (a stack's own adjustment, e.g.
  Android's or Ruby's).

The first class with enough threads decides; when it is not applied, the tables' order
stands (the other class is not asked). No coarser level exists: pooling patterns (say every
"context.unknown_issuer.*") would let threads of other hosts outvote the host a text names.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..causes import Cause
from ..evidence import Statement

# This package's data files, read from beside this module: importlib.resources costs ~5 ms
# of imports (tempfile, zipfile, ...) in every command that judges (docs/pcap-speed.md).
_HERE = Path(__file__).parent

__all__ = ["AMBIGUOUS_BELOW", "CAP", "LEVELS", "PRIOR", "Counts", "class_keys", "counts",
           "ordered", "rates"]

# A claim at this confidence or above names its cause: no class, no reordering.
AMBIGUOUS_BELOW = 0.6
# The learned confidences share 1 among the candidates, as the tables' do, and the first is
# held at or below this: the words alone still name no cause, so no answer is presented as
# a confident one (a second candidate is at most 0.5, below the first).
CAP = 0.55
# The tables' own confidences count as this many threads in the rates (smoothing: a class
# of five threads moves an order only where its threads disagree with the tables).
PRIOR = 1.0
LEVELS = ("reading", "pattern")

Scores = dict[Cause, tuple[float, Statement]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Counts:
    """One class's threads: how many, how often each cause was an acceptable answer."""

    n: int
    acceptable: Mapping[str, int]
    applied: bool


def class_keys(scores: Mapping[Cause, tuple[float, Statement]]) -> tuple[str, ...] | None:
    """The reading's class at each level, in LEVELS order; None when the words name a
    cause."""
    if len(scores) < 2 or max(conf for conf, _ in scores.values()) >= AMBIGUOUS_BELOW:
        return None
    ranked = sorted(scores.items(), key=lambda kv: -kv[1][0])  # stable: table order of equals
    lead = ranked[0][1][1]
    reading = " ".join(f"{c.value}:{conf:g}" for c, (conf, _) in ranked)
    candidates = ",".join(sorted(c.value for c in scores))
    return (f"reading|{lead.side}|{reading}",
            f"pattern|{lead.pattern}|{lead.side}|{candidates}")


def rates(hand: Mapping[str, float], n: int, acceptable: Mapping[str, int]
          ) -> list[tuple[str, float]]:
    """The candidates most often acceptable first: (acceptable + PRIOR * the tables'
    confidence) / (n + PRIOR); equal rates keep the tables' order."""
    rate = {c: (acceptable.get(c, 0) + PRIOR * h) / (n + PRIOR) for c, h in hand.items()}
    return sorted(rate.items(), key=lambda cr: -cr[1])


@cache
def counts() -> Mapping[str, Counts]:
    """Every class with enough threads, by key (base_rates.json)."""
    text = (_HERE / "base_rates.json").read_text("utf-8")
    return {row["key"]: Counts(n=row["n"], acceptable=row["acceptable"], applied=row["applied"])
            for row in json.loads(text)["classes"]}


def ordered(scores: Scores) -> tuple[Scores, str]:
    """``scores`` in its class's learned order with the learned confidences, and what
    ordered them (for the finding's facts); unchanged and "" when the reading is in no
    applied class. The statement behind each claim is kept."""
    keys = class_keys(scores)
    key = None if keys is None else next((k for k in keys if k in counts()), None)
    found = None if key is None else counts()[key]
    if found is None or not found.applied:
        return scores, ""
    hand = {c.value: conf for c, (conf, _) in sorted(scores.items(), key=lambda kv: -kv[1][0])}
    learned = rates(hand, found.n, found.acceptable)
    total = sum(r for _, r in learned)
    return ({Cause(c): (round(min(CAP, r / total), 3), scores[Cause(c)][1])
             for c, r in learned},
            f"ranked by how often each cause was behind this reading in {found.n} real-world "
            f"threads (diagnosis/base_rates.json: {key})")
