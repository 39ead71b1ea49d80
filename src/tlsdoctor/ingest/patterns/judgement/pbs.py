"""Proxmox Backup Server's client (proxmox/proxmox-backup pbs-client/src/http_client.rs):
proxmox-backup-client, Proxmox VE's "pbs" storage and proxmox-backup-qemu.

Its verify callback accepts the server's certificate when OpenSSL trusts the chain, else
only when the leaf's SHA-256 fingerprint is the one configured (--fingerprint,
PBS_FINGERPRINT, the storage's ``fingerprint``) or a person confirms it on a terminal. A
Proxmox Backup Server serves a self-signed certificate unless given another, so "not
confirmed" is first that certificate with no fingerprint configured; a fingerprint that
does not match is first a server whose certificate was renewed (a new self-signed one, or
an ACME certificate) while the client kept the old one, second something re-signing.
"""

from __future__ import annotations

JUDGE = {
    "Certificate fingerprint was not confirmed.": (
        "cert_self_signed:.45 client_misconfiguration:.35 tls_interception_mitm:.2 | category"),
    "Certificate fingerprint was not confirmed - %s.": (
        "cert_self_signed:.45 client_misconfiguration:.35 tls_interception_mitm:.2 | category"),
    "WARNING: certificate fingerprint does not match expected fingerprint!": (
        "client_misconfiguration:.55 tls_interception_mitm:.25 server_misconfiguration:.2 "
        "| reason"),
}

RULES = (
    (r".", "not_tls", "internal errors of the callback"),
)
