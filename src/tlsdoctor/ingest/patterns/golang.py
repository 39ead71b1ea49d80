"""Go crypto/tls and crypto/x509 (src/crypto/x509/verify.go, src/crypto/tls/
handshake_client.go, handshake_server.go, conn.go, alert.go), net/http transport.
"""

from __future__ import annotations

from dataclasses import replace

from . import CATEGORY, GENERIC, REASON, SPECIFIC, table
from .harvested import upstream_patterns
from .judgement._common import HANDSHAKE_TIMEOUT_CAUSES, NOT_YET_CAUSES, STALE_CA

_UNKNOWN = ("cert_untrusted_root:.4 incomplete_chain:.3 cert_self_signed:.15 "
            "tls_interception_mitm:.15")

_HAND = table("go", "Go src/crypto/x509/verify.go", [
    (r"\bx509: certificate signed by unknown authority\b",
     "Go found no chain to a root in the system pool", _UNKNOWN, SPECIFIC),
    # Round 20: Go's words are posted without their package prefix or retyped ("x509
    # certificate signed by unknown authority", "X509 certificate ...", "x509: a certificate
    # ..."; dev: casdoor, aliyungo, go-github). The phrase is Go's alone (verify.go
    # UnknownAuthorityError.Error), so it is read the same way wherever it stands.
    (r"(?<!x509: )\bcertificate signed by unknown authority\b",
     "Go found no chain to a root in the system pool (Go's words, posted without their "
     "\"x509: \" prefix)", _UNKNOWN, SPECIFIC),
    # Go's hint names why a candidate issuer (from the root pool or the chain sent) failed
    # (verify.go UnknownAuthorityError: "possibly because of %q while trying to verify
    # candidate authority certificate %q"). Dev (round 11): 2 of 2 threads were the client's
    # side (a CA file holding another CA of that name; a Go too old for the algorithm), none a
    # chain sent in the wrong order: every ranking stays below 0.6. Round 13: the signature
    # errors themselves are patterns/castore.py's class (the same reading, one spec higher).
    (r"\bpossibly because of \"[^\"\n]{1,100}\" while trying to verify candidate authority",
     "a candidate issuer was found but its signature did not verify", STALE_CA, REASON),
    # The candidate's algorithm is one this Go cannot verify (x509.go ErrUnsupportedAlgorithm
    # "x509: cannot verify signature: algorithm unimplemented"): a Go older than the
    # certificate's signature scheme, or a scheme Go never implemented. Dev: 1 of 1 an old Go.
    (r"\bpossibly because of \"x509: cannot verify signature: algorithm unimplemented\"",
     "this Go cannot verify the signature algorithm of a candidate issuer: the Go (or the "
     "program's build) is too old for it, or the CA uses an algorithm Go does not implement",
     "client_misconfiguration:.55 weak_signature_or_key:.25 cert_untrusted_root:.2",
     REASON + 1, "Go src/crypto/x509/x509.go (ErrUnsupportedAlgorithm), verify.go"),
    (r"\bx509: certificate has expired or is not yet valid: current time (?P<now>\S{10,40}) is after (?P<na>\S{10,40})",
     "the certificate expired at {na} (now {now})", "cert_expired:.85 client_clock_wrong:.15",
     REASON + 1),
    (r"\bx509: certificate has expired or is not yet valid: current time (?P<now>\S{10,40}) is before (?P<nb>\S{10,40})",
     "the certificate is valid only from {nb} (now {now})",
     NOT_YET_CAUSES, REASON + 1),
    (r"\bx509: certificate has expired or is not yet valid\b",
     "a certificate is expired or not yet valid (Go printed no times)",
     # Without "current time X is after/before Y": judgement/_common.DATES_UNSAID (a prior).
     "cert_expired:.5 client_clock_wrong:.3 cert_not_yet_valid:.2", SPECIFIC),
    # A Go TLS server sends internal_error when its GetCertificate callback fails
    # (crypto/tls handshake_server.go: getCertificate error -> alertInternalError). Servers
    # that pick the certificate by name there (golang.org/x/crypto/acme/autocert, Caddy's
    # certmagic, Gitea/Traefik with ACME) fail for a name they hold no certificate for:
    # localhost, an IP address, no SNI. A Go client prints it as "remote error: tls:
    # internal error"; asked by localhost or an IP the name is first, below 0.6 (dev 1
    # of 1), a server setting second.
    (r"\bhttps://(?:localhost|127\.0\.0\.1|\[::1\]|\d{1,3}(?:\.\d{1,3}){3})[:/][^\n]{0,300}?"
     r"remote error: tls: internal error\b",
     "a Go server found no certificate for the name asked (localhost or an address): its "
     "certificate callback failed and it sent internal_error",
     "sni_required_or_mismatch:.5 server_misconfiguration:.3 hostname_mismatch:.2", REASON,
     "Go src/crypto/tls/handshake_server.go (getCertificate error -> alertInternalError)"),
    # Caddy's certmagic (handshake.go getCertDuringHandshake: "no certificate available for
    # '%s'") fails the handshake when it holds no certificate for the name; the name is the
    # SNI or, without SNI, the address the client dialled (getNameFromClientHello). An address
    # there means the client came by IP and sent no name: the client should use the domain
    # (dev round 11: 1 of 1 thread, browsers opening the IP). A domain name: the server has
    # none for it (not configured, or a name it was never meant to serve).
    (r"\bno certificate available for '(?P<ip>\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]{2,39}|)'",
     "a Caddy/certmagic server holds no certificate for the address {ip}: the client "
     "connected by IP (or sent no server name) instead of the domain name",
     "sni_required_or_mismatch:.55 hostname_mismatch:.25 server_misconfiguration:.2",
     REASON + 1, "caddyserver/certmagic handshake.go (getCertDuringHandshake)",
     "no certificate available for"),
    (r"\bno certificate available for '(?P<name>[^'\s]{1,253})'",
     "a Caddy/certmagic server holds no certificate for the name {name} the client asked for",
     "sni_required_or_mismatch:.45 server_misconfiguration:.35 hostname_mismatch:.2",
     REASON, "caddyserver/certmagic handshake.go (getCertDuringHandshake)",
     "no certificate available for"),
    (r"\bproxyconnect tcp: tls: first record does not look like a TLS handshake\b",
     "Go spoke TLS to the proxy, which answered in plain text: the proxy URL says https://"
     " for a plain HTTP proxy", "client_misconfiguration:.8 non_tls_service_on_port:.2",
     REASON + 1, "Go src/net/http/transport.go (proxyconnect), crypto/tls/conn.go"),
    # dialConn wraps the first hop's TLS handshake in "proxyconnect" only when that hop is
    # the proxy and its scheme is https (go1.19 src/net/http/transport.go:1575-1620): an EOF
    # or reset there is the proxy closing on a ClientHello, a plain proxy written https://.
    (r"\bproxyconnect tcp: (?:EOF\b|read tcp [^\n]{0,120}: connection reset by peer)",
     "Go spoke TLS to the proxy, which closed the connection: the proxy URL says https:// "
     "for a plain HTTP proxy (or the proxy cut it)",
     "client_misconfiguration:.75 middlebox_or_firewall_interference:.15 "
     "non_tls_service_on_port:.1", REASON + 1,
     "Go src/net/http/transport.go (dialConn: wrapErr around addTLS, go1.19 :1575-1620)"),
    # A Go *server's* log ("http: TLS handshake error from ADDR: ...", net/http/server.go):
    # it received a first record that is not TLS, i.e. the client spoke plain text (an
    # http:// URL, a CONNECT meant for a plain proxy) to its TLS port.
    (r"\b(?:TLS handshake error|tls handshake fail(?:ed|ure)?) from [^\n]{1,80}?"
     r"first record does not look like a TLS handshake",
     "a client sent this TLS server plain text (http:// instead of https://, or a proxy "
     "CONNECT meant for a plain proxy)",
     # Dev set (round 3): of 4 threads, 3 a plain-HTTP request to the TLS port (a bookmark
     # or curl without https), 1 a client's proxy setting: below 0.6 either way.
     "non_tls_service_on_port:.55 client_misconfiguration:.35 "
     "middlebox_or_firewall_interference:.1", REASON + 1,
     "Go src/net/http/server.go (\"http: TLS handshake error from %s: %v\"), crypto/tls/conn.go",
     "first record does not look like a tls handshake"),
    # net/http wraps the transport's error as *url.Error: `Get "URL": EOF` when the server
    # (or something on the path) closed the connection during the handshake (io.EOF from
    # crypto/tls readHandshake). Said of no particular fault: a hang-up.
    (r"\b(?:Get|Post|Put|Patch|Delete|Head|Options) \"https://[^\"\n]{1,500}\": "
     r"(?:unexpected )?EOF(?![\w:])",
     "the server closed the connection during the TLS handshake without a word (Go: EOF)",
     "middlebox_or_firewall_interference:.4 protocol_version_mismatch:.2 "
     "sni_required_or_mismatch:.2 client_cert_required:.2", GENERIC,
     "Go src/net/url/url.go (Error.Error: `%s %q: %s`), src/net/http/client.go "
     "(urlErrorOp), src/io/io.go (EOF)", "https://"),
    (r"\bx509: certificate is valid for (?P<names>[^\n]{1,300}?), not (?P<host>[^\s,]{1,253})",
     "the certificate is for {names}, not {host}", "hostname_mismatch:1", REASON),
    (r"\bx509: certificate is not valid for any names, but wanted to match (?P<host>[^\s,]{1,253})",
     "the certificate has no names at all; wanted {host}", "hostname_mismatch:1", REASON),
    (r"\bx509: cannot validate certificate for (?P<host>\S{1,64}) because it doesn't contain any IP SANs",
     "the certificate has no IP address entries; connected to {host}", "hostname_mismatch:1",
     REASON),
    (r"\bx509: certificate relies on legacy Common Name field",
     "the certificate names the host only in its CN; Go requires a subjectAltName",
     "hostname_mismatch:1", REASON),
    (r"\bx509: certificate specifies an incompatible key usage\b",
     "the certificate's EKU does not allow TLS server use", "cert_wrong_purpose:1", REASON),
    (r"\bx509: certificate is not authorized to sign other certificates\b",
     "an intermediate is not a CA", "cert_wrong_purpose:.7 bad_chain_order_or_extra:.3", REASON),
    # NameMismatch (crypto/x509/verify.go isValid): the certificate sent as this one's issuer
    # has another subject (byte for byte): an unrelated or stale intermediate, a chain out of
    # order, or a CA re-issued with its name encoded differently (round 17).
    (r"\bx509: issuer name does not match subject from issuing certificate\b",
     "the certificate sent as the issuer is not this certificate's issuer",
     "bad_chain_order_or_extra:.45 incomplete_chain:.3 server_misconfiguration:.25", REASON),
    (r"\bx509: too many intermediates for path length constraint\b",
     "the chain violates a pathLen constraint", "cert_wrong_purpose:1", REASON),
    (r"\bx509: a root or intermediate certificate is not authorized",
     "a CA in the chain is not allowed for this use or name", "cert_wrong_purpose:1", REASON),
    (r"\bx509: unhandled critical extension\b", "an unknown critical extension",
     "cert_wrong_purpose:1", REASON),
    (r"\binsecure algorithm (?P<alg>[A-Z0-9-]{3,20})",
     "a certificate is signed with {alg}, which Go rejects", "weak_signature_or_key:1", REASON),
    (r"\btls: failed to verify certificate: ", "Go could not verify the server certificate",
     _UNKNOWN, GENERIC, "Go src/crypto/tls/handshake_client.go"),
    (r"\btls: first record does not look like a TLS handshake\b",
     "the peer did not answer with TLS (plaintext service?)",
     "non_tls_service_on_port:.85 middlebox_or_firewall_interference:.15", REASON,
     "Go src/crypto/tls/conn.go"),
    (r"\bhttp: server gave HTTP response to HTTPS client\b",
     "the port speaks plain HTTP", "non_tls_service_on_port:1", REASON,
     "Go src/net/http/transport.go"),
    (r"\btls: server selected unsupported protocol version (?P<v>[0-9a-fx]{1,6})",
     "the server chose version {v}, which this Go client does not enable",
     "protocol_version_mismatch:.8 client_misconfiguration:.2", REASON,
     "Go src/crypto/tls/handshake_client.go"),
    (r"\btls: client offered only unsupported versions",
     "the client offered only versions this Go server does not accept",
     "protocol_version_mismatch:1", REASON, "Go src/crypto/tls/handshake_server.go"),
    (r"\btls: no cipher suite supported by both client and server\b",
     "no cipher suite in common", "cipher_suite_mismatch:1", REASON,
     "Go src/crypto/tls/handshake_server.go"),
    (r"\btls: no supported versions satisfy MinVersion and MaxVersion\b",
     "the Go program's MinVersion/MaxVersion exclude every version",
     "client_misconfiguration:1", REASON, "Go src/crypto/tls/common.go"),
    (r"\btls: client didn't provide a certificate\b",
     "mutual TLS: the client sent no certificate", "client_cert_required:1", REASON,
     "Go src/crypto/tls/handshake_server.go"),
    (r"\btls: failed to verify client certificate\b",
     "mutual TLS: the client certificate did not verify", "client_cert_required:1", REASON,
     "Go src/crypto/tls/handshake_server.go"),
    (r"\btls: unsupported SSLv2 handshake received\b",
     "the client sent an SSLv2-format hello", "protocol_version_mismatch:.7 "
     "client_misconfiguration:.3", REASON, "Go src/crypto/tls/conn.go"),
    (r"\btls: oversized record received with length \d{1,7}",
     "the reply is not TLS (plaintext service?)", "non_tls_service_on_port:.8 "
     "middlebox_or_firewall_interference:.2", REASON, "Go src/crypto/tls/conn.go"),
    (r"\btls: failed to parse certificate from server\b",
     "the server's certificate cannot be parsed", "server_misconfiguration:1", REASON,
     "Go src/crypto/tls/handshake_client.go"),
    (r"\bnet/http: TLS handshake timeout\b", "the TLS handshake did not finish in time",
     HANDSHAKE_TIMEOUT_CAUSES, CATEGORY, "Go src/net/http/transport.go"),
    (r"\bdial tcp: lookup (?P<host>[A-Za-z0-9.-]{1,253})[^\n]{0,80}: no such host",
     "the name {host} does not resolve", "name_resolution_or_unreachable:1", REASON,
     "Go src/net/dnsclient_unix.go"),
    (r"\bremote error: tls: (?P<alert>[a-zA-Z ]{3,40})",
     "the peer sent the TLS alert \"{alert}\"", "", GENERIC, "Go src/crypto/tls/alert.go"),
])

