"""Round 26: misses of the real-world set whose cause is in the posted words, fixed by class
(docs/explain-upstream.md "Round 26: in-text misses"; patterns/words26.py, ingest/shown_now.py,
the decimal Windows codes in patterns/windows_net.py). Each text is built from the program's
own format strings and pages (sources next to the data), not from a thread's text; each class
has look-alikes that must not be read as it.
"""

from __future__ import annotations

import pytest
from ranked import causes, top

from tlsdoctor.api import explain
from tlsdoctor.ingest.shown_now import shown_now

# -- curl -v's server certificate dates against the text's own date output -------------------

_CURL_V = ("$ curl -kv https://example.com\n"
           "* Server certificate:\n"
           "*  subject: CN=example.com\n"
           "*  start date: {nb}\n"
           "*  expire date: {na}\n"
           "*  issuer: C=US; O=Let's Encrypt; CN=E5\n")


@pytest.mark.parametrize("cmd,now", [
    ("$ date", "Tue Oct 22 15:14:49 UTC 2024"),
    ("$ LANG=C date -u", "Tue Oct 22 15:14:49 UTC 2024"),
    ("user@host:~$ date -R", "Tue, 22 Oct 2024 15:14:49 +0000"),
    ("# date -I", "2024-10-22"),
])
def test_curl_expire_date_before_the_printed_now_is_expired(cmd: str, now: str) -> None:
    text = f"{cmd}\n{now}\n\n" + _CURL_V.format(nb="Jul 19 01:49:45 2024 GMT",
                                                na="Oct 17 01:49:44 2024 GMT")
    assert top(text) == ("cert_expired", 0.8)


def test_curl_gnutls_dates_are_read_too() -> None:
    # lib/vtls/gtls.c showtime(): "%s, %02d %s %4d %02d:%02d:%02d GMT"
    text = ("$ date -u\nTue Oct 22 15:14:49 UTC 2024\n"
            "*  subject: CN=example.com\n"
            "*  start date: Fri, 19 Jul 2024 01:49:45 GMT\n"
            "*  expire date: Thu, 17 Oct 2024 01:49:44 GMT\n")
    assert top(text)[0] == "cert_expired"


def test_curl_start_date_after_the_printed_now_is_the_clock_first() -> None:
    text = "$ date\nMon Jan  1 00:00:05 UTC 2024\n" + _CURL_V.format(
        nb="Jul 19 01:49:45 2024 GMT", na="Oct 17 01:49:44 2024 GMT")
    assert top(text) == ("client_clock_wrong", 0.55)


def test_curl_dates_quoted_in_the_meaning_are_made_printable() -> None:
    # the text's own bytes after the date (a terminal's colour codes, a bidi override)
    text = ("$ date\nTue Oct 22 15:14:49 UTC 2024\x1b]0;x\x07\n"
            + _CURL_V.format(nb="Jul 19 01:49:45 2024 GMT",
                             na="Oct 17 01:49:44 2024 GMT\u202e\x1b[8m"))
    got = shown_now(text)
    assert got is not None and got.causes[0][0].value == "cert_expired"
    for said in (got.meaning, got.line):
        assert "\x1b" not in said and "\u202e" not in said and "\x07" not in said
        assert "\\x1b[8m" in said


@pytest.mark.parametrize("text", [
    # a valid certificate at the printed time
    "$ date\nTue Aug 20 15:14:49 UTC 2024\n" + _CURL_V.format(
        nb="Jul 19 01:49:45 2024 GMT", na="Oct 17 01:49:44 2024 GMT"),
    # no date command: this machine's clock is never the text's "now"
    _CURL_V.format(nb="Jul 19 01:49:45 2014 GMT", na="Oct 17 01:49:44 2015 GMT"),
    # a date the text prints that is no date command's output (a log stamp, a Date header)
    "< Date: Tue, 22 Oct 2024 15:14:49 GMT\n" + _CURL_V.format(
        nb="Jul 19 01:49:45 2024 GMT", na="Oct 17 01:49:44 2024 GMT"),
    # the proxy's certificate is not the server's
    "$ date\nTue Oct 22 15:14:49 UTC 2024\n* Proxy certificate:\n*  subject: CN=proxy\n"
    "*  start date: Jul 19 01:49:45 2024 GMT\n*  expire date: Oct 17 01:49:44 2024 GMT\n",
])
def test_curl_dates_without_a_printed_later_now_say_nothing(text: str) -> None:
    assert shown_now(text) is None


# -- Internet Explorer / legacy Edge: the browser's own TLS pages --------------------------------

