"""Round 17: the 802.1X fix lines explain prints, applied to a real FreeRADIUS 3.2 and a real
wpa_supplicant (eapol_test 2.10) on 127.0.0.1 (testing/eap_pair.py).

For each failure the round 16 lab provokes (the supplicant's ca_cert another CA, a client
certificate from a CA the server's ca_file lacks, a domain_suffix_match the server's
certificate does not hold, a supplicant allowing TLS 1.3 only against the packaged 1.2-only
server): the program that printed the error is fed to explain, the lines
of its top finding's fix step for that software are taken with only the placeholders filled
(``conf_apply.fill``: the real machine's paths become the lab's, a name the step asks for
becomes the lab's), written into the real configuration (``conf_apply.set_lines``, the
step's shell lines run), the server's own check run (``freeradius -XC``), the server
restarted, and the same supplicant authenticates: EAP SUCCESS. A wrong printed line (a
setting in the wrong place, a certificate without its key, a CA file replaced instead of
extended) fails the check, the start or the authentication.

The certificate renewal (an expired server certificate) prints no configuration line: it is
the CA's act, not applied here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.conf_apply import fill, run_commands, sections, set_lines
from tlsdoctor.testing.eap_pair import (
    EapLab,
    EapRun,
    EapServer,
    check_config,
    eap_lab,
    eap_unavailable,
)

pytestmark = pytest.mark.skipif(eap_unavailable() is not None, reason=eap_unavailable() or "")

RADDB = "/etc/freeradius/3.0"
RESTART = "freeradius -XC"  # the check-and-restart line: the test checks and restarts itself


@dataclass(frozen=True)
class Lab:
    lab: EapLab
    server: EapServer  # the round 16 server configuration, running for the whole module
    failed: dict[str, EapRun]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    # unknown_ca, client_other_ca, domain and version break only the supplicant's side or
    # its certificate: one server configuration serves them all
    with eap_lab(tmp_path_factory.mktemp("eapfix")) as eap, \
            eap.serving(eap.configure("ok")) as server:
        failed = {fault: server.authenticate(eap.network(fault), fault=fault)
                  for fault in ("unknown_ca", "client_other_ca", "domain", "version")}
        yield Lab(lab=eap, server=server, failed=failed)


def _printed(log: str, program: str) -> str:
    """The code of the top finding's one fix step that applies to ``program``."""
    top = explain(log).findings[0]
    steps = [s for s in top.fix if s.applies_to == program]
    assert len(steps) == 1, [(s.applies_to, s.code) for s in top.fix]
    return steps[0].code


def _supplicant_fixed(lab: Lab, fault: str, log: str, placeholders: dict[str, str]) -> EapRun:
    """The wpa_supplicant.conf lines of the step applied to the fault's network block."""
    lines = [fill(ln, placeholders) for ln in sections(_printed(log, "wpa_supplicant"))
             ["wpa_supplicant"]]
    network = lab.lab.network(fault)
    set_lines(network, "network={", lines, sep="=")
    return lab.server.authenticate(network, fault=fault)


@pytest.mark.parametrize(("fault", "log"), [("unknown_ca", "client"), ("unknown_ca", "server"),
                                            ("domain", "client"),
                                            ("client_other_ca", "client"),
                                            ("client_other_ca", "server"),
                                            ("version", "server")])
def test_the_supplicant_lines_make_it_authenticate(lab: Lab, fault: str, log: str) -> None:
    run = lab.failed[fault]
    assert not run.succeeded
    eap = lab.lab
    cert, key = eap.files["client"]
    # the step's example files and name, filled with the lab's
    placeholders = {"/etc/wpa_supplicant/radius-ca.pem": str(eap.ca),
                    "/etc/wpa_supplicant/client.pem": str(cert),
                    "/etc/wpa_supplicant/client.key": str(key),
                    "radius.example.org": "radius.example.org"}  # the server's certificate's
    text = run.client_log if log == "client" else run.server_log
    fixed = _supplicant_fixed(lab, fault, text, placeholders)
    assert fixed.succeeded, fixed.client_log[-1500:]


def _server_fixed(lab: Lab, fault: str, placeholders: dict[str, str],
                  raddb: Path | None = None) -> Path:
    """FreeRADIUS' lines of the step for ``fault`` (read from its own log) applied to
    ``raddb`` (a fresh copy of the lab's server configuration by default); its shell lines
    run; the server's own check passes; returns that copy."""
    raddb = raddb or lab.lab.configure("ok")
    placeholders = {f"{RADDB}/mods-available/eap": str(raddb / "mods-enabled" / "eap"),
                    RADDB: str(raddb), **placeholders}
    printed = _printed(lab.failed[fault].server_log, "freeradius")
    parts = {where: [fill(ln, placeholders) for ln in lines]
             for where, lines in sections(printed).items()}
    set_lines(raddb / "mods-enabled" / "eap", "tls-config tls-common {", parts["freeradius"])
    run_commands(parts.get("shell", []) + parts.get("freeradius:commands", []), cwd=raddb,
                 skip=(RESTART,))
    assert RESTART in printed
    checked = check_config(raddb)
    assert checked.returncode == 0, (checked.stdout + checked.stderr)[-1500:]
    return raddb


def test_the_server_ca_lines_accept_the_new_client_and_keep_the_old(lab: Lab) -> None:
    eap = lab.lab
    raddb = _server_fixed(lab, "client_other_ca", {"CA_FILE": str(eap.ca),
                                                   "client-ca.pem": str(eap.other_ca)})
    with eap.serving(raddb) as server:  # restarted with the edited configuration
        refused_before = server.authenticate(eap.network("client_other_ca"))
        accepted_before = server.authenticate(eap.network("ok"))
    assert refused_before.succeeded, refused_before.server_log[-1500:]
    assert accepted_before.succeeded, accepted_before.server_log[-1500:]


def test_the_server_certificate_lines_serve_the_name_the_supplicant_checks(lab: Lab) -> None:
    eap = lab.lab
    # the certificate a person gets for the name the supplicant is configured with, saved
    # where the step's lines name it (${certdir}: the configuration's certs/)
    raddb = eap.configure("ok")
    chain, key = eap.root.issue(["wifi.example.com"], eku=("serverAuth",)).write(
        raddb / "certs", stem="issued")
    chain.rename(raddb / "certs" / "wifi.example.com.pem")
    key.rename(raddb / "certs" / "wifi.example.com.key")
    fixed = _server_fixed(lab, "domain", {"radius.example.org": "wifi.example.com"}, raddb)
    with eap.serving(fixed) as server:
        run = server.authenticate(eap.network("domain"))
    assert run.succeeded, run.client_log[-1500:]



def test_the_server_version_lines_let_the_supplicant_in(lab: Lab) -> None:
    """FreeRADIUS' own "fatal protocol_version" read: its tls_max_version line applied."""
    eap = lab.lab
    raddb = _server_fixed(lab, "version", {})
    with eap.serving(raddb) as server:
        run = server.authenticate(eap.network("version"))
    assert run.succeeded, run.server_log[-1500:]
