"""OpenSSL's SSL_alert_desc_string_long() names (ssl/ssl_stat.c): read only inside the
lines that print them (patterns/eap.py: wpa_supplicant's and FreeRADIUS' alert lines,
which say the direction); alone they are ordinary words."""

from __future__ import annotations

JUDGE: dict[str, str] = {}

RULES = (
    (r".", "elsewhere", "an alert name: read by the line that prints it"),
)
