"""A program's clock moved by libfaketime, without the ``faketime`` wrapper.

The wrapper keeps a named semaphore and shared memory per process id
(/dev/shm/faketime_sem_PID) and refuses to start ("sem_open: File exists") when a run that
was killed left them behind for a pid now reused. The library itself needs only two
variables, so tests set those.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

LIBRARY: str | None = next(
    (str(p) for p in sorted(Path("/usr/lib").glob("*/faketime/libfaketime.so.1"))), None)


def starting_at(clock: datetime) -> str:
    """The FAKETIME value for a clock that starts at ``clock`` and runs on from there (read in
    the program's own time zone: run it with TZ=UTC)."""
    return f"@{clock.astimezone(UTC):%Y-%m-%d %H:%M:%S}"


def faked(argv: list[str], spec: str) -> list[str]:
    """``argv`` run with its clock moved: ``spec`` is an offset ("+800d") or starting_at()."""
    if LIBRARY is None:
        raise RuntimeError("libfaketime is not installed")
    return ["env", f"LD_PRELOAD={LIBRARY}", f"FAKETIME={spec}", *argv]
