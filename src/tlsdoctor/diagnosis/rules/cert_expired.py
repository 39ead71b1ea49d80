"""cert_expired: a certificate on the path is past its notAfter."""

from __future__ import annotations

from typing import Any

from ...causes import Cause
from ...evidence import Evidence
from ...finding import Finding
from ...pki.chain import ChainFacts, PathLink, Validity
from ..catalog import make_finding
from . import rule
from ._chain import ago, cert_evidence, cert_facts, chain_of
from ._dated import out_of_date
from ._policy import client_name, policy


@rule
def cert_expired(ev: Evidence) -> list[Finding]:
    """Each expired certificate on the path, leaf or CA; not when this machine's clock is
    what makes it look expired (client_clock_wrong)."""
    return out_of_date(ev, Cause.CERT_EXPIRED, "expired", _wording) or _stale_cross_sign(ev)


def _stale_cross_sign(ev: Evidence) -> list[Finding]:
    """A client that builds from the chain as sent (``trusted_first`` false: OpenSSL
    1.0.x) reaches an expired certificate through a served cross-sign of the root whose
    old root its store still holds, though the path from its store is valid (Let's
    Encrypt's DST Root CA X3, 2021). The server fixes it for every such client by not
    sending the cross-sign; bad_chain_order_or_extra says the same for everyone else."""
    chain = chain_of(ev)
    p = policy(ev)
    order = chain.order if chain is not None else None
    if chain is None or order is None or not order.cross_issuer_trusted or p is None \
            or p.trusted_first is not False:
        return []
    i = order.cross_issuer_trusted[0]
    info = chain.certificates[i]
    return [make_finding(
        Cause.CERT_EXPIRED,
        title=f"{client_name(ev)} follows the chain as sent to an expired certificate "
              f"(the cross-signed '{info.common_name}', #{i})",
        explanation=f"The server sends '{info.common_name}' cross-signed by '{info.issuer}'. "
                    f"{client_name(ev)} builds its path from the certificates as sent, before "
                    "its own store, so it goes through that cross-sign to the old root, which "
                    "has expired (or the cross-sign has), and reports an expired certificate, "
                    "although the path to the current root in its store is valid. Send the "
                    "chain without the cross-sign (clients holding the current root never "
                    "need it; only devices without that root, such as Android before 7.1.1, "
                    "which ignores a root's expiry, were reached through it), or remove the "
                    "expired root from the client's store, or update the client (OpenSSL "
                    "1.1.0 and GnuTLS 3.6.14 look in the store first).",
        evidence=(cert_evidence(info, f"served #{i}"), *order.problems,
                  f"now: {chain.now:%Y-%m-%d %H:%M} UTC"),
        facts={**cert_facts(info), "position": i, "cross_sign": True,
               "checked_at": chain.now.isoformat()})]


def _wording(chain: ChainFacts, v: Validity, link: PathLink) -> tuple[str, str, dict[str, Any]]:
    info, role = link.info, link.role
    return (f"The {role} certificate '{info.common_name}' expired {ago(v.seconds)} ago",
            f"The {role} certificate {info.label} was valid until "
            f"{info.not_after:%Y-%m-%d %H:%M} UTC; clients refuse expired certificates."
            + (" Renew it." if v.position == 0 else " Install the CA's current intermediate/root."),
            {"seconds_ago": v.seconds})
