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


# ---- class 2a: the verifier's own revocation data (patterns/revocation_data.py) ----

CRL_WORDINGS = {
    "openssl-expired": "CRL has expired",
    "openssl-notyet": "CRL is not yet valid",
    "openssl-missing": "unable to get certificate CRL",
    "openssl-signature": "CRL signature failure",
    "openssl-decrypt": "unable to decrypt CRL's signature",
    "openssl-issuer": "unable to get CRL issuer certificate",
    "openssl-format": "format error in CRL's nextUpdate field",
    "openssl-name": "X509_V_ERR_CRL_HAS_EXPIRED",
    "nss": "SEC_ERROR_CRL_EXPIRED: The CRL for the certificate's issuer has expired. Update "
           "it or check your system date and time.",
    "nss-future": "SEC_ERROR_CRL_NOT_YET_VALID",
    "nss-signature": "SEC_ERROR_CRL_BAD_SIGNATURE",
    "mbedtls": "The CRL is expired",
    "mbedtls-future": "The CRL is from the future",
    "mbedtls-trust": "The CRL is not correctly signed by the trusted CA",
    "apple": "errSecCRLExpired: The CRL has expired.",
    "wolfssl": "wolfSSL error -270: CRL date error",
}
_OPENSSL_NUMBERS = {"openssl-expired": 12, "openssl-notyet": 11, "openssl-missing": 3,
                    "openssl-signature": 8, "openssl-decrypt": 5, "openssl-issuer": 33,
                    "openssl-format": 16}
SERVER_FRAMINGS = {
    # OpenVPN prints VERIFY lines on both ends; OpenSSL's server-side function says whose.
    "openvpn-1.0": "Aug 29 00:46:53 vpn openvpn[11357]: 198.51.100.7:45962 VERIFY ERROR: "
                   "depth=0, error={}: CN=client\nAug 29 00:46:53 vpn openvpn[11357]: "
                   "198.51.100.7:45962 OpenSSL: error:140890B2:SSL routines:SSL3_GET_CLIENT_"
                   "CERTIFICATE:no certificate returned",
    "openvpn-3.0": "Aug 29 00:46:53 vpn openvpn[11357]: 198.51.100.7:45962 VERIFY ERROR: "
                   "depth=0, error={}: CN=client\nAug 29 00:46:53 vpn openvpn[11357]: "
                   "198.51.100.7:45962 OpenSSL: error:0A000086:SSL routines:tls_process_client_"
                   "certificate:certificate verify failed",
    "listener": "2024-05-01 12:00:00 ERROR [listener 0.0.0.0:8443] TLS accept error: {}",
    "peer": "2024-05-01 12:00:00 handshake with peer 198.51.100.7:51234 failed: {}",
}
CLIENT_FRAMINGS = {
    "curl": "curl: (60) SSL certificate problem: {}",
    "connect": "error: connect to api.example.com:443 failed: {}",
}


def _product_lines(wording: str) -> dict[str, str]:
    """A server product's own verify line, with OpenSSL's number and text."""
    num = _OPENSSL_NUMBERS.get(wording)
    if num is None:
        return {}
    text = CRL_WORDINGS[wording]
    return {
        "nginx": f"2024/05/01 10:00:00 [info] 12#12: *5 client SSL certificate verify error: "
                 f"({num}:{text}) while reading client request headers, client: 198.51.100.7",
        "apache": f"[Wed May 01 10:00:00.000 2024] [ssl:info] [pid 12:tid 13] [client "
                  f"198.51.100.7:50000] AH02276: Certificate Verification: Error ({num}): "
                  f"{text} [subject: CN=client / issuer: CN=CA / serial: 01]",
    }


CRL_SERVER_CELLS = [(w, f) for w in CRL_WORDINGS for f in SERVER_FRAMINGS] + [
    (w, f) for w in _OPENSSL_NUMBERS for f in ("nginx", "apache")]
CRL_CLIENT_CELLS = list(itertools.product(CRL_WORDINGS, CLIENT_FRAMINGS))


@pytest.mark.parametrize(("wording", "framing"), CRL_SERVER_CELLS)
def test_a_servers_own_crl_is_its_configuration(wording, framing):
    text = (_product_lines(wording).get(framing)
            or SERVER_FRAMINGS[framing].format(CRL_WORDINGS[wording]))
    got = ranked(text)
    assert got and got[0][0] is C.SERVER_MISCONFIGURATION, (text, got[:3])
    assert got[0][1] >= 0.85  # the server's words say it: its own CRL
    assert C.CLIENT_CERT_REQUIRED not in [c for c, conf in got if conf >= 0.5]


