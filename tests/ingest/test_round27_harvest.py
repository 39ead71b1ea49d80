"""Round 27: twenty-four program families harvested from their own source (scripts/harvest/
harvest27.py; patterns/harvest27.py, judgement/<source>.py), each fed the way the program
prints it: go-sql-driver/mysql, lib/pq, pgx, Npgsql, MySqlConnector, MailKit, PHPMailer,
Angus Mail (Jakarta Mail, JavaMail), conda, Kubernetes client-go, Helm, grpc-go,
grpc-java, Azure CLI, Gradle, botocore, the OpenTelemetry Collector's configtls, Go's
autocert, ASP.NET Core's Kestrel, pgjdbc, MySQL Connector/J, MariaDB Connector/J, sqlx and
tokio-postgres. A wrapper that names no single cause stays a ranking below
0.6 and leaves the carried error to its own table; a program's printed list of guesses
(kind "guess") states none of its words.
"""

from __future__ import annotations

import pytest
from ranked import check_harvested, top
from ranked import ids as _ids

from tlsdoctor.api import explain

_MK = ("MailKit.Security.SslHandshakeException: An error occurred while attempting to "
       "establish an SSL or TLS connection.\n\n")
_AZ = ("Certificate verification failed. This typically happens when using Azure CLI behind a "
       "proxy that intercepts traffic with a self-signed certificate. Please add this "
       "certificate to the trusted CA bundle. More info: https://docs.microsoft.com/cli/azure/"
       "use-cli-effectively#work-behind-a-proxy.")
_GRADLE_DOCS = (" See: https://docs.gradle.org/8.5/userguide/build_environment.html"
                "#sec:gradle_system_properties")


