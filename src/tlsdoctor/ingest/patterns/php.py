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

from .harvested import upstream_patterns

PATTERNS = upstream_patterns("php", "PHP (OpenSSL streams)")
