"""Error text -> recognised statements (evidence): what each line says, who said it.

The knowledge is data (``ingest/patterns/``); this module only matches it. The causes
are judged in ``tlsdoctor.diagnosis`` (``api.text.explain`` puts the two together). Matching is
per line with a cheap needle test before each regex, plus three decoders for numbers:
packed OpenSSL error codes (1.0.x/1.1.x ``lib<<24|func<<12|reason``, 3.x
``lib<<23|reason``; include/openssl/err.h ERR_PACK), X509 verify results (``num=20``,
``Verify return code: 20``) and TLS alert numbers. When several lines match, the most
specific statement wins; causes from vaguer lines are dropped, never added as guesses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache

from ..addresses import labels_ok
from ..causes import Cause
from ..evidence import Evidence, Source, Statement
from ..probe.target import Target
from ..safe import printable
from . import (
    cause_names,
    certnames,
    eap_context,
    given_store,
    ldap_trace,
    own_material,
    pattern_cache,
    plain_context,
    refusal,
    server_log,
    trust_context,
    version_context,
    vocabulary,
)
from . import stage as stage_mod
from .clock import DATE_CAUSES, clock_reading
from .doclinks import is_doc_link
from .eap_context import EAP_IDS, EAP_PREFIX
from .elixir_terms import erlang_form
from .expired_ca import expired_ca, path_expired
from .number_keys import number_keys, text_tokens
from .patterns import (
    CATEGORY,
    GENERIC,
    MODULES,
    PEER_READING_SOURCES,
    REASON,
    SERVER_SOURCES,
    SPECIFIC,
    Pattern,
    all_patterns,
    causes,
    l10n,
)
from .patterns.alerts import ALERT_NUMBER_RX, QUOTING_FORMS, SENT_FORMS, alert_causes
from .patterns.harvested import guesses
from .patterns.openssl import lib_reason_causes, reason_causes, server_reading, verify_causes
from .patterns.words27 import PROGRAM_MARKS
from .posting import newlines_unescaped, quote_folded, script_spaced, single_case
from .shown_now import PROVENANCE as SHOWN_PROVENANCE
from .shown_now import shown_now
from .side import server_words, side_said

__all__ = ["MAX_INPUT", "READINGS", "Match", "find_matches", "lead", "next_command",
           "statements", "text_evidence"]

MAX_INPUT = 262_144  # characters looked at: a message, not a file; the rest is ignored
MAX_MATCHES = 200  # per input: bounded work whatever the input repeats
_SAID_CAP = 400  # characters of a statement's matched words kept (Match.said)
_JOIN_LIMIT = 65_536  # only smaller inputs are also matched with their line breaks removed

Causes = tuple[tuple[Cause, float], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    """One statement recognised in the input."""

    pattern_id: str
    source: str
    meaning: str
    causes: Causes
    spec: int
    provenance: str
    evidence: str  # the line it was found on, made printable and capped
    host: str = ""  # a host name the statement names, validated ("" if none; ":port" may follow)
    server_causes: Causes | None = None
    own_reading: Causes | None = None  # see Pattern.own_reading: a known server's log only
    span: int = 0  # characters the statement covered: the longer, the more the program's own
    # The words matched (capped): lead() tells a program's own words from words others print
    # too (round 27). "" for statements that are readings, not a table's words.
    said: str = ""


# (patterns always tried, trigram -> patterns, number token -> patterns): see _build_index
Index = tuple[tuple[int, ...], dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]


@lru_cache(maxsize=4)
def _tables(modules: tuple[str, ...] = MODULES) -> tuple[tuple[Pattern, ...], Index]:
    """The patterns of ``modules`` and their index, from the on-disk cache when today's
    sources built them before (pattern_cache: ~1 s of CPU saved per run)."""
    def build() -> tuple[tuple[Pattern, ...], Index]:
        pats = all_patterns(modules)
        return pats, _build_index(pats)

    def check(value: object) -> bool:
        return (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], tuple)
                and all(isinstance(p, Pattern) for p in value[0][:1])
                and isinstance(value[1], tuple) and len(value[1]) == 3)

    return pattern_cache.load_or_build("messages:" + ",".join(modules), build, check)


def _patterns(modules: tuple[str, ...] = MODULES) -> tuple[Pattern, ...]:
    return _tables(modules)[0]


def _index(modules: tuple[str, ...] = MODULES) -> Index:
    return _tables(modules)[1]


def _build_index(pats: tuple[Pattern, ...]) -> Index:
    """(patterns to always try, trigram -> patterns whose literal contains it, number token
    -> patterns whose every match contains it).

    Every literal a pattern requires contains each of its trigrams, so a text lacking the
    trigram cannot match: one set intersection replaces a thousand substring tests. Each
    literal is filed under its rarest trigram, to keep the candidate lists short. Round 27:
    a pattern that fences an error number with non-digits (ingest/number_keys.py) is filed
    under that number instead: its digits' trigrams are in any big log's times and ports.
    """
    keys = [[p.needle] if p.needle else list(p.needles) for p in pats]
    freq: dict[str, int] = {}
    for ks in keys:
        for k in ks:
            for g in {k[i:i + 3] for i in range(len(k) - 2)}:
                freq[g] = freq.get(g, 0) + 1
    always: list[int] = []
    idx: dict[str, list[int]] = {}
    numbers: dict[str, list[int]] = {}
    for i, ks in enumerate(keys):
        tokens = number_keys(pats[i].rx)
        if tokens:
            for t in tokens:
                numbers.setdefault(t, []).append(i)
            continue
        if not ks or any(len(k) < 3 for k in ks):
            always.append(i)
            continue
        for k in ks:
            g = min((k[j:j + 3] for j in range(len(k) - 2)), key=lambda t: (freq[t], t))
            idx.setdefault(g, []).append(i)
    return (tuple(always), {g: tuple(v) for g, v in idx.items()},
            {t: tuple(v) for t, v in numbers.items()})


# The tables whose first text has been matched. The first text is tested against every
# pattern's needle (a few hundred microseconds for a line) instead of building the
# trigram index (~20 ms, a tenth of a live diagnosis, which reads one error line); the
# index pays off from the second text on (a log, many lines). Both give the same
# candidates: a pattern whose literal is in the text has the trigram it is filed under.
_SCANNED: set[tuple[str, ...]] = set()


def _candidates(text: str, lower: str, modules: tuple[str, ...]) -> Iterable[int]:
    if modules not in _SCANNED and len(lower) < 4096:
        _SCANNED.add(modules)
        return range(len(_patterns(modules)))  # the needle tests in _match_one filter
    always, idx, numbers = _index(modules)
    grams = {lower[i:i + 3] for i in range(len(lower) - 2)}
    found = set(always)
    for g in grams.intersection(idx):
        found.update(idx[g])
    for t in text_tokens(text).intersection(numbers):
        found.update(numbers[t])
    if len(lower) > _LONG:
        pats = _patterns(modules)
        return [i for i in sorted(found) if _grams_in(pats[i], grams)]
    return sorted(found)


# Round 27: in a long text nearly every trigram is there, so thousands of rows pass the index
# and _match_one's needle test then reads the whole text once per row (0.24 s per 200 KB).
# A needle is in the text only if all its trigrams are: checked in the set, that leaves a
# quarter of them to the test.
_LONG = 4096


def _grams_in(p: Pattern, grams: set[str]) -> bool:
    """Whether every trigram of the pattern's needle (of one of its needles) is in ``grams``."""
    if p.needle:
        return all(p.needle[j:j + 3] in grams for j in range(len(p.needle) - 2))
    return not p.needles or any(all(n[j:j + 3] in grams for j in range(len(n) - 2))
                                for n in p.needles)


# --- decoders for numbers ------------------------------------------------------------------

# Round 20: SWI-Prolog's library(ssl) prints OpenSSL's error as "SSL(<code>) <function>:
# <reason>" (packages-ssl ssl.pl prolog:error_message(ssl_error(...)) 'SSL(~w) ~w: ~w',
# the parts of ERR_error_string_n cut at ':' in cryptolib.c ssl_error_term, @ 751f611ee162);
# without OpenSSL's strings loaded the parts are "func(119): reason(252)", so the code is
# all the text says.
_PACKED = re.compile(r"\berror:(?P<code>[0-9A-Fa-f]{8})\b(?::(?P<lib>[^:\n]{0,40}):"
                     r"(?P<func>[^:\n]{0,80}))?|\bSSL\((?P<swi>[0-9A-Fa-f]{8})\)")
_VERIFY = re.compile(r"(?:\bverify error:|\b)num=(?P<num>\d{1,3})\b|\bVerify return code: "
                     r"(?P<num2>\d{1,3})\b", re.IGNORECASE)
