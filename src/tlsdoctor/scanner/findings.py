"""Findings from a capability map, in the product's cause vocabulary.

Only what a scan proves by itself: obsolete versions, weak suites / no forward secrecy /
weak DH, SNI dependence, version or size intolerance, and an unreachable target.
Certificate findings are pki's (it has the trust store and the clock).
"""

from __future__ import annotations

from ..diagnosis.causes import Cause, Party, Severity
from ..diagnosis.finding import Finding, FixStep, rank
from ..fixes.catalog import make_finding
from ..probe.outcome import Outcome
from . import suiteinfo as si
from .plans import SSL2, SSL3, TLS10, TLS11, TLS13, VERSION_NAMES
from .result import TargetScan

_OBSOLETE = (SSL2, SSL3, TLS10, TLS11)


def scan_findings(scan: TargetScan) -> tuple[Finding, ...]:
    out: list[Finding] = []
    if not scan.accepted_versions:
        out.append(_unreachable(scan))
        return rank(out)
    old = [v for v in _OBSOLETE if v in scan.accepted_versions]
    if old:
        names = [VERSION_NAMES[v] for v in old]
        out.append(make_finding(
            Cause.OBSOLETE_PROTOCOL_ENABLED,
            evidence=[f"{n} accepted" for n in names],
            fix=[FixStep(text="Accept only TLS 1.2 and TLS 1.3.",
                         code="ssl_protocols TLSv1.2 TLSv1.3;", applies_to="nginx"),
                 FixStep(text="Accept only TLS 1.2 and TLS 1.3.",
                         code="SSLProtocol -all +TLSv1.2 +TLSv1.3", applies_to="apache")],
            facts={"versions": names}))
    weak = {c: r for c in scan.all_suites if (r := si.weakness(c))}
    no_pfs = bool(scan.all_suites) and not any(si.is_pfs(c) for c in scan.all_suites)
    weak_dh = scan.dh_bits is not None and scan.dh_bits < 2048
    if weak or no_pfs or weak_dh:
        ev = [f"{si.suite_name(c)}: {r}" for c, r in list(weak.items())[:40]]
        if len(weak) > 40:
            ev.append(f"... and {len(weak) - 40} more")
        if no_pfs:
            ev.append("no accepted suite has forward secrecy")
        if weak_dh:
            ev.append(f"DH parameters: {scan.dh_bits} bits")
        out.append(make_finding(
            Cause.WEAK_CIPHER_OR_NO_PFS, evidence=ev,
            fix=[FixStep(text="Use the Mozilla intermediate cipher list (ECDHE + AEAD only).",
                         code="ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-"
                              "SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                              "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;",
                         applies_to="nginx")],
            facts={"weak_suites": [si.suite_name(c) for c in weak], "no_pfs": no_pfs,
                   "dh_bits": scan.dh_bits}))
    if scan.sni is not None and scan.sni.required:
        out.append(make_finding(
            Cause.SNI_REQUIRED_OR_MISMATCH, severity=Severity.WARNING,
            title="Server refuses clients that do not send SNI",
            evidence=[f"without SNI: {scan.sni.without_sni_outcome}"],
            facts={"sni": scan.sni.name}))
    elif scan.sni is not None and scan.sni.same_certificate is False:
        out.append(make_finding(
            Cause.SNI_REQUIRED_OR_MISMATCH, severity=Severity.INFO,
            title="Server sends another certificate to clients without SNI",
            evidence=["the certificate without SNI differs from the one for "
                      f"{scan.sni.name}"], facts={"sni": scan.sni.name}))
    bad = [k for k, v in (("a future TLS version in supported_versions",
                           scan.intolerance.future_version),
                          ("legacy_version 0x0304", scan.intolerance.legacy_version_0304),
                          ("a large ClientHello", scan.intolerance.large_hello)) if v]
    if bad:
        out.append(make_finding(
            Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE, severity=Severity.WARNING,
            who_fixes=Party.EITHER, title="Server or path is intolerant of valid hellos",
            explanation="A correct TLS server ignores versions and sizes it does not know "
                        "(RFC 8446 §4.1.2, §4.2.1); this one (or a box in front of it) fails "
                        "them, which breaks future clients.",
            evidence=[f"fails with {b}" for b in bad],
            fix=[FixStep(text="Upgrade the TLS stack or the middlebox in front of the server.")]))
    if scan.features.compression:
        out.append(make_finding(
            Cause.WEAK_CIPHER_OR_NO_PFS, title="TLS compression is enabled (CRIME)",
            evidence=["the server accepted DEFLATE compression"],
            fix=[FixStep(text="Disable TLS compression in the server's TLS library.")]))
    if TLS13 not in scan.accepted_versions:
        out.append(make_finding(
            Cause.OBSOLETE_PROTOCOL_ENABLED, severity=Severity.INFO,
            title="TLS 1.3 is not supported",
            explanation="TLS 1.3 (RFC 8446) is faster and removes legacy weaknesses; "
                        "every current client supports it.",
            fix=[FixStep(text="Enable TLS 1.3.", code="ssl_protocols TLSv1.2 TLSv1.3;",
                         applies_to="nginx")]))
    return rank(out)


def _unreachable(scan: TargetScan) -> Finding:
    outcomes = {p.outcome for p in scan.probes}
    ev = [scan.error] if scan.error else []
    if Outcome.PLAINTEXT in outcomes:
        return make_finding(Cause.NON_TLS_SERVICE_ON_PORT, evidence=ev)
    if outcomes & {Outcome.DNS_FAILURE, Outcome.UNREACHABLE, Outcome.REFUSED,
                   Outcome.CONNECT_TIMEOUT}:
        return make_finding(Cause.NAME_RESOLUTION_OR_UNREACHABLE, evidence=ev)
    if outcomes and outcomes <= {Outcome.RESET, Outcome.TIMEOUT, Outcome.CLOSED}:
        # Not one TLS answer (no alert, no ServerHello) to any hello: something cuts the
        # connection; a TLS server that disliked the offer would send an alert.
        return make_finding(Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE, evidence=ev,
                            confidence=0.7)
    return make_finding(Cause.PROTOCOL_VERSION_MISMATCH,
                        title="The server accepted none of the versions and suites offered",
                        evidence=ev)
