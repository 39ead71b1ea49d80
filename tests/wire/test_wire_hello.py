"""ClientHello encoding (every override) and decoding; ServerHello / HRR / sentinels."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tlsdoctor.wire import (
    ClientHelloSpec,
    DecodeError,
    EncodeError,
    Extension,
    ExtensionType,
    KeyShareEntry,
    Reader,
    RecordReader,
    decode_client_hello,
    decode_server_hello,
    encode_client_hello,
    encode_client_hello_record,
    is_grease,
)
from tlsdoctor.wire import extensions as X
from tlsdoctor.wire.hello import (
    DOWNGRADE_TLS11,
    DOWNGRADE_TLS12,
    FALLBACK_SCSV,
    HRR_RANDOM,
    RENEGOTIATION_SCSV,
    encode_server_hello,
)

RANDOM = bytes(range(32))
ET = ExtensionType


def roundtrip(spec: ClientHelloSpec, **kw: object):  # type: ignore[no-untyped-def]
    msg = encode_client_hello(spec, random=RANDOM, **kw)  # type: ignore[arg-type]
    assert msg[0] == 1 and int.from_bytes(msg[1:4], "big") == len(msg) - 4
    return decode_client_hello(msg[4:]), msg


def test_tls12_hello_fields() -> None:
    spec = ClientHelloSpec(
        versions=(0x0303, 0x0302, 0x0301),
        cipher_suites=(0xC02F, 0x009E),
        groups=(29, 23),
        signature_algorithms=(0x0804, 0x0401),
        sni="example.test",
        alpn=("h2", "http/1.1"),
        ocsp_stapling=True,
        sct=True,
        encrypt_then_mac=True,
    )
    ch, _ = roundtrip(spec, session_id=b"\x01" * 32)
    assert ch.legacy_version == 0x0303 and ch.versions == (0x0303,)
    assert ch.supported_versions is None  # TLS <= 1.2 offers say it in legacy_version only
    assert ch.cipher_suites == (0xC02F, 0x009E) and ch.random == RANDOM
    assert ch.groups == (29, 23) and ch.ec_point_formats == (0,)
    assert ch.signature_algorithms == (0x0804, 0x0401)
    assert (ch.sni, ch.alpn) == ("example.test", ("h2", "http/1.1"))
    assert ch.ocsp_stapling and ch.sct and ch.encrypt_then_mac and ch.extended_master_secret
    assert ch.renegotiation_info == b"" and ch.session_ticket == b""
    assert ch.session_id == b"\x01" * 32 and not ch.anomalies and not ch.grease
    assert ET.key_share not in ch.extension_types


def test_tls13_hello_uses_supported_versions() -> None:
    spec = ClientHelloSpec(
        versions=(0x0304, 0x0303),
        cipher_suites=(0x1301,),
        groups=(29, 23),
        key_share_groups=(29,),
        signature_algorithms=(0x0804,),
    )
    ch, _ = roundtrip(spec, key_shares={29: b"k" * 32})
    assert ch.legacy_version == 0x0303  # RFC 8446 §4.1.2
    assert ch.supported_versions == (0x0304, 0x0303) and ch.offers_tls13
    assert ch.key_shares == (KeyShareEntry(group=29, key_exchange=b"k" * 32),)
    assert ch.psk_key_exchange_modes == (1,)
    with pytest.raises(EncodeError, match="no key share"):
        encode_client_hello(spec, random=RANDOM, key_shares={})


def test_record_version_defaults_and_override() -> None:
    tls13 = ClientHelloSpec(versions=(0x0304,), cipher_suites=(0x1301,))
    ssl3 = ClientHelloSpec(versions=(0x0300,), cipher_suites=(0x000A,))
    odd = ClientHelloSpec(
        versions=(0x0303,), cipher_suites=(1,), record_version=0x0303, legacy_version=0x0305
    )
    assert encode_client_hello_record(tls13, random=RANDOM)[:3] == b"\x16\x03\x01"
    assert encode_client_hello_record(ssl3, random=RANDOM)[:3] == b"\x16\x03\x00"
    rec = encode_client_hello_record(odd, random=RANDOM)
    assert rec[:3] == b"\x16\x03\x03" and rec[9:11] == b"\x03\x05"


def test_fragmented_client_hello_records() -> None:
    spec = ClientHelloSpec(cipher_suites=tuple(range(1, 60)), sni="a.test")
    wire = encode_client_hello_record(spec, random=RANDOM, max_fragment=40)
    rr = RecordReader()
    rr.feed(wire)
    recs = list(rr.records())
    assert len(recs) > 3 and all(len(r.fragment) <= 40 for r in recs)  # type: ignore[union-attr]
    assert b"".join(r.fragment for r in recs) == encode_client_hello(spec, random=RANDOM)  # type: ignore[union-attr]


def test_scsvs_are_appended() -> None:
    spec = ClientHelloSpec(
        cipher_suites=(0x002F,),
        fallback_scsv=True,
        renegotiation_scsv=True,
        renegotiation_info=False,
    )
    ch, _ = roundtrip(spec)
    assert ch.cipher_suites == (0x002F, RENEGOTIATION_SCSV, FALLBACK_SCSV)
    assert ch.fallback_scsv and ch.renegotiation_scsv and ch.renegotiation_info is None


def test_grease_everywhere() -> None:
    spec = ClientHelloSpec(
        versions=(0x0304, 0x0303),
        cipher_suites=(0x1301,),
        groups=(29,),
        key_share_groups=(29,),
        grease=True,
    )
    ch, _ = roundtrip(spec, key_shares={29: bytes(32)})
    assert is_grease(ch.cipher_suites[0]) and ch.grease
    assert is_grease(ch.extension_types[0]) and is_grease(ch.extension_types[-1])
    assert ch.extension_types[0] != ch.extension_types[-1]
    assert is_grease(ch.groups[0]) and is_grease(ch.key_shares[0].group)
    assert is_grease(ch.supported_versions[0])  # type: ignore[index]
    assert ch.versions == (0x0304, 0x0303)  # GREASE filtered from the summary
    assert not ch.anomalies


def test_padding_to() -> None:
    spec = ClientHelloSpec(cipher_suites=(0x002F,), sni="x.test", padding_to=512)
    ch, msg = roundtrip(spec)
    assert len(msg) == 512 and ch.padding == 512 - (len(msg) - ch.padding - 4) - 4
    assert ch.extension_types[-1] == ET.padding
    big = ClientHelloSpec(cipher_suites=tuple(range(1, 400)), padding_to=512)
    assert ET.padding not in roundtrip(big)[0].extension_types  # already longer
    bare = ClientHelloSpec(
        cipher_suites=(1,),
        renegotiation_info=False,
        extended_master_secret=False,
        session_ticket=False,
        padding_to=300,
    )
    assert len(roundtrip(bare)[1]) == 300


def test_no_extensions_block_for_ssl3_style_hello() -> None:
    spec = ClientHelloSpec(
        versions=(0x0300,),
        cipher_suites=(0x000A,),
        renegotiation_info=False,
        extended_master_secret=False,
        session_ticket=False,
    )
    ch, msg = roundtrip(spec)
    assert not ch.has_extensions_block and ch.extensions == ()
    assert len(msg) == 4 + 2 + 32 + 1 + 2 + 2 + 1 + 1


def test_extension_order_and_extras() -> None:
    spec = ClientHelloSpec(
        cipher_suites=(1,),
        sni="o.test",
        groups=(23,),
        extra_extensions=((ET.pre_shared_key, b"psk"), (0x7777, b"raw")),
        padding_to=400,
    )
    ch, _ = roundtrip(spec)
    assert ch.extension_types[-1] == ET.pre_shared_key  # RFC 8446 §4.2.11: last
    assert ch.extension_types[-2] == ET.padding
    assert Extension(type=0x7777, data=b"raw") in ch.extensions
    order = (ET.supported_groups, ET.server_name)
    ch2, _ = roundtrip(
        ClientHelloSpec(cipher_suites=(1,), sni="o.test", groups=(23,), extension_order=order)
    )
    assert ch2.extension_types[:2] == order


def test_decode_is_lenient_about_extension_contents() -> None:
    # Duplicate and malformed extensions become anomalies; the hello still decodes.
    spec = ClientHelloSpec(
        cipher_suites=(1,),
        renegotiation_info=False,
        extended_master_secret=False,
        session_ticket=False,
        extra_extensions=(
            (ET.supported_groups, b"\x00\x03abc"),
            (ET.server_name, X.encode_server_name("a.b")),
            (ET.server_name, X.encode_server_name("c.d")),
        ),
    )
    ch, _ = roundtrip(spec)
    assert ch.groups == () and ch.sni == "a.b"
    assert any("malformed supported_groups" in a for a in ch.anomalies)
    assert any("duplicate extension server_name" in a for a in ch.anomalies)


def test_client_hello_structural_errors() -> None:
    msg = encode_client_hello(ClientHelloSpec(cipher_suites=(1, 2)), random=RANDOM)[4:]
    for cut in (10, 34, 36, 40, len(msg) - 1):
        with pytest.raises(DecodeError):
            decode_client_hello(msg[:cut])
    with pytest.raises(EncodeError):
        encode_client_hello(ClientHelloSpec(), random=b"short")
    with pytest.raises(EncodeError, match="sslv2"):
        encode_client_hello(ClientHelloSpec(versions=(0x0002,)), random=RANDOM)


# -- ServerHello ----------------------------------------------------------------------------


def sh(
    random: bytes = RANDOM,
    version: int = 0x0303,
    exts: tuple[Extension, ...] | None = None,
    suite: int = 0xC02F,
) -> bytes:
    return encode_server_hello(
        version=version, random=random, session_id=b"", cipher_suite=suite, extensions=exts
    )[4:]


def test_server_hello_tls13_and_hrr() -> None:
    ks = Extension(
        type=ET.key_share,
        data=X.encode_key_share_server(KeyShareEntry(group=29, key_exchange=b"s" * 32)),
    )
    sv = Extension(type=ET.supported_versions, data=X.encode_supported_versions_server(0x0304))
    m = decode_server_hello(sh(exts=(sv, ks), suite=0x1301))
    assert m.version == 0x0304 and m.key_share is not None and m.key_share.group == 29
    assert not m.is_hello_retry_request and not m.anomalies
    hrr_ks = Extension(type=ET.key_share, data=X.encode_key_share_hrr(24))
    cookie = Extension(type=ET.cookie, data=X.encode_cookie(b"C" * 40))
    h = decode_server_hello(sh(random=HRR_RANDOM, exts=(sv, hrr_ks, cookie), suite=0x1301))
    assert h.is_hello_retry_request and h.selected_group == 24 and h.key_share is None
    assert h.cookie == b"C" * 40


@pytest.mark.parametrize(
    "tail, want", [(DOWNGRADE_TLS12, "tls12"), (DOWNGRADE_TLS11, "tls11"), (b"DOWNGRD\x02", None)]
)
def test_downgrade_sentinel(tail: bytes, want: str | None) -> None:
    assert decode_server_hello(sh(random=bytes(24) + tail)).downgrade_sentinel == want


def test_ssl3_server_hello_without_extensions() -> None:
    m = decode_server_hello(sh(version=0x0300))
    assert m.version == 0x0300 and m.extensions == () and not m.secure_renegotiation


def test_server_hello_anomalies() -> None:
    sv = Extension(type=ET.supported_versions, data=b"\x03")  # 1 byte: malformed
    alpn = Extension(
        type=ET.application_layer_protocol_negotiation, data=X.encode_alpn(("h2", "http/1.1"))
    )
    m = decode_server_hello(sh(version=0x0303, exts=(sv, alpn)) + b"zz")
    assert m.version == 0x0303 and m.alpn == "h2"
    assert len(m.anomalies) == 3  # malformed supported_versions, 2-protocol ALPN, trailing


# -- hypothesis round trip ------------------------------------------------------------------

u16 = st.integers(min_value=0, max_value=0xFFFF)
names = st.from_regex(r"[a-z0-9]{1,20}(\.[a-z0-9]{1,20}){0,3}", fullmatch=True)
specs = st.builds(
    ClientHelloSpec,
    versions=st.sampled_from([(0x0304, 0x0303), (0x0303,), (0x0303, 0x0302, 0x0301), (0x0301,)]),
    cipher_suites=st.lists(
        u16.filter(lambda v: not is_grease(v) and v not in (0xFF, 0x5600)), min_size=1, max_size=40
    ).map(tuple),
    groups=st.lists(u16.filter(lambda v: not is_grease(v)), max_size=10, unique=True).map(tuple),
    signature_algorithms=st.lists(u16, max_size=10).map(tuple),
    sni=st.none() | names,
    alpn=st.lists(
        st.sampled_from(["h2", "http/1.1", "acme-tls/1", "spdy/3"]), max_size=3, unique=True
    ).map(tuple),
    ocsp_stapling=st.booleans(),
    fallback_scsv=st.booleans(),
    renegotiation_info=st.booleans(),
    extended_master_secret=st.booleans(),
    session_ticket=st.booleans(),
    sct=st.booleans(),
    grease=st.booleans(),
    padding_to=st.none() | st.integers(min_value=0, max_value=700),
)


@settings(max_examples=60, deadline=None)
@given(specs, st.binary(min_size=32, max_size=32), st.binary(max_size=32))
def test_client_hello_round_trip(spec: ClientHelloSpec, random: bytes, session_id: bytes) -> None:
    msg = encode_client_hello(spec, random=random, session_id=session_id)
    ch = decode_client_hello(msg[4:])
    assert not ch.anomalies
    suites = tuple(s for s in ch.cipher_suites if not is_grease(s))
    assert suites[: len(spec.cipher_suites)] == spec.cipher_suites
    assert ch.fallback_scsv == spec.fallback_scsv
    assert ch.random == random and ch.session_id == session_id
    assert tuple(g for g in ch.groups if not is_grease(g)) == spec.groups
    assert ch.signature_algorithms == spec.signature_algorithms
    assert ch.sni == spec.sni and ch.alpn == spec.alpn
    assert ch.ocsp_stapling == spec.ocsp_stapling and ch.sct == spec.sct
    assert ch.versions == (spec.versions if spec.offers_tls13 else (spec.versions[0],))
    assert ch.grease == (spec.grease)
    if spec.padding_to is not None:
        assert len(msg) >= spec.padding_to
        if ch.padding:  # padded: exactly to the target
            assert len(msg) == spec.padding_to
    # Re-encoding the decoded extensions reproduces the bytes.
    r = Reader(msg[4:])
    r.bytes(2 + 32)
    r.vector(1)
    r.vector(2)
    r.vector(1)
    if ch.has_extensions_block:
        assert X.encode_extensions(ch.extensions) == r.rest()


@pytest.mark.parametrize("b", range(0, 256, 17))
def test_grease_extensions_never_collide(b: int) -> None:
    # random[0] and random[1] pick the two GREASE extensions; equal picks must not
    # produce a duplicate extension (RFC 8446 §4.2) or a non-GREASE value.
    spec = ClientHelloSpec(cipher_suites=(1,), grease=True)
    ch = decode_client_hello(encode_client_hello(spec, random=bytes([b, b]) + bytes(30))[4:])
    first, last = ch.extension_types[0], ch.extension_types[-1]
    assert is_grease(first) and is_grease(last) and first != last and not ch.anomalies
