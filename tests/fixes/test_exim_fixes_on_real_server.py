"""Exim's lines of the server fixes (fixes/snippets.toml [protocols], [ciphers], [bundle]),
applied to the real Exim (round 23): Debian's exim4-daemon-light 4.96, a GnuTLS build, run
from the package unpacked under /opt (testing/exim_run: exim4 conflicts with postfix here).

Exim as Debian ships it (no tls_require_ciphers: GnuTLS' NORMAL) takes TLS 1.0/1.1 and RSA key
exchange; diagnose with ``server_software="exim"`` finds both and prints Exim's lines. Each
step's setting lines go into the main section of the configuration as printed (the
commented "OpenSSL builds instead" lines stay comments: this is the GnuTLS build, as
``exim -bV`` says), ``exim -C FILE -bV`` reads the file, Exim restarts; then the finding is
gone, ``openssl s_client -starttls smtp`` verifies with the private root, and (protocols) a
TLS 1.1 client that connected before is refused. A leaf served without its intermediate gets
the bundle lines (tls_certificate naming the saved chain), which make the client verify.
Skips without the unpacked Exim or root (.ci/run unpacks it).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

import tlsdoctor
from tlsdoctor.testing import exim_run
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.issuer_http import serve_issuer

pytestmark = pytest.mark.skipif(exim_run.unavailable() is not None,
                                reason=str(exim_run.unavailable()))

CAUSE = {"protocols": "obsolete_protocol_enabled", "ciphers": "weak_cipher_or_no_pfs"}


class Files:
    """The test's certificates, in a directory the exim user (nobody) can read."""

    def __init__(self, directory: Path, url: str, served: dict[str, bytes]) -> None:
        root = CA(name="Exim Fix Root")
        inter = root.intermediate(name="Exim Fix Issuing CA")
        served["body"] = inter.cert.public_bytes(Encoding.DER)
        leaf = inter.issue(("localhost",), key_type="rsa2048", aia_issuer_url=url)
        self.chain, self.key = leaf.write(directory, stem="mail")
        self.leaf = directory / "mail-leaf.pem"
        self.leaf.write_bytes(leaf.cert_pem)  # the misconfiguration of the bundle test
        self.root = root.write(directory / "root.pem")
        self.directory = directory
        for path in directory.iterdir():
            path.chmod(0o644)


@pytest.fixture(scope="module")
def files() -> Iterator[Files]:
    directory = Path(tempfile.mkdtemp(prefix="tlsdoctor-exim-files-"))
    directory.chmod(0o755)
    try:
        with serve_issuer() as (served, url):
            yield Files(directory, url, served)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _diagnose(port: int, files: Files, *, offline: bool = True) -> tlsdoctor.DiagnoseReport:
    # online for the bundle: the missing intermediate is fetched over AIA (loopback)
    return tlsdoctor.diagnose(f"localhost:{port}", connect="127.0.0.1", ca_file=str(files.root),
                              timeout=5, offline=offline, starttls="smtp",
                              server_software="exim")


def _client(port: int, files: Files, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["openssl", "s_client", "-starttls", "smtp", "-connect", f"127.0.0.1:{port}",
         "-servername", "localhost", "-verify_return_error", "-verify_hostname", "localhost",
         "-CAfile", str(files.root), "-brief", *extra],
        input="", capture_output=True, text=True, timeout=20)


def _tls11(port: int, files: Files) -> subprocess.CompletedProcess[str]:
    return _client(port, files, "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0")


def _settings(code: str) -> list[str]:
    """The step's setting lines as printed; its comment lines (the OpenSSL builds' lines
    among them) are not settings."""
    return [ln.strip() for ln in code.splitlines() if ln.strip() and not ln.startswith("#")]


def _step(report: tlsdoctor.DiagnoseReport, cause: str) -> str:
    finding = next(f for f in report.findings if f.cause.value == cause)
    return next(s.code for s in finding.fix if s.applies_to == "exim")


@pytest.fixture(scope="module")
def as_shipped(files: Files) -> Iterator[tuple[tlsdoctor.DiagnoseReport, str]]:
    """Exim with Debian's defaults: its report, and what a TLS 1.1 client got."""
    srv = exim_run.server(files.chain, files.key)
    try:
        yield _diagnose(srv.port, files), _tls11(srv.port, files).stderr
    finally:
        srv.stop()


def test_the_unpacked_exim_is_debians_gnutls_build() -> None:
    """The build the GnuTLS lines are for (the OpenSSL builds' lines stay comments)."""
    out = exim_run.version()
    assert "Exim version 4.96" in out and " GnuTLS " in out, out


@pytest.mark.parametrize("section", sorted(CAUSE))
def test_exim_as_shipped_gets_its_lines_which_fix_it(section: str, files: Files,
                                                      as_shipped: tuple[tlsdoctor.DiagnoseReport,
                                                                        str]) -> None:
    before, old_client = as_shipped
    cause = CAUSE[section]
    assert cause in {f.cause.value for f in before.findings}, before.summary()
    assert "Protocol version: TLSv1.1" in old_client, old_client
    code = _step(before, cause)
    settings = _settings(code)
    assert settings and all(s.startswith("tls_require_ciphers = NORMAL:") for s in settings)
    fixed = exim_run.server(files.chain, files.key, settings)  # exim -bV reads it first
    try:
        after = _diagnose(fixed.port, files)
        assert cause not in {f.cause.value for f in after.findings}, (code, after.summary())
        assert after.outcome.value in ("ok", "risky"), after.summary()
        client = _client(fixed.port, files)
        assert client.returncode == 0 and "Verification: OK" in client.stderr, client.stderr
        old = _tls11(fixed.port, files)
        assert old.returncode != 0 and "Protocol version: TLSv1.1" not in old.stderr
    finally:
        fixed.stop()


def test_exim_serving_a_leaf_without_its_intermediate_gets_bundle_lines_which_fix_it(
        files: Files) -> None:
    broken = exim_run.server(files.leaf, files.key)
    try:
        assert _client(broken.port, files).returncode != 0
        before = _diagnose(broken.port, files, offline=False)
    finally:
        broken.stop()
    finding = next(f for f in before.findings if f.cause.value == "incomplete_chain")
    save, *lines = finding.fix
    assert save.code.count("BEGIN CERTIFICATE") == 2  # leaf + intermediate, no root
    code = next(s.code for s in lines if s.applies_to == "exim")
    bundle_path = next(w for w in save.text.split() if w.startswith("/etc/ssl/")).rstrip(":")
    bundle = files.directory / "fullchain.pem"  # readable by the exim user
    bundle.write_text(save.code + "\n")  # "Save the corrected chain as ..."
    bundle.chmod(0o644)
    code = code.replace(bundle_path, str(bundle)).replace("/etc/ssl/private/localhost.key",
                                                          str(files.key))
    fixed = exim_run.server(files.leaf, files.key, _settings(code))
    try:
        after = _diagnose(fixed.port, files, offline=False)
        assert "incomplete_chain" not in {f.cause.value for f in after.findings}, (
            code, after.summary())
        client = _client(fixed.port, files)
        assert client.returncode == 0 and "Verification: OK" in client.stderr, client.stderr
    finally:
        fixed.stop()
