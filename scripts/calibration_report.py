"""Which reading decides ``explain``'s top answer on the dev split, and does its order follow
the threads' causes? (Round 13: orders calibrated on evidence.)

For every dev case of tests/ingest/upstream/heldout/cases.json (cases of any other split,
the holdouts, are dropped before anything else is read), the deciding reading is the
statement behind the top finding (its ``pattern`` fact): a trust-context cell
``context.<kind>.<where>`` (ingest/trust_context.py ROWS), or a pattern table's id. A
context cell without a row ("none") keeps its printer's own prior, so that cell is also
keyed by the printer's pattern.

Per cell it prints n, the current top, the threads' causes, and the cause that would be
right most often (a case is right when the top is one of its ``expected``). ``--loo``
estimates, by leave-one-thread-out (threads are the cases' ``url``), what re-ordering the
cells by evidence would do on text never seen: a cell's top is changed only when the other
threads alone give n >= MIN_N and a clear majority (> half of them) right for another
cause that the cell already lists, and that cause is right more often than the current top.

Run: PYTHONPATH=src python3 scripts/calibration_report.py [--loo] [--min-n 4] [--all]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tlsdoctor.api import explain

CASES = Path(__file__).resolve().parents[1] / "tests/ingest/upstream/heldout/cases.json"
MIN_N = 4
# Text classes: the same meaning whichever program printed it and whichever reading decided
# (``--group text``); a case can be in several. The brief's ambiguous readings, and .NET
# Framework's two WebException statuses for a handshake that did not complete.
TEXT_CLASSES = {
    "unknown authority (Go)": r"x509: certificate signed by unknown authority",
    "local issuer (OpenSSL)": r"unable to get local issuer certificate",
    "self-signed in chain": r"self[- ]signed certificate in (?:the )?certificate chain",
    "PKIX (Java)": r"PKIX path building failed|unable to find valid certification path",
    "wrong version number": r"wrong version number|WRONG_VERSION_NUMBER",
    "EOF": r"\bEOF\b|unexpected eof",
    "handshake_failure": r"handshake[_ ]failure",
    "expired": r"certificate has expired|CERT_HAS_EXPIRED|expired or is not yet valid",
    "reset": r"connection reset|ECONNRESET|SSL_ERROR_SYSCALL",
    ".NET Framework WebException handshake": r"Could not create SSL/TLS secure channel|"
                                              r"unexpected error occurred on a send",
}
_TEXT_RX = {name: re.compile(rx, re.IGNORECASE) for name, rx in TEXT_CLASSES.items()}


@dataclass(frozen=True, slots=True, kw_only=True)
class Decided:
    case_id: str
    thread: str  # the thread's url: cases of one thread are held out together
    cell: str  # the deciding reading
    top: str  # the top finding's cause ("-": none)
    listed: tuple[str, ...]  # the causes the deciding reading lists, most likely first
    expected: tuple[str, ...]
    texts: tuple[str, ...]  # the TEXT_CLASSES the case's text is in

    def right_with(self, cause: str) -> bool:
        return cause in self.expected or (cause == "-" and "none" in self.expected)


def dev_cases() -> list[dict[str, Any]]:
    """The dev split only: any other split is filtered out before a field is looked at."""
    cases: list[dict[str, Any]] = json.loads(CASES.read_text())["cases"]
    return [c for c in cases if c.get("split") == "dev"]


def decide(case: dict[str, Any]) -> Decided:
    r = explain(case["text"])
    top = r.findings[0] if r.findings else None
    cell = str(top.facts.get("pattern", "?")) if top is not None else "-"
    listed: tuple[str, ...] = ()
    for m in r.matches:
        if m.pattern_id == cell:
            listed = tuple(c.value for c, _ in m.causes)
    if cell.endswith(".none") and cell.startswith("context."):
        # no row: the printer's own prior (the most specific non-context statement) decides
        printers = [m for m in r.matches if not m.pattern_id.startswith("context.") and m.causes]
        if printers:
            best = max(m.spec for m in printers)
            cell += " <- " + next(m.pattern_id for m in printers if m.spec == best)
    return Decided(case_id=case["id"], thread=case["url"], cell=cell,
                   top=top.cause.value if top is not None else "-", listed=listed,
                   expected=tuple(case["expected"]),
                   texts=tuple(n for n, rx in _TEXT_RX.items() if rx.search(case["text"])))


def best_other(rows: list[Decided], current: str, min_n: int,
               allowed: tuple[str, ...] = ()) -> str | None:
    """The cause the evidence in ``rows`` asks for instead of ``current``, or None. Only a
    cause a row already lists (``allowed``: the held-out case's own row) is a candidate, and
    only with n >= ``min_n`` and a clear majority: right for more than half of ``rows`` and
    more often than ``current``; or, right as often, the thread's own cause for more than
    half of them and more often than ``current`` (the strict count)."""
    if len(rows) < min_n:
        return None
    listed = set(allowed) or {c for d in rows for c in d.listed}
    right = {c: sum(d.right_with(c) for d in rows) for c in listed | {current}}
    own = {c: sum(d.expected[0] == c for d in rows) for c in listed | {current}}
    half = len(rows) / 2
    for cause in sorted(listed - {current}, key=lambda c: (-right[c], -own[c], c)):
        if right[cause] > half and right[cause] > right[current]:
            return cause
        if right[cause] >= right[current] and own[cause] > half and own[cause] > own[current]:
            return cause
    return None


def class_of(cell: str) -> str:
    """The class a cell belongs to: a context cell whatever printer's prior it kept
    (``context.<kind>.<where>``), an alert number whatever stack printed it (``alert.40``)."""
    cell = cell.split(" <- ")[0]
    if cell.startswith("alert."):
        return ".".join(cell.split(".")[:2])
    return cell


def by_cell(rows: list[Decided], classes: str = "") -> dict[str, list[Decided]]:
    """Cases by deciding cell; ``classes``: "class" (class_of), "row" (the same ordered
    causes, whichever table entry holds them: one shared row is one order to calibrate)."""
    cells: dict[str, list[Decided]] = defaultdict(list)
    for d in rows:
        if classes == "text":
            for name in d.texts:
                cells[name].append(d)
            continue
        key = {"class": class_of(d.cell), "row": " > ".join(d.listed[:4])}.get(classes, d.cell)
        cells[key].append(d)
    return cells


def current_top(rows: list[Decided]) -> str:
    return Counter(d.top for d in rows).most_common(1)[0][0]


def report(rows: list[Decided], *, min_n: int, show_all: bool, classes: str) -> list[str]:
    out = [f"{'n':>3} {'right':>5}  {'top':28} {'better top':28} cell / thread causes"]
    for cell, ds in sorted(by_cell(rows, classes).items(), key=lambda kv: -len(kv[1])):
        if not show_all and len(ds) < 2:
            continue
        top = current_top(ds)
        other = best_other(ds, top, min_n)
        causes = Counter(d.expected[0] for d in ds).most_common()
        out.append(f"{len(ds):3} {sum(d.right_with(d.top) for d in ds):5}  {top:28} "
                   f"{(other or '-'):28} {cell}")
        out.append("      threads: " + ", ".join(f"{c} {n}" for c, n in causes))
        listed = dict.fromkeys(c for d in ds for c in d.listed)
        out.append("      right if top: " + ", ".join(
            f"{c} {sum(d.right_with(c) for d in ds)}" for c in listed))
    return out


def loo(rows: list[Decided], *, min_n: int, classes: str) -> list[str]:
    """Leave one thread out: per group, right (and strict) with today's tops, and with the
    top the group's other threads alone would have chosen for the held-out case's own row;
    only the groups where some fold (or all the data) asks for a change are shown."""
    out = []
    for cell, ds in sorted(by_cell(rows, classes).items(), key=lambda kv: -len(kv[1])):
        chosen = [best_other([o for o in ds if o.thread != d.thread], d.top, min_n, d.listed)
                  for d in ds]
        whole = {best_other(ds, d.top, min_n, d.listed) for d in ds} - {None}
        if not any(chosen) and not whole:
            continue
        before = sum(d.right_with(d.top) for d in ds)
        after = sum(d.right_with(c or d.top) for d, c in zip(ds, chosen, strict=True))
        s_before = sum(d.expected[0] == d.top for d in ds)
        s_after = sum(d.expected[0] == (c or d.top) for d, c in zip(ds, chosen, strict=True))
        out.append(f"{cell}: n={len(ds)} threads={len({d.thread for d in ds})} LOO right "
                   f"{before} -> {after} ({after - before:+d}), strict {s_before} -> {s_after} "
                   f"({s_after - s_before:+d}); all data asks for: "
                   f"{', '.join(sorted(str(w) for w in whole)) or 'no change'}")
    return out or ["no group has the evidence for a change"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--loo", action="store_true", help="leave-one-thread-out estimate")
    ap.add_argument("--min-n", type=int, default=MIN_N)
    ap.add_argument("--all", action="store_true", help="also cells with one case")
    ap.add_argument("--group", choices=("cell", "class", "row", "text"), default="cell",
                    help="cell: the deciding reading; class: context kind/where and alert "
                         "number whatever printed it; row: the same ordered causes; "
                         "text: TEXT_CLASSES")
    args = ap.parse_args()
    rows = [decide(c) for c in dev_cases()]
    print(f"dev cases: {len(rows)}, right {sum(d.right_with(d.top) for d in rows)}")
    print("\n".join(report(rows, min_n=args.min_n, show_all=args.all, classes=args.group)))
    if args.loo:
        print("\nleave-one-thread-out:")
        print("\n".join(loo(rows, min_n=args.min_n, classes=args.group)))


if __name__ == "__main__":
    main()
