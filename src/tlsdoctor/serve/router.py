"""A tiny read-only router: GET/HEAD paths (with ``{name}`` segments) -> handler functions.

A handler takes a ``Request`` and returns a ``Response``; it never writes to the socket.
Adding a page is one ``router.get("/path/{id}", handler)`` call (see routes.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs


@dataclass(frozen=True, slots=True, kw_only=True)
class Request:
    method: str  # GET or HEAD
    path: str  # without the query string
    query: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    params: Mapping[str, str] = field(default_factory=dict)  # from {name} segments
    headers: Mapping[str, str] = field(default_factory=dict)  # lower-case names
    app: Any = None  # the App serving it (store access, settings)

    def arg(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default


@dataclass(frozen=True, slots=True, kw_only=True)
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def text(cls, text: str, status: int = 200) -> Response:
        return cls(status=status, body=text.encode("utf-8", "replace"))


Handler = Callable[[Request], Response]
_SEGMENT = re.compile(r"\{([a-z_]+)\}")


class Router:
    def __init__(self) -> None:
        self._routes: list[tuple[re.Pattern[str], Handler]] = []

    def get(self, pattern: str, handler: Handler) -> None:
        """Serve GET (and HEAD) ``pattern``; ``{name}`` matches one path segment."""
        regex = "^" + _SEGMENT.sub(r"(?P<\1>[^/]+)", re.escape(pattern).replace(r"\{", "{")
                                   .replace(r"\}", "}")) + "$"
        self._routes.append((re.compile(regex), handler))

    def match(self, path: str) -> tuple[Handler, dict[str, str]] | None:
        for regex, handler in self._routes:
            m = regex.match(path)
            if m:
                return handler, m.groupdict()
        return None

    def dispatch(self, method: str, target: str, headers: Mapping[str, str], app: Any) -> Response:
        if method not in ("GET", "HEAD"):
            return Response(status=405, body=b"read-only: GET and HEAD only\n",
                            headers=(("Allow", "GET, HEAD"),))
        path, _, query = target.partition("?")
        found = self.match(path)
        if found is None:
            return Response(status=404, body=b"not found\n")
        handler, params = found
        try:
            fields = parse_qs(query, max_num_fields=50)
        except ValueError:
            return Response(status=400, body=b"too many query fields\n")
        req = Request(method=method, path=path, params=params, headers=headers, app=app,
                      query={k: tuple(v) for k, v in fields.items()})
        return handler(req)
