"""Which side of the handshake printed a text: a server's log or a client's error.

It decides what a received alert means: on a client, "alert unknown ca" is the server
rejecting the client's certificate; in a server's log, it is the client rejecting the
server's chain. The words that say so are the program's own framing, not the TLS error:
the function that failed (``SSL_accept`` vs ``SSL_connect``, OpenSSL's state-machine
function names), the log line a server writes around it, or the stack frames of a JSSE
handshake. When none does, the sources decide: a server product's wording is a server's
log unless it says it was acting as a client (nginx to an upstream, Postfix's smtp).

Round 12 ("who printed it", docs/explain-upstream.md): after those *strong* words, generic
framing any program may print: a client names where it connected to (a URL, "connect to
host:port", "with the server"), a server's log where the connection came from ("from
ip:port" with the client's own port, "client ip", "peer ip:port"), that it accepted it or
that it came in ("accept", "incoming"), or its listener. Generic words of both sides
together say nothing (None). A peer's address on a service port (443, 8443, 5432...) is the
server's address, which a client prints too: only a port no service listens on is a
client's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .patterns import SERVER_SOURCES
from .program_words import STUNNEL_CLIENT_READ, named_program, program_side
from .server_log import is_server_log

# Tables of programs that are only ever a TLS client (a browser's page, curl's and wget's
# own words, Android's HTTP stacks): a text they matched is a client's output. Pattern ids
# count too ("firefox.up...": Firefox's pages are reported under NSS's source).
# Round 16: Db2's SQL30081N (returned to the client application) and the Oracle JDBC thin
# driver's and python-oracledb's own checks, and UTL_HTTP (the database as an HTTPS client).
# Round 16: HexChat and ZNC (to an IRC server), VLC's client, systemd-resolved's and
# getdns's (Stubby's) DNS-over-TLS, libsoup's status phrases and flatpak's fetcher are a
# client's words (patterns/desktop16.py); wpa_supplicant and iwd, the 802.1X supplicants.
# Round 17: Mono's System.Net, Unity's UnityTls/UnityWebRequest, the *arr programs' own
# certificate lines (patterns/mono17.py).
# Round 17: NRPE's plugin check_nrpe, the Proxmox Backup client and NSClient++'s clients.
CLIENT_SOURCES = frozenset({"curl", "wget", "chrome", "firefox", "android", "android_nsc", "db2",
                            "oracle_jdbc", "oracledb", "oracle_utl_http", "wpa_supplicant",
                            "iwd", "hexchat", "znc", "vlc", "resolved", "libsoup", "getdns",
                            "flatpak", "mono", "unity", "servarr", "check_nrpe", "pbs",
                            "nscp_client",
                            # round 17 (patterns/cluster.py): etcd's Go client (etcdctl,
                            # clientv3, a member's peer prober), NATS clients, cqlsh
                            "etcd_client", "nats", "cqlsh",
                            # Round 17: command-line download and version-control clients
                            # (patterns/tools17.py); socat is either and says which itself.
                            "subversion", "serf", "neon", "mercurial", "aria2", "w3m",
                            # Round 17: the FileZilla client and WinSCP (patterns/ftp17.py)
                            "filezilla", "winscp", "lftp_ftps",
                            # Round 17: VPN and remote-desktop clients (patterns/remote17.py)
                            "openconnect", "freerdp", "tigervnc", "libvnc", "guacd",
                            # Round 17: the AWS Common Runtime's clients (patterns/embedded17.py)
                            "aws_c_io", "s2n", "aws_c_mqtt",
                            # Round 18: lychee, the link checker (patterns/wild18.py)
                            "lychee",
                            # Round 21: clients of the client matrix (patterns/clients21.py)
                            "lynx", "undici", "aiohttp",
                            # Round 24: Qt's TLS loader, OpenLDAP's tools (patterns/harvest24.py)
                            "qt_tls", "ldap_tools", "outlook_mail", "firefox_addons",
                            # Round 25: clients harvested (patterns/harvest25.py)
                            "librdkafka", "busybox", "sqlclient", "mssql_jdbc", "rubygems",
                            "ansible", "apk", "composer", "grpc_core",
                            # Round 26: clients harvested (patterns/harvest26.py)
                            "ktor_tls", "restic", "containers_image", "prometheus_common",
                            # Round 20: libldap's context lines (patterns/openldap.py) are
                            # a client's (ldapsearch, SSSD, PHP's ldap) unless slapd's own
                            # framing says otherwise (_SERVER, checked first): a FreeRADIUS
                            # row ("tls: %s: Error in %s") must not make "TLS: could not use
                            # CA certificate: ASN1 parser: Error in DER parsing." a server's.
                            "openldap"})

# A server (or a server product acting as a client) says it was the client here.
_KAM_LISTING = r"(?<!ksr_tls_fill_missing\(\): )(?<!set_verification\(\): )"
_CLIENT = re.compile("|".join((
    r"to upstream",                      # nginx proxying: ngx_http_upstream.c
    # wpa_supplicant's (the 802.1X supplicant's) own control events, src/common/wpa_ctrl.h
    r"\bCTRL-EVENT-EAP-(?:TLS-CERT-ERROR|PEER-CERT|PEER-ALT|METHOD|STATUS)\b",
    r"\bhandshaking to (?:fetch|http) target\b",  # njs's ngx.fetch (ngx_js_http.c)
    r"SSL_connect(?:\(\))? (?:error|failed)",  # Postfix smtp, Dovecot, stunnel clients
    r"\bSSL_connect returned=\d",               # Ruby's OpenSSL::SSL::SSLSocket#connect
    # round 27: owntracks' recorder, an MQTT client (owntracks/recorder @ ae2fd296caf8
    # recorder.c "connecting to MQTT on %s:%d as clientID %s %s %s")
    r"\bconnecting to MQTT on \S{1,260} as clientID\b",
    r"\bsmtp\[\d|\bpostfix(?:/[\w-]{1,30})?/smtp: ",  # Postfix's SMTP client (not smtpd)
    r"\bCONNECTED\(0",                   # openssl s_client
    r"\bTLS: can't connect: |\bldap_start_tls(?:_s)?: ",  # libldap's client (tls2.c)
    r"\bVerify return code:",            # openssl s_client
    # OpenSSL state machine, client side (ssl/statem/statem_clnt.c; 1.0.2 s3_clnt.c)
    r"\b(?:tls_process_server_(?:hello|certificate|done)|tls_post_process_server_certificate"
    r"|tls_process_ske_\w+|tls_process_key_exchange|ssl3_get_server_(?:hello|certificate)"
    r"|ssl3_get_key_exchange|tls_construct_client_hello)\b",
    # ...and its source file, which OpenSSL 3 prints where the function name is gone
    # ("SSL routines::certificate verify failed:../ssl/statem/statem_clnt.c:1889"), as does
    # stunnel's "SSL_connect: ../ssl/statem/statem_clnt.c:..." line
    r"\bstatem_clnt\.c\b|\bs3_clnt\.c\b|\bSSL_connect: ",
    STUNNEL_CLIENT_READ,
    # LibreSSL names the handshake state where OpenSSL names the function (ssl/ssl_err.c:
    # "CONNECT_CR_SRVR_HELLO", "CONNECT_CW_CLNT_HELLO"... a client's; ACCEPT_S* a server's)
    r"\bSSL routines:CONNECT_C[RW]_[A-Z_]{3,30}:",
    r"\bClientHandshakeContext\b|\bClientHandshaker\b",  # JSSE client frames
    # JSSE checking the *server's* chain (sun/security/ssl/CertificateMessage.java
    # checkServerCerts and its "Empty server certificate chain", X509TrustManagerImpl.
    # checkServerTrusted; JDK 17 and 25)
    r"\bcheckServerCerts\b|\bcheckServerTrusted\b|\bEmpty server certificate chain\b",
    r"Consuming ServerHello handshake message",           # JSSE debug, client
    # Windows Schannel's System-log events name this machine's role in their own words
    # (the provider manifest, patterns/windows_net.py): its client credential (36867
    # "Creating a TLS client credential.", 36870-36872), a handshake it made as a client
    # (36880), the server's certificate it checked (36876, 36881-36884) or a server that
    # asked it for one (36875), suites it lacks to initiate (36873).
    r"\b(?:TLS|SSL|DTLS) client (?:credential|handshake completed)\b",
    r"\bThe certificate received from the remote server\b"
    r"|\bThe remote server has requested (?:TLS|SSL) client authentication\b"
    r"|\bNo supported cipher suites were found when initiating\b",
    r"\bcurl: \(\d+\)",                                    # curl's exit line
    # socat's OPENSSL: address, its connect and its check of the host it connected to
    r"\bsocat\[\d{1,10}\] [EWNI] (?:SSL_connect\(\)|certificate is valid but its commonName)",
    # curl -v's record trace (lib/vtls/openssl.c ossl_trace: "TLSv1.3 (OUT), TLS alert, ...")
    r"\((?:IN|OUT)\), TLS (?:alert|handshake|header|change cipher)",
    r"\bfatal: unable to access '",                        # git (http.c: die "unable to access")
    # Android's Conscrypt, under apps' client connections ("Read error: ssl=0x...: Failure in
    # SSL library, usually a protocol error": common/src/jni/main/include/conscrypt/errors.h
    # throwSSLExceptionWithSslErrors "%s: ssl=%p: %s", google/conscrypt); round 15
    r"\b(?:SSL handshake (?:aborted|terminated)|Read error|Write error): ssl=0x[0-9a-fA-F]{4,16}: ",
    r"\b(?:Get|Post|Put|Head|Delete) \"https?://",         # Go net/http client errors
    r"\bHTTPSConnectionPool\b|\burllib3\b|requests\.exceptions",
    # Round 24: nassl, sslyze's OpenSSL wrapper, is only ever the client (nabla-c0d3/nassl
    # @ b08d317e6fee: nassl/ssl_client.py's BaseSslClient and legacy_ssl_client.py's
    # LegacySslClient are its connection classes, and _nassl/nassl_SSL.c exposes
    # SSL_set_connect_state, no accept state; its C module raises nassl._nassl.OpenSSLError).
    r"\bnassl[/.]ssl_client\b|\bnassl\._nassl\.OpenSSLError\b",
    r"\bopenssl s_client\b",                               # the command line, pasted
    r"\bconnection to server (?:at|on) \"",                 # libpq (psql...) client prefix
    # Zabbix's outgoing connection (src/libs/zbxcomms/comms.c) and Envoy's upstream reset
    # reason (it connected to the upstream as a client)
    r"\bcannot establish TLS to \[\[|\bupstream connect error or disconnect/reset\b",
    # Node's client frames (lib/_tls_wrap.js tls.connect, lib/https.js Agent)
    r"\bObject\.connect \((?:node:)?_tls_wrap|\bcreateConnection \((?:node:)?https"
    r"|\bonConnectSecure\b",
    # Database clients: the mysql/mariadb command line (client/mysql.cc put_error),
    # redis-cli (src/redis-cli.c), Kafka's producer/consumer/admin loggers, the mongo
    # shell's connect failure and the Node driver's error classes.
    r"\bERROR 20\d\d \((?:HY000|08S01)\)",
    r"\bCould not connect to Redis at\b",
    r"\[(?:Producer|Consumer|AdminClient|Admin) clientId=",
    r"\bconnection attempt failed: SSLHandshakeFailed\b|\bMongo(?:ServerSelection|Network)Error\b",
    # Erlang/OTP ssl_alert.erl own_alert_txt/alert_txt: "TLS client: In state ..." (Elixir
    # inspects the role as an atom: "TLS :client: In state :certify")
    r"\bTLS :?client: In state\b",
    r"\bAuthenticateAsClient\b",                          # .NET SslStream
    # JDK and Java HTTP clients' frames (sun.net.www.protocol.https.HttpsClient,
    # java.net.http's jdk.internal.net.http, OkHttp, Apache HttpClient 4/5)
    r"\bsun\.net\.www\.protocol\.https\b|\bHttpsURLConnection\b|\bjdk\.internal\.net\.http\b"
    r"|\bokhttp3\.|\borg\.apache\.http\.(?:impl\.)?conn\b|\borg\.apache\.hc\.client5\b",
    r"<urlopen error|\bHTTPSConnection\b",                 # Python urllib / http.client
    # grpc-go's client (internal/transport/http2_client.go @ 4793ad047466)
    r"\btransport: authentication handshake failed\b",
    r"\bOpenSSL SSL_(?:read|write|connect): ",             # curl lib/vtls/openssl.c failf
    # Round 16, daemons by direction (patterns/daemons.py has each source): Sendmail's
    # STARTTLS as a client and its tls_server ruleset (run on the server it delivers to);
    # OpenSMTPD's outgoing side ("smtp-out", "mta"); Kamailio's tls_err_ret "TLS connect:" and
    # tls_server.c's "tls_connect:"; couriertls's connect; Prosody's and ejabberd's outgoing
    # s2s streams; rsyslog's OpenSSL driver to a "remote syslog server 'host:port'" (nsd_ossl.c);
    # SSSD's LDAP client; CUPS's client messages (cups/tls-darwin.c); Fluent Bit's handshake
    # verdict (its outputs connect; inputs verify client certificates only with tls.verify).
    r"\bSTARTTLS=client\b|\bruleset=tls_server\b",
    r"\bsmtp-out: Error on session\b|\bmta (?:error|closing) reason=|\bmta cert-check result=",
    # Kamailio's domains ("TLSc<addr>: "), not in the listing of both profiles every start
    # prints (ksr_tls_fill_missing, set_verification: round 18, a server's whole log read
    # as a client's).
    r"\bTLS connect:|\btls_connect: |" + _KAM_LISTING + r"\bTLSc<[^>\n]{0,200}>: ",
    r"\bcouriertls: connect: ",
    r"\bError from dst bufferevent: ",  # sslsplit's connection to the server (pxyconn.c)
    r"\bOutgoing s2s stream\b|\bs2sout[0-9a-f]{4,16}\b|\bFailed to establish outbound s2s\b"
    r"|\bClosing outbound s2s connection\b|\bFailed outbound s2s\b",
    r"\bTLS session terminated with remote syslog server '[^'\n]{1,200}:\d{1,5}'"
    r"|\baction '[^'\n]{0,80}omfwd' suspended\b|\bomfwd: remote server at\b"
    r"|\bError in 'osslHandshakeCheck Client'",
    r"\bCould not start TLS(?: encryption)?\.|\bldap_(?:install|start)_tls failed\b",
    r"\bUnable to establish a secure connection to host\b",
    # syslog-ng's destination side (modules/afsocket/afsocket-dest.c)
    r"\bSyslog connection (?:established|broken); fd='\d{1,9}', server='",
    r"\[tls\] certificate verification failed, reason: ",
    # Round 17: NRPE's plugin (its status line, its syslog ident), Icinga 2's connecting
    # node (apilistener.cpp conninfo "to [ip]:port"; pki/CLI requests to a parent)
    r"\bCHECK_NRPE(?: STATE \w+)?: |\bcheck_nrpe\[\d",
    # Round 28 (holdout40): a monitoring check's status line ("<NAME> <STATUS>: <message>",
    # mackerelio/checkers @ 0defe956b15bd580d2f8dbaca7a8b426cafae0da checkers.go
    # Checker.String, the Nagios plugin convention) with a TLS error after it: the check
    # dialled the server it watches (mackerelio/go-check-plugins @ 140c11c1109f
    # check-ssl-cert/lib/check-ssl-cert.go getCert: tls.Dial), so it is the client.
    r"(?-i:^[A-Z][A-Z0-9_-]{0,30} (?:CRITICAL|WARNING|UNKNOWN): )(?=[^\n]{0,40}?"
    r"(?:remote error: |local error: |x509: |tls: ))",
    r"\bTLS handshake failed \(to \[|\bNew client connection for identity '[^'\n]{0,200}' to \["
    r"|\bwhile connecting to endpoint '|\bCertificate validation failed for endpoint '",
    # Round 17 (patterns/cluster.py): ZooKeeper's client connection classes
    r"\bClientCnxnSocketNetty\b|\bClientCnxn\$SendThread\b",
    # etcd as a client of its peers (rafthttp probing_status.go, peer_status.go)
    r"\bprober detected unhealthy status\b|\bhealth check for peer [0-9a-f]{1,20} could not "
    r"connect\b|\bfailed to dial [0-9a-f]{1,20} on (?:stream|pipeline)\b",
    # an Artemis client's connector (ActiveMQClientLogger AMQ214016)
    r"\bAMQ214016: Failed to create netty connection\b",
    # Round 17, FTP clients: FileZilla's and WinSCP's message log ("Command:\tAUTH TLS",
    # "Response:\t522 ..."), curl -v's FTP lines ("> AUTH TLS", "< 234 ..."), lftp's
    # "---> AUTH TLS" / "<--- 234 ..." debug lines: the client's view of the dialogue.
    r"\b(?:Command|Response):\s{1,12}(?:AUTH|PBSZ|PROT|USER|PASS|PASV|EPSV|LIST|MLSD|RETR|"
    r"STOR|\d{3}[ -])|^[<>] (?:AUTH TLS|PBSZ|PROT P|\d{3}[ -])|^(?:--->|<---) ",
    # ...and an FTP reply about TLS on a line of its own: what a client shows of it (a
    # server's log prefixes its lines)
    r"^[1-5]\d\d[ -](?=[^\n]{0,200}\b(?:TLS|SSL|data connection|encryption|PROT|PBSZ|AUTH)\b)",
    # lftp's verdict on the server's certificate (src/lftp_ssl.cc: "Certificate
    # verification: ..." after its "Fatal error: " or "WARNING: ")
    r"\b(?:Fatal error|WARNING): Certificate verification: ",
    r"\bftplib\.error_(?:perm|temp|reply|proto)\b",          # Python's FTP client
    # Round 17: the AWS Common Runtime's clients (aws-c-http's and aws-c-mqtt's log
    # subjects, aws-crt-python's and aws-crt-java's exceptions)
    r"\[(?:http-connection|mqtt-client|mqtt5-client|S3Client)\] - |\bClient connection "
    r"failed with error \d|\bAwsCrtError\b|\bCrtRuntimeException\b",
    # Botan 2.x's CLI client prints its check of the server's chain (src/cli/tls_client.cpp)
    r"\bCertificate validation status: ",
    # libwebsockets' TLS client: its verify callback's line, its reason to the application
    # and the callback name programs print it under (lib/tls/openssl/openssl-client.c)
    r"\(preverify_ok=\d;err=\d{1,3};|\bserver's cert didn't look good\b"
    r"|\bHostname mismatch details: Expected=|\bCLIENT_CONNECTION_ERROR\b",
    # Round 18: trojan's client, forward and NAT sessions name the remote server they
    # connect to (src/session/clientsession.cpp: "SSL handshake failed with <host>:<port>: ")
    r"\] \S{1,60}:\d{1,5} SSL handshake failed with \S{1,255}:\d{1,5}: ",
)), re.IGNORECASE | re.MULTILINE)

# Words only a server's log has.
_SERVER = re.compile("|".join((
    r"\bTLS handshake error from\b",     # Go net/http server (net/http/server.go)
    r"could not accept SSL connection",  # PostgreSQL backend (be-secure-openssl.c)
    # PostgreSQL backend: auth.c (clientcert) and postmaster.c ProcessStartupPacket
    r"\bFATAL:  connection requires a valid client certificate|\binvalid length of startup packet",
    r"\bSSL_accept\b",                   # stunnel, Dovecot, Postfix smtpd, Exim, s_server
    r"\bsmtpd\[\d|\b(?:imap|pop3|submission)-login:",  # Postfix smtpd, Dovecot logins
    # OpenSSL state machine, server side (ssl/statem/statem_srvr.c; 1.0.2 s3_srvr.c)
    r"\b(?:tls_(?:early_)?(?:post_)?process_client_(?:hello|certificate|key_exchange)"
    r"|ssl3_get_client_(?:hello|certificate|key_exchange)|tls_construct_server_hello)\b",
    r"\bstatem_srvr\.c\b|\bs3_srvr\.c\b",  # its source file (OpenSSL 3 prints it)
    r"\bSSL routines:ACCEPT_S[RW]_[A-Z_]{3,30}:",  # LibreSSL's state (ssl/ssl_err.c)
    # JSSE server frames and javax.net.debug lines
    r"\bServerHandshakeContext\b|\bServerHandshaker\b|\bSSLServerSocketImpl\b",
    # ...and checking the *client's* (CertificateMessage checkClientCerts,
    # X509TrustManagerImpl.checkClientTrusted)
    r"\bcheckClientCerts\b|\bcheckClientTrusted\b|\bEmpty client certificate chain\b",
    r"Consuming ClientHello handshake message|ClientHello\$ClientHelloConsumer",
    r"\btlsClientError\b",               # Node tls.Server event
    # Round 17: the NRPE daemon's syslog ident (check_nrpe's is a client cue) and its own
    # allowed_hosts refusal; Icinga 2's accepting node ("from [ip]:port", HEAD's "Server")
    r"(?<![\w-])nrpe\[\d{1,9}\]: |\bis not allowed to talk to us!",
    r"\bpveproxy\[\d{1,9}\]: problem with client ",  # Proxmox VE's proxy (AnyEvent.pm)
    r"\bTLS handshake failed \(from \[|\bServer TLS handshake failed \(",
    # An accepting listener's own lines: Mosquitto's broker (src/loop.c "Socket error on
    # client %s, disconnecting.", src/net.c / handle_connect.c "New connection from %s on
    # port %d."); only the side that accepted a connection logs where it came from.
    r"\bNew connection from \S{1,80} on port \d{1,5}\b",
    r"\bSocket error on client \S{1,80}, disconnecting\b",
    r"^ACCEPT$",                         # openssl s_server, once it listens
    # Database servers' own logs: Redis's line prefix ("pid:role date level", server.c
    # serverLogRaw) and its accept failures (networking.c); the MySQL/MariaDB error log's
    # prefix ("2026-11-24 10:00:00 5 [Warning]", MySQL 8's "...Z 0 [ERROR] [MY-...]");
    # a Kafka broker's SocketServer; an Elasticsearch node's security transports; mongod's
    # ingress checks and its structured log's incoming-connection context ("ctx":"conn12").
    r"^\d{1,7}:[MSCX] \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d\.\d{3} [.*#-] ",
    r"\bError accepting a client connection\b",
    r"^\d{4}-\d\d-\d\d[ T] ?\d{1,2}:\d\d:\d\d(?:\.\d{1,6})?Z? \d{1,12} "
    r"\[(?:ERROR|Warning|Note|System)\]",
    r"\[SocketServer (?:listenerType|brokerId|nodeId)=",
    r"\bSecurityNetty4(?:Http)?(?:Server)?Transport\b|\bclosing connection Netty4(?:Http|Tcp)Channel\b",
    r"\bclient did not trust this server's certificate\b|\breceived plaintext (?:http )?traffic on an",
    r"\bNo SSL certificate provided by peer; connection rejected\b"
    r"|\bSSL handshake received but server is started without SSL support\b"
    r"|\bThe server is configured to only allow SSL connections\b|\"ctx\":\"conn\d{1,12}\"",
    # Squid accepting a client's TLS (4.x src/client_side.cc; 6.x "Cannot accept a TLS
    # connection") and Zabbix's listeners (server, proxy, agent: "failed to accept an
    # incoming connection")
    r"\bError negotiating SSL connection on FD\b|\bCannot accept a TLS connection\b",
    r"\bfailed to accept an incoming connection\b",
    # openssl s_server: a failed accept prints "ERROR" alone, then the error queue
    # (apps/s_server.c init_ssl_connection; s_client prints no such line)
    r"^ERROR\n[0-9A-F]{6,16}:error:",
    r"\bTLS :?server: In state\b",                        # Erlang/OTP ssl_alert.erl
    # Round 27 (holdout36): Murmur, Mumble's server, logs a connecting user's certificate
    # errors it does not tolerate as "<session:name(id)> SSL Error: <QSslError>" after its
    # server number (src/murmur/Server.cpp Server::sslError, Server::log: "%d => %s",
    # mumble-voip/mumble @ 3616998b7859cb25a77439042bfbce77a65c7d1c): the client's certificate
    r"=> <\d{1,9}:[^<>\n]{0,80}\(-?\d{1,9}\)> SSL Error: ",
    # sslsplit's client-facing connection (pxyconn.c "Error from %s bufferevent", src/dst)
    r"\bError from src bufferevent: ",
    r"\bAuthenticateAsServer\b",                          # .NET SslStream
    # Windows Schannel's events as a server: its server credential (36867, 36870-36872), a
    # handshake it accepted (36880), a client's hello or certificate it judged (36874,
    # 36877), its default credential and client-CA list (36886, 36885)
    r"\b(?:TLS|SSL|DTLS) server (?:credential|handshake completed)\b",
    r"\bconnection request was received from a remote client application\b"
    r"|\bThe certificate received from the remote client application\b"
    r"|\bNo suitable default server credential exists\b"
    r"|\bWhen asking for client authentication, this server sends\b",
    # grpc-go's server: server.go's wording up to grpc/grpc-go @ 52cea2453436 (2021-08-18),
    # then internal/transport/http2_server.go's "ServerHandshake(%q) failed: %v" (grpc/grpc-go
    # @ 4793ad047466), logged after "grpc: Server.Serve failed to create ServerTransport: "
    r"\bServer\.Serve failed to complete security handshake\b"
    r"|\bServerHandshake\(\\?\"[^\"\n]{1,80}\"\) failed: ",
    # Python's ssl.SSLSocket.accept() frame: the handshake of an accepted connection
    r"\bssl\.py\", line \d{1,5}, in accept\b",
    # Round 16, daemons by direction (patterns/daemons.py): Sendmail's STARTTLS as a server
    # and its tls_client ruleset; OpenSMTPD's incoming "smtp" session; Kamailio's "TLS
    # accept:" / "tls_accept:"; couriertls's accept; Prosody's and ejabberd's incoming s2s;
    # rsyslog's listener (tcpsrv.c, nsd_gtls.c/nsd_ossl.c "remote client", "between syslog
    # client ... and server"); cupsd's "Unable to encrypt connection" (scheduler/client.c).
    r"\bSTARTTLS=server\b|\bruleset=tls_client\b",
    r"\bsmtp disconnected reason=",
    r"\bTLS accept:|\btls_accept: |" + _KAM_LISTING + r"\bTLSs<[^>\n]{0,200}>: ",
    r"\bcouriertls: accept: ",
    r"\bIncoming s2s stream\b|\bs2sin[0-9a-f]{4,16}\b|\bFailed to secure inbound s2s\b"
    r"|\bClosing inbound s2s connection\b",
    r"\bTLS session terminated with remote client '|\bbetween syslog client '[^'\n]{1,200}' and "
    r"server\b|\bnetstream session \S{1,40} from \S{1,200} will be closed due to error\b"
    r"|\btcpsrv listener \(inputname: '|\bError in 'osslHandshakeCheck Server'",
    r"\bUnable to encrypt connection(?: from \S{1,200} -|:) ",
    # syslog-ng's source side (modules/afsocket/afsocket-source.c)
    r"\bSyslog connection (?:accepted|closed); fd='\d{1,9}', client='|\bAccepting connections; "
    r"addr='",
    # Round 17 (patterns/cluster.py): ZooKeeper's Netty server (NettyServerCnxnFactory's
    # CertificateVerifier, X509AuthenticationProvider)
    r"\bUnsuccessful handshake with session 0x|\bAuthentication failed for session 0x"
    r"|\bNettyServerCnxnFactory\b|\bX509AuthenticationProvider\b",
    # etcd's TLS listener (server/embed/config_logging.go; v3.4 embed/config.go): capnslog's
    # line, zap's message alone on its line once a JSON record is unwrapped (posting.py)
    r"\bembed: rejected connection from \"|^rejected connection(?: on (?:client|peer) "
    r"endpoint)?$|\brejected connection on (?:client|peer) endpoint\b"
    r"|\bTLS key/cert \(--cert-file, --key-file\) must be provided for client url\b"
    r"|\bscheme is HTTP while\b|\bThe scheme of (?:client|peer) url \S{1,200} is HTTP while\b",
    # nats-server's accepted client connections ("%s - cid:%d - " prefix, server/client.go)
    r" - cid:\d{1,12} - TLS handshake (?:error|timeout)\b",
    # Apache ActiveMQ Artemis's acceptors (ActiveMQServerLogger AMQ222208, AMQ222300)
    r"\bAMQ222208: |\bSSL handshake failed for client from\b|\bAMQ222300: "
    r"|\bAMQ22(?:1053|4059|4060): ",
    # Round 17, FTP servers' own logs: ProFTPD's TLSLog ("mod_tls/2.9.2[4242]: "), vsftpd's
    # log ("[pid 4242] [user] FAIL LOGIN", its debug lines 'DEBUG: Client "ip"'),
    # Pure-FTPd's syslog ("pure-ftpd: (?@ip) [ERROR]"), FileZilla Server's session lines.
    r"\bmod_tls/\d\.\d{1,2}(?:\.\d{1,2})?(?:rc\d)?\[\d{1,9}\]: |\bunable to accept TLS connection: ",
    r"\[pid \d{1,9}\] (?:\[[^\]\n]{0,64}\] )?(?:FAIL|OK|DEBUG|CONNECT|FTP (?:response|command))"
    r"(?::| )",
    r"\bpure-ftpd: \([^)\n]{0,100}@[^)\n]{1,100}\) \[(?:ERROR|WARNING|INFO|NOTICE|DEBUG)\]",
    r"\bFTP Session \d{1,12} [0-9A-Fa-f.:\[\]]{3,45} ",
    # Round 17: lighttpd's error log names the TLS module's file and line before each line
    # (log.c); lighttpd is a server (its mod_openssl.c ... mod_nss.c)
    r"\(mod_(?:openssl|gnutls|mbedtls|wolfssl|nss)\.c\.\d{1,5}\) ",
    # hitch's connection line (src/logging.c logproxy): time, pid, the client's address,
    # the listening port, the two descriptors
    r"^\d{8}T\d{6}\.\d{6} \[ {0,5}\d{1,7}\] \S{1,60}:\d{1,5} :\d{1,5} -?\d{1,7}:-?\d{1,7} ",
    # Round 18: trojan's server session (src/session/serversession.cpp), after its log
    # prefix (src/core/log.cpp: time, level, the connecting client's address)
    r"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] \[(?:ALL|INFO|WARN|ERROR|FATAL)\] "
    r"(?:\S{1,60}:\d{1,5} )?SSL handshake failed: ",
    # Round 19: slapd's own log: its syslog tag, its start-up failure (servers/slapd/main.c
    # "main: TLS init def ctx failed"), its cn=config attributes (olcTLSCipherSuite...), and
    # libldap's accept, which only a server runs (libraries/libldap/tls2.c "TLS: can't accept")
    r"\bslapd\[\d{1,9}\]: |\bmain: TLS init def ctx failed\b|\bolcTLS[A-Za-z]{2,30}\b"
    r"|\bTLS: can't accept: ",
)), re.IGNORECASE | re.MULTILINE)

# gnutls-serv (src/serv.c): "Error in handshake: " and gnutls_strerror()'s sentence, which
# starts with a capital and ends with a full stop. Case-sensitive: GnuTLS's examples and
# other clients print "error in handshake: ..." of their own.
_GNUTLS_SERV = re.compile(r"^Error in handshake: [A-Z][^\n]{5,120}\.$", re.MULTILINE)


# OpenSSL's verify callback lines (apps/lib/s_cb.c verify_callback: "depth=%d ",
# "verify error:num=%d:%s", "verify return:%d"). s_client prints them about the *server's*
# chain; s_server prints the same lines only when it verifies client certificates
# (-verify/-Verify), and then its log also has server words ("ACCEPT"), checked first.
_VERIFY_CALLBACK = re.compile(r"^[ \t]*(?:depth=\d{1,2} |verify error:num=\d|verify return:\d)",
                              re.IGNORECASE | re.MULTILINE)


# -- generic framing (round 12) -----------------------------------------------------------

_IP = r"(?:\d{1,3}\.){3}\d{1,3}|\[[0-9A-Fa-f:.]{2,45}\]|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}"
# An address and port as programs print them: "1.2.3.4:5678", "[::1]:5678", Python's
# "('1.2.3.4', 5678)", "1.2.3.4 port 5678".
_ADDR = rf"[\"'(/]{{0,2}}(?:{_IP})[\"']?(?::|, | port )(?P<port>\d{{1,5}})\b"
# Ports services listen on: an address with one of these is a server's (which a client
# prints too, "connect to 1.2.3.4:443"); any other is a client's own port.
_SERVICE_PORTS = frozenset({1433, 1521, 1883, 2376, 2379, 2380, 3306, 4222, 4443, 5061, 5223,
                            5432, 5671, 5672, 5986, 6379, 6443, 6514, 8080, 8443, 8883, 9000,
                            9092, 9093, 9200, 9300, 9443, 10250, 11211, 27017})
_FROM_CLIENT = re.compile(rf"\b(?P<word>from|peer|remote)(?:[ _-]?(?:address|addr|ip|host))?"
                          rf"[=: ]{{1,2}}{_ADDR}", re.IGNORECASE)
# "peer" and "remote" are what a client calls the server too: only a port in the ephemeral
# range (Linux 32768-60999, Windows and BSD 49152-65535) is a client's own there, where no
# server listens (Kubernetes' NodePorts end at 32767).
_EPHEMERAL = 32768
_SERVER_GENERIC = re.compile("|".join((
    r"\bclient[=: ]{1,2}[\"'(/\[]{0,2}(?:(?:\d{1,3}\.){3}\d{1,3}|\[?[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})",
    r"\bincoming (?:TLS |SSL |TCP |client |new )?(?:connection|request|handshake|client)s?\b",
    r"\b(?:TLS|SSL)[ _-]?accept(?:\(\))?(?: error| failed|\b)",
    r"\baccept(?:ing|ed)? (?:a |an |the )?(?:new |incoming |client |TLS |SSL |TCP )*connection",
    r"\b(?:error|failed|failure)(?: while| on| in| to| during)? accept(?:ing)?\b",
    r"\baccept(?:\(\))? (?:error|failed)\b",
    r", in \w{0,20}accept\w{0,20}$",                        # a Python frame: def accept...
    r"\blisten(?:er|erType|erName)\b",
    # Round 20: the mirror of a client's "with/from the server": a program that read from or
    # shook hands with "the client" is the server (Reqable's engine: '"Read from client":
    # tlsv1 alert unknown ca', "Handshaking with client"); not a client's own certificate,
    # nor a library's sentence about both peers (mbedTLS: "no ciphersuites in common with
    # the client"), so only after reading, a handshake or a connection.
    r"\b(?:read(?:ing)?|receiv(?:e|ed|ing)|handshak(?:e|ing)|connection) (?:with|from) "
    r"(?:the )?(?:remote |TLS |SSL |HTTPS? )?client\b"
    r"(?![ _-]?(?:cert|certificate|key|auth|authentication|id|side|library|lib)\b)",
)), re.IGNORECASE | re.MULTILINE)
_CLIENT_GENERIC = re.compile("|".join((
    # where it connected to (not rsyslog's own help link: "[v8.x try https://www.rsyslog.com/e/N ]")
    r"\bhttps?://(?!www\.rsyslog\.com/e/)[A-Za-z0-9\[]",
    r"\b(?:connect|connecting|connected|connection) to (?!(?:the |a )?client\b)"
    r"(?:the |a )?(?:server|host|remote|node|\S{1,80}?:\d{1,5}\b)",
    r"\b(?:with|from|by) (?:the )?(?:remote |TLS |SSL |HTTPS? )?server\b",
    r"\bdial(?:ing)? tcp\b",                                 # Go's net.Dial
)), re.IGNORECASE)


def _client_port(text: str) -> bool:
    """An address with a client's own port after "from", "peer" or "remote"."""
    for m in _FROM_CLIENT.finditer(text):
        port = int(m.group("port"))
        low = 1024 if m.group("word").lower() == "from" else _EPHEMERAL
        if port >= low and port not in _SERVICE_PORTS:
            return True
    return False


