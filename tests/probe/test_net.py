"""open_connection against real loopback listeners: each failure becomes its Outcome."""

from __future__ import annotations

import asyncio
import errno
import ssl
import time

import pytest
from probe_helpers import blackhole, closed_port, connect_proxy, run

from tlsdoctor.probe.budget import ProbeOptions
from tlsdoctor.probe.net import (
    ConnectFailed,
    _os_outcome,
    close_writer,
    open_connection,
)
from tlsdoctor.probe.outcome import Outcome
from tlsdoctor.probe.plaintext import detect_plaintext
from tlsdoctor.probe.target import Target
from tlsdoctor.testing.faults import fault_server

FAST = ProbeOptions(connect_timeout=1.0, read_timeout=1.0)
# A complete (empty-bodied) ClientHello record: enough for a fault server to react.
HELLO = b"\x16\x03\x01\x00\x04\x01\x00\x00\x00"


async def _first_bytes(target: Target, options: ProbeOptions = FAST, send: bytes = b"") -> bytes:
    reader, writer = await open_connection(target, options)
    try:
        if send:
            writer.write(send)
        return await asyncio.wait_for(reader.read(4096), 3)
    finally:
        await close_writer(writer)


async def _fails(target: Target, options: ProbeOptions = FAST) -> ConnectFailed:
    with pytest.raises(ConnectFailed) as info:
        await open_connection(target, options)
    return info.value


def test_refused() -> None:
    exc = run(_fails(Target(host="localhost", port=closed_port(), connect="127.0.0.1")))
    assert exc.outcome is Outcome.REFUSED
    assert "refused" in exc.error.lower()


def test_connect_timeout_is_bounded() -> None:
    with blackhole() as port:
        start = time.monotonic()
        exc = run(_fails(Target(host="127.0.0.1", port=port),
                         ProbeOptions(connect_timeout=0.5)))
    assert exc.outcome is Outcome.CONNECT_TIMEOUT
    assert time.monotonic() - start < 2.5


def test_dns_failure() -> None:
    # RFC 6761 §6.4: .invalid never resolves.
    exc = run(_fails(Target(host="no-such-host.invalid", port=443)))
    assert exc.outcome is Outcome.DNS_FAILURE
    assert "no-such-host.invalid" in exc.error


@pytest.mark.parametrize("code, outcome", [
    (errno.ENETUNREACH, Outcome.UNREACHABLE), (errno.EHOSTUNREACH, Outcome.UNREACHABLE),
    (errno.ETIMEDOUT, Outcome.CONNECT_TIMEOUT)])
def test_os_error_classification(code: int, outcome: Outcome) -> None:
    # Sending to a routable address is not allowed in tests (loopback only): the errno
    # mapping is checked directly.
    assert _os_outcome(OSError(code, "x")) is outcome


def test_connect_address_overrides_host_and_keeps_name() -> None:
    # --connect: the name does not resolve, the address is used, SNI stays the name.
    with fault_server("http") as srv:
        target = Target(host="www.example.invalid", port=srv.port, sni="www.example.invalid",
                        connect="127.0.0.1")
        data = run(_first_bytes(target, send=HELLO))
    assert data.startswith(b"HTTP/1.1 400")


def test_ipv6_loopback() -> None:
    with fault_server("http", host="::1") as srv:
        data = run(_first_bytes(Target(host="::1", port=srv.port), send=HELLO))
        assert srv.connections == 1
    assert data.startswith(b"HTTP/1.1")


def test_proxy_connect_tunnels_to_target() -> None:
    with fault_server("http") as srv, connect_proxy() as proxy:
        opts = ProbeOptions(connect_timeout=2, proxy=proxy.url)
        data = run(_first_bytes(Target(host="127.0.0.1", port=srv.port), opts,
                                send=HELLO))
    assert data.startswith(b"HTTP/1.1 400")
    assert proxy.requests[0].startswith(f"CONNECT 127.0.0.1:{srv.port} HTTP/1.1\r\n".encode())


def test_proxy_refusal_is_proxy_failed() -> None:
    with connect_proxy(deny=True) as proxy:
        exc = run(_fails(Target(host="127.0.0.1", port=443),
                         ProbeOptions(connect_timeout=2, proxy=proxy.url)))
    assert exc.outcome is Outcome.PROXY_FAILED
    assert "403" in exc.error


def test_proxy_down_is_proxy_failed() -> None:
    exc = run(_fails(Target(host="127.0.0.1", port=443),
                     ProbeOptions(connect_timeout=1, proxy=f"http://127.0.0.1:{closed_port()}")))
    assert exc.outcome is Outcome.PROXY_FAILED
    assert "refused" in exc.error.lower()


def _client_ctx() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


