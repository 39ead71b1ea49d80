"""Attach fix steps to judged findings: the one place fixes join the findings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..finding import Finding, FixStep
from . import cert_steps  # also registers the certificate fixers
from .context import FixContext
from .data import generic
from .eap_text import eap_text_steps, is_eap
from .embedded_text import embedded_steps
from .enterprise_text import enterprise_steps
from .keystore_text import is_java_store, java_store_steps
from .notls_text import notls_text_steps
from .steps import FIXERS
from .trust_text import is_own_store, own_store_steps, trust_text_steps
from .version_text import version_text_steps


def attach_fixes(findings: Iterable[Finding], ctx: FixContext) -> tuple[Finding, ...]:
    """Each finding with its steps for this server software and client; a cause with
    nothing specific gets its generic line. A certificate cause read from words alone
    (no chain seen) gets the generic line too: commands need the real names and files,
    except a chain-trust failure read in its context (fixes/trust_text.py)."""
    out = []
    for f in findings:
        fixer = FIXERS.get(f.cause)
        if is_eap(f) and ctx.chain is None and eap_text_steps(f, ctx):
            fixer = eap_text_steps  # 802.1X: the supplicant's or the RADIUS server's files
        elif ctx.chain is None and enterprise_steps(f, ctx):
            fixer = enterprise_steps  # an enterprise product's words: its own tools (round 16)
        elif ctx.chain is None and embedded_steps(f, ctx):
            fixer = embedded_steps  # a TLS library's or embeddable server's own settings (17)
        elif f.facts.get("trust_context") and ctx.chain is None:
            fixer = trust_text_steps  # a chain-trust failure read from words in context
        elif f.facts.get("version_party") in ("server", "client") and ctx.chain is None:
            fixer = version_text_steps  # the side that is old, read from words in context
        elif f.facts.get("notls_context") and ctx.chain is None and notls_text_steps(f, ctx):
            fixer = notls_text_steps  # who answered on that address, read from the words
        elif is_java_store(f) and ctx.chain is None:
            fixer = java_store_steps  # a Java key or trust store it could not load
        elif is_own_store(f) and ctx.chain is None:
            fixer = own_store_steps  # this client's CA store named by the words
        elif fixer is not None and ctx.chain is None and f.cause in cert_steps.NEEDS_CHAIN:
            fixer = None
        steps = fixer(f, ctx) if fixer is not None else ()
        out.append(replace(f, fix=steps or (FixStep(text=generic(f.cause.value)),)))
    return tuple(out)
