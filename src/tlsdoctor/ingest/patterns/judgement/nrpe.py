"""NRPE (NagiosEnterprises/nrpe src/check_nrpe.c, src/nrpe.c at 2.15, 3.2.1, 4.1.0, HEAD):
the plugin check_nrpe (a TLS client) and the daemon nrpe (a TLS server).

What each line proves, read from the code and measured with Debian 12's 4.1.0 on loopback
(tests/ingest/test_round17_nrpe_real.py):
- The daemon checks ``allowed_hosts`` after accept() and close()s the socket before TLS:
  the plugin's ClientHello meets a reset, so check_nrpe's SSL_connect() fails with
  SSL_get_error() 5 (SSL_ERROR_SYSCALL) and prints "Could not connect to <ip>: Connection
  reset by peer" (errno 0, a clean close: "Check system logs on <ip>"). That is the daemon's
  own configuration refusing this monitoring server, so the SPEC's cause is
  ``server_misconfiguration`` (a server setup that refuses the client; fixed in nrpe.cfg),
  not ``middlebox_or_firewall_interference`` (the reset comes from the daemon itself). A
  daemon run without SSL (``-n``) that reads the ClientHello as a packet hangs up the same
  way ("Request packet version was invalid!"): the second reading.
- check_nrpe's "(ssl_err != 5) ... with <ip>: 1" is SSL_ERROR_SSL: a TLS-level refusal:
  ``ssl_version`` / ``-S`` with no version in common, no cipher in common (the ADH/AECDH
  anonymous suites a daemon without ``ssl_cert_file`` needs vs a plugin with ``-d 0`` or a
  newer OpenSSL's security level), the daemon's certificate refused (``-A``), a required
  client certificate; on OpenSSL 3 also an EOF without reset. Nothing in the line decides:
  a ranking; the daemon's ``ssl_logging=0x2f`` line names the reason.
- The daemon's "Could not complete SSL handshake with <ip>: 1" is the same refusal seen by
  the server (with ``check_nrpe -n`` it is the plaintext query it could not read); "5" is a
  client that hung up without a TLS alert (a port check such as check_tcp, a client that
  gave up).
- The daemon's "(ERR_get_error...) Could not complete SSL handshake with <ip>: <reason>"
  (with ssl_logging) carries OpenSSL's reason, which OpenSSL's table reads ("elsewhere");
  who printed it is said by side.py's NRPE cues.
"""

from __future__ import annotations

from . import _common as common

_ALLOWED = "server_misconfiguration:.9 client_misconfiguration:.1 | reason"
# check_nrpe: SSL_connect() failed with SSL_ERROR_SYSCALL: the daemon hung up on the hello.
_RESET = ("server_misconfiguration:.55 non_tls_service_on_port:.25 "
          "middlebox_or_firewall_interference:.2 | category")
# check_nrpe: SSL_ERROR_SSL, no reason printed.
_REFUSED = ("protocol_version_mismatch:.3 cipher_suite_mismatch:.3 client_cert_required:.15 "
            "cert_untrusted_root:.15 server_misconfiguration:.1 | category")
# 2.x's check_nrpe, one line for every failure of SSL_connect(), allowed_hosts included.
_V2_HANDSHAKE = ("server_misconfiguration:.35 cipher_suite_mismatch:.25 "
                 "protocol_version_mismatch:.15 non_tls_service_on_port:.15 "
                 "middlebox_or_firewall_interference:.1 | category")
# The daemon: SSL_accept() failed with SSL_ERROR_SSL, no reason printed (check_nrpe -n's
# plaintext query, no version or cipher in common, the plugin refused the daemon's
# certificate, a client certificate required).
_ACCEPT_SSL = ("protocol_version_mismatch:.25 cipher_suite_mismatch:.25 "
               "non_tls_service_on_port:.2 cert_untrusted_root:.15 client_cert_required:.15 "
               "| category")
# ...with SSL_ERROR_SYSCALL / ZERO_RETURN: the client hung up during the handshake.
_ACCEPT_GONE = ("middlebox_or_firewall_interference:.35 non_tls_service_on_port:.25 "
                "cert_untrusted_root:.2 protocol_version_mismatch:.2 | generic")
