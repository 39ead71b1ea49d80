"""Round 27 ("world27"): server setups nobody on the project had built, on real servers.

Each class that was answered wrong is here with its twin:
- a certificate key the client has no signature scheme for (a P-521 leaf for Chrome, an
  Ed25519 leaf for Java 8u31, an RSA-PSS leaf for Chrome) was "no TLS version in common" or
  "server requires TLS 1.3": it is cipher_suite_mismatch, the server's, with the key named;
- an internationalised name (``bücher.example``) was refused as "not a host name";
- a served cross-sign of the root that leads to an expired certificate (Let's Encrypt's
  DST Root CA X3, 2021) was not mentioned: a warning for everyone, cert_expired for a client
  that follows the chain as sent (OpenSSL 1.0.2);
- a server answering the first hello with a HelloRetryRequest (vsftpd; a TLS 1.3 server
  with P-384 only) had its certificate never read: an expired one was "ok", or "this
  machine's clock";
- MySQL/MariaDB negotiate TLS inside their protocol: ``--starttls mysql``.
And rows that were right already and had no test (name constraints, path length, wildcard
edges, CCM-only, strict SNI...), each asserting cause and party.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from tlsdoctor import api
from tlsdoctor.testing import db_tls, servers, vsftpd_run
from tlsdoctor.testing.ca import CA, Leaf
from tlsdoctor.testing.fixapply import WebConfig
from tlsdoctor.testing.pss import rsa_pss_leaf


def run(port: int, root: Path, host: str = "localhost", **kw):
    kw.setdefault("offline", True)
    kw.setdefault("timeout", 3.0)
    return api.diagnose(f"{host}:{port}", connect="127.0.0.1", ca_file=str(root), **kw)


def causes(report) -> list[str]:
    return [f.cause.value for f in report.findings]


# --- a certificate key the client cannot use -------------------------------------------

KEYS = {  # case -> (software, key, the client that has no scheme for it, the key's name)
    "p521-chrome": ("nginx", "ec521", "chrome-131", "ECDSA P-521"),
    "ed25519-java8": ("haproxy", "ed25519", "java-8u31", "Ed25519"),
    "rsapss-chrome": ("apache", "rsa-pss", "chrome-131", "RSA-PSS"),
    # was server_misconfiguration: "an ECDSA suite with an Ed25519 key" (RFC 8422 §2 allows it)
    "ed25519-chrome": ("nginx", "ed25519", "chrome-131", "Ed25519"),
}


@pytest.mark.parametrize("case", sorted(KEYS))
def test_a_key_the_client_cannot_use_is_the_servers_certificate(case, pki, web, tmp_path):
    software, key_type, client, name = KEYS[case]
    if key_type == "rsa-pss":
        chain, key = rsa_pss_leaf(pki.ca, tmp_path, "pss")
    else:
        chain, key = pki.write(pki.leaf("localhost", key_type=key_type))
    srv = web(WebConfig(software=software, chain_path=chain, key_path=key)).server

    report = run(srv.port, pki.root_pem, client=client, server_software=software)
    f = report.root_cause
    assert f.cause.value == "cipher_suite_mismatch", report.summary()
    assert f.who_fixes.value == "server" and f.facts["kind"] == "key"
    assert name in f.title
    assert "protocol_version_mismatch" not in causes(report)  # what it was before
    assert f.fix[0].applies_to == "openssl" and "ec_paramgen_curve:P-256" in f.fix[0].code
    assert report.handshakes <= 12

    twin = run(srv.port, pki.root_pem)  # this machine verifies all three keys
    assert twin.outcome.value == "ok", twin.summary()


def test_a_tls12_ed25519_server_is_healthy(pki, web):
    # The ECDHE_ECDSA suites authenticate with EdDSA keys too (RFC 8422 §2): no
    # "key type does not fit the suite" for the TLS 1.2 handshake.
    chain, key = pki.write(pki.leaf("localhost", key_type="ed25519"))
    srv = web(WebConfig(software="nginx", chain_path=chain, key_path=key,
                        site_lines=("ssl_protocols TLSv1.2;",))).server
    report = run(srv.port, pki.root_pem)
    assert report.outcome.value == "ok", report.summary()


def test_a_tls13_only_server_is_still_a_version_mismatch_for_a_tls12_client(pki, web):
    # The client-versions probe must not hide a real version gap.
    chain, key = pki.write(pki.leaf("localhost", key_type="ed25519"))
    srv = web(WebConfig(software="nginx", chain_path=chain, key_path=key,
                        site_lines=("ssl_protocols TLSv1.3;",))).server
    report = run(srv.port, pki.root_pem, client="java-8u31")
    assert report.root_cause_id == "protocol_version_mismatch", report.summary()
    assert report.root_cause.who_fixes.value == "client"


# --- an internationalised name ---------------------------------------------------------

def test_an_idn_target_is_asked_for_as_its_a_label(pki, web):
    chain, key = pki.write(pki.leaf("xn--bcher-kva.example"))
    srv = web(WebConfig(software="nginx", chain_path=chain, key_path=key)).server
    report = run(srv.port, pki.root_pem, host="bücher.example")
    assert report.outcome.value == "ok", report.summary()
    other = run(srv.port, pki.root_pem, host="bäcker.example")
    assert other.root_cause_id == "hostname_mismatch"
    assert "xn--bcker-gra.example" in other.root_cause.title


# --- a stale cross-sign of the root -----------------------------------------------------

def _cross_sign(new: CA, old: CA, not_after: datetime) -> bytes:
    """``new``'s root key and name, signed by ``old`` (ISRG Root X1 by DST Root CA X3)."""
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(new.cert.subject)
            .issuer_name(old.cert.subject).public_key(new.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=2000)).not_valid_after(not_after)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(new.key.public_key()),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                old.key.public_key()), critical=False)
            .sign(old.key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="module")
