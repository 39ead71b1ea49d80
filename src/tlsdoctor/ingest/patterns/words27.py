"""Round 27: in-text misses, read as the classes of wording they belong to, and the marks
that name a program when its words are ones other programs print too.

Program marks (``PROGRAM_MARKS``): ``explain`` names a program only for its own words
(messages.lead). Words several tables read alike ("SSL handshake failure": OpenSSL's reason
string, HAProxy's connection error, the generic wording) name no program by themselves;
these marks are a program's own context around such words, so the program is named when
they are there:

- HAProxy: its syslog tag ``haproxy[<pid>]:`` and its health checks' statuses
  (haproxy/haproxy @ 50872daa6a857e82afc40b1c5161924aef4172d7 src/check.c check_statuses:
  "Layer4 timeout", "Layer4 connection problem", "Layer6 timeout", "Layer6 invalid
  response", "Layer7 timeout", "Layer7 invalid response"; src/connection.c
  conn_err_code_str: CO_ER_SSL_HANDSHAKE "SSL handshake failure").
- Go's HTTP server: "http: TLS handshake error from %s: %v" (golang/go src/net/http/server.go,
  conn.serve).
- Qt: its network classes' names (QSslSocket, QNetworkReply, QNetworkAccessManager;
  qt/qtbase src/network).
"""

from __future__ import annotations

import re

from . import Pattern

# (source, regex): a program's own context in a text, naming that program (messages.lead)
PROGRAM_MARKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("haproxy", re.compile(r"\bhaproxy\[\d{1,10}\]:|\bLayer[4-7] (?:timeout|connection "
                           r"problem|invalid response)\b", re.IGNORECASE)),
    ("go", re.compile(r"\bhttp: TLS handshake error from \S", re.IGNORECASE)),
    ("qt", re.compile(r"\bQ(?:SslSocket|NetworkReply|NetworkAccessManager)\b")),
)

PATTERNS: tuple[Pattern, ...] = ()
