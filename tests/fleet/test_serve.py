"""``serve``: /metrics read by a real Prometheus; token, loopback rule, read-only."""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fleethelp import cli_env

from tlsdoctor.errors import UsageError
from tlsdoctor.fleet import read_inventory, run_fleet
from tlsdoctor.serve import make_server, running
from tlsdoctor.testing.servers import free_port, wait_ready

TOKEN = "s3cret-token-for-tests-0123456789"


@pytest.fixture
def fleet_db(farm: Any, tmp_path: Path) -> Iterator[tuple[str, Any]]:
    f = farm(["healthy", "expired", "tls10"])
    db = str(tmp_path / "fleet.db")
    run_fleet(read_inventory(str(f.inventory(tmp_path / "inv.txt"))), db=db)
    yield db, f


def _get(url: str, token: str | None = None, method: str = "GET") -> tuple[int, str, str]:
    req = urllib.request.Request(url, method=method)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode()


def test_metrics_text_and_routes(fleet_db: tuple[str, Any]) -> None:
    db, f = fleet_db
    with running(make_server(db=db, bind="127.0.0.1:0")) as srv:
        base = f"http://127.0.0.1:{srv.server_address[1]}"
        status, ctype, body = _get(base + "/metrics")
        assert status == 200 and ctype.startswith("text/plain; version=0.0.4")
        expired = f.endpoints[1].inventory_line(f.root_pem).rsplit(" #", 1)[0]
        assert f'tlsdoctor_probe_success{{endpoint="{expired}"}} 0.0' in body
        assert f'tlsdoctor_root_cause_info{{cause="cert_expired",endpoint="{expired}",who_fixes="server"}} 1.0' in body
        assert 'tlsdoctor_endpoints{outcome="ok"} 1.0' in body
        assert 'tlsdoctor_endpoints{outcome="fails"} 2.0' in body
        days = [ln for ln in body.splitlines() if ln.startswith(f'tlsdoctor_cert_expiry_days{{endpoint="{expired}"')]
        assert len(days) == 1 and -3 < float(days[0].rsplit(" ", 1)[1]) < -1
        assert _get(base + "/nope")[0] == 404
        assert _get(base + "/metrics", method="POST")[0] == 405
        assert _get(base + "/-/healthy")[0] == 200
        assert _get(base + "/metrics?" + "&".join(f"a{i}=1" for i in range(60)))[0] == 400


def test_token_checked_on_every_request(fleet_db: tuple[str, Any]) -> None:
    db, _ = fleet_db
    with running(make_server(db=db, bind="127.0.0.1:0", token=TOKEN)) as srv:
        url = f"http://127.0.0.1:{srv.server_address[1]}/metrics"
        assert _get(url)[0] == 401
        assert _get(url, token=TOKEN[:-1] + "x")[0] == 401
        assert _get(url, token=TOKEN)[0] == 200
        assert _get(url.replace("/metrics", "/-/healthy"))[0] == 401


def test_non_loopback_bind_needs_a_token(fleet_db: tuple[str, Any], run_cli: Any, tmp_path: Path) -> None:
    db, _ = fleet_db
    with pytest.raises(UsageError, match="not a loopback address"):
        make_server(db=db, bind="0.0.0.0:0")  # refused before anything listens
    proc = run_cli("serve", "--db", db, "--bind", "0.0.0.0:9")
    assert proc.returncode == 3 and "--token-file" in proc.stderr
    short = tmp_path / "short"
    short.write_text("abc\n")
    proc = run_cli("serve", "--db", db, "--token-file", str(short))
    assert proc.returncode == 3 and "at least 16" in proc.stderr
    proc = run_cli("serve", "--db", str(tmp_path / "missing.db"))
    assert proc.returncode == 3 and "no fleet database" in proc.stderr


def _prometheus_query(port: int, query: str) -> list[dict[str, Any]]:
    url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode({"query": query})
    with urllib.request.urlopen(url, timeout=5) as resp:
        data = json.loads(resp.read())
    assert data["status"] == "success"
    return list(data["data"]["result"])


def test_prometheus_scrapes_and_answers_promql(fleet_db: tuple[str, Any], tmp_path: Path) -> None:
    prometheus = shutil.which("prometheus")
    if prometheus is None:
        pytest.skip("prometheus is not installed (.ci/run installs it)")
    db, f = fleet_db
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    serve_port, prom_port = free_port(), free_port()
    serve = subprocess.Popen([sys.executable, "-m", "tlsdoctor", "serve", "--db", db, "--bind",
                              f"127.0.0.1:{serve_port}", "--token-file", str(token_file)],
                             env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    config = tmp_path / "prometheus.yml"
    config.write_text(
        "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
        "scrape_configs:\n"
        "  - job_name: tlsdoctor\n"
        f"    authorization: {{credentials_file: {token_file}}}\n"
        f"    static_configs: [{{targets: ['127.0.0.1:{serve_port}']}}]\n")
    prom = subprocess.Popen([prometheus, f"--config.file={config}",
                             f"--storage.tsdb.path={tmp_path / 'tsdb'}",
                             f"--web.listen-address=127.0.0.1:{prom_port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready("127.0.0.1", serve_port, timeout=30, alive=lambda: serve.poll() is None)
        wait_ready("127.0.0.1", prom_port, timeout=30, alive=lambda: prom.poll() is None)
        deadline, answer = time.monotonic() + 45, []
        while time.monotonic() < deadline and not answer:
            with contextlib.suppress(OSError, urllib.error.URLError):  # still starting
                answer = _prometheus_query(prom_port, 'tlsdoctor_root_cause_info{cause="cert_expired"}')
            time.sleep(0.5)
        assert answer, "Prometheus did not scrape tlsdoctor serve in 45 s"
        expired = f.endpoints[1].inventory_line(f.root_pem).rsplit(" #", 1)[0]
        assert [r["metric"]["endpoint"] for r in answer] == [expired]
        failing = _prometheus_query(prom_port, "tlsdoctor_probe_success == 0")
        assert len(failing) == 2
        soon = _prometheus_query(prom_port, "tlsdoctor_ssl_earliest_cert_expiry - time() < 86400 * 30")
        assert [r["metric"]["endpoint"] for r in soon] == [expired]
        up = _prometheus_query(prom_port, 'up{job="tlsdoctor"}')
        assert up[0]["value"][1] == "1"  # scraped with the token
    finally:
        for p in (prom, serve):
            p.terminate()
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        assert serve.stderr is not None
        serve.stderr.close()
    assert serve.returncode == 0  # SIGTERM is a normal stop
