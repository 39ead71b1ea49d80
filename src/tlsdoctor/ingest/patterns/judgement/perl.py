"""Perl: IO::Socket::SSL (lib/IO/Socket/SSL.pm) and LWP (LWP::Protocol::http's connect
failure, used by LWP::Protocol::https). IO::Socket::SSL appends OpenSSL's error strings to
its own words ("SSL connect attempt failed error:0A000086:SSL routines::certificate verify
failed"); they are read with OpenSSL's table. LWP keeps only a few words of it in
parentheses: "Can't connect to host:443 (certificate verify failed)"."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "hostname verification failed": common.HOSTNAME,
    "Cannot determine peer hostname for verification": common.CLIENT_CONFIG,
    "SSL connect attempt failed": common.HANDSHAKE,
    "SSL connect attempt failed because of handshake problems": common.HANDSHAKE,
    "SSL accept attempt failed": common.HANDSHAKE,
    "SSL accept attempt failed because of handshake problems": common.HANDSHAKE,
    "Could not retrieve peer certificate": "server_misconfiguration:.5 "
                                           "middlebox_or_firewall_interference:.5",
    # Round 10: the words in parentheses after it say what failed (a system error, an SSL
    # reason: their own tables read them); the bare line is patterns/perl.py's. Read as
    # unreachable it outranked "unexpected eof" on a connection that was made.
    "Can't connect to %s:%d": "elsewhere",
    "Can't connect to (Bad hostname)": common.DNS,
    "Can't connect to (certificate verify failed)": common.CERT_ANY + " | category",
    "Can't connect to (Crypt-SSLeay can't verify hostnames)": common.CLIENT_CONFIG,
    "Failed to use Private Key": "client_misconfiguration:.6 server_misconfiguration:.4",
    "Failed to use Certificate": "client_misconfiguration:.6 server_misconfiguration:.4",
    "Invalid certificate authority locations": common.CLIENT_CONFIG,
    "Invalid default certificate authority locations": common.CLIENT_CONFIG,
    "Failed to set SSL cipher list": common.CLIENT_CONFIG,
    "SSL Version %s not supported": common.VERSION_OR_CLIENT,
    # LWP::Protocol::https dies with it before connecting when verify is on and neither a
    # CA file (PERL_LWP_SSL_CA_FILE, ssl_opts) nor Mozilla::CA is there: this client's setup.
    "Can't verify SSL peers without knowing which Certificate Authorities to trust":
        common.CLIENT_CONFIG,
    "Peer certificate not verified": "no_fault",
    "Peer hostname match with certificate not verified": "no_fault",
}

RULES = (
    (r".", "not_tls", "the module's API misuse, missing features of Net::SSLeay, internal "
     "states"),
)
