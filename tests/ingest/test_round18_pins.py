"""The pin command tlsdoctor prints for a failed pin check (fixes/pin_text.py), run as
printed against a real server on loopback: it must give the pin of the key that server
serves (base64 SHA-256 of the SubjectPublicKeyInfo, RFC 7469 §2.4), so an app's pin-set can
be compared with it."""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.servers import openssl_server

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl missing")


def _pin(cert_pem: bytes) -> str:
    from cryptography import x509
    spki = x509.load_pem_x509_certificate(cert_pem).public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(spki).digest()).decode()


@pytest.mark.parametrize("key_type", ["ec256", "rsa2048"])
def test_the_printed_pin_command_gives_the_served_keys_pin(key_type: str,
                                                           tmp_path: Path) -> None:
    leaf = CA(name="Pin Test Root").issue(["localhost"], key_type=key_type)
    r = explain("javax.net.ssl.SSLHandshakeException: Pin verification failed")
    code = next(s.code for f in r.findings for s in f.fix if "openssl dgst" in s.code)
    with openssl_server(*leaf.write(tmp_path)) as srv:
        cmd = code.replace("HOST:443", f"127.0.0.1:{srv.port}").replace("HOST", "localhost")
        out = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == _pin(leaf.chain_pem()), (cmd, out.stdout)
    # another key gives another pin: the command reads the served key, not a constant
    other = CA(name="Pin Test Root 2").issue(["localhost"], key_type=key_type)
    assert out.stdout.strip() != _pin(other.chain_pem())
