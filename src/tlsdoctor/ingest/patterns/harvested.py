"""Patterns built from the harvested upstream strings and tlsdoctor's judgement of them.

The strings are data: ``upstream/<source>.json``, written by scripts/harvest_errors.py from
each project's own source (repository, path and commit per entry). What an entry means for a
TLS connection is tlsdoctor's judgement, kept apart and reviewable in
``judgement/<source>.py``: per upstream identifier a verdict, then a few deliberate rules for
the bulk (each with its reason). A verdict is either causes (``"cert_expired:.85
client_clock_wrong:.15 | reason"``, the tier after ``|``, default ``specific``),
``no_fault`` (understood: nothing is broken), ``not_tls`` (not about a TLS connection:
API misuse, memory, configuration syntax...) or ``elsewhere`` (judged by another module,
e.g. alerts, which knows the direction). ``not_tls`` and ``elsewhere`` make no pattern here.

How a text is matched: printf/format placeholders (``%s``, ``{0}``, ``{ $hostname }``, Go's
``%v``) become bounded wildcards; identifiers (``SEC_ERROR_UNKNOWN_ISSUER``, ``CURLE_*``,
``AH02039``) are matched as whole words; texts too short to be told from ordinary words are
only trusted alone on a line or right after a colon, as the programs print them.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from . import CATEGORY, GENERIC, REASON, SPECIFIC, Pattern, causes

__all__ = ["Entry", "Verdict", "as_printed", "entries", "guesses", "judge", "printed",
           "upstream_patterns"]

DATA = Path(__file__).parent / "upstream"
NO_FAULT, NOT_TLS, ELSEWHERE = "no_fault", "not_tls", "elsewhere"
# "exact": a code that names the failure outright, printed next to words its program shares
# between several codes (Chrome's "Unsupported protocol" heading above ERR_SSL_OBSOLETE_CIPHER
# and ERR_SSL_VERSION_OR_CIPHER_MISMATCH alike), which would otherwise read as another
# library's reason of the same tier.
_TIERS = {"generic": GENERIC, "category": CATEGORY, "specific": SPECIFIC, "reason": REASON,
          "exact": REASON + 1}


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One harvested string: what the software prints, and where that was read."""

    source: str
    id: str
    text: str
    kind: str
    repo: str
    path: str
    commit: str
    refs: tuple[str, ...]
    extra: tuple[tuple[str, Any], ...] = ()

    @property
    def provenance(self) -> str:
        return f"{self.repo} {self.path} @ {self.commit[:12]} ({', '.join(self.refs)})"

    def get(self, key: str) -> Any:
        return dict(self.extra).get(key)


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    """tlsdoctor's reading of an entry; ``how`` says whether it was listed or by which rule."""

    kind: str  # "causes", NO_FAULT or NOT_TLS
    causes: str = ""
    spec: int = SPECIFIC
    how: str = "listed"


@cache
@cache
def entries(source: str) -> tuple[Entry, ...]:
    data = json.loads((DATA / f"{source}.json").read_text())
    out = []
    for e in data["entries"]:
        first = e["seen"][0]
        extra = tuple(sorted((k, v) for k, v in e.items()
                             if k not in ("id", "text", "kind", "repo", "seen")))
        out.append(Entry(source=source, id=e["id"], text=e["text"], kind=e["kind"],
                         repo=e["repo"], path=first["path"], commit=first["commit"],
                         refs=tuple(s["ref"] for s in e["seen"]), extra=extra))
    return tuple(out)


def _parse(verdict: str, how: str) -> Verdict:
    if verdict in (NO_FAULT, NOT_TLS, ELSEWHERE):
        return Verdict(kind=verdict, how=how)
    spec_part, _, tier = verdict.partition("|")
    return Verdict(kind="causes", causes=spec_part.strip(),
                   spec=_TIERS[tier.strip() or "specific"], how=how)


@cache
def _judgement(source: str) -> Any:
    return importlib.import_module(f"{__package__}.judgement.{source}")


