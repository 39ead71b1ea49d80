"""STARTTLS: the short plaintext dialogs that turn a connection into a TLS one.

Each dialog reads at most ``cap`` bytes in total and finishes within one deadline, so
a server that drips, floods or never answers cannot hold a probe. Sources:
SMTP RFC 3207 (EHLO, "STARTTLS" -> 220), IMAP RFC 3501 §6.2.1 / RFC 9051 (tag STARTTLS
-> tag OK), POP3 RFC 2595 §4 (STLS -> +OK), FTP RFC 4217 §4 (AUTH TLS -> 234),
XMPP RFC 6120 §5.4 (<starttls/> -> <proceed/>), LDAP RFC 4511 §4.14 (ExtendedRequest
1.3.6.1.4.1.1466.20037 -> resultCode 0), PostgreSQL protocol docs "SSL Session
Encryption" (SSLRequest code 80877103 -> 'S'), MySQL/MariaDB client/server protocol
("Protocol::HandshakeV10" with CLIENT_SSL -> "Protocol::SSLRequest", then TLS).
"""

from __future__ import annotations

import asyncio
import re
import struct
from collections.abc import Awaitable, Callable

from .outcome import Outcome

PROTOCOLS = ("smtp", "imap", "pop3", "ftp", "xmpp", "ldap", "postgres", "mysql")
DEFAULT_CAP = 32 * 1024
_LDAP_STARTTLS_OID = b"1.3.6.1.4.1.1466.20037"
_PG_SSL_REQUEST = struct.pack("!II", 8, 80877103)


class StartTlsError(Exception):
    """The plaintext dialog did not end in "go ahead with TLS"."""

    def __init__(self, reason: str, *, reply: bytes = b"",
                 outcome: Outcome = Outcome.STARTTLS_FAILED) -> None:
        super().__init__(reason)
        self.reason = reason
        self.reply = reply[:512]  # what the server said last (untrusted)
        self.outcome = outcome


