"""Schannel's System-log alert events in their newer wording (upstream/schannel_events.json:
Microsoft's KB 2801679 for 36887, its IIS support's MSDN blog for 36888). The alert number
in them is the TLS alert (IANA registry); "received" is the peer's complaint, "generated"
this machine's own. Both are read per alert number, with the direction, by alerts.py
(kinds schannel-received / schannel-generated): the entry itself names no cause. The
"internal error state" is Schannel's own code, which Microsoft does not document."""

from __future__ import annotations

JUDGE = {
    "event 36887": "elsewhere",
    "event 36888": "elsewhere",
}

RULES = ()
