"""lftp (lavv17/lftp src/lftp_ssl.cc): its certificate verdicts after "Certificate
verification: ".

lftp 4.8's GnuTLS path checks each certificate the server sent against the CA file it
loads (ssl:ca-file, by default the first of a list of system bundle paths): "Not trusted"
is an issuer not in that file (a private CA, a missing intermediate) or one that is not a
CA. The name checks are the host name asked. "No certificate presented" is a server that
sent none (or something in between that answers for it)."""

from __future__ import annotations

from . import _common as common

_NOT_TRUSTED = common.UNTRUSTED + " | reason"
JUDGE = {
    "Not trusted": _NOT_TRUSTED,
    "Not trusted: no issuer was found": _NOT_TRUSTED,
    "Not trusted: issuer is not a CA": "bad_chain_order_or_extra:.5 cert_wrong_purpose:.5 "
                                       "| reason",
    "Not trusted: Issuer is not a CA": "bad_chain_order_or_extra:.5 cert_wrong_purpose:.5 "
                                       "| reason",
    "Not yet activated": common.NOT_YET,
    "Expired": common.EXPIRED,
    "Revoked": common.REVOKED,
    "certificate common name doesn't match requested host name %s": common.HOSTNAME,
    "subjectAltName does not match %s": common.HOSTNAME,
    "certificate subject name %s does not match target host name %s": common.HOSTNAME,
    "unable to obtain common name from peer certificate": common.HOSTNAME,
    # wget prints the same words (src/openssl.c: the server sent none), which wget's table
    # reads as a client certificate by a keyword rule; after lftp's own lead its reading
    # is named outright.
    "No certificate presented by %s": "server_misconfiguration:.6 tls_interception_mitm:.4 "
                                      "| exact",
    "No certificate was found!": "server_misconfiguration:.6 tls_interception_mitm:.4 | reason",
    "GnuTLS Error: %s": "elsewhere",
    "Cerificate Verification Error: %s": "elsewhere",
}

RULES = (
    (r".", "not_tls", "malformed name fields, certificate types"),
)
