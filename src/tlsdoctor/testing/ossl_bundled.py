"""A TLS server on the OpenSSL that the ``cryptography`` wheel bundles (4.0 here).

Debian 12's OpenSSL 3.0 and GnuTLS 3.7 have no ML-KEM: the groups a 2026 server may be
set to alone (``X25519MLKEM768``, OpenSSL 3.5's default first group) exist on this
machine only inside the wheel. Its libssl is reachable through cryptography's own
bindings (the functions pyOpenSSL calls), so this runs a real OpenSSL server loop with
``SSL_CTX_set1_groups_list`` and the protocol range set, nothing else of ours on the
wire. Run as ``python3 -m tlsdoctor.testing.ossl_bundled PORT CHAIN KEY GROUPS
MIN_VERSION``; it answers each connection with a short HTTP response.
"""

from __future__ import annotations

import os
import socket
import struct
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import servers

_VERSIONS = {"tls1_2": 0x0303, "tls1_3": 0x0304}


def available() -> bool:
    """The wheel's OpenSSL knows X25519MLKEM768."""
    try:
        from cryptography.hazmat.bindings.openssl.binding import Binding

        lib = Binding().lib
        ctx = lib.SSL_CTX_new(lib.TLS_server_method())
        try:
            return bool(lib.SSL_CTX_set1_curves_list(ctx, b"X25519MLKEM768"))
        finally:
            lib.SSL_CTX_free(ctx)
    except Exception:
        return False


def serve(port: int, chain: str, key: str, groups: str, min_version: str) -> None:
    from cryptography.hazmat.bindings.openssl.binding import Binding

    b = Binding()
    lib, ffi = b.lib, b.ffi
    ctx = lib.SSL_CTX_new(lib.TLS_server_method())
    if not (lib.SSL_CTX_use_certificate_chain_file(ctx, chain.encode())
            and lib.SSL_CTX_use_PrivateKey_file(ctx, key.encode(), lib.SSL_FILETYPE_PEM)
            and lib.SSL_CTX_set1_curves_list(ctx, groups.encode())
            and lib.SSL_CTX_set_min_proto_version(ctx, _VERSIONS[min_version])):
        raise SystemExit(f"OpenSSL refused the setup (groups {groups!r})")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(16)
    print(f"ACCEPT {port} {groups}", flush=True)
    def one(conn: socket.socket) -> None:
        ssl = lib.SSL_new(ctx)
        try:
            lib.SSL_set_fd(ssl, conn.fileno())
            lib.SSL_set_accept_state(ssl)
            if lib.SSL_do_handshake(ssl) == 1:
                group = lib.SSL_get0_group_name(ssl)
                name = ffi.string(group).decode() if group != ffi.NULL else "?"
                print(f"handshake {name}", flush=True)
                # Read the request first: closing with it unread makes the kernel send a
                # reset, which a client reads as interference on the path.
                request = ffi.new("char[]", 4096)
                lib.SSL_read(ssl, request, 4096)
                body = b"HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n"
                lib.SSL_write(ssl, body, len(body))
                lib.SSL_shutdown(ssl)
            else:
                err = lib.ERR_get_error()
                reason = lib.ERR_reason_error_string(err)
                text = ffi.string(reason).decode() if reason != ffi.NULL else str(err)
                print(f"handshake failed: {text}", flush=True)
        finally:
            lib.SSL_free(ssl)
            conn.close()

    # One thread a connection (a probe that sends half a hello must not hold up the
    # others), at most 2000 connections: the server ends by itself.
    for _ in range(2000):
        conn, _ = listener.accept()
        # A blocking descriptor with a receive limit (settimeout would make it non-blocking,
        # and OpenSSL would read EAGAIN as the end).
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, struct.pack("ll", 5, 0))
        threading.Thread(target=one, args=(conn,), daemon=True).start()


@contextmanager
def bundled_server(chain: Path, key: Path, groups: str, *, min_version: str = "tls1_3",
                   workdir: Path) -> Iterator[servers.Server]:
    log = workdir / "ossl-bundled.log"

    def argv(port: int) -> list[str]:
        return [sys.executable, "-m", "tlsdoctor.testing.ossl_bundled", str(port), str(chain),
                str(key), groups, min_version]
    # The child imports this module from where this process found it.
    here = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (here, os.environ.get("PYTHONPATH", "")) if p)}
    with servers._spawn("ossl-bundled", argv, workdir=workdir, log_path=log, timeout=20,
                        cleanup=lambda: None, env=env) as srv:
        yield srv


if __name__ == "__main__":  # pragma: no cover - run as a subprocess
    serve(int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
