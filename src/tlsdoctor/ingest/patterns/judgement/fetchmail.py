"""fetchmail (socket.c): "Server certificate verification error: <OpenSSL's verify text>"
(read with OpenSSL's table), its hints about the chain ("Broken certification chain at",
"Missing trust anchor certificate"), its own name and fingerprint checks, and "OpenSSL
reported: <error>" for the queue."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "Server certificate verification error: %s": "elsewhere",
    "OpenSSL reported: %s": "elsewhere",
    # The chain stops at a certificate the server sent whose issuer it did not send.
    "Broken certification chain at: %s": "incomplete_chain:.7 cert_untrusted_root:.3",
    # The chain reached its top but the root is not in sslcertfile/sslcertpath.
    "Missing trust anchor certificate: %s": (
        "cert_untrusted_root:.45 client_misconfiguration:.35 tls_interception_mitm:.2"),
    "%s fingerprints do not match!": "server_misconfiguration:.55 tls_interception_mitm:.45",
    "Server name not specified in certificate!": common.HOSTNAME,
    "Server name not set, could not verify certificate!": common.CLIENT_CONFIG,
    "Bad certificate: Subject CommonName too long!": common.BAD_CERT_FORMAT,
    "Bad certificate: Subject CommonName contains NUL, aborting!": common.MITM,
    "Bad certificate: Subject Alternative Name contains NUL, aborting!": common.MITM,
}

RULES = (
    (r"^Warning: the connection is insecure", "no_fault",
     "a warning that no certificate check was asked for"),
    (r"fingerprints match\.$", "not_tls", "a success line, two words too common to match "
     "on their own"),
    (r".", "not_tls", "the certificate dump, protocol selection and internal states"),
)
