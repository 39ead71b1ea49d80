"""In-process test PKI: CAs, intermediates, good and deliberately broken certificates.

Shaped like trustme (``CA().issue(...)``), plus the broken certificates tlsdoctor must
recognise: expired, not yet valid, wrong host, CN-only, weak keys (RSA-1024), weak
signatures (SHA-1, MD5), no serverAuth, CA flag on the leaf, must-staple, name
constraints; and the revocation data to go with them (CRLs, OCSP responses).

Depends only on ``cryptography``; used by the test-suite and by ``tlsdoctor demo``.
Nothing here touches the network or the system trust store.

Why the DER surgery in ``_resign``: cryptography >= 45 refuses to *build* SHA-1 or MD5
certificate signatures, yet real servers still send such certificates, so we build
with SHA-256 and re-sign the to-be-signed bytes with the weak hash ourselves.
"""

from __future__ import annotations

import ipaddress
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

from .. import der

__all__ = [
    "CA",
    "KeyType",
    "Leaf",
    "PrivateKey",
    "SigHash",
    "SiteFiles",
    "generate_key",
    "self_signed",
    "site_files",
]

KeyType = Literal["rsa1024", "rsa2048", "rsa3072", "rsa4096", "ec256", "ec384", "ec521",
                  "ed25519"]
SigHash = Literal["sha256", "sha384", "sha512", "sha1", "md5"]
PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey
ChainOrder = Literal["normal", "reversed", "leaf_last"]
CertLike = x509.Certificate | bytes | str

_ORG = "tlsdoctor test PKI"

# RFC 5280 §4.2.1.12 / RFC 3280 names -> OIDs, so callers write eku=("serverAuth",).
_EKU = {
    "serverAuth": ExtendedKeyUsageOID.SERVER_AUTH,
    "clientAuth": ExtendedKeyUsageOID.CLIENT_AUTH,
    "codeSigning": ExtendedKeyUsageOID.CODE_SIGNING,
    "emailProtection": ExtendedKeyUsageOID.EMAIL_PROTECTION,
    "timeStamping": ExtendedKeyUsageOID.TIME_STAMPING,
    "OCSPSigning": ExtendedKeyUsageOID.OCSP_SIGNING,
    "anyExtendedKeyUsage": ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE,
}

# RFC 5280 §4.2.1.3 KeyUsage bits, as cryptography's KeyUsage keyword names.
_KU_BITS = ("digital_signature", "content_commitment", "key_encipherment",
            "data_encipherment", "key_agreement", "key_cert_sign", "crl_sign",
            "encipher_only", "decipher_only")

_HASHES: dict[str, hashes.SHA256 | hashes.SHA384 | hashes.SHA512] = {
    "sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512(),
}
_WEAK_HASHES: dict[str, hashes.HashAlgorithm] = {"sha1": hashes.SHA1(), "md5": hashes.MD5()}

# DER of the AlgorithmIdentifier for the weak signatures cryptography will not build.
# OIDs: RFC 3279 §2.2.1 (md5WithRSAEncryption 1.2.840.113549.1.1.4, sha1WithRSAEncryption
# ...1.1.5, both with NULL parameters) and §2.2.3 (ecdsa-with-SHA1 1.2.840.10045.4.1,
# parameters absent).
_WEAK_ALG_DER = {
    ("rsa", "md5"): bytes.fromhex("300d06092a864886f70d0101040500"),
    ("rsa", "sha1"): bytes.fromhex("300d06092a864886f70d0101050500"),
    ("ec", "sha1"): bytes.fromhex("300906072a8648ce3d0401"),
}

_DNS_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def generate_key(key_type: KeyType = "ec256") -> PrivateKey:
    """A fresh private key of ``key_type`` (never shared: equal keys would share key ids)."""
    if key_type.startswith("rsa"):
        bits = int(key_type[3:])
        if bits not in (1024, 2048, 3072, 4096):
            raise ValueError(f"unsupported RSA size: {key_type}")
        return rsa.generate_private_key(public_exponent=65537, key_size=bits)
    if key_type == "ec256":
        return ec.generate_private_key(ec.SECP256R1())
    if key_type == "ec384":
        return ec.generate_private_key(ec.SECP384R1())
    if key_type == "ec521":
        return ec.generate_private_key(ec.SECP521R1())
    if key_type == "ed25519":
        return ed25519.Ed25519PrivateKey.generate()
    raise ValueError(f"unknown key type: {key_type!r}")


