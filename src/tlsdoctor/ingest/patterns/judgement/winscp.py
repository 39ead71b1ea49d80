"""WinSCP's FTP(S) engine (winscp/winscp source/resource/TextsFileZilla.rc, TextsCore1.rc).

Its certificate verdicts (CERT_ERR_*) are OpenSSL's verify results in WinSCP's words
(source/core/FtpFileSystem.cpp maps each X509_V_ERR_* to one), shown in the certificate prompt's
details after "Summary: "; read there only (alone, "Certificate has expired." is every
library's phrase), each with the OpenSSL table's verdict of the same X509_V_ERR_* (one
result, one reading). "Peer certificate rejected." follows
the prompt refused. "Can't establish TLS connection." is the handshake failing, its reason
in the lines around it. TLS_UNSUPPORTED names the protocol versions each side has."""

from __future__ import annotations

from . import _common as common
from . import _ftp as ftp
from .openssl import X509_VERIFY

JUDGE = {
    # Its own verdict on the line: OpenSSL's "certificate rejected" inside it is not.
    "IDS_ERRORMSG_CERTREJECTED": ftp.CERT_REFUSED.replace("specific", "exact"),
    "IDS_ERRORMSG_CANTESTABLISHSSLCONNECTION": common.HANDSHAKE,
    "IDS_ERRORMSG_CANTINITSSL": common.CLIENT_CONFIG,
    "IDS_ERRORMSG_UNKNOWNSSLERROR": common.HANDSHAKE,
    "IDS_ERRORMSG_SSLCERTIFICATEERROR": common.CERT_ANY + " | category",
    "CERT_ERR_BAD_CHAIN": common.CHAIN_BROKEN,
    "CERT_ERR_UNKNOWN": common.CERT_ANY + " | category",
    "CERT_NAME_MISMATCH": common.HOSTNAME,
    "CERT_IP_CANNOT_VERIFY": "hostname_mismatch:.6 client_misconfiguration:.4 | reason",
    "TLS_CERT_DECODE_ERROR": "server_misconfiguration:.55 tls_interception_mitm:.45",
    "TLS_UNSUPPORTED": common.VERSION_OR_CLIENT,
    "NEED_CLIENT_CERTIFICATE": common.CLIENT_CERT,
    "OPENSSL_INIT_ERROR": common.CLIENT_CONFIG,
}

# CERT_ERR_<NAME>: OpenSSL's X509_V_ERR_<NAME> verdict (judgement/openssl.py X509_VERIFY).
JUDGE.update({f"CERT_ERR_{name}": f"{cs} | reason" for name, cs in X509_VERIFY.items()})

RULES = ((r".", "not_tls", "the certificate details layout, OpenSSL credits, the depth line"),)
