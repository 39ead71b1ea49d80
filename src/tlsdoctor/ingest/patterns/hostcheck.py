"""A client's own host-name check, in the words several programs share.

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
"""

from __future__ import annotations

from . import REASON, table

PATTERNS = table("hostcheck", "programs' own host-name checks (see module docstring)", [
    (r"\bhost name verification failed\b(?:[^\n]{0,20}?\bfor host:? (?P<host>[\w.:-]{1,253}))?",
     "the program's own host-name check failed: the certificate does not name the host asked",
     "hostname_mismatch:.9 client_misconfiguration:.1", REASON + 1,
     "mosquitto lib/tls_mosq.c, Jetty SslClientConnectionFactory, POCO SecureSocketImpl",
     "name verification failed"),
])
