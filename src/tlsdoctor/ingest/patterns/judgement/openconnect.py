"""OpenConnect (openconnect/openconnect gnutls.c, openssl.c, ssl.c, http.c, main.c): the VPN
client's own TLS lines.

OpenConnect checks the VPN server's certificate itself and prints one reason after "Server
certificate verify failed: " (an info line, printed as well when a --servercert pin then
accepts the certificate), then, when nothing accepted it, again after "Reason: " in its
prompt ("Certificate from VPN server ... failed verification."), with the --servercert pin
that would accept it. The
GnuTLS build (Debian's, Fedora's) prints its own reasons, from the verify status bits:
"signer not found" is GNUTLS_CERT_SIGNER_NOT_FOUND, which a private CA not given with
--cafile, a self-signed server (ocserv's default) and a missing intermediate all set. The
OpenSSL build prints X509_verify_cert_error_string() there (read by OpenSSL's table), and
"SSL connection failure: %s" carries gnutls_strerror() (GnuTLS's table). The client's own
certificate and key files (--certificate, --sslkey, --cafile) are the client's to fix."""

from __future__ import annotations

from . import _common as common

_OWN = "client_misconfiguration:1 | reason"
_NO_CERT = "server_misconfiguration:.6 tls_interception_mitm:.4 | reason"
_PROMPT = common.CERT_ANY + " | category"
JUDGE = {
    # Its verify reasons (gnutls.c verify_peer, openssl.c).
    "signer not found": common.UNTRUSTED + " | reason",
    "signer not a CA certificate": "bad_chain_order_or_extra:.5 cert_wrong_purpose:.5 | reason",
    "insecure algorithm": common.WEAK_SIG,
    "certificate not yet activated": common.NOT_YET,
    "certificate expired": common.EXPIRED,
    "certificate revoked": common.REVOKED,
    # GNUTLS_CERT_INVALID and no other bit: a signature in the chain does not verify.
    "signature verification failed": common.STALE_CA,
    "certificate does not match hostname": common.HOSTNAME,
    # An info line: printed too when --servercert accepts the certificate (remote17.py).
    "Server certificate verify failed: %s": common.CERT_ANY + " | generic",
    'Certificate from VPN server "%s" failed verification.\nReason: %s': _PROMPT,
    "To trust this server in future, perhaps add this to your command line:":
        common.CERT_ANY + " | generic",
    # --servercert pins a key the server no longer has (a renewed certificate), or someone
    # in between answers: below 0.6.
    "None of the %d fingerprint(s) specified via --servercert match server's certificate: %s":
        "client_misconfiguration:.55 tls_interception_mitm:.45 | reason",
    "Could not check server's certificate against %s": common.CLIENT_CONFIG,
    "Unknown certificate hash: %s.": common.CLIENT_CONFIG,
    'Insecurely accepting certificate from VPN server "%s" because you ran with '
    "--servercert=ACCEPT.": "no_fault",
    # The TLS handshake itself: GnuTLS's or OpenSSL's words follow or precede.
    "SSL connection failure: %s": common.HANDSHAKE,
    "SSL connection failure": common.HANDSHAKE,
    "Failed to open HTTPS connection to %s": common.HANDSHAKE,
    "Server presented no certificate": _NO_CERT,
    "Error importing server's cert": _NO_CERT,
    "Server presented different cert on rehandshake":
        "tls_interception_mitm:.5 server_misconfiguration:.5",
    "No altname in peer cert matched '%s'": common.HOSTNAME,
    "Peer cert subject mismatch ('%s' != '%s')": common.HOSTNAME,
    "No subject name in peer cert!": "hostname_mismatch:.6 server_misconfiguration:.4",
    # The server's ClientCertAuthFailed hint (http.c): it refused this client's certificate.
    "SSL certificate authentication failed": common.CLIENT_CERT,
    # The client's own certificate (--certificate) and key.
    "Client certificate has expired at": "client_misconfiguration:.6 cert_expired:.4 | reason",
    "Client certificate expires soon at": "no_fault",
    "SSL certificate and key do not match": _OWN,
    "No SSL certificate found to match private key": _OWN,
    "Loading certificate failed. Aborting.": _OWN,
    "Loading certificate failed: %s": _OWN,
    "Loading certificate failed": _OWN,
    "Loading private key failed (wrong passphrase?)": _OWN,
    "Failed to read certs from CA file '%s'": _OWN,
    "Failed to read certs from cafile: %s": _OWN,
    "Failed to open CA file '%s': %s": _OWN,
    "Failed to open CA file '%s'": _OWN,
    'Failed to set GnuTLS priority string ("%s"): %s': _OWN,
    'Failed to set OpenSSL cipher list ("%s")': _OWN,
    "Could not set ciphersuites: %s": _OWN,
    "Only https:// permitted for server URL": _OWN,
    "Connected to HTTPS on %s with ciphersuite %s": "no_fault",
    "Private key appears not to support RSA-PSS. Disabling TLSv1.3": "no_fault",
    "Server presented identical cert on rehandshake": "no_fault",
}

RULES = (
    (r"(?i)^(?:Failed to (?:open|stat|read|load|decrypt|process|use|install|interpret) "
     r"(?!from |HTTPS )|"
     r"Parse PKCS#12|PKCS#12 contained no|Importing X509|Setting certificate|"
     r"Error loading system)[^\t]*\t", _OWN,
     "the client's own certificate, key or CA file (--certificate, --sslkey, --cafile)"),
    (r".", "not_tls", "connection progress, authentication forms, TPM and PKCS#11 tokens, "
     "DTLS and ESP, debug lines"),
)
