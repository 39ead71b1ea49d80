"""Round 15 audit: a ClientHello nobody answered (unanswered_audit_table), read the same way
for every trace form, ending and context; and the controls that must not read so."""

from __future__ import annotations

import pytest
from unanswered_audit_table import CONTROLS, EXPECTED, cells, text_of

from tlsdoctor.api import explain

CONFIDENT = 0.6
CELLS = cells()


def cell_result(trace: str, ending: str, context: str) -> tuple[str, float, str]:
    r = explain(text_of(trace, ending, context))
    top = r.findings[0] if r.findings else None
    if top is None:
        return "-", 0.0, ""
    return top.cause.value, float(top.confidence or 0), str(top.facts.get("pattern", ""))


@pytest.mark.parametrize("trace, ending, context", CELLS)
def test_cell(trace: str, ending: str, context: str) -> None:
    cause, conf, pattern = cell_result(trace, ending, context)
    assert (cause, conf < CONFIDENT) == (EXPECTED[context], True), (cause, conf, pattern)
    assert pattern.startswith("notls.unanswered."), pattern


def test_public_cell_tells_the_path_apart() -> None:
    r = explain(text_of("curl-7.88", "interrupted", "public"))
    top = r.findings[0]
    assert r.recognized and top.who_fixes.value == "network"
    assert "ping -M do -s 1472" in str(top.facts["tell_apart"])
    steps = "\n".join(s.code or "" for s in top.fix)
    assert "ping -M do -s 1472 registry-1.docker.io" in steps and "mtu 1400" in steps


@pytest.mark.parametrize("name", sorted(CONTROLS))
def test_control_is_not_unanswered(name: str) -> None:
    r = explain(CONTROLS[name])
    assert all(not str(f.facts.get("pattern", "")).startswith("notls.unanswered")
               for f in r.findings)


def test_audit_size() -> None:
    assert len(CELLS) == 8 * 7 * 3 - 5 * 3


@pytest.mark.parametrize("text", ["net/http: TLS handshake timeout",
                                  "ssl.SSLError: The handshake operation timed out (_ssl.c:1064)",
                                  "Warning: PHP Startup: SSL: Handshake timed out"])
def test_bare_handshake_timeout_comes_with_the_path_and_version_checks(text: str) -> None:
    top = explain(text).findings[0]
    assert top.cause.value == "middlebox_or_firewall_interference" and top.confidence < CONFIDENT
    assert "-tls1_2" in str(top.facts["tell_apart"])
    assert "ping -M do -s 1472" in "\n".join(s.code or "" for s in top.fix)
