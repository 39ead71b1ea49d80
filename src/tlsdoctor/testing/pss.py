"""RSA-PSS certificates for tests: a leaf whose key is id-RSASSA-PSS (RFC 4055), signed by a
``testing.ca.CA``. cryptography cannot generate such keys, so the ``openssl`` command makes
the key and the CSR and signs it with the CA's key (written next to it, in the test's own
directory)."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from .ca import CA

__all__ = ["rsa_pss_leaf"]


def rsa_pss_leaf(ca: CA, directory: Path, stem: str,
                 names: Sequence[str] = ("localhost",)) -> tuple[Path, Path]:
    """(certificate, key) files for ``names``: an RSA-PSS 2048 key, serverAuth, 60 days."""
    key, csr, crt = (directory / f"{stem}.key", directory / f"{stem}.csr",
                     directory / f"{stem}.crt")
    ca_key = directory / f"{stem}-ca.key"
    ca_key.write_bytes(ca.key.private_bytes(serialization.Encoding.PEM,
                                            serialization.PrivateFormat.PKCS8,
                                            serialization.NoEncryption()))
    ca_key.chmod(0o600)
    ca_pem = ca.write(directory / f"{stem}-ca.pem")
    ext = directory / f"{stem}.ext"
    ext.write_text("subjectAltName=" + ",".join(f"DNS:{n}" for n in names)
                   + "\nextendedKeyUsage=serverAuth\nbasicConstraints=critical,CA:FALSE\n")
    for argv in (["openssl", "genpkey", "-algorithm", "RSA-PSS", "-pkeyopt",
                  "rsa_keygen_bits:2048", "-out", str(key)],
                 ["openssl", "req", "-new", "-key", str(key), "-subj", f"/CN={names[0]}",
                  "-out", str(csr)],
                 ["openssl", "x509", "-req", "-in", str(csr), "-CA", str(ca_pem), "-CAkey",
                  str(ca_key), "-set_serial", "7", "-days", "60", "-extfile", str(ext),
                  "-out", str(crt)]):
        subprocess.run(argv, check=True, capture_output=True, timeout=60)
    return crt, key
