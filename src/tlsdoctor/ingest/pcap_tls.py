"""What each side of one captured TCP connection said in TLS terms (no decryption).

A ``ConnState`` owns two ``SideParser`` sinks (one per direction) fed by ``tcp.HalfStream``.
Each side first classifies its bytes (TLS, SSLv2, HTTP, plaintext: wire.record's
``classify_first_bytes``), follows a plaintext STARTTLS exchange (SMTP/IMAP/POP3/FTP) into
TLS, then frames records with ``wire.record.RecordReader`` and decodes the cleartext
handshake messages with ``wire.messages.decode_handshake``. Everything is recorded as facts
in capture order; the causes are inferred later (``pcap_causes``) from these facts.

Encrypted parts are only measured: TLS 1.3 hides everything after ServerHello, so record
sizes stand in (an AEAD-protected alert is 2 + 1 + 16 bytes, RFC 8446 §5.2, with a 16-byte
tag; 8-byte for CCM_8).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from struct import Struct
from typing import Any

from ..wire import (
    DecodeError,
    HandshakeReassembler,
    RecordReader,
    classify_first_bytes,
)
from ..wire.hello import ClientHello, ServerHello
from ..wire.messages import Certificate, CertificateRequest, CertificateStatus
from ..wire.record import (
    DEFAULT_MESSAGE_CAP,
    ENCRYPTED_ALERT_SIZES,
    ENCRYPTED_EMPTY_CERTIFICATE,
    MAX_CIPHERTEXT,
    Record,
    SSLv2Record,
)
from ..wire.registry import AlertDescription, AlertLevel, ContentType, HandshakeType, name_of
from .hello_cache import decode_cached
from .pcap_compiled import compiled_or

__all__ = ["ENCRYPTED_ALERT_SIZES", "ENCRYPTED_EMPTY_CERTIFICATE", "AlertSeen", "ConnState",
           "SideParser"]


MAX_HISTORY = 80
MAX_PLAIN = 16 * 1024  # plaintext held per side while looking for STARTTLS
SAMPLE = 200  # bytes of a plaintext answer kept as evidence
APP_RECORDS_PARSED = 6  # after the handshake, frame this many records per side, then count bytes

# STARTTLS commands: RFC 3207 (SMTP), RFC 2595/9051 (IMAP "tag STARTTLS", POP3 "STLS"),
# RFC 4217 (FTP "AUTH TLS"/"AUTH SSL"), RFC 6120 is XML (XMPP) and not handled here.
_STARTTLS_CMD = re.compile(rb"^(?:[A-Za-z0-9.]+ )?(STARTTLS|STLS|AUTH TLS|AUTH SSL)\s*$", re.I)
# Positive answers: SMTP "220", FTP "234", POP3 "+OK", IMAP "tag OK".
_STARTTLS_OK = re.compile(rb"^(?:220[ -]|234[ -]|\+OK|(?:[A-Za-z0-9.]+|\*) OK)", re.I)
_PROTO_OF_CMD = {b"STARTTLS": "smtp", b"STLS": "pop3", b"AUTH TLS": "ftp", b"AUTH SSL": "ftp"}


@dataclass(frozen=True, slots=True, kw_only=True)
class AlertSeen:
    """An alert in a capture: when, in which packet, from which side, and after what."""
    ts: float
    number: int
    from_a: bool
    level: int
    description: int
    after: str  # the last thing the *other* side sent before it ("ClientHello", "Certificate"...)


# Repeated records of these kinds are one history item with a count.
_MERGED = frozenset(("application data", "encrypted record", "encrypted handshake"))


@dataclass(slots=True)
class ConnState:
    """Facts of one connection, filled while packets are read. (Made empty, one per
    connection: its containers are not ``__init__`` parameters, which keeps that short.)"""

    # Each step [ts, number, from_a, what, count, size]: a list, not a dataclass (count
    # and size grow as records of a _MERGED kind repeat). ~12 per connection, and most
    # connections' history is never read (only a listed connection's details, a group's
    # example and the alerts' "after" read it): a list is made ~7x faster.
    history: list[list[Any]] = field(default_factory=list, init=False)
    history_dropped: int = 0
    notes: list[str] = field(default_factory=list, init=False)
    # Decoded once per shape (hello_cache): its random, session id and key shares may be
    # another connection's; read only versions, suites, groups, signature algorithms,
    # SNI, ALPN and extension types.
    client_hello: ClientHello | None = None
    ch_from_a: bool | None = None
    ch_ts: float | None = None
    ch_number: int = 0
    ch_count: int = 0
    server_hello: ServerHello | None = None
    sh_ts: float | None = None
    hrr: bool = False
    version: int | None = None  # negotiated (ServerHello)
    tls13: bool = False  # version is TLS 1.3 (a field: read for every record)
    server_certs: tuple[bytes, ...] = ()
    cert_ts: float | None = None
    cert_request: CertificateRequest | None = None
    ocsp_staple: bytes | None = None  # the server's CertificateStatus (TLS <= 1.2)
    client_cert_count: int | None = None  # certificates in the client's Certificate (None: not sent)
    alerts: list[AlertSeen] = field(default_factory=list, init=False)
    ccs_a: bool = False
    ccs_b: bool = False
    finished_a: bool = False
    finished_b: bool = False
    enc_records_a: list[int] = field(default_factory=list, init=False)  # sizes of encrypted records
    enc_records_b: list[int] = field(default_factory=list, init=False)
    server_after_client: list[int] = field(default_factory=list, init=False)  # TLS 1.3: server records after the client's first encrypted one
    first_server_byte_ts: float | None = None
    done_ts: float | None = None  # first application data after a complete handshake
    app_bytes_a: int = 0
    app_bytes_b: int = 0
    # Application data the client sent after the handshake (alert-sized TLS 1.3 records
    # excluded): 0 with a complete handshake and a close means the client gave up.
    client_data_bytes: int = 0
    starttls: str | None = None
    starttls_requested_by_a: bool | None = None
    banner_from_a: bool | None = None  # who spoke plaintext first (the server, in SMTP/IMAP/POP3/FTP)
    kinds: dict[bool, str] = field(default_factory=dict, init=False)  # from_a -> first-bytes class
    samples: dict[bool, bytes] = field(default_factory=dict, init=False)  # from_a -> plaintext sample
    lost: dict[bool, str] = field(default_factory=dict, init=False)  # from_a -> why parsing stopped
    sslv2_server: bool = False

    # -- history -------------------------------------------------------------------------

    def add(self, ts: float, number: int, from_a: bool, what: str, size: int = 0) -> None:
        history = self.history
        if history and what in _MERGED:
            last = history[-1]
            if last[3] == what and last[2] == from_a:
                last[4] += 1
                last[5] += size
                return
        if len(history) >= MAX_HISTORY:
            self.history_dropped += 1
            return
        history.append([ts, number, from_a, what, 1, size])

    def last_from(self, from_a: bool) -> str:
        for item in reversed(self.history):
            if item[2] == from_a:
                return item[3]  # type: ignore[no-any-return]
        return "nothing"

    # -- derived facts -------------------------------------------------------------------

    def is_client(self, from_a: bool) -> bool | None:
        return None if self.ch_from_a is None else from_a == self.ch_from_a

    def handshake_complete(self) -> bool:
        if self.server_hello is None or self.ch_from_a is None:
            return False
        if self.tls13:
            client = self.enc_records_a if self.ch_from_a else self.enc_records_b
            server = self.enc_records_b if self.ch_from_a else self.enc_records_a
            # The client's Finished (>= 32 + 1 + 16 bytes) then anything more from either side.
            real = [n for n in client if n not in ENCRYPTED_ALERT_SIZES]
            if not real:
                return False
            if self.server_after_client:
                # The server answered the client's Finished: a ticket or data, not just an alert.
                return any(n not in ENCRYPTED_ALERT_SIZES for n in self.server_after_client)
            return len(client) >= 2 or len(server) >= 2
        return self.finished_a and self.finished_b

    def any_tls(self) -> bool:
        return self.client_hello is not None or any(k in ("tls", "sslv2") for k in self.kinds.values())


class SideParser:
    """The sink for one direction's ordered bytes."""

    __slots__ = ("_hs", "_plain", "_reader", "_rest", "app_records", "bytes", "from_a", "mode",
                 "st")

    def __init__(self, state: ConnState, from_a: bool) -> None:
        self.st = state
        self.from_a = from_a
        self.mode = "detect"  # detect, tls, plain, count, lost
        self._plain = bytearray()
        self._reader: RecordReader | None = None
        # Made when a handshake record does not hold whole messages (most never do).
        self._hs: HandshakeReassembler | None = None
        self._rest = 0  # bytes of the segment after the record being read (fast framing)
        self.app_records = 0
        self.bytes = 0

    # -- Sink ----------------------------------------------------------------------------

    def data(self, ts: float, number: int, payload: bytes) -> None:
        self.bytes += len(payload)
        st = self.st
        if st.first_server_byte_ts is None and st.ch_from_a is not None and self.from_a != st.ch_from_a:
            st.first_server_byte_ts = ts
        if self.mode == "count":
            self._count_app(len(payload))
            return
        if self.mode == "lost":
            return
        if self.mode == "tls":
            self._tls(ts, number, payload)
            return
        if self.mode == "detect" and not self._plain:
            self._detect(ts, number, payload)  # nothing held: the segment itself, no copy
            return
        self._plain += payload
        if self.mode == "detect":
            self._detect(ts, number, bytes(self._plain))
        elif self.mode == "plain":
            self._lines(ts, number)

    def gap(self, ts: float, number: int, missing: int) -> None:
        self.st.add(ts, number, self.from_a, f"gap: {missing} bytes not captured")
        if self.mode == "count":
            return
        if self.mode != "lost":
            self.st.lost[self.from_a] = f"{missing} bytes missing from the capture before packet {number}"
        self.mode = "lost"

    # -- first bytes and plaintext -------------------------------------------------------

    def _detect(self, ts: float, number: int, buf: bytes) -> None:
        """The first bytes of this side: ``buf``, which is what ``_plain`` holds, or
        the first segment while ``_plain`` is still empty."""
        if len(buf) < 3 and buf[:1] != b"" and buf[0] in (20, 21, 22, 23, 24):
            if not self._plain:
                self._plain += buf
            return  # wait for enough bytes to read a record header
        kind = classify_first_bytes(buf[:256])
        self.st.kinds.setdefault(self.from_a, kind)
        if kind in ("tls", "sslv2"):
            self.mode = "tls"
            self._reader = None  # made when a segment is not whole records (``_tls``)
            if self._plain:
                self._plain = bytearray()
            self._tls(ts, number, buf)
            return
        self.mode = "plain"
        if not self._plain:
            self._plain += buf
        if self.st.banner_from_a is None:
            self.st.banner_from_a = self.from_a
        self.st.samples.setdefault(self.from_a, buf[:SAMPLE])
        what = "HTTP" if kind == "http" else "plaintext" if kind == "plaintext" else "non-TLS bytes"
        self.st.add(ts, number, self.from_a, what, len(buf))
        self._lines(ts, number)

    def _lines(self, ts: float, number: int) -> None:
        """Look for a STARTTLS command (client) and its positive answer (server)."""
        st = self.st
        while True:
            nl = self._plain.find(b"\n")
            if nl < 0:
                if len(self._plain) > MAX_PLAIN:
                    del self._plain[:-MAX_PLAIN]
                return
            line = bytes(self._plain[:nl]).rstrip(b"\r")
            del self._plain[: nl + 1]
            if st.starttls_requested_by_a is None and st.banner_from_a != self.from_a:
                # Only the side that did not send the banner (the client) issues commands;
                # the server's "250 STARTTLS" capability line must not count.
                m = _STARTTLS_CMD.match(line)
                if m:
                    st.starttls_requested_by_a = self.from_a
                    cmd = m.group(1).upper()
                    proto = _PROTO_OF_CMD.get(cmd, "smtp")
                    if cmd == b"STARTTLS" and line.split(b" ", 1)[0].upper() != b"STARTTLS":
                        proto = "imap"  # tagged command
                    st.starttls = proto
                    st.add(ts, number, self.from_a, f"STARTTLS ({proto})")
                    self._restart(ts, number)
                    return
            elif (st.starttls_requested_by_a is not None and st.starttls_requested_by_a != self.from_a
                  and _STARTTLS_OK.match(line)):
                st.add(ts, number, self.from_a, "STARTTLS accepted")
                self._restart(ts, number)
                return

    def _restart(self, ts: float, number: int) -> None:
        """TLS starts with the next byte on this side (what is left of the buffer)."""
        rest = bytes(self._plain)
        self._plain = bytearray()
        self.mode = "detect"
        self.st.kinds.pop(self.from_a, None)
        if rest:
            self._plain += rest
            self._detect(ts, number, rest)

    # -- TLS -------------------------------------------------------------------------------

    def _tls(self, ts: float, number: int, payload: bytes) -> None:
        reader = self._reader
        if (self.st.kinds.get(self.from_a) == "tls" if reader is None
                else reader.kind == "tls" and not reader.buffered and reader.error is None):
            records = _records(payload, _TYPE_BITS, MAX_CIPHERTEXT)
            if records is not None:
                # The segment holds whole records and nothing else: framed here, without
                # the reader's buffer (what the reader would yield, record by record).
                for ctype, frag, rest in records:
                    self._rest = rest
                    self._tls_record(ts, number, ctype, frag)
                    if self.mode != "tls":
                        break
                self._rest = 0
                return
        if reader is None:
            # Most sides never need one. A TLS side's reader would classify the stream's
            # first bytes as its first bytes were (``_detect``), or was past them: "tls".
            reader = self._reader = RecordReader()
            if self.st.kinds.get(self.from_a) == "tls":
                reader.kind = "tls"
        reader.feed(payload)
        try:
            for rec in reader.records():
                self._record(ts, number, rec)
                if self.mode != "tls":
                    return
        except DecodeError as exc:
            self.st.lost[self.from_a] = f"stopped parsing at packet {number}: {exc.reason}"
            self.st.add(ts, number, self.from_a, "undecodable bytes")
            self.mode = "lost"

    def _encrypted(self) -> bool:
        st = self.st
        if st.ccs_a if self.from_a else st.ccs_b:
            return True
        # TLS 1.3: the server encrypts right after ServerHello; the client once it has it.
        return st.tls13 and st.server_hello is not None

    def _record(self, ts: float, number: int, rec: Record | SSLv2Record) -> None:
        if isinstance(rec, SSLv2Record):
            self._sslv2(ts, number, rec)
        else:
            self._tls_record(ts, number, rec.content_type, rec.fragment)

    def _tls_record(self, ts: float, number: int, ctype: int, frag: bytes) -> None:
        st = self.st
        if ctype == _CCS:
            st.add(ts, number, self.from_a, "ChangeCipherSpec")
            if not st.tls13:
                if self.from_a:
                    st.ccs_a = True
                else:
                    st.ccs_b = True
            return
        if ctype == _ALERT:
            # TLS 1.3 encrypted records always say application_data (RFC 8446 §5.2), so an
            # alert record there is cleartext; in TLS 1.2 one after ChangeCipherSpec is not.
            if (self._encrypted() and not st.tls13) or len(frag) % 2 or not frag:
                st.add(ts, number, self.from_a, "encrypted Alert", len(frag))
                return
            for i in range(0, len(frag), 2):
                level, desc = frag[i], frag[i + 1]
                st.alerts.append(AlertSeen(ts=ts, number=number, from_a=self.from_a, level=level,
                                           description=desc, after=st.last_from(not self.from_a)))
                lv = "fatal" if level == AlertLevel.fatal else "warning" if level == AlertLevel.warning else f"level {level}"
                st.add(ts, number, self.from_a, f"Alert {lv} {name_of(AlertDescription, desc)}")
            return
        if ctype == _HANDSHAKE:
            if self._encrypted():
                st.add(ts, number, self.from_a, "encrypted handshake", len(frag))
                if not st.tls13:
                    if self.from_a:
                        st.finished_a = True
                    else:
                        st.finished_b = True
                return
            try:
                hs = self._hs
                whole = None if hs is not None and hs.pending else _messages(frag, _CAP)
                if whole is not None:  # whole messages only: no reassembly needed
                    for msg_type, body in whole:
                        self._handshake(ts, number, msg_type, body)
                    return
                if hs is None:
                    hs = self._hs = HandshakeReassembler()
                hs.feed(frag)
                for msg in hs.messages():
                    self._handshake(ts, number, int(msg.msg_type), msg.body)
            except DecodeError as exc:
                st.add(ts, number, self.from_a, "malformed handshake")
                st.notes.append(f"packet {number}: malformed handshake message ({exc.reason})")
                self.mode = "lost"
                st.lost[self.from_a] = f"malformed handshake at packet {number}"
            return
        if ctype == _APPLICATION_DATA:
            sizes = st.enc_records_a if self.from_a else st.enc_records_b
            if len(sizes) < 16:
                sizes.append(len(frag))
            if (st.tls13 and st.is_client(self.from_a) is False
                    and (st.enc_records_a if st.ch_from_a else st.enc_records_b)
                    and len(st.server_after_client) < 16):
                st.server_after_client.append(len(frag))
            complete = st.handshake_complete()
            if complete and st.done_ts is None:
                st.done_ts = ts
            client = st.is_client(self.from_a)
            client_sizes = st.enc_records_a if st.ch_from_a else st.enc_records_b
            if st.tls13 and (not complete or (client and len(sizes) == 1)
                             or (not client and len(client_sizes) == 0)):
                # Before the client's Finished, TLS 1.3 records carry the encrypted handshake.
                st.add(ts, number, self.from_a, "encrypted handshake", len(frag))
            else:
                st.add(ts, number, self.from_a, "application data", len(frag))
                if client and len(frag) not in ENCRYPTED_ALERT_SIZES:
                    st.client_data_bytes += len(frag)
            self._count_app(len(frag))
            self.app_records += 1
            if complete and self.app_records >= APP_RECORDS_PARSED and not self._holding():
                # Handshake done: keep counting bytes without framing every record.
                self.mode = "count"
                self._count_app((self._reader.buffered if self._reader else 0) + self._rest)
                self._reader = None
            return
        st.add(ts, number, self.from_a, f"record type {name_of(ContentType, int(ctype))}", len(frag))

    def _holding(self) -> bool:
        """Whether part of a handshake message is held for the next record."""
        return self._hs is not None and self._hs.pending > 0

    def _count_app(self, n: int) -> None:
        if self.from_a:
            self.st.app_bytes_a += n
        else:
            self.st.app_bytes_b += n

    def _sslv2(self, ts: float, number: int, rec: SSLv2Record) -> None:
        st = self.st
        if rec.msg_type == 1 and st.client_hello is None:
            from ..wire.sslv2 import decode_sslv2_client_hello  # rare: loaded on first use

            try:
                self._client_hello(ts, number, decode_sslv2_client_hello(rec.body), "SSLv2 ClientHello")
            except DecodeError as exc:
                st.add(ts, number, self.from_a, "malformed SSLv2 ClientHello")
                st.notes.append(f"packet {number}: malformed SSLv2 ClientHello ({exc.reason})")
            return
        names = {0: "SSLv2 ERROR", 4: "SSLv2 SERVER-HELLO"}
        if rec.msg_type == 4:
            st.sslv2_server = True
        st.add(ts, number, self.from_a, names.get(rec.msg_type or -1, "SSLv2 record"))

    def _client_hello(self, ts: float, number: int, ch: ClientHello, label: str) -> None:
        st = self.st
        st.ch_count += 1
        if st.client_hello is None:
            st.client_hello, st.ch_from_a, st.ch_ts, st.ch_number = ch, self.from_a, ts, number
        else:
            st.client_hello = ch  # the second ClientHello after a HelloRetryRequest
        sni = f" (SNI {ch.sni})" if ch.sni else " (no SNI)"
        st.add(ts, number, self.from_a, label + sni)

    def _handshake(self, ts: float, number: int, msg_type: int, body: bytes) -> None:
        st = self.st
        if msg_type == _SKE and _ecdhe_ske_fits(body, (st.version or 0x0303) >= 0x0303):
            # Only its name goes into the history (the decoder would accept it as ECDHE);
            # decoding it (new bytes in every connection) was 3-4% of a capture.
            st.add(ts, number, self.from_a, "ServerKeyExchange")
            return
        if msg_type == _CKE:
            # The decoder reads no ClientKeyExchange (any bytes give an UnknownHandshake,
            # never an error): only its name goes into the history.
            st.add(ts, number, self.from_a, "ClientKeyExchange")
            return
        try:
            msg: Any = decode_cached(msg_type, body, version=st.version or 0x0303)
        except DecodeError as exc:
            st.add(ts, number, self.from_a, f"malformed {name_of(HandshakeType, msg_type)}")
            st.notes.append(
                f"packet {number}: malformed {name_of(HandshakeType, msg_type)} ({exc.reason})")
            return
        if isinstance(msg, ClientHello):
            self._client_hello(ts, number, msg, "ClientHello")
            return
        if isinstance(msg, ServerHello):
            if msg.is_hello_retry_request:
                st.hrr = True
                st.add(ts, number, self.from_a, "HelloRetryRequest")
                return
            st.server_hello, st.sh_ts, st.version = msg, ts, msg.version
            st.tls13 = msg.version == 0x0304
            st.add(ts, number, self.from_a, "ServerHello")
            return
        if isinstance(msg, Certificate):
            client_side = st.is_client(self.from_a)
            if client_side:
                st.client_cert_count = len(msg.entries)
                st.add(ts, number, self.from_a,
                       "Certificate (empty)" if not msg.entries else f"Certificate ({len(msg.entries)})")
            else:
                st.server_certs, st.cert_ts = _certificates(msg), ts
                st.add(ts, number, self.from_a, f"Certificate ({len(msg.entries)})")
            return
        if isinstance(msg, CertificateRequest):
            st.cert_request = msg
        if isinstance(msg, CertificateStatus):
            st.ocsp_staple = msg.ocsp_response
        st.add(ts, number, self.from_a, _MSG_NAMES.get(msg_type, name_of(HandshakeType, msg_type)))