@pytest.mark.parametrize("proto", ["smtp", "imap", "pop3", "ftp", "xmpp", "ldap", "postgres"])
def test_starttls_dialog_then_real_tls(proto: str) -> None:
    async def go(target: Target) -> str | None:
        _reader, writer = await open_connection(target, FAST)
        try:
            await asyncio.wait_for(writer.start_tls(_client_ctx(), server_hostname="localhost"), 5)
            return writer.get_extra_info("ssl_object").version()
        finally:
            await close_writer(writer)

    with fault_server(f"{proto}_starttls") as srv:
        assert srv.target.starttls == proto
        version = run(go(srv.target))
        assert not srv.errors
    assert version in ("TLSv1.2", "TLSv1.3")


@pytest.mark.parametrize("proto, words", [
    ("smtp", "does not offer STARTTLS"), ("imap", "refused"), ("pop3", "refused STLS"),
    ("ftp", "AUTH TLS refused with 502"), ("xmpp", "does not offer"),
    ("ldap", "resultCode 2"), ("postgres", "'N'")])
def test_starttls_refused(proto: str, words: str) -> None:
    with fault_server(f"{proto}_starttls", offer_starttls=False) as srv:
        exc = run(_fails(srv.target))
    assert exc.outcome is Outcome.STARTTLS_FAILED
    assert words in exc.error


def test_starttls_reset_before_greeting() -> None:
    with fault_server("rst_on_accept") as srv:
        target = Target(host="localhost", port=srv.port, connect="127.0.0.1", starttls="smtp")
        exc = run(_fails(target))
    assert exc.outcome is Outcome.RESET_BEFORE_REPLY


def test_starttls_on_implicit_tls_port() -> None:
    # The port speaks TLS right away (it waits for our hello): the greeting never comes.
    with fault_server("tls") as srv:
        target = Target(host="localhost", port=srv.port, connect="127.0.0.1", starttls="smtp")
        start = time.monotonic()
        exc = run(_fails(target, ProbeOptions(connect_timeout=0.5)))
    assert exc.outcome is Outcome.STARTTLS_FAILED
    assert "no SMTP greeting" in exc.error
    assert time.monotonic() - start < 3


def test_starttls_wrong_protocol_banner() -> None:
    with fault_server("pop3_banner") as srv:
        target = Target(host="localhost", port=srv.port, connect="127.0.0.1", starttls="imap")
        # The banner comes at once; the wait is only longer than FAST's second so that a
        # loaded CI (which once sent it late) still reads it rather than "no greeting".
        exc = run(_fails(target, ProbeOptions(connect_timeout=5.0, read_timeout=5.0)))
    assert exc.outcome is Outcome.STARTTLS_FAILED
    assert "+OK Dovecot" in exc.reply.decode()


@pytest.mark.parametrize("data, name", [
    (b"HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n", "http"),
    (b"HTTP/1.0 200 OK\r\n", "http"),
    (b"<html><body>hi", "http"),
    (b"220 mx.example.com ESMTP Postfix (Debian/GNU)\r\n", "smtp"),
    (b"220-mail.example.com ESMTP Exim 4.96\r\n220 ok\r\n", "smtp"),
    (b"220 (vsFTPd 3.0.5)\r\n", "ftp"),
    (b"220-FileZilla Server 1.8\r\n", "ftp"),
    (b"* OK [CAPABILITY IMAP4rev1] Dovecot ready.\r\n", "imap"),
    (b"+OK Dovecot ready.\r\n", "pop3"),
    (b"SSH-2.0-OpenSSH_9.6p1 Ubuntu\r\n", "ssh"),
    (b"<?xml version='1.0'?><stream:stream xmlns='jabber:client'", "xmpp"),
    (b"-ERR unknown command '\x16\x03\x01'", "redis"),
    (b"E\x00\x00\x00\x54SFATAL\x00VFATAL\x00C08P01\x00", "postgres"),
    (b"J\x00\x00\x00\x0a8.0.36\x00\x08\x00\x00\x00", "mysql"),
    (b"RFB 003.008\n", "vnc"),
    (b"\x15\x03\x03\x00\x02\x02\x28", None),
    (b"\x00\xff\x13\x37", None),
    (b"", None),
])
def test_detect_plaintext(data: bytes, name: str | None) -> None:
    assert detect_plaintext(data) == name


@pytest.mark.parametrize("kind, name", [("smtp_banner", "smtp"), ("imap_banner", "imap"),
                                        ("pop3_banner", "pop3"), ("ftp_banner", "ftp"),
                                        ("ssh_banner", "ssh")])
def test_detect_plaintext_from_real_banner(kind: str, name: str) -> None:
    with fault_server(kind) as srv:
        data = run(_first_bytes(srv.target))
    assert detect_plaintext(data) == name


def test_detect_ldap_notice_of_disconnection() -> None:
    # RFC 4511 §4.4.1: ExtendedResponse, resultCode protocolError (2), responseName 20036.
    oid = b"1.3.6.1.4.1.1466.20036"
    op = b"\x78" + bytes([9 + len(oid)]) + b"\x0a\x01\x02\x04\x00\x04\x00\x8a" + \
        bytes([len(oid)]) + oid
    msg = b"\x30" + bytes([3 + len(op)]) + b"\x02\x01\x00" + op
    assert detect_plaintext(msg) == "ldap"
