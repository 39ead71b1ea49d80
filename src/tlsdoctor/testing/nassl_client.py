"""A real nassl client (sslyze's OpenSSL wrapper, pip package nassl) making one handshake,
in a child process so a failure prints as sslyze's users paste it: Python's traceback
through nassl/ssl_client.py's do_handshake, ending "nassl._nassl.OpenSSLError: <OpenSSL's
error string>".

Run as ``python nassl_client.py PORT HOST [--cert FILE --key FILE]``; it prints
"connected" or the traceback. It checks no certificate (sslyze's scans do not either).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys


def have_nassl() -> bool:
    return importlib.util.find_spec("nassl") is not None


def nassl_handshake(port: int, host: str, *, cert: str | None = None,
                    key: str | None = None, timeout: float = 30.0) -> str:
    """What the client printed (stderr, then stdout) after one handshake with
    127.0.0.1:``port`` naming ``host`` (SNI), with a client certificate when given."""
    argv = [sys.executable, __file__, str(port), host]
    if cert and key:
        argv += ["--cert", cert, "--key", key]
    done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=timeout)
    return done.stderr + done.stdout


def _main() -> None:  # pragma: no cover - runs in the child process
    import socket
    from pathlib import Path

    from nassl.ssl_client import (
        OpenSslFileTypeEnum,
        OpenSslVerifyEnum,
        OpenSslVersionEnum,
        SslClient,
    )

    port, host = int(sys.argv[1]), sys.argv[2]
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    cert = key = None
    if "--cert" in sys.argv:
        cert = Path(sys.argv[sys.argv.index("--cert") + 1])
        key = Path(sys.argv[sys.argv.index("--key") + 1])
    client = SslClient(ssl_version=OpenSslVersionEnum.TLSV1_2, underlying_socket=sock,
                       ssl_verify=OpenSslVerifyEnum.NONE, client_certificate_chain=cert,
                       client_key=key, client_key_type=OpenSslFileTypeEnum.PEM)
    client.set_tlsext_host_name(host)
    client.do_handshake()  # a failure is left to print its traceback
    print("connected", flush=True)
    client.shutdown()


if __name__ == "__main__":  # pragma: no cover
    _main()
