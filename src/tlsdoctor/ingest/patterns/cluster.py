"""Cluster and message-broker daemons' own TLS wording (round 17): etcd (its listener's
"rejected connection" log, its own start-up checks, its peer prober) and etcd's Go client
(etcdctl, kube-apiserver's etcd client), nats-server and the NATS clients, ZooKeeper (its
Netty server's handshake and X.509 checks, ZKTrustManager's host checks, X509Util), and
cqlsh (Cassandra's shell, over the Python driver).

Each program's TLS vocabulary was read from its own source (path and commit in the
provenance of each table). The Go, Java and Python errors these programs quote are read by
their own tables (golang.py, java.py, python.py); a program's wrapper alone is GENERIC. Where
the program's wrapper says WHO printed the quoted text, the pair is read here at the
quoted text's tier or above: etcd's "rejected connection" is its TLS listener (a server's
log), so "remote error: tls: bad certificate" in it is the CLIENT's alert about etcd's
certificate (a Go client sends "bad certificate" for any verification failure: an unknown
CA, a name or address the certificate lacks, an expired certificate), while "tls: client
didn't provide a certificate" in it is etcd refusing the client (--client-cert-auth).
Each meaning names the program's own setting that fixes it (etcd's --trusted-ca-file,
etcdctl's --cacert/--cert/--key, nats-server's tls { } block, zoo.cfg's ssl.*, cqlshrc's
[ssl] certfile); fixes/cluster_text.py gives the step in those settings.
"""

from __future__ import annotations

from dataclasses import replace

from . import CATEGORY, GENERIC, REASON, SPECIFIC, Pattern, table

# The side that accepted a connection, whose client gave up: its own certificate refused
# silently (a non-Go client's close), a version, or not TLS at all.
_ACCEPTED = ("cert_untrusted_root:.3 non_tls_service_on_port:.25 "
             "client_cert_required:.25 protocol_version_mismatch:.2")
# A Go client's "bad certificate" alert about the server's certificate, read in the server's
# log (crypto/tls handshake_client.go verifyServerCertificate sends alertBadCertificate for
# every verification error): its CA missing on the client first, then an address or name the
# certificate does not hold (IP endpoints), then its dates.
_GO_CLIENT_REFUSED = ("cert_untrusted_root:.4 hostname_mismatch:.3 cert_self_signed:.15 "
                      "cert_expired:.15")
_UNKNOWN_CA_SENT = "cert_untrusted_root:.7 cert_self_signed:.15 incomplete_chain:.15"
# This server refused the client's certificate (another CA than its trusted CA file's).
_CLIENT_CERT_REFUSED = "client_cert_required:.85 server_misconfiguration:.15"
_NO_CLIENT_CERT = "client_cert_required:.9 client_misconfiguration:.1"
# The client spoke plain text (http://, no TLS option) to a TLS listener.
_PLAIN_CLIENT = "non_tls_service_on_port:.85 client_misconfiguration:.15"
_OWN_SERVER_FILE = "server_misconfiguration:.95 client_misconfiguration:.05"
_OWN_CLIENT_FILE = "client_misconfiguration:.95 server_misconfiguration:.05"
_OWN_FILE = "server_misconfiguration:.55 client_misconfiguration:.45"
_HANDSHAKE = ("protocol_version_mismatch:.3 cert_untrusted_root:.25 "
              "client_cert_required:.25 middlebox_or_firewall_interference:.2")

# -- etcd: server/embed/config_logging.go (3.5/3.6 zap "rejected connection" / "rejected
# connection on client endpoint"), v3.4.23 embed/config.go (capnslog "rejected connection from
# %q (error %q, ServerName %q)"), client/pkg/transport/listener.go and listener_tls.go (the
# listener's own checks: AllowedCN/AllowedHostname, checkCertSAN, checkCRL), embed/etcd.go.
_ETCD = ("etcd-io/etcd server/embed/config_logging.go, server/embed/etcd.go, "
         "client/pkg/transport/listener.go, client/pkg/transport/listener_tls.go @ "
         "c34dc7ee0048fd2bcc44d50beff002e5e8069b69; embed/config.go, embed/etcd.go @ v3.4.23 "
         "(c8b78319672a0cf5f129f693d6df1bae725c5243)")
