"""pip (pypa/pip): its words around an index fetch that failed in TLS.

The reason "There was a problem confirming the ssl certificate: <error>" and pip 25's
"Failed to establish a secure connection to HOST while fetching URL" carry urllib3's /
Python's error after them (read by the Python tables, a higher tier); alone they say only
that verification failed. pip's own hint for it is "You may need to use --cert or check
your proxy/firewall configuration" (exceptions/network.py): an intercepting proxy or the
client's CA setting first, both below 0.6. No ssl module is this Python's build."""

from __future__ import annotations

from . import _common as common

_FETCH = ("tls_interception_mitm:.35 client_misconfiguration:.35 cert_untrusted_root:.3 "
          "| generic")
JUDGE = {
    "collector.ssl_reason": _FETCH,
    "SSLVerificationError": _FETCH,
    "search_scope.no_ssl": common.CLIENT_CONFIG,
    "SSLMissingError": common.CLIENT_CONFIG,
}

RULES = (
    (r".", "not_tls", "other lines"),
)
