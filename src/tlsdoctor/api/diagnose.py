"""``diagnose``: gather live evidence (tlsdoctor.doctor), judge it, attach the fixes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..clients.profile import ClientProfile
from ..diagnosis.engine import verdict
from ..errors import UsageError
from ..probe.sync import run_sync
from ..probe.target import Target, parse_target
from ..report.diagnose import DiagnoseReport
from .judge import judge


def _resolve_client(client: str | ClientProfile | None) -> ClientProfile:
    from ..clients.local import local_profile

    if client is None or client == "local":
        return local_profile()
    if isinstance(client, ClientProfile):
        return client
    from ..clients.catalog import get_profile

    return get_profile(client)


async def diagnose_async(target: str | Target, *, ca_file: str | None = None,
                         sni: str | None = None, no_sni: bool = False, connect: str | None = None,
                         client: str | ClientProfile | None = None, starttls: str | None = None,
                         proxy: str | None = None, timeout: float = 5.0, delay: float = 0.0,
                         warn_days: int = 30, offline: bool = False,
                         server_software: str | None = None,
                         now: datetime | None = None,
                         risk_checks: bool = True) -> DiagnoseReport:
    """Diagnose why ``target`` fails (or what is risky) for ``client``.

    ``client`` is a profile name (see ``tlsdoctor clients``) or None for this machine's
    own TLS stack. ``now`` overrides the clock used to judge certificates (tests,
    "what if"). Raises UsageError/TargetError for bad arguments; a failing server is
    never an exception.
    """
    from .. import options as check
    from ..doctor import gather_evidence
    from ..fixes.data import SERVERS
    from ..probe.budget import ProbeOptions

    check.timeout(timeout)
    check.delay(delay)
    if not 0 <= warn_days <= 3650:
        raise UsageError("--warn-days must be between 0 and 3650")
    ca_file = check.ca_file(ca_file)
    sni, connect = check.sni(sni, no_sni), check.connect(connect)
    server_software = check.server_software(server_software, SERVERS)
    t = target if isinstance(target, Target) else parse_target(
        target, sni=sni, no_sni=no_sni, connect=connect, starttls=starttls)
    profile = _resolve_client(client)
    options = ProbeOptions(connect_timeout=timeout, read_timeout=timeout, delay=delay, proxy=proxy)
    ev, handshakes, seconds = await gather_evidence(
        t, client=profile, options=options, ca_file=ca_file, now=now, warn_days=warn_days,
        offline=offline, server_software=server_software, risk_checks=risk_checks)
    findings = judge(ev)
    return DiagnoseReport(target=t, outcome=verdict(ev, findings), findings=findings,
                          evidence=ev, handshakes=handshakes, seconds=seconds)


def diagnose(target: str | Target, **options: Any) -> DiagnoseReport:
    """Synchronous twin of :func:`diagnose_async`."""
    return run_sync(diagnose_async(target, **options))
