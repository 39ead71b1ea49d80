"""``json.dumps(obj, indent=2, ensure_ascii=True)``, byte for byte, in under half the time.

With ``indent`` set, the standard library gives up its C encoder for a generator per
nesting level; ``pcap --json`` prints megabytes of it (7.6 MB for a 10 MB capture: 0.18 s
of a 0.8 s run). This builds each container's text with one ``join`` and one f-string
(``+`` would copy the text built so far once more per piece, at every level), writes
strings, numbers and None without a call and each key's text once, and escapes strings
with the same C function json uses (``encode_basestring_ascii``: every non-ASCII and
control character escaped, so nothing from a certificate can reach a terminal raw).
tests/test_json_text.py compares it with json.dumps on awkward values. A capture's listed
connections (``dumps_with_list``, ``steps_text``, ``text_at``) are written in C when the pcap
extension is built (``ingest/_pcapscan.c``, round 23), the same text, for plain values only:
anything else is left to the Python writer below.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from json.encoder import INFINITY, encode_basestring_ascii
from typing import Any

from ..ingest.pcap_compiled import compiled_or

_string = encode_basestring_ascii
_int = int.__repr__

SPLIT_ITEMS = 200  # fewer items than this are not worth a process (fork: ~3 ms)
# With the compiled writer (dict_text, round 23: a listed connection in ~40 us, not ~200) a
# child gave no time back for a 10 MB capture's 1,000 listed connections and cost 11-16 ms
# more CPU (the fork, then the pages both processes touch copied): only longer lists.
SPLIT_COMPILED = 4000
LIST_BATCH = 32  # a listed list's elements joined at a time (dumps_indented_listed)
_ITEM_SEP = b",\n    "  # between the elements of a list in a top-level object


def dumps_indented(obj: Any) -> str:
    """What ``json.dumps(obj, indent=2, ensure_ascii=True)`` returns (same TypeError for a
    value JSON cannot hold; a cycle gives RecursionError instead of ValueError)."""
    return _value(obj, "")


def split_items() -> int:
    """How many items a list needs for ``dumps_indented_forked`` to split it (its ``split``
    for the listed connections): fewer with the Python writer than with the compiled one."""
    return SPLIT_ITEMS if _dict_text is _no_dict_text else SPLIT_COMPILED


def dumps_indented_forked(obj: dict[str, Any], key: str,
                          item: Callable[[Any], bytes] | None = None,
                          split: int = SPLIT_ITEMS) -> Iterable[bytes | bytearray]:
    """``dumps_indented(obj)`` as ASCII bytes (it holds nothing else), in pieces to write in
    order, the text of each element of the list ``obj[key]`` written by ``item``
    (default ``list_item``, or one that writes what it stands for), the last ~45% of them
    by a forked child process meanwhile (a capture's listed connections: 7 MB of text,
    0.1 s, for 1,000). Only for a caller that may fork (no other thread; the command
    line, with a core free); without fork, with fewer than ``split`` items, or when the
    child fails, this process writes them all."""
    items = obj.get(key) if type(obj) is dict else None
    item = item or list_item
    if type(items) is not list or len(items) < split or not hasattr(os, "fork"):
        if type(items) is not list:
            return [dumps_indented(obj).encode("ascii")]
        return dumps_indented_listed(obj, key, map(item, items))
    # This process also writes the rest of obj; the child starts later, encodes its part
    # and sends it: a little more here than there ends both at about the same time.
    share = len(items) * 11 // 20
    theirs = _Forked(items[share:], item)
    try:
        mine = _items(items[:share], item)
        rest: bytes | bytearray | None = theirs.text()
    finally:
        theirs.close()
    if rest is None:  # the child failed: its part here (and its error, if the data has one)
        rest = _items(items[share:], item)
    head, tail = _around(obj, key)
    return [head, mine, _ITEM_SEP, rest, tail]


def text_at(value: Any, indent: str) -> str:
    """``value``'s text where a container's items are indented by ``indent`` + two spaces
    (``dumps_indented`` is ``text_at(value, "")``)."""
    text = _dict_text(value, indent, {}, _STRINGS, _string_text, _KEYS, _key_text)
    return _value(value, indent) if text is None else text


def dumps_with_list(obj: dict[str, Any], key: str, texts: Sequence[str], indent: str,
                    given: Mapping[str, str] | None = None) -> str:
    """``text_at(obj, indent)`` when the list ``obj[key]`` is given by the texts of its
    elements (each ``text_at(element, indent + "    ")``), and the values of the str keys
    in ``given`` by their texts (each ``text_at(value, indent + "  ")``)."""
    inner = indent + "  "
    items = f"[\n{inner}  " + f",\n{inner}  ".join(texts) + f"\n{inner}]" if texts else "[]"
    text = _dict_text(obj, indent, {**(given or {}), key: items}, _STRINGS, _string_text,
                      _KEYS, _key_text)
    if text is not None:  # compiled: plain values only (docs/pcap-speed.md, round 23)
        return text
    sep = ",\n" + inner
    given = given or {}
    # (each key's text from the table _value uses: an event has ~20 keys)
    body = sep.join([(_KEYS.get(k) or _key_text(k))
                     + (items if k == key and type(k) is str
                        else given[k] if type(k) is str and k in given
                        else _value(v, inner))
                     for k, v in obj.items()])
    return f"{{\n{inner}{body}\n{indent}}}"


# The keys of a capture's history step (ingest.pcap._history), in their order.
_STEP = ("t_ms", "packet", "by", "what")
_STEP_RECORDS = (*_STEP, "records")
_STEP_BYTES = (*_STEP, "bytes")
_STEP_BOTH = (*_STEP, "records", "bytes")
# Each usual shape of a step (its keys) -> which of its ints follow "what".
_STEP_MORE = {_STEP: (), _STEP_RECORDS: ("records",), _STEP_BYTES: ("bytes",),
              _STEP_BOTH: ("records", "bytes")}


def _no_history_text(steps: Any, indent: str, strings: dict[str, str],
                     escape: Callable[[str], str]) -> str | None:
    """Without the compiled extension: no text here, ``_steps_text`` writes it."""
    return None


def _no_dict_text(obj: Any, indent: str, given: dict[Any, str], strings: dict[str, str],
                  string_text: Callable[[str], str], keys: dict[str, str],
                  key_text: Callable[[Any], str]) -> str | None:
    """Without the compiled extension: no text here, ``dumps_with_list`` writes it."""
    return None


# A listed connection's text in C when the extension is built (its values are plain: str,
# numbers, None, bools, dicts and lists of them; ~9% of a 10 MB capture's run in Python),
# else None; either way the same text (tests/ingest/test_pcap_cscan.py).
_dict_text = compiled_or("dict_text", _no_dict_text)
# A history's text in C when the extension is built (~5% of a 10 MB capture's run in
# Python: ~11,000 steps), else None; either way the same text (tests/test_json_text.py).
_history_text = compiled_or("history_text", _no_history_text)


def steps_text(steps: list[Any], indent: str) -> str:
    """``text_at(steps, indent)`` for a capture's history, a list of dicts: a step of the
    usual shape (keys ``t_ms`` float, ``packet`` int, ``by`` and ``what`` str, then
    ``records`` and/or ``bytes`` int) is written by one f-string, anything else as
    ``text_at`` writes it (the history is a third of a listed connection's text)."""
    text = _history_text(steps, indent, _STRINGS, _string_text)
    if text is not None:  # compiled: every step of a usual shape (docs/pcap-speed.md, 23)
        return text
    return _steps_text(steps, indent)


def _steps_text(steps: list[Any], indent: str) -> str:
    """``steps_text`` in Python: ``_pcapscan.history_text``'s twin, and what writes a
    history that has an unusual step."""
    if type(steps) is not list or not steps:
        return _value(steps, indent)
    inner = indent + "  "
    deep = inner + "  "
    strings = _STRINGS
    texts = []
    for h in steps:
        extra = _STEP_MORE.get(tuple(h)) if type(h) is dict else None
        if extra is None:
            texts.append(_value(h, inner))
            continue
        t, p, by, what = h["t_ms"], h["packet"], h["by"], h["what"]
        # (t - t is 0.0 for every finite float; NaN and the infinities give NaN)
        if (type(t) is not float or t - t != 0.0 or type(p) is not int
                or type(by) is not str or type(what) is not str):
            texts.append(_value(h, inner))
            continue
        more = ""
        for name in extra:  # "records" and/or "bytes": ints in the usual shapes
            n = h[name]
            if type(n) is not int:
                break
            more += f',\n{deep}"{name}": {_int(n)}'
        else:
            texts.append(f'{{\n{deep}"t_ms": {float.__repr__(t)},\n{deep}"packet": {_int(p)},\n'
                         f'{deep}"by": {strings.get(by) or _string_text(by)},\n'
                         f'{deep}"what": {strings.get(what) or _string_text(what)}{more}\n{inner}}}')
            continue
        texts.append(_value(h, inner))
    return f"[\n{inner}" + f",\n{inner}".join(texts) + f"\n{indent}]"


def list_item(value: Any) -> bytes:
    """``value``'s text as an element of a list in a top-level object (second level of
    indentation), ASCII: what ``dumps_indented_listed`` takes."""
    return _value(value, "    ").encode("ascii")


def dumps_indented_listed(obj: dict[str, Any], key: str,
                          texts: Iterable[bytes]) -> Iterator[bytes]:
    """``dumps_indented(obj)`` as ASCII bytes, in pieces to write in order, when the list
    ``obj[key]`` is given by the texts of its elements (``list_item``, made elsewhere, or
    as each is taken: ``texts`` may be lazy). The elements come ``LIST_BATCH`` at a time,
    each batch joined: a capture's 7 MB of listed connections is never one object (each
    batch reuses the memory the last one freed, where the whole text took ~2,000 fresh
    pages), and with lazy texts never all held at once either."""
    rest = iter(texts)
    batch = list(islice(rest, LIST_BATCH))
    if not batch:
        yield dumps_indented({**obj, key: []}).encode("ascii")
        return
    head, tail = _around(obj, key)
    yield head
    yield _ITEM_SEP.join(batch)
    while batch := list(islice(rest, LIST_BATCH)):
        yield _ITEM_SEP.join([b"", *batch])  # the separator before the batch, then it
    yield tail


def _around(obj: dict[str, Any], key: str) -> tuple[bytes, bytes]:
    """The text of ``obj`` before and after the elements of its (non-empty) list
    ``obj[key]``: written where a NUL is, JSON text never holds one (it writes \\u0000)."""
    sep = ",\n  "
    text = sep.join([(_string(k) if type(k) is str else _key(k)) + ": "
                     + ("\0" if k == key and type(k) is str else _value(v, "  "))
                     for k, v in obj.items()])
    head, _nul, tail = f"{{\n  {text}\n}}".partition("\0")
    return f"{head}[\n    ".encode("ascii"), f"\n  ]{tail}".encode("ascii")


def _items(items: list[Any], item: Callable[[Any], bytes]) -> bytes:
    """List elements' texts (``item``) with their separators."""
    return _ITEM_SEP.join([item(v) for v in items])


class _Forked:
    """A child process sending ``_items(items, item)`` through a pipe (its length first)."""

    def __init__(self, items: list[Any], item: Callable[[Any], bytes]) -> None:
        read, write = os.pipe()
        with contextlib.suppress(ImportError, AttributeError, OSError):
            import fcntl  # Linux: a 1 MB pipe, fewer and larger transfers

            fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 1 << 20)
        self.pid = os.fork()
        if self.pid == 0:  # the child: its text, then gone (no atexit, no parent's buffers)
            code = 1
            try:
                os.close(read)
                data = _items(items, item)
                with os.fdopen(write, "wb") as out:
                    out.write(len(data).to_bytes(8, "big"))
                    out.write(data)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self._from = os.fdopen(read, "rb")

    def text(self) -> bytearray | None:
        """What the child sent; None when it failed."""
        head = self._from.read(8)
        data = bytearray(int.from_bytes(head, "big") if len(head) == 8 else 0)
        view, got = memoryview(data), 0
        while got < len(data):
            n = self._from.readinto(view[got:])
            if not n:
                break
            got += n
        view.release()
        extra = self._from.read(1)
        _pid, status = os.waitpid(self.pid, 0)
        self.pid = 0
        return data if status == 0 and len(head) == 8 and got == len(data) and not extra else None

    def close(self) -> None:
        """The pipe closed and the child gone (stopped first when this process failed)."""
        self._from.close()
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)


