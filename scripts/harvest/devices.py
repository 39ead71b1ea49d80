"""Embedded and IoT TLS stacks and the frameworks that print their errors (round 12):
BearSSL and the ESP8266 Arduino core's BearSSL client, ESP-IDF's esp-tls (with its TCP
transport and the esp-mqtt example's error lines), the Arduino-ESP32 core's secure client,
the AWS IoT Device SDK's TLS transports, Eclipse Paho's C and Java MQTT clients.

BearSSL is read from the ESP8266 core's own BearSSL tree (earlephilhower/bearssl-esp8266,
whose history carries Thomas Pornin's upstream commits; bearssl.org's git is not on
GitHub). ESP-IDF, esp-mqtt and Arduino-ESP32 are over the fetch size limit: their files are
excerpts read through the search index (the lines that print, literals as in the file),
saved under /work/.mirror/_files/<owner+name>/ with a COMMITS file naming each file's
commit. The others are read from their fetched mirrors.

Each entry carries ``form``: how the program prints it (the esp-log prefix "E (5120) tag: ",
Arduino's "[E][file:line] func(): ", brssl's "ERROR: SSL error N (NAME)"), which the corpus
tests feed.
"""

from __future__ import annotations

import re

from .common import Harvest, Origin, call_strings, first_string, git_origin
from .embedded import _excerpts

_BEARSSL = "earlephilhower/bearssl-esp8266"


def _bearssl_numbers(o: Origin) -> dict[str, int]:
    out = {}
    for header in ("inc/bearssl_ssl.h", "inc/bearssl_x509.h"):
        for m in re.finditer(r"#define\s+(BR_ERR_\w+)\s+(\d+)", o.read(header)):
            out[m.group(1)] = int(m.group(2))
    return out


def bearssl() -> Harvest:
    """BearSSL's error codes (inc/bearssl_ssl.h, inc/bearssl_x509.h) with brssl's own names
    and comments (tools/errors.c). brssl prints "ERROR: SSL error 62
    (BR_ERR_X509_NOT_TRUSTED)" (tools/sslio.c), and "ERROR: SSL error 296 (received alert
    40)" for a fatal alert (BR_ERR_RECV_FATAL_ALERT + the alert's number)."""
    h = Harvest("bearssl")
    o = git_origin(_BEARSSL)
    numbers = _bearssl_numbers(o)
    src = o.read("tools/errors.c")
    for m in re.finditer(r'\{\s*(BR_ERR_\w+),\s*"(BR_ERR_\w+)",\s*((?:"[^"]*"\s*)+)\}', src):
        name = m.group(2)
        descr = "".join(re.findall(r'"([^"]*)"', m.group(3))).strip()
        n = numbers[name]
        h.add(o, "tools/errors.c", name, name, "name", number=n, descr=descr,
              form=f"ERROR: SSL error {n} ({name})")
    return h


_ESP8266_CLIENT = "libraries/ESP8266WiFi/src/WiFiClientSecureBearSSL.cpp"


def esp8266_arduino() -> Harvest:
    """The ESP8266 Arduino core's BearSSL client (WiFiClientSecureBearSSL.cpp): the texts of
    getLastSSLError() (one per BR_ERR_* code, "SSL received fatal alert - " before an alert's
    number read as a code) and its "BSSL:" debug lines (DEBUG_ESP_SSL), as a sketch prints
    them: "BSSL:Couldn't connect. Error = 'Chain could not be linked to a trust anchor.'".
    3.1.2 is the last release; HEAD is today's."""
    h = Harvest("esp8266_arduino")
    for ref in ("3.1.2", "HEAD"):
        o = git_origin("esp8266/Arduino", ref)
        src = o.read(_ESP8266_CLIENT)
        for m in re.finditer(r'case (BR_ERR_\w+|-1000): t = PSTR\("([^"]+)"\)', src):
            h.add(o, _ESP8266_CLIENT, m.group(1), m.group(2), "log",
                  form="BSSL:Couldn't connect. Error = '%TEXT%'")
        for m in re.finditer(r'DEBUG_BSSL\("((?:[^"\\]|\\.)*)"', src):
            text = m.group(1).replace("\\n", "").strip()
            if len(text) >= 8 and not text.startswith("Couldn't connect. Error"):
                h.add(o, _ESP8266_CLIENT, text, text, "log", form="BSSL:%TEXT%")
    return h


