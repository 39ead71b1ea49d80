"""Self-hosted daemons' own TLS wording (round 16): XMPP (Prosody, ejabberd with fast_tls),
SIP (Kamailio's tls module, FreeSWITCH's Sofia-SIP), mail (Sendmail, OpenSMTPD, Courier's
couriertls, Cyrus IMAP), syslog over TLS (rsyslog's gtls/ossl drivers, syslog-ng, Fluent
Bit), CUPS and SSSD.

Each program's whole TLS vocabulary was read from its own source (path and commit in the
provenance of each table) and every message judged by who must fix it. Messages that only
wrap a TLS library's text (Kamailio's "TLS accept:", Sendmail's "reason=", syslog-ng's
"tls_error='...'") are GENERIC here: the library's own words, read by its table, decide.
A daemon is a client or a server by direction: the words that say which (Sendmail's
"STARTTLS=client", Prosody's "Outgoing s2s stream", Kamailio's "TLS accept:") are cues in
``side.py``. Each meaning names the daemon's own setting that fixes it (rsyslog's
``DefaultNetstreamDriverCAFile``, Prosody's ``ssl = { ... }``, ejabberd's ``certfiles``,
Kamailio's tls.cfg, syslog-ng's ``tls(ca-dir() peer-verify())``, Sendmail's ``confCACERT``).
"""

from __future__ import annotations

import re

from . import CATEGORY, GENERIC, REASON, SPECIFIC, Pattern, causes, table
from .harvested import entries, judge
from .judgement._common import NOT_YET_CAUSES

# A peer's certificate the daemon did not trust, no more said: an unknown CA or a chain
# sent without its intermediate (these daemons do not fetch missing intermediates).
_UNTRUSTED = "cert_untrusted_root:.45 incomplete_chain:.3 cert_self_signed:.25"
# A handshake that failed with no reason printed, seen by the side that connected.
_HANDSHAKE = ("protocol_version_mismatch:.35 cipher_suite_mismatch:.25 "
              "middlebox_or_firewall_interference:.2 client_cert_required:.2")
# ...and by the side that accepted (the client gave up: our certificate, its version, or
# not TLS at all).
_ACCEPTED = ("non_tls_service_on_port:.3 protocol_version_mismatch:.25 "
             "cert_untrusted_root:.25 client_cert_required:.2")
_LEAF_EXPIRED = "cert_expired:.85 client_clock_wrong:.15"
_OWN_SERVER_FILE = "server_misconfiguration:.95 client_misconfiguration:.05"
_OWN_CLIENT_FILE = "client_misconfiguration:.95 server_misconfiguration:.05"
# A daemon that is client and server alike, its own certificate/key/CA file unreadable.
_OWN_FILE = "server_misconfiguration:.55 client_misconfiguration:.45"
_PIN = "client_misconfiguration:.55 tls_interception_mitm:.25 server_misconfiguration:.2"
_DANE = "server_misconfiguration:.55 tls_interception_mitm:.25 client_misconfiguration:.2"
_NO_PEER_CERT = "client_cert_required:.55 server_misconfiguration:.45"

# -- rsyslog: runtime/nsd_gtls.c (GnuTLS driver), runtime/nsd_ossl.c and runtime/net_ossl.c
# (OpenSSL driver), runtime/tcpsrv.c; LogError() prints "rsyslogd: <msg> [v8.x try URL ]".
_RSYSLOG = ("rsyslog/rsyslog runtime/nsd_gtls.c (gtlsChkPeerCertValidity, gtlsChkPeerName, "
            "gtlsChkPeerFingerprint, ABORTgnutls), runtime/net_ossl.c, runtime/nsd_ossl.c, "
            "runtime/tcpsrv.c @ ee72adcd88541111236a2b217fe175f9f107f4e2")
