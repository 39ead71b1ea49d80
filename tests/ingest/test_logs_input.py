"""logs input checks: binary files are errors (named when they are something else we know),
a real log with a line of garbage is still text; log levels read per format and source."""

from __future__ import annotations

import gzip
import io
import random
from pathlib import Path

import pytest

from tlsdoctor import read_logs
from tlsdoctor.errors import InputError
from tlsdoctor.ingest.log_levels import LevelProbe

CORPUS = Path(__file__).parent / "corpus"
CAPTURES = Path(__file__).parent / "captures"


_RANDOM = random.Random(12).randbytes  # the same bytes in every xdist worker


@pytest.mark.parametrize(("data", "says"), [
    (_RANDOM(100_000), "lines are binary data"),
    (b"\x28\xb5\x2f\xfd" + _RANDOM(1000), "zstdcat"),
    (b"\xfd7zXZ\x00" + _RANDOM(1000), "xzcat"),
    (b"LPKSHHRH" + bytes(1000), "journalctl --file"),
    ((CAPTURES / "tls12_ok.pcap").read_bytes(), "tlsdoctor pcap"),
    ("2026/11/23 10:16:15 [info] 1#1: *1 SSL\n".encode("utf-16"), "iconv -f UTF-16"),
    (gzip.compress(_RANDOM(100_000), mtime=0), "binary data"),  # checked after gunzip
], ids=["random", "zstd", "xz", "journal", "pcap", "utf16", "gzip-random"])
def test_binary_inputs_are_errors(tmp_path: Path, data: bytes, says: str) -> None:
    f = tmp_path / "input"
    f.write_bytes(data)
    with pytest.raises(InputError, match="not a text log") as exc:
        read_logs([f])
    assert says in str(exc.value) and "\n" not in str(exc.value)
    with pytest.raises(InputError):  # the same from a stream
        read_logs([io.BytesIO(data)])


def test_a_garbage_line_does_not_make_a_log_binary() -> None:
    # The recorded nginx log holds a client's request line of 64 NUL bytes (line 9).
    data = (CORPUS / "nginx_error.log").read_bytes()
    assert b"\x00" * 64 in data
    assert read_logs([io.BytesIO(data)]).failures == 6


def test_apache_level_hiding_handshakes(tmp_path: Path) -> None:
    quiet = tmp_path / "error_log"
    quiet.write_text(
        "[Mon Nov 23 10:11:12.123456 2026] [core:error] [pid 1:tid 2] [client 198.51.100.7:5] "
        "AH00126: Invalid URI in request GET /%zz HTTP/1.1\n"
        "[Mon Nov 23 10:11:13.123456 2026] [mpm_event:notice] [pid 1:tid 2] AH00489: "
        "Apache/2.4.62 configured -- resuming normal operations\n")
    r = read_logs([quiet])
    assert r.log_levels[str(quiet)] == {"apache": {"levels": ["notice", "error"],
                                                   "handshake_failures": "hidden"}}
    assert any("`LogLevel warn ssl:info`" in n for n in r.notes)
    loud = read_logs([CORPUS / "server_logs" / "apache_error.log"])
    assert not [n for n in loud.notes if "LogLevel" in n]


def test_level_probe_ignores_level_words_outside_the_format() -> None:
    p = LevelProbe()
    p.feed(b"user typed [info] in a chat message\n2026/11/23 10:16:15 [error] 1#1: x\n")
    assert p.seen["nginx"] == {"error"}
    assert p.verdict("nginx") == "hidden" and p.verdict("apache") is None
    p.feed("2026/11/23 10:16:16 [info] 1#1: *2 client closed connection\n")
    assert p.verdict("nginx") == "visible"


# Round 27 review: a damaged rotated log (a .gz cut short, a flipped bit, a bad CRC).
_NGINX = (CORPUS / "nginx_error.log").read_bytes()


def _damaged() -> dict[str, bytes]:
    whole = gzip.compress(_NGINX * 200, mtime=0)
    flipped = bytearray(whole)
    for i in range(len(whole) // 2, len(whole) // 2 + 20):
        flipped[i] ^= 0xFF
    return {"cut": whole[:len(whole) * 3 // 4], "crc": whole[:-8] + bytes(8),
            "flipped": bytes(flipped)}


@pytest.mark.parametrize("kind", ["cut", "crc", "flipped"])
def test_a_damaged_gzip_log_keeps_the_lines_before_the_damage(tmp_path: Path, kind: str) -> None:
    # zcat prints what it could read, then the error; so does logs: a note, never an
    # internal error (zlib.error escaped), and never 0 lines of a file that held them (the
    # last read's 1 MiB was dropped with the error).
    f = tmp_path / "error.log.2.gz"
    f.write_bytes(_damaged()[kind])
    for src in (f, io.BytesIO(f.read_bytes())):
        r = read_logs([src])
        assert r.failures > 0 and r.lines > 0
        assert any(n.startswith("read stopped early") for n in r.notes)
        assert not any("is empty" in n for n in r.notes)  # it is not: it is damaged


def test_a_gzip_log_damaged_before_its_first_line_cannot_be_read(tmp_path: Path) -> None:
    # Nothing read at all: "logs exits 3 when it cannot read the input" (SPEC), not "No TLS
    # handshake failures in 0 lines" with exit 0.
    whole = gzip.compress(_NGINX, mtime=0)
    f = tmp_path / "error.log.2.gz"
    f.write_bytes(whole[:30])
    with pytest.raises(InputError, match="cannot read") as exc:
        read_logs([f])
    assert str(f) in str(exc.value) and "\n" not in str(exc.value)


# Review 28: a log of one line longer than MAX_LINE (no newline at its end) was "0 lines"
# and "is empty", with the skipped line said nowhere but the JSON's overlong_lines.
@pytest.mark.parametrize("end", [b"", b"\n"])
def test_an_overlong_line_is_counted_and_said(end: bytes) -> None:
    from tlsdoctor.ingest.logs import MAX_LINE

    data = b"SSL_do_handshake() failed " + b"A" * (MAX_LINE * 3) + end
    r = read_logs([io.BytesIO(data)])
    assert (r.lines, r.overlong_lines, r.failures) == (1, 1, 0)
    assert not any("is empty" in n for n in r.notes), r.notes
    assert any("1 line" in n and "skipped" in n for n in r.notes), r.notes
