"""Translated TLS error texts from the programs' own catalogs, paired with their English.

People post error output in their own language: Chromium's and Firefox's certificate pages,
GnuTLS (gnutls-cli, and every GNOME/GnuTLS program), Git, glib-networking, libpq. Each of
these ships its translations as data keyed by the English original (gettext .mo catalogs
keyed by the msgid; Chromium's locale .pak files keyed by the same resource number as
en-US.pak; Firefox's Fluent files keyed by the message id). This reads the installed
packages (Debian 12; the l10n packages are ``chromium-l10n``, ``firefox-esr-l10n-<lang>``,
``glib-networking-common``), keeps the pairs whose English a tlsdoctor pattern with a verdict
recognises (``ingest/patterns/l10n.py``: the same sentence split and placeholder rules
as the runtime table), and writes ``src/tlsdoctor/ingest/patterns/l10n.json`` with, per
entry, the English text, the translation, the English pattern it means, and where both
were read (package, path inside it, and the upstream repository, path and commit of the
translation source).

Run: PYTHONPATH=src python3 scripts/harvest_l10n.py
"""

from __future__ import annotations

import gettext
import itertools
import json
import re
import struct
import subprocess
import zipfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from tlsdoctor.api import explain
from tlsdoctor.ingest.messages import find_matches
from tlsdoctor.ingest.patterns import Pattern, all_patterns
from tlsdoctor.ingest.patterns.l10n import pairs_of, render, to_regex

OUT = Path(__file__).resolve().parents[1] / "src/tlsdoctor/ingest/patterns/l10n.json"
LOCALE = Path("/usr/share/locale")
CHROMIUM = Path("/usr/lib/chromium/locales")
FIREFOX = Path("/usr/lib/firefox-esr")

# tlsdoctor language -> (gettext directory, Chromium .pak, Firefox langpack / l10n repo dir)
LANGS = {
    "de": ("de", "de", "de"), "fr": ("fr", "fr", "fr"), "es": ("es", "es", "es-ES"),
    "it": ("it", "it", "it"), "pt_BR": ("pt_BR", "pt-BR", "pt-BR"), "ru": ("ru", "ru", "ru"),
    "zh_CN": ("zh_CN", "zh-CN", "zh-CN"), "zh_TW": ("zh_TW", "zh-TW", "zh-TW"),
    "ja": ("ja", "ja", "ja"), "ko": ("ko", "ko", "ko"), "pl": ("pl", "pl", "pl"),
    "tr": ("tr", "tr", "tr"), "nl": ("nl", "nl", "nl"),
}

# source -> (catalog name, Debian package, upstream repository, path of the translations,
# commit of that repository seen through the search index or "" when it is not indexed)
GETTEXT = {
    "gnutls": ("gnutls30", "libgnutls30", "gnutls/gnutls (Translation Project)",
               "po/<lang>.po", ""),
    "git": ("git", "git", "git/git", "po/<lang>.po",
            "b67e63067d1962f84fbe8e14346ebfc53bee659f"),
    "glib-networking": ("glib-networking", "glib-networking-common", "GNOME/glib-networking",
                        "po/<lang>.po", "9bdd6a0f6921ea9a90409baade9680ac339461ac"),
    "wget": ("wget", "wget", "GNU Wget (Translation Project)", "po/<lang>.po", ""),
    "libpq": ("libpq5-15", "libpq5", "postgres/postgres", "src/interfaces/libpq/po/<lang>.po",
              ""),
}
CHROMIUM_UPSTREAM = ("chromium/chromium", "components/strings/components_strings_<lang>.xtb",
                     "40afb890c09c72e01e9070131732b338dc897f17")
FIREFOX_UPSTREAM = ("mozilla-l10n/firefox-l10n", "<lang>/toolkit/toolkit/neterror/<file>",
                    "264229f2a25912090cd5cff75b18a2e1d966aae5")
FIREFOX_FILES = ("toolkit/neterror/certError.ftl", "toolkit/neterror/netError.ftl",
                 "toolkit/neterror/nsserrors.ftl")


def _version(package: str) -> str:
    got = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True,
                         text=True, check=False)
    return got.stdout.strip() or "not installed"


# --- gettext ------------------------------------------------------------------------------

