"""Run a fleet's checks on a Dask distributed cluster (``fleet run --cluster tcp://HOST:PORT``).

The endpoints are cut into small shards by IP address (an address is never split between
two shards), so the per-IP limit holds cluster-wide; each shard is one Dask task that runs
the same ``check_all`` as a single process. A fixed number of shards is in flight at once
(2 per worker thread), each with its share of the global concurrency; a shard task leaves
the worker's thread pool (``secede``) so that one shard waiting on a slow endpoint does not
hold a thread others could use. Results come back shard by shard (about 100 endpoints) to
the process that called ``run_fleet``, the one database writer.

Files named by ``--ca-file`` travel with the shard (their bytes), so workers need not share
a file system with the writer. Client profiles saved with ``listen --save`` must exist on
the workers. This module is the only one that imports Dask.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import math
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError, UsageError
from .check import CheckResult, CheckSettings
from .dispatch import Limits, check_all, ip_groups
from .inventory import MAX_CA_FILE, Endpoint

IN_FLIGHT_PER_THREAD = 2  # shards running at once per worker thread (they mostly wait)
SHARD_SIZE = 100  # endpoints per shard, roughly: results flow back this often


def shard(endpoints: Sequence[Endpoint], groups: Mapping[str, str],
          count: int) -> list[list[Endpoint]]:
    """At most ``count`` shards of whole IP groups, biggest groups first onto the lightest
    shard (greedy), so no address is in two shards."""
    by_ip: dict[str, list[Endpoint]] = {}
    for ep in endpoints:
        by_ip.setdefault(groups[ep.key], []).append(ep)
    shards: list[list[Endpoint]] = [[] for _ in range(max(1, min(count, len(by_ip))))]
    for group in sorted(by_ip.values(), key=len, reverse=True):
        min(shards, key=len).extend(group)
    return [s for s in shards if s]


def run_shard(endpoints: list[Endpoint], settings: CheckSettings, limits: Limits,
              groups: dict[str, str], ca_blobs: dict[str, bytes]) -> list[CheckResult]:
    """The Dask task: check one shard in a fresh event loop on the worker."""
    from distributed import secede

    with contextlib.suppress(ValueError):  # ValueError: not running on a worker
        secede()  # type: ignore[no-untyped-call]  # it mostly waits: free the thread slot
    results: list[CheckResult] = []
    ca_files = _local_ca_files(ca_blobs)
    asyncio.run(check_all(endpoints, settings, limits, lambda ep, r: results.append(r),
                          groups=groups, ca_files=ca_files))
    return results


def _local_ca_files(blobs: Mapping[str, bytes]) -> dict[str, str]:
    """Path on the writer -> a path on this worker holding the same bytes."""
    out: dict[str, str] = {}
    for path, data in blobs.items():
        digest = hashlib.sha256(data).hexdigest()
        try:
            if Path(path).read_bytes() == data:
                out[path] = path
                continue
        except OSError:
            pass
        local = Path(tempfile.gettempdir()) / f"tlsdoctor-ca-{digest[:32]}.pem"
        if not local.exists():
            tmp = local.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, local)
        out[path] = str(local)
    return out


def _ca_blobs(endpoints: Sequence[Endpoint]) -> dict[str, bytes]:
    blobs: dict[str, bytes] = {}
    for path in {ep.ca_file for ep in endpoints if ep.ca_file}:
        try:
            with open(path, "rb") as fh:
                blobs[path] = fh.read(MAX_CA_FILE + 1)[:MAX_CA_FILE]
        except OSError as exc:
            raise InputError(f"cannot read --ca-file {path}: {exc.strerror or exc}") from exc
    return blobs


def check_address(address: str) -> None:
    """UsageError unless ``address`` looks like a Dask scheduler address (no Dask needed)."""
    if not address.startswith(("tcp://", "tls://")) or address.count(":") != 2 \
            or not address.rpartition(":")[2].isdigit():
        raise UsageError("--cluster takes a Dask scheduler address: tcp://HOST:PORT")


def _connect(address: str) -> Any:
    check_address(address)
    try:
        from distributed import Client
    except ImportError as exc:
        raise UsageError("--cluster needs Dask: pip install 'tlsdoctor[cluster]'") from exc
    try:
        return Client(address, timeout=15)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc


def check_on_cluster(address: str, endpoints: Sequence[Endpoint], settings: CheckSettings,
                     limits: Limits, record: Callable[[Endpoint, CheckResult], None]) -> None:
    """Check ``endpoints`` on the cluster at ``address``; ``record`` each result here."""
    from distributed import as_completed

    groups = asyncio.run(ip_groups(endpoints))
    blobs = _ca_blobs(endpoints)
    client = _connect(address)
    try:
        threads = max(1, sum(client.nthreads().values()))
        in_flight = max(1, min(limits.concurrency, threads * IN_FLIGHT_PER_THREAD))
        # Shards in flight share the global limit; an address is in one shard only.
        share = Limits(concurrency=max(1, limits.concurrency // in_flight),
                       per_ip=limits.per_ip, delay=limits.delay)
        by_key = {ep.key: ep for ep in endpoints}
        shards = shard(endpoints, groups, max(in_flight, math.ceil(len(endpoints) / SHARD_SIZE)))
        waiting = iter(shards)

        def submit(s: list[Endpoint]) -> Any:
            return client.submit(run_shard, s, settings, share,
                                 {ep.key: groups[ep.key] for ep in s},
                                 {p: b for p, b in blobs.items() if any(ep.ca_file == p for ep in s)},
                                 pure=False)

        running = as_completed([submit(s) for s in itertools.islice(waiting, in_flight)])  # type: ignore[no-untyped-call]
        failures: list[str] = []
        for future in running:
            following = next(waiting, None)
            if following is not None:
                running.add(submit(following))  # type: ignore[no-untyped-call]
            try:
                results = future.result()
            except Exception as exc:  # a worker died or the task failed: rerun resumes
                failures.append(" ".join(f"{type(exc).__name__}: {exc}".split()))
                continue
            finally:
                future.release()  # else the worker keeps the shard's reports until the end
            for result in results:
                record(by_key[result.key], result)
        if failures:
            raise InputError(f"{len(failures)} of {len(shards)} shard(s) failed on the cluster "
                             f"(first: {failures[0][:200]}); run the same command again to "
                             "finish them")
    finally:
        client.close()
