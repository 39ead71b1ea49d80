"""The real-client matrix, computed once per test session and shared by xdist workers.

Every real program on this machine runs once against every scenario server (see
tlsdoctor.realclients), and tlsdoctor.diagnose runs for each matching profile.
The first worker to need it computes it under a file lock and writes it as JSON beside
the session's temporary directories; the other worker reads that file.
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tlsdoctor.realclients.verify import verify_clients


@pytest.fixture(scope="session")
def real_matrix(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.getbasetemp()
    # Under xdist each worker's basetemp is a child of this run's directory; without
    # it, basetemp is this run's own directory (its parent outlives the run).
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    cache, lock = shared / "tlsdoctor-real-clients.json", shared / "tlsdoctor-real-clients.lock"
    with open(lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file closes
        if not cache.exists():
            cache.write_text(json.dumps(verify_clients().to_json()), encoding="utf-8")
        data: dict[str, Any] = json.loads(Path(cache).read_text(encoding="utf-8"))
    return data
