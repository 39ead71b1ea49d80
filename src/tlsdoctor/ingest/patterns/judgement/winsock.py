"""Windows Sockets (MicrosoftDocs/win32 desktop-src/Debug/system-error-codes--9000-11999-.md):
the FormatMessage text of each WSA* code. Only the codes a client connecting to a server
prints for a failed or broken connection name causes, at the tiers of their POSIX
counterparts in patterns/system.py: refused and unreachable SPECIFIC (nothing answered at
that address: the TLS words beside them are another attempt's), a resolver's failure
SPECIFIC, a timeout and an abort CATEGORY (a TLS alert beside them leads; a timeout never
names its cause, below 0.6). The rest are a program's own misuse of sockets or its
server's bind: not TLS.
"""

from __future__ import annotations

from . import _common as common

_UNREACHABLE = common.UNREACHABLE
JUDGE = {
    # connect() to a port nobody listens on, or a firewall answering with RST
    "WSAECONNREFUSED": _UNREACHABLE,
    "WSAENETUNREACH": _UNREACHABLE,
    "WSAEHOSTUNREACH": _UNREACHABLE,
    "WSAEHOSTDOWN": _UNREACHABLE,
    # this machine's own network is down (no interface up): still no route to the server
    "WSAENETDOWN": _UNREACHABLE,
    # no SYN-ACK in time, or an established connection whose peer went silent
    "WSAETIMEDOUT": common.TIMEOUT,
    # this host's own stack (or a local filter: antivirus, VPN client, a proxy driver)
    # dropped the connection; in a server's log a client that left. A reset's ranking.
    "WSAECONNABORTED": common.RESET,
    "WSAENETRESET": common.RESET,
    # a local firewall or security product forbids the connect (or a port in an excluded
    # range): this machine's filter, then its own configuration. Below 0.6.
    "WSAEACCES": "middlebox_or_firewall_interference:.55 client_misconfiguration:.45 "
                 "| specific",
    # the resolver's words (WSAHOST_NOT_FOUND is read by system.py's "No such host is known")
    "WSATRY_AGAIN": common.DNS.replace("reason", "specific"),
    "WSANO_RECOVERY": common.DNS.replace("reason", "specific"),
    "WSANO_DATA": common.DNS.replace("reason", "specific"),
    "WSAHOST_NOT_FOUND": "elsewhere",
    # read by notls' "forcibly closed" reading (a peer's reset)
    "WSAECONNRESET": "elsewhere",
}


def _rest() -> dict[str, str]:
    """The page's other socket codes: a program's misuse of the API, a server's bind, a
    name-service client's lookup API. Not a connection's failure."""
    return {n: "not_tls" for n in (
        "WSAEINTR", "WSAEBADF", "WSAEFAULT", "WSAEINVAL", "WSAEMFILE", "WSAEWOULDBLOCK",
        "WSAEINPROGRESS", "WSAEALREADY", "WSAENOTSOCK", "WSAEDESTADDRREQ", "WSAEMSGSIZE",
        "WSAEPROTOTYPE", "WSAENOPROTOOPT", "WSAEPROTONOSUPPORT", "WSAESOCKTNOSUPPORT",
        "WSAEOPNOTSUPP", "WSAEPFNOSUPPORT", "WSAEAFNOSUPPORT", "WSAEADDRINUSE",
        "WSAEADDRNOTAVAIL", "WSAENOBUFS", "WSAEISCONN", "WSAENOTCONN", "WSAESHUTDOWN",
        "WSAETOOMANYREFS", "WSAELOOP", "WSAENAMETOOLONG", "WSAENOTEMPTY", "WSAEPROCLIM",
        "WSAEUSERS", "WSAEDQUOT", "WSAESTALE", "WSAEREMOTE", "WSASYSNOTREADY",
        "WSAVERNOTSUPPORTED", "WSANOTINITIALISED", "WSAEDISCON", "WSAENOMORE",
        "WSAECANCELLED", "WSAEINVALIDPROCTABLE", "WSAEINVALIDPROVIDER",
        "WSAEPROVIDERFAILEDINIT", "WSASYSCALLFAILURE", "WSASERVICE_NOT_FOUND",
        "WSATYPE_NOT_FOUND", "WSA_E_NO_MORE", "WSA_E_CANCELLED", "WSAEREFUSED")}


JUDGE = {**_rest(), **JUDGE}
