"""client_misconfiguration: this machine's own settings (trust store overrides, proxies)."""

from __future__ import annotations

from ...evidence import Evidence
from ...fixes.catalog import make_finding
from ..causes import Cause, Severity
from ..finding import Finding, FixStep
from . import rule


@rule
def client_misconfiguration(ev: Evidence) -> list[Finding]:
    out = []
    for var, path in ev.local.broken_ca_env:
        out.append(make_finding(
            Cause.CLIENT_MISCONFIGURATION, severity=Severity.WARNING,
            title=f"{var} points at {path}, which does not exist",
            explanation=f"Clients that honour {var} load their trusted CAs from it; with a "
                        "missing file they trust nothing and every certificate fails.",
            evidence=(f"{var}={path}",),
            fix=(FixStep(text=f"Unset {var} or point it at a CA bundle.",
                         code=f"unset {var}"),)))
    for var, value in ev.local.proxy_env:
        out.append(make_finding(
            Cause.CLIENT_MISCONFIGURATION, severity=Severity.INFO,
            title=f"Clients here go through the proxy {value} ({var})",
            explanation="Programs that honour this variable connect through the proxy, which may "
                        "block or intercept TLS; tlsdoctor connected directly. Re-run with "
                        "--proxy to see what the proxy does.",
            evidence=(f"{var}={value}",),
            fix=(FixStep(text="Diagnose through the proxy:",
                         code=f"tlsdoctor diagnose {ev.target} --proxy {value}"),)))
    return out