@pytest.mark.parametrize(("wording", "framing"), CRL_CLIENT_CELLS)
def test_a_clients_own_crl_is_its_configuration(wording, framing):
    text = CLIENT_FRAMINGS[framing].format(CRL_WORDINGS[wording])
    got = ranked(text)
    assert got and got[0][0] is C.CLIENT_MISCONFIGURATION, (text, got[:3])
    assert C.SERVER_MISCONFIGURATION not in [c for c, _ in got[:1]]


@pytest.mark.parametrize("wording", list(CRL_WORDINGS))
def test_a_crl_failure_no_words_place_is_a_ranking_of_both_sides(wording):
    got = ranked(CRL_WORDINGS[wording])
    causes = [c for c, _ in got]
    assert got[0][1] < 0.6
    assert C.CLIENT_MISCONFIGURATION in causes and C.SERVER_MISCONFIGURATION in causes


@pytest.mark.parametrize("text", [
    "2024/05/01 10:00:00 [info] 12#12: *5 client SSL certificate verify error: (10:"
    "certificate has expired) while reading client request headers, client: 198.51.100.7",
    SERVER_FRAMINGS["openvpn-3.0"].format("certificate revoked"),
])
def test_the_clients_own_certificate_in_a_servers_log_stays_the_clients(text):
    got = ranked(text)
    assert got[0][0] in (C.CLIENT_CERT_REQUIRED, C.CERT_REVOKED), got[:3]


def test_openvpns_server_log_names_its_crl():
    text = SERVER_FRAMINGS["openvpn-1.0"].format("CRL has expired")
    result = explain(text)
    assert result.side == "server"
    assert result.findings[0].cause is C.SERVER_MISCONFIGURATION


# ---- class 2b: a server with no certificate or key to serve (patterns/server_keys.py) ----

_KEY_MANAGER_LINES = {
    "jsse-debug": "javax.net.ssl|ALL|0A|main|2024-05-01 10:00:00.000 UTC|X509Authentication."
                  "java:297|No X.509 cert selected for RSA",
    "app-keymanager": "2024-05-01 10:00:00,328 - INFO  - server.ssl.UnitKeyManager  - No "
                      "appropriate key pair found.",
    "alias-null": "2024-05-01 10:00:00,328 DEBUG c.e.tls.Keys - chooseEngineServerAlias(RSA, "
                  "null) -> null",
}
_REFUSALS = {
    "tls12": "javax.net.ssl.SSLHandshakeException: no cipher suites in common",
    "tls13": "javax.net.ssl.SSLHandshakeException: No available authentication scheme",
    "jetty": "2024-05-01 10:00:00,330 - WARN  - jetty.util.log - javax.net.ssl."
             "SSLHandshakeException: no cipher suites in common",
}
KEY_CELLS = list(itertools.product(_KEY_MANAGER_LINES, _REFUSALS))


@pytest.mark.parametrize(("keys", "refusal"), KEY_CELLS)
def test_a_key_manager_that_found_nothing_is_the_servers_keystore(keys, refusal):
    text = f"{_KEY_MANAGER_LINES[keys]}\n{_REFUSALS[refusal]}"
    got = ranked(text)
    assert got[0][0] is C.SERVER_MISCONFIGURATION and got[0][1] >= 0.8, got[:3]


@pytest.mark.parametrize("text", [
    "2024/05/01 10:00:00 http: TLS handshake error from 198.51.100.7:51234: tls: no "
    "certificates configured",
    'rustls::Error: General("no server certificate chain resolved")',
    "System.NotSupportedException: The server mode SSL must use a certificate with the "
    "associated private key.",
])
def test_each_stacks_server_without_a_certificate(text):
    assert ranked(text)[0][0] is C.SERVER_MISCONFIGURATION


def test_jsses_refusal_alone_is_a_ranking_of_suites_and_keystore():
    got = ranked("javax.net.ssl.SSLHandshakeException: no cipher suites in common")
    assert got[0][0] is C.CIPHER_SUITE_MISMATCH and got[0][1] < 0.6
    assert C.SERVER_MISCONFIGURATION in [c for c, _ in got]


def test_a_key_type_tried_in_a_working_handshake_is_not_a_refusal():
    # JSSE tries each key type: "No X.509 cert selected for EC" precedes many good handshakes
    text = (_KEY_MANAGER_LINES["jsse-debug"].replace("RSA", "EC") + "\njavax.net.ssl."
            "SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath."
            "SunCertPathBuilderException: unable to find valid certification path to "
            "requested target")
    assert ranked(text)[0][0] is not C.SERVER_MISCONFIGURATION
