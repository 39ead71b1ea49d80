"""Certificate causes: lifted from the chain analysis (tlsdoctor.pki), adjusted for the client.

The pki package names each certificate problem (expired, untrusted, wrong host,
incomplete chain...); here they are weighed for this client: a wrong local clock
explains "expired", and OpenSSL's security level turns a weak key into a failure.
"""

from __future__ import annotations

from dataclasses import replace

from ...evidence import Evidence
from ..causes import Cause, Severity
from ..finding import Finding
from . import rule

TIME_CAUSES = (Cause.CERT_EXPIRED, Cause.CERT_NOT_YET_VALID, Cause.CERT_EXPIRING_SOON)
# X509_V_ERR_EE_KEY_TOO_SMALL, CA_KEY_TOO_SMALL, CA_MD_TOO_WEAK (openssl/x509_vfy.h)
_POLICY_CODES = (66, 67, 68)


def clock_explains_time(ev: Evidence) -> bool:
    """The certificates are fine at the server's clock but not at ours."""
    if ev.chain is None or ev.chain_at_server_time is None:
        return False
    here = {f.cause for f in ev.chain.findings} & {Cause.CERT_EXPIRED, Cause.CERT_NOT_YET_VALID}
    there = {f.cause for f in ev.chain_at_server_time.findings} & set(TIME_CAUSES)
    return bool(here) and not there


@rule
def certificate_findings(ev: Evidence) -> list[Finding]:
    if ev.chain is None:
        return []
    skip_time = clock_explains_time(ev)
    r = ev.reproduction
    policy_fail = r is not None and r.verify_code in _POLICY_CODES
    out = []
    for f in ev.chain.findings:
        if skip_time and f.cause in TIME_CAUSES:
            continue  # folded under client_clock_wrong
        if f.cause is Cause.WEAK_SIGNATURE_OR_KEY and policy_fail and r is not None:
            f = replace(f, severity=Severity.BLOCKING,
                        title=f.title + f" (rejected at OpenSSL security level {ev.local.security_level})",
                        evidence=(*f.evidence, f"real handshake: {r.error}"))
        out.append(f)
    return out
