"""Round 17, a real CivetWeb (Debian's civetweb, 1.15) on 127.0.0.1 started with a
certificate file that lacks its key: what it printed is fed to explain, which must name
the server's own file; the ssl_certificate step explain prints is then applied (the
certificate and key in one file), CivetWeb starts and a client verifies its certificate. Skips without civetweb
(.ci/run installs it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.processes import logged_process
from tlsdoctor.testing.servers import HOST, free_port, wait_ready

pytestmark = pytest.mark.skipif(shutil.which("civetweb") is None, reason="civetweb missing")


def _argv(d: Path, port: int, pem: Path) -> list[str]:
    (d / "www").mkdir(exist_ok=True)
    (d / "www" / "index.html").write_text("ok\n")
    return ["civetweb", "-listening_ports", f"{HOST}:{port}s", "-ssl_certificate", str(pem),
            "-document_root", str(d / "www"), "-error_log_file", str(d / "error.log")]


def test_certificate_file_without_its_key_then_the_printed_ssl_certificate(
        tmp_path: Path) -> None:
    ca = CA()
    ca.issue(["localhost"]).write(tmp_path, stem="leaf")
    ca.write(tmp_path / "ca.pem")
    port = free_port()
    out = subprocess.run(_argv(tmp_path, port, tmp_path / "leaf.chain.pem"),
                         stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)
    assert out.returncode != 0, out.stdout
    log = (tmp_path / "error.log").read_text()
    r = explain(log)
    f = r.findings[0]
    assert (r.source, r.side, f.cause.value) == ("civetweb", "server", "server_misconfiguration")
    assert f.fix[0].applies_to == "civetweb" and "ssl_certificate" in f.fix[0].code
    # the step: the certificate and its key in the one file ssl_certificate names
    pem = tmp_path / "server.pem"
    pem.write_text((tmp_path / "leaf.chain.pem").read_text()
                   + (tmp_path / "leaf.key.pem").read_text())
    with logged_process(_argv(tmp_path, port, pem), tmp_path / "civetweb.out") as proc:
        wait_ready(HOST, port, alive=lambda: proc.poll() is None)
        # Debian's 1.15 build resets the connection after the handshake (measured here,
        # curl and s_client alike, TLS 1.2 and 1.3): the fix is seen in the handshake,
        # which now presents the certificate the client verifies
        got = subprocess.run(["openssl", "s_client", "-connect", f"{HOST}:{port}",
                              "-servername", "localhost", "-verify_hostname", "localhost",
                              "-CAfile", str(tmp_path / "ca.pem"), "-verify_return_error"],
                             input="", capture_output=True, text=True, timeout=30)
    assert "Verify return code: 0 (ok)" in got.stdout, got.stdout[-800:]
