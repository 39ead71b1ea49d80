"""PostgreSQL (round 21): the backend's TLS words (src/backend/libpq/be-secure-openssl.c) and
libpq's (src/interfaces/libpq/fe-secure-openssl.c, fe-secure-common.c), harvested into
upstream/postgres.json by scripts/harvest/postgres21.py.

The backend's own files and settings fail it at start (FATAL): that is the server's
configuration whatever OpenSSL reason follows. A client's connection it could not accept
("could not accept SSL connection: <reason>") is a wrapper: the OpenSSL reason after it
decides, read from the server's side. libpq's texts about its own files and settings are
the client's configuration. Entries patterns/postgres.py already reads by hand (the host
name check, the root certificate file, "SSL SYSCALL error: EOF detected", the version
hints, "server closed the connection unexpectedly") are "elsewhere", so one text means one
thing.
"""

from __future__ import annotations

from . import _common as common
from . import _databases as db

_OWN = "server_misconfiguration:1 | reason"
_CLIENT_OWN = common.CLIENT_CONFIG
# A certificate whose name fields cannot be read (an embedded NUL byte, no name entry): a
# malformed certificate, or one forged to slip past a name check (CVE-2009-4034).
_BAD_NAME = "client_cert_required:.6 tls_interception_mitm:.4 | specific"
_BAD_SERVER_NAME = "server_misconfiguration:.6 tls_interception_mitm:.4 | specific"