_SRC_ERR = "OpenSSL include/openssl/err.h (ERR_PACK), ssl/ssl_err.c"
_SRC_VFY = "OpenSSL include/openssl/x509_vfy.h, crypto/x509/x509_txt.c"
_SRC_ALERT = "RFC 8446 §6.2, RFC 5246 §7.2.2, IANA TLS Alerts registry"
_SRC_CONTEXT = ("tlsdoctor ingest/trust_context.py: the text's context (host, environment "
                "and client-store words); docs/explain-upstream.md round 12")


def _decode_packed(code: str, func: str) -> tuple[str, str, Causes, int, int | None] | None:
    """(meaning, name, causes, spec, alert number or None) for an OpenSSL packed code."""
    if "OPENSSL_internal" in func:
        return None  # BoringSSL numbers its reasons differently; its names are matched
    c = int(code, 16)
    if c >> 24 == 0x14:  # OpenSSL 1.0.x / 1.1.x: ERR_LIB_SSL (20) in the top byte
        reason, version = c & 0xFFF, "1.0/1.1"
    elif not c & 0x80000000 and (c >> 23) & 0xFF == 20:  # OpenSSL 3.x: lib in bits 23-30
        reason, version = c & 0x7FFFFF, "3.x"
    else:
        return _decode_other_lib(code, c)
    if reason >= 1000:  # SSL_AD_REASON_OFFSET: a TLS alert the peer sent
        info = alert_causes(reason - 1000)
        if info is None:
            return None
        name, causes, spec = info
        return (f"OpenSSL {version} error {code.upper()}: the peer sent TLS alert "
                f"{reason - 1000} ({name})", name, causes, spec, reason - 1000)
    got = reason_causes(reason)
    if got is None:
        return None
    name, text, causes, spec = got
    return (f"OpenSSL {version} error {code.upper()}: {text} (SSL_R_{name})", name, causes,
            spec, None)


def _decode_other_lib(code: str, c: int) -> tuple[str, str, Causes, int, int | None] | None:
    """X509, X509V3 and PEM reasons: 1.x packs lib<<24|func<<12|reason, 3.x lib<<23|reason."""
    for lib, reason, version in ((c >> 24, c & 0xFFF, "1.0/1.1"),
                                 ((c >> 23) & 0xFF, c & 0x7FFFFF, "3.x")):
        got = lib_reason_causes(lib, reason)
        if got is not None and not c & 0x80000000:
            name, text, causes, spec = got
            return (f"OpenSSL {version} error {code.upper()}: {text} ({name})", name, causes,
                    spec, None)
    return None


_HOST_OK = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.?)*|\[[0-9A-Fa-f:.]{2,45}\])$")
_HOST_RXS = (
    # a URL's user name and password before "@" are not its host
    re.compile(r"\bhttps?://(?:[^\s/?#@'\"<>]{1,200}@)?"
               r"(?P<host>\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9.-]{1,253})"
               r"(?::(?P<port>\d{1,5}))?(?P<path>/[^\s'\"<>)\]]{0,300})?", re.IGNORECASE),
    re.compile(r"HTTPSConnectionPool\(host='(?P<host>[^'\s]{1,253})', port=(?P<port>\d{1,5})\)"),
    re.compile(r"\bin connection to (?P<host>[A-Za-z0-9.-]{1,253}):(?P<port>\d{1,5})"),
    # curl -v: "* Connected to expired.badssl.com (104.154.89.105) port 443"
    re.compile(r"\bConnected to (?P<host>[A-Za-z0-9.-]{1,253}) \([^)\n]{0,60}\) port "
               r"(?P<port>\d{1,5})"),
    re.compile(r"\b(?:Failed to connect to|Could not resolve host:) (?P<host>[A-Za-z0-9.-]{1,253})"
               r"(?: port (?P<port>\d{1,5}))?"),
    re.compile(r"-connect (?P<host>[A-Za-z0-9.-]{1,253}):(?P<port>\d{1,5})"),
    re.compile(r"\bConnecting to (?P<host>[A-Za-z0-9.-]{1,253}) \([^)\n]{0,260}\)\|[^|\n]{1,60}\|:"
               r"(?P<port>\d{1,5})"),
    re.compile(r"\bconnect(?:ing)? to (?P<host>[A-Za-z0-9.-]{1,253}):(?P<port>\d{1,5})"),
)


def _valid_host(host: str) -> str:
    host = host.strip().rstrip(".")
    if not host or len(host) > 253 or not _HOST_OK.match(host) or host.lower() in ("host", "redacted"):
        return ""
    if not labels_ok(host):  # "a..b": a name diagnose refuses is no command to paste
        return ""
    return host


def next_command(text: str, matches: Iterable[Match] = ()) -> str:
    """The ``tlsdoctor diagnose`` command that would confirm it (HOST when no name is given).

    Only validated host names and ports reach the command: it is meant to be pasted. Links to
    documentation printed beside an error (curl's "More details here: https://curl.se/...",
    Python's docs, Microsoft Learn...) are never taken for the server.
    """
    for rx in _HOST_RXS:
        for m in rx.finditer(text):
            if "path" in m.groupdict() and is_doc_link(text, m):
                continue
            host = _valid_host(m.group("host"))
            if host:
                port = m.groupdict().get("port")
                if port and port != "443" and 0 < int(port) < 65536:
                    return f"tlsdoctor diagnose {host}:{int(port)}"
                return f"tlsdoctor diagnose {host}"
    for mt in matches:
        if mt.host:
            return f"tlsdoctor diagnose {mt.host}"
    return "tlsdoctor diagnose HOST"


# --- matching ------------------------------------------------------------------------------

def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return printable(text[start:end if end >= 0 else len(text)].strip(), limit=400)


def _fmt(meaning: str, groups: dict[str, str | None]) -> str:
    safe = {k: printable(v or "", limit=120) for k, v in groups.items()}
    try:
        return meaning.format(**safe)
    except (KeyError, IndexError, ValueError):
        return meaning


# Pattern regexes with case ignored, compiled on first use (a pattern whose needle a
# single-case text contains): for text a logger lower- or upper-cased (posting.single_case).
# A name matched case-sensitively elsewhere ("(?-i:SSL_R_...)", an identifier) is matched in
# any case here: the logger, not the program, changed it.
_CASE_BLIND: dict[str, re.Pattern[str]] = {}


def _case_blind(p: Pattern) -> re.Pattern[str]:
    rx = _CASE_BLIND.get(p.id)
    if rx is None:
        rx = re.compile(p.regex.pattern.replace("(?-i:", "(?:"), p.regex.flags | re.IGNORECASE)
        _CASE_BLIND[p.id] = rx
    return rx


_PACKED_ANY_CASE = re.compile(_PACKED.pattern, re.IGNORECASE)


def _match_packed(text: str, out: list[Match], seen: set[str], *, any_case: bool) -> None:
    """OpenSSL's packed error codes ("error:0A000086:..."), decoded by number."""
    for m in (_PACKED_ANY_CASE if any_case else _PACKED).finditer(text):
        if len(out) >= MAX_MATCHES:
            return
        code = m.group("code") or m.group("swi")
        key = f"openssl.packed.{code.upper()}"
        if key in seen:
            continue
        seen.add(key)
        dec = _decode_packed(code, m.group("func") or "")
        if dec is None:
            continue
        meaning, name, causes, spec, alert = dec
        row = None if alert is None else alert_causes(alert, server_side=True)
        server = None if row is None else row[1]
        out.append(Match(pattern_id=key, source="openssl", meaning=meaning, causes=causes,
                         spec=spec, provenance=_SRC_ERR, evidence=_line_at(text, m.start()),
                         server_causes=server, span=m.end() - m.start(),
                         said=m.group(0)[:_SAID_CAP],
                         own_reading=server_reading(name) if row is None else None))


def _match_verify(text: str, out: list[Match], seen: set[str]) -> None:
    """OpenSSL's numbered verify results ("verify error:num=20")."""
    for m in _VERIFY.finditer(text):
        if len(out) >= MAX_MATCHES:
            return
        num = int(m.group("num") or m.group("num2"))
        key = f"openssl.verify.{num}"
        if key in seen:
            continue
        seen.add(key)
        (name, vtext), causes = verify_causes(num)
        out.append(Match(pattern_id=key, source="openssl",
                         meaning=f"certificate verification result {num}: {vtext} "
                                 f"(X509_V_ERR_{name})",
                         causes=causes, spec=REASON if causes else CATEGORY,
                         provenance=_SRC_VFY, evidence=_line_at(text, m.start()),
                         # a server verifying *client* certificates
                         server_causes=((Cause.CLIENT_CERT_REQUIRED, 1.0),) if causes
                         else None, span=m.end() - m.start(),
                         said=m.group(0)[:_SAID_CAP]))


