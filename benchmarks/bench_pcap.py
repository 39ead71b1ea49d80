#!/usr/bin/env python3
"""Throughput of ``read_pcap`` against ``tshark -r FILE -Y tls.handshake`` on the same file.

    python benchmarks/bench_pcap.py [--mb 100] [--keep FILE] [--bulk-mb 100] [--no-tshark]

The capture is built from the real recorded connections in tests/ingest/captures (IPv4,
Ethernet): each copy gets its own client address (127.1.x.y) so every copy is a distinct
TCP connection, copies are interleaved 16 at a time and timestamps advance, until the file
reaches the requested size: the worst case, every few KB a new handshake to decode.
``--bulk-mb`` adds the other extreme, one real recorded download. A benchmark, not a test:
prints connections, MB/s and seconds for both tools.
"""

from __future__ import annotations

import argparse
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tlsdoctor import read_pcap
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
    (workdir / "blob.bin").write_bytes(os.urandom(mb * 1024 * 1024))
    port = rec.free_port()
    cmd = ["openssl", "s_server", "-quiet", "-WWW", "-accept", f"127.0.0.1:{port}",
           "-cert", str(pki.good[0]), "-key", str(pki.good[1]), "-tls1_3"]
    old = Path.cwd()
    os.chdir(workdir)  # -WWW serves files relative to the current directory
    try:
        with rec.process(cmd, "127.0.0.1", port), rec.tcpdump(path, port):
            subprocess.run(["curl", "-s", "-o", "/dev/null", "--max-time", "120", "--cacert",
                            str(pki.root), f"https://localhost:{port}/blob.bin"],
                           check=False, timeout=180)
    finally:
        os.chdir(old)


def compare(path: Path, tshark: bool) -> None:
    size_mb = path.stat().st_size / 1024 / 1024
    t = time.perf_counter()
    report = read_pcap(path)
    secs = time.perf_counter() - t
    s = report.to_json()["summary"]
    print(f"read_pcap : {s['tls_connections']} TLS connections "
          f"(tcp {s['tcp_connections']}), {secs:.2f} s, {size_mb / secs:.1f} MB/s; "
          f"handshakes {s['handshakes']}; causes {s['causes']}; gaps {s['gaps']}, "
          f"retransmits {s['retransmits']}")
    exe = shutil.which("tshark")
    if exe and tshark:
        t = time.perf_counter()
        proc = subprocess.run([exe, "-r", str(path), "-Y", "tls.handshake"],
                              capture_output=True, check=False, timeout=3600)
        secs = time.perf_counter() - t
        lines = proc.stdout.count(b"\n")
        print(f"tshark -Y tls.handshake : {lines} packets with handshake messages, "
              f"{secs:.2f} s, {size_mb / secs:.1f} MB/s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=100.0)
    ap.add_argument("--keep", type=Path, help="write the capture here and keep it")
    ap.add_argument("--no-tshark", action="store_true")
    ap.add_argument("--bulk-mb", type=int, default=0,
                    help="also record a real N-MB TLS download with tcpdump (root) and time it")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench_pcap_"))
    path = args.keep or tmp / "big.pcap"
    try:
        t = time.perf_counter()
        copies = build(path, args.mb)
        size_mb = path.stat().st_size / 1024 / 1024
        print(f"built {path} : {size_mb:.1f} MB, {copies} connections ({time.perf_counter() - t:.1f} s)")

        compare(path, not args.no_tshark)
        if args.bulk_mb:
            bulk = tmp / "bulk.pcap"
            record_bulk(bulk, args.bulk_mb, tmp)
            print(f"recorded {bulk} : {bulk.stat().st_size / 1024 / 1024:.1f} MB, one TLS 1.3 download")
            compare(bulk, not args.no_tshark)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
