"""Round 17: TLS libraries and embeddable servers whose wording no table had, harvested from
their own source (scripts/harvest/embedded17.py): s2n-tls and aws-c-io (the AWS Common
Runtime), lighttpd's TLS modules. Every judged entry in the form its program prints it,
with the side that printed it; lighttpd's verify callback for every OpenSSL verify text;
the same words elsewhere stay unrecognised (or another table's); each program's own fix."""

from __future__ import annotations

import pytest
from harvest_checks import first_cause as _want
from harvest_checks import judged as _judged
from harvest_checks import printed_form as _form
from harvest_checks import read_as_judged
from harvest_checks import top as _top

from tlsdoctor.api import explain
from tlsdoctor.ingest.patterns.harvested import Entry, entries

SOURCES = ("s2n", "aws_c_io", "lighttpd", "botan", "hitch", "libwebsockets", "civetweb",
           "mongoose", "aws_c_mqtt")
SIDE = {"s2n": "client", "aws_c_io": "client", "lighttpd": "server", "hitch": "server",
        "civetweb": "server", "aws_c_mqtt": "client"}
# Entries another table reads first on purpose (tests/ingest/upstream/test_upstream_corpus.py
# OVERLAPS): the TLS alert names inside aws-c-io's Apple/Windows back-end names.
# Botan's words other tables read first too (the same OVERLAPS).
_ALERT_NAMED = {"AWS_IO_TLS_PEER_CERTIFICATE_EXPIRED", "AWS_IO_TLS_BAD_CERTIFICATE",
                "OCSP_HAS_EXPIRED", "CHAIN_NAME_MISMATCH",
                "Alert::DecodeError: TLS 1.3 Client Hello has invalid legacy_version",
                "failed to parse certificate #%u in bundle"}


ALL = [e for s in SOURCES for e in _judged(s)]


@pytest.mark.parametrize("entry", ALL, ids=[f"{e.source}:{e.id[:50]}" for e in ALL])
def test_every_judged_entry_as_its_program_prints_it(entry: Entry) -> None:
    text = _form(entry)
    r = read_as_judged(entry, text, cause=entry.id not in _ALERT_NAMED)
    # Botan's words are either side's (3.x validates a client's certificate alike)
    assert entry.source not in SIDE or r.side == SIDE[entry.source], text


def test_the_tables_are_whole() -> None:
    """Each program's vocabulary, not one thread's line: counts as harvested."""
    counts = {s: (len(_judged(s)), len(entries(s))) for s in SOURCES}
    assert counts["s2n"][1] >= 260 and counts["s2n"][0] >= 60
    assert counts["aws_c_io"][1] >= 100 and counts["aws_c_io"][0] >= 40
    assert counts["lighttpd"][1] >= 200 and counts["lighttpd"][0] >= 150
    assert counts["botan"][1] >= 300 and counts["botan"][0] >= 200
    assert counts["hitch"][1] >= 150 and counts["hitch"][0] >= 20
    assert counts["libwebsockets"][1] >= 140 and counts["libwebsockets"][0] >= 30
    assert counts["civetweb"][1] >= 15 and counts["civetweb"][0] >= 8
    assert counts["mongoose"][1] >= 100 and counts["mongoose"][0] >= 40


@pytest.mark.parametrize("entry", [e for e in _judged("s2n")][:1] + [
    e for e in entries("s2n") if e.id in ("S2N_ERR_CERT_UNTRUSTED", "S2N_ERR_CERT_EXPIRED",
                                           "S2N_ERR_CLOSED")], ids=lambda e: e.id)
def test_s2n_words_alone_are_not_s2ns(entry: Entry) -> None:
    """Outside aws-c-io's line, "Certificate is untrusted" or "connection is closed" are any
    program's words: not read as s2n's (its name still is)."""
    r = explain(entry.text)
    assert not any(m.pattern_id.startswith("s2n.") for m in r.matches), entry.text
    source, _, _ = _top(f"s2n error: {entry.id}")
    assert source == "s2n"


# -- the AWS CRT ---------------------------------------------------------------------------

_WARN = ("[WARN] [2026-12-06T11:21:29Z] [00007f8e1f8fe6c0] [tls-handler] - id=0x7f8e14011e10: "
         "negotiation failed with error {} (Error encountered in /crt/s2n/tls/{}.c:894)")
_RAISED = ("[ERROR] [2026-12-06T11:21:57Z] [00007f8e1f8fe6c0] [http-connection] - static: "
           "Client connection failed with error 1029 (AWS_IO_TLS_ERROR_NEGOTIATION_FAILURE).\n"
           "awscrt.exceptions.AwsCrtError: AWS_IO_TLS_ERROR_NEGOTIATION_FAILURE: TLS (SSL) "
           "negotiation failed")


