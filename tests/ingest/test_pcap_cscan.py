"""The compiled record loop (``ingest/_pcapscan.c``, docs/pcap-speed.md round 20) against the
pure-Python reader: the same report on every capture (pcap and pcapng), and on truncated,
mutated and random bytes; the C code returns or raises, never crashes, over-reads or hangs."""

from __future__ import annotations

import io
import json
import random
import struct
import tempfile
from pathlib import Path
from typing import Any

import pytest
from bench_builder import bench_pcap

from tlsdoctor import read_pcap
from tlsdoctor.errors import InputError
from tlsdoctor.ingest import pcap

_pcapscan = pytest.importorskip(
    "tlsdoctor.ingest._pcapscan",
    reason="the C extension is not built (python3 -m pip install -e . builds it in place)")

ROOT = Path(__file__).resolve().parents[2]
CAPTURES = Path(__file__).parent / "captures"
FIXTURES = sorted(CAPTURES.glob("*.pcap*"))


def _report(data: bytes, pure: bool, **kw: Any) -> tuple[str, str | None]:
    """The report's JSON (``seconds`` and ``reader`` left out) or the one-line error, and
    which reader ran."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TLSDOCTOR_PCAP_PURE", "1" if pure else "0")
        try:
            out = read_pcap(io.BytesIO(data), **kw).to_json()
        except InputError as exc:
            return f"InputError: {exc}", None
    summary = out["summary"]
    summary.pop("seconds")
    reader = summary["capture"].pop("reader")
    return json.dumps(out, sort_keys=True), reader


def _same(data: bytes, **kw: Any) -> str | None:
    """Both readers give the same report; returns the C path's reader name."""
    c, c_reader = _report(data, False, **kw)
    p, p_reader = _report(data, True, **kw)
    assert c == p
    assert p_reader in (None, "python")
    return c_reader


@pytest.fixture(scope="module")
def built() -> bytes:
    """A handshake-heavy capture of 2.5 MB (the benchmark's builder): several 1 MB blocks,
    records across their ends, thousands of connections."""
    bench = bench_pcap()
    with tempfile.TemporaryDirectory(prefix="tlsdoctor-cscan-") as d:
        path = Path(d) / "built.pcap"
        bench.build(path, 2.5)
        return path.read_bytes()


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_capture_gives_the_same_report(path: Path) -> None:
    data = path.read_bytes()
    assert _same(data) == "c"
    assert _same(data, max_events=2) == "c"


