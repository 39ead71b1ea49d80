"""obsolete_protocol_enabled: SSLv2, SSLv3, TLS 1.0 or TLS 1.1 still accepted."""

from __future__ import annotations

from ...causes import Cause, Severity
from ...evidence import Evidence, Probe
from ...finding import Finding
from .. import words
from ..catalog import make_finding
from . import rule
from ._capture import captured, where
from ._text import stated

TLS12, TLS13 = 0x0303, 0x0304
_OBSOLETE = (0x0002, 0x0300, 0x0301, 0x0302)


@rule
def obsolete_protocol_enabled(ev: Evidence) -> list[Finding]:
    """A ServerHello with an obsolete version proves it is enabled: from the probe that
    offers only those (live), the version a client got (capture), or the scan's map.
    A scan also notes a server without TLS 1.3 (info)."""
    said = stated(ev, Cause.OBSOLETE_PROTOCOL_ENABLED)
    if said is not None:
        return [said]
    live = [(p.version, f"probe '{p.label}': server chose {words.version(p.version)} with "
                        f"{words.suite(p.cipher_suite)}")
            for label in (Probe.SSL2, Probe.OBSOLETE, Probe.TLS10)
            if (p := ev.succeeded(label)) is not None and p.version is not None and p.version < TLS12]
    ex = captured(ev)
    if ex is not None and ex.version is not None and ex.version < TLS12 and ex.ok:
        live.append((ex.version, f"{where(ev, ex)} negotiated {words.version(ex.version)}"))
    scan = ev.scan
    if scan is not None:
        live.extend((v, f"{words.version(v)} accepted") for v in _OBSOLETE
                    if v in scan.accepted_versions)
    out = []
    if live:
        names = [words.version(v) for v in sorted({v for v, _ in live}, reverse=True)]
        out.append(make_finding(
            Cause.OBSOLETE_PROTOCOL_ENABLED,
            title=f"Server still accepts {', '.join(names)}",
            explanation="These versions are deprecated (RFC 7568 for SSLv3, RFC 8996 for TLS "
                        "1.0/1.1) and modern clients refuse them; accepting them lets an attacker "
                        "force weaker handshakes on old clients (downgrade, POODLE, BEAST).",
            evidence=tuple(line for _, line in live), facts={"versions": names}))
    if scan is not None and scan.accepted_versions and TLS13 not in scan.accepted_versions:
        out.append(make_finding(
            Cause.OBSOLETE_PROTOCOL_ENABLED, severity=Severity.INFO,
            title="TLS 1.3 is not supported",
            explanation="TLS 1.3 (RFC 8446) is faster and removes legacy weaknesses; every "
                        "current client supports it.",
            facts={"missing": "TLS 1.3"}))
    return out
