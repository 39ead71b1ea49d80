"""explain() on what a real OpenVPN client and server log, a private pair on 127.0.0.1 per fault
(testing/openvpn_pair.py: ``--dev null``, UDP, peer-to-peer TLS, ``--remote-cert-tls server``).

Each cell feeds one side's log verbatim to explain and checks the top finding: the client's
log for the server's certificate, the server's for the client's certificate and the
tls-auth keys. Where the log honestly fits several causes the top finding must be one of
them below 0.6 (a ranking, not an answer).
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.openvpn_pair import OpenvpnLab, PairRun, openvpn_lab, openvpn_unavailable

pytestmark = pytest.mark.skipif(openvpn_unavailable() is not None,
                                reason=openvpn_unavailable() or "")

_CONFIG = frozenset({"client_misconfiguration", "server_misconfiguration"})
_NO_ANSWER = frozenset({"middlebox_or_firewall_interference", "name_resolution_or_unreachable",
                        "server_misconfiguration"})
_ISSUER = frozenset({"cert_untrusted_root", "incomplete_chain", "client_misconfiguration"})

# (fault, side whose log is read, acceptable top causes, party or "", definite)
CELLS = [
    ("expired", "client", {"cert_expired"}, "server", True),
    ("wrong_purpose", "client", {"cert_wrong_purpose"}, "server", True),
    # "unable to get local issuer certificate": another CA, or a chain the server does not
    # send whole (its --cert without the intermediate) read the same.
    ("unknown_ca", "client", _ISSUER, "", False),
    # The server verifies every client's certificate: its VERIFY ERROR names the client's.
    ("client_expired", "server", {"cert_expired"}, "", True),
    ("client_expired", "client", {"cert_expired"}, "", True),
    # The server drops packets whose HMAC does not verify: its log says so; the client only
    # sees no answer within the hand window, as behind a firewall.
    ("tls_auth_mismatch", "server", _CONFIG, "", False),
    ("tls_auth_mismatch", "client", _NO_ANSWER, "", False),
    ("no_server", "client", {"name_resolution_or_unreachable"}, "network", True),
]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, PairRun]]:
    with openvpn_lab(tmp_path_factory.mktemp("openvpn")) as lab:
        yield _run_all(lab)


def _run_all(lab: OpenvpnLab) -> dict[str, PairRun]:
    """Every pair at once: each has its own port and logs, and three of them spend the
    hand window (3 s) waiting, which one after another made ~13 s."""
    faults = sorted({c[0] for c in CELLS} | {"ok"})
    with ThreadPoolExecutor(max_workers=len(faults)) as pool:
        return dict(zip(faults, pool.map(lab.run, faults), strict=True))


def test_the_control_connects_and_nothing_is_explained(runs: dict[str, PairRun]) -> None:
    ok = runs["ok"]
    assert ok.connected, ok.client_log[-800:]
    for log in (ok.client_log, ok.server_log):
        assert "VERIFY OK" in log
        assert not explain(log).findings, log[-800:]


@pytest.mark.parametrize(("fault", "side", "causes", "party", "definite"), CELLS,
                         ids=[f"{c[0]}-{c[1]}" for c in CELLS])
def test_each_side_names_its_fault(runs: dict[str, PairRun], fault: str, side: str,
                                   causes: set[str], party: str, definite: bool) -> None:
    run = runs[fault]
    assert not run.connected, run.client_log[-800:]
    log = run.client_log if side == "client" else run.server_log
    r = explain(log)
    assert r.findings, log[-800:]
    top = r.findings[0]
    assert top.cause.value in causes, (r.meaning, [f.cause.value for f in r.findings], log[-800:])
    if party:
        assert top.who_fixes.value == party
    if not definite:
        assert top.confidence < 0.6, (top.cause.value, top.confidence)
    # OpenVPN's own words are read (the client whose certificate the server rejected sees
    # only the server's alert, read by the alerts table).
    assert r.source == "openvpn" or (fault, side) == ("client_expired", "client"), r.source