# The listener's line up to the quoted Go error: capnslog's `(error "`, zap's JSON
# `"error":"` (after the remote-addr/server-name/ip-addresses fields) or console `"error": "`.
# A zap JSON record reaches the table as its values, one a line ("rejected connection",
# the address, the error; posting.py), read joined with spaces as well (messages.py).
_REJ = (r"\brejected connection(?: on (?:client|peer) endpoint)?(?: from \"[^\"\n]{1,120}\" "
        r"\(error \\?\"|[^\n]{0,600}?[\"\s])")
PATTERNS: tuple[Pattern, ...] = table("etcd", _ETCD, [
    (r"\brejected connection(?: on (?:client|peer) endpoint)?(?: from \"|\"|\t|(?![^\n]))",
     "etcd's TLS listener refused a connection (a client or peer member whose handshake "
     "failed; the Go error follows)", _ACCEPTED, GENERIC),
    (_REJ + r"remote error: tls: bad certificate",
     "etcd: the client (etcdctl, kube-apiserver, another member) refused etcd's own "
     "certificate: a Go client answers \"bad certificate\" to any verification failure: its "
     "CA file (etcdctl --cacert, --etcd-cafile, a member's --peer-trusted-ca-file) lacks "
     "etcd's CA, or etcd's certificate does not name the address or name it dialed (IP "
     "SANs), or it expired", _GO_CLIENT_REFUSED, REASON),
    (_REJ + r"remote error: tls: unknown certificate authority",
     "etcd: the client does not trust etcd's certificate (its CA file lacks etcd's CA)",
     _UNKNOWN_CA_SENT, REASON),
    (_REJ + r"tls: failed to verify client(?:'s)? certificate: ",
     "etcd refused the client's certificate: it is not signed by the CA in etcd's "
     "--trusted-ca-file (--peer-trusted-ca-file on the peer port), or has expired",
     _CLIENT_CERT_REFUSED, REASON),
    (_REJ + r"tls: client didn't provide a certificate",
     "etcd requires a client certificate (--client-cert-auth / --peer-client-cert-auth) and "
     "the client sent none (etcdctl --cert/--key, kube-apiserver --etcd-certfile/keyfile)",
     _NO_CLIENT_CERT, REASON),
    (_REJ + r"tls: first record does not look like a TLS handshake",
     "etcd's TLS listener got plain text: the client uses an http:// endpoint for etcd's "
     "https:// URL", _PLAIN_CLIENT, REASON),
    (_REJ + r"client certificate authentication failed",
     "etcd refused the client's certificate by name: it names none of "
     "--client-cert-allowed-cn / --client-cert-allowed-hostname (peer: "
     "--peer-cert-allowed-cn / --peer-cert-allowed-hostname)",
     "client_cert_required:.55 client_misconfiguration:.45", REASON),
    (_REJ + r"tls: \\?\"[^\"\n]{1,100}\\?\" does not match any of DNSNames\b",
     "etcd: the peer's certificate names (DNS SANs) do not resolve to the address the peer "
     "connected from (etcd checks a peer's certificate against its remote address)",
     "hostname_mismatch:.7 client_cert_required:.3", REASON),
    (_REJ + r"transport: certificate serial [0-9a-f]{1,64} revoked",
     "etcd: the client's certificate is listed in etcd's --client-crl-file",
     "cert_revoked:.95 client_misconfiguration:.05", REASON),
    (r"\bTLS key/cert \(--cert-file, --key-file\) must be provided for client url \S{1,200} "
     r"with HTTPS scheme\b|\bKeyFile and CertFile must both be present\b|\bcannot listen on "
     r"TLS for \S{1,200}: KeyFile and CertFile are not presented\b|\bClientKeyFile and "
     r"ClientCertFile must both be present or both absent\b",
     "etcd cannot serve TLS: an https:// URL without --cert-file and --key-file (peer: "
     "--peer-cert-file/--peer-key-file), or only one of them", _OWN_SERVER_FILE, REASON),
    (r"\bscheme is HTTP while key and cert files are present; ignoring key and cert files\b"
     r"|\bThe scheme of (?:client|peer) url \S{1,200} is HTTP while (?:peer )?key/cert files "
     r"are presented\b",
     "etcd serves plain HTTP on an http:// URL although certificate files are given (clients "
     "using https:// to it fail; make the URL https://)",
     "server_misconfiguration:.55 non_tls_service_on_port:.45", SPECIFIC),
    (r"\bscheme is HTTP while --(?:peer-)?client-cert-auth is enabled\b|\bis HTTP while client "
     r"cert auth \(--(?:peer-)?client-cert-auth\) is enabled\b",
     "etcd ignores client-certificate authentication on an http:// URL", _OWN_SERVER_FILE,
     SPECIFIC),
    (r"\bfailed to get (?:client|peer) self-signed certs\b",
     "etcd could not make its --auto-tls / --peer-auto-tls certificates", _OWN_SERVER_FILE,
     REASON),
    (r"\bignoring (?:client|peer) auto TLS since certs given\b",
     "etcd: --auto-tls/--peer-auto-tls is ignored because certificate files are given "
     "(informational)", "", REASON),
])