def _gettext(catalog: str, lang_dir: str) -> Iterator[tuple[str, str, str]]:
    mo = LOCALE / lang_dir / "LC_MESSAGES" / f"{catalog}.mo"
    if not mo.exists():
        return
    with mo.open("rb") as fh:
        cat = gettext.GNUTranslations(fh)
    for key, value in cat._catalog.items():
        if isinstance(key, str) and key and value and value != key:
            yield key, key, value


# --- Chromium ------------------------------------------------------------------------------

def _pak(path: Path) -> dict[int, str]:
    """A Chromium .pak (format 5): resource number -> UTF-8 text."""
    data = path.read_bytes()
    version, encoding, count = struct.unpack_from("<IIH", data, 0)
    if version != 5 or encoding != 1:
        raise SystemExit(f"{path}: pak format {version}/{encoding} not understood")
    entries = [struct.unpack_from("<HI", data, 12 + 6 * i) for i in range(count + 1)]
    out = {}
    for (rid, start), (_, end) in itertools.pairwise(entries):
        try:
            out[rid] = data[start:end].decode("utf-8")
        except UnicodeDecodeError:
            continue
    return out


def _chromium(english: dict[int, str], pak: str) -> Iterator[tuple[str, str, str]]:
    path = CHROMIUM / f"{pak}.pak"
    if not path.exists():
        return
    for rid, text in _pak(path).items():
        if rid in english and text != english[rid]:
            yield str(rid), english[rid], text


# --- Firefox -------------------------------------------------------------------------------

_FTL_MESSAGE = re.compile(r"^(-?[a-zA-Z][\w-]*) =[ \t]*(.*)$")


def _ftl(text: str) -> dict[str, str]:
    """Fluent messages (value only, continuation lines joined); attributes ``.x = ...``
    become ``id.x``. Messages with selectors are left out (their variants differ)."""
    out: dict[str, str] = {}
    key = ""
    for line in text.splitlines():
        head = _FTL_MESSAGE.match(line)
        attr = re.match(r"^\s+\.([\w-]+) =[ \t]*(.*)$", line)
        if head:
            key = head.group(1)
            out[key] = head.group(2)
        elif attr and key:
            base = key.split(".")[0]
            key = f"{base}.{attr.group(1)}"
            out[key] = attr.group(2)
        elif key and line.startswith((" ", "\t")) and line.strip():
            out[key] = (out[key] + " " + line.strip()).strip()
        elif not line.strip() or line.startswith("#"):
            key = ""
    return {k: v for k, v in out.items() if v and "->" not in v}


def _ftl_from(jar: Path, member: str) -> dict[str, str]:
    with zipfile.ZipFile(jar) as z:
        try:
            return _ftl(z.read(member).decode("utf-8"))
        except KeyError:
            return {}


def _firefox(lang: str) -> Iterator[tuple[str, str, str]]:
    xpi = FIREFOX / f"browser/extensions/langpack-{lang}@firefox-esr.mozilla.org.xpi"
    if not xpi.exists():
        return
    for name in FIREFOX_FILES:
        english = _ftl_from(FIREFOX / "omni.ja", f"localization/en-US/{name}")
        for key, text in _ftl_from(xpi, f"localization/{lang}/{name}").items():
            if key in english and text != english[key]:
                yield f"{name.rsplit('/', 1)[1]}:{key}", english[key], text


# --- pairing -------------------------------------------------------------------------------

@cache
def _table() -> dict[str, Pattern]:
    """The table's patterns by id (an identifier alone, ".name", or a bare alert name,
    ".bare", says nothing a translation adds)."""
    return {p.id: p for p in all_patterns() if not p.id.endswith((".bare", ".name"))}


def english_row(sentence: str) -> tuple[str, str] | None:
    """(id of the pattern that reads the English sentence, explain's ranking of the English
    sentence): the most specific statement with a verdict, when it covers at least half of
    the sentence (a pattern that matched only a word of it would not say what the whole
    sentence says). The ranking is kept, not only the pattern's causes, because the words
    that decide a side in English ("your certificate": a server rejected ours) are not
    words side.py knows in other languages."""
    text = render(sentence)
    if len(sentence.split()) < 3:  # a two-word label ("Access denied") is UI, not a report
        return None
    best = max((m for m in find_matches(text) if m.causes and m.pattern_id in _table()),
               key=lambda m: (m.spec, m.span), default=None)
    if best is None or best.span * 2 < len(text.strip().rstrip(".")):
        return None
    ranking = [(f.cause, round(f.confidence, 3)) for f in explain(text).findings[:4]]
    if not ranking:
        return None
    return best.pattern_id, " ".join(f"{c.value}:{w:g}" for c, w in ranking)