# The esp-log tag each excerpt's lines print under (the file's TAG; transport_ssl.c's
# foundation transport logs as "transport_base").
_ESP_TAGS = {"esp_tls_mbedtls.c": "esp-tls-mbedtls", "esp_tls.c": "esp-tls",
             "transport_ssl.c": "transport_base", "app_main.c": "mqtts_example"}
_ESP_LOG = re.compile(r"ESP_LOG[EWIDV]\(\s*TAG,\s*")


def esp_idf() -> Harvest:
    """ESP-IDF's esp-tls (components/esp-tls/esp_tls_mbedtls.c, esp_tls.c: "mbedtls_ssl_
    handshake returned -0x2700", "Failed to open new connection"), its error codes
    (esp_tls_errors.h: ESP_ERR_ESP_TLS_* and ESP_ERR_MBEDTLS_*, base 0x8000), the TCP
    transport under esp-mqtt and esp_http_client (components/tcp_transport/transport_ssl.c)
    and the esp-mqtt SSL example's error report ("Last error code reported from esp-tls:
    0x8004", espressif/esp-mqtt examples/ssl/main/app_main.c), each printed by esp-log as
    "E (5120) esp-tls-mbedtls: ..."."""
    h = Harvest("esp_idf")
    for repo in ("espressif/esp-idf", "espressif/esp-mqtt"):
        for o in _excerpts(repo):
            for path in o.ls(""):
                _esp_file(h, o, path)
    return h


def _esp_file(h: Harvest, o: Origin, path: str) -> None:
    src = o.read(path)
    if path.endswith("esp_tls_errors.h"):
        for m in re.finditer(r"#define (ESP_ERR_\w+)\s+\(ESP_ERR_ESP_TLS_BASE \+ (0x[0-9A-F]+)\)"
                             r"\s+/\*!?<\s*(.*?)\s*\*/", src):
            n = 0x8000 + int(m.group(2), 16)
            h.add(o, path, m.group(1), m.group(1), "name", number=n, descr=m.group(3),
                  form=f"{m.group(1)} (0x{n:x})")
        return
    tag = _ESP_TAGS[path.rsplit("/", 1)[-1]]
    level = "I" if path.endswith("app_main.c") else "E"
    for m in _ESP_LOG.finditer(src):
        text = first_string(src[m.end():m.end() + 400])
        if len(text) >= 8:
            h.add(o, path, text, text, "log", form=f"{level} (5120) {tag}: %TEXT%")


_ARDUINO_FORM = {"ssl_client.cpp": "[E][ssl_client.cpp:37] _handle_error(): %TEXT%",
                 "NetworkClientSecure.cpp": "[  5120][E][NetworkClientSecure.cpp:159] "
                                            "connect(): %TEXT%"}


def arduino_esp32() -> Harvest:
    """The Arduino-ESP32 core's TLS client: ssl_client.cpp (mbedTLS errors as "[%s():%d]:
    (%d) %s", i.e. "[start_ssl_client():276]: (-9984) X509 - Certificate verification
    failed, e.g. CRL, CA or signature check failed"; "Failed to verify peer certificate!
    verification info: ...") and NetworkClientSecure.cpp (3.x: "start_ssl_client: connect
    failed: -1"; 2.x's WiFiClientSecure.cpp printed "start_ssl_client: -1"). log_e() lines
    print as "[E][file:line] function(): text"."""
    h = Harvest("arduino_esp32")
    for o in _excerpts("espressif/arduino-esp32"):
        for path in o.ls(""):
            form = _ARDUINO_FORM[path.rsplit("/", 1)[-1]]
            for _f, text in call_strings(o.read(path), ("log_e", "log_i", "log_d")):
                h.add(o, path, text, text, "log", form=form)
    return h


