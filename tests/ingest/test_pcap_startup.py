"""pcap speed, rounds 21 and 22 (docs/pcap-speed.md): what a capture's start-up no longer
imports.

certifi's ``where()`` needs importlib.resources (with zipfile, tempfile, ...), and so did
reading the cause and fix tables; the certifi bundle is now found from its import spec
and the tables are read from beside their modules. Looked at in a fresh interpreter run
with ``-S``: Python's ``site`` runs every ``.pth`` file of site-packages, and one of them
may import certifi itself (this test machine's does), which would hide what tlsdoctor
imports. The reports themselves are compared with the saved outputs and across readers
elsewhere (test_pcap_speed*.py, test_pcap_cscan.py)."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
from pathlib import Path
from typing import Any

import certifi

from tlsdoctor.pki import trust

SRC = str(Path(__file__).resolve().parents[2] / "src")
CAPTURES = Path(__file__).parent / "captures"
# Loaded only for certifi's where() or a data file read through importlib.resources.
NOT_NEEDED = {"certifi", "importlib.resources", "zipfile", "tempfile"}


def _without_site(code: str) -> subprocess.CompletedProcess[str]:
    """``python -S -c CODE``: no .pth file runs; this tree's src and site-packages on the
    path by PYTHONPATH instead."""
    paths = [SRC, *site.getsitepackages(), site.getusersitepackages()]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in paths if os.path.isdir(p)))
    return subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True,
                          env=env, timeout=120, check=True)


def test_a_capture_with_certificates_reads_certifi_without_importing_it() -> None:
    code = ("import json, sys\nfrom tlsdoctor.cli import main\n"
            "try:\n"
            f"    main(['pcap', {str(CAPTURES / 'expired.pcap')!r}, '--json'])\n"
            "except SystemExit:\n"
            "    pass\n"
            "from tlsdoctor.pki.trust import load_trust_stores\n"
            "stores = {s.name: s.source for s in load_trust_stores()}\n"
            "print(json.dumps([stores, sorted(sys.modules)]), file=sys.stderr)\n")
    proc = _without_site(code)
    report = json.loads(proc.stdout)
    stores, loaded = json.loads(proc.stderr.strip().splitlines()[-1])
    causes = {c for server in report["summary"]["groups"]["failed"].values()
              for c in server["causes"]}
    assert "cert_expired" in causes  # the chain was judged: the stores were loaded
    assert "tlsdoctor.pki.trust" in loaded
    assert stores["mozilla (certifi)"] == certifi.where()
    assert not NOT_NEEDED & set(loaded), NOT_NEEDED & set(loaded)


def test_the_certifi_store_is_certifis_bundle() -> None:
    assert trust._certifi_bundle() == certifi.where()
    store = trust.certifi_store()
    assert store is not None and store.source == certifi.where()
    assert store.roots == trust.read_pem_file(certifi.where()) and len(store.roots) > 100


# Round 22: what judging loads only when it has something to say. The fix texts (~20
# modules) are imported at the first finding (api.judge), and the TOML parser where the
# cause table or a fix's data file is first read.
FOR_FINDINGS = {"tlsdoctor.fixes", "tlsdoctor.fixes.attach", "tlsdoctor.fixes.cert_steps"}
# (Round 24: the TOML parser only when a data file has no parsed copy yet: tomlcache.py.)
NOT_WITHOUT_FINDINGS = FOR_FINDINGS | {"tomllib"}


def _loaded_by_pcap(capture: str) -> tuple[dict[str, Any], set[str]]:
    code = ("import sys\nfrom tlsdoctor.cli import main\n"
            "try:\n"
            f"    main(['pcap', {str(CAPTURES / capture)!r}, '--json', '--jobs', '1'])\n"
            "except SystemExit:\n"
            "    pass\n"
            "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n")
    proc = _without_site(code)
    return json.loads(proc.stdout), set(proc.stderr.split())


def test_a_capture_with_nothing_wrong_loads_no_fixes_and_no_toml_parser() -> None:
    report, loaded = _loaded_by_pcap("tls13_ok.pcap")
    assert report["summary"]["tls_connections"] >= 1 and not report["events"][0]["findings"]
    assert not NOT_WITHOUT_FINDINGS & loaded, NOT_WITHOUT_FINDINGS & loaded


def test_a_capture_with_a_failure_loads_them_and_gives_its_fix() -> None:
    report, loaded = _loaded_by_pcap("expired.pcap")
    assert loaded >= FOR_FINDINGS | {"tlsdoctor.tomlcache"}
    findings = [f for ev in report["events"] for f in ev["findings"]]
    assert any(f["cause"] == "cert_expired" and f["fix"] for f in findings)


# The handshake's later messages (wire.messages_late: seven classes) are made at the first
# one decoded; a capture's first flights (hellos, certificates, key exchange) never need them.
LATE = "tlsdoctor.wire.messages_late"


def test_the_first_flights_of_a_capture_never_make_the_later_messages() -> None:
    for capture in ("expired.pcap", "tls12_ok.pcap", "client_cert.pcap", "tls13_ok.pcap"):
        report, loaded = _loaded_by_pcap(capture)
        assert report["summary"]["handshakes"], capture
        assert "tlsdoctor.wire.messages" in loaded and LATE not in loaded, capture
    # (and the first flights' module does not make them itself)
    code = ("import sys, tlsdoctor.wire.messages as m\n"
            "print(sorted(n for n in ('Finished', 'NewSessionTicket', 'UnknownHandshake')"
            " if n in vars(m)), LATE in sys.modules)\n").replace("LATE", repr(LATE))
    assert _without_site(code).stdout.strip() == "[] False"


def test_a_later_message_is_still_decoded_through_its_module() -> None:
    code = ("import sys\nfrom tlsdoctor.wire import decode_handshake\n"
            f"print({LATE!r} in sys.modules)\n"
            "m = decode_handshake(4, bytes.fromhex('00001c200003616263'))\n"
            f"print(type(m).__module__, m.lifetime, m.ticket, {LATE!r} in sys.modules)\n")
    out = _without_site(code).stdout.split("\n")
    assert out[0] == "False"
    assert out[1] == f"{LATE} 7200 b'abc' True"


def test_several_readers_are_prepared_once_before_the_fork() -> None:
    """What ``read_pcap``'s ``prepare`` loads (the fix texts, for the public API) is loaded
    once in the process that forks, not by each reader; one reader never calls it."""
    from tlsdoctor.api.judge import judge
    from tlsdoctor.ingest import pcap

    calls: list[int] = []
    capture = CAPTURES / "expired.pcap"
    two = pcap.read_pcap(capture, judge=judge, jobs=2, prepare=lambda: calls.append(os.getpid()))
    assert calls == [os.getpid()]
    one = pcap.read_pcap(capture, judge=judge, jobs=1, prepare=lambda: calls.append(0))
    assert calls == [os.getpid()]
    assert two.summary["tls_connections"] == one.summary["tls_connections"] >= 1


# Round 23: the fix texts share a few patterns with the log readers (ingest.side's stunnel
# words, now in ingest.program_words); a capture's fixes import the fix texts, never the
# log readers themselves (~0.1 G instructions of patterns at a 10 MB capture's start-up).
LOG_READERS = {"tlsdoctor.ingest.side", "tlsdoctor.ingest.server_log"}


def test_a_capture_with_a_failure_loads_its_fixes_but_not_the_log_readers() -> None:
    report, loaded = _loaded_by_pcap("expired.pcap")
    assert "tlsdoctor.fixes.client_programs_text" in loaded
    assert any(f["fix"] for ev in report["events"] for f in ev["findings"])
    assert not LOG_READERS & loaded, LOG_READERS & loaded


# The probe's ClientHelloSpec (27 fields) and its encoders (wire.hello_build, round 24) are
# loaded when a hello is built; reading a capture only decodes hellos.
BUILD = "tlsdoctor.wire.hello_build"


def test_reading_a_capture_never_makes_the_probes_hello_spec() -> None:
    for capture in ("expired.pcap", "tls13_ok.pcap"):
        report, loaded = _loaded_by_pcap(capture)
        assert report["summary"]["handshakes"], capture
        assert "tlsdoctor.wire.hello" in loaded and BUILD not in loaded, capture
    code = ("import sys, tlsdoctor.wire, tlsdoctor.wire.hello as h\n"
            "print('ClientHelloSpec' in vars(h), BUILD in sys.modules)\n"
            "from tlsdoctor.wire.hello import ClientHelloSpec, encode_client_hello\n"
            "m = encode_client_hello(ClientHelloSpec(cipher_suites=(0x1301,)), random=bytes(32))\n"
            "print(m[:1].hex(), ClientHelloSpec.__module__, BUILD in sys.modules,\n"
            "      tlsdoctor.wire.ClientHelloSpec is ClientHelloSpec)\n").replace("BUILD", repr(BUILD))
    out = _without_site(code).stdout.split("\n")
    assert out[0] == "False False"
    assert out[1] == f"01 {BUILD} True True"