# -- etcd as a Go client: client/v3/retry_interceptor.go ("retrying of unary invoker
# failed", logger "etcd-client"), etcdctl's "Error: " (cobrautl.ExitWithError), and etcd's
# peer prober (server/etcdserver/api/rafthttp/probing_status.go, peer_status.go).
_ETCD_CLIENT = ("etcd-io/etcd client/v3/retry_interceptor.go, etcdctl/ctlv3/command/global.go, "
                "server/etcdserver/api/rafthttp/probing_status.go, peer_status.go @ "
                "c34dc7ee0048fd2bcc44d50beff002e5e8069b69; v3.4.23 "
                "etcdserver/api/rafthttp/probing_status.go")
_RETRY = r"\bretrying of unary invoker failed\b[^\n]{0,800}?authentication handshake failed: "
# Round 22, measured: etcdctl 3.4.23 (Debian 12) prints the same bare "all SubConns are in
# TransientFailure" for a refused port, an unresolvable name, an untrusted CA, a certificate
# without the dialed address, no client certificate and a plain-HTTP endpoint, so the name and
# the client certificate are candidates too (their etcdctl rows, cluster.toml, then print).
PATTERNS += table("etcd_client", _ETCD_CLIENT, [
    (r"\bretrying of unary invoker failed\b",
     "etcd's client (etcdctl, or a program's clientv3) could not reach etcd; the gRPC error "
     "follows", "name_resolution_or_unreachable:.3 cert_untrusted_root:.2 "
     "non_tls_service_on_port:.2 hostname_mismatch:.15 client_cert_required:.15", GENERIC),
    (_RETRY + r"(?:tls: failed to verify certificate: )?x509: certificate signed by unknown "
     r"authority",
     "etcd's client does not trust etcd's certificate: give it etcd's CA (etcdctl --cacert, "
     "ETCDCTL_CACERT)", "cert_untrusted_root:.6 cert_self_signed:.25 incomplete_chain:.15",
     REASON),
    (_RETRY + r"(?:tls: failed to verify certificate: )?x509: (?:certificate is valid for "
     r"|cannot validate certificate for \S{1,100} because it doesn't contain any IP SANs)",
     "etcd's certificate does not name the endpoint etcd's client dialed (--endpoints)",
     "hostname_mismatch:.85 client_misconfiguration:.15", REASON),
    (_RETRY + r"(?:tls: failed to verify certificate: )?x509: certificate has expired or is "
     r"not yet valid",
     "etcd's certificate is outside its validity dates (or this client's clock is wrong)",
     "cert_expired:.8 client_clock_wrong:.2", REASON),
    (_RETRY + r"remote error: tls: (?:bad certificate|certificate required)",
     "etcd refused this client's certificate or got none (--client-cert-auth): give etcdctl "
     "--cert/--key signed by etcd's --trusted-ca-file CA",
     "client_cert_required:.85 client_misconfiguration:.15", REASON),
    (_RETRY + r"tls: first record does not look like a TLS handshake",
     "etcd's client used TLS (https:// or --cacert) on an endpoint that serves plain HTTP",
     "non_tls_service_on_port:.85 client_misconfiguration:.15", REASON),
    (r"\bprober detected unhealthy status\b[^\n]{0,400}\"remote-peer-id\"|\bhealth check for "
     r"peer [0-9a-f]{1,20} could not connect: ",
     "etcd's peer prober (this member as a client of a peer) could not reach the peer; the "
     "error follows", "name_resolution_or_unreachable:.4 cert_untrusted_root:.3 "
     "hostname_mismatch:.3", GENERIC),
    (r"\bpeer became inactive \(message send to peer failed\)|\bfailed to (?:dial|write|read) "
     r"[0-9a-f]{1,20} on (?:stream \w{1,20}|pipeline) \(",
     "etcd could not send to a peer member (its peer TLS settings or the network); the "
     "error follows", "name_resolution_or_unreachable:.4 cert_untrusted_root:.3 "
     "hostname_mismatch:.3", GENERIC),
    (r"\bempty string is passed to --(?:cert|key|cacert) option\b",
     "etcdctl: --cert/--key/--cacert given an empty path", _OWN_CLIENT_FILE, REASON),
])

