"""report.json_text.dumps_indented must print exactly what json.dumps(indent=2,
ensure_ascii=True) prints: every --json output goes through it."""

from __future__ import annotations

import enum
import json
import random
from pathlib import Path

import pytest

from tlsdoctor.report.json_text import dumps_indented


class _Code(enum.IntEnum):
    ALERT = 40


class _Name(str):
    pass


AWKWARD = [
    None, True, False, 0, -1, 2**80, -0.0, 1.5, 1e300, 1e-7, float("nan"), float("inf"),
    float("-inf"), "", "plain", "caf\u00e9 \u202e\u0000\x1b[31m \"q\" \\ \n\t\ud800 \U0001f512",
    [], {}, (), [[]], {"": {}}, [1, [2, [3, {"a": []}]]], (1, "two"), _Code.ALERT,
    _Name("sub"), {_Name("k"): 1}, {3: "int key", 2.5: "float", True: "t", False: "f",
                                    None: "n", _Code.ALERT: "enum"},
    {"nested": {"list": [{"x": None}, [], {}, "s"], "n": 3}},
]


@pytest.mark.parametrize("value", AWKWARD, ids=range(len(AWKWARD)))
def test_same_text_as_json_dumps(value):
    assert dumps_indented(value) == json.dumps(value, indent=2, ensure_ascii=True)


def test_same_text_on_random_nested_values():
    rng = random.Random(12)
    leaves = [None, True, False, 7, -3.25, "x\u00ff", "", "\u2028", 10**20]

    def make(depth: int):
        kind = rng.randrange(4 if depth < 5 else 1)
        if kind == 0:
            return rng.choice(leaves)
        if kind == 1:
            return [make(depth + 1) for _ in range(rng.randrange(4))]
        if kind == 2:
            return tuple(make(depth + 1) for _ in range(rng.randrange(3)))
        return {rng.choice(["a", "b\u00e9", "", "k"]) + str(i): make(depth + 1)
                for i in range(rng.randrange(4))}

    for _ in range(300):
        value = make(0)
        assert dumps_indented(value) == json.dumps(value, indent=2, ensure_ascii=True)


def test_same_text_on_a_real_pcap_report():
    from tlsdoctor.api.capture import read_pcap

    captures = Path(__file__).parent / "ingest" / "captures"
    for name in ("expired", "tls13_ipv6", "smtp_starttls"):
        data = read_pcap(captures / f"{name}.pcap").to_json()
        assert dumps_indented(data) == json.dumps(data, indent=2, ensure_ascii=True)


@pytest.mark.parametrize("value", [{1, 2}, b"bytes", object(), {(1, 2): "tuple key"}])
def test_what_json_cannot_hold_is_a_type_error_as_in_json(value):
    with pytest.raises(TypeError):
        json.dumps(value, indent=2)
    with pytest.raises(TypeError):
        dumps_indented(value)


# --- half of a long list written by a forked process (pcap --json with a core free) -------


def _forked_text(value: dict, key: str) -> str:
    from tlsdoctor.report.json_text import dumps_indented_forked

    return b"".join(dumps_indented_forked(value, key)).decode("ascii")


def test_forked_half_gives_the_same_text(monkeypatch):
    import os

    from tlsdoctor.report import json_text

    rng = random.Random(3)
    items = [AWKWARD[rng.randrange(len(AWKWARD))] for _ in range(json_text.SPLIT_ITEMS + 51)]
    value = {"before": [1, {"a": None}], "events": items, 7: "int key", "after": "\u202e"}
    children = []
    fork = os.fork

    def counted_fork() -> int:
        pid = fork()
        if pid:
            children.append(pid)
        return pid

    monkeypatch.setattr(json_text.os, "fork", counted_fork)
    for n in (json_text.SPLIT_ITEMS, json_text.SPLIT_ITEMS + 1, len(items)):
        got = _forked_text({**value, "events": items[:n]}, "events")
        assert got == json.dumps({**value, "events": items[:n]}, indent=2, ensure_ascii=True)
    assert len(children) == 3  # each written by two processes
    # a list too short (not worth a process), or no such list: this process alone
    short = {"events": items[:json_text.SPLIT_ITEMS - 1]}
    assert _forked_text(short, "events") == json.dumps(short, indent=2, ensure_ascii=True)
    assert _forked_text({"x": 1}, "events") == json.dumps({"x": 1}, indent=2)
    assert len(children) == 3


