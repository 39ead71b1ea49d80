"""Trust stores: this machine's OpenSSL paths and environment, --ca-file, certifi, JDK cacerts."""

from __future__ import annotations

import ssl
import struct
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from tlsdoctor.errors import InputError
from tlsdoctor.pki.trust import load_trust_stores, read_jks, system_store


def test_default_store_is_this_machine(ca) -> None:
    stores = load_trust_stores()
    assert stores.default.name == "system"
    assert len(stores.default.roots) > 10  # ca-certificates is installed on this machine
    assert not stores.default.contains(ca.cert)
    assert any(s.name.startswith("mozilla") for s in stores.others)
    assert load_trust_stores() is stores  # cached


def test_ssl_cert_file_is_honoured(ca, tmp_path, monkeypatch) -> None:
    bundle = tmp_path / "bundle.pem"
    bundle.write_bytes(ca.cert_pem)
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path / "empty"))
    store = system_store()
    assert store.roots == (ca.cert,)
    assert str(bundle) in store.source


def test_ssl_cert_dir_hashed_layout(ca, tmp_path, monkeypatch) -> None:
    (tmp_path / "abcdef01.0").write_bytes(ca.cert_pem)
    (tmp_path / "ignored.pem").write_bytes(ca.intermediate().cert_pem)  # OpenSSL reads <hash>.<n> only
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "none.pem"))
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    assert system_store().roots == (ca.cert,)


def test_ca_file_added_to_default(ca, pki) -> None:
    stores = load_trust_stores(str(pki.root_pem))
    assert stores.default.contains(ca.cert)
    assert len(stores.default.roots) > 10
    assert "--ca-file" in stores.default.name


def test_bad_ca_file(tmp_path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_trust_stores(str(tmp_path / "missing.pem"))
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate")
    with pytest.raises(InputError, match="no certificate"):
        load_trust_stores(str(junk))


def _jks(certs) -> bytes:
    """A JKS keystore with trusted-certificate entries (JDK JavaKeyStore layout)."""
    out = struct.pack(">III", 0xFEEDFEED, 2, len(certs))
    for i, c in enumerate(certs):
        alias = f"ca{i}".encode()
        d = c.public_bytes(Encoding.DER)
        out += struct.pack(">IH", 2, len(alias)) + alias + struct.pack(">Q", 0)
        out += struct.pack(">H", 5) + b"X.509" + struct.pack(">I", len(d)) + d
    return out + b"\x00" * 20  # the keyed SHA-1 digest at the end (not checked)


def test_jks_parsing(ca, inter) -> None:
    assert read_jks(_jks([ca.cert, inter.cert])) == (ca.cert, inter.cert)
    with pytest.raises(ValueError):
        read_jks(b"\x00" * 12)
    with pytest.raises(ValueError):
        read_jks(_jks([ca.cert])[:40])  # truncated


def test_java_store_found_when_a_jdk_is_installed() -> None:
    import shutil
    if shutil.which("java") is None:
        pytest.skip("no JDK on this machine")
    stores = load_trust_stores()
    java = [s for s in stores.others if s.name.startswith("java")]
    assert java and len(java[0].roots) > 10


def test_pem_blocks_found_as_the_plain_lazy_pattern_finds_them() -> None:
    """The store reader's certificate-block pattern (written for speed) finds exactly the
    blocks the plain pattern finds: the text up to the first END line of any kind."""
    import random
    import re

    from tlsdoctor.pki.trust import _PEM_CERT

    plain = re.compile(rb"-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----(.*?)"
                       rb"-----END (?:X509 |TRUSTED )?CERTIFICATE-----", re.DOTALL)
    pieces = [b"-----BEGIN CERTIFICATE-----", b"-----END CERTIFICATE-----",
              b"-----BEGIN X509 CERTIFICATE-----", b"-----END TRUSTED CERTIFICATE-----",
              b"-----BEGIN TRUSTED CERTIFICATE-----", b"-----END X509 CERTIFICATE-----",
              b"-", b"--", b"-----END ", b"-----BEGIN ", b"MIIB+/==", b"\n", b"CERTIFICATE-----",
              b"-----END X509 CERTIFICATE----", b"# comment -- dashes\n"]
    rng = random.Random(7)
    for _ in range(5000):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert _PEM_CERT.findall(data) == plain.findall(data), data
    bundle = Path(ssl.get_default_verify_paths().openssl_cafile)
    if bundle.is_file():
        data = bundle.read_bytes()
        assert _PEM_CERT.findall(data) == plain.findall(data)


def test_fingerprints_taken_from_the_der_read_are_the_certificates_own(ca) -> None:
    """Roots read from store files get their SHA-256 fingerprint from the bytes read (DER
    has one encoding); it is what the certificate gives when asked."""
    from cryptography.hazmat.primitives import hashes

    from tlsdoctor.pki import trust

    stores = load_trust_stores()
    roots = [c for store in stores for c in store.roots]
    assert len(roots) > 100
    for c in [*roots, ca.cert]:
        assert trust._fp(c) == c.fingerprint(hashes.SHA256()).hex().upper()
        assert trust._subject(c) == c.subject.public_bytes()
    assert stores.default.contains(stores.default.roots[0]) and not stores.default.contains(ca.cert)


def test_issuer_checked_again_only_when_its_bytes_differ_from_the_subject(ca, inter) -> None:
    """A root whose issuer field holds its subject's very bytes (self-signed) has its issuer
    parsed once, as the subject; any other certificate, or one whose layout the walk does
    not know, has it parsed again. The walk finds the same fields cryptography reads."""
    from tlsdoctor.pki.trust import _issuer_is_subject

    leaf = ca.issue(("walk.example",)).cert
    stores = load_trust_stores()
    for c in [ca.cert, inter.cert, leaf, *stores.default.roots]:
        d = c.public_bytes(Encoding.DER)
        assert _issuer_is_subject(d) == (c.issuer.public_bytes() == c.subject.public_bytes())
    assert _issuer_is_subject(ca.cert.public_bytes(Encoding.DER))
    assert not _issuer_is_subject(inter.cert.public_bytes(Encoding.DER))
    whole = ca.cert.public_bytes(Encoding.DER)
    for cut in (0, 1, 4, 30, len(whole) // 2, len(whole) - 1):
        assert not _issuer_is_subject(whole[:cut])
    assert whole[4] == 0x30  # the tbsCertificate, after a 4-byte outer header
    assert not _issuer_is_subject(whole[:4] + b"\x31" + whole[5:])  # not a SEQUENCE