def _match_alert_numbers(text: str, out: list[Match], seen: set[str]) -> None:
    """TLS alerts given by number ("alert number 48")."""
    for m in ALERT_NUMBER_RX.finditer(text):
        if len(out) >= MAX_MATCHES:
            return
        num = int(m.group("num"))
        key = f"alert.number.{num}"
        info = alert_causes(num)
        if key in seen or info is None:
            continue
        seen.add(key)
        name, causes, spec = info
        sinfo = alert_causes(num, server_side=True)
        out.append(Match(pattern_id=key, source="tls_alert",
                         meaning=f"TLS alert {num} ({name})", causes=causes,
                         spec=max(spec, SPECIFIC) if spec >= SPECIFIC else spec,
                         provenance=_SRC_ALERT, evidence=_line_at(text, m.start()),
                         server_causes=None if sinfo is None else sinfo[1],
                         span=m.end() - m.start(), said=m.group(0)[:_SAID_CAP]))


def _match_one(text: str, lower: str, out: list[Match], seen: set[str],
               modules: tuple[str, ...] = MODULES, *, any_case: bool = False) -> None:
    _match_packed(text, out, seen, any_case=any_case)
    if "num" in lower or "verify return code" in lower:
        _match_verify(text, out, seen)
    if "alert" in lower:
        _match_alert_numbers(text, out, seen)
    if len(out) >= MAX_MATCHES:
        return
    pats = _patterns(modules)
    listed = _guessed(text)
    for i in _candidates(text, lower, modules):
        p = pats[i]
        if len(out) >= MAX_MATCHES:
            return
        if p.id in seen or (p.needle and p.needle not in lower):
            continue
        if p.needles and not any(n in lower for n in p.needles):
            continue
        found = (_case_blind(p) if any_case else p.regex).search(text)
        if found is None:
            continue
        if listed and _in_guesses(listed, p.source, found):
            continue
        seen.add(p.id)
        groups = found.groupdict()
        out.append(Match(pattern_id=p.id, source=p.source, meaning=_fmt(p.meaning, groups),
                         causes=p.causes, spec=p.spec, provenance=p.provenance,
                         evidence=_line_at(text, found.start()),
                         host=_valid_host(groups.get("host") or ""),
                         server_causes=p.server_causes, own_reading=p.own_reading,
                         span=found.end() - found.start(), said=found.group(0)[:_SAID_CAP]))


def _guessed(text: str) -> tuple[frozenset[str], list[tuple[int, int]]] | None:
    """(the sources that print them, spans) of the program's lists of possible causes in
    ``text`` (patterns/harvested.guesses), None when it holds none."""
    rx, sources = guesses()
    if rx is None:
        return None
    spans = [m.span() for m in rx.finditer(text)]
    return (sources, spans) if spans else None


def _in_guesses(listed: tuple[frozenset[str], list[tuple[int, int]]], source: str,
                found: re.Match[str]) -> bool:
    """Another program's words inside a program's list of guesses (harvested.guesses)."""
    return source not in listed[0] and any(a <= found.start() and found.end() <= b
                                           for a, b in listed[1])


_L10N = ("l10n",)


def _match_translated(text: str, out: list[Match], seen: set[str]) -> None:
    """The translated catalogs' sentences (patterns/l10n.py), in their normal form. Only
    for a text with letters outside ASCII or a browser's error code, or one nothing
    English recognised: English output never pays for the ~3,000 translations."""
    _match_wrapped(l10n.normalise(text), out, seen, _L10N)


def _match_wrapped(text: str, out: list[Match], seen: set[str],
                   modules: tuple[str, ...]) -> None:
    """``text`` matched as it is and, when small enough, with its line breaks removed: with
    and without a space, since terminals and mailers wrap long lines ("certificate
    verify\nfailed" is still understood)."""
    _match_one(text, text.lower(), out, seen, modules)
    if len(text) <= _JOIN_LIMIT and "\n" in text:
        for joined in (text.replace("\n", " "), text.replace("\n", "")):
            _match_one(joined, joined.lower(), out, seen, modules)


def find_matches(text: str, *, server_side: bool | None = None,
                 modules: tuple[str, ...] = MODULES) -> list[Match]:
    """Every recognised statement in ``text`` (bounded), causes seen from the right side.

    ``server_side``: True when the text is a server's log (alerts came from the client),
    False for a client's output; None decides from the sources that matched.
    ``modules``: the pattern tables to read (patterns.LOCAL_MODULES for this machine's
    own stack's words).
    """
    return _find(text, server_side, modules)[0]


def _find(text: str, server_side: bool | None, modules: tuple[str, ...] = MODULES,
          now: datetime | None = None, *, posted: bool = False
          ) -> tuple[list[Match], str, frozenset[str]]:
    """(matches, side, both): side is "client", "server", or "unknown" when nothing says
    who printed it; ``both`` the patterns of the statements then read from both sides.
    ``now`` lets a client's printed times speak about its clock (never a server's).
    ``posted``: text a person pasted (explain), matched again with its typographic quotes
    folded and, when its letters are all of one case, with case ignored (posting.py)."""
    if len(text) > MAX_INPUT:
        text = text[:MAX_INPUT]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[Match] = []
    seen: set[str] = set()
    _match_wrapped(text, out, seen, modules)
    erlang = erlang_form(text)  # OTP's terms as Elixir printed them, in Erlang's syntax
    if erlang is not None:
        _match_wrapped(erlang, out, seen, modules)
    if posted:
        _match_posted(text, out, seen, modules)
        if erlang is not None:
            _match_posted(erlang, out, seen, modules)
    if modules == MODULES and (not out or l10n.wanted(text)):
        _match_translated(text, out, seen)
    out = _after_own_check(_directed_only(out))
    client_said = server_side is False
    side = "server" if server_side else "client"
    both: frozenset[str] = frozenset()
    if server_side is None:
        said = side_said(text, _origins(_own_words(out, text)))
        server_side, client_said = bool(said), said is False
        side = "unknown" if said is None else "server" if said else "client"
        if said is None:
            both = frozenset(m.pattern_id for m in out if _reads_by_side(m))
            out = [_either_side(m) for m in out]
    if client_said or (server_side and server_words(text)):
        out = [_own_material(m, server=server_side) for m in out]
    if server_side:
        out = _server_silenced(out)
        # ...and a daemon's own verdict on a line (not its wrapper around a library's text)
        owned = {m.evidence for m in out if m.source in SERVER_SOURCES
                 or (m.source in PEER_READING_SOURCES and m.spec > GENERIC)
                 or _VERIFY_COMMAND.search(m.evidence)}
        out = [_as_server(m, verified=m.evidence not in owned) for m in out]
        out = _server_log(text, out)
    else:
        if side == "unknown":
            out.extend(_own_loaded(text, out))
        out.extend(_eap_refused(text, out))
        out.extend(_given_store(text, out))
        out.extend(_in_context(text, out))
        out.extend(_names_checked(text, out))
        out.extend(_versioned(text, out))
        out.extend(_refused(text, out))
        out.extend(_staged(text, out))
        out.extend(_ldap_closed(text, out))  # round 22
        out.extend(_not_tls(text, out))
        out.extend(_shown_dates(text))  # round 26
        if now is not None:
            out = _with_clock(text, out, now)
    if posted and not out:  # the last tiers: a cause's name, generic words, where nothing else read
        out = _named_cause(text) or _generic_words(text)
    return out, side, both


_SRC_VOCAB = ("tlsdoctor ingest/vocabulary.json: generic word patterns built by "
              "scripts/build_vocabulary.py from the upstream tables, kept by "
              "leave-one-source-out")


_SRC_NAMES = ("tlsdoctor ingest/cause_names.py: the causes' own names (the cause catalogue, "
              "SSL Labs' chain issues)")


def _named_cause(text: str) -> list[Match]:
    """A phrase that names its cause in plain words (ingest/cause_names.py), one statement."""
    got = cause_names.read(text)
    if got is None:
        return []
    row, line = got
    return [Match(pattern_id="named." + row.causes[0][0].value, source="named_cause",
                  meaning=f"the text names its cause: {row.name}", causes=row.causes,
                  spec=GENERIC, provenance=_SRC_NAMES,
                  evidence=printable(line, limit=600, newlines=False))]


