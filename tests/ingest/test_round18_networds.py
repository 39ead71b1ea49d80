"""Round 18: the operating systems' and runtimes' own words for a connection that failed
before or around TLS (patterns/networds.py, apple.py's NSURLError connectivity codes), fed
in the forms the programs print them: bare, after Go's "connectex:"/"wsarecv:", after
CPython's "[WinError N]", in .NET's SocketException form."""

from __future__ import annotations

import pytest
from harvest_checks import first_cause, judged
from ranked import top_found as _top

from tlsdoctor.api import explain
from tlsdoctor.ingest.patterns.harvested import Entry, entries, judge

WSA = {e.id: e.text for e in entries("winsock")}

_CONNECT_ERRORS = {"WSAENETDOWN", "WSAENETUNREACH", "WSAETIMEDOUT", "WSAECONNREFUSED",
                   "WSAEHOSTDOWN", "WSAEHOSTUNREACH", "WSAEACCES"}


def _forms(name: str, num: int, text: str) -> list[str]:
    """How programs print a Windows Sockets text: bare, Go (a dial fails in connectex, a
    connection dies in wsarecv), CPython, .NET, Go's resolver."""
    go = (f"dial tcp 203.0.113.7:443: connectex: {text}" if name in _CONNECT_ERRORS
          else f"read tcp 10.0.0.2:50000->203.0.113.7:443: wsarecv: {text}")
    if name.startswith("WSATRY") or name.startswith("WSANO"):
        go = f"dial tcp: lookup example.com: {text}"
    return [text, text.rstrip("."), go, f"OSError: [WinError {num}] {text}",
            f"System.Net.Sockets.SocketException ({num}): {text}",
            f"System.Net.Http.HttpRequestException: {text} (example.com:443)\n ---> "
            f"System.Net.Sockets.SocketException ({num}): {text}",
            # the number or the name without the text (Delphi/Indy, a log's error field)
            f"Socket Error # {num}", f"connect failed: {name}"]


def test_the_harvest_holds_the_codes_a_connecting_client_prints() -> None:
    ids = {e.id for e in judged("winsock")}
    assert ids == {"WSAECONNREFUSED", "WSAENETUNREACH", "WSAEHOSTUNREACH", "WSAEHOSTDOWN",
                   "WSAENETDOWN", "WSAETIMEDOUT", "WSAECONNABORTED", "WSAENETRESET",
                   "WSAEACCES", "WSATRY_AGAIN", "WSANO_RECOVERY", "WSANO_DATA"}
    assert len(entries("winsock")) == 21 and {e.id for e in judged("go_net")} == {
        "timeoutError", "errServerMisbehaving"} and len(judged("apt")) == 3


@pytest.mark.parametrize("entry", judged("winsock"), ids=lambda e: e.id)
def test_every_windows_sockets_text_in_every_form(entry: Entry) -> None:
    verdict = judge(entry)
    assert verdict is not None
    weight = float(verdict.causes.split()[0].split(":")[1])
    for form in _forms(entry.id, entry.get("number"), entry.text):
        cause, conf = _top(form)
        assert cause == first_cause(entry), (form, cause)
        assert conf == pytest.approx(weight), (form, conf)


@pytest.mark.parametrize("entry", [e for e in entries("winsock") if judge(e) is not None
                                   and judge(e).kind == "not_tls"],  # type: ignore[union-attr]
                         ids=lambda e: e.id)
def test_the_other_socket_codes_stay_unread(entry: Entry) -> None:
    """A program's misuse of the socket API or a server's bind is no connection failure."""
    assert not explain(entry.text).recognized, entry.text


@pytest.mark.parametrize("entry", judged("go_net") + judged("apt"), ids=lambda e: e.id)
def test_go_and_apt_entries_in_their_printed_form(entry: Entry) -> None:
    text = str(entry.get("form")).replace("%TEXT%", entry.text.replace("%s", "deb.debian.org"))
    assert _top(text)[0] == first_cause(entry), text


