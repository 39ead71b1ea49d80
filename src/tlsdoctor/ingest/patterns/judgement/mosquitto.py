"""mosquitto's clients and broker (lib/net_mosq.c, lib/tls_mosq.c, lib/strings_mosq.c,
client/client_shared.c, src/net.c). A client prints "Error: <mosquitto_strerror>" ("A TLS
error occurred.") after the library's "OpenSSL Error[0]: error:...", which OpenSSL's table
reads; the host-name check is hostcheck.py's ("host name verification failed"). Its own
words name the files it could not load."""

from __future__ import annotations

from . import _common as common

_OWN_FILE = "client_misconfiguration:.5 server_misconfiguration:.5 | reason"

JUDGE = {
    # mosquitto_strerror(MOSQ_ERR_TLS): the OpenSSL line before it (when logged) decides.
    "MOSQ_ERR_TLS": ("middlebox_or_firewall_interference:.3 cert_untrusted_root:.25 "
                     "protocol_version_mismatch:.15 non_tls_service_on_port:.15 "
                     "hostname_mismatch:.15 | generic"),
    "MOSQ_ERR_TLS_HANDSHAKE": common.HANDSHAKE,
    "OpenSSL Error[%d]: %s": "elsewhere",
    "Error: host name verification failed.": "elsewhere",
    "Error: Client certificate/key are inconsistent.": common.KEY_MISMATCH,
    "Error: Server certificate/key are inconsistent.": common.KEY_MISMATCH,
}

RULES = (
    # Round 15 (a server's own log): the broker's listener (src/net.c) loading its own
    # files, "Unable to load server certificate", "...CA certificates. Check cafile" (the
    # client library, lib/net_mosq.c, writes ", check cafile" and "client certificate").
    (r"Unable to load (?:server certificate|server key file|CA certificates\. Check |"
     r"certificate revocation file)", "server_misconfiguration:.8 client_misconfiguration:.2"
     " | reason", "the broker's own certificate, key, CA or CRL file cannot be loaded"),
    (r"Unable to load (?:CA certificates|client certificate|server certificate|"
     r"certificate revocation)|Problem setting TLS options: File not found", _OWN_FILE,
     "a certificate, key or CA file it was told to use cannot be loaded"),
    (r".", "not_tls", "option parsing and API misuse"),
)
