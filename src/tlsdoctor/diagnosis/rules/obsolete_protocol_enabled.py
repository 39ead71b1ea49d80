"""obsolete_protocol_enabled: SSLv2, SSLv3, TLS 1.0 or TLS 1.1 still accepted."""

from __future__ import annotations

from ...evidence import Evidence, Probe
from ...fixes.catalog import make_finding
from ...fixes.snippets import server_protocols_fix
from .. import words
from ..causes import Cause
from ..finding import Finding
from . import rule


@rule
def obsolete_protocol_enabled(ev: Evidence) -> Finding | None:
    """One probe offers only the obsolete versions; a ServerHello proves one is enabled."""
    accepted = []
    for label in (Probe.SSL2, Probe.OBSOLETE, Probe.TLS10):
        p = ev.succeeded(label)
        if p is not None and p.version is not None and p.version < 0x0303:
            accepted.append((p.version, p))
    if not accepted:
        return None
    versions = sorted({v for v, _ in accepted}, reverse=True)
    names = [words.version(v) for v in versions]
    return make_finding(
        Cause.OBSOLETE_PROTOCOL_ENABLED,
        title=f"Server still accepts {', '.join(names)}",
        explanation="These versions are deprecated (RFC 7568 for SSLv3, RFC 8996 for TLS 1.0/1.1) "
                    "and modern clients refuse them; accepting them lets an attacker force "
                    "weaker handshakes on old clients (downgrade, POODLE, BEAST).",
        evidence=tuple(f"probe '{p.label}': server chose {words.version(v)} with "
                       f"{words.suite(p.cipher_suite)}" for v, p in accepted),
        facts={"versions": names}, fix=server_protocols_fix(ev.server_software))
