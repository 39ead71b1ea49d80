"""The strings people paste most, inside the surroundings they come in: a timestamp, a log
prefix, a logger's field, a stack trace, a JSON line. Each must still come first with its
own cause; and s_client's verify lines speak of the server's chain.
"""

from __future__ import annotations

import pytest

from tlsdoctor.api import explain
from tlsdoctor.causes import Cause

CANONICAL = [
    ('2024/05/02 10:11:12 [emerg] 1234#1234: SSL_CTX_use_PrivateKey("/etc/nginx/ssl/site.key")'
     " failed (SSL: error:0B080074:x509 certificate routines:X509_check_private_key:key values "
     "mismatch)", Cause.SERVER_MISCONFIGURATION),
    ("$ curl -v --cert-type P12 https://api.example.com/\n* schannel: disabled automatic use of "
     "client certificate\ncurl: (98) SSL Client Certificate required", Cause.CLIENT_CERT_REQUIRED),
    ("2024-03-01T10:00:00.123Z ERROR reqwest::connect: error trying to connect: received fatal "
     "alert: UnrecognisedName", Cause.SNI_REQUIRED_OR_MISMATCH),
    ("2023/01/02 15:04:05 main.go:42: listen: tls: private key does not match public key\n"
     "exit status 1", Cause.SERVER_MISCONFIGURATION),
    ("Cloning into 'repo'...\nfatal: unable to access 'https://github.com/org/repo.git/': "
     "gnutls_handshake() failed: Error in the pull function.",
     Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE),
    ("2024/06/01 12:00:00 [info] 1234#1234: *567 handshake rejected while SSL handshaking, "
     "client: 192.0.2.10, server: 0.0.0.0:443", Cause.SNI_REQUIRED_OR_MISMATCH),
    # A logger's key=value field that goes on after the library's words.
    ("ERROR 2025-07-03T09:54:58 +1546ms service=default name=Error message=self signed "
     "certificate in certificate chain fatal", Cause.TLS_INTERCEPTION_MITM),
    # JSON lines with escaped quotes, as structured loggers write Go's errors.
    ('{"level":"error","msg":"pull failed","error":"Get \\"https://registry.example.com/v2/\\": '
     'tls: failed to verify certificate: x509: certificate is valid for a.example.com, not '
     'registry.example.com"}', Cause.HOSTNAME_MISMATCH),
    ("Unable to connect to the server: x509: certificate has expired or is not yet valid: "
     "current time 2023-01-09T22:08:46+08:00 is after 2023-01-09T09:34:00Z", Cause.CERT_EXPIRED),
]


@pytest.mark.parametrize(("text", "cause"), CANONICAL)
def test_pasted_strings_in_their_surroundings_come_first(text: str, cause: Cause) -> None:
    r = explain(text)
    assert r.recognized and r.findings
    assert r.findings[0].cause is cause, [f.cause.value for f in r.findings]


S_CLIENT = ("CONNECTED(00000003)\n"
            "depth=0 C = GB, O = Example, CN = www.example.org\n"
            "verify error:num=20:unable to get local issuer certificate\nverify return:1\n"
            "depth=0 C = GB, O = Example, CN = www.example.org\n"
            "verify error:num=21:unable to verify the first certificate\nverify return:1\n")


@pytest.mark.parametrize("text", [S_CLIENT, S_CLIENT.split("\n", 1)[1],
                                  "verify error:num=20:unable to get local issuer certificate\n"
                                  "verify error:num=21:unable to verify the first certificate"])
def test_s_clients_verify_lines_are_about_the_servers_chain(text: str) -> None:
    """s_client verifies the server: the issuer is missing from the served chain or from this
    client's store, never a client certificate the server refused; neither reading is
    certain."""
    r = explain(text)
    causes = [f.cause for f in r.findings]
    assert Cause.CLIENT_CERT_REQUIRED not in causes
    assert causes[:2] == [Cause.CERT_UNTRUSTED_ROOT, Cause.INCOMPLETE_CHAIN]
    assert all((f.confidence or 0) < 0.6 for f in r.findings)


def test_s_servers_verify_lines_are_about_the_clients_certificate() -> None:
    text = ("ACCEPT\ndepth=0 CN = client\n"
            "verify error:num=20:unable to get local issuer certificate\nverify return:1\n")
    assert explain(text).findings[0].cause is Cause.CLIENT_CERT_REQUIRED
