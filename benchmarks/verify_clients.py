"""Check the client profiles against the real clients on this machine (issue 15).

Run:  python benchmarks/verify_clients.py [--json | --markdown] [CLIENT...]
Starts the test scenario servers on 127.0.0.1, runs every real client installed here
(Chromium, Firefox ESR, Java, Go, Node.js, curl, Python ssl, openssl s_client, gnutls-cli,
NSS tstclnt, wget, PHP, Ruby, Perl IO::Socket::SSL, Erlang ssl, Mono) once per scenario, runs
tlsdoctor.diagnose for each matching profile, and prints the agreement table per real
client (the same as ``tlsdoctor clients --verify``), then the seconds, the real-client
connections, the diagnoses and their handshakes. ``--markdown`` prints the tables of
docs/clients-verified.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from rich.console import Console

from tlsdoctor.realclients.verify import verify_clients
from tlsdoctor.report.verify_view import render_verify


def markdown(data: dict[str, Any]) -> str:
    """The per-client agreement tables, as docs/clients-verified.md shows them."""
    out = ["| client | real program | profiles |", "|---|---|---|"]
    out += [f"| {c['client']} | {c['version']} | {', '.join(c['profiles'])} |"
            for c in data["clients"]]
    by_profile: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for pair in data["pairs"]:
        by_profile.setdefault((pair["client"], pair["profile"]), []).append(pair)
    version = {c["client"]: c["version"] for c in data["clients"]}
    for (client, profile), pairs in by_profile.items():
        agree = sum(p["agrees"] for p in pairs)
        out += ["", f"#### {profile} vs {version[client]}: {agree}/{len(pairs)} agree", "",
                "| scenario | real outcome / error | predicted (outcome, root cause) | agrees |",
                "|---|---|---|---|"]
        for p in pairs:
            real = "connects" if p["real"]["connected"] else \
                f"fails: `{p['real']['error'][:90].replace('|', '/')}`"
            pred = p["predicted"]
            said = pred["outcome"] + (f" ({pred['root_cause']})" if pred["root_cause"] else "")
            out.append(f"| {p['scenario']} | {real} | {said} | "
                       f"{'yes' if p['agrees'] else '**no**'} |")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    as_json, as_md = "--json" in argv, "--markdown" in argv
    report = verify_clients(clients=[a for a in argv if a not in ("--json", "--markdown")])
    data = report.to_json()
    if as_json:
        print(json.dumps(data, indent=1))
    elif as_md:
        print(markdown(data))
    else:
        render_verify(Console(), data)
    stats = data["stats"]
    print(f"{stats['seconds']:.1f} s; {stats['real_connections']} real-client connections; "
          f"{stats['diagnoses']} diagnoses with {stats['handshakes']} handshakes; "
          f"{report.agreed}/{len(report.agreements)} pairs agree", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
