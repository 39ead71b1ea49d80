"""Round 15, real programs: who answered, in more programs' words.

On 127.0.0.1, four listeners that are not TLS servers: a plain HTTP server, an SMTP-like
service (a "220" banner, then "500" to anything: a STARTTLS port spoken to with implicit
TLS), one that reads the ClientHello and closes, one that reads it and resets. Real clients
(curl, Python, Node, Java 17, Ruby, PHP) speak TLS to each; their own output is fed to
explain. What must hold for every one: the text is recognised, a non-TLS reply reads as plain
text on the port first and a close as a close (never a suite or version guess), and the
checks that tell the candidates apart include the client's proxy and port
(``env | grep -i proxy``), the words naming no party.
"""

from __future__ import annotations

import http.server
import shutil
import socket
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.causes import Cause

NTS, MB = Cause.NON_TLS_SERVICE_ON_PORT, Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE
_LIMIT = 25.0  # seconds any client may run
JAVA = """import javax.net.ssl.*;
public class Hello { public static void main(String[] a) throws Exception {
  SSLSocket s = (SSLSocket) SSLSocketFactory.getDefault().createSocket("127.0.0.1",
      Integer.parseInt(a[0]));
  s.setSoTimeout(5000); s.startHandshake(); } }
"""


def _smtp(c: socket.socket) -> None:
    c.sendall(b"220 mail.example ESMTP ready\r\n")
    for _ in range(20):  # bounded: each turn waits at most 5 s
        if not c.recv(4096):
            return
        c.sendall(b"500 5.5.1 command unrecognized\r\n")


def _close(c: socket.socket) -> None:
    c.recv(4096)


def _reset(c: socket.socket) -> None:
    c.recv(4096)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def _serve(handler: Callable[[socket.socket], None]) -> tuple[socket.socket, threading.Event]:
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    srv.settimeout(0.2)
    stop = threading.Event()

    def one(c: socket.socket) -> None:
        try:
            c.settimeout(5)
            handler(c)
        except OSError:
            pass
        finally:
            c.close()

    def run() -> None:
        for _ in range(2000):  # bounded: 0.2 s per turn, stops with the test
            if stop.is_set():
                return
            try:
                c, _ = srv.accept()
            except OSError:
                continue
            threading.Thread(target=one, args=(c,), daemon=True).start()

    threading.Thread(target=run, daemon=True).start()
    return srv, stop


class _Quiet(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def ports() -> Iterator[dict[str, int]]:
    web = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Quiet)
    threading.Thread(target=web.serve_forever, daemon=True).start()
    served = {name: _serve(h) for name, h in (("smtp", _smtp), ("close", _close),
                                              ("reset", _reset))}
    try:
        yield {"http": int(web.server_address[1]),
               **{n: int(s.getsockname()[1]) for n, (s, _) in served.items()}}
    finally:
        web.shutdown()
        web.server_close()
        for s, stop in served.values():
            stop.set()
            s.close()


def _run(cmd: list[str], cwd: Path | None = None) -> str:
    try:
        done = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=_LIMIT, check=False, cwd=cwd)
        out, err = done.stdout, done.stderr
    except subprocess.TimeoutExpired as e:
        out, err = e.stdout or b"", e.stderr or b""
    return (out + b"\n" + err).decode("utf-8", "replace")


def _client(name: str, port: int, tmp: Path) -> str:
    url = f"https://127.0.0.1:{port}/"
    if name == "java":
        (tmp / "Hello.java").write_text(JAVA)
        return _run(["java", "Hello.java", str(port)], cwd=tmp)
    cmds = {
        "curl": ["curl", "-sS", "--max-time", "10", url],
        "python": [sys.executable, "-c", "import urllib.request as u; u.urlopen("
                   f"'{url}', timeout=5)"],
        "node": ["node", "-e", f"require('https').get('{url}', r => {{}}).on('error', e => "
                 "{ console.error(e.message); process.exit(1) })"],
        "ruby": ["ruby", "-rnet/http", "-e", f"Net::HTTP.start('127.0.0.1', {port}, "
                 "use_ssl: true, open_timeout: 5, read_timeout: 5) {}"],
        "php": ["php", "-r", f"file_get_contents('{url}');"],
    }
    return _run(cmds[name])


_PROGRAM = {"curl": "curl", "python": "python3", "node": "node", "java": "java",
            "ruby": "ruby", "php": "php"}
CLIENTS = sorted(_PROGRAM)


def _skip_missing(name: str) -> None:
    if shutil.which(_PROGRAM[name]) is None:
        pytest.skip(f"no {_PROGRAM[name]}")


def _tell(r: object) -> str:
    return str(r.findings[0].facts.get("tell_apart", ""))  # type: ignore[attr-defined]


@pytest.mark.parametrize("server", ["http", "smtp"])
@pytest.mark.parametrize("client", CLIENTS)
def test_reply_not_tls(client: str, server: str, ports: dict[str, int],
                       tmp_path: Path) -> None:
    _skip_missing(client)
    text = _client(client, ports[server], tmp_path)
    r = explain(text)
    assert r.recognized, text
    assert r.findings[0].cause is NTS, (text, r.findings[0])
    assert Cause.CLIENT_MISCONFIGURATION in [f.cause for f in r.findings[:3]], text
    assert "env | grep -i proxy" in _tell(r), text


@pytest.mark.parametrize("server", ["close", "reset"])
@pytest.mark.parametrize("client", CLIENTS)
def test_peer_closed(client: str, server: str, ports: dict[str, int], tmp_path: Path) -> None:
    _skip_missing(client)
    text = _client(client, ports[server], tmp_path)
    r = explain(text)
    assert r.recognized, text
    top = r.findings[0]
    # a close is a close: never a suite, version or certificate guess first
    assert top.cause is MB, (text, top)
    assert "env | grep -i proxy" in _tell(r), text
