"""Evidence: the frozen facts a diagnosis is made from, and which probe or input saw them.

Everything here is complete at construction. ``None`` means "not probed" (the plan did
not need it), never "no": a probe that ran and failed is a ProbeResult with its Outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .clients.profile import ClientProfile
from .probe.outcome import Outcome, ProbeResult
from .probe.reproduce import Reproduction
from .probe.target import Target

if TYPE_CHECKING:
    from .pki.analyze import ChainReport


class Probe:
    """Labels of the probes the doctor may run (the probe tree's vocabulary)."""

    BASELINE = "baseline"  # exactly what the client offers
    WIDE = "wide"  # every version and suite we know: does the server accept anything?
    NO_SNI = "no-sni"  # the wide offer without server_name
    WITH_SNI = "with-sni"  # the wide offer with server_name (when the user sent none)
    NEUTRAL_SNI = "neutral-sni"  # the wide offer naming another host: SNI-based filtering?
    SMALL = "small"  # a minimal TLS 1.2 hello: size/version intolerance on the path
    SSL2 = "sslv2"
    OBSOLETE = "obsolete"  # SSLv3..TLS 1.1 only
    TLS10 = "tls1.0"  # TLS 1.0 only, when OBSOLETE found TLS 1.1
    INSECURE = "insecure-suites"  # NULL/anon/EXPORT/RC4/DES/3DES only
    NON_PFS = "non-pfs"  # static RSA key exchange only
    DHE = "dhe"  # DHE only: the server's DH group size
    DEFAULT_CERT = "default-cert"  # no SNI on a healthy server: which certificate then?


@dataclass(frozen=True, slots=True, kw_only=True)
class LocalFacts:
    """This machine: its TLS library and the settings that change what clients do."""

    openssl: str
    security_level: int
    proxy_env: tuple[tuple[str, str], ...] = ()  # (variable, value) that apply to the target
    broken_ca_env: tuple[tuple[str, str], ...] = ()  # (variable, path) pointing at nothing usable
    clock: datetime | None = None  # the local time used for the diagnosis

    def to_json(self) -> dict[str, Any]:
        return {"openssl": self.openssl, "security_level": self.security_level,
                "proxy_env": dict(self.proxy_env), "broken_ca_env": dict(self.broken_ca_env)}


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    target: Target
    client: ClientProfile
    now: datetime
    local: LocalFacts
    probes: tuple[ProbeResult, ...]
    reproduction: Reproduction | None = None  # None: not a local client, or not reached
    chain: ChainReport | None = None  # certificate analysis at ``now``; None: no chain seen
    chain_source: str = ""  # label of the probe whose chain was analysed
    server_time: datetime | None = None  # the server's clock (HTTP Date), if seen
    chain_at_server_time: ChainReport | None = None
    server_software: str | None = None  # from --server or the HTTP Server header
    client_certificate: bool = False  # the user supplied a client certificate

    def probe(self, label: str) -> ProbeResult | None:
        for p in self.probes:
            if p.label == label:
                return p
        return None

    def succeeded(self, label: str) -> ProbeResult | None:
        p = self.probe(label)
        return p if p is not None and p.ok else None

    @property
    def baseline(self) -> ProbeResult:
        return self.probes[0]

    @property
    def first_handshake(self) -> ProbeResult | None:
        """The first probe that got a ServerHello: what the server is, when it answers at all."""
        for p in self.probes:
            if p.outcome is Outcome.HANDSHAKE:
                return p
        return None
