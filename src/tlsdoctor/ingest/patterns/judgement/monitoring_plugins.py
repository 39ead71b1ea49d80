"""The monitoring plugins (plugins/sslutils.c for check_http, check_tcp, check_smtp...;
plugins/check_curl.c): one status line, "<STATE> - <words>". "Cannot make SSL connection."
is followed by OpenSSL's queue on stdout (ERR_print_errors_fp), read with OpenSSL's
table; check_curl's "cURL returned N - <curl's error>" with curl's. The certificate-age
lines (-C) are the plugin's own check of the server's certificate."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "CRITICAL - Cannot make SSL connection.": common.HANDSHAKE,
    "CRITICAL - Cannot initiate SSL handshake.": common.CLIENT_CONFIG,
    "CRITICAL - Cannot create SSL context.": common.CLIENT_CONFIG,
    "CRITICAL - Private key does not seem to match certificate!": (
        "client_misconfiguration:1 | reason"),
    "CRITICAL - Cannot retrieve server certificate.": (
        "server_misconfiguration:.5 middlebox_or_firewall_interference:.5"),
    "CRITICAL - No server certificate present to inspect.": (
        "server_misconfiguration:.5 middlebox_or_firewall_interference:.5"),
    "CRITICAL - Certificate '%s' expired on %s.": "cert_expired:.9 client_clock_wrong:.1 | reason",
    "Certificate '%s' expired on %s": "cert_expired:.9 client_clock_wrong:.1 | reason",
    "%s - Certificate '%s' just expired (%s).": "cert_expired:.9 client_clock_wrong:.1 | reason",
    "Certificate '%s' just expired (%s)": "cert_expired:.9 client_clock_wrong:.1 | reason",
    "%s - Certificate '%s' expires in %d day(s) (%s).": "cert_expiring_soon:1 | reason",
    "%s - Certificate '%s' expires in %u %s (%s)": "cert_expiring_soon:1 | reason",
    "Certificate '%s' expires in %d day(s) (%s)": "cert_expiring_soon:1 | reason",
    "Certificate '%s' expires in %u %s (%s)": "cert_expiring_soon:1 | reason",
    "OK - Certificate '%s' will expire on %s.": "no_fault",
    "Certificate '%s' will expire on %s": "no_fault",
    "Cannot retrieve certificates - cURL returned %d - %s": "elsewhere",
    # plugins/netutils.c: the connection was made (a refused one says so) and nothing came
    # back within -t seconds: the handshake or the request was never answered.
    "%s - Socket timeout after %d seconds": common.TIMEOUT,
    "%s - Abnormal timeout after %d seconds": common.TIMEOUT,
    "Socket timeout after %d seconds": common.TIMEOUT,
    "Abnormal timeout after %d seconds": common.TIMEOUT,
}

RULES = (
    # Its own words outrank the version words inside them: the plugin's OpenSSL cannot do
    # the version asked for with -S VERSION (no server was contacted).
    (r"^UNKNOWN - .* not supported by your SSL library", "client_misconfiguration:1 | exact",
     "the plugin's OpenSSL cannot do the version asked for with -S VERSION"),
    (r".", "not_tls", "help and usage text, option errors and the plugin's internal states"),
)
