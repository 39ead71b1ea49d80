"""explain() on what a real FreeRADIUS server and a real wpa_supplicant (eapol_test) print,
a private pair on 127.0.0.1 per fault (testing/eap_pair.py: FreeRADIUS -X on a free UDP
port, EAP-TLS with this lab's certificates).

Each cell feeds one side's output verbatim to explain and checks the top finding, the side
that printed it and who fixes it: the supplicant's log for the RADIUS server's certificate
(its ca_cert, the server's dates, its domain_suffix_match), FreeRADIUS' log for the alert
the supplicant sent about it, and FreeRADIUS' log for the client certificate it refused
(the supplicant sees only the EAP-Failure). Where the words fit several causes the top
finding is ranked below 0.6.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.eap_pair import EapLab, EapRun, eap_lab, eap_unavailable

pytestmark = pytest.mark.skipif(eap_unavailable() is not None, reason=eap_unavailable() or "")

# (fault, log read, top cause, side printed, who fixes, definite)
CELLS = [
    ("unknown_ca", "client", "cert_untrusted_root", "client", "client", True),
    ("unknown_ca", "server", "cert_untrusted_root", "server", "client", True),
    ("server_expired", "client", "cert_expired", "client", "server", True),
    ("server_expired", "server", "cert_expired", "server", "server", True),
    ("domain", "client", "hostname_mismatch", "client", "either", True),
    # wpa_supplicant's failed name check goes out as a bare internal_error alert: the
    # server's log ranks the name check first, below 0.6
    ("domain", "server", "hostname_mismatch", "server", "", False),
    ("client_other_ca", "server", "client_cert_required", "server", "client", True),
    # the supplicant accepted the server, then got EAP-Failure: a ranking
    ("client_other_ca", "client", "client_cert_required", "client", "client", False),
]


TLS13 = ("unknown_ca", "server_expired", "client_other_ca")
CELLS += [(f"{c[0]}+tls13", *c[1:]) for c in CELLS if c[0] in TLS13]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, EapRun]]:
    with eap_lab(tmp_path_factory.mktemp("eap")) as lab:
        yield _run_all(lab)


def _run_all(lab: EapLab) -> dict[str, EapRun]:
    """Every pair at once (each its own FreeRADIUS, port and files): FreeRADIUS delays each
    Access-Reject by its reject_delay (1 s), which one after another made ~9 s."""
    plain = {c[0] for c in CELLS if not c[0].endswith("+tls13")} | {"ok"}
    # TLS 1.3: the certificate request comes before the server's certificate, and the
    # supplicant's refusal is sent after it (the handshake's last step is another)
    jobs = [(fault, fault, False) for fault in sorted(plain)]
    jobs += [(f"{fault}+tls13", fault, True) for fault in TLS13]
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        done = pool.map(lambda j: lab.run(j[1], tls13=j[2]), jobs)
        return {name: run for (name, _, _), run in zip(jobs, done, strict=True)}


def test_the_control_succeeds_and_nothing_is_explained(runs: dict[str, EapRun]) -> None:
    ok = runs["ok"]
    assert ok.succeeded, ok.client_log[-1500:]
    for log in (ok.client_log, ok.server_log):
        assert not explain(log).findings, log[-1500:]


@pytest.mark.parametrize(("fault", "log", "cause", "side", "party", "definite"), CELLS,
                         ids=[f"{c[0]}-{c[1]}" for c in CELLS])
def test_each_side_names_its_fault(runs: dict[str, EapRun], fault: str, log: str, cause: str,
                                   side: str, party: str, definite: bool) -> None:
    run = runs[fault]
    assert not run.succeeded, run.client_log[-1500:]
    text = run.client_log if log == "client" else run.server_log
    r = explain(text)
    assert r.findings, text[-1500:]
    top = r.findings[0]
    assert top.cause.value == cause, (r.meaning, [(f.cause.value, f.confidence)
                                                  for f in r.findings])
    assert r.side == side
    assert r.source == ("wpa_supplicant" if log == "client" else "freeradius"), r.source
    if party:
        assert top.who_fixes.value == party
    assert (top.confidence >= 0.6) is definite, (top.cause.value, top.confidence)
    # the fix names the software involved, not a web server's
    steps = " ".join(s.text + " " + s.code for s in top.fix)
    assert any(w in steps for w in ("ca_cert", "domain_suffix_match", "client_cert",
                                    "certificate_file", "ca_file")), steps


def test_the_server_log_says_what_the_supplicant_sent(runs: dict[str, EapRun]) -> None:
    """The real FreeRADIUS lines the reading rests on (3.2's forms)."""
    log = runs["unknown_ca"].server_log
    assert "Alert read:fatal:unknown CA" in log
    assert "recv TLS 1.2 Alert, fatal unknown_ca" in log
    assert "OpenSSL says error 20 : unable to get local issuer certificate" in \
        runs["client_other_ca"].server_log
    assert "CTRL-EVENT-EAP-TLS-CERT-ERROR reason=4" in runs["server_expired"].client_log
    assert "TLS: Domain suffix match 'wifi.example.com' not found" in runs["domain"].client_log
