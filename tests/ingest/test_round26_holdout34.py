"""Round 26: holdout34's and holdout35's classes, each from the program's own source, fed the
way the program prints it, with its siblings from the same source and look-alikes that must
not match.
"""

from __future__ import annotations

import pytest
from ranked import causes, top

from tlsdoctor.api import explain


def _ids(text: str) -> list[str]:
    return [m.pattern_id for m in explain(text).matches]


# --- a weak key or signature named beside an inspecting proxy's issuer name ----------------

_CHROME_PAGE = ("NET::ERR_CERT_WEAK_KEY\nSubject: www.example.org\n\nIssuer: mitmproxy\n\n"
                "Expires on: Nov 2, 2021\n\nCurrent date: Nov 3, 2019")


@pytest.mark.parametrize("text", [
    _CHROME_PAGE,
    _CHROME_PAGE.replace("ERR_CERT_WEAK_KEY", "ERR_CERT_WEAK_SIGNATURE_ALGORITHM"),
    "NET::ERR_CERT_WEAK_KEY",
    "verify error:num=66:EE certificate key too weak\ndepth=1 O = Fortinet, CN = FortiGate CA",
    "verify error:num=68:CA signature digest algorithm too weak\nissuer=CN=Zscaler Root CA",
])
def test_weak_key_outranks_the_issuers_name(text: str) -> None:
    assert top(text) == ("weak_signature_or_key", 1.0)


def test_the_issuers_name_alone_still_reads_interception() -> None:
    text = "NET::ERR_CERT_AUTHORITY_INVALID\nSubject: www.example.org\n\nIssuer: mitmproxy"
    assert top(text)[0] == "tls_interception_mitm"


@pytest.mark.parametrize("text", [
    "ERR_CERT_WEAKLY_SIGNED",  # no such net error
    "the key too weak to matter",
    "EE certificate key is fine",
])
def test_weak_key_look_alikes_do_not_match(text: str) -> None:
    assert not any(i.startswith(("chrome.r26d", "openssl.r26d")) for i in _ids(text))


# --- OpenSSL's strict key-identifier checks (x509_vfy.c check_extensions) -----------------

@pytest.mark.parametrize("words", [
    "Missing Authority Key Identifier",
    "Missing Subject Key Identifier",
    "Authority Key Identifier marked critical",
    "Subject Key Identifier marked critical",
])
def test_key_identifier_profile_is_a_ranking(words: str) -> None:
    text = ("urllib3.exceptions.SSLError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify "
            f"failed: {words} (_ssl.c:1032)")
    cause, conf = top(text)
    assert cause == "cert_wrong_purpose" and conf < 0.6
    got = causes(text)
    assert got.get("tls_interception_mitm", 0) > 0
    assert "weak_signature_or_key" not in got


def test_other_strict_checks_keep_their_reading() -> None:
    text = ("ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify "
            "failed: CA cert does not include key usage extension (_ssl.c:1028)")
    assert top(text)[0] == "cert_wrong_purpose"


# --- urllib3's (and a bare) ProxyError around a TLS error ---------------------------------

@pytest.mark.parametrize("text", [
    "ProxyError('NetLibError(\"SSL handshake error: Error([(\\'SSL routines\\', "
    "\\'SSL23_GET_SERVER_HELLO\\', \\'tlsv1 alert internal error\\')],)\",)',)",
    "requests.exceptions.ProxyError: HTTPSConnectionPool(host='example.org', port=443): Max "
    "retries exceeded with url: / (Caused by ProxyError('Unable to connect to proxy', "
    "OSError('Tunnel connection failed: 403 Forbidden')))",
])
def test_proxy_error_is_a_ranking(text: str) -> None:
    assert top(text)[1] < 0.6
    got = causes(text)
    assert got.get("client_misconfiguration", 0) > 0


# --- urllib3's "Unable to connect to proxy" with the quote a forum made typographic --------

_PROXY_TLS = ("ProxyError: ('Unable to connect to proxy', SSLError(SSLZeroReturnError(6, "
              "'TLS/SSL connection has been closed (EOF) (_ssl.c:1131)')))")


@pytest.mark.parametrize("text", [_PROXY_TLS, _PROXY_TLS.replace("'", "\u2019")])
def test_tls_to_the_proxy_reads_the_same_with_smart_quotes(text: str) -> None:
    assert top(text)[0] == "client_misconfiguration"