def _when(value: datetime | timedelta | None, default: timedelta) -> datetime:
    """Absolute time: a datetime as given (naive = UTC), a timedelta relative to now."""
    now = datetime.now(UTC).replace(microsecond=0)
    if value is None:
        return now + default
    if isinstance(value, timedelta):
        return now + value
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _name(cn: str, org: str = _ORG) -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)]
    if cn:
        attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    return x509.Name(attrs)


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(key: PrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _as_pem(item: CertLike) -> bytes:
    if isinstance(item, x509.Certificate):
        return _pem(item)
    return item.encode() if isinstance(item, str) else item


def _general_names(names: Iterable[str], ips: Iterable[str]) -> list[x509.GeneralName]:
    out: list[x509.GeneralName] = []
    for n in names:
        try:  # trustme's convention: an address in ``names`` becomes an IP SAN
            out.append(x509.IPAddress(ipaddress.ip_address(n)))
        except ValueError:
            out.append(x509.DNSName(n))
    out.extend(x509.IPAddress(ipaddress.ip_address(i)) for i in ips)
    return out


# --- minimal DER, only what re-signing a certificate needs --------------------------------

def _resign(cert: x509.Certificate, key: PrivateKey, sig_hash: str) -> x509.Certificate:
    """Re-sign ``cert`` with a hash cryptography's builder refuses (SHA-1, MD5)."""
    family = "rsa" if isinstance(key, rsa.RSAPrivateKey) else (
        "ec" if isinstance(key, ec.EllipticCurvePrivateKey) else "other")
    alg = _WEAK_ALG_DER.get((family, sig_hash))
    if alg is None:
        raise ValueError(f"{sig_hash} signatures are not defined for {family} keys")
    tbs_parts = der.children(cert.tbs_certificate_bytes)
    # TBSCertificate: [0] version, serialNumber, signature AlgorithmIdentifier, ...
    idx = 2 if tbs_parts[0][0] == 0xA0 else 1
    tbs_parts[idx] = alg
    tbs = der.sequence(tbs_parts)
    h = _WEAK_HASHES[sig_hash]
    if isinstance(key, rsa.RSAPrivateKey):
        sig = key.sign(tbs, padding.PKCS1v15(), h)
    else:
        assert isinstance(key, ec.EllipticCurvePrivateKey)  # checked by ``family`` above
        sig = key.sign(tbs, ec.ECDSA(h))
    bitstring = b"\x03" + der.encode_length(len(sig) + 1) + b"\x00" + sig
    return x509.load_der_x509_certificate(der.sequence([tbs, alg, bitstring]))


def _sign(builder: x509.CertificateBuilder, key: PrivateKey, sig_hash: str) -> x509.Certificate:
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return builder.sign(key, None)  # EdDSA hashes internally (RFC 8410)
    if sig_hash in _WEAK_HASHES:
        return _resign(builder.sign(key, hashes.SHA256()), key, sig_hash)
    if sig_hash not in _HASHES:
        raise ValueError(f"unknown signature hash: {sig_hash!r}")
    return builder.sign(key, _HASHES[sig_hash])


def _key_usage(names: Iterable[str]) -> x509.KeyUsage:
    wanted = set(names)
    unknown = wanted - set(_KU_BITS)
    if unknown:
        raise ValueError(f"unknown key usage: {sorted(unknown)}")
    return x509.KeyUsage(**{bit: bit in wanted for bit in _KU_BITS})


def _default_leaf_ku(key: PrivateKey) -> tuple[str, ...]:
    # RSA key transport (TLS_RSA_*) needs keyEncipherment; EC/EdDSA keys only sign.
    if isinstance(key, rsa.RSAPrivateKey):
        return ("digital_signature", "key_encipherment")
    return ("digital_signature",)


def _serial(serial: int | None) -> int:
    return serial if serial is not None else secrets.randbits(63) | (1 << 62)


class _AsPem:
    """PEM views of a ``cert`` and its ``key`` (a Leaf's, a CA's)."""

    __slots__ = ()
    cert: x509.Certificate
    key: PrivateKey

    @property
    def cert_pem(self) -> bytes:
        return _pem(self.cert)

    @property
    def key_pem(self) -> bytes:
        return _key_pem(self.key)


@dataclass(frozen=True, slots=True, kw_only=True)
class Leaf(_AsPem):
    """An issued certificate with its key and the chain a correct server would send."""

    cert: x509.Certificate
    key: PrivateKey
    chain: tuple[x509.Certificate, ...]  # leaf, then intermediates; never the root
    root: x509.Certificate | None = None  # the trust anchor (None: self-signed leaf)

    @property
    def serial(self) -> int:
        return self.cert.serial_number

    def chain_pem(self, include_root: bool = False, order: ChainOrder = "normal",
                  extra: Sequence[CertLike] = ()) -> bytes:
        """PEM of the chain as a server would send it.

        ``order``: "normal" (leaf, issuer, issuer's issuer...), "reversed" (leaf first,
        as every server requires, then the issuers top-down: the classic wrong order),
        "leaf_last" (the whole list reversed, a bundle concatenated the wrong way round).
        ``extra`` certificates (unrelated, duplicates) are appended at the end.
        """
        certs = list(self.chain)
        if include_root and self.root is not None:
            certs.append(self.root)
        if order == "reversed":
            certs = certs[:1] + certs[:0:-1]
        elif order == "leaf_last":
            certs.reverse()
        elif order != "normal":
            raise ValueError(f"unknown chain order: {order!r}")
        return b"".join(_pem(c) for c in certs) + b"".join(_as_pem(e) for e in extra)

    def write(self, directory: str | Path, *, stem: str | None = None,
              include_root: bool = False, order: ChainOrder = "normal",
              extra: Sequence[CertLike] = ()) -> tuple[Path, Path]:
        """Write ``<stem>.chain.pem`` and ``<stem>.key.pem``; returns both paths."""
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        stem = stem or f"leaf-{self.serial:x}"
        chain_path, key_path = d / f"{stem}.chain.pem", d / f"{stem}.key.pem"
        chain_path.write_bytes(self.chain_pem(include_root=include_root, order=order,
                                              extra=extra))
        key_path.write_bytes(self.key_pem)
        key_path.chmod(0o600)
        return chain_path, key_path


@dataclass(eq=False, slots=True)
class CA(_AsPem):
    """A certificate authority: a root, or an intermediate when ``parent`` is set.

    ``CA(name=...)`` makes a self-signed root. ``ca.intermediate(...)`` makes a CA signed
    by this one; ``ca.issue(...)`` makes a leaf certificate (good unless asked otherwise).
    Times are datetimes (naive means UTC) or timedeltas relative to now.
    """

    name: str = "tlsdoctor test root CA"
    key_type: KeyType = "ec256"
    parent: CA | None = None
    not_before: datetime | timedelta | None = None
    not_after: datetime | timedelta | None = None
    sig_hash: SigHash = "sha256"
    path_length: int | None = None
    permitted_dns: tuple[str, ...] = ()  # name constraints (RFC 5280 §4.2.1.10)
    excluded_dns: tuple[str, ...] = ()
    aia_issuer_url: str | None = None  # on an intermediate: where its issuer is published
    key: PrivateKey = field(init=False)
    cert: x509.Certificate = field(init=False)
    _crl_number: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self.key = generate_key(self.key_type)
        subject = _name(self.name)
        issuer_key = self.parent.key if self.parent else self.key
        ski = x509.SubjectKeyIdentifier.from_public_key(self.key.public_key())
        b = (x509.CertificateBuilder()
             .subject_name(subject)
             .issuer_name(self.parent.cert.subject if self.parent else subject)
             .public_key(self.key.public_key())
             .serial_number(_serial(None))
             .not_valid_before(_when(self.not_before, timedelta(days=-1)))
             .not_valid_after(_when(self.not_after, timedelta(days=3650)))
             .add_extension(x509.BasicConstraints(ca=True, path_length=self.path_length),
                            critical=True)
             .add_extension(_key_usage(("digital_signature", "key_cert_sign", "crl_sign")),
                            critical=True)
             .add_extension(ski, critical=False))
        if self.parent is not None:
            b = b.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                self.parent.key.public_key()), critical=False)
        if self.aia_issuer_url:
            b = b.add_extension(x509.AuthorityInformationAccess([x509.AccessDescription(
                AuthorityInformationAccessOID.CA_ISSUERS,
                x509.UniformResourceIdentifier(self.aia_issuer_url))]), critical=False)
        if self.permitted_dns or self.excluded_dns:
            b = b.add_extension(x509.NameConstraints(
                permitted_subtrees=[x509.DNSName(n) for n in self.permitted_dns] or None,
                excluded_subtrees=[x509.DNSName(n) for n in self.excluded_dns] or None),
                critical=True)
        self.cert = _sign(b, issuer_key, self.sig_hash)

    # --- views ---------------------------------------------------------------------------

    @property
    def root(self) -> CA:
        """The self-signed CA at the top of this one's chain."""
        ca = self
        while ca.parent is not None:
            ca = ca.parent
        return ca

    @property
    def chain(self) -> tuple[x509.Certificate, ...]:
        """This CA's certificate and its issuers, excluding the root (empty for a root)."""
        out: list[x509.Certificate] = []
        ca: CA | None = self
        while ca is not None and ca.parent is not None:
            out.append(ca.cert)
            ca = ca.parent
        return tuple(out)

    def write(self, path: str | Path) -> Path:
        """Write this CA's certificate (PEM) to ``path`` (a file, or a directory)."""
        p = Path(path)
        if p.is_dir():
            p = p / f"{_DNS_SAFE.sub('_', self.name)}.pem"
        p.write_bytes(self.cert_pem)
        return p

    # --- issuing -------------------------------------------------------------------------

    def intermediate(self, name: str = "tlsdoctor test intermediate CA", **kw: object) -> CA:
        """A CA signed by this one (same keyword arguments as ``CA``)."""
        kw.setdefault("key_type", "ec256")
        return CA(name=name, parent=self, **kw)  # type: ignore[arg-type]

    def issue(self, names: Sequence[str] = ("localhost",), *, key_type: KeyType = "ec256",
              key: PrivateKey | None = None,
              not_before: datetime | timedelta | None = None,
              not_after: datetime | timedelta | None = None,
              sig_hash: SigHash = "sha256", eku: Sequence[str] = ("serverAuth",),
              key_usage: Sequence[str] | None = None, is_ca: bool = False,
              must_staple: bool = False, aia_issuer_url: str | None = None,
              ocsp_url: str | None = None, crl_url: str | None = None,
              cn_only: bool = False, ip_addresses: Sequence[str] = (),
              subject_cn: str | None = None, serial: int | None = None) -> Leaf:
        """Issue a leaf certificate for ``names`` (DNS names; addresses become IP SANs).

        Defaults make a certificate every client accepts for ``names``; each keyword
        breaks one thing: ``eku=()`` omits extendedKeyUsage, ``key_usage=()`` omits
        keyUsage (None: the usual bits for the key type), ``cn_only`` puts the name only
        in the subject CN (no SAN, rejected by modern clients), ``is_ca`` sets CA:TRUE.
        """
        leaf_key = key if key is not None else generate_key(key_type)
        cert = _build_leaf(
            issuer_name=self.cert.subject, issuer_key=self.key, leaf_key=leaf_key,
            names=names, not_before=not_before, not_after=not_after, sig_hash=sig_hash,
            eku=eku, key_usage=key_usage, is_ca=is_ca, must_staple=must_staple,
            aia_issuer_url=aia_issuer_url, ocsp_url=ocsp_url, crl_url=crl_url,
            cn_only=cn_only, ip_addresses=ip_addresses, subject_cn=subject_cn, serial=serial,
            aki_from=self.key)
        return Leaf(cert=cert, key=leaf_key, chain=(cert, *self.chain), root=self.root.cert)

    # --- revocation ----------------------------------------------------------------------

    def crl(self, revoked: Iterable[int | Leaf | x509.Certificate] = (), *,
            last_update: datetime | timedelta | None = None,
            next_update: datetime | timedelta | None = None,
            revoked_at: datetime | timedelta | None = None) -> bytes:
        """A DER CRL signed by this CA listing ``revoked`` (serials, leaves or certs)."""
        self._crl_number += 1
        when = _when(revoked_at, timedelta(hours=-1))
        b = (x509.CertificateRevocationListBuilder()
             .issuer_name(self.cert.subject)
             .last_update(_when(last_update, timedelta(hours=-1)))
             .next_update(_when(next_update, timedelta(days=7)))
             .add_extension(x509.CRLNumber(self._crl_number), critical=False)
             .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                 self.key.public_key()), critical=False))
        for item in revoked:
            serial = item if isinstance(item, int) else (
                item.serial if isinstance(item, Leaf) else item.serial_number)
            b = b.add_revoked_certificate(x509.RevokedCertificateBuilder()
                                          .serial_number(serial).revocation_date(when).build())
        algorithm = None if isinstance(self.key, ed25519.Ed25519PrivateKey) else hashes.SHA256()
        return b.sign(self.key, algorithm).public_bytes(serialization.Encoding.DER)

    def ocsp_response(self, leaf: Leaf | x509.Certificate,
                      status: Literal["good", "revoked", "unknown"] = "good", *,
                      this_update: datetime | timedelta | None = None,
                      next_update: datetime | timedelta | None = None,
                      revoked_at: datetime | timedelta | None = None) -> bytes:
        """A DER OCSP response (RFC 6960) for ``leaf``, signed directly by this CA.

        This is what ``openssl s_server -status_file`` and nginx ``ssl_stapling_file``
        staple. ``leaf`` must have been issued by this CA.
        """
        cert = leaf.cert if isinstance(leaf, Leaf) else leaf
        cert_status = {"good": ocsp.OCSPCertStatus.GOOD, "revoked": ocsp.OCSPCertStatus.REVOKED,
                       "unknown": ocsp.OCSPCertStatus.UNKNOWN}[status]
        b = ocsp.OCSPResponseBuilder().add_response(
            cert=cert, issuer=self.cert, algorithm=hashes.SHA1(),  # CertID hash: RFC 6960 §4.1.1
            cert_status=cert_status,
            this_update=_when(this_update, timedelta(hours=-1)),
            next_update=_when(next_update, timedelta(days=3)),
            revocation_time=_when(revoked_at, timedelta(days=-1)) if status == "revoked" else None,
            revocation_reason=None,
        ).responder_id(ocsp.OCSPResponderEncoding.HASH, self.cert)
        algorithm = None if isinstance(self.key, ed25519.Ed25519PrivateKey) else hashes.SHA256()
        return b.sign(self.key, algorithm).public_bytes(serialization.Encoding.DER)


