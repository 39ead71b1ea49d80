"""The real handshake's SSLContext is built once per (CA file as it is, options): loading
the system store is most of a healthy diagnosis's CPU. A shared context must never carry
one diagnosis's settings into the next."""

from __future__ import annotations

import os
import time

from tlsdoctor import api
from tlsdoctor.probe.reproduce import make_context


def test_one_context_per_file_state_and_options(pki):
    root = str(pki.root_pem)
    first = make_context(root)
    assert make_context(root) is first
    assert make_context(root, check_hostname=False) is not first
    assert make_context(root, check_hostname=False).check_hostname is False
    assert first.check_hostname is True  # the no-name variant did not change it
    assert make_context(root, verify=False).verify_mode.name == "CERT_NONE"
    later = time.time() + 5
    os.utime(root, (later, later))  # the file changed: its trust is read again
    assert make_context(root) is not first


def test_a_nameless_diagnosis_does_not_switch_off_name_checks_for_the_next(pki, s_server):
    srv = s_server(pki.leaf("www.other.test"))
    by_address = api.diagnose(f"127.0.0.1:{srv.port}", ca_file=str(pki.root_pem),
                              offline=True, timeout=2)
    assert by_address.evidence.reproduction is not None and by_address.evidence.reproduction.ok  # no name asked
    by_name = api.diagnose(f"localhost:{srv.port}", connect="127.0.0.1",
                           ca_file=str(pki.root_pem), offline=True, timeout=2)
    assert by_name.root_cause_id == "hostname_mismatch"
    assert by_name.evidence.reproduction is not None and not by_name.evidence.reproduction.ok


def test_on_handshake_is_called_once_after_a_handshake_only(pki, s_server):
    # The doctor starts CPU work from this hook while the real handshake waits for an
    # HTTP answer: it must run once per completed handshake, never for a failed one.
    import asyncio

    from tlsdoctor.probe.reproduce import reproduce
    from tlsdoctor.probe.target import Target

    srv = s_server()
    calls: list[str] = []
    target = Target(host="localhost", port=srv.port, connect="127.0.0.1")
    ok = asyncio.run(reproduce(target, ca_file=str(pki.root_pem), timeout=2,
                               listen_first=False, on_handshake=lambda: calls.append("ok")))
    assert ok.ok and calls == ["ok"]
    # Not trusted (no --ca-file): verification fails inside the handshake.
    failed = asyncio.run(reproduce(target, timeout=2, listen_first=False,
                                   on_handshake=lambda: calls.append("failed")))
    assert not failed.ok and failed.verify_code is not None and calls == ["ok"]
