"""Round 17, Botan's CLI (``botan tls_client``) as a real client of openssl s_server on
127.0.0.1: a server of another CA, a certificate of another name, a TLS 1.0-only server, a
server that requires a client certificate. What botan printed is fed to explain; the CA
list explain prints for the untrusted server is then given to botan, which verifies.
Skips without botan (.ci/run installs it)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.servers import openssl_server

pytestmark = pytest.mark.skipif(shutil.which("botan") is None, reason="botan CLI missing")


def _botan(port: int, ca: Path) -> str:
    """One botan tls_client run, stdin closed at once (it ends at EOF)."""
    out = subprocess.run(["botan", "tls_client", "localhost", f"--port={port}",
                          f"--trusted-cas={ca}", "--skip-system-cert-store"],
                         stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)
    return out.stdout + out.stderr


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    d = tmp_path_factory.mktemp("botan")
    ca, other = CA(), CA()
    ca.issue(["localhost"]).write(d, stem="leaf")
    ca.issue(["elsewhere.example"]).write(d, stem="named")
    ca.write(d / "ca.pem")
    other.write(d / "other.pem")
    chain, key = d / "leaf.chain.pem", d / "leaf.key.pem"
    out: dict[str, str] = {}
    with openssl_server(chain, key) as good:
        out["untrusted"] = _botan(good.address[1], d / "other.pem")
        out["fixed"] = _botan(good.address[1], d / "ca.pem")  # the printed --trusted-cas
    with openssl_server(d / "named.chain.pem", d / "named.key.pem") as named:
        out["name"] = _botan(named.address[1], d / "ca.pem")
    with openssl_server(chain, key, protocols=("tls1",)) as old:
        out["old"] = _botan(old.address[1], d / "ca.pem")
    with openssl_server(chain, key, protocols=("tls1_2",), verify_ca=d / "ca.pem") as mtls:
        out["mtls"] = _botan(mtls.address[1], d / "ca.pem")
    yield out


def test_botan_does_not_find_the_issuer_then_is_given_the_ca(runs: dict[str, str]) -> None:
    r = explain(runs["untrusted"])
    f = r.findings[0]
    assert (r.source, r.side, f.cause.value) == ("botan", "client", "cert_untrusted_root")
    assert f.fix[0].applies_to == "botan" and "--trusted-cas=" in f.fix[0].code
    assert "Certificate validation status: Verified" in runs["fixed"], runs["fixed"]


def test_botan_certificate_of_another_name(runs: dict[str, str]) -> None:
    r = explain(runs["name"])
    assert (r.source, r.findings[0].cause.value) == ("botan", "hostname_mismatch"), runs["name"]


def test_botan_against_a_tls10_only_server(runs: dict[str, str]) -> None:
    assert "Alert: protocol_version" in runs["old"], runs["old"]
    r = explain(runs["old"])
    assert (r.source, r.findings[0].cause.value) == ("botan", "protocol_version_mismatch")


def test_botan_without_the_client_certificate_the_server_asks_for(runs: dict[str, str]) -> None:
    """s_server (TLS 1.2) ends it with handshake_failure: a ranking, the client certificate
    among the causes, after botan had verified the server."""
    r = explain(runs["mtls"])
    causes = [f.cause.value for f in r.findings]
    assert r.source == "botan" and "client_cert_required" in causes, runs["mtls"]
    assert r.findings[0].confidence < 0.6
