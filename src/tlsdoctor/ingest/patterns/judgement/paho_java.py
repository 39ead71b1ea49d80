"""Eclipse Paho Java (mqttv3) reason codes (internal/nls/messages.properties), printed as
"Unable to connect to server (32103) - java.net.ConnectException: ..." or "MqttException
(0) - javax.net.ssl.SSLHandshakeException: ..."; the Java exception after " - " is read by
Java's table and, being the reason, outranks the code.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    # REASON_CODE_SERVER_CONNECT_ERROR: the TCP connect (or the TLS socket under it) failed.
    "32103": ("name_resolution_or_unreachable:.5 middlebox_or_firewall_interference:.3 "
              "non_tls_service_on_port:.2 | generic"),
    "32106": common.CLIENT_CONFIG,  # REASON_CODE_SSL_CONFIG_ERROR: the SSL properties
    "32105": common.CLIENT_CONFIG,  # an ssl:// URI with a plain SocketFactory, or the reverse
}

RULES = (
    (r".", "not_tls", "MQTT protocol, session and client-state codes"),
)
