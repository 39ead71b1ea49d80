"""``pcap`` on both cores: a large capture read by several processes, one report.

Each reader (this process, and children forked after the imports, so start-up is paid
once) reads the whole file (from the page cache; frames are cut cheaply) but follows only
the TCP connections whose 4-tuple falls to its share (``pcap.share_of``, decided on the
raw address and port bytes before anything is decoded), and counts the frames that are
not TCP only once. What depends on the whole capture is exchanged between the readers in
two steps: the last TCP frame (the connections still open at the end are closed at its
time stamp) and, before the connections needing the whole capture are judged, the
suites, versions and TLS endpoints each server showed; a third step, once every
connection is judged, says which connections all readers together list (each listed the
first ``max_events`` of its own share), so that only those get their details. Then the
children send their counts, groups and listed connections and this process adds them up.

Connections are numbered in the order they started (pcap_groups.Numbering), and their
opening order is the frame number of their first packet, the same in every reader: the
groups' first numbers and examples and the listed connections (the first ``max_events``
of all readers) come out exactly as from one pass. Where a bound would have made the
result depend on the order of the whole capture (open connections, servers and names
counted, connections held to the end), or a child fails, the capture is read again in
one pass. ``tests/ingest/test_pcap_speed.py`` compares the two on every fixture.
"""

from __future__ import annotations

import contextlib
import heapq
import os
import re
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from .pcap import (
    MAX_DEFERRED,
    MAX_UNANSWERED,
    ConnectionEvent,
    Judge,
    PcapReport,
    Render,
    _Analysis,
    _finish,
    _Scan,
    _scan,
    event_of,
)
from .pcap_groups import Numbering

__all__ = ["SPLIT_BYTES", "core_free", "jobs_for", "read_split"]

SPLIT_BYTES = 8 * 1024**2  # smaller captures are read in one pass (start-up dominates)

# One step of the exchange: what this reader knows -> what all of them know together.
_Talk = Callable[[Any], Any]


def jobs_for(path: str | Path, jobs: int | None) -> int:
    """Readers for ``path``: ``jobs`` when given, else 2 for a regular file of at least
    SPLIT_BYTES on 2 or more cores with one to spare (``core_free``); always 1 for
    anything but a regular file (a pipe, a device), where fork is missing, or (auto)
    when other threads run (fork copies only the calling thread)."""
    if not hasattr(os, "fork"):
        return 1
    try:
        st = os.stat(path)
    except OSError:
        return 1  # read_pcap's open says what is wrong
    if not stat.S_ISREG(st.st_mode):
        return 1
    if jobs is not None:
        return jobs
    if (os.cpu_count() or 1) < 2 or threading.active_count() > 1 or st.st_size < SPLIT_BYTES:
        return 1
    return 2 if core_free() else 1


def core_free() -> bool:
    """Whether a second reader would get a core of its own now. A second reader costs
    15-30% more CPU (it passes over the other's frames, judges its own first connections,
    sends its part); with every core busy that is all it adds (measured at load 5 on 2
    cores: 10 MB 0.80 -> 0.98 s, 50 MB 2.00 -> 2.54 s). Linux says how many threads are
    runnable at this moment (/proc/loadavg, this one included): one core must be left
    over. The 1-minute load average lags too much for this (at a load average of 4.7 a
    core was in fact free), so it is only the fallback elsewhere."""
    cores = os.cpu_count() or 1
    runnable = _runnable_now()
    if runnable is not None:
        return runnable < cores
    try:
        return os.getloadavg()[0] < cores - 0.5
    except OSError:  # not known here: assume the machine is as idle as it usually is
        return True


def _runnable_now() -> int | None:
    """Threads runnable on the machine at this moment, the caller included (the fourth
    field of /proc/loadavg, proc(5)); None where there is no such file."""
    try:
        with open("/proc/loadavg", "rb") as f:
            return int(f.read().split()[3].split(b"/")[0])
    except (OSError, ValueError, IndexError):
        return None


# The start of every X.509 certificate in DER: a SEQUENCE holding a SEQUENCE (the
# tbsCertificate), both with two-byte lengths. Random bytes match it once in 4 GB.
_CERTIFICATE_START = re.compile(rb"\x30\x82..\x30\x82", re.S)


def _shows_certificates(path: str | Path, window: int = 1 << 20) -> bool:
    """Whether the first ``window`` bytes of the capture hold what looks like a
    certificate (TLS 1.2 and older send them in the clear; a TLS 1.3 capture or a bulk
    transfer's middle does not): then the trust stores and cryptography are needed."""
    try:
        with open(path, "rb") as f:
            return _CERTIFICATE_START.search(f.read(window)) is not None
    except OSError:
        return True  # the readers will say what is wrong; load as before


