"""Round 21: fix texts not applied before, applied to the real program on 127.0.0.1.

Each test starts the real program in the broken state, takes tlsdoctor's printed step for it
(``explain`` of the program's own log, where ``diagnose`` cannot reach it), puts the printed
lines into the program's config as an operator does (parsed from the printed code, paths of
the real machine mapped to the test's files), restarts, and shows a real client succeed and
the program's log explain to nothing.

OpenVPN (testing/openvpn_pair.py: a private pair, ``--dev null``, UDP on loopback): a server
certificate from a CA the client's ca file lacks gets OpenVPN's ca line (fixes/remote.toml
[openvpn.trust]); a server certificate sent without its intermediate gets the server's
extra-certs line ([openvpn.chain]). Before round 21 both printed the generic store steps.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.openvpn_pair import OpenvpnLab, openvpn_lab, openvpn_unavailable

_WEB = frozenset({"nginx", "apache", "haproxy"})


def _printed(log: str, cause: str, program: str) -> list[str]:
    """The code lines (no comments) of ``program``'s own step of the ``cause`` finding that
    explain gives for ``log``; the findings name no web server's lines."""
    r = explain(log)
    named = {s.applies_to for f in r.findings for s in f.fix if s.applies_to}
    assert not named & _WEB, named
    f = next((f for f in r.findings if f.cause.value == cause), None)
    assert f is not None, ([g.cause.value for g in r.findings], log[-1200:])
    step = next((s for s in f.fix if s.applies_to == program), None)
    assert step is not None, [(s.applies_to, s.text) for s in f.fix]
    return [ln.strip() for ln in step.code.splitlines() if ln.strip() and not ln.startswith("#")]


def _mapped(lines: list[str], files: dict[str, Path]) -> list[str]:
    """``lines`` with each path the step names for the real machine (an absolute path as the
    option's last word) replaced by the test's file: ``files`` maps the option to it."""
    out = []
    for line in lines:
        option, _, path = line.rpartition(" ")
        assert path.startswith("/") and option in files, line
        out.append(f"{option} {files[option]}")
    return out


# ---- OpenVPN ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def vpn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenvpnLab]:
    if openvpn_unavailable() is not None:
        pytest.skip(openvpn_unavailable() or "")
    with openvpn_lab(tmp_path_factory.mktemp("openvpn21")) as lab:
        yield lab


def _vpn_fixed(vpn: OpenvpnLab, fault: str, side: str, lines: list[str]) -> None:
    """``lines`` in a config file for ``side``: the pair connects, both logs explain to
    nothing (OpenVPN checks the file at start: "Options error" otherwise)."""
    conf = vpn.work / f"{fault}.{side}.conf"
    conf.write_text("\n".join(lines) + "\n")
    extra = {f"{side}_extra": ["--config", str(conf)]}
    fixed = vpn.run(fault, **extra)  # type: ignore[arg-type]
    for log in (fixed.client_log, fixed.server_log):
        assert "Options error" not in log, log[-800:]
    assert fixed.connected, (lines, fixed.client_log[-800:])
    assert not explain(fixed.client_log).findings, fixed.client_log[-800:]
    assert not explain(fixed.server_log).findings, fixed.server_log[-800:]


def test_openvpn_client_not_trusting_the_servers_ca_gets_its_ca_line_which_fixes_it(
        vpn: OpenvpnLab) -> None:
    refused = vpn.run("unknown_ca")
    assert not refused.connected and "VERIFY ERROR" in refused.client_log
    printed = _printed(refused.client_log, "cert_untrusted_root", "openvpn")
    assert [p.split()[0] for p in printed] == ["ca"], printed
    _vpn_fixed(vpn, "unknown_ca", "client", _mapped(printed, {"ca": vpn.other_ca}))


def test_openvpn_server_sending_no_intermediate_gets_its_extra_certs_line_which_fixes_it(
        vpn: OpenvpnLab) -> None:
    refused = vpn.run("no_intermediate")
    assert not refused.connected and "VERIFY ERROR" in refused.client_log
    printed = _printed(refused.client_log, "incomplete_chain", "openvpn")
    assert [p.split()[0] for p in printed] == ["extra-certs"], printed
    _vpn_fixed(vpn, "no_intermediate", "server",
               _mapped(printed, {"extra-certs": vpn.intermediate}))
