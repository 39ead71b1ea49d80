"""The fix texts' patterns are compiled at their first use (fixes/lazyre.py, docs/pcap-speed.md
round 24): importing the fixes compiles none, each is the regular expression it was, and
each answers as ``re.compile`` of it does."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tlsdoctor.fixes.lazyre import LazyPattern, lazy

SRC = str(Path(__file__).resolve().parents[2] / "src")


def _lazy_patterns() -> list[tuple[str, LazyPattern]]:
    import tlsdoctor.fixes  # noqa: F401  (loads every fix module)

    found = []
    for name, module in sorted(sys.modules.items()):
        if name.startswith("tlsdoctor.fixes."):
            for value in vars(module).values():
                items = value if isinstance(value, tuple) else (value,)
                for item in items:
                    for x in item if isinstance(item, tuple) else (item,):
                        if isinstance(x, LazyPattern):
                            found.append((name, x))
    return found


def test_every_fix_pattern_compiles_and_none_is_compiled_by_the_import() -> None:
    found = _lazy_patterns()
    assert len(found) >= 50, len(found)  # ~60 in 12 modules
    for name, p in found:
        assert isinstance(p.compiled(), re.Pattern), name
        assert p.compiled() is p.compiled()  # compiled once
        assert (p.compiled().pattern, p.compiled().flags) == \
            (p.pattern, re.compile(p.pattern, p.flags).flags)
    code = ("import re, sys\nimport tlsdoctor.fixes\nfrom tlsdoctor.fixes.lazyre import LazyPattern\n"
            "n = c = 0\n"
            "for name, m in list(sys.modules.items()):\n"
            "    if name.startswith('tlsdoctor.fixes.'):\n"
            "        for v in vars(m).values():\n"
            "            for x in (v if isinstance(v, tuple) else (v,)):\n"
            "                for y in (x if isinstance(x, tuple) else (x,)):\n"
            "                    if isinstance(y, LazyPattern):\n"
            "                        n += 1\n"
            "                        c += y._compiled is not None\n"
            "print(n, c)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"}, timeout=60).stdout
    n, compiled = map(int, out.split())
    assert n == len(found) and compiled == 0


def test_a_lazy_pattern_answers_as_the_compiled_one() -> None:
    texts = ["", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 and tls_aes", "a\nb PIN failed\n",
             "Trust Store\ttrustAnchors", "x" * 300, "é TLS_X_WITH_Y_SHA ü"]
    for rx, flags in [(r"TLS_(?P<kx>\w+?)_WITH_(?P<c>\w+?)(?:_(?P<mac>SHA|MD5))?", 0),
                      (r"^\w+ (pin) failed$", re.MULTILINE | re.IGNORECASE),
                      (r"trust ?store|anchors", re.I), (r"(x)(x)?", 0), (r"[^a-z]+", 0)]:
        lz, rc = lazy(rx, flags), re.compile(rx, flags)
        for t in texts:
            for pos, end in [(0, sys.maxsize), (1, 20), (3, 2)]:
                for method in ("search", "match", "fullmatch"):
                    a, b = getattr(lz, method)(t, pos, end), getattr(rc, method)(t, pos, end)
                    assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))
                assert [m.span() for m in lz.finditer(t, pos, end)] == \
                    [m.span() for m in rc.finditer(t, pos, end)]
                assert lz.findall(t, pos, end) == rc.findall(t, pos, end)
            assert lz.sub("_", t) == rc.sub("_", t) and lz.sub(lambda m: "!", t, 1) == \
                rc.sub(lambda m: "!", t, 1)
        assert repr(lz) == f"lazy({rx!r}, {flags!r})"
