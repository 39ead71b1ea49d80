"""What a real client run yields, and the shape every driver has.

A driver starts one real program (or one in-process client) that tries every scenario
URL, bounded in time, and returns one ``RealOutcome`` per scenario. Drivers never raise
for a failing handshake: that is the outcome they record.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Protocol

from .scenarios import LiveScenario

PER_URL_TIMEOUT = 10.0  # seconds one client may spend on one scenario
ERROR_CAP = 600  # characters of a client's error text kept


@dataclass(frozen=True, slots=True, kw_only=True)
class RealOutcome:
    """One real client against one scenario: did it connect, and what did it say."""

    client: str
    scenario: str
    connected: bool
    error: str = ""  # the client's own error text ("" when it connected)

    def to_json(self) -> dict[str, object]:
        return {"client": self.client, "scenario": self.scenario,
                "connected": self.connected, "error": self.error}


class Driver(Protocol):
    """A real client on this machine."""

    @property
    def name(self) -> str:
        """e.g. "chromium"."""

    @property
    def profiles(self) -> tuple[str, ...]:
        """The tlsdoctor profiles this program verifies."""

    def available(self) -> str | None:
        """None when the program can run here, else why not (one line)."""

    def version(self) -> str:
        """The program's own version string."""

    def run(self, live: Sequence[LiveScenario], ca_file: Path,
            workdir: Path) -> dict[str, RealOutcome]:
        """Try every scenario once; one outcome per scenario name."""


def program_source(name: str, workdir: Path) -> Path:
    """Copy a shipped helper source file (realclients/programs) into ``workdir``."""
    text = (resources.files("tlsdoctor.realclients") / "programs" / name).read_text(
        encoding="utf-8")
    path = workdir / name
    path.write_text(text, encoding="utf-8")
    return path


def missing(*programs: str) -> str | None:
    absent = [p for p in programs if shutil.which(p) is None]
    return f"not installed: {', '.join(absent)}" if absent else None


def run_bounded(argv: Sequence[str], *, timeout: float, env: dict[str, str] | None = None,
                cwd: Path | None = None, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    """Run a program to completion within ``timeout`` (killed after), text output."""
    p = subprocess.run(list(argv), input=stdin, capture_output=True, timeout=timeout,
                       check=False, env=env, cwd=cwd)
    return subprocess.CompletedProcess(p.args, p.returncode, p.stdout.decode("utf-8", "replace"),
                                       p.stderr.decode("utf-8", "replace"))


def first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without variables that change TLS clients."""
    drop = {"SSL_CERT_FILE", "SSL_CERT_DIR", "HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY",
            "NO_PROXY", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "NODE_EXTRA_CA_CERTS",
            "NODE_OPTIONS", "GODEBUG", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS"}
    env = {k: v for k, v in os.environ.items() if k.upper() not in drop}
    env.update(extra)
    return env


def write_targets(live: Sequence[LiveScenario], path: Path) -> Path:
    path.write_text(json.dumps([{"name": s.name, "host": s.host, "port": s.port} for s in live]),
                    encoding="utf-8")
    return path


def parse_json_lines(client: str, text: str, live: Sequence[LiveScenario]) -> dict[str, RealOutcome]:
    """Outcomes printed by a helper program, one JSON object a line; absent = no answer."""
    out: dict[str, RealOutcome] = {}
    for line in text.splitlines():
        try:
            item = json.loads(line)
            name, ok, err = str(item["name"]), bool(item["ok"]), str(item.get("error", ""))
        except (ValueError, KeyError, TypeError):
            continue
        out[name] = RealOutcome(client=client, scenario=name, connected=ok, error=err[:ERROR_CAP])
    for s in live:
        out.setdefault(s.name, RealOutcome(client=client, scenario=s.name, connected=False,
                                           error="(the client printed no result)"))
    return out


def parse_tab_lines(client: str, text: str, live: Sequence[LiveScenario]) -> dict[str, RealOutcome]:
    """Outcomes printed as ``name TAB ok|fail TAB error`` lines. Other lines (a runtime's
    own log, e.g. Erlang's notice reports) are added to the next failure's error, as the
    user sees them above it."""
    names = {s.name for s in live}
    out: dict[str, RealOutcome] = {}
    log: list[str] = []
    for line in text.splitlines():
        fields = line.split("\t", 2)
        if len(fields) == 3 and fields[0] in names and fields[1] in ("ok", "fail"):
            ok = fields[1] == "ok"
            error = "" if ok else " | ".join([fields[2].strip(), *log]).strip(" |")
            out[fields[0]] = RealOutcome(client=client, scenario=fields[0], connected=ok,
                                         error=error[:ERROR_CAP])
            log = []
        elif line.strip() and not line.startswith("="):
            log.append(line.strip())
    for s in live:
        out.setdefault(s.name, RealOutcome(client=client, scenario=s.name, connected=False,
                                           error="(the client printed no result)"))
    return out