def _build_leaf(*, issuer_name: x509.Name, issuer_key: PrivateKey, leaf_key: PrivateKey,
                names: Sequence[str], not_before: datetime | timedelta | None,
                not_after: datetime | timedelta | None, sig_hash: str, eku: Sequence[str],
                key_usage: Sequence[str] | None, is_ca: bool, must_staple: bool,
                aia_issuer_url: str | None, ocsp_url: str | None, crl_url: str | None,
                cn_only: bool, ip_addresses: Sequence[str], subject_cn: str | None,
                serial: int | None, aki_from: PrivateKey | None) -> x509.Certificate:
    if isinstance(names, str):
        names = (names,)  # a lone string is one name, not a sequence of letters
    cn = subject_cn if subject_cn is not None else (names[0] if names else
                                                    (ip_addresses[0] if ip_addresses else ""))
    subject = _name(cn)
    b = (x509.CertificateBuilder()
         .subject_name(subject)
         .issuer_name(subject if aki_from is None else issuer_name)
         .public_key(leaf_key.public_key())
         .serial_number(_serial(serial))
         .not_valid_before(_when(not_before, timedelta(days=-1)))
         .not_valid_after(_when(not_after, timedelta(days=365)))
         .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
         .add_extension(x509.SubjectKeyIdentifier.from_public_key(leaf_key.public_key()),
                        critical=False))
    if aki_from is not None:
        b = b.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
            aki_from.public_key()), critical=False)
    sans = [] if cn_only else _general_names(names, ip_addresses)
    if sans:
        b = b.add_extension(x509.SubjectAlternativeName(sans), critical=False)
    ku = _default_leaf_ku(leaf_key) if key_usage is None else tuple(key_usage)
    if is_ca and key_usage is None:
        ku = (*ku, "key_cert_sign")
    if ku:
        b = b.add_extension(_key_usage(ku), critical=True)
    if eku:
        unknown = set(eku) - set(_EKU)
        if unknown:
            raise ValueError(f"unknown extended key usage: {sorted(unknown)}")
        b = b.add_extension(x509.ExtendedKeyUsage([_EKU[e] for e in eku]), critical=False)
    access = []
    if ocsp_url:
        access.append(x509.AccessDescription(AuthorityInformationAccessOID.OCSP,
                                             x509.UniformResourceIdentifier(ocsp_url)))
    if aia_issuer_url:
        access.append(x509.AccessDescription(AuthorityInformationAccessOID.CA_ISSUERS,
                                             x509.UniformResourceIdentifier(aia_issuer_url)))
    if access:
        b = b.add_extension(x509.AuthorityInformationAccess(access), critical=False)
    if crl_url:
        b = b.add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
            full_name=[x509.UniformResourceIdentifier(crl_url)], relative_name=None,
            reasons=None, crl_issuer=None)]), critical=False)
    if must_staple:  # RFC 7633: TLS Feature extension asking for status_request (5)
        b = b.add_extension(x509.TLSFeature([x509.TLSFeatureType.status_request]),
                            critical=False)
    return _sign(b, issuer_key, sig_hash)


