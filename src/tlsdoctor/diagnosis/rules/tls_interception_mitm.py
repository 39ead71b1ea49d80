"""tls_interception_mitm: a proxy or security product re-signs the connection."""

from __future__ import annotations

from ...causes import Cause, Party, Severity
from ...evidence import Evidence
from ...finding import Finding
from ...pki.certinfo import CertInfo
from ..catalog import make_finding
from . import rule
from ._capture import alert_only
from ._chain import cert_evidence, cert_facts, chain_of
from ._text import stated


@rule
def tls_interception_mitm(ev: Evidence) -> Finding | None:
    """A path certificate issued by a known TLS-inspection product (pki.interception):
    a warning when this machine trusts the inspection CA (it works, decrypted in the
    middle), blocking when it does not."""
    said = stated(ev, Cause.TLS_INTERCEPTION_MITM) or alert_only(ev, Cause.TLS_INTERCEPTION_MITM)
    if said is not None:
        return said
    chain = chain_of(ev)
    if chain is None or chain.interception is None:
        return None
    mitm = chain.interception
    info = chain.path[mitm.position].info
    trust_note = ("this machine trusts the inspection CA, so the connection works but is "
                  "decrypted in the middle" if chain.verified else
                  "this machine does not trust the inspection CA")
    if mitm.key_public:
        return _leaked_root(chain.verified, mitm.product, mitm.key_public, info, mitm.pattern)
    return make_finding(
        Cause.TLS_INTERCEPTION_MITM,
        severity=Severity.WARNING if chain.verified else Severity.BLOCKING,
        explanation=f"The certificate chain was issued by {mitm.product}, a TLS-inspection "
                    f"product between this client and the server; {trust_note}.",
        evidence=(cert_evidence(info, "issued by an inspection CA"),
                  f"issuer matches '{mitm.pattern}' ({mitm.product}; source: {mitm.source})"),
        facts={**cert_facts(info), "product": mitm.product})


def _leaked_root(trusted: bool, product: str, where: str, info: CertInfo,
                 pattern: str) -> Finding:
    """A root whose private key is public: a danger whether or not it is trusted here."""
    return make_finding(
        Cause.TLS_INTERCEPTION_MITM, who_fixes=Party.CLIENT,
        severity=Severity.BLOCKING if not trusted else Severity.RISK,
        title=f"Issued by {product}, a root whose private key is public",
        explanation=f"The certificate comes from {product}: {where}. Anyone with that key can "
                    "make a certificate for any site, and a machine that trusts this root "
                    "accepts it, so no connection from it can be trusted"
                    + (" (this machine trusts it now)." if trusted else ".")
                    + " Remove the root from every trust store and uninstall the software "
                    "that put it there.",
        evidence=(cert_evidence(info, "issued by a root with a public private key"),
                  f"issuer matches '{pattern}' ({product})"),
        facts={**cert_facts(info), "product": product, "key_public": where,
               "trusted_here": trusted})
