"""Round 25: holdout29's classes, each asserted on the printing program's own wording (not a
thread's text), with a twin without the cue that must not flip.

A. Lich's scripts with a pinned CA certificate (matt-lowe/Lich @ ccfeb702
   scripts/repository.lic, scripts/lnet.lic): "Your computer thinks the date is ... this date
   makes the SSL certificate in this script invalid" (not_after passed: an outdated script,
   or a clock set ahead) and "The current date is set incorrectly on your computer" (not
   yet valid: the clock). Before: no finding.
B. gnutls-cli (gnutls/gnutls @ f8971291 src/common.c print_x509_info, lib/cert-cred.c): "- Got
   a certificate list of 1 certificates." with "The certificate issuer is unknown.": a leaf
   sent without its intermediate, first below certainty, unless the subject is its own
   issuer. Before: an untrusted root at 0.55.
C. Citrix Receiver (CTX101990): "You have not chosen to trust "<CA>", the issuer to the
   server's security certificate" without "SSL Error 61": as words24d reads the code.
   Before: no finding.
D. IBM MQ for z/OS's CSQX642E ("No SSL certificate for channel"), the twin of the distributed
   AMQ9642 ("No SSL or TLS certificate for channel", already read in enterprise.py): this end
   had no certificate to present while the partner requires one. Before: no finding.
E. Microsoft Proxy Server / ISA Server 12204 (KB Q184028, KB 283284): the proxy refuses SSL
   tunnels to ports off its list. Before: no finding.
F. GSKit's validation result names about certificate policies or basicConstraints: a
   certificate not allowed for the use. Before: the 414 code's untrusted root.
G. .NET Framework's Portuguese TrustFailure ("não foi possível estabelecer relação de
   confiança para o canal seguro de SSL/TLS", Microsoft's pt-BR documentation): as the
   English one. Before: no finding.
"""

from __future__ import annotations

import pytest
from ranked import causes as _causes
from ranked import causes_and_top as _causes_and_top
from ranked import top as _top

# A. (repository.lic's respond string, as printed)
_LICH_EXPIRED = (
    "\n---\n--- warning: Your computer thinks the date is 01-15-2031.  If this is the\n"
    "---          correct date, you need an updated version of this script.  If \n"
    "---          this is not the correct date, you need to change it.  In either\n"
    "---          case, this date makes the SSL certificate in this script invalid\n"
    "---          and will prevent the script from connecting to the server.\n---\n")
_LNET_EXPIRED = (
    "--- warning: Your computer thinks the date is 01-15-2031.  If this is the\n"
    "---          correct date, you need an updated version of this script.  If \n"
    "---          this is not the correct date, you need to change it.  In either\n"
    "---          case, this date makes the SSL certificate in this script\n"
    "---          invalid and will prevent LNet from connecting to the server.\n")
_LICH_NOT_YET = (
    "--- warning: The current date is set incorrectly on your computer. This will\n"
    "---          cause the SSL certificate verification to fail and prevent this\n"
    "---          script from connecting to the server.  Fix it.\n")


@pytest.mark.parametrize("text", [_LICH_EXPIRED, _LNET_EXPIRED])
def test_lichs_expired_pinned_certificate_is_the_clients_own_copy(text: str) -> None:
    got, (top, conf) = _causes_and_top(text)
    assert top == "client_misconfiguration" and conf < 0.6, got
    assert {"client_clock_wrong", "cert_expired"} <= set(got)


def test_lichs_not_yet_valid_warning_is_the_clock() -> None:
    assert _top(_LICH_NOT_YET)[0] == "client_clock_wrong", _causes(_LICH_NOT_YET)


def test_a_date_line_without_the_certificate_is_nothing() -> None:
    assert _causes("--- Lich: the date is 01-15-2031, checking for script updates.") == {}


# B. (gnutls-cli's listing; compact print of one certificate)
_GNUTLS = ("Processed 140 CA certificate(s).\n"
           "Resolving 'www.example.net:443'...\n"
           "Connecting to '192.0.2.10:443'...\n"
           "- Certificate type: X.509\n"
           "- Got a certificate list of {n} certificates.\n"
           "- Certificate[0] info:\n"
           " - subject `CN={subject}', issuer `{issuer}', serial 0x03aa, RSA key 2048 bits\n"
           "- Status: The certificate is NOT trusted. The certificate issuer is unknown. \n"
           "*** PKI verification of server certificate failed...\n")


def test_gnutls_cli_one_certificate_with_an_unknown_issuer_is_the_missing_intermediate() -> None:
    text = _GNUTLS.format(n=1, subject="www.example.net", issuer="CN=R3,O=Let's Encrypt,C=US")
    top, conf = _top(text)
    assert top == "incomplete_chain" and conf < 0.6, _causes(text)


