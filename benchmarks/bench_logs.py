"""Benchmark ``read_logs`` on ~1 GB of mixed server log lines (target: < 30 s).

Run:  python benchmarks/bench_logs.py [SIZE_MB]   (default 1024)
Writes a temporary file of nginx/Apache/HAProxy/Postfix/Dovecot/syslog lines, about
one in ten a TLS failure from many client addresses, times read_logs() over it and
prints lines/s, MB/s and the peak RSS of this process. The file is deleted afterwards.
"""

from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tlsdoctor import read_logs

FAIL = [
    "{d} [info] 1234#1234: *{n} SSL_do_handshake() failed (SSL: error:0A000102:SSL routines::"
    "unsupported protocol) while SSL handshaking, client: {ip}, server: 0.0.0.0:443",
    "{d} [info] 1234#1234: *{n} SSL_do_handshake() failed (SSL: error:0A000418:SSL routines::"
    "tlsv1 alert unknown ca:SSL alert number 48) while SSL handshaking, client: {ip}, "
    "server: 0.0.0.0:443",
    "{d} [info] 1234#1234: *{n} peer closed connection in SSL handshake while SSL handshaking, "
    "client: {ip}, server: 0.0.0.0:443",
    "{d} [info] 1234#1234: *{n} client sent plain HTTP request to HTTPS port while reading "
    "client request headers, client: {ip}, server: www.example.com, request: \"GET / HTTP/1.1\"",
    "{s} mail postfix/smtpd[2211]: SSL_accept error from unknown[{ip}]: -1",
    "{s} mail postfix/smtpd[2211]: warning: TLS library problem: error:0A0000C1:SSL routines::"
    "no shared cipher:../ssl/statem/statem_srvr.c:2220:",
    "{s} mail dovecot: imap-login: Disconnected: Connection closed (no auth attempts in 0 secs): "
    "user=<>, rip={ip}, lip=10.0.0.1, TLS handshaking: SSL_accept() failed: error:0A00010B:"
    "SSL routines::wrong version number, session=<abc>",
    "{s} lb haproxy[99]: {ip}:51234 [23/Nov/2026:10:11:12.123] https-in/1: SSL handshake failure",
]
NOISE = [
    "{ip} - - [23/Nov/2026:10:11:12 +0000] \"GET /static/app.{n}.js HTTP/1.1\" 200 5120 \"-\" "
    "\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)\"",
    "{d} [error] 1234#1234: *{n} open() \"/var/www/html/favicon.ico\" failed (2: No such file or "
    "directory), client: {ip}, server: www.example.com, request: \"GET /favicon.ico HTTP/1.1\"",
    "{s} mail postfix/smtpd[2211]: connect from unknown[{ip}]",
    "{s} mail postfix/qmgr[1200]: 4BXY{n}: from=<user@example.org>, size=2211, nrcpt=1 (queue active)",
    "{s} host systemd[1]: Started Session {n} of User www-data.",
    "{s} host kernel: [UFW BLOCK] IN=eth0 OUT= SRC={ip} DST=10.0.0.1 LEN=40 PROTO=TCP DPT=23",
    "{s} mail dovecot: imap-login: Login: user=<u{n}@example.org>, method=PLAIN, rip={ip}, "
    "lip=10.0.0.1, mpid={n}, TLS, session=<x{n}>",
    "{s} mail postfix/smtpd[2211]: Anonymous TLS connection established from unknown[{ip}]: "
    "TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
]


def generate(path: Path, size: int) -> int:
    rnd = random.Random(6)
    ips = [f"203.0.{i // 256}.{i % 256}" for i in range(50_000)]
    lines = 0
    with open(path, "w", buffering=1 << 20) as f:
        written = 0
        batch: list[str] = []
        while written < size:
            for _ in range(10_000):
                minute = (lines // 20_000) % 60
                hour = 10 + (lines // 1_200_000) % 10
                d = f"2026/11/23 {hour:02d}:{minute:02d}:{lines % 60:02d}"
                s = f"Nov 23 {hour:02d}:{minute:02d}:{lines % 60:02d}"
                tpl = rnd.choice(FAIL) if rnd.random() < 0.1 else rnd.choice(NOISE)
                batch.append(tpl.format(d=d, s=s, n=lines, ip=rnd.choice(ips)))
                lines += 1
            text = "\n".join(batch) + "\n"
            batch.clear()
            f.write(text)
            written += len(text)
    return lines


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the workers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
    with tempfile.TemporaryDirectory(prefix="tlsdoctor-bench-") as tmp:
        path = Path(tmp) / "mixed.log"
        t0 = time.perf_counter()
        lines = generate(path, size * 1024 * 1024)
        mb = path.stat().st_size / 1e6
        print(f"generated {mb:.0f} MB, {lines:,} lines in {time.perf_counter() - t0:.1f} s")
        for workers in (None, 1):
            before = _cpu()
            t0 = time.perf_counter()
            report = read_logs([path], workers=workers)
            dt = time.perf_counter() - t0
            cpu = _cpu() - before
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            label = "default (2 processes)" if workers is None else "1 process"
            print(f"read_logs {label}: {dt:.1f} s wall, {cpu:.1f} s CPU, "
                  f"{report.lines / dt:,.0f} lines/s, {mb / dt:.1f} MB/s, peak RSS {rss:.0f} MB "
                  f"(largest worker {child:.0f} MB); load average {os.getloadavg()[0]:.1f}")
        print(f"failures {report.failures:,} of {report.candidates:,} candidate lines; "
              f"causes {dict(report.by_cause)}; events kept {len(report.events)}, "
              f"dropped {report.events_dropped:,}")


if __name__ == "__main__":
    main()
