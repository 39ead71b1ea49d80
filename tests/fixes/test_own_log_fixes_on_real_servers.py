"""Round 20: a server's own log, given to explain, gets that server's lines only, and they fix
the real server.

Before, nginx's and Apache's own error logs (and Postfix's and Dovecot's) printed nginx's,
Apache's and HAProxy's lines alike: explain knew which program wrote the words (its
``source``) but did not tell the fixes. Here a real nginx and Apache serve only a suite this
modern client does not offer (static RSA, AES128-SHA; the client offers ECDHE with AES-GCM
only, TLS 1.2); curl fails, the server logs "no shared cipher"; explain of that log names the server's own lines only; the
line applied (``tlsdoctor.testing.fixapply``, the server's own config test, a restart) makes
the same curl connect. Skips a server that is missing (.ci/run installs nginx-light, apache2).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.fixapply import WebConfig
from tlsdoctor.testing.processes import wait_until
from tlsdoctor.testing.servers import Server

_OLD = {"nginx": ("ssl_protocols TLSv1.2;", "ssl_ciphers AES128-SHA;"),
        "apache": ("SSLProtocol TLSv1.2", "SSLCipherSuite AES128-SHA")}
_SERVERS = ("nginx", "apache", "haproxy", "postfix", "dovecot")


def _curl(srv: Server, root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["curl", "-sS", "-o", "/dev/null", "--max-time", "10", "--tls-max",
                           "1.2", "--ciphers", "ECDHE+AESGCM", "--cacert",
                           str(root), "--resolve", f"localhost:{srv.port}:127.0.0.1",
                           f"https://localhost:{srv.port}/"], capture_output=True, text=True,
                          timeout=30)


def _logged(srv: Server, needle: str) -> str:
    wait_until(lambda: needle in srv.log(), 5)  # bounded: 5 s for the server to write the line
    return srv.log()


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl missing")
@pytest.mark.parametrize("software", ["nginx", "apache"])
def test_the_servers_own_log_gets_its_own_lines_which_fix_it(software: str, pki, web) -> None:
    chain, key = pki.write(pki.leaf("localhost"))
    srv = web(WebConfig(software=software, chain_path=chain, key_path=key,
                        site_lines=_OLD[software]))
    assert _curl(srv.server, pki.root_pem).returncode != 0
    log = _logged(srv.server, "no shared cipher")
    line = next(ln for ln in log.splitlines() if "no shared cipher" in ln)
    r = explain(line)
    assert (r.source, r.side) == (software, "server"), (r.source, r.side, line)
    f = r.findings[0]
    assert f.cause.value == "cipher_suite_mismatch", r.findings
    named = {s.applies_to for s in f.fix} & set(_SERVERS)
    assert named == {software}, [(s.applies_to, s.text) for s in f.fix]
    step = next(s for s in f.fix if s.applies_to == software)
    fixed = srv.apply(step.code)
    got = _curl(fixed, pki.root_pem)
    assert got.returncode == 0, (step.code, got.stderr)
