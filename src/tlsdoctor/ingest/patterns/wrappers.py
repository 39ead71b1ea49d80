"""Programs that wrap a TLS library in their own words (round 12, harvested:
upstream/<source>.json, judged in judgement/<source>.py): OpenVPN, stunnel, msmtp,
Mutt/NeoMutt, fetchmail, the monitoring plugins (check_http, check_curl), Zabbix, Squid,
Envoy, mosquitto.

Where a program prints OpenSSL's verify result next to the depth it failed at ("VERIFY
ERROR: depth=0, error=certificate has expired", Envoy's "at depth 0: certificate has
expired", stunnel's "Rejected by CERT at depth=0" after its pre-verification error), the
expired certificate is the peer's own leaf, checked against the CA file the program was
given: not the ranking OpenSSL's bare text gets (where an old client store's root is as
likely, judgement/openssl.py).
"""

from __future__ import annotations

from . import GENERIC, REASON, table
from .harvested import upstream_patterns
from .judgement._common import NOT_YET_CAUSES

_LABELS = (("openvpn", "OpenVPN", ""), ("stunnel", "stunnel", ""), ("msmtp", "msmtp", "client"),
           ("mutt", "Mutt/NeoMutt", "client"), ("fetchmail", "fetchmail", "client"),
           ("monitoring_plugins", "Monitoring plugin", "client"), ("zabbix", "Zabbix", ""),
           ("squid", "Squid", ""), ("envoy", "Envoy", ""), ("mosquitto", "mosquitto", ""))

PATTERNS = tuple(p for source, label, side in _LABELS
                 for p in upstream_patterns(source, label, side=side))

_OPENVPN = "OpenVPN src/openvpn/ssl_verify_openssl.c (\"VERIFY ERROR: depth=%d, error=%s\")"
_ENVOY = "Envoy source/common/tls/utility.cc (\"at depth %d: %s\")"
_STUNNEL = "stunnel src/verify.c (\"CERT: Pre-verification error\", \"Rejected by CERT\")"
_STUNNEL_CLIENT = "stunnel src/client.c (\"Connection %s: %llu byte(s) sent to TLS, ...\")"
_LEAF_EXPIRED = ("the peer's own certificate (depth 0) is past its notAfter date",
                 "cert_expired:.85 client_clock_wrong:.15", REASON + 1)
# The depth names which certificate, not whose clock: "not yet valid" keeps the shared
# clock-first ranking (judgement/_common.py) unless printed times decide it (clock.py).
_LEAF_NOT_YET = ("the peer's own certificate (depth 0) is not valid yet", NOT_YET_CAUSES,
                 REASON + 1)
PATTERNS += table("openvpn", _OPENVPN, [
    (r"\bVERIFY ERROR: depth=0, error=certificate has expired\b", *_LEAF_EXPIRED),
    (r"\bVERIFY ERROR: depth=0, error=certificate is not yet valid\b", *_LEAF_NOT_YET),
])
PATTERNS += table("envoy", _ENVOY, [
    (r"\bverification error at depth 0: certificate has expired\b", *_LEAF_EXPIRED),
    (r"\bverification error at depth 0: certificate is not yet valid\b", *_LEAF_NOT_YET),
])
PATTERNS += table("stunnel", _STUNNEL, [
    (r"\bPre-verification error: certificate has expired\n[^\n]{0,80}"
     r"Rejected by CERT at depth=0\b", *_LEAF_EXPIRED),
    (r"\bPre-verification error: certificate is not yet valid\n[^\n]{0,80}"
     r"Rejected by CERT at depth=0\b", *_LEAF_NOT_YET),
    # At its default log level (notice) stunnel's only line when the peer never answered
    # (its TIMEOUTbusy reset is logged at info) or hung up: nothing passed either way. A
    # ranking below any error line's reason (a failed handshake logs its own first).
    (r"\bConnection (?:closed/)?reset: 0 byte\(s\) sent to TLS, 0 byte\(s\) sent to socket\b",
     "stunnel: the connection ended before any data passed (a peer that never answered the "
     "handshake, or hung up)",
     "middlebox_or_firewall_interference:.4 server_misconfiguration:.2 "
     "protocol_version_mismatch:.2 sni_required_or_mismatch:.2", GENERIC, _STUNNEL_CLIENT),
])

