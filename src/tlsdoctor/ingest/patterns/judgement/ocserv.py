"""ocserv (openconnect/ocserv src/tlslib.c, tlslib.h, worker-vpn.c): the OpenConnect VPN
server's TLS lines, "ocserv[pid]: worker: <client ip> <text>" in syslog.

A server's log: "GnuTLS error (at <file>:<line>): <gnutls_strerror>" carries GnuTLS's words
(its table reads them as a server's: an alert received is the client refusing ocserv's
certificate). The client-certificate lines are ocserv checking a client's certificate
(cert auth): the client's certificate is refused or missing. The "certificate set" lines are
ocserv's own server certificate, checked when it loads it."""

from __future__ import annotations

from . import _common as common

_CLIENT_REFUSED = "client_cert_required:.6 cert_untrusted_root:.2 cert_expired:.2 | reason"
JUDGE = {
    "GnuTLS error (at %s:%d): %s": common.HANDSHAKE,
    "client certificate verification failed: %s": _CLIENT_REFUSED,
    "error verifying client certificate: %s": _CLIENT_REFUSED,
    # Too short to be ocserv's alone (lftp prints "No certificate was found!" about a server).
    "no certificate was found": "not_tls",
    "cannot parse certificate": "client_cert_required:.6 client_misconfiguration:.4 | reason",
    "The %s certificate set is expired!": common.EXPIRED,
    "The %s certificate set is not yet active!": common.NOT_YET,
    "The %s certificate's name doesn't match for vhost %s":
        "hostname_mismatch:.7 server_misconfiguration:.3 | reason",
    "error loading the certificate or key file": common.SERVER_CONFIG,
    "no certificate or key files were specified": common.SERVER_CONFIG,
    "Loading a certificate from '%s' is unsupported": common.SERVER_CONFIG,
    "error in TLS priority string: %s": common.SERVER_CONFIG,
    "could not set TLS priority: %s": common.SERVER_CONFIG,
    "could not set TLS priority: '%s': %s": common.SERVER_CONFIG,
    "TLS handshake completed": "no_fault",
    "client certificate verification succeeded": "no_fault",
    # gnutls-cli prints the same line ("Processed %d CA certificate(s)."): not ocserv's alone,
    # so it neither reads nor says a server printed the text.
    "processed %d CA certificate(s)": "not_tls",
    "reloading server certificates": "no_fault",
}

RULES = (
    (r".", "not_tls", "DTLS set-up, the session's reads and writes, rehandshake limits"),
)
