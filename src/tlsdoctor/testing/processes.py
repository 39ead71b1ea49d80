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

from .ca import CA
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
                 stdin: str = "", env: dict[str, str] | None = None,
                 cwd: Path | None = None) -> str:
    """``argv``'s stdout and stderr as printed, read until ``done(text)`` holds, it exits, or
    ``limit`` seconds pass, and then it is stopped: a program that retries or waits after the
    lines a test needs ends at them, not at a timeout. ``stdin`` is written, then closed.
    Each line it prints wakes the wait at once (its exit is seen within 50 ms)."""
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, encoding="utf-8", errors="replace",
                            env=env, cwd=cwd)
    assert proc.stdin is not None and proc.stdout is not None
    got: list[str] = []
    printed = threading.Condition()

    def read(lines: Iterator[str]) -> None:
        for line in lines:
            with printed:
                got.append(line)
                printed.notify()
        with printed:  # the end of its output: most likely it exited
            printed.notify()

    reader = threading.Thread(target=read, args=(iter(proc.stdout.readline, ""),),
                              daemon=True)
    reader.start()
    with contextlib.suppress(BrokenPipeError):
        proc.stdin.write(stdin)
        proc.stdin.close()
    deadline = time.monotonic() + limit
    with printed:
        while proc.poll() is None and not done("".join(got)):
            left = deadline - time.monotonic()
            if left <= 0:
                break
            printed.wait(min(left, 0.05))  # woken by a line; the bound is for its exit
    stop(proc)
    reader.join(timeout=5)
    proc.stdout.close()
    return "".join(got)


def wait_until(done: Callable[[], bool], limit: float, *,
               alive: Callable[[], bool] | None = None) -> bool:
    """Whether ``done()`` came to hold within ``limit`` seconds, checked every 50 ms; it
    stops early, False, once ``alive()`` (when given) no longer holds. For what a program
    writes to a file (its log, a file it delivers to), which no event announces; what it
    prints to a pipe is ``output_until``'s."""
    deadline = time.monotonic() + limit
    while not done():
        if (alive is not None and not alive()) or time.monotonic() >= deadline:
            return done()
        time.sleep(0.05)  # poll interval of the file, bounded by ``limit``
    return True


def file_text(path: Path) -> str:
    """What a program wrote to ``path`` so far ('' before it exists; bad UTF-8 replaced)."""
    try:
        return path.read_bytes().decode("utf-8", "replace")
    except FileNotFoundError:
        return ""


def log_until(path: Path, done: Callable[[str], bool], limit: float, *,
              alive: Callable[[], bool] | None = None) -> str:
    """``path``'s text once ``done(text)`` holds, or as it is when ``limit`` seconds passed
    or ``alive()`` stopped holding (``wait_until``): a log a running program writes."""
    wait_until(lambda: done(file_text(path)), limit, alive=alive)
    return file_text(path)


@contextlib.contextmanager
def logged_process(argv: list[str], log: Path, *, env: dict[str, str] | None = None,
                   ) -> Iterator[subprocess.Popen[bytes]]:
    """``argv`` running (in ``env``, when given) with its stdout and stderr in ``log``,
    stopped on leaving."""
    with log.open("wb") as out:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT, env=env)
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


def lab_clients(directory: Path, ca: CA, name: str, client: str) -> dict[str, Path]:
    """A DaemonLab's files for its clients, written to ``directory``: ``ca``'s certificate
    ("ca"), a client certificate for ``client`` from it ("client", "client_key") and one
    from a root the daemon does not know, "``name`` unknown root" ("stranger",
    "stranger_key")."""
    cert, key = ca.issue([client], eku=("clientAuth",)).write(directory, stem="client")
    stranger, stranger_key = CA(name=f"{name} unknown root").issue(
        [client], eku=("clientAuth",)).write(directory, stem="stranger")
    return {"ca": ca.write(directory / "ca.pem"), "client": cert, "client_key": key,
            "stranger": stranger, "stranger_key": stranger_key}


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
