"""TLS 1.3 client-side cryptography, sans-IO: key shares, key schedule, record protection.

What belongs here: exactly the math a client needs to read the server's encrypted
handshake flight (EncryptedExtensions, CertificateRequest, Certificate,
CertificateVerify, Finished) -- RFC 8446 §4.4.1 (transcript), §5.2-5.3 (record
protection), §7.1 (key schedule), §7.3 (traffic keys), §7.4 (ECDHE). No sockets, no
clock, no randomness except the ``rng`` callable the caller passes in, so tests can
replay RFC 8448 byte for byte.

What does not belong here: message parsing (hello.py, messages.py) and the state
machine (session.py). tlsdoctor never sends Finished or application data, so the
client write side and the application traffic keys are left out on purpose, except
what the RFC 8448 vectors need to cross-check the schedule.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache
from typing import TypeAlias

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric import ec, x448, x25519
from cryptography.hazmat.primitives.ciphers.aead import AESCCM, AESGCM, ChaCha20Poly1305
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

Rng = Callable[[int], bytes]

# RFC 8446 §5.1: TLSPlaintext/TLSInnerPlaintext are at most 2^14 bytes; §5.2: a
# TLSCiphertext fragment may exceed that by at most 256 (the AEAD expansion).
MAX_PLAINTEXT = 2**14
MAX_CIPHERTEXT = MAX_PLAINTEXT + 256


class Alert(IntEnum):
    """The alert descriptions this module can blame (RFC 8446 §6.2)."""

    UNEXPECTED_MESSAGE = 10
    BAD_RECORD_MAC = 20
    RECORD_OVERFLOW = 22
    HANDSHAKE_FAILURE = 40
    ILLEGAL_PARAMETER = 47
    DECODE_ERROR = 50
    INTERNAL_ERROR = 80


class Tls13Error(ValueError):
    """The peer sent something the TLS 1.3 crypto cannot accept.

    ``alert`` is the description a real client would send back (RFC 8446 §6.2); the
    session turns it into a ``malformed`` outcome instead of a traceback.
    """

    def __init__(self, message: str, *, alert: Alert) -> None:
        super().__init__(message)
        self.alert = alert


# --- cipher suites ---------------------------------------------------------------


class SuiteCode(IntEnum):
    """TLS 1.3 cipher suites (RFC 8446 §B.4; IANA "TLS Cipher Suites" registry)."""

    TLS_AES_128_GCM_SHA256 = 0x1301
    TLS_AES_256_GCM_SHA384 = 0x1302
    TLS_CHACHA20_POLY1305_SHA256 = 0x1303
    TLS_AES_128_CCM_SHA256 = 0x1304
    TLS_AES_128_CCM_8_SHA256 = 0x1305


Aead: TypeAlias = AESGCM | AESCCM | ChaCha20Poly1305


@dataclass(frozen=True, slots=True, kw_only=True)
class Suite:
    """One TLS 1.3 cipher suite: its AEAD and its HKDF hash."""

    code: int
    hash_name: str  # hashlib name: "sha256" | "sha384"
    key_len: int
    iv_len: int = 12  # every RFC 8446 suite uses a 96-bit nonce (RFC 8446 §5.3)
    tag_len: int = 16
    make_aead: Callable[[bytes], Aead] = field(repr=False)

    @property
    def name(self) -> str:
        return SuiteCode(self.code).name

    @property
    def hash_len(self) -> int:
        return hashlib.new(self.hash_name).digest_size


SUITES: dict[int, Suite] = {
    s.code: s
    for s in (
        Suite(code=0x1301, hash_name="sha256", key_len=16, make_aead=AESGCM),
        Suite(code=0x1302, hash_name="sha384", key_len=32, make_aead=AESGCM),
        Suite(code=0x1303, hash_name="sha256", key_len=32, make_aead=ChaCha20Poly1305),
        Suite(code=0x1304, hash_name="sha256", key_len=16, make_aead=AESCCM),
        # RFC 6655 / RFC 8446 §B.4: CCM with an 8-byte tag.
        Suite(
            code=0x1305,
            hash_name="sha256",
            key_len=16,
            tag_len=8,
            make_aead=lambda key: AESCCM(key, tag_length=8),
        ),
    )
}


def suite_for(code: int) -> Suite:
    """The suite for a ServerHello cipher_suite, or Tls13Error (the server chose one
    that is not a TLS 1.3 suite: RFC 8446 §4.1.3 says illegal_parameter)."""
    try:
        return SUITES[code]
    except KeyError:
        raise Tls13Error(
            f"cipher suite 0x{code:04x} is not a TLS 1.3 suite", alert=Alert.ILLEGAL_PARAMETER
        ) from None


# --- key shares (RFC 8446 §4.2.8, §7.4) ------------------------------------------


class Group(IntEnum):
    """Key exchange groups we can compute (IANA "TLS Supported Groups" registry)."""

    SECP256R1 = 0x0017
    SECP384R1 = 0x0018
    SECP521R1 = 0x0019
    X25519 = 0x001D
    X448 = 0x001E
    FFDHE2048 = 0x0100  # RFC 7919
    FFDHE3072 = 0x0101
    FFDHE4096 = 0x0102
    FFDHE6144 = 0x0103
    FFDHE8192 = 0x0104
    MLKEM768 = 0x0201  # draft-ietf-tls-mlkem
    MLKEM1024 = 0x0202
    SECP256R1MLKEM768 = 0x11EB  # draft-ietf-tls-ecdhe-mlkem
    X25519MLKEM768 = 0x11EC
    SECP384R1MLKEM1024 = 0x11ED


_CURVES: dict[int, ec.EllipticCurve] = {
    Group.SECP256R1: ec.SECP256R1(),
    Group.SECP384R1: ec.SECP384R1(),
    Group.SECP521R1: ec.SECP521R1(),
}
# Group orders (SEC 2 v2 §2.4.2, §2.5.1, §2.6.1), to turn rng bytes into a scalar.
_ORDERS: dict[int, int] = {
    Group.SECP256R1: 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551,
    Group.SECP384R1: int(
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973",
        16,
    ),
    Group.SECP521R1: int(
        "1FF" + "FFFFFFFF" * 7 + "FFFFFFFA"
        "51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409",
        16,
    ),
}
# RFC 7919 §A: p = 2^b - 2^(b-64) + {[2^(b-130) e] + X} * 2^64 - 1, generator 2; X per group.
_FFDHE_X: dict[int, tuple[int, int]] = {Group.FFDHE2048: (2048, 560316), Group.FFDHE3072: (3072, 2625351),
            Group.FFDHE4096: (4096, 5736041), Group.FFDHE6144: (6144, 15705020),
            Group.FFDHE8192: (8192, 10965728)}
# Private exponent size: RFC 7919 §5.2 asks for at least twice the group's security
# strength (2048: 112 bits ... 8192: 200 bits); 512 bits covers all five.
_FFDHE_EXPONENT_BYTES = 64


def _e_times_power_of_two(k: int) -> int:
    """floor(2^k * e), exactly: the series sum of 2^k / n!, with guard bits."""
    guard = 64
    term, total, n = 1 << (k + guard), 0, 0
    while term:
        total += term
        n += 1
        term //= n
    return total >> guard


@lru_cache(maxsize=8)
def ffdhe_prime(group: int) -> int:
    """The RFC 7919 prime of ``group`` (checked against OpenSSL's in tests/wire)."""
    b, x = _FFDHE_X[group]
    return (1 << b) - (1 << (b - 64)) + (_e_times_power_of_two(b - 130) + x) * (1 << 64) - 1


# ML-KEM hybrids (draft-ietf-tls-ecdhe-mlkem §3): the client's share is the ML-KEM
# encapsulation key and an ECDH share, the server's the ciphertext and its ECDH share,
# the secret both secrets; X25519MLKEM768 puts ML-KEM first, the NIST-curve ones last.
# group -> (ML-KEM parameter set, the classical group or None, ML-KEM first)
_KEMS: dict[int, tuple[int, int | None, bool]] = {
    Group.MLKEM768: (768, None, True),
    Group.MLKEM1024: (1024, None, True),
    Group.X25519MLKEM768: (768, Group.X25519, True),
    Group.SECP256R1MLKEM768: (768, Group.SECP256R1, False),
    Group.SECP384R1MLKEM1024: (1024, Group.SECP384R1, False),
}
_KEM_KEY = {768: 1184, 1024: 1568}  # FIPS 203 §8: encapsulation key bytes
_KEM_CIPHERTEXT = {768: 1088, 1024: 1568}
try:  # cryptography >= 47 with an OpenSSL that has ML-KEM (3.5 and later)
    from cryptography.hazmat.primitives.asymmetric import mlkem as _mlkem

    _mlkem.MLKEM768PrivateKey.generate()
except Exception:
    _mlkem = None  # type: ignore[assignment]
    _KEMS = {}

# Encoded public value sizes: x25519/x448 are raw (RFC 7748); NIST curves are the
# uncompressed point 0x04||X||Y (RFC 8446 §4.2.8.2 forbids other formats); FFDHE values
# are as long as the prime (RFC 8446 §4.2.8.1).
SHARE_SIZES: dict[int, int] = {
    Group.X25519: 32,
    Group.X448: 56,
    Group.SECP256R1: 65,
    Group.SECP384R1: 97,
    Group.SECP521R1: 133,
    **{g: b // 8 for g, (b, _) in _FFDHE_X.items()},
}
# The groups whose shares are Diffie-Hellman values, alike on both sides.
SUPPORTED_GROUPS: tuple[int, ...] = tuple(SHARE_SIZES)
SERVER_SHARE_SIZES: dict[int, int] = dict(SHARE_SIZES)
for _g, (_p, _c, _) in _KEMS.items():
    SHARE_SIZES[_g] = _KEM_KEY[_p] + (SHARE_SIZES[_c] if _c is not None else 0)
    SERVER_SHARE_SIZES[_g] = _KEM_CIPHERTEXT[_p] + (SHARE_SIZES[_c] if _c is not None else 0)
KEM_GROUPS: tuple[int, ...] = tuple(_KEMS)


@dataclass(frozen=True, slots=True)
class _Ffdhe:
    group: int
    exponent: int

    def public(self) -> bytes:
        p = ffdhe_prime(self.group)
        return pow(2, self.exponent, p).to_bytes(SHARE_SIZES[self.group], "big")

    def exchange(self, peer: bytes) -> bytes:
        p = ffdhe_prime(self.group)
        y = int.from_bytes(peer, "big")
        if not 1 < y < p - 1:  # RFC 7919 §5.1: the peer's value must be in (1, p-1)
            raise ValueError("public value out of range")
        z = pow(y, self.exponent, p)
        if z in (1, p - 1):
            raise ValueError("degenerate shared secret")
        # RFC 8446 §7.4.1: Z is left-padded with zeros to the size of p.
        return z.to_bytes(SHARE_SIZES[self.group], "big")


@dataclass(frozen=True, slots=True)
class _Hybrid:
    group: int
    kem: object  # an ML-KEM private key
    classical: KeyShare | None

    def public(self) -> bytes:
        ek = bytes(self.kem.public_key().public_bytes_raw())  # type: ignore[attr-defined]
        if self.classical is None:
            return ek
        first = _KEMS[self.group][2]
        return ek + self.classical.public if first else self.classical.public + ek

    def exchange(self, peer: bytes) -> bytes:
        size, _, first = _KEMS[self.group]
        ct_len = _KEM_CIPHERTEXT[size]
        ct, other = (peer[:ct_len], peer[ct_len:]) if first else (peer[-ct_len:], peer[:-ct_len])
        secret = bytes(self.kem.decapsulate(ct))  # type: ignore[attr-defined]
        if self.classical is None:
            return secret
        ecdh = self.classical.shared_secret(other)
        return secret + ecdh if first else ecdh + secret


_Private: TypeAlias = (x25519.X25519PrivateKey | x448.X448PrivateKey
                       | ec.EllipticCurvePrivateKey | _Ffdhe | _Hybrid)


@dataclass(frozen=True, slots=True, kw_only=True)
class KeyShare:
    """Our ephemeral key pair for one group; ``public`` is the key_exchange bytes."""

    group: int
    public: bytes
    _private: _Private = field(repr=False)

    @classmethod
    def generate(cls, group: int, rng: Rng = os.urandom) -> KeyShare:
        """A fresh key pair drawn from ``rng`` (deterministic when rng is)."""
        private: _Private
        if group == Group.X25519:
            private = x25519.X25519PrivateKey.from_private_bytes(_exact(rng, 32))
            public = private.public_key().public_bytes_raw()
        elif group == Group.X448:
            private = x448.X448PrivateKey.from_private_bytes(_exact(rng, 56))
            public = private.public_key().public_bytes_raw()
        elif group in _CURVES:
            order = _ORDERS[group]
            # 8 extra bytes make the modulo bias negligible (FIPS 186-5 §A.2.1 style).
            raw = _exact(rng, (order.bit_length() + 7) // 8 + 8)
            scalar = int.from_bytes(raw, "big") % (order - 1) + 1
            private = ec.derive_private_key(scalar, _CURVES[group])
            public = _encode_point(private.public_key())
        elif group in _FFDHE_X:
            exponent = int.from_bytes(_exact(rng, _FFDHE_EXPONENT_BYTES), "big") | 1 << 256
            private = _Ffdhe(group, exponent)
            public = private.public()
        elif group in _KEMS:
            size, classical, _ = _KEMS[group]
            cls_kem = _mlkem.MLKEM768PrivateKey if size == 768 else _mlkem.MLKEM1024PrivateKey
            kem = cls_kem.from_seed_bytes(_exact(rng, 64))  # FIPS 203 (d, z) seed
            private = _Hybrid(group, kem, None if classical is None
                              else cls.generate(classical, rng))
            public = private.public()
        else:
            raise Tls13Error(f"group 0x{group:04x} is not supported", alert=Alert.INTERNAL_ERROR)
        return cls(group=group, public=public, _private=private)

    @classmethod
    def from_private_bytes(cls, group: int, private_bytes: bytes) -> KeyShare:
        """A key pair from a known private key (for test vectors such as RFC 8448)."""
        private: x25519.X25519PrivateKey | x448.X448PrivateKey | ec.EllipticCurvePrivateKey
        if group == Group.X25519:
            private = x25519.X25519PrivateKey.from_private_bytes(private_bytes)
        elif group == Group.X448:
            private = x448.X448PrivateKey.from_private_bytes(private_bytes)
        elif group in _CURVES:
            private = ec.derive_private_key(int.from_bytes(private_bytes, "big"), _CURVES[group])
        else:
            raise Tls13Error(f"group 0x{group:04x} is not supported", alert=Alert.INTERNAL_ERROR)
        return cls(group=group, public=_public_bytes(private), _private=private)

    def shared_secret(self, peer: bytes) -> bytes:
        """The shared secret with the server's key_exchange bytes.

        RFC 8446 §7.4.2: for NIST curves it is the x-coordinate; for X25519/X448 the
        raw output, and an all-zero result must abort (RFC 8446 §7.4.2, RFC 7748 §6);
        FFDHE: §7.4.1; ML-KEM hybrids: the two secrets concatenated.
        """
        expected = SERVER_SHARE_SIZES[self.group]
        if len(peer) != expected:
            raise Tls13Error(
                f"server key share is {len(peer)} bytes, expected {expected}",
                alert=Alert.ILLEGAL_PARAMETER,
            )
        try:
            priv = self._private
            if isinstance(priv, _Ffdhe | _Hybrid):
                return priv.exchange(peer)
            if isinstance(priv, x25519.X25519PrivateKey):
                return priv.exchange(x25519.X25519PublicKey.from_public_bytes(peer))
            if isinstance(priv, x448.X448PrivateKey):
                return priv.exchange(x448.X448PublicKey.from_public_bytes(peer))
            if peer[0] != 4:
                raise ValueError("not an uncompressed point")
            point = ec.EllipticCurvePublicKey.from_encoded_point(priv.curve, peer)
            return priv.exchange(ec.ECDH(), point)
        except ValueError as exc:  # off-curve point, all-zero X25519 output...
            raise Tls13Error(
                f"server key share is not a valid public key ({exc})",
                alert=Alert.ILLEGAL_PARAMETER,
            ) from None


def _exact(rng: Rng, n: int) -> bytes:
    data = rng(n)
    if len(data) != n:
        raise Tls13Error("the random source returned too few bytes", alert=Alert.INTERNAL_ERROR)
    return data


def _encode_point(key: ec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)


def _public_bytes(
        private: x25519.X25519PrivateKey | x448.X448PrivateKey | ec.EllipticCurvePrivateKey,
) -> bytes:
    if isinstance(private, ec.EllipticCurvePrivateKey):
        return _encode_point(private.public_key())
    return private.public_key().public_bytes_raw()


# --- HKDF and the key schedule (RFC 5869, RFC 8446 §7.1) --------------------------


def hkdf_extract(hash_name: str, salt: bytes, ikm: bytes) -> bytes:
    """HKDF-Extract (RFC 5869 §2.2); an empty salt means HashLen zeros."""
    if not salt:
        salt = bytes(hashlib.new(hash_name).digest_size)
    return hmac.digest(salt, ikm, hash_name)


def hkdf_expand(hash_name: str, prk: bytes, info: bytes, length: int) -> bytes:
    """HKDF-Expand (RFC 5869 §2.3)."""
    out, block, counter = b"", b"", 1
    while len(out) < length:
        block = hmac.digest(prk, block + info + bytes([counter]), hash_name)
        out += block
        counter += 1
    return out[:length]


def hkdf_expand_label(
    hash_name: str, secret: bytes, label: str, context: bytes, length: int
) -> bytes:
    """HKDF-Expand-Label (RFC 8446 §7.1): HkdfLabel = length, "tls13 " + label, context."""
    full = b"tls13 " + label.encode("ascii")
    info = length.to_bytes(2, "big") + bytes([len(full)]) + full + bytes([len(context)]) + context
    return hkdf_expand(hash_name, secret, info, length)


def derive_secret(hash_name: str, secret: bytes, label: str, transcript_hash: bytes) -> bytes:
    """Derive-Secret (RFC 8446 §7.1), given the transcript hash already computed."""
    return hkdf_expand_label(hash_name, secret, label, transcript_hash, len(transcript_hash))


def empty_hash(hash_name: str) -> bytes:
    return hashlib.new(hash_name).digest()


@dataclass(frozen=True, slots=True, kw_only=True)
class HandshakeSecrets:
    """The RFC 8446 §7.1 schedule up to the handshake traffic secrets (no PSK)."""

    early_secret: bytes
    handshake_secret: bytes
    client_handshake_traffic_secret: bytes
    server_handshake_traffic_secret: bytes
    master_secret: bytes


def handshake_secrets(suite: Suite, shared_secret: bytes, hello_hash: bytes) -> HandshakeSecrets:
    """Key schedule without PSK: ``hello_hash`` is Transcript-Hash(ClientHello..ServerHello)."""
    h = suite.hash_name
    zeros = bytes(suite.hash_len)  # no PSK: IKM is HashLen zeros (RFC 8446 §7.1 note)
    early = hkdf_extract(h, zeros, zeros)
    handshake = hkdf_extract(h, derive_secret(h, early, "derived", empty_hash(h)), shared_secret)
    return HandshakeSecrets(
        early_secret=early,
        handshake_secret=handshake,
        client_handshake_traffic_secret=derive_secret(h, handshake, "c hs traffic", hello_hash),
        server_handshake_traffic_secret=derive_secret(h, handshake, "s hs traffic", hello_hash),
        master_secret=hkdf_extract(h, derive_secret(h, handshake, "derived", empty_hash(h)), zeros),
    )


def traffic_keys(suite: Suite, secret: bytes) -> tuple[bytes, bytes]:
    """(key, iv) for a traffic secret (RFC 8446 §7.3)."""
    return (
        hkdf_expand_label(suite.hash_name, secret, "key", b"", suite.key_len),
        hkdf_expand_label(suite.hash_name, secret, "iv", b"", suite.iv_len),
    )


def finished_verify_data(suite: Suite, base_key: bytes, transcript_hash: bytes) -> bytes:
    """The Finished verify_data for ``base_key``'s side (RFC 8446 §4.4.4)."""
    key = hkdf_expand_label(suite.hash_name, base_key, "finished", b"", suite.hash_len)
    return hmac.digest(key, transcript_hash, suite.hash_name)


# --- transcript (RFC 8446 §4.4.1) --------------------------------------------------

HANDSHAKE_MESSAGE_HASH = 254  # the synthetic message_hash handshake type (RFC 8446 §4.4.1)


class Transcript:
    """The handshake messages seen so far, hashed once the suite (and so the hash) is known.

    Messages are kept raw (type + uint24 length + body) because the hash function is
    only known after ServerHello. The total is bounded by the session's byte cap.
    """

    __slots__ = ("_messages",)

    def __init__(self) -> None:
        self._messages: list[bytes] = []

    def add(self, message: bytes) -> None:
        self._messages.append(message)

    def digest(self, hash_name: str) -> bytes:
        h = hashlib.new(hash_name)
        for message in self._messages:
            h.update(message)
        return h.digest()

    def restart_after_hello_retry(self, hash_name: str) -> None:
        """Replace ClientHello1 with message_hash(Hash(ClientHello1)) (RFC 8446 §4.4.1).

        Call after adding ClientHello1 and before adding the HelloRetryRequest.
        """
        inner = self.digest(hash_name)
        synthetic = bytes([HANDSHAKE_MESSAGE_HASH]) + len(inner).to_bytes(3, "big") + inner
        self._messages = [synthetic]


# --- record protection (RFC 8446 §5.2-5.3) -----------------------------------------

CONTENT_APPLICATION_DATA = 23


def _nonce(iv: bytes, seq: int) -> bytes:
    # RFC 8446 §5.3: the 64-bit sequence number, left-padded to iv_length, XOR the IV.
    return bytes(a ^ b for a, b in zip(iv, seq.to_bytes(len(iv), "big"), strict=True))


class RecordProtection:
    """One direction's AEAD state: key, IV and the implicit sequence number."""

    __slots__ = ("_aead", "_iv", "seq", "suite")

    def __init__(self, suite: Suite, traffic_secret: bytes) -> None:
        key, iv = traffic_keys(suite, traffic_secret)
        self.suite = suite
        self._aead: Aead = suite.make_aead(key)
        self._iv = iv
        self.seq = 0

    def decrypt(self, header: bytes, fragment: bytes) -> tuple[int, bytes]:
        """Open one TLSCiphertext: returns (inner content type, content).

        ``header`` is the 5-byte record header, which is the AEAD additional data.
        """
        if len(fragment) > MAX_CIPHERTEXT:
            raise Tls13Error("encrypted record too long", alert=Alert.RECORD_OVERFLOW)
        if len(fragment) < self.suite.tag_len + 1:
            raise Tls13Error("encrypted record too short", alert=Alert.DECODE_ERROR)
        try:
            inner = self._aead.decrypt(_nonce(self._iv, self.seq), fragment, header)
        except InvalidTag:
            raise Tls13Error(
                "encrypted record does not decrypt (wrong keys or corrupted)",
                alert=Alert.BAD_RECORD_MAC,
            ) from None
        self.seq += 1
        # TLSInnerPlaintext = content || type || zeros: the type is the last non-zero byte.
        stripped = inner.rstrip(b"\x00")
        if not stripped:
            raise Tls13Error("encrypted record has no content type", alert=Alert.UNEXPECTED_MESSAGE)
        if len(stripped) - 1 > MAX_PLAINTEXT:
            raise Tls13Error("decrypted record too long", alert=Alert.RECORD_OVERFLOW)
        return stripped[-1], stripped[:-1]

    def encrypt(self, content_type: int, content: bytes, *, padding: int = 0) -> bytes:
        """Seal one record (header included). tlsdoctor only uses it in tests."""
        inner = content + bytes([content_type]) + bytes(padding)
        length = len(inner) + self.suite.tag_len
        header = bytes([CONTENT_APPLICATION_DATA, 3, 3]) + length.to_bytes(2, "big")
        sealed = self._aead.encrypt(_nonce(self._iv, self.seq), inner, header)
        self.seq += 1
        return header + sealed
