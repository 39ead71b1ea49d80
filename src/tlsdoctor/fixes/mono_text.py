"""Fix steps in Mono's own terms for a finding read from Mono's words (round 17).

Mono verifies a server against its own store, not the system's CA bundle: cert-sync imports a
PEM bundle into it (machine-wide, or with --user for the account a program runs as), and
Debian's ca-certificates-mono package runs it whenever the system bundle changes
(mono/mono mcs/tools/security/cert-sync.cs @ 006e7815abde; Mono.Btls reads the stores
MonoBtlsX509StoreManager.cs names). The TLS provider is chosen by MONO_TLS_PROVIDER
(MonoTlsProviderFactory.cs @ 024241f424062a: "default" or a registered name; an unknown one
fails with "No such TLS Provider"): "btls" is Mono's BoringSSL stack (TLS 1.2 at most,
MonoBtlsContext.GetProtocol), "legacy" the Mono.Security stack (TLS 1.0 at most). Each line
printed here is applied to a real Mono 6.8 in tests/ingest/test_round17_mono_real.py.
"""

from __future__ import annotations

from ..causes import Cause
from ..finding import Finding, FixStep
from .context import FixContext

__all__ = ["is_mono", "mono_steps"]

STORE = FixStep(
    text="Mono checks certificates against its own store, not the system's CA bundle: "
         "import the system bundle into it (machine-wide), or only for the account the "
         "program runs as, then restart the program:",
    code="sudo apt-get install ca-certificates-mono   # Debian/Ubuntu: keeps Mono's store "
         "in sync\nsudo cert-sync /etc/ssl/certs/ca-certificates.crt   # Red Hat: "
         "/etc/pki/tls/certs/ca-bundle.crt\ncert-sync --user /etc/ssl/certs/ca-certificates.crt",
    applies_to="mono")
PRIVATE_CA = FixStep(
    text="A private CA issued the server's certificate: add that CA to Mono's store for the "
         "account the program runs as (ask its administrator for the root; compare its "
         "fingerprint out of band):",
    code="cert-sync --user /path/to/private-ca.pem", applies_to="mono")
PROVIDER = FixStep(
    text="Mono's legacy TLS stack (Mono.Security) speaks TLS 1.0 at most, its BoringSSL stack "
         "TLS 1.2 (no TLS 1.3): run the program with the BoringSSL provider (Mono 4.8 and "
         "later; the default since 5.0), or upgrade Mono; a server that accepts TLS 1.3 only "
         "cannot be reached from Mono:",
    code="mono --version\nMONO_TLS_PROVIDER=btls mono Program.exe\n"
         "# a systemd service: Environment=MONO_TLS_PROVIDER=btls in its [Service] section",
    applies_to="mono")
NAMED_PROVIDER = FixStep(
    text="MONO_TLS_PROVIDER names a provider this Mono does not have: unset it, or set one "
         "it has:", code="unset MONO_TLS_PROVIDER   # or: export MONO_TLS_PROVIDER=btls",
    applies_to="mono")

# Sonarr, Radarr, Lidarr, Readarr (their X509CertificateValidationService applies the setting
# CertificateValidationType: Enabled, DisabledForLocalAddresses, Disabled; NzbDrone.Core/
# Security in each, round 17): Mono's store through v3, the system's on the .NET builds.
SERVARR_STORE = FixStep(
    text="Sonarr, Radarr, Lidarr and Readarr check against the store of the machine or "
         "container they run in: on Mono (v3 and older) Mono's own store, on the .NET builds "
         "(v4 and later) the system's. Refresh the one it uses, then restart the program:",
    code=STORE.code + "\n# .NET builds / Docker images: the system's store\n"
         "sudo apt-get install --reinstall ca-certificates && sudo update-ca-certificates",
    applies_to="servarr")
SERVARR_LOCAL = FixStep(
    text="A download client or indexer on your own network with a self-signed certificate: "
         "give it a certificate from a CA these programs trust, or set their Certificate "
         "Validation setting to \"Disabled for Local Addresses\" (DisabledForLocalAddresses: "
         "the check is skipped for local addresses only, never for the internet).",
    applies_to="servarr")

# The entries whose words are about the provider or the legacy stack's TLS 1.0 ceiling.
_PROVIDER_WORDS = ("TLS Provider", "TLS Support")
_LEGACY = ("Alert.GetAlertMessage", "The authentication or decryption has failed.",
           "The server stopped the handshake.", "Received 0 bytes from stream",
           "Incorrect protocol version")


def is_mono(f: Finding) -> bool:
    """Whether ``f`` was read from Mono's own words or a Mono program's (patterns/mono17.py)."""
    return str(f.facts.get("pattern", "")).startswith(("mono.", "servarr."))


def mono_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """Mono's own steps for ``f``; () when its cause has none (the generic line then).
    ``ctx`` is unused: Mono's store and provider are this machine's, whatever the server."""
    pattern = str(f.facts.get("pattern", ""))
    if pattern.startswith("servarr."):
        return {Cause.CLIENT_MISCONFIGURATION: (SERVARR_STORE,), Cause.CERT_UNTRUSTED_ROOT:
                (PRIVATE_CA,), Cause.CERT_SELF_SIGNED: (SERVARR_LOCAL,)}.get(f.cause, ())
    if any(w in pattern for w in _PROVIDER_WORDS):
        return (NAMED_PROVIDER,)
    legacy = any(w in pattern for w in _LEGACY)
    if f.cause is Cause.PROTOCOL_VERSION_MISMATCH and legacy:
        return (PROVIDER,)
    if f.cause is Cause.CLIENT_MISCONFIGURATION:
        return (STORE, PROVIDER) if legacy else (STORE,)
    if f.cause is Cause.CERT_UNTRUSTED_ROOT:
        return (PRIVATE_CA,)
    return ()