_CONTENT_TYPES = frozenset(int(c) for c in ContentType)
# Plain ints for the per-record tests (an enum member's attribute lookup is ~7x slower).
_CCS, _ALERT = int(ContentType.change_cipher_spec), int(ContentType.alert)
_HANDSHAKE, _APPLICATION_DATA = int(ContentType.handshake), int(ContentType.application_data)
# id(Certificate message) -> (the message, its certificates): a server's Certificate
# message is one object per chain (hello_cache), so its tuple of DER is made once.
_CHAINS: dict[int, tuple[Certificate, tuple[bytes, ...]]] = {}


def _certificates(msg: Certificate) -> tuple[bytes, ...]:
    got = _CHAINS.get(id(msg))
    if got is None or got[0] is not msg:
        if len(_CHAINS) >= 4096:
            _CHAINS.clear()
        got = _CHAINS[id(msg)] = (msg, msg.certificates)
    return got[1]


_SKE = int(HandshakeType.server_key_exchange)
_CKE = int(HandshakeType.client_key_exchange)


def _ecdhe_ske_fits(body: bytes, tls12: bool) -> bool:
    """Whether ``body`` is exactly an ECDHE ServerKeyExchange with a named curve (RFC
    8422 §5.4: curve type 3, curve, point<1..2^8-1>, [scheme,] signature<0..2^16-1>):
    the layout ``wire.decode_server_key_exchange`` tries first, so then it decodes."""
    n = len(body)
    if n < 4 or body[0] != 3:
        return False
    pos = 4 + body[3] + (2 if tls12 else 0)
    if pos + 2 > n:
        return False
    return pos + 2 + (body[pos] << 8 | body[pos + 1]) == n


