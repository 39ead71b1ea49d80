"""This machine's own TLS library policy (issue 11): an OPENSSL_CONF that caps or empties
the version range is named with its file and line, never answered with 'upgrade
OpenSSL' or an internal error. Runs the real CLI with the real OpenSSL reading the file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CONF = """openssl_conf = openssl_init
[openssl_init]
ssl_conf = ssl_sect
[ssl_sect]
system_default = system_default_sect
[system_default_sect]
{line}
"""


def _diagnose(port: int, root: Path, conf: Path) -> tuple[int, dict]:
    env = {**os.environ, "OPENSSL_CONF": str(conf)}
    done = subprocess.run([sys.executable, "-m", "tlsdoctor", "diagnose", f"localhost:{port}",
                           "--connect", "127.0.0.1", "--ca-file", str(root), "--offline",
                           "--timeout", "3", "--json"],
                          capture_output=True, text=True, timeout=60, env=env)
    assert done.stderr == "", done.stderr
    return done.returncode, json.loads(done.stdout)


@pytest.mark.parametrize("line", ["MaxProtocol = TLSv1.2"])
def test_capped_by_the_config_not_outdated(pki, s_server, tmp_path, line):
    conf = tmp_path / "capped.cnf"
    conf.write_text(CONF.format(line=line))
    with s_server(pki.leaf(), protocols=("tls1_3",)) as srv:
        code, data = _diagnose(srv.port, pki.root_pem, conf)
    assert code == 2
    root = data["findings"][0]
    assert root["cause"] == "client_misconfiguration", [f["title"] for f in data["findings"]]
    assert f"{conf}:7: MaxProtocol = TLSv1.2" in root["evidence"]
    steps = " ".join(s["text"] + s["code"] for s in root["fix"])
    assert f"In {conf}, line 7" in steps and "upgrade" not in steps.lower()
    assert "ssl_protocols TLSv1.2 TLSv1.3;" in steps  # the server could accept it too
    assert "protocol_version_mismatch" not in {f["cause"] for f in data["findings"]}


def test_no_version_left_at_all(pki, s_server, tmp_path):
    conf = tmp_path / "empty.cnf"
    conf.write_text(CONF.format(line="MaxProtocol = TLSv1"))  # under Python's TLS 1.2 floor
    with s_server(pki.leaf()) as srv:
        code, data = _diagnose(srv.port, pki.root_pem, conf)
    assert code == 2
    root = data["findings"][0]
    assert root["cause"] == "client_misconfiguration"
    assert "no protocol version" in root["title"]
    assert f"{conf}:7: MaxProtocol = TLSv1" in root["evidence"]
