"""Round 26: holdout32's classes, each from the program's own source, fed the way the
program prints it, with its siblings from the same source and look-alikes that must not
match.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from ranked import causes_and_top, top

from tlsdoctor.api import explain
from tlsdoctor.ingest.printed_times import printed_times


def _ids(text: str) -> list[str]:
    return [m.pattern_id for m in explain(text).matches]

# --- QZ Tray's expiry check beside a date error (qzind/tray ExpiryTask.java) ---------------

_WSS = ("WebSocket connection to 'wss://localhost:8181/' failed: Error in connection "
        "establishment: net::ERR_CERT_DATE_INVALID   qz-tray.js:120\n\n")
_VALID = ("2020-09-30 22:36:54,970 [INFO] SSL certificate is still valid for 12878 more days: "
          "2056-01-04T05:09Z.  We'll make a new one automatically when needed.")
_EXPIRING = ("2020-09-30 22:36:54,970 [INFO] SSL certificate will expire in less than 5 days: "
             "2020-10-03T05:09Z")
_EXPIRED = ("2020-09-30 22:36:54,970 [INFO] SSL certificate has expired 2020-09-01T05:09Z.  It "
            "must be renewed immediately.")


def test_qz_tray_still_valid_reads_the_tray_clock_and_the_not_after() -> None:
    t = printed_times(_VALID)
    assert t.valid_until == datetime(2056, 1, 4, 5, 9, tzinfo=UTC)
    assert t.now is not None and t.now.date().isoformat() == "2020-10-01"
    assert t.not_after is None and t.form == "QZ Tray"
    assert printed_times(_EXPIRING).valid_until == datetime(2020, 10, 3, 5, 9, tzinfo=UTC)
    expired = printed_times(_EXPIRED)
    assert expired.not_after == datetime(2020, 9, 1, 5, 9, tzinfo=UTC)
    assert expired.valid_until is None


@pytest.mark.parametrize("line", [_VALID, _EXPIRING])
def test_a_date_error_beside_the_tray_saying_still_valid_is_not_yet_valid(line: str) -> None:
    # ERR_CERT_DATE_INVALID covers both bounds; the tray says notAfter has not passed
    got, (cause, conf) = causes_and_top(_WSS + line)
    assert cause == "cert_not_yet_valid" and conf < 0.6
    assert got["cert_expired"] < 0.3


def test_the_tray_saying_expired_keeps_the_expired_reading() -> None:
    assert top(_WSS + _EXPIRED)[0] == "cert_expired"


def test_chrome_date_error_alone_still_reads_expired_first() -> None:
    assert top(_WSS.strip())[0] == "cert_expired"


def test_the_tray_line_beside_another_failure_is_not_a_date_reading() -> None:
    text = _WSS.replace("ERR_CERT_DATE_INVALID", "ERR_CERT_AUTHORITY_INVALID") + _VALID
    assert top(text)[0] == "cert_untrusted_root"


@pytest.mark.parametrize("text", [
    # look-alikes: other programs' "still valid" prose, no QZ Tray form
    "The certificate is still valid for 300 more days (2056-01-04T05:09Z).",
    "SSL certificate is valid for 12878 days: 2056-01-04T05:09Z.",
])
def test_look_alikes_are_not_the_tray_form(text: str) -> None:
    assert printed_times(text).valid_until is None


# --- Schannel's two revocation codes (winerror.h; patterns/dotnet.py) -----------------------

_NO_CHECK = [
    # curl 7.x on Schannel, English, and as curl/rye/sentry-cli wrap it
    "curl: (35) schannel: next InitializeSecurityContext failed: Unknown error (0x80092012) - "
    "The revocation function was unable to check revocation for the certificate.",
    "error: http error: [35] SSL connect error (schannel: next InitializeSecurityContext "
    "failed: Unknown error (0x80092012) - The revocation function was unable to check "
    "revocation for the certificate.)",
    # Japanese Windows: the code carries it
    "curl: (35) schannel: next InitializeSecurityContext failed: Unknown error (0x80092012) - "
    "失効の関数は証明書の失効を確認 できませんでした。",
    # newer curl names the code
    "curl: (35) schannel: next InitializeSecurityContext failed: CRYPT_E_NO_REVOCATION_CHECK "
    "(0x80092012) - The revocation function was unable to check revocation for the "
    "certificate.",
    # Python's OSError / Rust's io::Error print the HRESULT as a signed number
    "[WinError -2146885614] The revocation function was unable to check revocation for the "
    "certificate",
]


@pytest.mark.parametrize("text", _NO_CHECK)
def test_no_revocation_check_ranks_interception_first_below_0_6(text: str) -> None:
    got, (cause, conf) = causes_and_top(text)
    assert cause == "tls_interception_mitm" and conf < 0.6, got
    assert "middlebox_or_firewall_interference" in got


@pytest.mark.parametrize("text", [
    "fatal: unable to access 'https://github.com/a/b.git/': schannel: next "
    "InitializeSecurityContext failed: Unknown error (0x80092013) - The revocation function "
    "was unable to check revocation because the revocation server was offline.",
    "next InitializeSecurityContext failed: Unknown error (0x80092013)",
])
def test_revocation_offline_keeps_the_network_first(text: str) -> None:
    assert top(text)[0] == "middlebox_or_firewall_interference"


# --- OBS Studio's librtmp (obs-studio plugins/obs-outputs/librtmp/rtmp.c) ------------------

@pytest.mark.parametrize(("text", "cause", "confident"), [
    ("[rtmp stream: 'adv_stream'] Connecting to RTMP URL rtmps://rtmp-api.facebook.com:443/"
     "rtmp/...\n10:21:28 AM.021: RTMP_Connect1, no SSL/TLS support\n10:21:28 AM.021: [rtmp "
     "stream: 'adv_stream'] Connection to rtmps://rtmp-api.facebook.com:443/rtmp/ failed: -2",
     "client_misconfiguration", True),
    ("14:02:11.337: RTMP_TLS_LoadCerts: Failed to load root certificate chains, RTMPS "
     "connections will likely fail", "client_misconfiguration", True),
    ("14:02:11.336: mbedtls_x509_crt_parse_path: Couldn't parse /etc/ssl/certs\n14:02:11.337: "
     "RTMP_TLS_LoadCerts: Failed to load root certificate chains, RTMPS connections will "
     "likely fail", "client_misconfiguration", True),
    ("mbedtls_x509_crt_parse_file: Couldn't parse /etc/ssl/cert.pem",
     "client_misconfiguration", True),
])
def test_librtmp_forms(text: str, cause: str, confident: bool) -> None:
    got, conf = top(text)
    assert got == cause and (conf >= 0.6) == confident


@pytest.mark.parametrize("text", [
    "## Known Limitations\n- No SSL/TLS support\n- Single-threaded",
    "PLPlayerErrorRTMPErrorNoSSLOrTLSSupport = -1201, // \"No SSL/TLS support\"",
])
def test_librtmp_look_alikes(text: str) -> None:
    assert top(text)[0] != "client_misconfiguration"


# --- Greenbone/OpenVAS's TLS findings (Greenbone community feed VTs) ------------------------

@pytest.mark.parametrize(("text", "cause"), [
    ("TLSv1.1 Protocol  is enabled on port 9392 \n\n> Insight\n> The TLSv1.0 and TLSv1.1 "
     "protocols containing known\n> cryptographic flaws like:\n\nNVT: SSL/TLS: Deprecated "
     "TLSv1.0 and TLSv1.1 Protocol Detection (ID: 1.3.6.1.4.1.25623.1.0.117274)",
     "obsolete_protocol_enabled"),
    ("In addition to TLSv1.2+ the service is also providing the deprecated TLSv1.1 protocol "
     "and supports one or more ciphers.", "obsolete_protocol_enabled"),
    ("The service is only providing the deprecated TLSv1.0 and TLSv1.1 protocols and supports "
     "one or more ciphers.", "obsolete_protocol_enabled"),
    ("In addition to TLSv1.0+ the service is also providing the deprecated SSLv3 protocol and "
     "supports one or more ciphers.", "obsolete_protocol_enabled"),
    ("SSL/TLS: Deprecated SSLv2 and SSLv3 Protocol Detection", "obsolete_protocol_enabled"),
    ("'Weak' cipher suites accepted by this service via the TLSv1.2 protocol:\n\n"
     "TLS_RSA_WITH_3DES_EDE_CBC_SHA\n", "weak_cipher_or_no_pfs"),
    ("'Vulnerable' cipher suites accepted by this service via the TLSv1.0 protocol:\n\n"
     "TLS_RSA_WITH_3DES_EDE_CBC_SHA\n", "weak_cipher_or_no_pfs"),
    ("443/tcp  Medium  SSL/TLS: Report Vulnerable Cipher Suites for HTTPS",
     "weak_cipher_or_no_pfs"),
    ("SSL/TLS: Report Weak Cipher Suites", "weak_cipher_or_no_pfs"),
])
def test_openvas_findings(text: str, cause: str) -> None:
    assert top(text)[0] == cause


@pytest.mark.parametrize("text", [
    "No 'Weak' cipher suites accepted by this service via the TLSv1.2 protocol.",
    "'Strong' cipher suites accepted by this service via the TLSv1.3 protocol:",
    "SSL/TLS: Report Medium Cipher Suites",
])
def test_openvas_look_alikes(text: str) -> None:
    assert top(text)[0] not in ("weak_cipher_or_no_pfs", "obsolete_protocol_enabled")


# --- aiohttp's connector error around a resolver failure (c-ares, musl) ---------------------

@pytest.mark.parametrize("text", [
    "Cannot connect to host app-api.zonneplan.nl:443 ssl:default [DNS server returned answer "
    "with no data]",
    "Cannot connect to host eu-apia.coolkit.cc:443 ssl:default [Try again]",
    "aiohttp.client_exceptions.ClientConnectorError: Cannot connect to host api.example.com:443 "
    "ssl:default [Name does not resolve]",
    "Cannot connect to host api.example.com:443 ssl:<ssl.SSLContext object at 0x7f> [Could not "
    "contact DNS servers]",
    "Cannot connect to host api.example.com:443 ssl:default [DNS lookup failed]",
    # the caller's own SSLContext, printed as its repr (aiohttp formats self.ssl as it is)
    "Cannot connect to host api.example.com:443 ssl:<ssl.SSLContext object at 0x7f5e8a3b1c40> "
    "[Name does not resolve]",
    "Cannot connect to host api.example.com:443 ssl:default [Timeout while contacting DNS "
    "servers]",
    "aiodns.error.DNSError: (1, 'DNS server returned answer with no data')",
])
def test_resolver_failures_read_as_name_resolution(text: str) -> None:
    assert top(text)[0] == "name_resolution_or_unreachable"


def test_a_certificate_reason_beside_a_lookup_failure_stays_first() -> None:
    text = ("Failed to get stats: Cannot connect to host nas.home:443 ssl:True "
            "[SSLCertVerificationError: (1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify "
            "failed: self-signed certificate (_ssl.c:1028)')]\nFailed to get stats: Cannot "
            "connect to host nas:443 ssl:default [DNS server returned answer with no data]")
    assert top(text)[0] == "cert_self_signed"


@pytest.mark.parametrize("text", [
    "upload failed [Try again]",
    "Resource temporarily unavailable. Try again later.",
])
def test_musl_words_outside_aiohttp_are_not_dns(text: str) -> None:
    assert top(text)[0] != "name_resolution_or_unreachable"


# --- blockcheck's HTTPS test (ValdikSS/blockcheck blockcheck.py) ----------------------------

@pytest.mark.parametrize("text", [
    "[O] Тестируем HTTPS\n\tОткрываем https://e621.net/\n[✓] Сайт открывается\n\tОткрываем "
    "https://2chru.net/\n[☠] Сертификат подменяется\n\n[!] Результат:\n[⚠] Ваш провайдер лезет "
    "в HTTPS.",
    "[⚠] Ваш провайдер подменяет HTTPS-сертификат на свой для сайтов из реестра.",
])
def test_blockcheck_substitution_is_a_ranking(text: str) -> None:
    got, (cause, conf) = causes_and_top(text)
    assert cause == "tls_interception_mitm" and conf < 0.6
    assert "cert_expired" in got


def test_blockcheck_other_lines_are_not_a_certificate_reading() -> None:
    assert top("[O] Тестируем HTTPS\n\tОткрываем https://e621.net/\n[✓] Сайт открывается")[0] \
        != "tls_interception_mitm"


# --- hs-tls: the alert the server answered the ClientHello with -----------------------------

@pytest.mark.parametrize(("text", "cause"), [
    ('tls-simpleclient: HandshakeFailed (Error_Protocol ("expecting server hello, got alert : '
     '[(AlertLevel_Fatal,HandshakeFailure)]",True,HandshakeFailure))', "cipher_suite_mismatch"),
    ('HandshakeFailed (Error_Protocol ("expecting server hello, got alert : [(AlertLevel_Fatal,'
     'ProtocolVersion)]",True,HandshakeFailure))', "protocol_version_mismatch"),
    ('TlsExceptionHostPort (HandshakeFailed (Error_Protocol "expecting server hello, got alert '
     ': [(AlertLevel_Fatal,UnrecognizedName)]" HandshakeFailure)) "example.com" 443',
     "sni_required_or_mismatch"),
])
def test_hs_tls_got_alert_reads_the_alert(text: str, cause: str) -> None:
    assert top(text)[0] == cause


def test_hs_tls_got_alert_without_the_alert_keeps_the_text_reading() -> None:
    text = ('HandshakeFailed (Error_Protocol ("expecting server hello, got alert : []",True,'
            'HandshakeFailure))')
    assert top(text)[0] == "middlebox_or_firewall_interference"


# --- curl on Schannel: SEC_E_CONTEXT_EXPIRED on a read (curl lib/vtls/schannel.c) -----------

@pytest.mark.parametrize("text", [
    '> cn <- CNode("PROD")\nError in curl::curl_fetch_memory(url, handle = handle) : \n  Failure '
    "when receiving data from the peer [cn.dataone.org]:\nschannel: failed to read data from "
    "server: SEC_E_CONTEXT_EXPIRED (0x80090317) - The context has expired and can no longer "
    "be used.",
    "* schannel: failed to read data from server: SEC_E_CONTEXT_EXPIRED (0x80090317) - The "
    "context has expired and can no longer be used.\ncurl: (56) Failure when receiving data "
    "from the peer",
    "* schannel: failed to read data from server: Unknown error (0x80090317) - The context has "
    "expired and can no longer be used.",
])
def test_schannel_context_expired_on_read_is_the_clients_stack(text: str) -> None:
    cause, conf = top(text)
    assert cause == "client_misconfiguration" and conf < 0.6


def test_context_expired_outside_curls_read_is_not_this_row() -> None:
    text = "SSPI: InitializeSecurityContext failed: SEC_E_CONTEXT_EXPIRED (Negotiate)"
    assert all(not m.startswith("curl.r26b") for m in _ids(text))


# --- grpcurl's dial deadline (fullstorydev/grpcurl cmd/grpcurl/grpcurl.go, BlockingDial) ----

def test_grpcurl_deadline_is_a_ranking() -> None:
    text = 'Failed to dial target host "localhost:50051": context deadline exceeded'
    got, (cause, conf) = causes_and_top(text)
    assert cause == "name_resolution_or_unreachable" and conf < 0.6
    assert "client_cert_required" in got


@pytest.mark.parametrize(("text", "cause"), [
    # a client-side handshake error is printed and read as itself
    ('Failed to dial target host "localhost:50051": tls: first record does not look like a TLS '
     'handshake', "non_tls_service_on_port"),
    ('Failed to dial target host "api.example.com:443": x509: certificate signed by unknown '
     'authority', "cert_untrusted_root"),
])
def test_grpcurl_dial_errors_with_a_reason_keep_it(text: str, cause: str) -> None:
    assert top(text)[0] == cause
    assert all(not m.startswith("grpcurl.r26b") for m in _ids(text))


# --- JSSE's SimpleValidator: "Certificate chaining error" -----------------------------------

@pytest.mark.parametrize("text", [
    "ERROR - AsyncCallback javax.net.ssl.SSLHandshakeException: Certificate chaining error\n"
    "io.netty.handler.codec.DecoderException: javax.net.ssl.SSLHandshakeException: Certificate "
    "chaining error",
    "Caused by: sun.security.validator.ValidatorException: Certificate chaining error",
    "java.security.cert.CertificateException: Certificate chaining error",
])
def test_certificate_chaining_error_ranks_the_chain_order_first(text: str) -> None:
    got, (cause, conf) = causes_and_top(text)
    assert cause == "bad_chain_order_or_extra" and conf < 0.6
    assert "cert_untrusted_root" in got


def test_the_constant_in_source_is_not_an_error() -> None:
    text = 'public static final Object T_NAME_CHAINING = "Certificate chaining error";'
    assert all(not m.startswith("java.r26b") for m in _ids(text))
