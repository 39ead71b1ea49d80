"""How fast ``explain`` reads pasted error text: the real-world set's texts (bare), the same
wrapped the ways people post them (tests/ingest/posting_forms.py), one 5 MB paste, and two
mixed logs (200 KB and 2 MB): a service's request lines, full of numbers, with the dev
texts' lines among them. Prints seconds and texts per second; for the mixed logs, CPU
milliseconds per run, the pattern rows' passes over the whole text and every regular-expression
call one run makes (re.Pattern's search, match, finditer, sub..., counted by cProfile).

Round 27 (CPU, best of 5, on the shared 2-core machine; docs/explain-upstream.md):

    before (a3f43f6a)  200 KB  3,649 ms  641 table passes  29,130 regex calls
                       2 MB    5,343 ms  761 table passes  37,773 regex calls
    after              200 KB  2,226 ms  548 table passes   3,161 regex calls
                       2 MB    3,383 ms  656 table passes   3,707 regex calls

Run: PYTHONPATH=src TLSDOCTOR_CACHE_DIR=off python3 benchmarks/bench_explain.py [--rounds N]
[--only mixed]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from pathlib import Path

from tlsdoctor.api import explain

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests/ingest"))
from posting_forms import FORMS  # noqa: E402

CASES = ROOT / "tests/ingest/upstream/heldout/cases.json"
_RX_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


def _run(label: str, texts: list[str], rounds: int) -> None:
    start = time.perf_counter()
    for _ in range(rounds):
        for t in texts:
            explain(t)
    took = time.perf_counter() - start
    n = len(texts) * rounds
    print(f"{label:24} {n:6} texts {took:7.2f} s  {n / took:8.1f} texts/s", flush=True)


def mixed_log(texts: list[str], size: int, every: int = 20) -> str:
    """``size`` characters of a service's log: ordinary request lines full of numbers
    (times, process ids, ports, sizes, durations: the numbers error-code rows look for), and
    every ``every``-th line one line of the texts, each text's lines in turn."""
    said = [line for t in texts for line in t.splitlines() if line.strip()]
    out: list[str] = []
    total, n = 0, 0
    while total < size:
        if n % every == every - 1:
            line = said[(n // every) % len(said)]
        else:
            k = n * 7919
            line = (f"2026-12-07 15:{k % 60:02}:{k // 60 % 60:02}.{k % 1000:03} [pid {k % 32768}]"
                    f" GET /api/v1/items/{k % 100000} HTTP/1.1 200 {k % 65536} bytes "
                    f"{k % 997} ms from 10.{k % 256}.{k // 7 % 256}.{k // 13 % 256}:{k % 64512 + 1024}")
        out.append(line)
        total += len(line) + 1
        n += 1
    return "\n".join(out)[:size]


def regex_calls(text: str) -> tuple[int, int]:
    """(regular-expression calls one ``explain(text)`` makes, of which the pattern tables'
    passes over the whole text: the calls ingest/messages.py's _match_one makes)."""
    prof = cProfile.Profile()
    prof.runcall(explain, text)
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    calls = passes = 0
    for (_, _, name), (_, n, _, _, callers) in stats.items():
        if any(name == f"<method '{m}' of 're.Pattern' objects>" for m in _RX_METHODS):
            calls += n
            passes += sum(c[1] for (file, _, fn), c in callers.items()
                          if fn == "_match_one" and file.endswith("messages.py"))
    return calls, passes


def _run_mixed(label: str, text: str, rounds: int) -> None:
    """CPU time (the machine is shared: wall time says more of the neighbours)."""
    times = []
    for _ in range(rounds):
        start = time.process_time()
        explain(text)
        times.append(time.process_time() - start)
    calls, passes = regex_calls(text)
    print(f"{label:24} best {min(times) * 1000:6.0f} ms  median "
          f"{sorted(times)[len(times) // 2] * 1000:6.0f} ms CPU  {passes:5} table passes  "
          f"{calls:6} regex calls", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", choices=("mixed",), default=None)
    args = ap.parse_args()
    rounds = args.rounds
    # Dev only: a holdout is scored once, never run through explain before that.
    texts = [c["text"] for c in json.loads(CASES.read_text())["cases"] if c["split"] == "dev"]
    explain(texts[0])  # tables loaded outside the timing
    for size, label in ((200_000, "mixed log 200 KB"), (2_000_000, "mixed log 2 MB")):
        _run_mixed(label, mixed_log(texts, size), rounds)
    if args.only == "mixed":
        return
    _run("bare", texts, rounds)
    wrapped = [f(t) for i, t in enumerate(texts) for j, f in enumerate(FORMS.values())
               if (i + j) % 10 == 0]
    _run("wrapped (1 form in 10)", wrapped, rounds)
    big = ("web_1  | " + '{"level":"error","msg":"x509: certificate signed by unknown '
           'authority \\u003cnil\\u003e"}\n') * 60_000
    _run(f"one paste of {len(big) // 1_000_000} MB", [big], rounds)


if __name__ == "__main__":
    main()
