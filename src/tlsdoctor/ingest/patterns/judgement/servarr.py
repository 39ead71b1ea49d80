"""Sonarr, Radarr, Lidarr, Readarr (src/NzbDrone.Core/Security/X509CertificateValidationService.cs
in each): their ServicePointManager callback logs "Certificate validation for <url> failed.
<SslPolicyErrors>" when .NET's (or Mono's) check failed and their Certificate Validation
setting did not waive it. The flags after it are .NET's (read by the .NET table:
RemoteCertificateNameMismatch names the host); a chain error alone is, for these programs,
the store of the machine or container they run in first: on Mono (v3 and older) Mono's own
store, empty or stale (the Let's Encrypt root change of 2021), then a self-signed download
client or indexer on the LAN, a private CA, a server without its intermediate. A ranking."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "Certificate validation for {0} failed. {1}": (
        "client_misconfiguration:.3 cert_untrusted_root:.2 cert_self_signed:.15 "
        "incomplete_chain:.15 cert_expired:.1 tls_interception_mitm:.1 | specific"),
    "https://{0} uses the obsolete md5 hash in it's https certificate, if that is your "
    "certificate, please (re)create certificate with better algorithm as soon as possible.":
        common.WEAK_SIG,
}

RULES: tuple[tuple[str, str, str], ...] = ()
