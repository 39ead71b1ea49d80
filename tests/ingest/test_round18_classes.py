"""Round 18's classes (docs/explain-upstream.md, "Round 18: holdout16 folded in"): found in
holdout16's misses once it was folded into dev, each in this file's own wording with a twin
that must not move. Three were confident and wrong before; none is now."""

from __future__ import annotations

import pytest
from ranked import rounded as _ranked

from tlsdoctor.api import explain

# OkHttp's name check printing the certificate it refused: a leaf Fiddler minted (every
# Fiddler certificate's OU: FiddlerCore's CONFIG.sMakeCertSubjectO).
_MINTED = ("javax.net.ssl.SSLPeerUnverifiedException: Hostname shop.example.org not verified:\n"
           "    certificate: sha256/Qm9ndXNQaW5Gb3JUZXN0c09ubHlOb3RBUmVhbEtleQ==\n"
           "    DN: CN=shop.example.org,O=DO_NOT_TRUST_BC,OU=Created by http://www.fiddler2.com\n"
           "    subjectAltNames: [shop.example.org]")


def test_a_certificate_an_inspection_product_minted_decides_a_name_check() -> None:
    """The name check failed on Fiddler's certificate, so the connection was re-signed:
    the product's names in the printed certificate outrank the name check's words."""
    assert _ranked(_MINTED)[0] == ("tls_interception_mitm", 0.85)


def test_a_vendors_own_host_name_is_not_its_inspection_ca() -> None:
    """Twin: a product's name inside a dotted host name ("*.sophos.com") is the vendor's
    own site; curl's name mismatch stays certain."""
    text = ("* Server certificate:\n*  subject: CN=*.sophos.com\n"
            "*  issuer: C=US; O=DigiCert Inc; CN=DigiCert TLS RSA SHA256 2020 CA1\n"
            "* SSL: no alternative certificate subject name matches target host name "
            "'shop.example.org'")
    assert _ranked(text)[0] == ("hostname_mismatch", 1.0)
    # ...and the product's CA name in an issuer field still is one
    assert _ranked(text.replace("O=DigiCert Inc; CN=DigiCert TLS RSA SHA256 2020 CA1",
                                "O=Sophos; CN=Sophos SSL CA_ABC123"))[0][0] == \
        "tls_interception_mitm"


_FZ = ("Status:\tConnecting to 192.0.2.10:21...\n"
       "Status:\tConnection established, waiting for welcome message...\n"
       "Response:\t220 Welcome\nCommand:\tAUTH TLS\nResponse:\t220 Welcome, again\n"
       "Status:\tInitializing TLS...\n"
       "Error:\tGnuTLS error -15: An unexpected TLS packet was received.\n"
       "Status:\tConnection attempt failed with \"ECONNABORTED - Connection aborted\".\n"
       "Error:\tCould not connect to server")


def test_filezillas_connect_failure_after_a_tls_error_is_that_errors_consequence() -> None:
    """FileZilla's connect operation spans the TLS handshake: its "Connection attempt
    failed with ECONNABORTED" after GnuTLS's error is not an unreachable host."""
    got = _ranked(_FZ)
    assert got[0] == ("non_tls_service_on_port", 0.55)
    assert "name_resolution_or_unreachable" not in dict(got)


def test_implicit_tls_to_ftps_plain_port_is_the_port_but_auth_tls_there_is_not() -> None:
    """Round 24: the plain port (21) names TLS spoken to a plain service only when no
    in-protocol upgrade was sent: FileZilla's implicit FTPS to port 21 (TLS at once) reads
    as the port's service with confidence, while _FZ's AUTH TLS on port 21 is where that
    upgrade belongs (the port says nothing; fails when STARTTLS-style upgrades count)."""
    implicit = ("Status:\tConnecting to 192.0.2.10:21...\n"
                "Status:\tConnection established, initializing TLS...\n"
                "Error:\tGnuTLS error -15: An unexpected TLS packet was received.\n"
                "Error:\tCould not connect to server")
    assert _ranked(implicit)[0] == ("non_tls_service_on_port", 0.8)
    assert _ranked(_FZ)[0][1] < 0.6


@pytest.mark.parametrize(("error", "top"), [
    ("ECONNREFUSED - Connection refused by server", "name_resolution_or_unreachable"),
    ("ETIMEDOUT - Connection attempt timed out", "name_resolution_or_unreachable"),
    ("ECONNRESET - Connection reset by peer", "middlebox_or_firewall_interference"),
    ("ECONNABORTED - Connection aborted", "middlebox_or_firewall_interference"),
])
def test_filezillas_connect_failure_alone_reads_its_socket_error(error: str, top: str) -> None:
    """Twin: the line alone; a refusal or a timeout is still the path or the host, an
    abort or a reset is a connection made and then closed."""
    got = _ranked(f"Status:\tConnection attempt failed with \"{error}\".")
    assert got[0][0] == top and got[0][1] < 0.75


