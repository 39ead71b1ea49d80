"""scan() against real openssl s_server instances on loopback."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from tlsdoctor import scan
from tlsdoctor.diagnosis.causes import Cause
from tlsdoctor.probe.budget import ProbeOptions
from tlsdoctor.probe.target import parse_target
from tlsdoctor.scanner import plans as P
from tlsdoctor.scanner.engine import ScanProgress

OPTS = ProbeOptions(connect_timeout=3, read_timeout=3)
# IANA codes of the OpenSSL names used below.
ECDHE_RSA_AES128_GCM, AES256_SHA, ADH_AES128_SHA = 0xC02F, 0x0035, 0x0034
INTERMEDIATE = ("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305")


def test_weak_server_exact_suites_order_grade_and_budget(pki, s_server):
    leaf = pki.leaf(key_type="rsa2048", not_after=timedelta(days=60))
    srv = s_server(leaf, protocols=("tls1_2",), serverpref=True,
                   cipher="ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA:ADH-AES128-SHA:@SECLEVEL=0")
    report = scan([srv.target], options=OPTS, checks=("suites", "order"))
    t = report.targets[0]
    assert t.accepted_versions == (P.TLS12,)
    assert t.suites(P.TLS12) == (ECDHE_RSA_AES128_GCM, AES256_SHA, ADH_AES128_SHA)
    tls12 = next(p for p in t.protocols if p.version == P.TLS12)
    assert tls12.server_order is True and tls12.complete
    # 3 accepted + 1 refusal for TLS 1.2; one refusal per other version. No order probe:
    # the server's choices from the alternating offers already prove server order.
    assert t.handshakes == 3 + 1 + 5
    assert not any(p.label.endswith(" order") for p in t.probes)
    assert report.handshakes == t.handshakes
    assert t.grade is not None and t.grade.grade == "F"
    assert any("Anonymous" in c.reason for c in t.grade.caps)
    assert t.dh_bits is not None  # the anonymous DH suite showed the server's DH group
    inter = next(c for c in t.compliance if c.profile == "intermediate")
    assert not inter.compliant
    removed = " ".join(i for d in inter.deviations if d.kind == "suites" for i in d.items)
    assert "ADH-AES128-SHA" in removed and "AES256-SHA" in removed
    assert "ECDHE-RSA-AES128-GCM-SHA256" not in removed
    assert Cause.WEAK_CIPHER_OR_NO_PFS in {f.cause for f in t.findings}


def test_client_order_server_is_detected(pki, s_server):
    srv = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1_2",), serverpref=False,
                   cipher="ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384")
    t = scan(srv.target, options=OPTS, checks=("suites", "order")).targets[0]
    tls12 = next(p for p in t.protocols if p.version == P.TLS12)
    assert set(tls12.suites) == {0xC02F, 0xC030}
    assert tls12.server_order is False


def test_mozilla_intermediate_server_full_scan(pki, s_server):
    leaf = pki.leaf(key_type="ec256", not_after=timedelta(days=80))
    srv = s_server(leaf, protocols=("tls1_2", "tls1_3"), cipher=INTERMEDIATE,
                   groups="X25519:P-256:P-384")
    events: list[ScanProgress] = []
    report = scan([parse_target(f"localhost:{srv.port}", connect="127.0.0.1")],
                  options=OPTS, progress=events.append)
    t = report.targets[0]
    assert t.accepted_versions == (P.TLS13, P.TLS12)
    assert set(t.suites(P.TLS13)) == {0x1301, 0x1302, 0x1303}
    assert set(t.suites(P.TLS12)) == {0xC02B, 0xC02C, 0xCCA9}  # ECDSA key: ECDSA suites only
    assert t.groups is not None and set(t.groups.codes) == {P.X25519, P.SECP256R1, P.SECP384R1}
    assert t.groups.complete
    assert t.certificates and t.certificates[0].certificates
    assert t.features.fallback_scsv is True
    assert t.intolerance.future_version is False
    assert t.intolerance.large_hello is False
    inter = next(c for c in t.compliance if c.profile == "intermediate")
    assert inter.compliant, [d.text for d in inter.deviations if d.required]
    assert t.grade is not None and t.grade.grade == "A", t.grade.caps
    assert events and events[-1].done and events[-1].handshakes == t.handshakes
    data = json.loads(json.dumps(report.to_json()))
    assert data["stats"]["handshakes"] == t.handshakes


def test_old_versions_found_and_graded(pki, s_server):
    srv = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1", "tls1_1", "tls1_2"),
                   cipher="ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256")
    t = scan(srv.target, options=OPTS,
             checks=("suites", "order", "fallback")).targets[0]
    assert t.accepted_versions == (P.TLS12, P.TLS11, P.TLS10)
    assert t.suites(P.TLS10) == (0xC013,)  # GCM is TLS 1.2 only
    assert t.features.fallback_scsv is True
    assert t.grade is not None and t.grade.grade == "B"
    assert Cause.OBSOLETE_PROTOCOL_ENABLED in {f.cause for f in t.findings}


def test_sni_dependent_certificate(pki, s_server):
    default = pki.leaf("default.test", key_type="rsa2048")
    named = pki.leaf("localhost", key_type="rsa2048")
    chain2, key2 = pki.write(named)
    srv = s_server(default, protocols=("tls1_2",), servername="localhost", cert2=chain2,
                   key2=key2)
    t = scan([parse_target(f"localhost:{srv.port}", connect="127.0.0.1")], options=OPTS,
             checks=("sni",)).targets[0]
    assert t.sni is not None
    assert t.sni.same_certificate is False and t.sni.required is False


def test_several_targets_concurrently_and_a_dead_one(pki, s_server):
    from tlsdoctor.testing.servers import free_port

    a = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1_3",))
    b = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1_2",),
                 cipher="ECDHE-RSA-AES128-GCM-SHA256")
    dead = f"127.0.0.1:{free_port()}"
    report = scan([a.target, b.target, dead], options=OPTS, checks=("suites",))
    ta, tb, td = report.targets
    assert ta.accepted_versions == (P.TLS13,)
    assert tb.accepted_versions == (P.TLS12,) and tb.suites(P.TLS12) == (0xC02F,)
    assert not td.reachable and td.grade is None
    assert {f.cause for f in td.findings} == {Cause.NAME_RESOLUTION_OR_UNREACHABLE}
    assert report.handshakes == ta.handshakes + tb.handshakes + td.handshakes


def test_bad_arguments_are_typed_errors_without_network():
    from tlsdoctor.errors import TargetError, UsageError

    with pytest.raises(UsageError):
        scan("127.0.0.1:1", checks=("nope",))
    with pytest.raises(UsageError):
        scan([])
    with pytest.raises(TargetError):
        scan("bad host name:99999")


def test_features_alpn_and_intolerance_on_a_healthy_server(pki, s_server):
    srv = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1_2", "tls1_3"),
                   extra_args=("-alpn", "h2,http/1.1"))
    t = scan(srv.target, options=OPTS, checks=("features", "intolerance")).targets[0]
    f = t.features
    assert f.alpn == ("h2", "http/1.1")
    assert f.secure_renegotiation is True and f.extended_master_secret is True
    assert f.compression is False and f.ocsp_stapling is False
    it = t.intolerance
    assert (it.future_version, it.legacy_version_0304, it.large_hello) == (False, False, False)
    assert Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE not in {x.cause for x in t.findings}


def test_size_intolerant_middlebox_is_worked_around_and_reported(pki, s_server):
    """A box resetting hellos over 600 bytes: the big enumeration offers are split, every
    suite is still found, and the large-hello probe names the problem."""
    from tlsdoctor.testing.faults import fault_server

    srv = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1_2",),
                   cipher="ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA")
    with fault_server("size_intolerant", backend=srv.address, max_hello=600) as box:
        t = scan([box.target], options=OPTS,
                 checks=("suites", "intolerance")).targets[0]
    assert t.accepted_versions == (P.TLS12,)
    assert set(t.suites(P.TLS12)) == {0xC02F, 0x002F}
    assert t.intolerance.large_hello is True
    assert Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE in {x.cause for x in t.findings}


def test_sni_required_server(pki, nginx):
    from tlsdoctor.testing.servers import Site

    chain, key = pki.write(pki.leaf("localhost", key_type="rsa2048"))
    srv = nginx(Site(server_name="localhost", chain_path=chain, key_path=key),
                Site(server_name="_", default=True, reject_handshake=True))
    t = scan([parse_target(f"localhost:{srv.port}", connect="127.0.0.1")], options=OPTS,
             checks=("sni",)).targets[0]
    assert t.sni is not None and t.sni.required is True
    assert "unrecognized_name" in t.sni.without_sni_outcome
    assert Cause.SNI_REQUIRED_OR_MISMATCH in {x.cause for x in t.findings}


@pytest.mark.parametrize("kind, cause", [
    ("http", Cause.NON_TLS_SERVICE_ON_PORT),
    ("rst_after_hello", Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE),
    ("silence", Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE),
    ("alert", Cause.PROTOCOL_VERSION_MISMATCH),
])
def test_hostile_and_dead_ports_end_quickly_with_a_finding(kind, cause):
    """Plaintext, silence, resets, alerts only: no exception, bounded time, the cause."""
    import time

    from tlsdoctor.testing.faults import fault_server

    # No backoff here: this is about classification, not about pacing (tests/probe).
    fast = ProbeOptions(connect_timeout=1, read_timeout=0.5, backoff_after=1000)
    with fault_server(kind) as box:
        start = time.monotonic()
        t = scan([box.target], options=fast).targets[0]
        took = time.monotonic() - start
    # Bounded: no probe waits longer than its read timeout (a silent box costs one per
    # hello; a loaded 2-core machine adds a little).
    assert took < t.handshakes * fast.read_timeout + 1.5, (took, t.handshakes)
    assert t.accepted_versions == ()
    assert t.grade is None and t.error
    assert {f.cause for f in t.findings} == {cause}
    # One hello per version, plus one small retry where a big hello was reset.
    assert t.handshakes <= 10


def test_version_gap_and_cli_exit_code(pki, s_server):
    """TLS 1.0 + 1.2 without 1.1: a TLS 1.1-only hello is answered with TLS 1.0, which
    means "1.1 not accepted" (not an anomaly). The CLI prints JSON and exits 1 (risks)."""
    from click.testing import CliRunner

    from tlsdoctor.cli import main

    srv = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1", "tls1_2"))
    t = scan(srv.target, options=OPTS, checks=("suites",)).targets[0]
    assert t.accepted_versions == (P.TLS12, P.TLS10)
    tls11 = next(p for p in t.protocols if p.version == P.TLS11)
    assert tls11.accepted is False and tls11.complete and not tls11.note
    result = CliRunner().invoke(main, ["scan", srv.target, "--json", "--timeout", "3"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert data["targets"][0]["grade"]["grade"] == "B"
    assert data["exit_code"] == 1


class _PqFront:
    """A loopback front for a real s_server that also "supports" X25519MLKEM768: a TLS 1.3
    hello offering that group without a key share for it gets the HelloRetryRequest a
    PQ-capable server sends (RFC 8446 §4.1.4); every other hello goes to the backend.
    (OpenSSL 3.0 has no ML-KEM, so this is the only way to see the HRR path end to end.)"""

    def __init__(self, backend: tuple[str, int]) -> None:
        import socket
        import threading

        self.backend = backend
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hrr_sent = 0
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._accept = threading.Thread(target=self._loop, daemon=True)
        self._accept.start()

    def close(self) -> None:
        self._stop.set()
        self._accept.join(5)
        for t in self._threads:
            t.join(5)
        self.sock.close()

    def _loop(self) -> None:
        import threading

        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            t = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(t)
            t.start()

    def _serve(self, conn: object) -> None:
        import socket
        import struct

        from tlsdoctor.wire.hello import HRR_RANDOM, decode_client_hello

        assert isinstance(conn, socket.socket)
        conn.settimeout(3)
        try:
            head = conn.recv(5, socket.MSG_WAITALL)
            body = conn.recv(struct.unpack("!H", head[3:5])[0], socket.MSG_WAITALL)
            hello = decode_client_hello(body[4:])
            shares = {k.group for k in hello.key_shares}
            if 0x0304 in hello.versions and 0x11EC in hello.groups and 0x11EC not in shares:
                suite = next(s for s in hello.cipher_suites if s >> 8 == 0x13)
                exts = bytes.fromhex("002b00020304") + struct.pack("!HHH", 51, 2, 0x11EC)
                sh = (b"\x03\x03" + HRR_RANDOM + bytes([len(hello.session_id)])
                      + hello.session_id + struct.pack("!HBH", suite, 0, len(exts)) + exts)
                msg = b"\x02" + len(sh).to_bytes(3, "big") + sh
                conn.sendall(b"\x16\x03\x03" + struct.pack("!H", len(msg)) + msg)
                self.hrr_sent += 1
                conn.recv(65536)  # the client's next move (or EOF); then close
                return
            with socket.create_connection(self.backend, 3) as up:
                up.sendall(head + body)
                up.settimeout(3)
                conn.settimeout(0.05)
                for _ in range(200):  # bounded relay: a probe needs one flight each way
                    try:
                        data = up.recv(65536)
                    except TimeoutError:
                        data = None
                    if data == b"":
                        return
                    if data:
                        conn.sendall(data)
                    try:
                        back = conn.recv(65536)
                    except TimeoutError:
                        continue
                    if not back:
                        return
                    up.sendall(back)
        except Exception:  # SSLv2 or odd hellos: just drop them, like a strict server
            return
        finally:
            conn.close()


def test_hybrid_post_quantum_group_found_via_hello_retry(pki, s_server):
    srv = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1_3",), groups="X25519:P-256")
    front = _PqFront(srv.address)
    try:
        t = scan(f"127.0.0.1:{front.port}", options=OPTS, checks=("suites", "groups")).targets[0]
    finally:
        front.close()
    assert front.hrr_sent >= 1
    assert t.groups is not None
    assert t.groups.codes[0] == P.X25519MLKEM768
    assert set(t.groups.codes) == {P.X25519MLKEM768, P.X25519, P.SECP256R1}
    assert t.to_json()["hybrid_pq"] is True


def test_dual_certificate_server_shows_both_chains(pki, s_server):
    """s_server with an RSA and an ECDSA key (-dcert): one chain per key type."""
    rsa = pki.leaf(key_type="rsa2048")
    ec_chain, ec_key = pki.write(pki.leaf(key_type="ec256"))
    srv = s_server(rsa, protocols=("tls1_2", "tls1_3"),
                   extra_args=("-dcert", str(ec_chain), "-dkey", str(ec_key)))
    t = scan(srv.target, options=OPTS, checks=("suites", "certificates")).targets[0]
    kinds = {c.key_type: c for c in t.certificates}
    assert set(kinds) == {"ecdsa", "rsa"}
    keys = {k: t.to_json()["certificates"][i]["chain"][0]["key"]["type"]
            for i, k in enumerate(kinds)}
    assert keys == {"ecdsa": "ecdsa", "rsa": "rsa"}
    assert {0xC02B, 0xC02F} <= set(t.suites(P.TLS12))  # ECDSA and RSA suites both accepted


def test_used_up_budget_ends_the_scan_with_what_was_found(pki, s_server):
    srv = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1_2",))
    t = scan(srv.target, options=ProbeOptions(max_handshakes=8, read_timeout=3)).targets[0]
    assert t.handshakes == 8
    tls12 = next(p for p in t.protocols if p.version == P.TLS12)
    assert tls12.accepted is True and not tls12.complete
    assert "budget" in tls12.note
