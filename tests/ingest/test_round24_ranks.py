"""Round 24: misses of the real-world set whose cause is in the posted words, fixed by class
(docs/explain-upstream.md "Round 24: in-text misses"). Each text is a real program's output
on 127.0.0.1 or built from the program's own format strings (sources in the modules read).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from ranked import top as _top

from tlsdoctor.api import explain
from tlsdoctor.testing.awscrt_client import crt_connect, have_awscrt
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.nassl_client import have_nassl, nassl_handshake
from tlsdoctor.testing.servers import Server, openssl_server

# -- nassl (sslyze's client): a received certificate alert is the server's complaint --------

@pytest.fixture(scope="module")
def mtls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    """An s_server that requires a client certificate from its own CA, and a client
    certificate from another CA beside it (device.pem, device.key)."""
    tmp = tmp_path_factory.mktemp("r24")
    ca, other = CA(name="Round24 Root"), CA(name="Round24 Other Root")
    ca_file = str(ca.write(tmp / "ca.pem"))
    chain, key = ca.issue(["localhost"]).write(tmp, stem="server")
    device = other.issue(["device"], eku=("clientAuth",))
    (tmp / "device.pem").write_bytes(device.cert_pem)
    (tmp / "device.key").write_bytes(device.key_pem)
    with openssl_server(chain, key, protocols=("tls1_2",), verify_ca=ca_file) as srv:
        yield srv, tmp


@pytest.mark.skipif(not have_nassl(), reason="nassl missing (pip install nassl)")
def test_nassl_reading_a_refused_client_certificate_is_the_client_certificate(
        mtls_server: tuple[Server, Path]) -> None:
    srv, tmp = mtls_server
    out = nassl_handshake(srv.port, "localhost", cert=str(tmp / "device.pem"),
                          key=str(tmp / "device.key"))
    assert "nassl._nassl.OpenSSLError" in out and "alert unknown ca" in out, out[-600:]
    assert _top(out)[0] == "client_cert_required", out[-600:]
    # The same OpenSSL line alone says no side: a server's log prints it too, for a client
    # that refused the server's chain. nassl's frames are what say the client printed it.
    bare = out.strip().splitlines()[-1].split("OpenSSLError: ", 1)[1]
    assert _top(bare)[0] != "client_cert_required"


@pytest.mark.skipif(not have_nassl(), reason="nassl missing (pip install nassl)")
def test_nassl_asked_for_a_client_certificate_it_does_not_have(
        mtls_server: tuple[Server, Path]) -> None:
    srv, _ = mtls_server
    out = nassl_handshake(srv.port, "localhost")
    assert "ClientCertificateRequested: Server requested a client certificate" in out, out
    r = explain(out)
    assert r.recognized and r.findings[0].cause.value == "client_cert_required", out[-600:]


# -- s_client's verify lines: the server's certificates came before the refusal ----------

def _s_client_stderr(port: int, ca_file: Path, *extra: str) -> str:
    """s_client's stderr alone, as a post made with its stdout sent to /dev/null shows it."""
    done = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}",
                           "-servername", "localhost", "-verify", "6", "-CAfile", str(ca_file),
                           *extra], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, timeout=30)
    return done.stderr


def test_s_client_refused_after_verifying_the_chain_is_the_client_certificate(
        mtls_server: tuple[Server, Path]) -> None:
    srv, tmp = mtls_server
    err = _s_client_stderr(srv.port, tmp / "ca.pem")
    assert "verify return:1" in err and "alert handshake failure" in err, err
    assert _top(err)[0] == "client_cert_required", err


def test_s_client_refused_at_its_hello_is_not_the_client_certificate(
        mtls_server: tuple[Server, Path]) -> None:
    srv, tmp = mtls_server  # TLS 1.2 only: a TLS 1.3-only client is refused at its hello
    err = _s_client_stderr(srv.port, tmp / "ca.pem", "-tls1_3")
    assert "verify return" not in err and "alert" in err, err
    assert _top(err)[0] != "client_cert_required", err


def test_openssl_10_ssl23_write_close_after_the_chain_is_the_client_certificate() -> None:
    # OpenSSL 1.0.2 s_client: apps/s_cb.c verify_callback's lines, then s23_lib.c:177's
    # SSL_R_SSL_HANDSHAKE_FAILURE (the handshake returned 0: the server closed).
    text = ("verify depth is 6\ndepth=1 C = US, O = Test CA, CN = Test Intermediate\n"
            "verify return:1\ndepth=0 CN = www.example.test\nverify return:1\n"
            "140735326879824:error:140790E5:SSL routines:ssl23_write:ssl handshake failure:"
            "s23_lib.c:177:\n")
    assert _top(text)[0] == "client_cert_required"
    # the same close with no certificate checked: nothing dates it after the ServerHello
    assert _top(text.split("verify depth is 6\n")[0] + text.splitlines()[-1])[0] != (
        "client_cert_required")


