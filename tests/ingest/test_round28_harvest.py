"""Round 28: newer releases of the mainstream stacks and families whose own wording no table
held, harvested from their own source (scripts/harvest/harvest28.py; patterns/harvest28.py,
judgement/<source>.py), each fed the way the program prints it: LibreSSL's own reasons and
libtls, AWS-LC's names BoringSSL lacks, rustls-webpki's variants inside rustls' "Other",
rustls-platform-verifier, Go's Encrypted Client Hello texts, Python 3.12/3.13's asyncio SSL
transport and ssl module, httpx/httpcore, Nodemailer, PgBouncer, Fluent Bit, uv, the Neo4j
Java driver, elastic-transport, Mint, the JDK's java.net.http client and libstrophe.
A wrapper that names no single cause stays a ranking below 0.6 and leaves the carried
error to its own table.
"""

from __future__ import annotations

import pytest
from ranked import check_harvested, top

_NODEMAILER = ("\n    at SMTPConnection._formatError (/app/node_modules/nodemailer/lib/"
               "smtp-connection/index.js:790:19) {\n  code: 'ETIMEDOUT',\n  command: 'CONN'\n}")
_NEO4J = ("org.neo4j.driver.exceptions.ServiceUnavailableException: Connection to the database "
          "terminated. Please ensure that your database is listening on the correct host and "
          "port and that you have compatible encryption settings both on Neo4j server and "
          "driver. Note that the default encryption setting has changed in Neo4j 4.0.")
_PGB = "2026-12-07 10:00:00.000 UTC [1234] "


