"""PHPMailer (PHPMailer/PHPMailer src/PHPMailer.php, src/SMTP.php, language/*.php).

"SMTP Error: Could not connect to SMTP host." (and its translations, and the older "SMTP
connect() failed.") is all PHPMailer says when SMTP::connect() or STARTTLS fails: its
troubleshooting guide leads with PHP's certificate verification (since PHP 5.6), outbound
SMTP blocked by the host, and encryption that does not fit the port. A ranking; PHP's
warning beside it ("stream_socket_enable_crypto(): ...", logged by SMTP::errorHandler as
"Connection failed. Error #2: ...") decides. SMTP::connect()'s "Failed to connect to
server" carries the socket's own error after it.
"""

from __future__ import annotations

_CONNECT = ("middlebox_or_firewall_interference:.3 cert_untrusted_root:.25 "
            "hostname_mismatch:.15 non_tls_service_on_port:.15 "
            "name_resolution_or_unreachable:.15 | generic")

JUDGE = {
    "Failed to connect to server": ("middlebox_or_firewall_interference:.45 "
                                    "name_resolution_or_unreachable:.35 "
                                    "non_tls_service_on_port:.1 cert_untrusted_root:.1 | generic"),
    "errorHandler": "elsewhere",
}

RULES = (
    (r"^(?:connect_host|smtp_connect_failed)\b", _CONNECT,
     "PHPMailer's one line for any failed connect or STARTTLS"),
)