@pytest.mark.parametrize(("text", "source", "cause", "confident"), [
    # go-sql-driver/mysql (errors.go ErrNoTLS; dsn.go's tls= parameter)
    ("2026/12/07 10:00:00 failed to connect to database: TLS requested but server does not "
     "support TLS", "go_mysql.up.ErrNoTLS", "non_tls_service_on_port", False),
    ("2026/12/07 10:00:00 invalid DSN: invalid value / unknown config name: custom",
     "go_mysql.up.invalid value / unknown config name", "client_misconfiguration", True),
    # lib/pq: the sslkey permission check (v1.9.0's wording and the newest)
    ("pq: Private key file has group or world access. Permissions should be u=rw (0600) or "
     "less", "lib_pq.up.ErrSSLKeyHasWorldPermissions", "client_misconfiguration", True),
    ("pq: private key has world access; permissions should be u=rw,g=r (0640) if owned by "
     "root, or u=rw (0600), or less", "lib_pq.up.ErrSSLKeyHasWorldPermissions",
     "client_misconfiguration", True),
    ("pq: couldn't parse pem in sslrootcert", "lib_pq.up.pq: couldn't parse pem",
     "client_misconfiguration", True),
    # pgx's pgconn: configTLS inside ParseConfigError, the SSLRequest refused
    ("cannot parse `host=db.example user=app sslmode=verify-full sslrootcert=/etc/ssl/ca.pem`: "
     "failed to configure TLS (unable to read CA file: open /etc/ssl/ca.pem: no such file or "
     "directory)", "pgx.up.unable to read CA file", "client_misconfiguration", True),
    ("failed to connect to `user=app database=app`: 192.0.2.10:5432 (db.example): tls error: "
     "server refused TLS connection", "pgx.up.server refused TLS connection",
     "non_tls_service_on_port", False),
    # Npgsql: the SSLRequest answered N, or with something that is not S/N
    ("Npgsql.NpgsqlException (0x80004005): SSL connection requested. No SSL enabled "
     "connection from this host is configured.", "npgsql.up.SSL connection requested",
     "non_tls_service_on_port", False),
    ("Npgsql.NpgsqlException (0x80004005): Received unknown response 21 for SSLRequest "
     "(expecting S or N)", "npgsql.up.Received unknown response", "server_misconfiguration",
     False),
    # MySqlConnector: its own guesses over .NET's exceptions, its own files
    ("MySqlConnector.MySqlException (0x80004005): The server doesn't support the client's "
     "specified TLS versions.", "mysqlconnector.up.The server doesn't support",
     "protocol_version_mismatch", True),
    ("MySqlConnector.MySqlException (0x80004005): Server does not support SSL",
     "mysqlconnector.up.Server does not support SSL", "non_tls_service_on_port", False),
    ("MySqlConnector.MySqlException (0x80004005): Cannot find CA Certificate File: "
     "/etc/mysql/ca.pem", "mysqlconnector.up.Cannot find CA Certificate File",
     "client_misconfiguration", True),
    # MailKit: SslHandshakeException's branches
    (_MK + "When connecting to an SMTP service, port 587 is typically reserved for plain-text "
     "connections. If\nyou intended to connect to SMTP on the SSL port, try connecting to port "
     "465 instead. Otherwise,\nif you intended to use STARTTLS, make sure to use the following "
     "code:\n\nclient.Connect (\"smtp.example.com\", 587, SecureSocketOptions.StartTls);",
     "mailkit.up.When connecting to", "non_tls_service_on_port", True),
    (_MK + "The host name (mail.example.com) did not match the name given in the server's SSL "
     "certificate (*.hosting.example).", "mailkit.up.The host name", "hostname_mismatch", True),
    ("System.NotSupportedException: The SMTP server does not support the STARTTLS extension.",
     "mailkit.up.The SMTP server does not support", "server_misconfiguration", False),
    # PHPMailer: its one connect line, English and a shipped translation
    ("Message could not be sent. Mailer Error: SMTP Error: Could not connect to SMTP host.",
     "phpmailer.up.connect_host", "middlebox_or_firewall_interference", False),
    ("Message could not be sent. Mailer Error: SMTP-Fehler: Konnte keine Verbindung zum "
     "SMTP-Host herstellen.", "phpmailer.up.connect_host.de", "middlebox_or_firewall_interference",
     False),
    # Angus Mail / JavaMail
    ("javax.mail.MessagingException: STARTTLS is required but host does not support STARTTLS",
     "angus_mail.up.STARTTLS is required", "server_misconfiguration", False),
    ("javax.mail.MessagingException: Could not convert socket to TLS",
     "angus_mail.up.Could not convert socket to TLS", "cert_untrusted_root", False),
    # conda
    ("CondaSSLError: OpenSSL appears to be unavailable on this machine. OpenSSL is required "
     "to\ndownload and install packages.", "conda.up.OpenSSL appears to be unavailable",
     "client_misconfiguration", True),
    ("CondaSSLError: Encountered an SSL error. Most likely a certificate verification issue.",
     "conda.up.Encountered an SSL error", "tls_interception_mitm", False),
    # Kubernetes client-go, as kubectl prints it
    ("error: invalid configuration: unable to read client-cert /home/dev/.minikube/profiles/"
     "minikube/client.crt for minikube due to open /home/dev/.minikube/profiles/minikube/"
     "client.crt: no such file or directory", "client_go.up.unable to read client-cert",
     "client_misconfiguration", True),
    ("Unable to connect to the server: specifying a root certificates file with the insecure "
     "flag is not allowed", "client_go.up.specifying a root certificates file",
     "client_misconfiguration", True),
    # Helm's own TLS files
    ('Error: can\'t create TLS config for client: can\'t read CA file: "ca.crt": open ca.crt: '
     'no such file or directory', "helm.up.can't read CA file", "client_misconfiguration",
     True),
    # grpc-go: dial options, ALPN, a plaintext/TLS mix-up either way
    ("2026/12/07 10:00:00 did not connect: grpc: no transport security set (use "
     "grpc.WithTransportCredentials(insecure.NewCredentials()) explicitly or set credentials)",
     "grpc_go.up.grpc: no transport security set", "client_misconfiguration", True),
    ('rpc error: code = Unavailable desc = connection error: desc = "error reading server '
     'preface: http2: frame too large"', "grpc_go.up.server preface: ErrFrameTooLarge",
     "client_misconfiguration", False),
    ('rpc error: code = Unavailable desc = connection error: desc = "transport: authentication '
     'handshake failed: credentials: cannot check peer: missing selected ALPN property. If you '
     'upgraded from a grpc-go version earlier than 1.67, your TLS connections may have stopped '
     'working due to ALPN enforcement. For more details, see: '
     'https://github.com/grpc/grpc-go/issues/434"', "grpc_go.up.credentials: cannot check peer",
     "server_misconfiguration", False),
    ('2026/12/07 10:00:00 WARNING: [core] [Server #1]grpc: Server.Serve failed to create '
     'ServerTransport: connection error: desc = "transport: http2Server.HandleStreams received '
     'bogus greeting from client: \\"\\\\x16\\\\x03\\\\x01\\\\x02\\\\x00\\\\x01\\\\x00\\\\x01'
     '\\\\xfc\\\\x03\\\\x03\\""', "grpc_go.up.transport: http2Server.HandleStreams received "
     "bogus greeting", "non_tls_service_on_port", False),
    # grpc-java's Netty negotiator
    ("io.grpc.StatusRuntimeException: UNAVAILABLE: Failed ALPN negotiation: Unable to find "
     "compatible protocol", "grpc_java.up.Failed ALPN negotiation", "server_misconfiguration",
     False),
    ("io.grpc.StatusRuntimeException: UNAVAILABLE: Connection closed while performing TLS "
     "negotiation", "grpc_java.up.Connection closed while performing TLS negotiation",
     "non_tls_service_on_port", False),
    ("java.lang.IllegalStateException: Could not find TLS ALPN provider; no working "
     "netty-tcnative, Conscrypt, or Jetty NPN/ALPN available",
     "grpc_java.up.Could not find TLS ALPN provider", "client_misconfiguration", True),
    # Azure CLI's recommendation alone: its own guess, a ranking
    (_AZ, "azure_cli.up.SSLERROR_TEMPLATE", "tls_interception_mitm", False),
    # Gradle's sentences before the JSSE exception
    ("> Could not GET 'https://repo.maven.apache.org/maven2/org/example/app/1.0/app-1.0.pom'.\n"
     "   > The server may not support the client's requested TLS protocol versions: (TLSv1.2, "
     "TLSv1.3). You may need to configure the client to allow other protocols to be used."
     + _GRADLE_DOCS, "gradle.up.protocol_versions.may", "middlebox_or_firewall_interference",
     False),
    # botocore: the CA bundle it was given does not exist (AWS_CA_BUNDLE, --ca-bundle)
    ("\nSSL validation failed for https://s3.us-east-1.amazonaws.com/ [Errno 2] No such file "
     "or directory", "botocore.up.SSLError.ca_bundle_missing", "client_misconfiguration", True),
    # the OpenTelemetry Collector's configtls, as the collector prints a pipeline it cannot
    # build
    ('Error: failed to build pipelines: failed to create "otlp" exporter for data type '
     '"traces": failed to load TLS config: failed to load CA CertPool File: failed to load CA '
     '/etc/otelcol/ca.pem: open /etc/otelcol/ca.pem: no such file or directory',
     "otel_configtls.up.failed to load CA CertPool File", "client_misconfiguration", True),
    # Go's autocert, as Go's HTTP server logs its GetCertificate refusal
    ("2026/12/07 10:00:00 http: TLS handshake error from 192.0.2.7:51234: acme/autocert: "
     "missing server name", "autocert.up.acme/autocert: missing server name",
     "sni_required_or_mismatch", True),
    ('2026/12/07 10:00:00 http: TLS handshake error from 192.0.2.7:51234: acme/autocert: host '
     '"www.example.com" not configured in HostWhitelist',
     "autocert.up.acme/autocert: host %q not configured", "sni_required_or_mismatch", False),
    # Kestrel: the HTTPS endpoint's setup, a TLS client on a plain HTTP endpoint
    ("Unhandled exception. System.InvalidOperationException: Unable to configure HTTPS "
     "endpoint. No server certificate was specified, and the default developer certificate "
     "could not be found or is out of date.\nTo generate a developer certificate run 'dotnet "
     "dev-certs https'. To trust the certificate (Windows and macOS only) run 'dotnet dev-certs "
     "https --trust'.", "kestrel.up.NoCertSpecifiedNoDevelopmentCertificateFound",
     "server_misconfiguration", True),
    ("dbug: Microsoft.AspNetCore.Server.Kestrel[39]\n      Connection id \"0HN8\" request "
     "processing ended abnormally.\n      Microsoft.AspNetCore.Server.Kestrel.Core."
     "BadHttpRequestException: Detected a TLS handshake to an endpoint that does not have TLS "
     "enabled.", "kestrel.up.HttpParserTlsOverHttpError", "non_tls_service_on_port", True),
    # the Java drivers: pgjdbc, MySQL Connector/J, MariaDB Connector/J
    ("org.postgresql.util.PSQLException: The hostname db.example.com could not be verified by "
     "hostnameverifier PgjdbcHostnameVerifier.", "pgjdbc.up.The hostname {0} could not be "
     "verified", "hostname_mismatch", True),
    ("org.postgresql.util.PSQLException: Could not open SSL root certificate file "
     "/root/.postgresql/root.crt.", "pgjdbc.up.Could not open SSL root certificate file",
     "client_misconfiguration", True),
    ('java.sql.SQLNonTransientConnectionException: SSL connection required for plugin '
     '"caching_sha2_password". Check if \'sslMode\' is enabled.',
     "connector_j.up.AuthenticationProvider.AuthenticationPluginRequiresSSL",
     "client_misconfiguration", True),
    ("java.security.cert.CertificateException: Server identity verification failed. None of "
     "the certificate's DNS or IP Subject Alternative Name entries matched the server "
     "hostname/IP 'db.internal'.", "connector_j.up.Server identity verification failed",
     "hostname_mismatch", True),
    ("java.sql.SQLNonTransientConnectionException: Trying to connect with ssl, but ssl not "
     "enabled in the server", "mariadb_connector_j.up.Trying to connect with ssl",
     "non_tls_service_on_port", False),
    ("java.sql.SQLNonTransientConnectionException: Self signed certificates. Either set "
     "sslMode=trust, use password with a MitM-Proof authentication plugin or provide server "
     "certificate to client", "mariadb_connector_j.up.Self signed certificates",
     "cert_self_signed", True),
    # Rust's database drivers: sqlx, tokio-postgres
    ("Error: error occurred while attempting to establish a TLS connection: server does not "
     "support TLS", "sqlx.up.server does not support TLS", "non_tls_service_on_port", False),
    ("Error: error performing TLS handshake", "tokio_postgres.up.Kind::Tls",
     "cert_untrusted_root", False),
])
def test_harvested_family_as_printed(text: str, source: str, cause: str,
                                     confident: bool) -> None:
    check_harvested(text, source, cause, confident)