def _generic_words(text: str) -> list[Match]:
    """The generic vocabulary's reading (ingest/vocabulary.py), as one statement whose
    evidence names the words matched."""
    r = vocabulary.read(text)
    if r is None:
        return []
    said = ", ".join(f'"{w}"' for w in r.words)
    return [Match(pattern_id="vocab." + r.patterns[0].replace(" ", "_"), source="vocabulary",
                  meaning=f"generic words {said} (no program's own wording)",
                  causes=r.causes, spec=GENERIC, provenance=_SRC_VOCAB,
                  evidence=printable(f"{r.line} [generic words: {said}]", limit=600,
                                     newlines=False))]


def _match_posted(text: str, out: list[Match], seen: set[str],
                  modules: tuple[str, ...]) -> None:
    """The second readings of a pasted text (see _find): quotes folded, case ignored."""
    folded = quote_folded(text)
    if folded is not None:
        _match_one(folded, folded.lower(), out, seen, modules)
        text = folded
    unescaped = newlines_unescaped(text)  # a quoted message's escaped newlines (round 28)
    if unescaped is not None:
        _match_one(unescaped, unescaped.lower(), out, seen, modules)
    spaced = script_spaced(text)  # English words glued to CJK text get their boundaries
    if spaced is not None:
        _match_one(spaced, spaced.lower(), out, seen, modules)
        text = spaced
    # A logger's case change is done to a message, not a file: bounded like the joins.
    if len(text) <= _JOIN_LIMIT and single_case(text):
        _match_one(text, text.lower(), out, seen, modules, any_case=True)
        if "\n" in text:
            joined = text.replace("\n", " ")
            _match_one(joined, joined.lower(), out, seen, modules, any_case=True)


_SRC_SHOWN = ("tlsdoctor ingest/shown_now.py: curl -v's server certificate dates against the "
              "text's own date output; " + SHOWN_PROVENANCE)


def _shown_dates(text: str) -> list[Match]:
    """curl -v's server certificate dates read at the time the text's own ``date`` printed
    (ingest/shown_now.py): a statement of its own, a reason's tier."""
    got = shown_now(text)
    if got is None:
        return []
    evidence = printable(got.line, limit=400)
    return [Match(pattern_id="curl.shown_now." + got.causes[0][0].value, source="curl",
                  meaning=got.meaning, causes=got.causes, spec=REASON,
                  provenance=_SRC_SHOWN, evidence=evidence, span=len(evidence))]


# Above every table's tier: the times decide between the readings the wording leaves open.
CLOCK_TIER = REASON + 3


def _with_clock(text: str, out: list[Match], now: datetime) -> list[Match]:
    """``out`` plus what the text's times, names and words say about the printing machine's
    clock (ingest/clock.py) or about which certificate expired (ingest/expired_ca.py), when
    it reports a certificate outside its dates (or names the clock beside another
    certificate failure) and says more than its statements already do."""
    if not any(m.causes for m in out):
        return out
    dated = [m for m in out if any(c in DATE_CAUSES for c, _ in m.causes)]
    best = max(m.spec for m in out if m.causes)
    top = [m for m in out if m.spec == best and m.causes]
    said = max((conf for m in top for c, conf in m.causes
                if c is Cause.CLIENT_CLOCK_WRONG), default=0.0)
    cert = max(((conf, c) for m in dated for c, conf in m.causes
                if c in DATE_CAUSES and c is not Cause.CLIENT_CLOCK_WRONG),
               default=(0.0, None), key=lambda cc: cc[0])
    reading = clock_reading(text, now=now, date_claim=cert[1], date_confidence=cert[0])
    if not dated and (reading is None or reading.rule != "hinted"):
        return out
    known = expired_ca(text, now=now) if cert[1] is Cause.CERT_EXPIRED else None
    if known is not None and (reading is None or reading.causes[0][1] < 0.6):
        return [*out, _clock_match(f"clock.expired_ca.{known.via}", known.meaning,
                                   known.causes, known.provenance, known.line)]
    path = path_expired(text) if cert[1] is Cause.CERT_EXPIRED and known is None else None
    if path is not None and (reading is None or reading.causes[0][1] < 0.6):
        return [*out, _clock_match("clock.path_expired.wget", path.meaning, path.causes,
                                   path.provenance, path.line)]
    if reading is None or (reading.causes[0][0] is Cause.CLIENT_CLOCK_WRONG
                           and reading.causes[0][1] <= said):
        return out
    return [*out, _clock_match(f"clock.{reading.rule}", reading.meaning, reading.causes,
                               reading.provenance, reading.line)]


def _clock_match(pattern_id: str, meaning: str, causes: Causes, provenance: str,
                 line: str) -> Match:
    evidence = printable(line, limit=400)
    return Match(pattern_id=pattern_id, source="clock", meaning=meaning, causes=causes,
                 spec=CLOCK_TIER, provenance=provenance, evidence=evidence, span=len(evidence))


def _best_claims(out: list[Match]) -> Causes:
    """What the most specific statements claim together, most likely first: each cause's
    highest confidence, ties broken by evidence (the summed confidence of every statement
    of that tier claiming it), then by the order the statements list them in."""
    with_claims = [m for m in out if m.causes]
    if not with_claims:
        return ()
    best = max(m.spec for m in with_claims)
    top: dict[Cause, float] = {}
    support: dict[Cause, float] = {}
    for m in with_claims:
        if m.spec == best:
            for cause, conf in m.causes:
                top[cause] = max(top.get(cause, 0.0), conf)
                support[cause] = support.get(cause, 0.0) + conf
    # dicts keep insertion order: the last key is the order the statements list the causes
    # in (the tables write equal readings in their deliberate order)
    listed = {cause: i for i, cause in enumerate(top)}
    return tuple(sorted(top.items(), key=lambda kv: (-kv[1], -support[kv[0]], listed[kv[0]])))


def _in_context(text: str, out: list[Match]) -> list[Match]:
    """A chain-trust failure re-read by the context the text carries (trust_context): one
    statement above every other, so the context decides the ranking for every stack."""
    if any(m.pattern_id.startswith(EAP_IDS) for m in out):
        # 802.1X: the supplicant trusts only its own ca_cert and EAP runs over EAPOL and
        # RADIUS, where no TLS-inspecting proxy sits; patterns/eap.py's reading stands.
        return []
    got = trust_context.reading(text, _best_claims(out))
    if got is None:
        return []
    host = _valid_host(got.host)
    if host and got.port is not None and got.port != 443:
        host = f"{host}:{got.port}"  # the server to confirm on is the one the text names
    return _above(out, pattern_id=f"context.{got.kind}.{got.where}", source="context",
                  meaning=got.meaning, claims=got.claims, provenance=_SRC_CONTEXT,
                  line=got.line, host=host)


_SRC_EAP = ("tlsdoctor ingest/eap_context.py: an 802.1X supplicant that accepted the RADIUS "
            "server's certificate, then got EAP-Failure; docs/explain-upstream.md round 16")


def _eap_refused(text: str, out: list[Match]) -> list[Match]:
    """A supplicant's log failing only at the server's EAP-Failure (eap_context): one
    statement above every other."""
    got = eap_context.reading(text)
    if got is None:
        return []
    verifier = "radius" if got.claims else "none"
    return _above(out, pattern_id=f"{EAP_PREFIX}wpa_supplicant.{verifier}.refused",
                  source="wpa_supplicant", meaning=got.meaning,
                  claims=causes(got.claims) if got.claims else (), provenance=_SRC_EAP,
                  line=got.line)


def _above(out: list[Match], *, pattern_id: str, source: str, meaning: str, claims: Causes,
           provenance: str, line: str, host: str = "",
           span_of_line: bool = False) -> list[Match]:
    """The one statement a context reading makes, ranked above every statement ``out``
    holds (its spec one higher; a reason's tier's when ``out`` holds none): the reading
    speaks for the text."""
    evidence = printable(line, limit=400)
    return [Match(pattern_id=pattern_id, source=source, meaning=meaning, causes=claims,
                  spec=max((m.spec for m in out), default=REASON) + 1, provenance=provenance,
                  evidence=evidence,
                  host=host, span=len(evidence) if span_of_line else 0)]


_SRC_GIVEN = ("tlsdoctor ingest/given_store.py: the trust store the text shows given to the JVM "
              "(javax.net.ssl.trustStore); docs/explain-upstream.md round 17")


# JSSE's words for a trust store it could not open (sun.security.ssl.SSLContextImpl,
# jdk-17+35): a wrong password or type; JDK 17 prints no cause under it (measured here).
_TRUST_UNREADABLE = re.compile(r"\bproblem accessing trust store\b", re.IGNORECASE)


