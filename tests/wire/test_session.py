"""ClientSession against real servers on 127.0.0.1 (openssl s_server, gnutls-serv,
Python ssl), driven by a tiny blocking socket loop; plus sans-IO edge cases."""

from __future__ import annotations

import contextlib
import dataclasses
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from tlsdoctor.testing import servers
from tlsdoctor.testing.ca import Leaf
from tlsdoctor.wire.hello import ClientHelloSpec
from tlsdoctor.wire.session import ClientSession, SessionOutcome, SessionResult

X25519, P256, P384 = 0x001D, 0x0017, 0x0018
TLS13_SUITES = (0x1301, 0x1302, 0x1303, 0x1304, 0x1305)
SIGALGS = (0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0807)
TLS12_SUITES = (0xC02B, 0xC02F, 0xC02C, 0xC030, 0x009E, 0x009F, 0xC013, 0xC014, 0x0033, 0x002F)

TLS13 = ClientHelloSpec(
    versions=(0x0304,),
    cipher_suites=TLS13_SUITES,
    groups=(X25519, P256, P384),
    key_share_groups=(X25519,),
    signature_algorithms=SIGALGS,
    sni="localhost",
)
TLS12 = ClientHelloSpec(
    versions=(0x0303,),
    cipher_suites=TLS12_SUITES,
    groups=(X25519, P256, P384),
    signature_algorithms=SIGALGS,
    sni="localhost",
)

# OpenSSL names of the TLS 1.3 suites (RFC 8446 §B.4 names; OpenSSL uses them as is).
OPENSSL_13 = {
    0x1301: "TLS_AES_128_GCM_SHA256",
    0x1302: "TLS_AES_256_GCM_SHA384",
    0x1303: "TLS_CHACHA20_POLY1305_SHA256",
    0x1304: "TLS_AES_128_CCM_SHA256",
    0x1305: "TLS_AES_128_CCM_8_SHA256",
}
OPENSSL_GROUPS = {X25519: "X25519", P256: "P-256", P384: "P-384"}


def run(
    session: ClientSession,
    address: tuple[str, int],
    *,
    chunk: int | None = None,
    timeout: float = 5.0,
) -> SessionResult:
    """Drive one session over a blocking socket: bounded in time and reads."""
    deadline = time.monotonic() + timeout
    with socket.create_connection(address, timeout=timeout) as sock:
        sock.sendall(session.data_to_send())
        while not session.done and time.monotonic() < deadline:
            sock.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                data = sock.recv(65536)
            except TimeoutError:
                break
            except ConnectionResetError:
                session.connection_closed()
                break
            if not data:
                session.connection_closed()
                break
            step = chunk or len(data)
            for i in range(0, len(data), step):
                session.receive_data(data[i : i + step])
            out = session.data_to_send()
            if out:
                sock.sendall(out)
    return session.result()


def der_chain(leaf: Leaf) -> tuple[bytes, ...]:
    return tuple(c.public_bytes(Encoding.DER) for c in leaf.chain)


@pytest.fixture
def leaf_with_intermediate(ca) -> Leaf:
    inter = ca.intermediate()
    return inter.issue(("localhost",))


# --- TLS 1.3 -------------------------------------------------------------------------


@pytest.mark.parametrize("suite", TLS13_SUITES)
def test_tls13_every_suite_reads_the_chain(s_server, leaf_with_intermediate, suite) -> None:
    srv = s_server(leaf_with_intermediate, protocols=("tls1_3",), ciphersuites=OPENSSL_13[suite])
    result = run(ClientSession(TLS13), srv.address)
    assert result.outcome is SessionOutcome.HANDSHAKE, result.error
    assert (result.version, result.cipher_suite, result.group) == (0x0304, suite, X25519)
    assert len(result.certificates) == 2
    assert result.certificates == der_chain(leaf_with_intermediate)
    assert result.server_signature_scheme == 0x0403  # ecdsa_secp256r1_sha256 (P-256 leaf)
    assert result.cert_request is None
    assert 0x002B in result.server_extensions and 0x0033 in result.server_extensions


@pytest.mark.parametrize("group", [X25519, P256, P384])
def test_tls13_every_group(s_server, pki, group) -> None:
    leaf = pki.leaf()
    srv = s_server(leaf, protocols=("tls1_3",), groups=OPENSSL_GROUPS[group])
    spec = dataclasses.replace(TLS13, key_share_groups=(group,))
    result = run(ClientSession(spec), srv.address)
    assert result.outcome is SessionOutcome.HANDSHAKE, result.error
    assert result.group == group
    assert result.certificates == der_chain(leaf)


