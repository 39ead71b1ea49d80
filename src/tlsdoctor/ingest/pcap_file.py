"""Capture files to packets: the pcap and pcapng container formats, and link layers to IP.

Only the framing lives here; IP/TCP decoding is dpkt's (``dpkt.ip.IP``, ``dpkt.ip6.IP6``).
The container readers are our own, not dpkt's, because a truncated or corrupt capture
must end with a precise note ("capture truncated at packet N") instead of an exception or
a silently short packet. Formats: pcap per https://www.tcpdump.org/manpages/pcap-savefile.5.html
(and the nanosecond magic 0xa1b23c4d), pcapng per draft-ietf-opsawg-pcapng (SHB, IDB, EPB, SPB,
the obsolete PB; if_tsresol). Link types per https://www.tcpdump.org/linktypes.html.
The records (pcap) and Enhanced Packet Blocks (pcapng) can be cut by the compiled loop
instead (``_pcapscan``, through ``records(fast)``): the same counts, time stamps and notes.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

__all__ = ["LINKTYPE_NAMES", "CaptureFormatError", "Frame", "FrameSource", "ip_payload"]

PCAP_MAGICS = {
    b"\xd4\xc3\xb2\xa1": ("<", 1e-6),
    b"\xa1\xb2\xc3\xd4": (">", 1e-6),
    b"\x4d\x3c\xb2\xa1": ("<", 1e-9),
    b"\xa1\xb2\x3c\x4d": (">", 1e-9),
}
PCAPNG_SHB = b"\x0a\x0d\x0d\x0a"
MAX_PACKET = 256 * 1024  # libpcap's MAXIMUM_SNAPLEN is 262144; more is a corrupt length
# Time stamps at or past 2**33 s (year 2242) are taken as corrupt (0.0). A float: a float
# compared with an int past 2**30 converts it the long way, for every packet.
_TS_END = float(2**33)
MAX_BLOCK = 16 * 1024 * 1024  # a pcapng block bigger than this is corrupt (Wireshark caps similarly)
_BLOCK = 1 << 20  # bytes read at a time from a pcap file

# LINKTYPE_* values (tcpdump.org/linktypes.html) that we can take IP out of.
LINKTYPE_NAMES = {
    0: "NULL (BSD loopback)",
    1: "Ethernet",
    12: "raw IP",
    101: "raw IP",
    108: "OpenBSD loopback",
    113: "Linux cooked (SLL)",
    228: "raw IPv4",
    229: "raw IPv6",
    276: "Linux cooked v2 (SLL2)",
}
ETH_IPV4, ETH_IPV6, ETH_VLAN, ETH_QINQ = 0x0800, 0x86DD, 0x8100, 0x88A8
# BSD AF_INET6 differs per OS (24 NetBSD/OpenBSD, 28 FreeBSD, 30 macOS): libpcap's list.
AF_INET, AF_INET6 = {2}, {24, 28, 30, 10}


class CaptureFormatError(Exception):
    """The bytes are not a pcap/pcapng capture (raised before any packet is read)."""


@dataclass(frozen=True, slots=True)
class Frame:
    """One captured packet: its number, time stamp, link type and bytes."""
    number: int  # 1-based, as Wireshark numbers packets
    ts: float  # seconds since the epoch
    linktype: int
    data: bytes
    truncated: bool  # captured length < original length (snaplen)


# Compressed captures (capture.pcap.gz), by their magic numbers, with the tool that reads them
# (logs names the same formats, ingest/logs.py _MAGIC).
_COMPRESSED = ((b"\x1f\x8b", "zcat"), (b"\x28\xb5\x2f\xfd", "zstdcat"), (b"\xfd7zX", "xzcat"),
               (b"BZh", "bzcat"))


class FrameSource:
    """Iterates the frames of a pcap or pcapng stream.

    After iteration ``notes`` says what was wrong with the file (truncation, corrupt block),
    ``format`` is "pcap" or "pcapng", ``bytes_read`` counts the bytes consumed and
    ``linktypes`` lists the link types seen. Reading stops at ``max_bytes`` with a note.
    """

    def __init__(self, stream: BinaryIO, *, max_bytes: int) -> None:
        self._f = stream
        self._max_bytes = max_bytes
        self.bytes_read = 0
        self.notes: list[str] = []
        self.linktypes: set[int] = set()
        head = self._read(4)
        if len(head) < 4:
            raise CaptureFormatError("not a packet capture: the file is empty or shorter than a header")
        self._head = head
        if head in PCAP_MAGICS:
            self.format = "pcap"
            rest = self._read(20)
            if len(rest) < 20:
                raise CaptureFormatError("pcap global header is truncated")
            self._pcap_header = rest
        elif head == PCAPNG_SHB:
            self.format = "pcapng"
        elif packed := next((tool for magic, tool in _COMPRESSED if head.startswith(magic)),
                            None):
            raise CaptureFormatError(f"not a pcap or pcapng capture: it is compressed; read it "
                                     f"with `{packed} FILE | tlsdoctor pcap -`")
        else:
            raise CaptureFormatError(
                f"not a pcap or pcapng capture (first bytes {head.hex()}, expected a pcap magic "
                "number or a pcapng section header)"
            )
        self.packets = 0
        # Which reader cut the records: "python", or "c" when ``records`` was given the
        # compiled loop (pcap files only); then first_ts/last_ts are the time stamps of the
        # first and last record read, whether handed on or consumed by the loop.
        self.reader = "python"
        self.first_ts: float | None = None
        self.last_ts: float | None = None
        self._ahead, self._at = b"", 0  # pcapng: bytes read ahead, and how many are used

    def _read(self, n: int) -> bytes:
        return self._checked(self._f.read(n))

    def _checked(self, data: object) -> bytes:
        if not isinstance(data, bytes | bytearray):
            raise CaptureFormatError("the input is not a binary stream")
        self.bytes_read += len(data)
        return bytes(data)

    def __iter__(self) -> Iterator[Frame]:
        for number, ts, linktype, data, truncated in self.records():
            yield Frame(number=number, ts=ts, linktype=linktype, data=data, truncated=truncated)

    def records(self, fast: FastScan | None = None) -> Iterator[tuple[int, float, int, bytes, bool]]:
        """The frames as plain tuples (number, ts, linktype, data, truncated): the hot
        path of ``pcap`` (a Frame per packet cost ~10% of a handshake-heavy capture).

        ``fast``: the compiled ``_pcapscan.scan`` and ``scan_ng`` and the rest of their
        context, which read a pcap file's records (pcapng's Enhanced Packet Blocks) and yield
        only those they hand back (pcap._scan)."""
        if self.format == "pcap":
            return self._pcap() if fast is None else self._pcap_fast(fast[0], fast[2])
        return self._pcapng(None if fast is None else (fast[1], fast[2]))

    def _budget_left(self) -> bool:
        if self.bytes_read >= self._max_bytes:
            self.notes.append(
                f"stopped reading after {self.bytes_read} bytes (max_bytes={self._max_bytes}); "
                f"{self.packets} packets analysed"
            )
            return False
        return True

    def _truncated(self, what: str) -> None:
        self.notes.append(f"capture truncated at packet {self.packets + 1}: {what}")

    # -- pcap -------------------------------------------------------------------------------

    def _pcap_start(self) -> tuple[str, float, int]:
        """The byte order, seconds per fraction unit and link type of a pcap file."""
        endian, resolution = PCAP_MAGICS[self._head]
        rest = self._pcap_header
        _vmaj, _vmin, _zone, _sig, _snap, network = struct.unpack(endian + "HHiIII", rest)
        # The upper bits of the link-type field carry FCS flags (pcap-savefile(5)).
        linktype = network & 0x0FFFFFFF
        self.linktypes.add(linktype)
        return endian, resolution, linktype

    def _pcap(self) -> Iterator[tuple[int, float, int, bytes, bool]]:
        endian, resolution, linktype = self._pcap_start()
        unpack = struct.Struct(endian + "IIII").unpack_from
        # The counters are locals while records are cut (updating the attributes for every
        # packet was ~3% of a handshake-heavy capture); they are written back before every
        # note and whenever the generator ends, is closed or raises (``finally``).
        packets, bytes_read, max_bytes = self.packets, self.bytes_read, self._max_bytes
        # Read in blocks and cut records out of them: two read() calls per packet were a
        # tenth of the time. ``bytes_read`` still counts the bytes of the records consumed.
        buf, off, eof, n = b"", 0, False, 0
        # The seconds as a float, made when they change: an int past 2**30 is turned into
        # a float the long way (~100 instructions), and most packets share their second.
        last_sec, whole = -1, 0.0
        try:
            while True:
                if bytes_read >= max_bytes:
                    self.packets, self.bytes_read = packets, bytes_read
                    self._budget_left()  # says where reading stopped
                    return
                while n - off < 16 + MAX_PACKET and not eof:  # a whole record fits
                    more = self._block()
                    eof = not more
                    buf, off = buf[off:] + more, 0
                    n = len(buf)
                # Records that start at least a largest record before the block's end:
                # they cannot be cut short, so only their length is checked.
                safe = -1 if eof else n - 16 - MAX_PACKET
                while off <= safe and bytes_read < max_bytes:
                    sec, frac, caplen, origlen = unpack(buf, off)
                    if caplen > MAX_PACKET:
                        break  # said below
                    end = off + 16 + caplen
                    data = buf[off + 16:end]
                    bytes_read += 16 + caplen
                    off = end
                    packets += 1
                    if sec != last_sec:  # (once per second of capture time)
                        last_sec, whole = sec, float(sec)
                    ts = whole + frac * resolution
                    yield (packets, ts if 0.0 <= ts < _TS_END else 0.0, linktype, data,
                           caplen < origlen)
                else:
                    if bytes_read >= max_bytes or not eof:
                        continue  # the budget is spent, or the block needs topping up
                if off == n:
                    return
                rec = unpack(buf, off) if n - off >= 16 else None
                if rec is None or rec[2] > MAX_PACKET or off + 16 + rec[2] > n:
                    self.packets = packets  # for the note
                    bytes_read += self._pcap_stop(buf, off)  # cut short, or impossible
                    return
                sec, frac, caplen, origlen = rec
                end = off + 16 + caplen
                data = buf[off + 16:end]
                bytes_read += 16 + caplen
                off = end
                packets += 1
                ts = sec + frac * resolution
                yield (packets, ts if 0.0 <= ts < _TS_END else 0.0, linktype, data, caplen < origlen)
        finally:
            self.packets, self.bytes_read = packets, bytes_read

    def _pcap_fast(self, scan: Callable[..., Any], tail: tuple[Any, ...],
                   ) -> Iterator[tuple[int, float, int, bytes, bool]]:
        """``_pcap`` with its record loop in C (``_pcapscan.scan``): the same blocks, counts,
        time stamps and notes; only the records the loop hands back are yielded."""
        endian, resolution, linktype = self._pcap_start()
        self.reader = "c"
        ctx = (endian == ">", resolution, linktype, *tail)
        packets, bytes_read, max_bytes = self.packets, self.bytes_read, self._max_bytes
        # The blocks are read into one window, reused (``_refill``); ``buf``: its bytes read.
        window = bytearray(_BLOCK + 16 + MAX_PACKET)
        buf, off, eof, n = memoryview(window)[:0], 0, False, 0
        last_sec, whole = -1, 0.0
        try:
            while True:
                if bytes_read >= max_bytes:
                    self.packets, self.bytes_read = packets, bytes_read
                    self._budget_left()
                    return
                while n - off < 16 + MAX_PACKET and not eof:  # as in _pcap
                    got = self._refill(window, off, n)
                    eof = not got
                    off, n = 0, n - off + got
                    buf = memoryview(window)[:n]
                # Before the end of the file, records that cannot be cut short (_pcap's
                # ``safe``); at the end, every whole one (the loop checks that it fits).
                limit = n - 16 if eof else n - 16 - MAX_PACKET
                off, packets, bytes_read, last_sec, whole, first, last, frame = scan(
                    buf, off, limit, packets, bytes_read, max_bytes, last_sec, whole, ctx)
                if first is not None:
                    self._seen(first)
                    self.last_ts = last
                if frame is not None:
                    yield frame
                elif bytes_read < max_bytes and (eof or off <= limit):
                    if off < n:  # cut short, or an impossible length: say which
                        self.packets = packets
                        bytes_read += self._pcap_stop(buf, off)
                    return
        finally:
            self.packets, self.bytes_read = packets, bytes_read

    def _pcap_stop(self, buf: bytes | memoryview, off: int) -> int:
        """The note for the record at ``off`` that ends reading (``_pcap`` and ``_pcap_fast``):
        a header or packet cut short, or an impossible length. Returns the bytes counted."""
        n = len(buf)
        if n - off < 16:
            self._truncated(f"{n - off} of 16 header bytes")
            return n - off
        caplen = struct.unpack_from(PCAP_MAGICS[self._head][0] + "I", buf, off + 8)[0]
        if caplen > MAX_PACKET:
            self.notes.append(
                f"corrupt capture at packet {self.packets + 1}: record length {caplen} "
                "is impossible; the rest of the file is ignored"
            )
            return 16
        self._truncated(f"{n - off - 16} of {caplen} packet bytes")
        return n - off

    def _refill(self, window: bytearray, off: int, n: int) -> int:
        """``window[off:n]`` (what is left of the last block) moved to the window's start and
        the next block read in after it, into the window itself: a new object per block
        took fresh pages from the system each time (~2,000 page faults for 10 MB; round 25).
        Returns the bytes read, 0 at the end of the stream."""
        left = n - off
        window[:left] = window[off:n]
        space = memoryview(window)[left:left + _BLOCK]
        readinto = getattr(self._f, "readinto", None)
        if readinto is None:  # a stream with read() only
            data = self._block()
            space[:len(data)] = data
            return len(data)
        got = readinto(space)
        if type(got) is not int:
            raise CaptureFormatError("the input is not a binary stream")
        return got

    def _block(self) -> bytes:
        """The next block of the stream (b"" at its end), not counted in ``bytes_read``."""
        data = self._f.read(_BLOCK)
        if not isinstance(data, bytes | bytearray):
            raise CaptureFormatError("the input is not a binary stream")
        return bytes(data)

    # -- pcapng -----------------------------------------------------------------------------

    def _pcapng(self, fast: tuple[Callable[..., Any], tuple[Any, ...]] | None = None,
                ) -> Iterator[tuple[int, float, int, bytes, bool]]:
        """pcapng's blocks, read through a buffer of the stream (``_take``). ``fast``: the
        compiled loop reads the runs of Enhanced Packet Blocks that lie whole in the buffer
        and yields only the packets it hands back; every other block is read here."""
        endian = "<"
        interfaces: list[tuple[int, float]] = []  # (linktype, seconds per timestamp unit)
        btype_raw = self._head
        first = True
        while True:
            if not first:
                if not self._budget_left():
                    return
                if fast is not None:
                    frame = self._epbs(fast, endian, interfaces)
                    if frame is not None:
                        yield frame
                        continue
                    if not self._budget_left():
                        return
                btype_raw = self._take(4)
                if not btype_raw:
                    return
                if len(btype_raw) < 4:
                    self._truncated("incomplete block header")
                    return
            first = False
            length_raw = self._take(4)
            if len(length_raw) < 4:
                self._truncated("incomplete block header")
                return
            if btype_raw == PCAPNG_SHB:
                bom = self._take(4)
                if len(bom) < 4:
                    self._truncated("incomplete section header")
                    return
                endian = "<" if bom == b"\x4d\x3c\x2b\x1a" else ">" if bom == b"\x1a\x2b\x3c\x4d" else ""
                if not endian:
                    raise CaptureFormatError("pcapng section header with a bad byte-order magic")
                interfaces = []  # interface ids are per section
                (length,) = struct.unpack(endian + "I", length_raw)
                if length < 28 or length > MAX_BLOCK or length % 4:
                    raise CaptureFormatError(f"pcapng section header of impossible length {length}")
                body = self._take(length - 12)
                if len(body) < length - 12:
                    self._truncated("incomplete section header")
                    return
                continue
            (btype,) = struct.unpack(endian + "I", btype_raw)
            (length,) = struct.unpack(endian + "I", length_raw)
            if length < 12 or length > MAX_BLOCK or length % 4:
                self.notes.append(
                    f"corrupt capture at packet {self.packets + 1}: pcapng block of length "
                    f"{length}; the rest of the file is ignored"
                )
                return
            body = self._take(length - 8)
            if len(body) < length - 8:
                self._truncated(f"{len(body) + 8} of {length} block bytes")
                return
            body = body[:-4]  # the trailing copy of the block length
            if btype == 1:  # Interface Description Block
                if len(body) < 8:
                    continue
                linktype = struct.unpack(endian + "H", body[:2])[0]
                interfaces.append((linktype, _tsresol(body[8:], endian)))
                self.linktypes.add(linktype)
            elif btype in (6, 2, 3):
                rec = self._packet_block(btype, body, endian, interfaces)
                if rec is not None:
                    if fast is not None:
                        self._seen(rec[1])
                    yield rec
            # Other blocks (name resolution, statistics, custom...) carry no packets.

    def _packet_block(self, btype: int, body: bytes, endian: str,
                      interfaces: list[tuple[int, float]]) -> Record | None:
        """The packet of an Enhanced (6), obsolete (2) or Simple (3) Packet Block's body
        (without the trailing length), counted; None when it holds none (too short, or
        corrupt: noted)."""
        if btype == 3:  # Simple Packet Block: interface 0, no timestamp
            if not interfaces or len(body) < 4:
                return None
            (origlen,) = struct.unpack(endian + "I", body[:4])
            data = body[4 : 4 + origlen]
            self.packets += 1
            return (self.packets, 0.0, interfaces[0][0], data, len(data) < origlen)
        if len(body) < 20:
            return None
        if btype == 6:
            iface, hi, lo, caplen, origlen = struct.unpack(endian + "IIIII", body[:20])
        else:
            iface, _drops, hi, lo, caplen, origlen = struct.unpack(endian + "HHIIII", body[:20])
        if iface >= len(interfaces) or caplen > len(body) - 20:
            self.notes.append(f"packet {self.packets + 1}: corrupt packet block skipped")
            return None
        linktype, unit = interfaces[iface]
        self.packets += 1
        return (self.packets, _sane(((hi << 32) | lo) * unit), linktype, body[20 : 20 + caplen],
                caplen < origlen)

    def _take(self, n: int) -> bytes:
        """The next ``n`` bytes of the stream (fewer at its end), counted in ``bytes_read``:
        ``_read`` through a buffer filled a block at a time (pcapng)."""
        if len(self._ahead) - self._at < n:
            self._fill(n)
        data = self._ahead[self._at:self._at + n]
        self._at += len(data)
        self.bytes_read += len(data)
        return data

    def _fill(self, n: int) -> None:
        """At least ``n`` bytes in the buffer from ``_at`` on, unless the stream ends."""
        rest = self._ahead[self._at:]
        while len(rest) < n:
            more = self._block()
            if not more:
                break
            rest += more
        self._ahead, self._at = rest, 0

    def _epbs(self, fast: tuple[Callable[..., Any], tuple[Any, ...]], endian: str,
              interfaces: list[tuple[int, float]]) -> Record | None:
        """The compiled loop over the Enhanced Packet Blocks at the buffer's position: the
        packet it hands back, or None where it stopped (then the next block is read here)."""
        if len(self._ahead) - self._at < 16 + MAX_PACKET:  # (not for every packet handed back)
            self._fill(_BLOCK)
        scan, tail = fast
        self.reader = "c"
        ctx = (endian == ">", 0.0, 0, *tail)
        got: tuple[int, int, int, float | None, float | None, Record | None] = scan(
            self._ahead, self._at, self.packets, self.bytes_read, self._max_bytes, interfaces, ctx)
        self._at, self.packets, self.bytes_read, first, last, frame = got
        if first is not None:
            self._seen(first)
            self.last_ts = last
        return frame

    def _seen(self, ts: float) -> None:
        """A record's time stamp, with the compiled loop (which reads most of them)."""
        if self.first_ts is None:
            self.first_ts = ts
        self.last_ts = ts

