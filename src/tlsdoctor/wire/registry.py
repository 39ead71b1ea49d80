"""IANA code points for the TLS wire codec, as ``IntEnum``s, with their sources.

Only numbers and names belong here (no behaviour beyond lookups). Decoded fields keep
unknown values as plain ``int``: use :func:`name_of` to print either kind.

Sources (names follow the IANA registries, lower_snake_case where IANA uses it):
- IANA "Transport Layer Security (TLS) Parameters" and "TLS Extensions" registries
  (https://www.iana.org/assignments/tls-parameters, .../tls-extensiontype-values).
- RFC 8446 (TLS 1.3) §4, §6, §B.3; RFC 5246 (TLS 1.2) §7, §A; RFC 6101 (SSL 3.0) §5.4, §A;
  RFC 6066 (extensions); RFC 7301 (ALPN); RFC 8422 (ECC); RFC 7919 (ffdhe);
  RFC 8701 (GREASE); RFC 8447; draft-ietf-tls-ecdhe-mlkem (hybrid ML-KEM groups);
  draft-ietf-tls-mlkem; RFC 8734 (brainpool for TLS 1.3); RFC 9189 (GOST).
"""

from __future__ import annotations

from enum import IntEnum
from typing import TypeVar

__all__ = [
    "AlertDescription",
    "AlertLevel",
    "CertificateStatusType",
    "ClientCertificateType",
    "CompressionMethod",
    "ContentType",
    "ECCurveType",
    "ECPointFormat",
    "ExtensionType",
    "HandshakeType",
    "NamedGroup",
    "ProtocolVersion",
    "PskKeyExchangeMode",
    "SignatureScheme",
    "coerce",
    "grease_values",
    "is_grease",
    "name_of",
    "version_name",
]


E = TypeVar("E", bound=IntEnum)


class ProtocolVersion(IntEnum):
    """Protocol versions on the wire (RFC 6101 §5.2.1, RFC 5246 §6.2.1, RFC 8446 §4.2.1)."""

    SSL2 = 0x0002  # SSL 2.0 CLIENT-HELLO version field (draft-hickman-netscape-ssl-00)
    SSL3 = 0x0300
    TLS1_0 = 0x0301
    TLS1_1 = 0x0302
    TLS1_2 = 0x0303
    TLS1_3 = 0x0304


class ContentType(IntEnum):
    """TLS ContentType (IANA; RFC 8446 §5.1, RFC 6520, RFC 9146, RFC 9147)."""

    change_cipher_spec = 20
    alert = 21
    handshake = 22
    application_data = 23
    heartbeat = 24  # RFC 6520
    tls12_cid = 25  # RFC 9146
    ack = 26  # RFC 9147 (DTLS 1.3)


class HandshakeType(IntEnum):
    """TLS HandshakeType (IANA; RFC 8446 §4, RFC 5246 §7.4, RFC 6066, RFC 8879)."""

    hello_request = 0
    client_hello = 1
    server_hello = 2
    hello_verify_request = 3  # DTLS, RFC 6347
    new_session_ticket = 4  # RFC 5077 / RFC 8446
    end_of_early_data = 5
    hello_retry_request = 6  # reserved: TLS 1.3 sends it as a ServerHello (RFC 8446 §4.1.4)
    encrypted_extensions = 8
    request_connection_id = 9  # RFC 9147
    new_connection_id = 10  # RFC 9147
    certificate = 11
    server_key_exchange = 12
    certificate_request = 13
    server_hello_done = 14
    certificate_verify = 15
    client_key_exchange = 16
    client_certificate_request = 17  # draft-ietf-tls-exported-authenticator
    finished = 20
    certificate_url = 21  # RFC 6066 §5
    certificate_status = 22  # RFC 6066 §8
    supplemental_data = 23  # RFC 4680
    key_update = 24
    compressed_certificate = 25  # RFC 8879
    ekt_key = 26  # RFC 8870
    next_protocol = 67  # NPN, draft-agl-tls-nextprotoneg (not IANA, still seen from old peers)
    message_hash = 254  # RFC 8446 §4.4.1


