"""A reissue fix carried out as written, for the fix-on-a-real-server tests: its openssl
line makes the key and CSR, the test CA signs exactly what the CSR asks for (standing in
for the public CA), its `cat` line builds the chain, the software's lines install it."""

from __future__ import annotations

import shlex
import socket
import ssl
import subprocess
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import load_pem_private_key

import tlsdoctor
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.servers import Server


def run_step(code: str, work: Path, paths: dict[str, Path]) -> None:
    """A fix step's shell line, its placeholder paths replaced by ``paths``."""
    for placeholder, real in paths.items():
        code = code.replace(placeholder, str(real))
    assert shlex.split(code)[0] in ("openssl", "cat"), code  # nothing else is run from a fix
    subprocess.run(code, shell=True, cwd=work, check=True, capture_output=True, timeout=60)


def signed_as_requested(ca: CA, work: Path) -> None:
    """The CA's part: a certificate for exactly the CSR's names and key (localhost.crt)."""
    csr = x509.load_pem_x509_csr((work / "localhost.csr").read_bytes())
    names = csr.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    key = load_pem_private_key((work / "localhost.key").read_bytes(), None)
    issued = ca.issue(tuple(names.get_values_for_type(x509.DNSName)), key=key)  # type: ignore[arg-type]
    (work / "localhost.crt").write_bytes(issued.cert_pem)
    (work / "intermediate.crt").write_bytes(ca.cert_pem)


def reissue_as_printed(finding: tlsdoctor.Finding, ca: CA, srv: Any, software: str,
                       tmp_path: Path) -> Server:
    """Carry out ``finding``'s reissue fix with ``ca`` signing, on the conftest ``web``
    server ``srv``; the server it runs as afterwards."""
    work = tmp_path / "work"
    work.mkdir()
    paths = {"/etc/ssl/localhost.fullchain.pem": work / "fullchain.pem",
             "/etc/ssl/private/localhost.key": work / "localhost.key",
             "/etc/haproxy/localhost.pem": work / "haproxy.pem"}
    run_step(next(s for s in finding.fix if s.applies_to == "openssl").code, work, paths)
    signed_as_requested(ca, work)
    run_step(next(s for s in finding.fix if s.code.startswith("cat ") and not s.applies_to).code,
             work, paths)
    return srv.apply(next(s for s in finding.fix if s.applies_to == software).code,
                     paths=dict(paths))


def real_clients_connect(srv: Server, root: Path) -> None:
    """Python and curl connect to ``srv`` as localhost, verifying against ``root``."""
    ctx = ssl.create_default_context(cafile=str(root))
    with socket.create_connection(srv.address, timeout=5) as raw, \
            ctx.wrap_socket(raw, server_hostname="localhost") as tls:
        assert tls.version() in ("TLSv1.2", "TLSv1.3")
    curl = subprocess.run(
        ["curl", "-sS", "-o", "/dev/null", "--max-time", "10", "--cacert", str(root),
         "--resolve", f"localhost:{srv.port}:127.0.0.1", f"https://localhost:{srv.port}/"],
        capture_output=True, text=True, timeout=20)
    assert curl.returncode == 0, curl.stderr
