"""Parse what the user typed into a Target: host, port, SNI, address to connect to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..addresses import a_label, is_ip, labels_ok
from ..errors import TargetError

# Default ports by URL scheme, and the STARTTLS protocol a well-known port implies.
SCHEME_PORTS = {"https": 443, "smtps": 465, "imaps": 993, "pop3s": 995, "ldaps": 636,
                "ftps": 990, "smtp": 25, "submission": 587, "imap": 143, "pop3": 110,
                "ftp": 21, "ldap": 389, "xmpp": 5222, "postgres": 5432, "postgresql": 5432, "mysql": 3306}
STARTTLS_BY_PORT = {25: "smtp", 587: "smtp", 143: "imap", 110: "pop3", 21: "ftp",
                    5222: "xmpp", 389: "ldap", 5432: "postgres", 3306: "mysql"}
STARTTLS_PROTOCOLS = ("smtp", "imap", "pop3", "ftp", "xmpp", "ldap", "postgres", "mysql")

_HOST_RE = re.compile(r"^[A-Za-z0-9_.*-]{1,253}$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    """The server to reach: host name, port, SNI, the address to connect to, STARTTLS."""
    host: str  # the name the user asked for (used for SNI and hostname checks)
    port: int = 443
    sni: str | None = None  # None: no SNI extension is sent
    connect: str | None = None  # address actually connected to; None: resolve ``host``
    starttls: str | None = None  # one of STARTTLS_PROTOCOLS, or None for implicit TLS

    @property
    def address(self) -> str:
        return self.connect or self.host

    @property
    def is_ip(self) -> bool:
        return is_ip(self.host)

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    def to_json(self) -> dict[str, object]:
        return {"host": self.host, "port": self.port, "sni": self.sni,
                "connect": self.connect, "starttls": self.starttls}


def parse_target(text: str, *, sni: str | None = None, no_sni: bool = False,
                 connect: str | None = None, starttls: str | None = None,
                 default_port: int = 443) -> Target:
    """Parse ``host``, ``host:port``, ``[v6]:port`` or ``scheme://host:port/path``.

    SNI defaults to the host name, and is never sent for an IP address (RFC 6066 §3).
    """
    raw = text.strip()
    if not raw or len(raw) > 2048 or any(ord(c) < 0x21 for c in raw):
        raise TargetError(f"not a host name or URL: {raw[:80]!r}")
    port: int | None = None
    if "://" in raw:
        try:
            parts = urlsplit(raw)
        except ValueError:  # "https://[::1": an unclosed bracket
            raise TargetError(f"not a URL: {raw[:80]!r}") from None
        scheme = parts.scheme.lower()
        host = parts.hostname or ""
        try:
            port = parts.port
        except ValueError as exc:
            raise TargetError(f"bad port in {raw[:80]!r}") from exc
        if port is None:
            port = SCHEME_PORTS.get(scheme, default_port)
    else:
        m = re.fullmatch(r"\[([0-9A-Fa-f:.%a-z]+)\](?::(\d+))?", raw)
        if m:
            host, port = m.group(1), int(m.group(2)) if m.group(2) else None
        elif raw.count(":") == 1:
            host, _, p = raw.partition(":")
            if not p.isdigit():
                raise TargetError(f"bad port in {raw[:80]!r}")
            port = int(p)
        else:
            host = raw  # a name, or a bare IPv6 address
    # the root's dot ("example.com."); a name no resolver can look up ("-", "a..b") is a
    # bad argument here, not a "does not resolve" finding later
    host = a_label(host[:-1] if host.endswith(".") else host)
    if not host or not (is_ip(host) or (_HOST_RE.match(host) and labels_ok(host))):
        raise TargetError(f"not a host name or address: {host[:80]!r}")
    port = default_port if port is None else port
    if not 0 < port < 65536:
        raise TargetError(f"port out of range: {port}")
    if starttls is not None and starttls not in STARTTLS_PROTOCOLS:
        raise TargetError(f"unknown STARTTLS protocol {starttls!r}; one of {', '.join(STARTTLS_PROTOCOLS)}")
    if starttls is None:
        starttls = STARTTLS_BY_PORT.get(port)
    if no_sni:
        sni_name = None
    elif sni is not None:
        sni_name = a_label(sni)
    else:
        sni_name = None if is_ip(host) else host
    return Target(host=host, port=port, sni=sni_name, connect=connect, starttls=starttls)
