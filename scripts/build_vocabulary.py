"""Build ``src/tlsdoctor/ingest/vocabulary.json``: generic word patterns and their causes,
kept by leave-one-source-out, from the harvested upstream tables.

Run: PYTHONPATH=src python3 scripts/build_vocabulary.py [--check] [--report]

The labelled strings are the tables' entries (patterns/upstream/<source>.json) with
tlsdoctor's judgement of each (patterns/judgement/<source>.py): an entry judged with causes is
labelled with its top cause (a read naming another cause is wrong, even one the judgement
lists second); a ``no_fault`` entry counts against any pattern it holds (words printed when
nothing failed); ``not_tls`` entries (API misuse, S/MIME, configuration syntax) are measured
apart, and a pattern mostly found in them is not kept; ``elsewhere`` entries (judged by a
direction-aware module) are left out. Identical strings (after normalisation) count once per
source.

For each source S (leave-one-source-out): the vocabulary built without S (and without every
string identical to one of S's, in any table) selects the patterns with training precision
>= PRECISION for their top cause and support from >= SOURCES other programs; S's strings are
then read with it. A pattern is kept in the final vocabulary only when its held-out reads, over all the
folds, are right >= PRECISION of the time in >= SOURCES different held-out sources.
``--report`` prints precision and coverage overall and per cause; for that measure each
source is read by the vocabulary kept without it (nested: its own held-out reads are not used
to keep the patterns it is read with).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from tlsdoctor.ingest.patterns import causes
from tlsdoctor.ingest.patterns.harvested import DATA, entries, judge
from tlsdoctor.ingest.vocabulary import DATA as OUT
from tlsdoctor.ingest.vocabulary import candidates, words

PRECISION = 0.9
SOURCES = 3
NO_FAULT, NOT_TLS = "no_fault", "not_tls"
_PLACEHOLDER = re.compile(r"%(?:\d\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?[hlzjtLqI]*[a-zA-Z%]"
                          r"|\{[^{}\n]{0,40}\}")
JUDGEMENT = Path(__file__).resolve().parents[1] / "src/tlsdoctor/ingest/patterns/judgement"
# A cause's share of a pattern's readings below this is not listed with it.
MIN_SHARE = 0.15
OTHER = 0.9  # the highest share of a cause other than the one measured


@dataclass(frozen=True, slots=True)
class Item:
    source: str
    key: tuple[str, ...]  # the normalised words
    label: str  # top cause, NO_FAULT or NOT_TLS
    dist: tuple[tuple[str, float], ...]  # the judged causes and confidences
    pats: frozenset[str]

    def right(self, cause: str) -> bool:
        """The judgement names ``cause`` first (or tied first: ".5 .5" names both)."""
        return any(c == cause and w == self.dist[0][1] for c, w in self.dist)


def _placeholder_free(text: str) -> str:
    """The text without printf/format placeholders (their values are no words of the cause)."""
    return _PLACEHOLDER.sub(" ", text.replace("\\n", " "))


def load_items() -> list[Item]:
    items: dict[tuple[str, tuple[str, ...]], Item] = {}
    for path in sorted(DATA.glob("*.json")):
        for e in entries(path.stem):
            v = judge(e)
            if v is None or v.kind == "elsewhere":
                continue
            seq = words(_placeholder_free(e.text))
            if not seq:
                continue
            if v.kind == "causes":
                dist = tuple((c.value, w) for c, w in causes(v.causes))
                label = dist[0][0]
            else:
                dist, label = (), v.kind
            k = (path.stem, seq)
            if k not in items:  # the same words twice in one table count once
                items[k] = Item(source=path.stem, key=seq, label=label, dist=dist,
                                pats=candidates(seq))
    return list(items.values())


def index(items: list[Item]) -> dict[str, list[Item]]:
    """Per pattern, the strings holding it."""
    by_pat: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        for p in it.pats:
            by_pat[p].append(it)
    return by_pat


def selected(on: list[Item]) -> tuple[str, float, int] | None:
    """(cause, precision, sources right) when the pattern passes on these strings: the cause
    most of them name; precision over the strings that report a failure or none (NO_FAULT
    counts against it; NOT_TLS, text about no TLS connection, is measured apart)."""
    judged = [it for it in on if it.label != NOT_TLS]
    if not judged:
        return None
    names = Counter(c for it in judged for c, _ in it.dist)
    if not names:
        return None
    best = max(names, key=lambda c: (sum(it.right(c) for it in judged), names[c], c))
    hits = [it for it in judged if it.right(best)]
    support = len({it.source for it in hits})
    prec = len(hits) / len(judged)
    if prec < PRECISION or support < SOURCES or len(on) > 2 * len(judged):
        return None  # mostly words of something else than a TLS connection: no evidence
    return best, prec, support


Chosen = dict[str, dict[str, tuple[str, float, int]]]
Held = dict[str, dict[str, tuple[int, int]]]


def folds(items: list[Item], by_pat: dict[str, list[Item]]) -> tuple[Chosen, Held]:
    """Per held-out source: the patterns its fold selects (among those its strings hold), and
    per pattern per held-out source (reads, right)."""
    by_source: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        by_source[it.source].append(it)
    chosen: Chosen = {}
    held: Held = defaultdict(dict)
    for src, own in sorted(by_source.items()):
        removed = {it.key for it in own}  # the source, and its words in any other table
        sel = {}
        for p in set().union(*(it.pats for it in own)):
            r = selected([it for it in by_pat[p] if it.key not in removed])
            if r is not None:
                sel[p] = r
        chosen[src] = sel
        for p, (cause, _, _) in sel.items():
            on = [it for it in own if p in it.pats and it.label != NOT_TLS]
            if on:
                held[p][src] = (len(on), sum(it.right(cause) for it in on))
    return chosen, held


def _held(held: Held, p: str, skip: str) -> tuple[int, int, int]:
    """(reads, right, sources right) of ``p``'s held-out reads, ``skip``'s left out."""
    reads = right = sources = 0
    for s, (n, ok) in held.get(p, {}).items():
        if s != skip:
            reads, right, sources = reads + n, right + ok, sources + (ok > 0)
    return reads, right, sources


def kept(held: Held, p: str, skip: str = "") -> bool:
    reads, right, sources = _held(held, p, skip)
    return reads > 0 and right / reads >= PRECISION and sources >= SOURCES


def rank(p: str, held: Held, skip: str = "") -> tuple[float, int, int]:
    """Which of a line's patterns decides: the held-out precision with one right and one
    wrong read added (a pattern right 56 times of 60 beats one right 5 of 5), then the
    sources, then the longer pattern. vocabulary.py ranks the same way."""
    reads, right, sources = _held(held, p, skip)
    return ((right + 1) / (reads + 2), sources, len(p))


def measure(items: list[Item], chosen: Chosen, held: Held) -> dict[str, Counter[str]]:
    """Each source read by the patterns kept without it: per label (reads, right, total)."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for it in items:
        out[it.label]["total"] += 1
        sel = chosen[it.source]
        found = [p for p in it.pats if p in sel and kept(held, p, skip=it.source)]
        if not found:
            continue
        cause = sel[max(found, key=lambda p: rank(p, held, it.source))][0]
        out[it.label]["read"] += 1
        if it.label == NOT_TLS:
            continue
        out[cause]["said"] += 1
        out[it.label]["right"] += it.right(cause)
        out[cause]["said_right"] += it.right(cause)
    return out


