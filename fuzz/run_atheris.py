"""Coverage-guided fuzzing of one parser target with atheris (libFuzzer for Python).

    pip install atheris                     # worked here: atheris 3.0.0, CPython 3.11
    python fuzz/run_atheris.py session_tls13 -max_total_time=300
    python fuzz/run_atheris.py pcap_capture -runs=100000 fuzz/corpus/pcap_capture

Arguments after the target name go to libFuzzer (-max_total_time, -runs, a corpus
directory...). The seeds of fuzz/targets.py are written to fuzz/corpus/<target>/ first
when that directory is new. A crash stops the run, libFuzzer saves the input as
crash-<sha1> in the current directory; re-run the target on it to reproduce:
``python -c "import sys; sys.path.insert(0, 'fuzz'); from targets import TARGETS;
TARGETS['pcap_capture'](open('crash-...', 'rb').read())"``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

with atheris.instrument_imports(include=["tlsdoctor"]):
    from targets import TARGETS, seeds


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: run_atheris.py TARGET [libFuzzer args]; TARGET one of "
                 f"{', '.join(TARGETS)}")
    name = sys.argv.pop(1)
    corpus = HERE / "corpus" / name
    if not corpus.exists():
        corpus.mkdir(parents=True)
        for i, s in enumerate(seeds(name)):
            (corpus / f"seed-{i}").write_bytes(s)
    if not any(not a.startswith("-") for a in sys.argv[1:]):
        sys.argv.append(str(corpus))
    target = TARGETS[name]

    def one(data: bytes) -> None:
        target(data)

    atheris.Setup(sys.argv, one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
