"""FreeRDP (FreeRDP/FreeRDP 2.9.0 and 3.x: libfreerdp/crypto/tls.c, crypto.c, x509_utils.c,
core/nego.c, core/nla.c, core/errconnect.c, client/common/client.c): the RDP client's own TLS
lines, logged by WLog "[time] [pid:tid] [LEVEL][com.freerdp.<module>] - <text>".

An RDP host's certificate is self-signed unless someone deployed one (Windows makes its own,
xrdp ships a snakeoil one), so a refused certificate ranks self-signed first; FreeRDP asks
("Do you trust the above certificate? (Y/T/N)") and, refused or unattended, logs
"certificate not trusted, aborting." then ERRCONNECT_TLS_CONNECT_FAILED. Its verify callback
prints OpenSSL's verify string and number ("Certificate verification failure '%s (%d)' at
stack position %d"), read for every X509_V_ERR text by patterns/remote17.py. A certificate
that differs from the one accepted before (known_hosts2): the host's regenerated
self-signed certificate (Windows renews its own) or someone in between. CredSSP (NLA) binds
the server's TLS public key: an echo that does not match means TLS ended somewhere else.
The "host key ... has changed" banner lines are OpenSSH's own sentences (FreeRDP copied
them): only FreeRDP's own first line is read."""

from __future__ import annotations

from . import _common as common

_REFUSED = ("cert_self_signed:.4 cert_untrusted_root:.25 hostname_mismatch:.15 cert_expired:.1 "
            "tls_interception_mitm:.1")
_CHANGED = "cert_self_signed:.55 tls_interception_mitm:.45 | reason"
_NO_CERT = "server_misconfiguration:.6 tls_interception_mitm:.4 | reason"
# The TLS stage failed and the line does not say why: a refused certificate (the words
# before it say so), or no TLS version or suite in common (FreeRDP 2 on OpenSSL 3 against
# an old Windows host that speaks only TLS 1.0: /tls-seclevel:0).
_TLS_FAILED = ("cert_self_signed:.25 protocol_version_mismatch:.25 cert_untrusted_root:.2 "
               "cipher_suite_mismatch:.15 hostname_mismatch:.15 | category")
_NEGO = ("server_misconfiguration:.4 client_misconfiguration:.4 protocol_version_mismatch:.2 "
         "| category")
