"""Fixes: from a judged finding (and what is known about the server and client) to steps.

    snippets.toml  config lines per server software, with their sources; generic lines
    data.py        reads the table; per_server() picks the software's lines
    server.py      protocols, ciphers, DH, stapling
    client.py      per-client settings: old versions, trust a root, send a certificate
    certs.py       renewals, reissues, the corrected bundle
    steps.py       one fixer per connection/protocol cause; cert_steps.py, per certificate cause
    attach.py      attach_fixes(findings, FixContext): the one entry point

Findings leave ``tlsdoctor.diagnosis`` without steps; every command attaches them here.
"""

from .attach import attach_fixes
from .context import FixContext

__all__ = ["FixContext", "attach_fixes"]