def test_the_wrappers_leave_the_carried_error_to_its_own_table() -> None:
    """pgx's "tls error:", Helm's repo wrapper, Angus Mail's "Could not convert socket to
    TLS", conda's CondaSSLError, grpc-go's authentication wrapper, Gradle's "may not"
    sentence and botocore's "SSL validation failed for" carry another table's words, which
    decide."""
    pgx = ("failed to connect to `user=app database=app`: 192.0.2.10:5432 (db.example): tls "
           "error: tls: failed to verify certificate: x509: certificate has expired or is not "
           "yet valid: current time 2026-12-07T10:00:00Z is after 2026-01-01T00:00:00Z")
    assert top(pgx)[0] == "cert_expired"
    helm = ('Error: looks like "https://charts.example.com" is not a valid chart repository or '
            'cannot be reached: Get "https://charts.example.com/index.yaml": tls: failed to '
            'verify certificate: x509: certificate is valid for ingress.local, not '
            'charts.example.com')
    assert top(helm)[0] == "hostname_mismatch"
    mail = ("javax.mail.MessagingException: Could not convert socket to TLS;\n  nested exception "
            "is:\n\tjavax.net.ssl.SSLHandshakeException: No appropriate protocol (protocol is "
            "disabled or cipher suites are inappropriate)")
    assert "angus_mail.up.Could not convert socket to TLS.text" in _ids(mail)
    assert top(mail)[0] == "protocol_version_mismatch"
    conda = ("CondaSSLError: Encountered an SSL error. Most likely a certificate verification "
             "issue.\n\nException: HTTPSConnectionPool(host='repo.anaconda.com', port=443): Max "
             "retries exceeded with url: /pkgs/main/linux-64/current_repodata.json (Caused by "
             "SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate "
             "verify failed: certificate has expired (_ssl.c:1006)')))")
    assert top(conda)[0] in ("cert_expired", "client_misconfiguration")
    grpc = ('rpc error: code = Unavailable desc = connection error: desc = "transport: '
            'authentication handshake failed: tls: first record does not look like a TLS '
            'handshake"')
    assert top(grpc)[0] == "non_tls_service_on_port"
    gradle = ("   > The server may not support the client's requested TLS protocol versions: "
              "(TLSv1.2, TLSv1.3). You may need to configure the client to allow other "
              "protocols to be used." + _GRADLE_DOCS + "\n      > Received fatal alert: "
              "handshake_failure")
    assert "gradle.up.protocol_versions.may.text" in _ids(gradle)
    assert top(gradle)[0] == top("javax.net.ssl.SSLHandshakeException: Received fatal alert: "
                                 "handshake_failure")[0]
    boto = ("\nSSL validation failed for https://sts.amazonaws.com/ [SSL: "
            "CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer "
            "certificate (_ssl.c:1006)")
    assert "botocore.up.SSLError.text" in _ids(boto)
    assert top(boto)[0] == top(boto.replace("SSL validation failed for ", ""))[0]
    rust = ("Error: error performing TLS handshake: invalid peer certificate: UnknownIssuer")
    assert "tokio_postgres.up.Kind::Tls.text" in _ids(rust)
    assert top(rust)[0] == top("invalid peer certificate: UnknownIssuer")[0]


