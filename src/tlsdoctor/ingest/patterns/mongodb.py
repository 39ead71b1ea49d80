"""mongod/mongos and the mongo shell (src/mongo/util/net/ssl_manager_openssl.cpp,
transport/asio/asio_session_impl.cpp): their own TLS wording, harvested
(upstream/mongodb.json, judged in judgement/mongodb.py)."""

from __future__ import annotations

from . import REASON, table
from .harvested import upstream_patterns
from .judgement._databases import DB_UNTRUSTED
from .judgement.mongodb import SERVER_READINGS

PATTERNS = upstream_patterns("mongodb", "MongoDB", side="client",
                             server_readings=SERVER_READINGS)

# As Connector/C's (patterns/mariadb.py): OpenSSL's verify result after MongoDB's own words
# is a database's private root, not an intercepting proxy first.
PATTERNS += table("mongodb", "MongoDB src/mongo/util/net/ssl_manager_openssl.cpp", [
    (r"\bSSL peer certificate validation failed: self[- ]signed certificate in certificate "
     r"chain\b",
     "MongoDB: the peer's chain ends at a root this side does not trust (a private or "
     "self-made CA missing from tlsCAFile)", DB_UNTRUSTED, REASON + 1),
])
