#!/usr/bin/env python3
"""Throughput of ``read_pcap`` against ``tshark -r FILE -Y tls.handshake`` on the same file.

    python benchmarks/bench_pcap.py [--mb 100 [300 ...]] [--keep FILE | --use FILE]
                                    [--rounds N] [--bulk-mb 100] [--no-tshark]

The capture is built from the real recorded connections in tests/ingest/captures (IPv4,
Ethernet): each copy gets its own client address (127.1.x.y) so every copy is a distinct
TCP connection, copies are interleaved 16 at a time and timestamps advance, until the file
reaches the requested size: the worst case, every few KB a new handshake to decode.
``--bulk-mb`` adds the other extreme, one real recorded download (and the same cut to
Ethernet-sized segments). A benchmark, not a test: prints seconds (wall and CPU), MB/s,
connections/s and peak RSS for tlsdoctor (``python3 -m tlsdoctor pcap FILE --json``) and for
tshark, each a fresh process timed from spawn to exit (os.wait4), in the same run. Several ``--mb`` sizes show whether peak RSS grows with the number of
connections (it should not: docs/pcap-speed.md).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tlsdoctor.ingest.pcap_file import FrameSource

ROOT = Path(__file__).resolve().parent.parent
CAPTURES = ROOT / "tests" / "ingest" / "captures"
SOURCES = ("tls12_ok", "tls13_ok", "protocol_version", "client_cert", "expired",
           "cipher_mismatch", "rst_after_hello", "http_on_tls_port", "smtp_starttls")
PCAP_HEADER = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1)


def load(name: str) -> tuple[float, list[tuple[float, bytes]]]:
    """The capture's start time and its frames with times relative to it."""
    with (CAPTURES / f"{name}.pcap").open("rb") as f:
        frames = [(fr.ts, fr.data) for fr in FrameSource(f, max_bytes=1 << 30)]
    t0 = frames[0][0]
    return t0, [(ts - t0, data) for ts, data in frames]


def build(path: Path, target_mb: float) -> int:
    conns: list[list[tuple[float, bytes]]] = []
    starts = []
    for name in SOURCES:
        t0, frames = load(name)
        starts.append(t0)
        # Split multi-connection captures by client port (the SYN sender's port).
        by_port: dict[int, list[tuple[float, bytes]]] = {}
        server_port = None
        for ts, d in frames:
            sport, dport = int.from_bytes(d[34:36], "big"), int.from_bytes(d[36:38], "big")
            flags = d[47]
            if server_port is None and flags & 0x02 and not flags & 0x10:
                server_port = dport
            cport = dport if sport == server_port else sport
            by_port.setdefault(cport, []).append((ts, d))
        conns.extend(by_port.values())
    target = int(target_mb * 1024 * 1024)
    # Keep the recording time so certificate validity is judged as in the fixtures.
    written, copies, clock = len(PCAP_HEADER), 0, min(starts)
    with path.open("wb") as out:
        out.write(PCAP_HEADER)
        while written < target:
            batch = []
            for _ in range(16):
                frames = conns[copies % len(conns)]
                k = copies + 1
                new_client = bytes((127, 1 + (k >> 16) % 200, (k >> 8) & 255, k & 255))
                # The client is the SYN sender: the first frame's source address and port.
                first = frames[0][1]
                cport = first[34:36]
                rewritten = []
                for ts, d in frames:
                    b = bytearray(d)
                    if d[34:36] == cport:
                        b[26:30] = new_client
                    else:
                        b[30:34] = new_client
                    rewritten.append((ts, bytes(b)))
                batch.append(rewritten)
                copies += 1
            # Interleave the batch: packet i of every connection, then packet i+1...
            longest = max(len(c) for c in batch)
            for i in range(longest):
                for c in batch:
                    if i < len(c):
                        ts, d = c[i]
                        t = clock + ts
                        rec = struct.pack("<IIII", int(t), int((t % 1) * 1e6), len(d), len(d)) + d
                        out.write(rec)
                        written += len(rec)
            clock += 0.05
    return copies


def record_bulk(path: Path, mb: int, workdir: Path) -> None:
    """A real bulk transfer: curl downloads ``mb`` MB over TLS 1.3 from openssl s_server -WWW,
    captured with tcpdump (needs root). Uses the fixture recorder's helpers."""
    import importlib.util
    import os

    spec = importlib.util.spec_from_file_location("record_captures", CAPTURES / "record.py")
    assert spec is not None and spec.loader is not None
    rec = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rec)
    pki = rec.Pki(workdir)
    with (workdir / "blob.bin").open("wb") as blob:  # by the MB: this process stays small,
        for _ in range(mb):  # and a child's peak RSS starts from its parent's at fork
            blob.write(os.urandom(1024 * 1024))
    port = rec.free_port()
    cmd = ["openssl", "s_server", "-quiet", "-WWW", "-accept", f"127.0.0.1:{port}",
           "-cert", str(pki.good[0]), "-key", str(pki.good[1]), "-tls1_3"]
    old = Path.cwd()
    os.chdir(workdir)  # -WWW serves files relative to the current directory
    try:
        # A 256 MiB kernel buffer (tcpdump -B): at loopback speed the default one
        # overflows and the capture misses segments.
        with rec.process(cmd, "127.0.0.1", port), rec.tcpdump(path, port, buffer_kib=262144):
            subprocess.run(["curl", "-s", "-o", "/dev/null", "--max-time", "120", "--cacert",
                            str(pki.root), f"https://localhost:{port}/blob.bin"],
                           check=False, timeout=180)
    finally:
        os.chdir(old)


