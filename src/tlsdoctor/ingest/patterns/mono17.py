"""Round 17: the .NET-on-Mono family (harvested by scripts/harvest/mono17.py into
upstream/mono.json and upstream/unity.json, judged in judgement/mono.py and unity.py):
Mono's System.Net, Mono.Security's legacy TLS, Mono.Btls, MONO_TLS_PROVIDER and cert-sync;
Unity's TLS provider (UnityTls) and the names UnityWebRequest prints; the certificate lines of
Sonarr, Radarr, Lidarr and Readarr (programs people run on Mono).

Beyond each entry's own words, the forms these programs print them in:
- the legacy check's WinError code after "Error code: 0x", sign-extended from a 32-bit int
  ("0xffffffff800b010a", Mono 2.x-5.x) or not ("0x800b010a"), as its own statement: the
  .NET table reads a bare 0x800B010A as Windows' chain, not Mono's store;
- UnityTlsContext's contexts only before " - error code: UNITYTLS_..." (Debug.cs): "Handshake
  failed" alone is every stack's phrase.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from . import REASON, Pattern, causes
from .harvested import Entry, entries, judge, text_regex, upstream_patterns

_CODES = frozenset(e.id for e in entries("mono") if e.kind == "code")


def _code_patterns() -> tuple[Pattern, ...]:
    out = []
    for e in entries("mono"):
        if e.kind != "code":
            continue
        v = judge(e)
        assert v is not None and v.kind == "causes", e.id
        hexa = str(e.get("number"))[2:]
        out.append(Pattern(
            source="mono", rx=rf"\bError code: 0x(?:ffffffff)?{hexa}\b",
            meaning=f"Mono (Mono.Security TLS): the server's certificate failed Mono's own check "
                    f"({e.id}, 0x{hexa.upper()}); Mono checks against its own trust store, "
                    f"not the system's CA bundle",
            causes=causes(v.causes), provenance=e.provenance, spec=REASON,
            needle=f"{hexa}", id=f"mono.code.{e.id}", upstream=e.id, side="client"))
    return tuple(out)


def _unity_context_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    """A UnityTlsContext context as its TlsException prints it (Debug.CheckAndThrow)."""
    got = text_regex(entry.text, context=False)
    if entry.kind == "message" and got is not None:
        # Not with a failed certificate check after it: the flag's reading stands alone.
        yield ("context", rf"{got[0]}\.? - error code: UNITYTLS_[A-Z_]{{4,30}}"
                          r"(?!, verify result: UNITYTLS_X509VERIFY_F)", got[1])


def _unity() -> tuple[Pattern, ...]:
    contexts = {e.id for e in entries("unity") if e.get("checked")}
    return tuple(p for p in upstream_patterns("unity", "Unity (UnityTls)", side="client",
                                              extra_forms=_unity_context_forms)
                 if p.upstream not in contexts or p.id.endswith(".context"))


def _mono() -> tuple[Pattern, ...]:
    """Mono's words as written; a Mono server's own line about its client's certificate
    is a server's."""
    out = []
    for p in upstream_patterns("mono", "Mono", side="client"):
        if p.upstream in _CODES:
            continue
        if p.upstream == "Invalid certificate received from client.":
            p = replace(p, side="server")
        out.append(p)
    return tuple(out)


# Sonarr, Radarr, Lidarr, Readarr: their own certificate lines (NLog "date|Error|
# X509CertificateValidationService|..."), .NET's SslPolicyErrors names inside read by the
# .NET table (a name mismatch outranks this chain ranking).
PATTERNS = _mono() + _code_patterns() + _unity() + upstream_patterns(
    "servarr", "Sonarr/Radarr/Lidarr/Readarr", side="client")
