"""Round 22: classes of misses found when holdout21 was folded into dev.

Each class is read for every program and form that prints it (the strings come from the
programs' own source, as harvested into ingest/patterns/upstream/*.json and l10n.json); each
test here fails on the code before this work, which read them with a confident wrong cause.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tlsdoctor.ingest.patterns as patterns
from tlsdoctor.api import explain

CONFIDENT = 0.6
_DATA = Path(patterns.__file__).parent


def _top(text: str) -> tuple[str, float]:
    return _top_and_ranked(text)[0]


def _ranked(text: str) -> list[str]:
    return [f.cause.value for f in explain(text).findings]


def _top_and_ranked(text: str) -> tuple[tuple[str, float], list[str]]:
    """``_top(text)`` and ``_ranked(text)`` from one explain."""
    found = explain(text).findings
    return (found[0].cause.value, found[0].confidence), [f.cause.value for f in found]


def _upstream(source: str, entry_id: str) -> str:
    entries = json.loads((_DATA / "upstream" / f"{source}.json").read_text())["entries"]
    return next(e["text"] for e in entries if e["id"] == entry_id)


# A. mozilla::pkix's ERROR_OCSP_RESPONSE_FOR_CERT_MISSING: the OCSP response holds no status
# for this certificate (pkixocsp.cpp: no SingleResponse matched its CertID). Firefox shows it
# for a stapled response of another certificate that the responder fetch did not settle
# (NSSCertDBTrustDomain.cpp CheckRevocationByOCSP / HandleOCSPFailure): a re-signing product
# passing the site's staple on, a server's stale staple, a box answering the fetch. It is not
# must-staple (that is REQUIRED_TLS_FEATURE_MISSING), which the old reading claimed at 1.0.
_OCSP_ID = "MOZILLA_PKIX_ERROR_OCSP_RESPONSE_FOR_CERT_MISSING"


def _ocsp_texts() -> list[str]:
    english = _upstream("firefox", _OCSP_ID)
    rows = json.loads((_DATA / "l10n.json").read_text())["entries"]
    translated = [r["text"] for r in rows if r["row"] == f"firefox.up.{_OCSP_ID}.text"]
    assert len(translated) >= 6  # de, fr, es, it, pt_BR, ru at least
    page = ("Secure Connection Failed\n\nAn error occurred during a connection to "
            f"www.example.org. {english}\n\nError code: {_OCSP_ID}")
    return [english, _OCSP_ID, page, *translated]


@pytest.mark.parametrize("text", _ocsp_texts())
def test_an_ocsp_response_for_another_certificate_is_not_must_staple(text: str) -> None:
    (cause, confidence), ranked = _top_and_ranked(text)
    assert cause != "ocsp_must_staple_missing", (cause, confidence)
    assert confidence < CONFIDENT
    assert {"tls_interception_mitm", "server_misconfiguration"} <= set(ranked[:3])


def test_must_staple_itself_is_still_read() -> None:
    text = _upstream("firefox", "MOZILLA_PKIX_ERROR_REQUIRED_TLS_FEATURE_MISSING")
    assert _top(text)[0] == "ocsp_must_staple_missing"
    assert _top("MOZILLA_PKIX_ERROR_REQUIRED_TLS_FEATURE_MISSING")[0] == "ocsp_must_staple_missing"


# B. curl's Secure Transport back end prints "SSL peer handshake failed, the server most
# likely requires a client certificate to connect" for every errSSLPeerHandshakeFail (-9824,
# a handshake_failure alert received; curl-7_88_1 lib/vtls/sectransp.c, curl_darwinssl.c in
# 7_40_0): curl's guess, not a finding. It reads as Apple's -9824 does, and a client
# certificate in the text's context (--cert) still puts the client certificate first.
_CURL_ST = _upstream("curl", "SSL peer handshake failed, the server most likely requires a "
                             "client certificate to connect")


@pytest.mark.parametrize("text", [
    f"curl: (35) {_CURL_ST}",
    f"* {_CURL_ST}\n* Closing connection 0\ncurl: (35) {_CURL_ST}",
    f"cURL error 35: {_CURL_ST}",
    _CURL_ST,
])
def test_curls_secure_transport_guess_is_a_refusal_not_a_client_certificate(text: str) -> None:
    cause, confidence = _top(text)
    assert confidence < CONFIDENT, (cause, confidence)
    assert cause != "client_cert_required"
    assert _top("SSL handshake failed: errSSLPeerHandshakeFail (-9824)")[0] == cause


def test_curls_guess_with_a_client_certificate_set_up_names_it() -> None:
    text = f"$ curl --cert client.pem --key client.key https://api.example.org/\ncurl: (35) {_CURL_ST}"
    cause, confidence = _top(text)
    assert cause == "client_cert_required" and confidence < CONFIDENT


# C. OpenSSL's server-side "no shared cipher": the server chooses among the suites usable at
# the version already agreed (ssl3_choose_cipher, OpenSSL_1_0_2u ssl/s3_lib.c "Skip TLS v1.2
# only ciphersuites if not supported"), so a client below TLS 1.2 against a TLS 1.2-only
# suite list gets it too, as does a server without a usable certificate. The suites first,
# the version second, neither sure (was 0.9 "the versions overlap").
_OSSL_REASON = _upstream("openssl", "SSL_R_NO_SHARED_CIPHER")


@pytest.mark.parametrize("text", [
    f"SSL_accept: 1408A0C1: error:1408A0C1:SSL routines:SSL3_GET_CLIENT_HELLO:{_OSSL_REASON}",
    f"error:1417A0C1:SSL routines:tls_post_process_client_hello:{_OSSL_REASON}",
    f"40A7B2E1C17F0000:error:0A0000C1:SSL routines:tls_post_process_client_hello:"
    f"{_OSSL_REASON}:ssl/statem/statem_srvr.c:2220:",
    f"ssl.SSLError: [SSL: NO_SHARED_CIPHER] {_OSSL_REASON} (_ssl.c:1131)",
])
def test_no_shared_cipher_names_the_suites_and_the_version_below_certainty(text: str) -> None:
    (cause, confidence), ranked = _top_and_ranked(text)
    assert cause == "cipher_suite_mismatch" and confidence < CONFIDENT, (cause, confidence)
    assert "protocol_version_mismatch" in ranked[:3]


# D. ingress-nginx's check of a TLS secret (internal/net/ssl/ssl.go CreateSSLCert @
# ca3f2561a70c): Go's tls.X509KeyPair compares the key with the first certificate of tls.crt
# only, so another key or a chain pasted intermediate first (its docs/user-guide/tls.md) both
# print it; the server's secret either way. Unread before (no finding at all).
_INGRESS = "certificate and private key does not have a matching public key"


@pytest.mark.parametrize("text", [
    f"Error obtaining X.509 certificate: unexpected error creating SSL Cert: {_INGRESS}",
    # the log line its docs quote (the Go error it wraps after the colon)
    f"W1012 09:15:45.920000       6 backend_ssl.go:46] Error obtaining X.509 certificate: "
    f"unexpected error creating SSL Cert: {_INGRESS}: tls: private key does not match public key",
])
def test_ingress_nginx_names_the_secrets_pair_or_its_order(text: str) -> None:
    (cause, _), ranked = _top_and_ranked(text)
    assert cause == "server_misconfiguration"
    assert "bad_chain_order_or_extra" in ranked[:3]