def judge(entry: Entry) -> Verdict | None:
    """The verdict on ``entry``: listed by identifier, else the first rule that fits.

    A module with ``SAME_AS = "openssl"`` (BoringSSL) takes that source's verdict for an
    identifier both have, so one name never means two things.
    """
    mod = _judgement(entry.source)
    same = getattr(mod, "SAME_AS", "")
    if same and entry.id in _ids(same):
        return judge(_ids(same)[entry.id])
    listed = mod.JUDGE.get(entry.id)
    if listed is not None:
        return _parse(listed, "listed")
    probe = f"{entry.id}\t{entry.text}"
    for rx, verdict, why in _rules(entry.source):
        if rx.search(probe):
            return _parse(verdict, f"rule: {why}")
    return None


@cache
def _rules(source: str) -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """The module's RULES compiled once: every unlisted entry is tried against them."""
    return tuple((re.compile(rx), verdict, why) for rx, verdict, why in _judgement(source).RULES)


@cache
def _ids(source: str) -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for e in entries(source):
        out.setdefault(e.id, e)
    return out


# --- from a text to a regex ------------------------------------------------------------------

# Mozilla's .properties texts number theirs and use %S ("%1$S"): positional and S included.
_PLACEHOLDER = re.compile(
    r"%(?:\d\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|z|j|t|L|q|I64)?"
    r"[sdiuxXfgcpTvqwelor%S]"
    r"|\{ ?\$[\w-]+ ?\}|\{[^{}\n]{0,40}\}")
_WILD = r"[^\n]{0,200}?"


def _parts(text: str) -> list[str]:
    """Literal pieces of a format string, in order ("" marks a placeholder)."""
    out: list[str] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(text):
        if m.group(0) == "%%":
            continue
        out.extend([text[pos:m.start()], ""])
        pos = m.end()
    out.append(text[pos:])
    return out


# Inline markup in a message (Firefox's Fluent texts: <strong>, <b>, <a data-l10n-name=..>)
# is rendered by the page, never shown: the text a person copies has none of it.
_MARKUP = re.compile(r"</?[a-z][a-z0-9]{0,10}(?:\s[^<>\n]{0,120})?>")


def _clean(text: str) -> str:
    text = _MARKUP.sub("", text.replace("\\n", " ").replace("\n", " ")).strip()
    return text.rstrip(" .:") if not text.endswith("...") else text


def text_regex(text: str, *, context: bool = True, whole: bool = False
               ) -> tuple[str, str] | None:
    """(regex, needle) for a printed text, or None when it is too vague to trust.

    ``context=False``: the caller puts the text after its own prefix (no short-phrase guard).
    ``whole``: the text must not go on with more words (OpenSSL's "self-signed certificate"
    is another result than "self-signed certificate in certificate chain").
    """
    pieces = _parts(_clean(text))
    while pieces and not pieces[0].strip():
        pieces.pop(0)
    open_end = False  # a placeholder ended the text: its value follows the last literal
    while pieces and not pieces[-1].strip():
        if pieces.pop() == "":
            open_end = True
    # At most two placeholders: more wildcards in one regex backtrack in polynomial time of
    # a high degree on long lines. The text up to the third placeholder identifies it.
    holes = [i for i, p in enumerate(pieces) if not p]
    if len(holes) > 2:
        pieces = pieces[:holes[2]]
        open_end = True
    literals = [p.strip() for p in pieces if p.strip()]
    if not literals:
        return None
    needle = max(literals, key=len).lower()
    rx = "".join(_WILD if not p else re.escape(p) for p in pieces)
    rx = rx.replace(re.escape("%%"), "%")
    first = pieces[0].lstrip()
    if first[:1].isalnum():
        rx = r"\b" + rx.lstrip()
    if pieces[-1].rstrip()[-1:].isalnum() and not open_end:
        rx += r"\b(?![ _-]?[A-Za-z])" if whole else r"\b"
    words = len(" ".join(literals).split())
    if context and (len(needle) < 6 or (words < 3 and len(needle) < 20)):
        # Short phrases ("bad signature", "internal error") are ordinary words: trust them
        # only alone on a line, after the colon or bracket a program prints before them, or
        # after nginx's connection number ("*12 handshake rejected while SSL handshaking").
        rx = rf"(?m)(?:^\s*{rx}\s*\.?$|[:\]]\s?{rx}|\*\d+ {rx})"
    if len(needle) < 3:
        return None
    return rx, needle


def name_regex(name: str) -> tuple[str, str]:
    """Identifiers are matched as written (case-sensitively): "DECODE_ERROR" is a name,
    "decode_error" in a sentence is not."""
    return rf"(?<![A-Za-z0-9_])(?-i:{re.escape(name)})(?![A-Za-z0-9_])", name.lower()