def _whole_records(payload: bytes, types: int, max_len: int) -> list[tuple[int, bytes, int]] | None:
    """(content type, fragment, bytes after it) of each TLS record when ``payload`` is
    exactly a run of whole records with valid headers (a type among the bits of
    ``types``, major version 3, at most ``max_len`` bytes); None otherwise (then the
    reader frames it, and says what is wrong)."""
    out: list[tuple[int, bytes, int]] = []
    pos, n = 0, len(payload)
    unpack = _RECORD_HEADER.unpack_from
    while pos < n:
        if n - pos < 5:
            return None
        ctype, major, length = unpack(payload, pos)
        if not types >> ctype & 1 or major != 3 or length > max_len:
            return None
        end = pos + 5 + length
        if end > n:
            return None
        out.append((ctype, payload[pos + 5:end], n - end))
        pos = end
    return out


def _whole_messages(frag: bytes, cap: int) -> list[tuple[int, bytes]] | None:
    """(type, body) of each handshake message when ``frag`` is exactly whole messages
    of at most ``cap`` bytes; None otherwise (then the reassembler reads it)."""
    out: list[tuple[int, bytes]] = []
    pos, n = 0, len(frag)
    unpack = _MESSAGE_HEADER.unpack_from
    while pos < n:
        if n - pos < 4:
            return None
        (head,) = unpack(frag, pos)
        length = head & 0xFFFFFF
        end = pos + 4 + length
        if end > n or length > cap:
            return None
        out.append((head >> 24, frag[pos + 4:end]))
        pos = end
    return out


