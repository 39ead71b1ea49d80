"""Compare ``tlsdoctor logs`` output of two source trees on every test-corpus log.

Run:  python3 scripts/compare_logs_output.py BEFORE_SRC AFTER_SRC [--parallel]
e.g.  git archive HEAD src | tar -x -C /tmp/before
      python3 scripts/compare_logs_output.py /tmp/before/src src

A refactoring check for ``ingest/logs.py``: for each log under ``tests/`` (the server-log
corpora) and a few inputs made from them (their lines shuffled, so connections interleave;
many smtpd processes at once; the benchmark's mixed log), runs ``tlsdoctor logs --json`` and
``tlsdoctor logs`` (human, 100 columns) with each tree on PYTHONPATH and compares stdout,
stderr and the exit status. ``--parallel`` adds a benchmark log big enough to be read by two
worker processes (``logs.PARALLEL_MIN``; slower). Prints one line per difference and the
count compared; exits 1 when anything differs.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOG_SUFFIXES = (".log", ".txt", ".gz")


def corpus_logs() -> list[Path]:
    """Every log file in the test corpora."""
    found = []
    for path in sorted((ROOT / "tests").rglob("*")):
        if not path.is_file() or "corpus" not in path.parts:
            continue
        if path.suffix in LOG_SUFFIXES or path.name.startswith("maillog"):
            found.append(path)
    return found


def made_inputs(logs: list[Path], tmp: Path, parallel: bool) -> list[Path]:
    """Inputs that exercise connection grouping harder than the recorded logs do."""
    lines = [ln for p in logs for ln in p.read_text("utf-8", "replace").splitlines()]
    made = []
    for seed in range(4):  # every corpus line, shuffled: connections interleave
        shuffled = lines[:]
        random.Random(seed).shuffle(shuffled)
        made.append(_write(tmp / f"shuffled-{seed}.log", shuffled))
    for name in ("apache", "postfix"):  # one server's lines, partly interleaved
        own = [ln for p in logs if name in p.name for ln in
               p.read_text("utf-8", "replace").splitlines()]
        mixed = _interleave(own, random.Random(7))
        made.append(_write(tmp / f"{name}-interleaved.log", mixed))
    made.append(_write(tmp / "smtpd-many.log", _many_smtpd(lines, 1500)))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_logs import generate  # the benchmark's mixed log, only here

    bench = tmp / "bench-mixed.log"
    generate(bench, 4 << 20)
    made.append(bench)
    if parallel:
        big = tmp / "bench-parallel.log"
        generate(big, 70 << 20)
        made.append(big)
    return made


def _interleave(lines: list[str], rnd: random.Random) -> list[str]:
    """Neighbouring lines swapped now and then (one connection's lines meet another's)."""
    out = lines[:]
    for i in range(0, len(out) - 3, 3):
        if rnd.random() < 0.5:
            j = i + rnd.randint(1, 3)
            out[i], out[j] = out[j], out[i]
    return out


def _many_smtpd(lines: list[str], processes: int) -> list[str]:
    """Postfix failure lines spread over more smtpd processes than are held at once."""
    smtpd = [ln for ln in lines if "postfix/smtpd[" in ln]
    out = []
    for i in range(processes):
        for ln in smtpd[(i * 3) % len(smtpd):(i * 3) % len(smtpd) + 3]:
            head, _, rest = ln.partition("postfix/smtpd[")
            out.append(f"{head}postfix/smtpd[{9000 + i % 1200}{rest[rest.find(']'):]}")
    return out


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def run(src: Path, args: list[str]) -> tuple[int, str, str]:
    env = dict(os.environ, PYTHONPATH=str(src), COLUMNS="100", NO_COLOR="1", TERM="dumb")
    done = subprocess.run([sys.executable, "-m", "tlsdoctor", "logs", *args], env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    return done.returncode, done.stdout, done.stderr


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--parallel"]
    if len(args) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 3
    before, after = (Path(a).resolve() for a in args)
    logs = corpus_logs()
    with tempfile.TemporaryDirectory(prefix="tlsdoctor-logs-compare-") as tmp:
        inputs = [*logs, *made_inputs(logs, Path(tmp), "--parallel" in sys.argv)]
        differ = 0
        for path in inputs:
            for mode in (["--json"], []):
                a = run(before, [*mode, str(path)])
                b = run(after, [*mode, str(path)])
                if a != b:
                    differ += 1
                    print(f"DIFFERS: {' '.join(mode) or 'human'} {path}")
        print(f"compared {len(inputs)} files ({len(logs)} corpus logs, "
              f"{len(inputs) - len(logs)} made from them) x 2 outputs: {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
