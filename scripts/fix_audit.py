"""Which of tlsdoctor's printable fix texts a test applies to the real program (round 20).

"A fix is tested by applying it": this lists every program-specific fix text the library can
print and, from the ledger in scripts/fix_audit.toml, the tests that apply it to the real
program; then whether that program is installed or apt-installable here. A fix text is:

- a row of a snippet table: snippets.toml ``[section] software`` (diagnose's server lines),
  and the ``[program.group]`` rows of remote, cluster, embedded, enterprise, tools and
  stopgaps.toml (explain's lines in a program's own settings, the client stopgaps);
- a ``FixStep(...)`` written in a fixes/*_text.py module, named by the module-level name or
  the function that holds it (the table-driven ``*_steps()`` functions that only format a
  table row are the table's rows, not counted twice).

The ledger names, per fix text, the test functions that apply it; each must exist (the script
fails otherwise). Run from the worktree root:

    python3 scripts/fix_audit.py            # the counts and the table (Markdown)
    python3 scripts/fix_audit.py --gaps     # also every unapplied text of an installable program
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXES = ROOT / "src" / "tlsdoctor" / "fixes"
LEDGER = Path(__file__).with_suffix(".toml")
_PROGRAM_TABLES = ("remote", "cluster", "embedded", "enterprise", "tools", "stopgaps",
                   "client_programs")
_NOT_ROWS = frozenset({"sources", "mozilla", "generic", "checks"})
# Functions that format a table's row (their rows are counted from the table itself).
_TABLE_FORMATTERS = frozenset({"cluster_steps()", "embedded_steps()", "enterprise_steps()",
                               "remote_steps()", "tool_steps()", "client_program_steps()"})


@dataclass(frozen=True, slots=True)
class FixText:
    key: str  # "snippets:dh:nginx", "remote:xrdp.trust", "ftp_text:_VSFTPD_REUSE"
    program: str


def _table_rows() -> list[FixText]:
    out = []
    snippets = tomllib.loads((FIXES / "snippets.toml").read_text("utf-8"))
    for section, rows in snippets.items():
        if section in _NOT_ROWS or section.endswith("_notes"):
            continue
        out += [FixText(f"snippets:{section}:{sw}", sw) for sw in rows if sw != "text"]
    for name in _PROGRAM_TABLES:
        data = tomllib.loads((FIXES / f"{name}.toml").read_text("utf-8"))
        for program, groups in data.items():
            if not all(isinstance(g, dict) for g in groups.values()):
                continue  # stopgaps' [levels] and [header]: settings, not fix texts
            out += [FixText(f"{name}:{program}.{group}", program) for group in groups]
    return out


def _applies_to(call: ast.Call) -> str | None:
    for kw in call.keywords:
        if kw.arg == "applies_to" and isinstance(kw.value, ast.Constant):
            return str(kw.value.value)
    return None


def _owner(node: ast.stmt) -> str | None:
    if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
        return node.targets[0].id
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return node.target.id
    if isinstance(node, ast.FunctionDef):
        return f"{node.name}()"
    return None


def _module_rows(programs: dict[str, str]) -> list[FixText]:
    """One row per module-level name or function holding FixStep(...) calls; its program is
    the calls' applies_to, else the ledger's [programs] entry for the row or the module."""
    out = []
    for path in sorted(FIXES.glob("*_text.py")):
        for node in ast.parse(path.read_text("utf-8")).body:
            owner = _owner(node)
            calls = [c for c in ast.walk(node) if isinstance(c, ast.Call)
                     and getattr(c.func, "id", "") == "FixStep"]
            if owner is None or not calls or owner in _TABLE_FORMATTERS:
                continue
            key = f"{path.stem}:{owner}"
            named = next((a for c in calls if (a := _applies_to(c)) not in (None, "", "client",
                                                                           "server", "system")),
                         None)
            program = programs.get(key) or named or programs.get(path.stem, "(any)")
            out.append(FixText(key, program))
    return out


def _test_exists(node: str) -> bool:
    path, _, func = node.partition("::")
    file = ROOT / path
    return file.is_file() and re.search(rf"^def {re.escape(func)}\(", file.read_text("utf-8"),
                                        re.MULTILINE) is not None


@cache
def _apt(package: str) -> tuple[bool, bool]:
    """(installed, installable) for a Debian package, from dpkg and apt-cache policy."""
    if not package:
        return False, False
    status = subprocess.run(["dpkg-query", "-W", "-f", "${db:Status-Abbrev}", package],
                            capture_output=True, text=True, timeout=30).stdout
    policy = subprocess.run(["apt-cache", "policy", package], capture_output=True, text=True,
                            timeout=60).stdout
    candidate = re.search(r"Candidate: (\S+)", policy)
    return status.startswith("ii"), bool(candidate and candidate.group(1) != "(none)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gaps", action="store_true", help="list each unapplied installable text")
    args = ap.parse_args()
    ledger = tomllib.loads(LEDGER.read_text("utf-8"))
    rows = _table_rows() + _module_rows(ledger["programs"])
    applied: dict[str, list[str]] = ledger["applied"]
    keys = {r.key for r in rows}
    bad = [f"{k}: {t}" for k, tests in applied.items() for t in tests if not _test_exists(t)]
    bad += [f"{k}: no such fix text" for k in applied if k not in keys]
    if bad:
        print("ledger entries that name no test or no fix text:\n  " + "\n  ".join(bad))
        return 1
    per: dict[str, list[FixText]] = defaultdict(list)
    for r in rows:
        per[r.program].append(r)
    packages, blocked = ledger["packages"], ledger.get("blocked", {})
    print("| program | apt package | here | printable | applied | not applied |")
    print("|---|---|---|---|---|---|")
    totals = defaultdict(int)
    gaps = []
    for program in sorted(per):
        texts, pkg = per[program], packages.get(program, "")
        installed, installable = _apt(pkg)
        where = "installed" if installed else "installable" if installable else \
            blocked.get(program, "no package")
        done = [r for r in texts if applied.get(r.key)]
        missing = [r.key for r in texts if not applied.get(r.key)]
        totals["printable"] += len(texts)
        totals["applied"] += len(done)
        if installed or installable:
            totals["installable"] += len(texts)
            totals["installable_applied"] += len(done)
            gaps += missing
        print(f"| {program} | {pkg or '-'} | {where} | {len(texts)} | {len(done)} | "
              f"{', '.join(missing) or '-'} |")
    print(f"\nprintable {totals['printable']}, applied {totals['applied']}; of a program "
          f"installed or apt-installable here: {totals['installable']} printable, "
          f"{totals['installable_applied']} applied, {len(gaps)} not applied")
    if args.gaps:
        print("\n".join(["", "not applied, installable:", *gaps]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
