"""Postfix TLS log lines (src/tls/tls_server.c, tls_client.c, tls_misc.c tls_print_errors,
src/smtp/smtp_proto.c).
"""

from __future__ import annotations

from . import GENERIC, REASON, SPECIFIC, table
from .harvested import upstream_patterns

_GAVE_UP = ("protocol_version_mismatch:.3 cipher_suite_mismatch:.3 cert_untrusted_root:.2 "
            "middlebox_or_firewall_interference:.2")

_HAND = table("postfix", "Postfix src/tls/tls_server.c", [
    (r"\bSSL_accept error from (?P<client>[^\s:]{1,300}): (?P<e>[^\n]{1,80})",
     "Postfix smtpd: a client's TLS handshake failed", _GAVE_UP, GENERIC),
    (r"\bSSL_connect error to (?P<host>[^\s:]{1,300})", "Postfix smtp: the TLS handshake to "
     "{host} failed", _GAVE_UP, GENERIC, "Postfix src/tls/tls_client.c"),
    (r"\bTLS library problem: ", "Postfix: OpenSSL reported an error", "", GENERIC,
     "Postfix src/tls/tls_misc.c tls_print_errors"),
    (r"\blost connection after STARTTLS from (?P<client>\S{1,300})",
     "Postfix: the client hung up right after STARTTLS (it rejected the certificate or found "
     "no common version/suite)", _GAVE_UP, GENERIC, "Postfix src/smtpd/smtpd.c"),
    (r"\bTLS is required, but was not offered by host (?P<host>\S{1,300})",
     "Postfix smtp: {host} does not offer STARTTLS", "non_tls_service_on_port:.6 "
     "server_misconfiguration:.4", REASON, "Postfix src/smtp/smtp_proto.c"),
    (r"\bServer certificate not (?:verified|trusted)\b",
     "Postfix smtp: the server certificate did not verify",
     "cert_untrusted_root:.4 incomplete_chain:.3 hostname_mismatch:.3", SPECIFIC,
     "Postfix src/smtp/smtp_proto.c"),
    (r"\bcannot (?:get|load) (?:RSA|ECDSA|DSA)? ?(?:certificate|private key) from file",
     "Postfix cannot load its certificate or key", "server_misconfiguration:1", REASON,
     "Postfix src/tls/tls_certkey.c"),
])

# Upstream wording first (upstream/*.json, judged in judgement/), then the forms this
# program prints around it.
PATTERNS = upstream_patterns("postfix", "Postfix", side="server", as_source="postfix") + _HAND
