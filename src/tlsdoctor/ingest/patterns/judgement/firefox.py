"""Firefox's error pages (toolkit/neterror certError.ftl, netError.ftl) and the texts of
nsserrors.ftl (its identifiers are NSS's and mozilla::pkix's error names)."""

from __future__ import annotations

from . import _common as common
from . import nss

CLOCK_PAGE = "client_clock_wrong:.95 cert_not_yet_valid:.05 | exact"

JUDGE = {
    **nss.JUDGE,
    "MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT": common.SELF_SIGNED,
    "MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE": common.NOT_YET,
    "MOZILLA_PKIX_ERROR_NOT_YET_VALID_ISSUER_CERTIFICATE": common.NOT_YET,
    "MOZILLA_PKIX_ERROR_MITM_DETECTED": common.MITM,
    "MOZILLA_PKIX_ERROR_INADEQUATE_KEY_SIZE": common.WEAK_SIG,
    "MOZILLA_PKIX_ERROR_V1_CERT_USED_AS_CA": common.PURPOSE,
    "MOZILLA_PKIX_ERROR_CA_CERT_USED_AS_END_ENTITY": common.PURPOSE,
    "MOZILLA_PKIX_ERROR_REQUIRED_TLS_FEATURE_MISSING": common.OCSP_STAPLE,
    "MOZILLA_PKIX_ERROR_OCSP_RESPONSE_FOR_CERT_MISSING": common.OCSP_OTHER_CERT,
    "MOZILLA_PKIX_ERROR_ADDITIONAL_POLICY_CONSTRAINT_FAILED": "cert_untrusted_root:1",
    "MOZILLA_PKIX_ERROR_EMPTY_ISSUER_NAME": common.SERVER_CONFIG,
    "MOZILLA_PKIX_ERROR_INVALID_INTEGER_ENCODING": common.SERVER_CONFIG,
    "MOZILLA_PKIX_ERROR_KEY_PINNING_FAILURE": common.PINNING,
    "MOZILLA_PKIX_ERROR_INSUFFICIENT_CERTIFICATE_TRANSPARENCY": "server_misconfiguration:.7 "
                                                               "tls_interception_mitm:.3",
    "MOZILLA_PKIX_ERROR_SIGNATURE_ALGORITHM_MISMATCH": common.SERVER_CONFIG,
    "MOZILLA_PKIX_ERROR_VALIDITY_TOO_LONG": common.SERVER_CONFIG,
    "MOZILLA_PKIX_ERROR_ISSUER_NO_LONGER_TRUSTED": "cert_untrusted_root:1 | reason",
    "MOZILLA_PKIX_ERROR_UNSUPPORTED_KEY": "weak_signature_or_key:.6 server_misconfiguration:.4",
    "MOZILLA_PKIX_ERROR_INVALID_CERTIFICATE_TRANSPARENCY": "server_misconfiguration:1",
    "cert-error-mitm-intro": common.MITM,
    "cert-error-untrusted-default": common.UNTRUSTED,
    "cert-error-trust-self-signed": common.SELF_SIGNED,
    "cert-error-trust-signature-algorithm-disabled": common.WEAK_SIG,
    "cert-error-trust-expired-issuer": common.EXPIRED,
    "cert-error-trust-cert-invalid": "cert_wrong_purpose:.5 cert_untrusted_root:.5",
    "cert-error-domain-mismatch": common.HOSTNAME,
    "cert-error-expired-now": common.EXPIRED,
    "cert-error-not-yet-valid-now": common.NOT_YET,
    "cert-error-symantec-distrust-description": "cert_untrusted_root:1",
    "cert-error-trust-untrusted-issuer": common.UNTRUSTED,
    "cert-error-trust-unknown-issuer-intro": common.UNTRUSTED,
    # Before Fluent: PSM's pipnss.properties sentences (the page's details).
    # MissingChain is what PSM printed for SEC_ERROR_UNKNOWN_ISSUER when the chain it built
    # held only the server's own certificate (nsNSSIOLayer.cpp: chain length 1): nothing
    # but the leaf arrived and no issuer was found: a missing intermediate (Firefox fetches
    # none), or a re-signing proxy / private CA whose root signs leaves directly (dev: 1
    # thread each of the first two).
    "certErrorTrust_MissingChain": ("incomplete_chain:.45 tls_interception_mitm:.3 "
                                    "cert_untrusted_root:.25 | reason"),
    "certErrorTrust_SelfSigned": common.SELF_SIGNED,
    "certErrorTrust_UnknownIssuer": common.UNTRUSTED,
    "certErrorTrust_CaInvalid": "cert_wrong_purpose:.5 cert_untrusted_root:.5",
    "certErrorTrust_Issuer": common.UNTRUSTED,
    "certErrorTrust_SignatureAlgorithmDisabled": common.WEAK_SIG,
    "certErrorTrust_ExpiredIssuer": common.EXPIRED,
    "certErrorTrust_Untrusted": common.UNTRUSTED,
    "certErrorMismatch": common.HOSTNAME,
    "certErrorMismatchSinglePlain": common.HOSTNAME,
    "certErrorMismatchMultiple": common.HOSTNAME,
    "certErrorMismatchNoNames": common.HOSTNAME,
    "certErrorExpiredNow": common.EXPIRED,
    "certErrorNotYetValidNow": common.NOT_YET,
    "PSMERR_SSL_Disabled": common.CLIENT_CONFIG,
    "PSMERR_SSL2_Disabled": common.VERSION,
    "PSMERR_HostReusedIssuerSerial": common.SERVER_CONFIG,
    # The clock-skew page ("Your Computer Clock is Wrong"): Firefox shows it instead of the
    # certificate error when it judged this computer's clock wrong (its build date or its
    # last synchronisation with Mozilla's servers), so it names the cause itself.
    "clockSkewError-title": CLOCK_PAGE,
    "fp-certerror-clock-skew-intro": CLOCK_PAGE,
    "fp-certerror-clock-skew-what-can-you-do-body": CLOCK_PAGE,
    "neterror-clock-skew-error": CLOCK_PAGE,
    # The "Unable to connect" page's sentence (connectionFailure, e.g. a refused connect).
    "fp-neterror-offline-intro": common.UNREACHABLE,
    "fp-neterror-offline-intro-2": common.UNREACHABLE,
}

RULES = (
    (r"^(?:MOZILLA_PKIX|SEC_ERROR|SSL_ERROR)_", "not_tls",
     "nsserrors.ftl texts of the NSS errors the nss judgement marks as not about TLS"),
    (r".", "not_tls", "page titles, buttons and help prose of Firefox's error pages"),
)
