"""Politeness, counted on the wire by a proxy (issue 7): ``--delay`` spaces connection
starts, per-host concurrency caps simultaneous connections, and repeated resets make
the prober back off instead of hammering a host that is pushing back."""

from __future__ import annotations

from collections.abc import Callable

from proxy import CountingProxy

from tlsdoctor import api, scan
from tlsdoctor.probe.budget import ProbeOptions
from tlsdoctor.testing import servers
from tlsdoctor.testing.faults import fault_server

# Spacing is granted when a connection gets its slot; the TCP connect follows after
# some client work (building an SSLContext for the real-stack reproduction takes
# ~25 ms, and is done before the slot), so a gap on the wire may be that much short of the delay.
JITTER = 0.03


def test_diagnose_honours_delay(py_server: Callable[..., servers.Server]) -> None:
    srv = py_server()
    with CountingProxy(srv.address) as proxy:
        report = api.diagnose(f"localhost:{proxy.port}", connect="127.0.0.1", delay=0.2,
                              timeout=2, offline=True)
    assert report.handshakes == proxy.connections >= 3
    assert min(proxy.gaps) >= 0.2 - JITTER, proxy.gaps


def test_diagnose_without_delay_is_not_throttled(py_server: Callable[..., servers.Server]) -> None:
    # The twin: the gaps above come from --delay, not from the proxy or the server.
    srv = py_server()
    with CountingProxy(srv.address) as proxy:
        api.diagnose(f"localhost:{proxy.port}", connect="127.0.0.1", timeout=2, offline=True)
    assert proxy.connections >= 3
    assert min(proxy.gaps) < 0.2 - JITTER, proxy.gaps


def test_scan_honours_concurrency_and_delay() -> None:
    # The backend holds every connection 0.3 s, so a client that ignored the limit
    # would have many open at once.
    with fault_server("alert", hold=0.3) as backend, CountingProxy(backend.address) as proxy:
        scan(f"127.0.0.1:{proxy.port}", options=ProbeOptions(
            concurrency=2, delay=0.05, max_handshakes=12, connect_timeout=2, read_timeout=2))
    assert 2 <= proxy.connections <= 12
    assert proxy.max_concurrent == 2, proxy.spans  # used, and never exceeded
    assert min(proxy.gaps) >= 0.05 - 0.02, proxy.gaps


def test_scan_default_concurrency_is_three() -> None:
    with fault_server("alert", hold=0.3) as backend, CountingProxy(backend.address) as proxy:
        scan(f"127.0.0.1:{proxy.port}", options=ProbeOptions(
            max_handshakes=9, connect_timeout=2, read_timeout=2))
    assert proxy.max_concurrent <= 3, proxy.spans


def test_repeated_resets_back_off() -> None:
    # Every ClientHello is reset (an IPS, a rate limiter). After ``backoff_after``
    # consecutive resets the pauses between connection starts grow.
    opts = ProbeOptions(backoff_after=3, backoff_base=0.1, backoff_max=0.4,
                        max_handshakes=12, connect_timeout=2, read_timeout=2)
    with fault_server("rst_after_hello") as backend, CountingProxy(backend.address) as proxy:
        scan(f"127.0.0.1:{proxy.port}", options=opts)
    gaps = proxy.gaps
    assert proxy.resets >= 3
    assert proxy.connections <= 12
    late = gaps[opts.backoff_after + opts.concurrency - 1:]
    assert late and min(late) >= 0.1 - JITTER, gaps
    assert max(gaps) >= 0.4 - JITTER, gaps  # the pause grew to the cap


def test_diagnose_backs_off_from_resets() -> None:
    with fault_server("rst_after_hello") as backend, CountingProxy(backend.address) as proxy:
        report = api.diagnose(f"127.0.0.1:{proxy.port}", timeout=2, offline=True)
    assert report.root_cause_id == "middlebox_or_firewall_interference"
    assert proxy.connections <= 10  # a handful of probes, no retry storm
    if proxy.connections > 3:  # after three resets in a row, the next one waits
        assert proxy.gaps[3 - 1] >= 0.1 - JITTER, proxy.gaps


def test_diagnose_by_name_backs_off_from_a_host_that_resets_everything() -> None:
    # By name, the isolation also asks the name pair (no SNI, a neutral name), whose
    # resets are answers, not pushback (probe.budget). A host that resets every hello
    # still reaches the streak: baseline, wide and the small hello are three counted
    # resets, so the SSLv2 probe after them waits.
    with fault_server("rst_after_hello") as backend, CountingProxy(backend.address) as proxy:
        report = api.diagnose(f"localhost:{proxy.port}", connect="127.0.0.1", timeout=2,
                              offline=True)
    assert report.root_cause_id == "middlebox_or_firewall_interference"
    assert proxy.connections == 6, proxy.gaps  # baseline, wide, the name pair, small, SSLv2
    assert proxy.gaps[-1] >= 0.1 - JITTER, proxy.gaps
