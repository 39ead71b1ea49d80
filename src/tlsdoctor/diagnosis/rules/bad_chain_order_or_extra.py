"""bad_chain_order_or_extra: the chain as sent is out of order, has extras, or the root."""

from __future__ import annotations

from ...causes import Cause, Severity
from ...evidence import Evidence
from ...finding import Finding
from ..catalog import make_finding
from . import rule
from ._chain import chain_of, sentence
from ._text import stated


@rule
def bad_chain_order_or_extra(ev: Evidence) -> list[Finding]:
    """Misordered, duplicate, unrelated or unparsable certificates, or the root sent
    (the last alone is only worth an info: it costs bytes, nothing breaks)."""
    said = stated(ev, Cause.BAD_CHAIN_ORDER_OR_EXTRA)
    if said is not None:
        return [said]
    chain = ev.chain
    out = []
    if chain is not None and (chain.bad_certificates or chain.dropped) and \
            chain.leaf_unparsable is None:
        lines = [f"certificate #{x.index}: {x.size} bytes, SHA-256 {x.sha256}: {x.error}"
                 for x in chain.bad_certificates]
        if chain.dropped:
            lines.append(f"{chain.dropped} more certificates ignored (more than the limit)")
        out.append(make_finding(
            Cause.BAD_CHAIN_ORDER_OR_EXTRA, severity=Severity.WARNING,
            title="Server sends certificates that cannot be parsed",
            explanation="Some of the certificates the server sends are not valid X.509; "
                        "strict clients fail.",
            evidence=lines, facts={"unparsable": len(chain.bad_certificates)}))
    judged = chain_of(ev)
    order = judged.order if judged is not None else None
    if judged is None or order is None:
        return out
    sent = " -> ".join(repr(i.common_name) for i in judged.certificates)
    out.append(make_finding(
        Cause.BAD_CHAIN_ORDER_OR_EXTRA,
        severity=Severity.INFO if order.only_root_sent else Severity.WARNING,
        title="Server sends the root certificate" if order.only_root_sent else None,
        explanation="The server should send exactly: its certificate, then each intermediate "
                    "in order, without the root. " + sentence("; ".join(order.problems)),
        evidence=(f"sent: {sent}", *order.problems),
        facts={"problems": list(order.problems),
               "sent": [i.subject for i in judged.certificates]}))
    return out
