"""Embedded and IoT TLS stacks and the frameworks that print their errors (round 12,
harvested: upstream/<source>.json, judged in judgement/<source>.py): BearSSL and the ESP8266
Arduino core, ESP-IDF's esp-tls, the Arduino-ESP32 core, the AWS IoT Device SDK's
transports, Eclipse Paho C and Java.

Besides each entry's own words, the numbers these frameworks print:

* mbedTLS codes in decimal (Arduino-ESP32's "(-9984) X509 - ...", "start_ssl_client:
  -9984", "[start_ssl_client():276]: code -9984" without MBEDTLS_ERROR_C) and as a positive
  hex number (esp-mqtt's "Last tls stack error number: 0x2700"): the same reading as
  patterns/mbedtls.py's "-0x2700".
* esp-tls codes (esp_tls_errors.h) in the esp-mqtt example's "Last error code reported from
  esp-tls: 0x8004" and the TCP transport's decimal "Failed to open a new connection: 32772".
* BearSSL's fatal alerts: brssl's "SSL error 296 (received alert 40)" and the ESP8266 core's
  "SSL received fatal alert - <text>", where the text is getLastSSLError()'s for the code whose
  number equals the alert's (alert 40 prints as "Decoding error: extraneous element.").
  Received: the server's complaint (a client's reading); sent: the device rejected the
  server (the reading of an alert a server receives), as patterns/alerts.py reads them.
"""

from __future__ import annotations

import re

from ...causes import Cause
from . import CATEGORY, GENERIC, REASON, Pattern, causes
from .alerts import alert_causes
from .harvested import entries, upstream_patterns
from .mbedtls import number_readings

_LABELS = (("bearssl", "BearSSL", True), ("esp8266_arduino", "ESP8266 BearSSL client", False),
           ("esp_idf", "ESP-IDF esp-tls", True), ("arduino_esp32", "Arduino-ESP32", True),
           ("aws_iot", "AWS IoT SDK transport", True), ("paho_c", "Paho MQTT C", True),
           ("paho_java", "Paho MQTT Java", True))

_ESP8266 = ("esp8266/Arduino libraries/ESP8266WiFi/src/WiFiClientSecureBearSSL.cpp "
            "(getLastSSLError: \"SSL received fatal alert - \")")
_BRSSL = "BearSSL tools/sslio.c (\"ERROR: SSL error %d (received alert %d)\")"
_ARDUINO = ("espressif/arduino-esp32 NetworkClientSecure.cpp (\"start_ssl_client: connect "
            "failed: %d\"); 2.x WiFiClientSecure.cpp (\"start_ssl_client: %d\")")


def _mbedtls_decimal() -> list[Pattern]:
    out = []
    for r in number_readings():
        value = int(r.number[3:], 16)
        if value < 1000:  # the socket codes' -66..-86 read as other programs' numbers too
            continue
        hexdigits = r.number[3:].lstrip("0")
        # Decimal only where a device framework prints a result code (Arduino-ESP32's
        # "[func():line]: (-9984)"); positive hex only after esp-mqtt's "tls stack" words.
        rx = (rf"(?:(?:returned|error|err|ret|result|code)\s*[=:]?\s*|start_ssl_client:"
              rf"(?: connect failed:?)?\s*|\]:\s*\()-{value}(?![\d.])|"
              rf"tls stack(?: error)?(?: number)?:?\s*0x0{{0,4}}{hexdigits}\b")
        out.append(Pattern(
            source="mbedtls", rx=rx, meaning=f"mbedTLS error {r.number} = -{value} "
            f"({' or '.join(r.ids)})", causes=causes(r.causes), provenance=r.provenance,
            spec=r.spec, needles=(str(value), hexdigits.lower()),
            id=f"mbedtls.decimal.{r.number}", upstream=r.ids[0], side="client"))
    return out


def _esp_tls_numbers() -> list[Pattern]:
    out = []
    by_name = {p.upstream: p for p in _BASE if p.source == "esp_idf"}
    for e in entries("esp_idf"):
        n, base = e.get("number"), by_name.get(e.id)
        if n is None or base is None:
            continue
        rx = (rf"(?:reported from esp-tls|esp_tls_last_esp_err)\s*:?\s*0x0{{0,4}}{n:x}\b|"
              rf"Failed to open a new connection: {n}\b")
        out.append(Pattern(source="esp_idf", rx=rx, meaning=f"ESP-IDF esp-tls error 0x{n:x} "
                           f"({e.id})", causes=base.causes, provenance=e.provenance,
                           spec=base.spec, needles=(f"{n:x}", str(n)),
                           id=f"esp_idf.up.{e.id}.number", upstream=e.id, side="client"))
    return out


