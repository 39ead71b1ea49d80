"""Round 16: a Java program that cannot load its own key material or trust store, and the
Java server frameworks' TLS configuration errors (harvested by scripts/harvest/javaks.py into
upstream/<source>.json, judged in judgement/<source>.py): the JDK's key store loaders
(java_keys), Tomcat, Jetty, Spring Boot and Elasticsearch.

The forms they print: a message of four words or more anywhere (a log that drops the class,
Tomcat's "Failed to load keystore type [PKCS12] with path [...] due to [...]", Elasticsearch's
"nested: IOException[keystore password was incorrect]"); a shorter one ("Cannot recover
key", "Invalid keystore format") only after its exception class, as Java prints it
("java.security.UnrecoverableKeyException: Cannot recover key") or as Elasticsearch nests it
("UnrecoverableKeyException[Cannot recover key]"). Tomcat's messages carry no class in its
table (its StringManager's text is thrown in several): four words or more only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import Pattern
from .harvested import Entry, entries, text_regex, upstream_patterns


def _java_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    cls = str(entry.get("exception") or "")
    got = text_regex(entry.text, context=False)
    if cls and got is not None:
        yield ("java", rf"\b{re.escape(cls)}: {got[0]}", got[1])
        yield ("nested", rf"\b{re.escape(cls)}\[{got[0]}", got[1])


def _sentences(source: str) -> frozenset[str]:
    """The entries of ``source`` whose text has four words or more besides its values."""
    return frozenset(e.id for e in entries(source)
                     if len(e.text.replace("%s", " ").split()) >= 4)


def _java(source: str, label: str, side: str) -> tuple[Pattern, ...]:
    long = _sentences(source)
    return tuple(p for p in upstream_patterns(source, label, side=side, extra_forms=_java_forms)
                 if p.id.endswith((".java", ".nested")) or p.upstream in long)


_TOMCAT = _sentences("tomcat")
PATTERNS = (_java("java_keys", "Java", "")
            + tuple(p for p in upstream_patterns("tomcat", "Tomcat", side="server")
                    if p.upstream in _TOMCAT)
            + _java("jetty", "Jetty", "")
            + _java("spring_boot", "Spring Boot", "")
            + _java("es_ssl", "Elasticsearch", "server"))
