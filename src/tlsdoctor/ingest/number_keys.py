"""The number tokens a pattern's every match contains, and the number tokens a text holds.

Hundreds of rows are one program's error number: mbedTLS's "-9216" or "-0x2400", a Windows
HRESULT's "-2146893019", "2148074254" or "0x80090325", a Schannel event's "36887", an
OSStatus's "-9802". Their literal is a few digits, which a big log holds by chance inside its
times, ports, process ids and sizes, so the trigram index lets them through and each row's
regex then reads the whole text (25-35 ms per 200 KB each, round 27). A number written
between non-digits is a token: the text's tokens are found in one pass (``text_tokens``),
and a row whose regex fences its number with non-digits on both sides (``number_keys``) is
tried only when one of its tokens is among them. The keys are only ever a necessary
condition, so the rows tried find exactly what they found before.

Tokens: ``"9216"`` (a run of ASCII digits with no "-" before it), ``"-9216"`` (with one),
``"x2400"`` (the hex digits after "0x", lowercase, leading zeros dropped).
"""

from __future__ import annotations

import importlib
import re
from typing import Any

__all__ = ["number_keys", "text_tokens"]

# The regex parser of the standard library (private, no type stubs; the deprecated public
# alias sre_parse warns): without it no row gets keys, which only costs time.
try:
    _P: Any = importlib.import_module("re._parser")
    _C: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - a Python without the module
    _P = _C = None

_DECIMAL = re.compile(r"-?[0-9]+")
_HEX = re.compile(r"0(?=[xX]([0-9A-Fa-f]+))")  # consumes the "0" only: "0x0x10" has "x10"
_MIN_DIGITS = 3  # a shorter number is in every log: no filter
# A regex without three digits (not a quantifier's bound) or "0x" gets no key: not parsed.
_QUICK = re.compile(r"(?<![{,0-9])[0-9]{3}|0[xX][0-9A-Fa-f]")
_DIGITS = frozenset(range(ord("0"), ord("9") + 1))
_HEXDIGITS = frozenset(ord(c) for c in "0123456789abcdefABCDEF")
_MINUS = ord("-")

Keys = frozenset[str]


def text_tokens(text: str) -> set[str]:
    """Every number token of ``text``: two passes, whatever the tables hold."""
    tokens = set(_DECIMAL.findall(text))
    tokens.update("x" + (h.lower().lstrip("0") or "0") for h in _HEX.findall(text))
    return tokens


def number_keys(rx: str) -> Keys | None:
    """Tokens of which every match of ``rx`` (case-insensitive) contains at least one, or
    None when the regex does not fence a number of three digits or more on every path."""
    if _P is None or not _QUICK.search(rx):
        return None
    try:
        parsed = _P.parse(rx, re.IGNORECASE)
    except (re.error, RecursionError, ValueError):
        return None
    keys = _sequence(list(parsed.data))
    return keys if keys and _weight(keys) >= _MIN_DIGITS else None


def _weight(keys: Keys) -> int:
    """How selective keys are: the digits of the shortest."""
    return min(len(k.lstrip("-x")) for k in keys)


def _sequence(items: list[Any]) -> Keys | None:
    """The most selective keys of any item every match of the sequence passes through."""
    found: list[Keys] = []
    for i, (op, av) in enumerate(items):
        if op is _C.LITERAL and av in _DIGITS and not (i and _is_digit_literal(items[i - 1])):
            found.append(_decimal_run(items, i))
        if op is _C.LITERAL and av == ord("0"):
            found.append(_hex_run(items, i))
        if op is _C.SUBPATTERN:
            found.append(_sequence(list(av[3].data)) or frozenset())
        elif op is _C.ATOMIC_GROUP:
            found.append(_sequence(list(av.data)) or frozenset())
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT) and av[0] >= 1:
            found.append(_sequence(list(av[2].data)) or frozenset())
        elif op is _C.BRANCH:
            found.append(_branches(av[1]))
    useful = [k for k in found if k]
    return max(useful, key=_weight) if useful else None


def _branches(subs: list[Any]) -> Keys:
    """Any alternative's keys: empty unless every alternative has some."""
    out: set[str] = set()
    for sub in subs:
        keys = _sequence(list(sub.data))
        if not keys:
            return frozenset()
        out |= keys
    return frozenset(out)


def _is_digit_literal(item: Any) -> bool:
    return bool(item[0] is _C.LITERAL and item[1] in _DIGITS)


def _decimal_run(items: list[Any], i: int) -> Keys:
    """The keys of the run of digit literals starting at ``i``, when fenced on both sides."""
    j = i
    while j < len(items) and _is_digit_literal(items[j]):
        j += 1
    run = "".join(chr(av) for _, av in items[i:j])
    signs = _before(items, i)
    if signs is None or not _fenced_after(items, j, _DIGITS):
        return frozenset()
    return frozenset(sign + run for sign in signs)


