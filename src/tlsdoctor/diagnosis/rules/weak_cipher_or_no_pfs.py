"""weak_cipher_or_no_pfs: weak suites accepted, no forward secrecy, or a small DH group."""

from __future__ import annotations

from ...causes import Cause, Party, Severity
from ...evidence import Evidence, Probe
from ...finding import Finding
from ...probe.outcome import Exchange
from ...wire.suites import CIPHER_SUITES, suite, weak
from .. import words
from ..catalog import make_finding
from . import rule
from ._capture import captured, where
from ._policy import below, client_name, policy
from ._text import stated

TLS13 = 0x0304


@rule
def weak_cipher_or_no_pfs(ev: Evidence) -> list[Finding]:
    """Insecure suites (the probe offering only those), no forward secrecy by preference or
    on offer, DH below 2048 bits (blocking when this client refuses it), from live probes;
    the suite a captured client got; a scan's accepted suites, DH size and compression."""
    said = stated(ev, Cause.WEAK_CIPHER_OR_NO_PFS)
    if said is not None:
        return [said]
    return [*_live(ev), *_dh(ev), *_captured(ev), *_scanned(ev)]


def _live(ev: Evidence) -> list[Finding]:
    found = []
    insecure = ev.succeeded(Probe.INSECURE)
    if insecure is not None:
        found.append(make_finding(
            Cause.WEAK_CIPHER_OR_NO_PFS,
            title=f"Server accepts the insecure suite {words.suite(insecure.cipher_suite)}",
            explanation="Offered only NULL, anonymous, EXPORT, RC4, DES and 3DES suites, the "
                        "server picked one instead of refusing. These give no or broken "
                        "confidentiality (RC4 biases, SWEET32 on 64-bit blocks).",
            evidence=(f"probe '{insecure.label}': server chose {words.suite(insecure.cipher_suite)} "
                      f"with {words.version(insecure.version)}",),
            facts={"suite": words.suite(insecure.cipher_suite), "kind": "insecure"}))
    if not ev.live or not ev.probes:
        return found
    base, non_pfs = ev.baseline, ev.succeeded(Probe.NON_PFS)
    chosen = CIPHER_SUITES.get(base.cipher_suite) if base.cipher_suite is not None else None
    if chosen is not None and base.ok and not chosen.pfs and base.version != TLS13:
        found.append(make_finding(
            Cause.WEAK_CIPHER_OR_NO_PFS,
            title=f"Without forward secrecy by preference: {chosen.name}",
            explanation="For this client the server prefers a suite with static RSA key "
                        "exchange: whoever gets the server's private key later can decrypt "
                        "recorded traffic.",
            evidence=(f"baseline: server chose {chosen.name}",), facts={"kind": "no_pfs"}))
    elif non_pfs is not None:
        found.append(make_finding(
            Cause.WEAK_CIPHER_OR_NO_PFS, severity=Severity.WARNING,
            title="Server also accepts suites without forward secrecy "
                  f"({words.suite(non_pfs.cipher_suite)})",
            explanation="Clients that offer static RSA key exchange first get a session that a "
                        "later key compromise can decrypt.",
            evidence=(f"probe '{non_pfs.label}': server chose {words.suite(non_pfs.cipher_suite)}",),
            facts={"kind": "no_pfs"}))
    return found


def _dh(ev: Evidence) -> list[Finding]:
    """A DH group below 2048 bits is a risk; it blocks when this client's own hello got
    it and the client refuses it (its minimum size, Java's multiple of 64 bits, or the
    local library saying "dh key too small")."""
    # The smallest group any probe got: a server that honours RFC 7919 gives this
    # client's hello one of the FFDHE groups it lists, and the DHE probe (listing none)
    # the group every other client gets.
    dh = min((p for p in ev.probes if p.ok and p.dh_bits), key=lambda p: p.dh_bits or 0,
             default=None)
    if dh is None or dh.dh_bits is None:
        return []
    refusal = _refusal(ev)
    group = None
    if dh.dh_prime:
        # Imported here: only a probe that got a DH prime needs it (a capture never
        # does), and its dataclass is start-up time of every judgement otherwise.
        from ...wire.dhgroup import judge_prime

        group = judge_prime(dh.dh_prime)
    if group is not None and group.flaw and group.problem:
        return [_bad_group(dh, group.flaw, group.problem, refusal)]
    if dh.dh_bits >= 2048 and not refusal:
        return []
    bits = dh.dh_bits
    return [make_finding(
        Cause.WEAK_CIPHER_OR_NO_PFS,
        severity=Severity.BLOCKING if refusal else Severity.RISK, who_fixes=Party.SERVER,
        title=f"Server's DH group is {bits} bits" + (f"; {refusal[0]}" if refusal else ""),
        explanation="Finite-field Diffie-Hellman below 2048 bits is within reach of "
                    "well-funded attackers (Logjam) and refused by current clients; sizes "
                    "that are not a multiple of 64 bits are refused by Java.",
        evidence=(f"probe '{dh.label}': {words.suite(dh.cipher_suite)} with a {bits}-bit prime",
                  *_own_group(ev, bits), *refusal[1:]),
        facts={"dh_bits": bits, "kind": "dh"})]


