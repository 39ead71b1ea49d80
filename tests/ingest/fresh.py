"""Code run in a fresh interpreter on this tree's sources: what a command imports is only
seen in a process of its own (an import happens once per process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[2] / "src")


def fresh_python(code: str, *, check: bool = False) -> subprocess.CompletedProcess[str]:
    """``python -c CODE`` with this tree's ``src`` first on the path."""
    env = dict(os.environ, PYTHONPATH=SRC)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120, check=check)


def pcap_modules_code(capture: Path, *args: str) -> str:
    """Code running ``tlsdoctor pcap CAPTURE --json ARGS`` that then prints, on stderr, the
    modules it had loaded."""
    return ("import sys\nfrom tlsdoctor.cli import main\n"
            "try:\n"
            f"    main(['pcap', {str(capture)!r}, '--json', *{list(args)!r}])\n"
            "except SystemExit:\n"
            "    pass\n"
            "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n")
