"""libvncclient (LibVNC/libvncserver src/libvncclient/tls_gnutls.c, tls_openssl.c): the VNC
client library's TLS and VeNCrypt lines (vncviewers and remote-control programs built on it,
e.g. Remmina's VNC plugin), each printed after a date and time by rfbClientLog.

The GnuTLS back end names each verify status bit in its own sentence; GnuTLS's and OpenSSL's
texts after "TLS handshake failed: " and "Could not verify server certificate: " are read by
those tables. Its shortest sentences ("The certificate has expired", "No certificate was
found!") are other programs' words too (wget, lftp): they make no pattern here."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    # msmtp's GnuTLS check prints the same words ("...: the certificate hasn't got a known
    # issuer"): bare, they are not libvnc's alone.
    "The certificate hasn't got a known issuer.": "not_tls",
    "The certificate's owner does not match hostname '%s'": common.HOSTNAME,
    "Could not verify server certificate: %s.": common.CERT_ANY + " | category",
    "TLS handshake failed: %s": common.HANDSHAKE,
    "TLS handshake failed.": "not_tls",  # other programs' words (generic)
    "TLS handshake timeout.": "not_tls",
    "Cannot load CA credentials: %s.": common.CLIENT_CONFIG,
    "Failed to load CA certificate from %s.": common.CLIENT_CONFIG,
    "Cannot load client certificate or key: %s.": common.CLIENT_CONFIG,
    # Apache's AH02326 "proxy client certificate and private key do not match" holds it.
    "Client certificate and private key do not match.": "not_tls",
    "Client certificate could not be loaded.": common.CLIENT_CONFIG,
    "Cannot load CRL: %s.": common.CLIENT_CONFIG,
    # Round 23: libvncclient's priority string (src/libvncclient/tls_gnutls.c) refused
    "Warning: Failed to set TLS priority: %s (%s).": common.CLIENT_CONFIG,
    "Unsupported VeNCrypt version.": "protocol_version_mismatch:.6 server_misconfiguration:.4",
    "Server refused VeNCrypt version %d.%d.": "protocol_version_mismatch:.6 "
                                              "server_misconfiguration:.4",
    "Server cert trusted": "no_fault",
    "TLS handshake done.": "no_fault",
    "The certificate's fingerprint matched the expected one - accepting.": "no_fault",
    "User decided to trust certificate - accepting.": "no_fault",
}

RULES = (
    (r".", "not_tls", "VeNCrypt sub-types, credentials, allocation, reads and writes of a "
     "session, its short generic sentences (see above)"),
)
