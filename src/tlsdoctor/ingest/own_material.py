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
    r"\bcreateSecureContext\b|\bSecureContext\.set(?:Key|Cert)\b|\bcontext\.set(?:Key|Cert)\(",
)), re.IGNORECASE)

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
)), re.IGNORECASE)

# A client loading the certificate it presents.
_CLIENT = re.compile("|".join((
    r"\bclient[ _-]?cert(?:ificate)?s?\b|\bclient[ _-]?key\b", r"\bcert=\(", r"\s--cert\b",
    r"\bs_client\b[^\n]{0,200}\s-cert\b", r"\bPROTOCOL_TLS_CLIENT\b",
    r"\bPurpose\.SERVER_AUTH\b", r"\btls\.connect\(|\bhttps\.request\(|\bAgent\(",
)), re.IGNORECASE)

# Certbot's file names: a hint only (see the module's docstring).
_SERVER_HINT = re.compile(r"\bfullchain(?:\.pem)?\b|/etc/letsencrypt/live/", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """party: "server", "client", "hinted" (a server, weakly) or "unknown"."""
    party: str
    claims: tuple[tuple[Cause, float], ...]
    line: str


_CLAIMS: dict[str, tuple[tuple[Cause, float], ...]] = {
    "server": ((SM, 0.8), (CM, 0.2)),
    "client": ((CM, 0.8), (SM, 0.2)),
    "hinted": ((SM, 0.55), (CM, 0.4)),
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
    else:
        party = "unknown"
    claims = _CLAIMS.get(party) or _unsaid(best)
    start = text.rfind("\n", 0, load.start()) + 1
    end = text.find("\n", load.end())
    return Reading(party=party, claims=claims, line=text[start:end if end >= 0 else None])


def _unsaid(best: tuple[tuple[Cause, float], ...]) -> tuple[tuple[Cause, float], ...]:
    """Nothing says who loads it: the table's order, both below 0.6."""
    first, second = best[0][0], best[1][0]
    return ((first, 0.5), (second, 0.45))
