"""Round 27: holdout36's classes, each from the program's own source, fed the way the
program prints it, with its siblings from the same source and look-alikes that must not
match.
"""

from __future__ import annotations

import pytest
from ranked import causes, ids, top

from tlsdoctor.api import explain

# --- `openssl verify`'s own line beside a server's log (apps/verify.c cb) -----------------

_GO_SERVER = ("I1118 17:49:06.834244       5 log.go:19] http: TLS handshake error from "
              "10.0.0.5:50860: remote error: bad certificate\n\n"
              "core@node ~/assets/tls $ openssl verify -CAfile ca.crt apiserver.crt\n"
              "apiserver.crt: O = kube-aws, CN = kube-ca\n")


@pytest.mark.parametrize("line", [
    "error 9 at 1 depth lookup:certificate is not yet valid",     # 1.x, no space
    "error 9 at 0 depth lookup: certificate is not yet valid",    # OpenSSL 3
])
def test_verify_command_beside_a_server_log_keeps_the_dates_reading(line: str) -> None:
    text = _GO_SERVER + line
    got = causes(text)
    assert "client_cert_required" not in got
    assert top(text)[0] in ("client_clock_wrong", "cert_not_yet_valid")
    assert explain(text).side == "server"


def test_verify_command_expired_beside_a_server_log() -> None:
    text = (_GO_SERVER + "error 10 at 1 depth lookup: certificate has expired\n"
            "error apiserver.crt: verification failed")
    assert "client_cert_required" not in causes(text)
    assert top(text)[0] == "cert_expired"


def test_a_servers_own_verification_still_reads_the_clients_certificate() -> None:
    # a server's verify line (not the verify command's frame) is the client's certificate
    text = ("http: TLS handshake error from 10.0.0.5:50860: tls: failed to verify certificate: "
            "x509: certificate has expired or is not yet valid")
    assert top(text)[0] == "client_cert_required"


# --- OpenSSL's "certificate not trusted" / Qt's CertificateUntrusted ------------------------

@pytest.mark.parametrize("text", [
    "SSL Error: The root CA certificate is not trusted for this purpose",
    "QSslError: The root CA certificate is not trusted for this purpose",
    "SSL routines:tls_process_server_certificate:certificate verify failed: certificate not "
    "trusted",
])
def test_untrusted_for_the_purpose_is_a_ranking(text: str) -> None:
    cause, conf = top(text)
    assert cause == "cert_untrusted_root" and conf < 0.6
    assert causes(text).get("cert_wrong_purpose", 0) > 0


@pytest.mark.parametrize("err", [
    "The root CA certificate is not trusted for this purpose",
    "The root CA certificate is marked to reject the specified purpose",
])
def test_murmurs_log_frame_is_the_server_refusing_a_client_certificate(err: str) -> None:
    for user in ("<5:(-1)>", "<12:alice(3)>"):
        text = f"<W>2013-11-04 21:27:40.123 1 => {user} SSL Error: {err}"
        assert explain(text).side == "server"
        assert top(text)[0] == "client_cert_required"


# --- pianobar's pin (libwaitress WaitressErrorToStr) --------------------------------------

@pytest.mark.parametrize("text", [
    "Login... Network error: TLS fingerprint mismatch.",
    "(i) Login... Network error: TLS fingerprint mismatch.\n",
    "TLS fingerprint mismatch.",
])
def test_pianobar_fingerprint_mismatch(text: str) -> None:
    cause, conf = top(text)
    assert cause == "client_misconfiguration" and conf < 0.6
    assert causes(text).get("tls_interception_mitm", 0) > 0


@pytest.mark.parametrize("text", [
    "JA3 TLS fingerprint mismatch detected by the bot filter",
    "Network error: TLS handshake failed.",
])
def test_pianobar_look_alikes(text: str) -> None:
    assert not any(i.startswith("pianobar.r27b") for i in ids(text))


# --- resolver failures: mtg, c2FmZQ/ech (tlsproxy) ----------------------------------------

@pytest.mark.parametrize("text", [
    "logger=proxy error=cannot resolve dns names: cannot find any ips for tcp:tls:google.com",
    "WRN cannot dial to the fronting domain | error=cannot resolve dns names: cannot find any "
    "ips for tcp:www.example.org",
    "cannot resolve dns names: cannot find any ips for tcp4:149.154.167.51.example",
])
def test_mtg_no_addresses(text: str) -> None:
    assert top(text) == ("name_resolution_or_unreachable", 0.8)


@pytest.mark.parametrize("rc", [
    "format error (1)", "server failure (2)", "non-existent domain (3)",
    "not implemented (4)", "query refused (5)", "response code 9",
])
@pytest.mark.parametrize("typ", ["A", "AAAA", "HTTPS"])
def test_ech_resolver_codes(rc: str, typ: str) -> None:
    text = f"2025/03/06 15:37:22 http: proxy error: backend:5000: backend ({typ}): {rc}"
    assert top(text)[0] == "name_resolution_or_unreachable"


@pytest.mark.parametrize("text", [
    "backend (A): non-existent domain",           # no code: not the resolver's format
    "backend (MX): server failure (2)",           # a type it never asks
    "x (A): response code 0",
])
def test_ech_resolver_look_alikes(text: str) -> None:
    assert not any(i.startswith("ech_resolver.r27b") for i in ids(text))


# --- native-tls on macOS: Secure Transport's record overflow ------------------------------

@pytest.mark.parametrize("text", [
    "2024-05-07T02:07:08.112Z WARN  [gotify_desktop::gotify] Connection failed: TLS error: "
    "native-tls error: record overflow, retrying in 250ms",
    "Error: TLS error: native-tls error: record overflow",
])
def test_native_tls_record_overflow_is_a_plain_service(text: str) -> None:
    assert top(text) == ("non_tls_service_on_port", 0.75)


def test_a_received_record_overflow_alert_is_not_this_class() -> None:
    text = "remote error: tls: record overflow"
    assert not any(i.startswith("native_tls.r27b") for i in ids(text))
