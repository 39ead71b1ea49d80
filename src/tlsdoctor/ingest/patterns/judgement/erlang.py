"""Erlang/OTP ssl: the alert descriptions of lib/ssl/src/ssl_alert.erl (description_txt/1).

Erlang prints the direction itself: "generated CLIENT ALERT" / "generated SERVER ALERT"
is this side's own verdict on the peer, "received SERVER ALERT" / "received CLIENT ALERT"
the peer's complaint. The alerts' direction-aware reading lives in patterns/erlang.py,
which reads those words; an entry here makes no pattern of its own.
"""

from __future__ import annotations

JUDGE: dict[str, str] = {}

RULES = (
    (r".", "elsewhere", "an alert: patterns/erlang.py reads it with its direction"),
)
