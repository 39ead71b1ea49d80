"""Mono (mono/mono: System.Net's WebConnection and MonoTlsStream, Mono.Security's legacy TLS,
Mono.Btls, MonoTlsProviderFactory, cert-sync; Mono.Security.Protocol.Tls as Mono 6.12 ships
it): the words programs running on Mono print (Sonarr, Radarr, Lidarr, Jackett, Duplicati,
KeePass plugins, Unity's Mono, Xamarin's managed stack).

Mono checks a server's certificate against its OWN trust store (~/.config/.mono and
/usr/share/.mono, filled by cert-sync, Debian's ca-certificates-mono, or the older mozroots),
not the system's CA bundle: an empty or stale Mono store refuses every public server
(mono-project.com's FAQ on security; cert-sync.cs). So a chain Mono could not build to a
root names this machine's Mono store next to the server's chain. The legacy Mono.Security
stack (Mono < 4.8 by default, MONO_TLS_PROVIDER=legacy until 5.x) speaks TLS 1.0 at most
(SecurityProtocolType in Mono.Security.Protocol.Tls): a server that wants TLS 1.2 refuses it,
and the client is the outdated side. Mono's BoringSSL provider (btls, Mono >= 4.8) prints
BoringSSL's own error string ("Ssl error:1000007d:SSL routines:OPENSSL_internal:
CERTIFICATE_VERIFY_FAILED"), read by the BoringSSL table; WebConnection wraps everything in
"Error: <WebExceptionStatus> (<inner message>)", TrustFailure when the certificate check
failed (MonoTlsStream: CertificateValidationFailed), SecureChannelFailure for any other
handshake failure. Real Mono 6.8 on loopback (tests/ingest/test_round17_mono_real.py):
btls gives no verify detail at all: an untrusted CA, a wrong name and an expired
certificate all print the same CERTIFICATE_VERIFY_FAILED under TrustFailure.
"""

from __future__ import annotations

from . import _common as common

# The certificate check failed and the words say no more (btls's CERTIFICATE_VERIFY_FAILED,
# the legacy "Invalid certificate received from server." without a code): Mono's own store
# (empty, or stale: the Let's Encrypt DST root expiry of 2021 hit old Mono stores) ranks with
# the server's chain; dev threads (Sonarr, Jackett on Mono) were the client's store.
TRUST = ("client_misconfiguration:.3 cert_untrusted_root:.25 incomplete_chain:.15 "
         "cert_self_signed:.1 hostname_mismatch:.1 cert_expired:.1")
# The legacy stack's wrapper of every TlsException: mostly its certificate check or its TLS
# 1.0 ceiling against a server that wants TLS 1.2; a ranking.
LEGACY_FAILED = ("client_misconfiguration:.35 protocol_version_mismatch:.25 "
                 "cert_untrusted_root:.2 incomplete_chain:.1 cipher_suite_mismatch:.1 | generic")
# The server closed during the legacy stack's handshake (no alert): a TLS 1.0-only client
# refused by a modern server first.
LEGACY_CLOSED = ("protocol_version_mismatch:.4 cipher_suite_mismatch:.2 "
                 "middlebox_or_firewall_interference:.15 sni_required_or_mismatch:.15 "
                 "client_cert_required:.1 | category")
PROVIDER = "client_misconfiguration:1 | reason"  # MONO_TLS_PROVIDER names no provider

