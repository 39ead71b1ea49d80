"""Round 26: thirteen program families harvested from their own source (scripts/harvest/
harvest26.py; patterns/harvest26.py, judgement/<source>.py), each fed the way the program
prints it: SwiftNIO SSL, Ktor's TLS client, Syncthing, rclone, restic, Telegraf, Vector,
Tornado, containers/image (skopeo, podman), Tailscale's DERP server, Prometheus'
tls_config, Traefik and Docker (moby). A wrapper that
names no single cause stays a ranking below 0.6; near-miss text no table holds stays
unrecognised. Tornado's lines are also read from a real Tornado server on 127.0.0.1, and
restic's (Debian's restic 0.14.0) from real runs against a repository URL on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import ssl
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from ranked import check_harvested, top
from ranked import ids as _ids

from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.processes import log_until, logged_process
from tlsdoctor.testing.servers import free_port, openssl_server, wait_ready

_NIO = "Fatal error: Error raised at top level: "
_KTOR = "Exception in thread \"main\" io.ktor.network.tls.TLSException: "


@pytest.mark.parametrize(("text", "source", "cause", "confident"), [
    # SwiftNIO SSL (Sources/NIOSSL/SSLErrors.swift), as Swift prints its errors
    (_NIO + "NIOSSLExtraError.failedToValidateHostname: Couldn't find api.example.com in "
     "certificate from peer", "swift_nio_ssl.up.NIOSSLExtraError.failedToValidateHostname",
     "hostname_mismatch", True),
    ("NIOSSLExtraError.cannotUseIPAddressInSNI: IP addresses cannot validly be used for "
     "Server Name Indication, got 10.0.0.1",
     "swift_nio_ssl.up.NIOSSLExtraError.cannotUseIPAddressInSNI", "client_misconfiguration",
     True),
    ("[ ERROR ] handshakeFailed(NIOSSL.BoringSSLError.sslError([Error:  EOF during "
     "handshake]))", "swift_nio_ssl.up.EOF during handshake",
     "middlebox_or_firewall_interference", False),
    ("Server error: NIOSSL.NIOSSLError.failedToLoadCertificate",
     "swift_nio_ssl.up.NIOSSLError.failedToLoadCertificate", "server_misconfiguration", False),
    ("NIOSSLError.noCertificateToValidate", "swift_nio_ssl.up.NIOSSLError.noCertificateToValidate",
     "client_cert_required", True),
    # Ktor's CIO TLS (ktor-network-tls): the alert line per TLSAlertType, its hostname check
    (_KTOR + "Received alert during handshake. Level: FATAL, code: HandshakeFailure",
     "ktor_tls.alert.40", "cipher_suite_mismatch", False),
    (_KTOR + "Received alert during handshake. Level: FATAL, code: ProtocolVersion",
     "ktor_tls.alert.70", "protocol_version_mismatch", True),
    (_KTOR + "No server host: 10.0.0.5 in the server certificate. The certificate was issued "
     "for: 10.0.0.6.", "ktor_tls.up.No server host", "hostname_mismatch", True),
    (_KTOR + "Illegal TLS frame size: 1213486160", "ktor_tls.up.Illegal TLS frame size",
     "non_tls_service_on_port", True),
    (_KTOR + "No sign algorithms in common. \nServer candidates: [] \nClient candidates: []",
     "ktor_tls.up.No sign algorithms in common", "cipher_suite_mismatch", True),
    # Syncthing's connection service
    ("[SYNO4] 10:08:38 WARNING: Got peer certificate list of incorrect length",
     "syncthing.up.Got peer certificate list", "tls_interception_mitm", False),
    # rclone's start-up checks of --ca-cert and --client-cert
    ('2026/12/07 10:00:00 CRITICAL: Failed to read --ca-cert file "/etc/rclone/ca.pem" : '
     "open /etc/rclone/ca.pem: no such file or directory", "rclone.up.Failed to read --ca-cert",
     "client_misconfiguration", True),
    ("2026/12/07 10:00:00 CRITICAL: Failed to load --client-cert/--client-key pair: key is "
     "encrypted but no --client-pass provided", "rclone.up.key is encrypted",
     "client_misconfiguration", True),
    # restic's --cacert
    ('Fatal: create repository at rest:https://backup.example:8000/ failed: cannot parse root '
     'certificate from "/etc/restic/ca.pem"', "restic.up.cannot parse root certificate",
     "client_misconfiguration", True),
    # Telegraf's plugins/common/tls
    ("2026-12-07T10:00:00Z E! [telegraf] Error running agent: could not initialize output "
     'influxdb_v2: could not load private key "/etc/telegraf/key.pem": open '
     "/etc/telegraf/key.pem: permission denied", "telegraf.up.could not load private key",
     "client_misconfiguration", True),
    ("2026-12-07T10:00:00Z E! [inputs.influxdb_listener] Error in plugin: http: TLS handshake "
     "error from 192.0.2.9:40000: peer certificate not in allowed DNS Name list: "
     "[client.example]", "telegraf.up.peer certificate not in allowed DNS Name list",
     "client_cert_required", True),
    # Vector's TlsError
    ("2026-12-07T10:00:00.000000Z ERROR vector::topology::builder: Configuration error. "
     'error=Source "in": TLS configuration requires a certificate when enabled',
     "vector.up.TlsError::MissingRequiredIdentity", "server_misconfiguration", True),
    ('error=Sink "out": Could not open certificate authority file "/etc/vector/ca.pem": No '
     "such file or directory (os error 2)", "vector.up.TlsError::FileOpenFailed",
     "client_misconfiguration", True),
    # Tornado's server checks
    ('ValueError: certfile "/etc/ssl/server.pem" does not exist', "tornado.up.certfile",
     "server_misconfiguration", True),
    # containers/image's certs.d checks, as skopeo prints them
    ("Error: initializing source docker://registry.example:5000/app:latest: missing key "
     "client.key for client certificate client.cert. Note that CA certificates should use the "
     "extension .crt", "containers_image.up.missing key", "client_misconfiguration", True),
    # Tailscale's DERP server (GetCertificate's refusal in Go's server log) and the pinned
    # DERP certificate
    ('2026/12/07 10:00:00 http: TLS handshake error from 192.0.2.7:51234: cert mismatch with '
     'hostname: "203.0.113.5"', "tailscale_derp.up.cert mismatch with hostname",
     "sni_required_or_mismatch", True),
    ("derp.Recv(derp-900): connect to region 900: tls: failed to verify certificate: cert not "
     "yet valid until 2027-01-01 00:00:00 +0000 UTC; is your clock correct?",
     "tailscale_derp.up.cert not yet valid", "client_clock_wrong", False),
    # Prometheus' tls_config (prometheus/common config/http_config.go), as Prometheus logs it
    ('ts=2026-12-07T10:00:00.000Z caller=main.go:1000 level=error msg="Error loading config" '
     'err="parsing YAML file /etc/prometheus/prometheus.yml: unable to read specified client '
     'key: open /etc/prometheus/client.key: permission denied"',
     "prometheus_common.up.unable to read specified client key", "client_misconfiguration",
     True),
    # Traefik's TLS layer (pkg/tls): strict SNI, its default certificate, a backend's SANs
    ('2026-12-07T10:00:00Z DBG TLS: strict SNI enabled - No certificate found for domain: '
     '"192.0.2.10", closing connection', "traefik.up.TLS: strict SNI enabled",
     "sni_required_or_mismatch", True),
    ('time="2026-12-07T10:00:00Z" level=debug msg="Serving default certificate for request: '
     '\\"app.example.com\\""', "traefik.up.Serving default certificate",
     "server_misconfiguration", True),
    ('2026-12-07T10:00:00Z DBG 500 Internal Server Error error="no matching SAN in peer '
     'certificate"', "traefik.up.no matching SAN", "hostname_mismatch", True),
    # Docker (moby/moby): the API client's two TLS hints, the daemon's certs.d check
    ('Cannot connect to the Docker daemon at tcp://192.0.2.10:2376. Is the docker daemon '
     'running?: Get "http://192.0.2.10:2376/v1.51/version": net/http: HTTP/1.x transport '
     'connection broken: malformed HTTP response "\\x15\\x03\\x01\\x00\\x02\\x02".\n'
     '* Are you trying to connect to a TLS-enabled daemon without TLS?',
     "moby.up.hint.tls_daemon", "client_misconfiguration", True),
    ('error during connect: Get "https://192.0.2.10:2376/v1.51/version": the server probably '
     'has client authentication (--tlsverify) enabled; check your TLS client certification '
     'settings: remote error: tls: bad certificate', "moby.up.hint.tlsverify",
     "client_cert_required", True),
    ("Error response from daemon: missing key client.key for client certificate client.cert. "
     "CA certificates must use the extension .crt", "moby.up.missing key",
     "client_misconfiguration", True),
])
def test_harvested_family_as_printed(text: str, source: str, cause: str,
                                     confident: bool) -> None:
    check_harvested(text, source, cause, confident)


def test_the_wrappers_leave_the_carried_error_to_its_own_table() -> None:
    """NIO's handshakeFailed, Vector's "TLS handshake failed", Tornado's "SSL Error on" and
    rclone's HTTPS proxy line carry another table's words, which decide."""
    nio = ("handshakeFailed(NIOSSL.BoringSSLError.sslError([Error: 268435581 error:1000007d:SSL "
           "routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED at /src/.build/checkouts/"
           "swift-nio-ssl/Sources/CNIOBoringSSL/ssl/handshake.cc:393]))")
    assert "swift_nio_ssl.up.NIOSSLError.handshakeFailed.value" in _ids(nio)
    assert top(nio)[0] == "cert_untrusted_root"
    vec = ("2026-12-07T10:00:00Z ERROR sink{component_id=out}: vector::sinks::util::retries: "
           "TLS handshake failed: error:0A000086:SSL routines:tls_post_process_server_"
           "certificate:certificate verify failed:../ssl/statem/statem_clnt.c:1889: (unable "
           "to get local issuer certificate)")
    assert "vector.up.TlsError::Handshake.text" in _ids(vec)
    assert top(vec)[0] in ("incomplete_chain", "cert_untrusted_root")
    tor = ("WARNING:tornado.general:SSL Error on 8 ('77.39.7.162', 33865): [SSL: HTTP_REQUEST] "
           "http request (_ssl.c:645)")
    assert any(i.startswith("tornado.up.SSL Error on") for i in _ids(tor))
    assert top(tor) == ("non_tls_service_on_port", 1.0)
    proxy = ('2026/12/07 10:00:00 ERROR : : error listing: HTTP CONNECT proxy failed to make '
             'TLS connection: "tls: first record does not look like a TLS handshake"')
    assert any(i.startswith("rclone.up.HTTP CONNECT proxy") for i in _ids(proxy))
    assert top(proxy)[0] == "non_tls_service_on_port"


def test_understood_lines_have_no_fault() -> None:
    """NIO's uncleanShutdown is a ragged EOF after a handshake that succeeded; Syncthing's
    missing bep/1.0 ALPN is only a warning."""
    for text in ("Fatal error: Error raised at top level: NIOSSL.NIOSSLError.uncleanShutdown",
                 "[SYNO4] 10:08:38 WARNING: Peer at did not negotiate bep/1.0"):
        r = explain(text)
        assert r.recognized and not r.findings, (text, r.findings)


@pytest.mark.parametrize("text", [
    # Swift and Kotlin words that are not the libraries' own cases or sentences
    "NIOSSLError.somethingElse",
    "uncleanShutdown of the database",
    "Received alert during lunch. Level: mild",
    "Invalid TLS frame decorations: 12",
    # the other programs' own words around them, without the TLS sentence
    "[SYNO4] 10:08:38 WARNING: Got peer list of incorrect length",
    "2026/12/07 10:00:00 CRITICAL: Failed to read config file",
    "Fatal: unable to open config file: stat /etc/restic.conf: no such file or directory",
    'ValueError: logfile "/var/log/app.log" does not exist',
    "TLS: strict mode enabled - No cookie found for session",
])
def test_near_misses_stay_unrecognised(text: str) -> None:
    r = explain(text)
    assert not r.recognized and not r.findings, (text, [m.pattern_id for m in r.matches])


_TORNADO = textwrap.dedent("""
    import asyncio, logging, sys
    import tornado.httpserver, tornado.web
    logging.basicConfig()
    async def main():
        srv = tornado.httpserver.HTTPServer(tornado.web.Application([]), ssl_options={
            "certfile": sys.argv[2], "keyfile": sys.argv[3]})
        srv.listen(int(sys.argv[1]), "127.0.0.1")
        await asyncio.Event().wait()
    asyncio.run(main())