def _own_group(ev: Evidence, bits: int) -> list[str]:
    """When this client's own hello got a larger group (an RFC 7919 group it lists)."""
    base = ev.baseline if ev.probes else None
    if base is None or not base.ok or not base.dh_bits or base.dh_bits <= bits:
        return []
    return [f"this client's own hello got a {base.dh_bits}-bit group (one of the RFC 7919 "
            f"groups it lists); clients that list none get {bits} bits"]


def _bad_group(dh: Exchange, flaw: str, problem: str, refusal: list[str]) -> Finding:
    """A DH group weak for its structure, not its size: a composite p, or a prime that is
    not safe (small subgroups)."""
    return make_finding(
        Cause.WEAK_CIPHER_OR_NO_PFS,
        severity=Severity.BLOCKING if refusal else Severity.RISK, who_fixes=Party.SERVER,
        title=f"Server's {dh.dh_bits}-bit DH group is unsafe: {flaw}",
        explanation=f"The server's finite-field DH parameters fail a structural check: {problem}. "
                    "Use a standard group (RFC 7919 ffdhe2048 or larger), or ECDHE only.",
        evidence=(f"probe '{dh.label}': {words.suite(dh.cipher_suite)}: {problem}", *refusal[1:]),
        facts={"dh_bits": dh.dh_bits, "kind": "dh", "dh_group_problem": problem})


def _refusal(ev: Evidence) -> list[str]:
    """Why this client refuses the DH group its own hello got: [title part, evidence...]."""
    base = ev.baseline if ev.probes else None
    bits = base.dh_bits if base is not None and base.ok else None
    if bits is None:
        return []  # this client's own hello did not get DHE
    r, p = ev.reproduction, policy(ev)
    if r is not None:  # the real handshake is proof: it refused, or it did not
        if r.ok or "dh key too small" not in r.error.lower():
            return []
        level = ev.local.security_level if ev.local is not None else 2
        return [f"OpenSSL security level {level} rejects it", f"real handshake: {r.error}"]
    if p is not None and below(bits, p.min_dh_bits):
        return [f"{client_name(ev)} requires at least {p.min_dh_bits} bits",
                f"policy: min_dh_bits {p.min_dh_bits} ({p.source('min_dh_bits') or 'profile'})"]
    if p is not None and p.dh_bits_multiple_of and bits % p.dh_bits_multiple_of:
        return [f"{client_name(ev)} needs a multiple of {p.dh_bits_multiple_of} bits",
                f"policy: dh_bits_multiple_of {p.dh_bits_multiple_of} "
                f"({p.source('dh_bits_multiple_of') or 'profile'})"]
    return []


def _captured(ev: Evidence) -> list[Finding]:
    ex = captured(ev)
    s = suite(ex.cipher_suite) if ex is not None and ex.cipher_suite is not None else None
    reason = weak(s) if s is not None else None
    if ex is None or s is None or not reason or not ex.ok:
        return []
    return [make_finding(Cause.WEAK_CIPHER_OR_NO_PFS,
                         evidence=(f"{where(ev, ex)} chose {s.name}: {reason}",),
                         facts={"cipher_suite": s.name, "kind": "insecure" if s.pfs else "no_pfs"})]


def _scanned(ev: Evidence) -> list[Finding]:
    scan = ev.scan
    if scan is None:
        return []
    out = []
    weak_suites = {c: r for c in scan.all_suites if (s := suite(c)) is not None and (r := weak(s))}
    no_pfs = bool(scan.all_suites) and not any(
        (s := suite(c)) is not None and s.pfs for c in scan.all_suites)
    weak_dh = scan.dh_bits is not None and scan.dh_bits < 2048
    if weak_suites or no_pfs or weak_dh:
        lines = [f"{words.suite(c)}: {r}" for c, r in list(weak_suites.items())[:40]]
        if len(weak_suites) > 40:
            lines.append(f"... and {len(weak_suites) - 40} more")
        if no_pfs:
            lines.append("no accepted suite has forward secrecy")
        if weak_dh:
            lines.append(f"DH parameters: {scan.dh_bits} bits")
        out.append(make_finding(
            Cause.WEAK_CIPHER_OR_NO_PFS, evidence=lines,
            facts={"weak_suites": [words.suite(c) for c in weak_suites], "no_pfs": no_pfs,
                   "dh_bits": scan.dh_bits, "kind": "dh" if weak_dh and not weak_suites else "suites"}))
    if scan.features.compression:
        out.append(make_finding(
            Cause.WEAK_CIPHER_OR_NO_PFS, title="TLS compression is enabled (CRIME)",
            evidence=("the server accepted DEFLATE compression",), facts={"kind": "compression"}))
    return out
