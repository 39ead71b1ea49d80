"""What the harvest tests ask of a harvested table: its entries judged to name causes, the
first cause each is judged to give, and what explain reads from a printed form."""

from __future__ import annotations

from tlsdoctor.api import explain
from tlsdoctor.ingest.patterns.harvested import Entry, entries, judge, printed
from tlsdoctor.ingest.result import ExplainResult


def judged(source: str) -> list[Entry]:
    """``source``'s entries whose judgement names causes (not "no fault", not "not TLS")."""
    return [e for e in entries(source) if (v := judge(e)) is not None and v.kind == "causes"]


def first_cause(entry: Entry) -> str:
    """The cause ``entry`` is judged to give first."""
    return judge(entry).causes.split()[0].split(":")[0]  # type: ignore[union-attr]


def top(text: str) -> tuple[str, str, float]:
    """explain's source, first cause and its confidence for ``text`` (which it must read)."""
    r = explain(text)
    assert r.recognized and r.findings, text
    return r.source, r.findings[0].cause.value, r.findings[0].confidence


def top_fix_code(text: str, source: str, cause: str) -> str:
    """The top finding's printed fix code for ``text``, after checking who printed it (its
    source) and the cause it is read as."""
    r = explain(text)
    assert r.recognized and r.findings, text[-1500:]
    first = r.findings[0]
    assert (r.source, first.cause.value) == (source, cause), (r.source, first.cause, text[-800:])
    return "\n".join(s.code for s in first.fix if s.code)


def printed_form(entry: Entry) -> str:
    """``entry`` as its program prints it: the harvested form around the text (the text
    alone when the table records no form), placeholders filled in."""
    return str(entry.get("form") or "%TEXT%").replace("%TEXT%", printed(entry.text))


def read_as_judged(entry: Entry, text: str, *, cause: bool = True) -> ExplainResult:
    """explain's reading of ``text``, ``entry`` as its program prints it: recognised by one of
    the entry's own patterns and, with ``cause``, giving first the cause it is judged to."""
    r = explain(text)
    assert r.recognized, text
    assert any(m.pattern_id.startswith(f"{entry.source}.up.{entry.id}.") for m in r.matches), \
        (text, [m.pattern_id for m in r.matches])
    if cause:
        assert r.findings[0].cause.value == first_cause(entry), (text, r.findings[:2])
    return r
