"""protocol_version_mismatch: no TLS/SSL version both sides accept."""

from __future__ import annotations

from ...evidence import Evidence
from ...fixes.catalog import make_finding
from ...fixes.snippets import client_version_fix, server_protocols_fix
from .. import words
from ..causes import Cause, Party
from ..finding import Finding
from . import rule
from ._common import baseline_failed, working_variant


@rule
def protocol_version_mismatch(ev: Evidence) -> Finding | None:
    """The server only accepts versions the client does not offer (or the reverse)."""
    if not baseline_failed(ev):
        return None
    works = working_variant(ev)
    if works is None or works.version is None or works.version in ev.client.versions:
        return None
    server_v, client_v = works.version, ev.client.versions
    older = server_v < min(client_v)
    who = Party.SERVER if older and server_v < 0x0303 else Party.EITHER
    if not older:
        who = Party.CLIENT
    title = (f"Server accepts only {words.version(server_v)} or older; the client requires "
             f"{words.version(min(client_v))} or newer" if older else
             f"Server requires {words.version(server_v)}; the client offers only "
             f"{words.versions(client_v)}")
    fixes = (server_protocols_fix(ev.server_software) if older
             else client_version_fix(ev.client, server_v))
    if older and ev.client.is_local:
        fixes = fixes + client_version_fix(ev.client, server_v)
    return make_finding(
        Cause.PROTOCOL_VERSION_MISMATCH, who_fixes=who, title=title,
        explanation=f"The client offered {words.versions(client_v)}. The server rejected that "
                    f"({words.alert(ev.baseline.alert) if ev.baseline.alert else ev.baseline.outcome.value}) "
                    f"but completed a handshake when {words.version(server_v)} was offered. "
                    + ("Versions below TLS 1.2 are deprecated (RFC 8996): the server should be "
                       "upgraded; lowering the client's minimum is a stopgap." if older else ""),
        evidence=(f"client offers: {words.versions(client_v)}",
                  f"baseline: {ev.baseline.outcome.value} {words.alert(ev.baseline.alert) if ev.baseline.alert else ''}".strip(),
                  f"probe '{works.label}': server chose {words.version(server_v)} with {words.suite(works.cipher_suite)}"),
        facts={"server_version": words.version(server_v),
               "client_versions": [words.version(v) for v in client_v]},
        fix=fixes)
