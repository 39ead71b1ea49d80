"""Round 7 classes (real clients on loopback), each in own words of the same shape, with a
twin that must not move (docs/explain-upstream.md, round 7)."""

from __future__ import annotations

from ranked import causes as _causes
from ranked import causes_and_top as _causes_and_top
from ranked import top as _top

from tlsdoctor import explain


def test_nss_classic_time_error_is_not_only_expired() -> None:
    cause, conf = _top("myapp: SSL error -8181 SEC_ERROR_EXPIRED_CERTIFICATE: Peer's "
                       "Certificate has expired.")
    assert cause == "cert_expired" and conf < 0.6
    assert "cert_not_yet_valid" in _causes("SEC_ERROR_EXPIRED_CERTIFICATE")
    # twin: mozilla::pkix's own not-yet-valid code names notBefore alone: the clock ranks
    # first there (judgement/_common.NOT_YET), the certificate second, below certainty
    got, (top, _) = _causes_and_top("MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE")
    assert top == "client_clock_wrong"
    causes = list(got)
    assert causes[:2] == ["client_clock_wrong", "cert_not_yet_valid"]


def test_nss_ca_cert_invalid_reads_self_signed_first() -> None:
    cause, conf = _top("curl: (60) Issuer certificate is invalid. (SEC_ERROR_CA_CERT_INVALID)")
    assert cause == "cert_self_signed" and conf < 0.6
    assert _top("SEC_ERROR_INADEQUATE_CERT_TYPE")[0] == "cert_wrong_purpose"  # twin


def test_libcurl_connect_failure_without_curls_prefix() -> None:
    text = ("error: RPC failed; unable to access 'https://git.internal.test:8443/x.git/': "
            "Failed to connect to git.internal.test port 8443 after 3 ms: "
            "Couldn't connect to server")
    assert _top(text)[0] == "name_resolution_or_unreachable"
    assert not explain("Failed to connect to the database: wrong password").recognized  # twin


def test_go_url_error_around_eof_is_a_hang_up() -> None:
    r = explain('Post "https://api.internal.test/v1/items": EOF')
    assert r.recognized and r.findings[0].cause.value == "middlebox_or_firewall_interference"
    assert r.findings[0].confidence < 0.6
    assert not explain('read config "settings.yaml": EOF').recognized  # twin: not https


def test_java_socket_timeout() -> None:
    text = ("java.net.SocketTimeoutException: Read timed out\n\tat java.base/sun.nio.ch."
            "NioSocketImpl.timedRead(NioSocketImpl.java:283)")
    assert _top(text)[0] == "middlebox_or_firewall_interference"
    assert _top("java.net.SocketTimeoutException: Connect timed out")[0] in (
        "middlebox_or_firewall_interference", "name_resolution_or_unreachable")
