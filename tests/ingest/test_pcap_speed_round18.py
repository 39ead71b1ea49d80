"""pcap speed, round 18 (docs/pcap-speed.md): the shortcuts write what was written before.

An event's offer is written once per distinct offer (``pcap_json._offered_text``); a
listed connection counted from the verdict table gets its frame numbers' placeholders
from its alert and reset frames without an Exchange (``judge_cache.numbered``); a history
step's shape is one lookup (``json_text.steps_text``); a frame's time stamp comes from a
float made once per second (``pcap_file``). The whole outputs are compared with main's
by the round's script (the doc); these check each shortcut on the values it must handle."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from tlsdoctor.ingest.judge_cache import frame_numbers, numbered
from tlsdoctor.ingest.pcap_file import FrameSource
from tlsdoctor.probe.outcome import AlertSeen, Exchange, Offer, Outcome, Transport
from tlsdoctor.report import pcap_json
from tlsdoctor.report.json_text import list_item, steps_text, text_at

_OFFER = {"versions": ["TLS 1.3", "TLS 1.2"], "cipher_suites": ["TLS_AES_128_GCM_SHA256"],
          "sni": "example.com", "alpn": ["h2"], "groups": ["x25519"],
          "extensions": ["server_name", "key_share"]}


def test_an_offer_is_written_as_any_value() -> None:
    text = pcap_json._offered_text(dict(_OFFER))
    assert text == text_at(_OFFER, "      ")
    assert pcap_json._offered_text({**_OFFER, "sni": None}) == text_at({**_OFFER, "sni": None},
                                                                        "      ")
    # the same values again: the same text (from the table)
    assert pcap_json._offered_text({k: v if not isinstance(v, list) else list(v)
                                    for k, v in _OFFER.items()}) == text


@pytest.mark.parametrize("odd", [
    {**_OFFER, "alpn": ("h2",)},  # a tuple: written as a list too, but not the usual shape
    {**_OFFER, "groups": [29]},  # an int where names go
    {**_OFFER, "versions": [True]},  # True == 1, never a str
    {**_OFFER, "sni": 5},
    {k: v for k, v in _OFFER.items() if k != "alpn"},
    {**_OFFER, "more": []},
    {"sni": None, **{k: v for k, v in _OFFER.items() if k != "sni"}},  # another key order
    None,
    ["TLS 1.3"],
])
def test_an_offer_of_another_shape_is_left_to_the_writer(odd: object) -> None:
    pcap_json._offered_text(dict(_OFFER))  # the usual one is in the table
    assert pcap_json._offered_text(odd) is None


def test_an_event_with_an_odd_offer_is_written_as_json_writes_it() -> None:
    from tlsdoctor.ingest.pcap import ConnectionEvent

    for offered in ({**_OFFER, "groups": [29]}, dict(_OFFER), {**_OFFER, "cipher_suites": []}):
        ev = ConnectionEvent(id=1, client="a:1", server="b:2", sni=None, outcome="ok",
                             findings=(), details={"offered": offered, "history": []})
        assert pcap_json.event_text(ev) == list_item(ev.to_json())


@pytest.mark.parametrize(("alerts", "reset"), [
    ([], 0), ([7], 0), ([], 9), ([12, 5], 0), ([12, 5, 12], 3), ([0, 8], 8), ([40, 2], 41)])
def test_frame_placeholders_from_the_frames_are_the_exchange_s(alerts: list[int],
                                                               reset: int) -> None:
    ex = Exchange(label="capture", offer=Offer(versions=(), cipher_suites=()),
                  outcome=Outcome.ALERT,
                  alerts=tuple(AlertSeen(by="server", level=2, description=40, packet=n)
                               for n in alerts),
                  transport=Transport(reset_by="server" if reset else None, reset_packet=reset))
    assert numbered(alerts, reset) == frame_numbers(ex)


def test_history_steps_of_every_shape() -> None:
    base = {"t_ms": 1.5, "packet": 3, "by": "client", "what": "ClientHello"}
    steps = [base, {**base, "records": 2}, {**base, "bytes": 9}, {**base, "records": 2, "bytes": 9},
             {**base, "t_ms": float("inf")}, {**base, "t_ms": float("-inf")},
             {**base, "t_ms": -0.0}, {**base, "t_ms": 0.0}, {**base, "records": True},
             {**base, "bytes": 2.5}, {**base, "records": 1, "bytes": None},
             {"packet": 3, "t_ms": 1.5, "by": "client", "what": "x"}, {**base, "more": 1}]
    for s in steps:
        assert steps_text([s], "      ") == text_at([s], "      ")
    assert steps_text(steps, "") == json.dumps(steps, indent=2)
    nan = [{**base, "t_ms": float("nan")}]
    assert steps_text(nan, "  ") == text_at(nan, "  ")


def test_time_stamps_as_before(tmp_path: Path) -> None:
    """Seconds that change, repeat and go back, past 2**30 and up to 2**32 - 1."""
    stamps = [(1_764_000_000, 5), (1_764_000_000, 999_999), (1_764_000_001, 0), (0, 0),
              (2**31, 1), (2**32 - 1, 999_999), (1_764_000_001, 1), (5, 17)]
    frame = bytes(60)
    path = tmp_path / "t.pcap"
    with path.open("wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for sec, usec in stamps:
            f.write(struct.pack("<IIII", sec, usec, len(frame), len(frame)) + frame)
    with path.open("rb") as f:
        got = [r[1] for r in FrameSource(f, max_bytes=1 << 20).records()]
    want = [t if 0 <= (t := sec + usec * 1e-6) < 2**33 else 0.0 for sec, usec in stamps]
    assert got == want


def test_sides_made_through_the_slots_are_the_dataclass_s() -> None:
    import dataclasses
    import inspect

    from tlsdoctor.ingest.capture import Sides, sides_of

    names = [f.name for f in dataclasses.fields(Sides)]
    assert list(inspect.signature(sides_of).parameters) == names  # every field, in order
    values = (False, "192.0.2.1", 443, "server", 17, True, ("client",), 5120, "syn-ack", 2, 1.5)
    made, want = sides_of(*values), Sides(**dict(zip(names, values, strict=True)))
    assert made == want and hash(made) == hash(want) and repr(made) == repr(want)
    assert [getattr(made, n) for n in names] == list(values)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.syns = 3  # type: ignore[misc]
