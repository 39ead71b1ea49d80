"""Issuer names of TLS-inspection products (proxies, antivirus, firewalls) that re-sign traffic.

A chain whose issuer matches one of these was almost certainly minted on the fly by a
product between the client and the server. Each entry is a case-insensitive substring of
the issuer DN, with the product and where the name comes from: the vendor's own
documentation of its inspection CA, or the certificate the product installs, as listed
in the Mozilla/Chromium interception research (Durumeric et al., "The Security Impact of
HTTPS Interception", NDSS 2017, table of fingerprinted products).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True, kw_only=True)
class InterceptionProduct:
    """A TLS inspection product, known by a pattern in its CA's issuer name."""
    pattern: str  # case-insensitive substring of the issuer DN
    product: str
    source: str
    # Where the root's *private key* was made public ("" when it was not): with it anyone
    # can mint a certificate for any site that every machine trusting the root accepts.
    key_public: str = ""


_BUILTIN: tuple[InterceptionProduct, ...] = (
    InterceptionProduct(pattern="Zscaler Root CA", product="Zscaler Internet Access",
                        source="Zscaler help: 'Adding Custom Certificate...' (ZscalerRootCertificate-2048-SHA256)"),
    InterceptionProduct(pattern="Zscaler Intermediate", product="Zscaler Internet Access",
                        source="Zscaler help: SSL inspection certificate chain"),
    InterceptionProduct(pattern="Fortinet", product="Fortinet FortiGate SSL deep inspection",
                        source="FortiGate admin guide: 'Fortinet_CA_SSL' deep-inspection CA"),
    InterceptionProduct(pattern="FortiGate CA", product="Fortinet FortiGate SSL deep inspection",
                        source="FortiGate admin guide: certificate inspection"),
    InterceptionProduct(pattern="Palo Alto Networks", product="Palo Alto Networks SSL Forward Proxy",
                        source="PAN-OS admin guide: forward trust certificate"),
    InterceptionProduct(pattern="Cisco Umbrella", product="Cisco Umbrella SSL decryption",
                        source="Umbrella docs: 'Cisco Umbrella Root CA'"),
    InterceptionProduct(pattern="Netskope", product="Netskope SSL inspection",
                        source="Netskope docs: 'caNetskope' root CA"),
    InterceptionProduct(pattern="Blue Coat", product="Symantec/Blue Coat ProxySG",
                        source="ProxySG SSL proxy docs; NDSS 2017 interception study"),
    InterceptionProduct(pattern="Forcepoint", product="Forcepoint Web Security",
                        source="Forcepoint docs: SSL decryption root certificate"),
    InterceptionProduct(pattern="Sophos", product="Sophos UTM/Firewall HTTPS scanning",
                        source="Sophos docs: 'Sophos SSL CA' / HTTPS scanning CA"),
    InterceptionProduct(pattern="WatchGuard", product="WatchGuard HTTPS proxy",
                        source="WatchGuard Fireware docs: Proxy Authority CA"),
    InterceptionProduct(pattern="Barracuda", product="Barracuda Web Security Gateway",
                        source="Barracuda docs: SSL inspection root certificate"),
    InterceptionProduct(pattern="Check Point", product="Check Point HTTPS Inspection",
                        source="Check Point docs: HTTPS inspection outbound CA"),
    InterceptionProduct(pattern="Kaspersky Anti-Virus Personal Root", product="Kaspersky (encrypted connection scanning)",
                        source="Kaspersky support: 'Kaspersky Anti-Virus Personal Root Certificate'"),
    InterceptionProduct(pattern="ESET SSL Filter", product="ESET SSL/TLS protocol filtering",
                        source="ESET knowledge base: 'ESET SSL Filter CA'"),
    InterceptionProduct(pattern="Avast", product="Avast Web/Mail Shield HTTPS scanning",
                        source="Avast support: 'Avast Web/Mail Shield Root'"),
    InterceptionProduct(pattern="AVG Web/Mail Shield", product="AVG HTTPS scanning",
                        source="AVG support: 'AVG Web/Mail Shield Root'"),
    InterceptionProduct(pattern="Bitdefender", product="Bitdefender encrypted web scan",
                        source="Bitdefender support: 'Bitdefender Personal CA'"),
    InterceptionProduct(pattern="BullGuard", product="BullGuard SSL filtering",
                        source="NDSS 2017 interception study, fingerprinted products"),
    InterceptionProduct(pattern="Mitmproxy", product="mitmproxy",
                        source="mitmproxy docs: certificates ('mitmproxy' CA, O=mitmproxy)"),
    InterceptionProduct(pattern="PortSwigger", product="Burp Suite proxy",
                        source="PortSwigger docs: 'PortSwigger CA'"),
    InterceptionProduct(pattern="DO_NOT_TRUST_FiddlerRoot", product="Fiddler",
                        source="Telerik Fiddler docs: 'DO_NOT_TRUST_FiddlerRoot'"),
    # Every certificate Fiddler mints (its root, and each site's leaf) carries this OU:
    # FiddlerCore's CONFIG.sMakeCertSubjectO ", O=DO_NOT_TRUST, OU=Created by
    # http://www.fiddler2.com"; Fiddler Everywhere's root "OU=Created by
    # http://www.fiddler2.com; O=Progress Telerik Fiddler; CN=Fiddler Root Certificate
    # Authority" (its troubleshooting page's curl -v issuer line).
    InterceptionProduct(pattern="Created by http://www.fiddler2.com", product="Fiddler",
                        source="FiddlerCore CONFIG.sMakeCertSubjectO; Telerik Fiddler "
                               "Everywhere docs, troubleshooting: the issuer line curl -v shows"),
    InterceptionProduct(pattern="Charles Proxy", product="Charles Proxy",
                        source="Charles docs: SSL proxying ('Charles Proxy CA')"),
    InterceptionProduct(pattern="Superfish", product="Superfish VisualDiscovery adware",
                        source="US-CERT TA15-051A (Lenovo Superfish)",
                        key_public="one root and key shipped on every affected laptop; the key was "
                                   "extracted and published in February 2015 (US-CERT TA15-051A)"),
    InterceptionProduct(pattern="eDellRoot", product="Dell Foundation Services root",
                        source="CERT/CC VU#925497 (eDellRoot), Dell support article SLN300321",
                        key_public="preinstalled by Dell with its private key on the machine; the "
                                   "key was published in November 2015 (CERT/CC VU#925497)"),
    InterceptionProduct(pattern="DSDTestProvider", product="Dell System Detect root",
                        source="CERT/CC VU#925497 (DSDTestProvider)",
                        key_public="installed by Dell System Detect with its private key; published "
                                   "in November 2015 (CERT/CC VU#925497)"),
    InterceptionProduct(pattern="Komodia", product="Komodia SSL Digestor (adware)",
                        source="CERT/CC VU#529496 (Komodia Redirector with SSL Digestor)",
                        key_public="the same root and key in every copy of the products that embed "
                                   "Komodia's SSL Digestor (CERT/CC VU#529496)"),
    InterceptionProduct(pattern="Cloudflare Gateway", product="Cloudflare Zero Trust Gateway",
                        source="Cloudflare docs: 'Cloudflare for Teams ECC Certificate Authority'"),
    InterceptionProduct(pattern="Cloudflare for Teams", product="Cloudflare Zero Trust Gateway",
                        source="Cloudflare docs: Gateway root certificate"),
)


# Round 15: names gathered with their vendors' pages (inspection_cas.json, each with its URL).
_DATA = Path(__file__).with_name("inspection_cas.json")


def _documented() -> tuple[InterceptionProduct, ...]:
    rows = json.loads(_DATA.read_text(encoding="utf-8"))["products"]
    return tuple(InterceptionProduct(pattern=r["pattern"], product=r["product"],
                                     source=r["source"]) for r in rows)


PRODUCTS: tuple[InterceptionProduct, ...] = (*_BUILTIN, *_documented())


def match_interception(issuer_dn: str) -> InterceptionProduct | None:
    """The product whose inspection CA issued a certificate with this issuer DN, if known."""
    low = issuer_dn.lower()
    for p in PRODUCTS:
        if p.pattern.lower() in low:
            return p
    return None