_SAMPLE = {"s": "example.com", "d": "1", "i": "1", "u": "1", "x": "1f", "X": "1F", "v": "x",
           "r": "'example.com'", "q": '"x"', "w": "x", "T": "int", "c": "c", "p": "0x1", "f": "1.0", "g": "1"}


def printed(text: str) -> str:
    """``text`` as the program would print it, with a sample value in each placeholder."""
    def fill(m: re.Match[str]) -> str:
        tok = m.group(0)
        if tok == "%%":
            return "%"
        value = _SAMPLE.get(tok[-1], "x") if tok.startswith("%") else "x"
        after = m.string[m.end():m.end() + 1]
        return value + (" " if after.isalnum() else "")
    return _PLACEHOLDER.sub(fill, text.replace("\\n", "\n")).strip()


def as_printed(entry: Entry) -> str:
    """An entry the way its program prints it (the corpus tests feed exactly this)."""
    form = entry.get("form")
    if form:  # the harvest recorded the program's own wrapping ("ERROR 2026 (HY000): ...")
        return str(form).replace("%TEXT%", printed(entry.text))
    if entry.source == "boringssl":
        return f"error:10000410:SSL routines:OPENSSL_internal:{entry.text}"
    if entry.kind == "strerror" and entry.get("number") is not None:
        return f"curl: ({entry.get('number')}) {printed(entry.text)}"
    if entry.source == "mbedtls" and entry.get("number"):
        # ESP-IDF's esp-tls: the code, then mbedtls_strerror()'s "MODULE - text".
        return f"Last error was: {entry.get('number')} - {entry.get('module')} - {entry.text}"
    if entry.source == "wolfssl":
        # curl's wolfSSL back end (lib/vtls/wolfssl.c).
        return f"curl: (35) SSL_connect failed with error {entry.get('number')}: {entry.text}"
    if entry.kind == "reason":
        # 1.1.1's layout without the packed number (numbers differ between versions).
        return f"{entry.get('lib')} routines:tls_process:{entry.text}"
    if entry.kind == "comment":
        return f"{entry.id} (OSStatus {entry.get('number')})"
    if entry.kind == "verify" and entry.get("number") is not None:
        return f"Verify return code: {entry.get('number')} ({entry.text})"
    if entry.source == "apache":
        return f"[ssl:info] [pid 1:tid 2] [client 192.0.2.1:50000] {entry.id}: {printed(entry.text)}"
    if entry.source in _LOG_PREFIX:
        return _LOG_PREFIX[entry.source] + printed(entry.text)
    return printed(entry.text)


# Round 12's programs print their words after a log prefix of their own (OpenVPN's and
# stunnel's timestamps, Zabbix's pid:date:time, the program name of msmtp and fetchmail).
_LOG_PREFIX = {"openvpn": "2026-12-05 20:53:07 ", "stunnel": "2026.12.05 20:53:07 LOG3[0]: ",
               "zabbix": "  1234:20261205:205307.123 ", "msmtp": "msmtp: ",
               "fetchmail": "fetchmail: ", "squid": "2026/12/05 20:53:07 kid1| "}


@cache
def guesses() -> tuple[re.Pattern[str] | None, frozenset[str]]:
    """(regex, sources) of the texts a program prints as a list of possible causes, whatever
    the failure (entries of kind "guess": MailKit's numbered reasons under "This usually
    means...", Azure CLI's "Certificate verification failed. This typically happens when
    using Azure CLI behind a proxy that intercepts traffic with a self-signed certificate."
    after any SSLError). Such a text states none of its causes: another table's words
    inside it ("self-signed certificate") are no statement of the failure; only its own
    program's pattern reads it."""
    rxs, sources = [], set()
    for path in sorted(DATA.glob("*.json")):
        for e in entries(path.stem):
            if e.kind == "guess" and (got := text_regex(e.text, context=False)) is not None:
                rxs.append(got[0])
                sources.add(e.source)
    return (re.compile("|".join(rxs), re.IGNORECASE) if rxs else None), frozenset(sources)


# --- patterns --------------------------------------------------------------------------------

# Derived from every table by scripts/harvest_errors.py (see compute_continued).
CONTINUED = Path(__file__).parent / "continued.json"


