"""Python ``ssl`` (Modules/_ssl.c, Lib/ssl.py), urllib3 and requests wording.

``[SSL: REASON] text (_ssl.c:NNN)`` carries an OpenSSL reason (openssl.py decodes the
name and the text); these rows cover what only Python says.
"""

from __future__ import annotations

from . import CATEGORY, GENERIC, REASON, SPECIFIC, table
from .harvested import upstream_patterns

_CERT = ("cert_untrusted_root:.35 incomplete_chain:.25 cert_self_signed:.15 cert_expired:.1 "
         "hostname_mismatch:.1 tls_interception_mitm:.05")
_EOF = ("middlebox_or_firewall_interference:.4 protocol_version_mismatch:.2 "
        "sni_required_or_mismatch:.2 client_cert_required:.2")

# "unable to get local issuer certificate" as Python prints it: the same words mean a server
# that leaves out its intermediate or a client with no usable CA store, and for Python the
# second dominates (python.org's macOS build ships OpenSSL without a store until "Install
# Certificates.command" runs: CPython Mac/BuildScript/resources/ReadMe.rtf; Windows and
# embedded builds read a default path that may not exist). Prior from the real-world dev
# set (tests/ingest/upstream/heldout, round 2): Python 2 of 2 threads were the local store;
# curl's 2 of 2 the server's chain. Below 0.5, so it is a ranking, not a verdict; `next`
# tells them apart (the served chain is checked; the local store's path is shown).
_LOCAL_ISSUER = ("client_misconfiguration:.45 incomplete_chain:.3 cert_untrusted_root:.15 "
                 "tls_interception_mitm:.1")
# The CA file or directory itself cannot be loaded: the client's own setting
# (verify=/REQUESTS_CA_BUNDLE/SSL_CERT_FILE/cafile pointing at nothing, or not a PEM file).
_CA_FILE = "client_misconfiguration:.9 server_misconfiguration:.1"

# The asked host is an IP address and is itself among the names match_hostname says it
# "doesn't match" (CPython Lib/ssl.py match_hostname, 3.5-3.11, and urllib3's backport
# src/urllib3/util/ssl_match_hostname.py @ 1.26.18 list DNS names, IP SANs, and the CN when
# there are no DNS names). The name is there but cannot be matched: either the matcher is
# old (urllib3 on Python 2 without the `ipaddress` module treats the IP as a DNS name and
# never compares IP SANs) or the certificate holds the IP as a DNS name (a modern matcher
# compares an IP host only with IP SANs). Go's "valid for ..., not X" lists only IP SANs for
# an IP host, Java's "No subject alternative names matching IP address" lists none: neither
# can show this. Dev (round 10): 1 of 1 thread the old matcher. Below 0.6: `openssl x509
# -noout -ext subjectAltName` shows "IP Address:X" (the client's matcher) or "DNS:X" (the
# certificate needs X as an IP SAN).
_IP = r"(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7})"
_LISTED_IP = (rf"\bhostname '(?P<host>{_IP})' doesn't match (?:either of )?"
              r"(?:'[^'\n]{0,253}', ){0,40}'(?P=host)'")

