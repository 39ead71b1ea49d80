"""cert_untrusted_root: the chain ends at a root the client does not trust."""

from __future__ import annotations

from ...causes import Cause, Party
from ...evidence import Evidence
from ...finding import Finding
from ...pki.chain import ChainFacts
from ..catalog import make_finding
from . import rule
from ._capture import alert_only
from ._chain import cert_evidence, cert_facts, issued_chain
from ._text import stated


@rule
def cert_untrusted_root(ev: Evidence) -> Finding | None:
    """The path reaches a root the default store lacks (public CA missing here: this
    machine's store is outdated; in no store: a private CA), or stops at an intermediate
    whose issuer nobody has. Not for a self-signed leaf, nor behind an interception CA."""
    said = stated(ev, Cause.CERT_UNTRUSTED_ROOT) or alert_only(ev, Cause.CERT_UNTRUSTED_ROOT)
    if said is not None:
        return said
    chain = issued_chain(ev)
    if chain is None:
        return None
    missing = chain.missing_issuer
    if missing is not None:
        return _unknown_issuer(chain) if missing.top_is_ca else None
    if chain.anchor_in_default:
        return None
    return _untrusted_anchor(chain)


def _untrusted_anchor(chain: ChainFacts) -> Finding:
    top = chain.path[-1]
    info = top.info
    elsewhere = [s for s in chain.anchor_stores if s != chain.default_store]
    fetched = chain.fetched_root is not None
    if elsewhere:
        who, kind = Party.CLIENT, (f"It is a public CA, trusted by {', '.join(elsewhere)}, but "
                                   f"missing from {chain.default_store}: this machine's trust "
                                   "store is outdated or was replaced.")
    else:
        # The server sent its whole chain up to this root (or the root's own AIA URL gave
        # it): nothing is missing on the server; an internal CA's clients trust its root.
        who, kind = Party.CLIENT, ("It is in none of the trust stores checked, so it is a private "
                                   "(internal) CA: the clients must be told to trust it (or, for "
                                   "a public site, the server needs a certificate from a public CA).")
    lines = [cert_evidence(info, "root"), f"not in: {chain.default_store}",
             "trusted by: " + (", ".join(elsewhere) if elsewhere
                               else "none of " + ", ".join(chain.store_names))]
    if fetched:
        lines.append(f"the server sent the chain up to '{chain.path[-2].info.common_name}'; "
                     f"the root itself was fetched from {info.source[4:]} (its AIA URL), "
                     "so no intermediate is missing")
    return make_finding(
        Cause.CERT_UNTRUSTED_ROOT, who_fixes=who,
        title=f"Chain ends at '{info.common_name}', a root {chain.default_store} does not trust",
        explanation=f"The chain leads to the root {info.label}. {kind}",
        evidence=lines, confidence=0.95 if fetched or elsewhere else 0.9,
        facts={**cert_facts(info), "root": info.subject, "root_name": info.common_name,
               "in_stores": elsewhere, "private": not elsewhere, "position": len(chain.path) - 1,
               "root_fetched_from": info.source[4:] if fetched else None})


def _unknown_issuer(chain: ChainFacts) -> Finding:
    """An intermediate whose issuer is unknown: most often a private root the client lacks,
    possibly a second intermediate that is missing; say both, with less certainty."""
    top, missing = chain.path[-1], chain.missing_issuer
    assert missing is not None  # the caller checked
    return make_finding(
        Cause.CERT_UNTRUSTED_ROOT, who_fixes=Party.EITHER, confidence=0.7,
        title=f"Chain leads to '{missing.issuer_name}', which this client does not have",
        explanation=f"The chain ends at {top.info.label}, issued by '{missing.issuer}'. That "
                    "issuer is not sent by the server and is in none of the trust stores here: "
                    "it is a private (internal) root CA, or an intermediate the server fails to send.",
        evidence=(cert_evidence(top.info, "last certificate sent"),
                  f"its issuer '{missing.issuer}' was not sent by the server and is in no trust store",
                  *(f"AIA: {t}" for t in missing.tried),
                  "trust stores checked: " + ", ".join(chain.store_names)),
        facts={"root": missing.issuer, "root_name": missing.issuer_name, "in_stores": [],
               "private": True, "issuer_missing": True})