def test_several_blocks_budget_and_two_readers(built: bytes, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    assert _same(built) == "c"
    # The budget ends reading inside a block (and inside a record).
    assert _same(built, max_bytes=1_500_007, max_events=5) == "c"
    # Two readers: each skips the other's connections on the raw bytes, in C too.
    path = tmp_path / "built.pcap"
    path.write_bytes(built)
    reports = []
    for pure in ("0", "1"):
        monkeypatch.setenv("TLSDOCTOR_PCAP_PURE", pure)
        out = read_pcap(path, max_events=5, jobs=2).to_json()
        out["summary"].pop("seconds")
        reports.append((out["summary"]["capture"].pop("reader"), out))
    assert reports[0][0] == "c" and reports[1][0] == "python"
    assert reports[0][1] == reports[1][1]


def _ipv6(eth: bytes) -> bytes:
    """An Ethernet II / IPv4 / TCP frame as Ethernet II / IPv6 / TCP (2001:db8::/96, RFC 3849)."""
    ihl, total = (eth[14] & 0x0F) * 4, int.from_bytes(eth[16:18], "big")
    segment, prefix = eth[14 + ihl:14 + total], bytes.fromhex("20010db8") + bytes(8)
    return (eth[:12] + b"\x86\xdd\x60\x00\x00\x00" + len(segment).to_bytes(2, "big")
            + bytes((6, eth[22])) + prefix + eth[26:30] + prefix + eth[30:34] + segment)


# Link layers and tags the fast paths read, from an Ethernet II frame: (link type, frame).
_LINKS: dict[str, tuple[int, Any]] = {
    "sll": (113, lambda e: b"\x00\x00\x03\x04\x00\x06" + e[6:12] + b"\x00\x00" + e[12:14] + e[14:]),
    "sll2": (276, lambda e: e[12:14] + b"\x00\x00\x00\x00\x00\x01\x00\x01\x00\x06" + e[6:12]
             + b"\x00\x00" + e[14:]),
    "raw": (101, lambda e: e[14:]),
    "vlan": (1, lambda e: e[:12] + b"\x81\x00\x00\x05" + e[12:]),
    "null": (0, lambda e: (2 if e[12:14] == b"\x08\x00" else 10).to_bytes(4, "little") + e[14:]),
}


def _relinked(data: bytes, linktype: int, frame: Any, v6: bool) -> bytes:
    """A classic pcap (little-endian, microseconds, Ethernet) with every frame rebuilt."""
    out = bytearray(data[:20] + struct.pack("<I", linktype))
    off = 24
    while off + 16 <= len(data):
        sec, frac, caplen, _orig = struct.unpack_from("<IIII", data, off)
        eth = data[off + 16:off + 16 + caplen]
        new = frame(_ipv6(eth) if v6 else eth)
        out += struct.pack("<IIII", sec, frac, len(new), len(new)) + new
        off += 16 + caplen
    return bytes(out)


@pytest.mark.parametrize("v6", [False, True], ids=["ipv4", "ipv6"])
@pytest.mark.parametrize("link", [*_LINKS, "eth"])
def test_other_link_layers_and_ipv6(built: bytes, link: str, v6: bool,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    if link == "eth" and not v6:
        return  # the plain Ethernet / IPv4 capture: above
    linktype, frame = _LINKS.get(link, (1, lambda e: e))
    data = _relinked(built[:400_000], linktype, frame, v6)  # ~1,000 connections
    assert _same(data, max_events=3) == "c"
    # The compiled loop took their frames: the Python fast paths saw only those handed back.
    seen = []
    slow = pcap._fast_other
    monkeypatch.setattr(pcap, "_fast_other", lambda *a: (seen.append(1), slow(*a))[1])
    monkeypatch.setenv("TLSDOCTOR_PCAP_PURE", "0")
    packets = read_pcap(io.BytesIO(data), max_events=3).summary["capture"]["packets"]
    assert len(seen) < packets / 4
    rng = random.Random(link + str(v6))
    for _ in range(2):  # and broken
        _same(_mutated(data, rng), max_events=3)
        _same(data[:rng.randrange(len(data))], max_events=3)


def _as_pcapng(data: bytes, endian: str = "<", tsresol: int | None = None) -> bytes:
    """A classic pcap (little-endian, microseconds) as pcapng (draft-ietf-opsawg-pcapng):
    a section header, two interfaces (the second unused), an Enhanced Packet Block per
    record; every 40th record also gets a name resolution block before it, every 150th
    goes as a Simple Packet Block (no time stamp) instead. ``tsresol``: if_tsresol."""
    def block(btype: int, body: bytes) -> bytes:
        body += bytes(-len(body) % 4)
        return struct.pack(endian + "II", btype, 12 + len(body)) + body + struct.pack(
            endian + "I", 12 + len(body))

    opts = b"" if tsresol is None else struct.pack(endian + "HHB3xHH", 9, 1, tsresol, 0, 0)
    per_second = 10 ** (tsresol or 6) if tsresol is None or tsresol < 0x80 else 2 ** (tsresol & 0x7F)
    out = bytearray(block(0x0A0D0D0A, struct.pack(endian + "IHHq", 0x1A2B3C4D, 1, 0, -1)))
    out += block(1, struct.pack(endian + "HHI", 1, 0, 262144) + opts)
    out += block(1, struct.pack(endian + "HHI", 113, 0, 262144))
    off, i = 24, 0
    while off + 16 <= len(data):
        sec, frac, caplen, orig = struct.unpack_from("<IIII", data, off)
        frame = data[off + 16:off + 16 + caplen]
        off, i = off + 16 + caplen, i + 1
        if i % 40 == 0:
            out += block(4, struct.pack(endian + "HH", 0, 0))
        if i % 150 == 0:
            out += block(3, struct.pack(endian + "I", orig) + frame)
            continue
        stamp = sec * per_second + frac * per_second // 10**6
        out += block(6, struct.pack(endian + "IIIII", 0, stamp >> 32, stamp & 0xFFFFFFFF,
                                    caplen, orig) + frame)
    return bytes(out)


@pytest.mark.parametrize("endian, tsresol", [("<", None), (">", None), ("<", 9), ("<", 0x94)])
def test_pcapng(built: bytes, endian: str, tsresol: int | None) -> None:
    data = _as_pcapng(built, endian, tsresol)
    assert _same(data, max_events=3) == "c"
    assert _same(data, max_events=3, max_bytes=1_300_001) == "c"  # the budget, mid-block
    rng = random.Random(endian + str(tsresol))
    for _ in range(3):  # and broken
        _same(_mutated(data, rng), max_events=3)
        _same(data[:rng.randrange(len(data))], max_events=3)


def test_pcapng_truncated_and_mutated() -> None:
    rng = random.Random(21)
    seeds = [(CAPTURES / n).read_bytes() for n in
             ("tls13_ok.pcapng", "rst_after_hello.pcapng", "protocol_version.pcapng")]
    seeds.append(_as_pcapng((CAPTURES / "client_cert.pcap").read_bytes()))
    for seed in seeds:
        for _ in range(10):
            _same(seed[:rng.randrange(len(seed) + 1)])
        for _ in range(20):
            _same(_mutated(seed, rng))


def _mutated(seed: bytes, rng: random.Random) -> bytes:
    data = bytearray(seed)
    for _ in range(rng.randint(1, 12)):
        at = rng.randrange(len(data))
        if rng.random() < 0.3 and at + 4 <= len(data):  # an absurd or short length word
            data[at:at + 4] = struct.pack("<I", rng.choice((0, 15, 16, 54, 262144, 262145,
                                                            2**31, 2**32 - 1)))
        else:
            data[at] = rng.randrange(256)
    return bytes(data)


def test_truncated_and_mutated_captures() -> None:
    rng = random.Random(20)  # fixed: the same 160 inputs every run
    seeds = [(CAPTURES / n).read_bytes() for n in
             ("client_cert.pcap", "smtp_starttls.pcap", "expired.pcap", "tls12_sll.pcap")]
    for seed in seeds:
        for _ in range(15):
            _same(seed[:rng.randrange(len(seed) + 1)])
        for _ in range(25):
            _same(_mutated(seed, rng))


def test_mutated_large_capture(built: bytes) -> None:
    rng = random.Random(7)
    for _ in range(2):
        _same(_mutated(built, rng), max_events=5)


def _ctx(by_raw: dict[bytes, Any], calls: list[tuple[Any, ...]]) -> tuple[Any, ...]:
    def segment(*args: Any) -> None:
        calls.append(args)

    def straggler(*args: Any) -> bool:
        calls.append(args)
        return True

    return (False, 1e-6, 1, by_raw, segment, straggler, pcap._MIX, 0, 1)


def test_the_loop_stays_inside_hostile_buffers() -> None:
    rng = random.Random(5)
    calls: list[tuple[Any, ...]] = []
    frames = (CAPTURES / "tls12_ok.pcap").read_bytes()[24:]
    key = frames[16 + 26:16 + 38]  # the first record's raw addresses and ports, both ways
    back = key[4:8] + key[:4] + key[10:] + key[8:10]
    by_raw: dict[bytes, Any] = {key: ("conn", True), back: ("conn", False)}
    ctx = _ctx(by_raw, calls)
    off, handed = 0, 0
    while off < len(frames):  # the real records: the SYN is handed back, the rest consumed
        out = _pcapscan.scan(frames, off, len(frames) - 16, 0, 0, 2**40, -1, 0.0, ctx)
        handed += out[7] is not None
        assert out[0] > off
        off = out[0]
    assert off == len(frames) and handed == 1 and len(calls) > 5
    by_raw[back] = "not a tuple"  # handed back, not read
    for _ in range(300):
        buf = _mutated(frames[:rng.randrange(len(frames) + 1)] or b"\0", rng)
        off = rng.choice((0, 0, 0, 1, len(buf), len(buf) + 5, -3, 2**40))
        limit = rng.choice((len(buf) - 16, len(buf), 2**40, -1))
        out = _pcapscan.scan(buf, off, limit, 0, 0, 2**40, -1, 0.0, ctx)
        assert len(out) == 8 and (out[0] == off or 0 <= out[0] <= len(buf))
        if out[7] is not None:  # a frame handed back lies inside the buffer
            assert len(out[7][3]) <= len(buf)


@pytest.mark.parametrize("ctx", [(), (False,) * 9, (False, 1e-6, 1, {}, None, None, b"x", 0, 1),
                                 (False, 1e-6, 1, {}, None, None, pcap._MIX, 0, 0)])
def test_bad_arguments_raise(ctx: tuple[Any, ...]) -> None:
    with pytest.raises(TypeError):
        _pcapscan.scan(b"", 0, 0, 0, 0, 1, -1, 0.0, ctx)
    with pytest.raises(TypeError):
        _pcapscan.scan("not bytes", 0, 0, 0, 0, 1, -1, 0.0, ctx)


def _framing_inputs(seed: int) -> list[bytes]:
    """Runs of TLS records and handshake messages with valid, wrong and absurd headers,
    whole and cut short at every kind of place."""
    rng = random.Random(seed)
    out = []
    for _ in range(3000):
        parts = []
        for _ in range(rng.randrange(0, 4)):
            length = rng.choice([0, 1, 3, 4, 5, 40, 300, 16384 + 2048, 16384 + 2049, 65535,
                                 0xFFFFFF])
            body = bytes(rng.randrange(256) for _ in range(min(length, 320)))
            head = rng.choice([
                bytes([rng.choice([20, 21, 22, 23, 24, 25, 26, 27, 19, 0, 63, 64, 255]),
                       rng.choice([3, 3, 2, 0]), rng.randrange(256), length >> 8 & 255,
                       length & 255]),
                bytes([rng.randrange(256)]) + (length & 0xFFFFFF).to_bytes(3, "big")])
            parts.append(head + body)
        data = b"".join(parts)
        if data and rng.random() < 0.3:
            data = data[:rng.randrange(len(data))]
        out.append(data)
    return out


def test_compiled_framing_is_the_python_framing() -> None:
    """``tls_records`` and ``hs_messages`` (round 22b) give ``pcap_tls``'s Python twins'
    lists or None on hostile input and on every record of the fixtures, and are the ones
    ``pcap_tls`` uses when the extension is built."""
    from tlsdoctor.ingest import pcap_tls
    from tlsdoctor.wire.record import DEFAULT_MESSAGE_CAP, MAX_CIPHERTEXT

    bits = pcap_tls._TYPE_BITS
    assert bits == sum(1 << t for t in range(20, 27))
    inputs = _framing_inputs(22)
    for f in FIXTURES[:8]:
        data = f.read_bytes()
        inputs += [data[i:i + n] for i in range(0, len(data), 97) for n in (5, 300, 1500)]
    accepted = 0
    for data in inputs:
        want = pcap_tls._whole_records(data, bits, MAX_CIPHERTEXT)
        assert _pcapscan.tls_records(data, bits, MAX_CIPHERTEXT) == want
        accepted += want is not None and len(want) > 0
        for cap in (DEFAULT_MESSAGE_CAP, 40, 0):
            assert _pcapscan.hs_messages(data, cap) == pcap_tls._whole_messages(data, cap)
    assert accepted > 20  # valid runs were framed, not only refused
    if pcap.os.environ.get("TLSDOCTOR_PCAP_PURE") != "1":
        assert pcap_tls._records is _pcapscan.tls_records
        assert pcap_tls._messages is _pcapscan.hs_messages
    for bad in [(), (b"x",), ("x", 1, 1), (b"x", "1", 1), (b"x", 1, 10**30)]:
        with pytest.raises((TypeError, OverflowError)):
            _pcapscan.tls_records(*bad)
    with pytest.raises(TypeError):
        _pcapscan.hs_messages(b"x")


def _hellos(seed: int) -> list[tuple[bytes, bool]]:
    """ClientHello and ServerHello bodies with per-connection and other extensions,
    session ids of every length, the HelloRetryRequest random, cut and mutated."""
    from tlsdoctor.wire.hello import HRR_RANDOM

    rng = random.Random(seed)
    out = []
    for _ in range(6000):
        exts = b""
        for _ in range(rng.randrange(0, 8)):
            ext = rng.choice([0, 10, 21, 35, 41, 42, 43, 44, 51, 0xFE0D, 0xFFFF, rng.randrange(65536)])
            data = bytes(rng.randrange(256) for _ in range(rng.choice([0, 1, 4, 20])))
            exts += struct.pack(">HH", ext, len(data)) + data
        client = rng.random() < 0.5
        sid = rng.choice([0, 32, 255])
        random_ = HRR_RANDOM if rng.random() < 0.2 else bytes(rng.randrange(256) for _ in range(32))
        body = b"\x03\x03" + random_ + bytes([sid]) + bytes(sid)
        if client:
            suites = bytes(rng.randrange(256) for _ in range(rng.choice([2, 4, 60])))
            body += struct.pack(">H", len(suites)) + suites + b"\x01\x00"
        else:
            body += b"\x13\x01\x00"
        if rng.random() < 0.9:
            body += struct.pack(">H", len(exts)) + exts
        if rng.random() < 0.3:
            body = body[:rng.randrange(len(body) + 1)]
        if body and rng.random() < 0.1:
            at = rng.randrange(len(body))
            body = body[:at] + bytes([rng.randrange(256)]) + body[at + 1:]
        out.append((body, client))
    return out


def test_compiled_hello_key_is_the_python_key() -> None:
    """``hello_key`` (round 22b) gives ``hello_cache._hello_key``'s key or None for each
    hello read either way, and is the one ``decode_cached`` uses with the extension."""
    from tlsdoctor.ingest import hello_cache
    from tlsdoctor.wire.hello import HRR_RANDOM

    bits = hello_cache._VOLATILE_BITS
    assert {t for t in range(65536) if bits[t >> 3] >> (t & 7) & 1} == hello_cache._VOLATILE
    keyed = 0
    for body, client in _hellos(22):
        for side in (client, not client):
            want = hello_cache._hello_key(1 if side else 2, body)
            assert _pcapscan.hello_key(body, side, HRR_RANDOM, bits) == want
            keyed += want is not None
    assert keyed > 1000
    if pcap.os.environ.get("TLSDOCTOR_PCAP_PURE") != "1":
        assert hello_cache._key is _pcapscan.hello_key
    for bad in [(b"x" * 40, True, HRR_RANDOM), (b"x" * 40, True, b"short", bits),
                (b"x" * 40, True, HRR_RANDOM, b"short"), ("x" * 40, True, HRR_RANDOM, bits)]:
        with pytest.raises(TypeError):
            _pcapscan.hello_key(*bad)


def _histories(seed: int) -> list[Any]:
    """Listed connections' histories of every capture, and hostile ones: other key orders
    and types, str subclasses, bools for ints, NaN and the infinities, -0.0, huge and
    negative ints, non-ASCII and control characters, strings the cache holds oddly."""

    class S(str):
        pass

    real = [e["history"] for path in FIXTURES
            for e in read_pcap(path, jobs=1).to_json()["events"]]
    assert sum(len(h) for h in real) > 100
    step = {"t_ms": 1.5, "packet": 7, "by": "client", "what": "ClientHello (SNI a.example)"}
    odd: list[Any] = [
        [], None, "x", [1], [{}], [dict(step, records=2)], [dict(step, bytes=3)],
        [dict(step, records=2, bytes=3)], [dict(step, bytes=3, records=2)],
        [{k: step[k] for k in reversed(step)}], [dict(step, extra=1)],
        [dict(step, records=True)], [dict(step, packet=True)], [dict(step, packet=2**70)],
        [dict(step, packet=-1)], [dict(step, t_ms=-0.0)], [dict(step, t_ms=1e300)],
        [dict(step, t_ms=float("nan"))], [dict(step, t_ms=float("inf"))],
        [dict(step, t_ms=-float("inf"))], [dict(step, t_ms=3)], [dict(step, by=S("client"))],
        [dict(step, what="caf\u00e9 \u202e\x1b[31m \"q\" \\ \U0001f600")], [dict(step, by=None)],
        [{S("t_ms"): 1.0, "packet": 1, "by": "a", "what": "b"}],
        [{1: 1.0, "packet": 1, "by": "a", "what": "b"}], [dict(step, records=1.0)],
    ]
    rng = random.Random(seed)
    values = [0.0, 2.5, 1e-7, 123456.789, 0, 1, 2**63, "", "client", "\x00", "\u00ff", None,
              True, [], {}]
    for _ in range(3000):
        steps = []
        for _ in range(rng.randrange(1, 5)):
            s = dict(step)
            for k in rng.sample(list(s), rng.randrange(0, 3)):
                s[k] = rng.choice(values)
            if rng.random() < 0.3:
                s[rng.choice(["records", "bytes"])] = rng.choice([1, 2**40, "1", 1.0])
            steps.append(s)
        odd.append(steps)
    return real + odd


def test_compiled_history_text_is_the_python_text() -> None:
    """``history_text`` (round 23) writes what json_text's Python writer writes, or gives
    None (then the Python writer runs), and ``steps_text`` is the same text either way."""
    from tlsdoctor.report import json_text

    strings = json_text._STRINGS
    compiled = 0
    for steps in _histories(23):
        for indent in ("      ", ""):
            want = json_text._steps_text(steps, indent)
            got = _pcapscan.history_text(steps, indent, strings, json_text._string_text)
            assert got is None or got == want, steps
            assert json_text.steps_text(steps, indent) == want
            compiled += got is not None
    assert compiled > 500
    assert json.loads(json_text.steps_text([{"t_ms": 0.5, "packet": 1, "by": "x",
                                             "what": "y"}], "")) == [
        {"t_ms": 0.5, "packet": 1, "by": "x", "what": "y"}]
    # the cache holding something odd for a string: left to the Python writer
    odd = {"client": 1, "server": ""}
    step = {"t_ms": 1.0, "packet": 1, "by": "client", "what": "server"}
    assert _pcapscan.history_text([step], "", odd, json_text._string_text) is None
    del odd["client"]
    assert _pcapscan.history_text([step], "", odd, json_text._string_text) == \
        json_text._steps_text([step], "")
    assert _pcapscan.history_text([step], "\u00e9", {}, json_text._string_text) is None
    huge = [dict(step, packet=10**5000)]  # past int's str limit: the same ValueError
    for write in (lambda: json_text._steps_text(huge, ""),
                  lambda: _pcapscan.history_text(huge, "", {}, json_text._string_text)):
        with pytest.raises(ValueError):
            write()
    if pcap.os.environ.get("TLSDOCTOR_PCAP_PURE") != "1":
        assert json_text._history_text is _pcapscan.history_text
    for bad in [([step], "", [], str), ([step], "", {}, None), ([step], "", {})]:
        with pytest.raises(TypeError):
            _pcapscan.history_text(*bad)


def _values(rng: random.Random, depth: int = 0) -> Any:
    """A random JSON-ish value, hostile: NaN, the infinities, -0.0, bools, huge ints, str and
    int subclasses, non-str keys, tuples, non-ASCII and control characters, deep nesting."""
    import enum

    class S(str):
        pass

    class N(enum.IntEnum):
        A = 3

    leaves = [None, True, False, 0, -7, 2**64, 1.5, -0.0, 1e300, float("nan"), float("inf"),
              -float("inf"), "", "plain", "caf\u00e9 \u202e\x1b[31m \"q\" \\ \U0001f600", S("sub"),
              N.A, "x" * 300]
    if depth > 3 or rng.random() < 0.4:
        return rng.choice(leaves)
    n = rng.randrange(0, 4)
    kind = rng.random()
    if kind < 0.5:
        keys: list[Any] = ["a", "b", "t_ms", "caf\u00e9", S("k")] + ([1] if rng.random() < 0.1 else [])
        return {rng.choice(keys): _values(rng, depth + 1) for _ in range(n)}
    items = [_values(rng, depth + 1) for _ in range(n)]
    return tuple(items) if kind < 0.6 else items


def test_compiled_event_text_is_the_python_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """``dict_text`` (round 23) writes what ``json_text.dumps_with_list`` writes in Python, or
    gives None (then Python writes it): each listed connection of every capture, and random
    hostile values; ``pcap_json.event_text`` is the same bytes either way."""
    from tlsdoctor.report import json_text, pcap_json

    events = [e for path in FIXTURES for e in read_pcap(path, jobs=1).events]
    with_c = [pcap_json.event_text(e) for e in events]
    rng = random.Random(23)
    objs: list[Any] = [e.to_json() for e in events]
    objs += [{"a": _values(rng), "findings": None, "b": _values(rng)} for _ in range(3000)]
    deep: Any = [1]
    for _ in range(40):  # deeper than the C writer goes: left to Python
        deep = [{"k": deep}]
    objs += [{}, {"a": {"b": deep}}, {"a": [[[[[[[[1]]]]]]]]},
             {1: 2}, {"a": {1, 2}}, {"a": object()}]
    args = (json_text._STRINGS, json_text._string_text, json_text._KEYS, json_text._key_text)
    compiled = 0
    c_texts = []
    for obj in objs:
        for given in ({}, {"b": "\"given\""}, {"b": 3}):
            try:
                got = _pcapscan.dict_text(obj, "    ", {**given, "findings": "[]"}, *args)
            except ValueError:  # an int past str's limit: the Python writer raises it too
                got = "ValueError"
            c_texts.append((obj, given, got))
            compiled += got is not None
    monkeypatch.setattr(json_text, "_dict_text", json_text._no_dict_text)
    for obj, given, got in c_texts:
        try:
            want: str | None = json_text.dumps_with_list(obj, "findings", [], "    ", given)
        except (TypeError, ValueError) as exc:
            want = "ValueError" if isinstance(exc, ValueError) else None
            assert got in (None, want), obj
            continue
        assert got is None or got == want, obj
    assert compiled > 2000
    assert [pcap_json.event_text(e) for e in events] == with_c
    if pcap.os.environ.get("TLSDOCTOR_PCAP_PURE") != "1":
        monkeypatch.undo()
        assert json_text._dict_text is _pcapscan.dict_text
    for bad in [({}, "", {}, {}, str, {}), ({}, "", [], {}, str, {}, str),
                ({}, "", {}, {}, None, {}, str)]:
        with pytest.raises(TypeError):
            _pcapscan.dict_text(*bad)


def test_text_at_is_the_python_text() -> None:
    """``json_text.text_at`` (a finding's and an offer's text) through ``dict_text`` is
    ``_value``'s text on the fixtures' findings and random hostile values."""
    from tlsdoctor.finding import finding_to_json
    from tlsdoctor.report import json_text

    rng = random.Random(230)
    values: list[Any] = [finding_to_json(f) for path in FIXTURES
                         for e in read_pcap(path, jobs=1).events for f in e.findings]
    assert len(values) > 10
    values += [{"a": _values(rng), "b": _values(rng)} for _ in range(2000)]
    values += [_values(rng) for _ in range(500)]
    for v in values:
        for indent in ("        ", ""):
            try:
                want = json_text._value(v, indent)
            except (TypeError, ValueError) as exc:
                with pytest.raises(type(exc)):
                    json_text.text_at(v, indent)
                continue
            assert json_text.text_at(v, indent) == want, v


def test_compiled_floats_are_repr() -> None:
    """The C writers' floats (round 23: a float of three decimals written from its
    thousandths when that reads back the same) are ``float.__repr__``'s, over every magnitude,
    times rounded to microseconds as the history's are, and the thresholds around them."""
    from tlsdoctor.report import json_text

    rng = random.Random(2323)
    floats = [0.0, -0.0, 1.0, -1.0, 0.001, 0.0009999, 0.0015, 0.5, 999999999999.999,
              1e12, 1e12 - 0.001, 1e16, 123456789012.345, 0.1 + 0.2, 2.675, 1.0005]
    floats += [round(rng.uniform(-1, 1) * 10 ** rng.randrange(-5, 14), rng.randrange(0, 5))
               for _ in range(40000)]
    floats += [rng.uniform(-1e3, 1e3) for _ in range(5000)]
    floats += [struct.unpack("<d", rng.randbytes(8))[0] for _ in range(5000)]
    floats += [round(rng.random() * 1000, 3) + k * 1e-12 for k in (-1, 1) for _ in range(2000)]
    args = (json_text._STRINGS, json_text._string_text, json_text._KEYS, json_text._key_text)
    for x in floats:
        got = _pcapscan.dict_text({"f": x}, "", {}, *args)
        assert got == f'{{\n  "f": {json_text._float(x)}\n}}', x
    step = {"t_ms": 0.0, "packet": 1, "by": "a", "what": "b"}
    for x in floats[:20000]:
        if x == x and abs(x) != float("inf"):
            steps = [dict(step, t_ms=x)]
            assert _pcapscan.history_text(steps, "", {}, json_text._string_text) == \
                json_text._steps_text(steps, ""), x


def test_the_compiled_writer_splits_only_long_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the compiled writer, a capture's 1,000 listed connections are written by this
    process alone (a child cost more CPU than it gave back, round 23); longer lists split."""
    from tlsdoctor.report import json_text

    assert json_text.split_items() == (json_text.SPLIT_ITEMS
                                       if pcap.os.environ.get("TLSDOCTOR_PCAP_PURE") == "1"
                                       else json_text.SPLIT_COMPILED)
    assert json_text.SPLIT_COMPILED > 1000 >= json_text.SPLIT_ITEMS
    forks: list[int] = []
    fork = json_text.os.fork

    def counted_fork() -> int:
        pid = fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(json_text.os, "fork", counted_fork)
    items = list(range(json_text.SPLIT_COMPILED))
    for n, split in ((1000, json_text.SPLIT_COMPILED), (len(items), json_text.SPLIT_COMPILED),
                     (1000, json_text.SPLIT_ITEMS)):
        obj = {"events": items[:n]}
        got = b"".join(json_text.dumps_indented_forked(obj, "events", split=split))
        assert got == json_text.dumps_indented(obj).encode("ascii")
    assert len(forks) == 2
