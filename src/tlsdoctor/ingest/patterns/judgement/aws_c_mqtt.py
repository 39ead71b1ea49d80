"""aws-c-mqtt (awslabs/aws-c-mqtt source/mqtt.c): the MQTT client of the AWS IoT device
SDKs v2, over the CRT's TLS. Read by its AWS_ERROR_MQTT* names only (its texts, "The
connection was closed unexpectedly.", are any program's words).

After a TLS handshake that worked, AWS IoT Core closes the connection (the hang-up) or
refuses CONNECT when the device certificate is not active or not attached to a policy that
allows iot:Connect for the client id, or another connection uses the same client id: the
client's configuration first, the certificate second; a ranking, below 0.6.
"""

from __future__ import annotations

from . import _common as common

_REFUSED = ("client_misconfiguration:.45 client_cert_required:.35 "
            "middlebox_or_firewall_interference:.2 | category")

JUDGE = {
    "AWS_ERROR_MQTT_UNEXPECTED_HANGUP": _REFUSED,
    "AWS_ERROR_MQTT5_CONNACK_CONNECTION_REFUSED": "client_misconfiguration:.55 "
                                                  "client_cert_required:.45",
    "AWS_ERROR_MQTT5_DISCONNECT_RECEIVED": "client_misconfiguration:.55 "
                                           "server_misconfiguration:.45",
    "AWS_ERROR_MQTT5_CONNACK_TIMEOUT": common.TIMEOUT,
}

RULES = (
    (r".", "not_tls", "MQTT packets, topics, queues, operations: not the connection's TLS"),
)
