"""Round 19: base rates for generic wording (diagnosis/base_rates.py, base_rates.json).

A reading whose words name no cause is ordered by how often each candidate was behind the
same reading in the real-world set's dev threads; a reading whose words do name one (a
proxy's name, dates, a host), and the side a text was printed on, keep their own reading.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tlsdoctor import explain
from tlsdoctor.diagnosis import base_rates
from tlsdoctor.diagnosis.causes import Cause as C
from tlsdoctor.diagnosis.rules._text import table_scores
from tlsdoctor.evidence import Statement
from tlsdoctor.ingest.messages import text_evidence
from tlsdoctor.ingest.posting import unwrap

DATA = json.loads((Path(base_rates.__file__).with_name("base_rates.json")).read_text())
CASES = json.loads((Path(__file__).parent / "upstream/heldout/cases.json").read_text())["cases"]
APPLIED = [row for row in DATA["classes"] if row["applied"]]
CONFIDENT = 0.6

TRUST_ANCHOR = ("java.security.cert.CertPathValidatorException: Trust anchor for "
                "certification path not found.")


def _statements(text: str) -> tuple[Statement, ...]:
    ev, _ = text_evidence(unwrap(text), now=datetime.now(UTC), posted=True)
    return ev.statements


def _table_first(text: str) -> C:
    scores = table_scores(_statements(text))
    return max(scores, key=lambda c: scores[c][0])


def _reading(row: dict[str, Any]) -> dict[C, tuple[float, Statement]]:
    """The tables' reading of a class's example thread, as statements would claim it."""
    level, rest = row["key"].split("|", 1)
    side = rest.split("|", 1)[0] if level == "reading" else rest.rsplit("|", 2)[1]
    pattern = "any.pattern" if level == "reading" else rest.rsplit("|", 2)[0]
    s = Statement(source="test", side=side, meaning="", claims=(), specificity=1,
                  pattern=pattern, provenance="", line="")
    return {C(c): (conf, s) for c, conf in row["example"]["tables"]}


def test_an_even_split_keeps_the_tables_order() -> None:
    # The rule (base_rates.rates): equal counts keep the tables' order, the tables'
    # confidences breaking the tie. Android's words for a client's unknown issuer, no host,
    # as the tables read them: a missing intermediate .35 just before an untrusted root .34.
    hand = {"incomplete_chain": 0.35, "cert_untrusted_root": 0.34,
            "tls_interception_mitm": 0.15, "cert_self_signed": 0.14}
    tie = base_rates.rates(hand, 5, {"incomplete_chain": 2, "cert_untrusted_root": 2})
    assert [c for c, _ in tie[:2]] == ["incomplete_chain", "cert_untrusted_root"]
    assert tie[0][1] - tie[1][1] < 0.01


def test_a_clear_majority_reorders_the_android_trust_anchor_class() -> None:
    # Round 19 learned the reading class at 2 : 2 (the tie above kept the missing
    # intermediate first); holdout18's fold added two untrusted roots (Android 13 without
    # ISRG Root X2, Android 7.0 without ISRG Root X1). Round 22 chose the support by the time
    # split (15 threads): the reading class (7 threads) is too small, and the client's bare
    # unknown issuer with no host is decided by its pattern class, whose threads were an
    # untrusted root far more often than a missing intermediate. A majority of two (BACKING)
    # or more puts the untrusted root first, still below certainty.
    findings = explain(TRUST_ANCHOR).findings
    first = findings[0]
    assert _table_first(TRUST_ANCHOR) is C.INCOMPLETE_CHAIN  # the tables' own order
    row = next(r for r in DATA["classes"] if r["key"] in first.facts["base_rate"])
    assert row["applied"] and row["n"] >= DATA["method"]["support"]
    assert row["first"]["cert_untrusted_root"] - row["first"]["incomplete_chain"] \
        >= DATA["method"]["backing"]
    assert first.cause is C.CERT_UNTRUSTED_ROOT and first.confidence < CONFIDENT
    assert C.INCOMPLETE_CHAIN in {f.cause for f in findings[1:]}  # reordered, not dropped


def test_a_class_that_lost_more_later_threads_than_it_won_is_not_applied() -> None:
    # Round 22: counted in distinct later threads over the cuts (round 19 dropped a class
    # for any one thread lost, whatever it won).
    for row in DATA["classes"]:
        won, lost = len(row["later_won"]), len(row["later_lost"])
        assert not (lost > won and row["applied"]), row["key"]
        if row["why"].startswith("made") and lost > won:
            assert not row["applied"]


@pytest.mark.parametrize("row", APPLIED, ids=[r["key"][:70] for r in APPLIED])
def test_every_applied_class_puts_its_clear_majority_first(row: dict[str, Any]) -> None:
    scores = _reading(row)
    ordered, why = base_rates.ordered(scores)
    assert why and row["key"] in why
    assert set(ordered) == set(scores)  # reordered: nothing added, nothing dropped
    counts = sorted((row["acceptable"].get(c.value, 0) for c in scores), reverse=True)
    first = next(iter(ordered))
    if counts[0] - counts[1] >= 2:  # a majority the tables' one pseudo-thread cannot undo
        assert row["acceptable"].get(first.value, 0) == counts[0], (row["key"], ordered)
    confs = [conf for conf, _ in ordered.values()]
    assert confs == sorted(confs, reverse=True) and confs[0] <= base_rates.CAP
    assert sum(confs) <= 1.005  # shares of 1, each rounded to 3 places
    if first != next(iter(scores)):  # the learned order changed the first: two threads had it
        assert row["acceptable"].get(first.value, 0) >= DATA["method"]["backing"] >= 2, row["key"]


def test_a_reading_whose_words_name_the_cause_has_no_class() -> None:
    s = Statement(source="test", side="client", meaning="", claims=(), specificity=1,
                  pattern="any.pattern", provenance="", line="")
    assert base_rates.class_keys({C.CERT_EXPIRED: (0.85, s), C.CLIENT_CLOCK_WRONG: (0.1, s)}) \
        is None
    assert base_rates.class_keys({C.CERT_EXPIRED: (0.45, s)}) is None  # one candidate


@pytest.mark.parametrize(("text", "cause"), [
    # a re-signing proxy's name (Go names the candidate authority)
    ('Get "https://proxy.zscaler.net/x": x509: certificate signed by unknown authority '
     '(possibly because of "x509: invalid signature" while trying to verify candidate '
     'authority certificate "Zscaler Root CA")', C.TLS_INTERCEPTION_MITM),
    # the dates printed
    ("x509: certificate has expired or is not yet valid: current time "
     "2023-03-31T09:11:37+03:00 is after 2023-03-25T05:32:30Z", C.CERT_EXPIRED),
])
def test_words_that_name_the_cause_are_not_outvoted(text: str, cause: C) -> None:
    first = explain(text).findings[0]
    assert first.cause is cause and first.confidence >= CONFIDENT
    assert "base_rate" not in first.facts


def test_a_host_in_the_text_keeps_its_own_reading() -> None:
    bare = 'x509: certificate signed by unknown authority'
    public = 'Get "https://github.com/x": x509: certificate signed by unknown authority'
    keys_bare = base_rates.class_keys(table_scores(_statements(bare)))
    keys_public = base_rates.class_keys(table_scores(_statements(public)))
    assert keys_bare and keys_public and not set(keys_bare) & set(keys_public)
    assert explain(bare).findings[0].cause is C.CERT_UNTRUSTED_ROOT
    assert explain(public).findings[0].cause is C.TLS_INTERCEPTION_MITM  # re-signing first


def test_the_side_keeps_its_own_rates() -> None:
    # unknown_ca in a server's log: the client refused the server's chain; the same alert
    # where nothing says who printed it is read both ways (a client certificate too)
    alert = "error:14094418:SSL routines:ssl3_read_bytes:tlsv1 alert unknown ca"
    server = (f"2024/01/02 10:00:00 [crit] 12#12: *3 SSL_do_handshake() failed (SSL: {alert}:"
              "SSL alert number 48) while SSL handshaking, client: 10.0.0.5, server: 0.0.0.0:443")
    r_server, r_either = explain(server), explain(alert)
    assert r_server.side == "server" and r_either.side == "unknown"
    keys = [base_rates.class_keys(table_scores(_statements(t))) for t in (server, alert)]
    assert keys[0] and keys[1] and not set(keys[0]) & set(keys[1])
    assert r_server.findings[0].cause is C.CERT_UNTRUSTED_ROOT
    assert C.CLIENT_CERT_REQUIRED not in {f.cause for f in r_server.findings}
    assert C.CLIENT_CERT_REQUIRED in {f.cause for f in r_either.findings}


def test_a_class_not_applied_keeps_the_tables_order(monkeypatch: pytest.MonkeyPatch) -> None:
    row = APPLIED[0]
    scores = _reading(row)
    key = next(iter(base_rates.class_keys(scores) or ()))
    off = base_rates.Counts(n=row["n"], acceptable=row["acceptable"], applied=False)
    monkeypatch.setattr(base_rates, "counts", lambda: {key: off})
    assert base_rates.ordered(scores) == (scores, "")
    monkeypatch.setattr(base_rates, "counts", dict)
    assert base_rates.ordered(scores) == (scores, "")


def test_the_counts_have_their_source() -> None:
    assert DATA["made_by"] == "scripts/base_rates.py"
    assert re.fullmatch(r"[0-9a-f]{40}", DATA["set"]["commit"])
    dev = {c["id"]: c for c in CASES if c["split"] == "dev"}
    for row in DATA["classes"]:
        assert row["n"] == len(row["cases"]) >= DATA["method"]["support"], row["key"]
        assert set(row["cases"]) <= set(dev), row["key"]
        counted = Counter(c for i in row["cases"] for c in set(dev[i]["expected"]))
        assert dict(counted) == row["acceptable"], row["key"]
    assert DATA["dev"]["right_learned"] >= DATA["dev"]["right_tables"]
    # The procedure learned before a cut may lose a later thread (learned up to wild18b, it
    # lost one of holdout17's 45); a class that lost more than it won is not applied.
    assert {cut["learned_up_to"] for cut in DATA["time_split"]} == set(DATA["method"]["cuts"])
    for row in APPLIED:
        assert len(row["later_lost"]) <= len(row["later_won"]), row