# (printed text, first cause, its confidence, source): Go, apt, .NET, Apple, POSIX.
_OTHERS = [
    ("dial tcp 203.0.113.7:443: i/o timeout", "middlebox_or_firewall_interference", .5, "go"),
    ("read tcp 10.0.0.2:50000->203.0.113.7:443: i/o timeout",
     "middlebox_or_firewall_interference", .5, "go"),
    ('Get "https://example.com/": dial tcp: lookup example.com on 127.0.0.53:53: '
     "server misbehaving", "name_resolution_or_unreachable", 1.0, "go"),
    ("Err:1 http://deb.debian.org/debian bookworm InRelease\n  Temporary failure resolving "
     "'deb.debian.org'", "name_resolution_or_unreachable", 1.0, "apt"),
    ("W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  Could not "
     "resolve 'deb.debian.org'", "name_resolution_or_unreachable", 1.0, "apt"),
    ("Error: EAI_AGAIN", "name_resolution_or_unreachable", 1.0, "system"),
    ("System.Net.WebException: The operation has timed out.",
     "middlebox_or_firewall_interference", .5, "dotnet"),
    ("The operation has timed out.", "middlebox_or_firewall_interference", .5, "dotnet"),
    ('Error Domain=NSURLErrorDomain Code=-1001 "The request timed out."',
     "middlebox_or_firewall_interference", .5, "apple"),
    ("The request timed out.", "middlebox_or_firewall_interference", .5, "apple"),
    ('Error Domain=NSURLErrorDomain Code=-1005 "The network connection was lost."',
     "middlebox_or_firewall_interference", .5, "apple"),
    ('Error Domain=NSURLErrorDomain Code=-1009 "The Internet connection appears to be '
     'offline."', "name_resolution_or_unreachable", .7, "apple"),
    ("NSURLErrorNotConnectedToInternet", "name_resolution_or_unreachable", .7, "apple"),
]


@pytest.mark.parametrize(("text", "cause", "conf", "source"), _OTHERS)
def test_runtime_words(text: str, cause: str, conf: float, source: str) -> None:
    r = explain(text)
    assert r.recognized and r.findings, text
    assert (r.source, r.findings[0].cause.value) == (source, cause), text
    assert r.findings[0].confidence == pytest.approx(conf), text


def test_a_timeout_never_names_its_cause() -> None:
    for text in ("i/o timeout", "The operation has timed out.", "The request timed out.",
                 _forms("WSAETIMEDOUT", 10060, WSA["WSAETIMEDOUT"])[2]):
        assert _top(text)[1] < .6, text


_ALERT = "SSL routines:ssl3_read_bytes:tlsv1 alert unknown ca"
_CATEGORY_WORDS = ["i/o timeout", "The operation has timed out.", "The request timed out.",
                   "The network connection was lost.", WSA["WSAECONNABORTED"],
                   WSA["WSAETIMEDOUT"], WSA["WSAENETRESET"]]


@pytest.mark.parametrize("words", _CATEGORY_WORDS)
def test_a_tls_alert_beside_a_timeout_or_abort_leads(words: str) -> None:
    """Twins: the same words with an alert beside them (either order): the alert leads."""
    for text in (f"{_ALERT}\n{words}", f"{words}\n{_ALERT}"):
        assert _top(text)[0] == "cert_untrusted_root", text


# Refused, unreachable and resolver words lead over TLS words beside them exactly as their
# POSIX counterparts in system.py do (a connection that was never made: the TLS words are
# another attempt's); the Windows words must read the same as the POSIX ones, no higher.
_PARITY = [(WSA["WSAECONNREFUSED"], "connect: connection refused"),
           (WSA["WSAENETUNREACH"], "connect: network is unreachable"),
           (WSA["WSAEHOSTUNREACH"], "connect: no route to host"),
           ("The Internet connection appears to be offline.", "connect: network is unreachable"),
           (WSA["WSANO_DATA"], "Temporary failure in name resolution"),
           ("Temporary failure resolving 'deb.debian.org'", "Temporary failure in name resolution"),
           ("lookup example.com on 127.0.0.53:53: server misbehaving",
            "Temporary failure in name resolution")]


@pytest.mark.parametrize(("words", "posix"), _PARITY)
def test_a_tls_alert_beside_refused_or_unresolved_reads_as_beside_the_posix_words(
        words: str, posix: str) -> None:
    for verify in (_ALERT, "x509: certificate signed by unknown authority"):
        mine, theirs = _top(f"{verify}\n{words}"), _top(f"{verify}\n{posix}")
        assert mine[0] == theirs[0] and mine[1] <= theirs[1] + 1e-9, (words, mine, theirs)


@pytest.mark.parametrize("text", [
    # apt's other connect line says nothing until the errno's text after it
    "Err:1 http://deb.debian.org/debian bookworm InRelease\n  Could not connect to "
    "deb.debian.org:80 (151.101.2.132).",
    # Mono's own TimeoutException wording is not .NET's sentence.
    "The operation has timed-out.",
])
def test_negatives(text: str) -> None:
    r = explain(text)
    assert not r.recognized, (text, r.source)


def test_a_go_server_log_keeps_its_side() -> None:
    """A Go server's handshake that timed out is a client gone quiet: still the server's
    log (the side does not flip to a client's)."""
    r = explain("2026/12/06 10:00:00 http: TLS handshake error from 203.0.113.9:51234: "
                "read tcp 10.0.0.1:443->203.0.113.9:51234: i/o timeout")
    assert r.recognized and r.side == "server"
