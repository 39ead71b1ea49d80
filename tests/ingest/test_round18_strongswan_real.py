"""Round 18: strongSwan's printed trust step applied to two real strongSwan 5.9 peers
(testing/strongswan_pair.py: a swanctl-configured responder and charon-cmd on the loopback of
a private network namespace). Only IKE_AUTH is exercised: the certificate checks happen
there, before any CHILD_SA. An initiator not given the responder's CA ("no trusted RSA public
key found for '127.0.0.1'"): the printed charon-cmd line (the CA given with --cert)
establishes the IKE_SA. A responder that does not know the CA of the initiator's
certificate: the printed swanctl lines (the CA copied into x509ca/, swanctl --load-creds)
establish it. Before round 18 both printed only the generic sentence. The ipsec.conf line
(/etc/ipsec.d/cacerts, ipsec rereadcacerts) is not applied: it needs the starter and the
machine's /etc/ipsec.d. Skips unless root, unshare and strongSwan's charon, swanctl (vici)
and charon-cmd are there (.ci/run installs strongswan-charon, strongswan-swanctl,
charon-cmd)."""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.strongswan_pair import ESTABLISHED, have_strongswan, make_pki, run_ike

pytestmark = pytest.mark.skipif(not have_strongswan(), reason="root, unshare, strongSwan's "
                                "charon, swanctl (vici) or charon-cmd missing")
_CLIENT = "--identity client --cert client.pem --rsa client.key"
_STRANGER = "--identity stranger --cert stranger.pem --rsa stranger.key"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    d = tmp_path_factory.mktemp("ike")
    make_pki(d)
    yield d


def _trust_code(text: str) -> list[str]:
    r = explain(text)
    assert r.source == "strongswan" and r.findings, text[-1500:]
    top = r.findings[0]
    assert top.cause.value == "cert_untrusted_root", [f.cause.value for f in r.findings]
    code = next(s.code for s in top.fix if s.applies_to == "strongswan")
    return code.splitlines()


def test_initiator_without_the_responders_ca_the_printed_charon_cmd_line(pki: Path) -> None:
    before = run_ike(pki, _CLIENT)
    assert "no trusted RSA public key found for '127.0.0.1'" in before.initiator, \
        before.initiator[-1500:]
    assert ESTABLISHED not in before.initiator
    line = next(ln for ln in _trust_code(before.initiator) if ln.startswith("sudo charon-cmd "))
    words = shlex.split(line)[2:]  # after "sudo charon-cmd"
    fill = {"HOST": "127.0.0.1", "YOUR-ID": "client", "your-cert.pem": "client.pem",
            "your-key.pem": "client.key", "peer-ca.pem": "ca.pem"}
    argv = [fill.get(w, w) for w in words]
    assert argv[:2] == ["--host", "127.0.0.1"], line
    after = run_ike(pki, shlex.join(argv[2:]))
    assert ESTABLISHED in after.initiator, after.initiator[-1500:]


def test_responder_without_the_initiators_ca_the_printed_swanctl_lines(pki: Path) -> None:
    before = run_ike(pki, _STRANGER + " --cert ca.pem")
    assert "AUTHENTICATION_FAILED" in before.initiator, before.initiator[-1500:]
    refusal = [ln for ln in before.responder.splitlines() if "no trusted" in ln
               or "no issuer certificate" in ln]
    assert refusal, before.responder[-1500:]
    lines = _trust_code(before.responder)
    swanctl = next(ln for ln in lines if "swanctl --load-creds" in ln)
    setup = (swanctl.replace("sudo ", "").replace("peer-ca.pem", "other-ca.pem")
             .replace("/etc/swanctl/", f"{pki}/")
             + f" --file {pki}/swanctl.conf --uri unix://{pki}/charon.vici")
    after = run_ike(pki, _STRANGER + " --cert ca.pem", setup=setup)
    assert ESTABLISHED in after.initiator, (after.initiator[-1500:], after.responder[-800:])
    assert (pki / "x509ca" / "other-ca.pem").is_file()
    (pki / "x509ca" / "other-ca.pem").unlink()  # the module's other test starts without it
