"""Zabbix (src/libs/zbxcomms/tls_openssl.c, comms.c): "TCP successful, cannot establish TLS
to [[host]:port]: <verify result>: SSL_connect() set result code to SSL_ERROR_SSL: file ...
line ... func ...: error:...:reason: TLS write fatal alert "unknown CA"". OpenSSL's reason
and verify result are read with OpenSSL's table; the info callback's alert line says who
sent it (write: this side, read: the peer), which alerts.py reads. Its own checks are the
configured issuer/subject (TLSServerCertIssuer, TLSServerCertSubject) and the PSK."""

from __future__ import annotations

from . import _common as common

# TLSServerCertIssuer / TLSServerCertSubject (or the host's in the frontend) is compared
# with the peer's as a string: a different CA or name, or a value written differently.
_ISSUER = "client_misconfiguration:.6 server_misconfiguration:.4 | reason"

_ACCEPT = "server_misconfiguration:.55 client_misconfiguration:.45 | reason"

JUDGE = {
    "TCP successful, cannot establish TLS to [[%s]:%hu]: %s": common.HANDSHAKE,
    "TLS handshake set result code to %d:": common.HANDSHAKE,
    "%s() set result code to SSL_ERROR_SSL:": "elsewhere",
    "%s() set result code to SSL_ERROR_SYSCALL:": "elsewhere",
    ': TLS%s%s%s %s alert "%s"': "elsewhere",
    # The peer closed without an alert: a side that does not accept this connection type
    # (certificate vs PSK vs unencrypted), or a wrong PSK on an old OpenSSL.
    "%s() connection closed by peer": (
        "client_misconfiguration:.4 server_misconfiguration:.4 "
        "middlebox_or_firewall_interference:.2 | category"),
    "TLS connection has been closed during handshake:": (
        "client_misconfiguration:.4 server_misconfiguration:.4 "
        "middlebox_or_firewall_interference:.2 | category"),
    "certificate issuer does not match": _ISSUER,
    "certificate subject does not match": _ISSUER,
    "false PSK identity": _ISSUER,
    # "missing PSK" (two words) is how OpenSSL's "missing psk kex modes extension" starts:
    # too short to be told from it.
    "missing PSK": "not_tls",
    "cannot connect with TLS and certificate: no valid certificate loaded": common.CLIENT_CONFIG,
    "cannot connect with TLS and PSK: no valid PSK loaded": common.CLIENT_CONFIG,
    "cannot connect with PSK: PSK not available": common.CLIENT_CONFIG,
    "not ready for certificate-based incoming connection: certificate not loaded":
        common.SERVER_CONFIG,
    "not ready for PSK-based incoming connection: PSK not loaded": common.SERVER_CONFIG,
    # Round 22: the receiving side's accepted connection types (the host's Encryption
    # settings on the server, a proxy's TLSAccept) do not include the one the connecting
    # side used (its TLSConnect): zabbix/zabbix 5417729eabc3f1d141fe3a79e9140f30caa7189a
    # src/libs/zbxdbwrap/proxy.c. Usually the receiving side was not set up for the type
    # the other was configured with (dev 1 of 1: a host entry without PSK), but either
    # side's setting fixes it: not 0.6.
    'connection of type "%s" is not allowed for host "%s"': _ACCEPT,
    '%s over connection of type "%s" is not allowed': _ACCEPT,
    "SSL_connect() timed out": common.HANDSHAKE_TIMEOUT,
    "SSL_accept() timed out": common.HANDSHAKE_TIMEOUT,
}

RULES = (
    (r".", "not_tls", "internal states"),
)
