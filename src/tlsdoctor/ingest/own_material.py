"""Whose certificate and key a load failure is about (round 15, "own material").

A program that cannot load its OWN certificate or private key (OpenSSL's "PEM lib", "key
values mismatch", "no start line"; Go's tls.LoadX509KeyPair; a Java keystore; Node's
createSecureContext) failed before any handshake: the fix is the loader's. Whether that is a
server or a client is said by the framing around the load, not by the error: a server's
serve/listen/bind calls and frameworks (websockets.serve, aiohttp.web, uvicorn, gunicorn,
Flask/werkzeug, net/http ListenAndServeTLS, Node's createServer) or a client's
client-certificate words (requests' cert=, curl --cert, s_client -cert). Certbot's files
(fullchain.pem, privkey.pem under /etc/letsencrypt/live) only hint at a server: an ACME CA
issues them for the names a server answers as. Nothing at all: both below 0.6, with the check
that tells them apart (which program calls the load).

Only consulted when the side-of-handshake reading (side.py) found no words (side_said None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..causes import Cause

SM, CM = Cause.SERVER_MISCONFIGURATION, Cause.CLIENT_MISCONFIGURATION
OWN = frozenset({SM, CM})

# Round 16: the JDK's other key store load failures (judgement/java_keys.py: a wrong store
# or key password, a file of another type) and the loaders of Java programs that print no
# side of their own (Kafka's DefaultSslEngineFactory, Spring Boot's SSL bundles).
JAVA_STORES = "|".join((
    r"\bkeystore password was incorrect\b|\bfailed to decrypt safe contents entry\b",
    r"\bFailed PKCS12 integrity checking\b|\bUnrecoverableKeyException\b",
    r"\bCannot recover key\b|\bGet Key failed\b|\bPassword verification failed\b",
    r"\bDerInputStream\.getLength\(\): lengthTag=|\btoDerInputStream rejects tag type\b",
    r"\bPKCS12 keystore not in version 3 format\b|\bUnrecognized keystore format\b",
    r"\bFailed to load (?:PEM )?SSL keystore\b|\bCould not load store from\b",
    r"\bproblem accessing trust store\b",
))

# The loaders' own words, as each stack prints a load failure (facts: exact strings).
# CPython Modules/_ssl.c (_ssl__SSLContext_load_cert_chain_impl raises "[SSL] PEM lib"
# for ERR_R_PEM_LIB; v3.8-v3.12); OpenSSL crypto/x509/x509_cmp.c X509_check_private_key
# ("key values mismatch"), crypto/pem/pem_lib.c ("no start line", "bad end line"); Go
# src/crypto/tls/tls.go X509KeyPair (go1.19-go1.22: "tls: failed to find any PEM data in
# certificate input", "...in key input", "tls: private key does not match public key",
# "tls: failed to parse private key", "tls: found a certificate rather than a key in the PEM
# for the private key"); OpenJDK sun/security/provider/JavaKeyStore.java engineLoad
# ("Keystore was tampered with, or password was incorrect", "Invalid keystore format");
# Node lib/internal/tls/secure-context.js configSecureContext (context.setKey/setCert).
LOADERS = re.compile("|".join((
    r"\bload_cert_chain\b", r"\bPEM lib\b", r"\bkey values mismatch\b|\bKEY_VALUES_MISMATCH\b",
    r"\bno start line\b|\bNO_START_LINE\b", r"\bSSL_CTX_use_(?:PrivateKey|certificate)\w*",
    r"\btls: (?:failed to find any PEM data in (?:certificate|key) input|private key does "
    r"not match public key|failed to parse private key|found a certificate rather than a key)",
    r"\bLoadX509KeyPair\b|\bX509KeyPair\b",
    r"\bKeystore was tampered with, or password was incorrect\b|\bInvalid keystore format\b",
    JAVA_STORES,
    r"\bcreateSecureContext\b|\bSecureContext\.set(?:Key|Cert)\b|\bcontext\.set(?:Key|Cert)\(",
)), re.IGNORECASE)

# Round 16: Java servers' frames and settings (Tomcat's connector, Jetty's server connector,
# Spring Boot's embedded web server and server.ssl.*, a Kafka broker, an Elasticsearch node,
# the JDK's own server sockets).
JAVA_SERVERS = "|".join((
    r"\bSSLServerSocketFactory\b|\bcreateServerSocket\b|\bHttpsServer\b",
    r"\borg\.apache\.(?:catalina|coyote|tomcat)\.|\bSSLHostConfig\b|\bFailed to load keystore type \[",
    r"\bHttp11Nio2?Protocol\b|\bhttps-(?:jsse|openssl)-(?:nio2?|apr)-\d",
    r"\borg\.eclipse\.jetty\.server\.|\bServerConnector\b|\bSslContextFactory\$Server\b",
    r"\bWebServerException\b|\b(?:Tomcat|Jetty|Netty|Undertow)WebServer\b|\bWebServerSslBundle\b",
    r"\bSsl(?:Connector|Server|Builder)Customizer\b|\bserver\.ssl\.[a-z]",
    r"\bkafka\.(?:server|network)\.|\bKafka(?:Raft)?Server\b|\bSocketServer\b",
    r"\borg\.elasticsearch\.|\bxpack\.security\.(?:http|transport)\.ssl\b",
    # WildFly/JBoss (Elytron's ELY and the WFLY message codes), WebLogic, Undertow, Netty's
    # server builder, Quarkus's and Micronaut's server SSL settings, Vert.x's HTTP server
    r"\borg\.(?:wildfly|jboss)\.|\bWFLY[A-Z]{2,6}\d{4}\b|\bELY\d{5}\b|\bweblogic\.",
    r"\bio\.undertow\.|\bSslContextBuilder\.forServer\b|\bquarkus\.http\.ssl\b",
    r"\bmicronaut\.server\.ssl\b|\bcreateHttpServer\b",
))

# A server loading its certificate: the serve/listen/bind framing and servers' frames.
_SERVER = re.compile("|".join((
    r"\bserve(?:_forever)?\(|\bwebsockets[./]serve|\bwebsockets/server\.py\b",
    r"\baiohttp[./]web\b|\bweb\.run_app\b|\buvicorn\b|\bgunicorn\b|\bhypercorn\b",
    r"\bwerkzeug[./]serving\b|\bflask run\b|\bapp\.run\(|\bhttp\.server\b|\bsocketserver\b",
    r"\b(?:start_server|create_server|start_tls_server)\(|\bPROTOCOL_TLS_SERVER\b",
    r"\bPurpose\.CLIENT_AUTH\b|\bserver_side=True\b",
    r"\bListenAndServeTLS\b|\bServeTLS\b|\btls\.Listen\(",
    r"\b(?:https|tls|http2)\.createS(?:ecureS)?erver\b|\bServer\.setSecureContext\b",
    r"\bSSLServerSocket\b|\bssl_certificate(?:_key)?\b|\bSSLCertificate(?:Key)?File\b",
    r"\bserver\.(?:go|py|js|ts|rb|java|rs|c)\b",  # the loader's own source file, in a log
    r"\blisten(?:ing)? on\b|\bbind(?:ing)? to\b|\bstarting (?:the )?(?:https |tls )?server\b",
    JAVA_SERVERS,
)), re.IGNORECASE)

# A client loading the certificate it presents.
_CLIENT = re.compile("|".join((
    r"\bclient[ _-]?cert(?:ificate)?s?\b|\bclient[ _-]?key\b", r"\bcert=\(", r"\s--cert\b",
    r"\bs_client\b[^\n]{0,200}\s-cert\b", r"\bPROTOCOL_TLS_CLIENT\b",
    r"\bPurpose\.SERVER_AUTH\b", r"\btls\.connect\(|\bhttps\.request\(|\bAgent\(",
    # Java clients (round 16): the JDK's HTTP clients, a client socket factory, Kafka's
    # producer/consumer/admin client, the common HTTP client libraries
    r"\bHttpsURLConnection\b|\bjava\.net\.http\.HttpClient\b|\bjdk\.internal\.net\.http\.",
    r"\bSSLSocketFactory(?:Impl)?\b|\bKafka(?:Producer|Consumer)\b|\bAdminClient\b",
    r"\borg\.apache\.kafka\.clients\.|\bokhttp3\.|\borg\.apache\.(?:http|hc)\.(?:client|impl)",
    r"\bSslContextBuilder\.forClient\b|\breactor\.netty\.http\.client\.|\bRestTemplate\b",
)), re.IGNORECASE)

# A Java trust store (round 16): mostly a client's (the peer's chain is checked with it); a
# server has one only to check client certificates. A hint, like certbot's names.
_CLIENT_HINT = re.compile(r"\btrust ?store\b|\bTrustManagerFactory\b|\bcacerts\b|"
                          r"\bproblem accessing trust store\b|\bTrustStoreManager\b",
                          re.IGNORECASE)

# Certbot's file names: a hint only (see the module's docstring).
_SERVER_HINT = re.compile(r"\bfullchain(?:\.pem)?\b|/etc/letsencrypt/live/", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """party: "server", "client", "hinted" (a server, weakly), "trust" (a client, weakly: a
    Java trust store) or "unknown"; keystore: the load failure is a Java key store's."""
    party: str
    claims: tuple[tuple[Cause, float], ...]
    line: str
    keystore: bool = False