def test_a_printed_list_of_guesses_states_none_of_them() -> None:
    """Azure CLI prints its recommendation after any SSLError, an EOF included: its "proxy
    that intercepts traffic with a self-signed certificate" is no self-signed certificate
    seen (before round 27 OpenSSL's "self-signed certificate" inside it read cert_self_signed
    at 0.9). MailKit's numbered guesses ("1. The server is using a self-signed certificate
    which cannot be verified.") likewise leave no trust wording for the context reading."""
    cause, conf = top(_AZ)
    assert cause != "cert_self_signed" and conf < 0.6
    assert not any(i.startswith("openssl.") for i in _ids(_AZ))
    eof = ("ERROR: HTTPSConnectionPool(host='app.scm.azurewebsites.net', port=443): Max retries "
           "exceeded with url: /api/publish (Caused by SSLError(SSLEOFError(8, 'EOF occurred in "
           "violation of protocol (_ssl.c:2396)')))\n" + _AZ)
    assert top(eof)[0] != "cert_self_signed"
    listed = (_MK + "This usually means that the SSL certificate presented by the server is not "
              "trusted by the system for one or more of\nthe following reasons:\n\n1. The "
              "server is using a self-signed certificate which cannot be verified.\n2. The local "
              "system is missing a Root or Intermediate certificate needed to verify the "
              "server's certificate.\n3. A Certificate Authority CRL server for one or more of "
              "the certificates in the chain is temporarily unavailable.\n4. The certificate "
              "presented by the server is expired or invalid.\n5. The set of SSL/TLS protocols "
              "supported by the client and server do not match.\n6. You are trying to connect "
              "to a port which does not support SSL/TLS.\n\nSee https://github.com/jstedfast/"
              "MailKit/blob/master/FAQ.md#ssl-handshake-exception for possible solutions.")
    r = explain(listed)
    assert r.recognized
    assert not any(m.pattern_id.startswith("context.") for m in r.matches)
    assert r.findings[0].cause.value != "cert_self_signed" and r.findings[0].confidence < 0.6


