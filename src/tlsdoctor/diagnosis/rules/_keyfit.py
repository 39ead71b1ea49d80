"""Can this client use the server's certificate key at all? (read by cipher_suite_mismatch)

A server signs the handshake with its certificate's key, with a signature scheme the client
offered (TLS 1.3: RFC 8446 §4.2.3, each ECDSA scheme bound to one curve; TLS 1.2: RFC 5246
§7.4.1.4.1 signature_algorithms, and RFC 8422 §5.1 the ECDSA key's curve among the client's
supported groups; TLS 1.0/1.1: RSA or ECDSA only). A key no scheme of the client's fits
fails every handshake with that client whatever the suites: an Ed25519 leaf for Java 8 or
an old Windows, a P-521 leaf for Chrome (no ecdsa_secp521r1_sha512, no secp521r1 group), an
RSA-PSS (id-RSASSA-PSS) leaf for a client without rsa_pss_pss_* schemes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...evidence import Evidence
from ...pki.certinfo import sha256_hex, signing_key
from ...probe.outcome import Exchange
from ...wire.suites import CIPHER_SUITES

if TYPE_CHECKING:  # a type only: judging a capture never loads the client profiles
    from ...clients.profile import ClientProfile

TLS13, TLS12 = 0x0304, 0x0303
_ECDSA_ANY = frozenset({0x0403, 0x0503, 0x0603, 0x0203})
_RSA_13 = frozenset({0x0804, 0x0805, 0x0806})
_RSA_12 = _RSA_13 | {0x0401, 0x0501, 0x0601, 0x0201, 0x0301}
_PSS_PSS = frozenset({0x0809, 0x080A, 0x080B})
# curve name (cryptography's) -> (its TLS 1.3 scheme, its supported_groups code)
# (RFC 8734 for the brainpool schemes and RFC 7027 for their TLS 1.2 groups)
_CURVES = {"secp256r1": (0x0403, 0x0017), "secp384r1": (0x0503, 0x0018),
           "secp521r1": (0x0603, 0x0019), "brainpoolP256r1": (0x081A, 0x001A),
           "brainpoolP384r1": (0x081B, 0x001B), "brainpoolP512r1": (0x081C, 0x001C)}
_NAMES = {"secp256r1": "ECDSA P-256", "secp384r1": "ECDSA P-384", "secp521r1": "ECDSA P-521"}


def key_name(kind: str) -> str:
    """"ECDSA P-521", "Ed25519", "RSA-PSS", ... for a ``signing_key`` kind."""
    return _NAMES.get(kind[3:], f"ECDSA {kind[3:]}") if kind.startswith("EC ") else kind


def _fits(kind: str, version: int, c: ClientProfile) -> bool:
    schemes = set(c.signature_algorithms)
    if kind.startswith("EC "):
        curve = _CURVES.get(kind[3:])
        if curve is None:
            return True  # a curve this table does not know: not this check's to claim
        if version >= TLS13:
            return curve[0] in schemes
        in_groups = not c.groups or curve[1] in c.groups
        ecdsa_suite = any(getattr(CIPHER_SUITES.get(s), "auth", "") == "ECDSA"
                          for s in c.cipher_suites)
        return in_groups and ecdsa_suite and (version < TLS12 or not schemes
                                              or bool(schemes & _ECDSA_ANY))
    if kind == "Ed25519":
        return version >= TLS12 and 0x0807 in schemes
    if kind == "Ed448":
        return version >= TLS12 and 0x0808 in schemes
    if kind == "RSA-PSS":
        return version >= TLS12 and bool(schemes & _PSS_PSS)
    if kind == "RSA":
        if version >= TLS13:
            return bool(schemes & _RSA_13)
        return version < TLS12 or not schemes or bool(schemes & _RSA_12) or any(
            getattr(CIPHER_SUITES.get(s), "kx", "") == "RSA" for s in c.cipher_suites)
    return True  # DSA and the rest: not this check's question


def unusable_key(client: ClientProfile | None, works: Exchange) -> str | None:
    """The certificate key (``key_name``) the working probe got that none of the client's
    versions can use with its signature schemes, groups and suites; None: usable, or not
    known (no profile lists, no certificate)."""
    if client is None or not client.signature_algorithms or not works.certificates:
        return None
    kind = signing_key(works.certificates[0])
    if kind is None or any(_fits(kind, v, client) for v in client.versions):
        return None
    return key_name(kind)


def other_certificate(ev: Evidence, leaf_sha256: str) -> tuple[str, int] | None:
    """(its key, certificates sent) of another leaf the same server sent for the same name
    (a server with an RSA and an ECDSA certificate answers each client with the one its
    suites and signature schemes fit: nginx, Apache and HAProxy all do); None: one only."""
    sni = ev.baseline.offer.sni if ev.probes else None
    for p in ev.probes:
        if not p.certificates or p.offer.sni != sni or sha256_hex(p.certificates[0]) == leaf_sha256:
            continue
        kind = signing_key(p.certificates[0])
        if kind is not None:
            return key_name(kind), len(p.certificates)
    return None
