"""Every extension codec round-trips; dispatch by context; malformed bodies raise DecodeError."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tlsdoctor.wire import extensions as X
from tlsdoctor.wire.buffer import DecodeError, Reader
from tlsdoctor.wire.extensions import Context, Extension, KeyShareEntry
from tlsdoctor.wire.registry import ExtensionType as ET

u8 = st.integers(min_value=0, max_value=0xFF)
u16 = st.integers(min_value=0, max_value=0xFFFF)
u16s = st.lists(u16, max_size=60).map(tuple)
blobs = st.binary(max_size=300)
hosts = st.from_regex(r"[a-z0-9-]{1,30}(\.[a-z0-9-]{1,30}){0,4}", fullmatch=True)


@settings(max_examples=40)
@given(hosts)
def test_server_name(host: str) -> None:
    assert X.decode_server_name(X.encode_server_name(host)) == host
    assert X.decode_server_name(b"") is None  # the server's empty acknowledgement


def test_server_name_idna_and_untrusted_bytes() -> None:
    assert X.decode_server_name(X.encode_server_name("bücher.example")) == "xn--bcher-kva.example"
    raw = b"\x00\x07\x00\x00\x04\x1b[2J"  # an escape sequence as a "host name"
    assert X.decode_server_name(raw) == "\\x1b[2J"
    alpn = b"\x00\x03\x02\xff\\"
    assert X.decode_alpn(alpn) == ("\\xff\\x5c",)


@given(u16s)
def test_u16_lists(values: tuple[int, ...]) -> None:
    assert X.decode_supported_groups(X.encode_supported_groups(values)) == values
    assert X.decode_signature_algorithms(X.encode_signature_algorithms(values)) == values


@given(st.lists(u8, max_size=30).map(tuple))
def test_u8_lists(values: tuple[int, ...]) -> None:
    assert X.decode_ec_point_formats(X.encode_ec_point_formats(values)) == values
    assert X.decode_psk_key_exchange_modes(X.encode_psk_key_exchange_modes(values)) == values


@given(
    st.lists(
        st.text(alphabet="abcdefghijklmnop/.-0123456789", min_size=1, max_size=20), max_size=6
    ).map(tuple)
)
def test_alpn(protocols: tuple[str, ...]) -> None:
    assert X.decode_alpn(X.encode_alpn(protocols)) == protocols


def test_status_request() -> None:
    req = X.decode_status_request(X.encode_status_request())
    assert req == X.StatusRequest(status_type=1)
    assert X.decode_status_request(b"") is None
    assert X.decode_status_request(b"\x02junk").status_type == 2  # type: ignore[union-attr]


@given(st.lists(blobs, max_size=5).map(tuple))
def test_sct_and_certificate_authorities(items: tuple[bytes, ...]) -> None:
    assert X.decode_sct_list(X.encode_sct_list(items)) == items
    assert X.decode_certificate_authorities(X.encode_certificate_authorities(items)) == items


@given(st.binary(max_size=255))
def test_renegotiation_info(data: bytes) -> None:
    assert X.decode_renegotiation_info(X.encode_renegotiation_info(data)) == data


@given(st.lists(u16, min_size=1, max_size=127).map(tuple), u16)
def test_supported_versions(versions: tuple[int, ...], one: int) -> None:
    assert (
        X.decode_supported_versions_client(X.encode_supported_versions_client(versions)) == versions
    )
    assert X.decode_supported_versions_server(X.encode_supported_versions_server(one)) == one


@given(st.lists(st.builds(KeyShareEntry, group=u16, key_exchange=blobs), max_size=4).map(tuple))
def test_key_share(entries: tuple[KeyShareEntry, ...]) -> None:
    assert X.decode_key_share_client(X.encode_key_share_client(entries)) == entries
    for e in entries:
        assert X.decode_key_share_server(X.encode_key_share_server(e)) == e
        assert X.decode_key_share_hrr(X.encode_key_share_hrr(e.group)) == e.group


@given(blobs, st.integers(min_value=0, max_value=600))
def test_cookie_and_padding(cookie: bytes, n: int) -> None:
    assert X.decode_cookie(X.encode_cookie(cookie)) == cookie
    assert X.decode_padding(X.encode_padding(n)) == n


def test_padding_must_be_zero() -> None:
    with pytest.raises(DecodeError):
        X.decode_padding(b"\x00\x01")


def test_empty_flags() -> None:
    assert X.decode_empty(b"") is True
    with pytest.raises(DecodeError):
        X.decode_empty(b"x")


@given(st.lists(st.tuples(u16, blobs), max_size=10))
def test_extension_block(items: list[tuple[int, bytes]]) -> None:
    exts = tuple(Extension(type=t, data=d) for t, d in items)
    data = X.encode_extensions(exts)
    got = X.pull_extensions(Reader(data))
    assert [(int(e.type), e.data) for e in got] == items


def test_extension_count_is_bounded() -> None:
    data = X.encode_extensions([Extension(type=0x7777, data=b"")] * (X.MAX_EXTENSIONS + 1))
    with pytest.raises(DecodeError, match="more than"):
        X.pull_extensions(Reader(data))


@pytest.mark.parametrize(
    "ext_type, data, context, want",
    [
        (ET.supported_versions, b"\x04\x03\x04\x03\x03", Context.CLIENT_HELLO, (0x0304, 0x0303)),
        (ET.supported_versions, b"\x03\x04", Context.SERVER_HELLO, 0x0304),
        (ET.key_share, b"\x00\x18", Context.HELLO_RETRY_REQUEST, 24),
        (
            ET.key_share,
            b"\x00\x1d\x00\x01k",
            Context.SERVER_HELLO,
            KeyShareEntry(group=29, key_exchange=b"k"),
        ),
        (ET.status_request, b"", Context.SERVER_HELLO, True),
        (ET.status_request, b"\x01\x00\x00\x01Z", Context.CERTIFICATE, b"\x01\x00\x00\x01Z"),
        (ET.early_data, b"\x00\x00\x40\x00", Context.NEW_SESSION_TICKET, 0x4000),
        (ET.session_ticket, b"tick", Context.CLIENT_HELLO, b"tick"),
        (ET.pre_shared_key, b"\x00\x01", Context.SERVER_HELLO, 1),
        (ET.compress_certificate, b"\x04\x00\x02\x00\x01", Context.CLIENT_HELLO, (2, 1)),
        (ET.server_certificate_type, b"\x02\x00\x02", Context.CLIENT_HELLO, (0, 2)),
        (ET.server_certificate_type, b"\x02", Context.ENCRYPTED_EXTENSIONS, 2),
        (ET.heartbeat, b"\x01", Context.SERVER_HELLO, 1),
        (0x1A1A, b"\x00", Context.CLIENT_HELLO, b"\x00"),  # GREASE: raw
        (0x7777, b"raw", Context.SERVER_HELLO, b"raw"),  # unknown: raw
    ],
)
def test_dispatch(ext_type: int, data: bytes, context: Context, want: object) -> None:
    assert X.decode_extension(Extension(type=ext_type, data=data), context=context) == want


def test_grease_flag() -> None:
    assert Extension(type=0xCACA, data=b"").grease and not Extension(type=0, data=b"").grease


@settings(max_examples=400)
@given(
    ext_type=st.sampled_from(sorted(X._DECODERS)),
    context=st.sampled_from(list(Context)),
    data=st.binary(max_size=64),
)
def test_every_extension_decoder_returns_or_raises_decode_error(
    ext_type: int, context: Context, data: bytes
) -> None:
    with contextlib.suppress(DecodeError):
        X.decode_extension(Extension(type=ext_type, data=data), context=context)


def test_pre_shared_key_offer() -> None:
    # RFC 8446 §4.2.11 OfferedPsks: one identity "tk" aged 7, one 32-byte binder.
    data = b"\x00\x08" + b"\x00\x02tk" + b"\x00\x00\x00\x07" + b"\x00\x21\x20" + b"B" * 32
    ids, binders = X.decode_pre_shared_key_client(data)
    assert ids == (X.PskIdentity(identity=b"tk", obfuscated_ticket_age=7),)
    assert binders == (b"B" * 32,)
    with pytest.raises(DecodeError):
        X.decode_pre_shared_key_client(data[:-1])
