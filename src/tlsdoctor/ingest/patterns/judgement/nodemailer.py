"""Nodemailer (nodemailer/nodemailer lib/smtp-connection/index.js), Node's SMTP client.

- "Error initiating TLS - <Node's error>" (ETLS) wraps Node's TLS error: its words (an
  OpenSSL reason such as "wrong version number", a certificate code) decide.
- "Greeting never received" (ETIMEDOUT): connected, and no SMTP greeting came: a plain
  connection to the implicit-TLS port (secure: false on 465, where the server waits for a
  ClientHello) first, a firewall, antivirus or ISP filter holding the SMTP port second.
- "Connection closed unexpectedly" (ETLS): closed during the STARTTLS upgrade.
- "EHLO failed but HELO does not support required STARTTLS" and "Error upgrading connection
  with STARTTLS": requireTLS and a server (or a path stripping STARTTLS) that offers none.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "Error initiating TLS - %s": common.HANDSHAKE,
    "Greeting never received": ("client_misconfiguration:.45 "
                                "middlebox_or_firewall_interference:.35 "
                                "name_resolution_or_unreachable:.2 | specific"),
    "Connection closed unexpectedly": common.EOF_CLOSED,
    "EHLO failed but HELO does not support required STARTTLS. response=%s":
        "server_misconfiguration:.55 middlebox_or_firewall_interference:.45 | specific",
    "Error upgrading connection with STARTTLS":
        "server_misconfiguration:.55 middlebox_or_firewall_interference:.45 | specific",
}

RULES = (
    (r".", "not_tls", "an SMTP greeting refused (554 ...) is no TLS failure"),
)
