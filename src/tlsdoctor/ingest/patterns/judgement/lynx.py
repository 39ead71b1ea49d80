"""lynx (ThomasDickey/lynx-snapshots WWW/Library/Implementation/HTTP.c, HTTLS.c, HTTCP.c).

In -dump mode lynx prints its alerts as "Alert!: <text>": "Unable to connect to remote host."
when connect() fails (a name it cannot resolve has its own "Unable to locate remote host"),
"Unable to make secure connection to remote host." for ANY failed TLS handshake (a version or
cipher refused, an alert, a plain-text port, a close), without the library's reason.
A certificate it refuses is a prompt ("SSL error:<GnuTLS's verification text>-Continue?",
"SSL error:host(%s)!=cert(%s)-Continue?") that -dump answers no without printing it."""

from __future__ import annotations

from . import _common as common

# any handshake failure, the reason unsaid (lynx prints it only under -trace)
_HANDSHAKE_ANY = ("cipher_suite_mismatch:.25 protocol_version_mismatch:.25 "
                  "middlebox_or_firewall_interference:.2 non_tls_service_on_port:.15 "
                  "sni_required_or_mismatch:.15 | generic")

JUDGE = {
    "This client does not contain support for HTTPS URLs.": common.CLIENT_CONFIG,
    "Unable to connect to remote host.": common.UNREACHABLE,
    "Unable to locate remote host %s.": common.DNS,
    "Unexpected network write error; connection aborted.": common.RESET,
    "Unexpected network read error; connection aborted.": common.RESET,
    "Unable to make secure connection to remote host.": _HANDSHAKE_ANY,
    "GnuTLS error when trying to verify certificate.": common.CERT_ANY + " | category",
    "Can't find common name in certificate": "hostname_mismatch:.7 server_misconfiguration:.3"
                                             " | reason",
    "SSL error:host(%s)!=cert(%s)-Continue?": common.HOSTNAME,
    "SSL error": "elsewhere",  # the prompt's lead; the GnuTLS text after it is read there
    "Verified connection to %s (cert=%s)": "no_fault",
    "Verified connection to %s (subj=%s)": "no_fault",
    "UNVERIFIED connection to %s (cert=%s)": "no_fault",  # the user said yes to the prompt
    "Making %s connection to %s": "no_fault",
}

RULES = ()
