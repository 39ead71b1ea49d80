#!/usr/bin/env python3
"""Write a screenshot of each HTML page kind to docs/screenshots/ (linked from README.md).

    PYTHONPATH=src python3 scripts/screenshots.py [OUTDIR] [--only NAME,...]

Real reports of real servers on 127.0.0.1 (tlsdoctor.testing: the test CA and openssl
s_server, as ``tlsdoctor demo`` uses them) and of a capture recorded from real peers
(tests/ingest/captures/expired.pcap), rendered with tlsdoctor.report.html and shown by
Debian's Chromium through Playwright (``executable_path``; no browser download). Each
image is the top of the page at 1000 px wide, at most MAX_HEIGHT px tall, to stay small;
the diagnose page's handshake ladder and chain diagram get their own image. The fleet
pages come from three ``fleet run``s over the loopback server farm of the fleet tests
(tests/fleet/farm.py; some endpoints break or are fixed between the runs): the file
``fleet export --html`` writes, and the ``serve`` dashboard's overview, an endpoint's
timeline and the expiry list, served on a free loopback port. ``--only`` makes some of
them (names: diagnose, scan, pcap, fleet, dashboard). When ``pngquant`` is installed
(apt-get install pngquant) each PNG is reduced to a palette, about a third of the size.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
WIDTH, MAX_HEIGHT = 1000, 1500
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def _reports(tmp: Path) -> dict[str, str]:
    """name -> page, from real diagnoses, a real scan and a recorded capture."""
    from tlsdoctor import diagnose, read_pcap, scan
    from tlsdoctor.report.html import render_diagnose, render_pcap, render_scan
    from tlsdoctor.testing import servers
    from tlsdoctor.testing.ca import CA

    ca = CA(name="Example Root CA")
    root = ca.write(tmp / "root.pem")
    inter = ca.intermediate(name="Example Issuing CA 1")
    leaf = inter.issue(("localhost",))
    (tmp / "leaf.pem").write_bytes(leaf.cert_pem)  # served without its intermediate
    (tmp / "leaf.key").write_bytes(leaf.key_pem)
    pages = {}
    with servers.openssl_server(tmp / "leaf.pem", tmp / "leaf.key") as srv:
        pages["diagnose"] = render_diagnose(diagnose(
            f"localhost:{srv.port}", connect="127.0.0.1", ca_file=str(root), offline=True,
            server_software="nginx").to_json())
    chain, key = ca.issue(("localhost",)).write(tmp)
    with servers.openssl_server(chain, key, protocols=("tls1", "tls1_1", "tls1_2", "tls1_3"),
                                cipher="ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-SHA:"
                                       "AECDH-AES128-SHA:@SECLEVEL=0") as srv:
        pages["scan"] = render_scan(scan([f"localhost:{srv.port}"], connect="127.0.0.1").to_json())
    capture = ROOT / "tests" / "ingest" / "captures" / "expired.pcap"
    pages["pcap"] = render_pcap(read_pcap(capture).to_json())
    return pages


def _fleet(tmp: Path) -> tuple[str, list[str]]:
    """A fleet database after three runs over the farm; its endpoint keys."""
    sys.path.insert(0, str(ROOT / "tests" / "fleet"))
    from farm import Farm

    from tlsdoctor.fleet import CheckSettings, read_inventory, run_fleet

    db = str(tmp / "fleet.db")
    with Farm([k[0] for k in FLEET], hold=3) as farm:
        inventory = read_inventory(str(farm.inventory(tmp / "hosts.txt")))
        for run in range(3):
            for i, kinds in enumerate(FLEET):
                if kinds[run] != farm.kinds[i]:
                    farm.switch(i, kinds[run])
            run_fleet(inventory, db=db, settings=CheckSettings(timeout=1.0))
    return db, [e.key for e in inventory.endpoints]


# endpoint -> its kind in runs 1, 2, 3 (tests/fleet/farm.py)
FLEET = [("healthy",) * 3, ("healthy", "expired", "renewed"), ("healthy",) * 3,
         ("expired", "renewed", "wrong_host"), ("healthy",) * 3, ("tls10",) * 3,
         ("expiring",) * 3, ("healthy",) * 3, ("expired",) * 3, ("no_answer",) * 3,
         ("healthy",) * 3, ("reset",) * 3]


def _shoot(pages: dict[str, str], tmp: Path, out: Path) -> list[Path]:
    """``pages``: name -> HTML (written to a file) or an http:// URL."""
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": 900})
        for name, html in pages.items():
            if html.startswith("http://"):
                page.goto(html)
            else:
                path = tmp / f"{name}.html"
                path.write_text(html, encoding="utf-8")
                page.goto(path.as_uri())
            height = min(MAX_HEIGHT, int(page.evaluate("document.body.scrollHeight")))
            target = out / f"{name}.png"
            page.screenshot(path=str(target), clip={"x": 0, "y": 0, "width": WIDTH,
                                                    "height": height}, full_page=True)
            written.append(target)
            if name == "diagnose":  # the two diagrams, from the ladder down to the chain
                top = page.locator("#handshake").bounding_box()
                bottom = page.locator("#chain figure").bounding_box()
                assert top is not None and bottom is not None
                target = out / "diagnose-ladder-chain.png"
                page.screenshot(path=str(target), full_page=True, clip={
                    "x": 0, "y": top["y"], "width": WIDTH,
                    "height": bottom["y"] + bottom["height"] - top["y"] + 40})
                written.append(target)
        browser.close()
    return written


def _shrink(path: Path) -> None:
    if shutil.which("pngquant"):
        subprocess.run(["pngquant", "--quality", "70-90", "--speed", "1", "--strip", "--force",
                        "--output", str(path), str(path)], check=True, timeout=120)


def main(argv: list[str]) -> int:
    from urllib.parse import urlencode

    from tlsdoctor.fleet import Store
    from tlsdoctor.fleet.html import export_html
    from tlsdoctor.serve import make_server, running

    only = set(argv[argv.index("--only") + 1].split(",")) if "--only" in argv else None
    args = [a for i, a in enumerate(argv[1:], 1) if a != "--only" and argv[i - 1] != "--only"]
    out = Path(args[0]) if args else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tlsdoctor-shots-") as d:
        tmp = Path(d)
        # before Playwright: its sync API keeps an asyncio loop running
        pages = _reports(tmp) if only is None or only & {"diagnose", "scan", "pcap"} else {}
        db, keys = _fleet(tmp) if only is None or only & {"fleet", "dashboard"} else ("", [])
        if db:
            with Store.open(db, create=False) as store:
                pages["fleet-export"] = export_html(store)
        with contextlib.ExitStack() as stack:
            if db:
                srv = stack.enter_context(running(make_server(db=db, bind="127.0.0.1:0")))
                base = f"http://127.0.0.1:{srv.server_address[1]}"
                pages.update({"dashboard": base + "/",
                              "dashboard-endpoint": f"{base}/endpoint?{urlencode({'key': keys[3]})}",
                              "dashboard-expiry": base + "/expiry"})
            wanted = {k: v for k, v in pages.items()
                      if only is None or k.split("-")[0] in only}
            for path in _shoot(wanted, tmp, out):
                _shrink(path)
                print(f"{path} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
