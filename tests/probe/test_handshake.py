"""run_probe end to end: every Outcome produced by a real server on loopback."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from probe_helpers import blackhole, closed_port, connect_proxy, run

from tlsdoctor.errors import UsageError
from tlsdoctor.probe.budget import BudgetExceeded, ProbeOptions, Prober
from tlsdoctor.probe.handshake import probe, probe_many, run_probe, run_probes
from tlsdoctor.probe.outcome import Outcome, ProbeResult
from tlsdoctor.probe.target import Target
from tlsdoctor.testing import servers
from tlsdoctor.testing.faults import fault_server
from tlsdoctor.wire.hello import ClientHelloSpec

TLS13, TLS12, SSL2 = 0x0304, 0x0303, 0x0002
X25519, P256, P384 = 0x001D, 0x0017, 0x0018
FAST = ProbeOptions(connect_timeout=2, read_timeout=2)


def spec(versions: tuple[int, ...] = (TLS13, TLS12), *, sni: str | None = "localhost",
         **kw: Any) -> ClientHelloSpec:
    base: dict[str, Any] = {
        "cipher_suites": (0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA8,
                          0xCCA9, 0x009C, 0x002F),
        "groups": (X25519, P256, P384),
        "signature_algorithms": (0x0403, 0x0503, 0x0804, 0x0805, 0x0401, 0x0501),
        "key_share_groups": (X25519,) if TLS13 in versions else (),
    }
    base.update(kw)
    return ClientHelloSpec(versions=versions, sni=sni, **base)


def one(target: Target, s: ClientHelloSpec | None = None,
        options: ProbeOptions = FAST) -> ProbeResult:
    return probe(target, s or spec(), label="test", options=options)


def local(srv: Any, **kw: Any) -> Target:
    return Target(host="localhost", port=srv.port, sni="localhost", connect="127.0.0.1", **kw)


# --- the server agreed --------------------------------------------------------------

def test_handshake_tls13_with_real_openssl(s_server: Callable[..., servers.Server],
                                           pki: Any) -> None:
    leaf = pki.leaf("localhost")
    srv = s_server(leaf)
    r = one(local(srv))
    assert r.outcome is Outcome.HANDSHAKE and r.ok
    assert r.version == TLS13 and r.cipher_suite in (0x1301, 0x1302, 0x1303)
    assert r.certificates[0] == leaf.cert.public_bytes(Encoding.DER)
    assert r.label == "test" and r.offer.sni == "localhost" and r.offer.size > 100
    assert 0 < r.seconds < 2


def test_handshake_tls12_with_real_openssl(s_server: Callable[..., servers.Server]) -> None:
    srv = s_server(protocols=("tls1_2",))
    r = one(local(srv), spec((TLS12,)))
    assert r.outcome is Outcome.HANDSHAKE
    assert r.version == TLS12 and r.cipher_suite in (0xC02B, 0xC02C)  # ECDSA leaf
    assert r.certificates


def test_handshake_with_gnutls(gnutls: Callable[..., servers.Server]) -> None:
    srv = gnutls()
    r = one(local(srv))
    assert r.outcome is Outcome.HANDSHAKE and r.version == TLS13 and r.certificates


def test_handshake_tls12_with_python_ssl(py_server: Callable[..., servers.Server]) -> None:
    srv = py_server()
    r = one(local(srv), spec((TLS12,)))
    assert r.outcome is Outcome.HANDSHAKE and r.version == TLS12
    assert r.extended_master_secret is True and r.secure_renegotiation is True


def test_alert_from_real_openssl(s_server: Callable[..., servers.Server]) -> None:
    # TLS 1.3 offered to a TLS 1.2-only server: protocol_version (70), RFC 8446 §6.2.
    srv = s_server(protocols=("tls1_2",))
    r = one(local(srv), spec((TLS13,)))
    assert r.outcome is Outcome.ALERT and not r.ok
    assert r.alert == (2, 70)


def test_hello_retry_from_real_openssl(s_server: Callable[..., servers.Server]) -> None:
    srv = s_server(protocols=("tls1_3",), groups="P-384")
    r = one(local(srv), spec((TLS13,), groups=(X25519, P384), key_share_groups=(X25519,)))
    assert r.outcome is Outcome.HELLO_RETRY and r.ok
    assert r.hello_retry_group == P384


def test_sslv2_server_hello() -> None:
    with fault_server("sslv2_server_hello") as srv:
        r = one(srv.target, spec((SSL2,), cipher_suites=(0x010080, 0x0700C0), sni=None))
    assert r.outcome is Outcome.HANDSHAKE
    assert r.version == SSL2 and r.certificates


# --- network faults -------------------------------------------------------------------

@pytest.mark.parametrize("kind, outcome", [
    ("rst_after_hello", Outcome.RESET),
    ("close_after_hello", Outcome.CLOSED),
    ("garbage", Outcome.GARBAGE),
    ("oversized_record", Outcome.MALFORMED),
    ("fake_record", Outcome.MALFORMED),
])
def test_fault_outcomes(kind: str, outcome: Outcome) -> None:
    with fault_server(kind) as srv:
        r = one(srv.target)
        assert srv.connections == 1
    assert r.outcome is outcome
    assert r.error
    assert r.seconds < 1.5  # answered, not timed out


def test_silence_is_a_bounded_timeout() -> None:
    with fault_server("silence") as srv:
        start = time.monotonic()
        r = one(srv.target, options=ProbeOptions(read_timeout=0.5))
    assert r.outcome is Outcome.TIMEOUT
    assert 0.45 <= time.monotonic() - start < 2


def test_slow_drip_cannot_extend_the_read_timeout() -> None:
    # One byte every 0.1 s would keep a per-read timeout alive forever; the total is 0.6 s.
    with fault_server("slow_drip", interval=0.1, max_bytes=60) as srv:
        start = time.monotonic()
        r = one(srv.target, options=ProbeOptions(read_timeout=0.6))
    assert r.outcome is Outcome.TIMEOUT
    assert r.extra["partial_bytes"] > 0
    assert time.monotonic() - start < 1.5


@pytest.mark.parametrize("kind, error", [("tiny_records", "too many records"),
                                          ("hello_requests", "too many")])
def test_endless_streams_end_at_the_caps(kind: str, error: str) -> None:
    with fault_server(kind) as srv:
        r = one(srv.target)
    assert r.outcome is Outcome.MALFORMED
    assert error in r.error
    assert r.seconds < 1.5


def test_connection_closed_mid_record() -> None:
    with fault_server("close_mid_record") as srv:
        r = one(srv.target)
    assert r.outcome is Outcome.MALFORMED
    assert r.extra["truncated"] is True and r.extra["partial_bytes"] == 25
    assert "mid-message" in r.error


@pytest.mark.parametrize("kind, head", [
    ("http", b"HTTP/1.1 400"), ("smtp_banner", b"220 "), ("imap_banner", b"* OK"),
    ("pop3_banner", b"+OK"), ("ftp_banner", b"220 (vsFTPd"), ("ssh_banner", b"SSH-2.0")])
def test_plaintext_keeps_first_bytes(kind: str, head: bytes) -> None:
    from tlsdoctor.probe.plaintext import detect_plaintext

    with fault_server(kind) as srv:
        r = one(srv.target)
    assert r.outcome is Outcome.PLAINTEXT
    assert r.plaintext.startswith(head)
    assert detect_plaintext(r.plaintext) == kind.removesuffix("_banner")


def test_refused() -> None:
    r = one(Target(host="localhost", port=closed_port(), connect="127.0.0.1"))
    assert r.outcome is Outcome.REFUSED and "refused" in r.error.lower()


def test_connect_timeout() -> None:
    with blackhole() as port:
        r = one(Target(host="127.0.0.1", port=port), options=ProbeOptions(connect_timeout=0.4))
    assert r.outcome is Outcome.CONNECT_TIMEOUT


def test_dns_failure() -> None:
    r = one(Target(host="tlsdoctor-test.invalid", port=443, sni="tlsdoctor-test.invalid"),
            spec(sni="tlsdoctor-test.invalid"))
    assert r.outcome is Outcome.DNS_FAILURE
    assert r.offer.sni == "tlsdoctor-test.invalid"  # the offer is still recorded


def test_reset_before_reply_during_starttls() -> None:
    with fault_server("rst_on_accept") as srv:
        r = one(local(srv, starttls="smtp"))
    assert r.outcome is Outcome.RESET_BEFORE_REPLY


# --- STARTTLS, proxy, IPv6 ------------------------------------------------------------

@pytest.mark.parametrize("proto", ["smtp", "imap", "pop3", "ftp", "xmpp", "ldap", "postgres"])
def test_starttls_then_handshake(proto: str) -> None:
    with fault_server(f"{proto}_starttls") as srv:
        r = one(srv.target)
    assert r.outcome is Outcome.HANDSHAKE
    assert r.version == TLS13 and r.certificates
    # the server-speaks-first protocols keep its greeting line (it can name the software)
    greeting = r.extra.get("greeting")
    if proto in ("smtp", "imap", "pop3", "ftp"):
        assert isinstance(greeting, str) and "tlsdoctor-fault" in greeting, r.extra
        assert "\n" not in greeting and "\r" not in greeting
    else:
        assert greeting is None


def test_starttls_refused() -> None:
    with fault_server("smtp_starttls", offer_starttls=False) as srv:
        r = one(srv.target)
    assert r.outcome is Outcome.STARTTLS_FAILED
    assert "does not offer STARTTLS" in r.error
    assert b"250" in r.plaintext  # the server's own words are kept as evidence


def test_proxy_to_real_openssl(s_server: Callable[..., servers.Server]) -> None:
    srv = s_server()
    with connect_proxy() as proxy:
        r = one(Target(host="localhost", port=srv.port, sni="localhost", connect="127.0.0.1"),
                options=ProbeOptions(read_timeout=2, proxy=proxy.url))
    assert r.outcome is Outcome.HANDSHAKE
    assert proxy.requests and proxy.requests[0].startswith(b"CONNECT 127.0.0.1:")


def test_proxy_refusal() -> None:
    with connect_proxy(deny=True) as proxy:
        r = one(Target(host="127.0.0.1", port=443), options=ProbeOptions(proxy=proxy.url))
    assert r.outcome is Outcome.PROXY_FAILED


def test_ipv6_loopback_handshake() -> None:
    with fault_server("tls", host="::1") as srv:
        r = one(Target(host="::1", port=srv.port), spec(sni=None))
        assert srv.connections == 1
    assert r.outcome is Outcome.HANDSHAKE
    assert r.offer.sni is None


# --- middleboxes in front of a real server -------------------------------------------

def test_sni_filtering_middlebox(s_server: Callable[..., servers.Server]) -> None:
    backend = s_server()
    with fault_server("sni_filter", backend=backend.address,
                      blocked=("blocked.example",)) as box:
        blocked = one(local(box), spec(sni="blocked.example"))
        allowed = one(local(box), spec(sni="localhost"))
        assert not box.errors
    assert blocked.outcome is Outcome.RESET
    assert allowed.outcome is Outcome.HANDSHAKE


def test_size_intolerant_middlebox(s_server: Callable[..., servers.Server]) -> None:
    backend = s_server()
    # TLS 1.2 with an ECDSA P-256 leaf: P-256 must be offered (RFC 8422 §5.1).
    small = spec((TLS12,), cipher_suites=(0xC02B, 0xC02F), groups=(X25519, P256),
                 signature_algorithms=(0x0403,), session_ticket=False,
                 extended_master_secret=False, sni=None)
    big = spec(padding_to=600)
    with fault_server("size_intolerant", backend=backend.address, max_hello=255) as box:
        r_big, r_small = one(local(box), big), one(local(box), small)
    assert r_big.offer.size > 255 >= r_small.offer.size
    assert r_big.outcome is Outcome.RESET
    assert r_small.outcome is Outcome.HANDSHAKE


def test_tls13_intolerant_middlebox(s_server: Callable[..., servers.Server]) -> None:
    backend = s_server()
    with fault_server("size_intolerant", backend=backend.address, max_hello=None,
                      reject_tls13=True) as box:
        r13, r12 = one(local(box), spec((TLS13, TLS12))), one(local(box), spec((TLS12,)))
    assert r13.outcome is Outcome.RESET
    assert r12.outcome is Outcome.HANDSHAKE and r12.version == TLS12


# --- counting and the helpers ---------------------------------------------------------

def test_run_probes_counts_exactly_and_keeps_order() -> None:
    with fault_server("alert", hold=0.1) as srv:
        prober = Prober(ProbeOptions(concurrency=2))
        specs = [(spec(), f"p{i}") for i in range(5)]
        results = run(run_probes(prober, srv.target, specs))
        assert srv.connections == 5
        assert srv.max_in_flight == 2
    assert prober.handshakes == 5
    assert [r.label for r in results] == ["p0", "p1", "p2", "p3", "p4"]
    assert all(r.outcome is Outcome.ALERT and r.alert == (2, 40) for r in results)


def test_run_probes_budget() -> None:
    with fault_server("alert") as srv:
        prober = Prober(ProbeOptions(max_handshakes=2))
        with pytest.raises(BudgetExceeded):
            run(run_probes(prober, srv.target, [spec(), spec(), spec()]))
        assert srv.connections == 2


def test_probe_many_sync_labels() -> None:
    with fault_server("alert") as srv:
        results = probe_many(srv.target, [spec(), (spec(), "named")])
    assert [r.label for r in results] == ["probe 1", "named"]


def test_unencodable_spec_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        run(run_probe(Prober(), Target(host="127.0.0.1", port=1),
                      spec(alpn=("x" * 300,)), label="x"))  # ALPN names are <= 255 bytes


def test_probe_counts_even_when_refused() -> None:
    prober = Prober()
    target = Target(host="localhost", port=closed_port(), connect="127.0.0.1")
    run(run_probes(prober, target, [spec(), spec()]))
    assert prober.handshakes == 2


def test_flood_is_bounded_as_tls_probe() -> None:
    with fault_server("flood") as srv:
        r = one(srv.target)
    assert r.outcome is Outcome.PLAINTEXT
    assert len(r.plaintext) <= 512 and r.seconds < 1.5


def test_flood_is_bounded_during_starttls() -> None:
    with fault_server("flood") as srv:
        r = one(local(srv, starttls="smtp"))
    assert r.outcome is Outcome.STARTTLS_FAILED
    assert "endless SMTP greeting" in r.error and r.seconds < 1.5
