"""``tlsdoctor cert FILE|HOST``: a certificate or chain, from a file or as a server sends it."""

from __future__ import annotations

import asyncio
import os
from dataclasses import replace
from datetime import UTC, datetime

from cryptography import x509

from .api.judge import judge
from .errors import InputError
from .evidence import Evidence, Source
from .pki.analyze import analyze_chain
from .pki.certinfo import CertInfo
from .pki.show import CertReport, describe
from .pki.trust import load_trust_stores
from .probe.target import Target


def show_cert(source: str, *, ca_file: str | None = None, timeout: float = 5.0) -> CertReport:
    """A file path (PEM, DER or PKCS#7) is read; anything else is a HOST[:PORT] to fetch from.
    The chain's findings come from the same judgement as every command."""
    if os.path.exists(source):
        return _judged(describe(source, ca_file=ca_file), None)
    report, target = asyncio.run(_from_server(source, ca_file=ca_file, timeout=timeout))
    return _judged(report, target)


def _judged(report: CertReport, target: Target | None) -> CertReport:
    ev = Evidence(now=report.chain.now, source=Source.CHAIN, target=target, chain=report.chain)
    return replace(report, findings=judge(ev))


async def _from_server(text: str, *, ca_file: str | None,
                       timeout: float) -> tuple[CertReport, Target]:
    from .clients.local import local_profile
    from .doctor import client_spec
    from .probe.budget import ProbeOptions, Prober
    from .probe.handshake import run_probe
    from .probe.target import parse_target

    target = parse_target(text)
    prober = Prober(ProbeOptions(connect_timeout=timeout, read_timeout=timeout))
    result = await run_probe(prober, target, client_spec(local_profile(), target), label="cert")
    if not result.certificates:
        why = result.error or result.outcome.value
        raise InputError(f"{target}: no certificate received ({why}); "
                         f"run 'tlsdoctor diagnose {target}' to see why")
    stores = load_trust_stores(ca_file)
    chain = analyze_chain(result.certificates, hostname=target.host, now=datetime.now(UTC),
                          stores=stores, stapled_ocsp=result.ocsp_staple)
    certs = []
    for der in result.certificates:
        try:
            certs.append(CertInfo.of(x509.load_der_x509_certificate(der)))
        except ValueError:
            continue
    return CertReport(source=str(target), certificates=tuple(certs), unparsable=(),
                      chain=chain), target
