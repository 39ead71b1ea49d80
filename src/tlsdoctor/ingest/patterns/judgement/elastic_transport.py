"""elastic-transport-python (elastic/elastic-transport-python elastic_transport/
_exceptions.py, _models.py, _node/*.py), the transport of the Elasticsearch Python client.

"TLS error caused by: <Exception>(<message>)" wraps urllib3's or aiohttp's exception (the
ssl module's words inside decide; alone, a handshake failure of no stated kind). The
option checks and the missing root certificates (no ca_certs and no certifi) are the
client's own settings; the verify_certs=False warning is no failure.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "TLS error caused by: %s(%s)": common.HANDSHAKE,
    "Connecting to %s using TLS with verify_certs=False is insecure": "no_fault",
}

RULES = (
    (r".", common.CLIENT_CONFIG, "the client's own TLS options and CA certificates"),
)
