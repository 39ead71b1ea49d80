"""Round 15: trust wordings the context reader lacked (docs/explain-upstream.md "Round 15:
which trust failure"): Apple's SecTrust sentence as Go on macOS prints it (apple-open-source/
macos Security/OSX/sec/Security/SecFrameworkStrings.h SEC_TRUST_ERROR_SUBTYPE_TRUST), Qt's
QSslError texts (qt/qtbase src/network/ssl/qsslerror.cpp), BearSSL's BR_ERR_X509_NOT_TRUSTED.
Each wording x context (a big public host, a private host, environment words, an
inspection product named as the certificate) must read as every other stack's words do.
"""

from __future__ import annotations

import pytest

from tlsdoctor import explain
from tlsdoctor.diagnosis.causes import Cause as C
from tlsdoctor.ingest import trust_context

CONFIDENT = 0.6

# (kind, text with {host}; the Apple form names the certificate, here the host's leaf)
WORDINGS = {
    "go-macos": ("unknown_issuer", 'Get "https://{host}/v1/x": tls: failed to verify '
                 "certificate: x509: “{host}” certificate is not trusted"),
    "urlsession": ("unknown_issuer", "Task <1> finished with error: “{host}” certificate is "
                   "not trusted (connecting to https://{host}/)"),
    "qt-local-issuer": ("issuer_not_found", "qt.network.ssl: https://{host}/ : The issuer "
                        "certificate of a locally looked up certificate could not be found"),
    "qt-issuer": ("issuer_not_found", "SSL error for https://{host}/: The issuer certificate "
                  "could not be found"),
    "qt-root-in-chain": ("self_signed_in_chain", "SSL error for https://{host}/: The root "
                         "certificate of the certificate chain is self-signed, and untrusted"),
    "bearssl": ("unknown_issuer", "TLS to https://{host}/ failed: BR_ERR_X509_NOT_TRUSTED"),
}
HOSTS = {"public": "api.github.com", "private": "nexus.corp"}
CELLS = [(w, ctx) for w in WORDINGS for ctx in ("public", "private", "environment")]


@pytest.mark.parametrize(("wording", "context"), CELLS, ids=[f"{w}-{c}" for w, c in CELLS])
def test_the_wording_reads_in_context(wording: str, context: str) -> None:
    kind, form = WORDINGS[wording]
    text = form.format(host=HOSTS.get(context, "api.github.com"))
    if context == "environment":
        text += "\n(we are behind the corporate proxy with SSL inspection)"
    found = trust_context.kind_of(text)
    assert found is not None and found[0] == kind, (found, text)
    r = explain(text)
    first = r.findings[0]
    if context == "public":
        assert first.cause is C.TLS_INTERCEPTION_MITM and first.confidence < CONFIDENT, text
        assert HOSTS["public"] in r.next
    elif context == "private":
        assert first.cause in (C.CERT_UNTRUSTED_ROOT, C.CERT_SELF_SIGNED), (first.cause, text)
        assert C.TLS_INTERCEPTION_MITM not in {f.cause for f in r.findings[:2]}
    else:
        assert first.cause is C.TLS_INTERCEPTION_MITM and first.confidence >= CONFIDENT, text


@pytest.mark.parametrize("name", ["Zscaler Intermediate Root CA", "Fiddler Root Certificate "
                                  "Authority", "Proxyman CA (1 Jan 2026, mac)"])
def test_apples_sentence_naming_an_inspection_ca(name: str) -> None:
    r = explain(f"x509: “{name}” certificate is not trusted")
    assert r.findings[0].cause is C.TLS_INTERCEPTION_MITM
    assert r.findings[0].confidence >= CONFIDENT
