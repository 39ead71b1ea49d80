"""Certificates, chains, trust stores and revocation.

    trust.py         TrustStore(s): this machine's OpenSSL store, certifi, the JDK's cacerts
    analyze.py       analyze_chain(chain DER...) -> ChainReport with certificate findings
    hostname.py      SAN/wildcard/IP/IDN matching with the reason of each near miss
    fetch.py         bounded http:// fetches for AIA caIssuers, OCSP and CRLs
    revocation.py    stapled/queried OCSP and CRL checks
    interception.py  issuer names of TLS-inspection products
    show.py          describe(FILE) for ``tlsdoctor cert FILE``
    certinfo.py      CertInfo and the tolerant PEM/DER/PKCS#7 loaders
    fixsteps.py      renewals, corrected bundles, client-side trust instructions

Nothing here opens a TLS connection; the prober hands over the chain it received.
"""

from .analyze import ChainReport, analyze_chain
from .certinfo import CertInfo
from .fetch import Fetcher, FetchError
from .show import CertReport, describe
from .trust import TrustStore, TrustStores, load_trust_stores

__all__ = ["CertInfo", "CertReport", "ChainReport", "FetchError", "Fetcher", "TrustStore",
           "TrustStores", "analyze_chain", "describe", "load_trust_stores"]
