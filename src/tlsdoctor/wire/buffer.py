"""Bounded byte reading and writing for the codec: Reader, Writer, DecodeError.

Every length a peer sends is checked against what is actually there before anything is
sliced, so a hostile length can never make us allocate or wait. Length-prefixed vectors
use ``block()``, which fails unless the inner bytes are consumed exactly (aioquic's
``pull_block`` shape); decoders call ``skip_rest()`` when they choose to be lenient.
"""

from __future__ import annotations

import builtins
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from .registry import AlertDescription

__all__ = ["DecodeError", "EncodeError", "Reader", "Writer"]


class DecodeError(Exception):
    """Peer bytes that do not parse. ``alert`` is what a TLS peer would answer with."""

    def __init__(
        self, reason: str, *, alert: AlertDescription = AlertDescription.decode_error
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.alert = alert

    def __repr__(self) -> str:
        return f"DecodeError({self.reason!r}, alert={self.alert.name})"


class EncodeError(ValueError):
    """Our own message cannot be encoded (a value does not fit its field)."""


_LEN_MAX = {1: 0xFF, 2: 0xFFFF, 3: 0xFFFFFF, 4: 0xFFFFFFFF}


class Reader:
    """Reads big-endian integers and length-prefixed blocks from an immutable buffer."""

    __slots__ = ("_data", "_ends", "_pos")

    def __init__(self, data: bytes | bytearray | memoryview) -> None:
        self._data = bytes(data)
        self._pos = 0
        self._ends: list[int] = [len(self._data)]

    @property
    def pos(self) -> int:
        return self._pos

    @property
    def end(self) -> int:
        """Where the innermost open block (or the whole buffer) ends."""
        return self._ends[-1]

    def remaining(self) -> int:
        return self._ends[-1] - self._pos

    def eof(self) -> bool:
        """True when the innermost open block (or the buffer) is used up."""
        return self._pos >= self._ends[-1]

    def _take(self, n: int) -> bytes:
        if n < 0 or self._pos + n > self._ends[-1]:
            raise DecodeError(f"need {n} bytes at offset {self._pos}, have {self.remaining()}")
        out = self._data[self._pos : self._pos + n]
        self._pos += n
        return out

    def uint8(self) -> int:
        return self._take(1)[0]

    def uint16(self) -> int:
        return int.from_bytes(self._take(2), "big")

    def uint24(self) -> int:
        return int.from_bytes(self._take(3), "big")

    def uint32(self) -> int:
        return int.from_bytes(self._take(4), "big")

    def bytes(self, n: int) -> builtins.bytes:
        return self._take(n)

    def rest(self) -> builtins.bytes:
        """All bytes left in the innermost block (or the buffer)."""
        return self._take(self.remaining())

    skip_rest = rest

    def vector(self, n_len_bytes: int) -> builtins.bytes:
        """An opaque<..> vector: length prefix of ``n_len_bytes`` then that many bytes."""
        length = int.from_bytes(self._take(n_len_bytes), "big")
        return self._take(length)

    def uint16_list(self, n_len_bytes: int = 2) -> tuple[int, ...]:
        """A vector of uint16 values; an odd byte count is a decode error."""
        raw = self.vector(n_len_bytes)
        if len(raw) % 2:
            raise DecodeError("odd length for a list of 16-bit values")
        # One C call instead of a slice and int.from_bytes per value (hot: cipher suites).
        return struct.unpack(f">{len(raw) >> 1}H", raw)

    def uint8_list(self, n_len_bytes: int = 1) -> tuple[int, ...]:
        return tuple(self.vector(n_len_bytes))

    def block(self, n_len_bytes: int) -> _Block:
        """Read a length prefix and confine reads to that many bytes.

        ``with r.block(2) as length:`` gives the block length. On a normal exit the block
        must be used up exactly, otherwise DecodeError; after the block the reader continues
        behind it.
        """
        length = int.from_bytes(self._take(n_len_bytes), "big")
        end = self._pos + length
        if end > self._ends[-1]:
            raise DecodeError(
                f"block of {length} bytes at offset {self._pos} overruns its container "
                f"({self._ends[-1] - self._pos} bytes left)"
            )
        self._ends.append(end)
        return _Block(self, end, length)


class _Block:
    """The context of ``Reader.block``: a plain class, because a @contextmanager generator
    cost several microseconds per block and every extension list and vector opens one."""

    __slots__ = ("_end", "_length", "_reader")

    def __init__(self, reader: Reader, end: int, length: int) -> None:
        self._reader, self._end, self._length = reader, end, length

    def __enter__(self) -> int:
        return self._length

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        r = self._reader
        r._ends.pop()
        # An error inside the block propagates unchanged; only a normal exit is checked.
        if exc_type is None and r._pos != self._end:
            raise DecodeError(
                f"{self._end - r._pos} unused bytes inside a {self._length}-byte block")


class Writer:
    """Builds big-endian messages; ``block()`` back-fills a length prefix."""

    __slots__ = ("_buf",)

    def __init__(self) -> None:
        self._buf = bytearray()

    def data(self) -> bytes:
        return bytes(self._buf)

    def __len__(self) -> int:
        return len(self._buf)

    def _push_int(self, value: int, size: int) -> None:
        if not 0 <= value <= _LEN_MAX[size]:
            raise EncodeError(f"{value} does not fit in {size} byte(s)")
        self._buf += value.to_bytes(size, "big")

    def push_uint8(self, value: int) -> None:
        self._push_int(value, 1)

    def push_uint16(self, value: int) -> None:
        self._push_int(value, 2)

    def push_uint24(self, value: int) -> None:
        self._push_int(value, 3)

    def push_uint32(self, value: int) -> None:
        self._push_int(value, 4)

    def push_bytes(self, data: bytes | bytearray) -> None:
        self._buf += data

    def push_vector(self, n_len_bytes: int, data: bytes | bytearray) -> None:
        self._push_int(len(data), n_len_bytes)
        self._buf += data

    def push_uint16_list(self, n_len_bytes: int, values: tuple[int, ...] | list[int]) -> None:
        # One struct.pack for the whole list: a scan's hellos carry ~350 suites each.
        try:
            data = struct.pack(f">{len(values)}H", *values)
        except struct.error:
            bad = next((v for v in values if not (isinstance(v, int) and 0 <= v <= 0xFFFF)),
                       values)
            raise EncodeError(f"{bad} does not fit in 2 byte(s)") from None
        self.push_vector(n_len_bytes, data)

    def push_uint8_list(self, n_len_bytes: int, values: tuple[int, ...] | list[int]) -> None:
        try:
            data = bytes(values)
        except (ValueError, TypeError):
            bad = next((v for v in values if not (isinstance(v, int) and 0 <= v <= 0xFF)),
                       values)
            raise EncodeError(f"{bad} does not fit in 1 byte(s)") from None
        self.push_vector(n_len_bytes, data)

    @contextmanager
    def block(self, n_len_bytes: int, *, length: int | None = None) -> Iterator[None]:
        """Write a length prefix for whatever is pushed inside.

        ``length`` overrides the real length, so a probe can send a wrong one on purpose.
        """
        start = len(self._buf)
        self._buf += bytes(n_len_bytes)
        yield
        real = len(self._buf) - start - n_len_bytes
        value = real if length is None else length
        if not 0 <= value <= _LEN_MAX[n_len_bytes]:
            raise EncodeError(f"block of {value} bytes does not fit a {n_len_bytes}-byte length")
        self._buf[start : start + n_len_bytes] = value.to_bytes(n_len_bytes, "big")
