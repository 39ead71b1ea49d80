"""Distinguished names from a CertificateRequest (DER X.501 Name) as readable strings.

cryptography has no public loader for a bare DER Name, and the few types a Name uses
are simple, so this decodes them (tlsdoctor.der); any deviation yields a placeholder.
"""

from __future__ import annotations

from cryptography import x509
from cryptography.x509.oid import ObjectIdentifier

from ..der import value as tlv
from ..safe import printable

_STRING_TAGS = {0x0C: "utf-8", 0x13: "ascii", 0x16: "ascii", 0x14: "latin-1", 0x1E: "utf-16-be",
                0x1C: "utf-32-be"}


def _oid(body: bytes) -> str:
    if not body:
        raise ValueError("empty oid")
    parts = [body[0] // 40, body[0] % 40]
    value = 0
    for b in body[1:]:
        value = (value << 7) | (b & 0x7F)
        if not b & 0x80:
            parts.append(value)
            value = 0
    return ".".join(map(str, parts))


def decode_name(data: bytes) -> x509.Name:
    tag, body, end = tlv(data, 0)
    if tag != 0x30 or end != len(data):
        raise ValueError("not a Name")
    rdns = []
    pos = 0
    while pos < len(body):
        tag, rdn, pos = tlv(body, pos)
        if tag != 0x31:
            raise ValueError("not an RDN")
        attrs = []
        rpos = 0
        while rpos < len(rdn):
            tag, atv, rpos = tlv(rdn, rpos)
            otag, oid, vpos = tlv(atv, 0)
            vtag, value, _ = tlv(atv, vpos)
            if tag != 0x30 or otag != 0x06 or vtag not in _STRING_TAGS:
                raise ValueError("unsupported attribute")
            text = value.decode(_STRING_TAGS[vtag], "replace")
            attrs.append(x509.NameAttribute(ObjectIdentifier(_oid(oid)), text, _validate=False))
        rdns.append(x509.RelativeDistinguishedName(attrs))
    return x509.Name(rdns)


def ca_names(ders: tuple[bytes, ...]) -> list[str]:
    """Readable names; one that does not parse is shown by its size."""
    out = []
    for der in ders[:64]:
        try:
            out.append(printable(decode_name(der).rfc4514_string()))
        except (ValueError, TypeError):
            out.append(f"(unparseable name, {len(der)} bytes)")
    return out