# -- nats-server: server/client.go (doTLSHandshake: "TLS handshake error: %v%s", "TLS %s
# handshake error"; the client's "%s - cid:%d - " prefix), server/server.go (tlsTimeout,
# "Secure Connection - TLS Required"), server/errors.go (ErrCertNotPinned), server/opts.go
# (the tls { } block's files), server/leafnode.go.
_NATS_SERVER = ("nats-io/nats-server server/client.go, server/server.go, server/errors.go, "
                "server/opts.go, server/leafnode.go @ 1787eee035cf0253c201fa0f05afad92b6f296dc")
_NCLI = r"\bcid:\d{1,12} - TLS handshake error: "
PATTERNS += table("nats_server", _NATS_SERVER, [
    (_NCLI, "nats-server: a client's TLS handshake failed; the Go error follows",
     _ACCEPTED, GENERIC),
    (_NCLI + r"remote error: tls: bad certificate",
     "nats-server: the client refused the server's certificate (a Go client such as nats.go "
     "or the nats CLI sends \"bad certificate\" for any verification failure): its CA "
     "(--tlsca, tls://) lacks the server's CA, or the certificate lacks the name dialed",
     _GO_CLIENT_REFUSED, REASON),
    (_NCLI + r"remote error: tls: unknown certificate authority",
     "nats-server: the client does not trust the server's certificate (its CA file)",
     _UNKNOWN_CA_SENT, REASON),
    (_NCLI + r"tls: client didn't provide a certificate",
     "nats-server requires a client certificate (tls { verify: true }) and the client sent "
     "none (nats --tlscert/--tlskey, nats.ClientCert)", _NO_CLIENT_CERT, REASON),
    (_NCLI + r"tls: failed to verify (?:client(?:'s)? )?certificate: ",
     "nats-server refused the client's certificate: not signed by the tls { ca_file } CA",
     _CLIENT_CERT_REFUSED, REASON),
    (_NCLI + r"tls: first record does not look like a TLS handshake",
     "nats-server's TLS port got plain text: the client did not use TLS (nats:// without "
     "TLS options to a server with a tls { } block)", _PLAIN_CLIENT, REASON),
    (_NCLI + r"certificate not pinned\b",
     "nats-server: the client's certificate is not in tls { pinned_certs }",
     "client_cert_required:.55 server_misconfiguration:.45", REASON),
    (r"\bTLS (?:route|gateway|leafnode|websocket|mqtt) handshake error: ",
     "nats-server: a route, gateway or leaf node TLS handshake failed; the Go error follows",
     _HANDSHAKE, GENERIC),
    (r"\b[cl]id:\d{1,12} - TLS handshake timeout\b",
     "nats-server: a client connected but never completed a TLS handshake (a plain-text "
     "client, or TLS-first mismatch: handshake_first)",
     "client_misconfiguration:.45 non_tls_service_on_port:.3 "
     "middlebox_or_firewall_interference:.25", SPECIFIC),
    (r"\bmissing '(?:key_file|cert_file)' in TLS configuration\b|\berror parsing X509 "
     r"certificate/key pair(?: \d{1,3}/\d{1,3})?: |\bfailed to parse root ca certificate\b"
     r"|\bTLS Server (?:certificate|private key) must be present and valid\b",
     "nats-server cannot use its tls { } block's files (cert_file, key_file, ca_file: path, "
     "format, a key that is not the certificate's)", _OWN_SERVER_FILE, REASON),
    (r"\bTLS configuration mismatch: Hub requires TLS but leafnode remote is not configured "
     r"for TLS\b",
     "nats-server: the hub's leafnode port requires TLS and this remote has no tls { }",
     _OWN_CLIENT_FILE, REASON),
])