def _value(o: Any, indent: str) -> str:
    t = type(o)
    if t is str:
        return _STRINGS.get(o) or _string_text(o)
    if t is dict:
        if not o:
            return "{}"
        inner = indent + "  "
        # Strings, ints, floats and None inline (no call): most values of a report are
        # those; a key's text is made once (a report repeats a few dozen names).
        items = [(_KEYS.get(k) or _key_text(k))
                 + ((_STRINGS.get(v) or _string_text(v)) if type(v) is str
                    else _int(v) if type(v) is int
                    else "null" if v is None else _float(v) if type(v) is float
                    else _value(v, inner))
                 for k, v in o.items()]
        sep = ",\n" + inner
        # One f-string: each + would copy the whole text built so far again.
        return f"{{\n{inner}{sep.join(items)}\n{indent}}}"
    if t is list or t is tuple:
        if not o:
            return "[]"
        inner = indent + "  "
        text = (",\n" + inner).join([(_STRINGS.get(v) or _string_text(v)) if type(v) is str
                                     else _value(v, inner) for v in o])
        return f"[\n{inner}{text}\n{indent}]"
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if t is int:
        return _int(o)
    if t is float:
        return _float(o)
    return _subclass(o, indent)


def _subclass(o: Any, indent: str) -> str:
    """Subclasses, as json treats them: by the base type's text (an IntEnum is its number)."""
    if isinstance(o, str):
        return _string(o)
    if isinstance(o, int):
        return int.__repr__(o)
    if isinstance(o, float):
        return _float(o)
    if isinstance(o, dict):
        return _value(dict(o.items()), indent)
    if isinstance(o, list | tuple):
        return _value(list(o), indent)
    raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


