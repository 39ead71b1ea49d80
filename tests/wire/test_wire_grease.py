"""The GREASE table decoders test against is exactly RFC 8701's 16 values."""

from tlsdoctor.wire.hello import _GREASE
from tlsdoctor.wire.registry import is_grease


def test_grease_table_is_what_is_grease_accepts():
    assert {v for v in range(0x10000) if is_grease(v)} == _GREASE
    assert len(_GREASE) == 16 and 0x0A0A in _GREASE and 0xFAFA in _GREASE
