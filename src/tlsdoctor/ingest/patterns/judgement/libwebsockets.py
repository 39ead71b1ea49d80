"""libwebsockets (warmcat/libwebsockets lib/tls/**): its TLS log lines and the reasons its
TLS client hands the application (the CLIENT_CONNECTION_ERROR text programs print).

lws verifies with OpenSSL (or mbedTLS): its client logs OpenSSL's verify string with the
number ("SSL error: <text> (preverify_ok=0;err=<n>;depth=<d>)") and gives the application
"tls: <text>" or "server's cert didn't look good, tls=<kind> X509_V_ERR = <n>: ..." -- read
by number with the OpenSSL verify table's reading (patterns/embedded17.py). Its file lines
name whose file: the client's certificate files (openssl-client.c) or a vhost's
(openssl-server.c). "accepting ..." lines say a check was waived on purpose.
"""

from __future__ import annotations

from . import _common as common

_OWN_CLIENT = "client_misconfiguration:.8 server_misconfiguration:.2 | reason"

JUDGE = {
    "SSL error: %s (preverify_ok=%d;err=%d;depth=%d)": "elsewhere",
    "server's cert didn't look good, %s X509_V_ERR = %ld: %s": "elsewhere",
    "tls: %s": "elsewhere",
    "%s: %s": "elsewhere",
    "Hostname mismatch details: Expected='%s', Cert CN='%s'": common.HOSTNAME,
    "connect SYSCALL %d": common.RESET,
    "connect unk %d": common.HANDSHAKE,
    "client connect failed": common.HANDSHAKE,
    "mbedtls connect err %d %d": common.HANDSHAKE,
    "mbedtls connect %d %d %d": common.HANDSHAKE,  # 4.1's: mbedTLS's codes only
    "Private SSL key doesn't match cert": "client_misconfiguration:.7 "
                                           "server_misconfiguration:.3 | reason",
    "%s: client did not send a valid tls hello (default vhost %s) from %s":
        common.NOT_TLS_PORT,
    "%s: vhost has .invalid, rejecting accept": "sni_required_or_mismatch:.6 "
                                                "server_misconfiguration:.4",
    "%s: vhost %s matches SNI but no valid cert": common.SERVER_CONFIG,
    "%s: your tls lib is too old to have X509_VERIFY_PARAM_set1_host, failing all client "
    "tls": common.CLIENT_CONFIG,
}

RULES = (
    (r"didn't look good|^connect SSL err %d:", "elsewhere",
     "OpenSSL's (or mbedTLS's) verify result or error string inside: read by number"),
    (r"^accepting |^%s: allowing selfsigned", "no_fault",
     "a check the application waived on purpose"),
    (r"^(?:%s: )?(?:\(mbedtls\) )?(?:Loaded|Loading|using|doing) ", "not_tls",
     "what it loaded, said as it goes"),
    (r"did not send a valid tls hello", common.NOT_TLS_PORT,
     "a client that spoke something else than TLS to a TLS listener"),
    (r"^no peer cert$", "server_misconfiguration:.6 tls_interception_mitm:.4",
     "the server sent no certificate"),
    (r"(?i)Load CA cert file %s failed|couldn't find cert file|problem creating ssl context",
     "client_misconfiguration:.55 server_misconfiguration:.45",
     "a certificate or CA file this program could not load (client or vhost)"),
    (r"(?i)client ssl isn't going to work|client cert|client ca|SSL_CTX_set1_groups_list|"
     r"^%s: (?:use_certificate|use_privkey|couldn't read cert file|unable to use key_mem|"
     r"couldn't use mem cert|Unable to load x\.509 ca_mem)|getting private key|"
     r"use_PrivateKey_file|problem interpreting private key|problem %d getting cert",
     _OWN_CLIENT, "the client's own certificate, key or CA files"),
    (r"(?i)server ssl isn't going to work|server CA|problem getting cert|ssl problem getting "
     r"key|ssl private key not set|problem loading (?:cert|key)|couldn't find private key|"
     r"couldn't load (?:CA file|mem cert)|Problem loading mem key|problem interpreting cert|"
     r"Unknown curve name|Unable to create curve|SSL_CTX_load_verify_locations unhappy|"
     r"SSL_load_client_CA_file failed|Failed to load updated certs|Problem loading update "
     r"cert|Unable to parse any CA certs", common.SERVER_CONFIG,
     "a vhost's (the server's) certificate, key, CA or curve settings"),
    (r".", "not_tls", "memory, limits, ALPN caches, session tickets, logging of what it did"),
)
