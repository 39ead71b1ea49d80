"""Round 25: ten program families harvested from their own source (scripts/harvest/
harvest25.py; patterns/harvest25.py, judgement/<source>.py), each fed the way the program
prints it, with its prefix: librdkafka, BusyBox's TLS client, Microsoft.Data.SqlClient,
the Microsoft JDBC driver, RubyGems/Bundler, Ansible, Asterisk, apk-tools, Composer and
gRPC's C core. A hint or a wrapper that names no single cause stays a ranking below 0.6;
text no table holds stays unrecognised.
"""

from __future__ import annotations

import pytest
from ranked import check_harvested, top
from ranked import ids as _ids

from tlsdoctor.api import explain

_RDK = ("%3|1712345678.123|FAIL|rdkafka#producer-1| [thrd:ssl://kafka:9093/bootstrap]: "
        "ssl://kafka:9093/bootstrap: SSL handshake failed: ")
_SQLC = ("Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully "
         "established with the server, but then an error occurred during the pre-login "
         "handshake. ")


@pytest.mark.parametrize(("text", "source", "cause", "confident"), [
    # librdkafka's hints after the OpenSSL error (src/rdkafka_ssl.c)
    (_RDK + "Disconnected: connecting to a PLAINTEXT broker listener? (after 5ms in state "
     "SSL_HANDSHAKE)", "librdkafka.up.hint.plaintext", "non_tls_service_on_port", False),
    (_RDK + "error:0A000086:SSL routines::certificate verify failed: broker certificate could "
     "not be verified, verify that ssl.ca.location is correctly configured or root CA "
     "certificates are installed (install ca-certificates package) (after 9ms in state "
     "SSL_HANDSHAKE)", "librdkafka.up.hint.ca_location", "cert_untrusted_root", False),
    (_RDK + "error:0A0000F4:SSL routines::unexpected message: client SSL authentication might "
     "be required (see ssl.key.location and ssl.certificate.location and consult the broker "
     "logs for more information) (after 4ms in state SSL_HANDSHAKE)",
     "librdkafka.up.hint.client_auth", "client_cert_required", False),
    ('cimpl.KafkaException: KafkaError{code=_INVALID_ARG,val=-186,str="Failed to create '
     'producer: ssl.ca.location failed: error:05880002:x509 certificate routines::system lib"}',
     "librdkafka.up.ssl.ca.location failed", "client_misconfiguration", True),
    # BusyBox wget's own TLS (networking/tls.c): the alert code names it
    ("Connecting to github.com (140.82.112.3:443)\nwget: TLS error from peer (alert code 40): "
     "handshake failure\nwget: error getting response: Connection reset by peer",
     "busybox.up.alert 40", "cipher_suite_mismatch", False),
    ("ssl_client: TLS error from peer (alert code 70): 70", "busybox.up.alert 70",
     "protocol_version_mismatch", True),
    ("wget: TLS error from peer (alert code 112): unrecognized name", "busybox.up.alert 112",
     "sni_required_or_mismatch", True),
    # SQL Server's drivers
    (_SQLC + "(provider: SSL Provider, error: 31 - Encryption(ssl/tls) handshake failed)",
     "sqlclient.up.SNI_ERROR_31", "protocol_version_mismatch", False),
    ('com.microsoft.sqlserver.jdbc.SQLServerException: Failed to validate the server name '
     '"db.example.com"in a certificate during Secure Sockets Layer (SSL) initialization. Name '
     'in certificate "*.database.windows.net"', "mssql_jdbc.up.R_certNameFailed",
     "hostname_mismatch", True),
    # Bundler's CertificateFailureError, as `bundle install` prints it
    ("Could not verify the SSL certificate for https://rubygems.org/.\nThere is a chance you "
     "are experiencing a man-in-the-middle attack, but most likely your system doesn't have "
     "the CA certificates needed for verification. For information about OpenSSL "
     "certificates, see https://railsapps.github.io/openssl-certificate-verify-failed.html.",
     "rubygems.up.CertificateFailureError", "client_misconfiguration", False),
    # Ansible 2.16 and older, without the exception's own text
    ('fatal: [web1]: FAILED! => {"changed": false, "msg": "Failed to validate the SSL '
     'certificate for repo.example.com:443. Make sure your managed systems have a valid CA '
     'certificate installed. You can use validate_certs=False if you do not need to confirm '
     'the servers identity but this is unsafe and not recommended. Paths checked for this '
     'platform: /etc/ssl/certs, /etc/pki/ca-trust/extracted/pem, /etc/ansible."}',
     "ansible.up.build_ssl_validation_error.0", "cert_untrusted_root", False),
    # Asterisk's TLS checks after the handshake (main/tcptls.c)
    ("[Dec  7 10:00:00] ERROR[1234]: tcptls.c:220 ast_tcptls_start_tls: Certificate common "
     "name from peer '192.0.2.1:5061' did not match (sip.example.com)",
     "asterisk.up.Certificate common name", "hostname_mismatch", True),
    ("[Dec  7 10:00:00] ERROR[1234]: tcptls.c:159 ast_tcptls_start_tls: No SSL certificate "
     "to verify from peer '192.0.2.1:5061'", "asterisk.up.No SSL certificate",
     "client_cert_required", True),
    # apk 3 (src/print.c)
    ("fetch https://dl-cdn.alpinelinux.org/alpine/v3.22/main/x86_64/APKINDEX.tar.gz\n"
     "WARNING: fetching https://dl-cdn.alpinelinux.org/alpine/v3.22/main: TLS: server "
     "certificate not trusted", "apk.up.APKE_TLS_SERVER_CERT_UNTRUSTED",
     "tls_interception_mitm", False),
    ("ERROR: https://mirror.example.org/alpine/edge/main: TLS: server hostname mismatch",
     "apk.up.APKE_TLS_SERVER_CERT_HOSTNAME", "hostname_mismatch", True),
    # Composer's secure-http, wrapped by Symfony's console as it prints it
    ("  [Composer\\Downloader\\TransportException]\n  Your configuration does not allow "
     "connections to http://packages.example.com/packages.json. See https://getcomposer.\n"
     "  org/doc/06-config.md#secure-http for details.", "composer.up.",
     "client_misconfiguration", True),
    # gRPC's checks after the handshake, in grpcio's exception
    ('grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n'
     '\tstatus = StatusCode.UNAVAILABLE\n\tdetails = "failed to connect to all addresses; last '
     'error: UNKNOWN: ipv4:10.0.0.5:443: Peer name api.internal is not in peer certificate"',
     "grpc_core.up.grpc_ssl_check_peer_name", "hostname_mismatch", True),
    ('\tdetails = "failed to connect to all addresses; last error: UNKNOWN: ipv4:10.0.0.5:443: '
     'Cannot check peer: missing selected ALPN property."', "grpc_core.up.Cannot check peer",
     "server_misconfiguration", False),
])
def test_harvested_family_as_printed(text: str, source: str, cause: str,
                                     confident: bool) -> None:
    check_harvested(text, source, cause, confident)


