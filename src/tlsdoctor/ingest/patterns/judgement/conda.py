"""conda (conda/conda conda/gateways/connection/download.py, conda/gateways/repodata/
__init__.py, conda/base/context.py).

CondaSSLError has two texts: Python without its ssl module (this machine's own install), or
"Encountered an SSL error. Most likely a certificate verification issue." followed by
"Exception: <requests' error>", whose words decide. Alone, conda's own guess leads the
ranking, in what conda's threads show: a corporate proxy re-signing TLS, then a CA the
environment's certifi bundle lacks. ssl_verify's check is the .condarc setting.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "Encountered an SSL error. Most likely a certificate verification issue.":
        ("tls_interception_mitm:.35 cert_untrusted_root:.3 client_misconfiguration:.2 "
         "incomplete_chain:.15 | category"),
}

RULES = (
    (r".", common.CLIENT_CONFIG, "this machine's Python or the ssl_verify setting"),
)
