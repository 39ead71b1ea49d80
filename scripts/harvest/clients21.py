"""Round 21: client programs of the client matrix whose own words no table had, read from
their source.

- lynx (ThomasDickey/lynx-snapshots): the alerts its HTTP and TLS code print
  (WWW/Library/Implementation/HTTP.c, HTTLS.c, HTTCP.c), "Alert!: <text>" in -dump mode,
  and its certificate prompts "SSL error:<text>-Continue?" (interactive).
- undici (nodejs/undici), Node's built-in fetch: the error classes' default messages
  (lib/core/errors.js), the SocketError a closed connection raises (lib/dispatcher/
  client-h1.js) and the connect timeout's message (lib/core/connect.js), as Node prints the
  fetch's cause: "[cause]: SocketError: other side closed".
- aiohttp (aio-libs/aiohttp, aiohttp/client_exceptions.py): ClientConnectorError's
  "Cannot connect to host %s:%s ssl:%s [%s]" (the OS error's text in brackets, read by other
  tables; "[None]": an OSError without errno, patterns/clients21.py) and
  ServerDisconnectedError's "Server disconnected".
"""

from __future__ import annotations

import re

from .common import Harvest, git_origin

_LYNX_FILES = ("WWW/Library/Implementation/HTTP.c", "WWW/Library/Implementation/HTTLS.c",
               "WWW/Library/Implementation/HTTCP.c")
# lynx's words about a connection or its TLS, not its HTTP status replies
_LYNX_TLS = re.compile(r"remote host|secure connection|network (?:read|write) error|SSL error|"
                       r"common name in certificate|HTTPS URLs|connection to %s|"
                       r"verify certificate")


def lynx() -> Harvest:
    """lynx's alerts (HTAlert), prompts and progress lines about connecting and TLS."""
    h = Harvest("lynx")
    o = git_origin("ThomasDickey/lynx-snapshots", mirror="ThomasDickey+lynx-snapshots")
    for path in _LYNX_FILES:
        src = o.read(path)
        for call, text in re.findall(r'(HTAlert\((?:gettext\()?|LY_MSG\(|gettext\()"([^"\n]+)"',
                                     src):
            if not _LYNX_TLS.search(text):
                continue
            if call.startswith("HTAlert") or text.startswith("Unable to "):
                # an alert: -dump prints "Alert!: <text>"
                h.add(o, path, text, text, "message", after=["Alert!: "],
                      form="Alert!: %TEXT%")
            else:  # a prompt or a progress line, printed as it is
                h.add(o, path, text, text, "message")
    return h


# Node prints a fetch's failure as "TypeError: fetch failed" and then the cause,
# "[cause]: <Class>: <message>"; the class name leads the message.
def undici() -> Harvest:
    """undici's error classes (name, default message) and its two TLS-relevant messages."""
    h = Harvest("undici")
    o = git_origin("nodejs/undici")
    path = "lib/core/errors.js"
    for name, text in re.findall(r"this\.name = '(\w+)'\s*this\.message = message \|\| '([^']+)'",
                                 o.read(path)):
        h.add(o, path, name, text, "message", after=[f"{name}: "], form=f"{name}: %TEXT%")
    path = "lib/dispatcher/client-h1.js"
    for text in re.findall(r"new SocketError\('([^']+)'", o.read(path)):
        h.add(o, path, f"SocketError.{text}", text, "message", after=["SocketError: "],
              form="SocketError: %TEXT%")
    path = "lib/web/fetch/index.js"
    if "new TypeError('fetch failed'" in o.read(path):
        h.add(o, path, "fetch failed", "fetch failed", "message", after=["TypeError: "],
              form="TypeError: %TEXT%")
    return h


def aiohttp() -> Harvest:
    """aiohttp's connection failure texts (client_exceptions.py)."""
    h = Harvest("aiohttp")
    o = git_origin("aio-libs/aiohttp")
    path = "aiohttp/client_exceptions.py"
    src = o.read(path)
    for text in re.findall(r'"(Cannot connect to host \{0\.host\}:\{0\.port\} ssl:\{1\} '
                           r'\[\{2\}\])"', src):
        h.add(o, path, "ClientConnectorError",
              text.replace("{0.host}", "%s").replace("{0.port}", "%s")
              .replace("{1}", "%s").replace("{2}", "%s"), "message")
    for text in re.findall(r'message = "(Server disconnected)"', src):
        h.add(o, path, "ServerDisconnectedError", text, "message",
              after=["ServerDisconnectedError: "], form="ServerDisconnectedError: %TEXT%")
    return h
