"""Ansible's module_utils/urls.py (ansible/ansible, 2.16 and older): build_ssl_validation_
error() raised SSLValidationError when the managed node's Python refused the server's
certificate, with the exception's text after "The exception msg was:" (read by the
Python/OpenSSL tables). Alone the first sentence names no single cause: a ranking, led by
a CA the managed node does not hold (an internal CA, the usual case it was written for).
The SNI sentences are printed only for a Python without SSLContext (older than 2.7.9).
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "build_ssl_validation_error.0": ("cert_untrusted_root:.35 client_misconfiguration:.25 "
                                     "tls_interception_mitm:.15 incomplete_chain:.1 "
                                     "hostname_mismatch:.1 cert_self_signed:.05 | specific"),
    "build_ssl_validation_error.1": "client_misconfiguration:.7 sni_required_or_mismatch:.3"
                                    " | specific",
    "build_ssl_validation_error.4": "client_misconfiguration:.7 sni_required_or_mismatch:.3"
                                    " | specific",
    "NoSSLError": common.CLIENT_CONFIG,
}

RULES = (
    (r".", "not_tls", "advice and the interpreter's details around the sentence"),
)
