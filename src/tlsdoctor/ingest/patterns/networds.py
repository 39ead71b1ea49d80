"""Round 18: the operating systems' and runtimes' own words for a connection that failed
before or around TLS (refused, unreachable, timed out, aborted, a name that does not
resolve), beside glibc's and POSIX's in system.py.

Windows Sockets (``_WSA``): the system message texts FormatMessage gives for the WSA*
codes a connecting client can meet (Microsoft, "System Error Codes (9000-11999)",
https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--9000-11999-,
and "Windows Sockets Error Codes", .../winsock/windows-sockets-error-codes-2); Go prints
them after "dial tcp X: connectex: " / "wsarecv: " / "wsasend: ", CPython after
"[WinError 10061] ", .NET as "System.Net.Sockets.SocketException (10061): ".
Go (``_GO``): net.timeoutError / os.ErrDeadlineExceeded's "i/o timeout" (src/net/net.go,
src/internal/poll/fd.go) and the resolver's errServerMisbehaving (src/net/dnsclient_unix.go),
read in Go 1.19.8's source (golang-1.19-src, /usr/lib/go-1.19/src). apt (``_APT``): its
methods' strings (apt 2.6.1, /usr/lib/apt/methods/http; apt-pkg/contrib connect.cc).
.NET (``_DOTNET``): System.TimeoutException's default message (dotnet/runtime
src/libraries/System.Private.CoreLib/src/System/TimeoutException.cs), which WebException
and HttpWebRequest's timeout print too (System.Net.Requests Strings.resx net_timeout).

These are short, generic sentences: refused and unreachable are SPECIFIC, timeouts, resets
and aborts CATEGORY, so a TLS reason (an alert, a verify result) printed beside them still
leads; a resolver's failure names its cause and ranks at SPECIFIC for the same reason.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import CATEGORY, SPECIFIC, Pattern, table
from .judgement._common import DNS, RESET, TIMEOUT_CAUSES, UNREACHABLE


def _causes(verdict: str) -> str:
    """A judgement constant without its tier word."""
    return verdict.split("|")[0].strip()


_WSA_SRC = ("Windows Sockets system message text (Microsoft, System Error Codes 9000-11999, "
            "learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--9000-11999-)")
_REFUSED = _causes(UNREACHABLE)
_NAME = _causes(DNS)
_CUT = _causes(RESET)

# (code name, number, text, causes, tier): only the codes a client connecting to a server
# prints; WSAECONNRESET (10054) is read by notls' "forcibly closed" and WSAHOST_NOT_FOUND
# (11001) by system.py's "No such host is known".
WSA = (
    ("WSAENETDOWN", 10050, "A socket operation encountered a dead network.", _REFUSED, SPECIFIC),
    ("WSAENETUNREACH", 10051, "A socket operation was attempted to an unreachable network.",
     _REFUSED, SPECIFIC),
    ("WSAENETRESET", 10052, "The connection has been broken due to keep-alive activity "
     "detecting a failure while the operation was in progress.", _CUT, CATEGORY),
    ("WSAECONNABORTED", 10053, "An established connection was aborted by the software in "
     "your host machine.", _CUT, CATEGORY),
    ("WSAETIMEDOUT", 10060, "A connection attempt failed because the connected party did not "
     "properly respond after a period of time, or established connection failed because "
     "connected host has failed to respond.", TIMEOUT_CAUSES, CATEGORY),
    ("WSAECONNREFUSED", 10061, "No connection could be made because the target machine "
     "actively refused it.", _REFUSED, SPECIFIC),
    ("WSAEHOSTDOWN", 10064, "A socket operation failed because the destination host was down.",
     _REFUSED, SPECIFIC),
    ("WSAEHOSTUNREACH", 10065, "A socket operation was attempted to an unreachable host.",
     _REFUSED, SPECIFIC),
    ("WSATRY_AGAIN", 11002, "This is usually a temporary error during hostname resolution and "
     "means that the local server did not receive a response from an authoritative server.",
     _NAME, SPECIFIC),
    ("WSANO_RECOVERY", 11003, "A non-recoverable error occurred during a database lookup.",
     _NAME, SPECIFIC),
    ("WSANO_DATA", 11004, "The requested name is valid, but no data of the requested type "
     "was found.", _NAME, SPECIFIC),
)


def _rx(text: str) -> str:
    """The sentence, case-blind on its first letter (Go lower-cases nothing, but wrappers
    and posters do), its final full stop optional."""
    body = re.escape(text.rstrip("."))
    return rf"(?i:{body[0]}){body[1:]}\b"


_WSA_ROWS = [(_rx(text), f"Windows Sockets {name} ({num}): {text}", cs, tier, _WSA_SRC)
             for name, num, text, cs, tier in WSA]

_GO_SRC = "Go 1.19.8 src/net (golang-1.19-src)"
_GO_ROWS = [
    # net.timeoutError and os.ErrDeadlineExceeded print "i/o timeout": a dial, read or write
    # deadline passed. After "dial tcp": nothing answered the SYN in time.
    (r"\bi/o timeout\b", "Go: the deadline passed with no answer (i/o timeout)",
     TIMEOUT_CAUSES, CATEGORY, "Go 1.19.8 src/net/net.go (timeoutError), "
     "src/internal/poll/fd.go (DeadlineExceededError)"),
    # "lookup NAME on SERVER:53: server misbehaving": the DNS server answered SERVFAIL or a
    # malformed reply (dnsclient_unix.go checkHeader).
    (r"\blookup \S{1,253} on \S{1,60}: server misbehaving\b",
     "Go's resolver: the DNS server failed to answer the lookup (server misbehaving)",
     _NAME, SPECIFIC, "Go 1.19.8 src/net/dnsclient_unix.go (errServerMisbehaving)"),
]
_APT_SRC = "apt 2.6.1 methods (/usr/lib/apt/methods/http; apt-pkg/contrib connect.cc)"
_APT_ROWS = [
    (r"\bTemporary failure resolving '[^'\n]{1,253}'",
     "apt: the host name does not resolve (temporary failure)", _NAME, SPECIFIC, _APT_SRC),
    (r"\bCould not resolve '[^'\n]{1,253}'", "apt: the host name does not resolve",
     _NAME, SPECIFIC, _APT_SRC),
]
# The bare errno-style name (Node prints it after "getaddrinfo ", read in system.py; other
# programs print it alone or as "code: 'EAI_AGAIN'").
_EAI_ROWS = [
    (r"\bEAI_AGAIN\b", "the resolver had no answer (EAI_AGAIN: temporary failure in name "
     "resolution)", _NAME, SPECIFIC, "POSIX netdb.h EAI_AGAIN (glibc resolv/netdb.h)"),
]
_DOTNET_ROWS = [
    (r"\bThe operation has timed out\b", ".NET: the request had no answer in time "
     "(TimeoutException / WebException timeout)", TIMEOUT_CAUSES, CATEGORY,
     "dotnet/runtime src/libraries/System.Private.CoreLib/src/System/TimeoutException.cs; "
     "System.Net.Requests Strings.resx net_timeout"),
]



def _named(group: str, rows: tuple[Pattern, ...]) -> tuple[Pattern, ...]:
    """Ids of their own (table() numbers ids by source, and system.py's are taken)."""
    return tuple(replace(p, id=f"networds.{group}.{n}") for n, p in enumerate(rows))


PATTERNS: tuple[Pattern, ...] = (
    _named("wsa", table("system", _WSA_SRC, _WSA_ROWS))
    + _named("go", table("go", _GO_SRC, _GO_ROWS))
    + _named("apt", table("apt", _APT_SRC, _APT_ROWS))
    + _named("eai", table("system", "POSIX netdb.h", _EAI_ROWS))
    + _named("dotnet", table("dotnet", "dotnet/runtime", _DOTNET_ROWS)))
