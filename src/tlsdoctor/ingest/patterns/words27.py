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
- containers/image (podman, skopeo, buildah): "pinging container registry %s: %w"
  (containers/image docker/docker_client.go, detectPropertiesHelper), around Go's and
  Docker's shared words ("missing client certificate %s for key %s").
- LibVNC: rfbDefaultLog's and rfbDefaultClientLog's stamp, strftime "%d/%m/%Y %X "
  (LibVNC/libvncserver libvncserver/main.c, libvncclient/vncviewer.c), before words it
  shares with wget ("The certificate's owner does not match hostname '%s'").
"""

from __future__ import annotations

import re

from . import Pattern

# (source, regex, alone): a program's own context in a text (messages.lead). Any mark makes
# that program the owner of words its table read alike with others' tables; an ``alone``
# mark is its own enough to name the program where no table of its matched at all.
PROGRAM_MARKS: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    ("haproxy", re.compile(r"\bhaproxy\[\d{1,10}\]:|\bLayer[4-7] (?:timeout|connection "
                           r"problem|invalid response)\b", re.IGNORECASE), True),
    ("go", re.compile(r"\bhttp: TLS handshake error from \S", re.IGNORECASE), True),
    ("qt", re.compile(r"\bQ(?:SslSocket|NetworkReply|NetworkAccessManager)\b"), True),
    ("containers_image", re.compile(r"\bpinging container registry \S", re.IGNORECASE), True),
    # rfbDefaultLog's time stamp: a date many logs print, so it only vouches for LibVNC's
    # own table having read the line
    ("libvnc", re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2} ", re.MULTILINE), False),
)

PATTERNS: tuple[Pattern, ...] = ()
