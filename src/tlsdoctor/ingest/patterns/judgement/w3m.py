"""w3m (tats/w3m istream.c, url.c): its certificate questions and refusals.

w3m asks "<OpenSSL verify string>: accept? (y/n)" (the OpenSSL verify table reads the
string) and, answered no (or under -dump), refuses "This SSL session was rejected: <the
same string>". Its own name check says "Bad cert ident <names> from <host>". "a workaround
might be: w3m -insecure" follows OpenSSL's error string from the handshake. Its options:
-o ssl_ca_file=, ssl_verify_server."""

from __future__ import annotations

from . import _common as common

_NO_CERT = "server_misconfiguration:.6 tls_interception_mitm:.4 | reason"
JUDGE = {
    "Bad cert ident from %s: dNSName=%s": common.HOSTNAME,
    "Bad cert ident %s from %s": common.HOSTNAME,
    "No SSL peer certificate: accept? (y/n)": _NO_CERT,
    "This SSL session was rejected to prevent security violation: no peer certificate": _NO_CERT,
    "Accept SSL session without any peer certificate": "no_fault",
    "valid certificate": "no_fault",
    "%s: accept? (y/n)": "elsewhere",
    ": accept? (y/n)": "elsewhere",
    "Accept unsecure SSL session: unverified: %s": "no_fault",
    "Accept unsecure SSL session:": "no_fault",
    "This SSL session was rejected: %s": common.CERT_ANY + " | category",
    # after its name check's question, answered no
    "This SSL session was rejected to prevent security violation": common.CERT_ANY
    + " | category",
    "SSL error: %s, a workaround might be: w3m -insecure": common.HANDSHAKE,
}

RULES = ()