class _Dialog:
    """Bounded reads over an asyncio stream, with a transcript of what was received."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *,
                 timeout: float, cap: int) -> None:
        self.reader, self.writer = reader, writer
        self.deadline = asyncio.get_running_loop().time() + timeout
        self.timeout = timeout
        self.cap = cap
        self.received = bytearray()
        self.buf = bytearray()

    def fail(self, reason: str, reply: bytes | None = None) -> StartTlsError:
        return StartTlsError(reason, reply=bytes(self.received[-512:] if reply is None else reply))

    async def _more(self, what: str) -> None:
        remaining = self.deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            raise self.fail(f"no {what} within {self.timeout:g} s")
        try:
            data = await asyncio.wait_for(self.reader.read(4096), remaining)
        except TimeoutError:
            raise self.fail(f"no {what} within {self.timeout:g} s") from None
        except (ConnectionResetError, BrokenPipeError) as exc:
            if not self.received:
                raise StartTlsError("connection reset before the server said anything",
                                    outcome=Outcome.RESET_BEFORE_REPLY) from exc
            raise self.fail(f"connection reset while waiting for the {what}") from exc
        except OSError as exc:
            raise self.fail(f"{exc.strerror or exc} while waiting for the {what}") from exc
        if not data:
            raise self.fail(f"connection closed while waiting for the {what}")
        if not self.received and data[:1] in (b"\x15", b"\x16"):
            # A TLS record where a greeting belongs: the port is implicit TLS.
            raise self.fail("the server answered with TLS right away: this port uses implicit "
                            "TLS, not STARTTLS", reply=data)
        self.received += data
        self.buf += data
        if len(self.received) > self.cap:
            raise self.fail(f"more than {self.cap} bytes of plaintext before TLS")

    async def line(self, what: str) -> bytes:
        while b"\n" not in self.buf:
            await self._more(what)
        line, _, rest = bytes(self.buf).partition(b"\n")
        self.buf = bytearray(rest)
        return line.rstrip(b"\r")

    async def until(self, pattern: re.Pattern[bytes], what: str) -> re.Match[bytes]:
        while (m := pattern.search(self.buf)) is None:
            await self._more(what)
        return m

    async def exactly(self, n: int, what: str) -> bytes:
        while len(self.buf) < n:
            await self._more(what)
        out, self.buf = bytes(self.buf[:n]), self.buf[n:]
        return out

    async def send(self, data: bytes) -> None:
        try:
            self.writer.write(data)
            await asyncio.wait_for(self.writer.drain(),
                                   max(0.01, self.deadline - asyncio.get_running_loop().time()))
        except (TimeoutError, OSError) as exc:
            raise self.fail(f"could not send {data[:20]!r}: {exc or 'timeout'}") from exc

    def ensure_drained(self) -> None:
        # Bytes after "go ahead" would be read by the TLS layer as a server record; a
        # server that pipelines them is broken (CVE-2011-0411-style command injection).
        if self.buf:
            raise self.fail("the server sent data after agreeing to STARTTLS",
                            reply=bytes(self.buf))


async def _reply(d: _Dialog, what: str) -> tuple[int, list[bytes]]:
    """A multi-line "NNN-text ... NNN text" reply (SMTP, FTP)."""
    lines: list[bytes] = []
    for _ in range(200):  # bounded by the byte cap too
        line = await d.line(what)
        lines.append(line)
        if len(line) >= 3 and line[:3].isdigit() and line[3:4] != b"-":
            return int(line[:3]), lines
    raise d.fail(f"endless {what}")


async def _smtp(d: _Dialog, host: str) -> None:
    code, lines = await _reply(d, "SMTP greeting")
    if code != 220:
        raise d.fail(f"SMTP greeting {code}, not 220", reply=lines[-1])
    await d.send(b"EHLO " + _ehlo_name(d).encode() + b"\r\n")
    code, lines = await _reply(d, "EHLO reply")
    if code != 250:
        raise d.fail(f"EHLO refused with {code}", reply=lines[-1])
    if not any(line[4:].strip().upper().startswith(b"STARTTLS") for line in lines):
        raise d.fail("the SMTP server does not offer STARTTLS", reply=b"\n".join(lines))
    await d.send(b"STARTTLS\r\n")
    code, lines = await _reply(d, "STARTTLS reply")
    if code != 220:
        raise d.fail(f"STARTTLS refused with {code}", reply=lines[-1])


def _ehlo_name(d: _Dialog) -> str:
    # RFC 5321 §4.1.4: a domain or an address literal; ours is the local address.
    sock = d.writer.get_extra_info("sockname")
    if isinstance(sock, tuple) and sock:
        ip = str(sock[0])
        return f"[IPv6:{ip}]" if ":" in ip else f"[{ip}]"
    return "tlsdoctor.invalid"


async def _imap(d: _Dialog, host: str) -> None:
    greeting = await d.line("IMAP greeting")
    if not greeting.upper().startswith(b"* OK"):
        raise d.fail("IMAP greeting is not '* OK'", reply=greeting)
    await d.send(b"T1 STARTTLS\r\n")
    for _ in range(100):
        line = await d.line("STARTTLS reply")
        if line.startswith(b"* "):
            continue  # untagged data (capabilities) may come first
        head = line.upper()
        if head.startswith(b"T1 OK"):
            return
        if head.startswith((b"T1 NO", b"T1 BAD")) or head.startswith(b"* BYE"):
            break
        raise d.fail("unexpected IMAP reply to STARTTLS", reply=line)
    raise d.fail("the IMAP server refused STARTTLS", reply=line)


async def _pop3(d: _Dialog, host: str) -> None:
    greeting = await d.line("POP3 greeting")
    if not greeting.startswith(b"+OK"):
        raise d.fail("POP3 greeting is not '+OK'", reply=greeting)
    await d.send(b"STLS\r\n")
    line = await d.line("STLS reply")
    if not line.startswith(b"+OK"):
        raise d.fail("the POP3 server refused STLS", reply=line)


async def _ftp(d: _Dialog, host: str) -> None:
    code, lines = await _reply(d, "FTP greeting")
    if code != 220:
        raise d.fail(f"FTP greeting {code}, not 220", reply=lines[-1])
    await d.send(b"AUTH TLS\r\n")
    code, lines = await _reply(d, "AUTH TLS reply")
    if code != 234:
        raise d.fail(f"AUTH TLS refused with {code}", reply=lines[-1])


_XMPP_FEATURES = re.compile(rb"</stream:features>|<stream:features\s*/>|</stream:stream>|"
                            rb"<stream:error")
_XMPP_ANSWER = re.compile(rb"<proceed\b[^>]*>|<failure\b[^>]*>|</stream:stream>")


async def _xmpp(d: _Dialog, host: str) -> None:
    to = host.replace("&", "").replace("'", "").replace("<", "")
    await d.send(b"<?xml version='1.0'?><stream:stream to='" + to.encode("ascii", "replace") +
                 b"' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
                 b" version='1.0'>")
    m = await d.until(_XMPP_FEATURES, "XMPP stream features")
    features = bytes(d.buf[:m.end()])
    if not m.group().startswith(b"</stream:features") and b"<starttls" not in features:
        raise d.fail("the XMPP server closed the stream", reply=features)
    if b"<starttls" not in features:
        raise d.fail("the XMPP server does not offer STARTTLS", reply=features)
    d.buf = d.buf[m.end():]
    await d.send(b"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
    m = await d.until(_XMPP_ANSWER, "STARTTLS answer")
    if not m.group().startswith(b"<proceed"):
        raise d.fail("the XMPP server refused STARTTLS", reply=bytes(d.buf[:m.end()]))
    d.buf = d.buf[m.end():]


def _ber_len(n: int) -> bytes:
    return bytes([n]) if n < 0x80 else bytes([0x81, n])  # our messages are < 256 bytes


def ldap_starttls_request(message_id: int = 1) -> bytes:
    """LDAPMessage{messageID, extendedReq [APPLICATION 23] {requestName [0] OID}}."""
    name = b"\x80" + _ber_len(len(_LDAP_STARTTLS_OID)) + _LDAP_STARTTLS_OID
    op = b"\x77" + _ber_len(len(name)) + name
    mid = b"\x02\x01" + bytes([message_id])
    return b"\x30" + _ber_len(len(mid) + len(op)) + mid + op


def _ber_header(data: bytes, pos: int) -> tuple[int, int, int] | None:
    """(tag, content start, content length) at ``pos``, or None if incomplete."""
    if pos + 2 > len(data):
        return None
    tag, first = data[pos], data[pos + 1]
    if first < 0x80:
        return tag, pos + 2, first
    n = first & 0x7F
    if n == 0 or n > 4:
        raise ValueError("unsupported BER length")
    if pos + 2 + n > len(data):
        return None
    return tag, pos + 2 + n, int.from_bytes(data[pos + 2:pos + 2 + n], "big")


def ldap_result_code(data: bytes) -> int | None:
    """resultCode of an ExtendedResponse in ``data`` (None: need more bytes).

    Raises ValueError if the bytes are not an LDAPMessage with an ExtendedResponse.
    """
    head = _ber_header(data, 0)
    if head is None:
        return None
    tag, start, length = head
    if tag != 0x30:
        raise ValueError("not an LDAPMessage")
    if start + length > len(data):
        return None
    mid = _ber_header(data, start)
    if mid is None or mid[0] != 0x02:
        raise ValueError("LDAPMessage without messageID")
    op = _ber_header(data, mid[1] + mid[2])
    if op is None or op[0] != 0x78:  # [APPLICATION 24] ExtendedResponse
        raise ValueError("not an ExtendedResponse")
    code = _ber_header(data, op[1])
    if code is None or code[0] != 0x0A or code[2] < 1:
        raise ValueError("ExtendedResponse without resultCode")
    return int.from_bytes(data[code[1]:code[1] + code[2]], "big")


async def _ldap(d: _Dialog, host: str) -> None:
    await d.send(ldap_starttls_request())
    for _ in range(64):
        try:
            code = ldap_result_code(bytes(d.buf))
        except ValueError as exc:
            raise d.fail(f"bad LDAP reply: {exc}") from None
        if code is not None:
            if code != 0:
                raise d.fail(f"the LDAP server refused StartTLS (resultCode {code})")
            d.buf.clear()
            return
        await d._more("LDAP StartTLS reply")
    raise d.fail("LDAP reply too fragmented")


async def _postgres(d: _Dialog, host: str) -> None:
    await d.send(_PG_SSL_REQUEST)
    answer = await d.exactly(1, "SSLRequest answer")
    if answer == b"N":
        raise d.fail("the PostgreSQL server does not accept SSL (answered 'N')", reply=answer)
    if answer != b"S":
        raise d.fail("unexpected answer to SSLRequest", reply=answer + bytes(d.buf))


# MySQL capability flags (mysql-server include/mysql_com.h): CLIENT_LONG_PASSWORD 1,
# CLIENT_PROTOCOL_41 0x200, CLIENT_SSL 0x800, CLIENT_SECURE_CONNECTION 0x8000.
_MYSQL_SSL = 0x0800
_MYSQL_CLIENT_FLAGS = 0x0001 | 0x0200 | _MYSQL_SSL | 0x8000
# Protocol::SSLRequest: capability flags, max packet size, character set (utf8mb4, 45),
# 23 zero bytes; packet sequence id 1 (the server's greeting was 0).
_MYSQL_SSL_REQUEST = (struct.pack("<I", 32)[:3] + b"\x01"
                      + struct.pack("<IIB", _MYSQL_CLIENT_FLAGS, 1 << 24, 45) + bytes(23))


async def _mysql(d: _Dialog, host: str) -> None:
    """The server speaks first: HandshakeV10 (or an ERR packet: "Host ... is not allowed
    to connect"); TLS only when its capability flags hold CLIENT_SSL (a server started
    without certificates, or with ssl disabled, leaves it out)."""
    head = await d.exactly(4, "MySQL greeting")
    size = int.from_bytes(head[:3], "little")
    if not 0 < size <= 4096:
        raise d.fail("not a MySQL greeting (packet length)", reply=head)
    body = await d.exactly(size, "MySQL greeting")
    if body[:1] == b"\xff":
        message = body[3:].lstrip(b"#")[5:] if body[3:4] == b"#" else body[3:]
        raise d.fail("the MySQL server refused the connection: "
                     + message[:200].decode("utf-8", "replace"), reply=body)
    if body[:1] != b"\x0a" or b"\x00" not in body[1:]:
        raise d.fail("not a MySQL HandshakeV10 greeting", reply=head + body)
    rest = body[body.index(b"\x00", 1) + 1:]
    if len(rest) < 4 + 8 + 1 + 2:
        raise d.fail("MySQL greeting too short", reply=head + body)
    flags = int.from_bytes(rest[13:15], "little")
    if not flags & _MYSQL_SSL:
        raise d.fail("the MySQL server does not offer TLS (no CLIENT_SSL capability: "
                     "started without ssl-cert/ssl-key, or with skip-ssl)", reply=head + body)
    await d.send(_MYSQL_SSL_REQUEST)


_DIALOGS: dict[str, Callable[[_Dialog, str], Awaitable[None]]] = {
    "smtp": _smtp, "imap": _imap, "pop3": _pop3, "ftp": _ftp, "xmpp": _xmpp,
    "ldap": _ldap, "postgres": _postgres, "mysql": _mysql,
}


# The protocols whose server speaks first: its greeting often names the software
# (Postfix "220 host ESMTP Postfix", Dovecot "* OK ... Dovecot ready.").
_GREETS = ("smtp", "imap", "pop3", "ftp")
GREETING_CAP = 200


async def starttls(protocol: str, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                   *, host: str, timeout: float = 5.0, cap: int = DEFAULT_CAP) -> bytes:
    """Run the plaintext dialog on an open connection; on return, TLS may start. Returns
    the server's greeting line (untrusted, at most GREETING_CAP bytes; b"" where the
    client speaks first).

    Raises StartTlsError (``.outcome`` STARTTLS_FAILED or RESET_BEFORE_REPLY).
    """
    dialog = _DIALOGS.get(protocol)
    if dialog is None:
        raise StartTlsError(f"unknown STARTTLS protocol {protocol!r}")
    d = _Dialog(reader, writer, timeout=timeout, cap=cap)
    await dialog(d, host)
    d.ensure_drained()
    if protocol not in _GREETS:
        return b""
    return bytes(d.received).partition(b"\n")[0].rstrip(b"\r")[:GREETING_CAP]