def _given_store(text: str, out: list[Match]) -> list[Match]:
    """Java's empty, missing or unopenable trust store in a text that shows which store the
    JVM was given (given_store): the same claims, one statement above, whose line is the
    setting's (the fix steps read the store from it); "given_unopened" when the JVM could
    not open it (its password or type)."""
    from .patterns.castore import JAVA_NO_STORE_IDS
    empty = next((m for m in out if m.pattern_id in JAVA_NO_STORE_IDS), None)
    kind = "given"
    if empty is None:
        empty = next((m for m in out if _TRUST_UNREADABLE.search(m.evidence)
                      and any(c is Cause.CLIENT_MISCONFIGURATION for c, _ in m.causes)), None)
        kind = "given_unopened"
    got = given_store.read(text) if empty is not None else None
    if empty is None or got is None:
        return []
    return _above(out, pattern_id=f"castore.{kind}.{got.form}", source=empty.source,
                  meaning=f"{empty.meaning}: the store this JVM was given "
                          f"({printable(got.path, limit=120)})",
                  claims=empty.causes, provenance=f"{_SRC_GIVEN}; the wording: "
                                                  f"{empty.provenance}", line=got.line)


_SRC_OWN = ("tlsdoctor ingest/own_material.py: a program that failed to load its own "
            "certificate or key, read by who loads it (a server's serve/listen framing, a "
            "client's client-certificate words); docs/explain-upstream.md round 15, own material")


def _own_loaded(text: str, out: list[Match]) -> list[Match]:
    """A certificate or key load failure with nothing saying which side printed it, re-read
    by the words around the load (own_material): one statement above every other."""
    got = own_material.reading(text, _best_claims(out))
    if got is None:
        return []
    top = _top_statement(out)
    kind = ".keystore" if got.keystore else ""
    return _above(out, pattern_id=f"own.{got.party}{kind}", source=top.source,
                  meaning=top.meaning,
                  claims=got.claims, provenance=f"{_SRC_OWN}; the wording: {top.provenance}",
                  line=got.line)


_SRC_NAMES = ("tlsdoctor ingest/certnames.py: the host asked against the certificate's names "
              "the text prints; docs/explain-upstream.md round 14, vague certificate failures")


def _names_checked(text: str, out: list[Match]) -> list[Match]:
    """A failure whose words fold a name mismatch in with the chain's, re-read by the host
    asked and the certificate's names the text prints (certnames): one statement above
    every other, trust context's included."""
    if not out:
        return []
    own = [m for m in out if m.source != "context"]
    got = certnames.reading(text, _best_claims(out), _best_claims(own))
    if got is None:
        return []
    return _above(out, pattern_id=f"names.{got.rule}", source="names", meaning=got.meaning,
                  claims=got.claims, provenance=_SRC_NAMES, line=got.line,
                  host=_valid_host(got.host), span_of_line=True)


_SRC_VERSION = ("tlsdoctor ingest/version_context.py: the refusal's direction and the text's "
                "context (old server, old client, pinned client, client policy); "
                "docs/explain-upstream.md round 13, version, suite or the client's policy")


def _versioned(text: str, out: list[Match]) -> list[Match]:
    """A version, suite or key-strength refusal re-read by its direction and context
    (version_context): one statement above every other, naming the side that is old."""
    got = version_context.reading(text, _best_claims(out))
    if got is None:
        return []
    w = got.wording
    return _above(out, pattern_id=f"version.{w.kind}.{got.hint}.{got.party}.{got.program}",
                  source="version", meaning=got.meaning, claims=got.claims,
                  provenance=f"{_SRC_VERSION}; the wording: {w.source}", line=got.line)


_SRC_REFUSAL = ("tlsdoctor ingest/refusal.py: a bare refusal alert read by the text's context "
                "(a client certificate, a client without SNI, an old or pinned client, a suite "
                "list); docs/explain-upstream.md round 14, the bare refusal alert")


def _refused(text: str, out: list[Match]) -> list[Match]:
    """A bare refusal alert (handshake_failure, internal_error, a stack's "fatal alert
    received") re-read by its context (refusal.py): one statement above every other."""
    got = refusal.reading(text, _best_claims(out))
    if got is None:
        return []
    w = got.wording
    return _above(out, pattern_id=f"refusal.{w.alert}.{got.hint}.{w.stack}", source="refusal",
                  meaning=got.meaning, claims=got.claims,
                  provenance=f"{_SRC_REFUSAL}; the wording: {w.source}", line=got.line)


_SRC_STAGE = ("tlsdoctor ingest/stage.py: the handshake step the output shows the refusal came "
              "at; docs/explain-upstream.md round 13, the stage")
_PEER_SENT = re.compile(r"the peer sent TLS alert (\d{1,3})")
_STAGED_ALERTS = stage_mod.CERT_ALERTS | {stage_mod.HANDSHAKE_FAILURE}


def _refusal(text: str, out: list[Match]) -> tuple[int, Causes]:
    """The refusal the text reports, as an alert number received from the peer (or
    stage.EOF for a close without one; 0 for neither), with that alert's own reading."""
    for m in out:
        parts = m.pattern_id.split(".")
        if (parts[0] == "alert" and parts[1].isdigit() and not m.pattern_id.endswith(SENT_FORMS)
                and int(parts[1]) in _STAGED_ALERTS):
            return int(parts[1]), m.causes
        got = _PEER_SENT.search(m.meaning) if m.pattern_id.startswith("openssl.packed.") else None
        if got is not None and int(got.group(1)) in _STAGED_ALERTS:
            return int(got.group(1)), m.causes
    if any(m.pattern_id.startswith("alert.") and not m.pattern_id.endswith(SENT_FORMS)
           for m in out):
        return 0, ()  # another alert: it names its reason whenever it comes
    return (stage_mod.EOF, ()) if stage_mod.closed_without_alert(text) else (0, ())


def _staged(text: str, out: list[Match]) -> list[Match]:
    """A refusal re-read by how far the handshake got (ingest/stage.py): one statement above
    every other, so the printed step decides for every stack that prints it."""
    if not out or any(m.pattern_id.startswith(EAP_PREFIX) for m in out):
        return []  # 802.1X lines say who refused whom themselves (patterns/eap.py)
    refusal, reading = _refusal(text, out)
    if not refusal:
        return []
    stage = stage_mod.read_stage(text)
    got = None if stage is None else stage_mod.stage_claims(stage, refusal, reading)
    if stage is None or got is None:
        return []
    claims, meaning = got
    return _above(out, pattern_id=f"stage.{refusal}", source="stage", meaning=meaning,
                  claims=claims, provenance=_SRC_STAGE, line=stage.evidence, span_of_line=True)


_SRC_LDAP = ("tlsdoctor ingest/ldap_trace.py: libldap's -d 1 trace shows the ldaps:// handshake "
             "completed before the bind failed; docs/explain-upstream.md round 22")


def _ldap_closed(text: str, out: list[Match]) -> list[Match]:
    """ldapsearch -d 1: the handshake passed, then the server closed (ldap_trace): one
    statement above the tools' bare "Can't contact LDAP server"."""
    line = ldap_trace.handshake_then_closed(text) if out else ""
    if not line:
        return []
    return _above(out, pattern_id="ldaptrace.closed", source="openldap",
                  meaning=ldap_trace.MEANING, claims=causes(ldap_trace.CLAIMS),
                  provenance=_SRC_LDAP, line=line)


_SRC_NOTLS = ("tlsdoctor ingest/plain_context.py: a not-TLS, close or timeout wording read by "
              "the text's context (proxy setting, port, scheme, loopback); "
              "docs/explain-upstream.md round 14, not TLS, or died")
_READINGS = ("context.", "version.", "stage.")


def _not_tls(text: str, out: list[Match]) -> list[Match]:
    """The reply was not TLS, or the connection died: re-read by who answered on that
    address, as the context says (plain_context): one statement above every other. A
    trust, version or stage reading already made speaks for the text."""
    if any(m.pattern_id.startswith(_READINGS) for m in out):
        return []
    got = plain_context.reading(text, _best_claims(out))
    if got is None:
        return []
    pattern_id = f"notls.{got.kind}.{got.context}.{got.party}"
    if got.restated:  # the tables' ranking and words stand; the class's checks join them
        top = _top_statement(out)
        return _above(out, pattern_id=pattern_id, source="notls", meaning=top.meaning,
                      claims=got.claims, provenance=top.provenance, line=top.evidence)
    # a trace that stops after the ClientHello may hold no other recognised words (round 15)
    return _above(out, pattern_id=pattern_id, source="notls", meaning=got.meaning,
                  claims=got.claims, provenance=_SRC_NOTLS, line=got.line)


