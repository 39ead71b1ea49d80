"""uv (astral-sh/uv crates/uv-client/src/tls.rs, error.rs; 0.8.0's base_client.rs), the
Python package manager. Its TLS runs on rustls with its own bundled roots unless told to use
the system's.

- SSL_CERT_FILE / SSL_CERT_DIR warnings ("Invalid `SSL_CERT_FILE`. Path does not exist ...
  No default certificates will be trusted.", "No valid certificates found in ..."): this
  machine's setting of where the CA certificates are (client_misconfiguration).
- "certificate in `<file>` (from `SSL_CERT_FILE`) could not be used as a trust anchor": a
  certificate of the given CA file that rustls cannot use as a root (a malformed or X.509 v1
  corporate root): the client's store first; the server then reads as untrusted.
- "Consider enabling use of system TLS certificates with the `--system-certs` command-line
  flag": printed under every "invalid peer certificate" error. The certificate was refused
  by uv's bundled roots, which a system store may hold (a corporate proxy's or private CA's
  root): a ranking led by the proxy; rustls' words above it decide.
"""

from __future__ import annotations

from . import _common as common

_TRUST_ANCHOR = "client_misconfiguration:.7 cert_untrusted_root:.3 | reason"

JUDGE = {
    "suggests_system_certs": ("tls_interception_mitm:.45 cert_untrusted_root:.35 "
                              "client_misconfiguration:.2 | category"),
    "certificate in `%s` (from `%s`) could not be used as a trust anchor": _TRUST_ANCHOR,
    "certificate in `%s` (from `%s`) uses an unsupported critical extension": _TRUST_ANCHOR,
}

RULES = (
    (r"SSL_CERT_|[Cc]ertificate (?:file|path)|[Cc]ertificates found", common.CLIENT_CONFIG,
     "the CA file or directory this machine's environment points uv at"),
)
