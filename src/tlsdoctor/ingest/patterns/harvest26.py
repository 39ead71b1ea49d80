"""Round 26: thirteen more program families whose own wording no table held, harvested from
their own source (scripts/harvest/harvest26.py into upstream/<source>.json, judged in
judgement/<source>.py).

- ``swift_nio_ssl``: SwiftNIO SSL's NIOSSLError and BoringSSLError cases as Swift prints
  them, "EOF during handshake" and NIOSSLExtraError's descriptions ("Couldn't find <name>
  in certificate from peer").
- ``ktor_tls``: Ktor's own TLS client (CIO): "Received alert during handshake. Level:
  FATAL, code: <alert>" (each enum name read by its number as a client's received alert,
  alerts.py), its hostname check and its parser's checks.
- ``syncthing``: the connection service's certificate and handshake lines.
- ``rclone``, ``restic``, ``containers_image``: the clients' CA and client-certificate
  files (and `rclone serve`'s TLS settings).
- ``telegraf``, ``vector``: their plugins' and components' TLS settings errors.
- ``tornado``: "SSL Error on <fd> <peer>: ..." and the server's certfile/keyfile checks.
- ``tailscale_derp``: derper's certificate refusals and the pinned DERP certificate checks.
- ``prometheus_common``: tls_config's CA, client certificate and version errors
  (Prometheus, Alertmanager, exporters).
- ``traefik``: Traefik's certificate store, strict SNI, OCSP stapling and the backend
  certificate check.
- ``moby``: Docker's API client hints (a TLS daemon reached without TLS, a daemon wanting a
  client certificate), its registry certs.d checks and go-connections' tlsconfig.

Swift's case names are matched as written; a case that carries a value ("handshakeFailed(
NIOSSL.BoringSSLError.sslError([...]))") is also printed without its type, so that form is
read too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import Pattern
from .alerts import alert_causes
from .harvested import Entry, entries, upstream_patterns


def _nio_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    """A case with a value, as "\\(error)" prints it: "handshakeFailed(NIOSSL.BoringSSLError.
    sslError([...]))" (String(reflecting:) adds "NIOSSL.NIOSSLError." before it)."""
    if entry.get("payload") and entry.id.startswith("NIOSSLError."):
        case = entry.id.split(".", 1)[1]
        yield ("value", rf"(?<![A-Za-z0-9_])(?-i:{re.escape(case)})\((?:NIOSSL\.)?"
                        r"(?-i:BoringSSLError)\.", case.lower())


def _ktor_alerts() -> tuple[Pattern, ...]:
    """Ktor's "Received alert during handshake. Level: FATAL, code: <TLSAlertType>", each
    enum name read by its alert number as a client reads an alert it received (alerts.py):
    Ktor's TLS is a client's, so a certificate alert is the server refusing Ktor's own
    certificate, not a verdict on the server's. A warning-level alert prints WARNING."""
    out = []
    for e in entries("ktor_tls"):
        n = e.get("alert")
        got = None if n is None else alert_causes(int(n))
        if got is None or not got[1]:
            continue
        name, cs, spec = got
        code = e.text.rsplit("code: ", 1)[1]
        out.append(Pattern(
            source="ktor_tls",
            rx=(r"\bReceived alert during handshake\. Level: (?-i:FATAL|WARNING), code: "
                rf"(?-i:{re.escape(code)})\b"),
            meaning=f"Ktor TLS: the server sent the {name} alert ({n}) during the handshake",
            causes=cs, provenance=e.provenance, spec=spec, needle="received alert during handshake",
            id=f"ktor_tls.alert.{n}", upstream=e.id, side="client"))
    return tuple(out)


PATTERNS: tuple[Pattern, ...] = (
    upstream_patterns("swift_nio_ssl", "SwiftNIO SSL", side="", extra_forms=_nio_forms)
    + _ktor_alerts()
    + upstream_patterns("ktor_tls", "Ktor TLS", side="client")
    + upstream_patterns("syncthing", "Syncthing", side="")
    + upstream_patterns("rclone", "rclone", side="")
    + upstream_patterns("restic", "restic", side="client")
    + upstream_patterns("telegraf", "Telegraf", side="")
    + upstream_patterns("vector", "Vector", side="")
    + upstream_patterns("tornado", "Tornado", side="")
    + upstream_patterns("containers_image", "containers/image", side="client")
    + upstream_patterns("tailscale_derp", "Tailscale DERP", side="")
    + upstream_patterns("prometheus_common", "Prometheus HTTP client", side="client")
    + upstream_patterns("traefik", "Traefik", side="")
    + upstream_patterns("moby", "Docker", side="")
)
