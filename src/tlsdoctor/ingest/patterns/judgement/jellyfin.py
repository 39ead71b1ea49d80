"""Jellyfin (jellyfin/jellyfin Emby.Server.Implementations/ApplicationHost.cs,
Jellyfin.Server/Extensions/WebHostBuilderExtensions.cs): its HTTPS set-up, the server's own
certificate. Jellyfin loads a PKCS#12 file (CertificatePath, CertificatePassword on the
Networking page); "Error loading cert" carries .NET's exception after it (a wrong password,
a missing file: read by the .NET table when printed). All are the server operator's."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "No private key included in SSL cert {CertificateLocation}.": common.SERVER_CONFIG,
    "Error loading cert from {CertificateLocation}": common.SERVER_CONFIG,
    "Failed to listen to HTTPS using the ASP.NET Core HTTPS development certificate. Please "
    "ensure it has been installed and set as trusted": common.SERVER_CONFIG,
    "Cannot run jellyfin with https without setting a valid certificate.": common.SERVER_CONFIG,
}

RULES: tuple[tuple[str, str, str], ...] = ()
