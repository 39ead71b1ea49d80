"""Builders for the rule tests: Evidence from each source, and what the judgement made of it.

Rules read evidence, never the network, so these tests build the evidence a source would
have filled: live probes (Exchange per probe label), one captured connection, error text
(through the real pattern tables), a chain (real certificates through ``analyze_chain``)
and a scan's capability map. The helpers at the end run the one judgement
(``run_rules``; ``judge`` for the fix steps) and pick out one cause.

Certificate authorities and trust stores are fixtures (conftest.py): generating keys is
the slow part, so they are made once per session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from tlsdoctor.api.judge import judge
from tlsdoctor.causes import Cause, Party, Severity
from tlsdoctor.clients.catalog import get_profile
from tlsdoctor.clients.profile import ClientProfile
from tlsdoctor.diagnosis.engine import run_rules
from tlsdoctor.evidence import Evidence, LocalFacts, Probe, Source
from tlsdoctor.finding import Finding, FixStep
from tlsdoctor.fixes.data import generic
from tlsdoctor.ingest.messages import text_evidence
from tlsdoctor.pki.analyze import analyze_chain
from tlsdoctor.pki.chain import ChainFacts
from tlsdoctor.pki.trust import TrustStores
from tlsdoctor.probe.outcome import AlertSeen, Exchange, Offer, Outcome, Transport
from tlsdoctor.probe.target import Target, parse_target
from tlsdoctor.scanner import plans
from tlsdoctor.scanner.result import (
    CertChain,
    Enumerated,
    Features,
    Intolerance,
    ProtocolScan,
    SniBehaviour,
    TargetScan,
)
from tlsdoctor.testing.ca import Leaf

NOW = datetime.now(UTC).replace(microsecond=0)
HOST = "example.test"
SERVER_IP = "192.0.2.10"  # TEST-NET-1 (RFC 5737): a capture's server address, never dialled
TLS13, TLS12, TLS11, TLS10, SSL3 = 0x0304, 0x0303, 0x0302, 0x0301, 0x0300
X25519, SECP256R1 = 0x001D, 0x0017
ECDHE_RSA_AES128_GCM = 0xC02F
TLS_AES_128_GCM = 0x1301
# Alerts (RFC 8446 §6.2 numbers) the tests send.
HANDSHAKE_FAILURE, BAD_CERTIFICATE, UNSUPPORTED_CERTIFICATE = 40, 42, 43
CERTIFICATE_REVOKED, CERTIFICATE_EXPIRED, UNKNOWN_CA = 44, 45, 48
DECRYPT_ERROR, PROTOCOL_VERSION, INTERNAL_ERROR = 51, 70, 80
UNRECOGNIZED_NAME, CERTIFICATE_REQUIRED, NO_APPLICATION_PROTOCOL = 112, 116, 120


# --- live probes --------------------------------------------------------------------------

def curl() -> ClientProfile:
    """A catalogue client (not this machine's library: answers must not depend on it)."""
    return get_profile("curl-8")


def modern_client() -> ClientProfile:
    """curl with only AEAD + forward-secret suites: what hardened clients offer."""
    return replace(curl(), cipher_suites=(0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xC02C,
                                          0xC030, 0xCCA9, 0xCCA8))


def exchange(label: str = Probe.BASELINE, outcome: Outcome = Outcome.HANDSHAKE, *,
             versions: Sequence[int] = (TLS13, TLS12), suites: Sequence[int] | None = None,
             sni: str | None = HOST, groups: Sequence[int] = (X25519, SECP256R1),
             alpn: Sequence[str] = (), size: int = 512, **kw: Any) -> Exchange:
    """One exchange: what was offered (``versions``/``suites``/``sni``) and what came back.
    A handshake defaults to TLS 1.3 with TLS_AES_128_GCM_SHA256 unless told otherwise."""
    if outcome is Outcome.HANDSHAKE:
        kw.setdefault("version", versions[0] if versions else TLS12)
        kw.setdefault("cipher_suite", TLS_AES_128_GCM if kw["version"] == TLS13
                      else ECDHE_RSA_AES128_GCM)
        kw.setdefault("group", X25519)
    offer = Offer(versions=tuple(versions),
                  cipher_suites=tuple(suites if suites is not None else curl().cipher_suites),
                  groups=tuple(groups), sni=sni, alpn=tuple(alpn), size=size)
    return Exchange(label=label, offer=offer, outcome=outcome, **kw)


def alert(label: str, description: int, **kw: Any) -> Exchange:
    """A probe the server answered with a fatal alert."""
    return exchange(label, Outcome.ALERT, alert=(2, description), **kw)


def live(*probes: Exchange, host: str | Target = HOST, client: ClientProfile | None = None,
         **kw: Any) -> Evidence:
    """A live diagnosis: the baseline first, then the variants the doctor ran."""
    target = host if isinstance(host, Target) else parse_target(host)
    return Evidence(now=kw.pop("now", NOW), source=Source.LIVE, target=target,
                    client=client or curl(), probes=probes, **kw)


def local_facts(**kw: Any) -> LocalFacts:
    kw.setdefault("openssl", "OpenSSL 3.0.19 27 Jan 2026")
    kw.setdefault("security_level", 2)
    return LocalFacts(**kw)


# --- a captured connection ----------------------------------------------------------------

def client_alert(description: int, *, level: int = 2, after: str = "Certificate") -> AlertSeen:
    return AlertSeen(by="client", level=level, description=description, after=after, packet=7)


def server_alert(description: int, *, level: int = 2, after: str = "ClientHello") -> AlertSeen:
    return AlertSeen(by="server", level=level, description=description, after=after, packet=5)


def capture(*, outcome: Outcome = Outcome.HANDSHAKE, alerts: Sequence[AlertSeen] = (),
            complete: bool | None = None, chain: ChainFacts | None = None,
            transport: Transport | None = None, sni: str | None = HOST,
            seen_suites: frozenset[int] = frozenset(), seen_versions: frozenset[int] = frozenset(),
            **kw: Any) -> Evidence:
    """One connection of a packet capture, as ingest.capture fills it: one Exchange labelled
    "capture", its alerts with their senders, the TCP story; ``complete`` defaults to
    "no fatal alert and a ServerHello"."""
    if complete is None:
        complete = outcome is Outcome.HANDSHAKE and not any(a.fatal for a in alerts)
    server = next((a for a in alerts if a.by == "server"), None)
    kw.setdefault("alert", (server.level, server.description) if server else None)
    if outcome is not Outcome.HANDSHAKE:
        kw.setdefault("version", None)
    ex = exchange(Probe.CAPTURE, outcome, sni=sni, alerts=tuple(alerts), complete=complete,
                  transport=transport or Transport(closed_by=("client", "server"),
                                                   server_bytes=4000 if outcome is Outcome.HANDSHAKE
                                                   else 7), **kw)
    target = Target(host=sni or SERVER_IP, port=443, sni=sni, connect=SERVER_IP)
    return Evidence(now=chain.now if chain is not None else NOW, source=Source.CAPTURE,
                    target=target, probes=(ex,), chain=chain,
                    chain_source=Probe.CAPTURE if chain is not None else "",
                    seen_suites=seen_suites, seen_versions=seen_versions)


# --- error text ---------------------------------------------------------------------------

def text(message: str, **kw: Any) -> Evidence:
    """Error text as ``explain`` reads it: the statements the pattern tables give."""
    ev, _ = text_evidence(message, now=NOW, **kw)
    return ev


# --- a chain ------------------------------------------------------------------------------

def der(certs: Sequence[x509.Certificate] | Leaf) -> tuple[bytes, ...]:
    items = certs.chain if isinstance(certs, Leaf) else certs
    return tuple(c.public_bytes(Encoding.DER) for c in items)


def analyze(certs: Sequence[x509.Certificate | bytes] | Leaf, stores: TrustStores, *,
            hostname: str | None = HOST, now: datetime = NOW, **kw: Any) -> ChainFacts:
    """pki's facts about a chain as a server sends it (offline unless given a fetcher)."""
    items = certs.chain if isinstance(certs, Leaf) else certs
    blobs = [c if isinstance(c, bytes) else c.public_bytes(Encoding.DER) for c in items]
    return analyze_chain(blobs, hostname=hostname, now=now, stores=stores, **kw)


def chain_only(chain: ChainFacts, **kw: Any) -> Evidence:
    """A chain alone, as ``tlsdoctor cert`` judges it."""
    host = chain.hostname
    target = Target(host=host, sni=host) if host else None
    return Evidence(now=chain.now, source=Source.CHAIN, target=target, chain=chain, **kw)


# --- a scan's map -------------------------------------------------------------------------

GOOD13 = (0x1301, 0x1302, 0x1303)
GOOD12 = (0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8)


def scan(versions: dict[int, tuple[int, ...]], *, probes: Sequence[Exchange] = (),
         chain: tuple[bytes, ...] = (), dh_bits: int | None = None,
         features: Features | None = None, sni: SniBehaviour | None = None,
         intolerance: Intolerance | None = None, error: str = "") -> Evidence:
    """A scan's capability map (accepted versions -> suites), judged as ``scan`` does."""
    protocols = tuple(ProtocolScan(version=v, accepted=v in versions, suites=versions.get(v, ()))
                      for v in plans.VERSIONS)
    result = TargetScan(
        target=parse_target(f"{HOST}:443"), protocols=protocols, error=error,
        groups=Enumerated(version=plans.TLS13, codes=(plans.X25519, plans.SECP256R1),
                          complete=True),
        dh_bits=dh_bits, probes=tuple(probes),
        certificates=(CertChain(key_type="default", label="t", certificates=chain),) if chain else (),
        features=features or Features(secure_renegotiation=True, fallback_scsv=True),
        sni=sni, intolerance=intolerance or Intolerance())
    return Evidence(now=NOW, source=Source.SCAN, target=result.target, scan=result)


# --- what the judgement said --------------------------------------------------------------

def findings(ev: Evidence, cause: Cause) -> list[Finding]:
    """The ranked findings of ``cause`` (the one judgement, before fixes)."""
    return [f for f in run_rules(ev) if f.cause is cause]


def one(ev: Evidence, cause: Cause, severity: Severity, who: Party) -> Finding:
    """The single finding of ``cause``, checked for severity and who fixes it."""
    found = findings(ev, cause)
    assert len(found) == 1, [(f.cause.value, f.title) for f in run_rules(ev)]
    f = found[0]
    assert (f.severity, f.who_fixes) == (severity, who), (f.severity, f.who_fixes, f.title)
    return f


def root(ev: Evidence) -> Finding:
    ranked = run_rules(ev)
    assert ranked, "no finding at all"
    return ranked[0]


def cause_absent(ev: Evidence, cause: Cause) -> None:
    found = findings(ev, cause)
    assert not found, [(f.title, f.evidence) for f in found]


def fix_steps(ev: Evidence, cause: Cause) -> tuple[FixStep, ...]:
    """The steps ``judge`` attaches to the (first) finding of ``cause``."""
    judged = [f for f in judge(ev) if f.cause is cause]
    assert judged, f"no {cause.value} finding"
    return judged[0].fix


def specific_steps(ev: Evidence, cause: Cause) -> tuple[FixStep, ...]:
    """The attached steps that are more than the cause's one generic line."""
    steps = fix_steps(ev, cause)
    specific = tuple(s for s in steps if s.text != generic(cause.value))
    assert specific, f"only the generic line for {cause.value}: {steps}"
    return specific


def codes(steps: Sequence[FixStep]) -> str:
    return "\n".join(s.code for s in steps)
