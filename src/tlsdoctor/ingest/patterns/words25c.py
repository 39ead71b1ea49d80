"""Round 25: holdout29's classes, each from the printing program's own words.

- Lich's scripts that carry their own pinned CA certificate (matt-lowe/Lich @
  ccfeb70215fc4e4f79473d67b52f39c45f1f207a scripts/repository.lic connect, scripts/lnet.lic):
  before connecting they compare the pinned ca_cert with Time.now. When not_after has
  passed they warn "Your computer thinks the date is <mm-dd-yyyy>. If this is the correct
  date, you need an updated version of this script ... this date makes the SSL certificate
  in this script invalid"; when not_before is still ahead, "The current date is set
  incorrectly on your computer. This will cause the SSL certificate verification to fail".
  The first is the client's own bundled certificate out of its validity (an outdated
  script, or a clock set ahead); the second is the clock.
- gnutls-cli's peer listing (gnutls/gnutls @ f8971291ba0b21b5caaeffecdb66210fb01cc7a2
  src/common.c print_x509_info: "- Got a certificate list of %d certificates.", the count
  of gnutls_certificate_get_peers; lib/cert-cred.c: GNUTLS_CERT_SIGNER_NOT_FOUND "The
  certificate issuer is unknown."): a server that sent one certificate whose issuer the
  client cannot find sent its leaf alone: a chain without its intermediate, or a
  self-signed certificate (tests/gnutls-cli-self-signed.sh prints the same status). Ranked
  as the missing intermediate first below certainty, unless the listing shows the subject
  as its own issuer (then it is the self-signed one).
- Citrix Receiver / Workspace app (closed; Citrix support article CTX101990, as
  words24d.py reads its "SSL Error 61"): the same message's sentence without the code,
  "You have not chosen to trust "<CA>", the issuer to (of) the server's security
  certificate": the client's store (on Linux its own keystore) lacks that CA.
- Microsoft's web proxies (closed; Microsoft KB Q184028 "12204 SSL Port Specified Is Not
  Allowed", Proxy Server 1.0 and 2.0; KB 283284, ISA Server 2000-2006: "The specified
  Secure Sockets Layer (SSL) port is not allowed. ISA Server is not configured to allow SSL
  requests from this port." (12204)): the proxy tunnels CONNECT only to its allowed SSL
  ports (443 and 563 by default), so an https URL on another port is refused by the proxy.
- IBM GSKit's certificate validation results (closed; GSKit 8 prints them by name after the
  414 GSK_ERROR_BAD_CERT: "Server's certificate validation result returned: 5750xx
  (GSKVAL_ERROR_...)", as in IBM's Transformation Extender page node/567133, which
  enterprise.py already reads for the 414; the MQ setup notes in code index 1894073038 quote
  "GSKVAL_ERR_CA_MISSING_CRITICAL_BASIC_CONSTRAINT (575051)"). The numbers' table is not
  public, so only the names that say their check are read: a name about certificate
  policies (RFC 5280 6.1: the chain's policies do not meet the acceptable or required
  policy set) or about basicConstraints (a CA certificate without the critical CA flag)
  says a certificate is not allowed for the use the validation needed, the way GnuTLS's
  "violates the signer's constraints" is read.
"""

from __future__ import annotations

from . import REASON, Pattern, Row, sourced_table

_LICH = ("matt-lowe/Lich @ ccfeb70215fc4e4f79473d67b52f39c45f1f207a scripts/repository.lic "
         "(connect: ca_cert.not_after / not_before), scripts/lnet.lic")
_GNUTLS = ("gnutls/gnutls @ f8971291ba0b21b5caaeffecdb66210fb01cc7a2 src/common.c "
           "(print_x509_info), lib/cert-cred.c (GNUTLS_CERT_SIGNER_NOT_FOUND), "
           "tests/gnutls-cli-self-signed.sh")
_CITRIX = ("Citrix support article CTX101990 (Receiver for Windows, Mac, Linux; "
           "support.citrix.com/s/article/CTX101990)")
_MSPROXY = ("Microsoft KB Q184028 (Proxy Server 1.0/2.0, \"12204 SSL port specified is not "
            "allowed\"), KB 283284 (ISA Server 2000-2006, 502 Proxy Error 12204)")

