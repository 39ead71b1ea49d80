"""Fluent Bit (fluent/fluent-bit src/tls/flb_tls.c, src/tls/openssl.c, src/flb_io.c,
src/flb_upstream.c): its TLS log lines. "[tls] error: %s" and "certificate verification
failed, reason: %s (X509 code: %ld)" carry OpenSSL's words (which decide); the
ca_file/crt_file/key_file lines are the outputs' (mostly a client's) or inputs' own files.
The lines patterns/daemons.py's hand table (round 27, same commit) reads keep its readings,
so one text means one thing whichever table matched it.
"""

from __future__ import annotations

from . import _common as common

_OWN = "client_misconfiguration:.55 server_misconfiguration:.45 | reason"
# patterns/daemons.py _HANDSHAKE and _UNTRUSTED
_HANDSHAKE = ("protocol_version_mismatch:.35 cipher_suite_mismatch:.25 "
              "client_cert_required:.2 sni_required_or_mismatch:.2 | generic")
_UNTRUSTED = "cert_untrusted_root:.45 incomplete_chain:.3 cert_self_signed:.25 | category"

JUDGE = {
    "[tls] certificate verification failed, reason: %s (X509 code: %ld)": _UNTRUSTED,
    "[tls] error: unexpected EOF": ("protocol_version_mismatch:.3 client_cert_required:.25 "
                                    "middlebox_or_firewall_interference:.25 "
                                    "sni_required_or_mismatch:.2 | specific"),
    "[tls] error: %s": _HANDSHAKE,
    "[tls] syscall error: %s": common.RESET,
    "[tls] error: tls handshake failed (ssl_error=%d)": _HANDSHAKE,
    "[tls] connection #%i %s: failed in %s": _HANDSHAKE,
    "[tls] connection #%i %s: error in %s": _HANDSHAKE,
    "[io_tls] handshake connection #%i to %s timed out after %i seconds":
        ("non_tls_service_on_port:.4 middlebox_or_firewall_interference:.3 "
         "name_resolution_or_unreachable:.3 | specific"),
    "[tls] ca_path '%s' %lu: %s": _OWN,
    "[tls] ca_file '%s' %lu: %s": _OWN,
    "[tls] crt_file '%s' %lu: %s": _OWN,
    "[tls] key_file '%s' %lu: %s": _OWN,
    "[tls] private_key '%s' and password don't match": _OWN,
    "[tls] error: hostname parameter vailidation is failed : %s":
        "client_misconfiguration:.85 hostname_mismatch:.15 | reason",
}

RULES = (
    (r".", "not_tls", "backend creation, certificate-store enumeration and I/O bookkeeping"),
)
