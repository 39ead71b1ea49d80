"""A chain through an expired cross-sign, as the AddTrust (2020) and DST Root CA X3 (2021)
expiries left them: the server sends leaf, intermediate and the new root cross-signed by
the old root; an old client store holds only the old root. The old root carries the real
CA's name and notAfter (ingest/expired_cas.json), so the clients print what they printed
then. Built with ``cryptography`` for round 15's real-program tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True, kw_only=True)
class CrossSignLab:
    chain: Path  # leaf, intermediate, cross-signed new root: what the server sends
    key: Path
    old_store: Path  # only the expired old root
    both_store: Path  # the old root and the new one


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "tlsdoctor lab"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _cert(subject: x509.Name, key: ec.EllipticCurvePrivateKey, issuer: x509.Name,
          signer: ec.EllipticCurvePrivateKey, start: datetime, end: datetime, *,
          ca: bool, host: str = "") -> x509.Certificate:
    b = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
         .public_key(key.public_key()).serial_number(x509.random_serial_number())
         .not_valid_before(start).not_valid_after(end)
         .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
         .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                        critical=False))
    if host:
        b = b.add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
    return b.sign(signer, hashes.SHA256())


def build(directory: Path, old_root: str, old_not_after: datetime) -> CrossSignLab:
    now = datetime.now(UTC)
    keys = [ec.generate_private_key(ec.SECP256R1()) for _ in range(4)]
    old_key, new_key, mid_key, leaf_key = keys
    old_name, new_name = _name(old_root), _name("tlsdoctor lab new root")
    old = _cert(old_name, old_key, old_name, old_key, old_not_after - 7300 * _DAY,
                old_not_after, ca=True)
    new = _cert(new_name, new_key, new_name, new_key, now - 400 * _DAY, now + 3650 * _DAY,
                ca=True)
    # the cross-sign: the new root's name and key, signed by the old root, expiring with it
    cross = _cert(new_name, new_key, old_name, old_key, old_not_after - 400 * _DAY,
                  old_not_after, ca=True)
    mid_name = _name("tlsdoctor lab DV CA")
    mid = _cert(mid_name, mid_key, new_name, new_key, now - 30 * _DAY, now + 900 * _DAY, ca=True)
    leaf = _cert(_name("localhost"), leaf_key, mid_name, mid_key, now - _DAY, now + 90 * _DAY,
                 ca=False, host="localhost")
    directory.mkdir(parents=True, exist_ok=True)

    def pem(*certs: x509.Certificate) -> bytes:
        return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)

    out = CrossSignLab(chain=directory / "chain.pem", key=directory / "key.pem",
                       old_store=directory / "old_store.pem",
                       both_store=directory / "both_store.pem")
    out.chain.write_bytes(pem(leaf, mid, cross))
    out.key.write_bytes(leaf_key.private_bytes(serialization.Encoding.PEM,
                                               serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    out.old_store.write_bytes(pem(old))
    out.both_store.write_bytes(pem(old, new))
    return out