""")


def test_real_tornado_server_log_is_read(tmp_path: Path) -> None:
    """A real Tornado HTTPS server on 127.0.0.1: a plain HTTP request on its port and a
    client refusing its private CA make it log "SSL Error on ..."; explain reads each."""
    pytest.importorskip("tornado")
    chain, key = CA(name="round 26 tornado root").issue(["localhost"]).write(tmp_path)
    script = tmp_path / "srv.py"
    script.write_text(_TORNADO)
    port = free_port()
    log = tmp_path / "tornado.log"
    argv = [sys.executable, str(script), str(port), str(chain), str(key)]
    with logged_process(argv, log) as proc:
        wait_ready("127.0.0.1", port, alive=lambda: proc.poll() is None)
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
            with contextlib.suppress(OSError):
                s.recv(100)
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s, \
                pytest.raises(ssl.SSLCertVerificationError):
            ssl.create_default_context().wrap_socket(s, server_hostname="localhost")
        text = log_until(log, lambda t: "HTTP_REQUEST" in t and "UNKNOWN_CA" in t, 30,
                         alive=lambda: proc.poll() is None)
    lines = [ln for ln in text.splitlines() if "SSL Error on" in ln]
    plain = next(ln for ln in lines if "HTTP_REQUEST" in ln)
    assert any(i.startswith("tornado.up.SSL Error on") for i in _ids(plain))
    assert top(plain) == ("non_tls_service_on_port", 1.0)
    refused = next(ln for ln in lines if "UNKNOWN_CA" in ln)
    assert any(i.startswith("tornado.up.SSL Error on") for i in _ids(refused))
    # the client refused this server's chain (a private root): a ranking, below 0.6
    got, conf = top(refused)
    assert got == "cert_untrusted_root" and conf < 0.6


def test_real_tornado_missing_certfile_is_read(tmp_path: Path) -> None:
    pytest.importorskip("tornado")
    missing = tmp_path / "server.pem"
    proc = subprocess.run(
        [sys.executable, "-c", "import tornado.tcpserver, sys; tornado.tcpserver.TCPServer("
         "ssl_options={'certfile': sys.argv[1]})", str(missing)],
        capture_output=True, text=True, timeout=60)
    last = proc.stderr.strip().splitlines()[-1]
    assert last == f'ValueError: certfile "{missing}" does not exist'
    assert top(last) == ("server_misconfiguration", 1.0)


def test_grpc_go_server_handshake_line_is_a_servers() -> None:
    """grpc-go's server logs a failed handshake as "grpc: Server.Serve failed to create
    ServerTransport: ... ServerHandshake(\\"<client>\\") failed: <error>" since grpc/grpc-go
    c361e9ea (2021-08); before that "Server.Serve failed to complete security handshake"
    (server.go, last at 52cea2453436). Both are a server's own log."""
    new = ('2026/12/07 10:00:00 WARNING: [core] [Server #1] grpc: Server.Serve failed to '
           'create ServerTransport: connection error: desc = "ServerHandshake(\\"192.0.2.7:40000'
           '\\") failed: remote error: tls: bad certificate"')
    old = ("2021/06/01 10:00:00 grpc: Server.Serve failed to complete security handshake from "
           '"192.0.2.7:40000": remote error: tls: bad certificate')
    for text in (new, old):
        assert explain(text).side == "server", text


