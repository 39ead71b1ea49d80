"""Check the client profiles against the real clients on this machine (issue 15).

Run:  python benchmarks/verify_clients.py [--json] [CLIENT...]
Starts the test scenario servers on 127.0.0.1, runs every real client installed here
(Chromium, Firefox ESR, Java, Go, Node.js, curl, Python ssl) once per scenario, runs
tlsdoctor.diagnose for each matching profile, and prints the agreement table per real
client (the same as ``tlsdoctor clients --verify``), then the seconds, the real-client
connections, the diagnoses and their handshakes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from rich.console import Console

from tlsdoctor.realclients.verify import verify_clients
from tlsdoctor.report.verify_view import render_verify


def main(argv: list[str]) -> int:
    as_json = "--json" in argv
    report = verify_clients(clients=[a for a in argv if a != "--json"])
    data = report.to_json()
    if as_json:
        print(json.dumps(data, indent=1))
    else:
        render_verify(Console(), data)
    stats = data["stats"]
    print(f"{stats['seconds']:.1f} s; {stats['real_connections']} real-client connections; "
          f"{stats['diagnoses']} diagnoses with {stats['handshakes']} handshakes; "
          f"{report.agreed}/{len(report.agreements)} pairs agree", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
