"""Round 15: the server a trust failure names in prose, and the biggest sites' hosts
(ingest/hostclass.py; docs/explain-upstream.md "Round 15: which trust failure").

A name after "to", "of", "from", "for", "host", "server" is read only when it decides by
itself (a big public host, a private suffix); the dotted names of stack frames, modules and
files, and the names a certificate "is valid for", are not servers. Audited as forms x
names x (public | private | not a host), then through explain with trust wordings.
"""

from __future__ import annotations

import pytest

from tlsdoctor import explain
from tlsdoctor.diagnosis.causes import Cause as C
from tlsdoctor.ingest.hostclass import PRIVATE, PUBLIC, classify

FORMS = (
    "initiating SSL connection to {h}; error:0A000086:SSL routines::certificate verify failed",
    "Server certificate verification failed for {h}",
    "error connecting to {h}: tls handshake failed",
    "unable to verify the certificate of {h}",
    "failed to fetch index from {h}",
    "Could not connect to SMTP host: {h}, port: 465;",
    "Couldn't connect to host, port: {h}, 587; timeout -1;",
    "TLS handshake with server {h} failed",
)
PUBLIC_NAMES = ("registry.npmjs.org", "proxy.golang.org", "api.twitter.com", "smtp.gmail.com",
                "graph.facebook.com", "repo1.maven.org", "en.wikipedia.org")
PRIVATE_NAMES = ("gitlab.corp", "nexus.internal", "registry.svc.cluster.local", "nas.lan")
NOT_HOSTS = (
    "at io.netty.handler.ssl.SslHandler.decodeJdkCompatible(SslHandler.java:1338)",
    "from requests.packages.urllib3.exceptions import InsecureRequestWarning",
    "x509: certificate is valid for kubernetes.default.svc.cluster.local, not 10.0.0.1",
    "Error: failed to read config from settings.local",  # no: a file, but a private suffix
)
CELLS = [(f, h, kind) for f in FORMS for names, kind in ((PUBLIC_NAMES, PUBLIC),
                                                        (PRIVATE_NAMES, PRIVATE))
         for h in names]


@pytest.mark.parametrize(("form", "host", "kind"), CELLS,
                         ids=[f"{i}-{h}" for i, (_, h, _) in enumerate(CELLS)])
def test_a_named_server_in_prose(form: str, host: str, kind: str) -> None:
    got = classify(form.format(h=host))
    assert (got.kind, got.host) == (kind, host), (got, form)


@pytest.mark.parametrize("text", NOT_HOSTS[:3])
def test_dotted_names_that_are_not_servers(text: str) -> None:
    assert classify(text).kind == "", text


@pytest.mark.parametrize("host", PUBLIC_NAMES)
def test_through_explain_a_public_host_in_prose_reads_re_signing_first(host: str) -> None:
    text = f"error connecting to {host}: x509: certificate signed by unknown authority"
    r = explain(text)
    assert r.findings[0].cause is C.TLS_INTERCEPTION_MITM, text
    assert r.findings[0].confidence < 0.6 and host in r.next
