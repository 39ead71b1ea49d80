"""Evidence: the frozen facts a diagnosis is made from, and which probe or input saw them.

One type for every source: a live diagnosis (tlsdoctor's own probes plus a real
handshake), one connection of a packet capture, a client caught by ``listen``, a
certificate chain alone, error text or a log line, a scan's capability map. Each source
fills what it can see and leaves the rest empty; the rules in ``tlsdoctor.diagnosis``
read whatever is there, so the same server gets the same cause however it was observed.

Everything here is complete at construction. ``None`` means "not seen" (not probed, not
in the input), never "no": a probe that ran and failed is an Exchange with its Outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .causes import Cause
from .pki.chain import ChainFacts
from .probe.outcome import Exchange, Outcome, ProbeResult
from .probe.target import Target

if TYPE_CHECKING:  # a diagnosis never loads the scanner; only `scan` evidence holds one
    from .clients.openssl_conf import ConfLine  # (types only: a capture never loads them)
    from .clients.profile import ClientProfile
    from .probe.reproduce import Reproduction  # (nor a capture the prober and asyncio)
    from .scanner.result import TargetScan

__all__ = [
    "UNRECOGNIZED_NAME",
    "VERSION_FLOOR",
    "Evidence",
    "Exchange",
    "LocalFacts",
    "Probe",
    "ProbeResult",
    "Source",
    "Statement",
]

# unrecognized_name(112), RFC 6066 §3: what a server that needs SNI answers without it.
UNRECOGNIZED_NAME = 112


class Source(StrEnum):
    """Where the evidence comes from (what kind of observer saw it)."""

    LIVE = "live"  # `diagnose`: tlsdoctor's probes, chosen to isolate the cause
    CAPTURE = "capture"  # one connection of a packet capture: seen, not chosen
    LISTEN = "listen"  # a real client's ClientHello caught by `listen`
    CHAIN = "chain"  # a certificate chain alone (`cert`)
    TEXT = "text"  # error text (`explain`) or a log line (`logs`)
    SCAN = "scan"  # a scan's capability map


class Probe:
    """Labels of the probes the doctor may run (the probe tree's vocabulary)."""

    BASELINE = "baseline"  # exactly what the client offers
    WIDE = "wide"  # every version and suite we know: does the server accept anything?
    NO_SNI = "no-sni"  # the wide offer without server_name
    WITH_SNI = "with-sni"  # the wide offer with server_name (when the user sent none)
    NEUTRAL_SNI = "neutral-sni"  # the wide offer naming another host: SNI-based filtering?
    SMALL = "small"  # a minimal TLS 1.2 hello: size/version intolerance on the path
    SSL2 = "sslv2"
    VERSION_FLOOR = "version-floor"  # the server's oldest version newer than the client's
    # The client's own versions with every suite, group and signature scheme: when the wide
    # probe got a newer version, does the server take the client's versions at all?
    CLIENT_VERSIONS = "client-versions"
    OBSOLETE = "obsolete"  # SSLv3..TLS 1.1 only
    TLS10 = "tls1.0"  # TLS 1.0 only, when OBSOLETE found TLS 1.1
    INSECURE = "insecure-suites"  # NULL/anon/EXPORT/RC4/DES/3DES only
    NON_PFS = "non-pfs"  # static RSA key exchange only
    DHE = "dhe"  # DHE only: the server's DH group size
    DEFAULT_CERT = "default-cert"  # no SNI on a healthy server: which certificate then?
    CAPTURE = "capture"  # the exchange a capture holds


VERSION_FLOOR = Probe.VERSION_FLOOR


@dataclass(frozen=True, slots=True, kw_only=True)
class LocalFacts:
    """This machine: its TLS library and the settings that change what clients do."""

    openssl: str
    security_level: int
    proxy_env: tuple[tuple[str, str], ...] = ()  # (variable, value) that apply to the target
    broken_ca_env: tuple[tuple[str, str], ...] = ()  # (variable, path) pointing at nothing usable
    clock: datetime | None = None  # the local time used for the diagnosis
    # OpenSSL configuration lines that narrow every client here (versions, ciphers).
    openssl_conf: tuple[ConfLine, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"openssl": self.openssl, "security_level": self.security_level,
                "proxy_env": dict(self.proxy_env), "broken_ca_env": dict(self.broken_ca_env),
                "openssl_conf": [str(c) for c in self.openssl_conf]}


@dataclass(frozen=True, slots=True, kw_only=True)
class Statement:
    """One thing a piece of software said (an error message, a log line), recognised.

    ``claims`` are the causes its words point at, as printed on ``side`` (the pattern
    tables' reading, with confidence); the rules weigh them against other evidence.
    """

    source: str  # the software whose wording matched: "openssl", "curl", "nginx"...
    # who printed it: "client", "server" or "unknown" (nothing says); "either": nothing says,
    # and these words mean another thing from each side (an alert: whose certificate?), so
    # ``claims`` hold both readings
    side: str
    meaning: str  # one line: what the software is saying
    claims: tuple[tuple[Cause, float], ...]
    specificity: int  # how exact the wording is (tiers in ingest.patterns)
    pattern: str  # the table entry that matched
    provenance: str  # where that wording comes from
    line: str  # the text it was found in (printable, capped)
    host: str = ""  # a host name the statement names, validated


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """Everything known about one handshake problem, as the rules read it."""
    now: datetime  # the time certificates are judged at
    source: Source = Source.LIVE
    target: Target | None = None  # None: the input names no server (error text)
    client: ClientProfile | None = None  # who connected (a profile, or the captured hello)
    local: LocalFacts | None = None  # this machine; None unless a live diagnosis runs here
    probes: tuple[Exchange, ...] = ()  # in order; the first is the client's own exchange
    reproduction: Reproduction | None = None  # None: not a local client, or not reached
    chain: ChainFacts | None = None  # the certificates at ``now``; None: no chain seen
    chain_source: str = ""  # label of the exchange whose chain was analysed
    server_time: datetime | None = None  # the server's clock (HTTP Date), if seen
    chain_at_server_time: ChainFacts | None = None
    server_software: str | None = None  # from --server or the HTTP Server header
    client_certificate: bool = False  # the user supplied a client certificate
    statements: tuple[Statement, ...] = ()  # error text or log lines, recognised
    scan: TargetScan | None = None  # the capability map, for `scan`
    # Per server address, what that server chose in other connections of the same
    # capture: suites and versions, which tell a mismatch from a one-off failure.
    seen_suites: frozenset[int] = frozenset()
    seen_versions: frozenset[int] = frozenset()

    def probe(self, label: str) -> Exchange | None:
        for p in self.probes:
            if p.label == label:
                return p
        return None

    def succeeded(self, label: str) -> Exchange | None:
        p = self.probe(label)
        return p if p is not None and p.ok else None

    @property
    def baseline(self) -> Exchange:
        """The client's own exchange (the baseline probe, or the captured one)."""
        return self.probes[0]

    @property
    def exchange(self) -> Exchange | None:
        return self.probes[0] if self.probes else None

    @property
    def first_handshake(self) -> Exchange | None:
        """The first probe that got a ServerHello: what the server is, when it answers at all."""
        for p in self.probes:
            if p.outcome is Outcome.HANDSHAKE:
                return p
        return None

    @property
    def live(self) -> bool:
        return self.source is Source.LIVE

    @property
    def observed(self) -> bool:
        """A real client's exchange seen from outside (capture), not one we chose."""
        return self.source is Source.CAPTURE
