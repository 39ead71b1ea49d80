"""Round 27: twenty-four more program families whose own wording no table held, harvested from
their own source (scripts/harvest/harvest27.py into upstream/<source>.json, judged in
judgement/<source>.py).

- Database drivers: ``go_mysql`` (go-sql-driver/mysql), ``lib_pq`` and ``pgx`` (Go's
  PostgreSQL drivers), ``npgsql`` and ``mysqlconnector`` (.NET's PostgreSQL and MySQL
  drivers), ``pgjdbc``, ``connector_j`` and ``mariadb_connector_j`` (Java's), ``sqlx`` and
  ``tokio_postgres`` (Rust's): TLS refused
  by the server, the host-name checks, the connection string's own TLS files and options.
- Mail libraries: ``mailkit`` (.NET; SslHandshakeException's composed message, read per
  branch), ``phpmailer`` (its one connect line, in every translation it ships),
  ``angus_mail`` (Jakarta Mail/JavaMail: "Could not convert socket to TLS", STARTTLS
  required, the server identity check).
- Tools: ``conda`` (CondaSSLError), ``client_go`` (the kubeconfig TLS settings of kubectl and
  every controller), ``helm``.
- ``azure_cli``: the recommendation printed after any SSLError, a guess (harvested.guesses:
  no other table reads its "self-signed certificate"); ``gradle``: HttpClientHelper's
  sentence before the JSSE exception of a repository request; ``botocore``: its SSLError
  wrapper, and its form when the CA bundle it was given does not exist;
  ``otel_configtls``: the OpenTelemetry Collector's tls settings.
- Servers: ``autocert`` (Go's Let's Encrypt manager: a handshake without SNI, a host not
  allowed) and ``kestrel`` (ASP.NET Core's HTTPS endpoint setup and connection log).
- gRPC: ``grpc_go`` (dial options, ALPN, the server-preface readings of a plaintext/TLS
  mix-up) and ``grpc_java`` (its Netty negotiator's statuses, the ALPN provider checks).
"""

from __future__ import annotations

from . import Pattern
from .harvested import upstream_patterns

PATTERNS: tuple[Pattern, ...] = (
    upstream_patterns("go_mysql", "go-sql-driver/mysql", side="client")
    + upstream_patterns("lib_pq", "lib/pq", side="client")
    + upstream_patterns("pgx", "pgx", side="client")
    + upstream_patterns("npgsql", "Npgsql", side="client")
    + upstream_patterns("mysqlconnector", "MySqlConnector", side="client")
    + upstream_patterns("mailkit", "MailKit", side="client")
    + upstream_patterns("phpmailer", "PHPMailer", side="client")
    + upstream_patterns("angus_mail", "Jakarta Mail", side="client")
    + upstream_patterns("conda", "conda", side="client")
    + upstream_patterns("client_go", "Kubernetes client-go", side="client")
    + upstream_patterns("helm", "Helm", side="client")
    + upstream_patterns("grpc_go", "grpc-go", side="")
    + upstream_patterns("grpc_java", "grpc-java", side="")
    + upstream_patterns("azure_cli", "Azure CLI", side="client")
    + upstream_patterns("gradle", "Gradle", side="client")
    + upstream_patterns("botocore", "botocore (AWS CLI, boto3)", side="client")
    + upstream_patterns("otel_configtls", "OpenTelemetry Collector", side="")
    + upstream_patterns("autocert", "Go autocert", side="server")
    + upstream_patterns("kestrel", "Kestrel (ASP.NET Core)", side="server")
    + upstream_patterns("pgjdbc", "PostgreSQL JDBC", side="client")
    + upstream_patterns("connector_j", "MySQL Connector/J", side="client")
    + upstream_patterns("mariadb_connector_j", "MariaDB Connector/J", side="client")
    + upstream_patterns("sqlx", "sqlx", side="client")
    + upstream_patterns("tokio_postgres", "tokio-postgres", side="client")
)
