"""A TLS client that is a bare libssl 1.0.x/1.1.x with its defaults: SSL_CTX_new on
SSLv23_client_method() (1.0.x) or TLS_client_method() (1.1+), SNI, SSL_connect; nothing else
set, as `openssl s_client` with no options. The library is loaded by path with ctypes, so a
libssl shipped inside a PyPI wheel can be driven (round 21: the OpenSSL 1.0.2q of
psycopg2-binary 2.7.7). Used by scripts/record_command_hello.py.

Run: python3 libssl_client.py LIBSSL_PATH HOST PORT [CIPHER_LIST]

CIPHER_LIST, when given, is set with SSL_CTX_set_cipher_list, as a program that sets its own
list does (Python 2.7's ssl.SSLContext sets _DEFAULT_CIPHERS on every context).
"""

from __future__ import annotations

import ctypes
import socket
import sys

SSL_CTRL_SET_TLSEXT_HOSTNAME = 55  # ssl/ssl.h (1.0.x and 1.1.x)
TLSEXT_NAMETYPE_HOST_NAME = 0


def _method(lib: ctypes.CDLL) -> int:
    for name in ("TLS_client_method", "SSLv23_client_method"):
        fn = getattr(lib, name, None)
        if fn is not None:
            fn.restype = ctypes.c_void_p
            return int(fn())
    raise SystemExit("no client method in that libssl")


def main() -> int:
    path, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    ciphers = sys.argv[4] if len(sys.argv) > 4 else None
    lib = ctypes.CDLL(path)
    if hasattr(lib, "SSL_library_init"):  # 1.0.x needs it; 1.1+ initialises itself
        lib.SSL_library_init()
    version = getattr(lib, "SSLeay_version", None) or lib.OpenSSL_version
    version.restype = ctypes.c_char_p
    print(version(0).decode())
    lib.SSL_CTX_new.restype = ctypes.c_void_p
    lib.SSL_CTX_new.argtypes = [ctypes.c_void_p]
    lib.SSL_new.restype = ctypes.c_void_p
    lib.SSL_new.argtypes = [ctypes.c_void_p]
    lib.SSL_set_fd.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.SSL_ctrl.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_long, ctypes.c_char_p]
    lib.SSL_connect.argtypes = [ctypes.c_void_p]
    lib.SSL_CTX_set_cipher_list.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    ctx = lib.SSL_CTX_new(_method(lib))
    if ciphers is not None and lib.SSL_CTX_set_cipher_list(ctx, ciphers.encode()) != 1:
        raise SystemExit(f"no cipher of {ciphers!r} in this libssl")
    ssl = lib.SSL_new(ctx)
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.settimeout(None)  # libssl reads the fd itself: blocking, or it sees EAGAIN
    lib.SSL_set_fd(ssl, sock.fileno())
    lib.SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_HOST_NAME, host.encode())
    print(f"SSL_connect: {lib.SSL_connect(ssl)}")  # the listener answers with an alert
    sock.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