def generic_side(text: str) -> bool | None:
    """What framing any program may print says: True (a server's log), False (a client's),
    None (nothing, or words of both sides)."""
    server = bool(_SERVER_GENERIC.search(text)) or _client_port(text)
    client = bool(_CLIENT_GENERIC.search(text))
    return None if server == client else server


def server_words(text: str) -> bool:
    """True when the text has words only a server's own log has (not merely a match of a
    server product's table, whose generic phrases other programs print too)."""
    return bool(_SERVER.search(text) or _GNUTLS_SERV.search(text) or is_server_log(text))


def server_side(text: str, sources: Iterable[str]) -> bool:
    """True when ``text`` is a server's own log (the alerts it quotes came from a client)."""
    return bool(side_said(text, sources))


# The framing that says who printed a text is at its start (a log line's prefix, an
# exception's first lines) or its end (the frames a stack trace ends with): only this much of
# each end is read, which bounds the cost of the cue tables on a quarter-megabyte input.
_HEAD, _TAIL = 24_576, 8_192


def side_said(text: str, sources: Iterable[str]) -> bool | None:
    """True (a server's log), False (a client's error), or None when nothing in the text
    says which: then a received alert could be either side's complaint. ``sources``: the
    sources (and pattern-id prefixes) of the statements recognised in it."""
    sources = set(sources)
    if len(text) > _HEAD + _TAIL:
        text = text[:_HEAD] + "\n" + text[-_TAIL:]
    if _CLIENT.search(text):
        return False
    if _SERVER.search(text) or _GNUTLS_SERV.search(text) or is_server_log(text):
        return True
    # Round 21: a program's own words around OpenSSL's text (program_words.py): CivetWeb's
    # "ssl_use_pem_file: ...", mosquitto's broker "Client connection from ... failed: "
    program = program_side(text)
    if program is not None:
        return program
    if _VERIFY_CALLBACK.search(text):
        return False
    if any(s in CLIENT_SOURCES for s in sources):
        return False
    # A framing that says the side outranks a server product's table: its generic phrases
    # ("certificate verification failed") are other programs' too (apt over GnuTLS).
    generic = generic_side(text)
    if generic is not None:
        return generic
    if any(s in SERVER_SOURCES for s in sources):
        return True
    return None


