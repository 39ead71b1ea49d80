"""``tlsdoctor cert FILE|HOST``: a certificate or chain, from a file or as a server sends it."""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import replace
from datetime import UTC, datetime

from cryptography import x509

from . import options as check
from .api.judge import judge
from .errors import InputError
from .evidence import Evidence, Source
from .pki.analyze import analyze_chain
from .pki.certinfo import MAX_INPUT, CertInfo
from .pki.show import CertReport, describe
from .pki.trust import load_trust_stores
from .probe.target import Target

_CERT_SUFFIXES = (".pem", ".crt", ".cer", ".der", ".p7b", ".p7c", ".cert", ".ca-bundle")


def show_cert(source: str, *, ca_file: str | None = None, timeout: float = 5.0) -> CertReport:
    """A file path (PEM, DER or PKCS#7) is read, "-" from stdin; anything else is a
    HOST[:PORT] to fetch from.

    Raises UsageError for a bad ``ca_file``/``timeout`` or a path that is a directory or
    a device, InputError for a file without certificates or a server that sends none. The
    chain's findings come from the same judgement as every command.
    """
    ca_file = check.ca_file(ca_file)
    check.timeout(timeout)
    if source == "-":  # stdin, as logs, pcap and explain read "-" (never a host name)
        report = describe(sys.stdin.buffer.read(MAX_INPUT), ca_file=ca_file, name="stdin")
        return _judged(report, None)
    if os.path.lexists(source) or _looks_like_a_path(source):
        return _judged(describe(check.input_file(source), ca_file=ca_file), None)
    report, target = asyncio.run(_from_server(source, ca_file=ca_file, timeout=timeout))
    return _judged(report, target)


def _judged(report: CertReport, target: Target | None) -> CertReport:
    ev = Evidence(now=report.chain.now, source=Source.CHAIN, target=target, chain=report.chain)
    return replace(report, findings=judge(ev))


def _looks_like_a_path(source: str) -> bool:
    """A missing file is reported as one, not as a bad host name."""
    if "://" in source:
        return False  # https://host:port/
    return "/" in source or os.sep in source or source.lower().endswith(_CERT_SUFFIXES)


def exit_code(report: CertReport) -> int:
    """As for ``diagnose``: 2 a blocking finding, 1 risks or warnings, 0 nothing to fix."""
    severities = {str(f.severity) for f in report.findings}  # a StrEnum: its value
    if "blocking" in severities:
        return 2
    return 1 if severities & {"risk", "warning"} else 0


async def _from_server(text: str, *, ca_file: str | None,
                       timeout: float) -> tuple[CertReport, Target]:
    from .clients.local import local_profile
    from .doctor import client_spec
    from .probe.budget import ProbeOptions, Prober
    from .probe.handshake import run_probe
    from .probe.target import parse_target

    target = parse_target(text)
    prober = Prober(ProbeOptions(connect_timeout=timeout, read_timeout=timeout))
    result = await run_probe(prober, target, client_spec(local_profile(), target), label="cert",
                             retry_on_hrr=True)
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
