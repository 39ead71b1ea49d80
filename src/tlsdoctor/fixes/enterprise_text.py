"""Fix steps in an enterprise product's own tools (round 16) for a finding read from that
product's words: GSKit's gsk8capicmd, IBM MQ's runmqakm and MQSC, Db2's dbm cfg, IBM HTTP
Server's KeyFile, Oracle's orapki, sqlnet.ora and UTL_HTTP.SET_WALLET, SAP's STRUST and sapgenpse, SAP AS Java's TrustedCAs view. The steps are
data (enterprise.toml); which product printed the text is the finding's ``source`` fact.
"""

from __future__ import annotations

from ..causes import Cause
from ..finding import Finding, FixStep
from .context import FixContext
from .data import toml_file

__all__ = ["enterprise_steps"]

# Pattern source -> the product whose tools fix it.
_PRODUCT = {"gskit": "gskit", "ihs": "ihs", "db2": "db2", "db2diag": "db2",
            "ibm_mq": "ibm_mq", "oracle_net": "oracle", "oracle_jdbc": "oracle",
            "oracledb": "oracle", "oracle_utl_http": "utl_http",
            "sap_cryptolib": "sap", "iaik": "sap_java"}
_GROUP = {
    Cause.CERT_UNTRUSTED_ROOT: "trust", Cause.CERT_SELF_SIGNED: "trust",
    Cause.INCOMPLETE_CHAIN: "chain", Cause.BAD_CHAIN_ORDER_OR_EXTRA: "chain",
    Cause.CIPHER_SUITE_MISMATCH: "cipher", Cause.PROTOCOL_VERSION_MISMATCH: "cipher",
    Cause.CLIENT_CERT_REQUIRED: "clientcert",
    Cause.SERVER_MISCONFIGURATION: "store", Cause.CLIENT_MISCONFIGURATION: "store",
    Cause.HOSTNAME_MISMATCH: "name", Cause.SNI_REQUIRED_OR_MISMATCH: "name",
    Cause.NON_TLS_SERVICE_ON_PORT: "notls",
}


def enterprise_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """The product's own step for ``f``; () when the finding is not an enterprise product's
    or the product has no step for its cause (the generic line then)."""
    product = _PRODUCT.get(str(f.facts.get("source", "")))
    group = _GROUP.get(f.cause)
    if product is None or group is None:
        return ()
    row = toml_file("enterprise.toml").get(product, {}).get(group)
    if row is None:
        return ()
    return (FixStep(text=str(row["text"]), code=str(row.get("code", "")), applies_to=product),)
