"""One certificate, described: the facts every report and finding names it by.

Also the tolerant loaders: PEM, DER and PKCS#7 bundles, where a broken certificate
becomes a ``BadCertificate`` record instead of an exception. Every string taken from a
certificate is untrusted data; renderers escape it (tlsdoctor.safe).
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography import x509

# cryptography is imported by the functions that use it, not here: its x509 package is
# the largest import of a capture's run (~30 ms), and a capture without a certificate
# (TLS 1.3, a bulk transfer) never needs it (tests/ingest/test_pcap_lazy_crypto.py).

# A certificate, DER, is rarely over 10 KiB; a bundle of 200 is already absurd.
MAX_CERTS = 200
MAX_INPUT = 8 * 1024 * 1024

_PEM_BLOCK = re.compile(rb"-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----(.*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----",
                        re.S)
_PKCS7_BLOCK = re.compile(rb"-----BEGIN PKCS7-----(.*?)-----END PKCS7-----", re.S)
_PEM_LABEL = re.compile(rb"-----BEGIN ([A-Z0-9 ]{1,40})-----")


@dataclass(frozen=True, slots=True, kw_only=True)
class BadCertificate:
    """Bytes that were supposed to be a certificate but cannot be parsed."""

    index: int  # position in the input
    size: int
    sha256: str  # of the raw bytes, so the user can find the blob
    error: str


def sha256_hex(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest().upper()


def name_str(name: x509.Name) -> str:
    """RFC 4514 string; never raises (odd attribute encodings fall back to repr)."""
    try:
        return name.rfc4514_string()
    except Exception:  # malformed attribute values in a hostile certificate
        return repr(name)


def short_name(name: x509.Name) -> str:
    """The CN if any, else the whole name: how people call a certificate."""
    from cryptography.x509.oid import NameOID

    try:
        cns = name.get_attributes_for_oid(NameOID.COMMON_NAME)
        if cns:
            v = cns[0].value
            return v if isinstance(v, str) else v.decode("latin-1")
    except Exception:
        pass
    return name_str(name)


def utc(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def key_description(cert: x509.Certificate) -> tuple[str, int]:
    """("RSA", 2048), ("EC secp256r1", 256), ("Ed25519", 256), ("DSA", 1024)..."""
    from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa

    try:
        key = cert.public_key()
    except Exception:
        return ("unknown", 0)
    if isinstance(key, rsa.RSAPublicKey):
        return ("RSA", key.key_size)
    if isinstance(key, ec.EllipticCurvePublicKey):
        return (f"EC {key.curve.name}", key.curve.key_size)
    if isinstance(key, ed25519.Ed25519PublicKey):
        return ("Ed25519", 256)
    if isinstance(key, ed448.Ed448PublicKey):
        return ("Ed448", 456)
    if isinstance(key, dsa.DSAPublicKey):
        return ("DSA", key.key_size)
    return (type(key).__name__, 0)


# RFC 4055 §1.2 id-RSASSA-PSS: an RSA key that may sign only with RSASSA-PSS (TLS 1.3's
# rsa_pss_pss_* schemes, RFC 8446 §4.2.3), which cryptography loads as a plain RSA key.
_RSASSA_PSS = "1.2.840.113549.1.1.10"


def signing_key(der: bytes) -> str | None:
    """The key a served certificate signs the handshake with, as ``key_description``
    names it, with "RSA-PSS" for an id-RSASSA-PSS key; None: not a parsable certificate."""
    from cryptography import x509 as _x509

    try:
        cert = _x509.load_der_x509_certificate(der)
        if cert.public_key_algorithm_oid.dotted_string == _RSASSA_PSS:
            return "RSA-PSS"
    except Exception:
        return None
    kind, _bits = key_description(cert)
    return None if kind == "unknown" else kind


def signature_hash(cert: x509.Certificate) -> str:
    """"sha256", "sha1", "md5", "ed25519"..., from the signature algorithm OID."""
    try:
        algo = cert.signature_hash_algorithm
    except Exception:  # unsupported (e.g. MD2) or unknown OID
        algo = None
    if algo is not None:
        return algo.name.lower()
    oid = cert.signature_algorithm_oid
    name = getattr(oid, "_name", "") or oid.dotted_string
    low = name.lower()
    for h in ("md2", "md4", "md5", "sha1", "sha224", "sha256", "sha384", "sha512"):
        if h in low:
            return h
    if "ed25519" in low:
        return "ed25519"
    if "ed448" in low:
        return "ed448"
    return low or "unknown"


def quiet(fn: Any) -> Any:
    """Run ``fn`` without cryptography's deprecation warnings: real-world oddities in
    certificates (non-positive serials...) are reported as findings, not stderr noise."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from cryptography.utils import CryptographyDeprecationWarning

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CryptographyDeprecationWarning)
            return fn(*args, **kwargs)

    return wrapper


