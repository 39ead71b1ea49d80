"""Programs a test starts and must stop: one way to stop them, one way to log them."""

from __future__ import annotations

import contextlib
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .servers import HOST, ServerStartError, wait_ready


def stop(proc: subprocess.Popen[Any], timeout: float = 5) -> None:
    """Terminate ``proc``; kill it if it has not exited within ``timeout`` seconds."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=timeout)


def output_until(argv: list[str], done: Callable[[str], bool], limit: float, *,
                 stdin: str = "", env: dict[str, str] | None = None) -> str:
    """``argv``'s stdout and stderr as printed, read until ``done(text)`` holds, it exits, or
    ``limit`` seconds pass, and then it is stopped: a program that retries or waits after the
    lines a test needs ends at them, not at a timeout. ``stdin`` is written, then closed."""
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, encoding="utf-8", errors="replace",
                            env=env)
    assert proc.stdin is not None and proc.stdout is not None
    got: list[str] = []
    reader = threading.Thread(target=got.extend, args=(iter(proc.stdout.readline, ""),),
                              daemon=True)
    reader.start()
    with contextlib.suppress(BrokenPipeError):
        proc.stdin.write(stdin)
        proc.stdin.close()
    deadline = time.monotonic() + limit
    while proc.poll() is None and time.monotonic() < deadline and not done("".join(got)):
        time.sleep(0.05)  # poll interval of the output, bounded by ``limit``
    stop(proc)
    reader.join(timeout=5)
    proc.stdout.close()
    return "".join(got)


@contextlib.contextmanager
def logged_process(argv: list[str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """``argv`` running with its stdout and stderr in ``log``, stopped on leaving."""
    with log.open("wb") as out:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT)
        try:
            yield proc
        finally:
            stop(proc)


@dataclass(frozen=True, slots=True)
class DaemonLab:
    """A daemon a test runs in ``directory``, listening on ``port``, with all it printed in
    ``log`` and the certificate files it and its clients were given in ``files``."""

    directory: Path
    port: int
    log: Path
    files: dict[str, Path]

    def log_text(self, since: int = 0) -> str:
        return self.log.read_bytes()[since:].decode(errors="replace")

    def log_size(self) -> int:
        return self.log.stat().st_size


@contextlib.contextmanager
def listening(argv: list[str], lab: DaemonLab, *, name: str, timeout: float,
              stop_timeout: float = 5) -> Iterator[subprocess.Popen[bytes]]:
    """``argv`` started in ``lab.directory`` with its output in ``lab.log``, once it listens
    on ``lab.port`` (bounded by ``timeout``; its log's tail in the error if it never does),
    stopped on leaving."""
    with lab.log.open("wb") as out:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT, cwd=lab.directory)
    try:
        try:
            wait_ready(HOST, lab.port, timeout=timeout, alive=lambda: proc.poll() is None)
        except TimeoutError as e:
            raise ServerStartError(f"{name} did not start:\n" + lab.log_text()[-2000:]) from e
        yield proc
    finally:
        stop(proc, stop_timeout)