@pytest.mark.parametrize("advice", [
    "Turn on TLS 1.0, TLS 1.1, and TLS 1.2 in Advanced settings and try connecting to "
    "https://www.example.com again.  If this error persists, it is possible that this site "
    "uses an unsupported protocol or cipher suite such as RC4 (link for the details), which "
    "is not considered secure.  Please contact your site administrator.",
    "Turn on TLS 1.0, TLS 1.1, and TLS 1.2 in the Advanced settings and try connecting to "
    "https://www.example.com again.  If this error persists, contact your site administrator.",
])
def test_ie_page_is_the_version_first_the_suites_second(advice: str) -> None:
    got = causes("This page can’t be displayed\n" + advice)
    assert list(got)[:2] == ["protocol_version_mismatch", "cipher_suite_mismatch"]
    assert max(got.values()) < 0.6


def test_edge_page_with_changed_settings_is_the_browsers_own_setting() -> None:
    text = ("Can’t connect securely to this page\nThis might be because the site uses outdated "
            "or unsafe TLS security settings. If this keeps happening, try contacting the "
            "website’s owner.\n\nYour TLS security settings aren’t set to the defaults, which "
            "could also be causing this error.")
    assert top(text)[0] == "client_misconfiguration"


def test_edge_page_alone_is_the_version_first() -> None:
    text = ("Can’t connect securely to this page\nThis might be because the site uses outdated "
            "or unsafe TLS security settings.")
    assert top(text)[0] == "protocol_version_mismatch"


@pytest.mark.parametrize("text", [
    "This page can’t be displayed\nMake sure the web address https://example.com is correct.",
    "Hmm, we can't reach this page.",
    "Turn on the setting in Advanced settings and try again.",
])
def test_ie_pages_without_the_tls_advice_are_not_read_as_it(text: str) -> None:
    got = causes(text)
    assert "protocol_version_mismatch" not in got and "cipher_suite_mismatch" not in got


# -- Windows' certificate dialog, in the languages public copies show --------------------------

@pytest.mark.parametrize("text", [
    "This certificate cannot be verified up to a trusted certification authority.",
    "Этот сертификат не удалось проверить, проследив его до доверенного центра сертификации.",
    "This CA Root certificate is not trusted. To enable trust, install this certificate in the "
    "Trusted Root Certification Authorities store.",
    "This CA Root certificate is not trusted because it is not in the Trusted Root "
    "Certification Authorities store.",
    "Нет доверия к этому корневому сертификату центра сертификации.",
    "このCAルート証明書は信頼されていません。",
    "この CA ルート証明書は信頼されていません。 信頼を有効にするには、この証明書を信頼されたルート証明機関のストアにインストールしてください。",
])
def test_windows_dialog_untrusted_is_the_root(text: str) -> None:
    assert top(text)[0] == "cert_untrusted_root"


@pytest.mark.parametrize("text", [
    "Windows does not have enough information to verify this certificate.",
    "The issuer of this certificate could not be found.",
])
def test_windows_dialog_without_issuer_is_a_missing_intermediate(text: str) -> None:
    assert top(text)[0] == "incomplete_chain"


@pytest.mark.parametrize("text", [
    "This certificate is intended for the following purpose(s): Ensures the identity of a "
    "remote computer",
    "This certificate is OK.",
    "Этот сертификат предназначен для: Обеспечивает получение идентификации от удаленного "
    "компьютера",
])
def test_windows_dialog_other_lines_are_not_a_trust_failure(text: str) -> None:
    assert "cert_untrusted_root" not in causes(text)


# -- CAdroid: its own check of the names against the URL's host ----------------------------------

@pytest.mark.parametrize("text", [
    "The certificate chain doesn't contain a valid certificate for the host name in the URL. "
    "Use the correct host name or change the corresponding certificate's subject.",
    "Die Zertifikatskette beinhaltet kein für den URL-Host ausgestelltes Zertifikat. Benutzen "
    "Sie den richtigen Host-Namen oder ändern Sie das entsprechende Zertifikat.",
    'The certificate is not issued for "192.168.1.10" (host name taken from the URL). Use the '
    "correct host name or change the subject.",
    'Das Zertifikat ist nicht für "192.168.1.10" (Host-Name aus dem URL) ausgestellt.',
])
def test_cadroid_host_check_is_the_names(text: str) -> None:
    assert top(text)[0] == "hostname_mismatch"


@pytest.mark.parametrize("text", [
    # CAdroid's other alerts (values-de/strings.xml): not the names
    "Die Zertifikatskette beinhaltet mehr als ein Zertifikat.",
    "Das Zertifikat ist abgelaufen oder noch nicht gültig!",
])
def test_cadroid_other_alerts_are_not_the_names(text: str) -> None:
    assert "hostname_mismatch" not in causes(text)


# -- Windows status codes: hex, and decimal after an error word --------------------------------

@pytest.mark.parametrize("text", [
    "CERT_E_UNTRUSTEDCA (0x800B0112)",
    "error 0x800B0112",
    "System.ComponentModel.Win32Exception HResult: -2146762478",
    "TLS handshake failed, error code 2148204818",
])
def test_windows_codes_in_any_printed_form(text: str) -> None:
    assert top(text)[0] == "cert_untrusted_root"


