"""Round 25: holdout28's in-text classes, each asserted on the printing program's own wording
(not a thread's text), with a twin without the cue that must not flip.

A. OpenSSL's X509_V_ERR_CERT_REVOKED ("certificate revoked", crypto/x509/x509_txt.c) in a
   server's check of a client's certificate: the issuer's revocation, first, whichever side
   presented it; the client's certificate second. Icinga 2's ApiListener
   (Icinga/icinga2 @ 81f7bce39040264a271f020a1e8f2d65a68a1d20 lib/remote/apilistener.cpp:
   "New client connection for identity '<cn>' <conninfo> (certificate validation failed:
   <verifyError>)", lib/base/tlsstream.cpp GetVerifyError: "code <n>: <text>"). Before: a
   client certificate at 1.0 (confidently wrong).
B. A program that could not install its TLS server context's Diffie-Hellman parameters
   (SSL_CTX_set_tmp_dh): ossec-hids src/os_auth/ssl.c @ 7f06fe0d ("Unable to set temporary
   DH parameters"), InspIRCd's m_ssl_openssl ("Couldn't set DH parameters"): the server's own
   setup. Before: no finding.
C. Go's received and sent alerts before alert.String's "tls: " prefix ("remote error:
   handshake failure", golang/go issue 10039's Go; bfenetworks/bfe bfe_tls/alert.go @
   9b326ea7): read as the prefixed form. Before: no finding.
D. Firefox's cert-error-expired-now / cert-error-not-yet-valid-now second sentence alone
   ("The certificate for { $hostname } expired on { $not-after-local-time }.",
   mozilla/mozilla-esr153 @ 44242c0b localization/en-US/toolkit/neterror/certError.ftl): as
   the whole message. Before: no finding.
"""

from __future__ import annotations

import pytest
from ranked import causes as _causes
from ranked import causes_and_top as _causes_and_top
from ranked import top as _top

# A.
_ICINGA = ("[2024-01-02 10:00:00 +0000] information/ApiListener: New client connection for "
           "identity 'agent1.example.org' from [10.0.0.5]:51234 (certificate validation "
           "failed: code {code})")


def test_a_server_checking_a_revoked_client_certificate_names_the_revocation() -> None:
    text = _ICINGA.format(code="23: certificate revoked")
    got, (top, _) = _causes_and_top(text)
    assert top == "cert_revoked", got
    assert "client_cert_required" in got


@pytest.mark.parametrize("code", ["20: unable to get local issuer certificate",
                                  "10: certificate has expired"])
def test_other_failed_client_checks_stay_the_client_certificate(code: str) -> None:
    assert _top(_ICINGA.format(code=code))[0] == "client_cert_required"


# B.
@pytest.mark.parametrize("text", [
    "authd: ERROR: Unable to set temporary DH parameters\nauthd: ERROR: SSL error. Exiting.",
    "m_ssl_openssl.so: Couldn't set DH parameters conf/dhparams.pem. SSL errors follow:",
    "SSLCtxMgr::loadDHParams(): Couldn't set DH parameters because SSL_CTX_set_tmp_dh failed",
])
def test_a_server_that_cannot_set_its_dh_parameters_is_its_own_setup(text: str) -> None:
    assert _top(text)[0] == "server_misconfiguration", _causes(text)


@pytest.mark.parametrize("text", [
    "Generating DH parameters, 2048 bit long safe prime",
    "Reset DH parameters to defaults",
])
def test_dh_parameters_named_without_a_failure_are_nothing(text: str) -> None:
    assert "server_misconfiguration" not in _causes(text)


# C.
@pytest.mark.parametrize("alert", ["handshake failure", "protocol version not supported",
                                   "unknown certificate authority", "bad certificate"])
def test_old_gos_remote_alert_reads_as_the_prefixed_one(alert: str) -> None:
    old = f"Get https://www.example.net/app.js: remote error: {alert}"
    new = f"Get https://www.example.net/app.js: remote error: tls: {alert}"
    assert _causes(old) == _causes(new) != {}


def test_old_gos_handshake_failure_is_the_suites_first_below_certainty() -> None:
    top, conf = _top("2015/02/28 10:00:00 Get https://www.example.net/q.js: remote error: "
                     "handshake failure")
    assert top == "cipher_suite_mismatch" and conf < 0.6


def test_old_gos_sent_alert_reads_as_the_prefixed_one() -> None:
    assert _causes("local error: bad record MAC") == _causes("local error: tls: bad record MAC")


def test_a_remote_error_that_is_no_alert_is_not_a_refusal() -> None:
    assert "cipher_suite_mismatch" not in _causes("rpc error: remote error: handshake timeout")


@pytest.mark.parametrize("text", ["fatal: remote error: access denied",
                                  "rpc error: code = Unknown desc = remote error: internal error"])
def test_plain_english_remote_errors_need_gos_prefix(text: str) -> None:
    tls = text.replace("remote error: ", "remote error: tls: ")
    assert _causes(text) != _causes(tls)


# D.
_FULL = ("Websites prove their identity via certificates, which are valid for a set time "
         "period. ")


@pytest.mark.parametrize("sentence", [
    "The certificate for www.example.org expired on 3/2/2024, 1:00:00 AM.",
    "The certificate for www.example.org will not be valid until 9/1/2030, 1:00:00 AM.",
])
def test_firefoxs_validity_sentence_alone_reads_as_its_message(sentence: str) -> None:
    # The same causes in the same order; the shares may differ, since the whole page is
    # also read by Firefox's own harvested string, whose learned base rate (round 26, from
    # later threads) weighs the clock more.
    alone, page = _causes(sentence), _causes(_FULL + sentence)
    assert list(alone) == list(page) != []


def test_firefoxs_expired_sentence_is_the_expiry() -> None:
    assert _top("The certificate for mirror.example.net expired on 13.07.2020")[0] == \
        "cert_expired"


def test_a_future_expiry_date_is_not_an_expiry() -> None:
    assert "cert_expired" not in _causes("The certificate for www.example.org expires on "
                                         "3/2/2030")