_CLAIMS: dict[str, tuple[tuple[Cause, float], ...]] = {
    "server": ((SM, 0.8), (CM, 0.2)),
    "client": ((CM, 0.8), (SM, 0.2)),
    "hinted": ((SM, 0.55), (CM, 0.4)),
    "trust": ((CM, 0.55), (SM, 0.4)),
}


def reading(text: str, best: tuple[tuple[Cause, float], ...]) -> Reading | None:
    """The load failure re-read by whose material it is; None when the text's best claims
    are not the own-material pair or no loader's words are in it."""
    if {c for c, _ in best} != OWN:
        return None
    load = LOADERS.search(text)
    if load is None:
        return None
    server, client = bool(_SERVER.search(text)), bool(_CLIENT.search(text))
    if server != client:
        party = "server" if server else "client"
    elif not server and _SERVER_HINT.search(text):
        party = "hinted"
    elif not server and _CLIENT_HINT.search(text):
        party = "trust"
    else:
        party = "unknown"
    claims = _CLAIMS.get(party) or _unsaid(best)
    start = text.rfind("\n", 0, load.start()) + 1
    end = text.find("\n", load.end())
    line = text[start:end if end >= 0 else None]
    return Reading(party=party, claims=claims, line=line,
                   keystore=bool(_KEYSTORE.search(load.group(0))))