class AlertLevel(IntEnum):
    """Alert levels (RFC 5246 §7.2)."""

    warning = 1
    fatal = 2


class AlertDescription(IntEnum):
    """Alert descriptions (IANA "TLS Alerts"; RFC 6101 §5.4.2, RFC 5246 §7.2, RFC 8446 §6)."""

    close_notify = 0
    unexpected_message = 10
    bad_record_mac = 20
    decryption_failed = 21  # RFC 5246: reserved, TLS 1.0 only
    record_overflow = 22
    decompression_failure = 30  # SSL 3.0 / TLS <= 1.2
    handshake_failure = 40
    no_certificate = 41  # SSL 3.0 only (RFC 6101 §5.4.2)
    bad_certificate = 42
    unsupported_certificate = 43
    certificate_revoked = 44
    certificate_expired = 45
    certificate_unknown = 46
    illegal_parameter = 47
    unknown_ca = 48
    access_denied = 49
    decode_error = 50
    decrypt_error = 51
    too_many_cids_requested = 52  # RFC 9147
    export_restriction = 60  # TLS 1.0 only
    protocol_version = 70
    insufficient_security = 71
    internal_error = 80
    inappropriate_fallback = 86  # RFC 7507
    user_canceled = 90
    no_renegotiation = 100  # TLS <= 1.2
    missing_extension = 109  # RFC 8446
    unsupported_extension = 110
    certificate_unobtainable = 111  # RFC 6066 (deprecated in RFC 8446)
    unrecognized_name = 112  # RFC 6066
    bad_certificate_status_response = 113  # RFC 6066
    bad_certificate_hash_value = 114  # RFC 6066 (deprecated)
    unknown_psk_identity = 115  # RFC 4279
    certificate_required = 116  # RFC 8446
    general_error = 117  # draft-ietf-tls-rfc8446bis §6.2
    no_application_protocol = 120  # RFC 7301
    ech_required = 121  # draft-ietf-tls-esni


class ExtensionType(IntEnum):
    """TLS ExtensionType values (IANA "TLS ExtensionType Values")."""

    server_name = 0  # RFC 6066
    max_fragment_length = 1  # RFC 6066
    client_certificate_url = 2  # RFC 6066
    trusted_ca_keys = 3  # RFC 6066
    truncated_hmac = 4  # RFC 6066
    status_request = 5  # RFC 6066
    user_mapping = 6  # RFC 4681
    client_authz = 7  # RFC 5878
    server_authz = 8  # RFC 5878
    cert_type = 9  # RFC 6091
    supported_groups = 10  # RFC 8422, RFC 7919 (was elliptic_curves)
    ec_point_formats = 11  # RFC 8422
    srp = 12  # RFC 5054
    signature_algorithms = 13  # RFC 8446
    use_srtp = 14  # RFC 5764
    heartbeat = 15  # RFC 6520
    application_layer_protocol_negotiation = 16  # RFC 7301
    status_request_v2 = 17  # RFC 6961
    signed_certificate_timestamp = 18  # RFC 6962
    client_certificate_type = 19  # RFC 7250
    server_certificate_type = 20  # RFC 7250
    padding = 21  # RFC 7685
    encrypt_then_mac = 22  # RFC 7366
    extended_master_secret = 23  # RFC 7627
    token_binding = 24  # RFC 8472
    cached_info = 25  # RFC 7924
    tls_lts = 26  # draft-gutmann-tls-lts
    compress_certificate = 27  # RFC 8879
    record_size_limit = 28  # RFC 8449
    pwd_protect = 29  # RFC 8492
    pwd_clear = 30  # RFC 8492
    password_salt = 31  # RFC 8492
    ticket_pinning = 32  # RFC 8672
    tls_cert_with_extern_psk = 33  # RFC 8773
    delegated_credential = 34  # RFC 9345
    session_ticket = 35  # RFC 5077, RFC 8447
    TLMSP = 36  # ETSI TS 103 523-2
    TLMSP_proxying = 37
    TLMSP_delegate = 38
    supported_ekt_ciphers = 39  # RFC 8870
    pre_shared_key = 41  # RFC 8446
    early_data = 42  # RFC 8446
    supported_versions = 43  # RFC 8446
    cookie = 44  # RFC 8446
    psk_key_exchange_modes = 45  # RFC 8446
    certificate_authorities = 47  # RFC 8446
    oid_filters = 48  # RFC 8446
    post_handshake_auth = 49  # RFC 8446
    signature_algorithms_cert = 50  # RFC 8446
    key_share = 51  # RFC 8446
    transparency_info = 52  # RFC 9162
    connection_id_deprecated = 53  # draft-ietf-tls-dtls-connection-id
    connection_id = 54  # RFC 9146
    external_id_hash = 55  # RFC 8844
    external_session_id = 56  # RFC 8844
    quic_transport_parameters = 57  # RFC 9001
    ticket_request = 58  # RFC 9149
    dnssec_chain = 59  # RFC 9102
    sequence_number_encryption_algorithms = 60  # draft-pismenny-tls-dtls-plaintext-sequence-number
    rrc = 61  # draft-ietf-tls-dtls-rrc
    tls_flags = 62  # draft-ietf-tls-tlsflags
    next_protocol_negotiation = 13172  # 0x3374, NPN draft (not IANA, seen from old clients)
    application_settings_old = 17513  # 0x4469, ALPS (Chrome, not IANA)
    application_settings = 17613  # 0x44CD, ALPS new code point (Chrome, not IANA)
    ech_outer_extensions = 0xFD00  # draft-ietf-tls-esni
    encrypted_client_hello = 0xFE0D  # draft-ietf-tls-esni
    renegotiation_info = 0xFF01  # RFC 5746


