"""Windows' and .NET's messages in other languages (patterns/l10n_windows.json, round 20).

Every harvested translation is fed in the forms programs print it in (curl's and git's
schannel line with the code, SqlClient's provider wrapper, .NET's exception lines) and must
read as the same form with the English sentence does: the same causes, in the same order,
with the same confidences and sides. Before this round none of the bare translations was
recognised.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tlsdoctor import explain
from tlsdoctor.ingest.patterns import l10n

DATA = json.loads((Path(l10n.__file__).parent / "l10n_windows.json").read_text(encoding="utf-8"))
ENTRIES = DATA["entries"]
_CODES = {"SEC_E_UNTRUSTED_ROOT", "SEC_E_WRONG_PRINCIPAL", "SEC_E_CERT_EXPIRED",
          "CRYPT_E_NO_REVOCATION_CHECK", "CRYPT_E_REVOCATION_OFFLINE"}


def _reading(text: str) -> list[tuple[str, float, str]]:
    return [(f.cause.value, round(f.confidence, 2), f.who_fixes.value)
            for f in explain(text).findings[:4]]


def _forms(entry: dict[str, str], message: str) -> list[str]:
    """The entry's message as programs print it (the printed form's own words around it)."""
    key = entry["key"]
    name, _, code = key.partition(" (")
    code = code.rstrip(")")
    forms = [message]
    if name in _CODES:
        forms += [f"curl: (60) schannel: {name} ({code}) - {message}",
                  "fatal: unable to access 'https://example.com/repo.git/': schannel: next "
                  f"InitializeSecurityContext failed: Unknown error ({code}) - {message}",
                  f"System.ComponentModel.Win32Exception ({code}): {message}"]
    if name == "SEC_E_UNTRUSTED_ROOT":
        forms.append("A connection was successfully established with the server, but then an "
                     "error occurred during the login process. (provider: SSL Provider, "
                     f"error: 0 - {message})")
    if name.startswith("AuthenticationException"):
        forms.append("System.Net.Http.HttpRequestException: The SSL connection could not be "
                     "established, see inner exception.\n ---> System.Security.Authentication."
                     f"AuthenticationException: {message}")
    if name.startswith("WebExceptionStatus"):
        forms += [f"System.Net.WebException: {message}",
                  # Windows PowerShell 5.1's Invoke-WebRequest (HttpWebRequest's text)
                  f"Invoke-WebRequest : {message}\nIn Zeile:1 Zeichen:1\n+ Invoke-WebRequest "
                  "https://example.com\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~"]
    return forms


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e['lang']}-{e['key'][:28]}" for e in ENTRIES])
def test_every_translation_reads_like_its_english(entry: dict[str, str]) -> None:
    english = _forms(entry, entry["english"])
    translated = _forms(entry, entry["text"])
    for en, tr in zip(english, translated, strict=True):
        got = _reading(tr)
        assert got, tr
        assert got == _reading(en), (tr, en)


def test_the_bare_sentence_is_the_english_reading() -> None:
    for entry in ENTRIES:
        top = explain(entry["text"]).findings[0]
        assert top.cause.value == entry["reading"].split(":")[0], entry["text"]
        assert abs(top.confidence - float(entry["reading"].split()[0].split(":")[1])) < 0.01


def test_context_reads_a_translation_like_its_english() -> None:
    """trust_context knows the translated trust words: a proxy's name beside them names the
    proxy first, as beside the English."""
    for lang in ("de", "fr", "ru", "zh_CN", "pt_BR"):
        entry = next(e for e in ENTRIES if e["lang"] == lang
                     and e["key"].startswith("SEC_E_UNTRUSTED_ROOT"))
        for message in (entry["text"], entry["english"]):
            text = f"git clone https://github.com/x/y.git (behind Zscaler): {message}"
            assert _reading(text)[0][:2] == ("tls_interception_mitm", 0.8), text
        # ... and a private host's name beside them, the chain's own root
        text = f"Connect to db.internal.example:1433 failed: {entry['text']}"
        assert _reading(text) == _reading(
            f"Connect to db.internal.example:1433 failed: {entry['english']}")


def test_every_entry_has_its_sources() -> None:
    assert len(ENTRIES) >= 20
    langs = {e["lang"] for e in ENTRIES}
    assert {"de", "fr", "es", "pt_BR", "it", "pl", "ru", "ja", "zh_CN", "zh_TW", "ko",
            "tr"} <= langs
    for e in ENTRIES:
        assert e["seen"].count("code index") or e["seen"].count(" @ "), e
        assert l10n.to_regex(e["text"]) is not None
    built = [p for p in l10n.PATTERNS if p.id.startswith("l10n.windows.")]
    assert len(built) == len(ENTRIES)
    assert all("seen: " in p.provenance for p in built)


@pytest.mark.parametrize("text", [
    "Der Vorgang wurde erfolgreich beendet.",  # ERROR_SUCCESS, de
    "La operación se completó correctamente.",  # es
    "操作成功完成。",  # zh_CN
    "Die Zertifikatkette wurde erfolgreich erstellt.",
    "Цепочка сертификатов успешно построена.",
])
def test_other_system_messages_stay_unread(text: str) -> None:
    assert not explain(text).recognized
