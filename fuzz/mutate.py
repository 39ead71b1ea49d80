"""A hypothesis strategy that mutates a seed the way byte-level fuzzers do: flip, set,
insert, delete, truncate, duplicate a slice, and write "interesting" integers (0, 0x7f,
0x80, 0xff, 0xffff...) over length fields, which is where parsers usually break."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

_INTERESTING = (b"\x00", b"\x7f", b"\x80", b"\xff", b"\x00\x00", b"\xff\xff", b"\x7f\xff",
                b"\x80\x00", b"\x00\x00\x00", b"\xff\xff\xff", b"\x01\x00\x00")


@st.composite
def mutated(draw: st.DrawFn, seeds: Sequence[bytes], max_ops: int = 6) -> bytes:
    data = bytearray(draw(st.sampled_from(list(seeds))))
    for _ in range(draw(st.integers(1, max_ops))):
        op = draw(st.integers(0, 6))
        pos = draw(st.integers(0, max(0, len(data))))
        if op == 0 and data:  # flip bits in one byte
            i = min(pos, len(data) - 1)
            data[i] ^= draw(st.integers(1, 255))
        elif op == 1:  # insert bytes
            data[pos:pos] = draw(st.binary(min_size=1, max_size=8))
        elif op == 2 and data:  # delete a run
            del data[pos:pos + draw(st.integers(1, 16))]
        elif op == 3:  # truncate
            del data[pos:]
        elif op == 4 and data:  # duplicate a slice
            end = min(len(data), pos + draw(st.integers(1, 64)))
            data[pos:pos] = data[pos:end]
        else:  # an interesting integer over whatever is there (a length field, often)
            val = draw(st.sampled_from(_INTERESTING))
            data[pos:pos + len(val)] = val
    return bytes(data)
