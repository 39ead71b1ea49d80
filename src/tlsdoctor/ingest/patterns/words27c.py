"""Round 27: holdout37's classes, each from the printing program's own words.

- Dovecot rejecting its own protocol setting (dovecot/core, 2.2.36 @
  1f10bfa6335f42a254d3a5652b053ad652f6cc14 src/lib-ssl-iostream/iostream-openssl-common.c
  openssl_get_protocol_options: i_fatal "Invalid ssl_protocols setting: Unknown protocol
  '%s'" - a name the linked OpenSSL does not define, SSLv2 under OpenSSL 1.1;
  ssl_protocols_to_min_protocol, via iostream-openssl-context.c: "Unknown ssl_protocols
  setting: Unrecognized protocol '%s'" / "...: All protocols disabled"; 2.3.0 @
  c8b89eb9968980589904a58e8bd72fc8c00039be: "Unknown ssl_min_protocol setting '%s'"; HEAD @
  f28b5a92ec52eef0a111a095d00435756343dc94: "Can't set minimum protocol to '%s'
  (ssl_min_protocol setting): Unknown value", ssl-settings.c "ssl_min_protocol cannot be
  empty"; master-service-ssl-settings.c "ssl enabled, but ssl_cert not set" and its siblings,
  iostream-openssl-context.c "Can't verify remote client certs without CA (ssl_ca setting)").
  The login process does not start: the server's configuration, not a peer speaking
  another protocol (OpenSSL's SSL_R_UNKNOWN_PROTOCOL reading of the words "unknown protocol").
- Exim failing to load its own certificate or key (Exim/exim @
  13835a3c1e057efad7da269c0f93bf2eac850205 src/src/tls-openssl.c tls_add_certfile /
  tls_add_pkeyfile: tls_error "(SSL_CTX_use_certificate_chain_file file=%s): <OpenSSL error>",
  "(SSL_CTX_use_PrivateKey_file file=%s): ..."; tls-gnu.c tls_add_certfile "(cert/key setup:
  cert=%s key=%s): <gnutls_strerror>"; the DH set-up's "could not read dhparams file %s",
  "Unknown standard DH prime %q"): tls_certificate / tls_privatekey / tls_dhparams name a
  file that is missing, unreadable or not the right PEM. The server's set-up (an Exim
  transport's client certificate is the rarer case).
- curl's GnuTLS back end naming the alert the server sent (curl/curl @
  5c61e168698a72b87437d58ed728bcdea6d5db42 lib/vtls/gtls.c handshake: on
  GNUTLS_E_FATAL_ALERT_RECEIVED it prints gnutls_alert_get_name(), "GnuTLS, handshake failed:
  %s" since 623b87750494 (Aug 2024), "gnutls_handshake() failed: %s" before; the names:
  gnutls/gnutls @ f8971291ba0b21b5caaeffecdb66210fb01cc7a2 lib/alert.c sup_alerts). Each name
  is read as the alert it is (patterns/alerts.py ALERTS, a client's reading), instead of curl's
  bare exit 35. handshake_failure and internal_error are read with the text's context
  (ingest/refusal.py WORDINGS); the client-certificate alerts are clients22.py's (the older
  prefix) and here for the newer one; "Error in protocol version" is left to curl's generic
  reading (a server's default virtual host answers it too).
- curl's GnuTLS handshake failing with "Error in the certificate." (GNUTLS_E_CERTIFICATE_ERROR,
  alias GNUTLS_E_X509_CERTIFICATE_ERROR): curl sets no GnuTLS verify callback and checks
  trust only after the handshake (lib/vtls/gtls.c, "server certificate verification failed" /
  "SSL certificate verification failed"), so inside the handshake the code comes from GnuTLS's
  own reading of the server's certificate (lib/x509/x509.c: an X.509 v1/v2 certificate with
  extensions or unique IDs, a version above 3, an invalid serial or date, the two signature
  algorithms differing; lib/auth/cert.c check_pk_compat: a key type it does not know or the
  suite cannot use; lib/tls-sig.c: a key usage without signing). The server's certificate was
  made wrong, not an untrusted issuer.
- A CDN's default or shared certificate in the other programs' host-name-mismatch words
  (patterns/cdn.py reads the name lists of OpenSSL, Node, Go, curl, Erlang): GNU Wget's
  "certificate common name %s doesn't match requested host name %s" (src/openssl.c), PHP's
  "Peer certificate CN=`%s' did not match expected CN=`%s'" (ext/openssl/xp_ssl.c), Python's
  "hostname %r doesn't match %r" / "doesn't match either of ..." (Lib/ssl.py
  match_hostname, before 3.7), Chrome's "its security certificate is from %s"; and Fastly's
  shared certificate names under ssl.fastly.net ("*.c.ssl.fastly.net", "*.global.ssl.fastly.net":
  Fastly "TLS service options": SNI by default, clients without it get no site certificate).
  The request reached the CDN without the SNI name it serves (an old client library, a proxy).
"""

