"""The AWS CRT's own-files step (fixes/embedded.toml [aws_crt.store]) applied with the real
CRT (aws-crt-python over s2n-tls; testing/awscrt_client.py), round 23.

A device whose certificate file (AWS IoT's name: device.pem.crt) holds its private key
instead: the CRT cannot make its TLS context (AWS_IO_TLS_CTX_ERROR). explain prints the
check lines, run as printed beside the device's files: the certificate line fails and the
key line says "key ok", which names the file to replace. With the device's certificate in
that file, as the step says (PEM, a pair with the key), the checks pass and the CRT makes
its mutual-TLS connection to a server that requires the device's certificate.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.awscrt_client import crt_connect, have_awscrt
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.servers import openssl_server

pytestmark = pytest.mark.skipif(not have_awscrt(), reason="awscrt missing (pip install awscrt)")


def test_a_crt_certificate_file_holding_the_key_gets_the_checks_which_find_it(
        tmp_path: Path) -> None:
    ca = CA(name="Apply23 CRT Root")
    ca_file = str(ca.write(tmp_path / "ca.pem"))
    chain, key = ca.issue(["localhost"]).write(tmp_path, stem="server")
    device = ca.issue(["device"], eku=("clientAuth",))
    cert_file, key_file = tmp_path / "device.pem.crt", tmp_path / "private.pem.key"
    key_file.write_bytes(device.key_pem)
    cert_file.write_bytes(device.key_pem)  # the mistake: the key saved as the certificate
    with openssl_server(chain, key, protocols=("tls1_2",), verify_ca=ca_file) as srv:
        before = crt_connect(srv.port, "localhost", ca_file, cert=str(cert_file),
                             key=str(key_file))
        assert not before.connected and "AWS_IO_TLS_CTX_ERROR" in before.output
        step = next(s for f in explain(before.output).findings for s in f.fix
                    if s.applies_to == "aws_crt")
        assert step.text.startswith("The CRT could not use its own TLS files"), step.text
        cert_check, key_check = step.code.splitlines()

        def run(line: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(["sh", "-c", line], cwd=tmp_path, capture_output=True,
                                  text=True, timeout=30)

        assert run(cert_check).returncode != 0  # the certificate file is not a certificate
        assert run(key_check).stdout.strip() == "key ok"
        cert_file.write_bytes(device.cert_pem)  # the device's certificate, PEM
        checked = run(cert_check)
        assert checked.returncode == 0 and "CN = device" in checked.stdout
        assert run(key_check).stdout.strip() == "key ok"
        after = crt_connect(srv.port, "localhost", ca_file, cert=str(cert_file),
                            key=str(key_file))
        assert after.connected, after.output[-800:]
