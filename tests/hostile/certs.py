"""Certificates with absurd fields, for the hostile-server suite.

cryptography's builder refuses most absurdities (negative serials, 1,000-byte serials,
impossible dates), so these are built normally, then the TBSCertificate is edited at
the DER level and re-signed with the same key: a peer can send exactly such bytes, and
a correctly signed one reaches further into the analysis than a corrupt one would.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from tlsdoctor import der

__all__ = ["ABSURD", "HOSTILE_TEXT", "absurd_cert", "chain_of", "hostile_subject_cert"]

# Everything a certificate field can carry to attack the reader of a report: ANSI colour
# and cursor control, an OSC 8 hyperlink, HTML, shell metacharacters, a CR/LF header
# injection and a right-to-left override (Trojan Source, CVE-2021-42574).
HOSTILE_TEXT = ("\x1b[31mEVIL\x1b[0m\x1b[2J\x1b]8;;http://evil.example\x07link\x1b]8;;\x07 "
                "<script>alert(1)</script> $(touch /tmp/pwned); `id` | rm -rf ~ && "
                "\r\nX-Injected: 1 \u202egnp.exe\u202c \u2066isolate\u2069 \x00nul \x9b1m")


_KEY = functools.cache(lambda: ec.generate_private_key(ec.SECP256R1()))


def _name(cn: str, *, validate: bool = True, org: str = "tlsdoctor hostile suite") -> x509.Name:
    with warnings.catch_warnings():  # over-long or odd values are the point here
        warnings.simplefilter("ignore")
        return x509.Name([
            x509.NameAttribute(NameOID.COMMON_NAME, cn, _validate=validate),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org, _validate=validate),
        ])


def _build(*, subject: x509.Name | None = None, sans: list[x509.GeneralName] | None = None,
           key: ec.EllipticCurvePrivateKey | None = None) -> x509.Certificate:
    key = key or _KEY()
    subject = subject or _name("localhost")
    now = datetime.now(UTC)
    b = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
         .public_key(key.public_key()).serial_number(0x1234)
         .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=90))
         .add_extension(x509.SubjectAlternativeName(
             sans if sans is not None else [x509.DNSName("localhost")]), critical=False))
    return b.sign(key, hashes.SHA256())


def _edit_tbs(cert: x509.Certificate, edit: Callable[[list[bytes], int], None]) -> bytes:
    """DER of ``cert`` with ``edit(tbs_children, serial_index)`` applied, re-signed."""
    parts = der.children(cert.tbs_certificate_bytes)
    edit(parts, 1 if parts[0][0] == 0xA0 else 0)
    tbs = der.tlv(0x30, b"".join(parts))
    sig = _KEY().sign(tbs, ec.ECDSA(hashes.SHA256()))
    alg = der.children(cert.public_bytes(Encoding.DER))[1]
    return der.tlv(0x30, tbs + alg + der.tlv(0x03, b"\x00" + sig))


def _set_serial(content: bytes) -> Callable[[list[bytes], int], None]:
    def edit(parts: list[bytes], i: int) -> None:
        parts[i] = der.tlv(0x02, content)
    return edit


def _set_validity(not_before: bytes, not_after: bytes) -> Callable[[list[bytes], int], None]:
    def edit(parts: list[bytes], i: int) -> None:
        parts[i + 3] = der.tlv(0x30, not_before + not_after)
    return edit


def _utc(text: str) -> bytes:
    return der.tlv(0x17, text.encode())


def _gen(text: str) -> bytes:
    return der.tlv(0x18, text.encode())


def _absurd(kind: str) -> bytes:
    base = _build()
    match kind:
        case "huge_serial":  # RFC 5280 §4.1.2.2 allows 20 octets; this is 1,000
            return _edit_tbs(base, _set_serial(b"\x7f" + b"\xff" * 999))
        case "negative_serial":  # RFC 5280 §4.1.2.2: MUST be positive
            return _edit_tbs(base, _set_serial(b"\x80\x00\x00\x01"))
        case "zero_length_serial":  # not even valid DER: INTEGER with no content
            return _edit_tbs(base, _set_serial(b""))
        case "impossible_dates":  # month 13, hour 25: syntactically a UTCTime, never a time
            return _edit_tbs(base, _set_validity(_utc("991332257999Z"), _utc("000000000000Z")))
        case "reversed_dates":  # notAfter before notBefore
            return _edit_tbs(base, _set_validity(_utc("300101000000Z"), _utc("200101000000Z")))
        case "extreme_dates":  # year 1 to year 9999: datetime arithmetic edges
            return _edit_tbs(base, _set_validity(_gen("00010101000000Z"),
                                                 _gen("99991231235959Z")))
        case "sans_10000":
            sans: list[x509.GeneralName] = [x509.DNSName(f"h{i}.example") for i in range(10_000)]
            return _build(sans=sans).public_bytes(Encoding.DER)
        case "nul_in_names":  # the 2009 "null prefix" attack (Marlinspike), in CN and SAN
            return _build(subject=_name("localhost\x00.evil.example", validate=False),
                          sans=[x509.DNSName("localhost\x00.evil.example")]).public_bytes(
                              Encoding.DER)
        case "hostile_subject":
            return hostile_subject_cert().public_bytes(Encoding.DER)
        case "not_der":
            return b"\x30\x82\xff\xff" + b"<script>\x1b[2J" * 20
    raise ValueError(f"unknown absurd certificate {kind!r}")


ABSURD = ("huge_serial", "negative_serial", "zero_length_serial", "impossible_dates",
          "reversed_dates", "extreme_dates", "sans_10000", "nul_in_names", "hostile_subject",
          "not_der")


@functools.cache
def absurd_cert(kind: str) -> bytes:
    """DER of one absurd certificate (cached: the 10,000-SAN one takes a moment)."""
    return _absurd(kind)


def hostile_subject_cert(key: ec.EllipticCurvePrivateKey | None = None) -> x509.Certificate:
    """A self-signed certificate whose subject, issuer and SANs carry ``HOSTILE_TEXT``.

    The DNS SAN keeps ``localhost`` first so the handshake itself is ordinary.
    """
    with warnings.catch_warnings():  # the over-long CN is the point
        warnings.simplefilter("ignore")
        name = x509.Name([
            x509.NameAttribute(NameOID.COMMON_NAME, HOSTILE_TEXT, _validate=False),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "<b>Org</b>\x1b[5m\u202eLTD",
                               _validate=False),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "a;b|c`d`$(e)\ndone"),
        ])
    return _build(subject=name, key=key, sans=[
        x509.DNSName("localhost"), x509.DNSName("evil\x1b[31m.example"),
        x509.DNSName("$(touch /tmp/pwned).example"), x509.DNSName("a;b`id`'q\".example"),
        x509.UniformResourceIdentifier("javascript:alert(1)"),
        x509.RFC822Name("<script>@evil.example")])


@functools.cache
def chain_of(n: int) -> tuple[bytes, ...]:
    """DER of a linked chain of ``n`` certificates: leaf first, each signed by the next."""
    keys = [ec.generate_private_key(ec.SECP256R1()) for _ in range(n)]
    now = datetime.now(UTC)
    out: list[bytes] = []
    for i in range(n):
        subject = _name("localhost" if i == 0 else f"hostile CA {i}")
        issuer = _name(f"hostile CA {i + 1}" if i + 1 < n else f"hostile CA {i}")
        signer = keys[i + 1] if i + 1 < n else keys[i]
        b = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
             .public_key(keys[i].public_key()).serial_number(i + 1)
             .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=90))
             .add_extension(x509.BasicConstraints(ca=i > 0, path_length=None), critical=True))
        if i == 0:
            b = b.add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]),
                                critical=False)
        out.append(b.sign(signer, hashes.SHA256()).public_bytes(Encoding.DER))
    return tuple(out)