def test_forked_half_on_a_real_pcap_report():
    from tlsdoctor.api.capture import read_pcap

    captures = Path(__file__).parent / "ingest" / "captures"
    data = read_pcap(captures / "tls12_ok.pcap").to_json()
    data["events"] = data["events"] * 250  # as long as a large capture's list
    assert _forked_text(data, "events") == json.dumps(data, indent=2, ensure_ascii=True)


def test_a_failing_child_leaves_its_half_to_this_process():
    from tlsdoctor.report import json_text

    items = list(range(json_text.SPLIT_ITEMS * 2))
    # The child's half holds what JSON cannot: it fails, this process writes that half
    # again and raises the TypeError json.dumps raises.
    with pytest.raises(TypeError):
        _forked_text({"events": [*items, {1, 2}]}, "events")
    # The parent's half fails: the child is stopped and waited for, the error raised.
    with pytest.raises(TypeError):
        _forked_text({"events": [{1, 2}, *items]}, "events")


def test_a_key_text_made_once_is_only_used_for_that_string():
    # The text of each str key is kept; keys that equal no str (True, 1, 1.0, None, an
    # IntEnum) must still be written as json writes them, before and after.
    values = [{"true": 1, "1": 2, "null": 3, "40": 4, "1.0": 5}, {True: 1}, {1: 2}, {1.0: 3},
              {None: 4}, {_Code.ALERT: 5}, {_Name("true"): 6}, {"true": 7}]
    for v in (values, values[::-1]):
        assert dumps_indented(v) == json.dumps(v, indent=2, ensure_ascii=True)


def test_a_list_given_by_its_elements_texts_gives_the_same_text():
    from tlsdoctor.report.json_text import dumps_indented_listed, list_item

    rng = random.Random(9)
    for n in (0, 1, 2, 17):
        items = [AWKWARD[rng.randrange(len(AWKWARD))] for _ in range(n)]
        value = {"a": [1], "events": items, 5: None, "z": {"q": "\u2028"}}
        got = b"".join(dumps_indented_listed(value, "events", [list_item(v) for v in items]))
        assert got.decode("ascii") == json.dumps(value, indent=2, ensure_ascii=True)


_STEPS = [
    {"t_ms": 1.5, "packet": 3, "by": "client", "what": "ClientHello (SNI caf\u00e9 \"x\")"},
    {"t_ms": 0.0, "packet": 3, "by": "server", "what": "application data", "records": 2},
    {"t_ms": 2.25, "packet": 4, "by": "server", "what": "Certificate (2)", "bytes": 7},
    {"t_ms": 1e-7, "packet": 5, "by": "client", "what": "encrypted handshake", "records": 3,
     "bytes": 9},
    {"what": "... 3 more", "by": "", "packet": None, "t_ms": None},
    # Not the usual shape, each in one way: written as text_at writes it.
    {"t_ms": float("nan"), "packet": 1, "by": "c", "what": "x"},
    {"t_ms": float("inf"), "packet": 1, "by": "c", "what": "x"},
    {"t_ms": 1.0, "packet": True, "by": "c", "what": "x"},
    {"t_ms": 1, "packet": 2, "by": "c", "what": "x"},
    {"t_ms": 1.0, "packet": 2, "by": "c", "what": "x", "records": 1.5},
    {"t_ms": 1.0, "packet": 2, "by": _Name("c"), "what": "x"},
    {"packet": 2, "t_ms": 1.0, "by": "c", "what": "x"},
    {"t_ms": 1.0, "packet": 2, "by": "c", "what": "x", "bytes": 1, "records": 2},
    {"t_ms": 1.0, "packet": 2, "by": "c", "what": "x", "extra": [1, {}]},
    "a string", 5, [], {},
]


@pytest.mark.parametrize("steps", [[], _STEPS, _STEPS[:4], [_STEPS[4]], "not a list", None])
def test_history_steps_give_the_same_text(steps):
    from tlsdoctor.report.json_text import steps_text, text_at

    for indent in ("", "      "):
        assert steps_text(steps, indent) == text_at(steps, indent)
    assert steps_text(steps, "") == json.dumps(steps, indent=2, ensure_ascii=True)


def test_given_values_give_the_same_text():
    from tlsdoctor.report.json_text import dumps_with_list, steps_text, text_at

    obj = {"id": 1, "history": _STEPS, "findings": [{"a": 1}, "b"], "after": [_STEPS[0]]}
    texts = [text_at(x, "        ") for x in obj["findings"]]
    given = {"history": steps_text(_STEPS, "      ")}
    assert dumps_with_list(obj, "findings", texts, "    ", given) == text_at(obj, "    ")