def _key(text: str) -> str:
    """A text as the word-run checks compare it: lowercased, hyphens as spaces."""
    return _clean(text).lower().replace("-", " ")


@cache
def _continued() -> frozenset[str]:
    """``compute_continued()`` as scripts/harvest_errors.py wrote it next to the tables:
    working it out reads every source's table (~60 ms), which a diagnosis that matches
    one error line against OpenSSL's table should not pay (test_upstream_corpus checks
    the file against the tables)."""
    return frozenset(json.loads(CONTINUED.read_text())["keys"])


def compute_continued() -> frozenset[str]:
    """The keys of reason/verify texts (four words or more) that another harvested text, of
    any source, goes on after (within its first 12 words): OpenSSL's "certificate has
    expired" is followed by more words in Go's "x509: certificate has expired or is not yet
    valid". Only runs that start with a key's first word and have a key's length are
    joined, so this costs a few thousand lookups, not every run of every text."""
    every = [e for path in sorted(DATA.glob("*.json")) for e in entries(path.stem)]
    keys = {k for e in every if e.kind in ("reason", "verify")
            and len((k := _key(e.text)).split()) >= 4}
    lengths: dict[str, set[int]] = {}
    for k in keys:
        words = k.split()
        lengths.setdefault(words[0], set()).add(len(words))
    out: set[str] = set()
    for e in every:
        words = _key(e.text).split()[:12]
        for i, first in enumerate(words):
            for n in lengths.get(first, ()):
                if i + n < len(words) and (run := " ".join(words[i:i + n])) in keys:
                    out.add(run)
    return frozenset(out)


