"""Asterisk's TCP/TLS layer (asterisk/asterisk main/tcptls.c, main/iostream.c): SIP over
TLS, WebSocket, HTTPS and AMI, as a server mostly (chan_pjsip/chan_sip listeners) and as a
client (outbound TLS registrations).

"Problem setting up ssl connection: <OpenSSL error>, <SSL_get_error text>" carries the
OpenSSL error, read by those tables; alone, and "Unable to set up ssl connection with
peer", are a failed handshake with no reason. The verify lines are Asterisk's own checks
after the handshake (tlsverifyclient, tlsdontverifyserver off); the load lines are its own
tlscertfile/tlsprivatekey/tlscafile/tlscipher settings, a server's in most reports.
"""

from __future__ import annotations

from . import _common as common

_OWN_FILES = "server_misconfiguration:.7 client_misconfiguration:.3 | reason"

JUDGE = {
    "Problem setting up ssl connection: %s, %s": common.HANDSHAKE,
    "Unable to set up ssl connection with peer '%s'": common.HANDSHAKE,
    # verify asked and the peer sent none: a SIP client without a certificate, mostly
    "No SSL certificate to verify from peer '%s'": "client_cert_required:.6 "
                                                   "server_misconfiguration:.4 | specific",
    "Certificate from peer '%s' did not verify: %s": common.CERT_ANY + " | category",
    "Certificate common name from peer '%s' did not match (%s)": common.HOSTNAME,
    "TLS/SSL error loading cert file. <%s>": _OWN_FILES,
    "TLS/SSL error loading private key file. <%s>": _OWN_FILES,
    "TLS/SSL error loading public %s key (certificate) from <%s>.": _OWN_FILES,
    "TLS/SSL error loading private %s key from <%s>.": _OWN_FILES,
    "TLS/SSL CA file(%s)/path(%s) error": _OWN_FILES,
    "TLS/SSL cipher error <%s>": _OWN_FILES,
    "TLS/SSL error matching private %s key and certificate in <%s>.": common.KEY_MISMATCH,
    "Invalid certificate %s length (contains NULL bytes?)": common.BAD_CERT_FORMAT,
    "TLS client failed: Asterisk is compiled without OpenSSL support. Install OpenSSL "
    "development headers and rebuild Asterisk after running ./configure": common.CLIENT_CONFIG,
    "TLS server failed: Asterisk is compiled without OpenSSL support. Install OpenSSL "
    "development headers and rebuild Asterisk after running ./configure": common.SERVER_CONFIG,
    "SSL not enabled in this build": "server_misconfiguration:.6 client_misconfiguration:.4"
                                     " | reason",
    "Usage of SSLv2 is discouraged due to known vulnerabilities. Please use 'tlsv1' or "
    "leave the TLS method unspecified!": "obsolete_protocol_enabled:1 | specific",
    "Usage of SSLv3 is discouraged due to known vulnerabilities. Please use 'tlsv1' or "
    "leave the TLS method unspecified!": "obsolete_protocol_enabled:1 | specific",
    "Unable to set SNI hostname '%s' on connection '%s'": common.CLIENT_CONFIG,
    "Unable to set SNI hostname '%s'": common.CLIENT_CONFIG,
}

RULES = (
    (r".", "not_tls", "sockets, threads, shutdown and build warnings: no handshake failed"),
)