_RS_INVALID = r"\bnot permitted to talk to peer(?: '[^'\n]{0,200}')?, certificate invalid: "
PATTERNS: tuple[Pattern, ...] = table("rsyslog", _RSYSLOG, [
    (_RS_INVALID + r"signer not found\b",
     "rsyslog: the peer's certificate is not signed by a CA in this rsyslog's CA file "
     "(DefaultNetstreamDriverCAFile / StreamDriver.CAFile; GNUTLS_CERT_SIGNER_NOT_FOUND)",
     _UNTRUSTED, REASON),
    (_RS_INVALID + r"signer is not a CA\b",
     "rsyslog: the certificate that signed the peer's is not a CA (basicConstraints CA:FALSE: "
     "a leaf given as the CA file, or a home-made CA without CA:TRUE)",
     "cert_untrusted_root:.55 server_misconfiguration:.45", REASON),
    (_RS_INVALID + r"(?:certificate expired|Certificate expired: )",
     "rsyslog: the peer's certificate is past its notAfter date (PermitExpiredCerts=\"off\")",
     _LEAF_EXPIRED, REASON),
    (_RS_INVALID + r"insecure algorithm\b",
     "rsyslog: the peer's certificate is signed with an algorithm GnuTLS refuses (SHA-1/MD5)",
     "weak_signature_or_key:.9 server_misconfiguration:.1", REASON),
    (_RS_INVALID + r"certificate revoked\b|\bcertificate invalid: certificate revoked '",
     "rsyslog: the peer's certificate is revoked (the CRL rsyslog loads lists it)",
     "cert_revoked:.95 server_misconfiguration:.05", REASON),
    (_RS_INVALID + r"key purpose OID does not match\b",
     "rsyslog: the peer's certificate lacks the extended key usage for its role "
     "(StreamDriver.CheckExtendedKeyPurpose=\"on\")",
     "cert_wrong_purpose:.85 client_misconfiguration:.15", REASON),
    (_RS_INVALID + r"GnuTLS returned no specific reason\b",
     "rsyslog: GnuTLS rejected the peer's certificate and named none of the reasons rsyslog "
     "prints (not yet valid, a name or signature problem)",
     "cert_untrusted_root:.35 cert_not_yet_valid:.25 cert_self_signed:.2 "
     "weak_signature_or_key:.2", SPECIFIC),
    (r"\bnot permitted to talk to peer '[^'\n]{0,200}': certificate \d{1,2} not yet active\b",
     "rsyslog: a certificate of the peer's chain is not valid yet (its notBefore is in the "
     "future on this host's clock)", NOT_YET_CAUSES, REASON),
    (r"\bnot permitted to talk to peer, certificate validation failed: ",
     "rsyslog (OpenSSL driver) rejected the peer's certificate; OpenSSL's reason follows",
     _UNTRUSTED, GENERIC),
    (r"\bCertificate (?:EXPIRED|REVOKED|error) at depth: \d",
     "rsyslog (OpenSSL driver): the peer's chain failed verification; OpenSSL's reason follows",
     _UNTRUSTED, GENERIC),
    # rsyslog's peers use a private CA (its documentation makes one with certtool): a chain
    # ending in a self-signed root the CA file lacks is that CA missing, not an interception
    # (OpenSSL's bare err 19 ranks interception first).
    (r"\bCertificate error at depth: \d{1,2} [^\n]{0,600}err 19:self[- ]signed certificate in "
     r"certificate chain\b",
     "rsyslog: the peer's chain ends in a self-signed root that is not in this rsyslog's CA "
     "file (DefaultNetstreamDriverCAFile): the peer's private CA is missing here",
     "cert_untrusted_root:.55 tls_interception_mitm:.25 cert_self_signed:.2", REASON),
    (r"\bCertificate EXPIRED at depth: 0\b",
     "rsyslog: the peer's own certificate (depth 0) is past its notAfter date",
     _LEAF_EXPIRED, REASON),
    (r"\bpeer name not authorized(?: -  not permitted to talk to it\. Names: |, not permitted "
     r"to talk to )",
     "rsyslog: the peer's certificate names none of the names this rsyslog permits "
     "(PermittedPeer / StreamDriverPermittedPeers in x509/name mode): list its name there, "
     "or give the peer a certificate with that name",
     "hostname_mismatch:.55 client_misconfiguration:.45", REASON),
    (r"\bpeer fingerprint '[^'\n]{1,200}' unknown - we are not permitted to talk to it\b"
     r"|\bFingerprint check failed, not permitted to talk to\b",
     "rsyslog: the peer's certificate fingerprint is not in PermittedPeer (x509/fingerprint "
     "mode): a renewed certificate, or not the expected peer", _PIN, REASON),
    (r"\bpeer (?:\S{1,200} )?did not provide a certificate, not permitted to talk to it\b"
     r"|\bPeer check failed, peer did not provide a certificate\b",
     "rsyslog: the peer sent no certificate, which x509/name, x509/fingerprint and x509/certvalid "
     "modes require (the sender needs DefaultNetstreamDriverCertFile and KeyFile)",
     "client_cert_required:.7 server_misconfiguration:.3", REASON),
    (r"\bTLS session terminated with remote syslog server '[^'\n]{1,200}': ?",
     "rsyslog: a TLS session to a receiver failed; the TLS library's reason follows",
     _HANDSHAKE, GENERIC),
    (r"\bTLS session terminated with remote client '[^'\n]{1,200}': ",
     "rsyslog: a TLS session from a sender failed; the TLS library's reason follows",
     _ACCEPTED, GENERIC),
    (r"\bunexpected GnuTLS error -?\d{1,4} in nsd_gtls\.c:\d{1,5}",
     "rsyslog's GnuTLS driver failed with a GnuTLS error (its text follows the file:line)",
     "client_misconfiguration:.35 server_misconfiguration:.35 non_tls_service_on_port:.3",
     GENERIC),
    (r"\bunexpected GnuTLS error -110 in nsd_gtls\.c:\d{1,5}",
     "rsyslog: the other side hung up in the middle of the TLS handshake (GNUTLS_E_PREMATURE_"
     "TERMINATION): usually it refused this side's certificate (its CA file or permitted "
     "peer names) or wanted one",
     "cert_untrusted_root:.35 hostname_mismatch:.25 client_cert_required:.2 "
     "protocol_version_mismatch:.2", SPECIFIC),
    (r"\bunexpected GnuTLS error -5[34], wantsWriteData=\d - this could be caused by a broken "
     r"connection\b",
     "rsyslog: the connection broke under the TLS session (GNUTLS_E_PUSH_ERROR / PULL_ERROR: "
     "the receiver closed it, most often refusing this sender's certificate, its name or CA)",
     "client_cert_required:.3 hostname_mismatch:.25 middlebox_or_firewall_interference:.25 "
     "client_misconfiguration:.2", REASON),
    (r"\bunexpected GnuTLS error -\d{1,4}, wantsWriteData=\d - this could be caused by a broken "
     r"connection\b",
     "rsyslog: GnuTLS failed under an established session (its text follows)",
     "middlebox_or_firewall_interference:.4 client_cert_required:.3 "
     "client_misconfiguration:.3", GENERIC),
    (r"\bwarning: (?:certificate|key) file is not set\b",
     "rsyslog has no certificate/key of its own (DefaultNetstreamDriverCertFile/KeyFile): a "
     "peer in x509 mode refuses it",
     "client_cert_required:.4 server_misconfiguration:.35 client_misconfiguration:.25",
     SPECIFIC),
    (r"\b(?:gnutls returned error on handshake|GnuTLS handshake retry returned error): ",
     "rsyslog (GnuTLS driver): the TLS handshake failed; GnuTLS's reason follows",
     _HANDSHAKE, GENERIC),
    (r"\btcpsrv listener \(inputname: '[^'\n]{1,80}'\) failed to process incoming connection "
     r"with error -\d{1,5}",
     "rsyslog's TCP listener could not set up an incoming connection (with TLS: the handshake "
     "line before it says why)", _ACCEPTED, GENERIC),
    (r"\bomfwd: remote server at \S{1,200} seems to have closed connection\b",
     "rsyslog's forwarder: the receiver closed the connection (a TLS receiver that got "
     "plain text: omfwd without StreamDriver=\"gtls\"/\"ossl\" StreamDriverMode=\"1\"; or it "
     "refused this sender's certificate)",
     "client_misconfiguration:.35 client_cert_required:.25 "
     "middlebox_or_firewall_interference:.2 cert_untrusted_root:.2", GENERIC),
    (r"\bnetstream session \S{1,40} from \S{1,200} will be closed due to error\b",
     "rsyslog's TCP listener closed a client's session after an error (the TLS line before "
     "it says which)", _ACCEPTED, GENERIC),
    (r"\bNo shared ciphers between syslog client '[^'\n]{1,200}' and server\b",
     "rsyslog (OpenSSL driver): no cipher suite both sides allow (gnutlsPriorityString / "
     "tls.tlscfgcmd)", "cipher_suite_mismatch:.85 protocol_version_mismatch:.15", REASON),
    (r"\bTLS version mismatch between syslog client '[^'\n]{1,200}' and server\b",
     "rsyslog (OpenSSL driver): no TLS version both sides allow",
     "protocol_version_mismatch:.85 cipher_suite_mismatch:.15", REASON),
    (r"\berror reading (?:certificate )?file(?: '[^'\n]{1,300}')? - a common cause is that the "
     r"(?:file  ?does not exist|file does not exist)\b"
     r"|\bError: (?:CA certificate '[^'\n]{0,300}'|Certificate file|Key) could not be accessed\b"
     r"|\bError: Certificate and key are not usable together\b",
     "rsyslog cannot use its own TLS files (DefaultNetstreamDriverCAFile/CertFile/KeyFile: "
     "path, permissions or a key that is not the certificate's)", _OWN_FILE, REASON),
])

