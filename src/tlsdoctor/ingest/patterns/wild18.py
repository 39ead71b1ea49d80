"""Round 18: programs a wild sample of threads showed printing TLS words of their own
(harvested by scripts/harvest/wild18.py into upstream/<source>.json, judged in
judgement/<source>.py).

lychee's sentences are its own and long (each says which rule of its error analysis chose
it), so they are read wherever they stand: after the link ("[ERROR] <url> | ") or inside
"Network error: <sentence> (<reqwest's error>)". Read as lychee's, a client's, they no longer
leave a generic phrase in them ("certificate verification failed") to a server's table.
trojan's handshake lines carry OpenSSL's reason, read by the OpenSSL and alert tables; its
log prefix and lead say which side wrote them (ingest/side.py).
"""

from __future__ import annotations

from . import GENERIC, Pattern, causes
from .harvested import entries, upstream_patterns
from .judgement._common import HANDSHAKE as _HANDSHAKE

# the generic handshake ranking, without its tier word
HANDSHAKE = _HANDSHAKE.split("|")[0]

PATTERNS: tuple[Pattern, ...] = upstream_patterns("lychee", "lychee", side="client")


# trojan's lines (src/core/log.cpp log_with_endpoint: "[time] [LEVEL] <peer>:<port> "): with
# its prefix, the lead names trojan and its session, the reason after it is OpenSSL's.
_TROJAN_AT = (r"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] \[(?:ALL|INFO|WARN|ERROR|FATAL)\] "
              r"(?:\S{1,60}:\d{1,5} )?")
_TROJAN = {"SSL handshake failed: %s": (r"SSL handshake failed: ", "server",
                                        "a client's handshake with this trojan server failed"),
           "SSL handshake failed with %s:%d: %s": (
               r"SSL handshake failed with \S{1,255}:\d{1,5}: ", "client",
               "this trojan client's handshake with its remote server failed")}


def _trojan() -> tuple[Pattern, ...]:
    """The lead in its prefix, a generic handshake failure (the reason after it says which,
    read by the OpenSSL tables); it names the program and its side."""
    return tuple(Pattern(
        source="trojan", rx=rf"(?m){_TROJAN_AT}{lead}", causes=causes(HANDSHAKE), spec=GENERIC,
        meaning=f"trojan: {meaning}", provenance=e.provenance, needle="ssl handshake failed",
        id=f"trojan.up.{e.id}.logged", upstream=e.id, side=side)
        for e in entries("trojan") for lead, side, meaning in (_TROJAN[e.id],))


PATTERNS += _trojan()