from __future__ import annotations

import re

from . import REASON, Row, sourced_table
from .alerts import ALERTS
from .cdn import _DEFAULTS
from .exim import GNUTLS_ALERT_NAMES

_DOVECOT = ("dovecot/core @ 1f10bfa6335f42a254d3a5652b053ad652f6cc14 (2.2.36) "
            "src/lib-ssl-iostream/iostream-openssl-common.c, iostream-openssl-context.c; "
            "@ c8b89eb9968980589904a58e8bd72fc8c00039be (2.3.0); "
            "@ f28b5a92ec52eef0a111a095d00435756343dc94 iostream-openssl-context.c, ssl-settings.c")
_DOVECOT_SETTINGS = ("dovecot/core @ 1f10bfa6335f42a254d3a5652b053ad652f6cc14 (2.2.36) and @ "
                     "c8b89eb9968980589904a58e8bd72fc8c00039be (2.3.0) "
                     "src/lib-master/master-service-ssl-settings.c, "
                     "src/lib-ssl-iostream/iostream-openssl-context.c; @ "
                     "f28b5a92ec52eef0a111a095d00435756343dc94 iostream-openssl-context.c")
_EXIM = ("Exim/exim @ 13835a3c1e057efad7da269c0f93bf2eac850205 src/src/tls-openssl.c "
         "(tls_add_certfile, tls_add_pkeyfile, DH set-up), src/src/tls-gnu.c (tls_add_certfile)")
_CURL_GTLS = ("curl/curl @ 5c61e168698a72b87437d58ed728bcdea6d5db42 lib/vtls/gtls.c handshake "
              "(gnutls_alert_get_name on GNUTLS_E_FATAL_ALERT_RECEIVED); gnutls/gnutls @ "
              "f8971291ba0b21b5caaeffecdb66210fb01cc7a2 lib/alert.c sup_alerts")
_CURL_GTLS_CERT = ("curl/curl @ 5c61e168698a72b87437d58ed728bcdea6d5db42 lib/vtls/gtls.c (no "
                   "verify callback; trust checked after the handshake, gtls_verifyserver); "
                   "gnutls/gnutls @ f8971291ba0b21b5caaeffecdb66210fb01cc7a2 lib/x509/x509.c "
                   "(crt_reinit checks, GNUTLS_E_X509_CERTIFICATE_ERROR), lib/auth/cert.c "
                   "(check_pk_compat), lib/tls-sig.c")
_CDN = ("GNU Wget src/openssl.c (ssl_check_certificate); php/php-src ext/openssl/xp_ssl.c "
        "(matches_common_name); cpython Lib/ssl.py match_hostname (3.6); chromium's SSL "
        "interstitial; Fastly docs \"TLS service options\" (SNI by default); patterns/cdn.py")

_DOVECOT_SERVER = "server_misconfiguration:1"
_PROTO_NAME = r"'[^'\n]{0,40}'"

# curl's two prefixes for a handshake that ended on the server's fatal alert
_GTLS = r"\b(?:gnutls_handshake\(\) failed|GnuTLS, handshake failed): "
# 40 and 80 are then re-read by ingest/refusal.py with the context; 70 is left to curl's exit 35;
# the client-certificate alerts under the old prefix by clients22.py
_GTLS_ELSEWHERE = {70}
_CLIENT_CERT_ALERTS = {41, 42, 45, 46, 48, 116}

