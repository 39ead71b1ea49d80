"""Round 27 ("world27"): the fixes for the new classes, applied literally to real servers.

- A certificate key the client has no signature scheme for (P-521 on nginx for Chrome,
  Ed25519 on HAProxy for Java 8u31, RSA-PSS on Apache for Chrome): the printed openssl CSR
  (P-256) is run, the test CA signs exactly what it asks (standing in for the public CA),
  the printed ``cat`` builds the chain and the software's lines install it; the server's own
  parser checks them, it restarts, the same ``--client`` diagnosis is clean, and a real
  ``openssl s_client`` limited to that client's signature schemes and groups fails before
  and connects after (curl and Python too).
- The 2021 cross-sign (a served ISRG-like root cross-signed by an expired DST-like root
  that the client's store still holds) on nginx and HAProxy: the corrected chain printed
  for OpenSSL 1.0.2 is saved where the step says and installed with the software's lines;
  then neither the cert_expired for OpenSSL 1.0.2 nor the warning for everyone remains,
  the server sends two certificates, and curl and Python verify.
- An issuer's own constraints (name constraints on Apache, pathLen on nginx): the fix now
  says the CA is the problem (a leaf reissued by the same CA failed the same way); carried
  out with another issuer, the finding is gone.
- Two certificates (nginx: RSA complete, ECDSA without its intermediate): the fix names
  the ECDSA one's lines; replaced, both certificates verify.
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import Encoding
from reissued import real_clients_connect, reissue_as_printed

import tlsdoctor
from tlsdoctor.testing import fixapply
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.fixapply import WebConfig
from tlsdoctor.testing.issuer_http import serve_issuer
from tlsdoctor.testing.pss import rsa_pss_leaf
from tlsdoctor.testing.servers import Server

# What each client offers (clients/profiles.json), as s_client options: Chrome 131 has no
# ecdsa_secp521r1_sha512, no rsa_pss_pss_*, no secp521r1 group; Java 8u31 is TLS <= 1.2
# without ed25519.
_CHROME = ["-sigalgs", "ECDSA+SHA256:rsa_pss_rsae_sha256:RSA+SHA256:ECDSA+SHA384:"
           "rsa_pss_rsae_sha384:RSA+SHA384:rsa_pss_rsae_sha512:RSA+SHA512",
           "-groups", "X25519:P-256:P-384"]
_JAVA8 = ["-tls1_2", "-sigalgs", "ECDSA+SHA512:ECDSA+SHA384:ECDSA+SHA256:RSA+SHA512:"
          "RSA+SHA384:RSA+SHA256:ECDSA+SHA1:RSA+SHA1", "-groups", "P-256:P-384:P-521"]
KEYS = {  # case -> (software, key, --client, s_client options of that client)
    "p521-nginx-chrome": ("nginx", "ec521", "chrome-131", _CHROME),
    "ed25519-haproxy-java8": ("haproxy", "ed25519", "java-8u31", _JAVA8),
    "rsapss-apache-chrome": ("apache", "rsa-pss", "chrome-131", _CHROME),
}


def _diagnose(srv: Server, root: Path, **kw: object) -> tlsdoctor.DiagnoseReport:
    return tlsdoctor.diagnose(f"localhost:{srv.port}", connect="127.0.0.1", ca_file=str(root),
                              timeout=3, offline=True, **kw)


def _s_client(srv: Server, root: Path, options: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["openssl", "s_client", "-connect", f"127.0.0.1:{srv.port}", "-servername", "localhost",
         "-verify_return_error", "-verify_hostname", "localhost", "-CAfile", str(root),
         *options], input="", capture_output=True, text=True, timeout=20)


@pytest.mark.parametrize("case", sorted(KEYS))
def test_the_p256_reissue_printed_for_an_unusable_key_fixes_the_real_server(
        case: str, pki, web, tmp_path) -> None:
    software, key_type, client, offer = KEYS[case]
    inter = pki.ca.intermediate(name="world27 reissue CA")
    if key_type == "rsa-pss":
        leaf, key = rsa_pss_leaf(inter, tmp_path, "pss")
        chain = tmp_path / "pss-chain.pem"
        chain.write_bytes(leaf.read_bytes() + inter.cert_pem)
    else:
        chain, key = pki.write(inter.issue(("localhost",), key_type=key_type))
    srv = web(WebConfig(software=software, chain_path=chain, key_path=key))
    assert _s_client(srv.server, pki.root_pem, offer).returncode != 0  # the client fails

    before = _diagnose(srv.server, pki.root_pem, client=client, server_software=software)
    finding = before.root_cause
    assert finding.cause.value == "cipher_suite_mismatch" and finding.facts["kind"] == "key"
    fixed = reissue_as_printed(finding, inter, srv, software, tmp_path)

    after = _diagnose(fixed, pki.root_pem, client=client)
    assert "cipher_suite_mismatch" not in {f.cause.value for f in after.findings}, after.summary()
    assert after.outcome.value in ("ok", "risky"), after.summary()
    done = _s_client(fixed, pki.root_pem, offer)
    assert done.returncode == 0 and "Verify return code: 0 (ok)" in done.stdout, done.stderr
    real_clients_connect(fixed, pki.root_pem)


# --- the 2021 cross-sign ---------------------------------------------------------------

def _le_2021(d: Path) -> tuple[Path, Path, Path]:
    now = datetime.now(UTC)
    dst = CA(name="DST-like Root CA X3", not_before=timedelta(days=-4000),
             not_after=timedelta(days=-60))
    isrg = CA(name="ISRG-like Root X1")
    cross = (x509.CertificateBuilder().subject_name(isrg.cert.subject)
             .issuer_name(dst.cert.subject).public_key(isrg.key.public_key())
             .serial_number(x509.random_serial_number())
             .not_valid_before(now - timedelta(days=2000))
             .not_valid_after(now + timedelta(days=700))
             .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
             .sign(dst.key, hashes.SHA256()))
    r3 = isrg.intermediate("R3-like")
    leaf = r3.issue(("localhost",), key_type="rsa2048")
    chain, key = leaf.write(d, stem="le")
    chain.write_bytes(leaf.cert_pem + r3.cert_pem
                      + cross.public_bytes(serialization.Encoding.PEM))
    store = d / "store.pem"
    store.write_bytes(isrg.cert_pem + dst.cert_pem)
    return chain, key, store


@pytest.mark.parametrize("software", ["nginx", "haproxy"])
def test_the_chain_printed_without_the_cross_sign_fixes_openssl_102(software: str, web,
                                                                    tmp_path) -> None:
    chain, key, store = _le_2021(tmp_path)
    srv = web(WebConfig(software=software, chain_path=chain, key_path=key))
    before = _diagnose(srv.server, store, client="openssl-1.0.2", server_software=software)
    finding = before.root_cause
    assert finding.cause.value == "cert_expired" and finding.facts["cross_sign"], \
        before.summary()

    save, *lines = finding.fix
    bundle_path = next(w for w in save.text.split() if w.startswith("/etc/ssl/"))
    bundle = tmp_path / "fullchain.pem"
    bundle.write_text(save.code + "\n")  # "Save the corrected chain ... as PATH:"
    step = next(s for s in lines if s.applies_to == software)
    paths: dict[str, str | Path] = {bundle_path.rstrip(":"): bundle,
                                    "/etc/ssl/private/localhost.key": key,
                                    "/etc/haproxy/localhost.pem": tmp_path / "haproxy.pem"}
    fixed = srv.apply(step.code, paths=paths)

    for client in ("openssl-1.0.2", None):
        after = _diagnose(fixed, store, client=client)
        left = {f.cause.value for f in after.findings}
        assert not {"cert_expired", "bad_chain_order_or_extra"} & left, after.summary()
    shown = _s_client(fixed, store, ["-showcerts"])
    assert shown.returncode == 0 and shown.stdout.count("BEGIN CERTIFICATE") == 2
    real_clients_connect(fixed, store)


# --- an issuer's constraints (name constraints, pathLen) -------------------------------

ISSUERS = {  # case -> (software, the issuer that may not issue the leaf)
    "name-constraints-apache": ("apache", lambda ca: ca.intermediate(
        name="world27 constrained CA", permitted_dns=("corp.example",))),
    "path-length-nginx": ("nginx", lambda ca: ca.intermediate(
        name="world27 pathlen-0 CA", path_length=0).intermediate(name="world27 sub CA")),
}


@pytest.mark.parametrize("case", sorted(ISSUERS))
def test_the_issuer_side_fix_names_the_ca_and_its_reissue_fixes_the_real_server(
        case: str, pki, web, tmp_path) -> None:
    software, make = ISSUERS[case]
    chain, key = pki.write(make(pki.ca).issue(("localhost",), key_type="rsa2048"))
    srv = web(WebConfig(software=software, chain_path=chain, key_path=key))
    before = _diagnose(srv.server, pki.root_pem, server_software=software)
    finding = before.root_cause
    assert finding.cause.value == "cert_wrong_purpose", before.summary()
    assert finding.title == "The issuing CA's constraints do not allow this certificate"
    first = finding.fix[0].text  # what the operator reads first: the CA is the problem
    assert first.startswith("The leaf is not what is wrong") and "world27" in first

    # Carried out as written: a CSR; the CA's part, by "an issuer whose constraints allow
    # it" (the test root's unconstrained intermediate); the chain; the software's lines.
    allowed = pki.ca.intermediate(name="world27 unconstrained CA")
    fixed = reissue_as_printed(finding, allowed, srv, software, tmp_path)
    after = _diagnose(fixed, pki.root_pem)
    assert "cert_wrong_purpose" not in {f.cause.value for f in after.findings}, after.summary()
    real_clients_connect(fixed, pki.root_pem)


# --- two certificates, one without its intermediate ------------------------------------

def test_the_bundle_for_the_ecdsa_one_of_two_certificates_fixes_nginx(pki, web, tmp_path):
    with serve_issuer() as (served, url):
        inter = pki.ca.intermediate(name="world27 dual-cert CA")
        served["body"] = inter.cert.public_bytes(Encoding.DER)
        rsa_chain, rsa_key = inter.issue(("localhost",), key_type="rsa2048",
                                         aia_issuer_url=url).write(tmp_path, stem="rsa")
        ec = inter.issue(("localhost",), aia_issuer_url=url)
        ec_chain, ec_key = ec.write(tmp_path, stem="ec")
        ec_chain.write_bytes(ec.cert_pem)  # the misconfiguration: the ECDSA leaf alone
        ec_lines = (f"ssl_certificate {ec_chain};", f"ssl_certificate_key {ec_key};")
        srv = web(WebConfig(software="nginx", chain_path=rsa_chain, key_path=rsa_key,
                            site_lines=ec_lines))
        before = tlsdoctor.diagnose(f"localhost:{srv.server.port}", connect="127.0.0.1",
                                    ca_file=str(pki.root_pem), timeout=3,
                                    server_software="nginx")
    finding = before.root_cause
    assert finding.cause.value == "incomplete_chain", before.summary()
    which, save, *lines = finding.fix
    assert "ECDSA P-256" in which.text and "RSA" in which.text  # which lines to replace
    bundle = tmp_path / "fullchain.pem"
    bundle.write_text(save.code + "\n")
    step = next(s for s in lines if s.applies_to == "nginx")
    code = step.code.replace("/etc/ssl/localhost.fullchain.pem", str(bundle)).replace(
        "/etc/ssl/private/localhost.key", str(ec_key))
    # As the step says: the ECDSA certificate's two lines are replaced, the RSA one's stay.
    new = tuple(code.splitlines())
    assert len(new) == 2 and all(ln.startswith("ssl_certificate") for ln in new)
    fixed_config = WebConfig(software="nginx", chain_path=rsa_chain, key_path=rsa_key,
                             site_lines=new)
    fixed = srv._stack.enter_context(fixapply.restart(srv.server, fixed_config))

    after = _diagnose(fixed, pki.root_pem)
    assert "incomplete_chain" not in {f.cause.value for f in after.findings}, after.summary()
    for offer in (["-tls1_2", "-sigalgs", "ECDSA+SHA256"], ["-tls1_2", "-sigalgs", "RSA+SHA256"]):
        done = _s_client(fixed, pki.root_pem, offer)  # each certificate, verified
        assert "Verify return code: 0 (ok)" in done.stdout, (offer, done.stdout[-400:])
    real_clients_connect(fixed, pki.root_pem)