_CAP = DEFAULT_MESSAGE_CAP  # one handshake message's size cap (the reassembler's)
# The record types a segment of whole records may hold, one bit each (ContentType).
_TYPE_BITS = sum(1 << c for c in _CONTENT_TYPES)
# The same two framings compiled (_pcapscan.c, round 22b: ~23,000 calls on the
# handshake-heavy capture), giving the same lists or None (pcap_compiled).
_records = compiled_or("tls_records", _whole_records)
_messages = compiled_or("hs_messages", _whole_messages)


# A record's header (content type, major version, minor skipped, length) and a handshake
# message's (type and 24-bit length in one big-endian word), one call each.
_RECORD_HEADER = Struct(">BBxH")
_MESSAGE_HEADER = Struct(">I")


_MSG_NAMES: dict[int, str] = {
    HandshakeType.server_key_exchange: "ServerKeyExchange",
    HandshakeType.certificate_request: "CertificateRequest",
    HandshakeType.server_hello_done: "ServerHelloDone",
    HandshakeType.client_key_exchange: "ClientKeyExchange",
    HandshakeType.certificate_verify: "CertificateVerify",
    HandshakeType.certificate_status: "CertificateStatus",
    HandshakeType.new_session_ticket: "NewSessionTicket",
    HandshakeType.finished: "Finished",
    HandshakeType.hello_request: "HelloRequest",
    HandshakeType.encrypted_extensions: "EncryptedExtensions",
}
