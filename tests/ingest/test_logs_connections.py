"""logs: one failed handshake written as several lines is one failure (logs._Connections).

mod_ssl writes the client's line and then OpenSSL's reasons under one [pid:tid]; Postfix's
smtpd writes a session's lines under one postfix/smtpd[pid]. Each connection is counted
once, on its most telling line, with the client and server its other lines named."""

from __future__ import annotations

import io

import pytest

from tlsdoctor import read_logs

_APACHE = "[Mon Nov 23 10:11:12.12{n:04d} 2026] [ssl:info] [pid 4242:tid {tid}] "


def _apache(tid: int, n: int, rest: str) -> str:
    return _APACHE.format(n=n, tid=tid) + rest + "\n"


def _handshake(tid: int, port: int, n: int, reasons: tuple[str, ...]) -> str:
    """AH02008 with the client and the vhost, then one "SSL Library Error" line per
    entry of OpenSSL's error queue (no client field)."""
    text = _apache(tid, n, f"[client 198.51.100.7:{port}] AH02008: SSL library error 1 in "
                           "handshake (server www.example.com:443)")
    for i, reason in enumerate(reasons):
        text += _apache(tid, n + 1 + i, f"SSL Library Error: error:{reason}")
    return text


def _causes(text: str) -> list[str | None]:
    return [e.findings[0].cause.value if e.findings else None
            for e in read_logs(io.StringIO(text)).events]


def test_mod_ssl_handshake_is_one_failure_on_its_reason_with_the_clients_details():
    r = read_logs(io.StringIO(_handshake(139872, 51234, 0, (
        "0A000102:SSL routines::unsupported protocol",
        "0A0000C1:SSL routines::no shared cipher"))))
    assert r.failures == 1
    e = r.events[0]
    assert e.line == 2  # the first reason: the rest of the error queue repeats it
    assert e.findings[0].cause.value == "protocol_version_mismatch"
    assert (e.client, e.server) == ("198.51.100.7", "www.example.com:443")


def test_twin_one_thread_serving_two_clients_one_after_the_other_counts_two():
    text = (_handshake(139872, 51234, 0, ("0A000102:SSL routines::unsupported protocol",))
            + _handshake(139872, 51235, 2, ("0A0000C1:SSL routines::no shared cipher",)))
    assert _causes(text) == ["protocol_version_mismatch", "cipher_suite_mismatch"]


def test_twin_a_reason_under_another_thread_is_another_failure():
    # the reason of thread 1 never comes: its client line is counted alone when thread 2
    # writes, and thread 2's reason line (no client field) is a failure of its own
    text = (_apache(1, 0, "[client 198.51.100.7:51234] AH02008: SSL library error 1 in "
                          "handshake (server www.example.com:443)")
            + _apache(2, 1, "SSL Library Error: error:0A000102:SSL routines::unsupported "
                            "protocol"))
    r = read_logs(io.StringIO(text))
    assert [e.line for e in r.events] == [1, 2]
    assert [e.client for e in r.events] == ["198.51.100.7", None]


_SMTPD = "Mar 14 08:03:01 mx2 postfix/smtpd[{pid}]: "


def _smtpd(pid: int, rest: str) -> str:
    return _SMTPD.format(pid=pid) + rest + "\n"


def _reason(reason: str) -> str:
    return f"warning: TLS library problem: error:{reason}:../ssl/statem/statem_srvr.c:2220:"


def test_two_smtpd_processes_interleaved_are_two_sessions_with_their_own_clients():
    text = (_smtpd(1, "SSL_accept error from a.example[192.0.2.1]: -1")
            + _smtpd(2, "SSL_accept error from b.example[192.0.2.2]: -1")
            + _smtpd(1, _reason("0A0000C1:SSL routines::no shared cipher"))
            + _smtpd(2, _reason("0A000102:SSL routines::unsupported protocol"))
            + _smtpd(1, "lost connection after STARTTLS from a.example[192.0.2.1]")
            + _smtpd(2, "lost connection after STARTTLS from b.example[192.0.2.2]"))
    r = read_logs(io.StringIO(text))
    # counted at each session's end, on its reason, with the client of its first line
    assert [(e.line, e.client) for e in r.events] == [(3, "192.0.2.1"), (4, "192.0.2.2")]
    assert [e.findings[0].cause.value for e in r.events] == [
        "cipher_suite_mismatch", "protocol_version_mismatch"]


@pytest.mark.parametrize(("between", "events"), [
    (10, [(12, "192.0.2.1")]),  # nearby: one session, the client from its first line
    (13, [(1, "192.0.2.1"), (15, None)]),  # too far: another connection of that process
])
def test_lines_of_one_process_are_one_session_only_nearby(between, events):
    filler = "".join(_smtpd(3, f"connect from c{i}.example[192.0.2.{i}]")
                     for i in range(between))
    text = (_smtpd(1, "SSL_accept error from a.example[192.0.2.1]: -1") + filler
            + _smtpd(1, _reason("0A0000C1:SSL routines::no shared cipher")))
    r = read_logs(io.StringIO(text))
    assert [(e.line, e.client) for e in r.events] == events