def _forms(entry: Entry, prefixes: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    """(kind of form, regex, needle) under which ``entry`` may appear in output.

    A reason or verify text must not go on with more words when it is short (OpenSSL's
    "http request" in "HTTP request failed") or when another harvested text goes on after
    its words (``prefixes``): "self-signed certificate" is another result than
    "self-signed certificate in certificate chain", but nothing longer begins with the
    latter, so a logger's field that goes on after it ("message=... fatal") still reads."""
    out = []
    if entry.kind == "strerror":
        return []  # a library's generic phrase: only its program's own forms (extra_forms)
    if entry.get("after"):
        return _after_forms(entry)
    if entry.kind in ("name", "code", "class") or (
            entry.kind not in ("log", "message", "failf") and entry.id == entry.text
            and re.fullmatch(r"[A-Za-z][A-Za-z0-9_.]{5,}", entry.text)):
        rx, nd = name_regex(entry.text)
        return [("name", rx, nd)]
    key = _key(entry.text)
    whole = entry.kind in ("reason", "verify") and (len(key.split()) < 4 or key in prefixes)
    got = (text_regex(entry.text, whole=whole)
           if entry.kind != "comment" else None)
    if got is not None:
        out.append(("text", *got))
    if re.fullmatch(r"[A-Z][A-Z0-9]*_[A-Z0-9_]{3,}|AH\d{5}|err(?:SSL|Sec)\w+", entry.id):
        out.append(("name", *name_regex(entry.id)))
    return out


def _after_forms(entry: Entry) -> list[tuple[str, str, str]]:
    """Forms of a text a program prints only after its own words (``after``: "SSL connection
    error: ", "TLS/SSL error: "): short texts ("Certificate revoked", "Unable to get
    certificate") are ordinary phrases of other programs too (OpenSSL's "unable to get
    certificate CRL"), so they count only there; a sentence of six words or more is its
    program's own wherever it stands (drivers raise libmysql's texts without its prefix).
    ``whole``: the text must end there (hiredis's "Server closed the connection" is not
    libpq's "server closed the connection unexpectedly")."""
    got = text_regex(entry.text, context=False, whole=bool(entry.get("whole")))
    if got is None:
        return []
    lead = "|".join(re.escape(a.strip()) for a in entry.get("after"))
    out = [("after", rf"(?:{lead})\s?{got[0]}", got[1])]
    bare = text_regex(entry.text)
    if bare is not None and len(_key(entry.text).split()) >= 6:
        out.append(("text", *bare))
    return out


def upstream_patterns(source: str, label: str, *, side: str = "client",
                      as_source: str = "", extra_forms: Any = None,
                      bare_names: bool = True,
                      server_readings: Mapping[str, str] | None = None) -> tuple[Pattern, ...]:
    """The patterns of every judged, TLS-related entry of ``source``.

    ``extra_forms(entry)`` may add (kind, regex, needle) forms a program prints (e.g.
    Python's "[SSL: NAME]" for OpenSSL reasons). ``as_source`` is the program name a match
    reports (Firefox's pages are reported as "nss", like the NSS names they show).
    ``bare_names=False``: identifiers only in the program's own forms (BoringSSL's names are
    OpenSSL's too; only "OPENSSL_internal:NAME" says BoringSSL printed them).
    ``server_readings``: entry id -> causes when a server's own log says it (see
    Pattern.own_reading).
    """
    out: list[Pattern] = []
    ids: set[str] = set()
    prefixes = _continued()
    # A judgement module may say what an entry means in its program's terms (MEANING, by
    # identifier) where the upstream words alone would mislead ("SSL certificate
    # validation failed" for a key that does not fit its certificate).
    said = getattr(_judgement(source), "MEANING", {})
    for entry in entries(source):
        verdict = judge(entry)
        if verdict is None or verdict.kind in (NOT_TLS, ELSEWHERE):
            continue
        forms = [f for f in _forms(entry, prefixes) if bare_names or f[0] != "name"]
        forms += list(extra_forms(entry)) if extra_forms else []
        if verdict.how != "listed" and entry.kind in ("log", "message", "failf"):
            # Judged by a keyword rule, not by name: trust only texts long enough to be
            # that program's own sentence, never a two-word phrase found anywhere.
            forms = [f for f in forms if f[0] != "text" or (
                not f[1].startswith("(?m)") and len(f[2].split()) >= 3)]
        cs = causes(verdict.causes) if verdict.kind == "causes" else ()
        reading = (server_readings or {}).get(entry.id)
        scs = None if reading is None else causes(reading)
        meaning = f"{label}: " + (said.get(entry.id) or _clean(entry.text) + (
            f" ({entry.id})" if entry.id != entry.text else ""))
        for kind, rx, needle in dict.fromkeys(forms):
            pid = f"{source}.up.{entry.id}.{kind}"
            n = 2
            while pid in ids:
                pid, n = f"{source}.up.{entry.id}.{kind}.{n}", n + 1
            ids.add(pid)
            out.append(Pattern(source=as_source or source, rx=rx,
                               meaning=meaning.replace("{", "(").replace("}", ")"),
                               causes=cs, provenance=entry.provenance, spec=verdict.spec,
                               needle=needle, id=pid, own_reading=scs,
                               upstream=entry.id, side=side))
    return tuple(out)


Judged = tuple[Entry, Verdict, int, tuple[str, str]]


def judged_numbered(source: str, wanted: Callable[[Entry], bool]) -> list[Judged]:
    """``source``'s numbered entries judged to name causes, with their text's regex and
    needle: each entry judged once, and only the ones ``wanted`` and numbered."""
    out = []
    for e in entries(source):
        n = e.get("number")
        if n is None or not wanted(e):
            continue
        v = judge(e)
        if v is None or v.kind != "causes":
            continue
        got = text_regex(e.text, context=False)
        if got is not None:
            out.append((e, v, int(n), got))
    return out


def verify_shapes(shapes: tuple[tuple[str, str, str], ...],
                  verify: list[Judged]) -> tuple[Pattern, ...]:
    """Each judged OpenSSL verify text (``verify``) inside each program's own shape
    (program, the wrapper entry's id, a regex with {text} and optionally {n}), read as the
    OpenSSL table reads it, a client's words (rounds 16 and 17: HexChat, getdns, aria2,
    Mercurial, w3m)."""
    out: list[Pattern] = []
    for program, ident, shape in shapes:
        wrapper = next(e for e in entries(program) if e.id == ident)
        for e, v, n, got in verify:
            out.append(Pattern(
                source=program, rx=shape.format(text=got[0], n=int(n)),
                meaning=f"{program}: OpenSSL certificate verification failed: {e.text} "
                        f"(X509_V_ERR {n}, {e.id})",
                causes=causes(v.causes), provenance=f"{wrapper.provenance}; {e.provenance}",
                spec=REASON + 1, needle=got[1], id=f"{program}.verify.{n}.{len(out)}",
                upstream=e.id, side="client"))
    return tuple(out)