@quiet
def ext(cert: x509.Certificate, cls: type[Any]) -> Any:
    """The extension value of type ``cls``, or None (absent or undecodable)."""
    from cryptography import x509

    try:
        return cert.extensions.get_extension_for_class(cls).value
    except x509.ExtensionNotFound:
        return None
    except Exception:  # duplicate or malformed extension
        return None


def san_names(cert: x509.Certificate) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(DNS names, IP addresses) from subjectAltName."""
    from cryptography import x509

    san = ext(cert, x509.SubjectAlternativeName)
    if san is None:
        return ((), ())
    dns = tuple(str(n) for n in san.get_values_for_type(x509.DNSName))
    ips = tuple(str(ipaddress.ip_address(i)) for i in san.get_values_for_type(x509.IPAddress)
                if isinstance(i, ipaddress.IPv4Address | ipaddress.IPv6Address))
    return dns, ips


def is_ca(cert: x509.Certificate) -> bool:
    from cryptography import x509

    bc = ext(cert, x509.BasicConstraints)
    return bool(bc and bc.ca)


def is_self_issued(cert: x509.Certificate) -> bool:
    return cert.subject == cert.issuer


def signed_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    """Whether ``issuer``'s key verifies ``cert``'s signature (any hash, even weak ones)."""
    if cert.issuer != issuer.subject:
        return False
    try:
        cert.verify_directly_issued_by(issuer)
        return True
    except Exception:
        pass
    # verify_directly_issued_by refuses some weak algorithms; check by hand for RSA/EC.
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    try:
        key = issuer.public_key()
        algo = cert.signature_hash_algorithm
        if algo is None:
            return False
        if isinstance(key, rsa.RSAPublicKey):
            from cryptography.hazmat.primitives.asymmetric import padding
            key.verify(cert.signature, cert.tbs_certificate_bytes, padding.PKCS1v15(), algo)
            return True
        if isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(cert.signature, cert.tbs_certificate_bytes, ec.ECDSA(algo))
            return True
    except Exception:
        return False
    return False


def is_self_signed(cert: x509.Certificate) -> bool:
    return is_self_issued(cert) and signed_by(cert, cert)


def eku_names(cert: x509.Certificate) -> tuple[str, ...] | None:
    """EKU purposes by name; None when the extension is absent (any purpose allowed)."""
    from cryptography import x509
    from cryptography.x509.oid import ExtendedKeyUsageOID

    eku = ext(cert, x509.ExtendedKeyUsage)
    if eku is None:
        return None
    names = {ExtendedKeyUsageOID.SERVER_AUTH: "serverAuth",
             ExtendedKeyUsageOID.CLIENT_AUTH: "clientAuth",
             ExtendedKeyUsageOID.CODE_SIGNING: "codeSigning",
             ExtendedKeyUsageOID.EMAIL_PROTECTION: "emailProtection",
             ExtendedKeyUsageOID.TIME_STAMPING: "timeStamping",
             ExtendedKeyUsageOID.OCSP_SIGNING: "OCSPSigning",
             ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE: "anyExtendedKeyUsage"}
    return tuple(names.get(o, o.dotted_string) for o in eku)


@dataclass(frozen=True, slots=True, kw_only=True)
class CertInfo:
    """The facts about one certificate that reports show and findings cite."""

    subject: str
    issuer: str
    common_name: str
    serial: str  # hex, as OpenSSL prints it
    sha256: str  # fingerprint of the DER, upper-case hex
    not_before: datetime
    not_after: datetime
    key_type: str
    key_bits: int
    signature_hash: str
    dns_names: tuple[str, ...]
    ip_addresses: tuple[str, ...]
    is_ca: bool
    self_signed: bool
    eku: tuple[str, ...] | None  # None: no EKU extension
    ocsp_urls: tuple[str, ...]
    ca_issuer_urls: tuple[str, ...]
    crl_urls: tuple[str, ...]
    must_staple: bool
    source: str = "served"  # "served", "store:<name>", "aia:<url>", "file"

    @classmethod
    @quiet
    def of(cls, cert: x509.Certificate, *, source: str = "served") -> CertInfo:
        from cryptography.hazmat.primitives import serialization

        der = cert.public_bytes(serialization.Encoding.DER)
        key_type, bits = key_description(cert)
        dns, ips = san_names(cert)
        return cls(subject=name_str(cert.subject), issuer=name_str(cert.issuer),
                   common_name=short_name(cert.subject),
                   serial=f"{cert.serial_number:X}", sha256=sha256_hex(der),
                   not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc,
                   key_type=key_type, key_bits=bits, signature_hash=signature_hash(cert),
                   dns_names=dns, ip_addresses=ips, is_ca=is_ca(cert),
                   self_signed=is_self_signed(cert), eku=eku_names(cert),
                   ocsp_urls=aia_urls(cert, ocsp=True), ca_issuer_urls=aia_urls(cert, ocsp=False),
                   crl_urls=crl_urls(cert), must_staple=must_staple(cert), source=source)

    @property
    def label(self) -> str:
        """How findings name the certificate: CN, serial and a fingerprint prefix."""
        return f"'{self.common_name}' (serial {self.serial}, SHA-256 {self.sha256[:16]}…)"

    def to_json(self) -> dict[str, Any]:
        return {"subject": self.subject, "issuer": self.issuer, "common_name": self.common_name,
                "serial": self.serial, "sha256": self.sha256,
                "not_before": self.not_before.isoformat(), "not_after": self.not_after.isoformat(),
                "key_type": self.key_type, "key_bits": self.key_bits,
                "key": f"{self.key_type} {self.key_bits}",
                "signature_hash": self.signature_hash, "dns_names": list(self.dns_names),
                "ip_addresses": list(self.ip_addresses), "is_ca": self.is_ca,
                "self_signed": self.self_signed,
                "eku": list(self.eku) if self.eku is not None else None,
                "ocsp_urls": list(self.ocsp_urls), "ca_issuer_urls": list(self.ca_issuer_urls),
                "crl_urls": list(self.crl_urls), "must_staple": self.must_staple,
                "source": self.source}


def aia_urls(cert: x509.Certificate, *, ocsp: bool) -> tuple[str, ...]:
    from cryptography import x509
    from cryptography.x509.oid import AuthorityInformationAccessOID

    aia = ext(cert, x509.AuthorityInformationAccess)
    if aia is None:
        return ()
    want = AuthorityInformationAccessOID.OCSP if ocsp else AuthorityInformationAccessOID.CA_ISSUERS
    return tuple(d.access_location.value for d in aia
                 if d.access_method == want
                 and isinstance(d.access_location, x509.UniformResourceIdentifier))


def crl_urls(cert: x509.Certificate) -> tuple[str, ...]:
    from cryptography import x509

    cdp = ext(cert, x509.CRLDistributionPoints)
    if cdp is None:
        return ()
    out: list[str] = []
    for dp in cdp:
        for n in dp.full_name or ():
            if isinstance(n, x509.UniformResourceIdentifier):
                out.append(n.value)
    return tuple(out)


def must_staple(cert: x509.Certificate) -> bool:
    """RFC 7633 TLS Feature extension listing status_request (5) or status_request_v2 (17)."""
    from cryptography import x509

    feat = ext(cert, x509.TLSFeature)
    return bool(feat) and any(f in (x509.TLSFeatureType.status_request,
                                    x509.TLSFeatureType.status_request_v2) for f in feat)


def to_pem(certs: Sequence[x509.Certificate]) -> str:
    from cryptography.hazmat.primitives import serialization

    return "".join(c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in certs)


def load_der(der: bytes) -> x509.Certificate:
    """Parse DER; real-world oddities (negative serials...) are accepted without warnings,
    which the caller reports as findings rather than noise on stderr."""
    from cryptography import x509

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return x509.load_der_x509_certificate(der)


def load_der_list(chain_der: Sequence[bytes]) -> tuple[list[x509.Certificate | BadCertificate], int]:
    """Parse each DER blob; returns the list (bad ones as BadCertificate) and how many were dropped."""
    out: list[x509.Certificate | BadCertificate] = []
    for i, der in enumerate(chain_der[:MAX_CERTS]):
        try:
            cert = load_der(bytes(der))
            CertInfo.of(cert)  # touch every field now, so later code meets no lazy-parse error
            cert.subject.public_bytes()
            cert.issuer.public_bytes()
            out.append(cert)
        except Exception as exc:
            out.append(BadCertificate(index=i, size=len(der), sha256=sha256_hex(bytes(der)),
                                      error=str(exc)[:200] or type(exc).__name__))
    return out, max(0, len(chain_der) - MAX_CERTS)


def load_any(data: bytes) -> list[x509.Certificate | BadCertificate]:
    """Certificates from PEM (one or more blocks), PKCS#7 (PEM or DER) or a single DER."""
    from cryptography import x509

    data = data[:MAX_INPUT]
    blocks = _PEM_BLOCK.findall(data)
    if blocks:
        ders: list[bytes] = []
        out: list[x509.Certificate | BadCertificate] = []
        for i, b in enumerate(blocks[:MAX_CERTS]):
            try:
                ders.append(base64.b64decode(b"".join(b.split()), validate=True))
            except Exception as exc:
                out.append(BadCertificate(index=i, size=len(b), sha256=sha256_hex(b),
                                          error=f"bad base64: {exc}"))
                continue
        parsed, _ = load_der_list(ders)
        return out + parsed
    # Imported here: cryptography's pkcs7 module loads the email package (S/MIME), a
    # noticeable share of start-up, and PKCS#7 input is rare.
    from cryptography.hazmat.primitives.serialization import pkcs7

    p7 = _PKCS7_BLOCK.search(data)
    if p7:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return list[x509.Certificate | BadCertificate](
                    pkcs7.load_pem_pkcs7_certificates(data)[:MAX_CERTS])
        except Exception as exc:
            return [BadCertificate(index=0, size=len(data), sha256=sha256_hex(data),
                                   error=f"bad PKCS#7: {exc}")]
    # Nothing a DER parser's words would explain: an empty file, PEM blocks of other kinds
    # (a key, a CSR) named by their labels.
    if not data.strip():
        return [BadCertificate(index=0, size=len(data), sha256=sha256_hex(data),
                               error="empty file")]
    labels = sorted({m.decode("ascii", "replace") for m in _PEM_LABEL.findall(data)})
    cut = next((n for n in ("CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE", "PKCS7")
                if n in labels), None)
    if cut is not None:  # its BEGIN line without its END line (_PEM_BLOCK): cut short
        return [BadCertificate(index=0, size=len(data), sha256=sha256_hex(data),
                               error=f"a PEM block without its -----END {cut}----- line "
                                     "(the file is cut short)")]
    if labels:
        return [BadCertificate(index=0, size=len(data), sha256=sha256_hex(data),
                               error=f"only PEM blocks of other kinds: {', '.join(labels[:5])}")]
    try:
        return [load_der(data)]
    except Exception as der_exc:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return list[x509.Certificate | BadCertificate](
                    pkcs7.load_der_pkcs7_certificates(data)[:MAX_CERTS])
        except Exception:
            return [BadCertificate(index=0, size=len(data), sha256=sha256_hex(data),
                                   error=f"not a PEM, DER or PKCS#7 certificate: {der_exc}"[:200])]
