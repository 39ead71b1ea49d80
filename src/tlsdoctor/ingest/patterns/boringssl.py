"""BoringSSL (Chrome, Android, gRPC, Cloudflare...): ``error:<hex code>:SSL routines:
OPENSSL_internal:REASON`` with reason *names* (ssl/ssl_test... include/openssl/ssl.h
SSL_R_*; BoringSSL numbers differ from OpenSSL's, so only the name is trusted). Names
shared with OpenSSL are in openssl.py; these are BoringSSL's own.
"""

from __future__ import annotations

from . import CATEGORY, GENERIC, REASON, SPECIFIC, table
from .harvested import Entry, upstream_patterns


def _printed(entry: Entry) -> list[tuple[str, str, str]]:
    """BoringSSL prints ``error:NUM:LIB:OPENSSL_internal:NAME`` (crypto/err/err.cc)."""
    name = entry.text
    return [("internal", rf"OPENSSL_internal:(?-i:{name})\b", name.lower())]

_HAND = table("boringssl", "BoringSSL include/openssl/ssl.h (SSL_R_*)", [
    (r"(?<![A-Za-z0-9_])HANDSHAKE_FAILURE_ON_CLIENT_HELLO\b",
     "BoringSSL (server): the ClientHello shares no version, suite or group with the server",
     "cipher_suite_mismatch:.5 protocol_version_mismatch:.5", SPECIFIC),
    (r"(?<![A-Za-z0-9_])NO_COMMON_SIGNATURE_ALGORITHMS\b",
     "BoringSSL: no signature algorithm in common", "cipher_suite_mismatch:1", REASON),
    (r"(?<![A-Za-z0-9_])NO_SUPPORTED_VERSIONS_ENABLED\b",
     "BoringSSL: the configuration enables no version", "client_misconfiguration:1", REASON),
    (r"(?<![A-Za-z0-9_])(?:BAD_DH_P_LENGTH|DH_P_TOO_LONG)\b",
     "BoringSSL: the server's DH group size is not acceptable", "weak_cipher_or_no_pfs:1",
     REASON),
    (r"(?<![A-Za-z0-9_])TLSV1_ALERT_CERTIFICATE_REQUIRED\b",
     "the server requires a client certificate (alert 116)", "client_cert_required:1", REASON),
    (r"(?<![A-Za-z0-9_])TLSV1_UNRECOGNIZED_NAME\b", "the server does not know the SNI name",
     "sni_required_or_mismatch:1", REASON),
    (r"(?<![A-Za-z0-9_])WRONG_VERSION_ON_EARLY_DATA\b", "0-RTT used a different version",
     "server_misconfiguration:.5 client_misconfiguration:.5", SPECIFIC),
    (r"(?<![A-Za-z0-9_])(?-i:DECODE_ERROR)\b", "BoringSSL could not parse the peer's message",
     "middlebox_or_firewall_interference:.5 non_tls_service_on_port:.5", CATEGORY),
    (r"\bOPENSSL_internal:(?P<reason>[A-Z0-9_]{3,60})", "BoringSSL reported {reason}", "",
     GENERIC),
])

# Upstream wording first (upstream/*.json, judged in judgement/), then the forms this
# program prints around it.
PATTERNS = upstream_patterns("boringssl", "BoringSSL", side="client", as_source="boringssl",
                             extra_forms=_printed, bare_names=False) + _HAND
