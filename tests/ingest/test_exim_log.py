"""Exim's own mainlog (round 23): ``logs`` finds the client of each failure and reads it as
a server's. The recorded lines are the real Exim 4.96 GnuTLS build's (the server-log
matrix, scripts/record_server_logs.py exim exim-smtps); the other shapes are the same
line as Exim's own formats write it with other log selectors or to syslog: log.c
log_write and tod.c (+millisec, log_timezone, +pid), host.c host_build_sender_fullhost
("name (helo) [ip]:port"), smtp_in.c smtp_get_connection_info (" I=[ip]:port" with
+incoming_interface), tls-gnu.c tls_error_gnu ("rxd alert: " before GnuTLS's alert name
since 4.97; Exim/exim @ exim-4.96 568dbf17 and 13835a3c).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tlsdoctor import read_logs

MATRIX = Path(__file__).parent / "corpus" / "server_logs" / "matrix"
TAIL = "(gnutls_handshake): Certificate is expired"


@pytest.mark.parametrize("name", ["exim-plain.log", "exim-mtls.log", "exim-smtps-plain.log",
                                  "exim-smtps-mtls.log", "exim-selectors-plain.log"])
def test_recorded_exim_log_names_each_client(name: str) -> None:
    report = read_logs([MATRIX / name])
    assert report.events, name
    for e in report.events:
        assert (e.format, e.client, e.sni) == ("exim", "127.0.0.1", None), e
        assert e.findings and e.time is not None, e
    if name.startswith("exim-smtps"):
        # the readiness probe and the health check: closed with no alert, not failures
        assert report.closed_without_tls >= 1
    if name == "exim-selectors-plain.log":  # +smtp_syntax_error: the SSLv2 hello's line
        assert any("SMTP syntax error in" in e.message for e in report.events)
        assert not any("log_selector" in n for n in report.notes), report.notes


@pytest.mark.parametrize("line,client", [
    (f"2026-12-07 04:42:39 TLS error on connection from [192.0.2.7] {TAIL}", "192.0.2.7"),
    (f"2026-12-07 04:42:39.123 +0100 [4711] TLS error on connection from mx.example.net "
     f"(helo.example) [198.51.100.4]:51234 I=[192.0.2.1]:465 {TAIL}", "198.51.100.4"),
    (f"2026-12-07 04:42:39 TLS error on connection from ([192.0.2.9]) [2001:db8::5] {TAIL}",
     "2001:db8::5"),
    (f"Dec  7 04:42:39 mx exim[4711]: TLS error on connection from (helo) [203.0.113.8] {TAIL}",
     "203.0.113.8"),
    ("2026-12-07 04:42:39 TLS error on connection from [192.0.2.7] (gnutls_handshake): "
     "rxd alert: Certificate is expired", "192.0.2.7"),
])
def test_exim_line_shapes(tmp_path: Path, line: str, client: str) -> None:
    log = tmp_path / "mainlog"
    log.write_text(line + "\n")
    report = read_logs([log])
    assert report.failures == 1, report.to_json()
    e = report.events[0]
    assert e.client == client and e.format == "exim", e
    assert e.findings[0].cause.value == "cert_expired"
    assert e.findings[0].who_fixes.value == "server"


def test_an_http_client_on_the_smtp_port_is_the_clients() -> None:
    report = read_logs([MATRIX / "exim-plain.log"])
    http = [e for e in report.events if "unrecognized commands" in e.message]
    assert [(e.findings[0].cause.value, e.findings[0].who_fixes.value) for e in http] == [
        ("client_misconfiguration", "client")]


def test_exim_log_selector_note(tmp_path: Path) -> None:
    """Exim writes handshake failures at any log_selector; what its defaults hide (a connect
    and close, bytes before STARTTLS) gets a note naming the selectors, unless its
    +smtp_connection line is there. Never the nginx/Apache level note."""
    quiet = read_logs([MATRIX / "exim-smtps-mtls.log"])
    assert any("+smtp_syntax_error" in n and "log_selector" in n for n in quiet.notes)
    assert not any("error_log" in n or "LogLevel" in n for n in quiet.notes), quiet.notes
    assert quiet.log_levels[str(MATRIX / "exim-smtps-mtls.log")]["exim"] == {
        "handshake_failures": "visible", "smtp_connection": False}
    log = tmp_path / "mainlog"
    log.write_text("2026-12-07 04:49:34 exim 4.96 daemon started: pid=1, no queue runs, "
                   "listening for SMTP on [127.0.0.1]:25\n"
                   "2026-12-07 04:49:34 SMTP connection from [127.0.0.1] (TCP/IP connection "
                   "count = 1)\n2026-12-07 04:49:34 SMTP connection from [127.0.0.1] lost D=0s\n")
    told = read_logs([log])
    assert not any("log_selector" in n or "error_log" in n for n in told.notes), told.notes


def test_exim_delivering_is_not_read_as_its_server(tmp_path: Path) -> None:
    """Exim as a client ("H=name [ip] TLS error on connection (...)", tls-gnu.c
    record_io_error) through syslog is not the inbound format: no server side forced."""
    log = tmp_path / "maillog"
    log.write_text("Dec  7 04:42:39 mx exim[4711]: H=mx.example.net [192.0.2.7] TLS error on "
                   "connection (gnutls_handshake): Certificate is bad\n")
    report = read_logs([log])
    assert report.events and all(e.format != "exim" for e in report.events), report.to_json()
