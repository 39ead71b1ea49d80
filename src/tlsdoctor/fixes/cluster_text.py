"""Fix steps in a cluster or broker daemon's own settings (round 17) for a finding read from
its words: etcd's flags and etcdctl's, nats-server's tls { } block, ZooKeeper's zoo.cfg and
client properties, cqlsh's cqlshrc. The steps are data (cluster.toml). Which program printed
the text is the finding's ``source`` fact, or, when a context reading made the finding
(trust_context.py), the program's own words on the finding's lines.
"""

from __future__ import annotations

from ..causes import Cause
from ..finding import Finding, FixStep
from .context import FixContext
from .data import toml_file
from .lazyre import lazy

__all__ = ["cluster_steps"]

# Pattern source -> the program whose settings fix it (patterns/cluster.py's sources).
_PRODUCT = {"etcd": "etcd", "etcd_client": "etcdctl", "nats_server": "nats_server",
            "nats": "nats", "zookeeper": "zookeeper", "cqlsh": "cqlsh"}
# The same programs by their own words, for a finding another reading made.
_WORDS = (
    (lazy(r"\brejected connection\b"), "etcd"),
    (lazy(r"\bretrying of unary invoker failed\b|\betcd-endpoints://"), "etcdctl"),
    (lazy(r" - cid:\d{1,12} - TLS handshake"), "nats_server"),
    (lazy(r"\bnats: "), "nats"),
    (lazy(r"\bConnection error: \('Unable to connect to any servers'"), "cqlsh"),
)
_CLIENTS = frozenset({"etcdctl", "nats", "cqlsh"})
_GROUP = {
    Cause.CERT_UNTRUSTED_ROOT: "trust", Cause.CERT_SELF_SIGNED: "trust",
    Cause.INCOMPLETE_CHAIN: "trust", Cause.HOSTNAME_MISMATCH: "name",
    Cause.CLIENT_CERT_REQUIRED: "clientcert", Cause.NON_TLS_SERVICE_ON_PORT: "notls",
    Cause.SERVER_MISCONFIGURATION: "store", Cause.CLIENT_MISCONFIGURATION: "client",
}


def _product(f: Finding) -> str | None:
    product = _PRODUCT.get(str(f.facts.get("source", "")))
    if product is not None:
        return product
    lines = "\n".join(f.evidence)
    return next((p for rx, p in _WORDS if rx.search(lines)), None)


def cluster_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """The program's own step for ``f``; () when the finding is not one of these programs'
    or the program has no step for its cause (then the other fixers or the generic line)."""
    group = _GROUP.get(f.cause)
    product = _product(f) if group is not None else None
    if product is None or group is None:
        return ()
    row = toml_file("cluster.toml").get(product, {}).get(group)
    if row is None:
        return ()
    code = str(row.get("code", ""))
    if product in _CLIENTS and ctx.target is not None:
        # a client's words name the server it dialed; a server's log names only its clients
        code = code.replace("HOST", ctx.host)
    return (FixStep(text=str(row["text"]), code=code, applies_to=product),)
