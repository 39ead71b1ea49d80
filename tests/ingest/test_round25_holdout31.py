"""Round 25: holdout31's classes, each asserted on the printing program's own wording (not a
thread's text), with a twin without the cue that must not flip.

A. OPC UA's certificate status codes, by name or by number beside "certificate"
   (OPCFoundation/UA-Nodeset @ a2d4ae8b Schema/StatusCode.csv). Before: no finding.
B. JSSE's server-side "null cert chain" (JDK 6-8, JetBrains/jdk8u_jdk @ 94318f91
   sun/security/ssl/ServerHandshaker.java clientCertificate): client authentication required
   and the client sent no certificate. Before: a cipher mismatch at 0.30.
C. libcurl's result 60 as a number in a libcurl user's log (curl/curl @ 5c61e168
   include/curl/curl.h CURLE_PEER_FAILED_VERIFICATION): read as curl's own "curl: (60)".
   Before: no finding.
D. Home Assistant's log detail links the integration's documentation under a translated label
   (home-assistant/frontend @ 85b2ca37 src/panels/config/logs/dialog-system-log-detail.ts):
   that link is not the server. Before: github.com read as the server, interception at 0.55.
"""

from __future__ import annotations

import pytest
from ranked import causes as _causes
from ranked import causes_and_top as _causes_and_top
from ranked import top as _top


# A.
@pytest.mark.parametrize(("text", "want"), [
    ("ServiceResultException: BadCertificateUntrusted", "cert_untrusted_root"),
    ("Certificate validation failed (0x801A0000)", "cert_untrusted_root"),
    ("Reason=BadCertificateUseNotAllowed 'The certificate may not be used for the requested "
     "operation.'", "cert_wrong_purpose"),
    ("StatusCode: BadCertificateHostNameInvalid", "hostname_mismatch"),
    ("Error received from remote host: BadCertificateRevoked", "cert_revoked"),
    ("BadCertificateTimeInvalid 'The certificate has expired or is not yet valid.'",
     "cert_expired"),
    ("BadCertificateChainIncomplete 'The certificate chain is incomplete.'", "incomplete_chain"),
])
def test_a_opcua_status_codes(text: str, want: str) -> None:
    assert _top(text)[0] == want, _causes(text)


def test_a_opcua_untrusted_is_a_ranking_with_self_signed() -> None:
    text = "ServiceResultException: BadCertificateUntrusted"
    causes, (_, conf) = _causes_and_top(text)
    assert conf < 0.6 and "cert_self_signed" in causes


@pytest.mark.parametrize("text", [
    "Windows enrollment failed with error 0x801A0000",  # a number, no certificate named
    "ServiceResultException: BadNodeIdUnknown",        # another OPC UA status
])
def test_a_twin_without_a_certificate_status_is_not_read(text: str) -> None:
    assert _top(text)[0] not in {"cert_untrusted_root", "cert_wrong_purpose"}, _causes(text)


# B.
def test_b_jsse_null_cert_chain_is_a_missing_client_certificate() -> None:
    text = ("javax.net.ssl.SSLHandshakeException: null cert chain\n"
            "\tat sun.security.ssl.Handshaker.checkThrown(Handshaker.java:1478)")
    assert _top(text)[0] == "client_cert_required", _causes(text)


def test_b_twin_handshake_exception_alone_is_not_client_auth() -> None:
    text = ("javax.net.ssl.SSLHandshakeException: Remote host closed connection during "
            "handshake")
    assert _top(text)[0] != "client_cert_required", _causes(text)


# C.
@pytest.mark.parametrize("text", [
    "ERROR: Curl error code 60",
    "fetch failed: curl error (60)",
    "cURL error 60",
])
def test_c_libcurl_result_60_as_a_number(text: str) -> None:
    cause, conf = _top(text)
    assert cause == "cert_untrusted_root" and conf < 0.6, _causes(text)


@pytest.mark.parametrize("text", ["ERROR: Curl error code 6", "curl error 600 on job 3"])
def test_c_twin_other_numbers_are_not_verification(text: str) -> None:
    assert _top(text)[0] != "cert_untrusted_root", _causes(text)


# D.
_HA = ("Logger: custom.api\n"
       "Integration: demo ([{label}](https://github.com/someone/demo-integration), "
       "[issues](https://github.com/someone/demo-integration/issues))\n\n"
       "Cannot connect to host nas.home:443 ssl:True [SSLCertVerificationError: (1, "
       "'[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate "
       "(_ssl.c:1028)')]")


@pytest.mark.parametrize("label", ["documentation", "documentación", "Dokumentation",
                                   "documentação"])
def test_d_translated_documentation_link_is_not_the_server(label: str) -> None:
    text = _HA.format(label=label)
    assert _top(text)[0] == "cert_self_signed", _causes(text)


def test_d_twin_a_big_public_server_still_reads_as_re_signed() -> None:
    text = ("Cannot connect to host github.com:443 ssl:True [SSLCertVerificationError: (1, "
            "'[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed "
            "certificate (_ssl.c:1028)')]")
    assert _top(text)[0] == "tls_interception_mitm", _causes(text)