def _hex_run(items: list[Any], i: int) -> Keys:
    """``0x``, optional zeros (``0{0,4}``), hex digit literals, then a non-hex fence."""
    if i + 1 >= len(items) or items[i + 1] not in ((_C.LITERAL, ord("x")), (_C.LITERAL, ord("X"))):
        return frozenset()
    j = i + 2
    if j < len(items) and items[j][0] is _C.MAX_REPEAT and _only(items[j][1][2], ord("0")):
        j += 1
    k = j
    while k < len(items) and items[k][0] is _C.LITERAL and items[k][1] in _HEXDIGITS:
        k += 1
    if k == j or not _fenced_after(items, k, _HEXDIGITS):
        return frozenset()
    return frozenset({"x" + ("".join(chr(av) for _, av in items[j:k]).lower().lstrip("0") or "0")})


def _only(sub: Any, char: int) -> bool:
    return list(sub.data) == [(_C.LITERAL, char)]


def _before(items: list[Any], i: int) -> frozenset[str] | None:
    """The signs a token may carry given what the regex puts before ``items[i]``: "" (no
    "-" right before the run), "-", or None when a digit may stand there (or it is unknown)."""
    if i == 0:
        return None
    op, av = items[i - 1]
    if op is _C.LITERAL:
        return None if av in _DIGITS else frozenset({"-"}) if av == _MINUS else frozenset({""})
    if op is _C.AT:
        return {_C.AT_BOUNDARY: frozenset({"", "-"}), _C.AT_BEGINNING: frozenset({""}),
                _C.AT_BEGINNING_STRING: frozenset({""})}.get(av)
    if op is _C.ASSERT_NOT and av[0] == -1:
        chars = _class(av[1])
        if chars is None or not _covers(chars, _DIGITS):
            return None
        return frozenset({""}) if _covers(chars, {_MINUS}) else frozenset({"", "-"})
    chars, low = _one_char(op, av)
    if chars is None or _may_match(chars, _DIGITS):
        return None
    here = frozenset({"", "-"}) if _may_match(chars, {_MINUS}) else frozenset({""})
    if low >= 1:
        return here
    earlier = _before(items, i - 1)
    return None if earlier is None else here | earlier


def _fenced_after(items: list[Any], j: int, banned: frozenset[int]) -> bool:
    """Whether the regex puts a character outside ``banned`` (or the end) right after the run
    that ends before ``items[j]``."""
    if j >= len(items):
        return False
    op, av = items[j]
    if op is _C.LITERAL:
        return av not in banned
    if op is _C.AT:
        return av in (_C.AT_BOUNDARY, _C.AT_END, _C.AT_END_STRING)
    if op is _C.ASSERT_NOT and av[0] == 1:
        chars = _class(av[1])
        return chars is not None and _covers(chars, banned)
    chars, low = _one_char(op, av)
    if chars is None or _may_match(chars, banned):
        return False
    return low >= 1 or _fenced_after(items, j + 1, banned)


def _one_char(op: Any, av: Any) -> tuple[list[Any] | None, int]:
    """(the characters, the fewest times) of a class or a repeated class; (None, 0) for
    anything else."""
    if op is _C.IN:
        return _class_items(av), 1
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        return _class(av[2]), av[0]
    return None, 0


def _class(sub: Any) -> list[Any] | None:
    """A one-character pattern as a class's items (LITERAL, RANGE, CATEGORY); None when
    negated or not one character."""
    data = list(sub.data)
    if len(data) != 1:
        return None
    op, av = data[0]
    if op is _C.LITERAL:
        return [(op, av)]
    return _class_items(av) if op is _C.IN else None


def _class_items(av: Any) -> list[Any] | None:
    items = list(av)
    return None if any(op is _C.NEGATE for op, _ in items) else items


def _category(cat: Any) -> tuple[bool, bool]:
    """(may match an ASCII digit or hex letter, may match "-")."""
    if cat in (_C.CATEGORY_SPACE, _C.CATEGORY_LINEBREAK):
        return False, False
    if cat is _C.CATEGORY_NOT_WORD:
        return False, True
    return True, True  # digits, words, anything else: assume both


def _may_match(chars: list[Any], targets: set[int] | frozenset[int]) -> bool:
    for op, av in chars:
        if op is _C.LITERAL and av in targets:
            return True
        if op is _C.RANGE and any(av[0] <= t <= av[1] for t in targets):
            return True
        if op is _C.CATEGORY:
            digit, minus = _category(av)
            if (minus and _MINUS in targets) or (digit and targets - {_MINUS}):
                return True
        if op not in (_C.LITERAL, _C.RANGE, _C.CATEGORY):
            return True  # unknown: assume it may
    return False


def _covers(chars: list[Any], targets: set[int] | frozenset[int]) -> bool:
    """Whether the class matches every character of ``targets`` (ASCII)."""
    def one(t: int) -> bool:
        for op, av in chars:
            if op is _C.LITERAL and av == t:
                return True
            if op is _C.RANGE and av[0] <= t <= av[1]:
                return True
            if op is _C.CATEGORY and t in _DIGITS and av in (_C.CATEGORY_DIGIT,
                                                              _C.CATEGORY_WORD):
                return True
            if op is _C.CATEGORY and av is _C.CATEGORY_WORD and chr(t).isalnum():
                return True
        return False
    return all(one(t) for t in targets)
