"""A handshake that failed in a text that says the server needs the server name (SNI).

People paste the failure together with what they found: "the server requires Server Name
Indication (SNI)", "the client does not send SNI". A received handshake_failure alert
alone ranks cipher suites first (alerts.py: suites 0.45, SNI 0.15); when the same text
names SNI as something the server requires or the client leaves out, the missing name
is the reading. Not certain (0.55): the words are the writer's, not the program's.
"""

from __future__ import annotations

from . import REASON, Row, table

_SNI = r"(?:Server Name Indica(?:tion|tor)|Server Name Identification|\bSNI\b)"
_NEEDS = (r"(?:requires?|required|needs?|needed|mandatory|without|missing|no|lacks?|"
          r"(?:does not|doesn't|did not|didn't|never) (?:send|support|pass|set)s?)")
_FAILED = r"(?:handshake[ _]failure|handshake failed|alert handshake|ALERT_HANDSHAKE_FAILURE)"

# Round 13: clients known to send no server name, by the form of what they print, meeting
# the alerts a server that needs the name answers with (handshake_failure 40 - Cloudflare,
# nginx's ssl_reject_handshake; internal_error 80 - Cloudflare's older edges, Caddy without
# a certificate for the name; unrecognized_name 112):
# - Python before 2.7.9 (and 3.0-3.2): the ssl module formatted its errors as
#   "[Errno 1] _ssl.c:<line>: error:<8 hex digits>:<text>" (CPython 2.7.8 Modules/_ssl.c
#   PySSL_SetError: "_ssl.c:%d: %s"); 2.7.9 and 3.3+ print "[SSL: NAME] text (_ssl.c:NNN)". The
#   old module has no server_hostname (PEP 466 backported SNI in 2.7.9), and requests only sends
#   SNI there through pyOpenSSL, whose errors have another form ("bad handshake: Error(").
#   Python 3.2 had SNI with the old form: rare enough to rank, not exclude. Dev: 2 of 2 such
#   threads (sopel-python2-785b2055, python2-requests-e6b30b70, a CloudFlare edge).
#   Its other alerts keep their reading (protocol_version: pip-577010d5, an old OpenSSL).
# - HAProxy's health check: "Layer6 invalid response" (src/check.c check_statuses,
#   HCHK_STATUS_L6RSP) with the connection error "SSL handshake failure": a check sends no
#   SNI unless check-sni is set (doc/configuration.txt "check-sni"; the server line's "sni"
#   applies to traffic only), so a backend that routes by name refuses the check while the
#   traffic passes. Dev: 1 of 1 (haproxy-898c9ddc). Verification and version refusals
#   print the same words: a ranking.
_ALERT_NO_NAME = (r"(?:sslv3 alert handshake failure|tlsv1 alert internal error|"
                  r"tlsv1 unrecognized name|tlsv1 alert unrecognized name)")
_NO_SNI_CLIENTS: list[Row] = [
    (rf"_ssl\.c:\d{{1,5}}: error:[0-9A-F]{{8}}:SSL routines:[A-Z0-9_]{{1,40}}:{_ALERT_NO_NAME}",
     "a Python older than 2.7.9 (its ssl module's error form) sends no server name (SNI); "
     "the server refused the handshake, as servers that need the name do",
     "sni_required_or_mismatch:.45 protocol_version_mismatch:.25 cipher_suite_mismatch:.2 "
     "client_misconfiguration:.1", REASON + 1,
     "CPython 2.7.8 Modules/_ssl.c (PySSL_SetError \"_ssl.c:%d: %s\"); PEP 466 (SNI in 2.7.9)",
     "_ssl.c:"),
    (r"\bLayer6 invalid response\b[^\n]{0,40}?\bSSL handshake failure\b",
     "HAProxy's TLS health check failed its handshake: a check sends no server name (SNI) "
     "unless check-sni is set, and a backend that needs the name refuses it",
     "sni_required_or_mismatch:.4 protocol_version_mismatch:.2 cipher_suite_mismatch:.2 "
     "cert_untrusted_root:.1 hostname_mismatch:.1", REASON + 1,
     "HAProxy src/check.c (check_statuses: \"Layer6 invalid response\"), src/connection.c "
     "conn_err_code_str; doc/configuration.txt check-sni", "layer6 invalid response"),
]