# -- NATS clients: nats.go (nats.go ErrSecureConnRequired, ErrSecureConnWanted, the server's
# -ERR 'Secure Connection - TLS Required'); the nats CLI prints them after "nats: error: ".
_NATS = ("nats-io/nats.go nats.go @ 850f889cf3d63bfd1a549ab9af59f0145146fb41; "
         "nats-io/nats-server server/server.go @ 1787eee035cf0253c201fa0f05afad92b6f296dc")
PATTERNS += table("nats", _NATS, [
    (r"\bnats: secure connection required\b|'Secure Connection - TLS Required'",
     "NATS: the server requires TLS and this client did not use it: connect with tls:// or "
     "give the client its TLS options (nats --tlsca, nats.RootCAs)", _OWN_CLIENT_FILE, REASON),
    (r"\bnats: secure connection not available\b",
     "NATS: this client requires TLS (tls://, nats.Secure) but the server has no tls { } "
     "block", "non_tls_service_on_port:.7 client_misconfiguration:.3", REASON),
    (r"\bnats: (?:error: )?(?:tls: |x509: )",
     "a NATS client's TLS handshake failed; the Go error follows",
     _HANDSHAKE, GENERIC),
])

# -- ZooKeeper: zookeeper-server/.../server/NettyServerCnxnFactory.java (CertificateVerifier:
# "Unsuccessful handshake with session 0x%x", "Authentication failed for session 0x%x"),
# server/auth/X509AuthenticationProvider.java, common/ZKTrustManager.java (host checks),
# common/X509Util.java (key and trust managers), ClientCnxnSocketNetty.java.
_ZK = ("apache/zookeeper zookeeper-server/src/main/java/org/apache/zookeeper/server/"
       "NettyServerCnxnFactory.java, server/auth/X509AuthenticationProvider.java, "
       "common/ZKTrustManager.java, common/X509Util.java, ClientCnxnSocketNetty.java @ "
       "53a78e36f99602162643303ab330377fc383b41f")
_ZK_HOST = "hostname_mismatch:.8 client_misconfiguration:.2"
PATTERNS += table("zookeeper", _ZK, [
    (r"\bUnsuccessful handshake with session 0x[0-9a-f]{1,16}\b",
     "ZooKeeper's TLS port (secureClientPort) could not complete a client's handshake: the "
     "client refused the server's certificate, sent none or another CA's, or spoke plain "
     "text (the exception logged before it says which)", _ACCEPTED, CATEGORY),
    (r"\bAuthentication failed for session 0x[0-9a-f]{1,16}\b",
     "ZooKeeper's x509 authentication refused the client's certificate (the server's "
     "ssl.trustStore does not trust it)",
     "client_cert_required:.55 server_misconfiguration:.45", SPECIFIC),
    (r"\bFailed to trust certificate\b",
     "ZooKeeper (X509AuthenticationProvider) does not trust the client's certificate: its "
     "CA is not in the server's ssl.trustStore.location", _CLIENT_CERT_REFUSED, REASON),
    (r"\bNo certificate chain available to authenticate\b",
     "ZooKeeper: the client presented no certificate for x509 authentication (give the "
     "client zookeeper.ssl.keyStore.location)", _NO_CLIENT_CERT, REASON),
    (r"\bFailed to verify (?:both host address and host name|host address, and reverse "
     r"lookup is disabled|host address: \S{1,100}|hostname: \S{1,200})",
     "ZooKeeper (ZKTrustManager) checked the peer's certificate against the peer's address "
     "and name and neither matched (ssl.hostnameVerification; the server checks a client's "
     "certificate against the client's address too)", _ZK_HOST, REASON),
    (r"\b(?:zookeeper\.)?ssl(?:\.quorum)?\.keyStore\.location not specified for "
     r"X509KeyManager\b",
     "ZooKeeper has no key store (ssl.keyStore.location / ssl.quorum.keyStore.location): "
     "without one a TLS server cannot answer and a client has no certificate", _OWN_FILE,
     SPECIFIC),
    (r"\b(?:zookeeper\.)?ssl(?:\.quorum)?\.trustStore\.location not specified for "
     r"X509TrustManager\b",
     "ZooKeeper has no trust store (ssl.trustStore.location): the JDK's default CAs are "
     "used, which do not hold a private CA", _OWN_FILE, SPECIFIC),
    (r"\bError creating SSL context and options\b|\bFailed to create (?:TrustManager|"
     r"KeyManager)\b|\bCouldn't find X509(?:Key|Trust)Manager\b",
     "ZooKeeper cannot load its key or trust store (ssl.keyStore.* / ssl.trustStore.*: "
     "path, type, password)", _OWN_FILE, REASON),
    (r"\bClientCnxnSocketNetty\b[^\n]{0,200}\bUnexpected throwable\b",
     "ZooKeeper's client (Netty) failed on its connection; the exception follows",
     _HANDSHAKE, GENERIC),
])

