"""Chain completion end to end: the server forgets its intermediate, tlsdoctor fetches it
from the AIA URL on a loopback HTTP server, writes the corrected bundle, and the server
serving that bundle is healthy."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from cryptography.hazmat.primitives.serialization import Encoding
from pkihelp import Route


def _diagnose(port: int, root: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tlsdoctor", "diagnose", f"localhost:{port}", "--connect",
         "127.0.0.1", "--ca-file", root, "--timeout", "3", "--json", *extra],
        capture_output=True, text=True, timeout=60, env={**os.environ})


def test_incomplete_chain_is_completed_from_aia_and_written(pki, s_server, http_srv, tmp_path):
    inter = pki.ca.intermediate(name="tlsdoctor AIA issuing CA")
    http_srv.routes["/inter.der"] = Route(body=inter.cert.public_bytes(Encoding.DER))
    leaf = inter.issue(("localhost",), aia_issuer_url=http_srv.url("/inter.der"))
    chain, key = pki.write(leaf)
    chain.write_bytes(leaf.cert_pem)  # the misconfiguration: the leaf alone
    bundle = tmp_path / "fixed-chain.pem"

    broken = _diagnose(s_server(chain_path=chain, key_path=key).port, str(pki.root_pem),
                       "--bundle-out", str(bundle))
    data = json.loads(broken.stdout)
    assert broken.returncode == 2, broken.stderr
    assert data["findings"][0]["cause"] == "incomplete_chain"
    assert "/inter.der" in " ".join(http_srv.hits)
    assert data["bundle_written"] == str(bundle)
    assert bundle.read_text().count("BEGIN CERTIFICATE") == 2

    fixed = _diagnose(s_server(chain_path=bundle, key_path=key).port, str(pki.root_pem))
    assert fixed.returncode == 0, fixed.stdout
    assert json.loads(fixed.stdout)["outcome"] == "ok"
