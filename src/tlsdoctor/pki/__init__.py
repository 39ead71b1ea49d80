"""Certificates, chains, trust stores and revocation.

    trust.py         TrustStore(s): this machine's OpenSSL store, certifi, the JDK's cacerts
    analyze.py       analyze_chain(chain DER...) -> ChainFacts (chain.py): facts, never causes
    pathbuild.py     the path from the leaf to an anchor (stores, served, AIA)
    checks.py        validity, served order, weak links, purpose, key vs suite
    hostname.py      SAN/wildcard/IP/IDN matching with the reason of each near miss
    fetch.py         bounded http:// fetches for AIA caIssuers, OCSP and CRLs
    revocation.py    stapled/queried OCSP and CRL checks
    interception.py  issuer names of TLS-inspection products
    show.py          describe(FILE) for ``tlsdoctor cert FILE``
    certinfo.py      CertInfo and the tolerant PEM/DER/PKCS#7 loaders

Nothing here opens a TLS connection; the prober hands over the chain it received.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .analyze import analyze_chain
    from .certinfo import CertInfo
    from .chain import ChainFacts
    from .fetch import Fetcher, FetchError
    from .show import CertReport, describe
    from .trust import TrustStore, TrustStores, load_trust_stores

__all__ = ["CertInfo", "CertReport", "ChainFacts", "FetchError", "Fetcher", "TrustStore",
           "TrustStores", "analyze_chain", "describe", "load_trust_stores"]

# Imported on first use: importing one of these modules (``pki.chain`` for its types)
# does not load the others (a capture never loads the fetcher or ``cert``'s describe).
_LAZY = {"analyze_chain": ".analyze", "CertInfo": ".certinfo", "ChainFacts": ".chain",
         "FetchError": ".fetch", "Fetcher": ".fetch", "CertReport": ".show",
         "describe": ".show", "TrustStore": ".trust", "TrustStores": ".trust",
         "load_trust_stores": ".trust"}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value
