"""pcap speed, round 6 (docs/pcap-speed.md): what changed the speed changes nothing else.

IPv6 on the fast path: a frame of an open connection with a plain 40-byte IPv6 header
(no extension headers) is found by its raw address and port bytes (pcap._fast_ipv6), and
a new connection's first packet is read by hand (pcap._tcp6) instead of through dpkt.
Both must give exactly what dpkt and the full decoding give, on many connections, on
every link layer the fast path reads, with one and two readers. Two readers share the
connections by a mixed byte of the 4-tuple, the same from raw bytes and decoded
addresses; a second reader is used only when a core is free."""

from __future__ import annotations

import json
import os
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

import dpkt
import pytest
from bench_builder import bench_pcap
from pcap_split import record_splits

from tlsdoctor import read_pcap
from tlsdoctor.ingest import pcap, pcap_jobs
from tlsdoctor.ingest.pcap_file import FrameSource

ROOT = Path(__file__).resolve().parents[2]
CAPTURES = Path(__file__).parent / "captures"
_PREFIX = bytes.fromhex("20010db8000000000000000000000000")[:12]  # 2001:db8::/96 (RFC 3849)


def _ipv6(eth: bytes) -> bytes:
    """An Ethernet II / IPv4 / TCP frame as Ethernet II / IPv6 / TCP: the same segment,
    addresses 2001:db8::<IPv4 address>, the TTL as hop limit (checksums left as they are:
    neither reader checks them)."""
    ihl = (eth[14] & 0x0F) * 4
    total = int.from_bytes(eth[16:18], "big")
    segment = eth[14 + ihl:14 + total]
    header = (b"\x60\x00\x00\x00" + len(segment).to_bytes(2, "big") + bytes((6, eth[22]))
              + _PREFIX + eth[26:30] + _PREFIX + eth[30:34])
    return eth[:12] + b"\x86\xdd" + header + segment


# link type, and the frame from an Ethernet II / IPv6 frame
_LINKS: dict[str, tuple[int, Callable[[bytes], bytes]]] = {
    "eth": (1, lambda e: e),
    "vlan": (1, lambda e: e[:12] + b"\x81\x00\x00\x05\x86\xdd" + e[14:]),
    "sll": (113, lambda e: b"\x00\x00\x03\x04\x00\x06" + e[6:12] + b"\x00\x00\x86\xdd" + e[14:]),
    "sll2": (276, lambda e: b"\x86\xdd\x00\x00\x00\x00\x00\x01\x00\x01\x00\x06" + e[6:12]
             + b"\x00\x00" + e[14:]),
    "raw": (101, lambda e: e[14:]),
    "null": (0, lambda e: (10).to_bytes(4, "little") + e[14:]),  # Linux AF_INET6
}


def _relinked(src: Path, dst: Path, linktype: int, frame: Callable[[bytes], bytes]) -> None:
    out = bytearray(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, linktype))
    with src.open("rb") as f:
        for fr in FrameSource(f, max_bytes=1 << 30):
            data = frame(_ipv6(fr.data))
            sec = int(fr.ts)
            out += struct.pack("<IIII", sec, round((fr.ts - sec) * 1e6), len(data), len(data))
            out += data
    dst.write_bytes(bytes(out))


def _built(path: Path, mb: float) -> None:
    """A handshake-heavy IPv4 capture of ``mb`` MB made by the benchmark's own builder."""
    bench_pcap().build(path, mb)


@pytest.fixture(scope="module")
def v6_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("v6")
    copies = out / "copies.pcap"
    _built(copies, 0.5)
    files = {}
    for name, (linktype, frame) in _LINKS.items():
        files[name] = out / f"{name}.pcap"
        _relinked(copies, files[name], linktype, frame)
    return files


def _json(path: Path, max_events: int, jobs: int = 1) -> str:
    data: dict[str, Any] = read_pcap(path, max_events=max_events, jobs=jobs).to_json()
    data["summary"].pop("seconds")
    return json.dumps(data, indent=2, sort_keys=True)


