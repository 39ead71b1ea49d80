"""PHP's OpenSSL stream transport (ext/openssl/xp_ssl.c): what stream_socket_client(),
file_get_contents(), fsockopen(), SoapClient and Composer print around OpenSSL.

PHP prints each as a warning of the function that opened the stream: "PHP Warning:
stream_socket_client(): Peer certificate CN=`a' did not match expected CN=`b' in
/app/x.php on line 3", then usually "Failed to enable crypto" and "unable to connect to
ssl://host:443 (Unknown error)". The OpenSSL error queue it prints ("SSL operation failed
with code 1. OpenSSL Error messages:\\nerror:0A000086:SSL routines::certificate verify
failed") is read by OpenSSL's table; the strings are harvested (upstream/php.json).
"""

from __future__ import annotations

from . import GENERIC, REASON, table
from .harvested import upstream_patterns

PATTERNS = upstream_patterns("php", "PHP (OpenSSL streams)")

# Round 10 (the client matrix, PHP 8.2 on loopback): words PHP prints that the harvest of
# xp_ssl.c's CN wording did not cover.
_XP_SSL = "php-src ext/openssl/xp_ssl.c (php_openssl_matches_san_list's caller)"
_HTTP_WRAPPER = "php-src ext/standard/http_fopen_wrapper.c (\"HTTP request failed!\")"
PATTERNS += table("php", _XP_SSL, [
    # PHP's own subjectAltName check (PHP >= 5.6): its host-name failure when the
    # certificate has SANs, none for the name (php-src's own tests EXPECTF this line).
    (r"\bPeer certificate subjectAltName did not match expected name\b",
     "PHP streams: the server certificate's subjectAltName does not cover the name asked for",
     "hostname_mismatch:1", REASON),
    # An https:// stream whose TLS handshake completed, then the server closed after the
    # request without any HTTP answer: a TLS 1.3 server refusing the client's missing
    # certificate says so only after the handshake (the alert is often lost with the
    # close), a server or a middlebox closing reads the same. A ranking, below 0.6.
    (r"\(https://[^)\s]{1,300}\): Failed to open stream: HTTP request failed!",
     "PHP's https:// stream: the server closed after the request without an HTTP answer "
     "(after the TLS handshake: a TLS 1.3 server rejecting a missing client certificate, "
     "or a server or middlebox closing)",
     "client_cert_required:.35 middlebox_or_firewall_interference:.3 "
     "server_misconfiguration:.2 sni_required_or_mismatch:.15", GENERIC, _HTTP_WRAPPER,
     "http request failed!"),
])
