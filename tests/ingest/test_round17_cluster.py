"""Round 17: cluster and broker daemons' own TLS wording (patterns/cluster.py), each fed as
the program prints it (etcd's capnslog line of v3.4 and its zap JSON records of v3.5 and
v3.6, nats-server's "cid:N -" prefix, ZooKeeper's log4j layout, cqlsh's exit line), with the
cause, the side that printed it and the band (confident >= 0.6 or ranked below) it must get.
Every row of the table is exercised by at least one printed form; the programs' ordinary
lines stay unrecognised. Sources and commits: the provenance of each table."""

from __future__ import annotations

import json

import pytest

from tlsdoctor.api import explain
from tlsdoctor.ingest.patterns import cluster

C, S, U = "client", "server", "unknown"
HI, LO = "confident", "ranked"


def _etcd_forms(error: str) -> list[str]:
    """etcd's listener line for ``error`` as v3.4 (capnslog), v3.5 and v3.6 (zap) print it
    (v3.4.23 embed/config.go logTLSHandshakeFailure; server/embed/config_logging.go)."""
    rec = {"level": "warn", "ts": "2024-03-01T10:00:00.000Z",
           "caller": "embed/config_logging.go:169", "msg": "rejected connection",
           "remote-addr": "10.0.0.7:45678", "server-name": "", "error": error}
    v36 = {**rec, "msg": "rejected connection on client endpoint", "ip-addresses": [],
           "dns-names": ["etcd-client"]}
    return [f'2024-03-01 10:00:00.000000 I | embed: rejected connection from "10.0.0.7:45678" '
            f'(error {json.dumps(error)}, ServerName "")', json.dumps(rec), json.dumps(v36)]


def _retry(error: str) -> str:
    """clientv3's retry interceptor record (client/v3/retry_interceptor.go) for ``error``."""
    return json.dumps({
        "level": "warn", "ts": "2024-03-01T10:00:00.000Z", "logger": "etcd-client",
        "caller": "v3/retry_interceptor.go:62", "msg": "retrying of unary invoker failed",
        "target": "etcd-endpoints://0xc000370000/10.0.0.5:2379", "attempt": 0,
        "error": "rpc error: code = DeadlineExceeded desc = latest balancer error: last "
                 "connection error: connection error: desc = \"transport: authentication "
                 f"handshake failed: {error}\""})


NATS = "[1] 2024/03/01 10:00:00.000000 [ERR] 10.0.0.7:51234 - cid:5 - "
ZK = "2024-03-01 10:00:00,000 [myid:1] - ERROR [{}] - "
AMQ = ("2024-03-01 10:00:00,000 WARN  [org.apache.activemq.artemis.core.server] AMQ222208: SSL "
       "handshake failed for client from /10.0.0.7:51234: ")
ETCD_LISTENER = [
    ("remote error: tls: bad certificate", "cert_untrusted_root", LO),
    ("remote error: tls: unknown certificate authority", "cert_untrusted_root", HI),
    ("tls: failed to verify client certificate: x509: certificate signed by unknown "
     "authority", "client_cert_required", HI),
    ("tls: client didn't provide a certificate", "client_cert_required", HI),
    ("tls: first record does not look like a TLS handshake", "non_tls_service_on_port", HI),
    ("client certificate authentication failed", "client_cert_required", LO),
    ('tls: "10.0.0.7" does not match any of DNSNames ["etcd-2.example"]',
     "hostname_mismatch", HI),
    ("transport: certificate serial 1f revoked", "cert_revoked", HI),
    ("EOF", "", LO),  # a bare TCP connect (a health check): understood, no fault
]

