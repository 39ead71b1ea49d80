"""listen(): real clients (openssl, curl, gnutls-cli, Python ssl) against the capture port."""

from __future__ import annotations

import asyncio
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Awaitable, Callable

import pytest
from probe_helpers import run

from tlsdoctor.probe.listen import CapturedHello, analyze, ja3, ja4, listen

TLS13, TLS12 = 0x0304, 0x0303


async def _capture(client: Callable[[int], Awaitable[bytes]], *, count: int = 1,
                   timeout: float = 8) -> tuple[list[CapturedHello], bytes]:
    ready: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    got = asyncio.ensure_future(listen(port=0, count=count, timeout=timeout,
                                       on_ready=ready.set_result))
    port = await ready
    out = await client(port)
    return await got, out


def _process(*argv: str) -> Callable[[int], Awaitable[bytes]]:
    async def start(port: int) -> bytes:
        args = [a.replace("PORT", str(port)) for a in argv]
        proc = await asyncio.create_subprocess_exec(
            *args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            out, _ = await asyncio.wait_for(proc.communicate(), 8)
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
        return out
    return start


def test_openssl_s_client() -> None:
    caps, out = run(_capture(_process(
        "openssl", "s_client", "-connect", "127.0.0.1:PORT", "-servername", "app.example.test",
        "-alpn", "h2,http/1.1")))
    (c,) = caps
    assert c.kind == "tls" and c.ok
    assert c.sni == "app.example.test"
    assert c.alpn == ("h2", "http/1.1")
    assert c.versions[0] == TLS13 and TLS12 in c.versions
    assert 0x1301 in c.cipher_suites and 0x001D in c.groups  # TLS_AES_128_GCM_SHA256, x25519
    assert 0x0804 in c.signature_algorithms  # rsa_pss_rsae_sha256
    assert c.extensions[0] == 0  # OpenSSL sends server_name first
    assert c.ja4.startswith("t13d") and c.ja4[8:10] == "h2"
    assert len(c.ja3_md5) == 32 and c.ja3.startswith("771,")
    # The client was refused with a fatal handshake_failure alert, not a timeout.
    assert b"alert handshake failure" in out


def test_openssl_tls12_only_no_sni() -> None:
    caps, _ = run(_capture(_process(
        "openssl", "s_client", "-connect", "127.0.0.1:PORT", "-noservername", "-tls1_2",
        "-cipher", "ECDHE-RSA-AES128-GCM-SHA256")))
    (c,) = caps
    assert c.sni is None
    assert c.versions == (TLS12,)
    assert c.ja4.startswith("t12i")
    assert 0xC02F in c.cipher_suites


def test_curl() -> None:
    if shutil.which("curl") is None:
        pytest.skip("curl missing")
    caps, out = run(_capture(_process("curl", "-sS", "--max-time", "5",
                                      "https://localhost:PORT/")))
    (c,) = caps
    assert c.sni == "localhost"
    assert "h2" in c.alpn or "http/1.1" in c.alpn
    assert b"handshake failure" in out


def test_gnutls_cli() -> None:
    if shutil.which("gnutls-cli") is None:
        pytest.skip("gnutls-cli missing")
    caps, out = run(_capture(_process("gnutls-cli", "--port", "PORT", "localhost")))
    (c,) = caps
    assert c.ok and c.sni == "localhost"
    assert 0x1301 in c.cipher_suites
    assert b"Received alert [40]" in out


def test_python_ssl() -> None:
    def connect(port: int) -> bytes:
        ctx = ssl.create_default_context()
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.set_alpn_protocols(["http/1.1"])
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            try:
                ctx.wrap_socket(s, server_hostname="py.example.test")
            except ssl.SSLError as exc:
                return str(exc).encode()
        return b""

    async def client(port: int) -> bytes:
        return await asyncio.to_thread(connect, port)

    caps, out = run(_capture(client))
    (c,) = caps
    assert c.sni == "py.example.test" and c.alpn == ("http/1.1",)
    assert set(c.versions) == {TLS13, TLS12}
    assert c.ja4.startswith("t13d") and c.ja4[8:10] == "h1"
    assert b"HANDSHAKE_FAILURE" in out


def _raw_client(data: bytes) -> Callable[[int], Awaitable[bytes]]:
    async def send(port: int) -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(data)
        try:
            return await asyncio.wait_for(reader.read(100), 5)
        finally:
            writer.close()
            await writer.wait_closed()
    return send


def test_plain_http_client() -> None:
    caps, answer = run(_capture(_raw_client(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")))
    (c,) = caps
    assert c.kind == "http" and c.protocol == "http" and not c.ok
    assert answer == b""  # not TLS: no alert, just closed


def test_sslv2_client_hello() -> None:
    # SSLv2 CLIENT-HELLO (draft-hickman-netscape-ssl-00 §2.6): type 1, version 0x0002,
    # cipher-specs 6 bytes, session-id 0, challenge 16; kinds RC4_128_WITH_MD5, DES_192_EDE3.
    body = (b"\x01\x00\x02\x00\x06\x00\x00\x00\x10" + bytes.fromhex("0100800700c0") +
            bytes(range(16)))
    caps, answer = run(_capture(_raw_client(bytes([0x80, len(body)]) + body)))
    (c,) = caps
    assert c.kind == "sslv2" and c.versions == (0x0002,)
    assert c.cipher_suites == (0x010080, 0x0700C0)
    assert answer == b"\x80\x03\x00\x00\x01"  # SSLv2 ERROR NO-CIPHER-ERROR


def test_silent_client_times_out_and_count_is_bounded() -> None:
    async def silent(port: int) -> bytes:
        _reader, writer = await asyncio.open_connection("127.0.0.1", port)
        await asyncio.sleep(0.1)
        writer.close()
        await writer.wait_closed()
        return b""

    started = time.monotonic()
    caps, _ = run(_capture(silent, count=2, timeout=1.5))
    # A connection that sends nothing (a port check) is not a client: not counted, and the
    # listener still ends at its timeout.
    assert caps == []
    assert time.monotonic() - started < 5


def test_two_clients() -> None:
    async def both(port: int) -> bytes:
        a = _process("openssl", "s_client", "-connect", f"127.0.0.1:{port}",
                     "-servername", "one.test")
        b = _process("openssl", "s_client", "-connect", f"127.0.0.1:{port}",
                     "-servername", "two.test")
        await asyncio.gather(a(port), b(port))
        return b""

    caps, _ = run(_capture(both, count=2))
    assert sorted(c.sni or "" for c in caps) == ["one.test", "two.test"]


@pytest.mark.parametrize("data", [b"", b"\x16", b"\x16\x03\x01\x00\x05\x01\x00\x00\x40\x03",
                                  b"\x16\x03\x01\x00\x04\x02\x00\x00\x00", b"\x80\x02\x01\x00",
                                  bytes(range(256)) * 4])
def test_analyze_never_raises(data: bytes) -> None:
    c = analyze(data)
    assert not c.ok
    assert c.error


def test_fingerprints_match_published_vector() -> None:
    # JA3/JA4 of a Chrome 143 hello as published by browserleaks.com (JSON with ja3_text,
    # ja3_hash, ja4, ja4_r): values recomputed here from the published fields.
    suites = (4865, 4866, 4867, 49195, 49199, 49196, 49200, 52393, 52392, 49171, 49172, 156,
              157, 47, 53)
    exts = (45, 51, 16, 65037, 23, 17613, 0, 11, 10, 43, 65281, 35, 18, 5, 13, 27)
    text, md5 = ja3(771, suites, exts, (4588, 29, 23, 24), (0,))
    assert text == ("771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-"
                    "157-47-53,45-51-16-65037-23-17613-0-11-10-43-65281-35-18-5-13-27,"
                    "4588-29-23-24,0")
    assert md5 == "98487aa16281980e7d1120d399efb6a4"
    fp, raw = ja4(versions=(TLS13, TLS12), legacy_version=771, suites=suites, extensions=exts,
                  signature_algorithms=(0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806,
                                        0x0601), sni=True, alpn=("h2",),
                  has_supported_versions=True)
    assert fp == "t13d1516h2_8daaf6152771_d8a2da3f94cd"
    assert raw.startswith("t13d1516h2_002f,0035,009c")


def test_grease_is_ignored_in_fingerprints() -> None:
    base = ja4(versions=(TLS13,), legacy_version=771, suites=(0x1301,), extensions=(0, 43),
               signature_algorithms=(0x0403,), sni=True, alpn=(), has_supported_versions=True)
    greased = ja4(versions=(0x1A1A, TLS13), legacy_version=771, suites=(0x0A0A, 0x1301),
                  extensions=(0x2A2A, 0, 43), signature_algorithms=(0x0403,), sni=True,
                  alpn=(), has_supported_versions=True)
    assert base == greased
    assert ja3(771, (0x0A0A, 1), (0x2A2A, 0), (0x3A3A, 29), (0,))[0] == "771,1,0,29,0"