def _shares(on: list[Item], cause: str) -> list[tuple[str, float]]:
    """The causes the strings naming ``cause`` list, as shares of ``cause``'s own weight."""
    total: Counter[str] = Counter()
    for it in on:
        if it.right(cause):
            total.update(dict(it.dist))
    top = total[cause]
    # the measured cause leads: another one the same strings list as often is shown after it
    return sorted(((c, 1.0 if c == cause else round(min(w / top, OTHER), 2))
                   for c, w in total.items() if w / top >= MIN_SHARE),
                  key=lambda cw: (-cw[1], cw[0] != cause))


def build(by_pat: dict[str, list[Item]], held: Held) -> dict[str, object]:
    rows = []
    for p in sorted(held):
        full = selected(by_pat[p]) if kept(held, p) else None
        if full is None:
            continue
        reads = sum(n for n, _ in held[p].values())
        right = sum(ok for _, ok in held[p].values())
        rows.append({"pattern": p, "causes": _shares(by_pat[p], full[0]),
                     "precision": round(right / reads, 3), "reads": reads, "right": right,
                     "sources": sum(ok > 0 for _, ok in held[p].values()),
                     # per held-out source: [strings read, right] by the fold without it
                     "held": {s: list(v) for s, v in sorted(held[p].items())}})
    joined = {str(r["pattern"]).replace(" ", ""): str(r["pattern"]).split()
              for r in rows if " " in str(r["pattern"]) and "&" not in str(r["pattern"])}
    return {"about": "generated by scripts/build_vocabulary.py from the upstream tables "
                     "below (their origins' commits) and their judgement; do not edit",
            "provenance": _provenance(), "precision": PRECISION, "sources": SOURCES,
            "joined": dict(sorted(joined.items())), "entries": rows}


