"""The pattern table: what each piece of software prints, what it means, which causes.

Data only, one module per source (``curl.py``, ``java.py``...); the matcher lives in
``ingest/messages.py``. A pattern is (source, regex, meaning, causes with confidence,
provenance); ``spec`` ranks how specific it is, so when several lines of one input match,
the most specific statement wins ("certificate has expired" beats "curl: (60)").

Regexes are matched case-insensitively against single lines (no pattern may cross a
newline) and must not backtrack badly: bounded repeats only. ``needle`` is a lowercase
literal every match contains; the matcher checks it with ``in`` before running the regex,
which keeps both ``explain`` on huge input and ``logs`` fast.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from ...causes import Cause

__all__ = ["CATEGORY", "GENERIC", "PEER_READING_SOURCES", "REASON", "SERVER_SOURCES", "SPECIFIC",
           "Pattern", "Row", "all_patterns", "causes", "lazy_patterns", "sourced_table",
           "table"]

# Specificity tiers: a generic failure report < a category (an alert, an exit code) < the
# exact reason.
GENERIC, CATEGORY, SPECIFIC, REASON = 1, 2, 3, 4

# Sources whose lines are written by a *server*: an alert they mention was sent by the client.
# Jellyfin (round 16): its own lines are about the media server's HTTPS certificate.
# Round 17: the NRPE daemon, NSClient++'s listeners and Proxmox VE's pveproxy
# (patterns/monitoring17.py).
SERVER_SOURCES = frozenset({"nginx", "apache", "haproxy", "postfix", "dovecot", "exim",
                            "freeradius", "ihs", "jellyfin", "nrpe", "nscp", "pveproxy",
                            # round 17: etcd's TLS listener and start-up lines, nats-server's
                            # (patterns/cluster.py)
                            "etcd", "nats_server",
                            # Round 17: FTP servers' logs (patterns/ftp17.py); their replies
                            # reach the client too, whose own words say so (side.py).
                            "vsftpd", "proftpd", "pure_ftpd", "filezilla_server",
                            # Round 17: xrdp's and ocserv's logs (patterns/remote17.py)
                            "xrdp", "ocserv",
                            # lighttpd, hitch, CivetWeb (round 17): web servers' error logs,
                            # the TLS proxy's log (patterns/embedded17.py)
                            "lighttpd", "hitch", "civetweb"})
# Daemons that are client and server alike and say themselves whose certificate a verdict is
# about ("Remote server's certificate has expired", "peer ... did not provide a
# certificate"): on a server's log their reading of the line stands, as a server product's
# does (patterns/daemons.py, round 16).
PEER_READING_SOURCES = frozenset({"rsyslog", "syslog_ng", "fluentbit", "prosody", "ejabberd",
                                  "kamailio", "sofia_sip", "sendmail", "opensmtpd", "courier",
                                  "cyrus", "sssd", "cups"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Pattern:
    """A program's error wording, what it means, and the causes it points to."""
    source: str
    # The regular expression, matched case-insensitively; compiled on first use, because
    # the tables hold thousands and one text only ever reaches the few its literals admit.
    rx: str
    meaning: str  # one line; may use the regex's named groups: "{host}"
    causes: tuple[tuple[Cause, float], ...]  # most likely first; () = understood, no fault
    provenance: str  # the file or document of that software where the wording comes from
    spec: int = CATEGORY
    needle: str = ""  # lowercase literal contained in every match ("" = always try)
    # For a pattern "a|b|c" at the top level: one literal per branch, any must be present.
    needles: tuple[str, ...] = ()
    # When a *server* reports it (the alert came from the client), causes differ:
    # e.g. unknown_ca sent by a client means the client rejected the server's chain.
    server_causes: tuple[tuple[Cause, float], ...] | None = None
    # Causes when a server's *own* accept failed with it and the text says it is a server's
    # log (e.g. "certificate verify failed": the client's certificate). Unlike
    # server_causes (an alert, either side's), never blended in when no words say the side.
    own_reading: tuple[tuple[Cause, float], ...] | None = None
    id: str = field(default="")
    # The upstream identifier the wording comes from (SSL_R_..., GNUTLS_E_..., "" if none):
    # its text, repository, path and commit are in upstream/<source>.json.
    upstream: str = ""
    # Who prints it: "client" (a TLS client's own error) or "server" (a server's log).
    side: str = ""

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.rx)