SRC = ROOT / "src"  # the tlsdoctor timed (--src: another checkout's, e.g. before a change)


# Bytecode is compiled once and kept here, as an installed package has it (pip writes
# it); a PYTHONDONTWRITEBYTECODE environment would otherwise recompile every module in
# every run. The first round writes it; the best of several rounds reads it.
PYCACHE = Path(tempfile.gettempdir()) / "tlsdoctor-bench-pycache"


def run_tlsdoctor(path: Path) -> dict[str, Any]:
    """What a user runs, ``python3 -m tlsdoctor pcap FILE --json``, timed like tshark: from
    spawn to exit, CPU and peak RSS from wait4 (interpreter start-up and teardown
    included). The summary's ``seconds`` (time inside read_pcap) is kept as a second figure."""
    env = dict(os.environ, PYTHONPATH=str(SRC), PYTHONPYCACHEPREFIX=str(PYCACHE / SRC.name))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen([sys.executable, "-m", "tlsdoctor", "pcap", str(path), "--json"],
                                stdout=out, stderr=subprocess.DEVNULL, env=env)
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t
        if proc.returncode not in (0, 1, 2):  # 1/2: the capture shows risks or failures
            raise SystemExit(f"tlsdoctor pcap exited {proc.returncode} on {path}")
        out.seek(0)
        s = json.load(out)["summary"]
    return {"wall": wall, "in_call": s["seconds"], "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mb": usage.ru_maxrss / 1024, "tls": s["tls_connections"],
            "tcp": s["tcp_connections"], "handshakes": s["handshakes"], "gaps": s["gaps"]}


def run_tshark(path: Path) -> dict[str, Any] | None:
    exe = shutil.which("tshark")
    if exe is None:
        return None
    t = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        # wait4: this process's own usage (RUSAGE_CHILDREN's peak RSS is the largest of
        # every child so far, tlsdoctor's included).
        proc = subprocess.Popen([exe, "-r", str(path), "-Y", "tls.handshake"], stdout=out,
                                stderr=subprocess.DEVNULL)
        _pid, _status, usage = os.wait4(proc.pid, 0)
        proc.returncode = 0
        wall = time.perf_counter() - t
        out.seek(0)
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: out.read(1 << 20), b""))
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
            "lines": lines}


