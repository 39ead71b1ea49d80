"""SSL 2.0 CLIENT-HELLO encoding and SERVER-HELLO/ERROR decoding, annotated per field.

No SSLv2 server exists on this host (OpenSSL removed it in 1.1.0), so the SERVER-HELLO is
hand-built from draft-hickman-netscape-ssl-00 §2.6 and the CLIENT-HELLO is checked
byte by byte against the same layout.
"""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tlsdoctor.wire import RecordReader, SSLv2Record, classify_first_bytes
from tlsdoctor.wire.buffer import DecodeError, EncodeError
from tlsdoctor.wire.sslv2 import (
    SSLv2Cipher,
    SSLv2Error,
    SSLv2ErrorCode,
    SSLv2ServerHello,
    decode_sslv2_client_hello,
    decode_sslv2_message,
    encode_sslv2_client_hello,
)

CHALLENGE = bytes(range(16))

SERVER_HELLO = bytes.fromhex(
    "80 1a"  # record header: high bit set, 26-byte body
    "04"  # MSG-SERVER-HELLO
    "00"  # SESSION-ID-HIT: no
    "01"  # CERTIFICATE-TYPE: SSL_CT_X509_CERTIFICATE
    "00 02"  # SERVER-VERSION: SSL 2.0
    "00 05"  # CERTIFICATE-LENGTH
    "00 06"  # CIPHER-SPECS-LENGTH: two 3-byte specs
    "00 04"  # CONNECTION-ID-LENGTH
    "30 03 61 62 63"  # CERTIFICATE-DATA (a stand-in DER SEQUENCE)
    "01 00 80  07 00 c0"  # RC4_128_WITH_MD5, DES_192_EDE3_CBC_WITH_MD5
    "c0 ff ee 00"  # CONNECTION-ID
)


def test_client_hello_layout() -> None:
    rec = encode_sslv2_client_hello(
        [SSLv2Cipher.RC4_128_WITH_MD5, SSLv2Cipher.DES_192_EDE3_CBC_WITH_MD5], challenge=CHALLENGE
    )
    assert (
        rec
        == bytes.fromhex(
            "80 1f"  # 31-byte body
            "01"  # MSG-CLIENT-HELLO
            "00 02"  # CLIENT-VERSION
            "00 06 00 00 00 10"  # cipher specs 6, session id 0, challenge 16
            "01 00 80 07 00 c0"
        )
        + CHALLENGE
    )
    assert classify_first_bytes(rec) == "sslv2"


def test_all_ssl2_ciphers_by_default() -> None:
    rec = encode_sslv2_client_hello(challenge=CHALLENGE)
    ch = decode_sslv2_client_hello(rec[2:])
    assert set(ch.cipher_suites) == {int(c) for c in SSLv2Cipher}
    assert ch.legacy_version == 0x0002 and ch.sslv2_format and ch.versions == (0x0002,)
    with pytest.raises(EncodeError):
        encode_sslv2_client_hello(challenge=b"short")


def test_server_hello() -> None:
    rr = RecordReader()
    rr.feed(SERVER_HELLO)
    (rec,) = rr.records()
    assert isinstance(rec, SSLv2Record) and rr.kind == "sslv2"
    sh = decode_sslv2_message(rec.body)
    assert sh == SSLv2ServerHello(
        session_id_hit=False,
        certificate_type=1,
        version=2,
        certificate=b"\x30\x03abc",
        cipher_specs=(SSLv2Cipher.RC4_128_WITH_MD5, SSLv2Cipher.DES_192_EDE3_CBC_WITH_MD5),
        connection_id=b"\xc0\xff\xee\x00",
    )
    with pytest.raises(DecodeError):
        decode_sslv2_message(rec.body[:-5])  # connection id cut short


def test_error_message() -> None:
    assert decode_sslv2_message(b"\x00\x00\x01") == SSLv2Error(code=SSLv2ErrorCode.NO_CIPHER)
    assert decode_sslv2_message(b"\x00\x00\x09") == SSLv2Error(code=9)
    for bad in (b"", b"\x00\x01", b"\x01"):
        with pytest.raises(DecodeError):
            decode_sslv2_message(bad)


def test_v2_compatible_client_hello_with_tls_suites() -> None:
    # RFC 5246 Appendix E.2: an old client's v2-format hello offering TLS 1.0 suites.
    rec = encode_sslv2_client_hello(
        [0x00002F, 0x000035, SSLv2Cipher.RC4_128_WITH_MD5, 0x0000FF],
        challenge=b"C" * 32,
        version=0x0301,
    )
    ch = decode_sslv2_client_hello(rec[2:])
    assert ch.legacy_version == 0x0301 and ch.versions == (0x0301,)
    assert ch.cipher_suites == (0x002F, 0x0035, 0x010080, 0x00FF) and ch.renegotiation_scsv
    assert ch.random == b"C" * 32 and ch.extensions == () and not ch.anomalies
    short = decode_sslv2_client_hello(
        encode_sslv2_client_hello([0x2F], challenge=b"c" * 16, version=0x0300)[2:]
    )
    assert short.random == bytes(16) + b"c" * 16  # right-aligned, zero-padded


@given(st.binary(max_size=200))
def test_decoders_return_or_raise_decode_error(data: bytes) -> None:
    for decode in (decode_sslv2_message, decode_sslv2_client_hello):
        with contextlib.suppress(DecodeError):
            decode(data)
