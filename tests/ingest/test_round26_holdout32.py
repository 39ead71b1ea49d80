"""Round 26: holdout32's classes, each from the program's own source, fed the way the
program prints it, with its siblings from the same source and look-alikes that must not
match.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from ranked import causes, top

from tlsdoctor.ingest.printed_times import printed_times

# --- QZ Tray's expiry check beside a date error (qzind/tray ExpiryTask.java) ---------------

_WSS = ("WebSocket connection to 'wss://localhost:8181/' failed: Error in connection "
        "establishment: net::ERR_CERT_DATE_INVALID   qz-tray.js:120\n\n")
_VALID = ("2020-09-30 22:36:54,970 [INFO] SSL certificate is still valid for 12878 more days: "
          "2056-01-04T05:09Z.  We'll make a new one automatically when needed.")
_EXPIRING = ("2020-09-30 22:36:54,970 [INFO] SSL certificate will expire in less than 5 days: "
             "2020-10-03T05:09Z")
_EXPIRED = ("2020-09-30 22:36:54,970 [INFO] SSL certificate has expired 2020-09-01T05:09Z.  It "
            "must be renewed immediately.")


def test_qz_tray_still_valid_reads_the_tray_clock_and_the_not_after() -> None:
    t = printed_times(_VALID)
    assert t.valid_until == datetime(2056, 1, 4, 5, 9, tzinfo=UTC)
    assert t.now is not None and t.now.date().isoformat() == "2020-10-01"
    assert t.not_after is None and t.form == "QZ Tray"
    assert printed_times(_EXPIRING).valid_until == datetime(2020, 10, 3, 5, 9, tzinfo=UTC)
    expired = printed_times(_EXPIRED)
    assert expired.not_after == datetime(2020, 9, 1, 5, 9, tzinfo=UTC)
    assert expired.valid_until is None


@pytest.mark.parametrize("line", [_VALID, _EXPIRING])
def test_a_date_error_beside_the_tray_saying_still_valid_is_not_yet_valid(line: str) -> None:
    # ERR_CERT_DATE_INVALID covers both bounds; the tray says notAfter has not passed
    cause, conf = top(_WSS + line)
    assert cause == "cert_not_yet_valid" and conf < 0.6
    assert causes(_WSS + line)["cert_expired"] < 0.3


def test_the_tray_saying_expired_keeps_the_expired_reading() -> None:
    assert top(_WSS + _EXPIRED)[0] == "cert_expired"


def test_chrome_date_error_alone_still_reads_expired_first() -> None:
    assert top(_WSS.strip())[0] == "cert_expired"


def test_the_tray_line_beside_another_failure_is_not_a_date_reading() -> None:
    text = _WSS.replace("ERR_CERT_DATE_INVALID", "ERR_CERT_AUTHORITY_INVALID") + _VALID
    assert top(text)[0] == "cert_untrusted_root"


@pytest.mark.parametrize("text", [
    # look-alikes: other programs' "still valid" prose, no QZ Tray form
    "The certificate is still valid for 300 more days (2056-01-04T05:09Z).",
    "SSL certificate is valid for 12878 days: 2056-01-04T05:09Z.",
])
def test_look_alikes_are_not_the_tray_form(text: str) -> None:
    assert printed_times(text).valid_until is None


# --- Schannel's two revocation codes (winerror.h; patterns/dotnet.py) -----------------------

_NO_CHECK = [
    # curl 7.x on Schannel, English, and as curl/rye/sentry-cli wrap it
    "curl: (35) schannel: next InitializeSecurityContext failed: Unknown error (0x80092012) - "
    "The revocation function was unable to check revocation for the certificate.",
    "error: http error: [35] SSL connect error (schannel: next InitializeSecurityContext "
    "failed: Unknown error (0x80092012) - The revocation function was unable to check "
    "revocation for the certificate.)",
    # Japanese Windows: the code carries it
    "curl: (35) schannel: next InitializeSecurityContext failed: Unknown error (0x80092012) - "
    "失効の関数は証明書の失効を確認 できませんでした。",
    # newer curl names the code
    "curl: (35) schannel: next InitializeSecurityContext failed: CRYPT_E_NO_REVOCATION_CHECK "
    "(0x80092012) - The revocation function was unable to check revocation for the "
    "certificate.",
    # Python's OSError / Rust's io::Error print the HRESULT as a signed number
    "[WinError -2146885614] The revocation function was unable to check revocation for the "
    "certificate",
]


@pytest.mark.parametrize("text", _NO_CHECK)
def test_no_revocation_check_ranks_interception_first_below_0_6(text: str) -> None:
    got = causes(text)
    cause, conf = top(text)
    assert cause == "tls_interception_mitm" and conf < 0.6, got
    assert "middlebox_or_firewall_interference" in got


@pytest.mark.parametrize("text", [
    "fatal: unable to access 'https://github.com/a/b.git/': schannel: next "
    "InitializeSecurityContext failed: Unknown error (0x80092013) - The revocation function "
    "was unable to check revocation because the revocation server was offline.",
    "next InitializeSecurityContext failed: Unknown error (0x80092013)",
])
def test_revocation_offline_keeps_the_network_first(text: str) -> None:
    assert top(text)[0] == "middlebox_or_firewall_interference"