def self_signed(names: Sequence[str] = ("localhost",), *, key_type: KeyType = "ec256",
                not_before: datetime | timedelta | None = None,
                not_after: datetime | timedelta | None = None, sig_hash: SigHash = "sha256",
                eku: Sequence[str] = ("serverAuth",), key_usage: Sequence[str] | None = None,
                is_ca: bool = False, cn_only: bool = False, ip_addresses: Sequence[str] = (),
                subject_cn: str | None = None, serial: int | None = None) -> Leaf:
    """A self-signed leaf (its own issuer); ``chain`` is just the certificate."""
    key = generate_key(key_type)
    cert = _build_leaf(issuer_name=x509.Name([]), issuer_key=key, leaf_key=key, names=names,
                       not_before=not_before, not_after=not_after, sig_hash=sig_hash, eku=eku,
                       key_usage=key_usage, is_ca=is_ca, must_staple=False,
                       aia_issuer_url=None, ocsp_url=None, crl_url=None, cn_only=cn_only,
                       ip_addresses=ip_addresses, subject_cn=subject_cn, serial=serial,
                       aki_from=None)
    return Leaf(cert=cert, key=key, chain=(cert,), root=None)


@dataclass(frozen=True, slots=True)
class SiteFiles:
    """A test server's files: the root a client is given, the chain it serves, its key."""

    root: Path
    chain: Path
    key: Path


def site_files(directory: str | Path, *, root_name: str, stem: str = "site",
               names: Sequence[str] = ("localhost",),
               key_type: KeyType = "rsa2048") -> SiteFiles:
    """A private root and a leaf it issued for ``names``, written under ``directory``."""
    root = CA(name=root_name)
    chain, key = root.issue(names, key_type=key_type).write(directory, stem=stem)
    return SiteFiles(root=root.write(Path(directory) / "root.pem"), chain=chain, key=key)