# The loader's words that are a Java key store's (the check is keytool's, not openssl's).
_KEYSTORE = re.compile(rf"{JAVA_STORES}|\bKeystore was tampered\b|\bInvalid keystore format\b",
                       re.IGNORECASE)


# Round 21: a refusal of the PEER's missing secure-renegotiation indication (RFC 5746) is
# worded like a configuration pair (the peer's age : this side's strict policy) but is no
# one's material: the larger share belongs to the peer, whoever printed it. OpenSSL's
# SSL_R_UNSAFE_LEGACY_RENEGOTIATION_DISABLED ("unsafe legacy renegotiation disabled",
# crypto/err/openssl.txt: raised by an OpenSSL 3 client whose peer's ServerHello lacks the
# indication, and by a server asked to renegotiate by a client without it, "Server
# attempting to renegotiate with client that doesn't support secure renegotiation", ssl/
# statem/statem.c; BoringSSL keeps the name), GnuTLS's
# GNUTLS_E_SAFE_RENEGOTIATION_FAILED ("Safe renegotiation failed") and
# GNUTLS_E_UNSAFE_RENEGOTIATION_DENIED ("Unsafe renegotiation denied", lib/errors.c).
_PEER_LACKS = re.compile(
    r"\bunsafe legacy renegotiation disabled\b|\bUNSAFE_LEGACY_RENEGOTIATION_DISABLED\b|"
    r"\bSafe renegotiation failed\b|\bGNUTLS_E_SAFE_RENEGOTIATION_FAILED\b|"
    r"\bUnsafe renegotiation denied\b|\bGNUTLS_E_UNSAFE_RENEGOTIATION_DENIED\b", re.IGNORECASE)


def peer_lacks(line: str) -> bool:
    """True when ``line`` refuses the peer for lacking secure renegotiation."""
    return _PEER_LACKS.search(line) is not None


def names_own(line: str, *, server: bool) -> bool:
    """Whether ``line``'s own words say its printer is the loader: a server's serving words,
    or a client's words for the certificate it presents (round 23)."""
    return (_SERVER if server else _CLIENT).search(line) is not None


def java_store(line: str) -> bool:
    """Whether ``line`` is a Java key or trust store's load failure (round 16)."""
    return _KEYSTORE.search(line) is not None


def _unsaid(best: tuple[tuple[Cause, float], ...]) -> tuple[tuple[Cause, float], ...]:
    """Nothing says who loads it: the table's order, both below 0.6."""
    first, second = best[0][0], best[1][0]
    return ((first, 0.5), (second, 0.45))
