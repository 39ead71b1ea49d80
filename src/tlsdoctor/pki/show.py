"""``tlsdoctor cert FILE``: describe a certificate or chain from a PEM/DER/PKCS#7 file.

The file's certificates are analysed as a server would send them (first = leaf), with
no hostname and no network access, so the report shows each certificate and the chain
problems visible offline (validity, self-signed, order, weak keys, purpose, trust).
``cert HOST`` goes through the prober and calls ``analyze_chain`` directly. The
findings come from the same judgement as every command (tlsdoctor.certcmd).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from ..errors import InputError
from ..finding import Finding, finding_to_json
from .analyze import analyze_chain
from .certinfo import MAX_INPUT, BadCertificate, CertInfo, load_any
from .chain import ChainFacts
from .trust import TrustStores, load_trust_stores


@dataclass(frozen=True, slots=True, kw_only=True)
class CertReport:
    source: str  # the file name, or "<bytes>"
    certificates: tuple[CertInfo, ...]
    unparsable: tuple[BadCertificate, ...]
    chain: ChainFacts  # the offline analysis of the certificates as a chain
    findings: tuple[Finding, ...] = ()  # judged by tlsdoctor.diagnosis (see certcmd)

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source,
                "certificates": [c.to_json() for c in self.certificates],
                "unparsable": [{"index": b.index, "size": b.size, "sha256": b.sha256,
                                "error": b.error} for b in self.unparsable],
                "chain": {**self.chain.to_json(),
                          "findings": [finding_to_json(f) for f in self.findings]}}


def _read(source: str | bytes, name: str = "<bytes>") -> tuple[str, bytes]:
    if isinstance(source, bytes):
        return name, source[:MAX_INPUT]
    path = Path(source)
    if not path.exists():
        raise InputError(f"{source}: no such file")
    if path.is_dir():
        raise InputError(f"{source}: is a directory, not a file")
    try:  # a regular file or a pipe (`cert <(command)`): read up to the limit
        with path.open("rb") as f:
            data = f.read(MAX_INPUT + 1)
    except OSError as exc:
        raise InputError(f"{source}: {exc.strerror or exc}") from None
    if len(data) > MAX_INPUT:
        raise InputError(f"{source}: larger than {MAX_INPUT // (1024 * 1024)} MiB, not a certificate file")
    return str(path), data


def describe(source: str | bytes, *, hostname: str | None = None, now: datetime | None = None,
             stores: TrustStores | None = None, ca_file: str | None = None,
             name: str = "<bytes>") -> CertReport:
    """Describe the certificates in ``source`` (a file path, or the file's bytes, shown as
    ``name``).

    Raises InputError when the file is missing or holds no certificate at all.
    """
    name, data = _read(source, name)
    items = load_any(data)
    certs = [c for c in items if isinstance(c, x509.Certificate)]
    bad = tuple(c for c in items if isinstance(c, BadCertificate))
    if not certs:
        detail = bad[0].error if bad else "empty file"
        raise InputError(f"{name}: no certificate found ({detail})")
    stores = stores or load_trust_stores(ca_file)
    chain = analyze_chain([c.public_bytes(Encoding.DER) for c in certs], hostname=hostname,
                          now=now or datetime.now(UTC), stores=stores, fetcher=None)
    return CertReport(source=name, certificates=tuple(CertInfo.of(c, source="file") for c in certs),
                      unparsable=bad, chain=chain)
