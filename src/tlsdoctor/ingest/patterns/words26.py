"""Round 26: in-text misses, read as the classes of wording they belong to.

- Internet Explorer 11's page for a TLS negotiation it could not finish ("This page can't be
  displayed" with "Turn on TLS 1.0, TLS 1.1, and TLS 1.2 in Advanced settings and try
  connecting to <url> again. If this error persists, it is possible that this site uses an
  unsupported protocol or cipher suite such as RC4 ..."): the browser's own advice names the
  versions in its Internet Options (Advanced tab, "Use TLS 1.x") and, second, the suites. IE
  shows it when Schannel found no version or no suite in common (the page's own words); the
  versions first, as the page puts them (threads quoting it: engintron/engintron#701, the
  server's suite list; an RSA Authentication Manager console that spoke TLS 1.0 only to a
  browser left with TLS 1.2). Its legacy-Edge/IE sibling "Can't connect securely to this
  page. This might be because the site uses outdated or unsafe TLS security settings" says
  the same (pnp/sp-dev-fx-webparts#911, iddmaxwell/optimisebills#134 quote it), with "Your
  TLS security settings aren't set to the defaults" when the browser's own settings were
  changed (the client's setting first then).
"""

from __future__ import annotations

from . import SPECIFIC, Pattern, Row, sourced_table

_IE = ("Internet Explorer 11 / legacy Edge error pages as printed (ieframe.dll; quoted in "
       "engintron/engintron#701, pnp/sp-dev-fx-webparts#911, iddmaxwell/optimisebills#134)")
_VERSIONS = ("protocol_version_mismatch:.45 cipher_suite_mismatch:.35 "
             "client_misconfiguration:.2")
_OWN_SETTINGS = ("client_misconfiguration:.45 protocol_version_mismatch:.35 "
                 "cipher_suite_mismatch:.2")

_ROWS: list[tuple[str, Row]] = [
    ("ie", (r"\bTurn on (?:SSL 3\.0, )?TLS 1\.0, TLS 1\.1,? and TLS 1\.2 in (?:the )?Advanced "
            r"settings and try connecting to\b",
            "Internet Explorer could not agree on a TLS version or cipher suite with the server "
            "(its page: turn on TLS 1.0-1.2 in Advanced settings; the site may use an "
            "unsupported protocol or suite)", _VERSIONS, SPECIFIC, _IE, "advanced settings")),
    ("ie", (r"\bThis might be because the site uses outdated or unsafe TLS security settings\b"
            r"(?![\s\S]{0,600}?\bYour TLS security settings aren[’']t set to the defaults)",
            "Internet Explorer/Edge could not connect securely: the site's TLS settings "
            "(version or suites) and the browser's did not meet", _VERSIONS, SPECIFIC, _IE,
            "outdated or unsafe tls")),
    ("ie", (r"\bYour TLS security settings aren[’']t set to the defaults, which could also be "
            r"causing this error\b",
            "Internet Explorer/Edge could not connect securely, and its own TLS settings "
            "(Internet Options, Advanced) are not the defaults", _OWN_SETTINGS, SPECIFIC, _IE,
            "tls security settings")),
]

# Every row here is a client's own words.
PATTERNS: tuple[Pattern, ...] = sourced_table("r26", [(source, "client", row)
                                                      for source, row in _ROWS])
