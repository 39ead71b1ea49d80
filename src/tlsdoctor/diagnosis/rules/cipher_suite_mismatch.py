"""cipher_suite_mismatch: versions overlap, but no common suite / group / signature algorithm."""

from __future__ import annotations

from ...evidence import Evidence
from ...fixes.catalog import make_finding
from ...fixes.snippets import client_cipher_fix, server_ciphers_fix
from .. import words
from ..causes import Cause
from ..finding import Finding
from . import rule
from ._common import baseline_failed, working_variant


@rule
def cipher_suite_mismatch(ev: Evidence) -> Finding | None:
    """The server accepts the client's version, but with a suite or group it does not offer."""
    if not baseline_failed(ev):
        return None
    works = working_variant(ev)
    if works is None or works.version not in ev.client.versions:
        return None
    c = ev.client
    if works.cipher_suite is not None and works.cipher_suite not in c.cipher_suites:
        what = f"cipher suite {words.suite(works.cipher_suite)}"
        kind = "suite"
    elif works.group is not None and works.group not in c.groups:
        what = f"key exchange group {words.group(works.group)}"
        kind = "group"
    else:
        return None
    return make_finding(
        Cause.CIPHER_SUITE_MISMATCH,
        title=f"No {kind} in common: the server wants {what}",
        explanation=f"Both sides accept {words.version(works.version)}, but the server rejected "
                    f"every {kind} the client offered and accepted {what} when it was offered. "
                    + ("The client's list holds only modern (AEAD/ECDHE) suites; the server's "
                       "does not." if kind == "suite" else ""),
        evidence=(f"client offers {len(c.cipher_suites)} suites, groups "
                  f"{', '.join(words.group(g) for g in c.groups)}",
                  f"baseline: {ev.baseline.outcome.value} {words.alert(ev.baseline.alert) if ev.baseline.alert else ''}".strip(),
                  f"probe '{works.label}': server chose {words.suite(works.cipher_suite)}, "
                  f"group {words.group(works.group)}"),
        facts={"server_suite": words.suite(works.cipher_suite), "server_group": words.group(works.group),
               "version": words.version(works.version)},
        fix=server_ciphers_fix(ev.server_software) + client_cipher_fix(c, works.cipher_suite))