def _top_statement(out: list[Match]) -> Match:
    """The most specific statement with claims, the surest of them first."""
    return max((m for m in out if m.causes),
               key=lambda m: (m.spec, max(conf for _, conf in m.causes)))


_SRC_SERVERLOG = ("tlsdoctor ingest/server_log.py: the kinds of a server's own log lines "
                  "(start-up warning, configuration error, a client that left, a client's "
                  "version); docs/explain-upstream.md round 15, a server's own log")


def _server_log(text: str, out: list[Match]) -> list[Match]:
    """A server's log re-read by the kinds of its lines (server_log): a configuration error
    or a client-hello version refusal is one statement above every other; a log whose every
    claimed line is a harmless start-up warning or one client's no-reason exit claims no
    fault at all (its statements keep their words, not their causes)."""
    got = server_log.reading(text, {m.evidence for m in out if m.causes},
                             frozenset(max(m.causes, key=lambda c: c[1])[0]
                                       for m in out if m.causes))
    if got is None:
        return out
    if got.silences:
        out = [replace(m, causes=(), server_causes=None, own_reading=None) for m in out]
    spec = max((m.spec for m in out), default=REASON) + (0 if got.silences else 1)
    # the reading names the cause; a table that was surer of the same cause keeps its word,
    # except a wrapper's "cannot load" under the library's too-weak reason (its own claim
    # of the server's configuration is what that reason replaces)
    claims = got.claims if got.kind == server_log.WEAK else tuple(
        (c, max([conf, *(k for m in out for d, k in m.causes if d is c)]))
        for c, conf in got.claims)
    return [*out, Match(pattern_id=f"serverlog.{got.kind}.{got.program}", source=got.program,
                        meaning=got.meaning, causes=claims, spec=spec,
                        provenance=f"{_SRC_SERVERLOG}; the wording: {got.source}",
                        evidence=got.line)]


def _server_reading(m: Match) -> Causes | None:
    return m.server_causes if m.server_causes is not None else m.own_reading


# Causes that say a certificate failed the verifier's checks. In a server's own log the
# certificate a library's words complain about is the one the server verified: the
# client's (a server checks no other chain in its handshake). Round 12, "who printed it":
# Python's, Java's and Go's servers on loopback (the server-log matrix) print the same
# verification texts their clients do. A server product's own wording (nginx, Apache...)
# was written for its log and keeps its reading, with the library's words on its line.
_VERIFIED = frozenset({Cause.CERT_UNTRUSTED_ROOT, Cause.INCOMPLETE_CHAIN, Cause.CERT_SELF_SIGNED,
                       Cause.CERT_EXPIRED, Cause.CERT_NOT_YET_VALID, Cause.CERT_REVOKED,
                       Cause.CERT_WRONG_PURPOSE, Cause.TLS_INTERCEPTION_MITM,
                       Cause.BAD_CHAIN_ORDER_OR_EXTRA, Cause.CLIENT_CLOCK_WRONG})
_CLIENTS_CERTIFICATE: Causes = ((Cause.CLIENT_CERT_REQUIRED, 1.0),)
# Round 27 (holdout36): ...except the `openssl verify` command's own line, "error <n> at <d>
# depth lookup:<reason>" (apps/verify.c cb(): "%serror %d at %d depth lookup:%s\n", openssl/
# openssl @ 0018ce683acbdbf14bb13fb9f242b70e41c3d1c7; OpenSSL 3 adds a space after the colon,
# "[CRL path]" before it for a CRL's chain). That is a person checking a certificate FILE
# beside the server's log (its "-CAfile ca.crt server.crt"), not the server checking a
# client: its reading stays the verification's own (the file's dates, its issuer).
_VERIFY_COMMAND = re.compile(r"(?:^|[\s\]])error \d{1,3} at \d{1,3} depth lookup: ?\S",
                             re.MULTILINE)
# Round 25: ...except a revocation. OpenSSL's X509_V_ERR_CERT_REVOKED ("certificate revoked",
# crypto/x509/x509_txt.c) is the issuer's CRL or OCSP statement about the certificate, true
# whichever side presented it, and its fix is the issuer's (a new certificate, the CRL entry):
# a server that checked a client's certificate against a CRL names that revocation (Icinga 2's
# ApiListener, Icinga/icinga2 @ 81f7bce39040264a271f020a1e8f2d65a68a1d20
# lib/remote/apilistener.cpp: "New client connection for identity '<cn>' from <addr>
# (certificate validation failed: code 23: certificate revoked)", the code and text from
# lib/base/tlsstream.cpp GetVerifyError). The client's certificate stays second.
_CLIENTS_REVOKED: Causes = ((Cause.CERT_REVOKED, 0.85), (Cause.CLIENT_CERT_REQUIRED, 0.5))


# Alerts are a complaint, not a verification: they keep their own readings (alerts.py, and
# Erlang's directed alert texts, patterns/erlang.py).
_ALERT_IDS = ("alert.", "erlang.up.")


def _verified_by_server(m: Match) -> bool:
    named = {c for c, _ in m.causes}
    return (m.source not in SERVER_SOURCES and not m.pattern_id.startswith(_ALERT_IDS)
            and bool(named & _VERIFIED) and named <= _VERIFIED | {Cause.CLIENT_MISCONFIGURATION})


def _as_server(m: Match, *, verified: bool = True) -> Match:
    """``m`` with its causes as a server's log means them (unchanged if the same).
    ``verified``: a verification text reads as the client's certificate (False on a line a
    server product's own wording matched: its reading stands)."""
    reading = _server_reading(m)
    if reading is None and verified and _verified_by_server(m):
        reading = (_CLIENTS_REVOKED if m.causes[0][0] is Cause.CERT_REVOKED
                   else _CLIENTS_CERTIFICATE)
    if reading is None:
        return m
    return Match(pattern_id=m.pattern_id, source=m.source, meaning=m.meaning, causes=reading,
                 spec=m.spec, provenance=m.provenance, evidence=m.evidence, host=m.host,
                 span=m.span, said=m.said)


def _server_silenced(out: list[Match]) -> list[Match]:
    """A line a server's own reading says names no fault (an end of connection without an
    alert: a client that left) is not given one by another table's generic reading of the
    same words ("unexpected eof while reading", "non-properly terminated")."""
    quiet = {m.evidence for m in out if _server_reading(m) == () and m.causes}
    if not quiet:
        return out
    return [m for m in out if m.evidence not in quiet or _server_reading(m) is not None
            or m.spec > CATEGORY]


def _own_words(out: list[Match], text: str) -> list[Match]:
    """Round 27: the statements whose words are their source's own (lead's _owners): a
    server product's table reading words other tables read alike (Exim's "certificate
    verification failed", also OpenSSL's, in apt's GnuTLS output) does not say a server
    printed them."""
    owners, _ = _owners([m for m in out if m.source not in _READING_SOURCES], text)
    return [m for m in out if m.source in owners or m.source in _READING_SOURCES]


def _origins(out: list[Match]) -> set[str]:
    """The sources of ``out`` and the tables their patterns come from: Firefox's page texts
    are reported as NSS's ("firefox.up..."), the identifiers it shows are NSS's own."""
    return {m.source for m in out} | {m.pattern_id.split(".", 1)[0] for m in out
                                      if not m.pattern_id.endswith(".name")}


# When no words say who printed the text, a side-dependent statement is read from both
# sides, neither as certain: each reading weighs its side's share, and the blend is scaled so
# that no cause reaches 0.6 (real threads resolve the same words to either side).
#
# A verification result ("verify error:num=20") is a client's first: a server prints one
# only when it checks client certificates, and clients paste theirs far more often. So is
# an alert this side *sent* (a debug log: javax.net.debug's "Fatal (CERTIFICATE_UNKNOWN):
# PKIX path building failed", GnuTLS's and mbedTLS's record logs): whoever turned debugging
# on to see why their connection fails, mostly a client's user.
_CLIENT_FIRST_SHARE = 0.6
# A received alert is a server's log first (round 12, "who printed it"): every client
# framing is recognised now (a URL, "connect to", curl's and Go's prefixes, the client frames
# of Java, .NET, Node, Python, grpc), so a received alert with none of it is a library's
# bare words as a log prints them. Dev: the 2 texts left so were servers' logs (a broker's
# and a rustls server's "unknown CA": the client rejected *their* chain), none a client's.
# Only a share: the client's reading (the server rejected this client's certificate) stays.
_ALERT_CLIENT_SHARE = 0.3
# Verification results read from both sides with the client's share first: OpenSSL's verify
# lines, and the verifier's own revocation data (patterns/revocation_data.py, round 13).
_VERIFY_IDS = ("openssl.verify.", "revocation.")
_EITHER_TOP = 0.55


