"""What the fixes need to know besides the finding: who serves, who connects, what was sent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..addresses import host_port
from ..evidence import Evidence
from ..pki.chain import ChainFacts
from ..probe.target import Target

if TYPE_CHECKING:  # a type only
    from ..clients.profile import ClientProfile


@dataclass(frozen=True, slots=True, kw_only=True)
class FixContext:
    """What a fix's text may use: the server software, the client, the target, the chain."""
    server_software: str | None = None  # "nginx", "apache"...; None: unknown, show a few
    client: ClientProfile | None = None
    target: Target | None = None
    chain: ChainFacts | None = None  # the certificates the finding is about
    address: str | None = None  # the address the server was reached at (resolved)

    @classmethod
    def of(cls, ev: Evidence) -> FixContext:
        peer = next((p.peer for p in ev.probes if p.peer), None)
        return cls(server_software=ev.server_software, client=ev.client, target=ev.target,
                   chain=ev.chain, address=peer or (ev.target.address if ev.target else None))

    @property
    def host(self) -> str:
        """The name to put in commands: the target's, or a placeholder a person must edit."""
        if self.target is None:
            return "HOST"
        return self.target.sni or self.target.host

    @property
    def url(self) -> str:
        t = self.target
        if t is None:
            return "https://HOST/"
        host = f"[{self.host}]" if ":" in self.host else self.host  # an IPv6 address
        return f"https://{host}/" if t.port == 443 else f"https://{host_port(self.host, t.port)}/"

    @property
    def service_url(self) -> str:
        """``url``, or for a STARTTLS target the protocol's own scheme with its port
        (``smtp://mx:25/``): what the client stopgaps connect to (``client.stopgaps``)."""
        t = self.target
        if t is None or not t.starttls:
            return self.url
        return f"{t.starttls}://{host_port(self.host, t.port)}/"