def lets_encrypt_2021(tmp_path_factory) -> dict[str, Path]:
    """The 2021 shape: leaf, R3, ISRG Root X1 cross-signed by DST Root CA X3 (valid), and
    DST expired but still in the client's store beside ISRG Root X1; plus the same chain
    without the cross-sign."""
    d = tmp_path_factory.mktemp("le2021")
    now = datetime.now(UTC)
    dst = CA(name="DST-like Root CA X3", not_before=timedelta(days=-4000),
             not_after=timedelta(days=-60))
    isrg = CA(name="ISRG-like Root X1")
    r3 = isrg.intermediate("R3-like")
    leaf: Leaf = r3.issue(("localhost",), key_type="rsa2048")
    chain, key = leaf.write(d, stem="le")
    short = d / "short.pem"
    short.write_bytes(leaf.cert_pem + r3.cert_pem)
    chain.write_bytes(leaf.cert_pem + r3.cert_pem
                      + _cross_sign(isrg, dst, now + timedelta(days=700)))
    store = d / "store.pem"
    store.write_bytes(isrg.cert_pem + dst.cert_pem)
    return {"chain": chain, "short": short, "key": key, "store": store}


def test_a_cross_sign_to_an_expired_root_fails_openssl_102_only(lets_encrypt_2021, web):
    files = lets_encrypt_2021
    srv = web(WebConfig(software="nginx", chain_path=files["chain"],
                        key_path=files["key"])).server
    here = run(srv.port, files["store"])
    assert "cert_expired" not in causes(here) and here.outcome.value in ("ok", "risky")
    warn = next(f for f in here.findings if f.cause.value == "bad_chain_order_or_extra")
    assert warn.severity.value == "warning" and any("cross-signed" in p for p in warn.evidence)

    old = run(srv.port, files["store"], client="openssl-1.0.2", server_software="nginx")
    f = old.root_cause
    assert f.cause.value == "cert_expired" and f.who_fixes.value == "server", old.summary()
    assert f.facts["cross_sign"] is True and "follows the chain as sent" in f.title
    bundle = f.fix[0].code  # the chain to serve: leaf and R3, no cross-sign
    assert bundle.count("BEGIN CERTIFICATE") == 2
    assert bundle.strip() == files["short"].read_text().strip()


