"""Postfix smtpd's lines in the server-log matrix (docs/explain-upstream.md, "Round 7:
server logs on loopback", Postfix): the classes a real Postfix 3.7 showed, each in this
file's own wording (other hosts, addresses, process ids) with a twin that must not move.
"""

from __future__ import annotations

import io

import pytest
from ranking import top_cause as _top

from tlsdoctor import api, read_logs
from tlsdoctor.diagnosis.causes import Cause as C

_SMTPD = "Mar 14 08:02:11 mx2 postfix/smtpd[48121]: "
_SMTP = "Mar 14 08:02:11 mx2 postfix/smtp[48130]: "


def _top_party(text: str) -> tuple[C | None, str | None]:
    r = api.explain(text)
    if not r.findings:
        return None, None
    return r.findings[0].cause, r.findings[0].who_fixes.value


# -- smtpd_tls_req_ccert: the session is aborted after the handshake --------------------------

@pytest.mark.parametrize("reason", ["No client certificate presented",
                                    "Client certificate not trusted"])
def test_smtpd_aborting_for_the_client_certificate_is_the_clients_to_fix(reason):
    text = f"{_SMTPD}NOQUEUE: abort: TLS from relay.branch.example[198.51.100.23]: {reason}"
    assert _top_party(text) == (C.CLIENT_CERT_REQUIRED, "client")


def test_twin_a_relay_refusal_is_not_about_certificates():
    text = (f"{_SMTPD}NOQUEUE: reject: RCPT from relay.branch.example[198.51.100.23]: 554 5.7.1 "
            "<x@elsewhere.example>: Relay access denied; from=<a@branch.example> "
            "to=<x@elsewhere.example> proto=ESMTP helo=<relay>")
    assert _top(text) is not C.CLIENT_CERT_REQUIRED


# -- a failed certificate check: whose certificate is it? ------------------------------------

@pytest.mark.parametrize("line", [
    "certificate verification failed for relay.branch.example[198.51.100.23]: untrusted "
    "issuer /CN=Branch Office Issuing CA",
    "client certificate verification failed for relay.branch.example[198.51.100.23]: "
    "certificate has expired",
])
def test_smtpd_checking_a_peer_certificate_means_the_clients(line):
    assert _top_party(_SMTPD + line) == (C.CLIENT_CERT_REQUIRED, "client")


def test_twin_the_smtp_client_checking_a_server_keeps_the_server_chain_cause():
    text = (f"{_SMTP}certificate verification failed for mail.partner.example[203.0.113.40]:25: "
            "untrusted issuer /CN=Partner Internal Root")
    assert _top(text) is C.CERT_UNTRUSTED_ROOT


def test_twin_a_server_certificate_that_expired_stays_expired():
    text = (f"{_SMTP}server certificate verification failed for mail.partner.example"
            "[203.0.113.40]:25: certificate has expired")
    assert _top(text) is C.CERT_EXPIRED


# -- the wrong protocol on the STARTTLS port ------------------------------------------------

@pytest.mark.parametrize("line", [
    "warning: non-SMTP command from scan.lab.example[192.0.2.77]: POST /api HTTP/1.0",
    "improper command pipelining after CONNECT from scan.lab.example[192.0.2.77]: "
    r"HEAD /status HTTP/1.1\r\nHost: mx2\r\n\r\n",
    "improper command pipelining after CONNECT from scan.lab.example[192.0.2.77]: "
    r"\026\003\001\000\372\001\000\000\366\003\003",
])
def test_http_or_a_tls_hello_on_the_starttls_port_is_the_client_misconfigured(line):
    assert _top_party(_SMTPD + line) == (C.CLIENT_MISCONFIGURATION, "client")


@pytest.mark.parametrize("line", [
    "warning: non-SMTP command from bot.lab.example[192.0.2.78]: Subject: quarterly numbers",
    r"improper command pipelining after CONNECT from bot.lab.example[192.0.2.78]: "
    r"EHLO bot\r\nMAIL FROM:<a@lab.example>\r\n",
])
def test_twin_a_spam_bot_pipelining_smtp_names_no_cause(line):
    assert _top(_SMTPD + line) is None


# -- logs: one smtpd session, several lines, one failure --------------------------------------

def _session(pid: int, client: str, reason: str) -> str:
    head = f"Mar 14 08:03:0{pid % 10} mx2 postfix/smtpd[{pid}]: "
    return (f"{head}connect from {client}\n"
            f"{head}SSL_accept error from {client}: -1\n"
            f"{head}warning: TLS library problem: error:0A0000C1:SSL routines::{reason}:"
            "../ssl/statem/statem_srvr.c:2220:\n"
            f"{head}lost connection after STARTTLS from {client}\n"
            f"{head}disconnect from {client} ehlo=1 starttls=0/1 commands=1/2\n")


def test_one_failed_starttls_session_is_one_failure_with_its_reason():
    r = read_logs(io.StringIO(_session(5101, "old.lab.example[192.0.2.9]", "no shared cipher")))
    assert [e.findings[0].cause.value for e in r.events] == ["cipher_suite_mismatch"]
    assert r.events[0].line == 3  # the line with OpenSSL's reason


def test_twin_two_sessions_of_one_process_and_another_process_count_three():
    text = (_session(5101, "old.lab.example[192.0.2.9]", "no shared cipher")
            + _session(5101, "old.lab.example[192.0.2.9]", "unsupported protocol")
            + _session(5102, "new.lab.example[192.0.2.10]", "no shared cipher"))
    r = read_logs(io.StringIO(text))
    assert [e.findings[0].cause.value for e in r.events] == [
        "cipher_suite_mismatch", "protocol_version_mismatch", "cipher_suite_mismatch"]


def test_twin_another_clients_line_in_the_same_process_is_another_failure():
    head = "Mar 14 08:04:00 mx2 postfix/smtpd[5200]: "
    text = (f"{head}SSL_accept error from old.lab.example[192.0.2.9]: -1\n"
            f"{head}warning: TLS library problem: error:0A0000C1:SSL routines::no shared "
            "cipher:../ssl/statem/statem_srvr.c:2220:\n"
            f"{head}NOQUEUE: abort: TLS from branch.lab.example[192.0.2.30]: No client "
            "certificate presented\n")
    r = read_logs(io.StringIO(text))
    assert [e.findings[0].cause.value for e in r.events] == [
        "cipher_suite_mismatch", "client_cert_required"]