def test_s_client_summary_after_the_chain_leaves_an_eof_undated() -> None:
    # With its stdout (print_stuff: "SSL handshake has read %ju bytes ...") the post shows
    # what was agreed and asked: a close after it is not dated by the verify lines.
    text = ("depth=0 CN = localhost\nverify return:1\nCONNECTED(00000003)\n---\n"
            "SSL handshake has read 862 bytes and written 408 bytes\n---\n"
            "40E7B2F8:error:0A000126:SSL routines::unexpected eof while reading:"
            "../ssl/record/rec_layer_s3.c:322:\n")
    assert _top(text)[0] != "client_cert_required"


# -- libacvp: its libcurl refused TLS 1.2 ------------------------------------------------------

# src/acvp_util.c acvp_log_msg's "[%s:%d]: " + src/acvp_transport.c's ACVP_LOG_ERR texts
@pytest.mark.parametrize("line", [
    "[acvp_curl_http_get:198]: Error setting curl option CURLOPT_SSLVERSION, stopping",
    "[acvp_curl_http_post:301]: Error setting curl option CURLOPT_SSL_VERSION, stopping",
])
def test_libacvp_curl_refusing_tls12_is_the_client_build(line: str) -> None:
    r = explain(line)
    assert r.recognized and r.findings[0].cause.value == "client_misconfiguration"


# -- mbedTLS's certificate bundle: no root in the device's bundle ------------------------------

# ESP-IDF's log line (ESP_LOGE: "E (%lu) %s: ", TAG "esp-x509-crt-bundle") and esp-tls's
# handshake error; CircuitPython's LOGE (tag ":" fmt, TAG "x509-crt-bundle") and the OSError
# its ssl module raises with mbedTLS's code and name.
@pytest.mark.parametrize("text", [
    "E (8123) esp-x509-crt-bundle: Failed to verify certificate\n"
    "E (8124) esp-tls-mbedtls: mbedtls_ssl_handshake returned -0x3000\n",
    "x509-crt-bundle:Failed to verify certificate\n"
    "OSError: (-12288, 'MBEDTLS_ERR_X509_FATAL_ERROR')\n",
])
def test_certificate_bundle_without_the_root_is_the_trust(text: str) -> None:
    r = explain(text)
    assert r.findings[0].cause.value == "cert_untrusted_root"
    assert {f.cause.value for f in r.findings[:3]} == {
        "cert_untrusted_root", "client_misconfiguration", "incomplete_chain"}


def test_x509_fatal_error_alone_keeps_mbedtls_reading() -> None:
    # the code alone is any failing verify callback (or a chain too long): not the bundle
    r = explain("OSError: (-12288, 'MBEDTLS_ERR_X509_FATAL_ERROR')")
    assert r.findings[0].cause.value != "cert_untrusted_root"


# -- geteduroam's check of the client certificate it was just issued ------------------------

# internal/network/cert/clientcert.go: errors.New (768f4f7, 2023-09, until 2025-06) and
# fmt.Errorf with the delta (const delta = 5) since, logged by the CLI through slog.
_SLOG = 'time=2025-05-28T13:31:05.175+02:00 level=ERROR msg="Error getting ProviderInfo" error="{}"'


@pytest.mark.parametrize("said", [
    "client certificate is used before the 'Not Before' time",
    "client certificate is used before the 'Not Before' time with a delta of 5 minutes",
])
def test_geteduroam_client_certificate_not_yet_valid_is_this_machine_clock_first(
        said: str) -> None:
    r = explain(_SLOG.format(said))
    assert r.recognized and r.findings[0].cause.value == "client_clock_wrong"
    assert r.findings[1].cause.value == "cert_not_yet_valid"


# -- AWS CRT: a trust or certificate file that is not PEM -----------------------------------

@pytest.fixture(scope="module")
def der_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("r24crt")
    ca = CA(name="Round24 CRT Root")
    device = ca.issue(["device"], eku=("clientAuth",))
    files = {"ca.pem": ca.write(tmp / "ca.pem"), "ca.der": tmp / "ca.der",
             "device.der": tmp / "device.der", "device.key": tmp / "device.key"}
    files["ca.der"].write_bytes(ca.cert.public_bytes(Encoding.DER))
    files["device.der"].write_bytes(device.cert.public_bytes(Encoding.DER))
    files["device.key"].write_bytes(device.key_pem)
    return files


