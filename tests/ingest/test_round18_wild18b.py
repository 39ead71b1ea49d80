"""Round 18's second wild sample: Rust's security-framework crate (native-tls on macOS)
prints Apple's OSStatus in its Error's Debug form, `Error { code: -67843, message: "The
certificate was not trusted." }` (security-framework/src/base.rs, kornelski/
rust-security-framework @ 0c907ba0f68e). Every numbered Apple entry in that form reads as
its `Code=` form does; other numbers and code-less structs stay unread."""

from __future__ import annotations

import pytest

from tlsdoctor.api import explain
from tlsdoctor.ingest.patterns.harvested import Entry, entries

NUMBERED = [e for e in entries("apple") if isinstance(e.get("number"), int) and e.get("number") < 0]


def _top(text: str) -> tuple[bool, str]:
    r = explain(text)
    return r.recognized, r.findings[0].cause.value if r.findings else "-"


@pytest.mark.parametrize("entry", NUMBERED, ids=[e.id[:40] for e in NUMBERED])
def test_security_framework_debug_form_reads_as_the_osstatus(entry: Entry) -> None:
    n = entry.get("number")
    # A neutral message: the crate's message is Apple's own sentence, which other tables
    # may read on its own (the number is what this form adds).
    form = f'Error {{ code: {n}, message: "x" }}'
    want = _top(f"Code={n}")  # as NSError prints it; read or unread (non-TLS codes stay so)
    assert _top(form) == want, (form, want)


def test_the_tls_codes_are_read_in_that_form() -> None:
    read = [e.id for e in NUMBERED
            if _top(f'Error {{ code: {e.get("number")}, message: "x" }}')[0]]
    assert len(read) >= 40 and "errSecNotTrusted" in read and "errSSLXCertChainInvalid" in read


def test_the_wild_thread_s_failure_is_read() -> None:
    """rust-native-tls#143: macOS refused a server's chain (errSecNotTrusted)."""
    r = explain('Failure(Error { code: -67843, message: "The certificate was not trusted." }')
    assert r.recognized
    assert r.findings[0].cause.value == "cert_untrusted_root"
    assert r.findings[0].confidence < 0.6  # the message names no deeper cause


@pytest.mark.parametrize("text", [
    'Error { code: 12, message: "Cannot allocate memory" }',
    'Error { code: -1, message: "x" }',
    "Error { kind: NotFound }",
])
def test_other_structs_stay_unread(text: str) -> None:
    assert not explain(text).recognized


# OTP <= 20's lower-case alert texts (ssl_alert.erl description_txt/1): the error_logger
# line and the error term, as Hex/Mix print them (hexpm/hex#137, #283, #417, #140).
ERLANG = [e for e in entries("erlang") if e.id.isupper()]


@pytest.mark.parametrize("entry", ERLANG, ids=[e.id for e in ERLANG])
def test_old_otp_alert_forms_read_as_the_alert_about_the_server(entry: Entry) -> None:
    old = entry.text.lower()
    want = _top(f"CLIENT ALERT: Fatal - {entry.text}")
    if not want[0]:
        pytest.skip(f"{entry.id}: the alert is not read in today's form either")
    for form in (f"11:51:57.560 [error] SSL: :certify: ssl_handshake.erl:1606:Fatal error: {old}",
                 f"SSL: certify: ssl_connection.erl:484:Fatal error: {old}",
                 f"{{:failed_connect, [{{:to_address, {{'example.org', 443}}}}, {{:inet, "
                 f"[:inet], {{:tls_alert, '{old}'}}}}]}}",
                 f'{{error,{{tls_alert,"{old}"}}}}'):
        assert _top(form) == want, (form, want)


@pytest.mark.parametrize("text", [
    "SSL: :certify: ssl_handshake.erl:1606:Fatal error: unknown cause",
    "{:tls_alert, 'unknown'}",
    "ERROR: Fatal error: unknown ca-certificates package",
])
def test_other_lower_case_lines_stay_unread(text: str) -> None:
    assert not explain(text).recognized, text


HEX_UNKNOWN_CA = [
    "$ mix deps.get\n11:51:57.560 [error] SSL: :certify: ssl_handshake.erl:1606:Fatal error: "
    "unknown ca",
    "Registry update failed (http_error)\n{:failed_connect, [{:to_address, {'repo.hex.pm', "
    "443}}, {:inet, [:inet], {:tls_alert, 'unknown ca'}}]}",
    "20:22:20.657 [info]  TLS :client: In state :certify at ssl_handshake.erl:2015 generated "
    "CLIENT ALERT: Fatal - Unknown CA\n{:failed_connect, [{:to_address, {'repo.hex.pm', 443}}, "
    "{:inet, [:inet], {:tls_alert, {:unknown_ca, 'TLS client: ...'}}}]}",
]


@pytest.mark.parametrize("text", HEX_UNKNOWN_CA)
def test_hex_s_unknown_ca_against_hex_pm_is_re_signing_first(text: str) -> None:
    """Hex checks hex.pm against the bundle it ships, not the system's store."""
    first = explain(text).findings[0]
    assert first.cause.value == "tls_interception_mitm" and first.confidence < 0.6, text


def test_hex_against_a_mirror_or_another_alert_keeps_its_reading() -> None:
    mirror = ("Request failed ({:failed_connect, [{:to_address, {~c\"dev.example.de\", 443}}, "
              "{:inet, [:inet], {:tls_alert, {:unknown_ca, ~c\"TLS client: In state certify at "
              "ssl_handshake.erl:2133 generated CLIENT ALERT: Fatal - Unknown CA\\n\"}}}]})")
    assert explain(mirror).findings[0].cause.value == "client_misconfiguration"
    expired = ("TLS :client: In state :certify at ssl_handshake.erl:1882 generated CLIENT ALERT: "
               "Fatal - Certificate Expired\n{:failed_connect, [{:to_address, {'hex.pm', 443}}")
    assert explain(expired).findings[0].cause.value != "tls_interception_mitm"
