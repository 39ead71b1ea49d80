"""Issue 4: a server whose private key does not match its certificate.

Mainstream servers refuse to start with a mismatched key, so the "broken" server here is
a small hostile TLS 1.2 server written with the wire codec: it answers a ClientHello
with a real ServerHello, Certificate, an ECDHE ServerKeyExchange and ServerHelloDone
(all plaintext in TLS 1.2), signing the key exchange with a key of its choosing. Its
twin signs with the certificate's own key. Real openssl s_server handshakes (TLS 1.3
and 1.2) must come out with ``server_signature_ok`` True.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import select
import socket
import threading
import time
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, x25519
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from tlsdoctor import api
from tlsdoctor.api.judge import judge
from tlsdoctor.clients.local import local_profile
from tlsdoctor.doctor import wide_spec
from tlsdoctor.evidence import Evidence, LocalFacts
from tlsdoctor.probe.handshake import probe
from tlsdoctor.probe.listen import hello_bytes_needed
from tlsdoctor.probe.outcome import Offer, Outcome, ProbeResult
from tlsdoctor.probe.target import Target, parse_target
from tlsdoctor.testing.ca import Leaf, generate_key
from tlsdoctor.wire.buffer import Writer
from tlsdoctor.wire.extensions import Extension, encode_renegotiation_info
from tlsdoctor.wire.hello import decode_client_hello, encode_server_hello
from tlsdoctor.wire.messages import encode_alert, encode_certificate
from tlsdoctor.wire.record import encode_handshake, encode_record, encode_records
from tlsdoctor.wire.registry import ContentType, ExtensionType, HandshakeType

ECDHE_ECDSA_AES128_GCM = 0xC02B  # TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (RFC 5289)
X25519 = 0x001D
ECDSA_P256_SHA256 = 0x0403  # ecdsa_secp256r1_sha256 (RFC 8446 §4.2.3)
HANDSHAKE_FAILURE = 40


class HostileServer:
    """TLS 1.2 ECDHE-ECDSA up to ServerHelloDone, signing with ``signing_key``.

    Every other offer gets a handshake_failure alert. Bounded: a 20 s lifetime, 2 s per
    connection, 64 KiB read per hello; ``stop`` closes every socket and joins threads.
    """

    def __init__(self, leaf: Leaf, signing_key: ec.EllipticCurvePrivateKey) -> None:
        self.cert_der = leaf.cert.public_bytes(Encoding.DER)
        self.signing_key = signing_key
        self.answered = 0  # connections that got the full flight
        self.errors: list[str] = []
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._acceptor = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> HostileServer:
        self._acceptor.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._acceptor.join(timeout=5)
        self._listener.close()
        for t in list(self._threads):
            t.join(timeout=5)

    def _accept(self) -> None:
        end = time.monotonic() + 20
        while not self._stop.is_set() and time.monotonic() < end:
            ready, _, _ = select.select([self._listener], [], [], 0.05)
            if not ready:
                continue
            try:
                sock, _ = self._listener.accept()
            except OSError:
                return
            t = threading.Thread(target=self._serve, args=(sock,), daemon=True)
            with self._lock:
                self._threads.append(t)
            t.start()

    def _serve(self, sock: socket.socket) -> None:
        with sock:
            try:
                sock.settimeout(2.0)
                hello = self._read_hello(sock)
                sock.sendall(self._answer(hello))
                # Wait for the client's next move (our probe closes; a real client sends
                # an alert or its key exchange), then close: there is no Finished to send.
                with contextlib.suppress(OSError):
                    sock.recv(4096)
            except OSError:
                pass
            except Exception as exc:  # the test asserts there are none
                self.errors.append(f"{type(exc).__name__}: {exc}")

    @staticmethod
    def _read_hello(sock: socket.socket) -> bytes:
        buf = b""
        while len(buf) < 65536 and (need := hello_bytes_needed(buf)) > 0:
            data = sock.recv(min(need, 16384))
            if not data:
                break
            buf += data
        return buf

    def _answer(self, raw: bytes) -> bytes:
        alert = encode_record(ContentType.alert, encode_alert(HANDSHAKE_FAILURE), version=0x0303)
        if not raw or raw[0] != ContentType.handshake:
            return alert  # SSLv2-format hello, or not TLS at all
        body, pos = b"", 0
        while pos + 5 <= len(raw):
            n = int.from_bytes(raw[pos + 3 : pos + 5], "big")
            body += raw[pos + 5 : pos + 5 + n]
            pos += 5 + n
        hello = decode_client_hello(body[4:])
        if (0x0303 not in hello.versions or ECDHE_ECDSA_AES128_GCM not in hello.cipher_suites
                or X25519 not in hello.groups):
            return alert
        server_random = bytes(range(32))
        share = x25519.X25519PrivateKey.generate().public_key().public_bytes(
            Encoding.Raw, PublicFormat.Raw)
        # RFC 8422 §5.4: ServerECDHParams = curve_type named_curve(3), NamedCurve, point.
        w = Writer()
        w.push_uint8(3)
        w.push_uint16(X25519)
        w.push_vector(1, share)
        params = w.data()
        signed = hello.random + server_random + params  # RFC 5246 §7.4.3
        signature = self.signing_key.sign(signed, ec.ECDSA(hashes.SHA256()))
        w = Writer()
        w.push_bytes(params)
        w.push_uint16(ECDSA_P256_SHA256)
        w.push_vector(2, signature)
        flight = (
            encode_server_hello(
                version=0x0303, random=server_random, session_id=b"",
                cipher_suite=ECDHE_ECDSA_AES128_GCM,
                # RFC 5746: OpenSSL 3 clients refuse servers without renegotiation_info.
                extensions=(Extension(type=ExtensionType.renegotiation_info,
                                      data=encode_renegotiation_info()),))
            + encode_certificate((self.cert_der,))
            + encode_handshake(HandshakeType.server_key_exchange, w.data())
            + encode_handshake(HandshakeType.server_hello_done, b"")
        )
        with self._lock:
            self.answered += 1
        return encode_records(ContentType.handshake, flight, version=0x0303)


@pytest.fixture
def ec_leaf(pki) -> Leaf:
    return pki.leaf("localhost", key_type="ec256")


def _diagnose(port: int, pki):
    return api.diagnose(f"localhost:{port}", connect="127.0.0.1", ca_file=str(pki.root_pem),
                        offline=True, timeout=3.0)


def test_signature_by_another_key_is_a_server_misconfiguration(pki, ec_leaf) -> None:
    other = generate_key("ec256")
    assert isinstance(other, ec.EllipticCurvePrivateKey)
    with HostileServer(ec_leaf, other) as srv:
        report = _diagnose(srv.port, pki)
    assert not srv.errors and srv.answered >= 1
    base = report.evidence.baseline
    assert base.outcome is Outcome.HANDSHAKE and base.server_signature_ok is False
    assert report.root_cause_id == "server_misconfiguration", \
        [(f.cause.value, f.title) for f in report.findings]
    finding = report.root_cause
    assert finding.severity.value == "blocking" and finding.who_fixes.value == "server"
    assert "private key does not match" in finding.title
    assert "intercept" in finding.explanation
    code = "\n".join(step.code for step in finding.fix)
    assert "openssl x509 -noout -pubkey -in cert.pem" in code
    assert "openssl pkey -pubout -outform DER -in key.pem" in code
    spki = hashlib.sha256(ec_leaf.cert.public_key().public_bytes(
        Encoding.DER, PublicFormat.SubjectPublicKeyInfo)).hexdigest()
    assert finding.facts["spki_sha256"] == spki and any(spki in e for e in finding.evidence)
    assert "-modulus" in code
    assert any("does not verify" in e for e in finding.evidence)
    assert report.outcome.value == "fails" and report.exit_code == 2
    assert report.handshakes <= 10


def test_signature_by_the_certificate_key_is_not_flagged(pki, ec_leaf) -> None:
    key = ec_leaf.key
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    with HostileServer(ec_leaf, key) as srv:
        report = _diagnose(srv.port, pki)
        result = probe(Target(host="localhost", port=srv.port, sni="localhost",
                              connect="127.0.0.1"), wide_spec("localhost"))
    assert not srv.errors and srv.answered >= 2
    assert result.outcome is Outcome.HANDSHAKE and result.server_signature_ok is True
    titles = [f.title for f in report.findings if f.cause.value == "server_misconfiguration"]
    assert not any("private key" in t for t in titles), titles


def test_the_same_probe_sees_the_mismatch(pki, ec_leaf) -> None:
    other = generate_key("ec256")
    assert isinstance(other, ec.EllipticCurvePrivateKey)
    with HostileServer(ec_leaf, other) as srv:
        result = probe(Target(host="localhost", port=srv.port, sni="localhost",
                              connect="127.0.0.1"), wide_spec("localhost"))
    assert result.outcome is Outcome.HANDSHAKE, result.error
    assert result.server_signature_scheme == ECDSA_P256_SHA256
    assert result.server_signature_ok is False


@pytest.mark.parametrize("protocol, key_type, version", [
    ("tls1_3", "ec256", 0x0304),
    ("tls1_3", "rsa2048", 0x0304),
    ("tls1_2", "ec256", 0x0303),
    ("tls1_2", "rsa2048", 0x0303),
])
def test_real_servers_hold_their_key(pki, s_server, protocol, key_type, version) -> None:
    srv = s_server(pki.leaf("localhost", key_type=key_type), protocols=(protocol,))
    result = probe(Target(host="localhost", port=srv.port, sni="localhost",
                          connect="127.0.0.1"), wide_spec("localhost"))
    assert result.outcome is Outcome.HANDSHAKE, result.error
    assert result.version == version
    assert result.server_signature_ok is True


def test_real_server_diagnosis_has_no_key_finding(pki, s_server) -> None:
    report = _diagnose(s_server().port, pki)
    assert report.outcome.value == "ok", [f.title for f in report.findings]
    assert "server_misconfiguration" not in {f.cause.value for f in report.findings}


def test_probe_result_field_defaults_to_not_checked() -> None:
    fields = {f.name: f.default for f in dataclasses.fields(ProbeResult)}
    assert fields["server_signature_ok"] is None


# --- the rule on its own: which probes count ----------------------------------------------


def server_key_mismatch(ev: Evidence) -> object:
    """The key-mismatch finding the judgement makes of ``ev`` (None: none)."""
    return next((f for f in judge(ev) if f.facts.get("kind") == "key_mismatch"), None)


def _evidence(*probes: ProbeResult) -> Evidence:
    return Evidence(target=parse_target("example.test"), client=local_profile(),
                    now=datetime.now(UTC),
                    local=LocalFacts(openssl="OpenSSL 3.0.19", security_level=2),
                    probes=probes)


def _probe(label: str, ok: bool | None, outcome: Outcome = Outcome.HANDSHAKE) -> ProbeResult:
    return ProbeResult(label=label, offer=Offer(versions=(0x0303,), cipher_suites=(0xC02B,)),
                       outcome=outcome, version=0x0303, cipher_suite=0xC02B,
                       server_signature_scheme=ECDSA_P256_SHA256, server_signature_ok=ok)


def test_rule_ignores_unchecked_and_good_signatures() -> None:
    assert server_key_mismatch(_evidence(_probe("baseline", None))) is None
    assert server_key_mismatch(_evidence(_probe("baseline", True))) is None
    # Only a handshake's verdict counts (a malformed answer proves nothing).
    assert server_key_mismatch(_evidence(_probe("baseline", False, Outcome.MALFORMED))) is None


def test_rule_names_a_partly_bad_pool() -> None:
    finding = server_key_mismatch(_evidence(_probe("baseline", True),
                                            _probe("default-cert", False)))
    assert finding is not None and finding.cause.value == "server_misconfiguration"
    assert finding.facts["probes"] == ["default-cert"] and finding.facts["verified_elsewhere"] == 1
    assert any("ecdsa_secp256r1_sha256" in e for e in finding.evidence)
    assert any("1 other handshake" in e for e in finding.evidence)
    assert "-connect example.test:443 -servername example.test" in "\n".join(
        s.code for s in finding.fix)
