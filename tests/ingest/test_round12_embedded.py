"""Round 12: embedded and IoT TLS stacks (BearSSL and the ESP8266 core, ESP-IDF's esp-tls,
Arduino-ESP32, the AWS IoT SDK's transports, Paho C and Java), each in the form its program
prints, with twins that must not move.

Every harvested entry alone runs in tests/ingest/upstream/test_upstream_corpus.py; Paho C's
real output against broken servers in test_paho_live.py.
"""

from __future__ import annotations

import pytest

from tlsdoctor.api import explain

# (printed text, source that must be reported, top cause)
PRINTED = [
    # ESP8266 Arduino core (BearSSL): getLastSSLError() inside the BSSL debug line
    ("BSSL:Couldn't connect. Error = 'Chain could not be linked to a trust anchor.'",
     "esp8266_arduino", "client_misconfiguration"),
    ("BSSL:Couldn't connect. Error = 'Expected server name was not found in the chain.'",
     "esp8266_arduino", "hostname_mismatch"),
    ("BSSL:Couldn't connect. Error = 'Certificate is expired or not yet valid.'",
     "esp8266_arduino", "client_clock_wrong"),
    ("BSSL:Couldn't connect. Error = 'Incoming record type is unknown.'", "esp8266_arduino",
     "non_tls_service_on_port"),
    ("BSSL:insecure_end_chain: Received cert FP doesn't match", "esp8266_arduino",
     "client_misconfiguration"),
    ("BSSL:connect: Name lookup failure", "esp8266_arduino", "name_resolution_or_unreachable"),
    # an alert number read as a BearSSL code: 48 (unknown_ca) prints BR_ERR_X509_BAD_TIME's text
    ("BSSL:Couldn't connect. Error = 'SSL sent fatal alert - Invalid date/time "
     "representation.'", "esp8266_arduino", "cert_untrusted_root"),
    ("BSSL:Couldn't connect. Error = 'SSL received fatal alert - Decoding error: extraneous "
     "element.'", "esp8266_arduino", "cipher_suite_mismatch"),
    # brssl
    ("ERROR: SSL error 56 (BR_ERR_X509_BAD_SERVER_NAME)", "bearssl", "hostname_mismatch"),
    ("ERROR: SSL error 592 (sent alert 80)", "bearssl", "server_misconfiguration"),
    # ESP-IDF esp-tls and what runs on it
    ("E (5120) esp-tls-mbedtls: mbedtls_x509_crt_parse of CA cert returned -0x2180",
     "esp_idf", "client_misconfiguration"),
    ("E (5120) esp-tls-mbedtls: No server verification option set in esp_tls_cfg_t "
     "structure. Check esp_tls API reference", "esp_idf", "client_misconfiguration"),
    ("E (5130) esp-tls: couldn't get hostname for :broker.example.com: getaddrinfo() returns "
     "202, addrinfo=0x0", "esp_idf", "name_resolution_or_unreachable"),
    ("E (628) mqtt_client_cpp: Last error reported from esp-tls: 0x8004", "esp_idf",
     "name_resolution_or_unreachable"),
    ("E (618) transport_base: Failed to open a new connection: 32772", "esp_idf",
     "name_resolution_or_unreachable"),
    ("ESP_ERR_MBEDTLS_X509_CRT_PARSE_FAILED", "esp_idf", "client_misconfiguration"),
    # Arduino-ESP32: mbedTLS's code in decimal
    ("[E][WiFiClientSecure.cpp:133] connect(): start_ssl_client: -9984", "mbedtls",
     "client_misconfiguration"),
    ("[  5120][E][ssl_client.cpp:37] _handle_error(): [start_ssl_client():276]: code -30592",
     "mbedtls", "cipher_suite_mismatch"),
    ("[E][WiFiClientSecure.cpp:133] connect(): start_ssl_client: -1", "arduino_esp32",
     "client_misconfiguration"),
    # esp-mqtt's positive tls-stack number
    ("I (5120) mqtts_example: Last tls stack error number: 0x7200", "mbedtls",
     "non_tls_service_on_port"),
    # AWS IoT SDK transports
    ("[ERROR] [Transport_OpenSSL_Sockets] [openssl_posix.c:325] fopen failed to find the "
     "root CA certificate file: ROOT_CA_PATH=certificates/AmazonRootCA1.crt.", "aws_iot",
     "client_misconfiguration"),
    ("[ERROR] [Transport_OpenSSL_Sockets] [openssl_posix.c:280] SSL_connect failed to "
     "perform TLS handshake.", "aws_iot", "client_cert_required"),
    # Paho
    ("Trace : 1, 20261205 100000.000 X509_check_host for hostname broker.example.com failed, "
     "rc 0", "paho_c", "hostname_mismatch"),
    ("Failed to create client, return code: SSL is not supported", "paho_c",
     "client_misconfiguration"),
    ("SSL configuration error (32106)", "paho_java", "client_misconfiguration"),
]


