"""client_misconfiguration: this machine's own settings (trust store overrides, proxies)."""

from __future__ import annotations

import re

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
    outdated = _outdated_library(ev)
    if outdated is not None:
        out.append(outdated)
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


def _version(text: str) -> tuple[int, ...] | None:
    m = re.search(r"OpenSSL (\d+)\.(\d+)\.(\d+)", text)
    return tuple(int(x) for x in m.groups()) if m else None


def _outdated_library(ev: Evidence) -> Finding | None:
    """OpenSSL before 1.1.1 has no TLS 1.3 and is out of support (openssl.org release
    strategy: 1.0.2 ended 2019-12-31, 1.1.1 ended 2023-09-11)."""
    if not ev.client.is_local:
        return None
    v = _version(ev.local.openssl)
    if v is None or v >= (3, 0, 0):
        return None
    no_tls13 = v < (1, 1, 1)
    return make_finding(
        Cause.CLIENT_MISCONFIGURATION,
        severity=Severity.BLOCKING if no_tls13 and ev.baseline.ok is False else Severity.WARNING,
        title=f"This machine's TLS library is outdated ({ev.local.openssl})",
        explanation=("It cannot speak TLS 1.3, which more and more servers require, and it "
                     "gets no security fixes." if no_tls13 else
                     "OpenSSL 1.1.1 no longer gets public security fixes."),
        evidence=(f"local library: {ev.local.openssl}",),
        fix=(FixStep(text="Upgrade the operating system's OpenSSL (or the runtime that bundles it), "
                          "e.g. a supported Python or distribution release."),))