def _keep(source: str, lang: str, where: dict[str, str],
          items: Iterator[tuple[str, str, str]], out: list[dict[str, str]]) -> None:
    for key, english, text in items:
        for en_sentence, sentence in pairs_of(english, text):
            found = english_row(en_sentence)
            if found is None or to_regex(sentence) is None:
                continue
            out.append({"source": source, "lang": lang, "key": key, "english": en_sentence,
                        "text": sentence, "row": found[0], "reading": found[1], **where})


def _merged(out: list[dict[str, str]]) -> list[dict[str, str]]:
    """One entry per translated text. A catalog may give two msgids one translation (wget's
    ja catalog: "expired" and "revoked" are both 失効しています): the text cannot tell
    them apart, so it gets the mean of their English readings, and "also" names the other
    English originals."""
    groups: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for e in out:
        groups.setdefault((e["source"], e["lang"], e["text"]), []).append(e)
    unique = []
    for group in groups.values():
        first = dict(group[0])
        readings = {e["reading"] for e in group}
        if len(readings) > 1:
            weights: dict[str, float] = {}
            for reading in readings:
                for item in reading.split():
                    cause, _, w = item.partition(":")
                    weights[cause] = weights.get(cause, 0.0) + float(w) / len(readings)
            first["reading"] = " ".join(f"{c}:{w:.3g}" for c, w in
                                        sorted(weights.items(), key=lambda kv: -kv[1]))
            first["also"] = " | ".join(sorted({e["english"] for e in group[1:]}))
        unique.append(first)
    return unique


def main() -> None:
    out: list[dict[str, str]] = []
    origins: dict[str, dict[str, str]] = {}
    for source, (catalog, package, repo, path, commit) in GETTEXT.items():
        origins[source] = {"package": f"Debian {package} {_version(package)}",
                           "read_from": f"/usr/share/locale/<lang>/LC_MESSAGES/{catalog}.mo",
                           "repo": repo, "path": path, "commit": commit}
        for lang, (lang_dir, _, _) in LANGS.items():
            _keep(source, lang, {}, _gettext(catalog, lang_dir), out)
    english = _pak(CHROMIUM / "en-US.pak")
    origins["chromium"] = {"package": f"Debian chromium-l10n {_version('chromium-l10n')}",
                           "read_from": "/usr/lib/chromium/locales/<lang>.pak (resource "
                                        "numbers paired with en-US.pak)",
                           "repo": CHROMIUM_UPSTREAM[0], "path": CHROMIUM_UPSTREAM[1],
                           "commit": CHROMIUM_UPSTREAM[2]}
    for lang, (_, pak, _) in LANGS.items():
        _keep("chromium", lang, {}, _chromium(english, pak), out)
    origins["firefox"] = {"package": f"Debian firefox-esr-l10n-<lang> "
                                     f"{_version('firefox-esr-l10n-fr')}",
                          "read_from": "/usr/lib/firefox-esr/browser/extensions/langpack-"
                                       "<lang>@firefox-esr.mozilla.org.xpi (localization/"
                                       "<lang>/toolkit/neterror/*.ftl; English from omni.ja)",
                          "repo": FIREFOX_UPSTREAM[0], "path": FIREFOX_UPSTREAM[1],
                          "commit": FIREFOX_UPSTREAM[2]}
    for lang, (_, _, ff) in LANGS.items():
        _keep("firefox", lang, {}, _firefox(ff), out)
    unique = _merged(out)
    lines = ",\n".join(json.dumps(e, ensure_ascii=False, separators=(",", ":"))
                       for e in unique)
    OUT.write_text(f'{{"origins":{json.dumps(origins, indent=1)},\n"entries":[\n{lines}\n]}}\n',
                   encoding="utf-8")
    print(f"{len(unique)} translations -> {OUT}")


if __name__ == "__main__":
    main()
