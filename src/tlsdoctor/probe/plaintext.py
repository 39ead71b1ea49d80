"""Which plaintext protocol a port answered with (``detect_plaintext``): how "this port
speaks SMTP: use STARTTLS or port 465" is told. Its own module so that judging a
captured connection does not load the prober's networking (asyncio, ssl)."""

from __future__ import annotations

import re

# First bytes of plaintext protocols, as their specs and common servers send them.
# Server-speaks-first banners: SMTP RFC 5321 §4.2 ("220 ... ESMTP"), FTP RFC 959 ("220"),
# IMAP RFC 9051 §7.1 ("* OK"), POP3 RFC 1939 §4 ("+OK"), SSH RFC 4253 §4.2 ("SSH-"),
# MySQL protocol HandshakeV10 (protocol byte 10), VNC RFC 6143 §7.1.1 ("RFB ").
# Replies to our hello: HTTP RFC 9112 §4 ("HTTP/1.x"), XMPP RFC 6120 (<stream:...>),
# Redis RESP ("-ERR"), PostgreSQL ErrorResponse ('E' + int32 + "SFATAL").
_PATTERNS: tuple[tuple[str, re.Pattern[bytes]], ...] = (
    ("http", re.compile(rb"^HTTP/\d(\.\d)? \d{3}")),
    ("http", re.compile(rb"^\s*<(!doctype html|html|head|body)\b", re.I)),
    ("http", re.compile(rb"^(GET|HEAD|POST|PUT|DELETE|OPTIONS|PATCH|CONNECT) \S+ HTTP/\d")),
    ("ssh", re.compile(rb"^SSH-\d\.\d+-")),
    ("ftp", re.compile(rb"^(220|421|530)[- ].{0,200}(ftp|filezilla)", re.I | re.S)),
    ("smtp", re.compile(rb"^(220|421|554)[- ]")),
    ("imap", re.compile(rb"^\* (OK|PREAUTH|BYE)\b", re.I)),
    ("pop3", re.compile(rb"^\+OK\b")),
    ("redis", re.compile(rb"^-(ERR (unknown command|Protocol error)|NOAUTH|DENIED)")),
    ("pop3", re.compile(rb"^-ERR\b")),
    ("xmpp", re.compile(rb"^\s*(<\?xml[^>]*>\s*)?<(stream:stream|stream:error)\b")),
    ("vnc", re.compile(rb"^RFB \d{3}\.\d{3}\n")),
    ("postgres", re.compile(rb"^E\x00\x00..S(FATAL|ERROR)\x00", re.S)),
    # (the version as distributions build it: "5.5.5-10.11.6-MariaDB-0+deb12u1")
    ("mysql", re.compile(rb"^...\x00\x0a[0-9][\x20-\x7e]{1,80}\x00", re.S)),
    ("amqp", re.compile(rb"^AMQP\x00")),
    ("rsync", re.compile(rb"^@RSYNCD: ")),
    # LDAP Notice of Disconnection (RFC 4511 §4.4.1), what OpenLDAP answers to a TLS hello.
    ("ldap", re.compile(rb"^\x30.{1,8}\x78.{0,64}1\.3\.6\.1\.4\.1\.1466\.20036", re.S)),
)


def detect_plaintext(data: bytes) -> str | None:
    """Name the plaintext protocol whose first bytes these are, or None if unknown.

    "http", "smtp", "imap", "pop3", "ftp", "ssh", "xmpp", "postgres", "mysql", "redis",
    "vnc", "amqp", "rsync", "ldap". Only the first 512 bytes are looked at.
    """
    head = bytes(data[:512])
    for name, pattern in _PATTERNS:
        if pattern.search(head):
            return name
    return None