class NamedGroup(IntEnum):
    """Supported groups (IANA "TLS Supported Groups"; RFC 8422, RFC 7919, RFC 8446 §4.2.7)."""

    sect163k1 = 1  # RFC 4492, deprecated by RFC 8422
    sect163r1 = 2
    sect163r2 = 3
    sect193r1 = 4
    sect193r2 = 5
    sect233k1 = 6
    sect233r1 = 7
    sect239k1 = 8
    sect283k1 = 9
    sect283r1 = 10
    sect409k1 = 11
    sect409r1 = 12
    sect571k1 = 13
    sect571r1 = 14
    secp160k1 = 15
    secp160r1 = 16
    secp160r2 = 17
    secp192k1 = 18
    secp192r1 = 19
    secp224k1 = 20
    secp224r1 = 21
    secp256k1 = 22
    secp256r1 = 23
    secp384r1 = 24
    secp521r1 = 25
    brainpoolP256r1 = 26  # RFC 7027 (TLS <= 1.2)
    brainpoolP384r1 = 27
    brainpoolP512r1 = 28
    x25519 = 29  # RFC 8422
    x448 = 30
    brainpoolP256r1tls13 = 31  # RFC 8734
    brainpoolP384r1tls13 = 32
    brainpoolP512r1tls13 = 33
    GC256A = 34  # RFC 9189 (GOST)
    GC256B = 35
    GC256C = 36
    GC256D = 37
    GC512A = 38
    GC512B = 39
    GC512C = 40
    curveSM2 = 41  # RFC 8998
    ffdhe2048 = 256  # RFC 7919
    ffdhe3072 = 257
    ffdhe4096 = 258
    ffdhe6144 = 259
    ffdhe8192 = 260
    MLKEM512 = 0x0200  # draft-ietf-tls-mlkem
    MLKEM768 = 0x0201
    MLKEM1024 = 0x0202
    SecP256r1MLKEM768 = 0x11EB  # draft-ietf-tls-ecdhe-mlkem
    X25519MLKEM768 = 0x11EC
    SecP384r1MLKEM1024 = 0x11ED
    X25519Kyber768Draft00 = 0x6399  # draft-tls-westerbaan-xyber768d00 (obsolete, still seen)
    SecP256r1Kyber768Draft00 = 0x639A
    arbitrary_explicit_prime_curves = 0xFF01  # RFC 4492, deprecated
    arbitrary_explicit_char2_curves = 0xFF02


