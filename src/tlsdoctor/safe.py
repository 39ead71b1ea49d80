"""Neutralise untrusted text (certificate fields, server bytes, log lines) for display.

Terminal control sequences and Unicode bidi overrides are replaced by visible escapes,
so a certificate subject cannot recolour, rewrite or reorder the report around it.
"""

from __future__ import annotations

import re

# C0/C1 controls (incl. ESC, CSI), DEL, and bidi/zero-width format characters
# (Unicode TR#9 explicit formatting: LRE..RLO, LRI..PDI, plus LRM/RLM/ALM).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def printable(text: str, *, limit: int = 2000, newlines: bool = True) -> str:
    """Return ``text`` with control and bidi characters shown as \\xNN / \\uNNNN.

    ``newlines=False`` escapes LF and TAB too: for one-line fields (titles, evidence),
    where a newline in a certificate subject could forge a line of the report.
    """
    if len(text) > limit:
        text = text[:limit] + "…"
    if not newlines:
        text = text.replace("\t", "\\x09").replace("\n", "\\x0a")
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) > 0xFF
                       else f"\\x{ord(m.group()):02x}", text)
