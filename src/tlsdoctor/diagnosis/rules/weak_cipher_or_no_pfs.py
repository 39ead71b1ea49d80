"""weak_cipher_or_no_pfs: weak suites accepted, no forward secrecy, or a small DH group."""

from __future__ import annotations

from ...evidence import Evidence, Probe
from ...fixes.catalog import make_finding
from ...fixes.snippets import server_ciphers_fix, server_dh_fix
from ...wire.suites import CIPHER_SUITES
from .. import words
from ..causes import Cause, Party, Severity
from ..finding import Finding
from . import rule


@rule
def weak_cipher_or_no_pfs(ev: Evidence) -> list[Finding]:
    found: list[Finding] = []
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
            facts={"suite": words.suite(insecure.cipher_suite)},
            fix=server_ciphers_fix(ev.server_software)))
    non_pfs = ev.succeeded(Probe.NON_PFS)
    base = ev.baseline
    chosen = CIPHER_SUITES.get(base.cipher_suite) if base.cipher_suite is not None else None
    if chosen is not None and base.ok and not chosen.pfs and base.version != 0x0304:
        found.append(make_finding(
            Cause.WEAK_CIPHER_OR_NO_PFS,
            title=f"Without forward secrecy by preference: {chosen.name}",
            explanation="For this client the server prefers a suite with static RSA key "
                        "exchange: whoever gets the server's private key later can decrypt "
                        "recorded traffic.",
            evidence=(f"baseline: server chose {chosen.name}",),
            fix=server_ciphers_fix(ev.server_software)))
    elif non_pfs is not None:
        found.append(make_finding(
            Cause.WEAK_CIPHER_OR_NO_PFS, severity=Severity.WARNING,
            title=f"Server also accepts suites without forward secrecy ({words.suite(non_pfs.cipher_suite)})",
            explanation="Clients that offer static RSA key exchange first get a session that a "
                        "later key compromise can decrypt.",
            evidence=(f"probe '{non_pfs.label}': server chose {words.suite(non_pfs.cipher_suite)}",),
            fix=server_ciphers_fix(ev.server_software)))
    dh = next((p for p in ev.probes if p.ok and p.dh_bits), None)
    if dh is not None and dh.dh_bits is not None and dh.dh_bits < 2048:
        blocks = ev.client.is_local and dh.dh_bits < ev.client.min_dh_bits and \
            ev.reproduction is not None and not ev.reproduction.ok and \
            "dh key too small" in ev.reproduction.error.lower()
        found.append(make_finding(
            Cause.WEAK_CIPHER_OR_NO_PFS,
            severity=Severity.BLOCKING if blocks else Severity.RISK,
            who_fixes=Party.SERVER,
            title=f"Server's DH group is {dh.dh_bits} bits"
                  + (f"; OpenSSL security level {ev.local.security_level} rejects it" if blocks else ""),
            explanation="Finite-field Diffie-Hellman below 2048 bits is within reach of "
                        "well-funded attackers (Logjam) and refused by current clients.",
            evidence=(f"probe '{dh.label}': {words.suite(dh.cipher_suite)} with a "
                      f"{dh.dh_bits}-bit prime",) + ((f"real handshake: {ev.reproduction.error}",)
                                                    if blocks and ev.reproduction else ()),
            facts={"dh_bits": dh.dh_bits}, fix=server_dh_fix(ev.server_software)))
    return found
