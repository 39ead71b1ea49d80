"""A TLS client with the library's defaults: pyOpenSSL's Context on TLS_method(), SNI, no other
setting (pyOpenSSL's Context itself sets only ECDH auto-selection and partial writes, which
change nothing in the ClientHello). Used by scripts/record_command_hello.py.

Run: PYTHONPATH=<unpacked cryptography + pyOpenSSL wheels> python3 pyopenssl_client.py HOST PORT
"""

from __future__ import annotations

import socket
import sys

from OpenSSL import SSL  # type: ignore[import-not-found]

# pyOpenSSL before 20.1 names TLS_method() by its old name, SSLv23_METHOD.
METHOD = getattr(SSL, "TLS_METHOD", SSL.SSLv23_METHOD)


def main() -> int:
    host, port = sys.argv[1], int(sys.argv[2])
    print(SSL.SSLeay_version(SSL.SSLEAY_VERSION).decode())
    conn = SSL.Connection(SSL.Context(METHOD),
                          socket.create_connection(("127.0.0.1", port), timeout=10))
    conn.set_tlsext_host_name(host.encode())
    conn.set_connect_state()
    try:
        conn.do_handshake()
    except (SSL.Error, OSError) as exc:  # the listener answers every hello with an alert
        print(f"handshake ended: {exc!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
