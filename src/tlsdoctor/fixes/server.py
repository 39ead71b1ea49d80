"""Server-side steps from the snippet table (Mozilla Server Side TLS 6.0, intermediate)."""

from __future__ import annotations

from ..finding import FixStep
from .data import per_server


def _or_generic(steps: tuple[FixStep, ...], text: str) -> tuple[FixStep, ...]:
    return steps or (FixStep(text=f"{text} (Mozilla Server Side TLS 6.0, intermediate)."),)


def protocols(software: str | None) -> tuple[FixStep, ...]:
    return _or_generic(per_server("protocols", software), "Accept TLS 1.2 and 1.3 only")


def ciphers(software: str | None) -> tuple[FixStep, ...]:
    return _or_generic(per_server("ciphers", software), "Use Mozilla's intermediate cipher list")


def dh(software: str | None) -> tuple[FixStep, ...]:
    steps = _or_generic(per_server("dh", software), "Use a freshly generated (safe-prime) DH group of at least 2048 bits")
    return (*steps, FixStep(text="Or drop DHE suites and keep ECDHE only (Mozilla intermediate)."))


def stapling(software: str | None, *, issuers_pem: str | None, stem: str,
             ocsp_url: str | None) -> tuple[FixStep, ...]:
    """Stapling per server software; the issuers (intermediates and root) saved first,
    since nginx and HAProxy need them to ask for and check the OCSP response."""
    issuers = f"/etc/ssl/{stem}.issuers.pem"
    save = (FixStep(text=f"Save the certificate's issuers (intermediate(s) and root) as {issuers}:",
                    code=f"cat > {issuers} <<'EOF'\n{issuers_pem.strip()}\nEOF"),) \
        if issuers_pem else ()
    steps = per_server("stapling", software, issuers=issuers,
                       ocsp_url=ocsp_url or "OCSP-URL-FROM-THE-CERTIFICATE")
    return (*save, *steps,
            FixStep(text="Or reissue the certificate without the must-staple (TLS Feature) extension."))


# Kept under their historical names: the fix-application tests import these.
server_protocols_fix = protocols
server_ciphers_fix = ciphers
server_dh_fix = dh