Record = tuple[int, float, int, bytes, bool]  # number, ts, linktype, data, truncated

# (``_pcapscan.scan``, ``_pcapscan.scan_ng``, the rest of their context): see
# ``FrameSource.records``.
FastScan = tuple[Callable[..., Any], Callable[..., Any], tuple[Any, ...]]


def _sane(ts: float) -> float:
    """A corrupt timestamp (before 1970 or after 2242) becomes 0 rather than breaking dates."""
    return ts if 0.0 <= ts < _TS_END else 0.0


def _tsresol(options: bytes, endian: str) -> float:
    """Seconds per timestamp unit from an IDB's if_tsresol option (code 9); default 1e-6."""
    pos = 0
    while pos + 4 <= len(options):
        code, length = struct.unpack(endian + "HH", options[pos : pos + 4])
        if code == 0:
            break
        value = options[pos + 4 : pos + 4 + length]
        if code == 9 and value:
            v = value[0]
            return 2.0 ** -(v & 0x7F) if v & 0x80 else 10.0 ** -(v & 0x7F)
        pos += 4 + ((length + 3) & ~3)
    return 1e-6


def _ip_header_at(linktype: int, data: bytes, ethertype: bytes, families: set[int]) -> int:
    """Where the IP header starts in the frame when the link layer (Ethernet with or without
    one 802.1Q tag, Linux SLL and SLL2, NULL/LOOP, raw IP) says it carries ``ethertype``
    (``families`` for NULL/LOOP's address family word); -1 otherwise."""
    if linktype == 1:
        if data[12:14] == ethertype:
            return 14
        return 18 if data[12:14] == b"\x81\x00" and data[16:18] == ethertype else -1
    if linktype == 113:
        return 16 if data[14:16] == ethertype else -1
    if linktype == 276:
        return 20 if data[0:2] == ethertype else -1
    if linktype in (0, 108):
        family = data[:4]
        return 4 if len(family) == 4 and (int.from_bytes(family, "little") in families
                                          or int.from_bytes(family, "big") in families) else -1
    return 0 if linktype in (12, 101, 228, 229) else -1