def test_tls13_byte_by_byte(s_server, leaf_with_intermediate) -> None:
    srv = s_server(leaf_with_intermediate, protocols=("tls1_3",))
    result = run(ClientSession(TLS13), srv.address, chunk=1)
    assert result.outcome is SessionOutcome.HANDSHAKE, result.error
    assert result.certificates == der_chain(leaf_with_intermediate)


def test_tls13_rsa_leaf_with_alpn(s_server, pki) -> None:
    leaf = pki.leaf(key_type="rsa2048")
    srv = s_server(leaf, protocols=("tls1_3",), extra_args=("-alpn", "h2,http/1.1"))
    spec = dataclasses.replace(TLS13, alpn=("h2", "http/1.1"))
    result = run(ClientSession(spec), srv.address)
    assert result.outcome is SessionOutcome.HANDSHAKE, result.error
    assert result.alpn == "h2"
    assert 0x0010 in result.server_extensions  # ALPN sits in EncryptedExtensions
    assert result.server_signature_scheme in (0x0804, 0x0805, 0x0806)  # RSA-PSS in TLS 1.3
    assert result.certificates == der_chain(leaf)


def test_tls13_certificate_request(s_server, pki) -> None:
    leaf = pki.leaf()
    srv = s_server(leaf, protocols=("tls1_3",), verify_ca=pki.root_pem)
    result = run(ClientSession(TLS13), srv.address)
    assert result.outcome is SessionOutcome.HANDSHAKE, result.error
    assert result.cert_request is not None
    assert result.cert_request.signature_algorithms  # RFC 8446 §4.3.2: mandatory
    root_dn = pki.ca.cert.subject.public_bytes()
    assert result.cert_request.ca_names == (root_dn,)
    # With -CAfile, s_server completes its chain from that file, root included.
    root_der = pki.ca.cert.public_bytes(Encoding.DER)
    assert result.certificates == (*der_chain(leaf), root_der)


def test_tls13_ocsp_staple_in_certificate_entry(s_server, pki) -> None:
    leaf = pki.leaf()
    staple = pki.ca.ocsp_response(leaf)
    staple_der = staple if isinstance(staple, bytes) else staple.public_bytes(Encoding.DER)
    srv = s_server(leaf, protocols=("tls1_3",), status_file=pki.write_pem("staple.der", staple_der))
    result = run(ClientSession(dataclasses.replace(TLS13, ocsp_stapling=True)), srv.address)
    assert result.outcome is SessionOutcome.HANDSHAKE, result.error
    assert result.ocsp_staple == staple_der  # RFC 8446 §4.4.2.1: in the leaf's entry
    assert result.certificates == der_chain(leaf)


def test_tls13_hello_retry_request_recorded(s_server, pki) -> None:
    srv = s_server(pki.leaf(), protocols=("tls1_3",), groups="P-384")
    result = run(ClientSession(TLS13), srv.address)
    assert result.outcome is SessionOutcome.HELLO_RETRY
    assert result.hello_retry_group == P384
    assert result.certificates == ()
    assert not result.hello_retried


def test_tls13_hello_retry_request_answered(s_server, pki) -> None:
    leaf = pki.leaf()
    srv = s_server(leaf, protocols=("tls1_3",), groups="P-384")
    session = ClientSession(TLS13, retry_on_hrr=True)
    result = run(session, srv.address)
    assert result.outcome is SessionOutcome.HANDSHAKE, result.error
    assert result.hello_retried
    assert (result.group, result.hello_retry_group) == (P384, P384)
    assert result.certificates == der_chain(leaf)


def test_python_ssl_server_tls13(py_server, pki) -> None:
    import ssl

    leaf = pki.leaf(key_type="ec384")
    chain, key = pki.write(leaf)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ctx.load_cert_chain(chain, key)
    srv = py_server(ctx)
    result = run(ClientSession(TLS13), srv.address)
    assert result.outcome is SessionOutcome.HANDSHAKE, result.error
    assert result.version == 0x0304
    assert result.certificates == der_chain(leaf)
    assert result.server_signature_scheme == 0x0503  # ecdsa_secp384r1_sha384


