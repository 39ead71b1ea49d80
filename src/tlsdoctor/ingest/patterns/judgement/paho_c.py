"""Eclipse Paho MQTT C (src/SSLSocket.c, MQTTAsync.c, MQTTClient.c, MQTTAsyncUtils.c,
src/samples/paho_c_pub.c). Without tracing, Paho prints nothing of its own about TLS: the
sample clients print OpenSSL's error queue as "SSL error: <line>" (ERR_print_errors_cb),
which OpenSSL's table reads, then "Connect failed, rc Failure". Its trace
(MQTT_C_CLIENT_TRACE) names the socket error and the host-name check.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    # MQTTAsync's failure message for any connect that did not reach MQTT: a ranking.
    "TCP/TLS connect failure": ("name_resolution_or_unreachable:.3 cert_untrusted_root:.2 "
                                "middlebox_or_firewall_interference:.2 "
                                "protocol_version_mismatch:.15 client_misconfiguration:.15 "
                                "| generic"),
    "SSLSocket error %s(%d) in %s for socket %d rc %d errno %d %s": common.HANDSHAKE,
    "X509_check_host for hostname %.*s failed, rc %d": common.HOSTNAME,
    # The application linked the library without TLS (paho-mqtt3c/3a instead of 3cs/3as)
    # and asked for an ssl:// URI.
    "MQTTASYNC_SSL_NOT_SUPPORTED": common.CLIENT_CONFIG,
    "MQTTCLIENT_SSL_NOT_SUPPORTED": common.CLIENT_CONFIG,
}

RULES = (
    (r"SSL error: %s|SSL certificate verification: %s|SSL alert %s", "elsewhere",
     "OpenSSL's own text or alert printed inside it decides"),
    (r".", "not_tls", "trace lines of a working connection and MQTT return codes"),
)
