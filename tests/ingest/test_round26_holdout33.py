"""Round 26: holdout33's classes, each from the program's own source, fed the way the
program prints it, with its siblings from the same source and look-alikes that must not
match.
"""

from __future__ import annotations

import pytest
from ranked import causes, top

from tlsdoctor.api import explain


def _ids(text: str) -> list[str]:
    return [m.pattern_id for m in explain(text).matches]


# --- Erlang ssl's {bad_cert, invalid_key_usage} (pubkey_cert.erl validate_extensions) ------

_HACKNEY = (':hackney.get("https://partners.example.com", [], "", [])\n'
            "[info] TLS :client: In state :certify at ssl_handshake.erl:1768 generated CLIENT "
            "ALERT: Fatal - Handshake Failure\n - {:bad_cert, :invalid_key_usage}")


@pytest.mark.parametrize("text", [
    _HACKNEY,
    "{error,{tls_alert,{handshake_failure,\"TLS client: In state certify at "
    "ssl_handshake.erl:2111 generated CLIENT ALERT: Fatal - Handshake Failure\\n "
    "{bad_cert,invalid_key_usage}\"}}}",
])
def test_invalid_key_usage_is_a_ranking_not_a_verdict(text: str) -> None:
    cause, conf = top(text)
    assert cause == "cert_wrong_purpose" and conf < 0.6
    assert causes(text).get("sni_required_or_mismatch", 0) > 0


def test_invalid_ext_key_usage_keeps_its_reading() -> None:
    text = _HACKNEY.replace(":invalid_key_usage", ":invalid_ext_key_usage")
    assert top(text) == ("cert_wrong_purpose", 1.0)


# --- vcpkg's curl exit codes (vcpkg-tool locales/messages.json) ----------------------------

@pytest.mark.parametrize("text", [
    "error: https://nodejs.org/dist/v16.15.1/node-v16.15.1-linux-x64.tar.gz: curl failed to "
    "download with exit code 60",
    "error: curl operation failed with error code 60 (SSL peer certificate or SSH remote key "
    "was not OK).",
    "error: curl failed to put file to https://cache.example.com/x.zip with exit code 60.",
])
def test_vcpkg_curl_60_reads_as_a_verification_failure(text: str) -> None:
    r = explain(text)
    assert r.recognized and r.source == "vcpkg"
    assert top(text)[0] == "cert_untrusted_root" and top(text)[1] < 0.6


def test_vcpkg_curl_77_and_58_are_the_clients_files() -> None:
    for code in ("77", "58"):
        text = f"error: https://example.com/x.zip: curl failed to download with exit code {code}"
        assert top(text)[0] == "client_misconfiguration"


@pytest.mark.parametrize("text", [
    "error: https://example.com/x.zip: curl failed to download with exit code 600",
    "error: https://example.com/x.zip: curl failed to download with exit code 6",
    "error: tar failed to extract with exit code 60",
])
def test_vcpkg_lookalikes_are_not_read_as_60(text: str) -> None:
    assert not any(i.startswith("vcpkg.r26c") for i in _ids(text))


# --- urlmon's HRESULTs as WinRPM prints them ----------------------------------------------

_WINRPM = ("INFO: Downloading https://cache.example.org/repodata/repomd.xml\n"
           "WARNING: Unknown download failure, error code: 2148270105\n"
           "WARNING: Retry 1/5 downloading: https://cache.example.org/repodata/repomd.xml")


@pytest.mark.parametrize("text", [
    _WINRPM,
    "URLDownloadToFile failed: 0x800C0019",
    "hr = INET_E_INVALID_CERTIFICATE",
])
def test_urlmon_invalid_certificate_is_a_certificate_ranking(text: str) -> None:
    r = explain(text)
    assert r.recognized
    c = causes(text)
    assert c.get("cert_expired", 0) > 0 and c.get("cert_untrusted_root", 0) > 0
    assert top(text)[1] < 0.6


def test_urlmon_security_problem_is_a_handshake_ranking() -> None:
    text = "WARNING: Unknown download failure, error code: 2148270094"
    assert top(text)[0] == "protocol_version_mismatch" and top(text)[1] < 0.6


@pytest.mark.parametrize("text", [
    "WARNING: Unknown download failure, error code: 2148270085",
    "WARNING: Unknown download failure, error code: 21482701050",
    "hr = 0x800C00190",
])
def test_urlmon_lookalikes_do_not_match(text: str) -> None:
    assert not any(i.startswith("urlmon.r26c") for i in _ids(text))


