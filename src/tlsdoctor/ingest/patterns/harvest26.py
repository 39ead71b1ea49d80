"""Round 26: ten more program families whose own wording no table held, harvested from
their own source (scripts/harvest/harvest26.py into upstream/<source>.json, judged in
judgement/<source>.py).

- ``swift_nio_ssl``: SwiftNIO SSL's NIOSSLError and BoringSSLError cases as Swift prints
  them, "EOF during handshake" and NIOSSLExtraError's descriptions ("Couldn't find <name>
  in certificate from peer").
- ``ktor_tls``: Ktor's own TLS client (CIO): "Received alert during handshake. Level:
  FATAL, code: <alert>", its hostname check and its parser's checks.
- ``syncthing``: the connection service's certificate and handshake lines.
- ``rclone``, ``restic``, ``containers_image``: the clients' CA and client-certificate
  files (and `rclone serve`'s TLS settings).
- ``telegraf``, ``vector``: their plugins' and components' TLS settings errors.
- ``tornado``: "SSL Error on <fd> <peer>: ..." and the server's certfile/keyfile checks.
- ``tailscale_derp``: derper's certificate refusals and the pinned DERP certificate checks.

Swift's case names are matched as written; a case that carries a value ("handshakeFailed(
NIOSSL.BoringSSLError.sslError([...]))") is also printed without its type, so that form is
read too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import Pattern
from .harvested import Entry, upstream_patterns


def _nio_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    """A case with a value, as "\\(error)" prints it: "handshakeFailed(NIOSSL.BoringSSLError.
    sslError([...]))" (String(reflecting:) adds "NIOSSL.NIOSSLError." before it)."""
    if entry.get("payload") and entry.id.startswith("NIOSSLError."):
        case = entry.id.split(".", 1)[1]
        yield ("value", rf"(?<![A-Za-z0-9_])(?-i:{re.escape(case)})\((?:NIOSSL\.)?"
                        r"(?-i:BoringSSLError)\.", case.lower())


PATTERNS: tuple[Pattern, ...] = (
    upstream_patterns("swift_nio_ssl", "SwiftNIO SSL", side="", extra_forms=_nio_forms)
    + upstream_patterns("ktor_tls", "Ktor TLS", side="client")
    + upstream_patterns("syncthing", "Syncthing", side="")
    + upstream_patterns("rclone", "rclone", side="")
    + upstream_patterns("restic", "restic", side="client")
    + upstream_patterns("telegraf", "Telegraf", side="")
    + upstream_patterns("vector", "Vector", side="")
    + upstream_patterns("tornado", "Tornado", side="")
    + upstream_patterns("containers_image", "containers/image", side="client")
    + upstream_patterns("tailscale_derp", "Tailscale DERP", side="")
)
