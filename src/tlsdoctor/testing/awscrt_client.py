"""A real AWS Common Runtime client (aws-crt-python: aws-c-io over s2n-tls on Linux) making
one HTTPS connection, in a child process so the CRT's log (its own "[WARN] ... [tls-handler]
..." lines on stderr) and what it raised are captured as a user would paste them.

Run as ``python awscrt_client.py PORT HOST CA_FILE [--min-tls12]
[--cert FILE --key FILE]``; it prints "connected" or the exception as Python prints it
("awscrt.exceptions.AwsCrtError: NAME: text").
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
from dataclasses import dataclass


def have_awscrt() -> bool:
    return importlib.util.find_spec("awscrt") is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class CrtRun:
    output: str  # the CRT's log lines, then the exception or "connected"
    connected: bool


def crt_start(port: int, host: str, ca_file: str, *, min_tls12: bool = False,
              cert: str | None = None, key: str | None = None) -> subprocess.Popen[str]:
    """Start one connection to 127.0.0.1:``port`` naming ``host`` (SNI and the name
    checked), trusting only ``ca_file``. Several may run at once: s2n delays its answer
    10-30 s after it refuses a certificate (its "blinding" against timing attacks)."""
    argv = [sys.executable, __file__, str(port), host, ca_file]
    if min_tls12:
        argv.append("--min-tls12")
    if cert and key:
        argv += ["--cert", cert, "--key", key]
    return subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def crt_finish(proc: subprocess.Popen[str], timeout: float = 60.0) -> CrtRun:
    """What the started client printed (killed after ``timeout`` seconds)."""
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    return CrtRun(output=err + out, connected="connected" in out.splitlines())


def crt_connect(port: int, host: str, ca_file: str, *, min_tls12: bool = False,
                cert: str | None = None, key: str | None = None) -> CrtRun:
    return crt_finish(crt_start(port, host, ca_file, min_tls12=min_tls12, cert=cert, key=key))


def _main() -> None:  # pragma: no cover - runs in the child process
    from awscrt import http, io  # type: ignore[import-untyped]
    from awscrt.exceptions import AwsCrtError  # type: ignore[import-untyped]

    ap = argparse.ArgumentParser()
    ap.add_argument("port", type=int)
    ap.add_argument("host")
    ap.add_argument("ca_file")
    ap.add_argument("--min-tls12", action="store_true")
    ap.add_argument("--cert")
    ap.add_argument("--key")
    a = ap.parse_args()
    io.init_logging(io.LogLevel.Warn, "stderr")
    opts = (io.TlsContextOptions.create_client_with_mtls_from_path(a.cert, a.key)
            if a.cert else io.TlsContextOptions())
    opts.override_default_trust_store_from_path(None, a.ca_file)
    if a.min_tls12:
        opts.min_tls_ver = io.TlsVersion.TLSv1_2
    conn = io.ClientTlsContext(opts).new_connection_options()
    conn.set_server_name(a.host)
    elg = io.EventLoopGroup(1)
    boot = io.ClientBootstrap(elg, io.DefaultHostResolver(elg))
    fut = http.HttpClientConnection.new(host_name="127.0.0.1", port=a.port, bootstrap=boot,
                                        tls_connection_options=conn)
    try:
        fut.result(30)
    except AwsCrtError as e:
        print(f"awscrt.exceptions.AwsCrtError: {e}", flush=True)
        return
    print("connected", flush=True)


if __name__ == "__main__":  # pragma: no cover
    _main()
