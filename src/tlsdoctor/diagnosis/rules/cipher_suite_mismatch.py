"""cipher_suite_mismatch: versions overlap, but no common suite / group / signature algorithm."""

from __future__ import annotations

from ...causes import Cause, Party
from ...evidence import Evidence
from ...finding import Finding
from ...probe.outcome import Exchange
from ...wire.hello import SIGNALLING_SUITES
from ...wire.registry import AlertDescription, is_grease
from ...wire.suites import CIPHER_SUITES
from .. import words
from ..catalog import make_finding
from . import rule
from ._capture import alert_line, captured, deciding_alert, where
from ._common import baseline_failed, working_variant
from ._keyfit import unusable_key
from ._text import stated

_COMMON_GROUPS = frozenset({0x0017, 0x001D})  # secp256r1, x25519
_REFUSALS = (AlertDescription.handshake_failure, AlertDescription.insufficient_security)


@rule
def cipher_suite_mismatch(ev: Evidence) -> Finding | None:
    """Live: the server accepts the client's version, but only with a suite or group the
    client does not offer. Captured: the server refuses the hello with handshake_failure
    before any ServerHello (surer when it chose other suites in other connections)."""
    return stated(ev, Cause.CIPHER_SUITE_MISMATCH) or _live(ev) or _captured(ev)


def _live(ev: Evidence) -> Finding | None:
    if not baseline_failed(ev) or ev.client is None:
        return None
    works = working_variant(ev)
    c = ev.client
    if works is None or works.version not in c.versions:
        return None
    key = unusable_key(c, works)
    if key is not None:
        return _key_finding(ev, works, key)
    if works.cipher_suite is not None and works.cipher_suite not in c.cipher_suites:
        what, kind = f"cipher suite {words.suite(works.cipher_suite)}", "suite"
    elif works.group is not None and works.group not in c.groups:
        what, kind = f"key exchange group {words.group(works.group)}", "group"
    else:
        return None
    return make_finding(
        Cause.CIPHER_SUITE_MISMATCH, who_fixes=_outdated_side(ev, works.cipher_suite, kind),
        title=f"No {kind} in common: the server wants {what}",
        explanation=f"Both sides accept {words.version(works.version)}, but the server rejected "
                    f"every {kind} the client offered and accepted {what} when it was offered."
                    + _lists(ev, kind, works.cipher_suite),
        evidence=(f"client offers {len(c.cipher_suites)} suites, groups "
                  f"{', '.join(words.group(g) for g in c.groups)}",
                  f"baseline: {ev.baseline.outcome.value} "
                  f"{words.alert(ev.baseline.alert) if ev.baseline.alert else ''}".strip(),
                  f"probe '{works.label}': server chose {words.suite(works.cipher_suite)}, "
                  f"group {words.group(works.group)}"),
        facts={"server_suite": words.suite(works.cipher_suite),
               "server_suite_code": works.cipher_suite, "server_group": words.group(works.group),
               "version": words.version(works.version), "kind": kind})


def _key_finding(ev: Evidence, works: Exchange, key: str) -> Finding:
    """The certificate's key is one no signature scheme of the client's fits: the suites
    and groups are not the problem, and no cipher line fixes it."""
    c = ev.client
    assert c is not None  # _live checked it
    b = ev.baseline
    return make_finding(
        Cause.CIPHER_SUITE_MISMATCH, who_fixes=Party.SERVER,
        title=f"The client cannot use the server's {key} certificate key",
        explanation=f"The server's certificate has an {key} key. {c.title} offers no signature "
                    f"scheme (or, for ECDSA in TLS 1.2, no curve or ECDSA suite) that such a "
                    "key can sign with, so the server has nothing to sign the handshake with "
                    "and refuses it. Serve a certificate with an ECDSA P-256 or RSA 2048 key, "
                    "which every client verifies (nginx, Apache and HAProxy can serve both an "
                    f"ECDSA and an RSA certificate side by side); keep the {key} one only next "
                    "to such a certificate.",
        evidence=(f"leaf key: {key}",
                  f"client signature schemes: {', '.join(words.sigalg(s) for s in c.signature_algorithms)}",
                  f"baseline: {b.outcome.value} {words.alert(b.alert) if b.alert else ''}".strip(),
                  f"probe '{works.label}' (every signature scheme): server chose "
                  f"{words.version(works.version)}, {words.suite(works.cipher_suite)}"),
        facts={"kind": "key", "key_type": key, "version": words.version(works.version),
               "server_suite": words.suite(works.cipher_suite)})


