"""Round 15, which trust failure: two contexts the host gives without naming a server kind
(docs/explain-upstream.md "Round 15: a server by its address, a root sent without a host").

1. A private server reached by its IP address, in words that cannot tell a self-signed
   leaf from an unknown issuer: the self-signed server first, a private CA second, below
   0.6. The same words for a private *name* keep the private CA first; OpenSSL's 20 (a CA
   issued the leaf) and a failure without its reason keep their rows whatever the host.
2. A self-signed root sent in the chain with no host and no context words: a re-signing
   device first, a private root second, below 0.6; with a private host (or one the poster
   cut out: "http://...") the private root first.
"""

from __future__ import annotations

import pytest

from tlsdoctor import explain
from tlsdoctor.diagnosis.causes import Cause as C
from tlsdoctor.ingest import trust_context

CONFIDENT = 0.6

# (stack, wording) that cannot tell a self-signed leaf from an unknown issuer, each as the
# program prints it with {url} / {hostport} / {host} where it names the server.
UNKNOWN_ISSUER = (
    ("go", 'Get "{url}": x509: certificate signed by unknown authority'),
    ("go-post", 'Post "{url}write?db=x": x509: certificate signed by unknown authority'),
    ("java", "javax.net.ssl.SSLHandshakeException: PKIX path building failed: "
             "sun.security.provider.certpath.SunCertPathBuilderException: unable to find "
             "valid certification path to requested target (connecting to {url})"),
    ("android", "java.security.cert.CertPathValidatorException: Trust anchor for "
                "certification path not found. url={url}"),
    ("firefox", "{url}\nSEC_ERROR_UNKNOWN_ISSUER"),
    ("chrome", "{url}\nNET::ERR_CERT_AUTHORITY_INVALID"),
    ("gnutls-cli", "Connecting to '{host}:443'...\n- Status: The certificate is NOT trusted. "
                   "The certificate issuer is unknown.\n*** PKI verification of server "
                   "certificate failed..."),
    ("dotnet", "GET {url}\nThe remote certificate is invalid because of errors in the "
               "certificate chain: UntrustedRoot"),
    ("curl-gnutls", "curl: (60) SSL certificate problem: Peer certificate cannot be "
                    "authenticated with given CA certificates\n$ curl {url}"),
    ("elastic-beats", "error connecting to Elasticsearch at {url}: Get \"{url}\": x509: "
                      "certificate signed by unknown authority"),
)
IPS = ("192.168.2.2", "10.0.4.17", "172.20.3.4", "127.0.0.1", "192.168.1.100")
NAMES = ("nas.local", "build.internal", "gitlab.corp", "es01.home.arpa", "registry.lan")


def _render(template: str, host: str) -> str:
    return template.format(url=f"https://{host}/", host=host, hostport=f"{host}:443")


IP_CELLS = [(s, t, h) for s, t in UNKNOWN_ISSUER for h in IPS]
NAME_CELLS = [(s, t, h) for s, t in UNKNOWN_ISSUER for h in NAMES]


@pytest.mark.parametrize(("stack", "template", "host"), IP_CELLS,
                         ids=[f"{s}-{h}" for s, _, h in IP_CELLS])
def test_a_private_server_by_its_address_is_self_signed_first(stack: str, template: str,
                                                               host: str) -> None:
    text = _render(template, host)
    r = explain(text)
    causes = [f.cause for f in r.findings]
    assert causes[0] is C.CERT_SELF_SIGNED and r.findings[0].confidence < CONFIDENT, (
        causes, text)
    assert C.CERT_UNTRUSTED_ROOT in causes[1:3], (causes, text)
    assert host in r.next, r.next


@pytest.mark.parametrize(("stack", "template", "host"), NAME_CELLS,
                         ids=[f"{s}-{h}" for s, _, h in NAME_CELLS])
def test_a_private_name_keeps_the_private_ca_first(stack: str, template: str,
                                                  host: str) -> None:
    text = _render(template, host)
    causes = [f.cause for f in explain(text).findings]
    assert causes[0] is C.CERT_UNTRUSTED_ROOT and C.CERT_SELF_SIGNED in causes[1:3], (
        causes, text)


@pytest.mark.parametrize("host", IPS)
@pytest.mark.parametrize("text", (
    "curl: (60) SSL certificate problem: unable to get local issuer certificate\n$ curl {url}",
    "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer "
    "certificate (_ssl.c:1006) while fetching {url}"))
