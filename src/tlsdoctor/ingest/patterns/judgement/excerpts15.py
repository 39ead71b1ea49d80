"""Tasmota's MQTT TLS line, libbeat's TLS client line, Keycloak's HTTPS material errors
(read through the search index; see scripts/harvest/frameworks3.py excerpts15).

- Tasmota's "TLS connection error: N" prints BearSSL's br_ssl_engine_last_error(): read by
  the BearSSL number (patterns/frameworks3.py), the line alone says nothing more.
- libbeat's "SSL client failed to connect with: %v" wraps Go's crypto/tls error (read by
  the Go tables); with a bare EOF it is read in patterns/frameworks3.py.
- Keycloak in production mode refuses to start without HTTPS key material (no
  https-certificate-file / key store) unless HTTP is enabled: the server's setup."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "tasmota.mqtt_tls": "elsewhere",
    "libbeat.tls_onfail": "elsewhere",
    "keycloak.https_not_set": common.SERVER_CONFIG,
    "keycloak.https_not_set.prod": common.SERVER_CONFIG,
    "keycloak.https_load": common.SERVER_CONFIG,
}

RULES = (
    (r".", "not_tls", "other lines"),
)
