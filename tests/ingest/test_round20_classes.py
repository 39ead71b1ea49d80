"""Round 20: classes of misses found when holdout18 was folded into dev.

Each class is read for every program that prints it, in the forms it is posted in; each
test here fails on the code before the round (the texts were unread or read without a cause).
"""

from __future__ import annotations

import pytest

from tlsdoctor.api import explain
from tlsdoctor.ingest.patterns.alerts import ALERTS


def _reading(text: str) -> list[tuple[str, float]]:
    return [(f.cause.value, round(f.confidence, 2)) for f in explain(text).findings]


# A. JSSE's received alert (OpenJDK sun/security/ssl/Alert.java: "Received fatal alert: " +
# the RFC identifier) with a wrapper's words after it (YaCy's crawler prints the request's
# duration and URL there). The identifier ends the alert: the reading is the bare line's.
_JAVA_NAMES = sorted({name for name, *_ in ALERTS.values()})


@pytest.mark.parametrize("name", _JAVA_NAMES)
@pytest.mark.parametrize("before", ["javax.net.ssl.SSLHandshakeException: ",
                                    "Failed to fetch https://example.org/: "])
def test_java_received_alert_is_read_whatever_follows(name: str, before: str) -> None:
    bare = f"{before}Received fatal alert: {name}"
    wrapped = f"{bare} duration=442 for page 3"
    r = explain(wrapped)
    assert r.recognized
    assert any(m.pattern_id.endswith(".java-read") for m in r.matches)
    assert _reading(wrapped) == _reading(bare)
    assert r.side == explain(bare).side


def test_yacy_crawler_line_reads_javas_alert() -> None:
    text = ('Crawling of "https://example.org/" failed. Reason: scraper cannot load URL: '
            "Client can't execute: Received fatal alert: handshake_failure duration=442 for "
            "url https://example.org//")
    r = explain(text)
    assert r.side == "client"
    assert r.findings and max(f.confidence for f in r.findings) < 0.6


def test_java_received_alert_keeps_the_longer_identifier() -> None:
    r = explain("Received fatal alert: bad_certificate_status_response while reading")
    ids = {m.pattern_id for m in r.matches}
    assert not any(i.startswith("alert.42.") for i in ids)  # not bad_certificate
    assert any(i.startswith("alert.113.") for i in ids)


# B. Go's unknown authority (crypto/x509 verify.go UnknownAuthorityError.Error: "x509:
# certificate signed by unknown authority") posted without its package prefix or retyped.
_GO = "x509: certificate signed by unknown authority"


@pytest.mark.parametrize("phrase", [
    "x509 certificate signed by unknown authority",
    "X509 certificate signed by unknown authority",
    "x509: a certificate signed by unknown authority",
    "certificate signed by unknown authority",
    "tls: failed to verify certificate: certificate signed by unknown authority",
])
@pytest.mark.parametrize("around", [
    "{}",
    'Post "https://github.com/login/oauth/access_token": {}',
    "Error response from daemon: Get https://registry.corp.internal/v2/: {}",
])
def test_go_unknown_authority_in_its_posted_forms(phrase: str, around: str) -> None:
    r = explain(around.format(phrase))
    assert r.recognized
    assert _reading(around.format(phrase)) == _reading(around.format(_GO))
    assert r.side == explain(around.format(_GO)).side
    assert max(f.confidence for f in r.findings) < 0.6


def test_go_canonical_form_is_read_once() -> None:
    ids = [m.pattern_id for m in explain(_GO).matches if m.source == "go"]
    assert len(ids) == 2  # the harvested entry and the hand row, as before the round


def test_other_unknown_authority_words_stay_unread() -> None:
    assert not explain("the document was signed by an unknown author").recognized


# C. OpenSSL's packed error code as SWI-Prolog's library(ssl) prints it: "SSL(<code>)
# <function>: <reason>" (SWI-Prolog/packages-ssl ssl.pl 'SSL(~w) ~w: ~w', cryptolib.c
# ssl_error_term @ 751f611ee162); without OpenSSL's strings "func(119): reason(252)".
@pytest.mark.parametrize(("code", "func", "reason"), [
    ("140770FC", "func(119)", "reason(252)"),  # 1.0: SSL23_GET_SERVER_HELLO, unknown protocol
    ("14090086", "func(144)", "reason(134)"),  # 1.0: certificate verify failed
    ("14094410", "func(148)", "reason(1040)"),  # 1.0: alert handshake failure received
    ("0A00010B", "", "reason(267)"),           # 3.x: wrong version number
])
def test_swi_prolog_packed_code_reads_as_openssls(code: str, func: str, reason: str) -> None:
    swi = f"ERROR: SSL({code}) {func}: {reason}"
    r = explain(swi)
    assert r.recognized
    assert any(m.pattern_id == f"openssl.packed.{code}" for m in r.matches)
    assert _reading(swi) == _reading(f"ERROR: error:{code}")