# -- syslog-ng: lib/transport/tls-session.c, tls-verifier.c, tls-context.c, transport-tls.c;
# messages print as "<message>; tag='value', tag='value'".
_SYSLOG_NG = ("syslog-ng/syslog-ng lib/transport/tls-session.c, tls-verifier.c, "
              "tls-context.c, transport-tls.c @ b55e8d0b83333156d7bb423f47fba076a6bed111")
PATTERNS += table("syslog_ng", _SYSLOG_NG, [
    (r"\bCertificate validation failed; subject='",
     "syslog-ng rejected the peer's certificate (its ca-dir()/ca-file() has no issuer, or the "
     "certificate is bad; OpenSSL's reason is in error='...')", _UNTRUSTED, GENERIC),
    (r"\bCertificate validation failed; [^\n]{0,600}error='certificate has expired', depth='0'",
     "syslog-ng: the peer's own certificate (depth 0) is past its notAfter date",
     _LEAF_EXPIRED, REASON),
    (r"\bCertificate validation failed; [^\n]{0,600}error='certificate is not yet valid', "
     r"depth='0'",
     "syslog-ng: the peer's own certificate (depth 0) is not valid yet", NOT_YET_CAUSES,
     REASON),
    (r"\bCertificate validation failed; [^\n]{0,600}error='self[- ]signed certificate in "
     r"certificate chain'",
     "syslog-ng: the peer's chain ends in a self-signed root that is not in ca-dir()/ca-file() "
     "(a private CA missing here)",
     "cert_untrusted_root:.55 tls_interception_mitm:.25 cert_self_signed:.2", REASON),
    (r"\bCertificate validation failed \(invalid purpose\)|\bCertificate valid, but purpose is "
     r"invalid\b",
     "syslog-ng: the peer's certificate lacks the extended key usage for its role "
     "(TLS server / TLS client)", "cert_wrong_purpose:.85 client_misconfiguration:.15",
     REASON),
    (r"\bCertificate subject does not match configured hostname\b",
     "syslog-ng: the server's certificate does not name the host this destination connects "
     "to (or set tls(ignore-hostname-mismatch(yes)) knowingly)",
     "hostname_mismatch:.85 client_misconfiguration:.15", REASON),
    (r"\bCertificate valid, but fingerprint constraints were not met, rejecting\b",
     "syslog-ng: the peer's certificate is not one of tls(trusted-keys()) (a renewal?)",
     _PIN, REASON),
    (r"\bCertificate valid, but DN constraints were not met, rejecting\b",
     "syslog-ng: the peer's certificate subject is not one of tls(trusted-dn())",
     "hostname_mismatch:.55 client_misconfiguration:.45", REASON),
    (r"\bInvalid certificate found in chain, basicConstraints\.ca is unset in non-leaf "
     r"certificate\b",
     "syslog-ng: a certificate above the peer's is not a CA (basicConstraints)",
     "bad_chain_order_or_extra:.55 server_misconfiguration:.45", REASON),
    (r"\bSSL error while (?:reading|writing|shutting down) stream; tls_error='",
     "syslog-ng: TLS failed on a connection (the handshake runs on the first read); "
     "OpenSSL's reason is in tls_error='...'", _HANDSHAKE, GENERIC),
    (r"\bError opening TLS related key or certificate file; filename='",
     "syslog-ng cannot open its own tls(key-file()/cert-file()/ca-file()) file",
     _OWN_FILE, REASON),
    (r"\bYou have a TLS enabled source without a X\.509 keypair\b",
     "syslog-ng: a TLS source has no key-file()/cert-file(): every handshake to it fails",
     _OWN_SERVER_FILE, REASON),
    (r"\bOCSP stapling verification failed; error='",
     "syslog-ng: the server's stapled OCSP response did not verify (revoked, stale or none: "
     "ocsp-stapling-verify(yes))",
     "cert_revoked:.45 ocsp_must_staple_missing:.3 server_misconfiguration:.25", REASON),
])

# -- Fluent Bit: src/tls/openssl.c (tls_net_handshake, load_ca/cert/key), src/tls/flb_tls.c;
# lines print as "[date] [error] [tls] ...".
_FLUENTBIT = ("fluent/fluent-bit src/tls/openssl.c, src/tls/flb_tls.c @ "
              "d55459d492c5c019c0f7dc24db42e69ef47a5437")
PATTERNS += table("fluentbit", _FLUENTBIT, [
    (r"\[tls\] certificate verification failed, reason: ",
     "Fluent Bit rejected the peer's certificate (tls.ca_file / tls.ca_path, tls.verify); "
     "OpenSSL's reason follows", _UNTRUSTED, CATEGORY),
    (r"\[tls\] error: unexpected EOF\b",
     "Fluent Bit: the peer closed the connection during the TLS handshake without a reason "
     "(it refused this client's version, SNI (tls.vhost) or missing client certificate, or a "
     "proxy cut it)",
     "protocol_version_mismatch:.3 client_cert_required:.25 "
     "middlebox_or_firewall_interference:.25 sni_required_or_mismatch:.2", SPECIFIC),
    (r"\[tls\] error: tls handshake failed \(ssl_error=\d{1,2}\)",
     "Fluent Bit: the TLS handshake failed with no OpenSSL reason", _HANDSHAKE, GENERIC),
    (r"\[tls\] error: (?=error:)",
     "Fluent Bit: the TLS handshake failed; OpenSSL's error follows", _HANDSHAKE, GENERIC),
    (r"\[tls\] (?:ca_file|ca_path|crt_file|key_file) '[^'\n]{0,300}' \d{1,20}: "
     r"|\[tls\] private_key '[^'\n]{0,300}' and password don't match\b",
     "Fluent Bit cannot load its own tls.ca_file / tls.crt_file / tls.key_file",
     "client_misconfiguration:.55 server_misconfiguration:.45", REASON),
    (r"\[tls\] error: hostname parameter vailidation is failed\b",
     "Fluent Bit: the host name given for verification (tls.vhost / Host) is not valid",
     "client_misconfiguration:.85 hostname_mismatch:.15", REASON),
    (r"\[io_tls\] handshake connection #\d{1,9} to \S{1,200} timed out after \d{1,6} seconds?",
     "Fluent Bit: the TLS handshake got no answer in time (a plain-text port, a firewall, or "
     "a server that waits for something else)",
     "non_tls_service_on_port:.4 middlebox_or_firewall_interference:.3 "
     "name_resolution_or_unreachable:.3", SPECIFIC),
])