def read_split(path: str | Path, jobs: int, judge: Judge, max_connections: int,
               max_bytes: int, max_events: int, render: Render | None = None, *,
               prepare: Callable[[], None] | None = None) -> PcapReport | None:
    """The report of ``jobs`` readers; None when it must be read in one pass instead.
    ``render``: each reader writes the JSON of the events it lists; ``prepare``: called
    before the fork (read_pcap)."""
    import pickle  # (here and in the readers' talk: one reader never needs it)

    started = time.monotonic()
    # Loaded once before the fork instead of in every reader (~0.05 s of CPU each, which
    # a busy machine has to find) when the capture shows certificates: the stores and
    # the chain's judgement (pki.analyze, ~10 ms of imports); a reader loads them itself
    # if it meets one later (the report is the same either way).
    if _shows_certificates(path):
        from ..pki.analyze import analyze_chain  # noqa: F401 (imported for the readers)
        from ..pki.trust import load_trust_stores

        load_trust_stores()
    if prepare is not None:
        prepare()
    children: list[tuple[int, BinaryIO, BinaryIO]] = []  # pid, from it, to it
    try:
        for share in range(1, jobs):
            children.append(_fork(path, share, jobs, judge, max_connections, max_bytes,
                                  max_events, render))
        an = _Analysis(max_connections, max_events, judge)
        sc = _work(path, an, max_bytes, (0, jobs), _parent_talk(children))
        _render(an, render)  # while the children do theirs, their parts already sent
        parts = [pickle.load(got) for _pid, got, _to in children]
        for part, (_pid, got, _to) in zip(parts, children, strict=True):
            part["texts"] = pickle.load(got) if render is not None else {}
    except (EOFError, OSError, pickle.UnpicklingError, _ChildFailed):
        return None  # read_pcap reads it in one pass (and says what is wrong, if anything)
    finally:
        for pid, got, to in children:
            got.close()
            to.close()
            os.waitpid(pid, 0)
    if not all(_merge(an, sc, part) for part in parts):
        return None
    return _finish(an, sc, time.monotonic() - started)


class _ChildFailed(Exception):
    pass


