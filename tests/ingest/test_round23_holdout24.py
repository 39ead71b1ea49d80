"""Round 23, holdout24's classes (docs/explain-upstream.md, "Round 23: holdout24's classes").
Text only: each text is built from the program's own format string (the source named beside
each class) with values such a run prints.

A. curl's Schannel back end prints "schannel: SNI or certificate check failed: %s" only for
   SEC_E_WRONG_PRINCIPAL (curl lib/vtls/schannel.c @ 5c61e168698a): the certificate's names
   did not match the target name. Before: SNI at 1.0 (the common "SNI" word rule).
B. GnuTLS's "The certificate chain uses expired certificate" (GNUTLS_CERT_EXPIRED) names no
   certificate: the server's leaf, or an expired root an old client store still builds to
   (GnuTLS NEWS 3.6.14, #1008). Before: an expired certificate at 0.85.
C. mod_ssl's AH02039/AH02276 "Certificate Verification: Error (%d): %s" carries
   X509_verify_cert_error_string(errnum) (httpd modules/ssl/ssl_engine_kernel.c): 26
   "unsuitable certificate purpose" is a client certificate without the client purpose.
   Before: a client certificate required at 1.0.
D. Go's "x509: certificate is valid for <a front end's default certificate>, not <host name>"
   (crypto/x509/verify.go): Go sent that host name as SNI (crypto/tls hostnameInSNI skips
   only IPs), so the front end lacks a certificate or route for it. Before: SNI first, 0.5.
"""

from __future__ import annotations

import pytest
from ranked import top as _top

from tlsdoctor.api import explain

_PRINCIPAL = "SEC_E_WRONG_PRINCIPAL (0x80090322) - The target principal name is incorrect."


@pytest.mark.parametrize("text", [
    f"curl: (60) schannel: SNI or certificate check failed: {_PRINCIPAL}",
    f"* schannel: SNI or certificate check failed: {_PRINCIPAL}",
    "fatal: unable to access 'https://git.example.org/r.git/': schannel: SNI or certificate "
    f"check failed: {_PRINCIPAL}",
])
def test_curl_schannels_wrong_principal_is_the_name_check(text: str) -> None:
    assert _top(text)[0] == "hostname_mismatch"


def test_curl_schannels_sentence_keeps_sni_as_a_second_reading() -> None:
    r = explain(f"curl: (60) schannel: SNI or certificate check failed: {_PRINCIPAL}")
    causes = {f.cause.value: f.confidence for f in r.findings}
    assert 0 < causes["sni_required_or_mismatch"] < 0.6


_GNUTLS_EXPIRED = "The certificate chain uses expired certificate."


@pytest.mark.parametrize("text", [
    "Err:2 https://repo.example.org stable Release\n  Certificate verification failed: The "
    f"certificate is NOT trusted. {_GNUTLS_EXPIRED}  Could not handshake: Error in the "
    "certificate verification. [IP: 192.0.2.7 443]",
    f"- Status: The certificate is NOT trusted. {_GNUTLS_EXPIRED}\n*** PKI verification of "
    "server certificate failed...\n*** Fatal error: Error in the certificate verification.",
])
def test_gnutls_expired_chain_is_a_ranking_with_the_clients_store(text: str) -> None:
    r = explain(text)
    causes = {f.cause.value: f.confidence for f in r.findings}
    assert r.findings[0].cause.value == "cert_expired" and r.findings[0].confidence < 0.6
    assert causes["client_misconfiguration"] >= 0.25


@pytest.mark.parametrize("prefix", [
    "[Mon Jan 06 10:00:00.123456 2025] [ssl:error] [pid 4242] [client 192.0.2.9:51234] AH02039: ",
    "[ssl:info] [pid 17] [client 192.0.2.9:443] AH02276: ",
])
def test_mod_ssl_purpose_reason_is_the_wrong_purpose(prefix: str) -> None:
    cause, conf = _top(prefix + "Certificate Verification: Error (26): unsuitable certificate "
                       "purpose")
    assert (cause, conf) == ("cert_wrong_purpose", 0.8)


def test_mod_ssl_other_reasons_keep_the_client_certificate() -> None:
    text = ("[ssl:error] [pid 4242] AH02039: Certificate Verification: Error (20): unable to "
            "get local issuer certificate")
    assert _top(text)[0] == "client_cert_required"


_TRAEFIK = "3d676990e6b3fd8abc3faab7dfe39d80.754e6f4e02a7e665a18f7b4f3ab7bd6c.traefik.default"


@pytest.mark.parametrize("text", [
    f'Get "https://app.example.org/": x509: certificate is valid for {_TRAEFIK}, not '
    "app.example.org",
    "Error response from daemon: Get https://registry.example.org/v2/: x509: certificate is "
    "valid for ingress.local, not registry.example.org",
    'tls: failed to verify certificate: x509: certificate is valid for ingress.local, not '
    "grafana.example.org",
])
def test_go_with_a_host_name_sent_it_so_the_default_certificate_is_the_front_end(
        text: str) -> None:
    assert _top(text) == ("hostname_mismatch", 0.45)


def test_go_to_an_ip_sent_no_name_so_sni_stays_first() -> None:
    text = "x509: certificate is valid for ingress.local, not 10.0.0.5"
    assert _top(text)[0] == "sni_required_or_mismatch"