# -- Prosody: plugins/mod_s2s.lua (friendly_cert_error, check_auth_policy, make_authenticated,
# listener.ondisconnect), plugins/mod_s2s_auth_certs.lua, plugins/mod_tls.lua,
# core/certmanager.lua, util/prosodyctl/check.lua; 0.11's wording from tag 0.11.0.
_PROSODY = ("bjc/prosody (mirror of hg.prosody.im) plugins/mod_s2s.lua, plugins/"
            "mod_s2s_auth_certs.lua, plugins/mod_tls.lua, core/certmanager.lua, "
            "util/prosodyctl/check.lua @ f14f1b331f0f123589386fef4a5620e284dcb5b3; "
            "0.11.0's plugins/mod_s2s/mod_s2s.lua")
_PR_CERT = r"(?:\b(?:Remote|Your) server's certificate|\bbecause its certificate) "
PATTERNS += table("prosody", _PROSODY, [
    (_PR_CERT + r"is not trusted\b",
     "Prosody: the remote XMPP server's certificate chain did not verify and is neither "
     "expired nor self-signed: it sends no intermediate (use fullchain.pem), its CA is not in "
     "this server's store (ssl = { cafile/capath }), or that store is old",
     "incomplete_chain:.4 cert_untrusted_root:.35 client_misconfiguration:.25", REASON),
    (_PR_CERT + r"is not valid for this name\b",
     "Prosody: the remote server's certificate does not name its XMPP domain (the domain, not "
     "the SRV target host, must be in the certificate)",
     "hostname_mismatch:.85 server_misconfiguration:.15", REASON),
    (_PR_CERT + r"has expired\b",
     "Prosody: the remote server's certificate is past its notAfter date",
     _LEAF_EXPIRED, REASON),
    (_PR_CERT + r"is self-signed\b",
     "Prosody: the remote server presents a self-signed certificate",
     "cert_self_signed:.85 server_misconfiguration:.15", REASON),
    (_PR_CERT + r"has an expired certificate chain\b",
     "Prosody: a certificate above the remote server's own is expired (an old intermediate or "
     "cross-sign it still sends, or this host's old CA store picks that path)",
     "cert_expired:.5 bad_chain_order_or_extra:.3 client_misconfiguration:.2", REASON),
    (_PR_CERT + r"does not match any DANE TLSA records\b",
     "Prosody: the remote server's certificate matches none of its DANE TLSA records (a "
     "renewal without new TLSA records)", _DANE, REASON),
    (_PR_CERT + r"could not be validated\b",
     "Prosody: no module validated the certificate (mod_s2s_auth_certs is not loaded, or "
     "LuaSec cannot verify)", "server_misconfiguration:.55 client_misconfiguration:.45",
     REASON),
    (r"\bYour server's certificate is invalid, expired, or not trusted by \S{1,200}",
     "Prosody (0.11): the remote server refused this server's certificate (its chain, dates "
     "or names: `prosodyctl check certs` says which)",
     "incomplete_chain:.3 cert_untrusted_root:.25 cert_expired:.25 cert_self_signed:.2",
     REASON),
    (r"\bForbidding insecure connection to/from \S{1,200}",
     "Prosody: s2s_secure_auth refused a server whose certificate did not verify",
     "incomplete_chain:.3 cert_untrusted_root:.3 hostname_mismatch:.2 cert_expired:.2",
     GENERIC),
    (r"\bCould not establish encrypted connection to remote server\b|\bEncrypted "
     r"server-to-server communication is required but was not (?:offered|used)\b",
     "Prosody: the other server offered no TLS (STARTTLS) but s2s_require_encryption is on",
     "server_misconfiguration:.55 middlebox_or_firewall_interference:.45", REASON),
    (r"\bError during negotiation of encrypted connection: ",
     "Prosody: the TLS handshake of a server-to-server connection failed; LuaSec's reason "
     "follows", _HANDSHAKE, GENERIC),
    (r"\bTLS negotiation with \S{1,200} failed\.",
     "Prosody: the TLS handshake after STARTTLS to another server failed (version, ciphers "
     "of tls_profile, or the peer wanting something else)", _HANDSHAKE, SPECIFIC),
    (r"\bNo certificate provided by \S{1,200}",
     "Prosody: the other server sent no certificate (it has none configured for that domain)",
     "server_misconfiguration:.55 client_cert_required:.45", REASON),
    (r"\bSSL/TLS: Failed to load '[^'\n]{1,300}': (?:Check that|Previous error|Reason: )",
     "Prosody cannot load its own certificate or key (ssl = { certificate, key }: path, "
     "permissions for the prosody user, or the wrong file)", _OWN_SERVER_FILE, REASON),
    (r"\bSSL/TLS: Error initialising for \S{1,200}: |\bNo TLS context available for "
     r"(?:c2s|s2sin|s2sout)\b|\bError creating TLS context for SNI host\b"
     r"|\bError creating contexts? for (?:c2s|s2sin|s2sout): ",
     "Prosody has no usable TLS context for this host (its ssl settings failed to load)",
     _OWN_SERVER_FILE, REASON),
    (r"\bNo certificate/key found for \S{1,200}|\bEncrypted certificate for \S{1,200} "
     r"requires 'ssl' 'password' to be set in config\b|\bAttempt to start TLS, but TLS is not "
     r"available on this \S{1,20} connection\b",
     "Prosody has no usable certificate for this host (none in its certificates directory or "
     "ssl settings, or one it cannot decrypt): STARTTLS cannot be offered",
     _OWN_SERVER_FILE, REASON),
    (r"\bSkipping expired certificate: \S{1,300}",
     "Prosody skipped an expired certificate in its certificates directory (renew it: "
     "`prosodyctl --root cert import`)", "cert_expired:.9 server_misconfiguration:.1", REASON),
    (r"\bNot valid for (?:client|server-to-server) connections to \S{1,200}\.",
     "prosodyctl check certs: the host's own certificate does not name the domain",
     "hostname_mismatch:.85 server_misconfiguration:.15", REASON),
    (r"\bNo '(?:certificate|key)' found for \S{1,200}",
     "prosodyctl check certs: the host has no certificate or key configured or found in "
     "the certificates directory", _OWN_SERVER_FILE, REASON),
    (r"\bCertificate expires within one (?:day|week|month)\.",
     "prosodyctl check certs: the host's certificate expires soon",
     "cert_expiring_soon:.9 server_misconfiguration:.1", REASON),
])