def _alert(n: int, sent: bool) -> tuple[str, tuple[tuple[Cause, float], ...], int] | None:
    got = alert_causes(n, server_side=sent)
    if got is None or not got[1]:
        return None
    return got


def _bearssl_alerts() -> list[Pattern]:
    """brssl's numbered alerts and the ESP8266 core's alert-as-code texts."""
    out = []
    texts: dict[int, str] = {}
    for e in entries("esp8266_arduino"):
        if e.id.startswith("BR_ERR_"):
            texts.setdefault(int(_numbers()[e.id]), e.text)
    for n in range(0, 256):
        for sent in (False, True):
            got = _alert(n, sent)
            if got is None:
                continue
            name, cs, _spec = got
            way = "sent" if sent else "received"
            what = (f"the device rejected the server with a fatal {name} alert" if sent else
                    f"the server refused the handshake with a fatal {name} alert")
            out.append(Pattern(source="bearssl", rx=rf"\bSSL error \d+ \({way} alert {n}\)",
                               meaning=f"BearSSL: {what}", causes=cs, provenance=_BRSSL,
                               spec=REASON + 1, needle=f"{way} alert {n}",
                               id=f"bearssl.alert.{way}.{n}", side="client"))
            if n in texts:
                out.append(Pattern(
                    source="esp8266_arduino", rx=rf"\bSSL {way} fatal alert - "
                    + _escaped(texts[n]), meaning=f"ESP8266 BearSSL client: {what} (the "
                    f"core prints alert {n} with the text of BearSSL code {n})", causes=cs,
                    provenance=_ESP8266, spec=REASON + 1, needle=f"ssl {way} fatal alert",
                    id=f"esp8266_arduino.alert.{way}.{n}", side="client"))
    # Alerts numbered above BearSSL's codes all print "Unknown error code.": protocol_version
    # (70: BearSSL has no TLS 1.3), insufficient_security, internal_error, unrecognized_name.
    out.append(Pattern(
        source="esp8266_arduino", rx=r"\bSSL received fatal alert - Unknown error code\b",
        meaning="ESP8266 BearSSL client: the server refused the handshake with a fatal alert "
                "numbered above BearSSL's codes (protocol_version, insufficient_security, "
                "internal_error, unrecognized_name...)",
        causes=causes("protocol_version_mismatch:.35 cipher_suite_mismatch:.25 "
                      "sni_required_or_mismatch:.2 server_misconfiguration:.2"),
        provenance=_ESP8266, spec=CATEGORY, needle="ssl received fatal alert",
        id="esp8266_arduino.alert.received.unknown", side="client"))
    return out


def _escaped(text: str) -> str:
    return re.escape(text.rstrip(".")) + r"\.?"


def _numbers() -> dict[str, int]:
    return {e.id: int(e.get("number")) for e in entries("bearssl")}


def _start_ssl_client() -> list[Pattern]:
    # -1 is the core's own: no CA, PSK, bundle or setInsecure() configured; the DNS lookup,
    # TCP connect or select() failed or timed out; the handshake outlasted its timeout.
    return [Pattern(
        source="arduino_esp32", rx=r"\bstart_ssl_client:(?: connect failed:?)? -1\b",
        meaning="Arduino-ESP32: start_ssl_client gave up before mbedTLS reported anything "
                "(no CA certificate, bundle or setInsecure() set; DNS, TCP or a timeout)",
        causes=causes("client_misconfiguration:.4 name_resolution_or_unreachable:.35 "
                      "middlebox_or_firewall_interference:.25"),
        provenance=_ARDUINO, spec=GENERIC, needle="start_ssl_client",
        id="arduino_esp32.start_ssl_client.-1", side="client")]


_BASE = tuple(p for source, label, names in _LABELS
              for p in upstream_patterns(source, label, side="client", bare_names=names))
PATTERNS = (_BASE + tuple(_mbedtls_decimal()) + tuple(_esp_tls_numbers())
            + tuple(_bearssl_alerts()) + tuple(_start_ssl_client()))
