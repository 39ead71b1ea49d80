"""Connector/C (the mariadb client's library, its TLS back ends) and the MariaDB server
(vio/viosslfactories.c, errmsg-utf8.txt): their own TLS wording, harvested
(upstream/mariadb.json, judged in judgement/mariadb.py)."""

from __future__ import annotations

from . import REASON, table
from .harvested import upstream_patterns
from .judgement._databases import DB_UNTRUSTED

PATTERNS = upstream_patterns("mariadb", "MariaDB", side="client")

# Connector/C puts OpenSSL's verify result after "TLS/SSL error:" (secure/openssl.c
# ma_tls_connect: X509_verify_cert_error_string). OpenSSL's bare "self-signed certificate
# in certificate chain" ranks an intercepting proxy first (npm/Node threads: a public
# registry cannot chain to a self-made root); a database server's chain ending in its own
# root is the usual private CA the client was not given (--ssl-ca), as the matrix's
# untrusted_root cell shows. Above OpenSSL's reading of the words (REASON + 1).
PATTERNS += table("mariadb", "Connector/C libmariadb/secure/openssl.c (ma_tls_connect)", [
    (r"\bTLS/SSL error: self[- ]signed certificate in certificate chain\b",
     "MariaDB client: the server's chain ends at a root this client does not trust (a "
     "private or self-made CA the client was not given with --ssl-ca)",
     DB_UNTRUSTED, REASON + 1),
])