def _reads_by_side(m: Match) -> bool:
    """Whether ``m`` means another thing in a server's log than in a client's output."""
    return m.server_causes is not None and dict(m.server_causes) != dict(m.causes)


def _either_side(m: Match) -> Match:
    """A side-dependent statement read from both sides (see the shares above)."""
    if m.server_causes is None or not _reads_by_side(m):
        return m
    own = m.pattern_id.startswith(_VERIFY_IDS) or m.pattern_id.endswith(SENT_FORMS)
    client = _CLIENT_FIRST_SHARE if own else _ALERT_CLIENT_SHARE
    cap = _EITHER_TOP / max(client, 1 - client)
    weights: dict[Cause, float] = {}
    for share, readings in ((client, m.causes), (1 - client, m.server_causes)):
        for cause, conf in readings:
            weights[cause] = weights.get(cause, 0.0) + share * conf * cap
    blended = tuple(sorted(weights.items(), key=lambda kv: -kv[1]))
    return replace(m, causes=blended, server_causes=None)


_OWN = frozenset({Cause.SERVER_MISCONFIGURATION, Cause.CLIENT_MISCONFIGURATION})


def _own_material(m: Match, *, server: bool) -> Match:
    """A key that does not fit its certificate, or a file that cannot be loaded, is the
    material of whoever printed the error: a client's output makes it the client's own
    certificate and key (s_client -cert/-key, curl --cert, a Node agent's key), a server's
    log its own (ssl_certificate_key, a DH parameters file). The larger share goes to the
    printer; without words saying who printed it the table's order stays."""
    weights = dict(m.causes)
    if set(weights) > _OWN and own_material.peer_lacks(m.evidence):
        return _peer_lacks(m, weights, server=server)
    if set(weights) != _OWN:
        return m
    mine, theirs = ((Cause.SERVER_MISCONFIGURATION, Cause.CLIENT_MISCONFIGURATION) if server
                    else (Cause.CLIENT_MISCONFIGURATION, Cause.SERVER_MISCONFIGURATION))
    if own_material.peer_lacks(m.evidence):
        # not material at all: the peer lacks a feature this side insists on, so the
        # larger share is the peer's (the printer's relaxing its policy is the workaround)
        mine, theirs = theirs, mine
    if weights[mine] >= weights[theirs] and own_material.java_store(m.evidence):
        # a Java key or trust store either side loads, the table even or barely leaning
        # the printer's way: the words that say who printed it decide (round 16)
        top = max(weights[mine], _PRINTER)
        return replace(m, causes=((mine, top), (theirs, round(1 - top, 2))))
    if weights[mine] > weights[theirs]:
        return m
    if weights[mine] == weights[theirs] and own_material.names_own(m.evidence, server=server):
        # an even table (OpenSSL's PEM and file reasons: either side loads files) on a line
        # whose own words say the printer loads it (curl's "could not load PEM client
        # certificate from"): the printer's own file, as for a Java store (round 23)
        return replace(m, causes=((mine, _PRINTER), (theirs, round(1 - _PRINTER, 2))))
    return replace(m, causes=((mine, weights[theirs]), (theirs, weights[mine])))


def _peer_lacks(m: Match, weights: dict[Cause, float], *, server: bool) -> Match:
    """Round 22: a refusal of a peer without secure renegotiation that also names a third
    party (an inspecting middlebox answering for the server): the peer's configuration
    share stays the larger of the two, whoever printed it; the third party's stays put."""
    peer, printer = ((Cause.CLIENT_MISCONFIGURATION, Cause.SERVER_MISCONFIGURATION) if server
                     else (Cause.SERVER_MISCONFIGURATION, Cause.CLIENT_MISCONFIGURATION))
    if weights[peer] >= weights[printer]:
        return m
    weights[peer], weights[printer] = weights[printer], weights[peer]
    return replace(m, causes=tuple(sorted(weights.items(), key=lambda kv: -kv[1])))


_PRINTER = 0.7


def _directed_only(out: list[Match]) -> list[Match]:
    """An alert said to be *sent* by this side is not also the peer's complaint: drop the
    undirected readings of the same alert ("CERTIFICATE_UNKNOWN" in Java's "Fatal (...)").
    A line quoting an alert's description with its direction (OpenSSL's info callback,
    curl -v) is that alert: other tables' readings of the same words on it go."""
    alert = [m for m in out if m.pattern_id.startswith("alert.")]
    sent = {m.pattern_id.split(".")[1] for m in alert if m.pattern_id.endswith(SENT_FORMS)}
    quoting = {m.evidence: m.span for m in alert if m.pattern_id.endswith(QUOTING_FORMS)}
    if not sent and not quoting:
        return out
    return [m for m in out
            if not (m.pattern_id.startswith("alert.") and m.pattern_id.split(".")[1] in sent
                    and not m.pattern_id.endswith(SENT_FORMS))
            and not (not m.pattern_id.startswith("alert.")
                     and m.span < quoting.get(m.evidence, 0))]


# Round 17: a program that prints its own verification failure and then a certificate
# alert's bare name (SerenityOS's LibTLS: "certificate verification failed", then "Connection
# to ... failed: BAD_CERTIFICATE") names the alert it sent after that check, not one it
# received: with no word saying "received", the peer's-complaint reading of that alert does
# not stand beside this side's own check (RFC 8446 6.2: the side that fails to verify a
# certificate sends bad_certificate, unsupported_certificate, certificate_revoked,
# certificate_expired, certificate_unknown or unknown_ca).
_CERT_ALERTS = frozenset({"42", "43", "44", "45", "46", "48"})
_UNDIRECTED_FORMS = ("rfc", "alert-word", "bare")
_PATH = Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE
# The words of a check that failed on this side (not a wrapper's "gave up after TLS errors").
_CHECK_WORDS = re.compile(
    r"certificate[ _-]?(?:verif\w*|validation)[ _-]?(?:has )?fail|verif\w* (?:of )?(?:the )?"
    r"(?:server |peer )?certificate fail|\berror in the certificate\b"
    r"|CERTIFICATE_VERIFY_FAILED", re.IGNORECASE)
_CHECK_CAUSES = frozenset({Cause.CERT_UNTRUSTED_ROOT, Cause.INCOMPLETE_CHAIN,
                           Cause.CERT_SELF_SIGNED, Cause.CERT_EXPIRED, Cause.CERT_NOT_YET_VALID,
                           Cause.HOSTNAME_MISMATCH, Cause.CERT_REVOKED})


def _after_own_check(out: list[Match]) -> list[Match]:
    """Drop an undirected certificate alert's readings (and other tables' readings of the
    same words) when the text also holds this side's own failed check of a certificate."""
    checked = any(not m.pattern_id.startswith("alert.") and m.causes
                  and m.causes[0][0] in _CHECK_CAUSES and _CHECK_WORDS.search(m.evidence)
                  for m in out)
    if not checked:
        return out
    # ...and a close or reset next to that check is its consequence (the side that refused
    # the certificate hung up: the other end's "Error in the pull function", a reset), not
    # the path's doing (librelp's test output holds both ends' lines).
    out = [m for m in out if not (m.causes and m.causes[0][0] is _PATH
                                  and not m.pattern_id.startswith("alert.")
                                  and plain_context.is_close(m.evidence))]
    sent = {(m.evidence, m.span) for m in out
            if m.pattern_id.startswith("alert.") and m.pattern_id.split(".")[1] in _CERT_ALERTS
            and m.pattern_id.endswith(_UNDIRECTED_FORMS)}
    # the same words read by another table (OpenSSL's reason name BAD_CERTIFICATE) go too
    return [m for m in out if (m.evidence, m.span) not in sent]


def statements(matches: Iterable[Match], *, server_side: bool, side: str = "",
               both: frozenset[str] = frozenset()) -> tuple[Statement, ...]:
    """``side`` ("client", "server", "unknown") overrides ``server_side`` when given; the
    statements of ``both`` (read from both sides, nothing saying which) are "either"."""
    side = side or ("server" if server_side else "client")
    return tuple(Statement(source=m.source, side="either" if m.pattern_id in both else side,
                           meaning=m.meaning, claims=m.causes, specificity=m.spec,
                           pattern=m.pattern_id, provenance=m.provenance, line=m.evidence,
                           host=m.host) for m in matches)


