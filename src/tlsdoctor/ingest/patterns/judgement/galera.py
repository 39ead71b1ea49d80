"""Galera's handshake failure lines (codership/galera): a wrapper around the asio error.

Galera 3 (gcomm/src/asio_tcp.cpp handshake_handler, the only version that prints "handshake
with remote endpoint %s failed") loads socket.ssl_cert with use_certificate_file
(galerautils/src/gu_asio.cpp @ 3.x), so it sends ONLY the first certificate of the file,
never the intermediates; Galera 4 uses use_certificate_chain_file. Every node verifies its
peer (verify_peer | verify_fail_if_no_peer_cert, socket.ssl_ca defaulting to ssl_cert). The
verdict on the wrapped error is in patterns/frameworks.py (the peer closing there is read
with those two facts)."""

from __future__ import annotations

JUDGE = {
    "handshake_handler": "elsewhere",
}

RULES = (
    (r".", "elsewhere", "the wrapped error is read by its own table"),
)
