"""Elasticsearch's SSL configuration errors (libs/ssl-config SslFileUtil's message
templates; x-pack SSLService's "failed to load SSL configuration [<prefix>]" wrapper and 7.x
StoreKeyConfig's "failed to initialize SSL KeyManager/TrustManager"), read through the
search index (commits in the table).

The node could not load its own xpack.security.{http,transport}.ssl material: its key store
or PEM files (a wrong password: "this is usually caused by an incorrect password", a file
outside the config directory, missing or unreadable), so the node does not start. The node
is the server of its HTTP and transport layers, and the fix is elasticsearch.yml and its
keystore; a realm's or a remote cluster's client settings print the same words with their
own prefix (xpack.security.authc.realms.*), hence the client's share.
"""

from __future__ import annotations

_NODE = "server_misconfiguration:.85 client_misconfiguration:.15 | reason"

JUDGE: dict[str, str] = {}

RULES = (
    (r".", _NODE, "every entry is a node's own SSL file or store it could not load"),
)
