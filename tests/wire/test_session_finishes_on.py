"""ClientSession.finishes_on: the promise, from framing alone, that decoding these first
bytes of an answer ends the session (the prober hangs up before decoding when it holds).
Checked on bytes recorded from real servers (tests/wire/fixtures/README.md), whole and
cut at every byte."""

from __future__ import annotations

import json

import pytest
from wire_helpers import FIXTURES, RANDOM, load

from tlsdoctor.wire.hello import ClientHelloSpec
from tlsdoctor.wire.session import ClientSession, SessionOutcome

INDEX = json.loads((FIXTURES / "index.json").read_text())
SERVER = sorted(n for n in INDEX if n.startswith("server_"))
# What the whole recorded answer is: True where the framing alone shows it is complete.
WHOLE = {
    "server_tls12_ecdhe_rsa": True,  # ... ServerHelloDone
    "server_tls12_dhe_rsa": True,
    "server_tls12_ecdhe_ecdsa": True,
    "server_tls10_ecdhe_rsa": True,
    "server_tls11_dhe_rsa": True,
    "server_tls12_certreq": True,
    "server_tls12_ocsp": True,
    "server_gnutls_tls12": True,
    "server_tls13_hrr": True,  # HelloRetryRequest, and no second hello will follow
    "server_tls13_sh": False,  # the rest of a TLS 1.3 flight is encrypted: decode to know
    "server_alert_protocol_version": True,
    "server_alert_handshake_failure": True,
    "server_http_plaintext": False,  # not TLS: the session keeps reading its evidence
}
SPEC = ClientHelloSpec(versions=(0x0304, 0x0303, 0x0302, 0x0301),
                       cipher_suites=(0x1301, 0x1302, 0xC02F, 0xC02B, 0x009E, 0xC013, 0x0033),
                       groups=(0x001D, 0x0017, 0x0018), key_share_groups=(0x001D,),
                       signature_algorithms=(0x0804, 0x0403, 0x0401))


def test_every_server_fixture_is_classified() -> None:
    assert set(SERVER) == set(WHOLE)


@pytest.mark.parametrize("name", SERVER)
def test_whole_answers(name: str) -> None:
    data = load(f"{name}.bin")
    session = ClientSession(SPEC, random=RANDOM)
    assert session.finishes_on(data) is WHOLE[name]
    session.receive_data(data)
    if WHOLE[name]:
        assert session.done
    assert not session.finishes_on(data)  # only ever about the first bytes


@pytest.mark.parametrize("name", SERVER)
def test_the_promise_holds_at_every_cut(name: str) -> None:
    # Whatever prefix of a real answer arrives first, a True is never wrong: the session
    # is done after decoding exactly those bytes (else the prober would have hung up on
    # an answer still coming). A TLS <= 1.2 flight is complete only at its last byte.
    data = load(f"{name}.bin")
    promised_at = []
    for cut in range(1, len(data) + 1):
        session = ClientSession(SPEC, random=RANDOM)
        if session.finishes_on(data[:cut]):
            promised_at.append(cut)
            session.receive_data(data[:cut])
            assert session.done, cut
    if name.startswith(("server_tls1", "server_gnutls")) and name != "server_tls13_hrr":
        assert promised_at == ([len(data)] if WHOLE[name] else [])


def test_a_hello_retry_request_does_not_finish_a_session_that_retries() -> None:
    data = load("server_tls13_hrr.bin")
    session = ClientSession(SPEC, random=RANDOM, retry_on_hrr=True)
    assert not session.finishes_on(data)
    session.receive_data(data)
    assert not session.done and session.data_to_send()  # the second hello


def test_an_alert_is_the_answer() -> None:
    session = ClientSession(SPEC, random=RANDOM)
    data = load("server_alert_handshake_failure.bin")
    assert session.finishes_on(data)
    session.receive_data(data)
    assert session.result().outcome is SessionOutcome.ALERT