_HAND = table("python", "CPython Modules/_ssl.c, Lib/ssl.py", [
    (_LISTED_IP,
     "the certificate lists {host} yet the client's host name check did not accept it: an "
     "old matcher (urllib3 on Python 2 without `ipaddress`) cannot compare IP SANs, or the "
     "certificate holds {host} as a DNS name instead of an IP SAN",
     "client_misconfiguration:.5 hostname_mismatch:.45 server_misconfiguration:.05",
     REASON + 1, "CPython Lib/ssl.py (match_hostname); urllib3 1.26.18 "
     "src/urllib3/util/ssl_match_hostname.py", "doesn't match"),
    (r"\bcertificate verify failed: unable to get local issuer certificate\b",
     "Python found no issuer for the server certificate in its CA store", _LOCAL_ISSUER,
     REASON + 1),
    (r"\bX509_load_cert_crl_file:system lib\b|\bbad ca_certs: '",
     "Python could not load the CA bundle it was given", _CA_FILE, REASON + 1,
     "OpenSSL crypto/x509/by_file.c (X509_load_cert_crl_file); urllib3 util/ssl_.py"),
    (r"\bSSLError: \[Errno 2\] No such file or directory\b",
     "the CA bundle path given to requests does not exist", _CA_FILE, REASON + 1,
     "CPython Modules/_ssl.c (load_verify_locations: errno)"),
    (r"\bHostname mismatch, certificate is not valid for '(?P<host>[^'\s]{1,253})'",
     "the certificate does not cover {host}", "hostname_mismatch:1", REASON + 1),
    (r"\bIP address mismatch, certificate is not valid for '(?P<host>[^'\s]{1,253})'",
     "the certificate does not cover the address {host}", "hostname_mismatch:1", REASON + 1),
    (r"\bSSLCertVerificationError\b", "Python could not verify the server certificate", _CERT,
     CATEGORY),
    (r"\bEOF occurred in violation of protocol\b",
     "the peer closed the connection in the middle of the TLS handshake", _EOF, GENERIC),
    (r"\bSSLEOFError\b", "the peer closed the connection in the middle of the TLS handshake",
     _EOF, GENERIC),
    (r"\bSSLZeroReturnError\b|\bTLS/SSL connection has been closed \(EOF\)",
     "the peer closed the TLS connection", _EOF, GENERIC),
    (r"\[X509: KEY_VALUES_MISMATCH\]",
     "the certificate and private key given to load_cert_chain() do not belong together",
     "server_misconfiguration:.6 client_misconfiguration:.4", REASON),
    (r"\[SSL: CERTIFICATE_VERIFY_FAILED\] certificate verify failed\s*\(_ssl\.c",
     "Python could not verify the server certificate", _CERT, CATEGORY),
    (r"\bssl\.SSLError: \[SSL\] (?:PEM lib|EE_KEY_TOO_SMALL)",
     "Python could not load the certificate or key", "client_misconfiguration:.6 "
     "server_misconfiguration:.4", SPECIFIC),
    (r"\bMax retries exceeded with url: [^\n]{0,300}\(Caused by SSLError",
     "urllib3 gave up after TLS errors", _CERT, GENERIC,
     "urllib3 src/urllib3/exceptions.py (MaxRetryError)"),
    (r"\bssl\.SSLError\b|\brequests\.exceptions\.SSLError\b|\burllib3\.exceptions\.SSLError\b",
     "a TLS error in Python", "cipher_suite_mismatch:.3 protocol_version_mismatch:.3 "
     "middlebox_or_firewall_interference:.2 client_cert_required:.2", GENERIC,
     "CPython Lib/ssl.py; requests requests/exceptions.py; urllib3 exceptions.py"),
    (r"\[SSL: (?P<name>[A-Z0-9_]{3,60})\][^\n]{0,300}\(_ssl\.c:\d{1,5}\)",
     "Python's ssl module reports OpenSSL's {name}", "", GENERIC),
    (r"\burlopen error\b", "urllib could not open the URL", "", GENERIC,
     "CPython Lib/urllib/error.py (URLError)"),
    (r"\bcheck_hostname requires server_hostname\b",
     "the program enabled host name checking without giving a host name",
     "client_misconfiguration:1", REASON),
    # Round 6: this Python has no ssl module at all (built without OpenSSL's headers, or an
    # install whose OpenSSL DLLs are missing): nothing reached the network, so no server or
    # path is in question. Dev: 1 of 1 thread (conda on Windows), the client's install.
    # Above the generic SSLError reading it arrives wrapped in.
    (r"\bCan't connect to HTTPS URL because the SSL module is not available\b|"
     r"\bOpenSSL appears to be unavailable on this machine\b",
     "this Python has no working ssl module (OpenSSL is missing from its build or install)",
     "client_misconfiguration:.95 server_misconfiguration:.05", REASON + 1,
     "urllib3 src/urllib3/connectionpool.py (HTTPSConnectionPool._new_conn); conda "
     "conda/exceptions.py (CondaSSLError)"),
])

# Upstream wording first (upstream/*.json, judged in judgement/), then the forms this
# program prints around it.
PATTERNS = upstream_patterns("python", "Python", side="client", as_source="python") + _HAND
