"""``tlsdoctor serve``: a small threaded HTTP server over the fleet database (read-only).

Every request: token check (when one is set), then the router (routes.py). Requests are
bounded: 10 s socket timeout, at most ``MAX_CLIENTS`` handled at once (503 beyond), the
standard library's caps on request and header lines. Nothing is logged per request (request
lines are client-controlled text).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from ..errors import InputError, TlsDoctorError
from ..fleet.db import DbUrl, parse_db_url
from ..fleet.store import Store
from .auth import Bind, authorized, parse_bind, require_token
from .router import Response, Router
from .routes import build_router

MAX_CLIENTS = 32
# Prometheus and curl send Bearer; a browser shows its login prompt for Basic (any user
# name, the token as the password) and ignores the Bearer challenge it does not know.
UNAUTHORIZED_HEADERS = (("WWW-Authenticate", 'Bearer realm="tlsdoctor"'),
                        ("WWW-Authenticate", 'Basic realm="tlsdoctor", charset="UTF-8"'))


@dataclass(frozen=True, slots=True, kw_only=True)
class App:
    db: DbUrl
    token: str | None
    router: Router

    def store(self) -> Store:
        """A Store for one request (close it; ``with app.store() as s``)."""
        return Store.open(self.db, create=False)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    timeout = 10

    def _answer(self) -> None:
        app = self.server.app
        if not self.server.slots.acquire(blocking=False):
            return self._send(Response(status=503, body=b"busy\n"))
        try:
            headers = {k.lower(): v for k, v in self.headers.items()}
            if not authorized(app.token, headers.get("authorization")):
                return self._send(Response(status=401, body=b"token required\n",
                                           headers=UNAUTHORIZED_HEADERS))
            try:
                resp = app.router.dispatch(self.command, self.path, headers, app)
            except TlsDoctorError as exc:  # the database is unreachable, or was removed
                resp = Response(status=503, body=f"{exc}\n".encode("utf-8", "replace"))
            except Exception as exc:  # a bug: one line to the client, the server goes on
                resp = Response(status=500, body=f"internal error: {type(exc).__name__}\n".encode())
            self._send(resp)
        finally:
            self.server.slots.release()

    def _send(self, resp: Response) -> None:
        self.send_response(resp.status)
        self.send_header("Content-Type", resp.content_type)
        self.send_header("Content-Length", str(len(resp.body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in resp.headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(resp.body)

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _answer

    def log_message(self, format: str, *args: Any) -> None:
        pass  # no per-request log: request lines are untrusted text


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    app: App
    slots: threading.BoundedSemaphore

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up or times out is not worth a traceback on stderr


def make_server(*, db: str | None = None, bind: str | None = None,
                token: str | None = None) -> ThreadingHTTPServer:
    """A bound, not yet serving, server (``serve_forever()`` / ``shutdown()``).

    Checks first: the database exists and is a fleet database, a non-loopback bind has a
    token. Raises UsageError / InputError.
    """
    where: Bind = parse_bind(bind)
    require_token(where, token)
    url = parse_db_url(db)
    Store.open(url, create=False).close()  # fail now, not at the first scrape
    family = socket.AF_INET6 if ":" in where.host else socket.AF_INET
    cls: type[_Server] = type("_BoundServer", (_Server,), {"address_family": family})
    try:
        server = cls((where.host, where.port), _Handler)
    except OSError as exc:
        raise InputError(f"cannot listen on {where.host}:{where.port}: {exc.strerror or exc}") from exc
    server.app = App(db=url, token=token, router=build_router())
    server.slots = threading.BoundedSemaphore(MAX_CLIENTS)
    return server


@contextlib.contextmanager
def running(server: ThreadingHTTPServer) -> Iterator[ThreadingHTTPServer]:
    """Serve in a background thread for the duration of the block (tests, embedding)."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                              daemon=True, name="tlsdoctor-serve")
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def serve_until_stopped(server: ThreadingHTTPServer) -> None:
    """Serve in this thread until SIGINT or SIGTERM (a normal stop, not an error)."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
