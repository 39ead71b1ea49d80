"""``run_sync``: run a coroutine to completion on a fresh event loop, from sync code.

``asyncio.run`` with one difference that matters for big results. On Python 3.11,
``asyncio.Runner.run`` installs a SIGINT handler (a ``functools.partial`` holding the main
task) and, when the task is done, checks it with ``signal.getsignal``, whose enum lookup
formats ``repr(handler)``: the task's repr, which includes its *result*. For a scan that
is the whole report (every probe, certificate bytes included): about 4 ms of repr,
twice per run, measured with py-spy on benchmarks/bench_scan.py. Handing the result back
through a box keeps the task's result ``None``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(coro)``, without formatting the result on the way out."""
    box: list[T] = []

    async def main() -> None:
        box.append(await coro)

    asyncio.run(main())
    return box[0]