# Groups that are finite-field Diffie-Hellman (RFC 7919) rather than elliptic curves.
FFDHE_GROUPS = frozenset(range(256, 261))


class SignatureScheme(IntEnum):
    """Signature schemes (IANA "TLS SignatureScheme"; RFC 8446 §4.2.3).

    TLS 1.2 sends (HashAlgorithm, SignatureAlgorithm) byte pairs (RFC 5246 §7.4.1.4.1):
    hash 1 md5, 2 sha1, 3 sha224, 4 sha256, 5 sha384, 6 sha512; signature 1 rsa, 2 dsa,
    3 ecdsa. The pairs that IANA does not name as schemes are listed with ``_legacy`` names.
    """

    rsa_md5_legacy = 0x0101
    dsa_md5_legacy = 0x0102
    ecdsa_md5_legacy = 0x0103
    rsa_pkcs1_sha1 = 0x0201
    dsa_sha1 = 0x0202
    ecdsa_sha1 = 0x0203
    rsa_sha224_legacy = 0x0301
    dsa_sha224_legacy = 0x0302
    ecdsa_sha224_legacy = 0x0303
    rsa_pkcs1_sha256 = 0x0401
    dsa_sha256 = 0x0402
    ecdsa_secp256r1_sha256 = 0x0403
    rsa_pkcs1_sha256_legacy = 0x0420  # draft-ietf-tls-tls13-pkcs1
    rsa_pkcs1_sha384 = 0x0501
    dsa_sha384 = 0x0502
    ecdsa_secp384r1_sha384 = 0x0503
    rsa_pkcs1_sha384_legacy = 0x0520
    rsa_pkcs1_sha512 = 0x0601
    dsa_sha512 = 0x0602
    ecdsa_secp521r1_sha512 = 0x0603
    rsa_pkcs1_sha512_legacy = 0x0620
    eccsi_sha256 = 0x0704  # draft-wang-tls-raw-public-key-with-ibc
    iso_ibs1 = 0x0705
    iso_ibs2 = 0x0706
    iso_chinese_ibs = 0x0707
    sm2sig_sm3 = 0x0708  # RFC 8998
    gostr34102012_256a = 0x0709  # RFC 9189
    gostr34102012_256b = 0x070A
    gostr34102012_256c = 0x070B
    gostr34102012_256d = 0x070C
    gostr34102012_512a = 0x070D
    gostr34102012_512b = 0x070E
    gostr34102012_512c = 0x070F
    rsa_pss_rsae_sha256 = 0x0804
    rsa_pss_rsae_sha384 = 0x0805
    rsa_pss_rsae_sha512 = 0x0806
    ed25519 = 0x0807
    ed448 = 0x0808
    rsa_pss_pss_sha256 = 0x0809
    rsa_pss_pss_sha384 = 0x080A
    rsa_pss_pss_sha512 = 0x080B
    ecdsa_brainpoolP256r1tls13_sha256 = 0x081A  # RFC 8734
    ecdsa_brainpoolP384r1tls13_sha384 = 0x081B
    ecdsa_brainpoolP512r1tls13_sha512 = 0x081C
    gostr34102012_256 = 0x0840  # TLS 1.2 GOST, RFC 9189 (legacy)
    gostr34102012_512 = 0x0841
    mldsa44 = 0x0904  # draft-ietf-tls-mldsa
    mldsa65 = 0x0905
    mldsa87 = 0x0906


class ECPointFormat(IntEnum):
    """EC point formats (RFC 8422 §5.1.2)."""

    uncompressed = 0
    ansiX962_compressed_prime = 1
    ansiX962_compressed_char2 = 2


class ECCurveType(IntEnum):
    """ECParameters.curve_type in ServerKeyExchange (RFC 8422 §5.4)."""

    explicit_prime = 1  # deprecated
    explicit_char2 = 2  # deprecated
    named_curve = 3


class CompressionMethod(IntEnum):
    """TLS compression methods (IANA; RFC 3749, RFC 3943)."""

    null = 0
    DEFLATE = 1
    LZS = 64