_NO_SSL_DAEMON = "non_tls_service_on_port:.8 client_misconfiguration:.2 | reason"
_SIZE = "client_misconfiguration:.55 non_tls_service_on_port:.45 | category"
_PLUGIN_FILE = "client_misconfiguration:.95 server_misconfiguration:.05 | reason"
_DAEMON_FILE = "server_misconfiguration:.95 client_misconfiguration:.05 | reason"

_PLUGIN_SSL = "CHECK_NRPE: (ssl_err != 5) Error - Could not complete SSL handshake with %s: %d"
_D2 = "Error: Could not complete SSL handshake. %d"
_D3 = "Error: (!log_opts) Could not complete SSL handshake with %s: %d"
_D3N = "Error: (nerrs = 0) Could not complete SSL handshake with %s: %d"
_D4 = "Error: (!log_opts) Could not complete SSL handshake with %s: 0x%08x"
_D4N = "Error: (nerrs = 0) Could not complete SSL handshake with %s: 0x%08x"

JUDGE = {
    "Host %s is not allowed to talk to us!": _ALLOWED,
    "Connection refused by TCP wrapper": _ALLOWED,
    "CHECK_NRPE: Error - Could not connect to %s: %s": _RESET,
    "CHECK_NRPE: Error - Could not connect to %s. Check system logs on %s": _RESET,
    "CHECK_NRPE: Error - Could not connect to %s: Check system logs on %s": _RESET,
    "CHECK_NRPE: Error - Could not complete SSL handshake.": _V2_HANDSHAKE,
    # The format itself: each number it can end with is an entry of its own (below).
    _PLUGIN_SSL: "elsewhere",
    _PLUGIN_SSL + "#SSL_ERROR_SSL": _REFUSED,
    # SSL_ERROR_ZERO_RETURN: a close_notify during the handshake, no reason given.
    _PLUGIN_SSL + "#SSL_ERROR_ZERO_RETURN": _RESET.replace("category", "generic"),
    # Never printed: 5 takes the "Could not connect" branch.
    _PLUGIN_SSL + "#SSL_ERROR_SYSCALL": "not_tls",
    "Error: (nerrs = 0) Could not complete SSL handshake with %s: rc=%d SSL-error=%d":
        common.HANDSHAKE,
    "Error: (nerrs = 0)(!log_opts) Could not complete SSL handshake with %s: rc=%d "
    "SSL-error=%d": common.HANDSHAKE,
    # OpenSSL's reason follows: its table reads it, side.py says who printed the line.
    "Error: (ERR_get_error_line_data = %d), Could not complete SSL handshake with %s: %s":
        "elsewhere",
    "Error: (ERR_get_error = 0x%08x), Could not complete SSL handshake with %s: %s":
        "elsewhere",
    "Error: (!log_opts) Could not complete SSL handshake with %s: %s": "elsewhere",
    "Error: (!log_opts) Could not complete SSL handshake with %s: timeout %d seconds":
        common.HANDSHAKE_TIMEOUT,
    "Error (!log_opts): Could not complete SSL_read with %s: timeout %d seconds": "not_tls",
    "Error: This could be because you have not specified certificate or ca-certificate files":
        "cipher_suite_mismatch:.7 server_misconfiguration:.3 | reason",
    "Error: CA certificate required for client verification.": common.SERVER_CONFIG,
    "Error: (use_ssl == false): Request packet version was invalid!": _NO_SSL_DAEMON,
    "Error: (use_ssl == false): Received packet with invalid buffer size": _NO_SSL_DAEMON,
    "Error: Request packet had invalid CRC32.": _SIZE,
    "CHECK_NRPE: Response packet had invalid CRC32.": _SIZE,
    "CHECK_NRPE: Receive header underflow - only %d bytes received (%ld expected).": (
        "non_tls_service_on_port:.5 server_misconfiguration:.3 "
        "middlebox_or_firewall_interference:.2 | category"),
    "CHECK_NRPE: Receive header underflow - only %d bytes received (%zu expected).": (
        "non_tls_service_on_port:.5 server_misconfiguration:.3 "
        "middlebox_or_firewall_interference:.2 | category"),
    # A write that failed after SSL_connect() returned: with TLS 1.3 the daemon's refusal of
    # the client's certificate arrives after the client's handshake is done (measured).
    "CHECK_NRPE: Error sending query to host.": (
        "client_cert_required:.5 server_misconfiguration:.3 "
        "middlebox_or_firewall_interference:.2 | category"),
    "CHECK_NRPE STATE %s: Socket timeout after %s seconds.": common.TIMEOUT,
    "CHECK_NRPE: Socket timeout after %d seconds.": common.TIMEOUT,
    # The verify callback of both programs prints this (the daemon about the client's
    # certificate, check_nrpe about the daemon's), OpenSSL's verify string after it.
    "SSL Client has an invalid certificate: %s (issuer=%s) err=%d:%s":
        "client_cert_required:.55 cert_untrusted_root:.45 | category",
    "SSL Client %s did not present a certificate": "no_fault",
    "SSL Did not get certificate from %s": "no_fault",
    "WARN: Limiting SSL/TLS version to v1.2 to support ADH": "no_fault",
    "Invalid ssl version specified in config file '%s' - Line %d": common.SERVER_CONFIG,
    "Invalid use adh value specified in config file '%s' - Line %d": common.SERVER_CONFIG,
    "Error: Could not set SSL/TLS cipher list": common.SERVER_CONFIG,
    "Error: Could not set SSL/TLS cipher list: %s": common.CLIENT_CONFIG,
    "Could not set SSL/TLS cipher list '%s': %s": common.CLIENT_CONFIG,
    "Error: the client certificate and the private key must both be given or neither":
        common.CLIENT_CONFIG,
    "Error: could not use certificate/private key pair: %s": _DAEMON_FILE,
    "Error: could not use certificate file %s : %s": _DAEMON_FILE,
    "Error: could not use private key file '%s' : %s": _DAEMON_FILE,
    "Error: could not use CA certificate file '%s': %s": _DAEMON_FILE,
    "Error: could not use CA certificate '%s'": _DAEMON_FILE,
    "Error: could not use certificate file '%s'.": _PLUGIN_FILE,
    "Error: could not use certificate file '%s': %s": _PLUGIN_FILE,
    "Error: could not use private key file '%s'.": _PLUGIN_FILE,
    "Error: could not use private key file '%s': %s": _PLUGIN_FILE,
    "Error: could not use CA certificate '%s'.": _PLUGIN_FILE,
    "Error: could not use CA certificate '%s': %s": _PLUGIN_FILE,
}

