"""Round 13: a SQL Server client's chain-trust failure (ingest/trust_context.py SQLSERVER).

SQL Server with no certificate configured encrypts with a self-signed one it makes at
startup; drivers that now encrypt and validate by default (Microsoft.Data.SqlClient 4.0,
ODBC Driver 18, JDBC 10.2, sqlcmd) reject it. Every driver's printed form x the context
around it: the server's self-signed certificate first (a ranking, or confident when the
words say self-signed), a private CA second; Azure SQL (a managed service) by its
provider; environment words still mean re-signing. No SQL Server runs here: the forms are
the drivers' documented and posted wordings (Microsoft Learn's login-phase errors, the
drivers' sources), not recorded output.
"""

from __future__ import annotations

import pytest

from tlsdoctor import explain
from tlsdoctor.causes import Party
from tlsdoctor.diagnosis.causes import Cause as C
from tlsdoctor.ingest import trust_context

CONFIDENT = 0.6

# (driver, kind, printed form): {server} is the server as the driver names it.
FORMS = (
    ("sqlclient-windows", "unknown_issuer",
     "Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully "
     "established with the server, but then an error occurred during the login process. "
     "(provider: SSL Provider, error: 0 - The certificate chain was issued by an authority "
     "that is not trusted.) Server={server}"),
    ("sqlclient-prelogin", "unknown_issuer",
     "A connection was successfully established with the server, but then an error occurred "
     "during the pre-login handshake. (provider: SSL Provider, error: 0 - The certificate "
     "chain was issued by an authority that is not trusted.) ({server})"),
    ("sqlclient-linux", "unknown_issuer",
     "Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully "
     "established with the server, but then an error occurred during the pre-login "
     "handshake. (provider: TCP Provider, error: 35 - An internal exception was caught)\n"
     " ---> System.Security.Authentication.AuthenticationException: The remote certificate "
     "is invalid because of errors in the certificate chain: UntrustedRoot ({server})"),
    ("ssms", "unknown_issuer",
     "Cannot connect to {server}.\nA connection was successfully established with the server, "
     "but then an error occurred during the login process. (provider: SSL Provider, error: 0 - "
     "The certificate chain was issued by an authority that is not trusted.) (Microsoft SQL "
     "Server, Error: -2146893019)"),
    ("odbc18-linux", "self_signed_leaf",
     "[Microsoft][ODBC Driver 18 for SQL Server]SSL Provider: [error:0A000086:SSL routines::"
     "certificate verify failed:self-signed certificate] ({server})"),
    ("pyodbc", "self_signed_leaf",
     "pyodbc.OperationalError: ('08001', '[08001] [Microsoft][ODBC Driver 18 for SQL Server]SSL "
     "Provider: [error:1416F086:SSL routines:tls_process_server_certificate:certificate verify "
     "failed:self signed certificate] (-1) (SQLDriverConnect)') server={server}"),
    ("sqlcmd", "self_signed_leaf",
     "Sqlcmd: Error: Microsoft ODBC Driver 18 for SQL Server : SSL Provider: [error:0A000086:"
     "SSL routines::certificate verify failed:self-signed certificate]. (-S {server})"),
    ("mssql-jdbc", "unknown_issuer",
     "com.microsoft.sqlserver.jdbc.SQLServerException: The driver could not establish a secure "
     "connection to SQL Server by using Secure Sockets Layer (SSL) encryption. Error: \"PKIX "
     "path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable "
     "to find valid certification path to requested target\". jdbc:sqlserver://{server}"),
    ("go-mssqldb", "unknown_issuer",
     "mssql: login error: TLS Handshake failed: tls: failed to verify certificate: x509: "
     "certificate signed by unknown authority (sqlserver://{server})"),
    ("tedious", "self_signed_leaf",
     "ConnectionError: Failed to connect to {server} - self-signed certificate\n    at "
     "Connection.socketError (/app/node_modules/tedious/lib/connection.js:1395:28)"),
)
SERVERS = {"none": "", "private": "10.1.2.3:1433", "neutral": "db01.example.com:1433",
           "azure": "myserver.database.windows.net:1433",
           "environment": "db01.example.com:1433"}
NOTES = {"environment": "(the office firewall does TLS inspection)\n"}


def render(form: str, context: str) -> str:
    server = SERVERS[context] or "db01"
    return NOTES.get(context, "") + form.format(server=server)


@pytest.mark.parametrize("context", SERVERS)
@pytest.mark.parametrize(("driver", "kind", "form"), FORMS, ids=[d for d, _, _ in FORMS])
def test_a_sql_server_clients_trust_failure(driver: str, kind: str, form: str,
                                            context: str) -> None:
    text = render(form, context)
    assert trust_context.kind_of(text)[0] == kind, text  # type: ignore[index]
    r = explain(text)
    got = [(f.cause, f.confidence) for f in r.findings]
    first, second = r.findings[0], r.findings[1]
    assert first.confidence > second.confidence, got
    if context == "environment":
        assert first.cause is C.TLS_INTERCEPTION_MITM, got
    elif context == "azure" and kind == "self_signed_leaf":  # no public host sends one
        assert first.cause is C.TLS_INTERCEPTION_MITM and first.confidence < CONFIDENT, got
    elif context == "azure":  # a managed service's chain is public: this client's CA setting
        assert first.cause is C.CLIENT_MISCONFIGURATION, got
    else:
        assert first.cause is C.CERT_SELF_SIGNED, (driver, context, got)
        assert (first.confidence >= CONFIDENT) is (kind == "self_signed_leaf"), got
        assert first.who_fixes is Party.SERVER
        assert "TrustServerCertificate" in " ".join(s.text for s in first.fix)
        if kind != "self_signed_leaf":
            assert second.cause is C.CERT_UNTRUSTED_ROOT and second.who_fixes is Party.CLIENT


@pytest.mark.parametrize("text", [
    "A connection was successfully established with the server, but then an error occurred "
    "during the pre-login handshake. (provider: TCP Provider, error: 0 - An existing "
    "connection was forcibly closed by the remote host.)",
    "Login failed for user 'sa'. (Microsoft SQL Server, Error: 18456)",
])
def test_sql_server_words_without_a_trust_failure_are_not_this_class(text: str) -> None:
    r = explain(text)
    assert not r.findings or r.findings[0].cause is not C.CERT_SELF_SIGNED
