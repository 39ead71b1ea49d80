"""Issue 12 item 2: who sent an alert, and which side printed the text, change the cause
and the party. Both halves of one real handshake (openssl s_client and s_server with
``-state``) are explained: the same alert is the client's complaint on one side and the
server's on the other, and a *sent* alert is this side rejecting the peer."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tlsdoctor import api
from tlsdoctor.testing import servers
from tlsdoctor.testing.processes import wait_until


def _top(text: str) -> tuple[str, str, str]:
    r = api.explain(text)
    assert r.recognized, text
    f = r.findings[0]
    return f.cause.value, f.who_fixes.value, r.side


def _both_halves(s_server, pki, client_args, **server_kw) -> tuple[str, str]:
    srv = s_server(pki.leaf("localhost"), extra_args=("-state",), **server_kw)
    client = servers.s_client(srv, "-state", "-verify_return_error", *client_args,
                              servername="localhost", input_data=b"")
    wait_until(lambda: "alert" in srv.log().lower(), 5)
    return client.stdout + client.stderr, srv.log()


def test_wrong_host_is_hostname_mismatch_on_both_sides(s_server, pki):
    # OpenSSL's client sends bad_certificate for a name mismatch (statem_lib.c x509table).
    client, server = _both_halves(s_server, pki, ("-CAfile", str(pki.root_pem),
                                                  "-verify_hostname", "wrong.example"))
    assert "alert write:fatal:bad certificate" in client
    assert "alert read:fatal:bad certificate" in server
    assert _top(client) == ("hostname_mismatch", "server", "client")
    cause, _, side = _top(server)
    assert (cause, side) == ("hostname_mismatch", "server")


def test_untrusted_chain_is_the_servers_chain_in_its_log_and_the_clients_store_in_its_output(
        s_server, pki):
    client, server = _both_halves(s_server, pki, ("-no-CAfile", "-no-CApath", "-no-CAstore"))
    assert "alert write:fatal:unknown CA" in client
    assert _top(client)[0] in ("cert_untrusted_root", "incomplete_chain")
    cause, _, side = _top(server)  # the client rejected the server's chain: not mTLS
    assert side == "server" and cause in ("cert_untrusted_root", "incomplete_chain")


def test_expired_client_certificate_is_the_clients_on_both_sides(s_server, pki, tmp_path):
    # The server verifies the client's certificate and sends certificate_expired: on the
    # client that is a *received* alert about its own certificate; on the server, sent.
    me = pki.leaf("me", eku=("clientAuth",), not_before=timedelta(days=-30),
                  not_after=timedelta(days=-1))
    cert, key = pki.write(me)
    client, server = _both_halves(s_server, pki, ("-CAfile", str(pki.root_pem), "-cert",
                                                  str(cert), "-key", str(key)),
                                  verify_ca=pki.root_pem, protocols=("tls1_2",))
    # (TLS 1.2: in 1.3 the client has finished, and s_client left, before the alert comes)
    if "alert write:fatal:certificate expired" not in server:
        pytest.skip("this OpenSSL reports the client's expiry differently")
    assert _top(server) == ("client_cert_required", "client", "server")
    assert "alert read:fatal:certificate expired" in client
    assert _top(client)[:2] == ("client_cert_required", "client")


@pytest.mark.parametrize("text,want", [
    # Go (crypto/tls alert.go text, net/http/server.go log line): received on a server is
    # the client rejecting the server's chain; on a client, the server rejecting ours.
    ("http: TLS handshake error from 10.0.0.1:4242: remote error: tls: bad certificate",
     ("hostname_mismatch", "server")),
    ('Get "https://api.example": remote error: tls: bad certificate',
     ("client_cert_required", "client")),
    # Go's "local error" is the alert this side sent.
    ("http: TLS handshake error from 10.0.0.1:4242: local error: tls: bad certificate",
     ("client_cert_required", "server")),
    # PostgreSQL's backend (be-secure-openssl.c) quoting OpenSSL's received alert.
    ("LOG:  could not accept SSL connection: tlsv1 alert unknown ca",
     ("cert_untrusted_root", "server")),
    # JSSE: a received alert (Alert.java) vs the one it sends (TransportContext.fatal); a
    # client's stack names the HTTP client that connected.
    ("javax.net.ssl.SSLHandshakeException: Received fatal alert: certificate_unknown\n"
     "\tat java.base/sun.net.www.protocol.https.HttpsClient.afterConnect(HttpsClient.java:580)",
     ("client_cert_required", "client")),
    ("javax.net.ssl|ERROR|01|main|TransportContext.java:363|Fatal (CERTIFICATE_UNKNOWN): "
     "PKIX path building failed\n\tat java.base/sun.net.www.protocol.https.HttpsClient."
     "afterConnect(HttpsClient.java:580)", ("cert_untrusted_root", "client")),
    ("javax.net.ssl|DEBUG|01|main|Consuming ClientHello handshake message\n"
     "javax.net.ssl|ERROR|01|main|TransportContext.java:363|Fatal (BAD_CERTIFICATE): "
     "Received certificate is bad", ("client_cert_required", "server")),
    # Programs printing their own OpenSSL info callback (an IRC bot's TLS log): nothing
    # says which side printed it, and handshake_failure reads the same from both.
    ("[14:57:22] TLS: alert during write: fatal (handshake failure).",
     ("cipher_suite_mismatch", "unknown")),
    # rustls >= 0.23 spells received alerts as "the peer <phrase>" (error/mod.rs).
    ('error sending request for url (https://api.example/): received fatal alert: the peer '
     "found the certificate was not issued by a trusted CA", ("client_cert_required", "client")),
    ("received fatal alert: the peer did not support a suitable TLS version",
     ("protocol_version_mismatch", "unknown")),
])
def test_direction_and_side_from_each_stacks_words(text, want):
    cause, _, side = _top(text)
    assert (cause, side) == want


@pytest.mark.parametrize("text,cause", [
    # libcurl's users print the CURLE number their own way (PHP/Guzzle: "cURL error N:").
    ("cURL error 77: Problem with reading SSL certificate (path: /etc/ssl/certs)",
     "client_misconfiguration"),
    ("cURL error 6: Could not resolve: api.example (Domain name not found)",
     "name_resolution_or_unreachable"),
    # JSSE's message quoted without its parenthesis.
    ("java.sql.SQLException ... javax.net.ssl.SSLHandshakeException: No appropriate protocol",
     "protocol_version_mismatch"),
])
def test_shortened_and_rewrapped_forms(text, cause):
    assert api.explain(text).findings[0].cause.value == cause


def test_an_alert_with_no_side_said_is_read_both_ways():
    # Nothing says who printed it (a broker's "Failed to establish SSL handshake", a bare
    # rustls or Java line): both readings are listed, neither as certain, the side is said to
    # be unknown, and the finding says what tells them apart. Round 12: a server's log
    # first (a received alert with no client framing at all is a log's bare library words).
    for text in ("Failed to establish SSL handshake: [error:0A000418:SSL routines::"
                 "tlsv1 alert unknown ca]", "received fatal alert: UnknownCA",
                 "javax.net.ssl.SSLHandshakeException: Received fatal alert: unknown_ca"):
        r = api.explain(text)
        causes = {f.cause.value: f.confidence for f in r.findings}
        assert r.side == "unknown", text
        assert r.findings[0].cause.value == "cert_untrusted_root", text
        assert "client_cert_required" in causes
        assert max(causes.values()) < 0.6
        assert "client's address" in str(r.findings[0].facts["who_printed"])
    # Words that say it: the same alert in a server's log is the client rejecting our chain.
    r = api.explain("LOG:  could not accept SSL connection: tlsv1 alert unknown ca")
    assert r.findings[0].cause.value == "cert_untrusted_root" and r.side == "server"
    assert "who_printed" not in r.findings[0].facts
    # ...and a client's words make it the server rejecting this client's certificate.
    r = api.explain("curl: (56) OpenSSL SSL_read: error:0A000418:SSL routines::tlsv1 alert "
                    "unknown ca, errno 0")
    assert (r.findings[0].cause.value, r.side) == ("client_cert_required", "client")


def test_a_sent_alert_with_no_side_said_keeps_the_clients_reading_first():
    # A debug log of an alert this side sent: mostly a client's user looking at why their
    # connection fails. Still a ranking.
    r = api.explain("javax.net.ssl|ERROR|01|main|TransportContext.java:363|Fatal "
                    "(CERTIFICATE_UNKNOWN): PKIX path building failed")
    assert r.side == "unknown"
    assert r.findings[0].cause.value == "cert_untrusted_root"
    assert r.findings[0].confidence < 0.6
