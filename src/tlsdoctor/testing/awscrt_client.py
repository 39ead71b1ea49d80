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
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

_MARK = "tlsdoctor: end of the CRT's log"


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
    from awscrt import io  # type: ignore[import-untyped]

    ap = argparse.ArgumentParser()
    ap.add_argument("port", type=int)
    ap.add_argument("host")
    ap.add_argument("ca_file")
    ap.add_argument("--min-tls12", action="store_true")
    ap.add_argument("--cert")
    ap.add_argument("--key")
    a = ap.parse_args()
    # The CRT's log goes to fd 2 from a background thread (aws-c-common log_channel.c), so a
    # line logged just before the process ends (a context refused at once) could be lost:
    # fd 2 points at a file until a marker logged last (one queue feeds that thread) is out.
    saved = os.dup(2)
    fd, log = tempfile.mkstemp(suffix=".log")
    os.dup2(fd, 2)
    os.close(fd)
    io.init_logging(io.LogLevel.Warn, "stderr")
    try:
        _connect(a)
    finally:
        _copy_log(log, saved)


def _copy_log(log: str, saved: int) -> None:  # pragma: no cover - runs in the child process
    """Wait (up to 10 s) for the marker, point fd 2 back, and write the log without it."""
    import _awscrt  # type: ignore[import-not-found]

    _awscrt.logger_log(2, 0, _MARK)  # AWS_LL_ERROR, AWS_LS_COMMON_GENERAL
    deadline = time.monotonic() + 10.0
    text = ""
    while _MARK not in text and time.monotonic() < deadline:
        time.sleep(0.01)
        text = Path(log).read_text(errors="replace")
    os.dup2(saved, 2)
    os.close(saved)
    os.unlink(log)
    sys.stderr.write("".join(line for line in text.splitlines(keepends=True)
                             if _MARK not in line))
    sys.stderr.flush()


def _connect(a: argparse.Namespace) -> None:  # pragma: no cover - runs in the child process
    from awscrt import http, io
    from awscrt.exceptions import AwsCrtError  # type: ignore[import-untyped]

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