def _fork(path: str | Path, share: int, jobs: int, judge: Judge, max_connections: int,
          max_bytes: int, max_events: int,
          render: Render | None) -> tuple[int, BinaryIO, BinaryIO]:
    import pickle

    up_r, up_w = os.pipe()
    down_r, down_w = os.pipe()
    with contextlib.suppress(ImportError, AttributeError, OSError):
        import fcntl  # Linux: a 1 MB pipe holds a child's part while the parent is busy

        fcntl.fcntl(up_w, fcntl.F_SETPIPE_SZ, 1 << 20)
    pid = os.fork()
    if pid == 0:  # the child: its share, then its part of the report, then gone
        code = 1
        try:
            os.close(up_r)
            os.close(down_w)
            with os.fdopen(up_w, "wb") as up, os.fdopen(down_r, "rb") as down:
                an = _Analysis(max_connections, max_events, judge)
                sc = _work(path, an, max_bytes, (share, jobs), _child_talk(up, down))
                # Its part first (the parent reads it once done with its own events'
                # JSON, from the pipe), then its events' JSON.
                pickle.dump(_part(an, sc), up, protocol=pickle.HIGHEST_PROTOCOL)
                up.flush()
                if render is not None:
                    _render(an, render)
                    assert an.built is not None
                    pickle.dump({order: text for order, (_e, text) in an.built.items()}, up,
                                protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        except BaseException:  # the parent reads the capture again in one pass
            pass
        finally:
            os._exit(code)  # no atexit handlers, no flushing the parent's buffers
    os.close(up_w)
    os.close(down_r)
    return pid, os.fdopen(up_r, "rb"), os.fdopen(down_w, "wb")


def _child_talk(up: BinaryIO, down: BinaryIO) -> _Talk:
    import pickle

    def talk(mine: Any) -> Any:
        pickle.dump(mine, up, protocol=pickle.HIGHEST_PROTOCOL)
        up.flush()
        return pickle.load(down)
    return talk


def _parent_talk(children: list[tuple[int, BinaryIO, BinaryIO]]) -> _Talk:
    import pickle

    def talk(mine: Any) -> Any:
        every = [mine]
        for _pid, got, _to in children:
            theirs = pickle.load(got)
            if theirs is None:
                raise _ChildFailed
            every.append(theirs)
        together = _together(every)
        for _pid, _got, to in children:
            pickle.dump(together, to, protocol=pickle.HIGHEST_PROTOCOL)
            to.flush()
        return together
    return talk


# The steps of the exchange, in order (what each reader sends: see ``_together``).
_LAST, _SEEN, _LISTED = range(3)


def _together(every: list[tuple[int, Any]]) -> Any:
    """Step _LAST: the last TCP frame of the capture, (frame number, time stamp); step
    _SEEN: each server's suites and versions, and the endpoints that spoke TLS, of all
    readers; step _LISTED: from (max_events, the opening orders each reader lists, its
    Numbering), the last order listed in all (None when every one is) and the Numbering
    of all (every connection is counted by then: the events' numbers are known)."""
    step, values = every[0][0], [value for _step, value in every]
    if step == _LAST:
        return max(values)
    if step == _LISTED:
        n, everyone = values[0][0], Numbering()
        for _n, _mine, numbering in values:
            everyone.merge(numbering)
        orders = heapq.nsmallest(n, [o for _n, mine, _numbering in values for o in mine])
        listed = sum(len(mine) for _n, mine, _numbering in values)
        return (orders[-1] if listed > n else None), everyone
    suites: dict[str, set[int]] = {}
    versions: dict[str, set[int]] = {}
    endpoints: set[str] = set()
    for s, v, e in values:
        for mine, theirs in ((suites, s), (versions, v)):
            for server, seen in theirs.items():
                mine.setdefault(server, set()).update(seen)
        endpoints |= e
    return suites, versions, endpoints


def _work(path: str | Path, an: _Analysis, max_bytes: int, share: tuple[int, int],
          talk: _Talk) -> _Scan:
    """One reader's share, as ``pcap._read`` does it in one pass, with the events of the
    connections it lists made."""
    with open(path, "rb") as f:
        sc = _scan(f, an, max_bytes, str(path), share)
    tracker = an.tracker
    tracker.now_number, tracker.now = talk((_LAST, (tracker.now_number, tracker.now)))
    tracker.finish()
    an.held = (len(an.unanswered), len(an.deferred))
    an.server_suites, an.server_versions, an.tls_endpoints = talk(
        (_SEEN, (an.server_suites, an.server_versions, an.tls_endpoints)))
    an.resolve_unanswered()
    an.judge_deferred()
    # Each reader listed the first max_events of its own share; only the first of all
    # readers are listed, and only they get their details (about half, with two).
    last, everyone = talk((_LISTED, (an.max_events, sorted(an.kept), an.numbering)))
    if last is not None:
        for order in [o for o in an.kept if o > last]:
            del an.kept[order]
    an.realize()
    numbers = everyone.numbers(an.kept)
    an.built = {order: (event_of(kept, numbers[order]), None) for order, kept in an.kept.items()}
    an.kept = {}
    return sc


def _render(an: _Analysis, render: Render | None) -> None:
    """The JSON of the events this reader lists, with ``render`` (none without)."""
    assert an.built is not None  # made by _work
    if render is not None:
        an.built = {order: (event, render(event)) for order, (event, _t) in an.built.items()}
        an.rendered = True


def _part(an: _Analysis, sc: _Scan) -> dict[str, Any]:
    """What a child sends: everything ``_finish`` reads but the frames (every reader
    read the same ones)."""
    t = an.tracker
    # The listed events as plain tuples (a dataclass object took 7 us to unpickle).
    assert an.built is not None  # made by _work
    built = [(order, e.id, e.client, e.server, e.sni, e.outcome, e.findings, e.details)
             for order, (e, _text) in an.built.items()]
    return {"built": built, "tally": an.tally, "groups": an.groups,
            "numbering": an.numbering, "non_tls": an.non_tls, "retransmits": an.retransmits,
            "gaps": an.gaps, "seen": t.connections_seen, "dropped": t.dropped_connections,
            "peaks": (t.peak_live, t.peak_closed), "held": an.held, "counts": sc.counts,
            "snapped": sc.snapped}


def _merge(an: _Analysis, sc: _Scan, part: dict[str, Any]) -> bool:
    """Add a child's part to this reader's; False when one pass must decide instead."""
    t = an.tracker
    live, closed = t.peak_live + part["peaks"][0], t.peak_closed + part["peaks"][1]
    held = (an.held[0] + part["held"][0], an.held[1] + part["held"][1])
    t.peak_live, t.peak_closed, an.held = live, closed, held
    if (t.dropped_connections or part["dropped"] or live >= an.limits.max_connections
            or closed > 2 * an.limits.max_connections or held[0] >= MAX_UNANSWERED
            or held[1] >= MAX_DEFERRED):
        return False
    if not an.tally.merge(part["tally"]) or not an.groups.merge(part["groups"]):
        return False
    an.numbering.merge(part["numbering"])
    assert an.built is not None  # made by _work
    texts = part["texts"]
    for order, number, client, server, sni, outcome, findings, details in part["built"]:
        an.built[order] = (ConnectionEvent(id=number, client=client, server=server, sni=sni,
                                           outcome=outcome, findings=findings,
                                           details=details), texts.get(order))
    an.non_tls += part["non_tls"]
    an.retransmits += part["retransmits"]
    an.gaps += part["gaps"]
    t.connections_seen += part["seen"]
    sc.counts.update(part["counts"])
    sc.snapped += part["snapped"]
    return True
