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