_CDN_NAMES = _DEFAULTS + r"|[\w*.-]{0,40}\.ssl\.fastly\.net"
_Q = "[‘’'`\"]"
_CDN_CAUSES = "sni_required_or_mismatch:.5 hostname_mismatch:.3 middlebox_or_firewall_interference:.2"
_CDN_MEANING = ("the server answered with a CDN's default (shared) certificate: the request "
                "reached the CDN without the SNI name it serves (a client or library too old to "
                "send it, or a proxy that drops it)")


def _gnutls_alert_rows() -> list[tuple[str, str, Row]]:
    out: list[tuple[str, str, Row]] = []
    for name, n in GNUTLS_ALERT_NAMES.items():
        if n in _GTLS_ELSEWHERE or n not in ALERTS:
            continue
        rfc, _go, client, _server, spec = ALERTS[n]
        if n in _CLIENT_CERT_ALERTS:
            rx = r"\bGnuTLS, handshake failed: " + re.escape(name) + r"(?![\w ])"
            client, spec = "client_cert_required:.9 server_misconfiguration:.1", REASON
        else:
            rx = _GTLS + re.escape(name) + r"(?![\w ])"
        if not client:
            continue
        out.append(("curl", "client", (
            rx, f"curl (GnuTLS): the server ended the handshake with the alert {rfc} ({n}), "
            f"GnuTLS's \"{name}\"", client, spec, _CURL_GTLS, name.lower())))
    return out


