"""The test PKI makes exactly the certificates it promises (checked by two verifiers)."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import DNSName, ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID, ExtensionOID
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

from tlsdoctor.testing.ca import CA, self_signed


def _verify(leaf, root: CA, name: str = "localhost") -> None:
    verifier = (PolicyBuilder().store(Store([root.cert]))
                .build_server_verifier(DNSName(name)))
    verifier.verify(leaf.cert, list(leaf.chain[1:]))


def _openssl_verify(tmp_path: Path, leaf, root: CA, *args: str) -> subprocess.CompletedProcess:
    chain, _ = leaf.write(tmp_path)
    inter = tmp_path / "untrusted.pem"
    inter.write_bytes(b"".join(c.public_bytes(Encoding.PEM) for c in leaf.chain[1:])
                      or leaf.cert_pem)
    return subprocess.run(["openssl", "verify", "-CAfile", str(root.write(tmp_path / "r.pem")),
                           "-untrusted", str(inter), *args, str(chain)],
                          capture_output=True, text=True, timeout=10, check=False)


def test_good_leaf_through_intermediate_verifies(ca: CA, tmp_path: Path) -> None:
    inter = ca.intermediate(name="Test Intermediate")
    leaf = inter.issue(("localhost", "127.0.0.1"))
    assert [c.subject for c in leaf.chain] == [leaf.cert.subject, inter.cert.subject]
    assert leaf.root == ca.cert and inter.parent is ca and inter.root is ca
    _verify(leaf, ca)
    r = _openssl_verify(tmp_path, leaf, ca)
    assert r.returncode == 0, r.stderr
    with pytest.raises(VerificationError):
        _verify(leaf, ca, "other.test")


def test_expired_and_not_yet_valid_are_rejected(ca: CA) -> None:
    now = datetime.now(UTC)
    expired = ca.issue(not_before=now - timedelta(days=10), not_after=now - timedelta(days=1))
    future = ca.issue(not_before=timedelta(days=2), not_after=timedelta(days=30))
    assert expired.cert.not_valid_after_utc < now < future.cert.not_valid_before_utc
    for leaf in (expired, future):
        with pytest.raises(VerificationError):
            _verify(leaf, ca)


@pytest.mark.parametrize(("key_type", "sig_hash", "oid_name"), [
    ("rsa2048", "sha1", "sha1WithRSAEncryption"),
    ("rsa2048", "md5", "md5WithRSAEncryption"),
    ("ec256", "sha1", "ecdsa-with-SHA1"),
])
def test_weak_signature_is_real(tmp_path: Path, key_type, sig_hash, oid_name) -> None:
    root = CA(name=f"weak {key_type}", key_type=key_type)
    leaf = root.issue(sig_hash=sig_hash)
    assert leaf.cert.signature_algorithm_oid._name == oid_name
    # The signature is valid over the rewritten TBS: openssl accepts it at level 0 and
    # refuses it at its default level (OpenSSL 3 rejects SHA-1/MD5 signatures).
    assert _openssl_verify(tmp_path, leaf, root, "-auth_level", "0").returncode == 0
    assert _openssl_verify(tmp_path, leaf, root, "-auth_level", "1").returncode != 0


def test_weak_intermediate_signature_and_md5_on_ec_refused() -> None:
    root = CA(name="sha1 root", key_type="rsa2048")
    inter = root.intermediate(sig_hash="sha1")
    assert inter.cert.signature_hash_algorithm is not None
    assert inter.cert.signature_hash_algorithm.name == "sha1"
    with pytest.raises(ValueError, match="md5"):
        CA(name="ec").issue(sig_hash="md5")


@pytest.mark.parametrize(("key_type", "check"), [
    ("rsa1024", lambda k: isinstance(k, rsa.RSAPublicKey) and k.key_size == 1024),
    ("ec384", lambda k: isinstance(k, ec.EllipticCurvePublicKey) and k.curve.name == "secp384r1"),
])
def test_key_types(ca: CA, key_type, check) -> None:
    assert check(ca.issue(key_type=key_type).cert.public_key())


def test_ed25519_ca_signs() -> None:
    root = CA(name="ed root", key_type="ed25519")
    leaf = root.issue()
    assert leaf.cert.signature_algorithm_oid.dotted_string == "1.3.101.112"
    # (the Web PKI policy of cryptography's verifier forbids Ed25519, so check directly)
    leaf.cert.verify_directly_issued_by(root.cert)


def test_broken_purpose_variants(ca: CA) -> None:
    no_server_auth = ca.issue(eku=("clientAuth",))
    eku = no_server_auth.cert.extensions.get_extension_for_oid(ExtensionOID.EXTENDED_KEY_USAGE)
    assert list(eku.value) == [ExtendedKeyUsageOID.CLIENT_AUTH]
    with pytest.raises(VerificationError):
        _verify(no_server_auth, ca)
    no_eku = ca.issue(eku=())
    with pytest.raises(x509.ExtensionNotFound):
        no_eku.cert.extensions.get_extension_for_oid(ExtensionOID.EXTENDED_KEY_USAGE)
    ca_leaf = ca.issue(is_ca=True)
    assert ca_leaf.cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca


def test_names_cn_only_and_ip(ca: CA) -> None:
    cn_only = ca.issue(("legacy.test",), cn_only=True)
    with pytest.raises(x509.ExtensionNotFound):
        cn_only.cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    assert cn_only.cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value \
        == "legacy.test"
    ip = ca.issue(("*.example.test", "::1"), ip_addresses=("127.0.0.1",), subject_cn="custom")
    san = ip.cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.DNSName) == ["*.example.test"]
    assert [str(a) for a in san.get_values_for_type(x509.IPAddress)] == ["::1", "127.0.0.1"]
    assert ip.cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value == "custom"
    assert ca.issue(serial=4242).serial == 4242


def test_urls_and_must_staple(ca: CA) -> None:
    leaf = ca.issue(must_staple=True, ocsp_url="http://127.0.0.1:9/ocsp",
                    aia_issuer_url="http://127.0.0.1:9/ca.der", crl_url="http://127.0.0.1:9/c.crl")
    feats = leaf.cert.extensions.get_extension_for_class(x509.TLSFeature).value
    assert list(feats) == [x509.TLSFeatureType.status_request]
    aia = leaf.cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
    assert {d.access_location.value for d in aia} == {"http://127.0.0.1:9/ocsp",
                                                       "http://127.0.0.1:9/ca.der"}
    cdp = leaf.cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    assert cdp[0].full_name[0].value == "http://127.0.0.1:9/c.crl"


def test_self_signed() -> None:
    leaf = self_signed(("localhost",))
    assert leaf.cert.issuer == leaf.cert.subject and leaf.chain == (leaf.cert,)
    assert leaf.root is None
    leaf.cert.verify_directly_issued_by(leaf.cert)


def test_chain_pem_orders_and_extras(ca: CA) -> None:
    i1 = ca.intermediate(name="I1")
    i2 = i1.intermediate(name="I2")
    leaf = i2.issue()
    unrelated = CA(name="Unrelated")

    def cns(pem: bytes) -> list[str]:
        return [c.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value
                for c in x509.load_pem_x509_certificates(pem)]

    assert cns(leaf.chain_pem()) == ["localhost", "I2", "I1"]
    assert cns(leaf.chain_pem(include_root=True)) == ["localhost", "I2", "I1",
                                                      "tlsdoctor test root CA"]
    assert cns(leaf.chain_pem(order="reversed")) == ["localhost", "I1", "I2"]
    assert cns(leaf.chain_pem(order="leaf_last")) == ["I1", "I2", "localhost"]
    assert cns(leaf.chain_pem(extra=(unrelated.cert, i2.cert_pem))) == [
        "localhost", "I2", "I1", "Unrelated", "I2"]
    with pytest.raises(ValueError):
        leaf.chain_pem(order="sideways")  # type: ignore[arg-type]


def test_write_files(ca: CA, tmp_path: Path) -> None:
    leaf = ca.issue()
    chain, key = leaf.write(tmp_path / "sub")
    assert chain.read_bytes() == leaf.chain_pem()
    assert key.read_bytes() == leaf.key_pem and (key.stat().st_mode & 0o077) == 0


def test_crl_lists_revoked_serials(ca: CA) -> None:
    inter = ca.intermediate()
    bad = inter.issue()
    crl = x509.load_der_x509_crl(inter.crl([bad, 77]))
    assert crl.is_signature_valid(inter.key.public_key())
    assert crl.get_revoked_certificate_by_serial_number(bad.serial) is not None
    assert crl.get_revoked_certificate_by_serial_number(77) is not None
    assert crl.get_revoked_certificate_by_serial_number(78) is None
    assert crl.issuer == inter.cert.subject


@pytest.mark.parametrize(("status", "expected"), [
    ("good", ocsp.OCSPCertStatus.GOOD),
    ("revoked", ocsp.OCSPCertStatus.REVOKED),
    ("unknown", ocsp.OCSPCertStatus.UNKNOWN),
])
def test_ocsp_response_status(ca: CA, status, expected) -> None:
    leaf = ca.issue()
    resp = ocsp.load_der_ocsp_response(ca.ocsp_response(leaf, status))
    assert resp.response_status == ocsp.OCSPResponseStatus.SUCCESSFUL
    assert resp.certificate_status == expected
    assert resp.serial_number == leaf.serial
