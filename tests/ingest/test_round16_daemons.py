"""Round 16: self-hosted daemons' own TLS wording (patterns/daemons.py), each fed exactly as
the daemon prints it (its log prefix, the library text it appends), with the cause, the side
that printed it and the band (confident >= 0.6 or ranked below) it must get. Every row of
every daemon's table is exercised by at least one printed form; generic words stay
unrecognised. Sources and commits: the provenance of each table."""

from __future__ import annotations

import pytest

from tlsdoctor.api import explain
from tlsdoctor.ingest.patterns import daemons
from tlsdoctor.ingest.patterns.harvested import entries, judge

RS = " [v8.2302.0 try https://www.rsyslog.com/e/2088 ]"
PR = "Dec 06 08:00:00 {}\t{}\t"
EJ = "2024-03-01 10:00:00.000 [warning] <0.123.0>@ejabberd_s2s_out:process_closed/2:159 "
KAM = " 0(4321) ERROR: tls [tls_util.h:56]: tls_err_ret(): "
FB = "[2024/03/01 10:00:00] [error] "
SM = "sm-mta[1234]: "
OS = "smtpd[1234]: "
C, S, U = "client", "server", "unknown"
HI, LO = "confident", "ranked"

# (printed text, source, top cause, side, band)
CASES: list[tuple[str, str, str, str, str]] = [
    # rsyslog (nsd_gtls.c, nsd_ossl.c, net_ossl.c, tcpsrv.c)
    ("rsyslogd: not permitted to talk to peer 'logs.example.com', certificate invalid: signer "
     "not found" + RS, "rsyslog", "cert_untrusted_root", U, LO),
    ("rsyslogd: not permitted to talk to peer, certificate invalid: signer is not a CA" + RS,
     "rsyslog", "cert_untrusted_root", U, LO),
    ("rsyslogd: not permitted to talk to peer '10.0.0.5', certificate invalid: certificate "
     "expired" + RS, "rsyslog", "cert_expired", U, HI),
    ("rsyslogd: not permitted to talk to peer, certificate invalid: insecure algorithm" + RS,
     "rsyslog", "weak_signature_or_key", U, HI),
    ("rsyslogd: not permitted to talk to peer, certificate invalid: certificate revoked" + RS,
     "rsyslog", "cert_revoked", U, HI),
    ("rsyslogd: not permitted to talk to peer, certificate invalid: key purpose OID does not "
     "match" + RS, "rsyslog", "cert_wrong_purpose", U, HI),
    ("rsyslogd: not permitted to talk to peer, certificate invalid: GnuTLS returned no "
     "specific reason" + RS, "rsyslog", "cert_untrusted_root", U, LO),
    ("rsyslogd: not permitted to talk to peer 'logs.example.com': certificate 0 not yet active"
     + RS, "rsyslog", "client_clock_wrong", U, LO),
    ("rsyslogd: net_ossl:TLS session terminated with remote syslog server '10.0.0.5': not "
     "permitted to talk to peer, certificate validation failed: unable to get local issuer "
     "certificate" + RS, "rsyslog", "cert_untrusted_root", U, LO),
    ("rsyslogd: net_ossl:TLS session terminated with remote syslog server '10.0.0.5': not "
     "permitted to talk to peer, certificate invalid: Certificate expired: certificate has "
     "expired" + RS, "rsyslog", "cert_expired", U, HI),
    ("rsyslogd: net_ossl:TLS session terminated with remote syslog server '10.0.0.5': not "
     "permitted to talk to peer, certificate invalid: certificate revoked 'certificate "
     "revoked'" + RS, "rsyslog", "cert_revoked", U, HI),
    ("rsyslogd: Certificate error at depth: 0   issuer  = /CN=Test CA  subject = "
     "/CN=logs.example.com  err 20:unable to get local issuer certificate - peer "
     "'logs.example.com' [v8.2302.0]", "rsyslog", "cert_untrusted_root", U, LO),
    ("rsyslogd: Certificate error at depth: 1   issuer  = /CN=Test CA  subject = /CN=Test CA  "
     "err 19:self-signed certificate in certificate chain [v8.2302.0]", "rsyslog",
     "cert_untrusted_root", U, LO),
    ("rsyslogd: Certificate EXPIRED at depth: 0   issuer  = /CN=Test CA  subject = /CN=x  "
     "err 10:certificate has expired  not permitted to talk to peer 'x', certificate "
     "invalid: certificate expired [v8.2302.0]", "rsyslog", "cert_expired", U, HI),
    ("rsyslogd: error: peer name not authorized -  not permitted to talk to it. Names: "
     "DNSname: other.example; CN: other.example;" + RS, "rsyslog", "hostname_mismatch", U, LO),
    ("rsyslogd-2088: nsd_ossl:TLS session terminated with remote syslog server: peer name not "
     "authorized, not permitted to talk to name: /CN=other.example;" + RS, "rsyslog",
     "hostname_mismatch", U, LO),
    ("rsyslogd: error: peer fingerprint 'SHA1:AA:BB:CC:DD' unknown - we are not permitted to "
     "talk to it" + RS, "rsyslog", "client_misconfiguration", U, LO),
    ("rsyslogd: net_ossl:TLS session terminated with remote syslog server '10.0.0.5': "
     "Fingerprint check failed, not permitted to talk to SHA256:AB:CD" + RS, "rsyslog",
     "client_misconfiguration", U, LO),
    ("rsyslogd: peer did not provide a certificate, not permitted to talk to it" + RS,
     "rsyslog", "client_cert_required", U, HI),
    ("rsyslogd: error: peer 10.0.0.7 did not provide a certificate, not permitted to talk to "
     "it" + RS, "rsyslog", "client_cert_required", U, HI),
    ("rsyslogd: net_ossl:TLS session terminated with remote syslog server '10.0.0.7': Peer "
     "check failed, peer did not provide a certificate." + RS, "rsyslog",
     "client_cert_required", U, HI),
    ("rsyslogd: nsd_ossl:TLS session terminated with remote client '10.0.0.7:51234': "
     "Handshake failed with error code: 1 [v8.2302.0]", "rsyslog",
     "non_tls_service_on_port", S, LO),
    ("rsyslogd: unexpected GnuTLS error -50 in nsd_gtls.c:1793: The request is invalid." + RS,
     "rsyslog", "client_misconfiguration", U, LO),
    ("rsyslogd: unexpected GnuTLS error -110 in nsd_gtls.c:606: The TLS connection was "
     "non-properly terminated." + RS + "\nrsyslogd: netstream session 0x7fea100132d0 from "
     "127.0.0.1 will be closed due to error" + RS, "rsyslog", "cert_untrusted_root", S, LO),
    ("rsyslogd: unexpected GnuTLS error -53, wantsWriteData=1 - this could be caused by a "
     "broken connection. GnuTLS reports: Error in the push function." + RS, "rsyslog",
     "client_cert_required", U, LO),
    ("rsyslogd: warning: certificate file is not set [v8.2302.0 try "
     "https://www.rsyslog.com/e/2330 ]", "rsyslog", "client_cert_required", U, LO),
    ("rsyslogd: gnutls returned error on handshake: An unexpected TLS packet was received." + RS,
     "gnutls", "non_tls_service_on_port", U, LO),
    ("rsyslogd: tcpsrv listener (inputname: 'imtcp') failed to process incoming connection "
     "with error -2083" + RS, "rsyslog", "non_tls_service_on_port", S, LO),
    ("rsyslogd: omfwd: remote server at 127.0.0.1:6514 seems to have closed connection. This "
     "often happens when the remote peer (or an interim system like a load balancer or "
     "firewall) shuts down or aborts a connection." + RS, "rsyslog",
     "client_misconfiguration", C, LO),
    ("rsyslogd: netstream session 0x7f1c8c00a0 from 10.0.0.7 will be closed due to error" + RS,
     "rsyslog", "non_tls_service_on_port", S, LO),
    ("rsyslogd: nsd_ossl:No shared ciphers between syslog client '10.0.0.7' and server.",
     "rsyslog", "cipher_suite_mismatch", S, HI),
    ("rsyslogd: nsd_ossl:TLS version mismatch between syslog client '10.0.0.7' and server.",
     "rsyslog", "protocol_version_mismatch", S, HI),
    ("rsyslogd: error reading file - a common cause is that the file  does not exist" + RS,
     "rsyslog", "server_misconfiguration", U, LO),
    ("rsyslogd: Error: Certificate and key are not usable together." + RS, "rsyslog",
     "server_misconfiguration", U, LO),
    # syslog-ng (tls-session.c, tls-verifier.c, tls-context.c, transport-tls.c)
    ("syslog-ng[1234]: Certificate validation failed; subject='CN=client.example.com', "
     "issuer='CN=Example CA', error='unable to get local issuer certificate', depth='0'",
     "syslog_ng", "cert_untrusted_root", U, LO),
    ("syslog-ng[1234]: Certificate validation failed; subject='CN=x', issuer='CN=CA', "
     "error='certificate has expired', depth='0'", "syslog_ng", "cert_expired", U, HI),
    ("syslog-ng[1234]: Certificate validation failed; subject='CN=x', issuer='CN=CA', "
     "error='certificate is not yet valid', depth='0'", "syslog_ng", "client_clock_wrong", U,
     LO),
    ("syslog-ng[1234]: Certificate validation failed; subject='CN=CA', issuer='CN=CA', "
     "error='self-signed certificate in certificate chain', depth='1'", "syslog_ng",
     "cert_untrusted_root", U, LO),
    ("syslog-ng[1234]: Certificate validation failed (invalid purpose); subject='CN=x', "
     "issuer='CN=CA', expected_purpose='TLS server', eku='absent', depth='0'", "syslog_ng",
     "cert_wrong_purpose", U, HI),
    ("syslog-ng[1234]: Certificate subject does not match configured hostname; "
     "hostname='logs.example.com', certificate='CN=other.example.com'", "syslog_ng",
     "hostname_mismatch", U, HI),
    ("syslog-ng[1234]: Certificate valid, but fingerprint constraints were not met, rejecting; "
     "fingerprint='SHA1:AA'", "syslog_ng", "client_misconfiguration", U, LO),
    ("syslog-ng[1234]: Certificate valid, but DN constraints were not met, rejecting; "
     "dn='CN=x'", "syslog_ng", "hostname_mismatch", U, LO),
    ("syslog-ng[1234]: Invalid certificate found in chain, basicConstraints.ca is unset in "
     "non-leaf certificate", "syslog_ng", "bad_chain_order_or_extra", U, LO),
    ("syslog-ng[1234]: SSL error while reading stream; tls_error='SSL routines::wrong version "
     "number', location='/etc/syslog-ng/syslog-ng.conf:12:5'", "syslog_ng",
     "non_tls_service_on_port", U, LO),
    ("syslog-ng[1234]: Error opening TLS related key or certificate file; "
     "filename='/etc/syslog-ng/cert.d/server.key', error='No such file or directory (2)'",
     "syslog_ng", "server_misconfiguration", U, LO),
    ("syslog-ng[1234]: You have a TLS enabled source without a X.509 keypair. Make sure you "
     "have tls(key-file() and cert-file()) options, TLS handshake to this source will fail",
     "syslog_ng", "server_misconfiguration", U, HI),
    ("syslog-ng[1234]: OCSP stapling verification failed; error='certificate revoked'",
     "syslog_ng", "cert_revoked", U, LO),
    # Fluent Bit (src/tls/openssl.c)
    (FB + "[tls] certificate verification failed, reason: unable to get local issuer "
     "certificate (X509 code: 20)", "fluentbit", "cert_untrusted_root", C, LO),
    (FB + "[tls] error: unexpected EOF", "fluentbit", "protocol_version_mismatch", U, LO),
    (FB + "[tls] error: tls handshake failed (ssl_error=5)", "fluentbit",
     "protocol_version_mismatch", U, LO),
    (FB + "[tls] error: error:0A000086:SSL routines::certificate verify failed", "fluentbit",
     "cert_untrusted_root", U, LO),
    (FB + "[tls] ca_file '/etc/ssl/ca.pem' 2147483650: No such file or directory",
     "fluentbit", "client_misconfiguration", U, LO),
    (FB + "[tls] error: hostname parameter vailidation is failed : logs.example.com",
     "fluentbit", "client_misconfiguration", U, HI),
    (FB + "[io_tls] handshake connection #42 to logs.example.com:443 timed out after 10 "
     "seconds", "fluentbit", "non_tls_service_on_port", U, LO),
    # Prosody (mod_s2s.lua, mod_s2s_auth_certs.lua, mod_tls.lua, certmanager.lua, prosodyctl)
    (PR.format("s2sout55d1c3a0", "info") + "Outgoing s2s stream example.org->jabber.example.net"
     " closed: Remote server's certificate is not trusted", "prosody", "incomplete_chain", C,
     LO),
    (PR.format("s2sout55d1c3a0", "warn") + "Forbidding insecure connection to/from "
     "jabber.example.net because its certificate is not valid for this name", "prosody",
     "hostname_mismatch", C, HI),
    (PR.format("s2sin55d1c3a0", "warn") + "Forbidding insecure connection to/from "
     "jabber.example.net because its certificate has expired", "prosody", "cert_expired", S,
     HI),
    (PR.format("s2sin55d1c3a0", "info") + "Incoming s2s stream jabber.example.net->example.org "
     "closed: Remote server's certificate is self-signed", "prosody", "cert_self_signed", S,
     HI),
    (PR.format("s2sout55d1c3a0", "info") + "Outgoing s2s stream example.org->jabber.example.net"
     " closed: Remote server's certificate has an expired certificate chain", "prosody",
     "cert_expired", C, LO),
    (PR.format("s2sout55d1c3a0", "warn") + "Forbidding insecure connection to/from "
     "jabber.example.net because its certificate does not match any DANE TLSA records",
     "prosody", "server_misconfiguration", C, LO),
    (PR.format("s2sout55d1c3a0", "warn") + "Forbidding insecure connection to/from "
     "jabber.example.net because its certificate could not be validated", "prosody",
     "client_misconfiguration", C, LO),
    (PR.format("s2sout55d1c3a0", "info") + "Outgoing s2s stream example.org->jabber.example.net"
     " closed: Your server's certificate is invalid, expired, or not trusted by "
     "jabber.example.net", "prosody", "incomplete_chain", C, LO),
    (PR.format("s2sin55d1c3a0", "warn") + "Forbidding insecure connection to/from "
     "jabber.example.net", "prosody", "incomplete_chain", S, LO),
    (PR.format("s2sout55d1c3a0", "info") + "Outgoing s2s stream example.org->jabber.example.net"
     " closed: Could not establish encrypted connection to remote server", "prosody",
     "server_misconfiguration", C, LO),
    (PR.format("s2sout55d1c3a0", "info") + "Outgoing s2s stream example.org->jabber.example.net"
     " closed: Error during negotiation of encrypted connection: wrong version number",
     "prosody", "non_tls_service_on_port", C, LO),
    (PR.format("mod_tls", "warn") + "TLS negotiation with jabber.example.net failed.",
     "prosody", "protocol_version_mismatch", U, LO),
    (PR.format("s2sin55d1c3a0", "warn") + "No certificate provided by jabber.example.net",
     "prosody", "server_misconfiguration", S, LO),
    (PR.format("certmanager", "error") + "SSL/TLS: Failed to load '/etc/prosody/certs/"
     "example.org.key': Check that the permissions allow Prosody to read this file. (for "
     "example.org)", "prosody", "server_misconfiguration", U, HI),
    (PR.format("portmanager", "error") + "Error creating TLS context for SNI host example.org: "
     "error loading private key (system lib)", "prosody", "server_misconfiguration", U, HI),
    (PR.format("certmanager", "debug") + "No certificate/key found for example.org", "prosody",
     "server_misconfiguration", U, HI),
    (PR.format("c2s55d1c3a0", "warn") + "Attempt to start TLS, but TLS is not available on "
     "this c2s connection", "prosody", "server_misconfiguration", U, HI),
    (PR.format("certmanager", "debug") + "Skipping expired certificate: "
     "/etc/prosody/certs/example.org.crt", "prosody", "cert_expired", U, HI),
    (PR.format("localhost:tls", "error") + "Error creating context for c2s: error loading "
     "private key ((null))", "prosody", "server_misconfiguration", U, HI),
    ("    Not valid for server-to-server connections to example.org.", "prosody",
     "hostname_mismatch", U, HI),
    ("  No 'certificate' found for example.org", "prosody", "server_misconfiguration", U, HI),
    ("    Certificate expires within one week.", "prosody", "cert_expiring_soon", U, HI),
    # ejabberd (xmpp_stream_out.erl, xmpp_stream_pkix.erl, fast_tls, ejabberd_pkix.erl)
    (EJ + "Failed to establish outbound s2s connection example.org -> jabber.example.net: Peer "
     "certificate rejected: unable to get local issuer certificate; bouncing for 60 seconds",
     "ejabberd", "cert_untrusted_root", C, LO),
    (EJ + "Failed to establish outbound s2s connection example.org -> jabber.example.net: Peer "
     "certificate rejected: Certificate host name mismatch; bouncing for 60 seconds",
     "ejabberd", "hostname_mismatch", C, HI),
    (EJ + "(tls|<0.5.0>) Failed outbound s2s EXTERNAL authentication example.org -> "
     "jabber.example.net (1.2.3.4): Peer certificate rejected: Certificate JID mismatch",
     "ejabberd", "hostname_mismatch", C, LO),
    (EJ + "Failed to establish outbound s2s connection example.org -> jabber.example.net: Peer "
     "certificate rejected: Failed to get peer certificate; bouncing for 60 seconds",
     "ejabberd", "client_cert_required", C, LO),
    (EJ + "Failed to establish outbound s2s connection example.org -> jabber.example.net: TLS "
     "failed: SSL_do_handshake failed: error:14094410:SSL routines:ssl3_read_bytes:sslv3 "
     "alert handshake failure; bouncing for 60 seconds", "ejabberd", "cipher_suite_mismatch", C,
     LO),
    ("2024-03-01 10:00:00.000 [warning] <0.124.0>@ejabberd_s2s_in:handle_auth_failure "
     "(<0.124.0>) Failed to secure inbound s2s connection to jabber.example.net: TLS failed: "
     "Failed to find a certificate matching the domain in SNI extension", "ejabberd",
     "sni_required_or_mismatch", S, LO),
    ("2024-03-01 10:00:00.000 [error] <0.1.0>@ejabberd_pkix:log_errors/1:400 Failed to read "
     "PEM file /etc/ejabberd/example.pem: no PEM encoded certificates found",
     "ejabberd", "server_misconfiguration", U, HI),
    ("2024-03-01 10:00:00.000 [warning] <0.1.0>@ejabberd_pkix:check_domain_certfiles No "
     "certificate found matching example.org", "ejabberd", "server_misconfiguration", U, HI),
    ("2024-03-01 10:00:00.000 [warning] <0.1.0>@ejabberd_pkix:cert_expired Certificate in "
     "/etc/ejabberd/example.pem (at line: 1) for example.org is expired", "ejabberd",
     "cert_expired", U, HI),
    ("2024-03-01 10:00:00.000 [warning] <0.1.0>@ejabberd_pkix:cert_expired Certificate in "
     "/etc/ejabberd/example.pem (at line: 1) for example.org will expire in 3 days",
     "ejabberd", "cert_expiring_soon", U, HI),
    # Kamailio tls module
    (KAM + "TLS accept:error:14094416:SSL routines:ssl3_read_bytes:sslv3 alert certificate "
     "unknown (sni: unknown)", "kamailio", "cert_untrusted_root", S, LO),
    (KAM + "TLS connect:error:1416F086:SSL routines:tls_process_server_certificate:certificate"
     " verify failed (sni: sip.example.com)", "kamailio", "cert_untrusted_root", C, LO),
    (KAM + "TLS accept:error:1408F09C:SSL routines:ssl3_get_record:http request (sni: "
     "unknown)", "kamailio", "non_tls_service_on_port", S, HI),
    (" 0(4321) NOTICE: tls [tls_server.c:682]: tls_accept(): WARNING: tls_accept: client "
     "certificate verification failed!!!", "kamailio", "cert_untrusted_root", S, LO),
    (" 0(4321) NOTICE: tls [tls_server.c:750]: tls_connect(): WARNING: tls_connect: server "
     "certificate verification failed!!!", "kamailio", "cert_untrusted_root", C, LO),
    (" 0(4321) NOTICE: tls [tls_server.c:688]: tls_accept(): tls_accept: client did not "
     "present a certificate", "kamailio", "client_cert_required", S, LO),
    (" 0(4321) NOTICE: tls [tls_dump_vf.c:70]: tls_dump_verification_failure(): verification "
     "failure: unable to get local issuer certificate", "kamailio", "cert_untrusted_root", U,
     LO),
    (" 0(4321) ERROR: tls [tls_domain.c:540]: load_cert(): TLSs<default>: Unable to load "
     "certificate file '/etc/kamailio/kamailio-selfsigned.pem'", "kamailio",
     "server_misconfiguration", S, HI),
    (" 0(4321) ERROR: tls [tls_domain.c:540]: load_ca_list(): TLSc<default>: Unable to load "
     "CA list file '/etc/kamailio/ca.pem' dir ''", "kamailio", "client_misconfiguration", C,
     HI),
    (" 0(4321) ERROR: tls [tls_domain.c:640]: set_cipher_list(): TLSs<default>: Failure to "
     "set SSL context cipher list \"RC4-MD5\"", "kamailio", "server_misconfiguration", S, HI),
    # FreeSWITCH (Sofia-SIP tport_tls.c)
    ("2024-03-01 10:00:00.000 [ERR] tport_tls.c:160 TLS setup failed: 14094418:SSL routines:"
     "ssl3_read_bytes:tlsv1 alert unknown ca", "sofia_sip", "cert_untrusted_root", U, LO),
    ("tls_create_ctx: invalid local certificate: /etc/freeswitch/tls/agent.pem", "sofia_sip",
     "server_misconfiguration", U, HI),
    ("-Error with certificate at depth: 0", "sofia_sip", "cert_untrusted_root", U, LO),
    ("tport_tls.c:700 tls_post_connection_check(): tls_post_connection_check(0x7f): Peer did "
     "not provide X.509 Certificate.", "sofia_sip", "client_cert_required", U, LO),
    # Sendmail (deliver.c, srvrsmtp.c, tls.c, proto.m4)
    (SM + "STARTTLS=client, error: connect failed=-1, reason=dh key too small, SSL_error=1, "
     "errno=0, retry=-1", "sendmail", "weak_cipher_or_no_pfs", C, HI),
    (SM + "STARTTLS=client, error: connect failed=0, reason=unknown, SSL_error=5, errno=0, "
     "retry=-1", "sendmail", "protocol_version_mismatch", C, LO),
    (SM + "STARTTLS=server, error: accept failed=0, reason=unknown, SSL_error=5, errno=0, "
     "retry=-1, relay=[10.0.0.7]", "sendmail", "non_tls_service_on_port", S, LO),
    (SM + "STARTTLS=server, error: accept failed=-1, reason=no shared cipher, SSL_error=1, "
     "errno=0, retry=-1, relay=[10.0.0.7]", "sendmail", "cipher_suite_mismatch", S, LO),
    # (round 22: OpenSSL's "no shared cipher" is the suites first below certainty)
    (SM + "STARTTLS=client, relay=mx.example.com., version=TLSv1.2, verify=FAIL, "
     "cipher=ECDHE-RSA-AES256-GCM-SHA384, bits=256/256", "sendmail",
     "client_misconfiguration", C, LO),
    (SM + "STARTTLS=server, relay=client.example.com [10.0.0.7], version=TLSv1.3, verify=FAIL, "
     "cipher=TLS_AES_256_GCM_SHA384, bits=256/256", "sendmail", "cert_untrusted_root", S, LO),
    (SM + "STARTTLS=client, relay=mx.example.com., version=TLSv1.3, verify=DANE_FAIL, "
     "cipher=TLS_AES_256_GCM_SHA384, bits=256/256", "sendmail", "server_misconfiguration", C,
     LO),
    (SM + "ruleset=tls_server, arg1=SOFTWARE, relay=mx.example.com, reject=403 4.7.0 TLS "
     "handshake failed.", "sendmail", "protocol_version_mismatch", C, LO),
    (SM + "ruleset=tls_server, arg1=FAIL, relay=mx.example.com, reject=403 4.7.0 "
     "authentication failed", "sendmail", "client_misconfiguration", C, LO),
    (SM + "ruleset=tls_client, arg1=FAIL, relay=client.example.com, reject=403 4.7.0 "
     "authentication failed", "sendmail", "cert_untrusted_root", S, LO),
    (SM + "ruleset=tls_server, arg1=NONE, relay=mx.example.com, reject=403 4.7.0 other side "
     "does not support STARTTLS", "sendmail", "server_misconfiguration", C, LO),
    (SM + "ruleset=tls_server, arg1=NO, relay=mx.example.com, reject=403 4.7.0 not "
     "authenticated", "sendmail", "client_cert_required", C, LO),
    (SM + "ruleset=tls_server, arg1=CLEAR, relay=mx.example.com, reject=403 4.7.0 STARTTLS "
     "disabled locally", "sendmail", "client_misconfiguration", C, HI),
    (SM + "STARTTLS=client, cert-subject=/CN=mx.example.com, cert-issuer=/CN=Private+20CA, "
     "verifymsg=unable to get local issuer certificate", "sendmail", "cert_untrusted_root", C,
     LO),
    (SM + "STARTTLS: x509 cert verify: depth=1 /CN=Private CA, state=0, reason=self-signed "
     "certificate in certificate chain", "sendmail", "tls_interception_mitm", U, LO),
    (SM + "STARTTLS=server: file /etc/mail/tls/sendmail.key unsafe: Group readable file",
     "sendmail", "server_misconfiguration", S, HI),
    (SM + "STARTTLS=client, error: SSL_CTX_use_PrivateKey_file(/etc/mail/client.key) failed",
     "sendmail", "client_misconfiguration", C, HI),
    (SM + "STARTTLS=client, relay=mx.example.com., version=TLSv1.3, verify=OK, "
     "cipher=TLS_AES_256_GCM_SHA384, bits=256/256", "sendmail", "", C, ""),
    # OpenSMTPD (mta_session.c, smtp_session.c, libtls)
    (OS + "5d7bbd7b2c8eba3a smtp disconnected reason=\"io-error: handshake failed: "
     "error:1408A10B:SSL routines:ssl3_get_client_hello:wrong version number\"", "opensmtpd",
     "protocol_version_mismatch", S, LO),
    (OS + "smtp-out: Error on session 2f1a7c0e2c1d3b4a after 0 message sent: IO Error: "
     "certificate verification failed: unable to get local issuer certificate", "opensmtpd",
     "cert_untrusted_root", C, LO),
    (OS + "2f1a7c0e2c1d3b4a mta error reason=IO Error: name `mx.example.com' not present in "
     "server certificate", "opensmtpd", "hostname_mismatch", C, HI),
    (OS + "smtp-out: Error on session 2f1a7c0e2c1d3b4a: opportunistic TLS failed, downgrading "
     "to plain", "opensmtpd", "protocol_version_mismatch", C, LO),
    (OS + "2f1a7c0e2c1d3b4a mta error reason=TLS required but not supported by remote host",
     "opensmtpd", "server_misconfiguration", C, LO),
    (OS + "2f1a7c0e2c1d3b4a mta error reason=STARTTLS rejected: 454 4.7.0 TLS not available",
     "opensmtpd", "server_misconfiguration", C, LO),
    (OS + "2f1a7c0e2c1d3b4a mta cert-check result=\"unverified\" fingerprint=\"SHA256:ab\"",
     "opensmtpd", "cert_untrusted_root", C, LO),
    (OS + "5d7bbd7b2c8eba3a smtp disconnected reason=tls-accept-failed", "opensmtpd",
     "server_misconfiguration", S, LO),
    (OS + "2f1a7c0e2c1d3b4a mta closing reason=tls-failure", "opensmtpd",
     "client_misconfiguration", C, HI),
    (OS + "fatal: load_pki_tree: failed to load certificate file", "opensmtpd",
     "server_misconfiguration", S, HI),
    # Courier (libcouriertls.c, libcouriergnutls.c)
    ("couriertls: connect: error:1416F086:SSL routines:tls_process_server_certificate:"
     "certificate verify failed", "courier", "cert_untrusted_root", C, LO),
    ("couriertls: accept: error:1408A10B:SSL routines:ssl3_get_client_hello:wrong version "
     "number", "courier", "protocol_version_mismatch", S, LO),
    ("couriertls: Mismatched SSL certificate: CN=mail.example.com (expected imap.example.com)",
     "courier", "hostname_mismatch", U, HI),
    ("imapd[1234]: couriertls: Peer's certificate not signed by a trusted authority",
     "courier", "cert_untrusted_root", U, LO),
    ("Peer's certificate is revoked", "courier", "cert_revoked", U, HI),
    ("Invalid peer certificate authority", "courier", "cert_untrusted_root", U, LO),
    ("Peer's certificate does not use a secure checksum", "courier", "weak_signature_or_key", U,
     HI),
    ("courieresmtp: No certificate supplied by peer", "courier", "client_cert_required", U, LO),
    ("couriertls: TLS_TRUSTCERTS not set: No such file or directory", "courier",
     "client_misconfiguration", U, LO),
    # Cyrus IMAP (imap/tls.c, imapd.c)
    ("imaps[1234]: TLS negotiation failed: [10.0.0.7]", "cyrus", "non_tls_service_on_port", U,
     LO),
    ("imaps[1234]: TLS server engine: cannot load cert/key data, may be a cert/key mismatch?",
     "cyrus", "server_misconfiguration", U, HI),
    ("imaps[1234]: TLS server engine: No client cert CA specified.", "cyrus",
     "server_misconfiguration", U, HI),
    ("imaps[1234]: wrong version number in SSL_accept() -> fail", "cyrus",
     "non_tls_service_on_port", S, LO),
    ("imaps[1234]: protocol error in SSL_accept() -> fail", "cyrus", "non_tls_service_on_port",
     S, LO),
    # SSSD
    ("sssd_be[1234]: Could not start TLS encryption.", "sssd", "cert_untrusted_root", C, LO),
    ("(2024-03-01 10:00:00): [be[example.com]] [sss_ldap_init_sys_connect_done] (0x0020): "
     "ldap_install_tls failed: [Connect error] [error:0A000086:SSL routines::certificate "
     "verify failed (self-signed certificate in certificate chain)]", "sssd",
     "cert_untrusted_root", C, LO),
    # CUPS (scheduler/client.c, cups/tls-*.c)
    ("E [01/Mar/2024:10:00:00 +0000] [Client 5] Unable to encrypt connection: A TLS fatal "
     "alert has been received.", "gnutls", "cert_untrusted_root", S, LO),
    ("Unable to establish a secure connection to host (untrusted certificate).", "cups",
     "cert_untrusted_root", C, LO),
    ("Unable to establish a secure connection to host (self-signed certificate).", "cups",
     "cert_self_signed", C, LO),
    ("Unable to establish a secure connection to host (expired certificate).", "cups",
     "cert_expired", C, HI),
    ("Unable to establish a secure connection to host (certificate not yet valid).", "cups",
     "client_clock_wrong", C, LO),
    ("Unable to establish a secure connection to host (host name mismatch).", "cups",
     "hostname_mismatch", C, HI),
    ("Unable to establish a secure connection to host (certificate chain invalid).", "cups",
     "incomplete_chain", C, LO),
    ("Unable to establish a secure connection to host (peer dropped connection before "
     "responding).", "cups", "protocol_version_mismatch", C, LO),
    ("lpstat: Unable to establish a secure connection to host.", "cups",
     "protocol_version_mismatch", C, LO),
    ("Credentials do not validate against site CA certificate.", "cups", "cert_untrusted_root",
     U, HI),
    ("Trust on first use is disabled.", "cups", "client_misconfiguration", U, LO),
    ("New credentials are not valid for name.", "cups", "hostname_mismatch", U, HI),
    ("Credentials have expired.", "cups", "cert_expired", U, HI),
    ("Self-signed credentials are blocked.", "cups", "cert_self_signed", U, HI),
    ("New credentials are older than stored credentials.", "cups", "tls_interception_mitm", U,
     LO),
]

