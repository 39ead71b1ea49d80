"""The runtime a trust failure's text names, dated by the roots its own CA store holds (round 16).

A JRE carries its own CA store (``lib/security/cacerts``), fixed when that update was built;
Android carries its system store per platform version. A client that prints its runtime's
version next to "PKIX path building failed", "Trust anchor for certification path not found"
or "certificate verify failed" tells how old its store is: a Java 8 before 8u141 or an Android
before 7.1.1 has no ISRG Root X1, the only root Let's Encrypt chains to since its DST Root CA
X3 cross-sign expired (``runtime_roots.json``, each row with its source).

The version is read where Java prints it: a log4j2 stack frame's jar part (``~[?:1.8.0_51]``),
an install path (``jre1.8.0_51``, ``jdk1.8.0_51``), ``java.version=1.8.0_51``, the default
HttpURLConnection user agent (``Java/1.8.0_51``), ``(Java 1.8.0_51)``, ``java version
"1.8.0_51"``, and the short forms ``8u51`` / ``Java 8 Update 51``; Android's as ``Android
7.0`` or an API level next to the word Android. A text naming a current update as well (a
thread quoting the one that works) is not read as old: every Java version named must be old.

A distribution's OpenJDK package reads the operating system's store instead (Debian's
``lib/security/cacerts`` is a link to ``/etc/ssl/certs/java/cacerts``), so the version is a
strong hint, not a proof: the reading stays below certainty and its check (``java -version``,
``keytool -list``) tells them apart.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["OldRuntime", "first_releases", "read"]

_DATA = Path(__file__).with_name("runtime_roots.json")

# Java 8/7 as the JVM prints its version (java.version, frames, paths, the user agent), and the
# short and long update forms people and installers write.
_JAVA_LONG = re.compile(r"(?<![\d.])1\.(?P<major>[78])\.0_(?P<update>\d{1,3})(?!\d)")
_JAVA_SHORT = re.compile(r"\b(?:(?:jdk|jre|java|openjdk|temurin|zulu|corretto)[- ]?)?"
                         r"(?<![\d.])(?P<major>[78])u(?P<update>\d{1,3})(?![\d.])"
                         r"|\bJava(?: SE)? (?P<major2>[78]) Update (?P<update2>\d{1,3})\b",
                         re.IGNORECASE)
# Android's platform version, or its API level beside the word Android (SDK_INT, "API 24")
_ANDROID = re.compile(r"\bAndroid[ /](?P<v>\d{1,2}(?:\.\d{1,2}){0,2})\b", re.IGNORECASE)
_ANDROID_WORD = re.compile(r"\bAndroid\b", re.IGNORECASE)
_API = re.compile(r"\b(?:API(?: level)?|SDK_INT|sdk)[ =:]{0,3}(?P<api>\d{1,2})\b")

@dataclass(frozen=True, slots=True, kw_only=True)
class OldRuntime:
    runtime: str  # "java8", "java7", "android"
    version: str  # as read: "1.8.0_51", "Android 7.0", "API 24"
    words: str  # the words that show it, as printed
    missing: tuple[str, ...]  # the current roots its store lacks

    @property
    def label(self) -> str:
        """The runtime as a person names it: "Java 1.8.0_51", "Android 7.0", "Android API 24"."""
        return f"{'Java' if self.runtime.startswith('java') else 'Android'} " + \
            self.version.removeprefix("Android ")


@cache
def first_releases() -> dict[str, dict[str, object]]:
    """{runtime: {root: first release}} for the roots public sites chain to today."""
    out: dict[str, dict[str, object]] = {}
    for row in json.loads(_DATA.read_text(encoding="utf-8"))["roots"]:
        if row["current"]:
            first = row.get("api", row["first"]) if row["runtime"] == "android" else row["first"]
            out.setdefault(row["runtime"], {})[row["root"]] = first
    return out


def _java(text: str) -> OldRuntime | None:
    found: list[tuple[str, int, str]] = []  # (runtime, update, words)
    for m in _JAVA_LONG.finditer(text):
        found.append((f"java{m.group('major')}", int(m.group("update")), m.group(0)))
    for m in _JAVA_SHORT.finditer(text):
        major = m.group("major") or m.group("major2")
        update = m.group("update") or m.group("update2")
        found.append((f"java{major}", int(update), m.group(0)))
    if not found:
        return None
    lacking = []
    for runtime, update, words in found:
        firsts = first_releases().get(runtime, {})
        missing = tuple(root for root, first in firsts.items()
                        if isinstance(first, int) and update < first)
        if not missing:
            return None  # a current update is named too: not read as old
        lacking.append((runtime, update, words, missing))
    runtime, update, words, missing = lacking[0]
    return OldRuntime(runtime=runtime, version=f"1.{runtime[-1]}.0_{update}", words=words,
                      missing=missing)


def _android(text: str) -> OldRuntime | None:
    firsts = first_releases().get("android", {})
    m = _ANDROID.search(text)
    if m is not None:
        parts = tuple(int(p) for p in m.group("v").split("."))
        # 7.1 (API 25) is older than 7.1.1 but shares its API level: 7.1.1 is the first
        missing = tuple(root for root in firsts if (parts + (0, 0))[:3] < (7, 1, 1))
        return (OldRuntime(runtime="android", version=f"Android {m.group('v')}",
                           words=m.group(0), missing=missing) if missing else None)
    api = _API.search(text) if _ANDROID_WORD.search(text) else None
    if api is None:
        return None
    level = int(api.group("api"))
    # API 25 is 7.1 and 7.1.1-7.1.2: only a level below it is surely without the root
    missing = tuple(root for root, first in firsts.items()
                    if isinstance(first, int) and level < first)
    return (OldRuntime(runtime="android", version=f"API {level}", words=api.group(0),
                       missing=missing) if missing and level >= 1 else None)


def read(text: str) -> OldRuntime | None:
    """The runtime the text names when its own CA store predates today's public roots, else
    None (no version named, a current one, or one this data does not date)."""
    return _java(text) or _android(text)