JUDGE = {
    # -- the backend's own setup (FATAL at start, LOG on a reload) --------------------------
    "could not create SSL context: %s": "elsewhere",
    'could not load server certificate file "%s": %s': _OWN,
    'private key file "%s" cannot be reloaded because it requires a passphrase': _OWN,
    # libpq prints the same words about the client's own key (sslkey): the printer decides
    # (ingest/messages._own_material); the harvested form is the server's FATAL line
    'could not load private key file "%s": %s': db.OWN_FILE_SERVER,
    "check of private key failed: %s": _OWN,
    '"%s" setting "%s" not supported by this build': _OWN,
    "could not set minimum SSL protocol version": _OWN,
    "could not set maximum SSL protocol version": _OWN,
    "could not set SSL protocol version range": _OWN,
    "could not set the cipher list (no valid ciphers available)": _OWN,
    'could not load root certificate file "%s": %s': _OWN,
    'could not load SSL certificate revocation list file "%s": %s': _OWN,
    'could not load SSL certificate revocation list directory "%s": %s': _OWN,
    'could not load SSL certificate revocation list file "%s" or directory "%s": %s': _OWN,
    'could not open DH parameters file "%s": %m': _OWN,
    "could not load DH parameters file: %s": _OWN,
    "invalid DH parameters: %s": _OWN,
    "invalid DH parameters: p is not prime": _OWN,
    "invalid DH parameters: neither suitable generator or safe prime": _OWN,
    "DH: could not load DH parameters": _OWN,
    "DH: could not set DH parameters: %s": _OWN,
    "ECDH: unrecognized curve name: %s": _OWN,
    "ECDH: could not create key": _OWN,
    # ssl = on, but the context failed to load on the last reload: every client is refused
    "could not initialize SSL connection: SSL context not set up": _OWN,
    # -- a client's connection ---------------------------------------------------------------
    # The wrappers: the OpenSSL reason (or errno) after the colon decides.
    "could not accept SSL connection: %s": db.HANDSHAKE,
    "could not accept SSL connection: %m": db.HANDSHAKE,
    # the client hung up in the handshake: patterns/postgres.py and the vocabulary read it
    "could not accept SSL connection: EOF detected": "elsewhere",
    "This may indicate that the client does not support any SSL protocol version between %s "
    "and %s.": "elsewhere",
    "SSL error: %s": "elsewhere",
    "could not initialize SSL connection: %s": "elsewhere",
    "SSL certificate's common name contains embedded null": _BAD_NAME,
    "SSL certificate's distinguished name contains embedded null": _BAD_NAME,
    "could not set SSL socket: %s": "not_tls",
    "unrecognized SSL error code: %d": "not_tls",
    # -- libpq --------------------------------------------------------------------------------
    "server closed the connection unexpectedly": "elsewhere",
    "SSL SYSCALL error: EOF detected": "elsewhere",
    "SSL SYSCALL error: %s": common.RESET,
    # the server ended the TLS session (close_notify): a backend terminated, an idle or
    # proxy timeout, or a refusal after the handshake. A ranking.
    "SSL connection has been closed unexpectedly": "server_misconfiguration:.4 "
                                                   "middlebox_or_firewall_interference:.35 "
                                                   "client_cert_required:.25 | generic",
    # channel binding: the server certificate's signature algorithm is one libpq's OpenSSL
    # cannot map to a digest: an unusual or obsolete algorithm in the server's certificate
    "could not determine server certificate signature algorithm": "server_misconfiguration:.6 "
                                                                  "weak_signature_or_key:.4",
    "SSL certificate's name entry is missing": _BAD_SERVER_NAME,
    "SSL certificate's address entry is missing": _BAD_SERVER_NAME,
    "SSL certificate's name contains embedded null": _BAD_SERVER_NAME,
    'invalid value "%s" for minimum SSL protocol version': _CLIENT_OWN,
    'invalid value "%s" for maximum SSL protocol version': _CLIENT_OWN,
    # "exact": the backend's line is these words without the colon and reason
    "could not set minimum SSL protocol version: %s": "client_misconfiguration:1 | exact",
    "could not set maximum SSL protocol version: %s": "client_misconfiguration:1 | exact",
    "could not load system root certificate paths: %s": _CLIENT_OWN,
    'could not read root certificate file "%s": %s': "elsewhere",
    "could not get home directory to locate root certificate file": _CLIENT_OWN,
    'root certificate file "%s" does not exist': "elsewhere",
    'could not open certificate file "%s": %s': _CLIENT_OWN,
    'could not read certificate file "%s": %s': _CLIENT_OWN,
    "could not establish SSL connection: %s": "elsewhere",
    "could not set SSL Server Name Indication (SNI): %s": _CLIENT_OWN,
    "could not set SSL ALPN extension: %s": "not_tls",
    'could not load SSL engine "%s": %s': _CLIENT_OWN,
    'could not initialize SSL engine "%s": %s': _CLIENT_OWN,
    'could not read private SSL key "%s" from engine "%s": %s': _CLIENT_OWN,
    'could not load private SSL key "%s" from engine "%s": %s': _CLIENT_OWN,
    'certificate present, but not private key file "%s"': _CLIENT_OWN,
    'could not stat private key file "%s": %m': _CLIENT_OWN,
    'private key file "%s" is not a regular file': _CLIENT_OWN,
    'private key file "%s" has group or world access; file must have permissions u=rw (0600) '
    "or less if owned by the current user, or permissions u=rw,g=r (0640) or less if owned "
    "by root": _CLIENT_OWN,
    'certificate does not match private key file "%s": %s': db.CLIENT_KEY_MISMATCH,
    # sslrootcert=system: the system's CA store has no issuer for the server's chain
    "SSL error: certificate verify failed: %s": db.DB_UNTRUSTED + " | reason",
    "This may indicate that the server does not support any SSL protocol version between %s "
    "and %s.": "elsewhere",
    # sslnegotiation=direct: the server (or a proxy) answered TLS without ALPN "postgresql"
    "direct SSL connection was established without ALPN protocol negotiation extension":
        "server_misconfiguration:.6 middlebox_or_firewall_interference:.4",
    "SSL connection was established with unexpected ALPN protocol":
        "server_misconfiguration:.6 middlebox_or_firewall_interference:.4",
    "certificate could not be obtained: %s": "server_misconfiguration:.6 "
                                             "middlebox_or_firewall_interference:.4",
    "host name must be specified for a verified SSL connection": _CLIENT_OWN,
    "host name must be specified": _CLIENT_OWN,
    'server certificate for "%s" (and %d other name) does not match host name "%s"':
        "elsewhere",
    'server certificate for "%s" does not match host name "%s"': "elsewhere",
    "could not get server's host name from server certificate": "hostname_mismatch:.6 "
                                                                "server_misconfiguration:.4",
    # fe-connect.c: the sslmode asked for, and a libpq built without TLS asked for TLS
    'invalid sslmode value: "%s"': _CLIENT_OWN,
    'sslmode value "%s" invalid when SSL support is not compiled in': _CLIENT_OWN,
    "no SSL error reported": "not_tls",
    "SSL error code %lu": "not_tls",
}

MEANING = {
    "could not accept SSL connection: %s": "PostgreSQL (server log): a client's TLS "
                                           "handshake failed",
    "could not accept SSL connection: %m": "PostgreSQL (server log): a client's TLS "
                                           "handshake failed (a socket error)",
}

RULES: tuple[tuple[str, str, str], ...] = ()
