"""Attach fix steps to judged findings: the one place fixes join the findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from ..finding import Finding, FixStep
from . import cert_steps  # also registers the certificate fixers
from .client_programs_text import client_program_steps
from .cluster_text import cluster_steps
from .context import FixContext
from .daemon_text import daemon_steps, is_daemon
from .data import generic
from .eap_text import eap_text_steps, is_eap
from .embedded_text import embedded_steps
from .enterprise_text import enterprise_steps
from .ftp_text import ftp_steps
from .keystore_text import is_java_store, java_store_steps
from .ldap_text import is_libldap, ldap_steps
from .monitoring_text import monitoring_steps
from .mono_text import is_mono, mono_steps
from .notls_text import notls_text_steps
from .pin_text import is_pin_failure, pin_steps
from .remote_text import remote_steps
from .sipxmpp_text import sipxmpp_steps
from .steps import FIXERS, Fixer
from .tools_text import tool_steps
from .trust_text import is_own_store, own_store_steps, trust_text_steps
from .version_text import version_text_steps


def _always(f: Finding) -> bool:
    return True


def _trust_context(f: Finding) -> bool:
    return bool(f.facts.get("trust_context"))


def _version_party(f: Finding) -> bool:
    return f.facts.get("version_party") in ("server", "client")


def _notls_context(f: Finding) -> bool:
    return bool(f.facts.get("notls_context"))


# Fixers for a finding read from a program's words (no chain seen), tried in order: the first
# whose test holds gives the steps. One that "passes on" hands the finding to the next when
# it has no step for it (its program's words were not there); the others answer, at worst
# with the cause's generic line.
_FROM_WORDS: tuple[tuple[Callable[[Finding], bool], Fixer, bool], ...] = (
    (is_eap, eap_text_steps, True),  # 802.1X: the supplicant's or the RADIUS server's files
    (is_daemon, daemon_steps, True),  # rsyslog's and syslog-ng's own settings (round 17)
    (_always, monitoring_steps, True),  # NRPE's and Icinga 2's own settings (round 17)
    (_always, ftp_steps, True),  # FTP over TLS: session reuse, FTPS required, passive ports
    (_always, enterprise_steps, True),  # an enterprise product's own tools (round 16)
    (_always, embedded_steps, True),  # a TLS library's or embeddable server's settings (17)
    (_always, cluster_steps, True),  # a cluster or broker daemon's own flags (round 17)
    (_always, tool_steps, True),  # a command-line tool's own options (round 17)
    (_always, client_program_steps, True),  # a client program's own trust settings (21)
    (_always, remote_steps, True),  # a VPN or remote-desktop program's settings (round 17)
    (_always, sipxmpp_steps, True),  # Prosody's and Kamailio's own settings (round 18)
    (is_libldap, ldap_steps, True),  # OpenLDAP's ldap.conf and slapd settings (round 19)
    (is_pin_failure, pin_steps, True),  # an app's pin-set against the server's key (18)
    (_trust_context, trust_text_steps, False),  # a chain-trust failure read in its context
    (_version_party, version_text_steps, False),  # the side that is old, read in context
    (_notls_context, notls_text_steps, True),  # who answered on that address
    (is_mono, mono_steps, True),  # Mono's own store and TLS provider (round 17)
    (is_java_store, java_store_steps, False),  # a Java key or trust store it could not load
    (is_own_store, own_store_steps, False),  # this client's CA store named by the words
)


def _from_words(f: Finding, ctx: FixContext) -> tuple[FixStep, ...] | None:
    """The steps of the first word-reading fixer that takes ``f``; None when none does."""
    for applies, fixer, passes_on in _FROM_WORDS:
        if applies(f):
            steps = fixer(f, ctx)
            if steps or not passes_on:
                return steps
    return None


def _steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    if ctx.chain is None:
        words = _from_words(f, ctx)
        if words is not None:
            return words
        if f.cause in cert_steps.NEEDS_CHAIN:
            return ()  # commands need the real names and files: the generic line
    fixer = FIXERS.get(f.cause)
    return fixer(f, ctx) if fixer is not None else ()


def attach_fixes(findings: Iterable[Finding], ctx: FixContext) -> tuple[Finding, ...]:
    """Each finding with its steps for this server software and client; a cause with
    nothing specific gets its generic line. A certificate cause read from words alone
    (no chain seen) gets the generic line too: commands need the real names and files,
    except a chain-trust failure read in its context (fixes/trust_text.py)."""
    out = []
    for f in findings:
        steps = _steps(f, ctx)
        out.append(replace(f, fix=steps or (FixStep(text=generic(f.cause.value)),)))
    return tuple(out)