def test_swi_prolog_url_on_the_plain_port() -> None:
    text = ("?- http_open('https://example.org:80', In, []).\n"
            "ERROR: SSL(140770FC) func(119): reason(252)")
    assert _reading(text)[0][0] == "non_tls_service_on_port"


@pytest.mark.parametrize("text", ["ERROR: SSL(not a code) func(1): reason(2)",
                                  "ERROR: SSL(140770FC0) func(119): reason(252)"])
def test_swi_prolog_form_needs_a_packed_code(text: str) -> None:
    assert not explain(text).recognized


# D. Who printed it: the mirror of a client's "with/from the server" (side.py's generic
# framing). A program that read from, or shook hands with, "the client" is the server, so a
# refusal alert it received is the client refusing this server's certificate.
@pytest.mark.parametrize("text", [
    '10-09 21:12:32.7680 [E][proxy]: [19] "Read from client": tlsv1 alert unknown ca '
    "(SSL routines, ssl3_read_bytes)",
    "TLS handshake with client failed: sslv3 alert certificate unknown",
    "error reading from the client: tlsv1 alert unknown ca",
])
def test_words_about_the_client_are_a_servers_log(text: str) -> None:
    r = explain(text)
    assert r.side == "server"
    assert r.findings[0].cause.value in {"cert_untrusted_root", "cert_self_signed"}
    assert "client_cert_required" not in {f.cause.value for f in r.findings[:2]}


@pytest.mark.parametrize("text", [
    "handshake with client certificate failed: tlsv1 alert unknown ca",
    "could not load key from client key file: tlsv1 alert unknown ca",
    # mbedTLS's own sentence about both peers (MBEDTLS_ERR_SSL_NO_CIPHER_CHOSEN's text)
    "mbedtls_ssl_handshake returned -0x7380: SSL - The server has no ciphersuites in common "
    "with the client",
])
def test_a_clients_own_certificate_words_are_not_a_server(text: str) -> None:
    assert explain(text).side != "server"


# E. sslsplit's own log names the side of the split connection (droe/sslsplit pxyconn.c
# pxy_bev_eventcb, @ b2128fc9a7cb: "Error from %s bufferevent: %i:%s %lu:%i:%s:%i:%s:%i:%s",
# "src" the intercepted client's connection, "dst" sslsplit's own to the server).
def _sslsplit(side: str, code: int, reason: str) -> str:
    packed = 0x14000000 | (148 << 12) | code
    return (f"Error from {side} bufferevent: 0:- {packed}:{code}:{reason}:20:SSL routines:148:"
            "ssl3_read_bytes")


@pytest.mark.parametrize(("code", "reason"), [(1042, "sslv3 alert bad certificate"),
                                              (1048, "tlsv1 alert unknown ca"),
                                              (1046, "sslv3 alert certificate unknown")])
def test_sslsplit_client_refusing_the_forged_certificate(code: int, reason: str) -> None:
    r = explain(_sslsplit("src", code, reason))
    assert r.side == "server"
    assert r.findings[0].cause.value == "tls_interception_mitm"
    assert "client_cert_required" not in {f.cause.value for f in r.findings}


@pytest.mark.parametrize(("code", "reason"), [(1042, "sslv3 alert bad certificate"),
                                              (1048, "tlsv1 alert unknown ca")])
def test_sslsplit_server_refusing_sslsplit_as_a_client(code: int, reason: str) -> None:
    r = explain(_sslsplit("dst", code, reason))
    assert r.side == "client"
    assert r.findings[0].cause.value == "client_cert_required"


def test_sslsplit_without_a_side_stays_ambiguous() -> None:
    # releases before the src/dst word (holdout18's thread): either reading, below 0.6
    r = explain(_sslsplit("", 1042, "sslv3 alert bad certificate").replace("from  ", "from "))
    assert r.side == "unknown"
    assert max(f.confidence for f in r.findings) < 0.6
    assert not any(m.pattern_id.startswith("interception.") for m in r.matches)


def test_sslsplit_handshake_failure_on_src_is_not_a_certificate_refusal() -> None:
    r = explain(_sslsplit("src", 1040, "sslv3 alert handshake failure"))
    assert not any(m.pattern_id.startswith("interception.") for m in r.matches)
