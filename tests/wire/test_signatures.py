"""wire.signatures: the server's handshake signature checked with its certificate's key.

Real data first: the RFC 8448 §3 CertificateVerify (a published TLS 1.3 trace) and the
recorded openssl / gnutls TLS 1.0-1.2 flights in fixtures/ (ClientHello.random 00..1f).
Then every scheme family signed here with ``cryptography`` and verified; one flipped bit
(signature or signed bytes) or another key -> False; what cannot be checked -> None.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID
from test_session import TLS12, TLS13, run
from test_tls13 import CLIENT_HELLO, SERVER_FLIGHT, SERVER_HELLO
from wire_helpers import RANDOM, load

from tlsdoctor.wire.hello import ClientHelloSpec
from tlsdoctor.wire.record import HandshakeReassembler
from tlsdoctor.wire.session import ClientSession, SessionOutcome
from tlsdoctor.wire.signatures import (
    certificate_verify_content,
    verify_certificate_verify,
    verify_scheme,
    verify_server_key_exchange,
)
from tlsdoctor.wire.suites import CIPHER_SUITES

# --- RFC 8448 §3: a published TLS 1.3 CertificateVerify -----------------------------


def _rfc8448_flight() -> dict[int, tuple[bytes, bytes]]:
    hs = HandshakeReassembler()
    hs.feed(SERVER_FLIGHT)
    return {int(m.msg_type): (m.raw, m.body) for m in hs.messages()}


def _rfc8448_cv() -> tuple[bytes, int, bytes, bytes]:
    """(leaf DER, scheme, signature, Transcript-Hash(CH..Certificate))."""
    flight = _rfc8448_flight()
    ee_raw, cert_raw = flight[8][0], flight[11][0]
    cert_body, cv_body = flight[11][1], flight[15][1]
    leaf = cert_body[1 + 3 + 3 :][: int.from_bytes(cert_body[4:7], "big")]
    scheme = int.from_bytes(cv_body[:2], "big")
    signature = cv_body[4 : 4 + int.from_bytes(cv_body[2:4], "big")]
    digest = hashlib.sha256(CLIENT_HELLO + SERVER_HELLO + ee_raw + cert_raw).digest()
    return leaf, scheme, signature, digest


def test_rfc8448_certificate_verify_verifies() -> None:
    leaf, scheme, signature, digest = _rfc8448_cv()
    assert scheme == 0x0804  # rsa_pss_rsae_sha256, as printed in the RFC
    assert verify_certificate_verify(leaf, scheme, signature, digest) is True


def test_rfc8448_flipped_bits_fail() -> None:
    leaf, scheme, signature, digest = _rfc8448_cv()
    bad_sig = bytes([signature[0] ^ 0x01]) + signature[1:]
    assert verify_certificate_verify(leaf, scheme, bad_sig, digest) is False
    bad_hash = digest[:-1] + bytes([digest[-1] ^ 0x80])
    assert verify_certificate_verify(leaf, scheme, signature, bad_hash) is False
    # The same bytes under another scheme are not a valid signature either.
    assert verify_certificate_verify(leaf, 0x0805, signature, digest) is False


def test_certificate_verify_content_layout() -> None:
    # RFC 8446 §4.4.3: 64 x 0x20, the context string, 0x00, the hash.
    content = certificate_verify_content(b"\xaa" * 32)
    assert content[:64] == b" " * 64
    assert content[64:97] == b"TLS 1.3, server CertificateVerify"
    assert content[97:98] == b"\x00" and content[98:] == b"\xaa" * 32


# --- recorded TLS <= 1.2 flights (openssl s_server, gnutls-serv) ---------------------

RECORDED = [
    ("server_tls12_ecdhe_rsa.bin", 0x0303, 0x0804),
    ("server_tls12_dhe_rsa.bin", 0x0303, None),
    ("server_tls12_ecdhe_ecdsa.bin", 0x0303, 0x0403),
    ("server_tls12_certreq.bin", 0x0303, None),
    ("server_tls12_ocsp.bin", 0x0303, None),
    ("server_gnutls_tls12.bin", 0x0303, None),
    ("server_tls11_dhe_rsa.bin", 0x0302, "legacy"),  # MD5+SHA-1, no scheme on the wire
    ("server_tls10_ecdhe_rsa.bin", 0x0301, "legacy"),
]


# The recordings answered hellos offering many suites; a replay must offer them too, or
# the session rightly refuses a ServerHello choosing a suite it never offered.
OFFERED = tuple(code for code in CIPHER_SUITES if code <= 0xFFFF)


def _replay(data: bytes) -> ClientSession:
    spec = ClientHelloSpec(versions=(0x0303, 0x0302, 0x0301), cipher_suites=OFFERED)
    session = ClientSession(spec, random=RANDOM)  # the random the recordings used
    session.receive_data(data)
    return session


def _flip_in_signature(data: bytes) -> bytes:
    """Flip the last byte of the ServerKeyExchange (inside its signature)."""
    records = bytearray(data)
    pos = 0
    while pos + 5 <= len(records):
        n = int.from_bytes(records[pos + 3 : pos + 5], "big")
        frag = pos + 5
        i = frag
        while i + 4 <= frag + n:  # handshake messages within this record
            length = int.from_bytes(records[i + 1 : i + 4], "big")
            if records[i] == 12:  # server_key_exchange
                records[i + 4 + length - 1] ^= 0x01
                return bytes(records)
            i += 4 + length
        pos = frag + n
    raise AssertionError("no ServerKeyExchange in the fixture")


@pytest.mark.parametrize("name, version, scheme", RECORDED)
def test_recorded_server_key_exchange_verifies(name: str, version: int, scheme: object) -> None:
    result = _replay(load(name)).result()
    assert result.outcome is SessionOutcome.HANDSHAKE, result.error
    assert result.version == version
    if scheme == "legacy":
        assert result.server_signature_scheme is None
    elif scheme is not None:
        assert result.server_signature_scheme == scheme
    assert result.server_signature_ok is True


@pytest.mark.parametrize("name", [n for n, _, _ in RECORDED])
def test_recorded_flight_with_a_flipped_signature_bit(name: str) -> None:
    result = _replay(_flip_in_signature(load(name))).result()
    assert result.outcome is SessionOutcome.HANDSHAKE, result.error
    assert result.server_signature_ok is False


def test_recorded_flight_with_another_client_random() -> None:
    # The signature binds client_random (RFC 5246 §7.4.3): a replayed flight fails.
    spec = ClientHelloSpec(versions=(0x0303,), cipher_suites=OFFERED)
    session = ClientSession(spec, random=bytes(32))
    session.receive_data(load("server_tls12_ecdhe_rsa.bin"))
    assert session.result().server_signature_ok is False


def test_recorded_flight_fed_byte_by_byte() -> None:
    spec = ClientHelloSpec(versions=(0x0303,), cipher_suites=OFFERED)
    session = ClientSession(spec, random=RANDOM)
    for b in load("server_tls12_ecdhe_ecdsa.bin"):
        session.receive_data(bytes([b]))
    assert session.result().server_signature_ok is True


# --- every scheme family, signed here ---------------------------------------------------

NOW = datetime.now(UTC)


def _cert(key: object) -> bytes:
    """A self-signed DER certificate for ``key`` (its own signature is irrelevant here)."""
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sig.test")])
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
               .public_key(key.public_key()).serial_number(7)  # type: ignore[attr-defined]
               .not_valid_before(NOW - timedelta(days=1))
               .not_valid_after(NOW + timedelta(days=1)))
    algorithm = None if isinstance(key, ed25519.Ed25519PrivateKey | ed448.Ed448PrivateKey) \
        else hashes.SHA256()
    return builder.sign(key, algorithm).public_bytes(Encoding.DER)  # type: ignore[arg-type]


_KEYS: dict[str, object] = {}


def _key(kind: str) -> object:
    if kind not in _KEYS:
        _KEYS[kind] = {
            "rsa": lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048),
            "p256": lambda: ec.generate_private_key(ec.SECP256R1()),
            "p384": lambda: ec.generate_private_key(ec.SECP384R1()),
            "p521": lambda: ec.generate_private_key(ec.SECP521R1()),
            "bp256": lambda: ec.generate_private_key(ec.BrainpoolP256R1()),
            "ed25519": ed25519.Ed25519PrivateKey.generate,
            "ed448": ed448.Ed448PrivateKey.generate,
            "dsa": lambda: dsa.generate_private_key(key_size=2048),
        }[kind]()
    return _KEYS[kind]


def _pss(h: hashes.HashAlgorithm) -> padding.PSS:
    return padding.PSS(mgf=padding.MGF1(h), salt_length=h.digest_size)


SCHEMES = [
    # (scheme, key kind, how to sign) -- RFC 8446 §4.2.3, RFC 5246 §7.4.1.4.1, RFC 8734
    (0x0201, "rsa", lambda k, m: k.sign(m, padding.PKCS1v15(), hashes.SHA1())),
    (0x0401, "rsa", lambda k, m: k.sign(m, padding.PKCS1v15(), hashes.SHA256())),
    (0x0501, "rsa", lambda k, m: k.sign(m, padding.PKCS1v15(), hashes.SHA384())),
    (0x0601, "rsa", lambda k, m: k.sign(m, padding.PKCS1v15(), hashes.SHA512())),
    (0x0804, "rsa", lambda k, m: k.sign(m, _pss(hashes.SHA256()), hashes.SHA256())),
    (0x0805, "rsa", lambda k, m: k.sign(m, _pss(hashes.SHA384()), hashes.SHA384())),
    (0x0806, "rsa", lambda k, m: k.sign(m, _pss(hashes.SHA512()), hashes.SHA512())),
    (0x0203, "p256", lambda k, m: k.sign(m, ec.ECDSA(hashes.SHA1()))),
    (0x0403, "p256", lambda k, m: k.sign(m, ec.ECDSA(hashes.SHA256()))),
    (0x0503, "p384", lambda k, m: k.sign(m, ec.ECDSA(hashes.SHA384()))),
    (0x0603, "p521", lambda k, m: k.sign(m, ec.ECDSA(hashes.SHA512()))),
    (0x081A, "bp256", lambda k, m: k.sign(m, ec.ECDSA(hashes.SHA256()))),
    (0x0807, "ed25519", lambda k, m: k.sign(m)),
    (0x0808, "ed448", lambda k, m: k.sign(m)),
    (0x0402, "dsa", lambda k, m: k.sign(m, hashes.SHA256())),
]


@pytest.mark.parametrize("scheme, kind, sign", SCHEMES, ids=[f"{s:04x}" for s, _, _ in SCHEMES])
def test_certificate_verify_every_scheme(scheme: int, kind: str, sign) -> None:
    key = _key(kind)
    leaf = _cert(key)
    digest = hashlib.sha256(b"transcript").digest()
    signature = sign(key, certificate_verify_content(digest))
    assert verify_certificate_verify(leaf, scheme, signature, digest) is True
    flipped = signature[:-1] + bytes([signature[-1] ^ 0x01])
    assert verify_certificate_verify(leaf, scheme, flipped, digest) is False
    assert verify_certificate_verify(leaf, scheme, signature, bytes(32)) is False


@pytest.mark.parametrize("scheme, kind, sign", SCHEMES, ids=[f"{s:04x}" for s, _, _ in SCHEMES])
def test_server_key_exchange_every_scheme(scheme: int, kind: str, sign) -> None:
    key, other = _key(kind), _key("rsa" if kind != "rsa" else "p256")
    cr, sr, params = b"\x01" * 32, b"\x02" * 32, b"\x03\x00\x1d\x20" + b"\x04" * 32
    signature = sign(key, cr + sr + params)
    ok = verify_server_key_exchange(_cert(key), scheme=scheme, signature=signature,
                                    client_random=cr, server_random=sr, params=params)
    assert ok is True
    changed = params[:-1] + b"\x05"
    assert verify_server_key_exchange(_cert(key), scheme=scheme, signature=signature,
                                      client_random=cr, server_random=sr,
                                      params=changed) is False
    # A certificate of another key type: whatever signed, it was not this key.
    assert verify_server_key_exchange(_cert(other), scheme=scheme, signature=signature,
                                      client_random=cr, server_random=sr,
                                      params=params) is False


def test_same_type_other_key_is_false() -> None:
    key = _key("p256")
    other = ec.generate_private_key(ec.SECP256R1())
    digest = bytes(range(32))
    signature = other.sign(certificate_verify_content(digest), ec.ECDSA(hashes.SHA256()))
    assert verify_certificate_verify(_cert(key), 0x0403, signature, digest) is False


# --- TLS 1.0/1.1: no scheme on the wire ------------------------------------------------


def _rsa_raw_pkcs1(key: rsa.RSAPrivateKey, block: bytes) -> bytes:
    """RSASSA-PKCS1-v1_5 of ``block`` without DigestInfo, by hand (RFC 8017 §9.2 EMSA
    with T = block): what TLS 1.0/1.1 servers sign with MD5 || SHA-1 (RFC 4346 §7.4.3)."""
    n = key.private_numbers().public_numbers.n
    k = (n.bit_length() + 7) // 8
    em = b"\x00\x01" + b"\xff" * (k - len(block) - 3) + b"\x00" + block
    d = key.private_numbers().d
    return pow(int.from_bytes(em, "big"), d, n).to_bytes(k, "big")


def test_legacy_rsa_md5_sha1() -> None:
    key = _key("rsa")
    assert isinstance(key, rsa.RSAPrivateKey)
    cr, sr, params = b"c" * 32, b"s" * 32, b"params"
    content = cr + sr + params
    block = hashlib.md5(content).digest() + hashlib.sha1(content).digest()
    signature = _rsa_raw_pkcs1(key, block)
    args = {"client_random": cr, "server_random": sr, "params": params}
    assert verify_server_key_exchange(_cert(key), scheme=None, signature=signature,
                                      **args) is True
    bad = _rsa_raw_pkcs1(key, bytes([block[0] ^ 1]) + block[1:])
    assert verify_server_key_exchange(_cert(key), scheme=None, signature=bad, **args) is False
    assert verify_server_key_exchange(_cert(key), scheme=None, signature=b"\x00" * 256,
                                      **args) is False


@pytest.mark.parametrize("kind", ["p256", "dsa"])
def test_legacy_ecdsa_and_dsa_sha1(kind: str) -> None:
    key = _key(kind)
    cr, sr, params = b"c" * 32, b"s" * 32, b"params"
    if isinstance(key, ec.EllipticCurvePrivateKey):
        signature = key.sign(cr + sr + params, ec.ECDSA(hashes.SHA1()))
    else:
        assert isinstance(key, dsa.DSAPrivateKey)
        signature = key.sign(cr + sr + params, hashes.SHA1())
    args = {"client_random": cr, "server_random": sr}
    assert verify_server_key_exchange(_cert(key), scheme=None, signature=signature,
                                      params=params, **args) is True
    assert verify_server_key_exchange(_cert(key), scheme=None, signature=signature,
                                      params=params + b"!", **args) is False


# --- what cannot be checked is None, never an exception -------------------------------


@pytest.mark.parametrize("scheme", [0x0708, 0x0709, 0x0420, 0x0000, 0xFFFF, 0x0104, 0x0804 + 0x100])
def test_unknown_schemes_are_not_checked(scheme: int) -> None:
    leaf = _cert(_key("p256"))
    assert verify_certificate_verify(leaf, scheme, b"\x30\x00", bytes(32)) is None


@pytest.mark.parametrize("leaf", [b"", b"\x30\x00", b"not a certificate", b"\x30\x82\xff\xff"])
def test_unparseable_certificates_are_not_checked(leaf: bytes) -> None:
    assert verify_certificate_verify(leaf, 0x0403, b"\x30\x00", bytes(32)) is None
    assert verify_server_key_exchange(leaf, scheme=0x0403, signature=b"\x30\x00",
                                      client_random=bytes(32), server_random=bytes(32),
                                      params=b"") is None


def test_no_signature_is_not_checked() -> None:
    assert verify_server_key_exchange(_cert(_key("p256")), scheme=0x0403, signature=b"",
                                      client_random=bytes(32), server_random=bytes(32),
                                      params=b"x") is None


@pytest.mark.parametrize("signature", [b"", b"\x00", b"\x30\x00", b"\xff" * 4000,
                                       b"\x30\x06\x02\x01\x00\x02\x01\x00"])
@pytest.mark.parametrize("scheme, kind", [(0x0403, "p256"), (0x0804, "rsa"), (0x0401, "rsa"),
                                          (0x0807, "ed25519"), (0x0402, "dsa")])
def test_garbage_signatures_are_false(signature: bytes, scheme: int, kind: str) -> None:
    key = _key(kind)
    assert verify_scheme(key.public_key(), scheme, signature, b"content") is False  # type: ignore[attr-defined]


# --- live: real servers on 127.0.0.1 ---------------------------------------------------

LIVE = [
    # (s_server protocols, cipher, key type, spec changes, expected scheme)
    (("tls1_3",), None, "ed25519", {}, 0x0807),
    (("tls1_3",), None, "rsa2048", {"signature_algorithms": (0x0805,)}, 0x0805),
    (("tls1_2",), "DHE-RSA-AES128-GCM-SHA256", "rsa2048",
     {"cipher_suites": (0x009E,), "signature_algorithms": (0x0401,)}, 0x0401),
    (("tls1_2",), "ECDHE-ECDSA-AES256-GCM-SHA384", "ec384",
     {"cipher_suites": (0xC02C,), "signature_algorithms": (0x0503, 0x0203)}, 0x0503),
    (("tls1",), "ECDHE-ECDSA-AES128-SHA", "ec256",
     {"versions": (0x0301,), "cipher_suites": (0xC009,)}, None),  # ECDSA over SHA-1
]


@pytest.mark.parametrize("protocols, cipher, key_type, changes, scheme", LIVE)
def test_live_openssl_signatures_verify(s_server, pki, protocols, cipher, key_type, changes,
                                        scheme) -> None:
    srv = s_server(pki.leaf("localhost", key_type=key_type), protocols=protocols,
                   cipher=cipher)
    base = TLS13 if protocols == ("tls1_3",) else TLS12
    session = ClientSession(dataclasses.replace(base, **changes))
    result = run(session, srv.address)
    assert result.outcome is SessionOutcome.HANDSHAKE, result.error
    assert result.server_signature_scheme == scheme
    assert result.server_signature_ok is True


def test_live_tls13_after_hello_retry(s_server, pki) -> None:
    # The CertificateVerify hash then starts with message_hash(ClientHello1) (RFC 8446
    # §4.4.1): a wrong transcript would make a good signature look bad.
    srv = s_server(pki.leaf("localhost"), protocols=("tls1_3",), groups="P-384")
    session = ClientSession(TLS13, retry_on_hrr=True)
    result = run(session, srv.address)
    assert result.outcome is SessionOutcome.HANDSHAKE and result.hello_retried, result.error
    assert result.server_signature_ok is True


def test_live_gnutls_tls13(gnutls, pki) -> None:
    srv = gnutls(pki.leaf("localhost"))
    result = run(ClientSession(TLS13), srv.address)
    assert result.outcome is SessionOutcome.HANDSHAKE, result.error
    assert result.server_signature_ok is True
