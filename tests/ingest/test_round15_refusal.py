"""Round 15: a Java client's bare refusal read by what the client itself shows
(ingest/jsse_context.py through ingest/refusal.py).

The audit is JSSE's printed refusal (4 forms: bare, JDK 17 frames, JDK 8 frames, JDK 8 debug)
x 14 contexts (refusal_audit_table.java_cells): SSLEngine frames, jsse.enableSNIExtension,
a dotless or IP host, ClientHello traces with and without the name, old and new versions, a
JDK named, a keystore. 10/56 cells held at the base (e07c93e), 56/56 after."""

from __future__ import annotations

import pytest
from refusal_audit_table import OWN_CONTEXT_CELLS, java_cells, judge

from tlsdoctor.api import explain
from tlsdoctor.ingest import jsse_context
from tlsdoctor.ingest.posting import unwrap

_CELLS = java_cells()
_ALERT = "javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure"


@pytest.mark.parametrize(("stack", "ctx", "text", "want"), _CELLS,
                         ids=[f"{s}-{c}" for s, c, _, _ in _CELLS])
def test_java_refusal_cell(stack: str, ctx: str, text: str, want: str) -> None:
    r = explain(text)
    top = r.findings[0] if r.findings else None
    assert judge(explain, text, want), (want, top and (top.cause.value, top.confidence))


def test_audit_size() -> None:
    assert len(_CELLS) == 56


@pytest.mark.parametrize(("url", "hint"), [
    ("https://billing-api:8443/v1", "no_sni"),       # no dot: JSSE sends no name
    ("https://billing-api.corp.example:8443/v1", None),  # a dotted name is sent
    ("https://localhost:8443/", None),               # a local server rarely routes by name
])
def test_a_dotless_host_sends_no_name(url: str, hint: str | None) -> None:
    fact = jsse_context.read(f"GET {url}\n{_ALERT}")
    assert (fact.hint if fact and fact.hint == "no_sni" else None) == hint


def test_sni_extension_switched_off_only_when_false() -> None:
    assert jsse_context.read("-Djsse.enableSNIExtension=false").hint == "no_sni"
    assert jsse_context.read('System.setProperty("jsse.enableSNIExtension", "false");'
                             ).hint == "no_sni"
    assert jsse_context.read("-Djsse.enableSNIExtension=true") is None


def test_jdk8_debug_stars_survive_the_posting_unwrap() -> None:
    """JDK 8's "*** ClientHello" / "***" are JSSE's, not a redacted host; a lone *** in a
    sentence still is."""
    text = "*** ClientHello, TLSv1.2\nCipher Suites: [X]\n***\nssh to *** failed"
    assert unwrap(text) == "*** ClientHello, TLSv1.2\nCipher Suites: [X]\n***\nssh to redacted failed"


def test_a_trace_with_the_name_says_suites_only_when_the_hello_was_refused() -> None:
    hello = ('javax.net.ssl|DEBUG|10|main|x|ClientHello.java:639|Produced ClientHello handshake '
             'message (\n"ClientHello": {\n  "client version"      : "TLSv1.2",\n  "extensions"'
             '          : [\n    "server_name (0)": {\n      type=host_name (0), value=a.example'
             '\n    },\n    "supported_versions (43)": {\n      "versions": [TLSv1.3, TLSv1.2]\n'
             '    }\n  ]\n}\n)\n')
    refused = explain(hello + _ALERT)
    assert refused.findings[0].cause.value == "cipher_suite_mismatch"
    assert refused.findings[0].confidence < 0.6
    # the server answered (ServerHello consumed): the hello is not what it refused
    answered = hello + ("javax.net.ssl|DEBUG|10|main|x|ServerHello.java:888|Consuming ServerHello "
                        "handshake message (\n)\n")
    assert explain(answered + _ALERT).findings[0].cause.value != "cipher_suite_mismatch"


def test_the_trace_outranks_the_words_and_the_words_outrank_the_frames() -> None:
    engine = "\tat java.base/sun.security.ssl.SSLEngineImpl.beginHandshake(SSLEngineImpl.java:102)"
    keystore = "-Djavax.net.ssl.keyStore=client.p12"
    assert explain(f"{keystore}\n{_ALERT}\n{engine}").findings[0].cause.value == \
        "client_cert_required"
    no_name = ("javax.net.ssl|WARNING|10|main|x|ServerNameExtension.java:267|Unable to indicate "
               "server name")
    top = explain(f"{keystore}\n{no_name}\n{_ALERT}\n{engine}").findings[0]
    assert top.cause.value == "sni_required_or_mismatch" and top.confidence < 0.6


def test_engine_reading_names_the_host_check() -> None:
    r = explain(f"{_ALERT}\n\tat sun.security.ssl.SSLEngineImpl.recvAlert(SSLEngineImpl.java:1800)"
                "\nconnecting to https://api.example.org:8443/")
    top = r.findings[0]
    assert top.cause.value == "sni_required_or_mismatch" and top.confidence < 0.6
    assert "SSLEngine" in top.explanation
    tell = top.facts["tell_apart"]
    assert "-servername api.example.org" in tell and "-noservername" in tell


def test_bouncycastle_bare_is_the_client_certificate_first() -> None:
    top = explain("org.bouncycastle.tls.TlsFatalAlertReceived: handshake_failure(40)").findings[0]
    assert top.cause.value == "client_cert_required" and top.confidence < 0.6


_OWN = OWN_CONTEXT_CELLS


@pytest.mark.parametrize(("stack", "ctx", "text", "want"), _OWN,
                         ids=[f"{s}-{c}" for s, c, _, _ in _OWN])
def test_own_context_cell(stack: str, ctx: str, text: str, want: str) -> None:
    r = explain(text)
    top = r.findings[0] if r.findings else None
    assert judge(explain, text, want), (want, top and (top.cause.value, top.confidence))


def test_an_engine_without_the_host_is_the_clients_to_fix() -> None:
    top = explain(f"{_ALERT}\n\tat sun.security.ssl.SSLEngineImpl.recvAlert(SSLEngineImpl.java:"
                  "1800)").findings[0]
    assert top.cause.value == "sni_required_or_mismatch" and top.who_fixes.value == "client"
    jni = explain("javax.net.ssl.SSLException: error:0A000410:SSL routines::sslv3 alert "
                  "handshake failure").findings[0]
    assert jni.cause.value == "sni_required_or_mismatch" and jni.who_fixes.value == "client"