# --- Salesforce's TLS 1.0 refusal ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "UNSUPPORTED_CLIENT: TLS 1.0 has been disabled in this organization. Please use TLS 1.1 "
    "or higher when connecting to Salesforce using https.",
    "UNSUPPORTED CLIENT: TLS 1.0 has beed disabled in this organization. Please use TLS 1.1 "
    "or higher ...",
])
def test_salesforce_tls10_refusal_is_a_version_mismatch(text: str) -> None:
    assert top(text)[0] == "protocol_version_mismatch"
    assert causes(text).get("client_misconfiguration", 0) > 0


def test_salesforce_other_unsupported_client_errors_do_not_match() -> None:
    text = "UNSUPPORTED_CLIENT: HTTPS Required"
    assert not any(i.startswith("salesforce.r26c") for i in _ids(text))


# --- Postfix's own TLS set-up failures (tls_server.c, tls_client.c, smtpd.c) ---------------

@pytest.mark.parametrize("text", [
    'postfix/smtpd[901935]: warning: Invalid TLS protocol list "TLSv1 TLSv1.1 TLSv1.2": '
    "disabling TLS support",
    'postfix/smtp[123]: warning: mx.example.com[192.0.2.1]:25: Invalid TLS protocol list '
    '"TLSv1.2 TLSv1.3": aborting TLS session',
    "postfix/smtpd[901935]: warning: Wrapper-mode request dropped from mail.example.com"
    "[192.0.2.7] for service smtps. TLS context initialization failed. For details see "
    "earlier warnings in your logs.",
])
def test_postfix_rejecting_its_own_tls_setup_is_the_servers_configuration(text: str) -> None:
    assert top(text) == ("server_misconfiguration", 1.0)


def test_postfix_lookalike_without_the_list_does_not_match() -> None:
    text = "warning: Invalid TLS protocol version requested by client"
    assert not any(i.startswith("postfix.r26c") for i in _ids(text))


# --- IBM JSSE's "The certificate issued by ... is not trusted" -----------------------------

_IBM = ("javax.net.ssl.SSLHandshakeException: com.ibm.jsse2.util.h: PKIX path building "
        "failed: java.security.cert.CertPathBuilderException: PKIXCertPathBuilderImpl could "
        "not build a valid CertPath.; internal cause is:\n"
        "java.security.cert.CertPathValidatorException: The certificate issued by "
        "CN=Example Internal CA, O=Example, C=GB is not trusted; internal cause is:\n"
        "java.security.cert.CertPathValidatorException: Certificate chaining error")


def test_ibm_not_trusted_names_a_missing_signer_not_a_chain_order() -> None:
    c = causes(_IBM)
    assert top(_IBM) == ("cert_untrusted_root", pytest.approx(top(_IBM)[1]))
    assert c.get("bad_chain_order_or_extra", 0) == 0


def test_the_lookalike_is_not_trusted_without_certificate_issued_by_does_not_match() -> None:
    text = "The server certificate is not trusted by this machine"
    assert not any(i.startswith("java.r26c") for i in _ids(text))


# --- curl's Schannel read ending in SEC_E_DECRYPT_FAILURE ----------------------------------

@pytest.mark.parametrize("text", [
    "* schannel: failed to read data from server: SEC_E_DECRYPT_FAILURE (0x80090330) - The "
    "specified data could not be decrypted.\n* Closing connection 1\n"
    "curl: (56) Failure when receiving data from the peer",
    "schannel: failed to read data from server: Unknown error (0x80090330)",
])
def test_curl_schannel_decrypt_failure_is_not_confident(text: str) -> None:
    cause, conf = top(text)
    assert cause == "client_misconfiguration" and conf < 0.6
    assert causes(text).get("middlebox_or_firewall_interference", 0) > 0


def test_decrypt_failure_outside_curls_read_keeps_its_reading() -> None:
    text = "System.ComponentModel.Win32Exception (0x80090330): The specified data could not be decrypted."
    assert top(text)[0] == "middlebox_or_firewall_interference"


# --- MongoDB Atlas refusing an address not on its IP access list (Mongoose's atlasMessage) --

@pytest.mark.parametrize("text", [
    "MongoDB ConnectionException: Could not connect to cluster0-shard-00-00.abcde.mongodb.net:"
    "27017\n- HandshakeException: Handshake error in client (OS Error: \n"
    "\tTLSV1_ALERT_INTERNAL_ERROR(tls_record.cc:592))",
    "MongoServerSelectionError: 8048FE26DE7F0000:error:0A000438:SSL routines:ssl3_read_bytes:"
    "tlsv1 alert internal error:ssl/record/rec_layer_s3.c:912:SSL alert number 80",
    "MongooseServerSelectionError: Could not connect to any servers in your MongoDB Atlas "
    "cluster. One common reason is that you're trying to access the database from an IP that "
    "isn't whitelisted. Make sure your current IP address is on your Atlas cluster's IP "
    "whitelist: https://www.mongodb.com/docs/atlas/security-whitelist/",
])
def test_atlas_refusing_an_address_reads_the_access_list_first(text: str) -> None:
    cause, conf = top(text)
    assert cause == "middlebox_or_firewall_interference" and conf < 0.6