_AWS_TRANSPORTS = {"platform/posix/transport/src/openssl_posix.c": "Transport_OpenSSL_Sockets",
                   "platform/posix/transport/src/mbedtls_pkcs11_posix.c":
                       "Transport_MbedTLS_PKCS11"}


def aws_iot() -> Harvest:
    """The AWS IoT Device SDK for Embedded C's TLS transports (platform/posix/transport/src:
    openssl_posix.c "SSL_connect failed to perform TLS handshake.", mbedtls_pkcs11_posix.c
    "Failed to perform TLS handshake: mbedTLSError= %s : %s." with mbedtls_high_level_strerr's
    MBEDTLS_ERR_* names), logged as "[ERROR] [Transport_OpenSSL_Sockets] [file:line] ..."
    (logging_stack.h; LIBRARY_LOG_NAME in platform/posix/transport/include)."""
    h = Harvest("aws_iot")
    o = git_origin("aws/aws-iot-device-sdk-embedded-C")
    for path, lib in _AWS_TRANSPORTS.items():
        name = path.rsplit("/", 1)[-1]
        for func, text in call_strings(o.read(path), ("LogError", "LogWarn")):
            level = "ERROR" if func == "LogError" else "WARN"
            h.add(o, path, text, text, "log", form=f"[{level}] [{lib}] [{name}:280] %TEXT%")
    return h


_PAHO_TLS = re.compile(r"SSL|TLS|X509|certificate", re.I)


def paho_c() -> Harvest:
    """Eclipse Paho MQTT C (src/SSLSocket.c trace lines, MQTTAsync/MQTTClient_strerror, the
    async client's failure messages in MQTTAsyncUtils.c, the sample clients' "SSL error: %s"
    around OpenSSL's error queue, src/samples/paho_c_pub.c). v1.3.12 is Debian 12's
    (libpaho-mqtt1.3, paho.mqtt.c-examples)."""
    h = Harvest("paho_c")
    for ref in ("v1.3.12", "HEAD"):
        o = git_origin("eclipse/paho.mqtt.c", ref)
        for path in ("src/SSLSocket.c", "src/MQTTAsyncUtils.c", "src/samples/paho_c_pub.c",
                     "src/samples/paho_cs_pub.c"):
            for _f, text in call_strings(o.read(path), ("Log", "nextOrClose", "fprintf")):
                text = text.rstrip("\n")
                if _PAHO_TLS.search(text) or "Connect failed" in text:
                    h.add(o, path, text, text, "log")
        for path in ("src/MQTTAsync.c", "src/MQTTClient.c"):
            for m in re.finditer(r'case (MQTT\w*SSL\w*):\s*return "([^"]+)";', o.read(path)):
                h.add(o, path, m.group(1), m.group(2), "log")
    return h


_PAHO_JAVA_NLS = ("org.eclipse.paho.client.mqttv3/src/main/resources/org/eclipse/paho/client/"
                  "mqttv3/internal/nls/messages.properties")


def paho_java() -> Harvest:
    """Eclipse Paho Java (mqttv3) MqttException reason codes and their messages
    (internal/nls/messages.properties), printed by MqttException.toString() as "<message>
    (<code>)" and " - <cause>" after it: "Unable to connect to server (32103) -
    javax.net.ssl.SSLHandshakeException: ..."; code 0 (a client exception: every TLS failure
    of the socket) has no message and prints as "MqttException (0) - ..."."""
    h = Harvest("paho_java")
    o = git_origin("eclipse/paho.mqtt.java", "v1.2.5")
    for m in re.finditer(r"^(\d+)=(.+)$", o.read(_PAHO_JAVA_NLS), re.M):
        h.add(o, _PAHO_JAVA_NLS, m.group(1), m.group(2).strip(), "message",
              form=f"%TEXT% ({m.group(1)})")
    return h
