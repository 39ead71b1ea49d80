"""Outlook's and Outlook Express's mail error 0x800CCC1A (upstream/outlook_mail.json:
Microsoft's KB Q250926 quotes it as "A secure connection to the server could not be
established. Account: ..., Secure(SSL): Yes, Error Number: 0x800CCC1A"; newer Outlook
prints "Your server does not support the connection encryption type you have specified"
with the same number). The secure connection the account's settings ask for could not be
made on that port: most often the setting and the port disagree (implicit TLS, "SSL", on a
port that speaks plain text or STARTTLS first, or the other way round), then no TLS version
in common (an old Windows/Outlook without TLS 1.2 against a server that dropped older
versions), then no cipher suite in common (round 24's dev thread: Windows 7's Outlook against
a server with only suites its Schannel lacks; the error's SDK name, IXP_E_SECURE_CONNECT_FAILED
in wine-mirror/wine @ 181d2fb65ea7 include/imnxport.idl, says only that negotiation failed), then the account's own settings or something in between (Q250926: an antivirus
product on the server). Which of them is not printed: a ranking below 0.6."""

from __future__ import annotations

JUDGE = {
    "0x800CCC1A": ("non_tls_service_on_port:.3 protocol_version_mismatch:.25 "
                   "cipher_suite_mismatch:.2 client_misconfiguration:.15 "
                   "middlebox_or_firewall_interference:.1 | specific"),
}

RULES = ()
