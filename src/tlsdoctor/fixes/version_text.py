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

The snippets are each program's documented switches: curl(1) --tlsv1.0/--ciphers, Python
ssl.SSLContext.minimum_version/set_ciphers, OpenSSL's ``@SECLEVEL`` (SSL_CTX_set_security_level
(3)), Node tls.connect minVersion/ciphers, Go crypto/tls Config.MinVersion (client default
TLS 1.2 since Go 1.18), java.security's jdk.tls.disabledAlgorithms with
-Djava.security.properties, GnuTLS priority strings, .NET SslProtocols.
"""

from __future__ import annotations

from ..causes import Cause
from ..finding import Finding, FixStep
from . import server
from .client import host_port
from .context import FixContext

__all__ = ["version_text_steps"]

# SECLEVEL 0 for TLS 1.0/1.1 and SHA-1 (OpenSSL 3 needs level 0 for both); 1 for a 1024-bit
# DH or RSA key (80 bits of security is level 1)
_LEVEL = {"version": "0", "suite": "0", "sig": "0", "dh": "1", "key": "1"}


def _stopgap(stack: str, kind: str, url: str) -> tuple[FixStep, ...]:
    lvl = _LEVEL.get(kind, "0")
    old = kind in ("version", "suite")
    by_stack = {
        "curl-openssl": FixStep(text="curl, this request only:", applies_to="curl", code=(
            f"curl {'--tlsv1.0 ' if old else ''}--ciphers 'DEFAULT@SECLEVEL={lvl}' {url}")),
        "openssl": FixStep(text="openssl s_client, this connection only:", applies_to="openssl",
                           code=f"openssl s_client {'-tls1 ' if old else ''}-cipher "
                                f"'DEFAULT@SECLEVEL={lvl}' -connect {host_port(url)}"),
        "python": FixStep(text="Python, a context for this server only (not the default):",
                          applies_to="python", code=(
                              "ctx = ssl.create_default_context()\n"
                              + ("ctx.minimum_version = ssl.TLSVersion.TLSv1\n" if old else "")
                              + f"ctx.set_ciphers('DEFAULT@SECLEVEL={lvl}')")),
        "node": FixStep(text="Node, this connection's options only:", applies_to="node", code=(
            "tls.connect({ host, port, " + ("minVersion: 'TLSv1', " if old else "")
            + f"ciphers: 'DEFAULT@SECLEVEL={lvl}' }})")),
        "go": FixStep(text="Go, this client's tls.Config only (Go has no DHE suites; a DH "
                           "server must change):", applies_to="go",
                      code="&tls.Config{MinVersion: tls.VersionTLS10}"),
        "java": FixStep(text="Java, this program only: a properties file that overrides "
                             "jdk.tls.disabledAlgorithms (copy the JDK's line from "
                             "conf/security/java.security and remove only what the server "
                             "needs: TLSv1, TLSv1.1, DH keySize < 1024...):", applies_to="java",
                        code="java -Djava.security.properties=legacy.security -jar app.jar"),
        "gnutls": FixStep(text="gnutls-cli, this connection only:", applies_to="gnutls",
                          code=f"gnutls-cli --priority 'NORMAL:+VERS-TLS1.0:+VERS-TLS1.1' "
                               f"{host_port(url).replace(':', ' -p ')}"),
        "dotnet": FixStep(text=".NET on Linux uses OpenSSL: an OPENSSL_CONF for this process "
                               "with 'CipherString = DEFAULT@SECLEVEL=0' and 'MinProtocol = "
                               "TLSv1' in its system_default section.", applies_to="dotnet"),
    }
    step = by_stack.get(stack)
    return (FixStep(text="Until the server is upgraded, relax this client for this one "
                         "connection only:"), step) if step is not None else ()


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
