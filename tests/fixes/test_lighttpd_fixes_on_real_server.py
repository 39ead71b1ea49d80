"""The lighttpd lines of every server fix (fixes/snippets.toml [protocols], [ciphers]),
applied to a real lighttpd (mod_openssl) on 127.0.0.1: the misconfigured server is
diagnosed with ``server_software="lighttpd"``, the step's line is written into lighttpd.conf
as an operator edits it (the line assigning that variable is replaced; lighttpd refuses a
second ``ssl.openssl.ssl-conf-cmd =``), ``lighttpd -tt`` parses it, lighttpd restarts, the
finding is gone and curl and Python connect. Without ``server_software`` diagnose names
lighttpd from its Server header. Skips without lighttpd (.ci/run installs it).
"""

from __future__ import annotations

import re
import socket
import ssl
import subprocess
from pathlib import Path

import pytest
from diagnosed import causes as _causes

import tlsdoctor
from tlsdoctor.testing.ca import SiteFiles, site_files
from tlsdoctor.testing.lighttpd_run import LighttpdConf, check, have_lighttpd, running, write_conf

pytestmark = pytest.mark.skipif(not have_lighttpd(), reason="lighttpd missing")

_WEAK = "ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA:AES256-SHA"
# Misconfigured in lighttpd's own directives: TLS 1.0 only; static-RSA suites (no forward
# secrecy) next to a good one, in the older directive many configurations still carry.
BROKEN = {
    "protocols": ('ssl.openssl.ssl-conf-cmd = ("MinProtocol" => "TLSv1", '
                  '"MaxProtocol" => "TLSv1", "CipherString" => "DEFAULT:@SECLEVEL=0")',),
    "ciphers": (f'ssl.cipher-list = "{_WEAK}"',),
}
CAUSE = {"protocols": "protocol_version_mismatch", "ciphers": "weak_cipher_or_no_pfs"}
_ASSIGN = re.compile(r"^(?P<name>[\w.-]+)\s*(?::=|\+=|=)")


Pki = SiteFiles


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return site_files(tmp_path_factory.mktemp("lighttpd-fix"), root_name="lighttpd Fix Test Root", stem="site")


def edited(lines: tuple[str, ...], code: str) -> tuple[str, ...]:
    """``lines`` with each line of ``code`` in place of the one assigning the same variable
    (or added): the operator's edit. Comment lines of the step are comments in the file."""
    out = list(lines)
    for line in code.splitlines():
        m = _ASSIGN.match(line.strip())
        at = next((i for i, old in enumerate(out)
                   if m and (o := _ASSIGN.match(old)) and o["name"] == m["name"]), None)
        if at is None:
            out.append(line)
        else:
            out[at] = line
    return tuple(out)


def _diagnose(conf: LighttpdConf, pki: Pki, software: str | None) -> tlsdoctor.DiagnoseReport:
    return tlsdoctor.diagnose(f"localhost:{conf.port}", connect="127.0.0.1",
                              ca_file=str(pki.root), timeout=3, offline=True,
                              server_software=software)


def _fix_code(report: tlsdoctor.DiagnoseReport, cause: str) -> str:
    finding = next(f for f in report.findings if f.cause.value == cause)
    steps = [s for s in finding.fix if s.applies_to == "lighttpd"]
    assert steps, [(s.applies_to, s.text) for s in finding.fix]
    return steps[0].code


def _clients_connect(conf: LighttpdConf, pki: Pki) -> None:
    ctx = ssl.create_default_context(cafile=str(pki.root))
    with socket.create_connection(("127.0.0.1", conf.port), timeout=5) as raw, \
            ctx.wrap_socket(raw, server_hostname="localhost") as tls:
        assert tls.version() in ("TLSv1.2", "TLSv1.3")
    curl = subprocess.run(["curl", "-sS", "--max-time", "10", "--cacert", str(pki.root),
                           "--resolve", f"localhost:{conf.port}:127.0.0.1",
                           f"https://localhost:{conf.port}/"], capture_output=True, text=True,
                          timeout=20)
    assert curl.returncode == 0 and curl.stdout == "ok\n", curl.stderr


@pytest.mark.parametrize("section", sorted(BROKEN))
def test_the_fix_fixes_the_real_lighttpd(section: str, pki: Pki, tmp_path: Path) -> None:
    broken = write_conf(tmp_path, pemfile=pki.chain, privkey=pki.key,
                        ssl_lines="\n".join(BROKEN[section]))
    with running(broken):
        before = _diagnose(broken, pki, "lighttpd")
        # lighttpd says who it is: the user who names no software gets its lines too
        unnamed = _diagnose(broken, pki, None) if section == "ciphers" else before
    assert CAUSE[section] in _causes(before), before.summary()
    code = _fix_code(before, CAUSE[section])
    if section == "ciphers":
        assert unnamed.evidence.server_software == "lighttpd"
        assert _fix_code(unnamed, CAUSE[section]) == code

    fixed = write_conf(tmp_path, pemfile=pki.chain, privkey=pki.key, port=broken.port,
                       ssl_lines="\n".join(edited(BROKEN[section], code)))
    ok, said = check(fixed)
    assert ok, said
    with running(fixed):
        after = _diagnose(fixed, pki, "lighttpd")
        assert CAUSE[section] not in _causes(after), (code, after.summary())
        assert after.outcome.value in ("ok", "risky"), after.summary()
        _clients_connect(fixed, pki)


def test_the_step_says_to_merge_what_lighttpd_refuses_twice(pki: Pki, tmp_path: Path) -> None:
    """The printed line pasted under an existing ssl-conf-cmd is refused by lighttpd -tt;
    the step's text says to put the key into that line instead."""
    from tlsdoctor.fixes import server

    for step in (*server.protocols("lighttpd"), *server.ciphers("lighttpd")):
        assert "Duplicate config variable" in step.text, step.text
        pasted = write_conf(tmp_path, pemfile=pki.chain, privkey=pki.key,
                            ssl_lines="\n".join((*BROKEN["protocols"], step.code)))
        ok, said = check(pasted)
        assert not ok and "Duplicate config variable" in said, said
