"""Round 19: strongSwan's printed ipsec.conf trust line applied to a real starter-run
responder (testing/strongswan_starter.py: ``ipsec start`` in a private network and mount
namespace, this run's files bind-mounted over /etc/ipsec.conf, /etc/ipsec.secrets and
/etc/ipsec.d). The responder does not know the CA of the initiator's certificate
(AUTHENTICATION_FAILED; its log: "no trusted RSA public key found"); its log is given to
``explain``, and the step's ipsec.conf line (``cp peer-ca.pem /etc/ipsec.d/cacerts/ && ipsec
rereadcacerts``) is run literally against the live responder. starter must have parsed
ipsec.conf (``ipsec statusall`` lists the connection), the IKE_SA is then established and the
responder's log no longer reads as an untrusted root. Round 18 applied the swanctl and
charon-cmd lines (test_round18_strongswan_real.py). Skips unless root, unshare, starter, charon
with the stroke plugin and charon-cmd are there (.ci/run installs strongswan-starter,
strongswan-charon, charon-cmd)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.strongswan_pair import ESTABLISHED
from tlsdoctor.testing.strongswan_starter import have_starter, make_starter_conf, run_ike_starter

pytestmark = pytest.mark.skipif(not have_starter(), reason="root, unshare, strongSwan's "
                                "starter, charon (stroke) or charon-cmd missing")
_STRANGER = "--identity stranger --cert stranger.pem --rsa stranger.key --cert ca.pem"


@pytest.fixture(scope="module")
def conf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    d = tmp_path_factory.mktemp("ipsec")
    make_starter_conf(d)
    yield d


def _untrusted(text: str) -> bool:
    r = explain(text)
    return any(f.cause.value == "cert_untrusted_root" for f in r.findings)


def test_responder_without_the_initiators_ca_the_printed_ipsec_conf_line(conf: Path) -> None:
    before, status = run_ike_starter(conf, _STRANGER)
    assert "rw:  127.0.0.1...%any  IKEv2" in status, status  # starter parsed ipsec.conf
    assert "AUTHENTICATION_FAILED" in before.initiator, before.initiator[-1500:]
    assert "no trusted RSA public key found for 'stranger'" in before.responder, \
        before.responder[-1500:]
    r = explain(before.responder)
    assert r.source == "strongswan" and r.findings, before.responder[-1500:]
    top = r.findings[0]
    assert top.cause.value == "cert_untrusted_root", [f.cause.value for f in r.findings]
    code = next(s.code for s in top.fix if s.applies_to == "strongswan")
    line = next(ln for ln in code.splitlines() if "/etc/ipsec.d/" in ln)
    assert line == "sudo cp peer-ca.pem /etc/ipsec.d/cacerts/ && sudo ipsec rereadcacerts", line
    # As an operator runs it (already root, so without sudo), peer-ca.pem being the file
    # that holds the initiator's CA; /etc/ipsec.d is this run's directory in the namespace.
    setup = line.replace("sudo ", "").replace("peer-ca.pem", "other-ca.pem")
    after, status = run_ike_starter(conf, _STRANGER, setup=setup)
    assert "rw:  127.0.0.1...%any  IKEv2" in status, status
    assert ESTABLISHED in after.initiator, (after.initiator[-1500:], after.responder[-800:])
    assert "rereading ca certificates from '/etc/ipsec.d/cacerts'" in after.responder
    assert 'using trusted ca certificate "CN=Other IPsec CA"' in after.responder
    assert not _untrusted(after.responder), after.responder[-1500:]
    assert (conf / "ipsec.d" / "cacerts" / "other-ca.pem").is_file()
