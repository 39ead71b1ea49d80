"""RubyGems and Bundler (rubygems/rubygems lib/rubygems/request.rb, bundler/lib/bundler/
fetcher.rb).

RubyGems' verify callback prints "SSL verification error at depth N: <OpenSSL verify
string> (<number>)" (read by the OpenSSL table) and then its own line for the error
number, naming the certificate. rubygems.org's own chain is public, so a refused chain is
mostly this machine's store or a proxy re-signing it. Bundler raises
CertificateFailureError on any verification failure: a ranking.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "verify_certificate": common.CERT_ANY + " | category",
    "V_ERR_CERT_HAS_EXPIRED": common.EXPIRED_IN_PATH,
    "V_ERR_CERT_NOT_YET_VALID": common.NOT_YET,
    "V_ERR_CERT_REJECTED": "cert_untrusted_root:.55 client_misconfiguration:.45 | specific",
    "V_ERR_CERT_UNTRUSTED": common.UNTRUSTED + " | specific",
    "V_ERR_INVALID_CA": "cert_wrong_purpose:.6 bad_chain_order_or_extra:.4 | reason",
    "V_ERR_INVALID_PURPOSE": common.PURPOSE,
    # a self-signed root in the chain this store does not hold: a product re-signing
    # (public gem servers) or a private CA
    "V_ERR_SELF_SIGNED_CERT_IN_CHAIN": ("tls_interception_mitm:.45 cert_untrusted_root:.4 "
                                        "client_misconfiguration:.15 | specific"),
    "V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY": ("client_misconfiguration:.4 "
                                                "cert_untrusted_root:.3 "
                                                "tls_interception_mitm:.2 "
                                                "incomplete_chain:.1 | specific"),
    "V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE": ("incomplete_chain:.5 cert_untrusted_root:.3 "
                                              "tls_interception_mitm:.2 | specific"),
    "no openssl": common.CLIENT_CONFIG,
    "CertificateFailureError.0": ("client_misconfiguration:.4 tls_interception_mitm:.3 "
                                  "cert_untrusted_root:.2 client_clock_wrong:.1 | specific"),
    "CertificateFailureError.1": ("client_misconfiguration:.4 tls_interception_mitm:.3 "
                                  "cert_untrusted_root:.2 client_clock_wrong:.1 | specific"),
    "SSLError.0": common.CLIENT_CONFIG,
    "SSLError.1": common.CLIENT_CONFIG,
}

RULES = ()