# (printed text, source, top cause, side, band)
CASES: list[tuple[str, str, str, str, str]] = [
    *[(form, "etcd", cause, S, band) for error, cause, band in ETCD_LISTENER
      for form in _etcd_forms(error)],
    ("2024-03-01 10:00:00.000000 C | etcdmain: TLS key/cert (--cert-file, --key-file) must "
     "be provided for client url https://10.0.0.5:2379 with HTTPS scheme", "etcd",
     "server_misconfiguration", S, HI),
    ("etcdmain: cannot listen on TLS for 10.0.0.5:2379: KeyFile and CertFile are not "
     "presented", "etcd", "server_misconfiguration", S, HI),
    # round 22: ingress-nginx's check of a TLS secret (internal/net/ssl/ssl.go CreateSSLCert)
    ("W1012 09:15:45.920000       6 backend_ssl.go:46] Error obtaining X.509 certificate: "
     "unexpected error creating SSL Cert: certificate and private key does not have a "
     "matching public key", "ingress_nginx", "server_misconfiguration", U, LO),
    ('{"level":"warn","ts":"2024-03-01T10:00:00.000Z","caller":"embed/etcd.go:625","msg":'
     '"scheme is HTTP while key and cert files are present; ignoring key and cert files",'
     '"client-url":"http://10.0.0.5:2379"}', "etcd", "server_misconfiguration", S, LO),
    ("2024-03-01 10:00:00.000000 W | embed: The scheme of client url http://10.0.0.5:2379 is "
     "HTTP while peer key/cert files are presented. Ignored key/cert files.", "etcd",
     "server_misconfiguration", S, LO),
    ("2024-03-01 10:00:00.000000 W | embed: The scheme of peer url http://10.0.0.5:2380 is "
     "HTTP while client cert auth (--peer-client-cert-auth) is enabled. Ignored client cert "
     "auth for this url.", "etcd", "server_misconfiguration", S, HI),
    ('{"level":"fatal","msg":"failed to get client self-signed certs","error":"open '
     '/var/lib/etcd/fixtures/client/cert.pem: permission denied"}', "etcd",
     "server_misconfiguration", S, HI),
    ('{"level":"warn","msg":"ignoring client auto TLS since certs given"}', "etcd", "", S, LO),
    # etcd's Go client: clientv3 (etcdctl, kube-apiserver's storage) and the peer prober
    # (a private address: the trust context ranks a self-signed etcd, --auto-tls, first)
    (_retry("x509: certificate signed by unknown authority"), "etcd_client",
     "cert_self_signed", C, LO),
    (_retry("x509: certificate is valid for etcd-0.example, not 10.0.0.5"), "etcd_client",
     "hostname_mismatch", C, HI),
    (_retry("x509: cannot validate certificate for 10.0.0.5 because it doesn't contain any IP "
            "SANs"), "etcd_client", "hostname_mismatch", C, HI),
    # (the times printed decide here: the clock reading of Go's words, source "go")
    (_retry("x509: certificate has expired or is not yet valid: current time "
            "2024-03-01T10:00:00Z is after 2024-02-01T00:00:00Z"), "go",
     "cert_expired", C, HI),
    (_retry("remote error: tls: bad certificate"), "etcd_client", "client_cert_required", C, HI),
    (_retry("tls: first record does not look like a TLS handshake"), "etcd_client",
     "non_tls_service_on_port", C, HI),
    (json.dumps({"level": "warn", "logger": "etcd-client", "msg": "retrying of unary invoker "
                 "failed", "error": "rpc error: code = DeadlineExceeded desc = latest balancer "
                 "error: all SubConns are in TransientFailure"}), "etcd_client",
     "name_resolution_or_unreachable", C, LO),
    ('{"level":"warn","ts":"2024-03-01T10:00:00.000Z","caller":"rafthttp/probing_status.go:70",'
     '"msg":"prober detected unhealthy status","round-tripper-name":"ROUND_TRIPPER_SNAPSHOT",'
     '"remote-peer-id":"8e9e05c52164694d","rtt":"0s","error":"x509: certificate is valid for '
     '10.0.0.6, not 10.0.0.7"}', "go", "hostname_mismatch", C, HI),
    ("2024-03-01 10:00:00.000000 W | rafthttp: health check for peer 8e9e05c52164694d could "
     "not connect: dial tcp 10.0.0.7:2380: connect: connection refused", "etcd_client",
     "name_resolution_or_unreachable", C, HI),
    ("2024-03-01 10:00:00.000000 E | rafthttp: failed to dial 8e9e05c52164694d on stream "
     "MsgApp v2 (x509: certificate signed by unknown authority)", "go",
     "cert_untrusted_root", C, LO),
    ('{"level":"warn","msg":"peer became inactive (message send to peer failed)","peer-id":'
     '"8e9e05c52164694d","error":"failed to dial 8e9e05c52164694d on stream Message (remote '
     'error: tls: bad certificate)"}', "etcd_client", "client_cert_required", C, HI),
    ("Error: empty string is passed to --cacert option", "etcd_client",
     "client_misconfiguration", C, HI),
    # nats-server (server/client.go, server.go, opts.go, leafnode.go)
    (NATS + "TLS handshake error: remote error: tls: bad certificate", "nats_server",
     "cert_untrusted_root", S, LO),
    (NATS + "TLS handshake error: remote error: tls: unknown certificate authority",
     "nats_server", "cert_untrusted_root", S, HI),
    (NATS + "TLS handshake error: tls: client didn't provide a certificate", "nats_server",
     "client_cert_required", S, HI),
    (NATS + "TLS handshake error: tls: failed to verify client certificate: x509: "
     "certificate signed by unknown authority", "nats_server", "client_cert_required", S, HI),
    (NATS + "TLS handshake error: tls: first record does not look like a TLS handshake",
     "nats_server", "non_tls_service_on_port", S, HI),
    (NATS + "TLS handshake error: EOF", "nats_server", "", S, LO),
    (NATS + "TLS handshake error: certificate not pinned", "nats_server",
     "client_cert_required", S, LO),
    ("[1] 2024/03/01 10:00:00.000000 [ERR] 10.0.0.8:6222 - rid:7 - TLS route handshake error: "
     "remote error: tls: bad certificate", "nats_server", "hostname_mismatch", S, LO),
    ("[1] 2024/03/01 10:00:00.000000 [ERR] 10.0.0.7:51234 - cid:9 - TLS handshake timeout",
     "nats_server", "client_misconfiguration", S, LO),
    ("nats-server: /etc/nats/nats.conf:3:2: error parsing X509 certificate/key pair: open "
     "/etc/nats/server.key: no such file or directory", "nats_server",
     "server_misconfiguration", S, HI),
    ("nats-server: missing 'cert_file' in TLS configuration", "nats_server",
     "server_misconfiguration", S, HI),
    ("[1] 2024/03/01 10:00:00.000000 [ERR] 10.0.0.1:7422 - lid:3 - TLS configuration mismatch: "
     "Hub requires TLS but leafnode remote is not configured for TLS. When using a proxy, "
     "ensure TLS leafnode configuration matches the Hub requirements.", "nats_server",
     "client_misconfiguration", S, HI),
    # NATS clients (nats.go, the nats CLI)
    ("nats: error: nats: secure connection required", "nats", "client_misconfiguration", C, HI),
    ("nats: secure connection not available", "nats", "non_tls_service_on_port", C, HI),
    ("nats: error: tls: failed to verify certificate: x509: certificate signed by unknown "
     "authority", "go", "cert_untrusted_root", C, LO),
    ("nats: error: x509: certificate is valid for nats.internal, not 10.0.0.5", "go",
     "hostname_mismatch", C, HI),
    # ZooKeeper (NettyServerCnxnFactory, X509AuthenticationProvider, ZKTrustManager, X509Util)
    (ZK.format("nioEventLoopGroup-4-1:NettyServerCnxnFactory$CertificateVerifier@468")
     + "Unsuccessful handshake with session 0x0", "zookeeper", "cert_untrusted_root", S, LO),
    (ZK.format("nioEventLoopGroup-4-1:NettyServerCnxnFactory$CertificateVerifier@456")
     + "Authentication failed for session 0x0", "zookeeper", "client_cert_required", S, LO),
    (ZK.format("nioEventLoopGroup-4-1:X509AuthenticationProvider@228") + "Failed to trust "
     "certificate", "zookeeper", "client_cert_required", S, HI),
    (ZK.format("nioEventLoopGroup-4-1:X509AuthenticationProvider@214") + "No certificate chain "
     "available to authenticate", "zookeeper", "client_cert_required", S, HI),
    (ZK.format("nioEventLoopGroup-4-1:ZKTrustManager@210") + "Failed to verify host address: "
     "10.0.0.7", "zookeeper", "hostname_mismatch", U, HI),
    (ZK.format("nioEventLoopGroup-4-1:ZKTrustManager@211") + "Failed to verify hostname: "
     "client-7.example", "zookeeper", "hostname_mismatch", U, HI),
    ("java.security.cert.CertificateException: Failed to verify both host address and host "
     "name", "zookeeper", "hostname_mismatch", U, HI),
    (ZK.format("main:X509Util@483") + "zookeeper.ssl.keyStore.location not specified for "
     "X509KeyManager", "zookeeper", "server_misconfiguration", U, LO),
    (ZK.format("main:X509Util@530") + "ssl.quorum.trustStore.location not specified for "
     "X509TrustManager", "zookeeper", "server_misconfiguration", U, LO),
    (ZK.format("main:X509Util@355") + "Error creating SSL context and options",
     "zookeeper", "server_misconfiguration", U, LO),
    (ZK.format("nioEventLoopGroup-2-1:ClientCnxnSocketNetty$ZKClientHandler@520") + "Unexpected "
     "throwable", "zookeeper", "protocol_version_mismatch", C, LO),
    # Apache ActiveMQ Artemis (ActiveMQServerLogger, ActiveMQClientLogger)
    (AMQ + "Empty client certificate chain.", "artemis", "client_cert_required", S, HI),
    (AMQ + "javax.net.ssl.SSLHandshakeException: PKIX path building failed: "
     "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid "
     "certification path to requested target.", "artemis", "client_cert_required", S, HI),
    ("2024-03-01 10:00:00,000 WARN  [org.apache.activemq.artemis.core.server] AMQ222208: SSL "
     "handshake failed for client from /10.244.2.5:59102: java.security.cert."
     "CertificateException: No subject alternative names matching IP address 10.244.2.5 "
     "found.", "artemis", "hostname_mismatch", S, HI),
    (AMQ + "Received fatal alert: certificate_unknown.", "artemis", "cert_untrusted_root", S,
     LO),
    (AMQ + "Unsupported or unrecognized SSL message.", "artemis", "non_tls_service_on_port", S,
     HI),
    # (JSSE's own reason, read by the Java table, on the acceptor's line)
    (AMQ + "no cipher suites in common.", "java", "cipher_suite_mismatch", S, LO),
    ("2024-03-01 10:00:00,000 WARN  [org.apache.activemq.artemis.core.server] AMQ222300: "
     "Getting SSL handler failed when serving client from /10.0.0.7:51234: null.", "artemis",
     "server_misconfiguration", S, LO),
    ("2024-03-01 10:00:00,000 ERROR [org.apache.activemq.artemis.core.server] AMQ224060: Invalid "
     "protocol specified. Supported protocols are: TLSv1.3,TLSv1.2", "artemis",
     "server_misconfiguration", S, HI),
    ("2024-03-01 10:00:00,000 ERROR [org.apache.activemq.artemis.core.server] AMQ224059: Invalid "
     "cipher suite specified. Supported cipher suites are: TLS_AES_128_GCM_SHA256", "artemis",
     "server_misconfiguration", S, HI),
    ("2024-03-01 10:00:00,000 INFO  [org.apache.activemq.artemis.core.server] AMQ221053: "
     "Disallowing use of vulnerable protocol 'SSLv3' on acceptor 'netty-ssl-acceptor'.",
     "artemis", "", S, LO),
    ("2024-03-01 10:00:00,000 ERROR [org.apache.activemq.artemis.core.client] AMQ214016: Failed "
     "to create netty connection\njavax.net.ssl.SSLHandshakeException: No name matching "
     "broker.internal found", "java", "hostname_mismatch", C, HI),
    ("2024-03-01 10:00:00,000 ERROR [org.apache.activemq.artemis.core.client] AMQ214016: Failed "
     "to create netty connection", "artemis", "protocol_version_mismatch", C, LO),
    # cqlsh (bin/cqlsh.py, pylib/cqlshlib/sslhandling.py) over the Python driver
    ("Connection error: ('Unable to connect to any servers', {'10.0.0.5:9042': "
     "ConnectionShutdown('Connection to 10.0.0.5:9042 was closed')})", "cqlsh",
     "client_misconfiguration", C, LO),
    ("Connection error: ('Unable to connect to any servers', {'10.0.0.5:9042': "
     "OperationTimedOut('errors=Timed out creating connection (5 seconds), last_host=None')})",
     "cqlsh", "name_resolution_or_unreachable", C, LO),
    ("Validation is enabled; SSL transport factory requires a valid certfile to be specified. "
     "Please provide path to the certfile in [ssl] section as 'certfile' option in "
     "/root/.cassandra/cqlshrc (or use [certfiles] section) or set SSL_CERTFILE environment "
     "variable.", "cqlsh", "client_misconfiguration", C, HI),
]

