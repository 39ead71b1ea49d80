"""Round 15 audit: more programs' words for "the reply was not TLS" / "the peer closed",
over round 14's contexts and its reasoning (notls_audit_table.expected).

Each wording is its program's own text (sources in ingest/plain_context.py WORDINGS): the
same close or non-TLS reply printed by curl's older OpenSSL back end, its Schannel back end
and Windows strerror, Ruby, CPython's SSLZeroReturnError, JSSE, Conscrypt (Android), mbedTLS,
Apple's SecureTransport codes, and .NET's frame check. Before round 15 a wrapper's generic
"handshake failed" (a suite or version guess at 0.3) or nothing read most of them.
"""

from __future__ import annotations

import pytest
from notls_audit_table import CONFIDENT, CONTEXTS, cell_ok

from tlsdoctor.api import explain

WORDINGS: dict[str, tuple[str, str]] = {  # name -> (kind, text)
    "curl-old-openssl": ("closed", "curl: (35) Unknown SSL protocol error in connection to "
                                   "api.example.com:443"),
    "curl-sectransp-closed": ("closed", "curl: (35) Unknown SSL protocol error in connection "
                                        "to api.example.com:-9806"),
    "curl-schannel": ("closed", "curl: (35) schannel: failed to receive handshake, SSL/TLS "
                                "connection failed"),
    "curl-winsock": ("closed", "fatal: unable to access 'https://example.com/x.git/': OpenSSL "
                               "SSL_connect: Connection was reset in connection to "
                               "example.com:443"),
    "ruby": ("closed", "OpenSSL::SSL::SSLError: SSL_connect SYSCALL returned=5 errno=0 "
                       "state=SSLv3/TLS write client hello"),
    "python-zero": ("closed", "ssl.SSLZeroReturnError: TLS/SSL connection has been closed "
                              "(EOF) (_ssl.c:1131)"),
    "java-peer": ("closed", "javax.net.ssl.SSLHandshakeException: Remote host terminated the "
                            "handshake\nCaused by: java.io.EOFException: SSL peer shut down "
                            "incorrectly"),
    "java-eof-only": ("closed", "java.io.EOFException: SSL peer shut down incorrectly"),
    "conscrypt": ("closed", "javax.net.ssl.SSLHandshakeException: Connection closed by peer"),
    "mbedtls": ("closed", "mbedtls_ssl_handshake returned -0x7280: MBEDTLS_ERR_SSL_CONN_EOF"),
    "apple": ("closed", "Error Domain=NSURLErrorDomain Code=-1200 \"An SSL error has occurred "
                        "and a secure connection to the server cannot be made.\" "
                        "_kCFStreamErrorCodeKey=-9806"),
    "java-reset": ("closed", "Exception in thread \"main\" java.net.SocketException: "
                             "Connection reset"),
    "php-bare": ("closed", "PHP Warning:  file_get_contents(): Failed to enable crypto in "
                           "Command line code on line 1"),
    "dotnet-frame": ("not_tls", "System.Security.Authentication.AuthenticationException: "
                                "Cannot determine the frame size or a corrupted frame was "
                                "received."),
}
CELLS = [(w, c) for w in WORDINGS for c in CONTEXTS]


@pytest.mark.parametrize("wording, context", CELLS)
def test_cell(wording: str, context: str) -> None:
    assert cell_ok(WORDINGS, wording, context)


@pytest.mark.parametrize("wording", sorted(WORDINGS))
def test_bare_wording_is_a_guess_with_its_checks(wording: str) -> None:
    r = explain(WORDINGS[wording][1])
    top = r.findings[0]
    assert r.recognized and top.confidence < CONFIDENT
    assert "env | grep -i proxy" in str(top.facts.get("tell_apart", ""))


def test_secure_transport_protocol_error_is_not_a_close() -> None:
    # -9800 is errSSLProtocol (curl-securetransport-d8a66b02: a server's signature hashes)
    r = explain("curl: (35) Unknown SSL protocol error in connection to app.example.com:-9800")
    assert not str(r.findings[0].facts.get("pattern", "")).startswith("notls.")


def test_audit_size() -> None:
    assert len(CELLS) == 14 * 14


def test_php_with_its_reason_is_not_a_bare_close() -> None:
    text = ("PHP Warning:  file_get_contents(): SSL operation failed with code 1. OpenSSL Error "
            "messages:\nerror:0A000086:SSL routines::certificate verify failed in x.php on line 3"
            "\nPHP Warning:  file_get_contents(): Failed to enable crypto in x.php on line 3")
    r = explain(text)
    assert r.findings[0].cause.value != "middlebox_or_firewall_interference"
    assert not str(r.findings[0].facts.get("pattern", "")).startswith("notls.")