# -- ejabberd (xmpp library's stream errors, fast_tls): processone/xmpp
# src/xmpp_stream_out.erl format_error, src/xmpp_stream_pkix.erl format_error; fast_tls
# src/fast_tls.erl get_cert_verify_string, c_src/fast_tls.c; ejabberd src/ejabberd_pkix.erl.
_EJABBERD = ("processone/xmpp src/xmpp_stream_out.erl, src/xmpp_stream_in.erl, "
             "src/xmpp_stream_pkix.erl @ 204ac334b8959247e03d9f27c4599f5d1eb6ae32; "
             "processone/fast_tls src/fast_tls.erl, c_src/fast_tls.c @ "
             "29b669365464247228137c5479aa662593d7e269; processone/ejabberd "
             "src/ejabberd_s2s_out.erl, src/ejabberd_s2s_in.erl, src/ejabberd_pkix.erl @ "
             "61bf7a9cc9727f48f8069bb88b6253165065a121")
PATTERNS += table("ejabberd", _EJABBERD, [
    (r"\bPeer certificate rejected: Certificate host name mismatch\b",
     "ejabberd: the other server's certificate does not name its XMPP domain",
     "hostname_mismatch:.85 server_misconfiguration:.15", REASON),
    (r"\bPeer certificate rejected: Certificate JID mismatch\b",
     "ejabberd: the client certificate's XMPP address is not the account it authenticates as",
     "hostname_mismatch:.55 client_misconfiguration:.45", REASON),
    (r"\bPeer certificate rejected: Failed to get peer certificate\b",
     "ejabberd: the other side sent no certificate", _NO_PEER_CERT, REASON),
    (r"\bPeer certificate rejected: ",
     "ejabberd rejected the other side's certificate (its CA file: ca_file / certfiles); "
     "the verify result follows", _UNTRUSTED, GENERIC),
    (r"\bTLS failed: Failed to find a certificate matching the domain in SNI extension\b",
     "ejabberd (fast_tls) has no certificate for the domain the client asked for "
     "(certfiles has none for it)",
     "sni_required_or_mismatch:.55 server_misconfiguration:.45", REASON),
    (r"\bTLS failed: SSL_CTX_(?:use_certificate_file|use_PrivateKey_file|check_private_key) "
     r"failed\b|\bFailed to read PEM file \S{1,300}: |\bInvalid certificate in \S{1,300}: ",
     "ejabberd cannot use its own certificate or key (certfiles)", _OWN_SERVER_FILE, REASON),
    (r"\bTLS failed: ",
     "ejabberd: the TLS handshake failed; fast_tls's OpenSSL reason follows",
     _HANDSHAKE, GENERIC),
    (r"\bNo certificate found matching \S{1,200}",
     "ejabberd: no certificate in certfiles covers this host", _OWN_SERVER_FILE, REASON),
    (r"\bCertificate in \S{1,300} \(at line: \d{1,6}\)[^\n]{0,300} is expired\b",
     "ejabberd: a certificate it loads (certfiles) has expired",
     "cert_expired:.9 server_misconfiguration:.1", REASON),
    (r"\bCertificate in \S{1,300} \(at line: \d{1,6}\)[^\n]{0,300} will expire in\b",
     "ejabberd: a certificate it loads (certfiles) expires soon",
     "cert_expiring_soon:.9 server_misconfiguration:.1", REASON),
])

# -- Kamailio tls module: tls_util.h tls_err_ret ("%s%s (sni: %s)" with "TLS accept:" /
# "TLS connect:" and OpenSSL's ERR_error_string), tls_server.c, tls_dump_vf.c, tls_domain.c
# (domains print as "TLSs<addr>" for a server domain, "TLSc<addr>" for a client one).
_KAMAILIO = ("kamailio/kamailio src/modules/tls/tls_util.h, tls_server.c, tls_dump_vf.c, "
             "tls_domain.c @ 38711a3e788de0130d48cb485578c482b57d9351")
_KAM_OWN = (r"\b(?:Unable to load (?:certificate2? file|private key2?(?: file)?|CA list file|"
            r"engine key label) '|Key '[^'\n]{0,300}' does not match the public key of the|"
            r"Failure to set SSL context cipher (?:list|suites) \")")
PATTERNS += table("kamailio", _KAMAILIO, [
    (r"\bTLS (?:accept|connect):(?=error:)",
     "Kamailio: a TLS handshake failed; OpenSSL's error follows", _HANDSHAKE, GENERIC),
    (r"\btls_accept: client certificate verification failed\b",
     "Kamailio accepted a client whose certificate did not verify against tls.cfg's "
     "ca_list (the next line names why)", _UNTRUSTED, REASON),
    (r"\btls_connect: server certificate verification failed\b",
     "Kamailio's outgoing TLS connection got a server certificate that did not verify "
     "against tls.cfg's ca_list (the next line names why)", _UNTRUSTED, REASON),
    (r"\btls_accept: client did not present a certificate\b",
     "Kamailio: the client sent no certificate (tls.cfg require_certificate / "
     "verify_certificate on the server domain)", _NO_PEER_CERT, SPECIFIC),
    (r"\bverification failure: (?=[a-z])",
     "Kamailio: certificate verification failed; OpenSSL's verify result follows",
     _UNTRUSTED, GENERIC),
    (r"\bTLSs<[^>\n]{0,200}>: " + _KAM_OWN,
     "Kamailio cannot load a server domain's own certificate, key or CA list (tls.cfg)",
     _OWN_SERVER_FILE, REASON),
    (r"\bTLSc<[^>\n]{0,200}>: " + _KAM_OWN,
     "Kamailio cannot load a client domain's own certificate, key or CA list (tls.cfg)",
     _OWN_CLIENT_FILE, REASON),
])

# -- FreeSWITCH's SIP stack, Sofia-SIP: libsofia-sip-ua/tport/tport_tls.c (tls_log_errors:
# "%s: %08lx:%s:%s:%s" = where, code, library, function, reason; tls_verify_cb, tls_create_ctx).
_SOFIA = ("freeswitch/sofia-sip libsofia-sip-ua/tport/tport_tls.c, tport_type_tls.c @ "
          "7333682a297f28130ff46d5ef0f9e2f72adca0e8")
PATTERNS += table("sofia_sip", _SOFIA, [
    (r"\bTLS (?:setup failed|post handshake error): [0-9a-f]{8}:",
     "FreeSWITCH (Sofia-SIP): a SIP TLS handshake failed; OpenSSL's library:function:reason "
     "follows", _HANDSHAKE, GENERIC),
    (r"\btls_create_ctx: (?:invalid local certificate|invalid private key|error loading CA "
     r"list): |\btls_create_ctx: private key does not match the certificate public key\b",
     "FreeSWITCH (Sofia-SIP) cannot load its TLS files (agent.pem / cafile.pem in the "
     "profile's tls-cert-dir)", _OWN_SERVER_FILE, REASON),
    (r"-Error with certificate at depth: \d{1,2}\b",
     "FreeSWITCH (Sofia-SIP): the peer's chain failed verification (tls-verify-policy); the "
     "err line names why", _UNTRUSTED, GENERIC),
    (r"\bPeer did not provide X\.509 Certificate\.",
     "FreeSWITCH (Sofia-SIP): the peer sent no certificate", _NO_PEER_CERT, SPECIFIC),
])

