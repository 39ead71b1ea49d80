"""The real-world set (heldout/cases.json, dev split): each posted error output must keep
giving the cause its thread established, and text that names no cause stays unrecognised
or without findings. The rolling holdout (now `holdout2`) is not asserted case by case: it is
only scored in aggregate (scripts/eval_heldout.py --split holdout2), so nothing is tuned to it,
until a later round folds it into dev.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tlsdoctor.api import explain

CASES = json.loads((Path(__file__).parent / "heldout/cases.json").read_text())["cases"]
DEV = [c for c in CASES if c["split"] == "dev"]
# The dev score reached (right top-1 cause); the set may only get better.
FLOOR = 110

# Known misses, each with why the text alone cannot (yet) give the thread's cause.
KNOWN_MISSES = {
    "seastar-openssl-f8cf9a07": "a broker's log with no word saying it is the server: the "
                                "received unknown_ca is read from both sides, client first",
    "java-7431d1df": "handshake_failure alone; the thread's fix (TLS 1.2 on an old JDK) is not "
                     "in the text",
    "curl-rustls-bc90569a": "BadSignature from a build without a root store: not in the text",
    "curl-openssl-b9949fb4": "SSL_ERROR_SYSCALL from a mistyped https_proxy: not in the text",
    "dotnet-7725b2ab": ".NET's generic 'remote certificate is invalid' (the thread: connected "
                       "by IP address)",
    "gnutls-a79dbb59": "'non-properly terminated' from a server with TLS not enabled",
    "pip-e53ee3d5": "EOF in violation of protocol during PyPI's TLS 1.0 brownout",
    "kubectl-d3edd371": "Go's 'expired or is not yet valid' without the times: the thread "
                        "found unsynchronised clocks",
    "apple-a1b384ea": "-1202 with the chain cut before the host-name status code",
    "wget-6976dfeb": "wget's 'Unable to locally verify the issuer's authority' ranks a CA-less "
                     "build first (2 of 3 wget threads); this one was a server without its "
                     "intermediate, which the text does not show",
    # Folded in from round 1's holdout (scored 27/33 before anyone looked at them).
    "rustls-server-1ed8ecfd": "a rustls server's 'received fatal alert: UnknownCA' with no "
                              "word saying it is the server",
    "gnutls-f04fa42c": "'An unexpected TLS packet was received' fixed by a GnuTLS update: "
                       "the outdated client library is not in the text",
    "rust-openssl-1bb1711b": "'(hostname mismatch)' after a certificate-verify line in a "
                             "rust-openssl IMAP client's log",
    "exim-273fa0d8": "Exim logging a peer that closed without close_notify after the mail "
                     "went through: no fault, read as a cut connection",
}


def _top(text: str) -> str:
    r = explain(text)
    return r.findings[0].cause.value if r.findings else "-"


def _right(case: dict, top: str) -> bool:
    return top in case["expected"] or ("none" in case["expected"] and top == "-")


@pytest.mark.parametrize("case", [
    pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(strict=True,
                                                         reason=KNOWN_MISSES[c["id"]])]
                 if c["id"] in KNOWN_MISSES else [])
    for c in DEV])
def test_each_posted_error_gives_its_threads_cause(case):
    assert _right(case, _top(case["text"])), case["resolution"]


def test_the_dev_score_does_not_fall():
    right = sum(_right(c, _top(c["text"])) for c in DEV)
    assert right >= FLOOR, f"{right}/{len(DEV)} right, was {FLOOR}"


def test_the_set_is_labelled_and_split():
    assert len(CASES) >= 220 and len({c["stack"] for c in CASES}) >= 40
    assert {c["split"] for c in CASES} == {"dev", "holdout2"}
    assert sum(c["split"] == "holdout2" for c in CASES) >= 100
    assert sum(c.get("folded_from") == "holdout" for c in DEV) == 33
    assert all(c["url"].startswith(("https://", "http://")) and c["expected"] and c["resolution"]
               for c in CASES)
    assert len({c["id"] for c in CASES}) == len(CASES)
