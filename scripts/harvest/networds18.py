"""Round 18: the operating systems' and runtimes' own words for a connection that failed
before or around TLS (read by patterns/networds.py, judged in judgement/<source>.py).

- winsock: the Windows Sockets system message texts (FormatMessage) of the WSA* codes, from
  Microsoft's documentation source, MicrosoftDocs/win32 desktop-src/Debug/
  system-error-codes--9000-11999-.md (the page "System Error Codes (9000-11999)" at
  learn.microsoft.com), read through the search index and saved as an excerpt under
  /work/.mirror/_files/MicrosoftDocs+win32/<commit>/. Every entry of the page's socket
  range is harvested; the judgement says which a connecting client prints for a failure.
  Go prints them after "dial tcp X: connectex: " (a dial) or "wsarecv: "/"wsasend: " (a
  connection that died), CPython after "[WinError N] ", .NET as
  "System.Net.Sockets.SocketException (N): ".
- go_net: Go's net package words for a deadline and for a resolver's failure, read in the
  installed Go source (golang-1.19-src 1.19.8, /usr/lib/go-1.19/src).
- apt: the strings apt's methods print for a name that does not resolve and a connect that
  failed, read in the installed apt 2.6.1 (/usr/lib/apt/methods/http; apt's source file
  for them is methods/connect.cc).
"""

from __future__ import annotations

import re
from pathlib import Path

from .common import MIRROR, Harvest, dir_origin, files_origin

_DOCS = "desktop-src/Debug/system-error-codes--9000-11999-.md"
_GO_DIAL = "dial tcp 203.0.113.7:443: connectex: %TEXT%"


def winsock() -> Harvest:
    h = Harvest("winsock")
    root = MIRROR / "_files" / "MicrosoftDocs+win32"
    commit = (root / "COMMIT").read_text().strip()
    page = (root / commit / _DOCS).read_text()
    o = files_origin("MicrosoftDocs/win32", "index", commit, {_DOCS: page},
                     "excerpt read through the search index")
    for name, num, text in re.findall(
            r'<span id="(WSA\w+)">[^\n]*\n</dt> <dd> <dl> <dt>\n\n(\d{5}) \(0x[0-9A-F]{4}\)\n'
            r'</dt> <dt>\n+([^\n]+)\n', page):
        h.add(o, _DOCS, name, text, "message", number=int(num), form=_GO_DIAL)
    return h


_GO_SRC = Path("/usr/lib/go-1.19/src")


def go_net() -> Harvest:
    h = Harvest("go_net")
    o = dir_origin("golang/go", "go1.19.8", "go1.19.8", _GO_SRC,
                   "golang-1.19-src 1.19.8 (Debian package), /usr/lib/go-1.19/src")
    net = o.read("net/net.go")
    assert 'func (e *timeoutError) Error() string   { return "i/o timeout" }' in net
    h.add(o, "net/net.go", "timeoutError", "i/o timeout", "message",
          form="dial tcp 203.0.113.7:443: %TEXT%")
    assert 'return "i/o timeout"' in o.read("internal/poll/fd.go")
    h.add(o, "internal/poll/fd.go", "timeoutError", "i/o timeout", "message",
          form="dial tcp 203.0.113.7:443: %TEXT%")
    dns = o.read("net/dnsclient_unix.go")
    assert 'errServerMisbehaving         = errors.New("server misbehaving")' in dns
    h.add(o, "net/dnsclient_unix.go", "errServerMisbehaving", "server misbehaving", "message",
          form="lookup example.com on 127.0.0.53:53: %TEXT%")
    return h


_APT_BIN = Path("/usr/lib/apt/methods/http")
_APT_TEXTS = ("Temporary failure resolving '%s'", "Could not resolve '%s'",
              "Could not connect to %s:%s (%s), connection timed out",
              "Could not connect to %s:%s (%s).")


def apt() -> Harvest:
    h = Harvest("apt")
    # The method's own strings (NUL-terminated in its .rodata), as the package ships them.
    strings = [s.decode() for s in re.findall(rb"[\x20-\x7e]{6,}", _APT_BIN.read_bytes())]
    o = files_origin("apt-team/apt", "2.6.1", "2.6.1", {str(_APT_BIN): "\n".join(strings)},
                     "apt 2.6.1 (Debian package), strings of /usr/lib/apt/methods/http")
    for text in _APT_TEXTS:
        assert text in strings, text
        h.add(o, str(_APT_BIN), text, text, "message",
              form="Err:1 http://deb.debian.org/debian bookworm InRelease\n  %TEXT%")
    return h