@pytest.mark.parametrize(("words", "want"), [
    ("Certificate is untrusted", "cert_untrusted_root"),
    ("Certificate is not valid for the supplied hostname", "hostname_mismatch"),
    ("Certificate has been revoked by the CA", "cert_revoked"),
    ("TLS protocol version is not supported by configuration", "protocol_version_mismatch"),
])
def test_crt_log_and_exception_together_name_s2ns_reason(words: str, want: str) -> None:
    r = explain(_WARN.format(words, "s2n_x509_validator") + "\n" + _RAISED)
    assert r.findings[0].cause.value == want and r.side == "client"
    if want in ("cert_untrusted_root", "hostname_mismatch", "protocol_version_mismatch"):
        assert r.findings[0].fix[0].applies_to == "aws_crt"


def test_crt_exception_alone_is_a_ranking() -> None:
    source, top, conf = _top("awscrt.exceptions.AwsCrtError: AWS_IO_TLS_ERROR_NEGOTIATION_"
                             "FAILURE: TLS (SSL) negotiation failed")
    assert (source, top) == ("aws_c_io", "cert_untrusted_root") and conf < 0.6


def test_iot_sdk_hang_up_after_tls_is_a_ranking_with_the_iot_step() -> None:
    """AWS IoT closing the MQTT connection after the TLS handshake: its policy or
    certificate state, ranked; the step names iot:Connect."""
    r = explain("awscrt.exceptions.AwsCrtError: AWS_ERROR_MQTT_UNEXPECTED_HANGUP: The "
                "connection was closed unexpectedly.")
    f = r.findings[0]
    assert (r.source, f.cause.value, r.side) == ("aws_c_mqtt", "client_misconfiguration",
                                                  "client")
    assert f.confidence < 0.6 and "iot:Connect" in f.fix[0].text
    assert explain("The connection was closed unexpectedly.").source != "aws_c_mqtt"


def test_crt_java_exception_by_name() -> None:
    r = explain("software.amazon.awssdk.crt.CrtRuntimeException: TLS (SSL) negotiation failed "
                "(aws_last_error: AWS_IO_TLS_ERROR_NEGOTIATION_FAILURE(1029), TLS (SSL) "
                "negotiation failed)")
    assert r.source == "aws_c_io" and r.side == "client" and r.findings[0].confidence < 0.6


@pytest.mark.parametrize(("text", "want"), [
    ("awscrt.exceptions.AwsCrtError: AWS_IO_DNS_INVALID_NAME: Host name was invalid for dns "
     "resolution.", "name_resolution_or_unreachable"),
    ("awscrt.exceptions.AwsCrtError: AWS_IO_TLS_ERROR_DEFAULT_TRUST_STORE_NOT_FOUND: Default "
     "TLS trust store not found on this system.", "client_misconfiguration"),
])
def test_crt_non_handshake_errors(text: str, want: str) -> None:
    assert _top(text)[:2] == ("aws_c_io", want)


@pytest.mark.parametrize("text", [
    "awscrt.exceptions.AwsCrtError: AWS_IO_STREAM_READ_FAILED: Stream failed to read from "
    "the underlying io source",
    "awscrt.exceptions.AwsCrtError: AWS_IO_EVENT_LOOP_SHUTDOWN: Event loop has shutdown",
    "[ERROR] [2026-12-06T11:21:57Z] [00007f] [tls-handler] - id=0x7f: Failed querying s2n "
    "async pkey op size",
])
def test_crt_lines_not_about_a_connection_stay_unread(text: str) -> None:
    assert not explain(text).recognized, text


# -- lighttpd ------------------------------------------------------------------------------

VERIFY = [e for e in _judged("openssl") if e.kind == "verify" and e.get("number") is not None]


@pytest.mark.parametrize("entry", VERIFY, ids=[f"{e.get('number')}:{e.text[:30]}"
                                               for e in VERIFY])
def test_lighttpd_verify_callback_every_verify_text(entry: Entry) -> None:
    """ssl.verifyclient refusing a client's certificate: the verify number names why. A CRL
    failure of the verifier's own setting (its CRL, its CA file) is lighttpd's."""
    text = (f"2026-12-06 08:00:00: (mod_openssl.c.2071) SSL: addr:192.0.2.7 verify error:num="
            f"{entry.get('number')}:{entry.text}:depth=0:subject=/CN=client")
    r = explain(text)
    want = _want(entry).replace("client_misconfiguration", "server_misconfiguration")
    # first, or tied first: OpenSSL's own verify table reads the verifier as a client
    best = r.findings[0].confidence if r.findings else 0
    assert any(f.cause.value == want and f.confidence == best for f in r.findings), text
    assert r.side == "server"


@pytest.mark.parametrize(("reason", "want"), [
    ("error:0A000102:SSL routines::unsupported protocol", "protocol_version_mismatch"),
    ("error:0A0000C1:SSL routines::no shared cipher", "cipher_suite_mismatch"),
    ("error:0A0000C7:SSL routines::peer did not return a certificate", "client_cert_required"),
    # the client's alert about lighttpd's own chain (logged with debug.log-ssl-noise)
    ("error:0A000418:SSL routines::tlsv1 alert unknown ca", "cert_untrusted_root"),
])
def test_lighttpd_handshake_line_carries_openssls_reason_on_the_server_side(
        reason: str, want: str) -> None:
    r = explain(f"2026-12-06 08:00:00: (mod_openssl.c.3312) SSL: addr:192.0.2.7 ssl_err:1 "
                f"{reason}")
    assert r.findings[0].cause.value == want and r.side == "server"


