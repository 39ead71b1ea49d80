"""explain and logs stay linear on text built to make regular expressions backtrack.

A pattern like ``^\\s*word`` under MULTILINE rescans every remaining blank line from each line
start: 20,000 newlines took 6 s and 3 MB of them ran for minutes. These inputs repeat the
characters the patterns' loops consume (blanks, separators, the words they look for) to well
over the size where a quadratic scan would run for minutes; a child process bounded by a
generous timeout turns a regression into a failure instead of a hang of the suite.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

_UNITS = ("\n", "\r", "\r\n", " \n", "\n\t", "\t", " ", "a\n", "depth=0 ", "verify return:",
          "SSL_do_handshake() failed ", "x509: ", "Caused by: ", "\tat ", "error:", ":", "=",
          "AH02008: ", "error:0A000086:SSL routines::certificate verify failed\n")

_CHILD = """
import sys, tempfile, os
from tlsdoctor import explain, read_logs
size = int(sys.argv[1])
for unit in sys.argv[2:]:
    text = unit * (size // len(unit))
    explain(text)
    with tempfile.NamedTemporaryFile("w", suffix=".log", delete=False) as f:
        f.write(text)
    try:
        read_logs(f.name)
    except Exception:
        pass  # an unreadable log is a clear error elsewhere; only the time matters here
    finally:
        os.unlink(f.name)
print("done", len(sys.argv) - 2)
"""


@pytest.mark.parametrize("half", [0, 1])
def test_repeated_characters_do_not_make_text_matching_quadratic(half: int) -> None:
    units = _UNITS[half::2]
    # 200,000 characters each: linear matching takes well under a second per input; the
    # quadratic pattern this guards against needed about 10 minutes for one of them.
    p = subprocess.run([sys.executable, "-c", _CHILD, "200000", *units],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr[-2000:]
    assert p.stdout.strip() == f"done {len(units)}"
