"""Round 18: programs a wild sample of threads showed printing TLS words of their own that no
table read, or read as another program's (and so on the wrong side).

- lychee (lycheeverse/lychee, the link checker, a client): lychee-lib/src/utils/reqwest.rs
  turns reqwest's error chain into one sentence of its own ("SSL certificate not trusted.
  Use --insecure if site is trusted") that its CLI prints after the link ("[ERROR] <url> |
  <sentence>"), or inside "Network error: <sentence> (<reqwest's error>)" (types/error.rs);
- trojan (trojan-gfw/trojan, a TLS proxy: server and client in one program): its sessions log
  "SSL handshake failed: <Boost.Asio's OpenSSL reason>" (server, src/session/serversession.cpp)
  or "SSL handshake failed with <host>:<port>: <reason>" (its client, forward and NAT sessions),
  each after "[YYYY-MM-DD hh:mm:ss] [LEVEL] <peer ip>:<port> " (src/core/log.cpp).
"""

from __future__ import annotations

import re

from .common import Harvest, git_origin

_LYCHEE_LINE = "[ERROR] https://example.com/ | %TEXT%"


def lychee() -> Harvest:
    h = Harvest("lychee")
    o = git_origin("lycheeverse/lychee")
    path = "lychee-lib/src/utils/reqwest.rs"
    src = o.read(path)
    cert = src[src.index("fn analyze_certificate_error"):src.index("fn analyze_hyper_error")]
    # the sentences each rule gives (the rules' keywords are reqwest's words, not lychee's)
    texts = re.findall(r'^\s*"(SSL certificate [^"\n]{5,200})",?\s*$', cert, re.M)
    texts += re.findall(r'\.fallback\("([^"\n]+)"\)', cert)
    for name in ("TLS handshake failed. Check SSL/TLS configuration",
                 "TLS protocol version mismatch. The client and server cannot agree on a TLS "
                 "version. This is often due to outdated system TLS libraries or the server TLS "
                 "settings."):
        assert f'"{name}"' in src, name
        texts.append(name)
    for text in dict.fromkeys(texts):
        h.add(o, path, text, text, "message", form=_LYCHEE_LINE)
    wrapper = "Network error: {analysis} ({error})"
    assert wrapper in o.read("lychee-lib/src/types/error.rs")
    h.add(o, "lychee-lib/src/types/error.rs", "Network error: %s (%s)", "Network error: %s (%s)",
          "wrapper", form="Network error: %TEXT% (error sending request for url "
                          "(https://example.com/))")
    return h


_TROJAN_AT = "[2026-12-06 08:00:00] [ERROR] 203.0.113.7:51234 %TEXT%"


def trojan() -> Harvest:
    h = Harvest("trojan")
    o = git_origin("trojan-gfw/trojan")
    assert '"[%Y-%m-%d %H:%M:%S] "' in o.read("src/core/log.cpp")
    for path in ("src/session/serversession.cpp", "src/session/clientsession.cpp",
                 "src/session/forwardsession.cpp", "src/session/natsession.cpp",
                 "src/session/udpforwardsession.cpp"):
        src = o.read(path)
        if '"SSL handshake failed: " + error.message()' in src:
            h.add(o, path, "SSL handshake failed: %s", "SSL handshake failed: %s", "server_log",
                  form=_TROJAN_AT)
        if '"SSL handshake failed with " + config.remote_addr' in src:
            h.add(o, path, "SSL handshake failed with %s:%d: %s",
                  "SSL handshake failed with %s:%d: %s", "client_log", form=_TROJAN_AT)
    return h
