"""An inspection product's name in the certificate a client complains about.

Clients print the issuer they could not trust in many forms (s_client's ``depth=2 O =
netSkope Inc``, RubyGems' ``You must add /O=Cisco/CN=Cisco Umbrella Root CA to your local
trusted store``, Go's ``certificate is valid for FGT80C3913605510``). When that issuer is
a TLS-inspection product's CA (the names in ``pki.interception``, each with its source),
the connection was re-signed on the way: the client, not the server, is what sees a
foreign chain. The name must stand next to certificate words on the same line, so a
product merely mentioned in passing is not read as the issuer.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...pki.interception import PRODUCTS
from . import REASON, table

# Names the issuer carries besides pki.interception's, as they appear in posted output:
# Netskope's tenant CAs live under goskope.com (Netskope docs: "certadmin@netskope.com",
# "ca.<tenant>.goskope.com"); a FortiGate's own default certificate is named after its
# serial number, "FGT" + model + serial (FortiGate admin guide, "Fortinet_Factory").
_EXTRA = (r"goskope\.com", r"FGT[0-9A-Z]{10,16}", r"Fireware HTTPS Proxy", r"Livigent CA")
# A product's name inside a host name ("CN=*.sophos.com", "www.fortinet.com") is that
# vendor's own site, not its inspection CA: the names are read outside dotted host names.
_PRODUCT_NAMES = "|".join(re.escape(p.pattern) for p in PRODUCTS if not p.key_public)
_NAMES = "|".join([rf"(?<![.\w])(?:{_PRODUCT_NAMES})(?!\.[A-Za-z])", *_EXTRA])
# Words that put a name in a certificate: a DN attribute, CA/root/issuer, a chain depth,
# Go's "valid for", a trust-store instruction.
_CONTEXT = (r"\b(?:CA|Root|issuer|issued by|certificate|cert|O ?=|CN ?=|depth=\d|valid for|"
            r"trusted store)\b")
_RX = (rf"(?:{_CONTEXT})[^\n]{{0,160}}?\b(?:{_NAMES})|\b(?:{_NAMES})[^\n]{{0,160}}?(?:{_CONTEXT})")

PATTERNS = table("interception", "tlsdoctor pki/interception.py (product CA names, with sources)", [
    # Above an exit code's or a verify result's own reading (REASON + 1): the verify result
    # says the chain is not trusted, the name says whose chain it is.
    (_RX, "the certificate was issued by a TLS-inspection product (proxy, firewall or "
          "antivirus) between the client and the server",
     "tls_interception_mitm:.85 cert_untrusted_root:.15", REASON + 1),
    # Firefox's add-on installer and updater accept a connection to Mozilla's own hosts only
    # when its verified chain ends in a root built into Firefox (CertUtils checkCert: "the
    # certificate issuer is not built-in" -> NS_ERROR_ABORT). The chain was trusted, so its
    # root is one added to this profile or the OS (enterprise roots): a security product or
    # proxy re-signing Mozilla's hosts with its own root. Sources: mozilla-central
    # toolkit/modules/CertUtils.jsm (Firefox ESR 60, read in hinki1/firefox-esr@9b05dc1e) and
    # CertUtils.sys.mjs (mozilla/taylorsilva@148dcaee, a gecko mirror).
    (r"\bCertificate issuer is not built-in\b",
     "Firefox trusted the chain, but its root is not one built into Firefox (a root added "
     "to this profile or the system): something re-signed Mozilla's own host",
     "tls_interception_mitm:.8 client_misconfiguration:.2", REASON + 1,
     "mozilla-central toolkit/modules/CertUtils (checkCert)"),
])

# Round 20: sslsplit's own log names the side of the split connection (pxyconn.c
# pxy_bev_eventcb: "Error from %s bufferevent: " with "src" for the client's connection
# to sslsplit, "dst" for sslsplit's to the server; droe/sslsplit @ b2128fc9a7cb). A
# certificate refusal alert on "src" is the intercepted client refusing the certificate
# sslsplit forged: its CA is not trusted there. ("dst" is sslsplit as a client: side.py.)
_SSLSPLIT = table("interception", "sslsplit", [
    (r"\bError from src bufferevent: [^\n]{0,120}?\b(?:alert (?:unknown ca|bad certificate|"
     r"certificate unknown|unsupported certificate)|unknown_ca|bad_certificate|"
     r"certificate_unknown)\b",
     "sslsplit: the intercepted client refused the certificate sslsplit forged for the "
     "server (its CA is not trusted by that client)",
     "tls_interception_mitm:.8 cert_untrusted_root:.2", REASON + 1,
     "droe/sslsplit pxyconn.c (pxy_bev_eventcb) @ b2128fc9a7cb"),
])
# sslsplit wrote it as the server of the client's connection: its reading is the same read
# from either side (not the server verifying a client certificate).
PATTERNS += tuple(replace(p, server_causes=p.causes, id="interception.sslsplit_src")
                  for p in _SSLSPLIT)