@cache
def _compiled(rx: str) -> re.Pattern[str]:
    return re.compile(rx, re.IGNORECASE)


def lazy_patterns(namespace: dict[str, object],
                  build: Callable[[], tuple[Pattern, ...]]) -> Callable[[str], object]:
    """A module ``__getattr__`` that builds the module's ``PATTERNS`` on first use, for
    tables a decoder imports but a text may never need (OpenSSL's, the alerts')."""
    def getattr_(name: str) -> object:
        if name != "PATTERNS":
            raise AttributeError(f"module {namespace['__name__']!r} has no attribute {name!r}")
        namespace["PATTERNS"] = built = build()
        return built
    return getattr_


@cache
def causes(spec: str) -> tuple[tuple[Cause, float], ...]:
    """``"cert_expired:.9 client_clock_wrong:.1"`` -> ((Cause.CERT_EXPIRED, 0.9), ...).
    Cached: the tables repeat a few dozen verdicts over ~1,800 patterns."""
    out = []
    for item in spec.split():
        name, _, conf = item.partition(":")
        out.append((Cause(name), float(conf or 1.0)))
    return tuple(sorted(out, key=lambda c: -c[1]))


_META = set("()[]{}|?*+.^$\\")


def _derive_needle(rx: str) -> str:
    """The longest literal run that every match must contain, lowercased; "" if unsure."""
    best, depth, i = "", 0, 0
    run: list[str] = []

    def flush() -> None:
        nonlocal best, run
        if depth == 0 and len(run) > len(best):
            best = "".join(run)
        run = []

    while i < len(rx):
        ch = rx[i]
        if ch == "\\" and i + 1 < len(rx):
            nxt = rx[i + 1]
            if nxt in ".-:/()[]{}?*+|'\"_ ":
                run.append(nxt)
            else:
                flush()
            i += 2
            continue
        if ch == "[":  # a character class: not a literal, and may hold ( ) | itself
            flush()
            j = rx.find("]", i + 2)
            i = len(rx) if j < 0 else j + 1
            continue
        if ch in "?*{":
            if run:
                run.pop()  # the quantified atom is optional
            flush()
            if ch == "{":  # skip the bounds: "{0,40}" is a quantifier, not literal text
                j = rx.find("}", i)
                i = len(rx) if j < 0 else j + 1
                continue
        elif ch == "+":
            flush()
        elif ch == "(":
            flush()
            depth += 1
        elif ch == ")":
            flush()
            depth -= 1
        elif ch == "|":
            if depth == 0:
                return ""
            flush()
        elif ch in _META:
            flush()
        elif depth == 0:
            run.append(ch)
        i += 1
    flush()
    return best.lower().strip() if len(best.strip()) >= 3 else ""


def _top_level_branches(rx: str) -> list[str]:
    """``a|b(c|d)|e`` -> ["a", "b(c|d)", "e"] (alternatives outside any group)."""
    out, depth, cur, i = [], 0, [], 0
    while i < len(rx):
        ch = rx[i]
        if ch == "\\" and i + 1 < len(rx):
            cur.append(rx[i:i + 2])
            i += 2
            continue
        if ch == "[":  # a class may hold ( ) | literally
            j = rx.find("]", i + 2)
            j = len(rx) - 1 if j < 0 else j
            cur.append(rx[i:j + 1])
            i = j + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out


Row = (tuple[str, str, str] | tuple[str, str, str, int] | tuple[str, str, str, int, str]
       | tuple[str, str, str, int, str, str])


