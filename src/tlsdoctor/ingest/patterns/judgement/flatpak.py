"""flatpak (common/flatpak-utils-http.c): its fetcher's wrappers. Each carries another
library's words, read by that library's table in flatpak's shape (patterns/desktop16.py):
libsoup's status phrase with its number ("Server returned status 6: SSL handshake failed")
or after "Error connecting to server: ", curl's CURLcode and text ("While fetching URL:
[60] SSL peer certificate or SSH remote key was not OK"). ostree's curl fetcher prints the
same "[%u] %s" shape."""

from __future__ import annotations

JUDGE: dict[str, str] = {}

RULES = (
    (r".", "elsewhere", "a wrapper: the words inside are libsoup's or curl's"),
)