# Upstream wording first (upstream/*.json, judged in judgement/), then the forms this
# program prints around it.
# net/http's line for a client that connected and left before finishing its hello (a TCP
# health check, a port scan, a client that gave up): io.EOF (src/io/io.go), or the reset
# of one that went. Only a server writes it; its own reading names no fault (own_reading
# (), which also silences the generic "handshake error" reading of the same line). Seen in
# the server-log matrix (go-http, connect_close).
_CLIENT_LEFT = tuple(replace(p, own_reading=(), id="go.client-left")
                     for p in table("go", "Go net/http", [
    (r"\bTLS handshake error from [^\n]{1,80}?: (?:EOF|read tcp [^\n]{1,120}: connection reset "
     r"by peer)\s*$", "a client connected and left before finishing its TLS hello (Go's "
     "net/http server: EOF)", "middlebox_or_firewall_interference:.4 "
     "sni_required_or_mismatch:.2 protocol_version_mismatch:.2 client_cert_required:.2",
     REASON + 1, "Go src/net/http/server.go (\"http: TLS handshake error from %s: %v\"), "
     "src/io/io.go (EOF)", "tls handshake error from"),
]))

PATTERNS = upstream_patterns("go", "Go", side="client", as_source="go") + _HAND + _CLIENT_LEFT