def plain_ipv4_at(linktype: int, data: bytes) -> int:
    """Where a 20-byte IPv4 header (no options) starts in the frame, for the link types
    and tags ``ip_payload`` reads that way; -1 otherwise (``ip_payload`` decides)."""
    at = _ip_header_at(linktype, data, b"\x08\x00", AF_INET)
    return at if at >= 0 and data[at:at + 1] == b"\x45" else -1


def plain_ipv6_at(linktype: int, data: bytes) -> int:
    """Where a 40-byte IPv6 header whose next header is TCP (no extension headers) starts
    in the frame, for the same link types and tags as ``plain_ipv4_at``; -1 otherwise
    (then ``ip_payload`` and the full decoding decide)."""
    at = _ip_header_at(linktype, data, b"\x86\xdd", AF_INET6)
    if at < 0 or len(data) < at + 40 or data[at] >> 4 != 6 or data[at + 6] != 6:
        return -1
    return at


def ip_payload(linktype: int, data: bytes) -> tuple[int, bytes] | None:
    """(4 or 6, the IP packet) from one link-layer frame; None when it does not carry IP."""
    ethertype: int | None = None
    if linktype == 1:  # Ethernet II, with 802.1Q / QinQ tags skipped
        if len(data) < 14:
            return None
        ethertype, off = int.from_bytes(data[12:14], "big"), 14
        while ethertype in (ETH_VLAN, ETH_QINQ) and len(data) >= off + 4:
            ethertype, off = int.from_bytes(data[off + 2 : off + 4], "big"), off + 4
        payload = data[off:]
    elif linktype == 113:  # Linux SLL: 16-byte header, protocol in the last two
        if len(data) < 16:
            return None
        ethertype, payload = int.from_bytes(data[14:16], "big"), data[16:]
    elif linktype == 276:  # Linux SLL2: 20-byte header, protocol first
        if len(data) < 20:
            return None
        ethertype, payload = int.from_bytes(data[0:2], "big"), data[20:]
    elif linktype in (0, 108):  # 4-byte address family, host (NULL) or network (LOOP) order
        if len(data) < 4:
            return None
        fam_le, fam_be = int.from_bytes(data[:4], "little"), int.from_bytes(data[:4], "big")
        payload = data[4:]
        if fam_le in AF_INET or fam_be in AF_INET:
            return 4, payload
        if fam_le in AF_INET6 or fam_be in AF_INET6:
            return 6, payload
        return None
    elif linktype in (12, 101, 228, 229):
        payload = data
        if not payload:
            return None
        version = payload[0] >> 4
        return (version, payload) if version in (4, 6) else None
    else:
        return None
    if ethertype == ETH_IPV4:
        return 4, payload
    if ethertype == ETH_IPV6:
        return 6, payload
    return None
