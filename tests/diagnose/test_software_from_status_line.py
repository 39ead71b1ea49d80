"""Round 19: which server software the real handshake's HTTP answer names (doctor._software,
probe.reproduce._reason_phrase). Tomcat 8.5+ writes "HTTP/1.1 404 " with no reason phrase
and no Server header (apache/tomcat 10.1.59: Http11OutputBuffer.sendStatus,
Http11Processor.prepareResponse); the real Tomcat 10 is checked in
tests/fixes/test_tomcat_fixes_on_real_server.py. Here: the forms that must not name it."""

from __future__ import annotations

import pytest

from tlsdoctor.doctor import _software
from tlsdoctor.probe.reproduce import Reproduction, _reason_phrase


@pytest.mark.parametrize(("head", "reason"), [
    (b"HTTP/1.1 404 \r\nContent-Type: text/html\r\n\r\n", ""),  # Tomcat 10.1
    (b"HTTP/1.1 404 Not Found\r\nServer: nginx\r\n\r\n", "Not Found"),
    (b"HTTP/1.0 200 OK\r\n\r\n", "OK"),
    (b"HTTP/1.1 404\r\n\r\n", None),  # no space before the (absent) phrase: not Tomcat's form
    (b"SSH-2.0-OpenSSH_9.2\r\n", None),
    (b"", None),
])
def test_reason_phrase(head: bytes, reason: str | None) -> None:
    assert _reason_phrase(head) == reason


def _repro(header: str | None, reason: str | None) -> Reproduction:
    return Reproduction(ok=True, verified=True, server_header=header, http_status=404,
                        http_reason=reason)


@pytest.mark.parametrize(("header", "reason", "named"), [
    (None, "", "tomcat"),
    (None, "Not Found", None),  # a phrase: some other server that hides its name
    (None, None, None),  # no HTTP answer
    ("nginx/1.22.1", "", "nginx"),  # the Server header wins
    ("SomethingElse/1.0", "", None),  # a Server header Tomcat would not send by default
])
def test_software_named(header: str | None, reason: str | None, named: str | None) -> None:
    assert _software(None, _repro(header, reason)) == named
    assert _software("apache", _repro(header, reason)) == "apache"  # --server wins
