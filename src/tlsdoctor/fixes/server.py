"""Server-side steps from the snippet table (Mozilla Server Side TLS 6.0, intermediate)."""

from __future__ import annotations

from dataclasses import replace

from ..finding import FixStep
from .data import per_server


def _or_generic(steps: tuple[FixStep, ...], text: str) -> tuple[FixStep, ...]:
    return steps or (FixStep(text=f"{text} (Mozilla Server Side TLS 6.0, intermediate)."),)


def protocols(software: str | None) -> tuple[FixStep, ...]:
    return _or_generic(per_server("protocols", software), "Accept TLS 1.2 and 1.3 only")


def ciphers(software: str | None) -> tuple[FixStep, ...]:
    return _or_generic(per_server("ciphers", software), "Use Mozilla's intermediate cipher list")


# The groups every TLS 1.3 client offers (RFC 8446 §9.1), in OpenSSL's names.
COMMON_GROUPS = ("X25519", "prime256v1", "secp384r1")


def groups(software: str | None, server_group: str | None) -> tuple[FixStep, ...]:
    """The server's groups line: its own group (when it is not a common one) first, then
    the common ones, so a client without the server's group still finds one."""
    names = [g for g in (server_group,) if g and g not in COMMON_GROUPS and g != "x25519"]
    names += COMMON_GROUPS
    return _or_generic(per_server("groups", software, groups=":".join(names),
                                  groups_spaced=" ".join(names)),
                       "Accept X25519 and P-256 beside the server's own groups")


def dh(software: str | None) -> tuple[FixStep, ...]:
    steps = _or_generic(per_server("dh", software), "Use a freshly generated (safe-prime) DH group of at least 2048 bits")
    if any(s.applies_to == software and not s.code for s in steps):
        return steps  # snippets.toml [dh] has no line for it: it has no DHE suites to drop
    return (*steps, FixStep(text="Or drop DHE suites and keep ECDHE only (Mozilla intermediate)."))


def stapling(software: str | None, *, issuers_pem: str | None, stem: str,
             ocsp_url: str | None, issuer_served: bool = True) -> tuple[FixStep, ...]:
    """Stapling per server software; the issuers (intermediates and root) saved first,
    since nginx and HAProxy need them to ask for and check the OCSP response.

    ``issuer_served``: the leaf's issuer is in the chain the server sends. When it is not
    (a leaf issued straight by a private root), each software needs it elsewhere first
    (snippets.toml [stapling_issuer] says where and why, with the servers' sources).
    """
    issuers = f"/etc/ssl/{stem}.issuers.pem"
    save = (FixStep(text=f"Save the certificate's issuers (intermediate(s) and root) as {issuers}:",
                    code=f"cat > {issuers} <<'EOF'\n{issuers_pem.strip()}\nEOF"),) \
        if issuers_pem else ()
    fields = {"issuers": issuers, "stem": stem,
              "ocsp_url": ocsp_url or "OCSP-URL-FROM-THE-CERTIFICATE"}
    steps = per_server("stapling", software, **fields)
    if issuers_pem and not issuer_served:
        steps = _issuer_first(steps, per_server("stapling_issuer", software, **fields))
    return (*save, *steps,
            FixStep(text="Or reissue the certificate without the must-staple (TLS Feature) extension."))


def _issuer_first(steps: tuple[FixStep, ...], issuer: tuple[FixStep, ...]) -> tuple[FixStep, ...]:
    """Each software's stapling step with its issuer lines (and why) in front."""
    first = {s.applies_to: s for s in issuer}
    return tuple(replace(s, text=f"{first[s.applies_to].text} {s.text}",
                         code=f"{first[s.applies_to].code}\n{s.code}")
                 if s.applies_to in first else s for s in steps)


# Kept under their historical names: the fix-application tests import these.
server_protocols_fix = protocols
server_ciphers_fix = ciphers
server_dh_fix = dh