def test_the_chain_without_the_cross_sign_is_clean_for_openssl_102(lets_encrypt_2021, web):
    files = lets_encrypt_2021
    srv = web(WebConfig(software="nginx", chain_path=files["short"],
                        key_path=files["key"])).server
    report = run(srv.port, files["store"], client="openssl-1.0.2")
    assert not {"cert_expired", "bad_chain_order_or_extra"} & set(causes(report)), \
        report.summary()


# --- a HelloRetryRequest first ----------------------------------------------------------

def test_a_tls13_server_with_p384_only_shows_its_expired_certificate(pki, s_server):
    leaf = pki.leaf("localhost", not_before=timedelta(days=-90), not_after=timedelta(days=-3))
    srv = s_server(leaf, protocols=("tls1_3",), groups="P-384")
    report = run(srv.port, pki.root_pem)
    assert report.root_cause_id == "cert_expired", report.summary()  # not the local clock
    assert "client_clock_wrong" not in causes(report)
    # the chain was read through the HelloRetryRequest: the baseline completes
    assert report.evidence.baseline.outcome.value == "handshake"
    twin = run(s_server(pki.leaf("localhost"), protocols=("tls1_3",), groups="P-384").port,
               pki.root_pem)
    assert twin.outcome.value == "ok", twin.summary()


@pytest.mark.skipif(not vsftpd_run.have_vsftpd(), reason="vsftpd missing")
def test_vsftpd_with_an_expired_certificate_is_not_ok(pki):
    # vsftpd 3.0.3's context takes P-256 only (a HelloRetryRequest to an x25519 share) and
    # refuses every TLS 1.2 suite the risk probes offer: only the retried hello shows it.
    chain, key = pki.write(pki.leaf("localhost", key_type="rsa2048",
                                    not_before=timedelta(days=-90),
                                    not_after=timedelta(days=-3)))
    with vsftpd_run.run_vsftpd({"rsa_cert_file": str(chain),
                                "rsa_private_key_file": str(key)}) as ftp:
        report = run(ftp.port, pki.root_pem, starttls="ftp")
    assert report.root_cause_id == "cert_expired", report.summary()
    assert report.root_cause.who_fixes.value == "server"


# --- MySQL / MariaDB ---------------------------------------------------------------------

def _mariadbd(root: Path, tls: list[str]) -> servers.Server:
    def argv(port: int) -> list[str]:
        return [db_tls._MARIADBD, "--no-defaults", f"--datadir={root / 'data'}",
                f"--socket={root / 'sock'}", f"--port={port}", "--bind-address=127.0.0.1",
                f"--log-error={root / 'error.log'}", f"--pid-file={root / 'pid'}",
                "--innodb-buffer-pool-size=16M", "--skip-name-resolve",
                *(["--user=root"] if os.geteuid() == 0 else []), *tls]
    return servers._spawn("mariadb", argv, workdir=root, log_path=root / "error.log",
                          timeout=60, cleanup=lambda: None, log_is_output=False)


def test_mysql_starttls(ca, tmp_path, monkeypatch):
    """One data directory (mariadb-install-db once), run with an expired certificate, then
    with --skip-ssl. TMPDIR is the test's own: two bootstraps sharing /tmp for their
    temporary tables collided ("Unknown table 'mysql.tmp_user_sys'")."""
    if db_tls.unavailable("mariadb"):
        pytest.skip(db_tls.unavailable("mariadb") or "")
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    private_tmp.chmod(0o1777)  # mariadbd may run as mysql
    monkeypatch.setenv("TMPDIR", str(private_tmp))
    d = Path(tempfile.mkdtemp(prefix="tlsdoctor-w27-mysql-"))
    try:
        os.chmod(d, 0o755)  # mariadbd may run as mysql and must read its files
        chain, key = ca.issue(("localhost",), key_type="rsa2048", not_before=timedelta(days=-90),
                              not_after=timedelta(days=-2)).write(d, stem="db")
        os.chmod(key, 0o644)
        root = ca.write(d / "root.pem")
        with db_tls._mariadb_datadir() as data:
            os.chmod(data, 0o755)
            with _mariadbd(data, [f"--ssl-cert={chain}", f"--ssl-key={key}"]) as srv:
                expired = run(srv.port, root, starttls="mysql")
                as_tls = run(srv.port, root)
            with _mariadbd(data, ["--skip-ssl"]) as srv:
                no_tls = api.diagnose(f"127.0.0.1:{srv.port}", starttls="mysql", timeout=3.0,
                                      offline=True)
    finally:
        shutil.rmtree(d, ignore_errors=True)

    assert expired.root_cause_id == "cert_expired", expired.summary()
    assert expired.root_cause.who_fixes.value == "server"

    f = as_tls.root_cause  # the greeting, named, and the option that reads it
    assert f.cause.value == "non_tls_service_on_port" and f.who_fixes.value == "client"
    assert "MYSQL" in f.title
    assert any("--starttls mysql" in s.code for s in f.fix)

    f = no_tls.root_cause
    assert f.cause.value == "non_tls_service_on_port" and f.who_fixes.value == "server"
    assert "does not offer MYSQL" in f.title