# Pi-hole's gravity.sh (gravity_DownloadBlocklistFromUrl) runs `curl -s -w "%{http_code}"`
# with curl's own error thrown away (2>/dev/null) and prints a "Status:" word per HTTP code.
# Curl reports http_code 000 for EVERY failure before a response (DNS, refused, timeout, TLS:
# an expired root in the Pi's store, a version or proxy problem), all printed as "Connection
# Refused": a ranking below 0.6 whose check is curl's own words. The other statuses are
# HTTP replies, so TLS itself worked (no TLS claim). Dev: 1 thread (an expired root in an
# outdated Raspberry Pi OS store, printed "Connection Refused"). Pi-hole reports often name
# its own DNS (a list host it cannot resolve or that its lists block) first.
_PIHOLE = ("Pi-hole gravity.sh gravity_DownloadBlocklistFromUrl (case \"${httpCode}\": "
           "\"000\") echo ... \"Connection Refused\"), pi-hole/pi-hole@"
           "1837b754b945eeab6ad5976443b38b983eb96e6e; the same table since ff5411a9 (2017)")
_PIHOLE_STATUS = r"(?:\[[^\]\n]{1,3}\]|[✗✓])\s{0,3}Status: "
PATTERNS += table("pihole", _PIHOLE, [
    (_PIHOLE_STATUS + r"Connection Refused\b",
     "Pi-hole's gravity printed curl's http_code 000 as \"Connection Refused\": curl failed "
     "before any HTTP reply (name, refused, timeout or TLS; curl's own error is hidden: run "
     "`curl -v -o /dev/null <the Target URL>` on the Pi-hole)",
     "name_resolution_or_unreachable:.4 client_misconfiguration:.3 cert_expired:.15 "
     "middlebox_or_firewall_interference:.15", REASON),
    (_PIHOLE_STATUS + r"(?:Forbidden|Not found|Time-out|Unavailable For Legal Reasons"
     r"|Internal Server Error|Connection Timed Out \((?:Gateway|Cloudflare)\)"
     r"|Web Server Is Down \(Cloudflare\))",
     "Pi-hole's gravity got an HTTP error reply for the list (the TLS connection worked)",
     "", REASON),
])

# -- Round 15: programs no table knew, their TLS wording read from their own source ----------

# QuickFIX/n (the .NET FIX engine): SslStreamFactory.VerifyRemoteCertificate and its
# authentication wrappers. The role in "not intended for {Role} authentication" is the
# REMOTE certificate's: "server" on an initiator (client) checking the acceptor's chain,
# "client" on an acceptor checking a client certificate. QuickFIX/n insists on an explicit
# EKU where RFC 5280 4.2.1.12 reads a certificate without one as good for any purpose, so the
# engine's strict check (ValidateCertificates) is the other candidate: below 0.6.
_QFN = ("connamara/quickfixn QuickFIXn/Transport/SslStreamFactory.cs "
        "(VerifyRemoteCertificate, CreateClientStreamAndAuthenticate, "
        "CreateServerStreamAndAuthenticate) @ 954ba3bec6caa3e902a0bf3f3b5242cf9657a042")
PATTERNS += table("quickfixn", _QFN, [
    (r"\bRemote certificate is not intended for server authentication: It is missing enhanced "
     r"key usage\b",
     "QuickFIX/n: the acceptor's certificate has no serverAuth extended key usage",
     "cert_wrong_purpose:.55 client_misconfiguration:.45", REASON),
    (r"\bRemote certificate is not intended for client authentication: It is missing enhanced "
     r"key usage\b",
     "QuickFIX/n: the client certificate has no clientAuth extended key usage",
     "cert_wrong_purpose:.55 server_misconfiguration:.45", REASON),
    (r"\bNo server certificate specified, the SSLCertificate setting must be configured\b"
     r"|\bFailed to load ServerCertificate\b",
     "QuickFIX/n: the acceptor has no loadable certificate of its own (SSLCertificate)",
     "server_misconfiguration:.95 client_misconfiguration:.05", REASON),
    (r"\bRemote certificate was not recognized as a valid certificate: "
     r"[^\n]{0,40}RemoteCertificateNameMismatch",
     "QuickFIX/n: the remote certificate does not name the host (SslPolicyErrors)",
     "hostname_mismatch:.8 client_misconfiguration:.2", REASON),
    (r"\bRemote certificate was not recognized as a valid certificate: "
     r"[^\n]{0,40}RemoteCertificateNotAvailable",
     "QuickFIX/n: the peer sent no certificate (SslPolicyErrors)",
     "client_cert_required:.5 server_misconfiguration:.5", REASON),
    (r"\bRemote certificate was not recognized as a valid certificate: "
     r"[^\n]{0,40}RemoteCertificateChainErrors",
     "QuickFIX/n: the remote chain did not build to its CACertificatePath or the store",
     "cert_untrusted_root:.45 incomplete_chain:.2 cert_self_signed:.2 cert_expired:.15", REASON),
    (r"\bCertificate '[^'\n]{1,300}' could not be loaded from store or path '",
     "QuickFIX/n: the CACertificatePath it was given cannot be loaded",
     "client_misconfiguration:.5 server_misconfiguration:.45", REASON),
])