def table(source: str, provenance: str, rows: Sequence[Row], *,
          spec: int = CATEGORY, needle: dict[int, str] | None = None,
          side: str = "") -> tuple[Pattern, ...]:
    """Build a source's patterns from rows
    ``(regex, meaning, causes[, spec[, provenance[, needle]]])``.

    ``needle`` overrides the derived literal for rows by index (regexes with alternation);
    ``side``: every row's (a source only one peer prints), else the source's default.
    """
    out = []
    for n, row in enumerate(rows):
        rx, meaning, cs = row[0], row[1], row[2]
        sp = row[3] if len(row) > 3 else spec
        prov = row[4] if len(row) > 4 else provenance
        nd = (needle or {}).get(n)
        if nd is None and len(row) > 5:
            nd = row[5]
        if nd is None:
            nd = _derive_needle(rx)
        branches: tuple[str, ...] = ()
        if not nd:
            parts = _top_level_branches(rx)
            got = tuple(_derive_needle(b) for b in parts)
            if len(parts) > 1 and all(got):
                branches = tuple(g.lower() for g in got)
        out.append(Pattern(source=source, rx=rx, meaning=meaning,
                           causes=causes(cs), provenance=prov, spec=sp, needle=nd.lower(),
                           needles=branches, id=f"{source}.{n}", side=side))
    return tuple(out)


def sourced_table(tag: str, rows: Sequence[tuple[str, str, Row]]) -> tuple[Pattern, ...]:
    """One module's rows of several sources, each ``(source, side, row)``, each row with its
    own provenance (its fifth item; there is no module-wide one). Ids are
    ``<source>.<tag>.<n>`` with ``n`` counted over the whole list, so two modules (or two
    rows of one source) never share an id."""
    return tuple(replace(p, id=f"{source}.{tag}.{n}")
                 for n, (source, side, row) in enumerate(rows)
                 for p in table(source, "", [row], side=side))


# Pattern modules in matching order (a module's name is not always its source's: golang).
MODULES = ("openssl", "alerts", "curl", "python", "chrome", "nss", "java", "golang", "node",
           "dotnet", "gnutls", "rustls", "wget", "boringssl", "apple", "nginx", "apache",
           "haproxy", "postfix", "dovecot", "exim", "postgres", "plaintext", "system",
           "programs", "interception", "cdn", "registry", "mbedtls", "wolfssl", "erlang",
           "files", "stores", "castore", "wget_i18n", "php",
           "android", "ruby", "perl", "dart", "sni", "hostcheck", "mysql", "mariadb",
           "mongodb", "redis", "kafka", "clickhouse", "elasticsearch", "dbhosts", "wrappers",
           "devices", "openldap", "weechat", "revocation_data", "server_keys",
           "cert_pages", "frameworks", "frameworks3", "eap", "enterprise", "desktop16",
           "daemons", "windows_net", "javaks", "mono17", "monitoring17", "cluster", "tools17",
           "ftp17", "remote17", "embedded17", "wild18", "networds",
           "words20", "words21", "clients21", "clients22", "words23",
           # round 24: holdout25's classes
           "words24",
           # round 24: in-text misses
           "words24b",
           # round 24: newly harvested families
           "harvest24",
           # round 24: holdout26's classes
           "words24c",
           # round 24: holdout27's classes
           "words24d",
           # round 25: in-text misses
           "words25",
           # round 25: newly harvested families
           "harvest25",
           # round 25: holdout28's classes
           "words25b",
           # round 25: holdout30's classes
           "words25d",
           # round 25: holdout29's classes
           "words25c",
           # round 25: holdout31's classes
           "words25e",
           # round 26: in-text misses
           "words26",
           # round 26: holdout32's classes
           "words26b",
           # round 26: newly harvested families
           "harvest26",
           # round 26: holdout33's classes
           "words26c",
           # round 26: holdout34's and holdout35's classes
           "words26d",
           # round 27: newly harvested families
           "harvest27",
           # round 27: in-text misses
           "words27",
           # round 27: holdout36's classes
           "words27b",
           # round 27: holdout37's classes
           "words27c",
           # round 28: in-text misses
           "words28",
           # round 28: holdout40's classes
           "words28_h40",
           # round 28: newly harvested families
           "harvest28")
# What this machine's own TLS stack (Python's ssl on OpenSSL) prints: all a live
# diagnosis needs to read its local client's error.
LOCAL_MODULES = ("openssl", "alerts", "python", "system")


def all_patterns(modules: Sequence[str] = MODULES) -> tuple[Pattern, ...]:
    """Every pattern of ``modules`` (default: every source), in a stable order. Modules
    are imported here, on demand: building the harvested tables is the costly part."""
    out: list[Pattern] = []
    for name in modules:
        out.extend(importlib.import_module(f"{__name__}.{name}").PATTERNS)
    return tuple(out)