def test_a_received_certificate_expired_alert_ranks_the_servers_own_material_second() -> None:
    """OpenSSL sends certificate_expired for an expired certificate in the chain it checked
    and for its own expired CRL (x509table): the client's certificate first, below 0.6."""
    got = _ranked("requests.exceptions.SSLError: HTTPSConnectionPool(host='grid.example.org', "
                  "port=443): Max retries exceeded with url: /auth (Caused by SSLError(SSLError("
                  "1, '[SSL: SSLV3_ALERT_CERTIFICATE_EXPIRED] sslv3 alert certificate expired "
                  "(_ssl.c:1006)')))")
    assert got[:2] == [("client_cert_required", 0.55), ("cert_expired", 0.3)]
    # twin: the client's own verify result is about the server's certificate, certainly
    got = _ranked("ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate "
                  "verify failed: certificate has expired (_ssl.c:1006)")
    assert got[0][0] == "cert_expired"


@pytest.mark.parametrize("text", [
    "javax.net.ssl.SSLHandshakeException: Pin verification failed",
    "Caused by: java.security.cert.CertificateException: Pin verification failed\n"
    "\tat android.security.net.config.NetworkSecurityTrustManager.checkPins("
    "NetworkSecurityTrustManager.java:148)",
])
def test_androids_pin_check_is_the_apps_pin_set_first(text: str) -> None:
    """Android's network security config checks pins after the chain was trusted: the
    app's pins first, a proxy whose CA the device trusts second, below 0.6; the steps
    compute the server's current pin (no cipher lists)."""
    r = explain(text)
    got = [(f.cause.value, round(f.confidence, 2)) for f in r.findings]
    assert got[:3] == [("client_misconfiguration", 0.45), ("tls_interception_mitm", 0.35),
                       ("server_misconfiguration", 0.2)]
    codes = "\n".join(s.code for f in r.findings for s in f.fix)
    assert "openssl dgst -sha256 -binary" in codes and "ssl_ciphers" not in codes


def test_a_trusted_chain_outside_the_configs_anchors() -> None:
    got = _ranked("java.security.cert.CertificateException: Trusted chain does not end in a "
                  "TrustAnchor")
    assert got[0] == ("client_misconfiguration", 0.55)


def test_pin_words_elsewhere_are_not_androids() -> None:
    """Negatives: a PIN prompt and pin-entry words are no pin failure."""
    for text in ("Enter PIN for 'PIV Card Holder pin'", "pinentry: verification failed: PIN"):
        r = explain(text)
        assert not any(f.facts.get("source") == "android_nsc" for f in r.findings), text


@pytest.mark.parametrize("text", [
    "Cannot connect to host cdn.example.org:443 ssl:default [getaddrinfo failed]",
    "socket.gaierror: [Errno 11001] getaddrinfo failed",
    "System.Net.Http.HttpRequestException: No such host is known. (api.example.org:443)",
])
def test_windows_resolver_words_are_a_name_that_does_not_resolve(text: str) -> None:
    """CPython on Windows says "getaddrinfo failed" for every resolver error, Windows
    Sockets "No such host is known" (WSAHOST_NOT_FOUND): a name that does not resolve."""
    assert _ranked(text)[0] == ("name_resolution_or_unreachable", 1.0)


def test_asyncios_connect_failure_is_the_path_or_the_host_below_certainty() -> None:
    """asyncio's "Connect call failed (addr, port)": refused, unreachable or timed out."""
    got = _ranked("ConnectionRefusedError: [Errno 111] Connect call failed ('192.0.2.7', 8085)")
    assert got[0] == ("name_resolution_or_unreachable", 0.7)
    # twin: a failed TLS check after aiohttp's connect is not a connect failure
    got = _ranked("aiohttp.client_exceptions.ClientConnectorCertificateError: Cannot connect to "
                  "host api.example.org:443 ssl:True [SSLCertVerificationError: (1, '[SSL: "
                  "CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired "
                  "(_ssl.c:1006)')]")
    assert got[0][0] == "cert_expired"


def test_a_redacted_host_in_an_upper_cased_text_keeps_it_one_case() -> None:
    """A logger's upper-casing is read case-blind only while the text is one case; the
    redaction explain reads "***" as must not put lower-case letters back into it (it made
    an Erlang client's own Unknown CA read as a refused client certificate at 1.0)."""
    line = ('{:failed_connect, [{:to_address, {~c"dev.***.de", 443}}, {:inet, [:inet], '
            '{:tls_alert, {:unknown_ca, ~c"TLS client: In state certify at '
            'ssl_handshake.erl:2133 generated CLIENT ALERT: Fatal - Unknown CA\\n"}}}]}')
    lower, upper = _ranked(line), _ranked(line.upper())
    assert upper[0] == lower[0] and upper[0][1] < 0.6, (lower, upper)
