"""Telegraf (influxdata/telegraf plugins/common/tls): the tls_* settings of its plugins.

client.go builds the TLS of outputs and polling inputs (Telegraf the client), server.go
that of listening inputs (Telegraf the server), common.go loads the certificate and key
files for both: most plugins with TLS settings are outputs and polling inputs, so a file
error ranks the client's settings first. server.go's verifyPeerCertificate refuses a
client certificate whose DNS names are not in tls_allowed_dns_names.
"""

from __future__ import annotations

from . import _common as common

_FILES = "client_misconfiguration:.7 server_misconfiguration:.3 | reason"

JUDGE = {
    "could not parse server cipher suites: %w": common.SERVER_CONFIG,
    "tls min version %d can't be greater than tls max version %d": common.SERVER_CONFIG,
    # the listening input refused the client's certificate
    "could not validate peer certificate: %w": ("client_cert_required:.6 "
                                               "server_misconfiguration:.4 | reason"),
    "peer certificate not in allowed DNS Name list: %v": ("client_cert_required:.6 "
                                                          "server_misconfiguration:.4 | reason"),
}

RULES = (
    (r"(?i)client cipher|renegotiation|tls min version", common.CLIENT_CONFIG,
     "client.go: the TLS settings of an output or a polling input"),
    (r".", _FILES, "common.go: a certificate or key file of the plugin's own TLS settings"),
)