# Round 13: a front end's *default* certificate named in the output (a subject, an issuer, a
# name list). Such a server answers with it when the hello has no server name, or a name it
# has no certificate for (SPEC: "serves another certificate without it"); the site's own
# certificate failing to load leads there too, hence the server's setup in the ranking.
# Above a stack's own mismatch reading (REASON + 2): "valid for ingress.local, not x" is a
# mismatch, and the name says why.
# CDN edges' defaults are in cdn.py (with mismatch words); these are names no site uses:
# - ingress-nginx: "O=Acme Co, CN=Kubernetes Ingress Controller Fake Certificate", SAN
#   ingress.local (kubernetes/ingress-nginx internal/net/ssl/ssl.go @ ca3f2561a70c,
#   the fake certificate it generates at start). Dev: openssl-s_client-f7fa672c (s_client
#   without -servername).
# - Traefik: CN "TRAEFIK DEFAULT CERT", SAN "<32 hex>.<32 hex>.traefik.default"
#   (traefik/traefik pkg/tls/generate/generate.go @ f1b085fa364f, DefaultCertificate).
_DEFAULT_CERT = (r"Kubernetes Ingress Controller Fake Certificate|(?<![\w.-])ingress\.local\b|"
                 r"TRAEFIK DEFAULT CERT|\b[0-9a-f]{32}\.[0-9a-f]{32}\.traefik\.default\b")
DEFAULT_CERT_CAUSES = ("sni_required_or_mismatch:.5 hostname_mismatch:.3 "
                       "server_misconfiguration:.2")
_DEFAULT_CERTS: list[Row] = [
    (_DEFAULT_CERT,
     "the server answered with its front end's default certificate (ingress-nginx's fake "
     "certificate, Traefik's default): the hello carried no server name (SNI) it has a "
     "certificate for - send the name (-servername, the right Host), or give the front end "
     "the site's certificate", DEFAULT_CERT_CAUSES, REASON + 2,
     "kubernetes/ingress-nginx internal/net/ssl/ssl.go @ ca3f2561a70c; traefik/traefik "
     "pkg/tls/generate/generate.go @ f1b085fa364f"),
]

# Round 23 (holdout24): Go's own wording for the default certificate, "x509: certificate is
# valid for <names>, not <host>" (crypto/x509/verify.go HostnameError, go1.19.8 :126). Go's
# client sends the name it verifies as SNI unless it is an IP (crypto/tls/handshake_client.go
# makeClientHello: serverName = hostnameInSNI(config.ServerName), :77, :1013-1023), so with a
# host name after "not" the name was sent and the front end had no certificate or route for
# it: its setup, not a missing SNI. Dev: 2 of 2 such threads (Traefik, ingress-nginx).
_GO_SENT_NAME: list[Row] = [
    (rf"\bx509: certificate is valid for [^\n]{{0,300}}?(?:{_DEFAULT_CERT})[^\n]{{0,300}}?, "
     r"not (?=[A-Za-z0-9.-]{0,252}[A-Za-z])[A-Za-z0-9.-]{1,253}(?![\w:])",
     "the front end answered Go's client, which sent the name as SNI, with its default "
     "certificate (ingress-nginx's fake certificate, Traefik's default): it has no "
     "certificate or route for that name - give the front end the site's certificate",
     "hostname_mismatch:.45 server_misconfiguration:.35 sni_required_or_mismatch:.2",
     REASON + 3, "golang/go src/crypto/x509/verify.go, src/crypto/tls/handshake_client.go "
     "(go1.19.8 as installed)", "x509: certificate is valid for"),
]

PATTERNS = table("sni", "the text's own words about SNI (see module docstring)", [
    *_NO_SNI_CLIENTS,
    *_DEFAULT_CERTS,
    *_GO_SENT_NAME,
    (rf"\b{_NEEDS}\b[^\n]{{0,40}}?{_SNI}[^\n]{{0,200}}?{_FAILED}|"
     rf"{_FAILED}[^\n]{{0,200}}?\b{_NEEDS}\b[^\n]{{0,40}}?{_SNI}",
     "the handshake failed and the text says the server needs the server name (SNI) the "
     "client did not send", "sni_required_or_mismatch:.55 cipher_suite_mismatch:.25 "
     "protocol_version_mismatch:.2", REASON, "the text's own words about SNI", "handshake"),
])
