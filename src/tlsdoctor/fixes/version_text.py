"""Fix steps for a version, suite or key-strength refusal read from error text.

The finding carries what ingest/version_context.py read: which side is old or strict
(``version_party``), why (``version_hint``: an old server, an old client, a pinned client,
the client's default policy) and which program printed it (``version_stack``). The steps
are for THAT side's software:

- the server is old: upgrade it (TLS 1.2+, ECDHE suites, a 2048-bit key, a SHA-256
  signature; a device's firmware), then a stopgap on this one client for this one
  connection, and a warning against lowering the whole machine's policy;
- the client is old: upgrade the client (the server should not go back to TLS 1.0);
- the client is pinned: remove the setting that forbids what the server needs.

The stopgap snippets are the client table's (fixes/stopgaps.toml, with their sources), the
same a probed or named client gets: one row per program and need, each applied to a real old
server by tests/fixes/test_stopgaps_on_real_servers.py.
"""

from __future__ import annotations

from ..causes import Cause
from ..finding import Finding, FixStep
from . import server
from .client import stopgaps, with_header
from .context import FixContext

__all__ = ["version_text_steps"]

# The program that printed the words (ingest/version_context.py's stack) -> its stopgaps.toml tag
_TAGS = {"curl-openssl": "curl", "openssl": "openssl", "python": "python", "node": "node",
         "go": "go", "java": "java", "gnutls": "gnutls", "dotnet": "dotnet"}


def _stopgap(stack: str, kind: str, url: str) -> tuple[FixStep, ...]:
    """The program's own stopgap for what the server lacks (``kind``: a stopgaps.toml need)."""
    tag = _TAGS.get(stack)
    return with_header(stopgaps(kind, url, only=tag)) if tag is not None else ()


_WARNING = FixStep(text="Do not lower the whole machine's policy for one server "
                        "(update-crypto-policies --set LEGACY, SECLEVEL=0 in openssl.cnf's "
                        "system default, the JDK's own java.security): it weakens every "
                        "connection this machine makes.")

_UPGRADE_CLIENT = FixStep(text="Upgrade the client: Java 8u161+ or 11+ (Java 7: "
                               "-Dhttps.protocols=TLSv1.2), Python 3 with OpenSSL 1.1.1+, "
                               "Windows 7: KB3140245 and the DefaultSecureProtocols registry "
                               "value, Android 4.x: Conscrypt / ProviderInstaller, OpenSSL "
                               "0.9.8/1.0.0: a supported distribution release. The server "
                               "should not go back to TLS 1.0 for it.")

_UNPIN = FixStep(text="Remove the client setting that forbids what this server needs: "
                      "curl --tlsv1.3 -> --tlsv1.2; ssl.PROTOCOL_TLSv1 -> "
                      "ssl.create_default_context(); -Djdk.tls.client.protocols / "
                      "-Dhttps.protocols -> TLSv1.2,TLSv1.3; Go MinVersion "
                      "tls.VersionTLS13 -> tls.VersionTLS12; Node minVersion 'TLSv1.3' -> "
                      "'TLSv1.2'; .NET SslProtocols.Tls -> SslProtocols.None (the OS's "
                      "choice); SECLEVEL=3 -> 2.")


def _server_upgrade(kind: str, software: str | None) -> tuple[FixStep, ...]:
    what = {"version": "TLS 1.2 and 1.3", "suite": "ECDHE suites with AES-GCM",
            "dh": "ECDHE, or DH parameters of 2048 bits or more",
            "key": "a certificate with a 2048-bit RSA or an ECDSA key",
            "sig": "certificates signed with SHA-256"}[kind]
    head = FixStep(text=f"The server is the old side: give it {what} (for a device such as "
                        "a printer, iLO or iDRAC: its firmware update, or a TLS proxy in "
                        "front of it).")
    snippets = (server.dh(software) if kind == "dh" else server.ciphers(software)
                if kind == "suite" else server.protocols(software) if kind == "version" else ())
    return (head, *snippets)


def version_text_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """The steps for ``f``, a text finding the version reading made (``version_*`` facts)."""
    kind = str(f.facts.get("version_kind", "version"))
    hint = str(f.facts.get("version_hint", "none"))
    party, stack = str(f.facts.get("version_party")), str(f.facts.get("version_stack"))
    pinned = hint in ("pin_high", "pin_low")
    if pinned or (f.cause is Cause.CLIENT_MISCONFIGURATION and hint not in ("old_client",
                                                                             "none")):
        return (_UNPIN,)
    if party == "client":
        return (_UPGRADE_CLIENT,)
    if party == "server":
        return (*_server_upgrade(kind, ctx.server_software), *_stopgap(stack, kind, ctx.url),
                _WARNING)
    return ()
