"""A client's host-name check, in the words any program prints for it.

"Host name verification failed" is printed by programs that check the certificate's
names themselves after the library's chain check: mosquitto's clients ("Error: host name
verification failed.", eclipse/mosquitto lib/tls_mosq.c mosquitto__server_certificate_verify
and lib/net_mosq.c), Jetty's HttpClient and Grizzly ("Host name verification failed for
host X", SslClientConnectionFactory / the Grizzly SSL connector), POCO's NetSSL
(SecureSocketImpl: "Host name verification failed"). The words say which check failed: the
name asked is not among the certificate's names. A library line printed after it ("certificate
verify failed") is the same failure seen by the handshake (the callback rejected the chain),
so this line is the reason. Dev (round 11): 1 of 1 thread a certificate for another name.
IO::Socket::SSL's one-word "hostname verification failed" stays perl.py's.

Round 13, the class: every stack words the same check as "<the name asked> does not match
<the certificate's names>" or "<the certificate> does not match <the name asked>", each in
its own spelling. The libraries' own identifiers and texts are read by their tables; these
rows read the *sentence*, so that a program whose wording was never harvested (an LDAP SDK,
an HTTP client library, a mail library) is read by what it says. The wordings the rows were
written from (exact strings, each program's source):

- JDK JNDI com.sun.jndi.ldap.ext.StartTlsResponseImpl: "hostname of the server '%s' does
  not match the hostname in the server's certificate." (and LDAP SDKs that copied it,
  "Hostname '%s' does not match the hostname in the server's certificate")
- Apache HttpClient 4.4+ DefaultHostnameVerifier: "Certificate for <%s> doesn't match any
  of the subject alternative names: %s", "Certificate for <%s> doesn't match common name of
  the certificate subject: %s"; HttpClient 4.0-4.3 AbstractVerifier: "hostname in
  certificate didn't match: <%s> != <%s>"
- PHP ext/openssl/xp_ssl.c: "Peer certificate CN=`%.*s' did not match expected CN=`%s'"
  (the backtick becomes a straight quote when people paste it: any quote is read)
- OpenLDAP libraries/libldap/tls_o.c, tls_g.c @ 5ffe12c065: "TLS: hostname does not match
  subjectAltName in peer certificate", "TLS: hostname does not match name in peer
  certificate", debug "TLS: hostname (%s) does not match common name in certificate (%s)."
- the wordings already read by their own tables (curl "certificate subject name '%s' does
  not match target host name '%s'", Ruby "hostname \"%s\" does not match the server
  certificate", libpq "server certificate for \"%s\" does not match host name \"%s\"",
  Node "Hostname/IP does not match certificate's altnames", wget "certificate common name
  %s doesn't match requested host name %s") fit the same rows.

The rows sit at REASON, not above it: a stack's own reading of the same words (1.0) and
a more telling reading of the names in them (a CDN's default certificate, cdn.py: the
request reached the CDN without its SNI) keep their place.

What is *not* this class, and is kept out by the words each row needs: a key that does not
match its certificate (no host word), SNI against the Host header (no certificate word),
a pin ("public key hash does not match provided pin"), Apache's start-up AH01909 (no
negation before "matches").
"""

from __future__ import annotations

from . import REASON, table

_NOT = r"(?:does not|doesn't|doesn’t|did not|didn't|didn’t|do not|does NOT)"
# The name the client asked for, as the sentence's subject.
_ASKED = (r"(?:host ?names?|hostname/IP|host name/IP|server name|peer name|IP address|"
          r"expected CN)")
# The certificate's names, as the object.
_CERT_NAMES = (r"(?:certificate|cert's|subjectAltName|subject alternative names?|"
               r"common name|altnames|expected CN)")
_CAUSES = "hostname_mismatch:.9 sni_required_or_mismatch:.1"
_WHY = "the program's host-name check failed: the certificate does not name the host asked"

PATTERNS = table("hostcheck", "programs' own host-name checks (see module docstring)", [
    (r"\bhost name verification failed\b(?:[^\n]{0,20}?\bfor host:? (?P<host>[\w.:-]{1,253}))?",
     "the program's own host-name check failed: the certificate does not name the host asked",
     "hostname_mismatch:.9 client_misconfiguration:.1", REASON + 1,
     "mosquitto lib/tls_mosq.c, Jetty SslClientConnectionFactory, POCO SecureSocketImpl",
     "name verification failed"),
    # "<the name asked> does not match <the certificate's names>"
    (rf"\b{_ASKED}\b[^\n]{{0,200}}?\b{_NOT} match(?:es)?\b[^\n]{{0,60}}?{_CERT_NAMES}",
     _WHY, _CAUSES, REASON,
     "JDK StartTlsResponseImpl, OpenLDAP tls_o.c/tls_g.c, Node, Ruby (module docstring)",
     " match"),
    # "<the certificate> does not match <the name asked>"
    (rf"\bcertificate\b[^\n]{{0,160}}?\b{_NOT} match\b[^\n]{{0,50}}?(?:any of the subject "
     rf"alternative names|common name of the certificate subject|expected CN|(?:the |target "
     rf"|requested )?host ?name\b)",
     _WHY, _CAUSES, REASON,
     "Apache HttpClient DefaultHostnameVerifier, PHP xp_ssl.c, curl, libpq (module docstring)",
     " match"),
    # "hostname in certificate didn't match: <asked> != <certificate's>"
    (rf"\bhost ?name in (?:the )?certificate {_NOT} match\b",
     _WHY, _CAUSES, REASON, "Apache HttpClient 4.0-4.3 AbstractVerifier", "certificate"),
])
