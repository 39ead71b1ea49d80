"""The compiled scanner's functions or their Python twins (``_pcapscan``, an optional C
extension: docs/pcap-speed.md, rounds 20 and 22b).

Each compiled function has a Python twin that gives the same result. The twin is used when
the extension was not built (no compiler where tlsdoctor was installed) or when
``TLSDOCTOR_PCAP_PURE=1`` is set at import; tests/ingest/test_pcap_cscan.py compares the two.
"""

from __future__ import annotations

import os
from typing import TypeVar, cast

__all__ = ["compiled_or"]

T = TypeVar("T")


def compiled_or(name: str, twin: T) -> T:
    """``_pcapscan``'s function ``name``, or its Python ``twin``."""
    if os.environ.get("TLSDOCTOR_PCAP_PURE") == "1":
        return twin
    try:
        from . import _pcapscan
    except ImportError:  # not built
        return twin
    return cast(T, getattr(_pcapscan, name))
