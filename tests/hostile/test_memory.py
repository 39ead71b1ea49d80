"""Memory stays bounded against hostile servers (issue 7; the full measurement, peak
RSS and growth over 1,000 connections, is benchmarks/bench_memory.py).

Regression: Python 3.11's ``asyncio.run`` repr()s the main task, and so its result,
when it restores the SIGINT handler. A scan of a server sending a 150 KB certificate
(10,000 SANs) printed 360 copies of it: a 200 MB string, briefly, on every scan.
"""

from __future__ import annotations

import tracemalloc

from server import absurd_cert, hostile

from tlsdoctor import scan
from tlsdoctor.probe.budget import ProbeOptions
from tlsdoctor.probe.outcome import Offer, Outcome, ProbeResult


def test_probe_result_repr_leaves_out_certificates() -> None:
    big = absurd_cert("sans_10000")
    r = ProbeResult(label="x", offer=Offer(versions=(0x0303,), cipher_suites=(0xC02F,)),
                    outcome=Outcome.HANDSHAKE, certificates=(big, big), ocsp_staple=big)
    assert len(repr(r)) < 5_000
    assert r.certificates == (big, big)  # still there, only not printed


def test_scan_of_huge_certificate_stays_small() -> None:
    absurd_cert("sans_10000")  # built before measuring
    with hostile("cert_sans_10000") as srv:
        tracemalloc.start()
        try:
            report = scan(f"127.0.0.1:{srv.port}", options=ProbeOptions(
                connect_timeout=2, read_timeout=2, max_handshakes=60))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert report.handshakes >= 30
    # ~6 MB measured (the server's side is in this process too); 60 copies of the
    # chain, printed or kept, would be 35 MB and more.
    assert peak < 20_000_000, f"peak {peak / 1e6:.1f} MB"