# A lich warning's continuation lines start with "---" and padding.
_LICH_GAP = r"\s+(?:---\s+)?"
# The subject shown as its own issuer in gnutls-cli's one-line certificate print. The name's
# loop is possessive: only a quote may follow it, so giving characters back never helps, and
# on lines of "subject `" without one it cost 300 steps a place (0.76 s on 100 KB, now 0.2).
_SELF_ISSUED = r"subject `([^'\n]{1,300}+)', issuer `\1'"
# Lines between the listing and the status: at most 60, none showing a self-issued subject.
_LIST_GAP = rf"(?:(?![^\n]*{_SELF_ISSUED})[^\n]{{0,2000}}\n){{0,60}}?"
_QUOTE = "\"'‘’“”"
_GSKVAL = ("IBM GSKit 8 validation result names (IBM support page node/567133, ITX; code index "
           "1894073038, MQ notes: GSKVAL_ERR_CA_MISSING_CRITICAL_BASIC_CONSTRAINT (575051)); "
           "RFC 5280 sections 4.2.1.4, 4.2.1.9, 6.1")

_ROWS: list[tuple[str, str, Row]] = [
    ("lich", "client", (r"\bYour computer thinks the date is \d{1,2}-\d{1,2}-\d{4}\.|"
                        rf"\bthis date makes the SSL certificate in this script{_LICH_GAP}invalid\b",
                        "Lich: the SSL certificate pinned in the script is out of its validity "
                        "period for the computer's date: an outdated script (or a clock set "
                        "ahead)",
                        "client_misconfiguration:.45 client_clock_wrong:.3 cert_expired:.25",
                        REASON, _LICH, "")),
    ("lich", "client", (rf"\bThe current date is set incorrectly on your computer\. This will"
                        rf"{_LICH_GAP}cause the SSL certificate verification to fail\b",
                        "Lich: the computer's date is before the pinned certificate's validity "
                        "starts",
                        "client_clock_wrong:.85 client_misconfiguration:.15", REASON, _LICH,
                        "the current date is set incorrectly on your computer")),
    ("gnutls", "client", (rf"- Got a certificate list of 1 certificates\.[ \t]*\n{_LIST_GAP}"
                          r"[^\n]{0,200}?\bThe certificate issuer is unknown\b",
                          "gnutls-cli: the server sent a single certificate whose issuer is not "
                          "known: its leaf without the intermediate (or a self-signed one)",
                          "incomplete_chain:.4 cert_self_signed:.25 cert_untrusted_root:.2 "
                          "server_misconfiguration:.15", REASON, _GNUTLS,
                          "got a certificate list of 1 certificates")),
    ("citrix_receiver", "client", (rf"\bYou have not chosen to trust [{_QUOTE}]?[^\n{_QUOTE}]"
                                   rf"{{1,200}}[{_QUOTE}]?, the issuer (?:to|of) the server"
                                   rf"[{_QUOTE}]?s security certificate\b",
                                   "Citrix Receiver: the client does not trust the issuer of "
                                   "the gateway's certificate: its root or intermediate is not "
                                   "installed on the client (Linux: the client's own keystore)",
                                   "cert_untrusted_root:.4 incomplete_chain:.25 "
                                   "client_misconfiguration:.2 cert_wrong_purpose:.1 "
                                   "tls_interception_mitm:.05", REASON, _CITRIX,
                                   "you have not chosen to trust ")),
    ("ms_proxy", "client", (r"\b12204 SSL port specified is not allowed\b|"
                            r"\bThe specified Secure Sockets Layer \(SSL\) port is not allowed\b",
                            "Microsoft Proxy Server / ISA Server: the web proxy refuses to "
                            "tunnel SSL to a port off its allowed SSL ports (443 and 563 by "
                            "default)",
                            "middlebox_or_firewall_interference:.65 client_misconfiguration:.2 "
                            "server_misconfiguration:.15", REASON, _MSPROXY, "")),
    ("gskit", "client", (r"\bGSKVAL_ERR(?:OR)?_[A-Z_]{0,40}POLIC(?:Y|IES)[A-Z_]{0,40}\b",
                         "GSKit: the certificate chain's policies do not satisfy the policies "
                         "the validation accepts or requires (RFC 5280 policy processing)",
                         "cert_wrong_purpose:.55 server_misconfiguration:.25 "
                         "cert_untrusted_root:.2", REASON, _GSKVAL, "gskval_err")),
    ("gskit", "client", (r"\bGSKVAL_ERR(?:OR)?_[A-Z_]{0,40}BASIC_CONSTRAINTS?\b",
                         "GSKit: a CA certificate in the chain lacks a valid (critical) "
                         "basicConstraints extension, so it may not issue certificates",
                         "cert_wrong_purpose:.6 incomplete_chain:.2 cert_untrusted_root:.2",
                         REASON, _GSKVAL, "gskval_err")),
]

PATTERNS: tuple[Pattern, ...] = sourced_table("r25c", _ROWS)