def text_evidence(text: str, *, now: datetime, server_side: bool | None = None,
                  target: Target | None = None, posted: bool = False
                  ) -> tuple[Evidence, list[Match]]:
    """Error text as evidence: its recognised statements, and the server it names.
    ``posted``: a pasted text (explain, after posting.unwrap), read again folded where a
    copy or a logger may have changed quotes or case."""
    matches, side, both = _find(text, server_side, now=now, posted=posted)
    return Evidence(now=now, source=Source.TEXT, target=target,
                    statements=statements(matches, server_side=side == "server", side=side,
                                          both=both)), matches


# Sources that name a library or protocol rather than the program that printed the text
# (and "registry", a reading of the host named, patterns/registry.py; "stores", a reading
# of the CA named, patterns/stores.py; "clock", a reading of the times printed, clock.py;
# "dbhosts", a reading of a managed database's host, patterns/dbhosts.py; "context", a
# reading of the text's context, trust_context.py; "revocation", the verifier's own CRL,
# patterns/revocation_data.py; "hostcheck", the host-name check's sentence in any stack's
# words, patterns/hostcheck.py; "version", which side is old, version_context.py).
# The context readings' own statements (tlsdoctor's readings, not words a program printed).
_READING_SOURCES = frozenset({"context", "stage", "version", "refusal", "notls", "names"})
# Round 27: tlsdoctor's other readings across stacks (an SNI sentence, an inspecting CA's
# name, a CA store's absence, a port without TLS, a refused certificate's page, a server
# without a key, a cause's name, the generic vocabulary) are no program's words either.
_CROSS_STACK = frozenset({"registry", "stores", "clock", "dbhosts", "revocation", "hostcheck",
                          "sni", "interception", "castore", "plaintext", "cert_pages",
                          "server_keys", "named_cause", "vocabulary"})
_LIBRARY_SOURCES = frozenset({"tls_alert", "openssl", "system"}) | _CROSS_STACK \
    | _READING_SOURCES
# Round 28: tlsdoctor's own readings, no program's printed words (api/text.py: a line read
# only by these holds no failure of its own).
READINGS = _CROSS_STACK | _READING_SOURCES


def lead(matches: list[Match], text: str = "", *, printer: str = "") -> tuple[str, str]:
    """(source, meaning): the program that printed it, and its most specific statement.

    curl, Node or nginx print OpenSSL's words; the source is the program whenever one of
    its own patterns matched, the meaning is the most specific statement of all. Round 27:
    a program is named only for its own words or its name in ``text`` (_owners): words
    another table reads as well, as specifically ("SSL handshake failed": Kafka's, Qt's,
    libpurple's, and the generic wording's), name the TLS library whose words they are
    when one's table reads them, else no one (""), and the meaning is then not a program's.
    ``printer``: the program known to have printed ``text`` (a log whose format names it),
    whose table's words are its own whoever else prints them.
    """
    # what the program said (the context's and the stage's readings are tlsdoctor's)
    said = [m for m in matches if m.source not in _READING_SOURCES] or matches
    order = sorted(said, key=_rank)
    owners, vouched = _owners(said, text, printer)
    kept = [m for m in order if m.source in owners]
    best = next((m for m in kept if m.spec == order[0].spec and bool(m.causes)
                 == bool(order[0].causes)), None)
    meaning = best.meaning if best is not None else _anyones(order[0])
    program = next((m for m in kept if m.source in vouched),  # the text names it
                   next((m for m in kept if m.source not in _LIBRARY_SOURCES), None))
    if program is not None:
        return program.source, meaning
    # a program's own context beside words it shares, where no table of its matched
    marked = next((src for src, rx, alone in PROGRAM_MARKS if alone and rx.search(text)), None)
    if marked is not None:
        return marked, meaning
    program = next((m for m in kept if m.source not in _CROSS_STACK), kept[0] if kept else None)
    if program is None and _is_openssl_name(order[0]):  # a program's print of OpenSSL's name
        return "openssl", f"OpenSSL's {order[0].said.strip()} (as a program printed it)"
    if program is None or program.provenance.startswith(_ANYONE):
        return "", meaning
    return program.source, meaning


def _rank(m: Match) -> tuple[bool, int, bool, int]:
    return (not m.causes, -m.spec, m.source in _LIBRARY_SOURCES, -m.span)


# Round 27: the tables of TLS libraries and language runtimes' TLS stacks, and the operating
# system's words. Their words name the family whichever program linked it: a program's
# table reading the same words does not make them that program's ("certificate
# verification failed" is OpenSSL's, not Exim's, unless Exim's own words are there too).
_FAMILY_SOURCES = frozenset({
    "openssl", "boringssl", "gnutls", "nss", "java", "go", "mbedtls", "wolfssl", "rustls",
    "s2n", "botan", "bearssl", "erlang", "haskell_tls", "ocaml_tls", "glib_tls", "apple",
    "dotnet", "mono", "node", "python", "schannel_event", "cryptoapi", "gskit", "iaik",
    "sap_cryptolib", "swift_nio_ssl", "aws_c_io", "android", "android_harmony", "system"})
# A pattern whose provenance says so is the wording of many programs (patterns/system.py's
# "SSL handshake failed"): it names no software.
_ANYONE = "generic wording"


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


# The last question _owners answered and its answer: explain asks it twice of the same
# statements, for the side (_find's _own_words) and for the lead (lead()).
_owners_last: tuple[object, tuple[frozenset[str], frozenset[str]]] | None = None


def _owners(said: list[Match], text: str,
            printer: str = "") -> tuple[frozenset[str], frozenset[str]]:
    """``_owners_of``, worked out once for the same statements, text and printer."""
    global _owners_last
    key = (tuple((m.source, m.said, m.spec) for m in said), text, printer)
    last = _owners_last  # (one read: another thread may replace it)
    if last is not None and last[0] == key:
        return last[1]
    owners, marked = _owners_of(said, text, printer)
    got = (frozenset(owners), frozenset(marked))
    _owners_last = (key, got)
    return got


def _owners_of(said: list[Match], text: str, printer: str = "") -> tuple[set[str], set[str]]:
    """The sources whose own words are in the text. A statement is not its source's own
    when another table read the same words (letters and digits alike) at least as
    specifically: for a program's statement any other table's, for a TLS library's another
    library's but OpenSSL's (whose names the runtimes binding it re-print as their own
    codes: Node's CERT_HAS_EXPIRED) and not the generic wording's. A program's statement that is only an OpenSSL
    identifier (SSL_ERROR_ZERO_RETURN) is OpenSSL's. A reading across stacks (an alert's
    name, a host check's sentence, SNI) or a statement that is no table's words (a log
    framing) takes words from no one. A program whose every statement is shared is still
    the owner when it is the known ``printer``, or ``text`` names it or carries its mark
    (words27.PROGRAM_MARKS); the
    second set is the marked ones, which lead() prefers (a mark is the program's own print
    around the words, a name may be a host's or a path's)."""
    words = [(m.source, _letters(m.said), m.spec) for m in said
             if m.said and m.source not in _CROSS_STACK]
    owners: set[str] = set()
    shared: set[str] = set()
    for m in said:
        mine = "" if m.source in _CROSS_STACK | {"tls_alert"} else _letters(m.said)
        family = m.source in _FAMILY_SOURCES
        rivals = [src for src, theirs, spec in words
                  if src != m.source and theirs == mine and spec >= m.spec
                  and (not family or (src in _FAMILY_SOURCES - {"openssl", "system"}))]
        if mine and (rivals or (not family and _is_openssl_name(m))):
            shared.add(m.source)
        else:
            owners.add(m.source)
    marked = {src for src in shared - owners
              if any(s == src and rx.search(text) for s, rx, _ in PROGRAM_MARKS)}
    named = {src for src in shared - owners if src == printer or _names(text, src)}
    return owners | marked | named, marked


# OpenSSL's own identifiers (SSL_get_error's results, verify results, reason codes)
_OPENSSL_NAME = re.compile(r"(?:SSL_ERROR|X509_V_ERR|SSL_R)_[A-Z0-9_]{2,60}")


def _is_openssl_name(m: Match) -> bool:
    return _OPENSSL_NAME.fullmatch(m.said.strip()) is not None


def _names(text: str, source: str) -> bool:
    """``text`` names the program ``source`` as a word of its own ("Irssi: ...", a Kafka
    class name, HAProxy's syslog tag): names of four letters and more only."""
    if len(source) < 4 or not text:
        return False
    rx = r"(?<![A-Za-z0-9])" + re.escape(source).replace("_", "[ _-]?") + r"(?![A-Za-z0-9])"
    return re.search(rx, text, re.IGNORECASE) is not None


def _anyones(m: Match) -> str:
    """The meaning of words no one owns, without the name of a program that also prints them."""
    words = " ".join(m.said.split())[:200]
    return f'"{words}" (words several programs print)' if words else m.meaning
