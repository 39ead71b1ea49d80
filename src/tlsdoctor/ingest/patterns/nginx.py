"""nginx error.log lines about TLS (src/event/ngx_event_openssl.c ngx_ssl_handshake,
ngx_ssl_connection_error; src/http/ngx_http_request.c). Handshake failures are logged
at ``info`` (client-caused) or ``crit``/``alert``.
"""

from __future__ import annotations

from . import GENERIC, REASON, table
from .harvested import upstream_patterns

# The client closed the connection without a TLS alert (ngx_ssl_handshake: EOF with no
# OpenSSL error queued), so the line carries no reason: a client that rejects the
# server's certificate sends an alert (nginx then logs "alert unknown ca"...). No cause
# is read into it.
_CLIENT_GAVE_UP = ""

_HAND = table("nginx", "nginx src/event/ngx_event_openssl.c", [
    (r"\bSSL_do_handshake\(\) failed\b", "nginx: a client's TLS handshake failed",
     "", GENERIC),
    (r"\bpeer closed connection in SSL handshake\b",
     "nginx: the client closed the connection during the handshake without a TLS alert "
     "(it gave no reason)", _CLIENT_GAVE_UP, GENERIC),
    (r"\bclient closed connection while SSL handshaking\b",
     "nginx: the client closed the TCP connection before sending any TLS (health checks, "
     "port scans, unused browser preconnections)", _CLIENT_GAVE_UP, GENERIC,
     "nginx src/http/ngx_http_request.c"),
    (r"\bhandshake rejected while SSL handshaking\b",
     "nginx refused the handshake (ssl_reject_handshake on): the client asked for a server "
     "name (SNI) that no server block serves, or sent none",
     "sni_required_or_mismatch:1", REASON,
     "nginx src/event/ngx_event_openssl.c (c->ssl->handshake_rejected), "
     "src/http/ngx_http_request.c ngx_http_ssl_servername @ 3f6f782"),
    (r"\bclient sent plain HTTP request to HTTPS port\b",
     "nginx: a client sent plain HTTP to the TLS port (http:// used instead of https://)",
     "non_tls_service_on_port:1", REASON, "nginx src/http/ngx_http_request.c"),
    (r"\bclient sent no required SSL certificate\b",
     "nginx: ssl_verify_client is on and the client sent no certificate",
     "client_cert_required:1", REASON, "nginx src/http/ngx_http_request.c"),
    (r"\bclient SSL certificate verify error: \((?P<n>\d{1,3}):(?P<text>[^)\n]{1,200})\)",
     "nginx: the client certificate failed verification: {text}", "client_cert_required:1",
     REASON + 1, "nginx src/http/ngx_http_request.c"),
    # The request line as the version wrote it: escaped ("\x16\x03"), or (nginx 1.22)
    # the hello's bytes themselves, 0x16 0x03 (a TLS handshake record's first two).
    (r"\bclient sent invalid method[^\n]{0,200}request: \"(?:\\x16\\x03|\x16\x03)",
     "nginx: a client spoke TLS to a plain HTTP port", "non_tls_service_on_port:1", REASON,
     "nginx src/http/ngx_http_parse.c"),
    (r"\bno \"ssl_certificate\" is defined\b",
     "nginx: a TLS listener has no certificate", "server_misconfiguration:1", REASON,
     "nginx src/http/modules/ngx_http_ssl_module.c"),
    (r"\bcannot load certificate (?:key )?\"(?P<path>[^\"\n]{1,300})\"",
     "nginx could not load {path}", "server_misconfiguration:1", REASON),
    (r"\bSSL_CTX_use_PrivateKey\([^)\n]{0,300}\) failed\b",
     "nginx: the private key does not fit the certificate", "server_misconfiguration:1", REASON),
    (r"\"ssl_stapling\" ignored, issuer certificate not found\b",
     "nginx cannot staple OCSP: the intermediate is not in ssl_certificate",
     "incomplete_chain:.6 ocsp_must_staple_missing:.4", REASON,
     "nginx src/event/ngx_event_openssl_stapling.c"),
    (r"\bSSL_do_handshake\(\) failed[^\n]{0,400}while SSL handshaking to upstream\b",
     "nginx (as a client of the upstream) failed the TLS handshake", "", GENERIC),
    # nginx sends no SNI to an upstream unless proxy_ssl_server_name is on (default off,
    # ngx_http_proxy_module docs), and a CDN or a virtual-host upstream refuses a hello
    # without its name with handshake_failure (40; unrecognized_name, 112, says so itself).
    # Dev set: 2 of 2 upstream handshake_failure threads were fixed by
    # proxy_ssl_server_name on; the suites stay second (an upstream with an old cipher
    # list alerts the same way).
    (r"\bSSL_do_handshake\(\) failed \(SSL: [^\n]{0,160}?alert handshake failure"
     r"[^\n]{0,200}?\) while SSL handshaking to upstream\b",
     "nginx, as a client of the upstream, got a handshake refusal from it: nginx sends no "
     "server name (SNI) upstream unless proxy_ssl_server_name is on",
     "sni_required_or_mismatch:.55 cipher_suite_mismatch:.25 protocol_version_mismatch:.2",
     REASON + 1, "nginx src/http/modules/ngx_http_proxy_module.c (proxy_ssl_server_name, "
     "default off), src/event/ngx_event_openssl.c", "while ssl handshaking to upstream"),
])

# Upstream wording first (upstream/*.json, judged in judgement/), then the forms this
# program prints around it.
PATTERNS = upstream_patterns("nginx", "nginx", side="server", as_source="nginx") + _HAND