# The programs' ordinary lines and generic words that must stay unrecognised.
NEGATIVES = [
    "rejected",
    "connection rejected",
    '2024-03-01 10:00:00.000000 I | embed: ready to serve client requests',
    '{"level":"info","msg":"serving client traffic securely","address":"127.0.0.1:2379"}',
    "2024-03-01 10:00:00.000000 I | embed: ClientTLS: cert = /etc/etcd/server.crt, key = "
    "/etc/etcd/server.key, trusted-ca = /etc/etcd/ca.crt, client-cert-auth = true, crl-file = ",
    "[1] 2024/03/01 10:00:00.000000 [INF] TLS required for client connections",
    "[1] 2024/03/01 10:00:00.000000 [INF] Server is ready",
    ZK.format("main:QuorumPeer@2194") + "Using TLS encrypted quorum communication",
    "Error: context deadline exceeded",
    "2024-03-01 10:00:00,000 INFO  [org.apache.activemq.artemis.core.server] AMQ221020: Started "
    "EPOLL Acceptor at 0.0.0.0:61617 for protocols [CORE,MQTT,AMQP,STOMP,HORNETQ,OPENWIRE]",
]


@pytest.mark.parametrize(("text", "source", "cause", "side", "band"), CASES,
                         ids=[f"{i}-{c[1]}" for i, c in enumerate(CASES)])