def test_lighttpd_start_up_line_gets_lighttpds_own_fix() -> None:
    r = explain("2026-12-06 08:00:00: (mod_openssl.c.1125) SSL: Private key does not match "
                "the certificate public key /etc/lighttpd/server.pem "
                "error:05800074:x509 certificate routines::key values mismatch")
    f = r.findings[0]
    assert (r.source, f.cause.value, r.side) == ("lighttpd", "server_misconfiguration", "server")
    assert f.fix[0].applies_to == "lighttpd" and "ssl.privkey" in f.fix[0].code


@pytest.mark.parametrize("text", [
    "2026-12-06 08:00:00: (server.c.1234) server started (lighttpd/1.4.69)",
    "2026-12-06 08:00:00: (mod_openssl.c.812) SSL: not enough entropy in the pool",
    "2026-12-06 08:00:00: (mod_openssl.c.3590) SSL:openssl library version is outdated and "
    "has reached end-of-life.  As of 11 Sep 2023, only openssl 3.0 and later continue to "
    "receive security patches from openssl.org",
])
def test_lighttpd_lines_that_are_no_failure(text: str) -> None:
    r = explain(text)
    assert not r.recognized or not r.findings, text


# -- Botan ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("Certificate validation status: Certificate issuer not found", "cert_untrusted_root"),
    ("Certificate validation status: Certificate does not match provided name",
     "hostname_mismatch"),
    ("Certificate validation status: Certificate has expired", "cert_expired"),
])
def test_botan_validation_lines(text: str, want: str) -> None:
    """The 2.x CLI's line is its TLS client's check of the server."""
    r = explain(text)
    assert (r.source, r.findings[0].cause.value, r.side) == ("botan", want, "client")


def test_botan_untrusted_gets_botans_own_step() -> None:
    r = explain("Certificate validation status: Certificate issuer not found")
    assert r.findings[0].fix[0].applies_to == "botan"
    assert "--trusted-cas=" in r.findings[0].fix[0].code


@pytest.mark.parametrize(("alert", "want"), [("protocol_version", "protocol_version_mismatch"),
                                             ("unrecognized_name", "sni_required_or_mismatch"),
                                             ("certificate_required", "client_cert_required")])
def test_botan_cli_received_alert(alert: str, want: str) -> None:
    assert _top(f"Alert: {alert}")[:2] == ("botan", want)


@pytest.mark.parametrize("text", ["Certificate issuer not found", "Certificate has expired",
                                  "We are on Alert: high"])
def test_botan_words_alone_are_not_botans(text: str) -> None:
    r = explain(text)
    assert not any(m.pattern_id.startswith("botan.") for m in r.matches), text


# -- hitch ---------------------------------------------------------------------------------

_HITCH = "20261206T114409.441971 [ 5309] 192.0.2.7:44362 :443 8:9 "


@pytest.mark.parametrize(("reason", "want"), [
    ("error:0A000102:SSL routines::unsupported protocol", "protocol_version_mismatch"),
    ("error:0A0000C1:SSL routines::no shared cipher", "cipher_suite_mismatch"),
    ("error:0A000418:SSL routines::tlsv1 alert unknown ca", "cert_untrusted_root"),
])
def test_hitch_handshake_failure_is_the_servers_line(reason: str, want: str) -> None:
    r = explain(f"{_HITCH}Handshake failure: {reason}")
    assert (r.side, r.findings[0].cause.value) == ("server", want)


def test_hitch_backend_trouble_is_not_the_tls_connections() -> None:
    r = explain(f"{_HITCH}backend connect timeout")
    assert not r.recognized or not r.findings


# -- libwebsockets -------------------------------------------------------------------------


@pytest.mark.parametrize("entry", VERIFY, ids=[f"{e.get('number')}:{e.text[:30]}"
                                               for e in VERIFY])
def test_lws_verify_line_and_reason_every_verify_text(entry: Entry) -> None:
    """lws's client verify line and the reason it gives the application, for every OpenSSL
    verify number: read as the OpenSSL verify table reads it, as a client's (the reason,
    with the number alone, where every release's text for it reads alike)."""
    n = entry.get("number")
    texts = [f"[2026/12/06 08:00:00:0000] E: SSL error: {entry.text} (preverify_ok=0;"
             f"err={n};depth=0)"]
    if len({_want(e) for e in VERIFY if e.get("number") == n}) == 1:  # the number says it
        texts.append(f"CLIENT_CONNECTION_ERROR: server's cert didn't look good, tls=invalidca "
                     f"X509_V_ERR = {n}: error:{int(n):08X}:lib(0)::reason({n})")
    for text in texts:
        r = explain(text)
        assert r.recognized and r.findings[0].cause.value == _want(entry), text
        assert r.source == "libwebsockets" and r.side == "client", text
