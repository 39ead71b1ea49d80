"""Outlook's and Outlook Express's mail error 0x800CCC1A (upstream/outlook_mail.json:
Microsoft's KB Q250926 quotes it as "A secure connection to the server could not be
established. Account: ..., Secure(SSL): Yes, Error Number: 0x800CCC1A"; newer Outlook
prints "Your server does not support the connection encryption type you have specified"
with the same number). The secure connection the account's settings ask for could not be
made on that port: most often the setting and the port disagree (implicit TLS, "SSL", on a
port that speaks plain text or STARTTLS first, or the other way round), then no TLS version
in common (an old Windows/Outlook without TLS 1.2 against a server that dropped older
versions), then the account's own settings or something in between (Q250926: an antivirus
product on the server). Which of them is not printed: a ranking below 0.6."""

from __future__ import annotations

JUDGE = {
    "0x800CCC1A": ("non_tls_service_on_port:.35 protocol_version_mismatch:.3 "
                   "client_misconfiguration:.2 middlebox_or_firewall_interference:.15 "
                   "| specific"),
}

RULES = ()
