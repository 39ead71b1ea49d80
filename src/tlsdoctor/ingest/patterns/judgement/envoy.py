"""Envoy (source/common/tls): the transport failure reason "TLS_error:|<packed>:SSL
routines:OPENSSL_internal:<NAME>:<detail>:TLS_error_end" (BoringSSL's names, read with
BoringSSL's table) and the default validator's own checks, whose detail follows the name:
"verify cert failed: X509_verify_cert: certificate verification error at depth N: <OpenSSL
verify text>" (read with OpenSSL's table), the SAN matchers, the hash and SPKI pins."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "TLS_error:": "elsewhere",
    "TLS_error_end": "elsewhere",
    "verify cert failed: %s": "elsewhere",
    "X509_verify_cert: certificate verification error at depth %d: %s": "elsewhere",
    "peer did not provide required client certificate": common.CLIENT_CERT,
    # match_typed_subject_alt_names / auto_sni_san_validation: the upstream's certificate
    # is not for the name the cluster expects (or the matcher names the wrong SAN).
    "verify cert failed: SAN matcher, certificate SANs are [%s]":
        "hostname_mismatch:.8 client_misconfiguration:.2",
    "verify cert failed: verify SAN list, expected SANs: [%s], certificate SANs: [%s]":
        "hostname_mismatch:.8 client_misconfiguration:.2",
    "verify cert failed: cert hash and spki": common.PINNING,
    "verify cert failed: empty cert chain": common.CLIENT_CERT,
}

RULES = (
    (r".", "not_tls", "internal states"),
)