# Generic words and near misses that must stay unrecognised.
NEGATIVES = [
    "Connection failed",
    "Expired",
    "Not trusted",
    "rsyslogd: [origin software=\"rsyslogd\" swVersion=\"8.2302.0\"] start",
    "rsyslogd: action 'action-1-builtin:omfwd' resumed (module 'builtin:omfwd')",
    "syslog-ng[1234]: Syslog connection established; fd='12', server='AF_INET(10.0.0.5:6514)'",
    "Dec 06 08:00:00 s2sout55d1c3a0\tinfo\tStream encrypted (TLSv1.3 with "
    "TLS_AES_256_GCM_SHA384)",
    "Dec 06 08:00:00 mod_tls\tinfo\tCertificates loaded",
    "TLS negotiation failed",
    "certificate could not be validated",
    "Unable to encrypt connection",
    "smtpd[1234]: 5d7bbd7b2c8eba3a smtp tls ciphers=TLSv1.3:TLS_AES_256_GCM_SHA384:256",
]


@pytest.mark.parametrize(("text", "source", "cause", "side", "band"), CASES,
                         ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_daemon_printed_form(text: str, source: str, cause: str, side: str, band: str) -> None:
    r = explain(text)
    assert r.recognized, text
    assert r.source == source, (r.source, r.meaning)
    if not cause:  # understood, no fault (a STARTTLS session that was set up)
        assert not r.findings
        return
    top = r.root_cause
    assert top is not None and top.cause.value == cause, [
        (f.cause.value, f.confidence) for f in r.findings]
    assert r.side == side
    assert (top.confidence >= 0.6) == (band == HI), top.confidence


@pytest.mark.parametrize("text", NEGATIVES)
def test_generic_words_stay_unrecognised(text: str) -> None:
    assert not explain(text).recognized, explain(text).meaning


def test_every_daemon_row_has_a_printed_form() -> None:
    """Each row of each daemon's table matches at least one form above (the table is
    audited whole, not the rows a thread happened to quote)."""
    rows = [p for p in daemons.PATTERNS if not p.id.startswith("cyrus.reason.")]
    texts = [c[0] for c in CASES]
    missing = [p.id for p in rows
               if not any(p.regex.search(line) for t in texts for line in t.splitlines())]
    assert not missing, missing


def test_cyrus_reads_every_judged_openssl_reason_before_ssl_accept() -> None:
    """Cyrus prints OpenSSL's bare reason before " in SSL_accept() -> fail": every judged
    reason is read, as a server's line, with its own first cause."""
    checked = 0
    by_id = {p.upstream: p for p in daemons.PATTERNS if p.id.startswith("cyrus.reason.")}
    for entry in entries("openssl"):
        verdict = judge(entry)
        if entry.kind != "reason" or verdict is None or verdict.kind != "causes":
            continue
        if not verdict.causes:
            continue
        pattern = by_id[entry.id]
        r = explain(f"imaps[1234]: {entry.text} in SSL_accept() -> fail")
        assert r.recognized and r.side == "server", entry.text
        assert any(m.pattern_id == pattern.id for m in r.matches), entry.text
        checked += 1
    assert checked == len(by_id) > 200
