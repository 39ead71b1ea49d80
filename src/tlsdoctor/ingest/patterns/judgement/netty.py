"""Netty's handler/ssl exceptions (netty/netty handler/src/main/java/io/netty/handler/ssl).

Read from the code that raises each: "General OpenSslEngine problem" is the OpenSSL engine
rethrowing what its certificate verifier or key-material callback threw (the TrustManager's
CertificateException: "Caused by:" names it), so the certificate family at category tier;
"handshake timed out after N" is SslHandler's handshake timer (10 s by default); "Unable to
find key material [for auth method(s)]" is a server (or client) key manager holding no key
for what the peer accepts; "No compatible protocols found" / "Selected protocol is not
supported" are ALPN. The context builders' messages are the program's own files and
settings; which side's is not said (a ranking)."""

from __future__ import annotations

from . import _common as common

_OWN_FILES = "server_misconfiguration:.55 client_misconfiguration:.45 | reason"
JUDGE = {
    "General OpenSslEngine problem": common.CERT_ANY + " | category",
    "handshake timed out after %s": common.HANDSHAKE_TIMEOUT,
    "Unable to find key material": "server_misconfiguration:.6 client_cert_required:.4 | reason",
    "Unable to find key material for auth method(s): %s":
        "server_misconfiguration:.6 client_cert_required:.4 | reason",
    "No compatible protocols found": common.ALPN,
    "Selected protocol is not supported": common.ALPN,
    "failed to set certificate and key": common.KEY_MISMATCH,
    "could not find certificate file: %s": _OWN_FILES,
    "found no certificates in input stream": _OWN_FILES,
    "failed to read certificate input stream": _OWN_FILES,
    "PrivateKey type not supported %s": _OWN_FILES,
    "unable to setup trustmanager": _OWN_FILES,
    "failed to set cipher suite: %s": "client_misconfiguration:.5 server_misconfiguration:.5",
    "unknown protocol %s": "client_misconfiguration:.5 server_misconfiguration:.5",
    "remote-initiated renegotiation not allowed": "client_misconfiguration:.5 "
                                                  "server_misconfiguration:.5",
    "Illegal packet length: %s": common.NOT_TLS_PORT,
    "Inbound closed before receiving peer's close_notify: possible truncation attack?":
        common.EOF_CLOSED,
}

RULES = (
    (r".", "not_tls", "engine states and API misuse (closed, removed, control frames)"),
)
