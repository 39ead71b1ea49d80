"""pcap speed, round 14 (docs/pcap-speed.md): cryptography is loaded only for certificates.

``cryptography.x509`` is the largest import of a capture's run (~30 ms), with the trust
stores (~20 ms) that need it. A capture without a certificate in the clear (TLS 1.3, the
middle of a bulk transfer) never reads one, so ``pki.certinfo``, the chain rules and the
capture readers import it where a certificate is read. These tests run the command line
in a fresh process (an import is once per process) and look at ``sys.modules``; the
reports themselves are compared with the saved outputs and across readers elsewhere
(test_pcap_speed*.py)."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

from bench_builder import bench_pcap
from fresh import fresh_python, pcap_modules_code

from tlsdoctor import read_pcap
from tlsdoctor.ingest import pcap_jobs

ROOT = Path(__file__).resolve().parents[2]
CAPTURES = Path(__file__).parent / "captures"
# What a certificate brings in; none of it is needed to read a capture without one.
CERTIFICATE_MODULES = {"cryptography", "cryptography.x509", "tlsdoctor.pki.trust",
                       "tlsdoctor.pki.analyze", "tlsdoctor.diagnosis.names",
                       "tlsdoctor.wire.signatures", "ssl"}


def _run(capture: Path, *args: str) -> tuple[dict[str, Any], set[str]]:
    """``tlsdoctor pcap CAPTURE --json ARGS`` in a fresh interpreter: its report and the
    modules it had loaded at the end."""
    proc = fresh_python(pcap_modules_code(capture, *args))
    return json.loads(proc.stdout), set(proc.stderr.split())


def test_a_capture_without_certificates_never_loads_cryptography() -> None:
    for name in ("tls13_ok.pcap", "tls13_ipv6.pcap", "rst_after_hello.pcap"):
        report, loaded = _run(CAPTURES / name)
        assert report["summary"]["tls_connections"] >= 1, name
        assert not CERTIFICATE_MODULES & loaded, (name, CERTIFICATE_MODULES & loaded)


def test_a_capture_with_certificates_loads_it_and_judges_them() -> None:
    report, loaded = _run(CAPTURES / "expired.pcap")
    assert {"cryptography.x509", "tlsdoctor.pki.analyze", "tlsdoctor.pki.trust"} <= loaded
    causes = {c for server in report["summary"]["groups"]["failed"].values()
              for c in server["causes"]}
    assert "cert_expired" in causes
    # the certificate's facts in the listed connection, read by cryptography
    certs = report["events"][0]["certificates"]
    assert certs and certs[0]["not_after"] and certs[0]["sha256"]


def _late_certificate(path: Path) -> None:
    """Over 1 MB of TLS 1.3 connections (copies of tls13_ok, one client address each),
    then the expired certificate's connection: its certificate is past the first MB."""
    bench = bench_pcap()
    _t0, tls13 = bench.load("tls13_ok")
    t_expired, expired = bench.load("expired")
    written, k = 0, 0
    with path.open("wb") as out:
        out.write(bench.PCAP_HEADER)
        clock = t_expired - 60.0
        while written < 1.2 * 1024 * 1024:
            k += 1
            client = bytes((127, 2, k >> 8, k & 255))
            cport = tls13[0][1][34:36]
            for ts, d in tls13:
                b = bytearray(d)  # the client's address: source or destination
                at = 26 if d[34:36] == cport else 30
                b[at:at + 4] = client
                t = clock + ts
                out.write(struct.pack("<IIII", int(t), int((t % 1) * 1e6), len(b), len(b)) + b)
                written += 16 + len(b)
            clock += 0.01
        for ts, d in expired:
            t = t_expired + ts
            out.write(struct.pack("<IIII", int(t), int((t % 1) * 1e6), len(d), len(d)) + d)


def test_certificates_seen_at_the_start_preload_the_stores_before_the_fork(tmp_path: Path) -> None:
    assert pcap_jobs._shows_certificates(CAPTURES / "expired.pcap")
    assert pcap_jobs._shows_certificates(CAPTURES / "tls12_ok.pcap")
    assert not pcap_jobs._shows_certificates(CAPTURES / "tls13_ok.pcap")
    assert pcap_jobs._shows_certificates(tmp_path / "absent.pcap")  # an error: as before
    late = tmp_path / "late.pcap"
    _late_certificate(late)
    assert not pcap_jobs._shows_certificates(late)
    assert pcap_jobs._shows_certificates(late, window=late.stat().st_size)


def test_a_reader_loads_them_itself_for_a_later_certificate(tmp_path: Path) -> None:
    """Two readers, no preload (no certificate in the first MB): the reader that meets the
    expired certificate loads cryptography and the stores, and the report is one pass's."""
    late = tmp_path / "late.pcap"
    _late_certificate(late)
    one = read_pcap(late, jobs=1).to_json()
    one["summary"].pop("seconds")
    code = ("import json, sys\nfrom tlsdoctor.api.judge import judge\n"
            "from tlsdoctor.ingest import pcap_jobs\n"
            f"r = pcap_jobs.read_split({str(late)!r}, 2, judge, 100000, 1 << 40, 1000)\n"
            "d = None if r is None else r.to_json()\n"
            "d is None or d['summary'].pop('seconds')\n"
            "print(json.dumps(d))\n")
    two = json.loads(fresh_python(code, check=True).stdout)
    assert two is not None  # the split was used, not the one-pass fallback
    assert two == json.loads(json.dumps(one))
    causes = {c for server in one["summary"]["groups"]["failed"].values()
              for c in server["causes"]}
    assert "cert_expired" in causes and one["summary"]["tls_connections"] > 100
