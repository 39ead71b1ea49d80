"""Round 14, second half: Asio's error category texts (harvested from chriskohlhoff/asio) in
every form a program prints them for a failed handshake, and Galera's handshake lines
(codership/galera 3.x and 4.x). Unrelated uses of the same words stay unrecognised."""

from __future__ import annotations

import pytest

from tlsdoctor.api import explain
from tlsdoctor.ingest.patterns import frameworks
from tlsdoctor.ingest.patterns.harvested import Entry, entries, judge, printed

ASIO = [e for e in entries("asio") if (v := judge(e)) is not None and v.kind == "causes"]


def _top(text: str) -> tuple[str, str, float]:
    r = explain(text)
    assert r.recognized and r.findings, text
    return r.source, r.findings[0].cause.value, r.findings[0].confidence


@pytest.mark.parametrize("entry", ASIO, ids=[e.id for e in ASIO])
@pytest.mark.parametrize("lead", ["handshake: ", "Handshake failed: ",
                                  "Client handshake failed: ", "handshake failed: "])
def test_asio_every_text_after_a_handshake(entry: Entry, lead: str) -> None:
    want = judge(entry).causes.split()[0].split(":")[0]  # type: ignore[union-attr]
    source, top, conf = _top(f"{lead}{printed(entry.text)}")
    assert (source, top) == ("asio", want)
    assert conf < 0.6  # the peer closed without saying why: a ranking


def test_asio_table_is_whole() -> None:
    """Every value of asio.ssl.stream and asio.misc was read, the TLS ones judged."""
    ids = {e.id for e in entries("asio")}
    assert {"asio.ssl.stream.stream_truncated", "asio.ssl.stream.unspecified_system_error",
            "asio.ssl.stream.unexpected_result", "asio.misc.eof"} <= ids
    assert len(ids) >= 7 and len(ASIO) == 3


@pytest.mark.parametrize("error", ["1: 'End of file.' ( )", "asio.misc:2: 'End of file' ( )",
                                   "asio.ssl.stream:1: 'stream truncated' ( )",
                                   "asio.ssl.stream:2: 'unspecified system error' ( )"])
def test_galera3_peer_closed_is_the_chain_first(error: str) -> None:
    """Galera 3 sends only the leaf (use_certificate_file) and nodes verify each other."""
    text = (f"2015-01-23 10:00:00 1 [ERROR] WSREP: handshake with remote endpoint "
            f"ssl://10.0.0.2:4567 failed: {error}")
    r = explain(text)
    assert r.recognized and r.source == "galera"
    causes = [f.cause.value for f in r.findings]
    assert causes[:2] == ["incomplete_chain", "cert_untrusted_root"]
    assert r.findings[0].confidence < 0.6
    assert frameworks.GALERA3_PEER_CLOSED.startswith("incomplete_chain")


def test_galera_line_with_an_openssl_reason_is_read_by_openssl() -> None:
    text = ("WSREP: handshake with remote endpoint ssl://10.0.0.2:4567 failed: "
            "asio.ssl:167772294: 'certificate verify failed' ( 167772294: "
            "'error:0A000086:SSL routines::certificate verify failed')")
    _, top, _ = _top(text)
    assert top == "cert_untrusted_root"


def test_galera_harvest_has_both_versions() -> None:
    got = {e.id: e for e in entries("galera")}
    assert got["handshake_handler"].refs == ("3.x",)
    assert got["handshake_handler"].path == "gcomm/src/asio_tcp.cpp"
    assert got["Handshake failed"].refs == ("4.x",) and len(got["Handshake failed"].commit) == 40


@pytest.mark.parametrize("text", [
    "End of file",
    "Unexpected End of file while parsing config.yaml",
    "the stream truncated the text at 80 columns",
    "unexpected result from the test runner",
    "Element not found",
    "handshake: Already open",
    "handshake with remote endpoint failed: the meeting was cancelled",
])
def test_asio_words_elsewhere_stay_unrecognised(text: str) -> None:
    assert not explain(text).recognized, text


# LuaSec and OpenResty lua-nginx-module (upstream/luasec.json, upstream/lua_nginx.json).
LUA = [e for s in ("luasec", "lua_nginx") for e in entries(s)
       if (v := judge(e)) is not None and v.kind == "causes"]


@pytest.mark.parametrize("entry", LUA, ids=[f"{e.source}:{e.id}" for e in LUA])
def test_lua_every_judged_text_as_printed(entry: Entry) -> None:
    """After the words lua-nginx-module's own tests print them with (t/129-ssl-socket.t
    "failed to do SSL handshake: ", t/058-tcp-socket.t "failed to sslhandshake: "), or
    alone when the text is a sentence of its own (context errors, log lines)."""
    verdict = judge(entry).causes  # type: ignore[union-attr]
    want = verdict.split()[0].split(":")[0]
    forms = ([f"{lead}{printed(entry.text)}" for lead in
              ("failed to do SSL handshake: ", "failed to sslhandshake: ")]
             if entry.get("after") else [printed(entry.text)])
    for text in forms:
        source, top, _ = _top(text)
        assert source == entry.source, text
        # Two causes at .5 each (newcontext is the client's or the server's setup): either.
        assert top == want or (f"{top}:.5" in verdict and f"{want}:.5" in verdict), text


def test_lua_tables_are_whole() -> None:
    luasec = {e.id for e in entries("luasec")}
    assert {"SSL_ERROR_ZERO_RETURN", "SSL_ERROR_SYSCALL", "SSL_ERROR_WANT_READ"} <= luasec
    nginx = {e.id for e in entries("lua_nginx")}
    assert {"handshake failed", "certificate host mismatch",
            'lua ssl certificate does not match host "%s"'} <= nginx
    assert len(LUA) >= 10


def test_luasec_want_read_is_not_a_failure() -> None:
    assert not explain("failed to do SSL handshake: wantread").recognized


@pytest.mark.parametrize("text", [
    "nil\tclosed",
    "closed",
    "handshake failed",
    "System error",
    "the door was closed; handshake failed at the meeting",
    "certificate host mismatch",
])
def test_lua_words_elsewhere_stay_unrecognised(text: str) -> None:
    assert not explain(text).recognized, text