# Round 17: lighttpd's error log names the TLS module before each of its lines (log.c
# "(mod_openssl.c.1125) "), hitch's log starts each with its time and pid (src/logging.c
# "20261206T080000.123456 [ 4242] "): their handshake lines carry OpenSSL's own words, so
# the program is told by this framing, not by a table's match.
_LIGHTTPD_LOG = re.compile(r"\(mod_(?:openssl|gnutls|mbedtls|wolfssl|nss)\.c\.\d{1,5}\) ")


_HITCH_LOG = re.compile(r"^\d{8}T\d{6}\.\d{6} \[ {0,5}\d{1,7}\] ", re.MULTILINE)


# Kamailio's tls module (round 18): "ERROR: tls [tls_util.h:50]: tls_err_ret(): TLS accept:"
# (kamailio/kamailio src/modules/tls/tls_util.h, run: Kamailio 5.6 with -E).
_KAMAILIO_TLS_LOG = re.compile(r"\b(?:ERROR|WARNING|NOTICE|INFO): tls \[tls_[a-z_]{1,20}\.[ch]:"
                               r"\d{1,5}\]: ")


# Round 20 (lines for the programs that had none): stunnel's log names the level and the
# connection before each line ("2026.12.06 20:33:15 LOG3[5]: SSL_accept: ..."; src/log.c
# "LOG%d[%s]", mtrojnar/stunnel at stunnel-5.68, 86fdef8fcf07596cdaf333aa318f4d65e0310b4b);
# mosquitto's broker ends a refused TLS client with "Client connection from %s failed: %s."
# (src/net.c, at accept) or "Client %s disconnected: %s." (src/loop.c, when the hello came
# later; eclipse/mosquitto at v2.0.11, 3b89bb2e3532f99f0394b11a09ccc481cebcb0b2). Both carry
# OpenSSL's words, so only this framing names the program (for its fix lines).
_STUNNEL_LOG = re.compile(r"\bLOG[0-7]\[[\w.:-]{1,24}\]: ")
_MOSQUITTO_LOG = re.compile(r"\bClient connection from \S{1,80} failed: |"
                            r"\bClient \S{1,80} disconnected: ")


def server_program(text: str) -> str | None:
    """The server software whose own log the text is, when its framing says so; else the
    program whose own words surround the TLS library's (round 21, program_words.py)."""
    if _LIGHTTPD_LOG.search(text):
        return "lighttpd"
    if _STUNNEL_LOG.search(text):
        return "stunnel"
    if _MOSQUITTO_LOG.search(text):
        return "mosquitto"
    if _KAMAILIO_TLS_LOG.search(text):
        return "kamailio"
    return "hitch" if _HITCH_LOG.search(text) else named_program(text)