def test_the_wrappers_leave_the_carried_error_to_its_own_table() -> None:
    """The pre-login sentence, JDBC's old R_sslFailed and RubyGems' verify line carry
    another table's words, which decide; the wrapper is matched too."""
    sqlc = _SQLC + ("(provider: SSL Provider, error: 0 - The certificate chain was issued by "
                    "an authority that is not trusted.)")
    assert "sqlclient.up.Snix_PreLogin.text" in _ids(sqlc)
    assert top(sqlc)[0] in ("cert_self_signed", "cert_untrusted_root")
    jdbc = ('com.microsoft.sqlserver.jdbc.SQLServerException: The driver could not establish '
            'a secure connection to SQL Server by using Secure Sockets Layer (SSL) encryption. '
            'Error: "PKIX path building failed: sun.security.provider.certpath.'
            'SunCertPathBuilderException: unable to find valid certification path to requested '
            'target".')
    assert any(i.startswith("mssql_jdbc.up.R_sslFailed") for i in _ids(jdbc))
    assert top(jdbc)[0] in ("cert_self_signed", "cert_untrusted_root")
    gem = ("ERROR:  SSL verification error at depth 1: unable to get local issuer certificate "
           "(20)\nERROR:  You must add /C=US/O=Let's Encrypt/CN=R3 to your local trusted store")
    assert "rubygems.up.V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY.ui" in _ids(gem)
    assert top(gem)[1] < 0.6


def test_busybox_note_is_understood_without_a_fault() -> None:
    r = explain("Connecting to dl-cdn.alpinelinux.org (151.101.2.132:443)\nwget: note: TLS "
                "certificate validation not implemented\nsaving to 'file.tar.gz'")
    assert r.recognized and not r.findings


@pytest.mark.parametrize("text", [
    # RubyGems' short verify lines count only after its "ERROR:  "
    "Certificate /CN=foo is rejected",
    "Failed to frobnicate the widget",
])
def test_text_no_table_holds_stays_unrecognised(text: str) -> None:
    r = explain(text)
    assert not r.recognized and not r.findings
