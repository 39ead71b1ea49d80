"""Round 18 (a wild sample of threads): the programs whose own words no table read, harvested
from their own source (scripts/harvest/wild18.py): lychee's sentences (a client's) and
trojan's handshake lines (the server's and the client's). Every entry in the forms its
program prints it, with the side it says; their non-TLS lines stay unread; the short shared
lead ("SSL handshake failed: ") is trojan's only in trojan's log prefix."""

from __future__ import annotations

import pytest
from harvest_checks import first_cause as _want
from harvest_checks import judged as _judged

from tlsdoctor.api import explain
from tlsdoctor.ingest.patterns.harvested import Entry, entries, printed


def _forms(entry: Entry) -> list[str]:
    """The entry after the link (its CLI's line) and inside its "Network error: " wrapper."""
    text = printed(entry.text)
    return [str(entry.get("form")).replace("%TEXT%", text),
            f"[ERROR] https://example.com/ | Network error: {text} (error sending request for "
            f"url (https://example.com/))", text]


LYCHEE = _judged("lychee")


@pytest.mark.parametrize("entry", LYCHEE, ids=[e.id[:40] for e in LYCHEE])
def test_every_lychee_sentence_is_a_client_s(entry: Entry) -> None:
    for form in _forms(entry):
        r = explain(form)
        assert (r.source, r.side) == ("lychee", "client"), (form, r.source, r.side)
        assert r.findings[0].cause.value == _want(entry), (form, r.findings[:2])


def test_lychee_s_generic_phrase_is_no_longer_a_mail_server_s() -> None:
    """Its sentence holds Exim's "certificate verification failed" (a server's table): read as
    lychee's, the text is a client's (a wild thread, lycheeverse/lychee#1986)."""
    r = explain("SSL certificate verification failed. Check certificate validity")
    assert (r.source, r.side) == ("lychee", "client")
    assert r.findings[0].who_fixes.value == "server"


_AT = "[2026-12-06 08:00:00] [ERROR] 203.0.113.7:51234 "


@pytest.mark.parametrize(("reason", "cause"), [
    # a client's alert about this server's certificate (its CA unknown, the certificate
    # refused): the server's certificate, never a client certificate
    ("tlsv1 alert unknown ca", "cert_untrusted_root"),
    ("sslv3 alert certificate unknown", "cert_untrusted_root"),
    ("no shared cipher", "cipher_suite_mismatch"),
    ("http request", "non_tls_service_on_port"),
    ("unsupported protocol", "protocol_version_mismatch"),
])
def test_trojan_s_server_line_is_the_server_s(reason: str, cause: str) -> None:
    (entry,) = [e for e in entries("trojan") if e.kind == "server_log"]
    line = str(entry.get("form")).replace("%TEXT%", f"SSL handshake failed: {reason}")
    r = explain(line)
    assert (r.source, r.side, r.findings[0].cause.value) == ("trojan", "server", cause), line
    assert "client_cert_required" not in {f.cause.value for f in r.findings}


def test_trojan_s_server_line_without_the_peer_and_its_client_line() -> None:
    """The server's line as trojan-gfw/trojan#513 posted it (no address), and the client
    session's line, which names the remote server it connected to."""
    r = explain("[2020-08-18 09:55:03] [ERROR] SSL handshake failed: tlsv1 alert unknown ca")
    assert (r.source, r.side, r.findings[0].cause.value) == ("trojan", "server",
                                                             "cert_untrusted_root")
    (entry,) = [e for e in entries("trojan") if e.kind == "client_log"]
    line = _AT + "SSL handshake failed with example.com:443: certificate verify failed"
    assert "%TEXT%" in str(entry.get("form"))
    r = explain(line)
    assert (r.source, r.side) == ("trojan", "client"), line
    assert r.findings[0].cause.value == "cert_untrusted_root"


@pytest.mark.parametrize("text", [
    # lychee's non-TLS sentences (lychee-lib/src/utils/reqwest.rs) and its status lines
    "[ERROR] https://example.com/ | Network error: DNS resolution failed. Check hostname and "
    "DNS settings (error sending request for url (https://example.com/))",
    "[404] https://example.com/missing | Rejected status code (this depends on your "
    '"accept" configuration): Not Found',
    "[TIMEOUT] https://example.com/ | Timeout",
    # trojan's own lines around a session (src/session/serversession.cpp, src/core/log.cpp)
    _AT.replace("[ERROR]", "[INFO]") + "disconnected, 0 bytes received, 0 bytes sent, lasted "
    "for 0 seconds",
    "[2026-12-06 08:00:00] [WARN] trojan service (server) started at 127.0.0.1:443",
])
def test_their_other_lines_are_not_tls_failures(text: str) -> None:
    r = explain(text)
    assert not r.findings or r.source not in ("lychee", "trojan"), (r.source, r.findings[:1])


def test_the_short_lead_elsewhere_is_not_trojan_s() -> None:
    """Irssi, Qt and Kafka print "SSL handshake failed" too: without trojan's prefix the
    line is not trojan's, and no side is made up for it."""
    r = explain("SSL handshake failed: tlsv1 alert unknown ca")
    assert r.source != "trojan" and r.side != "server"


def test_the_tables_are_whole() -> None:
    """Each program's vocabulary as harvested, not one thread's line."""
    assert len(LYCHEE) == 7 and len(entries("lychee")) == 8
    assert {e.kind for e in entries("trojan")} == {"server_log", "client_log"}