def test_connector_j_warning_is_understood_without_fault() -> None:
    """Connector/J 5.1's warning on a connection that worked (TLS without verification):
    recognised, no cause."""
    text = ("Sat Dec 07 10:00:00 UTC 2026 WARN: Establishing SSL connection without server's "
            "identity verification is not recommended. According to MySQL 5.5.45+, 5.6.26+ and "
            "5.7.6+ requirements SSL connection must be established by default if explicit "
            "option isn't set. For compliance with existing applications not using SSL the "
            "verifyServerCertificate property is set to 'false'. You need either to explicitly "
            "disable SSL by setting useSSL=false, or set useSSL=true and provide truststore for "
            "server certificate verification.")
    r = explain(text)
    assert r.recognized
    assert "connector_j.up.MysqlIO.SSLWarning.text" in [m.pattern_id for m in r.matches]
    assert not r.findings or r.findings[0].confidence < 0.6


def test_mailkit_exception_is_not_javas() -> None:
    """Java's SSLHandshakeException is read as spelled: .NET's MailKit.Security.
    SslHandshakeException is MailKit's, read by its own table (its validation branch
    carries .NET's chain status, which decides)."""
    text = (_MK + "The server's SSL certificate could not be validated for the following "
            "reasons:\n\u2022 The server certificate has the following errors:\n  \u2022 unable "
            "to get local issuer certificate\n")
    got = _ids(text)
    assert "java.25" not in got
    assert "mailkit.up.DefaultMessage.text" in got
    assert top(text)[0] in ("cert_untrusted_root", "incomplete_chain", "client_misconfiguration")
    assert "java.25" in _ids("javax.net.ssl.SSLHandshakeException: Remote host terminated the "
                             "handshake")
