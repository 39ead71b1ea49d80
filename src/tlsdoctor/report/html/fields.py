"""Reading report JSON that may be stored, old or edited by hand: accessors that give the
expected type or an empty one, never an exception, so a page renders what is there."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

EMPTY: Mapping[str, Any] = {}


def mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else EMPTY


def records(value: Any) -> list[Mapping[str, Any]]:
    """The objects of a JSON array (anything else in it is skipped)."""
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def strings(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def text(value: Any) -> str:
    return "" if value is None else str(value)
