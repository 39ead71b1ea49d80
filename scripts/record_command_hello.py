"""Record the first ClientHello of any client command as test data (tests/clients/hellos/NAME.json).

Run: PYTHONPATH=src python3 scripts/record_command_hello.py NAME PROGRAM PACKAGE HOW PROFILE...
     -- COMMAND ARG...

COMMAND is a TLS client that is not one of realclients' drivers (round 21: pyOpenSSL on the
OpenSSL 1.1.1l that the PyPI wheel cryptography 3.4.8 bundles; a C client of Debian's
libmbedtls 2.28). Each ``{host}`` and ``{port}`` in its arguments is replaced by the name
and port of realclients.hellos' 127.0.0.1 listener; it runs once, for at most 20 s, and its
hello's bytes are written with PROGRAM (the library's own version line), PACKAGE (where it
came from), HOW (how it was driven) and the PROFILEs it backs, so
tests/clients/test_recorded_hellos.py needs none of those programs.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import tempfile
import time
from pathlib import Path

from tlsdoctor.realclients.hellos import hello_catcher
from tlsdoctor.realclients.scenarios import HOST_NAME
from tlsdoctor.testing.processes import logged_process

OUT = Path(__file__).resolve().parent.parent / "tests" / "clients" / "hellos"
RUN_SECONDS = 20.0
SETTLE_SECONDS = 3.0  # the listener records a hello after answering it


def main() -> int:
    argv = sys.argv[1:]
    if "--" not in argv:
        print("usage: NAME PROGRAM PACKAGE HOW PROFILE... -- COMMAND ARG...", file=sys.stderr)
        return 2
    cut = argv.index("--")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("name", "program", "package", "how"):
        ap.add_argument(name)
    ap.add_argument("profiles", nargs="+")
    args = ap.parse_args(argv[:cut])
    command = argv[cut + 1:]
    with hello_catcher() as (port, captured), tempfile.TemporaryDirectory() as tmp:
        line = [a.replace("{host}", HOST_NAME).replace("{port}", str(port)) for a in command]
        with logged_process(line, Path(tmp) / "client.log") as proc:
            deadline = time.monotonic() + RUN_SECONDS
            while not any(c.ok for c in captured) and time.monotonic() < deadline:
                if proc.poll() is not None:  # ended: its hello, if any, is recorded soon
                    deadline = min(deadline, time.monotonic() + SETTLE_SECONDS)
                time.sleep(0.05)
        hellos = [c for c in captured if c.ok]
    if not hellos:
        print(f"{args.name}: sent no ClientHello within {RUN_SECONDS:.0f} s", file=sys.stderr)
        return 1
    day = datetime.datetime.now(datetime.UTC).date().isoformat()
    record = {"program": args.program, "package": args.package,
              "how": f"{args.how}; recorded {day} by scripts/record_command_hello.py",
              "profiles": list(args.profiles), "hello_hex": hellos[0].raw.hex()}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{args.name}.json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