@pytest.mark.parametrize(("text", "source", "cause"), PRINTED,
                         ids=[f"{p[1]}:{p[0][:50]}" for p in PRINTED])
def test_each_stack_is_read_in_its_printed_form(text: str, source: str, cause: str) -> None:
    r = explain(text)
    assert r.findings, text
    assert r.source == source, (r.source, r.meaning)
    assert r.findings[0].cause.value == cause, (r.meaning, [f.cause.value for f in r.findings])


@pytest.mark.parametrize(("decimal", "hexa"), [
    ("[start_ssl_client():276]: (-9984) X509 - Certificate verification failed, e.g. CRL, "
     "CA or signature check failed", "E (5120) esp-tls-mbedtls: mbedtls_ssl_handshake "
     "returned -0x2700"),
    ("start_ssl_client: connect failed: -30592", "mbedtls_ssl_handshake returned -0x7780"),
    ("mbedtls_ssl_handshake returned -29312", "Last error was: -0x7280 - SSL - The "
     "connection indicated an EOF"),
])
def test_mbedtls_decimal_and_hex_forms_read_alike(decimal: str, hexa: str) -> None:
    a, b = explain(decimal), explain(hexa)
    assert a.findings and b.findings
    assert [(f.cause, f.confidence) for f in a.findings] == \
        [(f.cause, f.confidence) for f in b.findings]


def test_a_device_clock_ranks_first_but_stays_a_ranking_and_printed_times_decide() -> None:
    bare = explain("BSSL:Couldn't connect. Error = 'Certificate is expired or not yet valid.'")
    top = bare.findings[0]
    assert top.cause.value == "client_clock_wrong" and top.confidence < 0.6
    assert {f.cause.value for f in bare.findings} >= {"cert_expired", "cert_not_yet_valid"}
    # the twin: the same device's words about an expired leaf with a right clock are mbedTLS's
    # own verify flag, which keeps the certificate first
    twin = explain("W (6000) esp-tls-mbedtls: Failed to verify peer certificate!\n"
                   "  ! The certificate validity has expired")
    assert twin.findings[0].cause.value == "cert_expired"


@pytest.mark.parametrize("text", [
    "BSSL:Connected!",
    "[D][ssl_client.cpp:60] start_ssl_client(): WARNING: Skipping SSL Verification. INSECURE!",
    "I (6000) esp-tls-mbedtls: Certificate verified.",
])
def test_success_lines_name_no_cause(text: str) -> None:
    assert not explain(text).findings, explain(text).meaning


@pytest.mark.parametrize("text", [
    "The build used 9984 bytes of flash",  # a number without a result word
    "memory at (-9984) after free",  # a decimal in parentheses that is no mbedTLS code
    "start_ssl_client: 0",  # success
    "Unknown error code.",  # the core's default text names no code
    "Last error code reported from esp-tls: 0x0",
    "error -80 in step 3",  # mbedTLS's socket codes are not read in decimal
])
def test_numbers_without_their_context_stay_unread(text: str) -> None:
    r = explain(text)
    assert not any(m.source in ("mbedtls", "esp_idf", "bearssl", "esp8266_arduino",
                                "arduino_esp32") for m in r.matches), (text, r.meaning)


def test_a_received_and_a_sent_alert_read_from_opposite_sides() -> None:
    received = explain("ERROR: SSL error 304 (received alert 48)").findings[0].cause.value
    sent = explain("ERROR: SSL error 560 (sent alert 48)").findings[0].cause.value
    assert sent == "cert_untrusted_root"  # the device rejected the server's chain
    assert received != sent  # the server rejected the device (its certificate)


def test_generic_device_lines_stay_rankings() -> None:
    for text in ("E (5130) esp-tls: Failed to open new connection",
                 "[E][WiFiClientSecure.cpp:133] connect(): start_ssl_client: -1",
                 "TCP/TLS connect failure",
                 "Unable to connect to server (32103)"):
        r = explain(text)
        assert r.findings and r.findings[0].confidence < 0.6, (text, r.meaning)
