"""Round 13 (ex-peer): classes about *whose* certificate or material a text names
(docs/explain-upstream.md, "Round 13: ..."). Each class is audited as stacks x wordings x
contexts, with twins that must not move. The wordings are the programs' own (sources in
the pattern modules named per class); the contexts are how people paste them.
"""

from __future__ import annotations

import itertools

import pytest
from ranking import ranked

from tlsdoctor.api import explain
from tlsdoctor.diagnosis.causes import Cause as C

# ---- class 3: "the name asked does not match the certificate" (patterns/hostcheck.py) ----

HOST_WORDINGS = {
    "jndi": "javax.net.ssl.SSLPeerUnverifiedException: hostname of the server "
            "'ldap.example.org' does not match the hostname in the server's certificate.",
    "ldap-sdk": "javax.net.ssl.SSLHandshakeException: java.security.cert.CertificateException: "
                "Hostname '[localhost]' does not match the hostname in the server's certificate",
    "httpclient": "javax.net.ssl.SSLPeerUnverifiedException: Certificate for "
                  "<api.example.org> doesn't match any of the subject alternative names: "
                  "[www.example.org]",
    "httpclient-cn": "javax.net.ssl.SSLPeerUnverifiedException: Certificate for "
                     "<api.example.org> doesn't match common name of the certificate subject: "
                     "www.example.org",
    "httpclient-old": "javax.net.ssl.SSLException: hostname in certificate didn't match: "
                      "<api.example.org> != <www.example.org>",
    "php-backtick": "stream_socket_enable_crypto(): Peer certificate CN=`*.example.org' did "
                    "not match expected CN=`smtp.example.com'",
    "php-quote": "stream_socket_enable_crypto(): Peer certificate CN='*.example.org' did not "
                 "match expected CN='smtp.example.com'",
    "openldap-san": "TLS: hostname does not match subjectAltName in peer certificate",
    "openldap-name": "TLS: hostname does not match name in peer certificate",
    "openldap-debug": "TLS: hostname (ldap.example.org) does not match common name in "
                      "certificate (www.example.org).",
    "jdk": "java.security.cert.CertificateException: No subject alternative DNS name "
           "matching ldap.example.org found.",
    "curl": "curl: (60) SSL: no alternative certificate subject name matches target host "
            "name 'api.example.org'",
    "curl-cn": "SSL: certificate subject name 'www.example.org' does not match target host "
               "name 'api.example.org'",
    "node": "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's "
            "altnames: Host: api.example.org. is not in the cert's altnames: DNS:www.example.org",
    "ruby": 'hostname "api.example.org" does not match the server certificate '
            "(OpenSSL::SSL::SSLError)",
    "libpq": 'server certificate for "db.example.org" does not match host name "10.0.0.5"',
    "go": "x509: certificate is valid for www.example.org, not api.example.org",
    "python": "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, "
              "certificate is not valid for 'api.example.org'. (_ssl.c:1006)",
}
HOST_CONTEXTS = {
    "bare": "{}",
    "caused-by": "Caused by: {}",
    "logger": "2024-05-01 10:00:00,123 ERROR [main] c.e.Client - connect failed: {}",
    "warning": "PHP Warning:  {} in /srv/app/mail.php on line 355",
    "url": "Error while fetching https://api.example.org/v1/items: {}",
}
HOST_CELLS = list(itertools.product(HOST_WORDINGS, HOST_CONTEXTS))


@pytest.mark.parametrize(("wording", "context"), HOST_CELLS)
def test_a_name_that_does_not_match_the_certificate_is_the_host_name(wording, context):
    text = HOST_CONTEXTS[context].format(HOST_WORDINGS[wording])
    got = ranked(text)
    assert got, text
    assert got[0][0] is C.HOSTNAME_MISMATCH, (text, got[:3])
    assert got[0][1] >= 0.85


@pytest.mark.parametrize("text", [
    "SSL_CTX_use_PrivateKey_file failed: private key does not match the certificate",
    "AH02032: Hostname www.a.example provided via SNI and hostname www.b.example provided "
    "via HTTP are different",
    "TLS: public key hash does not match provided pin",
    "error: host key does not match the known_hosts entry",
    "The host name does not match the SNI name in the request",
])
def test_other_mismatches_are_not_the_host_name_check(text):
    assert C.HOSTNAME_MISMATCH not in [c for c, conf in ranked(text) if conf >= 0.5]


def test_a_cdn_default_certificate_keeps_its_sni_reading():
    text = ("npm ERR! Hostname/IP doesn't match certificate's altnames: \"Host: "
            "registry.npmjs.org. is not in the cert's altnames: DNS:a.sni.fastly.net\"")
    assert ranked(text)[0][0] is C.SNI_REQUIRED_OR_MISMATCH