JUDGE = {
    "WebConnection.GetException": "elsewhere",  # its status and inner message are read
    "TrustFailure": TRUST + " | specific",
    # Any other handshake failure: the inner message (an alert, BoringSSL's reason) says
    # which; alone it is a generic ranking.
    "SecureChannelFailure": common.HANDSHAKE,
    "ConnectFailure": common.UNREACHABLE.replace("specific", "category"),
    "NameResolutionFailure": common.DNS,
    "ProxyNameResolutionFailure": "name_resolution_or_unreachable:.6 client_misconfiguration:.4"
                                  " | reason",
    "TLS Support not available.": PROVIDER,
    "No such TLS Provider: `{0}'.": PROVIDER,
    "Could not find TLS Provider: `{0}'.": PROVIDER,
    "Unable to instantiate TLS Provider `{0}'.": PROVIDER,
    "No TLS Provider available.": PROVIDER,
    # The server asked for a client certificate before sending its own (btls's select
    # callback): a broken server handshake, or something else answering.
    "Cannot request client certificate before receiving one from the server.":
        "server_misconfiguration:.6 middlebox_or_firewall_interference:.4",
    "MonoBtlsContext.GetException": "elsewhere",  # BoringSSL's string inside: its table
    "Alert.GetAlertMessage": LEGACY_FAILED,
    "The authentication or decryption has failed.": LEGACY_FAILED,
    # WinError codes of the legacy check (TlsServerCertificate.cs), against Mono's own store.
    "CERT_E_CHAINING": "client_misconfiguration:.45 incomplete_chain:.3 cert_untrusted_root:.25"
                       " | reason",
    "CERT_E_UNTRUSTEDROOT": "cert_untrusted_root:.35 cert_self_signed:.25 "
                            "client_misconfiguration:.25 tls_interception_mitm:.15 | reason",
    "CERT_E_EXPIRED": common.EXPIRED_IN_PATH,
    # Older Mono.Security matched no wildcard (its 2006-era TlsServerCertificate.cs
    # checkServerIdentity left wildcard support unwritten, by its own comment): a
    # *.example.com certificate then fails here.
    "CERT_E_CN_NO_MATCH": "hostname_mismatch:.75 client_misconfiguration:.25 | reason",
    "CERT_E_PURPOSE": "cert_wrong_purpose:.7 client_misconfiguration:.3 | reason",
    "TRUST_E_BASIC_CONSTRAINTS": "cert_wrong_purpose:.6 bad_chain_order_or_extra:.4 | reason",
    # A signature in the chain does not verify: an unrelated intermediate, a re-signing
    # proxy, or an algorithm the old Mono.Security cannot check; a ranking.
    "TRUST_E_BAD_DIGEST": "bad_chain_order_or_extra:.35 client_misconfiguration:.35 "
                          "tls_interception_mitm:.3 | reason",
    "CERT_E_VALIDITYPERIODNESTING": "server_misconfiguration:.5 cert_expired:.3 "
                                    "client_misconfiguration:.2 | reason",
    "Invalid certificate received from server.": TRUST + " | specific",
    "Client certificate Private Key unavailable.": common.CLIENT_CONFIG,
    "Server certificate Private Key unavailable.": common.SERVER_CONFIG,
    # A Mono server refused the client's certificate (SslServerStream, server side).
    "Invalid certificate received from client.": common.CLIENT_CERT,
    "Invalid ServerFinished message received.": common.PROTOCOL_BROKEN,
    "Incorrect protocol version received from server": common.VERSION_OR_CLIENT,
    "Invalid cipher suite received from server": common.CIPHER_OR_VERSION + " | reason",
    "Insuficient Security": common.CIPHER,
    "Data was not signed with the server certificate.": (
        "server_misconfiguration:.5 tls_interception_mitm:.3 "
        "middlebox_or_firewall_interference:.2 | reason"),
    "Handshake Failure.": common.HANDSHAKE,
    "Decrypt error.": common.PROTOCOL_BROKEN,
    "Bad record MAC": common.PROTOCOL_BROKEN,
    "Unknown server handshake message received ({0})": common.PROTOCOL_BROKEN,
    "Protocol error, unexpected protocol transition from {0} to {1}": common.PROTOCOL_BROKEN,
    # A record type that is no TLS: something else answers on that port.
    "Unknown record received from server.": ("non_tls_service_on_port:.55 "
                                             "middlebox_or_firewall_interference:.25 "
                                             "protocol_version_mismatch:.2 | specific"),
    "Invalid protocol version on message received": ("non_tls_service_on_port:.45 "
                                                     "protocol_version_mismatch:.35 "
                                                     "middlebox_or_firewall_interference:.2"),
    "Received 0 bytes from stream. It must be closed.": LEGACY_CLOSED,
    "The server stopped the handshake.": LEGACY_CLOSED,
    "The client stopped the handshake.": "no_fault",  # a Mono server's peer left
    "The session is finished and it's no longer valid.": "not_tls",
    "buffer underrun": "not_tls",
    "Couldn't complete EndRead": "not_tls",
    "Couldn't complete EndWrite": "not_tls",
    "IO exception during read.": "not_tls",
    "Error while sending TLS Alert ({0}:{1}): {2}": "elsewhere",
    # cert-sync (the tool that fills Mono's store): an empty or unreadable bundle leaves the
    # store empty, and every later certificate check of a Mono program fails.
    "Couldn't retrieve the file using the supplied information.": common.CLIENT_CONFIG,
    "No certificates were found.": common.CLIENT_CONFIG,
    "Unknown option or file not found '{0}'.": common.CLIENT_CONFIG,
    "Warning: Could not import {0}": "client_misconfiguration:.6 cert_wrong_purpose:.4",
    "I already trust {0}, your new list has {1}": "no_fault",
    "Certificate added: {0}": "not_tls",  # a progress line of the import
    "{0} new root certificates were added to your trust store.": "no_fault",
    "{0} previously trusted certificates were removed.": "no_fault",
    "Import process completed.": "no_fault",
}

RULES: tuple[tuple[str, str, str], ...] = ()
