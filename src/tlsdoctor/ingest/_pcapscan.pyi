# The compiled record loop of the pcap reader (_pcapscan.c; docs/pcap-speed.md round 20) and
# the framings and hello key the reading calls (round 22b).
from collections.abc import Callable
from typing import Any

def scan(
    buf: bytes | bytearray | memoryview, off: int, limit: int, packets: int, bytes_read: int,
    max_bytes: int, last_sec: int, whole: float, ctx: tuple[Any, ...], /,
) -> tuple[int, int, int, int, float, float | None, float | None,
           tuple[int, float, int, bytes, bool] | None]: ...

def scan_ng(
    buf: bytes, off: int, packets: int, bytes_read: int, max_bytes: int,
    interfaces: list[tuple[int, float]], ctx: tuple[Any, ...], /,
) -> tuple[int, int, int, float | None, float | None,
           tuple[int, float, int, bytes, bool] | None]: ...

def tls_records(payload: bytes, types: int, max_len: int, /) -> list[tuple[int, bytes, int]] | None: ...

def hs_messages(frag: bytes, cap: int, /) -> list[tuple[int, bytes]] | None: ...

def hello_key(body: bytes, client: bool, hrr_random: bytes, volatile: bytes, /) -> bytes | None: ...

def history_text(steps: list[Any], indent: str, strings: dict[str, str],
                 escape: Callable[[str], str], /) -> str | None: ...

def dict_text(obj: dict[Any, Any], indent: str, given: dict[Any, str], strings: dict[str, str],
              string_text: Callable[[str], str], keys: dict[str, str],
              key_text: Callable[[Any], str], /) -> str | None: ...