def _outdated_side(ev: Evidence, server_suite: int | None, kind: str) -> Party:
    """SPEC: the side that is outdated fixes it. A server that accepts only a legacy suite
    (no AEAD or no forward secrecy: 3DES, CBC with RSA key exchange...) is the outdated one;
    a client that lacks the modern suite the server wants is; otherwise either."""
    if kind == "group" and ev.client is not None:
        # RFC 8446 §9.1: secp256r1 is mandatory to implement, x25519 expected. A server that
        # refuses both (ML-KEM hybrids alone, FFDHE alone) shuts out every client that has
        # not its one group; a client offering neither is the outdated side.
        return Party.SERVER if _COMMON_GROUPS & set(ev.client.groups) else Party.CLIENT
    chosen = CIPHER_SUITES.get(server_suite) if server_suite is not None else None
    if kind != "suite" or chosen is None or ev.client is None:
        return Party.EITHER
    if "_PSK_" in chosen.name:  # a pre-shared-key service: the client needs the key
        return Party.CLIENT
    if not (chosen.aead and chosen.pfs):
        return Party.SERVER
    offered = [CIPHER_SUITES[c] for c in ev.client.cipher_suites if c in CIPHER_SUITES]
    if offered and not any(s.aead and s.pfs for s in offered if s.protocol != "TLS1.3"):
        return Party.CLIENT
    return Party.EITHER


def _lists(ev: Evidence, kind: str, server_suite: int | None) -> str:
    """Say what the two lists hold, only as far as the evidence shows it."""
    if kind != "suite" or ev.client is None or server_suite is None:
        return ""
    offered = [CIPHER_SUITES[c] for c in ev.client.cipher_suites if c in CIPHER_SUITES]
    chosen = CIPHER_SUITES.get(server_suite)
    if not offered or chosen is None:
        return ""
    modern = all((s.aead and s.pfs) or s.protocol == "TLS1.3" for s in offered)
    if modern and not (chosen.aead and chosen.pfs):
        return (" The client's list holds only modern (AEAD with forward secrecy) suites; "
                f"the server wants the older {chosen.name}.")
    if not chosen.aead or not chosen.pfs:
        return f" The server's choice, {chosen.name}, is a legacy suite the client no longer offers."
    return f" The server's choice, {chosen.name}, is missing from the client's list."


def _captured(ev: Evidence) -> Finding | None:
    ex = captured(ev)
    a = deciding_alert(ex) if ex is not None else None
    if ex is None or a is None or a.by != "server" or a.description not in _REFUSALS or \
            ex.version is not None:
        return None
    names = [words.suite(s) for s in ex.offer.cipher_suites if not _signalling(s)]
    lines = [f"ClientHello to {where(ev, ex)} offered {len(names)} cipher suites: "
             + ", ".join(names[:8]) + (" ..." if len(names) > 8 else ""), alert_line(a)]
    # A bare handshake_failure says no, not why: GnuTLS's server answers a client whose
    # versions are all above its own so (it finds none of the suites usable at its own),
    # HAProxy's strict-sni an unknown name; without the server's choices elsewhere in the
    # capture the suites are a ranking (tests/diagnose/agreement, gnutls-serv TLS 1.0 only).
    conf = 0.55
    if ev.seen_suites:
        common = ev.seen_suites & set(ex.offer.cipher_suites)
        chosen = ", ".join(sorted(words.suite(s) for s in ev.seen_suites))
        if common:
            conf = 0.4
        else:
            conf = 0.9
            lines.append(f"in other connections of this capture the server chose only: {chosen}; "
                         "none of them was offered here")
    if names and all(0x1301 <= s <= 0x13FF for s in ex.offer.cipher_suites if not _signalling(s)):
        lines.append("the client offered only TLS 1.3 suites")
    return make_finding(Cause.CIPHER_SUITE_MISMATCH, confidence=conf, evidence=lines,
                        facts={"offered_suites": names,
                               "server_chosen_elsewhere": sorted(words.suite(s) for s in ev.seen_suites)})


def _signalling(code: int) -> bool:
    return code in SIGNALLING_SUITES or is_grease(code)
