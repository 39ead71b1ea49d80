"""OpenTelemetry Collector configtls (open-telemetry/opentelemetry-collector
config/configtls/configtls.go): the tls settings of its receivers (a server) and exporters
(a client), shared by the contrib components, Jaeger and Tempo.

Every entry is the collector's own tls setting: its CA, certificate and key files, versions,
suites and curves; exporters (the client side) are the common case, as for Vector's sinks.
The two checks worded for servers are a receiver's.
"""

from __future__ import annotations

from . import _common as common

_FILES = "client_misconfiguration:.6 server_misconfiguration:.4 | specific"

JUDGE = {
    "TLS configuration must include both certificate and key for server connections":
        common.SERVER_CONFIG,
}

RULES = (
    (r".", _FILES, "the component's tls settings (an exporter, the client, more often than a "
     "receiver)"),
)