# OfflineIMAP (offlineimap3): imapserver.py __verifycert's "CA Cert verifying failed: "
# verdicts (its own host-name and date checks on the IMAP server's certificate), the
# fingerprint pin and configuration errors of imaplibutil.py WrappedIMAP4_SSL.open and
# imapserver.py. A client: the certificate in question is the IMAP server's.
_OFFLINEIMAP = ("OfflineIMAP/offlineimap3 offlineimap/imapserver.py (__verifycert, "
                "__init__, acquireconnection) and offlineimap/imaplibutil.py "
                "(WrappedIMAP4_SSL.open) @ bcf2238db5ae6bbd241b05b2fb8efc1072b07193")
PATTERNS += table("offlineimap", _OFFLINEIMAP, [
    (r"\bCA Cert verifying failed: \s*no matching domain name found in certificate\b",
     "OfflineIMAP: the IMAP server's certificate names no host matching the configured one",
     "hostname_mismatch:.85 client_misconfiguration:.15", REASON),
    (r"\bCA Cert verifying failed: \s*no commonName found in certificate\b",
     "OfflineIMAP: the IMAP server's certificate has no name to check the host against",
     "hostname_mismatch:.7 server_misconfiguration:.3", REASON),
    (r"\bCA Cert verifying failed: \s*certificate expired\b",
     "OfflineIMAP: the IMAP server's certificate is past its notAfter date",
     "cert_expired:.8 client_clock_wrong:.2", REASON),
    (r"\bCA Cert verifying failed: \s*no certificate received\b",
     "OfflineIMAP: no verified certificate came back from the connection",
     "client_misconfiguration:.5 server_misconfiguration:.45", REASON),
    (r"\bNo CA certificates and no server fingerprints configured\b"
     r"|\bWhen 'tls_level' is not 'tls_compat' the 'ssl_version' must be set explicitly\b",
     "OfflineIMAP's own configuration is incomplete (sslcacertfile / cert_fingerprint, "
     "ssl_version)", "client_misconfiguration:1", REASON),
    (r"\bServer SSL fingerprint\(s\) '[^\n]{0,900}' does not match configured fingerprint",
     "OfflineIMAP: the server's certificate is not the one pinned in cert_fingerprint",
     "client_misconfiguration:.45 tls_interception_mitm:.35 server_misconfiguration:.2",
     REASON),
    (r"\bCould not connect via SSL to host '[^'\n]{1,255}' and non-standard ssl port \d{1,5} "
     r"configured\b",
     "OfflineIMAP: no TLS came back on a non-standard port (a plain IMAP port?)",
     "non_tls_service_on_port:.8 client_misconfiguration:.2", REASON),
])

# ocaml-tls (mirleft/ocaml-tls): the failures of its engine, printed by its own printer
# (lib/state.ml pp_error / pp_fatal: "no configured version: ...") or, before tls 0.15, as
# the s-expression of the polymorphic variant ("(Error (NoConfiguredSignatureAlgorithm ()))",
# lib/engine.ml sexp_of_failure in 0.13). Raised by the side that found nothing to agree on.
_OCAML_TLS = ("mirleft/ocaml-tls lib/engine.mli (error, fatal, failure), lib/state.ml "
              "(pp_error, pp_fatal) @ 48a32204baed3d7664198097b8039a1ab4feeee6; the sexp form "
              "of v0.13.0 lib/engine.ml")