def test_ipv6_fast_path_changes_nothing(v6_files: dict[str, Path],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    decoded: list[int] = []  # frames decoded in full
    full = pcap._packet
    monkeypatch.setattr(pcap, "_packet", lambda an, sc, number, *rest: (
        decoded.append(number), full(an, sc, number, *rest))[1])
    fast = {(name, n): _json(f, n) for name, f in v6_files.items() for n in (10**9, 1000, 5)}
    for name in v6_files:
        got = json.loads(fast[name, 10**9])["summary"]
        assert got["tls_connections"] > 100 and "[2001:db8::" in next(iter(got["servers"]))
    packets = sum(json.loads(fast[name, 5])["summary"]["capture"]["packets"] for name in v6_files)
    assert len(decoded) < packets / 2  # most frames took the fast path
    # every frame decoded in full, IPv6 through dpkt: no raw-bytes aliases, no fast path
    monkeypatch.setattr(pcap, "plain_ipv6_at", lambda linktype, data: -1)
    monkeypatch.setattr(pcap, "_tcp6", pcap._tcp6_dpkt)
    for name, f in v6_files.items():
        for n in (10**9, 1000, 5):
            assert fast[name, n] == _json(f, n), (name, n)


def test_ipv6_two_readers_give_the_one_pass_report(v6_files: dict[str, Path],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    used = record_splits(monkeypatch)
    for name in ("eth", "sll"):
        for n in (10**9, 1000, 5):
            assert _json(v6_files[name], n, jobs=2) == _json(v6_files[name], n), (name, n)
    assert used == [True] * 6  # the split was used, not the one-pass fallback
    for f in sorted(CAPTURES.glob("*ipv6*.pcap*")):  # real recorded IPv6 (one lost segment)
        for n in (10**9, 5):
            assert _json(f, n, jobs=2) == _json(f, n), f.name


def _tcp_bytes(payload: bytes = b"hello", *, off: int = 5, flags: int = 0x18) -> bytes:
    options = bytes(max(0, off - 5) * 4)
    return (struct.pack(">HHIIHHHH", 443, 50000, 7, 9, off << 12 | flags, 512, 0, 0)
            + options + payload)


def _ip6(segment: bytes, *, nxt: int = 6, plen: int | None = None, hlim: int = 61) -> bytes:
    length = len(segment) if plen is None else plen
    return (b"\x60\x00\x00\x00" + length.to_bytes(2, "big") + bytes((nxt, hlim))
            + bytes(15) + b"\x01" + _PREFIX + b"\xc0\x00\x02\x07" + segment)


def test_ipv6_header_read_by_hand_as_dpkt_reads_it() -> None:
    hop_by_hop = bytes((6, 0)) + bytes(6)  # extension header (RFC 8200 §4.3), then TCP
    cases = [
        _ip6(_tcp_bytes()), _ip6(_tcp_bytes(b"")), _ip6(_tcp_bytes(off=8)),
        _ip6(_tcp_bytes(b"x" * 300, off=15)), _ip6(_tcp_bytes(), plen=22),  # cut by length
        _ip6(_tcp_bytes(), plen=200), _ip6(_tcp_bytes(), plen=19),  # beyond / under a header
        _ip6(_tcp_bytes(off=4)), _ip6(_tcp_bytes(off=15)),  # offset too small / past the end
        _ip6(_tcp_bytes(), plen=0), _ip6(_tcp_bytes()[:19]), _ip6(b""),  # jumbo / short
        _ip6(hop_by_hop + _tcp_bytes(), nxt=0), _ip6(_tcp_bytes(), nxt=17),  # not plain TCP
        _ip6(_tcp_bytes())[:39], _ip6(_tcp_bytes(flags=0x1FF)),
    ]
    cases += [bytes(c[:i]) for c in cases[:3] for i in (40, 55, 59, 60, 61)]
    rnd = bytearray(_ip6(_tcp_bytes(b"payload" * 4, off=6)))
    for _ in range(300):  # random bytes in the header fields dpkt and the hand reader use
        rnd[os.urandom(1)[0] % 60] = os.urandom(1)[0]
        cases.append(bytes(rnd))
    for pkt in cases:
        assert pcap._tcp6(pkt) == pcap._tcp6_dpkt(pkt), pkt.hex()
    assert pcap._tcp6(_ip6(_tcp_bytes()))[0] == "::1"  # type: ignore[index]
    assert isinstance(dpkt.ip6.IP6(cases[0]).data, dpkt.tcp.TCP)


def test_share_of_is_what_the_raw_bytes_give(v6_files: dict[str, Path]) -> None:
    """Two readers split connections by their 4-tuple: decided on the raw frame bytes on
    the fast paths and by ``share_of`` on decoded addresses elsewhere. Both must agree
    (either way round), and the benchmark's copies of one recorded connection, which keep
    its ports, must not all go to one reader."""
    import socket

    for _ in range(500):
        a4, b4 = os.urandom(4), os.urandom(4)
        a6, b6 = os.urandom(16), os.urandom(16)
        ports = os.urandom(4)
        sport, dport = int.from_bytes(ports[:2], "big"), int.from_bytes(ports[2:], "big")
        eth4 = bytes(26) + a4 + b4 + ports
        raw4 = pcap._MIX[eth4[28] ^ eth4[29] ^ eth4[32] ^ eth4[33] ^ eth4[35] ^ eth4[37]]
        ip6 = bytes(8) + a6 + b6 + ports
        raw6 = pcap._MIX[ip6[22] ^ ip6[23] ^ ip6[38] ^ ip6[39] ^ ip6[41] ^ ip6[43]]
        for jobs in (2, 3):
            for (src, dst), raw in (((socket.inet_ntoa(a4), socket.inet_ntoa(b4)), raw4),
                                    ((socket.inet_ntop(socket.AF_INET6, a6),
                                      socket.inet_ntop(socket.AF_INET6, b6)), raw6)):
                assert pcap.share_of(src, dst, sport, dport, jobs) == raw % jobs
                assert pcap.share_of(dst, src, dport, sport, jobs) == raw % jobs
    packets = [0, 0]
    with v6_files["raw"].open("rb") as f:
        for fr in FrameSource(f, max_bytes=1 << 30):
            d = fr.data
            packets[pcap._MIX[d[22] ^ d[23] ^ d[38] ^ d[39] ^ d[41] ^ d[43]] % 2] += 1
    assert min(packets) > 0.45 * sum(packets)


def test_second_reader_only_with_a_core_to_spare(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.pcap"
    with big.open("wb") as f:  # only its size and kind are looked at
        f.truncate(pcap_jobs.SPLIT_BYTES)
    small = CAPTURES / "tls13_ok.pcap"
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    # Other tests in this worker may leave a thread running (a server's): that alone makes
    # it one reader (fork copies only the calling thread), checked at the end.
    monkeypatch.setattr(pcap_jobs.threading, "active_count", lambda: 1)
    # threads runnable right now (this one included), where Linux says so
    for runnable, readers in ((1, 2), (2, 1), (9, 1)):
        monkeypatch.setattr(pcap_jobs, "_runnable_now", lambda n=runnable: n)
        monkeypatch.setattr(os, "getloadavg", lambda: (9.0, 9.0, 9.0))  # not asked then
        assert pcap_jobs.jobs_for(big, None) == readers, runnable
        assert pcap_jobs.jobs_for(small, None) == 1  # under SPLIT_BYTES: one pass
        assert pcap_jobs.jobs_for(big, 2) == 2  # asked for: whatever the load
    # elsewhere, the 1-minute load average
    monkeypatch.setattr(pcap_jobs, "_runnable_now", lambda: None)
    for load, readers in ((0.2, 2), (1.4, 2), (1.6, 1), (5.0, 1)):
        monkeypatch.setattr(os, "getloadavg", lambda load=load: (load, load, load))
        assert pcap_jobs.jobs_for(big, None) == readers, load

    def unknown() -> tuple[float, float, float]:
        raise OSError("no load average here")

    monkeypatch.setattr(os, "getloadavg", unknown)
    assert pcap_jobs.jobs_for(big, None) == 2
    monkeypatch.setattr(pcap_jobs.threading, "active_count", lambda: 2)
    assert pcap_jobs.jobs_for(big, None) == 1
    monkeypatch.setattr(pcap_jobs.threading, "active_count", lambda: 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert pcap_jobs.jobs_for(big, None) == 1


def test_runnable_threads_read_from_proc() -> None:
    got = pcap_jobs._runnable_now()
    if Path("/proc/loadavg").exists():
        assert got is not None and got >= 1  # this test's own thread is running
    else:
        assert got is None