def test_gnutls_cli_two_certificates_stay_the_untrusted_root() -> None:
    text = _GNUTLS.format(n=2, subject="www.example.net", issuer="CN=R3,O=Let's Encrypt,C=US")
    assert _top(text)[0] != "incomplete_chain", _causes(text)


def test_gnutls_cli_one_self_issued_certificate_is_not_the_missing_intermediate() -> None:
    text = _GNUTLS.format(n=1, subject="www.example.net", issuer="CN=www.example.net")
    assert _top(text)[0] != "incomplete_chain", _causes(text)


# C.
@pytest.mark.parametrize("text", [
    "Cannot connect to the Citrix XenApp Server. You have not chosen to trust \"Certificate "
    "Authority\", the issuer to the server's security certificate.",
    "You have not chosen to trust ‘Example Root CA’, the issuer of the server’s security "
    "certificate.",
])
def test_citrix_untrusted_issuer_sentence_reads_as_ssl_error_61(text: str) -> None:
    causes, (top, _) = _causes_and_top(text)
    assert top == "cert_untrusted_root", causes
    assert causes == _causes("SSL Error 61: " + text)


def test_other_citrix_trust_wording_is_not_this_reading() -> None:
    assert "cert_untrusted_root" not in _causes("You have chosen to trust this server.")


# D.
def test_zos_csqx642e_reads_as_its_distributed_twin_amq9642() -> None:
    zos = "+CSQX642E CSQ1 CSQXRESP No SSL certificate for channel TO.QM2"
    dist = "AMQ9642: No SSL or TLS certificate for channel 'TO.QM2'."
    assert _top(zos)[0] == _top(dist)[0] == "client_cert_required", _causes(zos)


def test_mq_channel_text_without_the_message_id_is_not_this_reading() -> None:
    assert "client_cert_required" not in _causes("Channel TO.QM2 is starting.")
    assert "client_cert_required" not in _causes("+CSQX500I CSQ1 CSQXRESP Channel TO.QM2 "
                                                 "started")


# E.
@pytest.mark.parametrize("text", [
    "12204 SSL port specified is not allowed",
    "Error Code: 502 Proxy Error. The specified Secure Sockets Layer (SSL) port is not "
    "allowed. ISA Server is not configured to allow SSL requests from this port. Most Web "
    "browsers use port 443 for SSL requests. (12204)",
])
def test_microsoft_proxy_refusing_the_ssl_port_is_the_proxy(text: str) -> None:
    assert _top(text)[0] == "middlebox_or_firewall_interference", _causes(text)


def test_a_port_named_without_the_refusal_is_nothing() -> None:
    assert "middlebox_or_firewall_interference" not in _causes(
        "The SSL port specified is 8443.")


# F.
_GSK = ("SSLCONN: gsk_secure_soc_init failed and returned: 414 (GSK_ERROR_BAD_CERT)\n"
        "SSLCONN: Server's certificate validation result returned: {val}\n")


@pytest.mark.parametrize("val", ["575059 (GSKVAL_ERROR_BAD_ACCEPTABLE_POLICIES)",
                                 "575051 (GSKVAL_ERR_CA_MISSING_CRITICAL_BASIC_CONSTRAINT)"])
def test_gskit_validation_names_about_allowed_use_are_the_purpose(val: str) -> None:
    text = _GSK.format(val=val)
    assert _top(text)[0] == "cert_wrong_purpose", _causes(text)


def test_gskit_bad_cert_without_a_named_result_stays_the_trust() -> None:
    text = _GSK.format(val="575010")
    assert _top(text)[0] == "cert_untrusted_root", _causes(text)


# G.
@pytest.mark.parametrize("text", [
    "A conexão subjacente foi fechada: Não foi possível estabelecer relação de confiança para "
    "o canal seguro de SSL/TLS.",
    "A ligação subjacente foi fechada: Não foi possível estabelecer uma relação de confiança "
    "para o canal seguro SSL/TLS.",
])
def test_portuguese_trust_failure_reads_as_the_english_one(text: str) -> None:
    english = ("The underlying connection was closed: Could not establish trust relationship "
               "for the SSL/TLS secure channel.")
    assert _top(text)[0] == _top(english)[0] == "cert_untrusted_root", _causes(text)


def test_portuguese_secure_channel_without_trust_stays_the_channel() -> None:
    text = ("A solicitação foi anulada: Não foi possível criar um canal seguro para "
            "SSL/TLS.")
    assert _top(text)[0] != "cert_untrusted_root", _causes(text)
