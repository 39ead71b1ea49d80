"""pcap speed, round 25 (docs/pcap-speed.md): the JSON of the listed connections is written
a batch at a time as it is made; the dataclasses a capture makes have their own docstrings
(``dataclasses`` would otherwise write one from ``inspect.signature``); SSL 2.0's module is
loaded only when an SSLv2-format ClientHello is seen."""

from __future__ import annotations

import json
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from fresh import fresh_python, pcap_modules_code

from tlsdoctor import read_pcap
from tlsdoctor.cli import main
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
