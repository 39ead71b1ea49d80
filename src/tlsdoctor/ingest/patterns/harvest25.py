"""Round 25: ten more program families whose own wording no table held, harvested from
their own source (scripts/harvest/harvest25.py into upstream/<source>.json, judged in
judgement/<source>.py).

- ``librdkafka``: the Kafka client's handshake hints ("connecting to a PLAINTEXT broker
  listener?", "broker certificate could not be verified, verify that ssl.ca.location
  ...", "client SSL authentication might be required"), its broker verify line and the
  ssl.* configuration errors rd_kafka_new() returns.
- ``busybox``: BusyBox's TLS client, "TLS error from peer (alert code N): <text>" per
  alert code, its key-exchange limits and wget's certificate note.
- ``sqlclient`` and ``mssql_jdbc``: SQL Server's .NET and JDBC drivers (the pre-login
  sentence, the SNI errors, the JDBC SSL messages in both wordings).
- ``rubygems``: RubyGems' verify lines ("ERROR:  You must add ... to your local trusted
  store") and Bundler's CertificateFailureError.
- ``ansible``: urls.py's "Failed to validate the SSL certificate for h:p. ..." (2.16 and
  older) and its SNI advice.
- ``asterisk``: the TCP/TLS layer's log lines (a server's or a client's: no side).
- ``apk``: apk 3's "TLS: ..." and "DNS: ..." texts.
- ``composer``: secure-http and the openssl extension checks; Symfony's console wraps a
  long message across lines, so the first words are read across line breaks too.
- ``grpc_core``: the peer-name and ALPN checks after gRPC's handshake.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import Pattern
from .harvested import _PLACEHOLDER, Entry, text_regex, upstream_patterns

# RubyGems' verify lines ("Certificate %s is rejected") are short and ordinary: only
# after the "ERROR:  " its UI prints them with (Gem::UserInteraction#alert_error).
_GEM_SHORT = re.compile(r"^V_ERR_")


def _gem_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    got = text_regex(entry.text, context=False)
    if got is not None and _GEM_SHORT.match(entry.id):
        # alert_error's own "ERROR:  " (upper case, two spaces; a log collector may put its
        # prefix before it): another program's "error: Certificate ... is NOT trusted" is
        # not RubyGems'
        yield ("ui", r"(?<![A-Za-z0-9_])(?-i:ERROR):  " + got[0], got[1])


def _rubygems() -> tuple[Pattern, ...]:
    return tuple(p for p in upstream_patterns("rubygems", "RubyGems/Bundler", side="client",
                                              extra_forms=_gem_forms)
                 if not (_GEM_SHORT.match(p.upstream) and p.id.endswith(".text")))


def _lead_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    """The first words of a long message (up to its first value), whatever white space a
    console's wrapping put between them."""
    lead = _PLACEHOLDER.split(entry.text, maxsplit=1)[0]
    words = lead.split()[:8]
    if len(words) >= 6:
        yield ("lead", r"\b" + r"\s+".join(map(re.escape, words)) + r"\b",
               max(words, key=len).lower())


# librdkafka's configuration errors that are other programs' words too ("Private key check
# failed" is .NET's and OpenSSL users' as well): only after rd_kafka_new()'s own lead.
_RDK_SHARED = frozenset({"Private key check failed: ", "SSL_CTX_new() failed: "})
_RDK_NEW = r"Failed to create (?:producer|consumer|\w{1,20}): "


def _rdk_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    got = text_regex(entry.text, context=False)
    if got is not None and entry.id in _RDK_SHARED:
        yield ("new", _RDK_NEW + got[0], got[1])


def _librdkafka() -> tuple[Pattern, ...]:
    return tuple(p for p in upstream_patterns("librdkafka", "librdkafka", side="client",
                                              extra_forms=_rdk_forms)
                 if not (p.upstream in _RDK_SHARED and p.id.endswith(".text")))


PATTERNS: tuple[Pattern, ...] = (
    _librdkafka()
    + upstream_patterns("busybox", "BusyBox TLS", side="client")
    + upstream_patterns("sqlclient", "Microsoft.Data.SqlClient", side="client")
    + upstream_patterns("mssql_jdbc", "Microsoft JDBC Driver for SQL Server", side="client")
    + _rubygems()
    + upstream_patterns("ansible", "Ansible", side="client")
    + upstream_patterns("asterisk", "Asterisk", side="")
    + upstream_patterns("apk", "apk-tools", side="client")
    + upstream_patterns("composer", "Composer", side="client", extra_forms=_lead_forms)
    + upstream_patterns("grpc_core", "gRPC", side="client")
)
