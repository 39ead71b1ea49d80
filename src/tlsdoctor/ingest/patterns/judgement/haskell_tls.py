"""Haskell's tls (haskell-tls/hs-tls) and x509-validation (crypton-x509-validation).

hs-tls raises ``Error_Protocol`` with a text and the alert it sends; http-client and
connection print the exception's ``show``: "HandshakeFailed (Error_Protocol ("certificate
has unknown CA",True,UnknownCa))" (tls < 1.8) or "HandshakeFailed (Error_Protocol
"certificate has unknown CA" UnknownCa)". The certificate texts come from
Network/TLS/Handshake/Certificate.hs certificateRejected, fed by Network/TLS/X509.hs:
Expired and InFuture -> "certificate has expired"; UnknownCA and SelfSigned -> "certificate
has unknown CA"; EmptyChain -> "certificate is missing"; any other FailedReason list ->
"certificate rejected: [<show of the reasons>]" (judged per constructor: patterns/
frameworks.py reads them inside that list). "remote side fatal error" carries the alert the
peer sent: judged by alerts.py's reading of that alert."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "remote side fatal error": "elsewhere",
    "certificate has expired": "cert_expired:.5 client_clock_wrong:.3 cert_not_yet_valid:.2"
                               " | reason",
    "certificate has unknown CA": common.UNTRUSTED + " | reason",
    "certificate is revoked": common.REVOKED,
    "certificate is missing": "server_misconfiguration:.6 client_cert_required:.4 | reason",
    "certificate rejected: %s": common.CERT_ANY + " | category",
    "verification failed": common.CERT_ANY + " | category",
    "server certificate missing": "server_misconfiguration:1 | reason",
    "client certificate missing": common.CLIENT_CERT,
    "no cipher in common with the client": common.CIPHER_OR_VERSION + " | reason",
    "no cipher in common with the TLS 1.2 client": common.CIPHER_OR_VERSION + " | reason",
    "no cipher in common with the TLS 1.3 client": common.CIPHER_OR_VERSION + " | reason",
    "no common group": common.CIPHER,
    "server public key has unsupported elliptic curve": common.CIPHER,
    "no group in common with the client for HRR": common.CIPHER,
    "no supported groups on the client side": common.CLIENT_CONFIG,
    "no %s hash algorithm in common with the server": common.CIPHER,
    "no supported certificate type": common.CIPHER,
    "server choose unknown cipher": common.PROTOCOL_BROKEN,
    "FFDHE group is not secure enough": common.DH_WEAK,
    "unsupported FFDHE group:": common.DH_WEAK,
    # The server's DHE parameters signature did not verify with its certificate's key
    # (hs-tls 1.3: "bad SignatureRSA for dhparams"): a client that picked the wrong
    # signature/hash for TLS 1.2 or the server's mismatched key; the hs-tls fix (1.3.x) was
    # in the client library.
    "bad %s for dhparams": "client_misconfiguration:.5 server_misconfiguration:.3 "
                              "tls_interception_mitm:.2 | reason",
    "bad %s for ecdhparams": "client_misconfiguration:.5 server_misconfiguration:.3 "
                             "tls_interception_mitm:.2 | reason",
    "bad %s signature for dhparams": "client_misconfiguration:.5 server_misconfiguration:.3 "
                                        "tls_interception_mitm:.2 | reason",
    "bad %s signature for ecdhparams": "client_misconfiguration:.5 server_misconfiguration:.3 "
                                       "tls_interception_mitm:.2 | reason",
    "fallback is not allowed": common.FALLBACK,
    "no supported application protocols": common.ALPN,
    "mismatched or unsupported private key pair": common.KEY_MISMATCH,
    "credential not found": "server_misconfiguration:.6 sni_required_or_mismatch:.4",
}

RULES = (
    (r"^AlertDescription\.", "elsewhere", "alert constructors: read with the text around them"),
    (r"^FailedReason\.", "elsewhere", "read inside \"certificate rejected: [...]\""),
    (r"(?i)\tssl ?[23]\.0 is not supported|version %s is not supported|versions %s is not "
     r"supported|ssl2 is not|TLS 1\.3 or later", common.VERSION_OR_CLIENT, "versions refused"),
    (r"(?i)\t(?:bad record mac|record bad format|illegal plain text|record (?:content )?"
     r"exceeding|decrypt state)", common.PROTOCOL_BROKEN, "records it could not read"),
    (r"(?i)key_share|hello retr|HRR|group|public key|shared secret|key exchange|"
     r"signature_algorithms|compression|extension|renegotiation|downgrade|legacy session|"
     r"PSK|identity|Finished|finished|CertificateVerify|verified data|early data|"
     r"certificate request|unexpected|spurious|not-established|CSS|cipher|ECH|QUIC|"
     r"Hello|recode size|Illegal|post.handshake|certificate context|cert verify",
     "middlebox_or_firewall_interference:.4 server_misconfiguration:.3 "
     "client_misconfiguration:.3 | specific",
     "a handshake message against the protocol: one side's implementation or a middlebox"),
    (r".", "not_tls", "internal states of the library"),
)
