"""Round 17, a real lighttpd (mod_openssl) on 127.0.0.1: a key that is not the certificate's,
a client that offers only TLS 1.0, a client without the certificate ssl.verifyclient asks
for, a client that does not trust lighttpd's CA. lighttpd's own lines (``lighttpd -tt``'s
output, its error log) are fed to explain, which must name the cause and the server's side;
the lighttpd step explain prints is then put in the config, ``lighttpd -tt`` parses it,
lighttpd restarts and a real client connects. Skips without lighttpd (.ci/run installs it).
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.finding import Finding
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.lighttpd_run import (
    LighttpdConf,
    check,
    error_log,
    have_lighttpd,
    running,
    write_conf,
)
from tlsdoctor.testing.processes import wait_until

pytestmark = pytest.mark.skipif(not have_lighttpd(), reason="lighttpd missing")


@dataclass(frozen=True)
class Pki:
    d: Path
    chain: Path
    key: Path
    other_key: Path
    ca: Path
    client_cert: Path
    client_key: Path


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    d = tmp_path_factory.mktemp("lighttpd-pki")
    ca = CA()
    ca.issue(["localhost"]).write(d, stem="leaf")
    ca.issue(["other"]).write(d, stem="other")
    ca.issue(["client"], eku=("clientAuth",)).write(d, stem="client")
    ca.write(d / "ca.pem")
    return Pki(d=d, chain=d / "leaf.chain.pem", key=d / "leaf.key.pem",
               other_key=d / "other.key.pem", ca=d / "ca.pem",
               client_cert=d / "client.chain.pem", client_key=d / "client.key.pem")


def _curl(conf: LighttpdConf, ca: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["curl", "-sS", "--max-time", "10", "--cacert", str(ca), *extra,
                           f"https://localhost:{conf.port}/"], capture_output=True, text=True,
                          timeout=30)


def _log_after(conf: LighttpdConf, needle: str) -> str:
    """lighttpd's error log once it holds ``needle`` (it writes after the client left)."""
    wait_until(lambda: needle in error_log(conf), 5)
    return error_log(conf)


def _top(text: str) -> tuple[str, str, Finding]:
    r = explain(text)
    assert r.recognized and r.findings, text
    return r.source, r.side, r.findings[0]


def _checks_and_serves(conf: LighttpdConf, ca: Path) -> None:
    """The applied config passes lighttpd's own check, and a real curl then gets the page."""
    ok, out = check(conf)
    assert ok, out
    with running(conf):
        got = _curl(conf, ca)
    assert got.returncode == 0 and got.stdout == "ok\n", got.stderr


def _fix_lines(f: Finding) -> str:
    """The config lines of the lighttpd step explain printed (comments dropped)."""
    step = f.fix[0]
    assert step.applies_to == "lighttpd", step
    return "\n".join(line for line in step.code.splitlines()
                     if line.strip() and not line.lstrip().startswith("#")
                     and "=" in line and not line.startswith(("openssl", "lighttpd")))


def test_key_of_another_certificate_then_the_printed_ssl_privkey(pki: Pki,
                                                                 tmp_path: Path) -> None:
    conf = write_conf(tmp_path, pemfile=pki.chain, privkey=pki.other_key)
    ok, out = check(conf)
    assert not ok and "Private key does not match" in out, out
    source, side, f = _top(out)
    assert (source, side, f.cause.value) == ("lighttpd", "server", "server_misconfiguration")
    lines = _fix_lines(f)
    assert "ssl.privkey" in lines and "ssl.pemfile" in lines
    # the step applied: ssl.pemfile and ssl.privkey naming this certificate and its key
    fixed = lines.replace("/etc/lighttpd/certs/server.pem", str(pki.chain)).replace(
        "/etc/lighttpd/certs/server.key", str(pki.key))
    conf = write_conf(tmp_path, pemfile=pki.chain, privkey=pki.other_key, ssl_lines=fixed,
                      port=conf.port)
    _checks_and_serves(conf, pki.ca)


def test_client_without_the_certificate_lighttpd_asks_for(pki: Pki, tmp_path: Path) -> None:
    verify = (f'ssl.verifyclient.activate = "enable"\nssl.verifyclient.enforce = "enable"\n'
              f'ssl.verifyclient.ca-file = "{pki.ca}"\n')
    conf = write_conf(tmp_path, pemfile=pki.chain, privkey=pki.key, ssl_lines=verify)
    assert check(conf)[0]
    with running(conf):
        got = _curl(conf, pki.ca)
        log = _log_after(conf, "certificate")
        with_cert = _curl(conf, pki.ca, "--cert", str(pki.client_cert), "--key",
                          str(pki.client_key))
    assert got.returncode != 0 and with_cert.returncode == 0, (got.stderr, with_cert.stderr)
    _, side, f = _top(log)
    assert (side, f.cause.value) == ("server", "client_cert_required"), log
    # lighttpd's own step: the CA in ssl.verifyclient.ca-file, or not enforcing
    r = explain(log)
    step = next(g.fix[0] for g in r.findings if g.cause.value == "client_cert_required")
    # OpenSSL's words inside lighttpd's own line: lighttpd's step (the log names lighttpd)
    assert step.applies_to == "lighttpd", step
    assert 'ssl.verifyclient.enforce = "disable"' in step.code
    conf = write_conf(tmp_path, pemfile=pki.chain, privkey=pki.key, port=conf.port,
                      ssl_lines=verify.replace('enforce = "enable"', 'enforce = "disable"'))
    assert check(conf)[0]
    with running(conf):
        assert _curl(conf, pki.ca).returncode == 0


