"""The Arduino-ESP32 core's TLS client (libraries/WiFiClientSecure/src/ssl_client.cpp,
libraries/NetworkClientSecure/src/NetworkClientSecure.cpp): mbedTLS's code and
mbedtls_strerror() text as "[start_ssl_client():276]: (-9984) X509 - Certificate
verification failed, ..." (read by patterns/mbedtls.py and the decimal forms of
patterns/devices.py), then "start_ssl_client: -1" / "start_ssl_client: connect failed: -1".
"""

from __future__ import annotations

from . import _common as common
from .mbedtls import DEVICE_VERIFY

JUDGE = {
    "Failed to verify peer certificate! verification info: %s":
        DEVICE_VERIFY.replace("specific", "category"),
    "select returned due to timeout %d ms for fd %d": common.TIMEOUT,
    "connect on fd %d, errno: %d, \"%s\"": common.UNREACHABLE.replace("specific", "generic"),
    "socket error on fd %d, errno: %d, \"%s\"": common.UNREACHABLE.replace("specific",
                                                                             "generic"),
    "pre-shared key not valid hex or too long": common.CLIENT_CONFIG,
    # setInsecure(): a risk, not a failure.
    "WARNING: Skipping SSL Verification. INSECURE!": "no_fault",
}

RULES = (
    (r"\(%d\) %s|code %d|start_ssl_client", "elsewhere",
     "the mbedTLS code printed in it decides (patterns/mbedtls.py, patterns/devices.py)"),
    (r".", "not_tls", "socket creation and reads/writes of a connection already made"),
)
