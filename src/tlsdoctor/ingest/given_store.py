"""The trust store a Java program was given, where its output or the pasted command shows it.

Java's "the trustAnchors parameter must be non-empty" (an empty or missing trust store) says
nothing of which store. When the text also shows ``javax.net.ssl.trustStore`` set, that store
is the one to fix, not the distribution's CA package: the store the JVM was pointed at is read
instead of the JDK's cacerts (JSSE's TrustStoreManager reads the property first). Round 17.

Where people set it, each as it appears in what they paste:

- a system property on the command line: ``java -Djavax.net.ssl.trustStore=PATH ...`` (also
  ``mvn`` / ``./gradlew`` given ``-D...``; Gradle's ``org.gradle.jvmargs``);
- an environment variable every JVM reads, which the JVM echoes on stderr when it starts:
  "Picked up JAVA_TOOL_OPTIONS: ..." and "Picked up _JAVA_OPTIONS: ..." (HotSpot's
  Arguments::parse_options_environment_variable, jdk-17+35 src/hotspot/share/runtime/
  arguments.cpp), "NOTE: Picked up JDK_JAVA_OPTIONS: ..." (the java launcher, jdk-17+35
  src/java.base/share/native/libjli/java.c); or its export line (``MAVEN_OPTS`` too);
- Gradle's gradle.properties: ``systemProp.javax.net.ssl.trustStore=PATH`` (Gradle user
  manual, "System properties": the systemProp. prefix).

The password (``trustStorePassword``) and type (``trustStoreType``) are read from the same
place when given. ``NONE`` (a PKCS#11 token) names no file and is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["FORMS", "GivenStore", "read"]

# form -> how the setting is written there (fixes/given_store_text.py prints it back)
FORMS = ("property", "java_tool_options", "_java_options", "jdk_java_options", "maven_opts",
         "gradle")

_VALUE = r"(?P<v>\"[^\"\n]{1,260}\"|'[^'\n]{1,260}'|[^\s\"'<>|;&]{1,260})"
_SETTING = re.compile(r"(?:-D|\bsystemProp\.)javax\.net\.ssl\.trustStore(?P<what>|Password|Type)"
                      r"[ \t]*=[ \t]*" + _VALUE)
# Which form a line holding the setting is, checked in this order (JDK_JAVA_OPTIONS holds
# "_JAVA_OPTIONS").
_LINE_FORMS = (
    ("gradle", re.compile(r"\bsystemProp\.javax\.net\.ssl\.trustStore")),
    ("jdk_java_options", re.compile(r"\bJDK_JAVA_OPTIONS\b")),
    ("java_tool_options", re.compile(r"\bJAVA_TOOL_OPTIONS\b")),
    ("_java_options", re.compile(r"(?<![A-Z])_JAVA_OPTIONS\b")),
    ("maven_opts", re.compile(r"\bMAVEN_OPTS\b")),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class GivenStore:
    form: str  # one of FORMS
    path: str  # as written (quotes removed)
    password: str  # "" when not shown
    store_type: str  # "" when not shown
    line: str  # the line that sets the path (and the one setting the password, if another)


def _form(line: str) -> str:
    return next((form for form, rx in _LINE_FORMS if rx.search(line)), "property")


def read(text: str) -> GivenStore | None:
    """The trust store ``text`` shows given (the last setting of the path wins, as the JVM's
    last -D does), None when it shows none."""
    found: GivenStore | None = None
    for line in text.splitlines():
        settings = {m.group("what"): m.group("v").strip("\"'") for m in _SETTING.finditer(line)}
        path = settings.get("")
        if not path or path.upper() == "NONE" or not path.isprintable():
            continue
        found = GivenStore(form=_form(line), path=path, line=line.strip()[:400],
                           password=settings.get("Password", ""),
                           store_type=settings.get("Type", ""))
    if found is not None and not found.password:  # a password given on another line
        for line in text.splitlines():
            for m in _SETTING.finditer(line):
                if m.group("what") == "Password":
                    # both lines as one: the fix steps read the store again from this line
                    found = GivenStore(form=found.form, path=found.path,
                                       line=f"{found.line} {line.strip()[:200]}",
                                       password=m.group("v").strip("\"'"),
                                       store_type=found.store_type)
    return found
