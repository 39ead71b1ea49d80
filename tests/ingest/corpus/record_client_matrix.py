"""Record what real client programs print against the broken loopback servers of the client
matrix, and score explain on it.

Run from the repository root:
    PYTHONPATH=src python3 tests/ingest/corpus/record_client_matrix.py [--score-only]
        [--only chromium,firefox]   (a family name, "php", takes all its rows: php_socket...)
Writes tests/ingest/corpus/client_matrix.json (program, version, fault, exit, text: the
program's verbatim output; ports and temporary paths vary run to run) unless --score-only
(with --only: re-records those programs' rows and keeps the others as recorded),
and prints right top-1 / cells per client and per fault (client_matrix_expect.judge).
Only 127.0.0.1 is contacted; every program run is bounded (testing/client_programs.py).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from client_matrix_expect import judge  # noqa: E402

from tlsdoctor.testing.broken_servers import broken_servers  # noqa: E402
from tlsdoctor.testing.browser_pages import BROWSERS, browser_version  # noqa: E402
from tlsdoctor.testing.client_matrix import run_browser_row, run_matrix, run_psql_row  # noqa: E402
from tlsdoctor.testing.client_programs import CLIENTS, ClientKit  # noqa: E402
from tlsdoctor.testing.postgres_tls import psql_version  # noqa: E402

OUT = HERE / "client_matrix.json"
_VERSION = {"curl": ["curl", "--version"], "wget": ["wget", "--version"],
            "openssl": ["openssl", "version"], "gnutls_cli": ["gnutls-cli", "--version"],
            "nss_tstclnt": ["dpkg-query", "-W", "-f", "libnss3 ${Version}", "libnss3"],
            "python": [sys.executable, "-c", "import sys, ssl; print(sys.version.split()[0], "
                                             "ssl.OPENSSL_VERSION)"],
            "python_requests": [sys.executable, "-c", "import requests, urllib3; print("
                                "'requests', requests.__version__, 'urllib3', "
                                "urllib3.__version__)"],
            "node": ["node", "--version"], "go": ["go", "version"],
            "java": ["java", "-version"], "git": ["git", "--version"],
            "php": ["php", "-r", "echo 'PHP ', PHP_VERSION, ' ', OPENSSL_VERSION_TEXT, "
                    "' curl ', function_exists('curl_version') ? curl_version()['version'] "
                    ": '-';"],
            "ruby": ["ruby", "-ropenssl", "-e", "puts \"ruby #{RUBY_VERSION} openssl gem "
                     "#{OpenSSL::VERSION} #{OpenSSL::OPENSSL_LIBRARY_VERSION}\""],
            "perl": ["perl", "-MLWP", "-MIO::Socket::SSL", "-MNet::SSLeay", "-e",
                     "print qq{perl $^V LWP $LWP::VERSION IO::Socket::SSL "
                     "$IO::Socket::SSL::VERSION }, Net::SSLeay::SSLeay_version(0)"],
            "erlang": ["erl", "-noshell", "-eval", "application:load(ssl), {ok, V} = "
                       "application:get_key(ssl, vsn), io:format(\"OTP ~s ssl ~s~n\", "
                       "[erlang:system_info(otp_release), V]), halt()."],
            "check_http": ["/usr/lib/nagios/plugins/check_http", "-V"],
            "check_curl": ["/usr/lib/nagios/plugins/check_curl", "-V"],
            "stunnel": ["dpkg-query", "-W", "-f", "stunnel4 ${Version}", "stunnel4"],
            "msmtp": ["msmtp", "--version"],
            # round 21
            "wget2": ["wget2", "--version"], "aria2c": ["aria2c", "--version"],
            "socat": ["dpkg-query", "-W", "-f", "socat ${Version}", "socat"],
            "w3m": ["w3m", "-version"], "lynx": ["lynx", "-version"],
            "elinks": ["elinks", "-version"],
            "luasec": ["lua", "-e", "print(_VERSION, 'LuaSec', require('ssl')._VERSION)"],
            "python_httpx": [sys.executable, "-c", "import httpx, ssl; print('httpx', "
                             "httpx.__version__, ssl.OPENSSL_VERSION)"],
            "python_aiohttp": [sys.executable, "-c", "import aiohttp, ssl; print('aiohttp', "
                               "aiohttp.__version__, ssl.OPENSSL_VERSION)"],
            "redis_cli": ["redis-cli", "--version"],
            "mosquitto_sub": ["dpkg-query", "-W", "-f", "mosquitto-clients ${Version}",
                              "mosquitto-clients"]}
# Rows named after a family ("php_socket", "perl_lwp") share its version and --only name.
_FAMILIES = ("openssl", "php", "ruby", "perl", "erlang", "node", "go", "java")


def family(client: str) -> str:
    for f in _FAMILIES:
        if client == f or client.startswith(f + "_"):
            return f
    return client


def version(client: str) -> str:
    key = ("python" if client.startswith("python_") and client not in _VERSION else
           family(client))
    argv = _VERSION.get(key)
    if argv is None or shutil.which(argv[0]) is None:
        return ""
    p = subprocess.run(argv, capture_output=True, timeout=30, check=False)
    text = (p.stdout or p.stderr).decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else ""


def score(records: list[dict[str, object]]) -> list[str]:
    by_client: dict[str, list[bool]] = defaultdict(list)
    by_fault: dict[str, list[bool]] = defaultdict(list)
    misses = []
    for r in records:
        v = judge(str(r["program"]), str(r["fault"]), str(r["text"]))
        if v.kind in ("accepted", "control"):
            if not v.right:
                misses.append(f"  {r['program']:22} {r['fault']:20} ({v.kind}) {v.detail}")
            continue
        by_client[str(r["program"])].append(v.right)
        by_fault[str(r["fault"])].append(v.right)
        if not v.right:
            misses.append(f"  {r['program']:22} {r['fault']:20} ({v.kind}) {v.detail}")
    cells = [x for xs in by_client.values() for x in xs]
    out = [f"ALL {sum(cells)}/{len(cells)}", "per client:"]
    out += [f"  {k:22} {sum(v)}/{len(v)}" for k, v in sorted(by_client.items())]
    out += ["per fault:"] + [f"  {k:22} {sum(v)}/{len(v)}" for k, v in sorted(by_fault.items())]
    return out + ["misses:"] + misses


def record(only: set[str] | None = None) -> list[dict[str, object]]:
    work = Path(tempfile.mkdtemp(prefix="tlsdoctor-clientmatrix-"))
    wanted = [c.name for c in CLIENTS
              if only is None or c.name in only or family(c.name) in only]
    try:
        with broken_servers(work) as lab:
            kit = ClientKit(work, lab.ca_file)
            cells = run_matrix(kit, lab, wanted)
            for browser in BROWSERS:
                if only is None or browser in only:
                    cells += run_browser_row(browser, lab, work / browser)
            if only is None or "psql" in only:
                cells += run_psql_row(lab)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    versions = {c.name: version(c.name) for c in CLIENTS}
    versions.update({b: browser_version(b) for b in BROWSERS}, psql=psql_version())
    return [{"program": c.client, "version": versions[c.client], "fault": c.fault,
             "exit": c.printed.exit_code, "text": c.printed.text}
            for c in cells if c.printed is not None]


def main() -> None:
    only = set(sys.argv[sys.argv.index("--only") + 1].split(",")) if "--only" in sys.argv else None
    if "--score-only" in sys.argv:
        records = json.loads(OUT.read_text())
    else:
        kept = [r for r in json.loads(OUT.read_text())
                if only and r["program"] not in only and family(str(r["program"])) not in only]
        records = kept + record(only)
        OUT.write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n")
    print("\n".join(score(records)))


if __name__ == "__main__":
    main()
