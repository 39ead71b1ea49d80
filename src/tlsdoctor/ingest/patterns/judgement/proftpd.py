"""ProFTPD's mod_tls (proftpd/proftpd contrib/mod_tls.c): every TLSLog line and reply.

mod_tls names the reason itself after "unable to accept TLS connection: " (tls_accept, the
server's side) and "unable to connect using TLS connection: " (tls_connect, its data
connections in active mode); "protocol error: " is followed by OpenSSL's error queue, which
the OpenSSL table reads. Its session-reuse rule on data connections ("client did not reuse
TLS session, rejecting data connection (see the NoSessionReuseRequired TLSOptions
parameter)") is judgement/_ftp.py's REUSE. "SSL/TLS required but absent" is TLSRequired
meeting a plain client. The certificate and key file lines are the server's own set-up.
Handshake traces ("[msg] ...", "[info] ...") and statistics lines are no fault; the rest
(OCSP plumbing, PRNG, session cache, crypto devices) is not about a failed connection."""

from __future__ import annotations

from . import _common as common
from . import _ftp as ftp

_ACC = "unable to accept TLS connection: "
_CON = "unable to connect using TLS connection: "
_EOF = ("middlebox_or_firewall_interference:.35 cert_untrusted_root:.25 cert_self_signed:.15 "
        "protocol_version_mismatch:.15 non_tls_service_on_port:.1 | category")
_CLIENT_CERT_REFUSED = "client_cert_required:.75 client_misconfiguration:.25 | reason"
_SNI = "sni_required_or_mismatch:.8 client_misconfiguration:.2 | reason"

