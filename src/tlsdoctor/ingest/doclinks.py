"""Links to documentation that programs print beside their errors: never the server.

curl's "More details here: https://curl.se/docs/sslcerts.html", Python's and Microsoft's
documentation links, a "see ..." hint: known documentation sites, documentation paths, and
the phrases that introduce a help link.
"""

from __future__ import annotations

import re

__all__ = ["DOC_HOSTS", "is_doc_link"]

DOC_HOSTS = ("curl.se", "curl.haxx.se", "openssl.org", "python.org", "mozilla.org",
             "microsoft.com", "aka.ms", "apple.com", "oracle.com", "java.com", "nodejs.org",
             "golang.org", "go.dev", "readthedocs.io", "readthedocs.org", "nginx.org",
             "apache.org", "haproxy.org", "postfix.org", "dovecot.org", "exim.org",
             "gnutls.org", "mozilla.net", "chromium.org", "crbug.com", "g.co", "google.com",
             "github.com", "stackoverflow.com", "letsencrypt.org", "ssllabs.com",
             "rust-lang.org", "docs.rs", "wikipedia.org", "ietf.org", "rfc-editor.org",
             "gnu.org", "debian.org", "ubuntu.com", "redhat.com", "urllib3.readthedocs.io",
             # rsyslog's LogError suffix "[v8.2302.0 try https://www.rsyslog.com/e/2085 ]"
             "rsyslog.com")
_DOC_PATH = re.compile(r"/(?:docs?|documentation|manual|man|help|kb|wiki|faq|support|learn|"
                       r"library|reference|guide)s?(?:/|\.html?|#|$)|#[\w-]*warnings?\b",
                       re.IGNORECASE)
# Round 25: the word "documentation" as translated labels print it: Home Assistant's log
# detail (home-assistant/frontend @ 85b2ca377ad228c0cec80bde7d011d9195650a8b
# src/panels/config/logs/dialog-system-log-detail.ts, "ui.panel.config.logs.detail.
# documentation") links an integration's documentation beside its error, copied as
# "[documentación](https://github.com/...)" from a Spanish frontend.
_DOC_PHRASE = re.compile(r"(?:more (?:details|information|info)|for details|see|visit|"
                         r"documentation|documentaci[oó]n|documenta[cç][aã]o|dokumentation|"
                         r"documentazione|documentatie|dokumentacja|"
                         r"docs|help|learn more|refer to|read)\W{0,12}$",
                         re.IGNORECASE)
# Without the host list (a git clone URL on github.com is a server): documentation paths
# in the narrow sense (a real API or registry URL has /api/, /library/...), a documentation
# host name, and the bug tracker a program asks to be told at ("report this error at:
# https://github.com/npm/npm/issues").
_NARROW_PATH = re.compile(r"/(?:docs?|documentation|manual|help|kb|wiki|faq)(?:/|\.html?|#|$)|"
                          r"\.html?(?:#|$)|/issues/?(?:new)?/?$", re.IGNORECASE)
_DOC_NAME = re.compile(r"^(?:docs?|help|support|learn|wiki|kb|developers?)\.", re.IGNORECASE)


def is_doc_link(text: str, m: re.Match[str], *, by_host: bool = True) -> bool:
    """Whether the URL match ``m`` (groups ``host`` and optional ``path``) in ``text`` is a
    documentation link. ``by_host=False``: judge by its path and the words before it only
    (a git clone URL on github.com is a server, its issue tracker is not)."""
    host = m.group("host").lower().rstrip(".")
    path = m.groupdict().get("path") or ""
    if by_host:
        if any(host == d or host.endswith("." + d) for d in DOC_HOSTS) or _DOC_PATH.search(path):
            return True
    elif _DOC_NAME.search(host) or _NARROW_PATH.search(path):
        return True
    before = text[max(0, m.start() - 40):m.start()]
    return bool(_DOC_PHRASE.search(before.rsplit("\n", 1)[-1]))