def test_openssl_20_by_address_keeps_the_issuing_ca(text: str, host: str) -> None:
    # OpenSSL's 20 says a CA issued the leaf (a self-signed one is 18): not self-signed first
    causes = [f.cause for f in explain(_render(text, host)).findings]
    assert causes[0] is C.CERT_UNTRUSTED_ROOT, causes


# --- 2. a root sent in the chain -------------------------------------------------------------

ROOT_SENT = (
    ("curl-openssl-1.1", "curl: (60) SSL certificate problem: self signed certificate in "
                         "certificate chain"),
    ("curl-openssl-3", "curl: (60) SSL certificate problem: self-signed certificate in "
                       "certificate chain"),
    ("curl-lib", "Error: SSL certificate problem: self signed certificate in certificate chain"),
    ("git", "fatal: unable to access '{url}': SSL certificate problem: self-signed "
            "certificate in certificate chain"),
    ("python", "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate "
               "verify failed: self signed certificate in certificate chain (_ssl.c:1129)"),
    ("node", "Error: self-signed certificate in certificate chain\n    at TLSSocket."
             "onConnectSecure (node:_tls_wrap:1674:34) {{\n  code: 'SELF_SIGNED_CERT_IN_CHAIN'"),
    ("npm", "npm ERR! code SELF_SIGNED_CERT_IN_CHAIN\nnpm ERR! errno SELF_SIGNED_CERT_IN_CHAIN"),
    ("php-curl", "cURL error 60: SSL certificate problem: self signed certificate in "
                 "certificate chain"),
    ("ruby", "SSL_connect returned=1 errno=0 state=error: certificate verify failed (self "
             "signed certificate in certificate chain) (OpenSSL::SSL::SSLError)"),
    ("qt", "QSslError: The root certificate of the certificate chain is self-signed, and "
           "untrusted"),
    ("mysql", "ERROR 2026 (HY000): TLS/SSL error: self-signed certificate in certificate "
              "chain"),
)
CUT = ("http://...", "https://…")


def _root_sent(template: str, host: str | None) -> str:
    if "{url}" in template:
        return template.format(url=host or "https://...")
    text = template.format()
    return f"$ fetch {host}/x\n{text}" if host else text


ROOT_CELLS = [(s, t) for s, t in ROOT_SENT if "{url}" not in t]


@pytest.mark.parametrize(("stack", "template"), ROOT_CELLS, ids=[s for s, _ in ROOT_CELLS])
def test_a_root_sent_without_a_host_is_re_signing_first(stack: str, template: str) -> None:
    text = _root_sent(template, None)
    r = explain(text)
    causes = [f.cause for f in r.findings]
    if stack == "mysql":  # a database client: inspection products re-sign web traffic only
        assert causes[0] is C.CERT_UNTRUSTED_ROOT, (causes, text)
        return
    if stack == "ruby":  # Ruby's verify result in parentheses keeps its store prior (round 14)
        assert causes[0] is C.CLIENT_MISCONFIGURATION and C.TLS_INTERCEPTION_MITM in causes
        return
    assert causes[0] is C.TLS_INTERCEPTION_MITM and r.findings[0].confidence < CONFIDENT, (
        causes, text)
    assert C.CERT_UNTRUSTED_ROOT in causes[1:3], (causes, text)
    assert "inspection product" in r.findings[0].facts["tell_apart"]


@pytest.mark.parametrize("host", ("https://10.0.4.17:8443", "https://build.internal", *CUT))
@pytest.mark.parametrize(("stack", "template"), ROOT_SENT, ids=[s for s, _ in ROOT_SENT])
def test_a_root_sent_by_a_private_or_hidden_host_is_a_private_root(
        stack: str, template: str, host: str) -> None:
    text = _root_sent(template, host)
    causes = [f.cause for f in explain(text).findings]
    assert causes[0] is C.CERT_UNTRUSTED_ROOT, (causes, text)


def test_the_rows_exist_and_stay_below_certainty():
    assert ("unverified", trust_context.PRIVATE_IP) not in trust_context.ROWS
    for key in (("unknown_issuer", trust_context.PRIVATE_IP),
                ("self_signed_in_chain", trust_context.ROOT_SENT)):
        first = float(trust_context.ROWS[key].split()[0].split(":")[1])
        assert first < CONFIDENT, key
