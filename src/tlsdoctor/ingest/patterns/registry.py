"""A non-TLS answer from a big public registry or code host.

Round 5 also read chain-trust failures against these hosts here; since round 12 that is one
rule for every host and context, ``ingest/trust_context.py`` (the host list is
``ingest/hostclass.py``'s ``PUBLIC_DOMAINS``). What stays is the plaintext answer below.
"""

from __future__ import annotations

from . import REASON, table

# Package registries and code hosts (their own documented hostnames).
_HOSTS = (r"registry\.npmjs\.org|registry\.yarnpkg\.com|pypi\.org|files\.pythonhosted\.org|"
          r"rubygems\.org|index\.rubygems\.org|(?:index|registry-1|auth)\.docker\.io|"
          r"(?:api\.|codeload\.)?github\.com|(?:raw|objects)\.githubusercontent\.com|"
          r"repo1?\.maven(?:\.apache)?\.org|plugins\.gradle\.org|services\.gradle\.org|"
          r"(?:proxy|sum)\.golang\.org|(?:static\.|index\.)?crates\.io|api\.nuget\.org|"
          r"(?:repo\.)?packagist\.org|conda\.anaconda\.org|repo\.anaconda\.com|"
          r"ghcr\.io|quay\.io|gcr\.io|nodejs\.org")
# The host being talked to, not a name inside a path: after "://" or "user@", or standing
# alone (a quoted host=, a bare host) and not followed by "/". Round 11: Go's module paths
# ("module github.com/x/y: Get \"https://goproxy.cn/github.com/x/y/@v/list\"") and mirror
# URLs name a code host the client never connected to; the mirror's failure says nothing
# about that host's chain (dev: 1 thread, a broken local store against goproxy.cn).
_HOST = (rf"(?:(?<=://)|(?<=@))(?:{_HOSTS})\b|"
         rf"(?<![\w./@:-])(?:{_HOSTS})\b(?!/)")
# Round 6: "the reply is not TLS" from one of these hosts. They serve TLS on 443 to
# everyone, so a plaintext answer came from something on the path (a network that only lets
# traffic out through its HTTP proxy, a captive portal) or from a proxy setting of this
# client, not from the host's port. Dev: 1 of 1 thread (git over GnuTLS to github.com on a
# network needing its proxy). GnuTLS 3.7.9's gnutls-cli prints "An unexpected TLS packet
# was received" for an HTTP or SMTP answer (measured here), so the words alone stay a
# plaintext port; only the host moves them.
_NOT_TLS = (r"An unexpected TLS packet was received|wrong version number|WRONG_VERSION_NUMBER|"
            r"first record does not look like a TLS handshake|"
            r"A TLS packet with unexpected length was received")
_RX_NOT_TLS = (rf"(?:{_HOST})[^\n]{{0,300}}?(?:{_NOT_TLS})|"
               rf"(?:{_NOT_TLS})[^\n]{{0,300}}?(?:{_HOST})")

PATTERNS = table("registry", "public registries and code hosts (see module docstring)", [
    (_RX_NOT_TLS, "a public registry or code host answered with something that is not TLS: "
                  "it serves TLS on 443 to everyone, so the answer came from the network "
                  "(its proxy, a captive portal) or this client's proxy setting",
     "middlebox_or_firewall_interference:.45 client_misconfiguration:.35 "
     "non_tls_service_on_port:.2", REASON + 1),
])
