"""Mercurial (mercurial/sslutil.py, scmutil.py; 6.3.2 as Debian ships it): its aborts,
hints and warnings around a TLS connection.

Mercurial checks the host name itself (_verifycert: "<host> certificate error: certificate
is for <names>") and pins certificates by fingerprint ([hostsecurity] <host>:fingerprints,
the legacy [hostfingerprints]): "certificate for <host> has unexpected fingerprint" is most
often a server that renewed its certificate under a pin the client still holds (a ranking,
the stale pin first; a changed key nobody renewed is what the pin is there to catch).
"(an attempt was made to load CA certificates but none were loaded ...)" and "unable to
verify security of <host> (no loaded CA certificates)" say this client has no CA store to
verify with: the client's to fix (web.cacerts, hostsecurity.<host>:verifycertsfile). The
version warnings follow UNSUPPORTED_PROTOCOL / TLSV1_ALERT_PROTOCOL_VERSION. "abort: error:
%s" carries Python's ssl error (the Python and OpenSSL tables)."""

from __future__ import annotations

from . import _common as common

_NO_CERT = "server_misconfiguration:.6 tls_interception_mitm:.4 | reason"
_NO_CA = "client_misconfiguration:.7 cert_untrusted_root:.3 | reason"
_NO_NAME = "hostname_mismatch:.6 server_misconfiguration:.4 | reason"
JUDGE = {
    "unsupported protocol from hostsecurity.%s: %s": common.CLIENT_CONFIG,
    "valid protocols: %s": "not_tls",
    "invalid fingerprint for %s: %s": common.CLIENT_CONFIG,
    "(hostsecurity.%s:verifycertsfile ignored when host fingerprints defined; using host "
    "fingerprints for verification)": "no_fault",
    "certificate file (%s) does not exist; cannot connect to %s": common.CLIENT_CONFIG,
    "could not set ciphers: %s": common.CLIENT_CONFIG,
    "change cipher string (%s) in config": "not_tls",
    "error loading CA file %s: %s": common.CLIENT_CONFIG,
    "(the full certificate chain may not be available locally; see \"hg help debugssl\")":
        "cert_untrusted_root:.45 incomplete_chain:.35 client_misconfiguration:.2",
    # wrap_socket returned a socket the peer had already closed (bpo-13721)
    "ssl connection failed": common.EOF_CLOSED.replace("| generic", "| reason"),
    # hg serve's own certificate and its test-only protocol settings
    "referenced certificate file (%s) does not exist": common.SERVER_CONFIG,
    "TLS 1.0 not supported by this Python": "not_tls",
    "TLS 1.1 not supported by this Python": "not_tls",
    "TLS 1.2 not supported by this Python": "not_tls",
    "invalid value for serverexactprotocol: %s": "not_tls",
    "too many wildcards in certificate DNS name: %s": _NO_NAME,
    "no certificate received": _NO_CERT,
    "IDN in certificate not supported": "hostname_mismatch:.5 client_misconfiguration:.5",
    "certificate is for %s": common.HOSTNAME,
    "no commonName or subjectAltName found in certificate": _NO_NAME,
    "%s ssl connection error": common.HANDSHAKE,
    "%s certificate error: no certificate received": _NO_CERT,
    "certificate for %s has unexpected fingerprint %s":
        "client_misconfiguration:.5 tls_interception_mitm:.3 server_misconfiguration:.2 "
        "| reason",
    "unable to verify security of %s (no loaded CA certificates); refusing to connect": _NO_CA,
    "%s certificate error: %s": "elsewhere",  # the _verifycert verdict inside
    "abort: error: %s": "elsewhere",  # Python's ssl error inside
}

RULES = (
    (r"(?i)^\(an attempt was made to load CA certificates but none", _NO_CA,
     "this client loaded no CA certificates"),
    (r"(?i)^\((?:could not communicate with|could not negotiate a common security protocol|"
     r"consider contacting the operator)", common.VERSION,
     "no TLS version in common (Mercurial's warnings after UNSUPPORTED_PROTOCOL)"),
    (r"(?i)^(?:\(see https|see https|set hostsecurity)", "not_tls",
     "hints printed with an abort (the abort is read)"),
    (r"(?i)^warning: connection security|^\(SHA-1 fingerprint", "no_fault",
     "--insecure's warning; the legacy [hostfingerprints] notice"),
)
