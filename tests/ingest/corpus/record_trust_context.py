"""Record what real clients print in the chain-trust scenarios (testing/trust_clients.py):
a made-up interception CA for a public name, a self-signed server on a private address.

Run from the repository root:
    PYTHONPATH=src python3 tests/ingest/corpus/record_trust_context.py
Writes tests/ingest/corpus/trust_context_real.json (client, version, scenario, host, port,
exit, text: the command line and the program's verbatim output) and checks each with
trust_real_expect.check. Only 127.0.0.1 is contacted; every run is bounded.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from trust_real_expect import check  # noqa: E402

from tlsdoctor.testing.trust_clients import (  # noqa: E402
    CLIENTS,
    SCENARIOS,
    run_client,
    trust_servers,
    unavailable,
)

OUT = HERE / "trust_context_real.json"
_VERSION = {"curl": ["curl", "--version"], "git": ["git", "--version"],
            "python_requests": [sys.executable, "-c", "import sys, ssl, requests, urllib3, "
                                "certifi; print(sys.version.split()[0], ssl.OPENSSL_VERSION, "
                                "'requests', requests.__version__, 'urllib3', "
                                "urllib3.__version__, 'certifi', certifi.__version__)"],
            "node": ["node", "--version"], "java": ["java", "-version"],
            "go": ["go", "version"]}


def _version(client: str) -> str:
    p = subprocess.run(_VERSION[client], capture_output=True, timeout=60, check=False)
    return (p.stdout + p.stderr).decode("utf-8", "replace").strip().splitlines()[0]


def main() -> int:
    rows, bad = [], 0
    with tempfile.TemporaryDirectory(prefix="tlsdoctor-trustctx-") as tmp:
        work = Path(tmp)
        with trust_servers(work) as lab:
            for client in CLIENTS:
                why = unavailable(client, work)
                if why:
                    print(f"{client}: skipped ({why})")
                    continue
                for scenario in SCENARIOS:
                    run = run_client(client, scenario, lab, work)
                    rows.append({"client": client, "version": _version(client),
                                 "scenario": scenario, "host": run.host, "port": run.port,
                                 "exit": run.exit_code, "text": run.text})
                    try:
                        check(client, scenario, run.host, run.port, run.text)
                        print(f"ok   {client:16} {scenario}")
                    except AssertionError as exc:
                        bad += 1
                        print(f"MISS {client:16} {scenario}: {str(exc)[:200]}")
    OUT.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(rows) - bad}/{len(rows)} right; written {OUT}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
