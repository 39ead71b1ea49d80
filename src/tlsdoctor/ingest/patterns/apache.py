"""Apache httpd mod_ssl error_log lines (modules/ssl/ssl_engine_kernel.c,
ssl_engine_io.c, ssl_engine_init.c; AH message numbers are stable ids).
"""

from __future__ import annotations

from . import GENERIC, REASON, SPECIFIC, table
from .harvested import upstream_patterns

_HAND = table("apache", "Apache httpd modules/ssl/ssl_engine_io.c", [
    (r"\bAH02008: SSL library error \d{1,3} in handshake",
     "mod_ssl: a client's TLS handshake failed", "", GENERIC),
    (r"\bSSL Library Error: ", "mod_ssl: OpenSSL reported an error", "", GENERIC),
    (r"\bspeaking not SSL to HTTPS port!?\?",
     "mod_ssl: a client sent plain HTTP to the TLS port", "non_tls_service_on_port:1", REASON),
    (r"\bSSL handshake failed: HTTP spoken on HTTPS port\b",
     "mod_ssl: a client sent plain HTTP to the TLS port", "non_tls_service_on_port:1", REASON),
    (r"\bToo restrictive SSLCipherSuite or using DSA server certificate\?",
     "mod_ssl: no cipher suite in common with the client", "cipher_suite_mismatch:1", REASON),
    # AH02039 (error level) and AH02276 (info level, with the certificate's subject and
    # issuer after the text) are the same verify callback (ssl_callback_SSLVerify).
    (r"\bAH0(?:2039|2276): Certificate Verification: Error \((?P<n>\d{1,3})\): "
     r"(?P<text>[^\n\[]{1,200})",
     "mod_ssl: the client certificate failed verification: {text}", "client_cert_required:1",
     REASON + 1, "Apache httpd modules/ssl/ssl_engine_kernel.c"),
    # Round 23 (holdout24): the %s is X509_verify_cert_error_string(errnum)
    # (ssl_callback_SSLVerify, httpd modules/ssl/ssl_engine_kernel.c), so the reason decides:
    # 26 "unsuitable certificate purpose" is X509_V_ERR_INVALID_PURPOSE (OpenSSL
    # crypto/x509/x509_txt.c): the client sent a certificate, one without the TLS client
    # purpose (a serverAuth-only EKU), not none.
    (r"\bAH0(?:2039|2276): Certificate Verification: Error \(26\): "
     r"unsuitable certificate purpose\b",
     "mod_ssl: the client's certificate is not for client authentication (its key usage or "
     "extended key usage)", "cert_wrong_purpose:.8 client_cert_required:.2", REASON + 2,
     "Apache httpd modules/ssl/ssl_engine_kernel.c; OpenSSL crypto/x509/x509_txt.c"),
    (r"\bAH02261: Re-negotiation handshake failed\b",
     "mod_ssl: renegotiation (for a per-directory client certificate) failed",
     "client_cert_required:.7 client_misconfiguration:.3", SPECIFIC,
     "Apache httpd modules/ssl/ssl_engine_kernel.c"),
    (r"\bAH02032: Hostname (?P<sni>\S{1,253}) provided via SNI and hostname (?P<host>\S{1,253}) provided via HTTP",
     "mod_ssl: SNI name {sni} and Host header {host} select different virtual hosts",
     "sni_required_or_mismatch:1", REASON, "Apache httpd modules/ssl/ssl_engine_kernel.c"),
    # Apache 2.2's wording of the same check, without an AH number.
    (r"\bHostname (?P<sni>\S{1,253}) provided via SNI and hostname (?P<host>\S{1,253}) "
     r"provided via HTTP are different\b",
     "mod_ssl: the client's SNI name {sni} differs from its Host header {host}",
     "sni_required_or_mismatch:.9 client_misconfiguration:.1", REASON,
     "Apache httpd 2.2 modules/ssl/ssl_engine_kernel.c (ssl_hook_ReadReq)"),
    # Stapling set-up cannot find the issuer of a certificate whose subject *is* its issuer:
    # a self-signed certificate configured as the server's.
    (r"\bAH02217: ssl_stapling_init_cert: [^\n]{0,60}\[subject: (?P<subj>[^/\]\n]{1,300}) / "
     r"issuer: (?P=subj) /",
     "mod_ssl: the server certificate is self-signed (its subject is its issuer)",
     "cert_self_signed:.8 hostname_mismatch:.2", REASON + 1,
     "Apache httpd modules/ssl/ssl_util_stapling.c (AH02217)", "ah02217"),
    (r"\bAH02033: No hostname was provided via SNI for a name based virtual host\b",
     "mod_ssl: the client sent no SNI", "sni_required_or_mismatch:1", REASON,
     "Apache httpd modules/ssl/ssl_engine_kernel.c"),
    (r"\bAH01909: [^\n]{0,300}server certificate does NOT include an ID which matches the server name",
     "mod_ssl (start-up warning): the configured certificate does not cover ServerName",
     "hostname_mismatch:.45 cert_self_signed:.2", SPECIFIC,
     "Apache httpd modules/ssl/ssl_engine_init.c (prior: judgement/apache.py AH01909)"),
    (r"\bAH02565: Certificate and private key [^\n]{0,600} do not match\b",
     "mod_ssl: SSLCertificateFile and SSLCertificateKeyFile do not match",
     "server_misconfiguration:1", REASON, "Apache httpd modules/ssl/ssl_engine_init.c"),
    (r"\bAH02217: ssl_stapling_init_cert: [^\n]{0,40}issuer certificate",
     "mod_ssl cannot staple OCSP: the issuer certificate is not configured",
     "incomplete_chain:.6 ocsp_must_staple_missing:.4", REASON,
     "Apache httpd modules/ssl/ssl_util_stapling.c"),
    # Round 9: start-up errors of mod_ssl's directive checks (ssl_engine_config.c
    # ssl_cmd_check_file / ssl_cmd_check_dir @ 0cb680442eca: "<directive>: file '<path>'
    # does not exist or is empty", "<directive>: directory '<path>' does not exist"): every
    # SSL*File / SSL*Path directive, the server's own and its proxy side's. Apache refuses to
    # start: the configuration names certificate material that is not there.
    (r"\b(?P<directive>SSL[A-Za-z]{4,40}(?:File|Path)): (?:file|directory) "
     r"'(?P<path>[^'\n]{1,300})' does not exist\b",
     "mod_ssl refuses the configuration: {directive} names '{path}', which does not exist or "
     "is empty", "server_misconfiguration:.9 client_misconfiguration:.1", REASON,
     "Apache httpd modules/ssl/ssl_engine_config.c (ssl_cmd_check_file, ssl_cmd_check_dir)",
     "does not exist"),
    # Round 9: mod_proxy could not switch TLS on for an https:// backend (proxy_util.c
    # ap_proxy_connect_backend, AH00961 @ 0cb680442eca): ap_proxy_ssl_engine failed, which it
    # does when mod_ssl is not loaded or SSLProxyEngine is off for the vhost (mod_ssl then
    # also logs AH01961 "... [Hint: SSLProxyEngine]"). Apache is the backend's TLS client
    # here; its own configuration is at fault. Dev: 1 of 1 thread (ProxyPass to https://
    # without SSLProxyEngine on).
    (r"\bAH00961: (?:HTTPS|[A-Z]{2,12}): failed to enable ssl support for\b",
     "Apache's proxy cannot speak TLS to its https:// backend: SSLProxyEngine is not on for "
     "this virtual host (or mod_ssl is not loaded)",
     "client_misconfiguration:.55 server_misconfiguration:.45", REASON,
     "Apache httpd modules/proxy/proxy_util.c (AH00961)", "ah00961"),
    (r"\bAH02007: SSL handshake interrupted by system",
     "mod_ssl: the client aborted the handshake", "middlebox_or_firewall_interference:.5 "
     "cert_untrusted_root:.25 protocol_version_mismatch:.25", GENERIC),
])

# Upstream wording first (upstream/*.json, judged in judgement/), then the forms this
# program prints around it.
PATTERNS = upstream_patterns("apache", "Apache mod_ssl", side="server", as_source="apache") + _HAND
