"""Round 17, a real hitch (the TLS proxy) on 127.0.0.1: a pem-file without its key, a client
that offers only TLS 1.0. hitch's own output is fed to explain, which must name the cause
and the server's side; the hitch.conf step explain prints is then applied, ``hitch --test``
passes, hitch restarts and a real client (openssl s_client) completes the handshake.
Skips without hitch (.ci/run installs it)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.hitch_run import HitchConf, check, have_hitch, hitch_log, running, write_conf
from tlsdoctor.testing.processes import wait_until

pytestmark = pytest.mark.skipif(not have_hitch(), reason="hitch missing")


def _s_client(conf: HitchConf, *args: str) -> str:
    out = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{conf.port}", *args],
                         input="", capture_output=True, text=True, timeout=30)
    return out.stdout + out.stderr


def _conf_lines(code: str) -> str:
    return "\n".join(line for line in code.splitlines()
                     if "=" in line and not line.lstrip().startswith(("#", "cat ")))


@pytest.fixture
def pki(tmp_path: Path) -> Path:
    ca = CA()
    ca.issue(["localhost"]).write(tmp_path, stem="leaf")
    ca.write(tmp_path / "ca.pem")
    return tmp_path


def test_pem_file_without_its_key_then_the_printed_pem_file(pki: Path) -> None:
    conf = write_conf(pki, pem_file=pki / "leaf.chain.pem")
    ok, out = check(conf)
    assert not ok and "Error loading private key" in out, out
    r = explain(out)
    f = r.findings[0]
    assert (r.source, r.side, f.cause.value) == ("hitch", "server", "server_misconfiguration")
    assert f.fix[0].applies_to == "hitch" and "pem-file" in f.fix[0].code
    # the step: certificate (with its chain) and key in one file, named by pem-file
    whole = pki / "server.pem"
    whole.write_text((pki / "leaf.chain.pem").read_text() + (pki / "leaf.key.pem").read_text())
    lines = _conf_lines(f.fix[0].code).replace("/etc/hitch/server.pem", str(whole))
    conf = write_conf(pki, pem_file=whole, lines=lines, port=conf.port)
    ok, out = check(conf)
    assert ok, out
    with running(conf):
        got = _s_client(conf, "-CAfile", str(pki / "ca.pem"), "-verify_return_error")
    assert "Verify return code: 0 (ok)" in got, got[-800:]


def test_tls10_client_then_the_printed_stop_gap(pki: Path) -> None:
    whole = pki / "server.pem"
    whole.write_text((pki / "leaf.chain.pem").read_text() + (pki / "leaf.key.pem").read_text())
    conf = write_conf(pki, pem_file=whole)
    with running(conf):
        _s_client(conf, "-tls1", "-cipher", "DEFAULT@SECLEVEL=0")
        # the readiness check's bare TCP connect is a handshake failure too (EOF): the
        # client's line is the one after it
        # bounded: 5 s for the line to be written
        wait_until(lambda: hitch_log(conf).count("Handshake failure") >= 2, 5)
        log = hitch_log(conf)
    line = [x for x in log.splitlines() if "Handshake failure" in x][-1]
    r = explain(line)
    f = r.findings[0]
    assert (r.side, f.cause.value) == ("server", "protocol_version_mismatch"), line
    assert f.fix[0].applies_to == "hitch" and "tls-protos" in f.fix[0].code
    conf = write_conf(pki, pem_file=whole, lines=_conf_lines(f.fix[0].code), port=conf.port)
    ok, out = check(conf)
    assert ok, out
    with running(conf):
        got = _s_client(conf, "-tls1", "-cipher", "DEFAULT@SECLEVEL=0")
    assert "Protocol  : TLSv1\n" in got, got[-800:]


def test_refused_cipher_list_then_the_printed_ciphers(pki: Path) -> None:
    """Round 20: a cipher list hitch refuses ("SSL_CTX_set_cipher_list: ... no cipher match")
    printed the pem-file lines; now hitch's ciphers line, which applied lets it start."""
    whole = pki / "server.pem"
    whole.write_text((pki / "leaf.chain.pem").read_text() + (pki / "leaf.key.pem").read_text())
    conf = write_conf(pki, pem_file=whole, lines='ciphers = "NOSUCH"')
    ok, out = check(conf)
    assert not ok and "SSL_CTX_set_cipher_list" in out, out
    r = explain(out)
    f = r.findings[0]
    assert (r.source, r.side, f.cause.value) == ("hitch", "server", "server_misconfiguration")
    assert f.fix[0].applies_to == "hitch" and "pem-file" not in f.fix[0].code, f.fix
    conf = write_conf(pki, pem_file=whole, lines=_conf_lines(f.fix[0].code), port=conf.port)
    ok, out = check(conf)
    assert ok, out
    with running(conf):
        got = _s_client(conf, "-CAfile", str(pki / "ca.pem"), "-verify_return_error")
    assert "Verify return code: 0 (ok)" in got, got[-800:]
