"""The chain fixes, proven on the real server (issue 11, "Prove every fix": the chain case).

nginx, Apache and HAProxy serve a leaf without its intermediate (the leaf names the
intermediate's URL in AIA, as every public CA's does; here on a loopback HTTP server), or
the chain in the wrong order. tlsdoctor finds ``incomplete_chain`` (fetching the
intermediate) or ``bad_chain_order_or_extra``, and gives the corrected bundle and the
lines for that software. The test saves the bundle where the step says,
applies the software's lines (its parser checks them), restarts the server; then the
finding is gone and curl and Python connect with only the root trusted.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

import tlsdoctor
from tlsdoctor.testing.fixapply import WebConfig
from tlsdoctor.testing.issuer_http import serve_issuer
from tlsdoctor.testing.servers import Server


@pytest.fixture
def aia_url() -> Iterator[tuple[dict[str, bytes], str]]:
    """A loopback HTTP server answering GET with the bytes a dict holds (one path)."""
    with serve_issuer() as got:
        yield got


def _diagnose(srv: Server, root: Path, software: str | None = None) -> tlsdoctor.DiagnoseReport:
    # Online: the missing intermediate is fetched over AIA (loopback, the target's scope).
    return tlsdoctor.diagnose(f"localhost:{srv.port}", connect="127.0.0.1", ca_file=str(root),
                              timeout=3, server_software=software)


def _connects(srv: Server, root: Path) -> None:
    ctx = ssl.create_default_context(cafile=str(root))
    with socket.create_connection(srv.address, timeout=5) as raw, \
            ctx.wrap_socket(raw, server_hostname="localhost") as tls:
        assert tls.version() in ("TLSv1.2", "TLSv1.3")
    if shutil.which("curl"):
        done = subprocess.run(
            ["curl", "-sS", "-o", "/dev/null", "--max-time", "10", "--cacert", str(root),
             "--resolve", f"localhost:{srv.port}:127.0.0.1", f"https://localhost:{srv.port}/"],
            capture_output=True, text=True, timeout=20)
        assert done.returncode == 0, done.stderr


def _missing_intermediate(pki, served: dict[str, bytes], url: str, tmp: Path) -> tuple[Path, Path]:
    inter = pki.ca.intermediate(name="tlsdoctor chain-fix issuing CA")
    served["body"] = inter.cert.public_bytes(Encoding.DER)
    leaf = inter.issue(("localhost",), key_type="rsa2048", aia_issuer_url=url)
    chain, key = pki.write(leaf)
    chain.write_bytes(leaf.cert_pem)  # the misconfiguration: the leaf alone
    return chain, key


def _reversed_order(pki, served: dict[str, bytes], url: str, tmp: Path) -> tuple[Path, Path]:
    upper = pki.ca.intermediate(name="tlsdoctor chain-fix upper CA")
    lower = upper.intermediate(name="tlsdoctor chain-fix lower CA")
    # leaf, then the issuers top-down: the classic bundle concatenated the wrong way
    return pki.write(lower.issue(("localhost",), key_type="rsa2048"), order="reversed")


CASES = {"missing-intermediate": (_missing_intermediate, "incomplete_chain", 2),
         "reversed-order": (_reversed_order, "bad_chain_order_or_extra", 3)}


@pytest.mark.parametrize("software", ["nginx", "apache", "haproxy"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_the_bundle_fix_fixes_the_real_server(case: str, software: str, pki, web, tmp_path,
                                              aia_url) -> None:
    broken, cause, certs = CASES[case]
    chain, key = broken(pki, *aia_url, tmp_path)
    srv = web(WebConfig(software=software, chain_path=chain, key_path=key))
    before = _diagnose(srv.server, pki.root_pem, software)
    finding = next(f for f in before.findings if f.cause.value == cause)
    assert finding.who_fixes.value == "server"

    save, *lines = finding.fix
    bundle_path = next(w for w in save.text.split() if w.startswith("/etc/ssl/"))
    assert save.code.count("BEGIN CERTIFICATE") == certs  # leaf + intermediates, no root
    bundle = tmp_path / "fullchain.pem"
    bundle.write_text(save.code + "\n")  # "Save the corrected chain as ..."
    step = next(s for s in lines if s.applies_to == software)
    assert not [s for s in lines if s.applies_to in ("nginx", "apache", "haproxy")
                and s.applies_to != software], "--server shows one software"
    paths: dict[str, str | Path] = {bundle_path.rstrip(":"): bundle,
                                    "/etc/ssl/private/localhost.key": key,
                                    "/etc/haproxy/localhost.pem": tmp_path / "haproxy.pem"}
    fixed = srv.apply(step.code, paths=paths)

    after = _diagnose(fixed, pki.root_pem)
    assert cause not in {f.cause.value for f in after.findings}, after.summary()
    assert after.outcome.value in ("ok", "risky"), after.summary()
    _connects(fixed, pki.root_pem)
