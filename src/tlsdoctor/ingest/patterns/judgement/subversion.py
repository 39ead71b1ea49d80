"""Subversion (apache/subversion): ra_serf's certificate verdict, the command line's
certificate prompt, its error table's TLS entries, the 1.7 neon layer's wrapper.

ra_serf builds "Server SSL certificate verification failed: <reason>, <reason>"
(libsvn_ra_serf/util.c ssl_server_cert): each reason is one failure bit, so each names its
own cause and a line with two gives two findings. serf folds OpenSSL's self-signed and
unknown-issuer results (and an issuer it could not find: a chain sent without its
intermediate) into one bit, "issuer is not trusted": a company's private CA the client has
not been given ranks first (svn's servers file: ssl-authority-files, ssl-trust-default-ca),
a missing intermediate second. The host name check is Subversion's own (depth 0, SAN then
CN). The prompt (libsvn_subr/prompt.c) prints the same bits as bullets.

The X509 parse errors (SVN_ERR_X509_*) come from Subversion's own certificate parser,
which `svn auth` and the prompt's "Certificate information" use to show a certificate: not
a handshake's verdict."""

from __future__ import annotations

from . import _common as common

_UNTRUSTED = common.UNTRUSTED + " | reason"
_ANY = common.CERT_ANY + " | category"
JUDGE = {
    "SVN_ERR_RA_SERF_SSL_CERT_UNTRUSTED": _ANY,
    "SVN_ERR_X509_CERT_VERIFY_FAILED": _ANY,
    "Server SSL certificate verification failed": _ANY,
    "serf.certificate is not yet valid": common.NOT_YET,
    "serf.certificate has expired": common.EXPIRED,
    "serf.certificate issued for a different hostname": common.HOSTNAME,
    "serf.issuer is not trusted": _UNTRUSTED,
    # serf's other failure bits (a revoked certificate, a chain it could not check): the
    # reason is not said
    "serf.and other reason(s)": _ANY,
    # ssl-authority-files names a file serf cannot read as a certificate
    "Invalid config: unable to load certificate file '%s'": common.CLIENT_CONFIG,
    "Error validating server certificate for '%s':": _ANY,
    "prompt.The certificate is not issued by a trusted authority": _UNTRUSTED,
    "prompt.The certificate hostname does not match": common.HOSTNAME,
    "prompt.The certificate is not yet valid": common.NOT_YET,
    "prompt.The certificate has expired": common.EXPIRED,
    "prompt.The certificate has an unknown error": _ANY,
    "neon.%s of '%s'": "elsewhere",  # neon's text inside (judgement/neon.py)
}

RULES = (
    (r"^SVN_ERR_X509_", "not_tls", "Subversion's certificate parser (svn auth, the prompt)"),
)