class CertificateStatusType(IntEnum):
    """status_request types (RFC 6066 §8, RFC 6961)."""

    ocsp = 1
    ocsp_multi = 2


class PskKeyExchangeMode(IntEnum):
    """psk_key_exchange_modes (RFC 8446 §4.2.9)."""

    psk_ke = 0
    psk_dhe_ke = 1


class ClientCertificateType(IntEnum):
    """CertificateRequest certificate_types (IANA; RFC 5246 §7.4.4, RFC 8422 §5.5)."""

    rsa_sign = 1
    dss_sign = 2
    rsa_fixed_dh = 3
    dss_fixed_dh = 4
    rsa_ephemeral_dh_RESERVED = 5
    dss_ephemeral_dh_RESERVED = 6
    fortezza_dms_RESERVED = 20
    ecdsa_sign = 64
    rsa_fixed_ecdh = 65
    ecdsa_fixed_ecdh = 66
    gost_sign256 = 67  # RFC 9189
    gost_sign512 = 68


def coerce(enum_cls: type[E], value: int) -> E | int:
    """Return the enum member for ``value``, or the plain int when it is not assigned."""
    # The value -> member table that ``enum_cls(value)`` consults first: a dict lookup instead
    # of the Enum call machinery, which was a visible cost per decoded extension and code
    # point. None of these enums defines ``_missing_``, so the result is the same.
    member = enum_cls._value2member_map_.get(value)
    return value if member is None else member  # type: ignore[return-value]


def name_of(enum_cls: type[IntEnum], value: int) -> str:
    """Name of ``value`` in ``enum_cls``; ``grease(0x1a1a)`` or ``unknown(0x1234)`` otherwise."""
    member = enum_cls._value2member_map_.get(value)  # as in coerce(): a dict, not Enum.__call__
    if member is not None:
        return member._name_  # ``.name`` is a descriptor call on 3.11; same string
    width = 4 if value > 0xFF or enum_cls is not AlertDescription else 2
    if value > 0xFFFF:
        width = 6
    if is_grease(value) and enum_cls is not AlertDescription:
        return f"grease(0x{value:04x})"
    return f"unknown(0x{value:0{width}x})"


def is_grease(value: int) -> bool:
    """True for RFC 8701 GREASE values of 16-bit fields: 0x0A0A, 0x1A1A, ... 0xFAFA."""
    return 0 <= value <= 0xFFFF and (value & 0x0F0F) == 0x0A0A and (value >> 8) == (value & 0xFF)


def grease_values() -> tuple[int, ...]:
    """The 16 GREASE values for 16-bit code points (RFC 8701 §2), in order."""
    return tuple(0x0A0A + 0x1010 * i for i in range(16))


# RFC 8701 §2: GREASE psk_key_exchange_modes are 0x0B, 0x2A, 0x49, ... (0x0B + 0x1F * n).
GREASE_PSK_MODES = tuple(0x0B + 0x1F * i for i in range(8))

_VERSION_NAMES = {
    0x0002: "SSL 2.0",
    0x0300: "SSL 3.0",
    0x0301: "TLS 1.0",
    0x0302: "TLS 1.1",
    0x0303: "TLS 1.2",
    0x0304: "TLS 1.3",
}


def version_name(v: int) -> str:
    """Human name of a protocol version: ``TLS 1.2``, ``SSL 3.0``; drafts and GREASE named too."""
    if v in _VERSION_NAMES:
        return _VERSION_NAMES[v]
    if 0x7F00 <= v <= 0x7FFF:  # RFC 8446 drafts used 0x7f00 | draft number
        return f"TLS 1.3 draft {v & 0xFF}"
    if is_grease(v):
        return f"GREASE (0x{v:04x})"
    if 0xFEFF >= v >= 0xFEFC:  # DTLS 1.0 0xfeff, 1.2 0xfefd, 1.3 0xfefc
        return {0xFEFF: "DTLS 1.0", 0xFEFD: "DTLS 1.2", 0xFEFC: "DTLS 1.3"}.get(
            v, f"unknown(0x{v:04x})"
        )
    return f"unknown(0x{v:04x})"
