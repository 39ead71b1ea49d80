"""The product's vocabulary: cause ids, severities and who fixes what.

The 25 cause ids are a stable contract (shared/SPEC.md): JSON, exit codes, docs
and tests speak in them. New ids may be added; none is ever renamed.
"""

from __future__ import annotations

from enum import StrEnum


class Cause(StrEnum):
    PROTOCOL_VERSION_MISMATCH = "protocol_version_mismatch"
    CIPHER_SUITE_MISMATCH = "cipher_suite_mismatch"
    OBSOLETE_PROTOCOL_ENABLED = "obsolete_protocol_enabled"
    WEAK_CIPHER_OR_NO_PFS = "weak_cipher_or_no_pfs"
    CERT_EXPIRED = "cert_expired"
    CERT_NOT_YET_VALID = "cert_not_yet_valid"
    CERT_EXPIRING_SOON = "cert_expiring_soon"
    CERT_REVOKED = "cert_revoked"
    CERT_SELF_SIGNED = "cert_self_signed"
    CERT_UNTRUSTED_ROOT = "cert_untrusted_root"
    HOSTNAME_MISMATCH = "hostname_mismatch"
    INCOMPLETE_CHAIN = "incomplete_chain"
    BAD_CHAIN_ORDER_OR_EXTRA = "bad_chain_order_or_extra"
    WEAK_SIGNATURE_OR_KEY = "weak_signature_or_key"
    CERT_WRONG_PURPOSE = "cert_wrong_purpose"
    OCSP_MUST_STAPLE_MISSING = "ocsp_must_staple_missing"
    SNI_REQUIRED_OR_MISMATCH = "sni_required_or_mismatch"
    CLIENT_CERT_REQUIRED = "client_cert_required"
    MIDDLEBOX_OR_FIREWALL_INTERFERENCE = "middlebox_or_firewall_interference"
    TLS_INTERCEPTION_MITM = "tls_interception_mitm"
    CLIENT_CLOCK_WRONG = "client_clock_wrong"
    CLIENT_MISCONFIGURATION = "client_misconfiguration"
    NON_TLS_SERVICE_ON_PORT = "non_tls_service_on_port"
    SERVER_MISCONFIGURATION = "server_misconfiguration"
    NAME_RESOLUTION_OR_UNREACHABLE = "name_resolution_or_unreachable"


class Severity(StrEnum):
    """How bad a finding is; the order of the members is the ranking order."""

    BLOCKING = "blocking"  # this client cannot connect
    RISK = "risk"  # works, but is unsafe
    WARNING = "warning"  # works, needs attention soon (e.g. expiring certificate)
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {s: i for i, s in enumerate(Severity)}


class Party(StrEnum):
    """Who has to act. ``EITHER`` when both sides can fix it (e.g. version mismatch)."""

    CLIENT = "client"
    SERVER = "server"
    NETWORK = "network"
    EITHER = "either"
