"""apt 2.6.1's methods (/usr/lib/apt/methods/http; source methods/connect.cc): a name that
does not resolve and a connect that failed, printed under "Err:N <uri>" and in
"W: Failed to fetch <uri>  <text>". apt fetches over http and https alike, so these are
the transport failing before any TLS.
"""

from __future__ import annotations

from . import _common as common

_DNS = common.DNS.replace("reason", "specific")
JUDGE = {
    "Temporary failure resolving '%s'": _DNS,
    "Could not resolve '%s'": _DNS,
    "Could not connect to %s:%s (%s), connection timed out": common.TIMEOUT,
    # the errno's text follows ("- connect (111: Connection refused)"): read by system.py
    "Could not connect to %s:%s (%s).": "elsewhere",
}