def compare(path: Path, tshark: bool, rounds: int = 1) -> None:
    """tlsdoctor and tshark, alternately, ``rounds`` times; the ratios use the best wall
    time of each (the machine is shared: the best run is the least disturbed) and the
    median of each (what a user usually gets)."""
    size_mb = path.stat().st_size / 1024 / 1024
    best: dict[str, float] = {}
    walls: dict[str, list[float]] = {"tlsdoctor": [], "tshark": []}
    rss: dict[str, float] = {}
    for _ in range(rounds):
        r = run_tlsdoctor(path)
        walls["tlsdoctor"].append(r["wall"])
        rss["tlsdoctor"] = max(rss.get("tlsdoctor", 0.0), r["rss_mb"])
        best["tlsdoctor"] = min(best.get("tlsdoctor", 1e9), r["wall"])
        best["tlsdoctor cpu"] = min(best.get("tlsdoctor cpu", 1e9), r["cpu"])
        print(f"{'tlsdoctor pcap --json':23}: {r['wall']:6.2f} s wall ({r['in_call']:.2f} s in "
              f"read_pcap), {r['cpu']:6.2f} s CPU, {size_mb / r['wall']:6.1f} MB/s, "
              f"{r['tls'] / r['wall']:6.0f} connections/s, peak RSS {r['rss_mb']:.0f} MB; "
              f"{r['tls']} TLS connections, handshakes {r['handshakes']}, gaps {r['gaps']}")
        t = run_tshark(path) if tshark else None
        if t is not None:
            best["tshark"] = min(best.get("tshark", 1e9), t["wall"])
            walls["tshark"].append(t["wall"])
            rss["tshark"] = max(rss.get("tshark", 0.0), t["rss_mb"])
            best["tshark cpu"] = min(best.get("tshark cpu", 1e9), t["cpu"])
            print(f"{'tshark -Y tls.handshake':23}: {t['wall']:6.2f} s wall, {t['cpu']:6.2f} s "
                  f"CPU, {size_mb / t['wall']:6.1f} MB/s, peak RSS {t['rss_mb']:.0f} MB; "
                  f"{t['lines']} packets with handshake messages")
    # Wall time on a shared machine depends on what else runs (and --jobs on a free core).
    print("load average (1, 5, 15 min): " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    if "tshark" in best:
        # On a shared machine wall time includes waiting for a core; CPU time does not.
        print(f"best of {rounds}: tlsdoctor {size_mb / best['tlsdoctor']:.1f} MB/s, tshark "
              f"{size_mb / best['tshark']:.1f} MB/s: {best['tshark'] / best['tlsdoctor']:.2f}x "
              f"tshark's speed (wall); {best['tshark cpu'] / best['tlsdoctor cpu']:.2f}x (CPU)")
        med = {k: statistics.median(v) for k, v in walls.items()}
        print(f"median of {rounds}: tlsdoctor {med['tlsdoctor']:.3f} s, tshark {med['tshark']:.3f} s: "
              f"{med['tshark'] / med['tlsdoctor']:.2f}x tshark's speed (wall); peak RSS "
              f"tlsdoctor {rss['tlsdoctor']:.0f} MB, tshark {rss['tshark']:.0f} MB")
    else:
        print(f"median of {rounds}: tlsdoctor {statistics.median(walls['tlsdoctor']):.3f} s, "
              f"{size_mb / statistics.median(walls['tlsdoctor']):.1f} MB/s; peak RSS "
              f"{rss['tlsdoctor']:.0f} MB")


def resegment(src: Path, dst: Path, mss: int = 1448) -> int:
    """``src`` (Ethernet, IPv4, TCP: a loopback recording, where segments are up to 64 KB)
    rewritten with every TCP payload cut into ``mss``-byte segments, as an Ethernet link
    carries it (1500-byte MTU, TCP timestamps). Checksums are left as they were (neither
    tool checks them). Returns the number of packets written."""
    written = 0
    with src.open("rb") as f, dst.open("wb") as out:
        out.write(PCAP_HEADER)
        for fr in FrameSource(f, max_bytes=1 << 40):
            d = fr.data
            ihl = (d[14] & 0x0F) * 4
            t = 14 + ihl
            doff = (d[t + 12] >> 4) * 4
            head, payload = d[:t + doff], d[t + doff:]
            seq = int.from_bytes(d[t + 4:t + 8], "big")
            pieces = [payload[i:i + mss] for i in range(0, len(payload), mss)] or [b""]
            for i, piece in enumerate(pieces):
                b = bytearray(head + piece)
                b[16:18] = (ihl + doff + len(piece)).to_bytes(2, "big")
                b[t + 4:t + 8] = ((seq + i * mss) % (1 << 32)).to_bytes(4, "big")
                out.write(struct.pack("<IIII", int(fr.ts), int((fr.ts % 1) * 1e6), len(b), len(b)))
                out.write(b)
                written += 1
    return written


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, nargs="+", default=[100.0],
                    help="build a handshake-heavy capture of each size (MB) and time it")
    ap.add_argument("--keep", type=Path, help="write the capture here and keep it")
    ap.add_argument("--use", type=Path, help="time this capture instead of building one")
    ap.add_argument("--rounds", type=int, default=1, help="alternate the tools this many times")
    ap.add_argument("--no-tshark", action="store_true")
    ap.add_argument("--bulk-mb", type=int, default=0,
                    help="also record a real N-MB TLS download with tcpdump (root) and time it, "
                         "as recorded (64 KB loopback segments) and cut to 1448-byte segments")
    ap.add_argument("--keep-bulk", type=Path, metavar="DIR",
                    help="keep the recorded bulk captures in DIR (bulk.pcap, bulk-1448.pcap) "
                         "to time them again with --use")
    ap.add_argument("--src", type=Path, help="time the tlsdoctor in this src directory")
    args = ap.parse_args()
    global SRC
    SRC = args.src or SRC
    tmp = Path(tempfile.mkdtemp(prefix="bench_pcap_"))
    try:
        if args.use:
            compare(args.use, not args.no_tshark, args.rounds)
        for mb in [] if args.use else args.mb:
            path = args.keep or tmp / "big.pcap"
            t = time.perf_counter()
            copies = build(path, mb)
            print(f"built {path} : {path.stat().st_size / 1024 / 1024:.1f} MB, {copies} "
                  f"connections ({time.perf_counter() - t:.1f} s)")
            compare(path, not args.no_tshark, args.rounds)
        if args.bulk_mb:
            keep = args.keep_bulk or tmp
            keep.mkdir(parents=True, exist_ok=True)
            bulk = keep / "bulk.pcap"
            record_bulk(bulk, args.bulk_mb, tmp)
            print(f"recorded {bulk} : {bulk.stat().st_size / 1024 / 1024:.1f} MB, one TLS 1.3 "
                  "download (loopback: 64 KB segments)")
            compare(bulk, not args.no_tshark, args.rounds)
            small = keep / "bulk-1448.pcap"
            n = resegment(bulk, small)
            print(f"cut to {small} : {small.stat().st_size / 1024 / 1024:.1f} MB, {n} packets "
                  "of at most 1448 payload bytes")
            compare(small, not args.no_tshark, args.rounds)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