# -- cqlsh: pylib/cqlshlib/sslhandling.py (the [ssl] section's checks), bin/cqlsh.py
# ("Connection error: %s" around the Python driver's NoHostAvailable, whose text is
# "('Unable to connect to any servers', {'host:port': <exception>})").
_CQLSH = ("apache/cassandra pylib/cqlshlib/sslhandling.py, bin/cqlsh.py @ "
          "05886eafd4223ff032c5f83cb2451060246a2382")
PATTERNS += table("cqlsh", _CQLSH, [
    (r"\bConnection error: \('Unable to connect to any servers', \{",
     "cqlsh could not connect to any node; the driver's error per node follows",
     "name_resolution_or_unreachable:.4 non_tls_service_on_port:.3 cert_untrusted_root:.3",
     GENERIC),
    (r"\bConnection error: \('Unable to connect to any servers', \{[^\n]{0,300}"
     r"ConnectionShutdown\(['\"]Connection to \S{1,100} was closed['\"]\)",
     "cqlsh: the node closed the connection at once: a node whose native port requires TLS "
     "(client_encryption_options enabled, optional: false) and cqlsh without --ssl",
     "client_misconfiguration:.5 non_tls_service_on_port:.25 client_cert_required:.25",
     SPECIFIC),
    (r"\bValidation is enabled; SSL transport factory requires a valid certfile to be "
     r"specified\b",
     "cqlsh --ssl validates the node's certificate but has no CA file: set certfile in "
     "cqlshrc's [ssl] section (or SSL_CERTFILE)", _OWN_CLIENT_FILE, REASON),
])

# -- Apache ActiveMQ Artemis: artemis-server's ActiveMQServerLogger (AMQ222208 "SSL handshake
# failed for client from {}: {}." with the JSSE exception's message, AMQ222300, AMQ224059/60,
# AMQ221053) and artemis-core-client's ActiveMQClientLogger (AMQ214016, the JSSE exception
# after it). An acceptor with verifyHost=true checks the CLIENT's certificate against the
# client's address (JSSE's "No subject alternative names matching IP address ... found").
_ARTEMIS = ("apache/activemq-artemis artemis-server/src/main/java/org/apache/activemq/artemis/"
            "core/server/ActiveMQServerLogger.java @ d1b0e5aaec2fbe0f9441005dd7748e68bb6333a2; "
            "artemis-core-client/src/main/java/org/apache/activemq/artemis/core/client/"
            "ActiveMQClientLogger.java @ 8a912ed209d7c952994908ad5df3ea22ebfa844e")