@pytest.mark.parametrize(
    "priority, version",
    [("NORMAL:-VERS-ALL:+VERS-TLS1.3", 0x0304), ("NORMAL:-VERS-ALL:+VERS-TLS1.2", 0x0303)],
)
def test_gnutls_server(gnutls, pki, priority, version) -> None:
    leaf = pki.leaf()
    srv = gnutls(leaf, priority=priority)
    spec = dataclasses.replace(
        TLS13, versions=(0x0304, 0x0303), cipher_suites=TLS13_SUITES + TLS12_SUITES
    )
    result = run(ClientSession(spec), srv.address)
    assert result.outcome is SessionOutcome.HANDSHAKE, result.error
    assert result.version == version
    assert result.certificates == der_chain(leaf)


@pytest.mark.parametrize("protocol, version", [("tls1_3", 0x0304), ("tls1_2", 0x0303)])
def test_nginx_sni_vhosts(nginx, pki, leaf_with_intermediate, protocol, version) -> None:
    other = pki.leaf("other.test")
    chain, key = pki.write(leaf_with_intermediate)
    chain2, key2 = pki.write(other)
    srv = nginx(
        servers.Site(
            server_name="localhost",
            chain_path=chain,
            key_path=key,
            protocols=(protocol,),
            default=True,
        ),
        servers.Site(
            server_name="other.test", chain_path=chain2, key_path=key2, protocols=(protocol,)
        ),
    )
    spec = dataclasses.replace(
        TLS13, versions=(0x0304, 0x0303), cipher_suites=TLS13_SUITES + TLS12_SUITES
    )
    for sni, expected in (("localhost", leaf_with_intermediate), ("other.test", other)):
        result = run(ClientSession(dataclasses.replace(spec, sni=sni)), srv.address)
        assert result.outcome is SessionOutcome.HANDSHAKE, result.error
        assert result.version == version
        assert result.certificates == der_chain(expected)


# --- TLS <= 1.2 ------------------------------------------------------------------------


def test_tls12_ecdhe_rsa(s_server, pki) -> None:
    leaf = pki.leaf(key_type="rsa2048")
    srv = s_server(leaf, protocols=("tls1_2",), cipher="ECDHE-RSA-AES128-GCM-SHA256")
    result = run(ClientSession(TLS12), srv.address)
    assert result.outcome is SessionOutcome.HANDSHAKE, result.error
    assert (result.version, result.cipher_suite) == (0x0303, 0xC02F)
    assert result.group == X25519  # from ServerKeyExchange
    assert result.dh_bits is None
    assert result.server_signature_scheme is not None
    assert result.secure_renegotiation is True
    assert result.extended_master_secret is True
    assert result.certificates == der_chain(leaf)


