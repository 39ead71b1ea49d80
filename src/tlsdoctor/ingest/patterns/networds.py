"""Round 18: the operating systems' and runtimes' own words for a connection that failed
before or around TLS (refused, unreachable, timed out, aborted, a name that does not
resolve), beside glibc's and POSIX's in system.py.

Harvested (scripts/harvest/networds18.py into upstream/<source>.json, judged in
judgement/<source>.py): ``winsock``, the FormatMessage text of every WSA* code
(MicrosoftDocs/win32 desktop-src/Debug/system-error-codes--9000-11999-.md, the page "System
Error Codes (9000-11999)" at learn.microsoft.com), printed bare, after Go's "dial tcp X:
connectex: " / "wsarecv: ", CPython's "[WinError 10061] ", .NET's
"System.Net.Sockets.SocketException (10061): "; ``go_net``, Go's "i/o timeout" and its
resolver's "server misbehaving" (golang-1.19-src 1.19.8); ``apt``, its methods' resolver and
connect lines (apt 2.6.1). By hand here: the bare EAI_AGAIN and .NET's timeout sentence;
NSURLError's connectivity codes are in apple.py.

These are short, generic sentences: refused and unreachable are SPECIFIC, timeouts, resets
and aborts CATEGORY, so a TLS reason (an alert, a verify result) printed beside them still
leads; a resolver's failure names its cause and ranks at SPECIFIC for the same reason.
"""

from __future__ import annotations

from dataclasses import replace

from . import CATEGORY, SPECIFIC, Pattern, table
from .harvested import Entry, name_regex, upstream_patterns
from .judgement._common import DNS, TIMEOUT_CAUSES

_NAME = DNS.split("|")[0].strip()


def _wsa_forms(entry: Entry) -> list[tuple[str, str, str]]:
    """Beside the text: the code's name (WSAECONNREFUSED) and its number where a program
    prints it before or instead of the text: CPython's "[WinError 10061]", .NET's
    "SocketException (10061)", Delphi/Indy's "Socket Error # 10061"."""
    n = entry.get("number")
    rx, needle = name_regex(entry.id)
    return [("name", rx, needle),
            ("number", rf"(?:\[WinError |SocketException \(|Socket Error # ?){n}\b", str(n))]


# The resolver's errno-style name alone (Node prints it after "getaddrinfo ", read in
# system.py; other programs print it alone or as "code: 'EAI_AGAIN'").
_EAI_ROWS = [
    (r"\bEAI_AGAIN\b", "the resolver had no answer (EAI_AGAIN: temporary failure in name "
     "resolution)", _NAME, SPECIFIC, "POSIX netdb.h EAI_AGAIN (glibc resolv/netdb.h)"),
]
# .NET's own sentence for a timeout (System.TimeoutException's default message; WebException
# and HttpWebRequest print the same words, System.Net.Requests Strings.resx net_timeout).
_DOTNET_ROWS = [
    (r"\bThe operation has timed out\b", ".NET: the request had no answer in time "
     "(TimeoutException / WebException timeout)", TIMEOUT_CAUSES, CATEGORY,
     "dotnet/runtime src/libraries/System.Private.CoreLib/src/System/TimeoutException.cs; "
     "System.Net.Requests Strings.resx net_timeout"),
]


_APT_TIMEOUT = "Could not connect to %s:%s (%s), connection timed out"


def _apt_forms(entry: Entry) -> list[tuple[str, str, str]]:
    """apt's timed-out connect in full: its three placeholders make the harvested text's
    regex stop at the third ("Could not connect to X:Y ("), which apt's other connect line
    (the errno's text after it) also begins with."""
    if entry.id != _APT_TIMEOUT:
        return []
    return [("line", r"\bCould not connect to \S{1,300}:\S{1,60} \([^()\n]{1,100}\), "
             r"connection timed out\b", "connection timed out")]


def _apt() -> tuple[Pattern, ...]:
    return tuple(p for p in upstream_patterns("apt", "apt", side="client", as_source="apt",
                                              extra_forms=_apt_forms)
                 if p.upstream != _APT_TIMEOUT or not p.id.endswith(".text"))


def _named(group: str, rows: tuple[Pattern, ...]) -> tuple[Pattern, ...]:
    """Ids of their own (table() numbers ids by source, and system.py's are taken)."""
    return tuple(replace(p, id=f"networds.{group}.{n}") for n, p in enumerate(rows))


# Neutral side for the OS's and Go's words (a client's dial and a server's connection print
# them alike); apt is a client.
PATTERNS: tuple[Pattern, ...] = (
    upstream_patterns("winsock", "Windows Sockets", side="", as_source="system",
                      extra_forms=_wsa_forms)
    + upstream_patterns("go_net", "Go", side="", as_source="go")
    + _apt()
    + _named("eai", table("system", "POSIX netdb.h", _EAI_ROWS))
    + _named("dotnet", table("dotnet", "dotnet/runtime", _DOTNET_ROWS)))