_OCAML = r"(?:\(Error \(|\bError \()"
_OCAML_F = r"(?:\(Fatal \(|\bFatal \()"
PATTERNS += table("ocaml_tls", _OCAML_TLS, [
    (_OCAML + r"NoConfiguredSignatureAlgorithm\b|\bno configure signature algorithm: ",
     "ocaml-tls: this side has no signature algorithm its key can sign with that the peer "
     "offered (TLS 1.3 client authentication signs with the client's key)",
     "client_misconfiguration:.4 cipher_suite_mismatch:.3 client_cert_required:.15 "
     "server_misconfiguration:.15", REASON),
    (_OCAML + r"NoConfiguredCiphersuite\b|\bno configured ciphersuite: ",
     "ocaml-tls: no cipher suite both sides allow", "cipher_suite_mismatch:.8 "
     "client_misconfiguration:.1 server_misconfiguration:.1", REASON),
    (_OCAML + r"NoConfiguredVersions?\b|\bno configured version: ",
     "ocaml-tls: no TLS version both sides allow", "protocol_version_mismatch:.85 "
     "client_misconfiguration:.15", REASON),
    (_OCAML + r"NoMatchingCertificateFound\b|\bno matching certificate found for ",
     "ocaml-tls (a server): no certificate of its own for the name the client asked (SNI)",
     "sni_required_or_mismatch:.55 server_misconfiguration:.45", REASON),
    (_OCAML + r"CouldntSelectCertificate\b|\bcouldn't select certificate\b",
     "ocaml-tls (a server): none of its certificates fits the client's suites or signature "
     "algorithms", "server_misconfiguration:.5 cipher_suite_mismatch:.5", REASON),
    (_OCAML_F + r"Protocol_version \(None_supported\b|\bversion error: none supported, client "
     r"provided\b",
     "ocaml-tls (a server): none of the versions the client offered is allowed",
     "protocol_version_mismatch:.9 server_misconfiguration:.1", REASON),
    (_OCAML_F + r"Protocol_version \(Unknown_record\b|\bversion error: unknown record version\b",
     "ocaml-tls: the bytes received are not a TLS record", "non_tls_service_on_port:.7 "
     "middlebox_or_firewall_interference:.3", REASON + 1),  # above the alert's name
    # the printer's bare "inappropriate fallback" / "no application protocol" are every
    # stack's alert names (alerts.py): only the s-expression is ocaml-tls's own
    (_OCAML_F + r"Inappropriate_fallback\b",
     "ocaml-tls: a fallback to an older version was refused (TLS_FALLBACK_SCSV)",
     "middlebox_or_firewall_interference:.5 protocol_version_mismatch:.5", REASON),
    (_OCAML_F + r"No_application_protocol\b",
     "ocaml-tls: no ALPN protocol both sides speak", "client_misconfiguration:.5 "
     "server_misconfiguration:.5", REASON),
])

# NppFTP (Notepad++'s FTP plug-in): its FTPS wrapper's certificate lines
# (src/FTPClientWrapperSSL.cpp) and its window's bare "Unable to connect"
# (src/Windows/FTPWindow.cpp). Right after the server accepted AUTH TLS ("234"), a bare
# "Unable to connect" is the TLS handshake itself failing: NppFTP prints its certificate
# lines or dialog when the chain is the problem. NppFTP before 0.26.9 spoke only TLS 1.0
# (ashkulz/NppFTP #122), so the version leads; below 0.6.
_NPPFTP = ("ashkulz/NppFTP src/FTPClientWrapperSSL.cpp, src/Windows/FTPWindow.cpp @ "
           "020079f6fea89e12436ebdeb9636fe075258b497")
PATTERNS += table("nppftp", _NPPFTP, [
    (r"(?m)^234[ -][^\n]{0,80}\n(?:\[FTPWindow\] )?Unable to connect$",
     "NppFTP: the TLS handshake failed right after the server accepted AUTH TLS",
     "protocol_version_mismatch:.45 cipher_suite_mismatch:.3 "
     "middlebox_or_firewall_interference:.25", REASON, _NPPFTP, "unable to connect"),
    (r"\[FTPS\] No certificate presented by server, aborting connection\b",
     "NppFTP: the FTPS server sent no certificate",
     "server_misconfiguration:.6 tls_interception_mitm:.4", REASON),
])