# -- Sendmail: sendmail/deliver.c (starttls: "connect failed"), sendmail/srvrsmtp.c ("accept
# failed"), sendmail/tls.c (tls_get_info: verify=, tlslogerr, tls_safe_f, file loading),
# cf/m4/proto.m4 (the tls_server / tls_client rulesets' reject texts).
_SENDMAIL = ("deepin-community/sendmail (Debian's sendmail 8.17) sendmail/deliver.c, "
             "sendmail/srvrsmtp.c, sendmail/tls.c, cf/m4/proto.m4 @ "
             "c7e7de44d95651fef2967c9e1623bb204f250bb3")
_SM_FAIL = r"\bSTARTTLS=(?:client|server), error: (?:connect|accept) failed=-?\d{1,4}, "
_SM_FILE = (r"file \S{1,300} unsafe: |error: (?:SSL_CTX_use_PrivateKey_file|"
            r"SSL_use_PrivateKey_file|SSL_CTX_use_certificate_file|SSL_CTX_use_certificate_chain_"
            r"file|SSL_use_certificate_file)\(|error: SSL_(?:CTX_)?check_private_key (?:2 )?failed")
PATTERNS += table("sendmail", _SENDMAIL, [
    (_SM_FAIL + r"reason=",
     "Sendmail: the STARTTLS handshake failed; OpenSSL's reason follows reason=",
     _HANDSHAKE, GENERIC),
    (r"\bSTARTTLS=client, error: connect failed=-?\d{1,4}, reason=unknown, SSL_error=5, "
     r"errno=0\b",
     "Sendmail: the receiving server hung up during the STARTTLS handshake without a reason "
     "(it refuses this side's TLS versions or ciphers, or a middlebox cut it)",
     _HANDSHAKE, SPECIFIC),
    (r"\bSTARTTLS=server, error: accept failed=-?\d{1,4}, reason=unknown, SSL_error=5, "
     r"errno=0\b",
     "Sendmail: the sending client hung up during the STARTTLS handshake without a reason (it "
     "refused this server's certificate, versions or ciphers; scanners do this too)",
     _ACCEPTED, SPECIFIC),
    (r"\bSTARTTLS=client, relay=[^\n]{0,200}, verify=FAIL\b",
     "Sendmail delivered over TLS but the receiving server's certificate did not verify "
     "against confCACERT / confCACERT_PATH (opportunistic TLS goes on; only a TLS_Srv entry "
     "makes it fatal)",
     "client_misconfiguration:.4 cert_untrusted_root:.35 cert_self_signed:.25", REASON),
    (r"\bSTARTTLS=server, relay=[^\n]{0,200}, verify=FAIL\b",
     "Sendmail: a client's certificate did not verify against confCACERT (harmless unless "
     "access rules such as TLS_Clt require it)",
     "cert_untrusted_root:.45 cert_self_signed:.3 server_misconfiguration:.25", REASON),
    (r"\bSTARTTLS=(?:client|server), relay=[^\n]{0,200}, verify=(?:OK|NO|NOT|TRUSTED)\b",
     "Sendmail: a STARTTLS session was set up (no verification failure)", "", REASON),
    (r"\bSTARTTLS=(?:client|server), relay=[^\n]{0,200}, verify=DANE_FAIL\b"
     r"|\breject=\d{3} \d\.\d\.\d{1,3} DANE check failed\b",
     "Sendmail: the server's certificate matches none of its DANE TLSA records", _DANE,
     REASON),
    (r"\bruleset=tls_server, arg1=SOFTWARE\b|\breject=\d{3} \d\.\d\.\d{1,3} TLS handshake "
     r"failed\.",
     "Sendmail refused to deliver in clear after the STARTTLS handshake failed (the "
     "STARTTLS=client error line before it says why)", _HANDSHAKE, CATEGORY),
    (r"\bruleset=tls_server, arg1=FAIL\b|\breject=\d{3} \d\.\d\.\d{1,3} authentication failed\b",
     "Sendmail: TLS_Srv requires a verified server certificate and it failed verification "
     "(confCACERT_PATH lacks its CA, or its chain is incomplete)",
     "client_misconfiguration:.4 cert_untrusted_root:.35 incomplete_chain:.25", REASON),
    (r"\bruleset=tls_client, arg1=FAIL\b",
     "Sendmail: an access rule (TLS_Clt) requires a verified client certificate and the "
     "client's failed verification", "cert_untrusted_root:.55 client_cert_required:.45",
     REASON),
    (r"\bruleset=tls_(?:server|client), arg1=NONE\b|\breject=\d{3} \d\.\d\.\d{1,3} other side "
     r"does not support STARTTLS\b",
     "Sendmail: TLS is required for this peer but it offered no STARTTLS",
     "server_misconfiguration:.55 middlebox_or_firewall_interference:.45", REASON),
    (r"\bruleset=tls_(?:server|client), arg1=NO\b|\breject=\d{3} \d\.\d\.\d{1,3} not "
     r"authenticated\b",
     "Sendmail: verification is required but the peer presented no certificate",
     _NO_PEER_CERT, REASON),
    (r"\breject=\d{3} \d\.\d\.\d{1,3} STARTTLS disabled locally\b",
     "Sendmail: TLS is required for this peer but STARTTLS is switched off here "
     "(the access map's Try_TLS / confTLS settings)", _OWN_CLIENT_FILE, REASON),
    (r"\bSTARTTLS=(?:client|server), cert-subject=[^\n]{0,600}, verifymsg=",
     "Sendmail: the peer's certificate did not verify; OpenSSL's verify result follows",
     _UNTRUSTED, GENERIC),
    (r"\bSTARTTLS: \w{1,20} cert verify: depth=\d{1,2} ",
     "Sendmail: a certificate of the peer's chain did not verify; the reason follows",
     _UNTRUSTED, GENERIC),
    (r"\bSTARTTLS=server(?:, |: )(?:" + _SM_FILE + r")",
     "Sendmail cannot use its own server certificate or key (confSERVER_CERT / "
     "confSERVER_KEY: path, owner/permissions — sendmail refuses group/world-readable keys)",
     _OWN_SERVER_FILE, REASON),
    (r"\bSTARTTLS=client(?:, |: )(?:" + _SM_FILE + r")",
     "Sendmail cannot use its own client certificate or key (confCLIENT_CERT / "
     "confCLIENT_KEY: path, owner/permissions)", _OWN_CLIENT_FILE, REASON),
])

