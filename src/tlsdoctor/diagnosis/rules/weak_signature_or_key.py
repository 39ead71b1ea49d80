"""weak_signature_or_key: MD5/SHA-1 signatures, small RSA keys, DSA, weak curves."""

from __future__ import annotations

from dataclasses import replace

from ...causes import Cause, Severity
from ...evidence import Evidence
from ...finding import Finding
from ...pki.chain import ChainFacts
from ..catalog import make_finding
from . import rule
from ._capture import alert_only
from ._chain import cert_evidence, cert_facts, chain_of, rejected_certificate
from ._policy import below, client_name, policy, refuses_hash
from ._text import stated

# X509_V_ERR_EE_KEY_TOO_SMALL, CA_KEY_TOO_SMALL, CA_MD_TOO_WEAK (openssl/x509_vfy.h): the
# local library refused the chain for its security level, so the weakness blocks here.
_POLICY_CODES = (66, 67, 68)


@rule
def weak_signature_or_key(ev: Evidence) -> list[Finding]:
    """Each path certificate with a weak signature (not judged for anchors: their own
    signature is never checked) or key; blocking when this client refuses it for that:
    its policy's refused hashes (some only under public roots) and key minimums, the
    local library's verdict, or a captured client's certificate alert."""
    said = stated(ev, Cause.WEAK_SIGNATURE_OR_KEY) or alert_only(ev, Cause.WEAK_SIGNATURE_OR_KEY)
    if said is not None:
        return [said]
    chain = chain_of(ev)
    if chain is None:
        return []
    r = ev.reproduction
    refused = r is not None and r.verify_code in _POLICY_CODES
    captured_refusal = rejected_certificate(ev)
    out = []
    for weak in chain.weak:
        link = chain.path[weak.position]
        info, role, problems = link.info, link.role, weak.problems
        f = make_finding(
            Cause.WEAK_SIGNATURE_OR_KEY,
            title=f"The {role} certificate '{info.common_name}' has a weak "
                  + ("signature" if problems[0].startswith("signed") else "key"),
            explanation=f"The {role} certificate {info.label} is " + " and has ".join(problems)
                        + ". Current clients reject or distrust it (OpenSSL security level 2 "
                        "refuses RSA < 2048 and SHA-1 signatures).",
            evidence=(cert_evidence(info, role), *problems),
            facts={**cert_facts(info), "problems": list(problems), "role": role,
                   "position": weak.position})
        # The real handshake is proof and wins; without one, the client's recorded policy.
        by_policy = _policy_refuses(ev, chain, weak.position) if r is None else []
        if refused and r is not None and ev.local is not None:
            f = replace(f, severity=Severity.BLOCKING,
                        title=f.title + f" (rejected at OpenSSL security level {ev.local.security_level})",
                        evidence=(*f.evidence, f"real handshake: {r.error}"))
        elif by_policy:
            f = replace(f, severity=Severity.BLOCKING,
                        title=f"{f.title}: {client_name(ev)} refuses it",
                        evidence=(*f.evidence, *by_policy))
        elif captured_refusal:
            f = replace(f, severity=Severity.BLOCKING, confidence=0.7)
        out.append(f)
    return out


def _policy_refuses(ev: Evidence, chain: ChainFacts, position: int) -> list[str]:
    """The client's policy facts this certificate breaks (empty: none recorded, or none)."""
    p = policy(ev)
    if p is None:
        return []
    link = chain.path[position]
    info, out = link.info, []
    if not link.is_anchor and refuses_hash(p, info.signature_hash, chain):
        scope = "under any root" if p.weak_signature_scope != "public_roots" else "under public roots"
        out.append(f"policy: refuses {info.signature_hash.upper()} signatures {scope} "
                   f"({p.source('refused_signature_hashes') or 'profile'})")
    if info.key_type == "RSA" and below(info.key_bits, p.min_rsa_bits):
        out.append(f"policy: RSA keys below {p.min_rsa_bits} bits are refused "
                   f"({p.source('min_rsa_bits') or 'profile'})")
    if info.key_type.startswith("EC") and below(info.key_bits, p.min_ecdsa_bits):
        out.append(f"policy: EC keys below {p.min_ecdsa_bits} bits are refused "
                   f"({p.source('min_ecdsa_bits') or 'profile'})")
    return out
