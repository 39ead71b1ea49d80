"""Azure CLI (Azure/azure-cli src/azure-cli-core/azure/cli/core/util.py, read through the
search index): SSLERROR_TEMPLATE, the recommendation handle_exception() prints after any
requests SSLError, its words before it ("HTTPSConnectionPool(...) (Caused by
SSLError(...))") deciding.

It is printed for every SSLError, an EOF or reset as much as a failed verification, so
it states none of its words ("self-signed certificate" is the proxy's, a guess): its
kind is "guess" (harvested.guesses), no other table reads inside it. Alone, its own guess
leads the ranking, as its threads show (Zscaler and other re-signing proxies, whose CA
the CLI's bundled certifi lacks), below 0.6.
"""

from __future__ import annotations

JUDGE = {
    "SSLERROR_TEMPLATE": ("tls_interception_mitm:.45 cert_untrusted_root:.25 "
                          "client_misconfiguration:.2 middlebox_or_firewall_interference:.1 "
                          "| generic"),
    # "Please add this certificate to the trusted CA bundle. More info: <link>": advice
    "SSLERROR_TEMPLATE.advice": "elsewhere",
}

RULES = ()