# -- OpenSMTPD: usr.sbin/smtpd/mta_session.c (the outgoing "mta"/"smtp-out" side),
# smtp_session.c (the incoming "smtp" side); its libtls's texts (openbsd-compat/libtls).
_OPENSMTPD = ("OpenSMTPD/OpenSMTPD usr.sbin/smtpd/mta_session.c, smtp_session.c, smtpd.c, "
              "openbsd-compat/libtls/tls.c, tls_client.c @ "
              "3153385b02a0a155690061767491ca4009ccd4ee")
PATTERNS += table("opensmtpd", _OPENSMTPD, [
    (r"\bname `[^'\n]{1,300}' not present in server certificate\b",
     "OpenSMTPD (libtls): the receiving server's certificate does not name the MX host",
     "hostname_mismatch:.85 client_misconfiguration:.15", REASON),
    (r"\bIO Error: (?:handshake failed|certificate verification failed): "
     r"|\breason=\"?io-error: handshake failed: ",
     "OpenSMTPD: a TLS handshake failed; libtls/OpenSSL's reason follows",
     _HANDSHAKE, CATEGORY),
    (r"\bopportunistic TLS failed, downgrading to plain\b",
     "OpenSMTPD: STARTTLS to the receiving server failed, so it retried without TLS (the mail "
     "went in clear)", _HANDSHAKE, SPECIFIC),
    (r"\bTLS required but not supported by remote host\b",
     "OpenSMTPD: the relay requires TLS (tls / smtps) but the receiving server offered no "
     "STARTTLS", "server_misconfiguration:.55 middlebox_or_firewall_interference:.45", REASON),
    (r"\bSTARTTLS rejected: ",
     "OpenSMTPD: the receiving server refused the STARTTLS command",
     "server_misconfiguration:.55 middlebox_or_firewall_interference:.45", REASON),
    (r"\bmta cert-check result=\"unverified\"",
     "OpenSMTPD: the receiving server's certificate did not verify (sent anyway: relay "
     "without `tls verify`)",
     "cert_untrusted_root:.35 cert_self_signed:.3 incomplete_chain:.2 hostname_mismatch:.15",
     REASON),
    (r"\bsmtp disconnected reason=tls-accept-failed\b",
     "OpenSMTPD could not start TLS on an incoming connection (its listener's pki)",
     "server_misconfiguration:.55 non_tls_service_on_port:.45", SPECIFIC),
    (r"\bmta closing reason=tls-(?:failure|connect-failed)\b",
     "OpenSMTPD could not set up TLS for an outgoing connection (its relay's tls/ca settings)",
     _OWN_CLIENT_FILE, SPECIFIC),
    (r"\bload_pki_tree: (?:missing certificate file|failed to load certificate file)\b",
     "OpenSMTPD: a pki entry's certificate file is missing or unreadable (smtpd.conf "
     "`pki NAME cert \"file\"`)", _OWN_SERVER_FILE, REASON),
])

# -- Courier: courier-libs tcpd/libcouriertls.c (OpenSSL back end: "couriertls: <where>:
# <ERR_error_string>"), tcpd/libcouriergnutls.c (GnuTLS back end's verify messages).
_COURIER = ("svarshavchik/courier-libs tcpd/libcouriertls.c, tcpd/libcouriergnutls.c @ "
            "2a13a234cc337c29e2c4826cc079c16086341b79")
PATTERNS += table("courier", _COURIER, [
    (r"\bcouriertls: (?:connect|accept|read|write): ",
     "Courier (couriertls): TLS failed; the library's reason follows", _HANDSHAKE, GENERIC),
    (r"\bcouriertls: Mismatched SSL certificate: CN=",
     "Courier: the server's certificate names another host than the one it connected to",
     "hostname_mismatch:.85 client_misconfiguration:.15", REASON),
    (r"\bPeer's certificate not signed by a trusted authority\b",
     "Courier (GnuTLS): the peer's certificate is not signed by a CA in TLS_TRUSTCERTS",
     _UNTRUSTED, REASON),
    (r"\bPeer's certificate is revoked\b",
     "Courier (GnuTLS): the peer's certificate is revoked", "cert_revoked:.95 "
     "server_misconfiguration:.05", REASON),
    (r"\bInvalid peer certificate authority\b",
     "Courier (GnuTLS): a certificate above the peer's is not a valid CA",
     "cert_untrusted_root:.55 bad_chain_order_or_extra:.45", REASON),
    (r"\bPeer's certificate does not use a secure checksum\b",
     "Courier (GnuTLS): the peer's certificate is signed with an insecure hash",
     "weak_signature_or_key:.9 server_misconfiguration:.1", REASON),
    (r"\bNo certificate supplied by peer\b",
     "Courier: the peer sent no certificate (TLS_VERIFYPEER requires one)",
     _NO_PEER_CERT, REASON),
    (r"\bcouriertls: TLS_TRUSTCERTS not set\b",
     "Courier: peer verification is on but TLS_TRUSTCERTS names no CA file",
     "client_misconfiguration:.55 server_misconfiguration:.45", REASON),
])

# -- Cyrus IMAP: imap/tls.c (tls_start_servertls: "%s in SSL_accept() -> fail", the engine's
# setup), imap/imapd.c, imap/mupdate.c, imap/sync_server.c ("TLS negotiation failed: %s").
_CYRUS = ("cyrusimap/cyrus-imapd imap/tls.c, imap/imapd.c, imap/mupdate.c, imap/sync_server.c "
          "@ 1f3a12931114d95a12c938d043d53a2cbcaf3eca")
PATTERNS += table("cyrus", _CYRUS, [
    (r"\bTLS negotiation failed: \S{1,200}$",
     "Cyrus: the TLS handshake with a connecting client failed (imapd's debug log names "
     "OpenSSL's reason as \"... in SSL_accept() -> fail\")", _ACCEPTED, SPECIFIC),
    (r"\bin SSL_accept\(\) -> fail\b",
     "Cyrus: SSL_accept failed; OpenSSL's reason is before \"in SSL_accept()\"",
     _ACCEPTED, GENERIC),
    (r"\bTLS (?:server|client) engine: cannot load cert/key data, may be a cert/key mismatch\?"
     r"|\bunable to get (?:certificate|private key) from '|\bPrivate key '[^'\n]{0,300}' does "
     r"not match public key '",
     "Cyrus cannot use its own certificate or key (tls_server_cert / tls_server_key in "
     "imapd.conf: path, permissions for the cyrus user, or a mismatched pair)",
     _OWN_SERVER_FILE, REASON),
    (r"\bTLS server engine: No client cert CA specified\b",
     "Cyrus: client certificates are requested but tls_client_ca_file/dir is not set",
     _OWN_SERVER_FILE, REASON),
])