def _provenance() -> dict[str, object]:
    h = hashlib.sha256()
    origins: dict[str, list[str]] = {}
    for path in sorted(DATA.glob("*.json")):
        h.update(path.read_bytes())
        data = json.loads(path.read_text())
        origins[path.stem] = sorted({f"{o['repo']}@{o['ref']} {str(o['commit'])[:12]}"
                                     for o in data["origins"]})
    for path in sorted(JUDGEMENT.glob("*.py")):
        h.update(path.read_bytes())
    return {"tables_sha256": h.hexdigest(), "tables": origins}


def report(counts: dict[str, Counter[str]], kept_count: int) -> list[str]:
    def line(label: str, c: Counter[str]) -> str:
        said, total = c["said"], c["total"]
        prec = f"{c['said_right'] / said:.3f}" if said else "  -  "
        return (f"{label:36} strings {total:5}  read {c['read']:4}  coverage "
                f"{c['read'] / total if total else 0:.3f}  right {c['right']:4}  "
                f"said {said:4}  precision {prec}")
    allc: Counter[str] = Counter()
    for lab, c in counts.items():
        if lab != NOT_TLS:
            allc.update(c)
    out = [f"kept patterns: {kept_count}",
           line("ALL judged (causes or no fault)", allc),
           line("no_fault (any read is wrong)", counts[NO_FAULT]),
           line("not_tls (read apart)", counts[NOT_TLS]), "", "per cause (strings judged "
           "with it first; 'said' and precision: reads that named it):"]
    out += [line("  " + lab, c) for lab, c in sorted(counts.items())
            if lab not in (NO_FAULT, NOT_TLS)]
    return out


def _dump(data: dict[str, object]) -> str:
    """JSON with one word pattern a line (reviewable diffs)."""
    rows = data["entries"]
    assert isinstance(rows, list)
    head = json.dumps({k: v for k, v in data.items() if k != "entries"}, indent=1,
                      ensure_ascii=False)
    body = ",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in rows)
    return head[:-2] + ',\n "entries": [\n' + body + "\n ]\n}\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="fail if the data file is stale")
    ap.add_argument("--report", action="store_true", help="print the held-out measures")
    args = ap.parse_args()
    items = load_items()
    by_pat = index(items)
    chosen, held = folds(items, by_pat)
    data = build(by_pat, held)
    text = _dump(data)
    if args.report:
        rows = data["entries"]
        assert isinstance(rows, list)
        print("\n".join(report(measure(items, chosen, held), len(rows))))
    if args.check:
        if not OUT.exists() or OUT.read_text() != text:
            sys.exit(f"{OUT} is stale: run scripts/build_vocabulary.py")
        return
    OUT.write_text(text)


if __name__ == "__main__":
    main()