def test_cluster_printed_form(text: str, source: str, cause: str, side: str, band: str) -> None:
    r = explain(text)
    assert r.recognized, text
    assert r.source == source, (r.source, r.meaning)
    assert r.side == side
    if not cause:  # understood, no fault
        assert not r.findings or all(f.confidence < 0.6 for f in r.findings)
        return
    top = r.root_cause
    assert top is not None and top.cause.value == cause, [
        (f.cause.value, f.confidence) for f in r.findings]
    assert (top.confidence >= 0.6) == (band == HI), top.confidence


@pytest.mark.parametrize("text", NEGATIVES)
def test_ordinary_lines_stay_unrecognised(text: str) -> None:
    r = explain(text)
    assert not r.recognized, r.meaning


def test_every_cluster_row_has_a_printed_form() -> None:
    """Each row of the table matches at least one form above, joined as explain reads a
    JSON record (its values, one a line)."""
    from tlsdoctor.ingest.posting import unwrap
    texts = [unwrap(c[0]) for c in CASES]
    texts += [t.replace("\n", " ") for t in texts]
    missing = [p.id for p in cluster.PATTERNS if not any(p.regex.search(t) for t in texts)]
    assert not missing, missing


def test_a_bare_tcp_connect_names_no_fault() -> None:
    """etcd's and nats-server's log of a connect closed before any TLS (a health check):
    no cause, not the wrapper's generic ranking (zap's JSON form keeps that: its values reach
    the table on separate lines)."""
    for text in (_etcd_forms("EOF")[0], NATS + "TLS handshake error: EOF"):
        r = explain(text)
        assert r.recognized and r.side == "server" and not r.findings, text
    r = explain(_etcd_forms("unexpected EOF")[0])
    assert r.findings and r.findings[0].confidence < 0.6


def test_a_refused_daemon_certificate_is_the_clients_to_fix() -> None:
    """etcd's log of a client's "bad certificate" alert: the client lacks etcd's CA (its to
    fix), or the certificate lacks the address dialed (either end)."""
    r = explain(_etcd_forms("remote error: tls: bad certificate")[0])
    parties = {f.cause.value: f.who_fixes.value for f in r.findings}
    assert parties["cert_untrusted_root"] == "client"
    assert parties["hostname_mismatch"] == "either"
    assert any(s.applies_to == "etcd" and "--cacert" in s.code for s in r.findings[0].fix)


def test_etcd_target_is_not_read_as_the_server() -> None:
    """clientv3's target "etcd-endpoints://0x<pointer>/host:port": the host is after the
    pointer, and the fix line dials it."""
    r = explain(_retry("x509: certificate signed by unknown authority"))
    steps = [s for f in r.findings for s in f.fix if s.applies_to == "etcdctl"]
    assert steps and all("0xc000370000" not in s.code for s in steps)
    assert any("https://10.0.0.5:2379" in s.code for s in steps)