@pytest.mark.parametrize(("text", "source", "cause", "confident"), [
    # LibreSSL (ssl_err.c, x509_txt.c): its own reason, in its packed form (reason 666)
    ("error:14FFF29A:SSL routines:(UNKNOWN)SSL_internal:peer is doing strange or hostile "
     "things", "libressl.up.SSL_R_PEER_BEHAVING_BADLY", "middlebox_or_firewall_interference",
     False),
    # libtls as OpenBSD's nc(1) and daemons print it
    ("nc: tls handshake failed (name `www.example.org' not present in server certificate)",
     "libtls.up.name `%s' not present", "hostname_mismatch", True),
    ("nc: tls handshake failed (handshake failed: unexpected EOF)",
     "libtls.up.tls_ssl_error:handshake:unexpected EOF", "middlebox_or_firewall_interference",
     False),
    ("relayd[77]: tls_handshake: ocsp verify failed: revoked cert - 2026-01-01",
     "libtls.up.ocsp verify failed: revoked cert", "cert_revoked", True),
    ("smtpd[99]: 1a2b3c4d mta error reason=no stapled OCSP response provided",
     "libtls.up.no stapled OCSP response provided", "ocsp_must_staple_missing", True),
    # AWS-LC's names BoringSSL lacks
    ("error:10000139:SSL routines:OPENSSL_internal:BAD_HYBRID_KEYSHARE",
     "aws_lc.up.SSL_R_BAD_HYBRID_KEYSHARE", "server_misconfiguration", False),
    # rustls-webpki inside rustls' Other(OtherError(..))
    ("Error: error sending request for url (https://10.0.0.5/): client error (Connect): "
     "invalid peer certificate: Other(OtherError(CaUsedAsEndEntity))",
     "rustls_webpki.up.Error::CaUsedAsEndEntity", "cert_wrong_purpose", False),
    ("invalid peer certificate: Other(OtherError(UnsupportedCertVersion))",
     "rustls_webpki.up.Error::UnsupportedCertVersion", "server_misconfiguration", True),
    ("invalid peer certificate: Other(OtherError(MaximumPathBuildCallsExceeded))",
     "rustls_webpki.up.Error::MaximumPathBuildCallsExceeded", "bad_chain_order_or_extra", True),
    # rustls-platform-verifier
    ("error: unexpected error: No CA certificates were loaded from the system",
     "rustls_platform_verifier.up.No CA certificates", "client_misconfiguration", True),
    # Go 1.23+'s ECH
    ('Get "https://crypto.example/": tls: server rejected ECH', "go_new.up.tls: server rejected",
     "server_misconfiguration", False),
    ("http: TLS handshake error from 192.0.2.9:50000: tls: client sent encrypted_client_hello "
     "extension but did not offer TLS 1.3", "go_new.up.tls: client sent encrypted_client_hello",
     "protocol_version_mismatch", True),
    # Python 3.12/3.13: asyncio's SSL transport and the ssl module's own texts
    ("SSL handshake is taking longer than 60.0 seconds: aborting the connection",
     "python_asyncio.up.SSL handshake is taking longer", "middlebox_or_firewall_interference",
     False),
    ("ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
     "IP address mismatch, certificate is not valid for '192.0.2.7'. (_ssl.c:1000)",
     "python_ssl.up.IP address mismatch", "hostname_mismatch", True),
    ("TimeoutError: _ssl.c:1003: The handshake operation timed out",
     "python_ssl.up.The handshake operation timed out", "middlebox_or_firewall_interference",
     False),
    # httpx / httpcore
    ("OSError: Could not find a suitable TLS CA certificate bundle, invalid path: "
     "/etc/ssl/corp.pem", "httpx.up.SSLConfig", "client_misconfiguration", True),
    ("httpx.RemoteProtocolError: Server disconnected without sending a response.",
     "httpx.up.Server disconnected without", "middlebox_or_firewall_interference", False),
    # Nodemailer
    ("Error: Greeting never received" + _NODEMAILER, "nodemailer.up.Greeting never received",
     "client_misconfiguration", False),
    ("Error: EHLO failed but HELO does not support required STARTTLS. response=502 5.5.2 "
     "Error: command not recognized", "nodemailer.up.EHLO failed", "server_misconfiguration",
     False),
    # PgBouncer: its closing reasons, and libtls' words after its own
    (_PGB + "LOG S-0x55d0: app/app@10.0.0.5:5432 closing because: server refused SSL (age=0s)",
     "pgbouncer.up.server refused SSL", "non_tls_service_on_port", False),
    (_PGB + "LOG C-0x55d0: (nodb)/(nouser)@10.0.0.9:51234 closing because: SSL required "
     "(age=0s)", "pgbouncer.up.SSL required", "client_misconfiguration", True),
    # Fluent Bit
    ("[2026/12/07 10:00:00] [error] [tls] certificate verification failed, reason: unable to "
     "get local issuer certificate (X509 code: 20)", "fluent_bit.up.[tls] certificate",
     "cert_untrusted_root", False),
    # uv
    ("warning: Invalid `SSL_CERT_FILE`. Path does not exist: /etc/ssl/corp.pem. No default "
     "certificates will be trusted.", "uv.up.Invalid `SSL_CERT_FILE`", "client_misconfiguration",
     True),
    # Neo4j Java driver
    (_NEO4J, "neo4j_java.up.newConnectionTerminatedError", "client_misconfiguration", False),
    # elastic-transport
    ("ValueError: Root certificates are missing for certificate validation. Either pass them "
     "in using the ca_certs parameter or install certifi to use it automatically.",
     "elastic_transport.up.Root certificates are missing", "client_misconfiguration", True),
    # Mint (Elixir)
    ("** (Mint.TransportError) ALPN protocol not negotiated", "mint.up.:protocol_not_negotiated",
     "server_misconfiguration", True),
    ("** (Mint.TransportError) socket closed", "mint.up.:closed",
     "middlebox_or_firewall_interference", False),
    # The JDK's java.net.http client
    ("java.io.IOException: HTTP/1.1 header parser received no bytes",
     "java_httpclient.up.HTTP/1.1 header parser", "server_misconfiguration", False),
    ("java.io.IOException: Tunnel failed, got: 407", "java_httpclient.up.Tunnel failed",
     "middlebox_or_firewall_interference", True),
    # libstrophe
    ("tls ERROR No certfail handler set, canceling connection attempt",
     "libstrophe.up.No certfail handler", "cert_untrusted_root", False),
    ("xmpp ERROR TLS is not supported, but set as mandatory for this connection",
     "libstrophe.up.TLS is not supported", "server_misconfiguration", False),
])
def test_harvested_family_text_as_printed(text: str, source: str, cause: str,
                                          confident: bool) -> None:
    check_harvested(text, source, cause, confident)


@pytest.mark.parametrize(("text", "cause"), [
    # The carried error decides over the wrapper's own ranking.
    (_PGB + "WARNING TLS handshake error: handshake failed: error:1416F086:SSL routines:"
     "tls_process_server_certificate:certificate verify failed", "cert_untrusted_root"),
    ("  Caused by: invalid peer certificate: UnknownIssuer\n\n  hint: Consider enabling use of "
     "system TLS certificates with the `--system-certs` command-line flag",
     "cert_untrusted_root"),
    ("nc: tls handshake failed (certificate verification failed: certificate has expired)",
     "cert_expired"),
    ("Error: Error initiating TLS - 140241111:error:1408F10B:SSL routines:ssl3_get_record:wrong "
     "version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:332:",
     "non_tls_service_on_port"),
])
def test_the_carried_error_decides(text: str, cause: str) -> None:
    assert top(text)[0] == cause, top(text)


def test_webpki_variants_rustls_names_itself_stay_rustls() -> None:
    """UnknownIssuer and the other variants rustls turns into its own CertificateError are
    read by rustls' table, not a second time as webpki's."""
    from ranked import ids

    got = ids("invalid peer certificate: UnknownIssuer")
    assert not any(i.startswith("rustls_webpki.") for i in got), got