JUDGE = {
    "client did not reuse TLS session, rejecting data connection (see the "
    "NoSessionReuseRequired TLSOptions parameter)": ftp.REUSE,
    "client did not reuse TLS session from control channel, rejecting data connection (see "
    "the NoSessionReuseRequired TLSOptions parameter)": ftp.REUSE,
    "rejecting data connection (see TLSOption NoSessionReuseRequired)": ftp.REUSE,
    _ACC + "received EOF that violates protocol": _EOF,
    _CON + "received EOF that violates protocol": _EOF,
    _ACC + "usually this indicates an FTP-aware router, NAT, or firewall interfering with "
           "the TLS handshake": _EOF,
    _ACC + "TLS connection closed": ftp.ACCEPTED,
    _CON + "TLS connection closed": ftp.DATA_HANDSHAKE,
    _ACC + "system call error: [%d] %s": common.RESET,
    _CON + "system call error: [%d] %s": common.RESET,
    _ACC + "system call error: %s": common.RESET,
    _CON + "system call error: %s": common.RESET,
    _ACC + "protocol error: %s": ftp.ACCEPTED,
    _CON + "protocol error: %s": ftp.DATA_HANDSHAKE,
    _ACC + "perhaps client requested disabled TLS protocol version: %s": common.VERSION_OR_CLIENT,
    _ACC + "perhaps client requested unsupported TLS protocol version: %s":
        common.VERSION_OR_CLIENT,
    _ACC + "%s lacks support for client requested TLS protocol version: %s":
        common.VERSION_OR_CLIENT,
    _ACC + "client does not support any cipher from 'TLSCipherSuite %s' or 'TLSCipherSuite "
           "TLSv1.3 %s' (see `openssl ciphers` for full list)": common.CIPHER,
    _ACC + "client does not support any cipher from 'TLSCipherSuite %s' (see `openssl "
           "ciphers %s` for full list)": common.CIPHER,
    _ACC + "client did not provide certificate, but one is required via 'TLSVerifyClient on'":
        common.CLIENT_CERT,
    "unable to verify '%s': client did not provide certificate": common.CLIENT_CERT,
    "TLS negotiation timed out (%u seconds)": common.HANDSHAKE_TIMEOUT,
    "warning: SNI '%s' does not match HOST '%s', rejecting SSL/TLS connection": _SNI,
    "no matching server found for client-sent SNI '%s', rejecting SSL/TLS connection": _SNI,
    "TLSEngine not enabled for SNI '%s', rejecting client": _SNI,
    "client-requested protocol version %s not supported by SNI '%s' host":
        common.VERSION_OR_CLIENT,
    "error initializing OpenSSL session for SNI '%s'": ftp.SERVER_FILES,
    "client cert dNSName SANs do not match remote name '%s'": _CLIENT_CERT_REFUSED,
    "client cert iPAddress SANs do not match client IP '%s'": _CLIENT_CERT_REFUSED,
    "client cert CommonName does not match client FQDN '%s'": _CLIENT_CERT_REFUSED,
    "client cert missing required X509v3 CommonName": _CLIENT_CERT_REFUSED,
    "client cert missing required X509v3 SubjectAltName dNSName": _CLIENT_CERT_REFUSED,
    "client cert missing required X509v3 SubjectAltName iPAddress": _CLIENT_CERT_REFUSED,
    # The OpenSSL verify text follows: the client's certificate, refused.
    "error: unable to verify certificate at depth %d: %s":
        "client_cert_required:.6 cert_untrusted_root:.4 | category",
    "client certificate failed verification: %s":
        "client_cert_required:.6 cert_untrusted_root:.4 | category",
    "error verifying client certificate: [%d] %s":
        "client_cert_required:.6 cert_untrusted_root:.4 | category",
    "unable to verify '%s' server certificate: %s": "elsewhere",
    "unable to verify '%s': server did not provide certificate":
        "server_misconfiguration:.6 tls_interception_mitm:.4 | reason",
    "CRL is expired, revoking all certificates until an updated CRL is obtained":
        "server_misconfiguration:.8 client_cert_required:.2 | reason",
    "CRL is not yet valid, ignoring all certificates until an updated CRL is obtained":
        "server_misconfiguration:.6 client_clock_wrong:.4 | reason",
    "client cert '%s' has '%s' (%d) status according to OCSP responder at '%s'":
        "cert_revoked:.55 client_cert_required:.45 | specific",
    "SSL/TLS required but absent for authentication, denying %s command": ftp.TLS_REQUIRED,
    "SSL/TLS required but absent on control channel, denying %s command": ftp.TLS_REQUIRED,
    "SSL/TLS required but absent on data channel, denying %s command": ftp.TLS_REQUIRED,
    "SSL/TLS required but absent on control channel, disconnecting": ftp.TLS_REQUIRED,
    "%s command denied by TLSRequired in directory '%s'": ftp.TLS_REQUIRED,
    "R_550 SSL/TLS required on the control channel": ftp.TLS_REQUIRED,
    "R_522 SSL/TLS required on the data channel": ftp.TLS_REQUIRED,
    "%s: TLSRequired requires protection for data transfers": ftp.TLS_REQUIRED,
    "%s: TLSRequired does not allow protection for data transfers":
        "server_misconfiguration:.5 client_misconfiguration:.5 | reason",
    "%s: unwilling to accept security parameters: TLSRequired setting does not allow for "
    "unprotected control channel": ftp.SEQUENCE + " | reason",
    "%s: unwilling to accept security parameters": ftp.SEQUENCE + " | specific",
    "%s: unwilling to accept security parameter (%s)": ftp.SEQUENCE + " | specific",
    "Unwilling to accept AUTH after AUTH for this session": ftp.SEQUENCE + " | specific",
    "Unwilling to accept AUTH after CCC for this session": ftp.SEQUENCE + " | specific",
    "Unwilling to accept AUTH after USER/PASS authentication for this session unless "
    "AllowPerUser TLSOption is used": ftp.SEQUENCE + " | specific",
    "R_534 Unwilling to accept security parameters": ftp.SEQUENCE + " | specific",
    "R_533 CCC not allowed on insecure control connection": ftp.SEQUENCE + " | specific",
    "R_503 PBSZ not allowed on insecure control connection": ftp.SEQUENCE + " | specific",
    "R_503 PROT not allowed on insecure control connection": ftp.SEQUENCE + " | specific",
    "R_536 PROT %s unsupported": ftp.SEQUENCE,
    "R_504 PROT %s unsupported": ftp.SEQUENCE,
    "Unable to accept AUTH %s due to lack of certificates": ftp.SERVER_FILES,
    "R_431 Necessary security resource unavailable": ftp.SERVER_FILES,
    "AUTH %s unsupported, declining": ftp.SEQUENCE + " | specific",
    "%s protocol denied by Protocols config":
        "server_misconfiguration:.5 client_misconfiguration:.5 | specific",
    "TLS/TLS-C negotiation failed on control channel": ftp.ACCEPTED,
    "SSL/TLS-P negotiation failed on control channel": ftp.ACCEPTED,
    "implicit SSL/TLS negotiation failed on control channel": ftp.ACCEPTED,
    "unable to open data connection: TLS negotiation failed": ftp.DATA_HANDSHAKE,
    "unable to open data connection: TLS connection failed": ftp.DATA_HANDSHAKE,
    "unable to open data connection: control/data certificate mismatch":
        "client_cert_required:.5 client_misconfiguration:.5 | specific",
    "warning: client-initiated session renegotiation detected, aborting connection":
        "client_misconfiguration:.55 middlebox_or_firewall_interference:.45",
    "requested TLS renegotiation timed out on control channel":
        "server_misconfiguration:.55 client_misconfiguration:.45 | specific",
    "requested TLS renegotiation timed out on data channel":
        "server_misconfiguration:.55 client_misconfiguration:.45 | specific",
    "unexpected OpenSSL error, disconnecting": ftp.ACCEPTED,
    "panic: SSL_ERROR_SYSCALL, line %d: EOF that violates protocol": _EOF,
    "panic: SSL_ERROR_SSL, line %d: %s": ftp.ACCEPTED,
    "unable to start session: null SSL_CTX": ftp.SERVER_FILES,
    "error: unable to start session: %s": ftp.SERVER_FILES,
    "error initializing OpenSSL context for this session": ftp.SERVER_FILES,
    "no TLSRSACertificateFile, TLSDSACertificateFile, TLSECCertificateFile, or TLSPKCS12File "
    "configured; unable to handle SSL/TLS connections": ftp.SERVER_FILES,
}

RULES = (
    (r"^\[(?:msg|info|stat)\]|accepted, using cipher|connection created, using cipher|"
     r"renegotiat(?:ed|ion accepted)|reused TLS session for|client supports secure|"
     r"requested, starting TLS handshake|^making TLS connection|^(?:Client|Server): %s",
     "no_fault", "handshake traces, statistics and success lines"),
    (r"^error checking key from \w+", common.KEY_MISMATCH,
     "the certificate file and key file are not a pair"),
    (r"^(?:unable to read certificate|error (?:reading|loading|opening|parsing info in) TLS"
     r"\w*File|error loading (?:certificate|key) from TLSPKCS12File|unable to set CA "
     r"verification|unable to read certificates in|error loading TLSCARevocation)",
     ftp.SERVER_FILES, "the server's own certificate, key, CA or CRL file"),
    (r".", "not_tls", "OCSP and session-cache plumbing, PRNG, crypto devices, .tlslogin"),
)
