"""Round 15, which trust failure: the certificate a verify callback names (docs/
explain-upstream.md "Round 15: the certificate a verify callback names").

FreeBSD libfetch (pkg, fetch) prints the subject of the certificate the check failed at
("Certificate verification failed for /C=US/O=ISRG/CN=Root YR", X509_NAME_oneline form;
lib/libfetch/common.c fetch_ssl_cb_verify_crt), Boost.Asio's SSL client example every
certificate it verifies ("Verifying /C=US/O=GeoTrust Inc./CN=..."). A public CA's name there
means the public chain reached this client, not a re-signed one: this client's store (or
the CA file it was pointed at) lacks the root, below 0.6. An inspection product's name is
re-signing; a private name is a private root.
"""

from __future__ import annotations

import pytest

from tlsdoctor import explain
from tlsdoctor.diagnosis.causes import Cause as C

CONFIDENT = 0.6

PUBLIC_NAMES = (
    "/C=US/O=ISRG/CN=Root YR", "/C=US/O=ISRG/CN=Root YE",
    "/C=US/O=Internet Security Research Group/CN=ISRG Root X1",
    "/C=US/O=Let's Encrypt/CN=R11",
    "/C=US/O=DigiCert Inc/OU=www.digicert.com/CN=DigiCert Global Root G2",
    "/C=GB/ST=Greater Manchester/L=Salford/O=Sectigo Limited/CN=Sectigo RSA Domain "
    "Validation Secure Server CA",
    "/C=BE/O=GlobalSign nv-sa/OU=Root CA/CN=GlobalSign Root CA",
    "/C=US/O=GeoTrust Inc./CN=GeoTrust Global CA",
    "/C=US/O=Amazon/CN=Amazon Root CA 1",
)
INSPECTION_NAMES = ("/C=US/ST=California/O=Zscaler Inc./OU=Zscaler Inc./CN=Zscaler Root CA",
                    "/C=US/O=Fortinet/CN=FortiGate CA")
PRIVATE_NAMES = ("/O=Acme Corp/CN=Acme Internal Root CA", "/CN=10.0.0.5",
                 "/C=DE/O=Muster GmbH/CN=Muster Issuing CA 1")

_ERR = ("34359738368:error:1416F086:SSL routines:tls_process_server_certificate:certificate "
        "verify failed:/usr/src/crypto/openssl/ssl/statem/statem_clnt.c:1915:")
FORMS = (
    ("libfetch-pkg", "Certificate verification failed for {name}\n{err}\npkg: "
                     "https://{host}/FreeBSD:14:amd64/quarterly/meta.txz: Authentication "
                     "error"),
    ("libfetch-fetch", "Certificate verification failed for {name}\n{err}\nfetch: "
                       "https://{host}/file.tar.gz: Authentication error"),
    ("libfetch-openssl3", "Certificate verification failed for {name}\n...:error:0A000086:"
                          "SSL routines:tls_post_process_server_certificate:certificate "
                          "verify failed\npkg: https://{host}/meta.txz: Authentication error"),
    # Boost.Asio's example client, as the round-15 dev thread printed it (the host is the
    # command line's, given before the output)
    ("boost-asio", "$ ./client {host} 443\nResolve OK\nConnect OK\nVerifying {name}\n"
                   "Handshake failed: certificate verify failed"),
)
HOSTS = ("pkg.freebsd.org", "pfblockerng.github.io", "mirror.example-isp.net")


def _text(form: str, name: str, host: str) -> str:
    return form.format(name=name, err=_ERR, host=host)


CELLS = [(s, f, n, h) for s, f in FORMS for n in PUBLIC_NAMES for h in HOSTS]


@pytest.mark.parametrize(("stack", "form", "name", "host"), CELLS,
                         ids=[f"{s}-{i}" for i, (s, *_rest) in enumerate(CELLS)])
def test_a_public_ca_named_by_the_callback_is_this_clients_store(stack: str, form: str,
                                                                  name: str, host: str) -> None:
    text = _text(form, name, host)
    r = explain(text)
    first = r.findings[0]
    assert first.cause is C.CLIENT_MISCONFIGURATION and first.confidence < CONFIDENT, (
        [(f.cause, f.confidence) for f in r.findings], text)
    assert C.TLS_INTERCEPTION_MITM not in [f.cause for f in r.findings[:2]], text


@pytest.mark.parametrize("name", INSPECTION_NAMES)
@pytest.mark.parametrize(("stack", "form"), FORMS, ids=[s for s, _ in FORMS])
def test_an_inspection_ca_named_by_the_callback_is_re_signing(stack: str, form: str,
                                                               name: str) -> None:
    r = explain(_text(form, name, HOSTS[0]))
    assert r.findings[0].cause is C.TLS_INTERCEPTION_MITM, r.findings[:2]


@pytest.mark.parametrize("name", PRIVATE_NAMES)
@pytest.mark.parametrize(("stack", "form"), FORMS, ids=[s for s, _ in FORMS])
def test_a_private_name_named_by_the_callback_is_not_the_store(stack: str, form: str,
                                                                name: str) -> None:
    r = explain(_text(form, name, HOSTS[0]))
    first = r.findings[0]
    assert first.cause is not C.CLIENT_MISCONFIGURATION and first.confidence < CONFIDENT, (
        r.findings[:2])