for _fmt in (_D2, _D3, _D3N, _D4, _D4N):
    JUDGE[_fmt] = "elsewhere"  # read by its numbered entries
    JUDGE[_fmt + "#SSL_ERROR_SSL"] = _ACCEPT_SSL
    JUDGE[_fmt + "#SSL_ERROR_SYSCALL"] = _ACCEPT_GONE
    JUDGE[_fmt + "#SSL_ERROR_ZERO_RETURN"] = _ACCEPT_GONE

# What a numbered line says, in words (the entry's id is its format and the number's name).
_SAYS = {"SSL_ERROR_SSL": "SSL_get_error() 1, SSL_ERROR_SSL: a TLS-level refusal (version, "
                          "cipher, certificate); no reason printed",
         "SSL_ERROR_SYSCALL": "SSL_get_error() 5, SSL_ERROR_SYSCALL: the peer hung up "
                              "without a TLS alert",
         "SSL_ERROR_ZERO_RETURN": "SSL_get_error() 6, SSL_ERROR_ZERO_RETURN: the peer closed "
                                  "the TLS connection during the handshake"}
MEANING = {f"{fmt}#{name}": f"{fmt.split(' with ')[0].split('. ')[0]}: {said}"
           for fmt in (_PLUGIN_SSL, _D2, _D3, _D3N, _D4, _D4N) for name, said in _SAYS.items()}

RULES = (
    # Start-up and per-connection information (ssl_logging), usage, memory, the query's
    # own packet checks after a completed handshake ("Received 0 bytes from daemon": the
    # daemon read the query and hung up: command not defined, arguments refused).
    (r".", "not_tls", "information, usage and the query protocol after the handshake"),
)
