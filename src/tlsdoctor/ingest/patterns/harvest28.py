"""Round 28: newer releases of the mainstream stacks and families whose own wording no table
held, harvested from their own source (scripts/harvest/harvest28.py into
upstream/<source>.json, judged in judgement/<source>.py).

- ``libressl`` (LibreSSL's reason and verify texts OpenSSL lacks) and ``libtls`` (LibreSSL's
  TLS API, printed by OpenBSD's nc, ftp, httpd, relayd, smtpd and by PgBouncer).
- ``aws_lc``: AWS-LC's reason names BoringSSL lacks (its post-quantum key-share checks).
- ``rustls_webpki``: webpki's Error variants rustls prints inside
  ``invalid peer certificate: Other(OtherError(...))``; ``rustls_platform_verifier``.
- ``go_new``: Go 1.23+'s Encrypted Client Hello texts (crypto/tls/ech.go).
- ``python_asyncio``: asyncio's SSL transport (Python 3.12, 3.13); ``python_ssl``: the ssl
  module's own texts (Modules/_ssl.c), found in the installed 3.12 and 3.13 builds.
- ``httpx`` (with httpcore), ``nodemailer``, ``pgbouncer``, ``fluent_bit``.
- ``uv`` (its CA-file warnings and the --system-certs hint), ``neo4j_java`` (the Neo4j Java
  driver), ``elastic_transport`` (the Elasticsearch Python client's transport), ``mint``
  (Elixir's Mint, under Finch, Req and Tesla), ``java_httpclient`` (the JDK's java.net.http
  client's own connection texts), ``libstrophe`` (the XMPP library's TLS lines).
"""

from __future__ import annotations

from . import Pattern
from .harvested import upstream_patterns

PATTERNS: tuple[Pattern, ...] = (
    upstream_patterns("libressl", "LibreSSL", side="")
    + upstream_patterns("libtls", "libtls (LibreSSL)", side="")
    + upstream_patterns("aws_lc", "AWS-LC", side="")
    + upstream_patterns("rustls_webpki", "rustls-webpki", side="client")
    + upstream_patterns("rustls_platform_verifier", "rustls-platform-verifier", side="client")
    + upstream_patterns("go_new", "Go crypto/tls (ECH)", side="")
    + upstream_patterns("python_asyncio", "Python asyncio", side="")
    + upstream_patterns("httpx", "httpx/httpcore", side="client")
    + upstream_patterns("nodemailer", "Nodemailer", side="client")
    + upstream_patterns("pgbouncer", "PgBouncer", side="")
    # Reported under daemons.py's table name for the same program.
    + upstream_patterns("fluent_bit", "Fluent Bit", side="", as_source="fluentbit")
    + upstream_patterns("uv", "uv", side="client")
    + upstream_patterns("neo4j_java", "Neo4j Java driver", side="client")
    + upstream_patterns("elastic_transport", "elastic-transport (Elasticsearch Python client)",
                        side="client")
    + upstream_patterns("mint", "Mint (Elixir)", side="client")
    + upstream_patterns("python_ssl", "Python ssl module", side="")
    + upstream_patterns("java_httpclient", "JDK HttpClient (java.net.http)", side="client")
    + upstream_patterns("libstrophe", "libstrophe (XMPP)", side="client")
)
