"""Server-side setups that fail or risk every client: a 1024-bit DH group refused by
this machine's OpenSSL, a cipher list that does not fit the certificate's key, and fix
snippets chosen for the server software (``--server`` or the HTTP Server header)."""

from __future__ import annotations

import base64
import shutil
import ssl
import subprocess

import pytest

from tlsdoctor import api
from tlsdoctor.testing import servers


@pytest.fixture(scope="session")
def dh1024(tmp_path_factory):
    """A 1024-bit DH group, made once per session (openssl dhparam takes a moment)."""
    path = tmp_path_factory.mktemp("dh") / "dh1024.pem"
    subprocess.run(["openssl", "dhparam", "-out", str(path), "1024"], check=True,
                   capture_output=True, timeout=60)
    return path


def run(srv, pki, **kw):
    return api.diagnose(f"localhost:{srv.port}", connect="127.0.0.1",
                        ca_file=str(pki.root_pem), offline=True, timeout=2, **kw)


def _local_level() -> int:
    return ssl.create_default_context().security_level


@pytest.mark.skipif(_local_level() < 2, reason="this OpenSSL accepts 1024-bit DH")
def test_dh_1024_refused_by_security_level(pki, s_server, dh1024):
    srv = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1_2",),
                   cipher="DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0", dhparam=dh1024)
    report = run(srv, pki)
    assert report.outcome.value == "fails" and report.exit_code == 2
    assert report.root_cause_id == "weak_cipher_or_no_pfs", \
        [(f.cause.value, f.title) for f in report.findings]
    root = report.root_cause
    assert root.severity.value == "blocking" and root.who_fixes.value == "server"
    assert "1024 bits" in root.title and f"security level {_local_level()}" in root.title
    assert root.facts["dh_bits"] == 1024
    assert report.handshakes <= 12


def test_dh_2048_twin_is_not_blocking(pki, s_server):
    # Same suite, OpenSSL's built-in (>= 2048-bit) group: the handshake works.
    srv = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1_2",),
                   cipher="DHE-RSA-AES128-GCM-SHA256")
    report = run(srv, pki)
    assert report.outcome.value in ("ok", "risky")
    assert not [f for f in report.findings if f.severity.value == "blocking"]
    assert report.handshakes <= 10


def test_dsa_style_dh_group_is_named_unsafe(pki, s_server, tmp_path):
    # `openssl dhparam -dsaparam` (chosen for speed; OpenSSL 1.1 wrote it as plain
    # "DH PARAMETERS") makes a prime that is not a safe prime: 2048 bits, every client
    # accepts it, and it still has small subgroups.
    params = tmp_path / "dsa.pem"
    params.write_text(_pkcs3_dh(_dsa_style_prime(tmp_path)))
    srv = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1_2",),
                   cipher="DHE-RSA-AES128-GCM-SHA256", dhparam=params)
    report = run(srv, pki)
    weak = [f for f in report.findings if f.cause.value == "weak_cipher_or_no_pfs"]
    assert len(weak) == 1 and "not a safe prime" in weak[0].title, \
        [(f.cause.value, f.title) for f in report.findings]
    assert weak[0].severity.value == "risk" and weak[0].who_fixes.value == "server"
    builtin = run(s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1_2",),
                           cipher="DHE-RSA-AES128-GCM-SHA256"), pki)
    assert not [f for f in builtin.findings if f.facts.get("kind") == "dh"]


def _dsa_style_prime(tmp_path) -> tuple[int, int]:
    from cryptography.hazmat.primitives.serialization import load_pem_parameters

    x942 = tmp_path / "x942.pem"
    subprocess.run(["openssl", "dhparam", "-dsaparam", "-out", str(x942), "2048"],
                   check=True, capture_output=True, timeout=60)
    numbers = load_pem_parameters(x942.read_bytes()).parameter_numbers()  # type: ignore
    return numbers.p, numbers.g


def _pkcs3_dh(pg: tuple[int, int]) -> str:
    """PKCS #3 DHParameter (SEQUENCE of p and g), the form OpenSSL 3's s_server loads."""
    def length(n: int) -> bytes:
        return bytes([n]) if n < 128 else bytes([0x82]) + n.to_bytes(2, "big")

    ints = b"".join(b"\x02" + length(len(v)) + v
                    for v in (x.to_bytes(x.bit_length() // 8 + 1, "big") for x in pg))
    der = b"\x30" + length(len(ints)) + ints
    return ("-----BEGIN DH PARAMETERS-----\n" + base64.encodebytes(der).decode()
            + "-----END DH PARAMETERS-----\n")


def test_ecdsa_certificate_with_rsa_only_ciphers(pki, s_server):
    srv = s_server(pki.leaf(key_type="ec256"), protocols=("tls1_2",),
                   cipher="ECDHE-RSA-AES128-GCM-SHA256:AES128-GCM-SHA256")
    report = run(srv, pki)
    assert report.outcome.value == "fails" and report.exit_code == 2
    assert report.root_cause_id == "server_misconfiguration", \
        [(f.cause.value, f.title) for f in report.findings]
    assert report.root_cause.who_fixes.value == "server"
    assert "every handshake" in report.root_cause.title
    assert report.handshakes <= 12


def test_ecdsa_certificate_with_ecdsa_ciphers_twin(pki, s_server):
    srv = s_server(pki.leaf(key_type="ec256"), protocols=("tls1_2",),
                   cipher="ECDHE-ECDSA-AES128-GCM-SHA256")
    report = run(srv, pki)
    assert report.outcome.value == "ok", [f.title for f in report.findings]
    assert report.handshakes <= 10


@pytest.fixture
def old_nginx(pki, nginx):
    """nginx that still accepts TLS 1.0 (a risk with server fixes)."""
    chain, key = pki.write(pki.leaf("localhost"))
    return nginx(servers.Site(server_name="localhost", chain_path=chain, key_path=key,
                              default=True, protocols=("tls1", "tls1_2", "tls1_3")))


def _obsolete(report):
    return next(f for f in report.findings if f.cause.value == "obsolete_protocol_enabled")


def test_server_header_picks_the_snippets(pki, old_nginx):
    report = run(old_nginx, pki)
    assert report.outcome.value == "risky"
    assert report.evidence.server_software == "nginx"  # from "Server: nginx/1.x"
    fix = _obsolete(report).fix
    assert [s.applies_to for s in fix if s.code] == ["nginx"]
    assert "ssl_protocols" in fix[0].code
    assert report.handshakes <= 10


def test_server_option_wins_over_the_header(pki, old_nginx):
    report = run(old_nginx, pki, server_software="Apache")
    assert report.evidence.server_software == "apache"
    fix = _obsolete(report).fix
    assert [s.applies_to for s in fix if s.code] == ["apache"]
    assert "SSLProtocol" in fix[0].code


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl CLI missing")
def test_no_server_header_gives_generic_snippets(pki, s_server):
    # s_server answers HEAD with nothing HTTP-like: no software guessed.
    srv = s_server(protocols=("tls1", "tls1_2"), cipher="ECDHE-ECDSA-AES128-SHA:"
                   "ECDHE-ECDSA-AES128-GCM-SHA256:@SECLEVEL=0")
    report = run(srv, pki)
    assert report.evidence.server_software is None
    assert len([s for s in _obsolete(report).fix if s.code]) >= 2
