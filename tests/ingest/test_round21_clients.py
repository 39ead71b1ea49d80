"""Round 21 (patterns/clients21.py): lynx's alerts, undici's (Node's fetch) errors and
aiohttp's connection errors, harvested from their source (upstream/lynx.json, undici.json,
aiohttp.json), in the forms the programs print them; and what must stay unread."""

from __future__ import annotations

import pytest
from harvest_checks import first_cause, judged, printed_form, top

from tlsdoctor.api import explain

_SOURCES = ("lynx", "undici", "aiohttp")
_ENTRIES = [e for s in _SOURCES for e in judged(s)]


@pytest.mark.parametrize("entry", _ENTRIES, ids=[f"{e.source}:{e.id}" for e in _ENTRIES])
def test_every_judged_entry_in_its_printed_form(entry: object) -> None:
    source, cause, conf = top(printed_form(entry))  # type: ignore[arg-type]
    assert source == entry.source  # type: ignore[attr-defined]
    assert cause == first_cause(entry)  # type: ignore[arg-type]
    assert explain(printed_form(entry)).side == "client"  # type: ignore[arg-type]
    if entry.id in ("SocketError.other side closed", "ServerDisconnectedError",  # type: ignore[attr-defined]
                    "Unable to make secure connection to remote host."):
        assert conf < 0.6  # the words do not say why the connection ended


def test_every_source_has_judged_entries() -> None:
    assert {e.source for e in _ENTRIES} == set(_SOURCES)


@pytest.mark.parametrize("text", [
    # the short words outside their program's form are anybody's
    "other side closed",
    "Server disconnected",
    # lynx's progress lines
    "Making HTTPS connection to example.com",
])
def test_not_read_as_a_tls_failure(text: str) -> None:
    assert not explain(text).findings, text


def test_aiohttp_without_tls_is_not_read_as_a_lost_handshake() -> None:
    # (the generic vocabulary may still rank something below certainty; not this reading)
    r = explain("aiohttp.client_exceptions.ClientConnectorError: Cannot connect to host "
                "db:8080 ssl:False [None]")
    assert r.source != "aiohttp"
    assert all(f.confidence < 0.6 for f in r.findings)


def test_aiohttp_bracket_still_read_by_the_os_table() -> None:
    r = explain("aiohttp.client_exceptions.ClientConnectorError: Cannot connect to host "
                "api.example.com:443 ssl:default [Connection refused]")
    assert r.findings[0].cause.value == "name_resolution_or_unreachable"


def test_java_httpclient_connect_exception_without_message() -> None:
    text = ("java.net.ConnectException\n\tat java.net.http/jdk.internal.net.http.HttpClientImpl"
            ".send(HttpClientImpl.java:573)\nCaused by: java.net.ConnectException\n"
            "Caused by: java.nio.channels.ClosedChannelException\n")
    r = explain(text)
    assert r.findings[0].cause.value == "name_resolution_or_unreachable"
    assert r.findings[0].who_fixes.value == "network"
    # with an SSL exception above it, the TLS words win
    assert explain("javax.net.ssl.SSLHandshakeException: No appropriate protocol (protocol is "
                   "disabled or cipher suites are inappropriate)\nCaused by: "
                   "java.net.ConnectException").findings[0].cause.value != (
                       "name_resolution_or_unreachable")
