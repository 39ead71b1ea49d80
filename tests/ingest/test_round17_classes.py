"""Round 17's classes (docs/explain-upstream.md, "Round 17: holdout15 folded in"): found in
holdout15's misses once it was folded into dev, each in this file's own wording with a twin
that must not move. Four were confident and wrong before; none is now."""

from __future__ import annotations

import pytest
from ranked import rounded as _ranked


@pytest.mark.parametrize("text", [
    "tlsv1 alert access denied",
    "received fatal alert: AccessDenied",
    "SSL_ERROR_ACCESS_DENIED_ALERT",
    "errSSLPeerAccessDenied",
])
def test_access_denied_is_a_ranking_with_the_name_asked_second(text: str) -> None:
    """access_denied: a client certificate refused by policy, or a rustls server whose
    certificate resolver holds nothing for the name asked (hs.rs: AccessDenied), or a
    filtering middlebox; whichever stack prints it, the same ranking below 0.6."""
    got = _ranked(text)
    assert got[:2] == [("client_cert_required", 0.45), ("sni_required_or_mismatch", 0.3)]


def test_chromes_revoked_ranks_apples_tls_rules_below_a_revocation() -> None:
    got = _ranked("NET::ERR_CERT_REVOKED")
    assert got[0] == ("cert_revoked", 0.55)
    assert ("cert_wrong_purpose", 0.2) in got
    # twin: NSS's own revoked verdict is not Chrome on macOS
    assert _ranked("SEC_ERROR_REVOKED_CERTIFICATE")[0] == ("cert_revoked", 1.0)


_OWN_CHECK = ("RequestClient(42): certificate verification failed\n"
              "RequestClient(42): Connection to https://app.example failed: BAD_CERTIFICATE")


def test_a_certificate_alert_named_after_its_own_check_is_the_one_it_sent() -> None:
    """The program's own failed check, then the alert's bare name: the alert it sent, not
    the server refusing its certificate (nor OpenSSL's reason name BAD_CERTIFICATE)."""
    got = _ranked(_OWN_CHECK)
    assert got[0][0] == "cert_untrusted_root" and got[0][1] < 0.6
    assert "client_cert_required" not in dict(got)
    # twin: the bare name alone is still the peer's complaint
    assert _ranked(_OWN_CHECK.splitlines()[1])[0] == ("client_cert_required", 0.8)


_BOTH_ENDS = ("send: error 'TLS handshake failed [gnutls error -43: Error in the certificate.]'"
              "\nreceive: error 'TLS handshake failed [gnutls error -54: Error in the pull "
              "function.]'")


def test_a_close_next_to_a_failed_certificate_check_is_its_consequence() -> None:
    got = _ranked(_BOTH_ENDS)
    assert got[0][0] == "cert_untrusted_root"
    assert dict(got).get("middlebox_or_firewall_interference", 0) < 0.6
    # twin: the close alone is still the path first
    assert _ranked(_BOTH_ENDS.splitlines()[1])[0] == ("middlebox_or_firewall_interference", 0.6)


def test_gos_name_mismatch_is_a_chain_that_does_not_link() -> None:
    got = _ranked("tls: failed to verify certificate: x509: issuer name does not match "
                  "subject from issuing certificate")
    assert got[0] == ("bad_chain_order_or_extra", 0.45)
    assert got[1][0] == "incomplete_chain"
