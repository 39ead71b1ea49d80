"""Erlang terms as Elixir prints them -> the Erlang syntax OTP's patterns read (round 19).

Elixir's Logger, Mint, Finch, HTTPoison and Swoosh print OTP ssl's reasons with Elixir's
Inspect protocol (elixir-lang/elixir lib/elixir/lib/inspect.ex @ 09d1a9962c1b: Inspect.Atom
writes an atom with a leading ':', Inspect.Tuple separates elements with ", ", Inspect.List
writes a printable charlist as ~c"..." since Elixir 1.15, as '...' before), so OTP's
``{bad_cert,hostname_check_failed}`` is posted as ``{:bad_cert, :hostname_check_failed}`` and
``{tls_alert,{unknown_ca,"TLS client: ..."}}`` inside ``%Mint.TransportError{reason:
{:tls_alert, {:unknown_ca, ~c"TLS client: ..."}}}``. One rewrite to Erlang's form, not a
second copy of every OTP pattern; it never adds words, only drops Elixir's markers.
"""

from __future__ import annotations

import re

__all__ = ["erlang_form"]

# (Any case: a logger may have upper-cased the whole line, and messages.py then matches the
# rewrite with case ignored, as it does the text.)
# An atom right after an opening brace or bracket or a comma (a term's element), or after a
# struct field's "key: " (%Mint.TransportError{reason: :closed}); quoted atoms (:"a b") stay.
_ATOM = re.compile(r"([{\[,]\s{0,8}|\b[A-Za-z_]\w{0,40}: )(?<!::):([A-Za-z_][A-Za-z0-9_@]{0,60})\b")
# OTP's own log line printed by Elixir: "TLS :client: In state :wait_cert at ...".
_STATE = re.compile(r"\b(TLS|DTLS) :(client|server):|\b(In state) :([a-z_]\w{0,40})\b",
                    re.IGNORECASE)
# A charlist, ~c"..." (Elixir >= 1.15) -> '...', Erlang's own.
_CHARLIST = re.compile(r"~c\"([^\"]{0,2000})\"", re.IGNORECASE)
# What says a text holds Elixir's printing of a term at all.
_ELIXIR = re.compile(r"[{\[,]\s{0,8}:[A-Za-z_]|~c\"|\b(?:TLS|DTLS) :(?:client|server):",
                     re.IGNORECASE)


def _state(m: re.Match[str]) -> str:
    return f"{m.group(1)} {m.group(2)}:" if m.group(1) else f"{m.group(3)} {m.group(4)}"


def erlang_form(text: str) -> str | None:
    """``text`` with Elixir's term syntax written as Erlang's, or None when it has none."""
    if _ELIXIR.search(text) is None:
        return None
    out = _CHARLIST.sub(r"'\1'", text)
    out = _STATE.sub(_state, out)
    # twice: "{:a, :b}" has two atoms whose anchors overlap a replaced one.
    for _ in range(2):
        out = _ATOM.sub(r"\1\2", out)
    return out if out != text else None
