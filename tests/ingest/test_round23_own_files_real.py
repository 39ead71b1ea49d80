"""Round 23: a client that cannot load its own CA bundle or certificate, read from the real
programs' output. curl and wget are only ever clients, so a file they cannot load is their
own settings' (judgement/_common.client_text_rules), never the server's; OpenSSL's even
file reasons ("no start line") go to the printer when its own words name the file as the
certificate it presents (curl's "could not load PEM client certificate from"). wget's GnuTLS
build's "ERROR: Failed to open cert %s: (%d)." (src/gnutls.c @ 8775506f) is harvested.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.causes import Cause
from tlsdoctor.testing.silent import silent_listener


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    """A listener that accepts and says nothing: the clients load their files after
    connecting, then wait for a ServerHello that never comes (bounded by their timeouts)."""
    with silent_listener() as p:
        yield p


def _run(argv: list[str]) -> str:
    if shutil.which(argv[0]) is None:
        pytest.skip(f"{argv[0]} is not installed")
    p = subprocess.run(argv, capture_output=True, text=True, timeout=15, check=False,
                       stdin=subprocess.DEVNULL)
    return p.stdout + p.stderr


def _causes(text: str) -> list[tuple[Cause, float]]:
    return [(f.cause, f.confidence) for f in explain(text).findings]


def test_curls_missing_ca_bundle_is_only_the_clients(port: int, tmp_path: Path) -> None:
    text = _run(["curl", "-sS", "--max-time", "5", "--cacert", str(tmp_path / "none.pem"),
                 f"https://127.0.0.1:{port}/"])
    assert "curl: (77)" in text, text
    causes = _causes(text)
    assert causes[0][0] == Cause.CLIENT_MISCONFIGURATION and causes[0][1] >= 0.9, causes
    assert Cause.SERVER_MISCONFIGURATION not in dict(causes), causes


def test_curls_unloadable_client_certificate_is_its_own(port: int, tmp_path: Path) -> None:
    not_pem = tmp_path / "client.pem"
    not_pem.write_text("not a certificate\n")
    text = _run(["curl", "-sS", "--max-time", "5", "--cert", str(not_pem),
                 f"https://127.0.0.1:{port}/"])
    assert "could not load PEM client certificate" in text, text
    causes = _causes(text)
    assert causes[0][0] == Cause.CLIENT_MISCONFIGURATION and causes[0][1] >= 0.7, causes
    assert dict(causes).get(Cause.SERVER_MISCONFIGURATION, 0.0) < 0.5, causes


def test_an_openssl_file_reason_without_such_words_stays_even() -> None:
    # curl printing only OpenSSL's reason: either side's file (a dev thread's was the
    # server's chain), so neither is put first with confidence.
    causes = _causes("curl: (35) error:0906D066:PEM routines:PEM_read_bio:bad end line")
    assert {c for c, _ in causes[:2]} == {Cause.CLIENT_MISCONFIGURATION,
                                          Cause.SERVER_MISCONFIGURATION}
    assert causes[0][1] < 0.6, causes


def test_wgets_missing_ca_file_is_read(port: int, tmp_path: Path) -> None:
    text = _run(["wget", "-O", "/dev/null", "--timeout=2", "--tries=1",
                 f"--ca-certificate={tmp_path / 'none.pem'}", f"https://127.0.0.1:{port}/"])
    if "Failed to open cert" not in text:
        pytest.skip("this wget is not the GnuTLS build (Debian's is)")
    r = explain(text)
    assert r.recognized and r.findings, text
    assert r.findings[0].cause == Cause.CLIENT_MISCONFIGURATION, r.meaning
