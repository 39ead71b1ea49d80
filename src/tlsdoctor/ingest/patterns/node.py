"""Node.js TLS errors: ``err.code`` values and messages.

Certificate codes are OpenSSL's X509_V_ERR names without the prefix (Node
src/crypto/crypto_common.cc GetValidationErrorCode); ``ERR_SSL_<REASON>`` wraps an OpenSSL
reason (src/crypto/crypto_util.cc); host name text: lib/tls.js checkServerIdentity;
other codes: lib/internal/errors.js, lib/_tls_wrap.js.
"""

from __future__ import annotations

from . import CATEGORY, GENERIC, REASON, table
from .harvested import upstream_patterns
from .judgement._common import HANDSHAKE_TIMEOUT_CAUSES
from .openssl import verify_causes
from .openssl_tables import X509_VERIFY

# Node's code as npm/Node print it, where Node's own CA store is the client's: real-world
# dev set (round 3), 2 threads: an ancient Node's outdated store, a company proxy
# re-signing the registry; OpenSSL's bare reading ranks a private CA first instead.
_NODE_PRIOR = {"UNABLE_TO_GET_ISSUER_CERT_LOCALLY": (
    "client_misconfiguration:.35 tls_interception_mitm:.3 incomplete_chain:.2 "
    "cert_untrusted_root:.15")}


def _rows() -> list[tuple[str, str, str, int]]:
    rows = []
    for num, (name, text) in X509_VERIFY.items():
        (_, _), cs = verify_causes(num)
        if cs and len(name) >= 10:
            spec = _NODE_PRIOR.get(name) or " ".join(f"{c.value}:{p}" for c, p in cs)
            rows.append((rf"(?<![A-Za-z0-9_]){name}\b", f"certificate check failed: {text} ({name})",
                         spec, REASON + (name in _NODE_PRIOR)))
    return rows


_HAND = table("node", "Node.js src/crypto/crypto_common.cc, lib/tls.js", [
    *_rows(),
    (r"\bHostname/IP does not match certificate's altnames: Host: (?P<host>[^\s]{1,253}?)\.? is not in the cert's altnames",
     "the certificate does not list {host}", "hostname_mismatch:1", REASON + 1),
    # The asked IP is in the list, but as a DNS name: Node (lib/tls.js checkServerIdentity)
    # compares an IP host only with "IP Address:" entries, so the certificate needs an IP SAN.
    (r"\bHostname/IP does not match certificate's altnames: IP: (?P<host>[0-9a-f.:]{2,64}) "
     r"is not in the cert's list: (?:[^\n]{0,2000}?[\s,])?DNS:(?P=host)(?![0-9a-z.:-])",
     "the certificate lists {host} as a DNS name, not as an IP address SAN, so the address "
     "does not match", "hostname_mismatch:1", REASON + 2,
     "Node.js lib/tls.js (checkServerIdentity)", "is not in the cert's list"),
    (r"\bHostname/IP does not match certificate's altnames: IP: (?P<host>[^\s]{1,64}) is not in the cert's list",
     "the certificate does not list the address {host}", "hostname_mismatch:1", REASON + 1),
    (r"\bHostname/IP does not match certificate's altnames\b",
     "the certificate does not cover the requested name", "hostname_mismatch:1", REASON),
    # Node <= 8 (lib/tls.js checkServerIdentity) wrote "doesn't"; Node 10 changed the wording.
    (r"\bHostname/IP doesn't match certificate's altnames\b",
     "the certificate does not cover the requested name", "hostname_mismatch:1", REASON,
     "Node.js v8.x lib/tls.js (checkServerIdentity)"),
    (r"(?<![A-Za-z0-9_])ERR_TLS_CERT_ALTNAME_INVALID\b",
     "the certificate does not cover the requested name", "hostname_mismatch:1", REASON),
    (r"\bClient network socket disconnected before secure TLS connection was established\b",
     "the server closed the connection during the TLS handshake",
     "middlebox_or_firewall_interference:.35 protocol_version_mismatch:.25 "
     "sni_required_or_mismatch:.2 client_cert_required:.2", GENERIC),
    # NODE_EXTRA_CA_CERTS names a file Node cannot read: the extra CA (a company or proxy
    # root) is silently missing (src/crypto/crypto_context.cc, "Ignoring extra certs from").
    # A certificate already in the store is only a warning (X509_STORE_add_cert).
    (r"\bIgnoring extra certs from [^\n]{1,300}load failed: [^\n]{0,80}cert already in hash table",
     "NODE_EXTRA_CA_CERTS repeats certificates Node already has (harmless)", "", REASON + 1,
     "Node.js src/crypto/crypto_context.cc"),
    (r"\bWarning: Ignoring extra certs from (?![^\n]{0,300}already in hash table)",
     "Node could not load the file NODE_EXTRA_CA_CERTS names", "client_misconfiguration:.9 "
     "tls_interception_mitm:.1", REASON, "Node.js src/crypto/crypto_context.cc"),
    (r"(?<![A-Za-z0-9_])ERR_TLS_HANDSHAKE_TIMEOUT\b", "the TLS handshake timed out",
     HANDSHAKE_TIMEOUT_CAUSES, CATEGORY),
    (r"(?<![A-Za-z0-9_])ERR_SSL_(?P<reason>[A-Z0-9_]{3,60})\b",
     "OpenSSL reported {reason}", "", GENERIC),
])

# Upstream wording first (upstream/*.json, judged in judgement/), then the forms this
# program prints around it.
PATTERNS = upstream_patterns("node", "Node.js", side="client", as_source="node") + _HAND
