"""WinSCP's FTP(S) engine (winscp/winscp source/resource/TextsFileZilla.rc, TextsCore1.rc).

Its certificate verdicts (CERT_ERR_*) are OpenSSL's verify results in WinSCP's words,
shown in the certificate prompt's details after "Summary: "; read there only (alone,
"Certificate has expired." is every library's phrase). "Peer certificate rejected." follows
the prompt refused. "Can't establish TLS connection." is the handshake failing, its reason
in the lines around it. TLS_UNSUPPORTED names the protocol versions each side has."""

from __future__ import annotations

from . import _common as common
from . import _ftp as ftp

JUDGE = {
    "IDS_ERRORMSG_CERTREJECTED": ftp.CERT_REFUSED,
    "IDS_ERRORMSG_CANTESTABLISHSSLCONNECTION": common.HANDSHAKE,
    "IDS_ERRORMSG_CANTINITSSL": common.CLIENT_CONFIG,
    "IDS_ERRORMSG_UNKNOWNSSLERROR": common.HANDSHAKE,
    "IDS_ERRORMSG_SSLCERTIFICATEERROR": common.CERT_ANY + " | category",
    "CERT_ERR_DEPTH_ZERO_SELF_SIGNED_CERT": common.SELF_SIGNED,
    "CERT_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD": common.BAD_CERT_FORMAT,
    "CERT_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD": common.BAD_CERT_FORMAT,
    "CERT_ERR_INVALID_CA": "bad_chain_order_or_extra:.5 cert_wrong_purpose:.5 | reason",
    "CERT_ERR_INVALID_PURPOSE": common.PURPOSE,
    "CERT_ERR_KEYUSAGE_NO_CERTSIGN": common.PURPOSE,
    "CERT_ERR_PATH_LENGTH_EXCEEDED": common.PURPOSE,
    "CERT_ERR_CERT_CHAIN_TOO_LONG": common.PURPOSE,
    "CERT_ERR_SELF_SIGNED_CERT_IN_CHAIN": common.UNTRUSTED + " | reason",
    "CERT_ERR_UNABLE_TO_GET_ISSUER_CERT": common.UNTRUSTED + " | reason",
    "CERT_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY": common.UNTRUSTED + " | reason",
    "CERT_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE":
        "incomplete_chain:.5 cert_untrusted_root:.5 | reason",
    "CERT_ERR_CERT_UNTRUSTED": common.UNTRUSTED + " | reason",
    "CERT_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY": common.CHAIN_BROKEN,
    "CERT_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE": common.CHAIN_BROKEN,
    "CERT_ERR_CERT_SIGNATURE_FAILURE": common.CHAIN_BROKEN,
    "CERT_ERR_BAD_CHAIN": common.CHAIN_BROKEN,
    "CERT_ERR_CERT_HAS_EXPIRED": common.EXPIRED,
    "CERT_ERR_CERT_NOT_YET_VALID": common.NOT_YET,
    "CERT_ERR_CERT_REJECTED": common.CERT_ANY + " | category",
    "CERT_ERR_UNKNOWN": common.CERT_ANY + " | category",
    "CERT_NAME_MISMATCH": common.HOSTNAME,
    "CERT_IP_CANNOT_VERIFY": "hostname_mismatch:.6 client_misconfiguration:.4 | reason",
    "TLS_CERT_DECODE_ERROR": "server_misconfiguration:.55 tls_interception_mitm:.45",
    "TLS_UNSUPPORTED": common.VERSION_OR_CLIENT,
    "NEED_CLIENT_CERTIFICATE": common.CLIENT_CERT,
    "OPENSSL_INIT_ERROR": common.CLIENT_CONFIG,
}

RULES = ((r".", "not_tls", "the certificate details layout, OpenSSL credits, the depth line"),)
