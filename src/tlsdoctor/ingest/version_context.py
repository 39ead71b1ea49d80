"""A version, suite or key-strength refusal read by its direction and its context.

"unsupported protocol", "tlsv1 alert protocol version", "The server selected protocol version
TLS10 is not accepted by client preferences", "tls: server selected unsupported protocol
version 301", "dh key too small", ``SSL_ERROR_NO_CYPHER_OVERLAP``, "do not possess a common
algorithm"... all say the two sides share no version, suite or acceptable key. The fix
depends on WHICH side is old or strict, and that is in two places:

1. the wording's direction (``WORDINGS``): a client that refuses what the server chose
   ("server selected ... not accepted") or the server's material ("dh key too small") says
   the server is the old one; a client that received ``protocol_version`` says only that the
   server refused the client's offer: an old client, or a current one meeting an old server
   (TLS 1.0 only) or a server that requires TLS 1.3; a current library's version does not
   tell them apart (the TLS 1.3-only server of the client matrix); "No appropriate protocol" / "no protocols
   available" are the client's own configuration, before any byte was sent;
2. the context words (``HINTS``): an old server or device (IIS 6, a printer, iLO, iDRAC,
   SQL Server 2008), an old client (Java 7, Python 2.6, Windows 7, OpenSSL 0.9.8, Android 4),
   the client pinning a version (``--tlsv1.3``, ``PROTOCOL_TLSv1``, ``MinVersion``,
   ``-Djdk.tls.client.protocols``) or the client's default policy named (SECLEVEL,
   crypto-policies, ``jdk.tls.disabledAlgorithms``, App Transport Security).

The reading's pattern id is ``version.<kind>.<hint>.<party>.<program>``: the judgement reads
the party from it (diagnosis/rules/_text.py), the fixes the program and the hint
(fixes/version_text.py). docs/explain-upstream.md "Round 13: version, suite or the client's
policy" gives each number's reason. Like the pattern tables, this reads words into claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from ..causes import Cause

__all__ = ["CLASS", "HINTS", "WORDINGS", "Reading", "Wording", "reading"]

Causes = tuple[tuple[Cause, float], ...]
PVM, CSM = Cause.PROTOCOL_VERSION_MISMATCH, Cause.CIPHER_SUITE_MISMATCH
WEAK_SUITE, WEAK_KEY = Cause.WEAK_CIPHER_OR_NO_PFS, Cause.WEAK_SIGNATURE_OR_KEY
CM = Cause.CLIENT_MISCONFIGURATION

# The causes this class is about; a text whose best reading is another cause (a name, a
# date, a trust failure, plaintext on the port) is left alone whatever words it also has.
CLASS = frozenset({PVM, CSM, WEAK_SUITE, WEAK_KEY, CM, Cause.SNI_REQUIRED_OR_MISMATCH,
                   Cause.CLIENT_CERT_REQUIRED, Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE,
                   Cause.SERVER_MISCONFIGURATION})

# What the refusal is about -> the cause it names when the side that is old is the server.
KIND_CAUSE = {"version": PVM, "suite": CSM, "dh": WEAK_SUITE, "key": WEAK_KEY, "sig": WEAK_KEY}


@dataclass(frozen=True, slots=True, kw_only=True)
class Wording:
    stack: str
    regex: str
    kind: str  # "version", "suite", "dh", "key", "sig"
    # "server_old": the client refused what the server chose or sent; "refused": the server
    # refused the client's offer (an old client, or a current client meeting an old server); "local": the client's own settings left nothing to offer;
    # "either": nothing says which side
    direction: str
    source: str  # where the wording is printed (upstream path + version)
    base: Causes = ()  # the reading without context words; () keeps the tables' reading


_OSSL3 = "OpenSSL ssl/ssl_err.c (openssl-3.0.21, OpenSSL_1_1_1w; upstream/openssl.json)"
_JDK = "OpenJDK java.base sun/security/ssl"

WORDINGS: tuple[Wording, ...] = (
    # OpenSSL, and every program printing its reasons (curl, Python, Node, PHP, Ruby...)
    Wording(stack="openssl", kind="version", direction="server_old", source=_OSSL3,
            # OpenSSL's reason, not NSS's "unsupported protocol version" nor Chrome's page
            regex=r"(?<!an )\bunsupported protocol\b(?! version)|(?<![A-Z])UNSUPPORTED_PROTOCOL\b"),
    Wording(stack="openssl", kind="version", direction="local", source=_OSSL3,
            regex=r"\bno protocols available\b|(?<![A-Z])NO_PROTOCOLS_AVAILABLE\b"),
    Wording(stack="openssl", kind="version", direction="refused", source=_OSSL3,
            regex=r"\btlsv1 alert protocol version\b|TLSV1_ALERT_PROTOCOL_VERSION\b"),
    # OpenSSL 3 at SECLEVEL >= 1 cannot sign TLS 1.0/1.1's MD5+SHA-1 handshake
    Wording(stack="openssl", kind="version", direction="server_old", source=_OSSL3,
            regex=r"\blegacy sigalg disallowed or unsupported\b|LEGACY_SIGALG_DISALLOWED"),
    Wording(stack="openssl", kind="dh", direction="server_old", source=_OSSL3,
            regex=r"\bdh key too small\b|DH_KEY_TOO_SMALL\b"),
    Wording(stack="openssl", kind="key", direction="server_old", source=_OSSL3,
            regex=r"\bee key too small\b|EE_KEY_TOO_SMALL\b"),
    Wording(stack="openssl", kind="sig", direction="server_old", source=_OSSL3,
            regex=r"\bca md too weak\b|CA_MD_TOO_WEAK\b"),
    Wording(stack="openssl", kind="suite", direction="either", source=_OSSL3,
            regex=r"\bno shared cipher\b|NO_SHARED_CIPHER\b"),
    Wording(stack="openssl", kind="suite", direction="local", source=_OSSL3,
            regex=r"\bno ciphers available\b|NO_CIPHERS_AVAILABLE\b"),
    # Java (JSSE)
    Wording(stack="java", kind="version", direction="local",
            source=f"{_JDK}/HandshakeContext.java (jdk-25.0.3+9; upstream/java.json)",
            regex=r"\bNo appropriate protocol\b"),
    Wording(stack="java", kind="version", direction="server_old",
            source="OpenJDK 8 sun/security/ssl/ClientHandshaker.java (serverHello)",
            regex=r"\bServer chose \S{4,10}, but that protocol version is not enabled",
            base=((PVM, 0.85), (CM, 0.35))),
    Wording(stack="java", kind="version", direction="server_old",
            source=f"{_JDK}/ServerHello.java (jdk-25.0.3+9; upstream/java.json)",
            regex=r"\bThe server selected protocol version \S{3,10} is not accepted by client"),
    Wording(stack="java", kind="version", direction="refused",
            source=f"{_JDK}/Alert.java", regex=r"\bReceived fatal alert: protocol_version\b"),
    # the ephemeral DH key is checked in DHKeyExchange: a key-exchange weakness, not a cert's
    Wording(stack="java", kind="dh", direction="server_old",
            source=f"{_JDK}/DHKeyExchange.java (jdk-25.0.3+9; upstream/java.json)",
            regex=r"\bDHPublicKey does not comply to algorithm constraints\b|"
                  r"\bDH ServerKeyExchange does not comply to algorithm constraints\b",
            base=((WEAK_SUITE, 0.9), (CM, 0.15))),
    Wording(stack="java", kind="sig", direction="server_old",
            source="OpenJDK sun/security/provider/certpath/AlgorithmChecker.java",
            regex=r"\bAlgorithm constraints check failed on "),
    # Go crypto/tls (go1.19 handshake_client.go, handshake_server.go, alert.go)
    Wording(stack="go", kind="version", direction="server_old",
            source="Go 1.19.8 src/crypto/tls/handshake_client.go (upstream/go.json)",
            regex=r"\btls: server selected unsupported protocol version [0-9a-fx]{3,6}\b",
            base=((PVM, 0.9), (CM, 0.35))),
    Wording(stack="go", kind="version", direction="refused",
            source="Go 1.19.8 src/crypto/tls/alert.go", regex=r"\btls: protocol version not supported\b"),
    Wording(stack="go", kind="suite", direction="either",
            source="Go 1.19.8 src/crypto/tls/handshake_server.go",
            regex=r"\btls: no cipher suite supported by both client and server\b"),
    # .NET / Schannel (SEC_E_ALGORITHM_MISMATCH 0x80090331, SEC_E_UNSUPPORTED_FUNCTION)
    Wording(stack="dotnet", kind="version", direction="either",
            source="mingw-w64 winerror.h SEC_E_ALGORITHM_MISMATCH; .NET Strings.resx",
            regex=r"\bdo not possess a common algorithm\b|SEC_E_ALGORITHM_MISMATCH|0x80090331"),
    Wording(stack="dotnet", kind="version", direction="either",
            source="mingw-w64 winerror.h SEC_E_UNSUPPORTED_FUNCTION (0x80090302)",
            regex=r"SEC_E_UNSUPPORTED_FUNCTION|0x80090302"),
    # Apple SecureTransport: errSSLPeerProtocolVersion (-9836)
    Wording(stack="apple", kind="version", direction="either",
            source="Apple Security SecureTransport.h errSSLPeerProtocolVersion = -9836",
            regex=r"\berrSSLPeerProtocolVersion\b|(?<![\d-])-9836\b",
            base=((PVM, 0.7), (CM, 0.2))),
    # GnuTLS lib/errors.c (3.7.9)
    Wording(stack="gnutls", kind="version", direction="server_old",
            source="GnuTLS lib/errors.c GNUTLS_E_UNSUPPORTED_VERSION_PACKET (upstream/gnutls.json)",
            regex=r"\bA packet with illegal or unsupported version was received\b"),
    Wording(stack="gnutls", kind="suite", direction="either",
            source="GnuTLS lib/errors.c GNUTLS_E_NO_CIPHER_SUITES (upstream/gnutls.json)",
            regex=r"\bCould not negotiate a supported cipher suite\b"),
    # browsers: a current browser refusing is the server being old
    Wording(stack="chrome", kind="suite", direction="either",
            source="Chromium net/base/net_error_list.h (upstream/chrome.json)",
            regex=r"\bERR_SSL_VERSION_OR_CIPHER_MISMATCH\b"),
    Wording(stack="chrome", kind="version", direction="server_old",
            source="Chromium net/base/net_error_list.h NET_ERROR(SSL_OBSOLETE_VERSION, -218)",
            regex=r"\bERR_SSL_OBSOLETE_VERSION(?:_OR_CIPHER)?\b",
            base=((PVM, 0.85), (WEAK_SUITE, 0.3))),
    Wording(stack="firefox", kind="version", direction="server_old",
            source="NSS lib/ssl/sslerr.h SSL_ERROR_UNSUPPORTED_VERSION (upstream/nss.json)",
            regex=r"\bSSL_ERROR_UNSUPPORTED_VERSION\b"),
    Wording(stack="firefox", kind="suite", direction="server_old",
            source="NSS lib/ssl/sslerr.h SSL_ERROR_NO_CYPHER_OVERLAP (upstream/nss.json)",
            regex=r"\bSSL_ERROR_NO_CYPHER_OVERLAP\b"),
    # rustls Error::PeerIncompatible (rustls/src/error.rs, 0.21-0.23)
    Wording(stack="rustls", kind="suite", direction="either",
            source="rustls rustls/src/error.rs PeerIncompatible::NoCipherSuitesInCommon",
            regex=r"\bno ciphersuites in common\b|\bNoCipherSuitesInCommon\b",
            base=((CSM, 0.85), (PVM, 0.3), (CM, 0.2))),
    Wording(stack="rustls", kind="version", direction="server_old",
            source="rustls rustls/src/error.rs PeerIncompatible::ServerDoesNotSupportTls12Or13",
            regex=r"\bServerDoesNotSupportTls12Or13\b|\bserver does not support TLS v1\.2/v1\.3\b",
            base=((PVM, 0.9), (CM, 0.2))),
    # mbedTLS library/error.c
    Wording(stack="mbedtls", kind="suite", direction="either",
            source="mbedTLS library/error.c MBEDTLS_ERR_SSL_NO_CIPHER_CHOSEN (upstream/mbedtls.json)",
            regex=r"\bThe server has no ciphersuites in common with the client\b"),
)

# Context words, most telling first: a pinned client setting, an old client, an old server or
# device, the client's default policy named. Each is a whole word or a product name.
HINTS: tuple[tuple[str, str], ...] = (
    # the client forbids the newer versions a server needs... (pin_low) / the older (pin_high)
    ("pin_high", r"--tlsv1\.3\b|--tls-min-v1\.3\b|-tls1_3\b|\bMinVersion:?\s*tls\.VersionTLS13\b"
                 r"|\bminVersion:?\s*['\"]TLSv1\.3['\"]|jdk\.tls\.client\.protocols=\"?TLSv1\.3\b"
                 r"|@SECLEVEL=[3-5]\b|\bSECLEVEL\s*=\s*[3-5]\b|\bMinProtocol\s*=\s*TLSv1\.3\b"
                 r"|update-crypto-policies --set FUTURE\b|\bSslProtocols\.Tls13\b"),
    ("pin_low", r"--tlsv1(?:\.[01])?\b(?!\.[23])|--tls-max 1\.[01]\b|--sslv3\b|-tls1(?:_1)?\b"
                r"|\bssl\.PROTOCOL_(?:TLSv1(?:_1)?|SSLv3)\b|\bssl_version\s*=|\bPROTOCOL_TLSv1\b"
                r"|\bSslProtocols\.(?:Tls|Tls11|Ssl3)\b|SecurityProtocolType\.(?:Tls|Ssl3)\b"
                r"|\bMaxVersion:?\s*tls\.VersionTLS1[01]\b|-Dhttps\.protocols=TLSv1(?:\.1)?\b(?!\.2)"
                r"|\bsetEnabledProtocols\b|\bsecureProtocol:?\s*['\"]TLSv1_method"),
    ("old_client", r"\b(?:Java|JDK|JRE) ?(?:1\.)?[4-7](?:u\d{1,3})?\b|\bjdk1\.[4-7]"
                   r"|\bPython ?2\.[3-6]\b|\bPython 2\.7\.[0-8]\b|\bWindows (?:XP|Vista|7)\b"
                   r"|\bOpenSSL ?0\.9\.\d|\bOpenSSL09[78]\b|\bOpenSSL 1\.0\.0\b|\bAndroid ?[1-4](?:\.\d)*\b"
                   r"|\bKitKat\b|\bJelly ?Bean\b|\b(?:Mac )?OS X 10\.(?:[0-9]|10)\b"
                   r"|\.NET Framework (?:[23]\.\d|4\.[0-5])\b|\bCentOS [56]\b|\bRHEL ?[56]\b"),
    ("old_server", r"\bIIS ?[5-7](?:\.\d)?\b|\bWindows Server 200[03]\b|\bSQL Server 200[058]\b"
                   r"|\bprinters?\b|\biLO ?[1-4]?\b|\biDRAC ?[5-7]?\b|\bIPMI\b|\bBMC\b"
                   r"|\bembedded (?:device|web server)\b|\bappliance\b|\bfirmware\b"
                   r"|\bold (?:server|device)\b|\blegacy (?:server|device|system)\b"
                   r"|\bExchange 20(?:07|10)\b|\bonly (?:supports?|speaks?|offers?) "
                   r"(?:TLS ?v?1\.[01]|SSLv3|RC4|3DES|CBC)|\bTLS ?v?1\.[01] only\b"),
    ("policy", r"\bSECLEVEL\b|\bcrypto-polic(?:y|ies)\b|\bjdk\.tls\.disabledAlgorithms\b"
               r"|\bjdk\.certpath\.disabledAlgorithms\b|/java\.security\b"
               r"|\bApp Transport Security\b|\bNSAppTransportSecurity\b|\bCipherString\b"),
)
# case is ignored: a logger may have changed it (posting.py), and none of these words
# means something else in another case
_HINT_RXS = tuple((name, re.compile(rx, re.IGNORECASE)) for name, rx in HINTS)
_WORDING_RXS = tuple((w, re.compile(w.regex, re.IGNORECASE)) for w in WORDINGS)


# The program that printed OpenSSL's or another library's words, for its own fix snippet.
_PROGRAMS = tuple((name, re.compile(rx)) for name, rx in (
    ("curl-openssl", r"\bcurl: \(\d{1,2}\)|^\$ curl\b|\bcurl -"),
    ("python", r"\(_ssl\.c:\d+\)|\bssl\.SSL|\brequests\.exceptions\b|\burllib"),
    ("node", r"\bEPROTO\b|\bcode: '(?:ERR_SSL|EPROTO)|\bnode:"),
    ("openssl", r"\bs_client\b|\bCONNECTED\(0"),
))


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    wording: Wording
    program: str  # who printed it: a _PROGRAMS name, or the wording's stack
    hint: str  # a HINTS name, or "none"
    party: str  # "server", "client" or "either"
    claims: Causes
    meaning: str
    line: str


def hint_of(text: str) -> tuple[str, str]:
    """(hint name, the words) for the first context words found, ("none", "") otherwise."""
    found = first_found(text, _HINT_RXS)
    return (found[0], found[1].group(0)) if found is not None else ("none", "")


_T = TypeVar("_T")


def first_found(text: str, compiled: Iterable[tuple[_T, re.Pattern[str]]]
                ) -> tuple[_T, re.Match[str]] | None:
    """The first ``(item, match)`` of ``compiled`` whose regex is in ``text``, or None (a
    table's first wording found: here and refusal.py)."""
    for item, rx in compiled:
        m = rx.search(text)
        if m is not None:
            return item, m
    return None


def reading(text: str, best: Causes) -> Reading | None:
    """The text's refusal re-read by its direction and context, or None when no wording of
    the class is in it or its best reading is another class's."""
    if best and best[0][0] not in CLASS:
        return None
    found = first_found(text, _WORDING_RXS)
    if found is None:
        return None
    w, m = found
    hint, words = hint_of(text)
    claims, party = _claims(w, hint, best)
    if not claims:
        return None  # nothing read it, and the wording alone names no cause
    said = f" ({words.strip()})" if words else ""
    program = next((n for n, rx in _PROGRAMS if rx.search(text)), w.stack) \
        if w.stack == "openssl" else w.stack
    return Reading(wording=w, program=program, hint=hint, party=party, claims=claims,
                   line=_line(text, m.start()),
                   meaning=f"{_MEANING[w.kind]}; {_WHO[(hint, party)]}{said}")


def _claims(w: Wording, hint: str, best: Causes) -> tuple[Causes, str]:
    """(claims, party) for a wording in its context; the reasons are in the module doc."""
    b = KIND_CAUSE[w.kind]
    weak = w.kind in ("dh", "key", "sig")
    if hint == "old_client" and not weak:
        # an outdated library is the client's: SPEC lists it under client_misconfiguration,
        # but the words name the versions; the threads' own labels put the versions first
        return ((b, 0.85), (CM, 0.6)), "client"
    if hint in ("pin_high", "pin_low"):
        if hint == "pin_low" and w.direction != "local":
            return ((b, 0.85), (CM, 0.75)), "client"  # an old version forced: still versions
        return ((CM, 0.85), (b, 0.6)), "client"
    if hint == "old_server" or (hint == "policy" and not weak):
        return ((b, 0.9), (CM, 0.5 if hint == "policy" else 0.3)), "server"
    if weak:
        return w.base or ((b, 0.9), (CM, 0.15)), "server"
    party = "server" if w.direction == "server_old" else "either"
    return (w.base or best), party


_MEANING = {"version": "the two sides share no TLS version",
            "suite": "the two sides share no cipher suite",
            "dh": "the server's Diffie-Hellman key is too small for this client",
            "key": "the server's certificate key is too small for this client",
            "sig": "a certificate's signature algorithm (SHA-1, MD5) is refused by this client"}
_WHO = {("pin_high", "client"): "the client is pinned to newer versions than the server has",
        ("pin_low", "client"): "the client is pinned to an old version the server refuses",
        ("old_client", "client"): "the client is too old for the server",
        ("old_server", "server"): "the server is too old for this client",
        ("policy", "server"): "the client's security policy refuses the old server",
        ("policy", "client"): "the client's policy refuses the server's material",
        ("old_client", "server"): "the server's material is refused",
        ("none", "server"): "by the words, the server is the old side",
        ("none", "either"): "nothing says which side is old"}


def _line(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start:end if end >= 0 else len(text)]