@pytest.mark.parametrize("text", [
    "conn DEBUG Couldn't start TLS! error -3 tls_error -2146893032",
    "schannel: SEC_E_INCOMPLETE_MESSAGE (0x80090318)",
])
def test_incomplete_message_is_a_connection_closed_mid_message(text: str) -> None:
    assert top(text) == ("middlebox_or_firewall_interference", 0.4)


@pytest.mark.parametrize("text", [
    "-2146762478",  # a number alone
    "id 2148204818 processed",  # a long integer that is no error number
    "uploaded 2148204818 bytes",
    "timestamp=2146893032 level=info",
])
def test_long_integers_outside_an_error_context_are_not_codes(text: str) -> None:
    assert explain(text).findings == ()


# -- Go's alert name with a numbered identifier glued after it ---------------------------------

def test_go_alert_followed_by_a_state_identifier_is_read() -> None:
    text = ("-------------------------->握手失败！--------------------------> remote error: tls: "
            "unknown certificate handshakeStatus13ReadClientFinished")
    assert any(m.pattern_id == "alert.46.go" for m in explain(text).matches)


def test_go_alert_followed_by_words_is_not_a_shorter_alert() -> None:
    # "bad certificate status response" (113) is not "bad certificate" (42)
    ids = {m.pattern_id for m in explain("remote error: tls: bad certificate status response")
           .matches}
    assert "alert.113.go" in ids and "alert.42.go" not in ids


# -- OpenSSL 3 codes: an upper-cased line is not 1.0.x -----------------------------------------

_OSSL3 = ("Error: C0FA8E0302000000:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert "
          "handshake failure:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1605:SSL alert "
          "number 40")


def test_upper_cased_openssl3_line_reads_as_the_line() -> None:
    assert top(_OSSL3.upper()) == top(_OSSL3)


def test_openssl_10_capitals_keep_the_old_client_reading() -> None:
    assert top("error:14077410:SSL routines:SSL23_GET_SERVER_HELLO:sslv3 alert handshake "
               "failure")[0] in {"protocol_version_mismatch", "sni_required_or_mismatch"}


# -- JSSE's sentences with one word retyped -----------------------------------------------------

@pytest.mark.parametrize("text", [
    "pkix apth building failed ... unable to find valid certfication path to requested target",
    "unable to find valid certifcation path to requested target",
    "PKIX pth building failed",
])
def test_jsse_pkix_with_one_word_retyped(text: str) -> None:
    assert top(text)[0] == "cert_untrusted_root"


@pytest.mark.parametrize("text", [
    # JSSE's own words, spelt right: java.py's rows, not a second "retyped" statement
    "PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: "
    "unable to find valid certification path to requested target",
    "unable to find valid route to the requested target",
    "PKIX path validation failed: signature check failed",
    "unable to find valid home directory path to requested target machine ok",
])
def test_other_sentences_are_not_the_pkix_failure(text: str) -> None:
    assert not any(m.pattern_id.startswith("java.r26.") for m in explain(text).matches)


# -- RetroShare: its own key/certificate check at startup --------------------------------------

def test_retroshare_private_key_issue_is_the_refused_certificate_first() -> None:
    text = ("Issues With Private Key! - Doesn't match your Cert\n"
            "Check your input key/certificate:\n"
            "/home/u/.retroshare/LOC06_x/keys/user_pk.pem & /home/u/.retroshare/LOC06_x/keys/"
            "user_cert.pem")
    got = causes(text)
    assert list(got)[:2] == ["weak_signature_or_key", "server_misconfiguration"]
    assert max(got.values()) < 0.6


@pytest.mark.parametrize("nb,na,first", [
    # RFC 5280 4.1.2.5's "no well-defined expiration date", 99991231235959Z, as curl prints it
    ("Oct 17 01:49:44 2024 GMT", "Dec 31 23:59:59 9999 GMT", None),
    ("Jan  1 00:00:00 0001 GMT", "Jan  1 00:00:01 0001 GMT", "cert_expired"),
    ("Dec 31 23:59:59 9999 GMT", "Dec 31 23:59:59 9999 GMT", "client_clock_wrong"),
])
def test_curl_dates_at_the_ends_of_the_calendar_are_read(nb: str, na: str, first: str | None
                                                        ) -> None:
    # Round 27 review: "expire date + 2 days" overflowed past 9999-12-31 (and "start date -
    # 2 days" before 0001-01-01): an internal error, exit 3, for a never-expiring certificate.
    text = "$ date\nTue Oct 22 15:14:49 UTC 2024\n" + _CURL_V.format(nb=nb, na=na)
    got = shown_now(text)
    assert (got.causes[0][0].value if got else None) == first
    explain(text)
