"""The Caddy lines of the server fixes (fixes/snippets.toml [protocols], [ciphers]) applied
to a real Caddy on 127.0.0.1. Caddy 2.6 cannot be made to accept TLS 1.0 or 1.1 (``caddy
adapt``: "Wrong protocol name or protocol not supported: 'tls1.0'"), so the protocols step
is proven on the one way a Caddy shows that finding: ``protocols tls1.3`` and a client
without TLS 1.3 (diagnose ``client="edge-18"``). The step's line goes into the site's
``tls CERT KEY {...}`` block in place of its protocols line, as the step says (the old
step, a second ``tls {...}`` block, is refused by ``caddy validate``: "conflicting min
protocol"); the ciphers
step says to remove the custom ``ciphers`` line, and that is what the operator does. Each
file passes ``caddy validate``, Caddy restarts, the finding is gone and curl connects.
Without ``server_software`` diagnose names Caddy from its Server header. Skips without
Caddy (.ci/run installs it).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from diagnosed import causes as _causes

import tlsdoctor
from tlsdoctor.testing.ca import SiteFiles, site_files
from tlsdoctor.testing.caddy_run import CaddySite, check, have_caddy, running, write_caddyfile

pytestmark = pytest.mark.skipif(not have_caddy(), reason="caddy missing")

_WEAK = "TLS_RSA_WITH_AES_128_CBC_SHA TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
BROKEN = {"protocols": ("protocols tls1.3",), "ciphers": (f"ciphers {_WEAK}",)}
CAUSE = {"protocols": "protocol_version_mismatch", "ciphers": "weak_cipher_or_no_pfs"}
CLIENT = {"protocols": "edge-18", "ciphers": None}  # None: this machine's own stack


Pki = SiteFiles


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return site_files(tmp_path_factory.mktemp("caddy-fix"), root_name="Caddy Fix Test Root", stem="site")


def _diagnose(site: CaddySite, pki: Pki, section: str,
              software: str | None) -> tlsdoctor.DiagnoseReport:
    return tlsdoctor.diagnose(f"localhost:{site.port}", connect="127.0.0.1",
                              ca_file=str(pki.root), timeout=3, offline=True,
                              client=CLIENT[section], server_software=software)


def _fix_code(report: tlsdoctor.DiagnoseReport, cause: str) -> str:
    finding = next(f for f in report.findings if f.cause.value == cause)
    steps = [s for s in finding.fix if s.applies_to == "caddy"]
    assert steps, [(s.applies_to, s.text) for s in finding.fix]
    return steps[0].code


def applied(tls_lines: tuple[str, ...], code: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the tls block's lines, the site's added lines) once the step is carried out: its
    directives go into the site as printed, or, where it says "in the site's tls block", into
    that block in place of the ones of the same name; "remove any custom 'ciphers' line"
    removes them."""
    if "remove any custom 'ciphers' line" in code:
        return tuple(ln for ln in tls_lines if not ln.startswith("ciphers")), ()
    lines = tuple(ln for ln in code.splitlines() if not ln.lstrip().startswith("#"))
    assert lines, code
    if "in the site's tls block" not in code:
        return tls_lines, lines
    names = {ln.split()[0] for ln in lines}
    return tuple(ln for ln in tls_lines if ln.split()[0] not in names) + lines, ()


@pytest.mark.parametrize("section", sorted(BROKEN))
def test_the_fix_fixes_the_real_caddy(section: str, pki: Pki, tmp_path: Path) -> None:
    broken = write_caddyfile(tmp_path, cert=pki.chain, key=pki.key, tls_lines=BROKEN[section])
    ok, said = check(broken)
    assert ok, said
    with running(broken):
        before = _diagnose(broken, pki, section, "caddy")
        unnamed = _diagnose(broken, pki, section, None) if CLIENT[section] is None else None
    assert CAUSE[section] in _causes(before), before.summary()
    code = _fix_code(before, CAUSE[section])
    if unnamed is not None:  # Caddy says who it is (Server: Caddy) once a request gets through
        assert unnamed.evidence.server_software == "caddy"
        assert _fix_code(unnamed, CAUSE[section]) == code

    tls_lines, site_lines = applied(BROKEN[section], code)
    fixed = write_caddyfile(tmp_path, cert=pki.chain, key=pki.key, tls_lines=tls_lines,
                            site_lines=site_lines, port=broken.port)
    ok, said = check(fixed)
    assert ok, said
    with running(fixed):
        after = _diagnose(fixed, pki, section, "caddy")
        assert CAUSE[section] not in _causes(after), (code, after.summary())
        assert after.outcome.value in ("ok", "risky"), after.summary()
        curl = subprocess.run(["curl", "-sS", "--max-time", "10", "--cacert", str(pki.root),
                               "--resolve", f"localhost:{fixed.port}:127.0.0.1",
                               f"https://localhost:{fixed.port}/"], capture_output=True,
                              text=True, timeout=20)
        assert curl.returncode == 0 and curl.stdout == "ok", curl.stderr