def test_client_refusing_lighttpds_ca_is_logged_only_with_ssl_noise(pki: Pki,
                                                                    tmp_path: Path) -> None:
    """lighttpd drops a client's unknown-CA alert unless debug.log-ssl-noise is on (the
    trust step says so); with it on, the line reads as the client refusing the chain."""
    other = CA()
    other.write(tmp_path / "other-ca.pem")
    quiet = write_conf(tmp_path, pemfile=pki.chain, privkey=pki.key)
    with running(quiet):
        assert _curl(quiet, tmp_path / "other-ca.pem").returncode != 0
        time.sleep(0.3)  # give a line the chance to appear, which it must not
        assert "unknown ca" not in error_log(quiet)
    noisy = write_conf(tmp_path, pemfile=pki.chain, privkey=pki.key, port=quiet.port,
                       ssl_lines='debug.log-ssl-noise = "enable"')
    assert check(noisy)[0]
    with running(noisy):
        assert _curl(noisy, tmp_path / "other-ca.pem").returncode != 0
        log = _log_after(noisy, "unknown ca")
    _, side, f = _top(log)
    assert (side, f.cause.value) == ("server", "cert_untrusted_root"), log
    # lighttpd's trust step names the setting this test turned on to see the line
    assert f.fix[0].applies_to == "lighttpd"
    assert 'debug.log-ssl-noise = "enable"' in f.fix[0].code


def _tls10(conf: LighttpdConf) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{conf.port}",
                           "-tls1", "-cipher", "DEFAULT@SECLEVEL=0"], input="",
                          capture_output=True, text=True, timeout=30)


def test_tls10_client_then_the_printed_stop_gap(pki: Pki, tmp_path: Path) -> None:
    conf = write_conf(tmp_path, pemfile=pki.chain, privkey=pki.key)
    with running(conf):
        assert "Cipher is (NONE)" in _tls10(conf).stdout
        log = _log_after(conf, "SSL:")
    _, side, f = _top(log)
    assert (side, f.cause.value) == ("server", "protocol_version_mismatch"), log
    conf = write_conf(tmp_path, pemfile=pki.chain, privkey=pki.key, port=conf.port,
                      ssl_lines=_fix_lines(f))
    assert check(conf)[0]
    with running(conf):
        got = _tls10(conf)
    assert "Protocol  : TLSv1\n" in got.stdout, got.stdout[-500:]


def test_expired_own_certificate_then_a_renewed_one(pki: Pki, tmp_path: Path) -> None:
    CA().issue(["localhost"], not_before=timedelta(days=-30),
               not_after=timedelta(days=-1)).write(tmp_path, stem="old")
    conf = write_conf(tmp_path, pemfile=tmp_path / "old.chain.pem",
                      privkey=tmp_path / "old.key.pem")
    ok, out = check(conf)
    assert ok and "inactive/expired X509 certificate" in out, out
    source, side, f = _top(out)
    assert (source, side, f.cause.value) == ("lighttpd", "server", "cert_expired")
    assert f.fix[0].applies_to == "lighttpd" and "-dates" in f.fix[0].code
    # the step: a renewed certificate in ssl.pemfile, checked, restarted
    conf = write_conf(tmp_path, pemfile=pki.chain, privkey=pki.key, port=conf.port)
    ok, out = check(conf)
    assert ok and "expired" not in out, out
    with running(conf):
        assert _curl(conf, pki.ca).returncode == 0


@pytest.mark.parametrize("refused", ['"CipherString" => "NOSUCH"', '"Curves" => "nosuchcurve"'])
def test_refused_cipher_setting_then_the_printed_ssl_conf_cmd(refused: str, pki: Pki,
                                                              tmp_path: Path) -> None:
    """Round 20: a cipher or curve setting lighttpd refuses ("SSL: SSL_CONF_cmd CipherString
    ...: no cipher match") printed the certificate's lines; now the ssl-conf-cmd step, which,
    put in place of the refused line, lets lighttpd start and serve."""
    conf = write_conf(tmp_path, pemfile=pki.chain, privkey=pki.key,
                      ssl_lines=f"ssl.openssl.ssl-conf-cmd = ({refused})")
    ok, out = check(conf)
    assert not ok and "SSL_CONF_cmd" in out, out
    source, side, f = _top(out)
    assert (source, side, f.cause.value) == ("lighttpd", "server", "server_misconfiguration")
    lines = _fix_lines(f)
    assert lines.startswith("ssl.openssl.ssl-conf-cmd = ("), lines
    conf = write_conf(tmp_path, pemfile=pki.chain, privkey=pki.key, ssl_lines=lines,
                      port=conf.port)
    _checks_and_serves(conf, pki.ca)
