"""Round 15 audit: an inspection product's CA named as the issuer, in every stack's words
(docs/explain-upstream.md "Round 15: which trust failure").

The class: whatever program printed it, a chain-trust failure whose printed issuer (or the
candidate root, or the chain line) is a TLS-inspection product's CA was re-signed on the
way, confidently, and nobody but the client's side fixes it. Enumerated as every product
of pki/interception.py (the built-in names and inspection_cas.json, each with its source)
x the forms programs print an issuer in x the host context (none, a big public host, a
private host). The same forms naming a public CA are never read as interception with
confidence, and the data file's rows each carry where the name is documented.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tlsdoctor import explain
from tlsdoctor.causes import Party
from tlsdoctor.diagnosis.causes import Cause as C
from tlsdoctor.pki import interception
from tlsdoctor.pki.interception import PRODUCTS, match_interception

CONFIDENT = 0.6

# How programs print the issuer of what they could not trust ({n}: the issuer's CN).
FORMS: dict[str, str] = {
    # Go crypto/x509 verify.go (a root of that name in the pool, another key)
    "go": 'x509: certificate signed by unknown authority (possibly because of "crypto/rsa: '
          'verification error" while trying to verify candidate authority certificate "{n}")',
    # openssl s_client's verify callback and its chain listing
    "s_client-depth": "depth=1 C = US, O = Acme, CN = {n}\nverify error:num=20:unable to get "
                      "local issuer certificate",
    "s_client-chain": "Certificate chain\n 0 s:CN = github.com\n   i:CN = {n}\n---\n"
                      "Verification error: unable to get local issuer certificate",
    # wget over OpenSSL (src/openssl.c)
    "wget-openssl": "ERROR: cannot verify github.com's certificate, issued by 'CN={n},O=Acme':"
                    "\n  Unable to locally verify the issuer's authority.",
    # gnutls-cli's certificate info
    "gnutls-cli": " - subject `CN=github.com', issuer `CN={n},O=Acme', serial 0x01\n"
                  "- Status: The certificate is NOT trusted. The certificate issuer is unknown.",
    # curl -v (the certificate it shows)
    "curl-v": "*  subject: CN=github.com\n*  issuer: C=US; O=Acme; CN={n}\n"
              "* SSL certificate problem: unable to get local issuer certificate",
    # JDK 11+ -Djavax.net.debug=ssl:handshake
    "java-debug": 'javax.net.ssl.SSLHandshakeException: PKIX path building failed\n'
                  '      "issuer"            : "CN={n}, O=Acme",',
    # a browser's certificate viewer as pasted under NET::ERR_CERT_AUTHORITY_INVALID
    "chrome": "NET::ERR_CERT_AUTHORITY_INVALID\nIssued By\nCommon Name (CN) {n}",
    # openssl verify / x509 -noout -issuer
    "openssl-verify": "issuer=CN = {n}, O = Acme\nerror 20 at 0 depth lookup: unable to get "
                      "local issuer certificate",
    # .NET's chain element as printed by tools
    "dotnet": "The remote certificate is invalid according to the validation procedure.\n"
              "Issuer: CN={n}, O=Acme",
}
CONTEXTS = {"none": "", "public": "$ tool https://github.com/\n",
            "private": "$ tool https://10.20.30.40:8443/\n"}


def _names() -> list[str]:
    # key_public roots (Superfish...) are read by their own rule (a published key), not here
    return [p.pattern for p in PRODUCTS if not p.key_public]


CELLS = [(name, form, ctx) for name in _names() for form in FORMS for ctx in CONTEXTS]


def test_the_audit_covers_every_product_form_and_context() -> None:
    assert len(_names()) >= 36
    assert len(CELLS) == len(_names()) * len(FORMS) * len(CONTEXTS)


@pytest.mark.parametrize(("name", "form", "context"), CELLS,
                         ids=[f"{n}-{f}-{c}" for n, f, c in CELLS])
def test_an_inspection_products_issuer_is_interception(name: str, form: str,
                                                       context: str) -> None:
    text = CONTEXTS[context] + FORMS[form].format(n=name)
    r = explain(text)
    first = r.findings[0]
    assert first.cause is C.TLS_INTERCEPTION_MITM and first.confidence >= CONFIDENT, (
        [(f.cause, f.confidence) for f in r.findings], text)
    assert first.who_fixes is not Party.SERVER


_PUBLIC_CAS = ("DigiCert Global Root G2", "ISRG Root X1", "Sectigo RSA Domain Validation "
               "Secure Server CA", "GTS CA 1C3", "Amazon RSA 2048 M01", "R11")


@pytest.mark.parametrize(("name", "form"), [(n, f) for n in _PUBLIC_CAS for f in FORMS])
def test_a_public_cas_name_is_never_confident_interception(name: str, form: str) -> None:
    text = CONTEXTS["public"] + FORMS[form].format(n=name)
    first = explain(text).findings[0]
    assert not (first.cause is C.TLS_INTERCEPTION_MITM and first.confidence >= CONFIDENT), text


def test_every_documented_name_has_its_source() -> None:
    data = Path(interception.__file__).with_name("inspection_cas.json")
    rows = json.loads(data.read_text(encoding="utf-8"))["products"]
    assert len(rows) >= 10
    for row in rows:
        assert row["source"].startswith(("https://", "http://")) or "/" in row["source"], row
        assert match_interception(f"CN={row['pattern']}, O=x") is not None, row
    patterns = [p.pattern.lower() for p in PRODUCTS]
    assert len(patterns) == len(set(patterns))
