"""Round 17, libwebsockets' own test client (Debian's libwebsockets-test-client, lws 4.1)
as a real TLS client of openssl s_server on 127.0.0.1 serving a certificate of a private
CA: what lws logged is fed to explain, which must read lws's verify line as the client's
untrusted chain. Skips without the program (.ci/run installs libwebsockets-test-server)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.processes import stop
from tlsdoctor.testing.servers import openssl_server

CLIENT = "libwebsockets-test-client"
pytestmark = pytest.mark.skipif(shutil.which(CLIENT) is None, reason=f"{CLIENT} missing")


def test_lws_client_refuses_a_private_ca(tmp_path: Path) -> None:
    CA().issue(["localhost"]).write(tmp_path, stem="leaf")
    with openssl_server(tmp_path / "leaf.chain.pem", tmp_path / "leaf.key.pem",
                        www=True) as server:
        # it retries for ever: stopped after 3 s (bounded), its log read as printed
        proc = subprocess.Popen([CLIENT, "localhost", f"--port={server.address[1]}", "--ssl"],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        try:
            out, _ = proc.communicate(timeout=3)
        except subprocess.TimeoutExpired:
            stop(proc)  # type: ignore[arg-type]
            out, _ = proc.communicate()
    assert "SSL error: " in out, out[-1500:]
    r = explain(out)
    f = r.findings[0]
    assert (r.source, r.side, f.cause.value) == ("libwebsockets", "client",
                                                 "cert_untrusted_root"), out[-1500:]
