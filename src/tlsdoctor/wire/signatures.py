"""Does the server hold its certificate's key? Checks of the server's handshake signatures.

What belongs here: pure functions that verify, with the leaf certificate's public key,
the one signature a server makes in a handshake we drive:

- TLS 1.3 CertificateVerify (RFC 8446 §4.4.3): the signed content is 64 spaces, the
  context string "TLS 1.3, server CertificateVerify", one 0x00 byte, then
  Transcript-Hash(ClientHello .. Certificate);
- TLS <= 1.2 ServerKeyExchange (RFC 5246 §7.4.3, RFC 8422 §5.4, RFC 4346 §7.4.3):
  the signed content is client_random + server_random + params. TLS 1.2 names the
  scheme; TLS 1.0/1.1 and SSL 3.0 do not: RSA signs MD5(content) || SHA-1(content)
  with PKCS #1 v1.5 and no DigestInfo (RFC 4346 §7.4.3, RFC 6101 §5.6.7), ECDSA and
  DSA sign SHA-1(content) (RFC 4492 §5.4, RFC 4346 §7.4.3).

Every function answers True (the signature verifies), False (it does not: the key that
signed is not the certificate's, or the bytes were altered) or None (cannot be checked:
unknown or unsupported scheme, a certificate or key we cannot parse). No clock, no I/O.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed

__all__ = [
    "TLS13_SERVER_CONTEXT",
    "certificate_verify_content",
    "leaf_public_key",
    "server_key_exchange_content",
    "verify_certificate_verify",
    "verify_scheme",
    "verify_server_key_exchange",
]

# RFC 8446 §4.4.3: the context string of a server's CertificateVerify.
TLS13_SERVER_CONTEXT = b"TLS 1.3, server CertificateVerify"
MAX_SIGNATURE = 2048  # bytes: RSA-16384 is 2048; anything longer is not a real signature

_HASHES: dict[int, Callable[[], hashes.HashAlgorithm]] = {
    # TLS 1.2 HashAlgorithm byte (RFC 5246 §7.4.1.4.1) -> hash
    1: hashes.MD5,
    2: hashes.SHA1,
    3: hashes.SHA224,
    4: hashes.SHA256,
    5: hashes.SHA384,
    6: hashes.SHA512,
}
_HashFactory = Callable[[], hashes.HashAlgorithm]
# RFC 8446 §4.2.3 RSASSA-PSS schemes (IANA "TLS SignatureScheme") -> hash
_PSS: dict[int, _HashFactory] = {
    0x0804: hashes.SHA256, 0x0805: hashes.SHA384, 0x0806: hashes.SHA512,  # rsa_pss_rsae_*
    0x0809: hashes.SHA256, 0x080A: hashes.SHA384, 0x080B: hashes.SHA512,  # rsa_pss_pss_*
}
# RFC 8734 §2: ecdsa_brainpoolP{256,384,512}r1tls13_sha{256,384,512}
_BRAINPOOL: dict[int, _HashFactory] = {
    0x081A: hashes.SHA256, 0x081B: hashes.SHA384, 0x081C: hashes.SHA512,
}
_ED25519, _ED448 = 0x0807, 0x0808


def certificate_verify_content(transcript_hash: bytes) -> bytes:
    """The bytes a TLS 1.3 server signs in CertificateVerify (RFC 8446 §4.4.3)."""
    return b"\x20" * 64 + TLS13_SERVER_CONTEXT + b"\x00" + transcript_hash


def server_key_exchange_content(client_random: bytes, server_random: bytes,
                                params: bytes) -> bytes:
    """The bytes a TLS <= 1.2 server signs in ServerKeyExchange (RFC 5246 §7.4.3)."""
    return client_random + server_random + params


# A scan sends hundreds of probes to one server, all with the same leaf: parse it once.
# Bounded (8 leaves, each capped by the session's byte cap).
@functools.lru_cache(maxsize=8)
def leaf_public_key(cert_der: bytes) -> CertificatePublicKeyTypes | None:
    """The public key of a DER certificate; None if it (or its key) does not parse."""
    try:
        return x509.load_der_x509_certificate(cert_der).public_key()
    except (ValueError, TypeError, UnsupportedAlgorithm):
        return None


def _check(verify: object, *args: object) -> bool:
    try:
        verify(*args)  # type: ignore[operator]
    except (InvalidSignature, ValueError):
        # ValueError: a malformed signature (bad DER in ECDSA, wrong length): not a
        # signature by this key either.
        return False
    return True


def verify_scheme(key: CertificatePublicKeyTypes, scheme: int, signature: bytes,
                  content: bytes) -> bool | None:
    """Verify ``signature`` over ``content`` with ``key`` under a TLS SignatureScheme.

    A scheme of another key type than the certificate's (an ECDSA signature from an RSA
    certificate) is False: whatever signed, it was not this key. None: a scheme we do
    not implement (SM2, GOST, the TLS 1.3 PKCS #1 draft codes...).
    """
    if len(signature) > MAX_SIGNATURE:
        return False
    try:
        return _verify_scheme(key, scheme, signature, content)
    except UnsupportedAlgorithm:
        return None  # e.g. MD5 or DSA missing from this OpenSSL build


def _verify_scheme(key: CertificatePublicKeyTypes, scheme: int, signature: bytes,
                   content: bytes) -> bool | None:
    if scheme in _PSS:
        if not isinstance(key, rsa.RSAPublicKey):
            return False
        h = _PSS[scheme]()
        # RFC 8446 §4.2.3: MGF1 with the same hash, salt as long as the digest.
        pss = padding.PSS(mgf=padding.MGF1(h), salt_length=h.digest_size)
        return _check(key.verify, signature, content, pss, h)
    if scheme == _ED25519:
        if not isinstance(key, ed25519.Ed25519PublicKey):
            return False
        return _check(key.verify, signature, content)
    if scheme == _ED448:
        if not isinstance(key, ed448.Ed448PublicKey):
            return False
        return _check(key.verify, signature, content)
    if scheme in _BRAINPOOL:
        if not isinstance(key, ec.EllipticCurvePublicKey):
            return False
        return _check(key.verify, signature, content, ec.ECDSA(_BRAINPOOL[scheme]()))
    hash_byte, sig_byte = scheme >> 8, scheme & 0xFF
    if hash_byte not in _HASHES or sig_byte not in (1, 2, 3):
        return None  # not a TLS 1.2 (hash, signature) pair we know
    h = _HASHES[hash_byte]()
    if sig_byte == 1:  # rsa: RSASSA-PKCS1-v1_5 (RFC 5246 §4.7)
        if not isinstance(key, rsa.RSAPublicKey):
            return False
        return _check(key.verify, signature, content, padding.PKCS1v15(), h)
    if sig_byte == 2:  # dsa
        if not isinstance(key, dsa.DSAPublicKey):
            return False
        return _check(key.verify, signature, content, h)
    if not isinstance(key, ec.EllipticCurvePublicKey):  # ecdsa
        return False
    return _check(key.verify, signature, content, ec.ECDSA(h))


def _verify_legacy(key: CertificatePublicKeyTypes, signature: bytes,
                   content: bytes) -> bool | None:
    """TLS 1.0/1.1 and SSL 3.0: no scheme on the wire; the key type decides."""
    if len(signature) > MAX_SIGNATURE:
        return False
    if isinstance(key, rsa.RSAPublicKey):
        # RFC 4346 §7.4.3: MD5 || SHA-1, PKCS #1 v1.5 block type 1 without DigestInfo.
        expected = hashlib.md5(content, usedforsecurity=False).digest()
        expected += hashlib.sha1(content, usedforsecurity=False).digest()
        try:
            recovered = key.recover_data_from_signature(signature, padding.PKCS1v15(), None)
        except (InvalidSignature, ValueError):
            return False
        return recovered == expected
    sha1 = hashlib.sha1(content, usedforsecurity=False).digest()
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):  # RFC 4492 §5.4: ECDSA over SHA-1
            return _check(key.verify, signature, sha1, ec.ECDSA(Prehashed(hashes.SHA1())))
        if isinstance(key, dsa.DSAPublicKey):
            return _check(key.verify, signature, sha1, Prehashed(hashes.SHA1()))
    except UnsupportedAlgorithm:
        return None
    return None  # Ed25519 and friends never signed a TLS <= 1.1 ServerKeyExchange


def verify_certificate_verify(cert_der: bytes, scheme: int, signature: bytes,
                              transcript_hash: bytes) -> bool | None:
    """A TLS 1.3 server CertificateVerify, checked with the leaf ``cert_der``.

    ``transcript_hash`` is Transcript-Hash(ClientHello .. Certificate) with the suite's
    hash (RFC 8446 §4.4.1). None: the certificate or the scheme cannot be checked.
    """
    key = leaf_public_key(cert_der)
    if key is None:
        return None
    return verify_scheme(key, scheme, signature, certificate_verify_content(transcript_hash))


def verify_server_key_exchange(cert_der: bytes, *, scheme: int | None, signature: bytes,
                               client_random: bytes, server_random: bytes,
                               params: bytes) -> bool | None:
    """A TLS <= 1.2 ServerKeyExchange signature, checked with the leaf ``cert_der``.

    ``scheme`` is the TLS 1.2 SignatureAndHashAlgorithm, None for TLS 1.0/1.1 and
    SSL 3.0 (the legacy MD5+SHA-1 / SHA-1 signatures). ``params`` are the signed
    parameters exactly as sent. None: nothing we can check (no signature, anonymous
    key exchange, unknown scheme, unparseable certificate).
    """
    if not signature:
        return None
    key = leaf_public_key(cert_der)
    if key is None:
        return None
    content = server_key_exchange_content(client_random, server_random, params)
    if scheme is None:
        return _verify_legacy(key, signature, content)
    return verify_scheme(key, scheme, signature, content)
