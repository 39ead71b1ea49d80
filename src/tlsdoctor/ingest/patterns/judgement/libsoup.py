"""libsoup (GNOME/libsoup libsoup/soup-status.c, soup-session.c, soup-server.c): the
transport status phrases of libsoup 2 and its TLS messages.

SOUP_STATUS_SSL_FAILED (6) "SSL handshake failed": libsoup 2.38-2.4x set it for ANY failed
handshake with no message (soup-socket.c soup_socket_handshake_sync), including a
certificate GIO refused under ssl-strict (the usual case for Epiphany, Evolution, GNOME
Software of that time); later versions carry GIO's message instead ("Unacceptable TLS
certificate", read by the GLib table). The words are shared with Qt, Kafka and libpurple,
so this table reads them only with libsoup's status number or name (patterns/desktop16.py).
The other transport phrases are not about TLS."""

from __future__ import annotations

JUDGE = {
    "SOUP_STATUS_SSL_FAILED": ("cert_untrusted_root:.3 cert_self_signed:.15 "
                               "protocol_version_mismatch:.15 incomplete_chain:.1 "
                               "hostname_mismatch:.1 cipher_suite_mismatch:.1 "
                               "tls_interception_mitm:.1 | category"),
    # soup-session.c: no TLS back end in GIO (glib-networking not installed).
    "SOUP_STATUS_SSL_FAILED.no_backend": "client_misconfiguration:1 | reason",
    "Can’t create a TLS server without a TLS certificate": "server_misconfiguration:1 | reason",
}

RULES = (
    (r".", "not_tls", "DNS, TCP connect, proxy, redirect and I/O status phrases"),
)