@pytest.mark.skipif(not have_awscrt(), reason="awscrt missing (pip install awscrt)")
@pytest.mark.parametrize("which", ["ca", "cert"])
def test_crt_refusing_a_der_file_is_the_client_configuration(
        der_files: dict[str, Path], which: str) -> None:
    ca = der_files["ca.der" if which == "ca" else "ca.pem"]
    cert = str(der_files["device.der"]) if which == "cert" else None
    key = str(der_files["device.key"]) if which == "cert" else None
    # The context fails before any connection: the port is never dialled.
    run = crt_connect(9, "localhost", str(ca), cert=cert, key=key)
    assert "must contain PEM encoded data" in run.output and not run.connected, run.output
    r = explain(run.output)
    assert r.recognized and r.findings[0].cause.value == "client_misconfiguration", run.output


@pytest.mark.parametrize("said", [
    "static: Invalid CA file. File must contain PEM encoded data",
    "static: Invalid certificate. File must contain PEM encoded data",
    "static: Invalid private key. File must contain PEM encoded data",
])
def test_crt_options_lines_read_with_and_without_the_log_frame(said: str) -> None:
    # awslabs/aws-c-io source/tls_channel_handler.c's AWS_LOGF_ERROR lines, as the CRT's
    # logger prints them and as a wrapper quotes the sentence alone.
    line = f"[ERROR] [2026-12-07T06:52:57Z] [00007f891ca34b80] [tls-handler] - {said}"
    for text in (line, said.removeprefix("static: ")):
        r = explain(text)
        assert r.recognized and r.findings[0].cause.value == "client_misconfiguration", text


# -- QUIC: a TLS alert the peer sent, as quic-go prints its CRYPTO_ERROR --------------------

# internal/qerr/errors.go TransportError.Error(): "%s (%s)" of error_codes.go's
# "CRYPTO_ERROR %#x" (0x100 + the alert, RFC 9001 §4.8) and "remote", then ": " and
# crypto/tls's AlertError text; hysteria 2 wraps it as "connect error: %v".
@pytest.mark.parametrize("code, said, cause", [
    (0x146, "tls: protocol version not supported", "protocol_version_mismatch"),
    (0x170, "tls: unrecognized name", "sni_required_or_mismatch"),
    (0x150, "tls: internal error", None),  # a reading, whichever comes first
])
def test_quic_go_crypto_error_from_the_peer_is_its_alert(
        code: int, said: str, cause: str | None) -> None:
    text = ('FATAL\tfailed to initialize client\t{"error": "connect error: '
            f'CRYPTO_ERROR {code:#x} (remote): {said}"}}')
    r = explain(text)
    assert r.recognized and f"alert {code - 0x100} " in r.meaning, r.meaning
    if cause is not None:
        assert r.findings[0].cause.value == cause


# -- JSSE's SSLv2-format ClientHello refused --------------------------------------------------

# JDK 8 javax.net.debug=all, built from sun/security/ssl's format strings (OutputRecord
# "WRITE: " + version + " " + contentName + ", length = ", its "WRITE: SSLv2 client hello
# message, length = " when SSLv2Hello is on; SSLSocketImpl.recvAlert "RECV " + version +
# " ALERT:  " + "fatal, " + the alert).
_V2 = ("main, WRITE: TLSv1 Handshake, length = 75\n"
       "main, WRITE: SSLv2 client hello message, length = 101\n")


@pytest.mark.parametrize("then", [
    "main, READ: TLSv1 Alert, length = 2\nmain, RECV TLSv1 ALERT:  fatal, handshake_failure\n",
    "main, handling exception: javax.net.ssl.SSLHandshakeException: Remote host closed "
    "connection during handshake\n",
])
def test_jsse_sslv2_format_hello_refused_is_the_version_framing(then: str) -> None:
    r = explain(_V2 + then)
    assert [f.cause.value for f in r.findings[:2]] == ["protocol_version_mismatch",
                                                       "client_misconfiguration"]


def test_jsse_sslv2_format_hello_answered_is_no_failure() -> None:
    r = explain(_V2 + "main, READ: TLSv1 Handshake, length = 81\n*** ServerHello, TLSv1\n")
    assert not r.findings