_ROWS: list[tuple[str, str, Row]] = [
    # Dovecot: its own protocol setting rejected, the login process does not start
    ("dovecot", "server", (r"\bInvalid ssl_protocols setting: Unknown protocol " + _PROTO_NAME,
                           "Dovecot: its ssl_protocols setting names a protocol the OpenSSL it "
                           "runs on does not have (SSLv2 is gone from OpenSSL 1.1): imap-login/"
                           "pop3-login do not start; drop that name from ssl_protocols",
                           _DOVECOT_SERVER, REASON + 1, _DOVECOT, "invalid ssl_protocols")),
    ("dovecot", "server", (r"\bUnknown ssl_protocols setting: (?:Unrecognized protocol "
                           + _PROTO_NAME + r"|All protocols disabled)",
                           "Dovecot: it rejected its own ssl_protocols setting (a name it does "
                           "not know, or every protocol disabled) and serves no TLS",
                           _DOVECOT_SERVER, REASON + 1, _DOVECOT, "ssl_protocols setting")),
    ("dovecot", "server", (r"\bUnknown ssl_min_protocol setting " + _PROTO_NAME
                           + r"|\bCan't set minimum protocol to " + _PROTO_NAME
                           + r" \(ssl_min_protocol setting\): Unknown value"
                           + r"|\bssl_min_protocol cannot be empty\b",
                           "Dovecot: it rejected its own ssl_min_protocol value (a name its "
                           "OpenSSL does not know, e.g. TLSv1.3 on an older OpenSSL, or empty) "
                           "and serves no TLS",
                           _DOVECOT_SERVER, REASON + 1, _DOVECOT, "ssl_min_protocol")),
    # Dovecot's settings checks (master-service-ssl-settings.c, 2.2.36 and 2.3.0) and the
    # context's CA check (iostream-openssl-context.c): TLS switched on without what it needs
    ("dovecot", "server", (r"\bssl enabled, but ssl_(?:cert|key|dh) not set\b"
                           r"|\bssl_verify_client_cert set, but ssl_ca not\b"
                           r"|\bSSL support not compiled in but ssl=\w{1,10}"
                           r"|\bssl_options: unknown flag: '"
                           r"|\bssl_curve_list is set, but the linked openssl version does not "
                           r"support it\b"
                           r"|\bCan't verify remote client certs without CA \(ssl_(?:server_)?ca"
                           r"(?:_file)? setting\)",
                           "Dovecot: its own TLS settings are incomplete or invalid (ssl = yes "
                           "without ssl_cert/ssl_key/ssl_dh, client-certificate checks without "
                           "ssl_ca, an option or curve list its build does not support), so "
                           "the login process serves no TLS",
                           _DOVECOT_SERVER, REASON + 1, _DOVECOT_SETTINGS, "")),
    ("dovecot", "client", (r"\bCan't verify remote server certs without trusted CAs "
                           r"\(ssl_client_ca_\* settings\)",
                           "Dovecot as a client (imapc, submission relay, doveadm): it is told "
                           "to verify the server but has no trusted CAs (ssl_client_ca_file / "
                           "ssl_client_ca_dir)",
                           "client_misconfiguration:1", REASON + 1, _DOVECOT_SETTINGS, "")),
    # Exim: its own certificate, key or DH file could not be loaded
    ("exim", "server", (r"\(SSL_CTX_use_certificate_chain_file file=[^)\n]{1,400}\)"
                        r"|\(cert/key setup: cert=[^\n]{1,400}? key=[^)\n]{1,400}\)",
                        "Exim: it could not load the certificate file its tls_certificate "
                        "names (missing, unreadable or not a PEM chain; the OpenSSL/GnuTLS "
                        "error after it says which) and cannot offer TLS",
                        "server_misconfiguration:.85 client_misconfiguration:.15", REASON + 1,
                        _EXIM, "")),
    ("exim", "server", (r"\(SSL_CTX_use_PrivateKey_file file=[^)\n]{1,400}\)",
                        "Exim: it could not load the private key its tls_privatekey names "
                        "(missing, unreadable, or not the certificate's key)",
                        "server_misconfiguration:.85 client_misconfiguration:.15", REASON + 1,
                        _EXIM, "ssl_ctx_use_privatekey_file file=")),
    ("exim", "server", (r"\((?:could not read dhparams file \S{1,400}|Unknown standard DH prime "
                        r"[^)\n]{1,100})\)",
                        "Exim: its tls_dhparams setting names a file it cannot read or a "
                        "prime it does not know",
                        "server_misconfiguration:1", REASON + 1, _EXIM, "")),
    # curl (GnuTLS): the server's alert by GnuTLS's name
    *_gnutls_alert_rows(),
    # curl (GnuTLS): GNUTLS_E_CERTIFICATE_ERROR inside the handshake, where curl sets no
    # verify callback: GnuTLS's own structural checks of the server's certificate failed
    ("curl", "client", (_GTLS + r"Error in the certificate\.?(?! verification)",
                        "curl (GnuTLS): GnuTLS refused the server's certificate while parsing "
                        "it in the handshake (GNUTLS_E_CERTIFICATE_ERROR): a malformed "
                        "certificate - e.g. an X.509 v1 certificate with extensions, mismatched "
                        "signature algorithms, an invalid serial or date - or a key unfit for "
                        "the suite; curl checks trust only after the handshake (gnutls-cli -d 2 "
                        "shows which check failed)",
                        "server_misconfiguration:.55 cert_wrong_purpose:.25 "
                        "client_misconfiguration:.2", REASON + 1, _CURL_GTLS_CERT,
                        "error in the certificate")),
    # a CDN's default certificate in wget's, PHP's, Python's and Chrome's mismatch words
    # (a space may be a line break: a mail client's hard wrap)
    ("cdn", "client", (rf"\bcertificate\s+common\s+name\s+{_Q}?(?:{_CDN_NAMES}){_Q}?\s+doesn't\s+"
                       rf"match\s+requested\s+host\s+name"
                       rf"|\bPeer\s+certificate\s+CN=`(?:{_CDN_NAMES})'\s+did\s+not\s+match\s+"
                       rf"expected\s+CN="
                       rf"|\bhostname\s+'[^'\n]{{1,253}}'\s+doesn't\s+match\s+(?:either\s+of\s+)?"
                       rf"[^\n]{{0,300}}?(?:{_CDN_NAMES})"
                       rf"|\bits\s+security\s+certificate\s+is\s+from\s+(?:{_CDN_NAMES})"
                       rf"|(?:altnames|valid for|subject name|alternative names?|dNSName)"
                       rf"[^\n]{{0,300}}?[\w*.-]{{0,40}}\.ssl\.fastly\.net",
                       _CDN_MEANING, _CDN_CAUSES, REASON + 1, _CDN, "")),
]

PATTERNS = sourced_table("r27c", _ROWS)