# --- right already, untested until now ----------------------------------------------------

def _inter(ca: CA, **kw) -> CA:
    return ca.intermediate(name="world27 issuing CA", **kw)


ROWS = {  # case -> (software, how the leaf is made, host asked, diagnose options, cause, party)
    "name-constraints": ("apache", lambda ca: _inter(ca, permitted_dns=("corp.example",))
                         .issue(("localhost",)), "localhost", {}, "cert_wrong_purpose",
                         "server"),
    "path-length": ("nginx", lambda ca: _inter(ca, path_length=0).intermediate("sub CA")
                    .issue(("localhost",)), "localhost", {}, "cert_wrong_purpose", "server"),
    "wildcard-apex": ("nginx", lambda ca: ca.issue(("*.a.example",)), "a.example", {},
                      "hostname_mismatch", "server"),
    "two-label-wildcard": ("haproxy", lambda ca: ca.issue(("*.*.example",)), "x.y.example",
                           {}, "hostname_mismatch", "server"),
    "expired-intermediate": ("haproxy", lambda ca: _inter(
        ca, not_before=timedelta(days=-900), not_after=timedelta(days=-5)).issue(
        ("localhost",)), "localhost", {}, "cert_expired", "server"),
    "strict-sni-by-address": ("haproxy", lambda ca: ca.issue(("localhost",)), "127.0.0.1", {},
                              "sni_required_or_mismatch", "client"),
    "tls13-only-for-windows-10": ("nginx", lambda ca: ca.issue(("localhost",)), "localhost",
                                  {"client": "windows-10"}, "protocol_version_mismatch",
                                  "client"),
}
_SITE = {"strict-sni-by-address": dict(bind_options=("strict-sni",)),
         "tls13-only-for-windows-10": dict(site_lines=("ssl_protocols TLSv1.3;",))}


@pytest.mark.parametrize("case", sorted(ROWS))
def test_right_already(case, pki, web):
    software, make, host, opts, cause, party = ROWS[case]
    chain, key = pki.write(make(pki.ca))
    srv = web(WebConfig(software=software, chain_path=chain, key_path=key,
                        **_SITE.get(case, {}))).server
    report = run(srv.port, pki.root_pem, host=host, **opts)
    assert report.root_cause_id == cause, report.summary()
    assert report.root_cause.who_fixes.value == party
    assert report.handshakes <= 12


def test_ccm_only_suites_are_a_suite_mismatch(pki, s_server):
    srv = s_server(pki.leaf("localhost"), protocols=("tls1_2",),
                   cipher="ECDHE-ECDSA-AES128-CCM:ECDHE-ECDSA-AES256-CCM")
    report = run(srv.port, pki.root_pem)
    assert report.root_cause_id == "cipher_suite_mismatch"
    assert "CCM" in report.root_cause.title


def test_cert_reads_a_certificate_behind_a_hello_retry(pki, s_server):
    # `tlsdoctor cert HOST:PORT` said "no certificate received (hello_retry)" here.
    import sys

    srv = s_server(pki.leaf("localhost"), protocols=("tls1_3",), groups="P-384")
    out = subprocess.run([sys.executable, "-m", "tlsdoctor", "cert", f"127.0.0.1:{srv.port}"],
                         capture_output=True, text=True, timeout=60)
    assert "no certificate received" not in out.stdout + out.stderr
    assert "CN=localhost" in out.stdout, out.stderr[-400:]
