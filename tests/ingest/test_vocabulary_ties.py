"""A line whose kept word patterns tie on every measure is read the same in every run:
the tie goes by the pattern's name, not by the order a frozenset (so the hash seed) gives.
Round 27's speed check saw one dev text named by `key_usag` in one run and `key&usag` in
another."""
import os
import subprocess
import sys

from tlsdoctor.diagnosis.causes import Cause
from tlsdoctor.ingest.vocabulary import Entry, Vocabulary, candidates, read_line, words

LINE = "TLS handshake failed: certificate key usage mismatch"


def _vocab() -> Vocabulary:
    seq = words(LINE)
    tied = sorted(p for p in candidates(seq) if " " in p or "&" in p)[:6]
    causes = ((Cause.CERT_WRONG_PURPOSE, 1.0), (Cause.HOSTNAME_MISMATCH, 1.0),
              (Cause.SNI_REQUIRED_OR_MISMATCH, 1.0))
    entries = {p: Entry(pattern=p, causes=(causes[i % 3],), precision=0.9, reads=10,
                        right=9, sources=3) for i, p in enumerate(tied)}
    return Vocabulary(entries=entries, joined={}, provenance="test")


def test_tied_patterns_are_decided_by_name():
    vocab = _vocab()
    longest = max((p for p in vocab.entries), key=lambda p: (len(p), p))
    same_length = [p for p in vocab.entries if len(p) == len(longest)]
    reading = read_line(LINE, vocab)
    assert reading is not None
    assert reading.patterns[0] == max(same_length)


def test_the_reading_does_not_depend_on_the_hash_seed():
    code = ("from tests.ingest.test_vocabulary_ties import _vocab, LINE;"
            "from tlsdoctor.ingest.vocabulary import read_line;"
            "print(read_line(LINE, _vocab()).patterns)")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
            for seed in range(1, 7)}
    assert len(seen) == 1, seen
