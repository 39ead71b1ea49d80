"""A CDN's *default* certificate where the site's own was expected.

A CDN edge that gets no SNI name, or a name it has no certificate for, answers with its
own default certificate (Fastly: "a.sni.fastly.net" / "*.global-ssl.fastly.net", Akamai:
"a248.e.akamai.net", Cloudflare: "ssl*.cloudflare.com" / "sni*.cloudflaressl.com"). The
client then reports a host name mismatch, but the name list says the request reached the
CDN without the right SNI: a client not sending it, or a proxy in the path that drops it.
Sources: Fastly docs ("TLS service options": shared certificate a.sni.fastly.net),
Akamai docs (a248.e.akamai.net edge hostname), Cloudflare community/docs (SNI and the
ssl*.cloudflare.com fallback certificates).
"""

from __future__ import annotations

from . import REASON, table

_DEFAULTS = (r"a\.sni\.fastly\.net|[\w.*-]{0,40}global-ssl\.fastly\.net|a248\.e\.akamai\.net|"
             r"ssl\d{0,6}\.cloudflare\.com|sni\d{0,8}\.cloudflaressl\.com|"
             # Fastly's per-edge default certificate, "n.sni-<N>-default.ssl.fastly.net"
             # (seen in posted output: a hackney client that sent no SNI)
             r"[\w.-]{0,20}sni-\d{1,5}-default\.ssl\.fastly\.net")

PATTERNS = table("cdn", "CDN default certificate names (see module docstring)", [
    (rf"(?:altnames|valid for|subject name|alternative names?|dNSName)[^\n]{{0,300}}?(?:{_DEFAULTS})",
     "the server answered with a CDN's default certificate: the request reached the CDN "
     "without the SNI name it serves",
     "sni_required_or_mismatch:.5 hostname_mismatch:.3 middlebox_or_firewall_interference:.2",
     REASON + 1),
])