_ECHO = "tls_interception_mitm:.7 server_misconfiguration:.3 | reason"
_SERVER_FILE = common.SERVER_CONFIG
JUDGE = {
    # FreeRDP's own sentences: OpenSSL's "certificate not trusted" and "certificate has
    # expired" inside them are not OpenSSL's verdicts ("exact": they outrank those texts).
    "certificate not trusted, aborting.": _REFUSED + " | exact",
    "The above X.509 certificate could not be verified, possibly because you do not have the "
    "CA certificate in your certificate store, or the certificate has expired. Please look at "
    "the OpenSSL documentation on how to add a private CA to the store.": _REFUSED + " | exact",
    "The above X.509 certificate could not be verified, possibly because you do not have":
        _REFUSED + " | exact",
    # The prompt's later lines, each on its own (a fold or a post can cut the block).
    "the CA certificate in your certificate store, or the certificate has expired.":
        _REFUSED + " | exact",
    "Please look at the OpenSSL documentation on how to add a private CA to the store.":
        _REFUSED + " | exact",
    "This may indicate that the certificate has been tampered with.": _CHANGED,
    "Do you trust the above certificate? (Y/T/N)": _REFUSED + " | generic",
    "No certificate stored, automatically denying.":
        "cert_self_signed:.4 cert_untrusted_root:.3 client_misconfiguration:.3 | category",
    "No certificate stored, automatically accepting.": "no_fault",
    "Certificate verification failure '%s (%d)' at stack position %d": "elsewhere",
    "VerifyX509Certificate failed: (length = %d) status: [%d] %s": common.CERT_ANY + " | category",
    "!!!Certificate for %s:%d (%s) has changed!!!": _CHANGED,
    "!!! Certificate has changed !!!": _CHANGED,
    "The above X.509 certificate does not match the certificate used for previous "
    "connections.": _CHANGED,
    "The host key for %s:%d has changed": _CHANGED,
    # The name-mismatch banner: "exact", above its refusal sentence that follows.
    "A valid certificate for the wrong name should NOT be trusted!": "hostname_mismatch:1 "
                                                                     "| exact",
    "does not match %s given in the certificate:": "hostname_mismatch:1 | exact",
    "The hostname used for this connection (%s:%d)": "hostname_mismatch:1 | exact",
    "[DANGER] Certificate not checked, /cert:ignore in use.": "no_fault",
    "[%s] certificate denied by configuration": common.CLIENT_CONFIG,
    "[%s] configuration denies user to accept certificates":
        "client_misconfiguration:.6 cert_self_signed:.4 | reason",
    "failed to get the server TLS certificate": _NO_CERT,
    "tls_get_certificate failed to return the server certificate.": _NO_CERT,
    "Missing server certificate": _NO_CERT,
    # Security negotiation (X.224 RDP_NEG_FAILURE from the server).
    "Error: SSL_REQUIRED_BY_SERVER": "client_misconfiguration:.7 server_misconfiguration:.3 "
                                     "| reason",
    # The host offers only RDP's own security (xrdp security_layer=rdp, Windows
    # SecurityLayer 0): /sec:rdp on this client connects at once; TLS on the host is better.
    "Error: SSL_NOT_ALLOWED_BY_SERVER": "client_misconfiguration:.6 server_misconfiguration:.4 "
                                        "| reason",
    "Error: SSL_CERT_NOT_ON_SERVER": common.SERVER_CONFIG,
    "Error: HYBRID_REQUIRED_BY_SERVER": "client_misconfiguration:.7 server_misconfiguration:.3 "
                                        "| reason",
    "Protocol Security Negotiation Failure": _NEGO,
    "No security protocol is enabled": common.CLIENT_CONFIG,
    # CredSSP's check of the TLS server key.
    "Could not verify server's public key echo": _ECHO,
    "Could not verify public key echo %s [0x%08d]": _ECHO,
    "Could not verify server's hash": _ECHO,
    "Error: could not verify client's public key echo %s [0x%08d]": _ECHO,
    # Its own TLS context (client options; a FreeRDP server's files).
    "SSL_CTX_set_min_proto_version %s failed": common.CLIENT_CONFIG,
    "SSL_CTX_set_max_proto_version %s failed": common.CLIENT_CONFIG,
    "SSL_CTX_set_min_proto_version %d failed": common.CLIENT_CONFIG,
    "SSL_CTX_set_max_proto_version %d failed": common.CLIENT_CONFIG,
    "SSL_CTX_set_cipher_list %s failed": common.CLIENT_CONFIG,
    "SSL_CTX_use_PrivateKey_file failed": _SERVER_FILE,
    "SSL_use_certificate_file failed": _SERVER_FILE,
    "BIO_new_file failed for private key %s": _SERVER_FILE,
    "BIO_new_file failed for certificate %s": _SERVER_FILE,
    # freerdp_set_last_error_ex's names and freerdp_get_last_error_string's texts.
    "ERRCONNECT_TLS_CONNECT_FAILED": _TLS_FAILED,
    "ERRCONNECT_TLS_CONNECT_FAILED.text": _TLS_FAILED,
    "ERRCONNECT_SECURITY_NEGO_CONNECT_FAILED": _NEGO,
    "ERRCONNECT_SECURITY_NEGO_CONNECT_FAILED.text": _NEGO,
    "ERRCONNECT_HYBRID_REQUIRED_BY_SERVER": "client_misconfiguration:.7 "
                                            "server_misconfiguration:.3 | reason",
    "ERRCONNECT_HYBRID_REQUIRED_BY_SERVER.text": "client_misconfiguration:.7 "
                                                 "server_misconfiguration:.3 | reason",
    "ERRCONNECT_DNS_NAME_NOT_FOUND": common.DNS,
    "ERRCONNECT_DNS_NAME_NOT_FOUND.text": common.DNS,
}

RULES = (
    (r".", "not_tls", "RDP, NLA authentication (logon, password, Kerberos), OpenSSH's "
     "host-key banner sentences, allocation and debug lines"),
)
