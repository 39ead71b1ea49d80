"""A loopback HTTP server answering every GET with the bytes a dict holds: the AIA
caIssuers URL a test certificate names, for tests that fetch a missing intermediate."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["serve_issuer"]


@contextlib.contextmanager
def serve_issuer() -> Iterator[tuple[dict[str, bytes], str]]:
    """(the dict whose "body" is served as application/pkix-cert, 404 while empty; the URL),
    on 127.0.0.1 and a free port, stopped on exit."""
    served: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = served.get("body", b"")
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "application/pkix-cert")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield served, f"http://127.0.0.1:{httpd.server_address[1]}/issuer.der"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
