"""Round 16's audit: a trust failure whose text names an old runtime (ingest/runtime_store.py).

Versions x the places a JVM or Android prints them x the trust wordings those stacks print x
the host context: an old runtime (Java 8 before 8u141, Java 7 before 7u151, Android before
7.1.1) with no other context reads as its own outdated CA store (client_misconfiguration
first, below 0.6, the runtime check named); a current runtime, no version, or a private host
reads exactly as the same text without the version.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tlsdoctor import explain
from tlsdoctor.diagnosis.causes import Cause as C
from tlsdoctor.ingest import runtime_store, trust_context

# Where the version is printed: a log4j2 frame, an install path, the system property, the
# default HttpURLConnection user agent, a launcher's "(Java ...)", `java -version`, the short
# and long update forms.
JAVA_PLACES = (
    "\tat sun.security.ssl.Alerts.getSSLException(Alerts.java:192) ~[?:{v}]",
    "Java home: C:\\Program Files\\Java\\jre{v}",
    "C:\\Program Files\\Java\\jdk{v}\\bin\\java.exe -jar app.jar",
    "java.version={v}",
    "User-Agent: Java/{v}",
    "Minecraft Launcher (Java {v})",
    'java version "{v}"',
)
SHORT_PLACES = ("running on Java {major}u{update}", "jdk{major}u{update}",
                "Java {major} Update {update}")
OLD_JAVA = ("1.8.0_51", "1.8.0_25", "1.8.0_101", "1.8.0_131", "1.8.0_05", "1.7.0_80",
            "1.7.0_45", "1.7.0_111")
CURRENT_JAVA = ("1.8.0_141", "1.8.0_202", "1.8.0_401", "1.8.0_462", "1.7.0_151", "1.7.0_351")
# Java 9+ version strings are not dated by this data (every one named here is current).
OTHER_JAVA = ('openjdk version "17.0.15" 2025-04-15', "java.version=21.0.2",
              "User-Agent: Java/11.0.22", "jdk-17.0.9+9")
OLD_ANDROID = ("Android 7.0", "Android 6.0.1", "Android 5.1", "Android 4.4.2",
               "Dalvik/2.1.0 (Linux; U; Android 7.0; SM-G930F Build/NRD90M)",
               "Android device, API 24", "Android emulator SDK_INT=23")
CURRENT_ANDROID = ("Android 7.1.1", "Android 7.1.2", "Android 8.0", "Android 12",
                   "Android 14", "Android device, API 25", "Android emulator API 33")

JAVA_WORDINGS = (
    "javax.net.ssl.SSLHandshakeException: sun.security.validator.ValidatorException: PKIX "
    "path building failed: sun.security.provider.certpath.SunCertPathBuilderException: "
    "unable to find valid certification path to requested target",
    "Caused by: sun.security.provider.certpath.SunCertPathBuilderException: unable to find "
    "valid certification path to requested target",
    "javax.net.ssl.SSLHandshakeException: PKIX path building failed",
)
ANDROID_WORDINGS = (
    "javax.net.ssl.SSLHandshakeException: java.security.cert.CertPathValidatorException: "
    "Trust anchor for certification path not found.",
    "java.security.cert.CertPathValidatorException: Trust anchor for certification path "
    "not found.",
)
PUBLIC_URLS = ("", "Downloading https://repo1.maven.org/maven2/org/lwjgl/lwjgl.pom",
               "GET https://api.github.com/repos/x/y/releases")
PRIVATE_URLS = ("Downloading https://nexus.corp.local/repository/x.pom",
                "GET https://10.20.0.5:8443/api")


def _java_forms(v: str) -> list[str]:
    major, update = v[2], v.rsplit("_", 1)[1].lstrip("0") or "0"
    return ([p.format(v=v) for p in JAVA_PLACES]
            + [p.format(major=major, update=update) for p in SHORT_PLACES])


def _text(wording: str, version_line: str, url: str) -> str:
    return "\n".join(x for x in (url, wording, version_line) if x)


def _reading(text: str) -> tuple[C, float, str]:
    r = explain(text)
    assert r.recognized and len(r.findings) >= 2, text
    first = r.findings[0]
    return first.cause, first.confidence, str(first.facts.get("trust_context", ""))


OLD_CASES = [(w, line, url) for v in OLD_JAVA for line in _java_forms(v)
             for w in JAVA_WORDINGS for url in PUBLIC_URLS] + \
            [(w, line, url) for line in OLD_ANDROID for w in ANDROID_WORDINGS
             for url in PUBLIC_URLS]


@pytest.mark.parametrize(("wording", "line", "url"), OLD_CASES)
def test_an_old_runtime_reads_as_its_own_store(wording: str, line: str, url: str) -> None:
    text = _text(wording, line, url)
    r = explain(text)
    first = r.findings[0]
    # Java 7 and "Android 4-7" were already client-store words (round 12): the same answer
    assert first.cause is C.CLIENT_MISCONFIGURATION, text
    assert first.confidence < 0.6
    assert first.confidence > r.findings[1].confidence
    where = str(first.facts["trust_context"])
    assert where.startswith(("old_runtime", "store")), where
    if where.startswith("old_runtime"):
        assert "keytool -list" in str(first.facts["tell_apart"])
        assert any("isrgrootx1" in s.code for s in first.fix)


CURRENT_CASES = [(w, line, url) for v in CURRENT_JAVA for line in _java_forms(v)
                 for w in JAVA_WORDINGS for url in PUBLIC_URLS[:2]] + \
                [(w, line, url) for line in OTHER_JAVA for w in JAVA_WORDINGS
                 for url in PUBLIC_URLS[:2]] + \
                [(w, line, url) for line in CURRENT_ANDROID for w in ANDROID_WORDINGS
                 for url in PUBLIC_URLS[:2]]


@pytest.mark.parametrize(("wording", "line", "url"), CURRENT_CASES)
def test_a_current_runtime_reads_as_without_a_version(wording: str, line: str,
                                                      url: str) -> None:
    with_version, without = _text(wording, line, url), _text(wording, "", url)
    got = _reading(with_version)
    assert "old_runtime" not in got[2]
    # "Android 7" and any Java 7 are round-12 client-store words (an old platform): kept
    if not line.startswith("Android 7.1") and "1.7.0_" not in line and "7u" not in line \
            and "Java 7" not in line:
        assert got == _reading(without), with_version


PRIVATE_CASES = [(w, line, url) for v in ("1.8.0_51", "1.8.0_131") for line in _java_forms(v)
                 for w in JAVA_WORDINGS for url in PRIVATE_URLS]


@pytest.mark.parametrize(("wording", "line", "url"), PRIVATE_CASES)
def test_a_private_host_keeps_its_reading(wording: str, line: str, url: str) -> None:
    with_version, without = _text(wording, line, url), _text(wording, "", url)
    got = _reading(with_version)
    assert got == _reading(without), with_version
    assert got[0] is not C.CLIENT_MISCONFIGURATION


def test_environment_words_still_come_first() -> None:
    text = _text(JAVA_WORDINGS[0], "java.version=1.8.0_51",
                 "only on the corporate network (Zscaler is running on this laptop)")
    r = explain(text)
    assert r.findings[0].cause is C.TLS_INTERCEPTION_MITM
    assert r.findings[1].cause is C.CLIENT_MISCONFIGURATION
    assert r.findings[0].facts["trust_context"] == "environment+store"


def test_no_trust_failure_is_left_alone() -> None:
    # an old JRE refused by the server's version (not a trust failure): not this reading
    text = ("javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure\n"
            "\tat sun.security.ssl.Alerts.getSSLException(Alerts.java:192) ~[?:1.8.0_51]")
    r = explain(text)
    assert all("old_runtime" not in str(f.facts.get("trust_context", "")) for f in r.findings)


@pytest.mark.parametrize(("text", "label"), [
    ("~[?:1.8.0_51]", "Java 1.8.0_51"), ("jre1.8.0_25", "Java 1.8.0_25"),
    ("Java/1.8.0_45", "Java 1.8.0_45"), ("Java 8 Update 91", "Java 1.8.0_91"),
    ("jdk8u60", "Java 1.8.0_60"), ("jdk1.7.0_80", "Java 1.7.0_80"),
    ("Android 7.0", "Android 7.0"), ("on Android, API 24", "Android API 24")])
def test_the_version_is_read(text: str, label: str) -> None:
    got = runtime_store.read(text)
    assert got is not None and got.label == label
    assert got.missing == ("ISRG Root X1",)


@pytest.mark.parametrize("text", [
    "1.8.0_141", "1.8.0_401", "8u202", "Java 17", "17.0.15+6", "Android 7.1.1", "Android 13",
    "API 24",  # no Android word: any API's number
    "~[?:1.8.0_51] then with 1.8.0_401 it works",  # a current one is named too
    "version 11.8.0_51", "libfoo 2.1.8.0_5", "no version at all"])
def test_no_old_version_is_read(text: str) -> None:
    assert runtime_store.read(text) is None


def test_every_root_row_has_a_source_and_the_rows_read() -> None:
    data = json.loads(Path(runtime_store.__file__).with_name("runtime_roots.json").read_text())
    assert all(row["source"] and row["root"] for row in data["roots"])
    firsts = runtime_store.first_releases()
    assert firsts["java8"]["ISRG Root X1"] == 141
    assert firsts["java7"]["ISRG Root X1"] == 151
    assert firsts["android"]["ISRG Root X1"] == 25
    # every old_runtime row is the store's row, below certainty, without ties
    rows = {k: v for k, v in trust_context.ROWS.items() if k[1].startswith("old_runtime")}
    assert len(rows) == 12
    for (kind, where), row in rows.items():
        assert row == trust_context.ROWS[(kind, where.replace("old_runtime", "store"))]
        assert row.startswith("client_misconfiguration:.5")
