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
    # smtpd_tls_req_ccert = yes: smtpd ends the session after the handshake when the
    # client showed no certificate, or one its smtpd_tls_CAfile does not verify (smtpd.c,
    # "NOQUEUE: abort: TLS from %s: %s"; seen on Postfix 3.7.11, tests/ingest/corpus/
    # server_logs/matrix/postfix-mtls.log). The client must bring a certificate.
    (r"\bNOQUEUE: abort: TLS from (?P<client>[^\s:]{1,300}): (?:No client certificate "
     r"presented|Client certificate not trusted)\b",
     "Postfix smtpd requires a client certificate the server trusts (smtpd_tls_req_ccert); "
     "{client} showed none or one that did not verify", "client_cert_required:1", REASON,
     "Postfix src/smtpd/smtpd.c"),
    # tls_verify.c logs a failed check of the *peer's* certificate; in smtpd's log (or
    # when it says "client certificate") the peer is the client: its certificate, not the
    # server's chain. smtp's (the client daemon's) same words stay a server-chain cause.
    (r"\bsmtpd\[\d{1,10}\]: (?:client )?certificate verification failed for "
     r"(?P<client>[^\s:]{1,300})|\bclient certificate verification failed for "
     r"(?P<client2>[^\s:]{1,300})",
     "Postfix smtpd: the client's certificate did not verify (smtpd_tls_CAfile)",
     "client_cert_required:1", REASON + 1, "Postfix src/tls/tls_verify.c"),
    # An HTTP client on the SMTP port (smtpd.c: "non-SMTP command from %s: %.100s").
    (r"\bnon-SMTP command from (?P<client>[^\s:]{1,300}): (?:GET|POST|HEAD|PUT|OPTIONS|"
     r"CONNECT) \S{0,300} HTTP/\d",
     "Postfix smtpd: {client} sent an HTTP request to the mail port",
     "client_misconfiguration:1", REASON, "Postfix src/smtpd/smtpd.c"),
    # A TLS record (\026\003) or an SSLv2 hello (\200) sent before the banner was read
    # (smtpd.c "improper command pipelining after %s from %s: %s", bytes in octal): a
    # client speaking implicit TLS (port 465's way) to this STARTTLS port, or a scanner.
    (r"\bimproper command pipelining after CONNECT from (?P<client>[^\s:]{1,300}): "
     r"(?:\\026\\003|\\200)",
     "Postfix smtpd: {client} began a TLS handshake without STARTTLS (implicit TLS to a "
     "STARTTLS port, or a scanner)", "client_misconfiguration:.7 "
     "protocol_version_mismatch:.3", REASON, "Postfix src/smtpd/smtpd.c"),
    # An HTTP client on the SMTP port: the request came before the banner was read.
    (r"\bimproper command pipelining after CONNECT from (?P<client>[^\s:]{1,300}): "
     r"(?:GET|POST|HEAD|PUT|OPTIONS|CONNECT) \S{0,300} HTTP/\d",
     "Postfix smtpd: {client} sent an HTTP request to the mail port",
     "client_misconfiguration:1", REASON, "Postfix src/smtpd/smtpd.c"),
    (r"\bcannot (?:get|load) (?:RSA|ECDSA|DSA)? ?(?:certificate|private key) from file",
     "Postfix cannot load its certificate or key", "server_misconfiguration:1", REASON,
     "Postfix src/tls/tls_certkey.c"),
    # smtp logs its TLS summary first ("%s TLS connection established to %s", the word
    # "Trusted" when the chain verified, "Untrusted" when it did not: tls_misc.c
    # tls_log_summary), then defers with "Server certificate not verified" when the policy
    # level demands a match and none was made (smtp_proto.c, which reports a trusted chain
    # to TLSRPT as certificate-host-mismatch, an untrusted one as certificate-not-trusted;
    # vdukhovni/postfix @ 17830e5c13c160d51c95cb971d137a46de84e48c). After "Trusted" the
    # chain is not the fault: the certificate's names (or the policy's match list, its
    # pinned fingerprint, the domain's TLSA records) did not match.
    (r"\bTrusted TLS connection established to (?P<host>[^\s\[:]{1,300})[^\n]{0,400}\n"
     r"(?:[^\n]{0,600}\n){0,8}?[^\n]{0,600}\bServer certificate not verified\b",
     "Postfix smtp: {host}'s chain was trusted but its certificate did not match what the "
     "policy asks (its names, a pinned fingerprint or the TLSA records)",
     "hostname_mismatch:.45 server_misconfiguration:.3 client_misconfiguration:.25", REASON,
     "Postfix src/smtp/smtp_proto.c, src/tls/tls_misc.c"),
    (r"\bUntrusted TLS connection established to (?P<host>[^\s\[:]{1,300})[^\n]{0,400}\n"
     r"(?:[^\n]{0,600}\n){0,8}?[^\n]{0,600}\bServer certificate not verified\b",
     "Postfix smtp: {host}'s chain did not verify against smtp_tls_CAfile (or the pinned "
     "fingerprint or TLSA records did not match)",
     "cert_untrusted_root:.4 incomplete_chain:.3 client_misconfiguration:.3", REASON,
     "Postfix src/smtp/smtp_proto.c, src/tls/tls_misc.c"),
])

# Upstream wording first (upstream/*.json, judged in judgement/), then the forms this
# program prints around it.
PATTERNS = upstream_patterns("postfix", "Postfix", side="server", as_source="postfix") + _HAND