# The text of the str values seen, at most _STRINGS_MAX of them, each at most
# _STRING_MAX characters long: a capture's report repeats a few thousand strings (the
# history's steps, roles, addresses, versions, suites) in 100,000 places, and a lookup
# is ~5x cheaper than escaping a string again. Kept while the table has room (a long
# run of distinct strings fills it once and costs nothing more).
_STRINGS: dict[str, str] = {}
_STRINGS_MAX = 4096
_STRING_MAX = 200


def _string_text(s: str) -> str:
    text = _string(s)
    if len(s) <= _STRING_MAX and len(_STRINGS) < _STRINGS_MAX:
        _STRINGS[s] = text
    return text


# '"name": ' of the str keys seen, at most _KEYS_MAX of them. Only a str (or a str
# subclass of the same value, which json writes the same) can equal a str key: an int,
# float, bool or None key is never found here and goes through _key.
_KEYS: dict[str, str] = {}
_KEYS_MAX = 4096


def _key_text(k: Any) -> str:
    if type(k) is not str:
        return _key(k) + ": "
    text = _string(k) + ": "
    if len(_KEYS) < _KEYS_MAX:
        _KEYS[k] = text
    return text


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == INFINITY:
        return "Infinity"
    if o == -INFINITY:
        return "-Infinity"
    return float.__repr__(o)


def _key(k: Any) -> str:
    """A dictionary key that is not a str, turned into one as json does."""
    if isinstance(k, str):
        return _string(k)
    if k is True or k is False or k is None:
        return {True: '"true"', False: '"false"', None: '"null"'}[k]
    if isinstance(k, float):
        return '"' + _float(k) + '"'
    if isinstance(k, int):
        return '"' + int.__repr__(k) + '"'
    raise TypeError(f"keys must be str, int, float, bool or None, not {k.__class__.__name__}")