_AMQ_SSL = r"\b(?:AMQ222208: )?SSL handshake failed for client from \S{1,200}: "
PATTERNS += table("artemis", _ARTEMIS, [
    (_AMQ_SSL, "Artemis: a client's TLS handshake on an SSL acceptor failed; the JSSE reason "
     "follows", _ACCEPTED, GENERIC),
    (_AMQ_SSL + r"(?:javax\.net\.ssl\.SSLHandshakeException: )?Empty client certificate chain",
     "Artemis: the acceptor requires a client certificate (needClientAuth=true) and the "
     "client sent none (its keyStorePath)", _NO_CLIENT_CERT, REASON),
    (_AMQ_SSL + r"(?:javax\.net\.ssl\.SSLHandshakeException: )?PKIX path building failed",
     "Artemis refused the client's certificate: its CA is not in the acceptor's "
     "trustStorePath", _CLIENT_CERT_REFUSED, REASON),
    (_AMQ_SSL + r"(?:[\w.]{1,60}Exception: )?No (?:subject alternative names matching IP "
     r"address \S{1,60}|(?:subject alternative DNS )?name matching \S{1,200}) found",
     "Artemis (acceptor verifyHost=true) checked the client's certificate against the "
     "client's address and it does not name it: add the address to the client's "
     "certificate, or set verifyHost=false on the acceptor",
     "hostname_mismatch:.7 client_cert_required:.3", REASON),
    (_AMQ_SSL + r"(?:javax\.net\.ssl\.SSLHandshakeException: )?Received fatal alert: "
     r"(?:certificate_unknown|bad_certificate|unknown_ca)",
     "Artemis: the client refused the broker's certificate (the client's trustStorePath or "
     "its JDK's cacerts lacks the broker's CA, or the certificate lacks the host it dialed "
     "with verifyHost)", "cert_untrusted_root:.45 hostname_mismatch:.3 cert_self_signed:.25",
     REASON),
    (_AMQ_SSL + r"(?:javax\.net\.ssl\.SSLException: )?Unsupported or unrecognized SSL message",
     "Artemis: a client spoke plain text to an SSL acceptor (tcp:// without sslEnabled=true "
     "on the client's connector URL)", _PLAIN_CLIENT, REASON),
    (r"\b(?:AMQ222300: )?Getting SSL handler failed when serving client from \S{1,200}: ",
     "Artemis could not set up TLS for a client on an SSL acceptor (its keyStorePath, "
     "keyStorePassword or protocols)",
     "server_misconfiguration:.55 protocol_version_mismatch:.25 cipher_suite_mismatch:.2",
     SPECIFIC),
    (r"\b(?:AMQ224059: )?Invalid cipher suite specified\. Supported cipher suites are: "
     r"|\b(?:AMQ224060: )?Invalid protocol specified\. Supported protocols are: ",
     "Artemis: an acceptor's enabledCipherSuites or enabledProtocols names one the JDK does "
     "not support", _OWN_SERVER_FILE, REASON),
    (r"\b(?:AMQ221053: )?Disallowing use of vulnerable protocol '[^'\n]{1,20}' on acceptor ",
     "Artemis disables SSLv3 on an acceptor (POODLE): informational; clients that only speak "
     "it fail", "", REASON),
    (r"\bAMQ214016: Failed to create netty connection\b",
     "an Artemis client could not connect to the broker; the exception follows",
     _HANDSHAKE, GENERIC),
])


# A bare TCP connect that closed before any TLS (a load balancer's or kubelet's TCP health
# check, a port probe; the real etcd and nats-server in tests/ingest/
# test_round17_cluster_real.py log the labs' own readiness connects so): understood, no
# fault. Read as a server's own no-fault reading (server_causes (); the causes are only a
# client's reading, which these server lines never get), so the generic readings
# of the same line (the wrapper's, "EOF" elsewhere) are not given a cause (messages.py
# _server_silenced).
_PROBES = table("etcd", _ETCD, [
    (_REJ + r"(?<!unexpected )EOF\b(?! occurred)",
     "etcd: a client connected and closed before any TLS handshake (a TCP health check or "
     "port probe); no fault by itself", _ACCEPTED, REASON),
]) + table("nats_server", _NATS_SERVER, [
    (_NCLI + r"EOF$",
     "nats-server: a client connected and closed before any TLS handshake (a TCP health "
     "check or port probe); no fault by itself", _ACCEPTED, REASON),
])
PATTERNS += tuple(replace(p, server_causes=(), id=f"{p.source}.probe") for p in _PROBES)


# ingress-nginx (kubernetes/ingress-nginx internal/net/ssl/ssl.go CreateSSLCert @
# ca3f2561a70c911b19809d0d078abf6708d8cc64): it checks a TLS secret with Go's
# tls.X509KeyPair, which compares the key with the FIRST certificate of the PEM only, and
# wraps the error as "certificate and private key does not have a matching public key: %v".
# Its own docs (docs/user-guide/tls.md) give the chain order as the usual reason: a full chain
# pasted intermediate first. So the pair, or its order in the secret; the server's either way.
_INGRESS_NGINX = ("kubernetes/ingress-nginx internal/net/ssl/ssl.go CreateSSLCert @ "
                  "ca3f2561a70c911b19809d0d078abf6708d8cc64; docs/user-guide/tls.md")
PATTERNS += table("ingress_nginx", _INGRESS_NGINX, [
    (r"\bcertificate and private key does not have a matching public key\b",
     "ingress-nginx refused a TLS secret: its key does not match the first certificate of "
     "tls.crt (another key, or a chain whose leaf is not first)",
     "server_misconfiguration:.55 bad_chain_order_or_extra:.45", REASON),
], side="server")
