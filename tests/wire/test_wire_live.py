"""Our encoded hellos against real servers on 127.0.0.1; the answers decode as expected."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wire_helpers import RANDOM, exchange, parse_flight

from tlsdoctor.testing.servers import Server
from tlsdoctor.wire import (
    AlertDescription,
    ClientHelloSpec,
    ContentType,
    NamedGroup,
    Record,
    ServerHello,
    decode_alerts,
    decode_handshake,
    encode_client_hello_record,
)
from tlsdoctor.wire.messages import Certificate, ServerKeyExchange

GROUPS = (29, 23, 24)
SIGALGS = (0x0804, 0x0403, 0x0401)


def flight(srv: Server, spec: ClientHelloSpec, **kw: object) -> tuple[list[object], list[object]]:
    data = exchange(srv.address, encode_client_hello_record(spec, random=RANDOM, **kw))  # type: ignore[arg-type]
    records, msgs = parse_flight(data)
    version = 0x0303
    out: list[object] = []
    for t, body in msgs:
        m = decode_handshake(t, body, version=version)
        if isinstance(m, ServerHello):
            version = m.version
        out.append(m)
    return list(records), out


def test_grease_padded_fragmented_hello_is_accepted(s_server: Callable[..., Server]) -> None:
    srv = s_server(protocols=("tls1_2",))
    spec = ClientHelloSpec(
        cipher_suites=(0xC02B, 0xC02F),
        groups=GROUPS,
        sni="localhost",
        signature_algorithms=SIGALGS,
        grease=True,
        padding_to=512,
    )
    _, msgs = flight(srv, spec, max_fragment=64)  # the hello split over 8 records
    sh, cert, ske = msgs[:3]
    assert isinstance(sh, ServerHello) and sh.cipher_suite == 0xC02B and sh.version == 0x0303
    assert isinstance(cert, Certificate) and len(cert.certificates) == 1
    assert isinstance(ske, ServerKeyExchange) and ske.named_curve is NamedGroup.x25519


def test_hello_retry_request_live(s_server: Callable[..., Server]) -> None:
    srv = s_server(protocols=("tls1_3",), groups="P-384")
    spec = ClientHelloSpec(
        versions=(0x0304,),
        cipher_suites=(0x1301,),
        groups=(29, 24),
        key_share_groups=(29,),
        signature_algorithms=SIGALGS,
    )
    _, msgs = flight(srv, spec, session_id=bytes(32), key_shares={29: bytes(range(1, 33))})
    (hrr,) = msgs
    assert isinstance(hrr, ServerHello) and hrr.is_hello_retry_request
    assert hrr.selected_group == NamedGroup.secp384r1


def test_fallback_scsv_gets_inappropriate_fallback(s_server: Callable[..., Server]) -> None:
    srv = s_server(protocols=("tls1_1", "tls1_2"))
    spec = ClientHelloSpec(
        versions=(0x0302,), cipher_suites=(0xC013, 0x002F), groups=GROUPS, fallback_scsv=True
    )
    records, msgs = flight(srv, spec)
    assert msgs == []
    (alert_rec,) = records
    assert isinstance(alert_rec, Record) and alert_rec.content_type == ContentType.alert
    (alert,) = decode_alerts(alert_rec.fragment)
    assert alert.description is AlertDescription.inappropriate_fallback  # RFC 7507


def test_hello_without_extensions(s_server: Callable[..., Server], pki: Any) -> None:
    # RSA key exchange needs an RSA certificate; SSL 3.0-era hellos had no extensions.
    # Without signature_algorithms a TLS 1.2 server must assume SHA-1 (RFC 5246
    # §7.4.1.4.1), which OpenSSL 3 refuses above security level 0.
    srv = s_server(
        pki.leaf(key_type="rsa2048"), protocols=("tls1_2",), cipher="AES128-SHA:@SECLEVEL=0"
    )
    spec = ClientHelloSpec(
        cipher_suites=(0x002F,),
        renegotiation_info=False,
        extended_master_secret=False,
        session_ticket=False,
    )
    _, msgs = flight(srv, spec)
    assert [type(m).__name__ for m in msgs] == ["ServerHello", "Certificate", "ServerHelloDone"]
    sh = msgs[0]
    assert isinstance(sh, ServerHello) and sh.extensions == () and not sh.secure_renegotiation


def test_gnutls_answer(gnutls: Callable[..., Server]) -> None:
    srv = gnutls(priority="NORMAL:-VERS-ALL:+VERS-TLS1.2")
    spec = ClientHelloSpec(
        cipher_suites=(0xC02B, 0xC02F),
        groups=GROUPS,
        sni="localhost",
        signature_algorithms=SIGALGS,
        alpn=("http/1.1",),
    )
    _, msgs = flight(srv, spec)
    sh = msgs[0]
    assert isinstance(sh, ServerHello) and sh.version == 0x0303 and sh.cipher_suite == 0xC02B
    assert type(msgs[-1]).__name__ == "ServerHelloDone"
