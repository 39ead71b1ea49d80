"""pcap speed, round 25 (docs/pcap-speed.md): the JSON of the listed connections is written
a batch at a time as it is made; the compiled reader reads its blocks into one reused
window; the dataclasses a capture makes have their own docstrings (``dataclasses`` would
otherwise write one from ``inspect.signature``); SSL 2.0's module is loaded only when an
SSLv2-format ClientHello is seen."""

from __future__ import annotations

import io
import json
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bench_builder import bench_pcap
from click.testing import CliRunner
from fresh import fresh_python, pcap_modules_code

from tlsdoctor import read_pcap
from tlsdoctor.cli import main
from tlsdoctor.ingest import pcap
from tlsdoctor.report import json_text

CAPTURES = Path(__file__).parent / "captures"


def _texts(items: list[Any], taken: list[int]) -> Iterator[bytes]:
    """The items' texts, made as they are taken (noting each in ``taken``)."""
    for i, v in enumerate(items):
        taken.append(i)
        yield json_text.list_item(v)


def test_a_lazy_list_is_taken_and_written_a_batch_at_a_time() -> None:
    batch = json_text.LIST_BATCH
    for n in (0, 1, batch - 1, batch, batch + 1, 3 * batch + 5):
        items: list[Any] = [{"n": i, "s": "caf\u00e9 \"x\"", "f": i / 7} for i in range(n)]
        value = {"summary": {"a": [1], "b": None}, "events": items, "z": "end"}
        taken: list[int] = []
        pieces = []
        for piece in json_text.dumps_indented_listed(value, "events", _texts(items, taken)):
            # Nothing is taken more than a batch ahead of what was written.
            assert len(taken) <= (len(pieces) + 1) * batch, (n, len(pieces))
            pieces.append(piece)
        assert b"".join(pieces).decode("ascii") == json.dumps(value, indent=2,
                                                                ensure_ascii=True), n
        assert len(pieces) == (1 if n == 0 else 2 + -(-n // batch)), n


def test_the_command_line_writes_the_report_as_before() -> None:
    """One reader, no fork (an in-process caller): the events are rendered as they are
    written, and the text is the report's JSON."""
    for name in ("expired.pcap", "smtp_starttls.pcap", "tls13_ok.pcapng"):
        path = CAPTURES / name
        out = CliRunner().invoke(main, ["pcap", str(path), "--json", "--jobs", "1"]).output
        got = json.loads(out)
        assert out == json.dumps(got, indent=2, ensure_ascii=True) + "\n", name
        want = read_pcap(path, jobs=1).to_json()
        for data in (got, want):
            data["summary"].pop("seconds")
        assert got == want, name


def test_every_dataclass_a_capture_makes_has_its_own_docstring() -> None:
    code = pcap_modules_code(CAPTURES / "expired.pcap") + (
        "import dataclasses\n"
        "bare = sorted(f'{m.__name__}.{o.__name__}' for m in list(sys.modules.values())\n"
        "              if m.__name__.startswith('tlsdoctor')\n"
        "              for o in vars(m).values()\n"
        "              if isinstance(o, type) and dataclasses.is_dataclass(o)\n"
        "              and o.__module__ == m.__name__\n"
        "              and (o.__doc__ or '').startswith(o.__name__ + '('))\n"
        "print('BARE', bare, file=sys.stderr)\n")
    proc = fresh_python(code, check=True)
    assert "BARE []" in proc.stderr, proc.stderr[-2000:]


def _packet(src: int, dst: int, sport: int, dport: int, seq: int, ack: int, flags: int,
            payload: bytes = b"") -> bytes:
    tcp = struct.pack(">HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0)
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp) + len(payload), 1, 0, 64, 6, 0,
                     src.to_bytes(4, "big"), dst.to_bytes(4, "big"))
    return b"\x02" * 6 + b"\x04" * 6 + b"\x08\x00" + ip + tcp + payload


def _sslv2_capture(path: Path) -> None:
    """A client's SSLv2-format ClientHello after the TCP handshake, answered by a RST."""
    from tlsdoctor.wire.sslv2 import encode_sslv2_client_hello

    hello = encode_sslv2_client_hello((0x010080, 0x000035), challenge=b"\x01" * 16)
    c, s = 0x0A000001, 0x0A000002
    frames = [_packet(c, s, 40000, 443, 100, 0, 0x02), _packet(s, c, 443, 40000, 500, 101, 0x12),
              _packet(c, s, 40000, 443, 101, 501, 0x10),
              _packet(c, s, 40000, 443, 101, 501, 0x18, hello),
              _packet(s, c, 443, 40000, 501, 101 + len(hello), 0x14)]
    out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
    for i, f in enumerate(frames):
        out += struct.pack("<IIII", 1_700_000_000, i * 1000, len(f), len(f)) + f
    path.write_bytes(out)


def test_ssl2_is_loaded_only_for_an_sslv2_hello(tmp_path: Path) -> None:
    path = tmp_path / "sslv2.pcap"
    _sslv2_capture(path)
    steps = [s["what"] for s in read_pcap(path, jobs=1).to_json()["events"][0]["history"]]
    assert "SSLv2 ClientHello (no SNI)" in steps, steps
    for capture, loaded in ((CAPTURES / "expired.pcap", False), (path, True)):
        proc = fresh_python(pcap_modules_code(capture), check=True)
        modules = proc.stderr.split()
        assert ("tlsdoctor.wire.sslv2" in modules) is loaded, capture.name


class _Trickle(io.RawIOBase):
    """A stream giving at most 1,000 bytes a read (as a pipe may)."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        chunk = self._data.read(min(len(b), 1000))
        b[:len(chunk)] = chunk
        return len(chunk)


class _ReadOnly:
    """A stream with read() only."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def read(self, n: int = -1) -> bytes:
        return self._data.read(n)


def _report(source: Any, **kw: Any) -> dict[str, Any]:
    data: dict[str, Any] = read_pcap(source, jobs=1, **kw).to_json()
    data["summary"].pop("seconds")
    return data


@pytest.mark.skipif(pcap._c_scan is None, reason="the compiled reader is not built")
def test_the_reused_window_reads_as_the_pure_reader(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Several blocks (a 2.5 MB capture), read from a file, in 1,000-byte reads, from a
    stream with read() only, and with a budget ending mid-capture: the compiled reader's
    report, with its window refilled each block, is the pure reader's."""
    path = tmp_path / "copies.pcap"
    bench_pcap().build(path, 2.5)
    data = path.read_bytes()
    for kw in ({}, {"max_bytes": 1_500_000}):
        monkeypatch.setenv("TLSDOCTOR_PCAP_PURE", "1")
        pure = _report(path, **kw)
        monkeypatch.delenv("TLSDOCTOR_PCAP_PURE")
        assert pure["summary"]["capture"]["reader"] == "python"
        for source in (path, _Trickle(data), _ReadOnly(data), io.BytesIO(data)):
            got = _report(source, **kw)
            assert got["summary"]["capture"].pop("reader") == "c"
            pure["summary"]["capture"].pop("reader", None)
            assert got == pure, (type(source).__name__, kw)


def _scanned(buf: Any, n: int, resize: bytearray | None = None) -> list[Any]:
    """Every scan output and callback over the first ``n`` bytes of ``buf`` (tls12_ok's
    records, its SYN's connection known); ``resize``: a bytearray each callback tries to
    grow (the BufferError it gets is noted)."""
    from tlsdoctor.ingest import _pcapscan

    seen: list[Any] = []

    def call(*args: Any) -> bool:
        seen.append(args)
        if resize is not None:
            try:
                resize.extend(b"x")
            except BufferError:
                seen.append("held")
        return True

    frames = bytes(buf[:n])
    key = frames[16 + 26:16 + 38]
    back = key[4:8] + key[:4] + key[10:] + key[8:10]
    ctx = (False, 1e-6, 1, {key: ("conn", True), back: ("conn", False)}, call, call,
           pcap._MIX, 0, 1)
    off = 0
    while off < n:
        out = _pcapscan.scan(buf, off, n - 16, 0, 0, 2**40, -1, 0.0, ctx)
        seen.append(out)
        off = out[0]
    return seen


@pytest.mark.skipif(pcap._c_scan is None, reason="the compiled reader is not built")
def test_the_compiled_loop_takes_any_contiguous_buffer_and_nothing_else() -> None:
    from tlsdoctor.ingest import _pcapscan

    frames = (CAPTURES / "tls12_ok.pcap").read_bytes()[24:]
    want = _scanned(frames, len(frames))
    window = bytearray(frames + b"\xff" * 100)  # bytes past the view are never read
    assert _scanned(memoryview(window)[:len(frames)], len(frames)) == want
    assert _scanned(bytearray(frames), len(frames)) == want
    held = _scanned(window, len(frames), resize=window)  # held: not resized meanwhile
    assert "held" in held and len(window) == len(frames) + 100
    assert [x for x in held if x != "held"][:len(want)] == want
    for bad in ("not bytes", 5, None, [1, 2]):
        with pytest.raises(TypeError):
            _pcapscan.scan(bad, 0, 0, 0, 0, 1, -1, 0.0, ())
