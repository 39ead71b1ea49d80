"""apk-tools 3 (alpinelinux/apk-tools src/print.c), Alpine's package manager. Its libfetch
maps the OpenSSL error of a failed fetch to one text (libfetch/common.c, src/
io_url_libfetch.c): SSL_R_CERTIFICATE_VERIFY_FAILED to "server certificate not trusted",
a received unknown_ca alert to "client certificate not trusted", a received
handshake_failure alert to "handshake failed (client cert needed?)", X509_check_host's
refusal to "server hostname mismatch", any other to "unspecified error". Alpine's mirrors
are public with valid chains: a refused chain is mostly a proxy re-signing it, an image
without current ca-certificates, or a clock far off.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "APKE_TLS_SERVER_CERT_UNTRUSTED": ("tls_interception_mitm:.35 cert_untrusted_root:.25 "
                                       "client_misconfiguration:.2 client_clock_wrong:.1 "
                                       "cert_expired:.05 incomplete_chain:.05 | specific"),
    "APKE_TLS_SERVER_CERT_HOSTNAME": common.HOSTNAME,
    # the server sent unknown_ca: it did not accept this client's certificate
    # (OpenSSL's "certificate not trusted" inside these words is the verifier's own: the
    # program's longer text says whose certificate, so it ranks above that reason)
    "APKE_TLS_CLIENT_CERT_UNTRUSTED": "client_cert_required:.6 server_misconfiguration:.25 "
                                      "middlebox_or_firewall_interference:.15 | exact",
    "APKE_TLS_HANDSHAKE": ("client_cert_required:.3 cipher_suite_mismatch:.25 "
                           "protocol_version_mismatch:.2 sni_required_or_mismatch:.15 "
                           "middlebox_or_firewall_interference:.1 | generic"),
    "APKE_TLS_ERROR": ("middlebox_or_firewall_interference:.4 protocol_version_mismatch:.2 "
                       "non_tls_service_on_port:.2 client_misconfiguration:.2 | generic"),
    "APKE_DNS_FAIL": common.DNS,
    "APKE_DNS_ADDRESS_FAMILY": common.DNS,
    "APKE_DNS_AGAIN": common.DNS,
    "APKE_DNS_NO_DATA": common.DNS,
    "APKE_DNS_NO_NAME": common.DNS,
}

RULES = ()