def test_internal_error_without_a_mongodb_driver_keeps_the_alerts_reading() -> None:
    text = ("140736:error:14094438:SSL routines:ssl3_read_bytes:tlsv1 alert internal "
            "error:s3_pkt.c:1275:SSL alert number 80")
    assert not any(i.startswith("mongodb.r26c") for i in _ids(text))


def test_a_mongodb_driver_error_with_another_alert_does_not_match() -> None:
    text = ("MongoServerSelectionError: error:0A000418:SSL routines::tlsv1 alert unknown ca:"
            "SSL alert number 48")
    assert not any(i.startswith("mongodb.r26c") for i in _ids(text))


# --- DietPi's bug report "- Date | ..." line: the failing machine's clock ------------------

@pytest.mark.parametrize("date", ["Tue Dec 31 19:42:47 EST 2069", "2069-12-31 19:42:47"])
def test_dietpi_report_date_far_ahead_beside_expired_reads_the_clock(date: str) -> None:
    text = (f"- Date           | {date}\n- Program name   | DietPi-Software\n"
            "curl: (60) SSL certificate problem: certificate has expired\n"
            "More details here: https://curl.se/docs/sslcerts.html")
    assert top(text)[0] == "client_clock_wrong"


def test_dietpi_report_date_in_the_past_keeps_the_expired_reading() -> None:
    text = ("- Date           | 2023-03-01 10:00:00\n"
            "curl: (60) SSL certificate problem: certificate has expired")
    assert top(text)[0] == "cert_expired"


def test_a_markdown_table_date_cell_is_not_read_as_the_clock() -> None:
    from tlsdoctor.ingest.printed_times import printed_times
    assert printed_times("| Date | 2069-12-31 |").now is None
    assert printed_times("- Date of purchase | 2069-12-31 19:42:47").now is None


# --- ServiceNow MID Server's OCSP check (KB0813636, KB1216223) ------------------------------

@pytest.mark.parametrize("text", [
    "WARNING *** WARNING *** OCSP revoke check IOException for *.service-now.com \n"
    "WARNING *** WARNING *** org.apache.commons.httpclient.HttpException: Connection reset",
    "WARN (SignatureValidationMonitor.1200) [GlideSSLProtocolSocketFactory:509] OCSP revoke "
    "check IOException for *.service-now.com - [HTTPClient:710] Request not sent",
    "com.glide.communications.GlideSSLProtocolSocketFactory$OCSPException: Permission denied: "
    "connect",
    "RefreshMonitor.65 WARNING *** WARNING *** OCSPCheck HTTP status: 503, error message: "
    "Method failed: (/) with code: 503",
])
def test_mid_server_ocsp_failure_reads_a_blocked_responder(text: str) -> None:
    cause, conf = top(text)
    assert cause == "middlebox_or_firewall_interference" and conf < 0.6


def test_other_ocsp_words_do_not_match_the_mid_server_rows() -> None:
    text = "OCSP response: no response sent"
    assert not any(i.startswith("servicenow.r26c") for i in _ids(text))


# --- libcurl < 7.62's CURLE_SSL_CACERT text covers date failures too (openssl.c 7.61.1) ----

_AVS = ("2008-06-08 05:00:37.940 [  5] E HttpPost:doPostFailed:reason=curl_easy_performFailed,"
        "result=60,error=Peer certificate cannot be authenticated with given CA certificates")


def test_old_libcurl_60_beside_a_log_stamp_before_2010_reads_the_clock() -> None:
    assert top(_AVS)[0] == "client_clock_wrong"


def test_old_libcurl_60_with_a_plausible_stamp_keeps_the_trust_reading() -> None:
    assert top(_AVS.replace("2008-06-08", "2019-06-08"))[0] == "cert_untrusted_root"


def test_old_libcurl_60_alone_keeps_the_trust_reading() -> None:
    text = "Peer certificate cannot be authenticated with given CA certificates"
    assert top(text)[0] == "cert_untrusted_root"


def test_dietpi_date_line_is_read_quoted_and_case_blind() -> None:
    from tlsdoctor.ingest.printed_times import printed_times
    line = "- Date           | Tue Dec 31 19:42:47 EST 2069"
    for posted in (f"> {line}", line.lower(), line.upper()):
        got = printed_times(posted).now
        assert got is not None and got.year == 2069
