"""What the fixes need to know besides the finding: who serves, who connects, what was sent."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..addresses import host_port, is_ip
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


def s_client(address: str, port: int, name: str | None, starttls: str | None = None) -> str:
    """``openssl s_client -connect ADDRESS:PORT`` as tlsdoctor reached the server: with
    ``-starttls PROTO`` for a STARTTLS target (else the command sends its ClientHello to the
    protocol's greeting and fails for a reason of its own; OpenSSL's names are tlsdoctor's:
    smtp, imap, pop3, ftp, xmpp, ldap, postgres, mysql) and ``-servername NAME`` when a name
    is sent (an IP address is not one: RFC 6066 §3)."""
    cmd = f"openssl s_client -connect {shlex.quote(host_port(address, port))}"
    if starttls:
        cmd += f" -starttls {shlex.quote(starttls)}"
    if name and not is_ip(name):
        cmd += f" -servername {shlex.quote(name)}"
    return cmd


def s_client_to(t: Target, name: str | None = None) -> str:
    """``s_client`` for the target: its address and port, its STARTTLS, ``name`` or the
    name it sends (its host's when it sends none)."""
    return s_client(t.address, t.port, name or t.sni or t.host, t.starttls)
