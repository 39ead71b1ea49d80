"""hostname_mismatch: the name asked for is not among the certificate's names."""

from __future__ import annotations

from ...causes import Cause, Severity
from ...evidence import Evidence
from ...finding import Finding
from ..catalog import make_finding
from . import rule
from ._capture import alert_only
from ._chain import cert_facts, chain_of, default_certificate_served
from ._policy import client_name, policy
from ._text import stated


@rule
def hostname_mismatch(ev: Evidence) -> Finding | None:
    """SAN rules (RFC 9525 §6.3): DNS names, one-label wildcards that are no public suffix,
    IP SANs byte for byte; the CN is not a name. Not behind an interception CA, whose
    certificate is the real problem."""
    said = stated(ev, Cause.HOSTNAME_MISMATCH) or alert_only(ev, Cause.HOSTNAME_MISMATCH)
    if said is not None:
        return said
    chain = chain_of(ev, trust=True)
    check = chain.host_check if chain is not None else None
    if chain is None or chain.leaf is None or check is None or check.matches or \
            chain.interception is not None or default_certificate_served(ev):
        return None  # ... or the name is fine once sent: sni_required_or_mismatch
    leaf = chain.leaf.info
    p = policy(ev)
    if leaf.is_ca and not leaf.self_signed and (p is None or p.ca_as_leaf_cause != "hostname_mismatch"):
        return None  # a CA certificate as the leaf: cert_wrong_purpose names the real fault
    covered = [*leaf.dns_names, *(f"IP:{a}" for a in leaf.ip_addresses)]
    lines = [f"asked for: {chain.hostname}",
             "certificate covers: " + (", ".join(covered[:20]) if covered else
                                       f"no subjectAltName (CN: {leaf.common_name})"),
             *check.reasons]
    if not chain.served_sni:
        lines.append("the client sent no SNI: the server may have served its default "
                     "certificate (see sni_required_or_mismatch)")
    cn_only = check.cn_only and bool(leaf.common_name) and \
        leaf.common_name.lower() == check.hostname
    accepted = cn_only and p is not None and p.cn_fallback is True
    if accepted:
        lines.append(f"{client_name(ev)} still matches the CN when there is no subjectAltName "
                     f"({p.source('cn_fallback') if p else ''}); browsers and Go refuse it")
    return make_finding(
        Cause.HOSTNAME_MISMATCH, severity=Severity.RISK if accepted else None,
        title=(f"Certificate has no subjectAltName; '{chain.hostname}' is only in the CN, "
               + ("which this client accepts but browsers and Go refuse" if accepted
                  else "which clients ignore") if cn_only else
               f"Certificate does not cover '{chain.hostname}'"),
        evidence=lines,
        facts={**cert_facts(leaf), "hostname": chain.hostname, "wanted": check.hostname,
               "dns_names": list(leaf.dns_names), "ip_addresses": list(leaf.ip_addresses),
               "suggestion": check.suggestion, "cn_only": check.cn_only})
