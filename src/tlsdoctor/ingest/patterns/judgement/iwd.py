"""iwd (iwd/iwd src/eap-tls-common.c, eap-tls.c, eap-peap.c, eap-ttls.c): its EAP-TLS family
messages, printed after the method's name ("PEAP: Tunnel has disconnected with alert: x").

iwd verifies the RADIUS server's certificate against its network file's EAP-*-CACert only
(and EAP-*-ServerDomainMask); its own settings' load errors are the client's. The alert line
does not say which side sent the alert (ell's l_tls_alert_to_str; the callback's ``remote``
flag is not printed): patterns/eap.py reads it from both sides ("elsewhere" here)."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "%s: Tunnel has disconnected with alert: %s": "elsewhere",
    "%s: TLS did not verify AP identity": common.CERT_ANY + " | category",
    "%s was set but no CA Certificates given": common.CLIENT_CONFIG,
    "Could not load CACert %s": common.CLIENT_CONFIG,
    "%s: Error settings CA certificates.": common.CLIENT_CONFIG,
    "%s: Failed to set auth data.": common.CLIENT_CONFIG,
    "Private key %s does not match certificate %s": common.CLIENT_CONFIG,
    "%s present but no client certificate (%s)": common.CLIENT_CONFIG,
    "%s present but no client private key (%s)": common.CLIENT_CONFIG,
    "%s present but no client keys set (%s)": common.CLIENT_CONFIG,
    "No private key loaded from %s": common.CLIENT_CONFIG,
    "No certificates loaded from %s": common.CLIENT_CONFIG,
    "Error loading client private key %s": common.CLIENT_CONFIG,
    "Error loading encrypted client private key %s": common.CLIENT_CONFIG,
    "Error loading certificate from encrypted file %s": common.CLIENT_CONFIG,
    "Error loading key pair from encrypted file %s": common.CLIENT_CONFIG,
    "Certificate chain %s fails verification: %s": common.CLIENT_CONFIG,
}

RULES = (
    (r".", "not_tls", "EAP framing, inner methods (MSCHAPv2, CHAP), keys, generic wrappers"),
)