# -- SSSD: src/providers/ldap/sdap_async_connection.c, src/util/sss_ldap.c (the syslog line
# "Could not start TLS encryption." and the debug log's "ldap_install_tls failed").
_SSSD = ("SSSD/sssd src/providers/ldap/sdap_async_connection.c, src/util/sss_ldap.c @ "
         "9238b410e4b34bcbaff8e66f057a1e9fd9c14f33")
PATTERNS += table("sssd", _SSSD, [
    (r"\bCould not start TLS(?: encryption)?\.",
     "SSSD could not start TLS to the LDAP server (usually ldap_tls_cacert does not hold the "
     "server's CA; the debug log's ldap_install_tls line has OpenSSL's reason)",
     "cert_untrusted_root:.4 hostname_mismatch:.2 cert_expired:.15 "
     "protocol_version_mismatch:.15 non_tls_service_on_port:.1", SPECIFIC),
    (r"\bldap_(?:install|start)_tls failed: ",
     "SSSD: TLS to the LDAP server failed; libldap's diagnostic follows",
     "cert_untrusted_root:.4 hostname_mismatch:.2 cert_expired:.15 "
     "protocol_version_mismatch:.15 non_tls_service_on_port:.1", GENERIC),
])

# -- CUPS: scheduler/client.c ("Unable to encrypt connection: %s" with the TLS library's
# message; 2.2's "Unable to encrypt connection from %s - %s"), cups/tls-darwin.c's client
# messages (also in every locale's cups.pot).
_CUPS = ("OpenPrinting/cups scheduler/client.c, cups/tls-darwin.c, cups/tls-gnutls.c "
         "(v2.4.10 and HEAD @ d19bccfed26ac02b24dac80ba0258588dbeaea61)")
PATTERNS += table("cups", _CUPS, [
    (r"\bUnable to encrypt connection(?: from \S{1,200} -|:) ",
     "cupsd: TLS with a connecting client failed; the TLS library's reason follows",
     _ACCEPTED, GENERIC),
    (r"\bUnable to establish a secure connection to host \(untrusted certificate\)",
     "CUPS: the printer's or server's certificate is not trusted", _UNTRUSTED, REASON),
    (r"\bUnable to establish a secure connection to host \(self-signed certificate\)",
     "CUPS: the printer presents a self-signed certificate",
     "cert_self_signed:.85 server_misconfiguration:.15", REASON),
    (r"\bUnable to establish a secure connection to host \(expired certificate\)",
     "CUPS: the printer's certificate has expired", _LEAF_EXPIRED, REASON),
    (r"\bUnable to establish a secure connection to host \(certificate not yet valid\)",
     "CUPS: the printer's certificate is not valid yet", NOT_YET_CAUSES, REASON),
    (r"\bUnable to establish a secure connection to host \(host name mismatch\)",
     "CUPS: the printer's certificate names another host",
     "hostname_mismatch:.85 client_misconfiguration:.15", REASON),
    (r"\bUnable to establish a secure connection to host \(certificate chain invalid\)",
     "CUPS: the printer's certificate chain is invalid",
     "incomplete_chain:.4 cert_untrusted_root:.35 bad_chain_order_or_extra:.25", REASON),
    (r"\bUnable to establish a secure connection to host \(peer dropped connection before "
     r"responding\)",
     "CUPS: the printer closed the connection during the TLS handshake", _HANDSHAKE, SPECIFIC),
    (r"\bUnable to establish a secure connection to host\.",
     "CUPS: TLS to the printer or server failed (no reason given)", _HANDSHAKE, GENERIC),
    (r"\bCredentials do not validate against site CA certificate\.",
     "CUPS: the printer's certificate is not signed by the site CA CUPS trusts",
     "cert_untrusted_root:.6 client_misconfiguration:.4", REASON),
    (r"\bTrust on first use is disabled\.",
     "CUPS: the printer's certificate is not one CUPS trusts and TrustOnFirstUse is No "
     "(client.conf)", "client_misconfiguration:.55 cert_self_signed:.45", REASON),
    (r"\bNew credentials are not valid for name\.|\bNo stored credentials, not valid for name\.",
     "CUPS: the printer's certificate does not name the host",
     "hostname_mismatch:.85 client_misconfiguration:.15", REASON),
    (r"\bCredentials have expired\.",
     "CUPS: the printer's certificate has expired", _LEAF_EXPIRED, REASON),
    (r"\bSelf-signed credentials are blocked\.",
     "CUPS: the printer's certificate is self-signed and AllowAnyRoot is No (client.conf)",
     "cert_self_signed:.6 client_misconfiguration:.4", REASON),
    (r"\bNew credentials are older than stored credentials\.",
     "CUPS: the printer now presents an older certificate than the one CUPS pinned",
     "tls_interception_mitm:.45 server_misconfiguration:.3 client_misconfiguration:.25",
     REASON),
])


def _cyrus_reasons() -> tuple[Pattern, ...]:
    """Cyrus logs OpenSSL's bare reason before " in SSL_accept() -> fail" (imap/tls.c
    tls_start_servertls, ERR_reason_error_string): every judged OpenSSL reason, read as a
    server's (its server reading where OpenSSL's judgement has one)."""
    from .openssl import server_reading
    out = []
    for entry in entries("openssl"):
        if entry.kind != "reason":
            continue
        verdict = judge(entry)
        if verdict is None or verdict.kind != "causes" or not verdict.causes:
            continue
        name = entry.id.removeprefix("SSL_R_")
        # a server's reading where OpenSSL's judgement has one (() for a client that left:
        # understood, no fault), else the reason's own causes
        own = server_reading(name)
        cs = own if own is not None else causes(verdict.causes)
        rx = rf"(?:^|: |\]: ){re.escape(entry.text)} in SSL_accept\(\) -> fail\b"
        out.append(Pattern(source="cyrus", rx=rx,
                           meaning=f"Cyrus: SSL_accept failed: {entry.text} (OpenSSL "
                                   f"{entry.id})",
                           causes=cs, provenance=f"{_CYRUS}; reason {entry.id}",
                           spec=verdict.spec, needle=f"{entry.text.lower()} in ssl_accept",
                           server_causes=own, id=f"cyrus.reason.{name}", upstream=entry.id))
    return tuple(out)


PATTERNS += _cyrus_reasons()
