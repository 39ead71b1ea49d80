#!/usr/bin/env python3
"""Record the evidence-agreement matrix (tlsdoctor.testing.agreement): each server kind on
loopback with each fault, every installed client run against it once, and per cell the
client's exact output, the server's log lines and a tcpdump capture, written to
tests/diagnose/agreement/ (cells.json, one .pcap per cell) with each program's version and
command. The live diagnosis of each (server, fault) is recorded next to them.

    PYTHONPATH=src python3 scripts/record_evidence_agreement.py [KIND...]   # needs root
    PYTHONPATH=src python3 scripts/record_evidence_agreement.py --score     # judge the record

Recording a kind replaces that kind's cells. The score is what
tests/diagnose/test_evidence_agreement.py asserts, and docs/evidence-agreement.md shows.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tlsdoctor import api
from tlsdoctor.testing import agreement
from tlsdoctor.testing.client_programs import ClientKit
from tlsdoctor.testing.serverlogs import program_version

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "diagnose" / "agreement"
sys.path.insert(0, str(ROOT / "tests" / "diagnose"))

_VERSIONS = {
    "curl": ["curl", "--version"], "wget": ["wget", "--version"],
    "openssl": ["openssl", "version"], "gnutls_cli": ["gnutls-cli", "--version"],
    "python_ssl": [sys.executable, "-c", "import ssl, sys; print(sys.version.split()[0], "
                                          "ssl.OPENSSL_VERSION)"],
    "python_urllib": [sys.executable, "-c", "import ssl, sys; print(sys.version.split()[0], "
                                             "ssl.OPENSSL_VERSION)"],
    "python_requests": [sys.executable, "-c", "import requests, urllib3; print('requests', "
                                               "requests.__version__, 'urllib3', "
                                               "urllib3.__version__)"],
    "java": ["java", "-version"], "node": ["node", "--version"], "go": ["go", "version"],
    "git": ["git", "--version"], "psql": ["psql", "--version"],
    "nginx": ["nginx", "-v"], "apache": ["apache2", "-v"], "haproxy": ["haproxy", "-v"],
    "gnutls-serv": ["gnutls-serv", "--version"], "s_server": ["openssl", "version"],
    "postgres": ["psql", "--version"],
}


def _diagnosis(root: Path) -> Any:
    def run(port: int, starttls: str) -> list[str | None]:
        kw = {"starttls": starttls} if starttls else {}
        r = api.diagnose(f"localhost:{port}", connect="127.0.0.1", ca_file=str(root),
                         timeout=3, offline=True, **kw)
        top = r.findings[0] if r.findings else None
        return [r.root_cause_id, top.who_fixes.value if top else None, r.outcome]
    return run


def record(kinds: list[str]) -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    index = DATA / "cells.json"
    old = json.loads(index.read_text()) if index.is_file() else {}
    cells = [c for c in old.get("cells", []) if c["server"] not in kinds]
    diagnoses = {k: v for k, v in old.get("diagnoses", {}).items()
                 if k.split("/")[0] not in kinds}
    skipped = {k: v for k, v in old.get("skipped", {}).items() if k.split("/")[0] not in kinds}
    versions = dict(old.get("versions", {}))
    for name in (*kinds, *agreement.CLIENTS, "psql"):
        argv = _VERSIONS.get(name)
        if argv and shutil.which(argv[0]):
            versions[name] = program_version(argv)
    with tempfile.TemporaryDirectory(prefix="tlsdoctor-agreement-") as tmp:
        lab = agreement.lab(Path(tmp) / "pki")
        (Path(tmp) / "kit").mkdir()
        kit = ClientKit(Path(tmp) / "kit", lab.root_pem)
        for client in agreement.CLIENTS:  # built once, before the kinds run side by side
            kit.unavailable(client)
        lock = threading.Lock()

        def one(kind: str) -> None:
            for old_pcap in DATA.glob(f"{kind}-*.pcap"):
                old_pcap.unlink()
            got, diag, skip = agreement.record(kind, lab, kit, DATA, tuple(agreement.FAULTS),
                                               agreement.CLIENTS, _diagnosis(lab.root_pem))
            print(f"{kind}: {len(got)} cells, skipped {sorted(skip)}", file=sys.stderr)
            with lock:
                for c in got:
                    cells.append({"server": c.server, "fault": c.fault, "client": c.client,
                                  "exit_code": c.exit_code, "client_text": c.client_text,
                                  "log_text": c.log_text, "pcap": c.pcap.name,
                                  "command": c.command.replace(tmp, "$WORK")})
                diagnoses.update({f"{kind}/{f}": d for f, d in diag.items()})
                skipped.update({f"{kind}/{f}": why.replace(tmp, "$WORK")
                                for f, why in skip.items()})
                _write(index, cells, diagnoses, skipped, versions)

        with ThreadPoolExecutor(2) as pool:  # two servers at a time (2 cores)
            list(pool.map(one, kinds))


def _write(index: Path, cells: list[dict[str, Any]], diagnoses: dict[str, Any],
           skipped: dict[str, str], versions: dict[str, str]) -> None:
    order = {k: i for i, k in enumerate(agreement.KINDS)}
    faults = {f: i for i, f in enumerate(agreement.FAULTS)}
    cells.sort(key=lambda c: (order[c["server"]], faults[c["fault"]], c["client"]))
    index.write_text(json.dumps({"versions": versions, "diagnoses": diagnoses,
                                 "skipped": skipped, "cells": cells}, indent=1,
                                ensure_ascii=False) + "\n")


def score() -> int:
    from agreement_expect import judge_cell, judge_diagnosis

    data = json.loads((DATA / "cells.json").read_text())
    counts: Counter[tuple[str, str]] = Counter()
    wrong = 0
    for key, diag in sorted(data["diagnoses"].items()):
        server, fault = key.split("/")
        v = judge_diagnosis(fault, diag, server)
        counts[("diagnose", v.kind)] += 1
        if not v.right:
            wrong += 1
            print(f"WRONG diagnose {key}: {v.detail}")
    for cell in data["cells"]:
        for evidence, v in judge_cell(cell, DATA).items():
            counts[(evidence, v.kind)] += 1
            if not v.right:
                wrong += 1
                print(f"WRONG {evidence} {cell['server']}/{cell['fault']}/{cell['client']}: "
                      f"{v.detail}")
    for (evidence, kind), n in sorted(counts.items()):
        print(f"{evidence:9} {kind:15} {n}")
    return 1 if wrong else 0


_MARK = {"agree": "A", "honest": "h", "accepted": "c", "wrong": "X"}


def table() -> str:
    """docs/evidence-agreement.md's matrix: one row per (server, fault), one column per
    client, each cell three letters (explain, logs, pcap)."""
    from agreement_expect import judge_cell, judge_diagnosis

    data = json.loads((DATA / "cells.json").read_text())
    clients = [*agreement.CLIENTS, "psql"]
    rows = ["| server | fault | diagnose | " + " | ".join(clients) + " |",
            "|---|---|---|" + "---|" * len(clients)]
    cells: dict[tuple[str, str], dict[str, str]] = {}
    for cell in data["cells"]:
        marks = "".join(_MARK[v.kind] for v in judge_cell(cell, DATA).values())
        cells.setdefault((cell["server"], cell["fault"]), {})[cell["client"]] = marks
    for kind in agreement.KINDS:
        for fault in agreement.FAULTS:
            key = f"{kind}/{fault}"
            if key in data["skipped"]:
                continue
            diag = data["diagnoses"].get(key)
            d = _MARK[judge_diagnosis(fault, diag, kind).kind] if diag else "-"
            got = cells.get((kind, fault), {})
            rows.append(f"| {kind} | {fault} | {d} | "
                        + " | ".join(got.get(c, "") for c in clients) + " |")
    return "\n".join(rows) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("kinds", nargs="*", default=list(agreement.KINDS))
    ap.add_argument("--score", action="store_true")
    ap.add_argument("--table", action="store_true", help="print the docs table")
    args = ap.parse_args()
    if args.table:
        print(table(), end="")
        return 0
    if not args.score:
        record(args.kinds)
    return score()


if __name__ == "__main__":
    sys.exit(main())
