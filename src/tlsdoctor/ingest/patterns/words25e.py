"""Round 25: holdout31's classes, each from the printing program's own words.

- OPC UA's certificate status codes (OPCFoundation/UA-Nodeset @
  a2d4ae8b337ff9f014878fc88f9b6acda0ff3674 Schema/StatusCode.csv, the table every OPC UA
  stack generates its StatusCodes from: UA-.NETStandard, open62541, the LDS, OPC Publisher).
  A stack prints the symbolic name ("Reason=BadCertificateUseNotAllowed") or the number
  ("(0x801a0000)"); the number is read only beside the word "certificate", as 0x80180000 and
  its neighbours are not OPC UA's alone. BadCertificateUntrusted means "not in the trust
  list": an application instance certificate, usually self-signed, that the peer has not yet
  trusted.
- JSSE's "null cert chain" (JetBrains/jdk8u_jdk @ 94318f9185757cc33d2b8d527d36be26ac6b7582
  src/share/classes/sun/security/ssl/ServerHandshaker.java clientCertificate): JDK 6-8's
  server, requiring client authentication (needClientAuth), got an empty Certificate message;
  JDK 11+ says "Empty client certificate chain" for the same check (java.py).
- libcurl's result code as a number (curl/curl @ 5c61e168698a72b87437d58ed728bcdea6d5db42
  include/curl/curl.h: CURLE_PEER_FAILED_VERIFICATION = 60, named CURLE_SSL_CACERT before
  7.62): programs built on libcurl log "Curl error code 60" / "curl error (60)" without
  curl's verify text. Read as curl's own "curl: (60)" is (curl.py): a chain this client
  cannot verify, cause not named.
"""

from __future__ import annotations

from . import REASON, SPECIFIC, Pattern, Row, sourced_table

_OPCUA = "OPCFoundation/UA-Nodeset @ a2d4ae8b337ff9f014878fc88f9b6acda0ff3674 Schema/StatusCode.csv"
_JSSE_SERVER = ("JetBrains/jdk8u_jdk @ 94318f9185757cc33d2b8d527d36be26ac6b7582 "
                "src/share/classes/sun/security/ssl/ServerHandshaker.java")
_CURL = "curl/curl @ 5c61e168698a72b87437d58ed728bcdea6d5db42 include/curl/curl.h"

# curl.py's reading of a bare "curl: (60)".
_CURL60 = ("cert_untrusted_root:.35 incomplete_chain:.25 cert_self_signed:.15 cert_expired:.1 "
           "hostname_mismatch:.1 tls_interception_mitm:.05")


def _opcua(names: str, codes: str, meaning: str, reading: str, kind: int
           ) -> tuple[str, str, Row]:
    """One OPC UA status: its symbolic names, or its numbers on a line naming a certificate
    (each branch its own literal, so no row-wide needle)."""
    rx = (rf"\b(?:{names})\b|\bcertificate\b[^\n]{{0,200}}?\b0x(?:{codes})\b")
    return ("opcua", "", (rx, f"OPC UA: {meaning}", reading, kind, _OPCUA, ""))


_ROWS: list[tuple[str, str, Row]] = [
    _opcua("BadCertificateUntrusted", "801A0000",
           "the peer's application certificate is not in this application's trust list "
           "(BadCertificateUntrusted, 0x801A0000)",
           "cert_untrusted_root:.55 cert_self_signed:.45", REASON),
    _opcua("BadCertificate(?:Issuer)?UseNotAllowed", "80180000|80190000",
           "the certificate may not be used for the requested operation: its key usage or "
           "extensions do not fit an application instance certificate "
           "(BadCertificateUseNotAllowed, 0x80180000)",
           "cert_wrong_purpose:1", REASON),
    _opcua("BadCertificateTimeInvalid", "80140000",
           "the certificate has expired or is not yet valid (BadCertificateTimeInvalid, "
           "0x80140000)",
           "cert_expired:.55 client_clock_wrong:.25 cert_not_yet_valid:.2", REASON),
    _opcua("BadCertificateIssuerTimeInvalid", "80150000",
           "an issuer certificate has expired or is not yet valid "
           "(BadCertificateIssuerTimeInvalid, 0x80150000)",
           "cert_expired:.7 client_clock_wrong:.3", REASON),
    _opcua("BadCertificateHostNameInvalid", "80160000",
           "the host name used to connect is not in the server's certificate "
           "(BadCertificateHostNameInvalid, 0x80160000)",
           "hostname_mismatch:1", REASON),
    _opcua("BadCertificate(?:Issuer)?Revoked", "801D0000|801E0000",
           "the certificate or its issuer has been revoked (BadCertificateRevoked, "
           "0x801D0000)",
           "cert_revoked:1", REASON),
    _opcua("BadCertificateChainIncomplete", "810D0000",
           "the certificate chain is incomplete (BadCertificateChainIncomplete, 0x810D0000)",
           "incomplete_chain:.7 cert_untrusted_root:.3", REASON),
    # JDK 6-8's server: client authentication required, the client's chain empty.
    ("java", "server", (r"\bnull cert chain\b",
                        "JSSE (server): client authentication is required and the client "
                        "sent no certificate",
                        "client_cert_required:.8 server_misconfiguration:.2", REASON,
                        _JSSE_SERVER, "null cert chain")),
    # libcurl users logging the CURLcode number without curl's verify text.
    ("curl", "client", (r"\bcurl\b(?: [a-z]{1,10})? error(?: code)?:? ?\(?60\)?(?![\d.:])",
                        "libcurl result 60 (CURLE_PEER_FAILED_VERIFICATION): the server's "
                        "certificate could not be verified; which check failed is not printed",
                        _CURL60, SPECIFIC, _CURL, "curl")),
]

PATTERNS: tuple[Pattern, ...] = sourced_table("r25e", _ROWS)
