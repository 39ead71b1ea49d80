"""Round 15, real program: lftp 4.9 (GnuTLS) fetching over HTTPS from a server by its
address (docs/explain-upstream.md "Round 15: a server by its address, a root sent without a
host"). lftp prints GnuTLS's status sentence after "Certificate verification:" ("The
certificate is NOT trusted. The certificate issuer is unknown.") for a self-signed server
and for a private root's leaf alike, so by the address the self-signed server is first and
the private CA second, never certain; lftp 4.4's bare "Not trusted" tells them apart no
better (measured here: the same sentence for both)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tlsdoctor import explain
from tlsdoctor.diagnosis.causes import Cause as C
from tlsdoctor.testing.ca import CA, self_signed
from tlsdoctor.testing.processes import output_until
from tlsdoctor.testing.servers import openssl_server

pytestmark = pytest.mark.skipif(shutil.which("lftp") is None, reason="lftp is not installed")


@pytest.fixture(scope="module")
def ports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, int]]:
    work = tmp_path_factory.mktemp("lftp_trust")
    own = self_signed(["localhost"], ip_addresses=["127.0.0.1"])
    leaf = CA(name="Muster Internal Root CA").issue(["localhost"], ip_addresses=["127.0.0.1"])
    for name, cert in (("self_signed", own), ("private_root", leaf)):
        (work / f"{name}.pem").write_bytes(cert.cert_pem)
        (work / f"{name}.key").write_bytes(cert.key_pem)
    with openssl_server(work / "self_signed.pem", work / "self_signed.key", www=True) as a, \
            openssl_server(work / "private_root.pem", work / "private_root.key", www=True) as b:
        yield {"self_signed": a.port, "private_root": b.port}


def _lftp(argv: list[str], work: Path, env: dict[str, str]) -> str:
    """lftp's output: until it exits, or has printed its whole certificate error line
    (lftp 4.9 prints the error, then lingers), at most 5 s."""
    return output_until(argv, lambda text: re.search(r"Certificate verification[^\n]*\n",
                                                     text) is not None, 5, env=env, cwd=work)


@pytest.mark.parametrize("scenario", ("self_signed", "private_root"))
def test_lftp_by_address_reads_self_signed_first(ports: dict[str, int], scenario: str,
                                                 tmp_path: Path) -> None:
    url = f"https://127.0.0.1:{ports[scenario]}/"
    script = f"set net:max-retries 1; set net:timeout 6; set cmd:fail-exit yes; cat {url}"
    argv = ["lftp", "-c", script]
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = _lftp(argv, tmp_path, env)
    assert "Certificate verification" in out, out  # it failed, on the certificate
    text = f"$ lftp -c 'cat {url}'\n{out}"
    r = explain(text)
    causes = [f.cause for f in r.findings]
    assert causes[:2] == [C.CERT_SELF_SIGNED, C.CERT_UNTRUSTED_ROOT], (causes, text)
    assert r.findings[0].confidence < 0.6
    assert f"127.0.0.1:{ports[scenario]}" in r.next
