"""tcpdump on loopback, for tests that compare a capture's judgement with a live one.

Needs root (or CAP_NET_RAW) and tcpdump; ``can_capture()`` says whether both are there.
The capture runs unfiltered in the kernel and is cut to one port afterwards in user
space: a kernel-side ``port N`` filter armed before the first packet has missed
packets on virtual machines (tests/ingest/captures/record.py says the same).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

__all__ = ["can_capture", "tcpdump"]


def can_capture() -> bool:
    return shutil.which("tcpdump") is not None and os.geteuid() == 0


@contextlib.contextmanager
def tcpdump(path: Path, port: int, *, iface: str = "lo", timeout: float = 5.0,
            nano: bool = False, buffer_kib: int = 0) -> Iterator[Path]:
    """Record ``iface`` while the block runs; leaves only ``tcp port port`` in ``path``.
    ``nano``: nanosecond time stamps (pcap's nanosecond magic); ``buffer_kib``: the
    kernel's capture buffer (tcpdump -B), for fast transfers that would overrun it."""
    raw = path.with_suffix(".raw")
    precision = ["--time-stamp-precision=nano"] if nano else []
    buffer = ["-B", str(buffer_kib)] if buffer_kib else []
    # --immediate-mode: without it packets wait in the kernel's buffer block, and a short
    # exchange can end with nothing written.
    proc = subprocess.Popen(["tcpdump", *precision, *buffer, "-i", iface, "--immediate-mode", "-U",
                             "-s", "0", "-w", str(raw)], stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True)
    try:
        _armed(proc, timeout)
        _live(raw, port, timeout)
        yield path
    finally:
        _settled(raw, timeout)
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=timeout)
        if proc.stderr is not None:
            proc.stderr.close()
    subprocess.run(["tcpdump", *precision, "-r", str(raw), "-w", str(path), f"tcp port {port}"],
                   check=True, timeout=30, stderr=subprocess.DEVNULL)
    raw.unlink(missing_ok=True)


def _settled(raw: Path, timeout: float, quiet: float = 0.4) -> None:
    """Wait until the file stops growing: -U writes each packet as tcpdump reads it, and a
    busy machine can leave the last ones in the kernel's buffer for a while; SIGINT would
    drop them."""
    deadline, last, since = time.monotonic() + timeout, -1, time.monotonic()
    while time.monotonic() < deadline:
        size = raw.stat().st_size if raw.exists() else 0
        if size != last:
            last, since = size, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.05)


def _live(raw: Path, port: int, timeout: float, iface: str = "lo") -> None:
    """"listening on" is printed when the socket is bound, a moment before packets flow;
    under load a ClientHello sent at once was missed. Send UDP canaries (the final
    ``tcp port`` filter drops them) until the capture file grows."""
    deadline = time.monotonic() + timeout
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        while time.monotonic() < deadline:
            s.sendto(b"tlsdoctor capture canary", ("127.0.0.1", port))
            time.sleep(0.05)
            if raw.exists() and raw.stat().st_size > 24:  # more than the pcap header
                return
    raise RuntimeError("tcpdump captured nothing")


def _armed(proc: subprocess.Popen[str], timeout: float) -> None:
    """tcpdump prints "listening on lo ..." once the capture is armed."""
    assert proc.stderr is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if "listening on" in line:
            return
        if not line and proc.poll() is not None:
            raise RuntimeError(f"tcpdump exited with {proc.returncode}")
    raise RuntimeError("tcpdump did not start capturing")
