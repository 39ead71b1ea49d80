"""A small Python ssl server for tlsdoctor's server-log matrix (tlsdoctor.testing.stacks).

argv[1] is a JSON object: port, cert, key, and clientCa (a CA file: a client certificate
is required). It serves as many Python programs do: the listening socket is wrapped with
``server_side=True``, so ``accept()`` runs each handshake; a failed one is logged with the
traceback Python prints for it (``traceback.print_exc()``), and the loop goes on. Each
accepted connection gets one HTTP/1.0 answer. Bounded: 10,000 connections, 5 s a socket.
"""

import json
import socket
import ssl
import sys
import traceback

conf = json.loads(sys.argv[1])
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(conf["cert"], conf["key"])
if conf.get("clientCa"):
    ctx.load_verify_locations(conf["clientCa"])
    ctx.verify_mode = ssl.CERT_REQUIRED
listener = socket.create_server(("127.0.0.1", int(conf["port"])))
with ctx.wrap_socket(listener, server_side=True) as server:
    for _ in range(10000):
        try:
            conn, addr = server.accept()
        except (OSError, ssl.SSLError):
            traceback.print_exc()
            sys.stderr.flush()
            continue
        with conn:
            conn.settimeout(5)
            try:
                conn.recv(4096)
                conn.sendall(b"HTTP/1.0 200 OK\r\nServer: python-ssl\r\nContent-Length: 2\r\n\r\nok")
            except OSError:
                pass
