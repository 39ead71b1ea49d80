"""Prometheus' HTTP client configuration (prometheus/common config/http_config.go): the
tls_config of a scrape job, an alerting or remote-write endpoint, an exporter's probe,
shared by Prometheus, Alertmanager, the exporters and most of their ecosystem. NewTLSConfig
loads ca_file, cert_file and key_file (or the inline ca/cert/key) when the configuration is
loaded and again when a file changes; each error is the client's own setting. Which keys go
together ("at most one of ca, ca_file & ca_ref") is the configuration file's syntax.
"""

from __future__ import annotations

from . import _common as common

JUDGE: dict[str, str] = {}

RULES = (
    (r"^(?:at most one of|exactly one of|tls_config\.max_version must be)", "not_tls",
     "which tls_config keys go together: the configuration file's syntax"),
    (r".", common.CLIENT_CONFIG, "the client's own CA, certificate, key or version setting"),
)