_RESTIC = shutil.which("restic")


@pytest.mark.skipif(_RESTIC is None, reason="restic not installed (Debian package restic)")
def test_real_restic_output_is_read(tmp_path: Path) -> None:
    """Real restic (Debian's 0.14.0) against a rest: repository on 127.0.0.1: a --cacert
    that does not exist or does not parse stops it with http_transport.go's words (and Go's
    stack trace after them), a private CA it was not given with Go's x509 error."""
    assert _RESTIC is not None
    env = dict(os.environ, RESTIC_PASSWORD="x")

    def run(*args: str) -> str:
        p = subprocess.run([_RESTIC, *args, "snapshots"], capture_output=True, text=True,
                           env=env, timeout=120)
        assert p.returncode != 0
        return p.stderr

    missing = run("-r", "rest:https://127.0.0.1:9/", "--cacert", str(tmp_path / "none.pem"))
    assert missing.startswith("unable to read root certificate: open ")
    assert any(i.startswith("restic.up.unable to read root certificate") for i in _ids(missing))
    assert top(missing) == ("client_misconfiguration", 1.0)
    bad = tmp_path / "bad.pem"
    bad.write_text("not a certificate\n")
    garbled = run("-r", "rest:https://127.0.0.1:9/", "--cacert", str(bad))
    assert garbled.startswith(f'cannot parse root certificate from "{bad}"')
    assert top(garbled) == ("client_misconfiguration", 1.0)
    chain, key = CA(name="round 26 restic root").issue(["localhost"]).write(tmp_path)
    with openssl_server(chain, key, www=True) as srv:
        untrusted = run("-r", f"rest:https://localhost:{srv.port}/")
    assert "x509: certificate signed by unknown authority" in untrusted
    got, conf = top(untrusted)
    assert got == "cert_untrusted_root" and conf < 0.6
