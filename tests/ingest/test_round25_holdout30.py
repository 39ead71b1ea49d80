"""Round 25: holdout30's classes, each asserted on the printing program's own wording (not a
thread's text), with a twin without the cue that must not flip.

A. .NET's X509ChainStatusFlags.NotTimeValid: set for OpenSSL's not-yet-valid, expired and
   unreadable-date codes alike, against the runtime's own verification time (dotnet/runtime
   @ 14337607 OpenSslX509ChainProcessor.cs MapVerifyErrorToChainStatus): a ranking, not a
   certainty. Before: an expired certificate at 0.70 (confidently wrong).
B. .NET's net_ssl_io_frame "The handshake failed due to an unexpected packet format": the
   reply's first bytes could not be framed (microsoft/referencesource @ 08b84d13
   _SslState.cs DetectFraming): a ranking. Before: a non-TLS port at 0.80.
C. webpki's CaUsedAsEndEntity (rustls/webpki @ 1bff41a4 src/verify_cert.rs): the leaf is a CA
   certificate. Before: an untrusted root.
D. pjlib's verification strings (pjsip/pjproject @ b7317ffc pjlib/src/pj/ssl_sock_common.c).
   Before: no finding.
E. Stripe's "no longer supports API requests made with TLS 1.0" (stripe/stripe-php @ 0498d20d
   README.md). Before: no finding.
F. JSSE's "No negotiable cipher suite" (openjdk/jdk @ dc3c7b48 ClientHello.java): thrown by
   the client before any hello. Before: a cipher mismatch.
G. JSSE's "subject/issuer name chaining check failed" (openjdk/jdk @ 03790aa9
   BasicChecker.java): a wrong or misordered intermediate. Before: an expired certificate.
"""

from __future__ import annotations

import pytest
from ranked import causes as _causes
from ranked import causes_and_top as _causes_and_top
from ranked import top as _top

_NET = ("System.Security.Authentication.AuthenticationException: The remote certificate is "
        "invalid because of errors in the certificate chain: {status}")


# A.
def test_a_dotnet_not_time_valid_is_a_ranking() -> None:
    text = _NET.format(status="NotTimeValid")
    causes, (cause, conf) = _causes_and_top(text)
    assert cause == "cert_expired" and conf < 0.6, causes
    assert {"client_clock_wrong", "client_misconfiguration"} <= set(causes)


def test_a_twin_other_chain_status_keeps_its_reading() -> None:
    assert _top(_NET.format(status="PartialChain"))[0] == "incomplete_chain"


# B.
def test_b_dotnet_frame_error_is_a_ranking() -> None:
    text = "System.IO.IOException: The handshake failed due to an unexpected packet format."
    causes, (cause, conf) = _causes_and_top(text)
    assert cause == "non_tls_service_on_port" and conf < 0.6, causes
    assert "protocol_version_mismatch" in causes


def test_b_twin_dotnet_eof_stays_a_close() -> None:
    text = ("System.IO.IOException: Received an unexpected EOF or 0 bytes from the transport "
            "stream.")
    assert _top(text)[0] != "non_tls_service_on_port", _causes(text)


# C.
@pytest.mark.parametrize("text", [
    "invalid peer certificate: Other(OtherError(CaUsedAsEndEntity))",
    "Custom { kind: InvalidData, error: InvalidCertificate(Other(OtherError(CaUsedAsEndEntity)))"
    " }",
])
def test_c_webpki_ca_used_as_end_entity_is_the_certificates_purpose(text: str) -> None:
    got, (top, _) = _causes_and_top(text)
    assert top == "cert_wrong_purpose", got
    assert "cert_self_signed" in got


def test_c_twin_unknown_issuer_stays_untrusted() -> None:
    assert _top("invalid peer certificate: UnknownIssuer")[0] != "cert_wrong_purpose"


# D.
_PJ = "pjsua_app.c  TLS cert verification result of 192.0.2.7:5061 : {msg}"


@pytest.mark.parametrize(("msg", "want"), [
    ("The server identity does not match to any identities specified in the certificate",
     "hostname_mismatch"),
    ("The issuer certificate cannot be found", "incomplete_chain"),
    ("The certificate has expired or not yet valid", "cert_expired"),
    ("The certificate or CA certificate cannot be used for the specified purpose",
     "cert_wrong_purpose"),
    ("The certificate signature is created using a weak hashing algorithm",
     "weak_signature_or_key"),
])
def test_d_pjlib_verification_strings(msg: str, want: str) -> None:
    text = _PJ.format(msg=msg)
    assert _top(text)[0] == want, _causes(text)


def test_d_twin_pjlib_without_a_verification_string_names_no_identity() -> None:
    text = "pjsua_app.c  TLS cert verification result of 192.0.2.7:5061 : OK"
    assert _top(text)[0] != "hostname_mismatch"


# E.
def test_e_an_api_refusing_tls_1_0_is_the_version() -> None:
    text = ("Stripe no longer supports API requests made with TLS 1.0. Please initiate HTTPS "
            "connections with TLS 1.2 or later.")
    assert _top(text)[0] == "protocol_version_mismatch", _causes(text)


def test_e_twin_an_api_key_error_is_not_a_version() -> None:
    text = "Stripe_AuthenticationError: Invalid API Key provided: sk_test_****"
    assert _top(text)[0] != "protocol_version_mismatch"


# F.
def test_f_jsse_no_negotiable_cipher_suite_is_the_clients_configuration() -> None:
    text = "javax.net.ssl.SSLHandshakeException: No negotiable cipher suite"
    got, (top, _) = _causes_and_top(text)
    assert top == "client_misconfiguration", got
    assert "protocol_version_mismatch" in got


def test_f_twin_jsse_no_suites_in_common_stays_a_suite_mismatch() -> None:
    text = "javax.net.ssl.SSLHandshakeException: no cipher suites in common"
    assert _top(text)[0] == "cipher_suite_mismatch", _causes(text)


# G.
def test_g_pkix_name_chaining_is_the_chain() -> None:
    text = ("sun.security.validator.ValidatorException: PKIX path validation failed: "
            "java.security.cert.CertPathValidatorException: subject/issuer name chaining "
            "check failed")
    assert _top(text)[0] == "bad_chain_order_or_extra", _causes(text)


def test_g_twin_pkix_validity_stays_expired() -> None:
    text = ("sun.security.validator.ValidatorException: PKIX path validation failed: "
            "java.security.cert.CertPathValidatorException: validity check failed")
    assert _top(text)[0] != "bad_chain_order_or_extra", _causes(text)