@pytest.fixture(scope="module")
def ffdhe2048(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # The RFC 7919 ffdhe2048 group, written by OpenSSL itself (instant, unlike dhparam).
    path = tmp_path_factory.mktemp("dh") / "ffdhe2048.pem"
    subprocess.run(
        [
            "openssl",
            "genpkey",
            "-genparam",
            "-algorithm",
            "DH",
            "-pkeyopt",
            "group:ffdhe2048",
            "-out",
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    return path


def test_tls12_dhe_rsa_reports_prime_size(s_server, pki, ffdhe2048) -> None:
    leaf = pki.leaf(key_type="rsa2048")
    srv = s_server(
        leaf, protocols=("tls1_2",), cipher="DHE-RSA-AES128-GCM-SHA256", dhparam=ffdhe2048
    )
    result = run(ClientSession(TLS12), srv.address)
    assert result.outcome is SessionOutcome.HANDSHAKE, result.error
    assert result.cipher_suite == 0x009E
    assert result.dh_bits == 2048
    assert result.group is None
    assert result.certificates == der_chain(leaf)


def test_tls12_certificate_request_and_ocsp_staple(s_server, pki) -> None:
    leaf = pki.leaf()
    staple = pki.ca.ocsp_response(leaf)
    staple_der = staple if isinstance(staple, bytes) else staple.public_bytes(Encoding.DER)
    status = pki.write_pem("staple.der", staple_der)
    srv = s_server(leaf, protocols=("tls1_2",), verify_ca=pki.root_pem, status_file=status)
    spec = dataclasses.replace(TLS12, ocsp_stapling=True)
    result = run(ClientSession(spec), srv.address)
    assert result.outcome is SessionOutcome.HANDSHAKE, result.error
    assert result.ocsp_staple == staple_der
    assert result.cert_request is not None
    assert result.cert_request.ca_names == (pki.ca.cert.subject.public_bytes(),)
    assert result.certificates[0] == der_chain(leaf)[0]


def test_tls10_legacy_server(s_server, pki) -> None:
    leaf = pki.leaf(key_type="rsa2048")
    srv = s_server(leaf, protocols=("tls1",), cipher="ALL:@SECLEVEL=0")
    spec = ClientHelloSpec(
        versions=(0x0301,),
        cipher_suites=(0xC013, 0x002F, 0x000A),
        groups=(X25519, P256),
        sni="localhost",
    )
    result = run(ClientSession(spec), srv.address)
    assert result.outcome is SessionOutcome.HANDSHAKE, result.error
    assert (result.version, result.cipher_suite) == (0x0301, 0xC013)
    assert result.server_signature_scheme is None  # TLS 1.0 signatures carry no scheme
    assert result.certificates == der_chain(leaf)


# --- failures ---------------------------------------------------------------------------


def test_version_mismatch_is_an_alert(s_server, pki) -> None:
    srv = s_server(pki.leaf(), protocols=("tls1_3",))
    result = run(ClientSession(TLS12), srv.address)
    assert result.outcome is SessionOutcome.ALERT
    assert result.alert == (2, 70)  # fatal protocol_version
    assert result.certificates == ()


def test_no_common_suite_is_an_alert(s_server, pki) -> None:
    srv = s_server(pki.leaf(), protocols=("tls1_3",), ciphersuites="TLS_AES_256_GCM_SHA384")
    spec = dataclasses.replace(TLS13, cipher_suites=(0x1301,))
    result = run(ClientSession(spec), srv.address)
    assert result.outcome is SessionOutcome.ALERT
    assert result.alert == (2, 40)  # handshake_failure


@contextlib.contextmanager
def raw_server(reply: Callable[[socket.socket], None]) -> Iterator[tuple[str, int]]:
    """A one-shot TCP server on loopback that runs ``reply`` on each connection."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(5)

    def serve() -> None:
        with contextlib.suppress(OSError):
            conn, _ = listener.accept()
            with conn:
                conn.settimeout(5)
                reply(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[:2]
    finally:
        listener.close()
        thread.join(timeout=6)


def test_http_on_the_port_is_plaintext() -> None:
    def reply(conn: socket.socket) -> None:
        conn.recv(4096)
        conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

    with raw_server(reply) as address:
        result = run(ClientSession(TLS13), address)
    assert result.outcome is SessionOutcome.PLAINTEXT
    assert result.plaintext.startswith(b"HTTP/1.1 400")


def test_banner_then_close_is_plaintext() -> None:
    def reply(conn: socket.socket) -> None:
        conn.sendall(b"220 mail.example ESMTP\r\n")

    with raw_server(reply) as address:
        result = run(ClientSession(TLS13), address)
    assert result.outcome is SessionOutcome.PLAINTEXT
    assert result.plaintext == b"220 mail.example ESMTP\r\n"


def test_binary_noise_is_garbage() -> None:
    def reply(conn: socket.socket) -> None:
        conn.recv(4096)
        conn.sendall(bytes([0x00, 0x01, 0xFE, 0x03, 0x7F, 0x10]) * 10)

    with raw_server(reply) as address:
        result = run(ClientSession(TLS13), address)
    assert result.outcome is SessionOutcome.GARBAGE
    assert result.plaintext.startswith(b"\x00\x01\xfe")


def test_close_without_answer_is_incomplete() -> None:
    def reply(conn: socket.socket) -> None:
        conn.recv(4096)

    with raw_server(reply) as address:
        result = run(ClientSession(TLS13), address)
    assert result.outcome is SessionOutcome.INCOMPLETE
    assert result.bytes_received == 0


def test_truncated_flight_is_incomplete(s_server, pki) -> None:
    # Relay only the first 200 bytes of a real server's answer, then close.
    srv = s_server(pki.leaf(), protocols=("tls1_3",))

    def reply(conn: socket.socket) -> None:
        hello = conn.recv(65536)
        with socket.create_connection(srv.address, timeout=5) as upstream:
            upstream.sendall(hello)
            data = b""
            while len(data) < 200:
                more = upstream.recv(4096)
                if not more:
                    break
                data += more
        conn.sendall(data[:200])

    with raw_server(reply) as address:
        result = run(ClientSession(TLS13), address)
    assert result.outcome is SessionOutcome.INCOMPLETE
    assert result.version == 0x0304  # ServerHello (~130 bytes) fitted, the flight did not
    assert result.certificates == ()
