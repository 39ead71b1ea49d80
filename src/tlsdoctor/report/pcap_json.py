"""A capture's listed connection as JSON text, each finding's text made once.

``event_text(event)`` is ``json_text.list_item(event.to_json())``, byte for byte (the
order of its fields is ``ConnectionEvent.to_json``'s): what each reader of a capture
writes for the connections it lists (``ingest.pcap.read_pcap``'s ``render``). A capture
repeats the same findings in thousands of connections, one finding object each (the
judgement table's: only those that name a frame number are made for their connection),
so the text of a finding is written once per object: 40% less time per event on the
handshake-heavy benchmark. ``tests/ingest/test_pcap_speed_round7.py`` compares it with
writing ``to_json()``.
"""

from __future__ import annotations

from typing import Any

from ..finding import Finding, finding_to_json
from ..ingest.pcap import ConnectionEvent
from .json_text import dumps_with_list, steps_text, text_at

__all__ = ["event_text"]

_MAX = 4096  # findings whose text is kept; the table starts over when full
# id(finding) -> (the finding, its text): the finding is kept, so its id is not reused
_TEXTS: dict[int, tuple[Finding, str]] = {}


def event_text(event: ConnectionEvent) -> bytes:
    """The event's JSON as an element of the report's ``events`` list, ASCII."""
    data: dict[str, Any] = {"id": event.id, "client": event.client, "server": event.server,
                            "sni": event.sni, "outcome": event.outcome}
    data.update(event.details)
    data["findings"] = None  # its texts are given
    texts = [_finding_text(f) for f in event.findings]
    history = data.get("history")
    given = {"history": steps_text(history, "      ")} if type(history) is list else {}
    offered = _offered_text(data.get("offered"))
    if offered is not None:
        given["offered"] = offered
    return dumps_with_list(data, "findings", texts, "    ", given).encode("ascii")


# The offer's fields (ingest.pcap._offered), in their order; all but "sni" are lists.
_OFFER_KEYS = ("versions", "cipher_suites", "sni", "alpn", "groups", "extensions")
# An offer's values (lists as tuples) -> its text: a capture's clients send a few
# distinct offers in thousands of connections, and its text is ~1 KB of names.
_OFFERS: dict[tuple[Any, ...], str] = {}


def _offered_text(offered: Any) -> str | None:
    """The text of an event's "offered" value when it has the offer's usual shape (a
    dict of its keys, lists of str and the SNI, a str or None), made once per distinct
    offer; None otherwise (then written as any value is). A value equal to a str is a
    str (or a subclass, which JSON writes the same), so equal keys mean equal texts."""
    if type(offered) is not dict or tuple(offered) != _OFFER_KEYS:
        return None
    versions, suites, sni, alpn, groups, extensions = offered.values()
    if not (type(versions) is type(suites) is type(alpn) is type(groups)
            is type(extensions) is list) or not (sni is None or type(sni) is str):
        return None
    key = (tuple(versions), tuple(suites), sni, tuple(alpn), tuple(groups), tuple(extensions))
    text = _OFFERS.get(key)
    if text is None:
        if not all(type(v) is str for part in (versions, suites, alpn, groups, extensions)
                   for v in part):
            return None
        if len(_OFFERS) >= _MAX:
            _OFFERS.clear()
        text = _OFFERS[key] = text_at(offered, "      ")
    return text


def _finding_text(f: Finding) -> str:
    got = _TEXTS.get(id(f))
    if got is None or got[0] is not f:
        if len(_TEXTS) >= _MAX:
            _TEXTS.clear()
        got = _TEXTS[id(f)] = (f, text_at(finding_to_json(f), "        "))
    return got[1]
