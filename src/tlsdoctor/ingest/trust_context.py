"""A chain-trust failure read by the context its text carries: one rule for every stack.

"Unknown issuer", "unable to get local issuer certificate", "self-signed certificate in
certificate chain", "PKIX path building failed", ``SEC_ERROR_UNKNOWN_ISSUER``,
``CERT_E_UNTRUSTEDROOT``, ``errSecNotTrusted``, "x509: certificate signed by unknown
authority"... say only that the chain did not lead to a root this client trusts. Who is at
fault is outside the words: a re-signing proxy or security product, this client's own CA
store, a private CA the client was never given, a self-signed server, a server without its
intermediate. What tells them apart is the context around the words, whichever program
printed them:

1. explicit environment words (an inspection product, antivirus, a corporate proxy or
   network, a VPN; ENVIRONMENT) -> the connection was re-signed, confidently;
2. explicit client-store words (a slim/alpine image, ca-certificates, certifi, the CA
   variables, cacerts/keystores, old Android/Java, DST Root CA X3; CLIENT_STORE) -> this
   client's own trust anchors;
3. a big public host (``hostclass``): its public chain is certain, so the server is not at
   fault -> re-signing, then this client's store;
4. a private host -> a private CA or a self-signed server the client was not given;
5. none of these -> the program's own reading (its printer's prior), never above 0.55, with
   the check that tells them apart (``tlsdoctor diagnose HOST`` from this machine shows
   which chain arrives: its issuer names an inspection product or a public CA).

The rows (``ROWS``) are per *wording kind* (``KINDS``): a self-signed leaf, a self-signed
root in the chain, an issuer not found, a leaf whose issuer never came, an unknown issuer
that could be any of them. docs/explain-upstream.md "Round 12: trust failures in context"
gives the reasons for each number. This module reads facts and words into claims, like the
pattern tables; the rules judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..addresses import is_ip
from ..causes import Cause
from .expired_ca import expiry_window
from .hostclass import NAMED, PRIVATE, PUBLIC, HostClass, classify, named_host
from .own_trust import program_of
from .patterns import causes, l10n
from .patterns.castore import STALE_ROWS
from .patterns.dbhosts import HOSTS as MANAGED_DB_HOSTS
from .patterns.harvested import DATA, entries, guesses, text_regex
from .posting import quote_folded
from .runtime_store import read as old_runtime

__all__ = ["CLUE_ROWS", "HAND_ROWS", "KINDS", "ROWS", "SERVICE", "SQLSERVER", "TRUST", "Reading",
           "kind_of", "reading", "where_of"]

Causes = tuple[tuple[Cause, float], ...]

# The causes a chain-trust failure is about: the reading is re-ranked only when the text's
# best reading is one of these (a text whose best reading is an expiry or a name mismatch
# is left alone, whatever trust words it also holds).
TRUST = frozenset({Cause.TLS_INTERCEPTION_MITM, Cause.CLIENT_MISCONFIGURATION,
                   Cause.CERT_UNTRUSTED_ROOT, Cause.CERT_SELF_SIGNED, Cause.INCOMPLETE_CHAIN})

_ID = "(?-i:{})"  # identifiers are matched as written


def _ids(*names: str) -> str:
    # also as OpenSSL's macro names print them (X509_V_ERR_*: Squid's error page, Envoy)
    return "|".join(rf"(?<![A-Za-z0-9_])(?:X509_V_ERR_)?{_ID.format(n)}(?![A-Za-z0-9_])"
                    for n in names)


# (kind, regex): the first kind whose regex the text holds. Sources: OpenSSL
# crypto/x509/x509_txt.c (1.1.1 "self signed", 3.x "self-signed"; X509_V_ERR_* names as Node
# prints them), NSS SECerrs.h and mozpkix pkixnss.h, Firefox's pipnss.properties and
# certError.ftl, Chromium net_error_list.h, Go crypto/x509 verify.go, OpenJDK
# sun.security.validator / certpath, Android Conscrypt TrustManagerImpl, winerror.h /
# wincrypt.h / .NET X509ChainStatusFlags, Apple SecureTransport.h and SecBase.h, rustls/webpki
# Error, GnuTLS lib/x509/verify.c and gnutls-cli, wget src/openssl.c and src/gnutls.c,
# mbedTLS x509.h, wolfSSL error-crypt.h, Erlang/OTP ssl alerts and pkix_path_validation
# reasons, curl lib/vtls/*.c, Postfix tls_verify.c (each harvested under upstream/).
KINDS: tuple[tuple[str, str], ...] = (
    # wget prints one sentence for OpenSSL's 18 and 19 (src/openssl.c).
    ("self_signed", r"\bSelf-signed certificate encountered\b"),
    ("self_signed_leaf",
     r"(?<![\w-])self[- ]signed certificate(?!s)(?! in (?:the )?certificate chain)|"
     + _ids("DEPTH_ZERO_SELF_SIGNED_CERT", "MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT",
            "ASN_SELF_SIGNED_E") +
     r"|\bcertificate is (?:not trusted because it is )?self-signed\b|\bselfsigned_peer\b|"
     r"\bASN self-signed certificate error\b"),
    ("self_signed_in_chain",
     r"\bself[- ]signed certificate in (?:the )?certificate chain\b|"
     r"\bThe root certificate of the certificate chain is self-signed, and untrusted\b|"
     + _ids("SELF_SIGNED_CERT_IN_CHAIN")),
    ("issuer_not_found",
     r"\bunable to get (?:local )?issuer certificate\b|"
     # Qt's QSslError texts (qt/qtbase src/network/ssl/qsslerror.cpp @ 1a88b2f768e8)
     r"\bThe issuer certificate (?:of a locally looked up certificate )?could not be found\b|"
     r"\bUnable to locally verify the issuer's authority\b|"
     r"\bcertificate issuer \(CA\) not known\b|"  # Squid's error-details.txt
     + _ids("UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "UNABLE_TO_GET_ISSUER_CERT")),
    ("leaf_unverifiable",
     r"\bunable to verify the first certificate\b|\bno issuer chain was provided\b|"
     r"\bthe certificate chain is incomplete\b|\bNo certificates could be verified\b|"
     + _ids("UNABLE_TO_VERIFY_LEAF_SIGNATURE", "CERT_TRUST_IS_PARTIAL_CHAIN", "PartialChain")),
    ("unknown_issuer",
     r"\bcertificate signed by unknown authority\b|\bPKIX path building failed\b|"
     r"\bunable to find valid certification path to requested target\b|"
     r"\bTrust anchor for certification path not found\b|\bNo trusted certificate found\b|"
     r"\bPeer[’']s Certificate issuer is not recognized\b|"
     r"\bis not trusted by your computer's operating system\b|"
     r"\bThe certificate chain was issued by an authority that is not trusted\b|"
     r"\bbased on an untrusted root\b|\bterminated in a root certificate which is not trusted\b|"
     r"\bUnknownIssuer\b|\b(?:The|peer's) certificate issuer is unknown\b|\bsigner not found\b|"
     r"\bpeer's certificate is NOT trusted\b|"  # WeeChat's irc-server.c (GnuTLS status)
     # Apple's SecTrust sentence (SecFrameworkStrings.h SEC_TRUST_ERROR_SUBTYPE_TRUST), as Go
     # on macOS prints it: x509: “name” certificate is not trusted
     r"[”\"] certificate is not trusted\b|"
     # libldap over GnuTLS: the status with GNUTLS_CERT_SIGNER_NOT_FOUND (0x40) set
     r"\bpeer cert untrusted or revoked \(0x[0-9a-f]{0,6}[4-7c-f][0-9a-f]\)|"
     r"\bdoesn't have a known issuer\b|\bnot correctly signed by the trusted CA\b|"
     r"\bno (?:CA )?signer to (?:confirm|verify)\b|"
     r"\bgenerated CLIENT ALERT: Fatal - Unknown CA\b|\{bad_cert, ?unknown_ca\}|"
     r"\bPeer certificate cannot be authenticated with (?:given|known) CA certificates\b|"
     r"\bchain could not be linked to a trust anchor\b|\buntrusted issuer\b|"
     r"\bUntrusted root certificate\b|\bvalid cert chain, untrusted root\b|"
     r"\bcert chain not verified by root\b|\bcertificate not trusted\b|"
     r"\bissuer certificate is (?:unknown|not trusted)\b|"
     r"\bdoes not come from a trusted source\b|\bcertificate signer not trusted\b|"
     r"\bCA signer not available for verification\b|\bNo root certificate\b|"
     r"\bnot trusted by local or TLSA policy\b|\bInvalid certificate chain\b|"
     r"\bcertificates required to validate this certificate cannot be found\b|"
     r"\bCould not establish trust relationship for the SSL/TLS secure channel\b|"
     r"(?:Code=|CodeKey=|OSStatus |failed\(|error |3:)-(?:98(?:07|12|13)|67843)\b|"
     + _ids("SEC_ERROR_UNKNOWN_ISSUER", "ERR_CERT_AUTHORITY_INVALID", "SEC_E_UNTRUSTED_ROOT",
            "ERR_QUIC_CERT_ROOT_NOT_KNOWN", "SEC_E_ISSUING_CA_UNTRUSTED", "CERT_E_UNTRUSTEDCA",
            "CERT_E_UNTRUSTEDTESTROOT", "errSecCreateChainFailed",
            "CERT_E_UNTRUSTEDROOT", "CERT_E_CHAINING", "CERT_TRUST_IS_UNTRUSTED_ROOT",
            "UntrustedRoot", "errSecNotTrusted", "errSSLXCertChainInvalid",
            "errSSLUnknownRootCert", "errSSLNoRootCert", "MBEDTLS_X509_BADCERT_NOT_TRUSTED",
            "BADCERT_NOT_TRUSTED", "ASN_NO_SIGNER_E", "GNUTLS_CERT_SIGNER_NOT_FOUND",
            "BR_ERR_X509_NOT_TRUSTED")),
    # A verification failure that names no reason (curl/git over GnuTLS, OpenSSL's bare
    # error queue as PHP streams, libpq and Perl print it, .NET's validation procedure,
    # curl's exit-60 text): re-ranked only where the context alone decides (a big public
    # host, environment or client-store words); elsewhere its own reading stays, capped and
    # strictly ordered like any text without context.
    ("unverified",
     r"\bserver certificate verification failed\. CAfile:|"
     r"\bcertificate verify failed\b(?!: ?[a-z]| ?\([a-z])|"
     r"\bThe remote certificate is invalid according to the validation procedure\b|"
     r"\bSSL peer certificate or SSH remote key was not OK\b|"
     # Round 15: Java's SSLPeerUnverifiedException (sun/security/ssl/SSLSessionImpl.java,
     # the peer's certificates asked for after a handshake that did not verify them, as
     # Apache HttpClient 4 and Gradle print it) and OpenWrt's uclient-fetch
     # (UCLIENT_ERROR_SSL_INVALID_CERT: any verify failure but a name mismatch)
     r"\bpeer not authenticated\b|\bConnection error: Invalid SSL certificate\b|"
     + _ids("CERTIFICATE_VERIFY_FAILED")),
)


def _localised(kind: str, rx: str) -> str:
    """The kind's regex, and Windows' and .NET's messages in other languages whose English
    sentence it holds (patterns/l10n_windows.json: "Die Zertifikatkette wurde von einer
    nicht vertrauenswürdigen ..." is SEC_E_UNTRUSTED_ROOT's), so a translated text gets the
    same context reading (a proxy's name, a public host) as its English."""
    if kind not in ("unknown_issuer", "unverified"):
        return rx
    english = re.compile(rx, re.IGNORECASE)
    extra = [made[0] for e in l10n.windows_entries() if english.search(e["english"])
             and (made := l10n.to_regex(e["text"])) is not None]
    return "|".join([rx, *extra])


_KIND_RX = tuple((k, re.compile(_localised(k, rx), re.IGNORECASE)) for k, rx in KINDS)

# Explicit environment words: the names of inspection products (pki.interception's vendors)
# and antivirus suites that scan HTTPS (their vendors' documentation of HTTPS/SSL scanning),
# the words for inspection itself, and a corporate/company network, proxy or VPN the
# client is behind. A bare "proxy" is not one (a reverse proxy, nginx's proxy_pass); the
# program's own advice ("If you are on a corporate network...", Firefox's page) is removed
# first (``_advice``). AVG only in capitals: "avg" is every statistics line's average
# (unbound's "requestlist max 0 avg 0" made its DoT log read as an inspection product).
_PRODUCTS = (r"Zscaler|Netskope|goskope|Fortinet|FortiGate|FortiClient|Palo Alto Networks|"
             r"GlobalProtect|Cisco Umbrella|Blue ?Coat|ProxySG|Forcepoint|Websense|Sophos|"
             r"WatchGuard|Barracuda|Check ?Point|Kaspersky|ESET|Avast|(?-i:AVG)|Bitdefender|"
             r"BullGuard|Norton|McAfee|Avira|Trend ?Micro|Webroot|mitmproxy|Burp Suite|"
             r"PortSwigger|Fiddler|Charles Proxy|Cloudflare WARP|Cloudflare Gateway|"
             r"Cloudflare for Teams|Lightspeed|Securly|iboss|Menlo Security|Skyhigh|"
             r"Proxyman|HTTP Toolkit|Cato Networks|iSheriff|"
             r"Symantec (?:WSS|Web Security)|AdGuard|Livigent")
_INSPECTION = (r"(?:SSL|TLS|HTTPS)[ -](?:inspection|scanning|interception|decryption|"
               r"filtering|introspection)|deep[ -]packet[ -]inspection|deep inspection|"
               r"(?:web|mail) shield|anti-?virus|security (?:software|suite|appliance)")
_WHERE = (r"(?:corporate|company(?:'s)?|enterprise|office|work|school|university|campus|"
          r"organi[sz]ation(?:'s)?)")
_NETWORK = (rf"\b{_WHERE}[ -](?:proxy|proxies|network|firewall|vpn|gateway|laptop|machine|"
            r"device|IT|root|CA)\b|"
            r"\bbehind (?:a |the |our |my |an )?(?:corporate |company |http |https )?"
            r"(?:proxy|firewall)\b|\bproxy server\b|\b(?:via|through) (?:a |the |our )?proxy\b|"
            r"\bhttps?_proxy\b|\bHTTPS?_PROXY\b|\bUses proxy env variable\b|"
            r"\bEstablish HTTP proxy tunnel\b|"
            r"\b(?:on|over|through|via|behind|connected to|using) (?:the |a |our |my )?"
            r"(?:corporate |company )?VPN\b|\bVPN (?:is |was )?(?:on|enabled|connected|active)\b")
# A product's name as a directory between two slashes is a program's own path, not the
# product on the way: Xray's and V2Ray's errors start with the Go package that made them
# (XTLS/Xray-core common/errors/errors.go @ 0c5554c88eaf1e712476763e9ad24be9d869be7e:
# New() prints runtime.FuncForPC's name after "github.com/xtls/xray-core/"), so every
# outbound failure reads "app/proxyman/outbound: ..." (app/proxyman/outbound/, same repo),
# and the Proxyman app (an intercepting proxy) was read in it.
_NOT_A_PATH = rf"(?!(?<=/)(?:{_PRODUCTS})/)"
ENVIRONMENT = re.compile(rf"\b{_NOT_A_PATH}(?:{_PRODUCTS})\b|\b(?:{_INSPECTION})\b|{_NETWORK}",
                         re.IGNORECASE)

# Explicit client-store words: a container image without a CA bundle (alpine, slim,
# distroless, scratch), the bundle packages and files, the variables and settings that
# point a client at its CA file (OpenSSL's SSL_CERT_FILE/DIR, requests' REQUESTS_CA_BUNDLE,
# curl's CURL_CA_BUNDLE, Node's NODE_EXTRA_CA_CERTS, npm's cafile, git's http.sslCAInfo,
# AWS_CA_BUNDLE, PHP's curl.cainfo/openssl.cafile), Java's cacerts and trust store, python.org
# macOS Python's "Install Certificates.command", old platforms whose stores lack today's
# roots (Android <= 7, Java 6/7, Windows XP/7, OpenSSL 1.0.x) and the roots whose expiry
# broke old stores (DST Root CA X3, AddTrust External CA Root), and Go's "cannot verify
# signature: algorithm unimplemented" (this Go cannot check the issuer's signature: an old
# library). An image *pulled* ("docker pull nginx:alpine") is not one, nor curl's "CAfile:
# /etc/ssl/certs/ca-certificates.crt" (every curl -v prints it), nor "CAfile: none" (git
# 2.39 over libcurl-gnutls prints it with the system's trust in use: measured here).
# .NET on Linux/macOS builds chains from OpenSSL's CA directory (SSL_CERT_DIR/FILE, the
# distribution's ca-certificates; a snap's confined copy; a self-built OpenSSL's own empty
# directory), not from a store that updates itself as Windows' does: a .NET SDK or runtime
# path on a Unix file system names that store (dev: 2 of 2 such NuGet threads the store).
_DOTNET_UNIX = (r"(?:/usr/(?:local/)?(?:share|lib|lib64)/dotnet|/snap/dotnet-sdk|/opt/dotnet|"
                r"/(?:home/[^/\s]{1,40}|root|Users/[^/\s]{1,40})/\.dotnet(?:-[\w-]{1,20})?)/")
CLIENT_STORE = re.compile(
    r"\b(?:alpine|slim|distroless|busybox|scratch|minimal)[- ](?:docker |container |base )?"
    r"(?:image|container)\b|\bFROM (?:alpine|scratch|[\w./:-]{1,60}-slim)\b|"
    r"\bapk add\b|\bcannot verify signature: algorithm unimplemented\b|\bca-certificates\b(?!\.crt)|\bca-bundle\.crt\b|\bcacert\.pem\b|"
    r"\bcertifi\b|\bSSL_CERT_(?:FILE|DIR)\b|\bREQUESTS_CA_BUNDLE\b|\bCURL_CA_BUNDLE\b|"
    r"\bNODE_EXTRA_CA_CERTS\b|\bAWS_CA_BUNDLE\b|\bGIT_SSL_CAINFO\b|\bsslCAInfo\b|"
    r"\bcurl\.cainfo\b|\bopenssl\.cafile\b|\bnpm config set cafile\b|\bcacerts\b|"
    r"\btrust ?store\b|\bjavax\.net\.ssl\.trustStore\b|\bkeytool\b|"
    r"\bInstall Certificates\.command\b|"
    r"\bAndroid [2-7](?:\.\d{1,2}){0,2}\b|\b(?:Java|JDK|JRE) ?[67]\b|\bjdk1\.[67]\b|"
    r"\b1\.[67]\.0_\d{1,3}\b|\bWindows (?:XP|Vista|7)\b|\bOpenSSL 0\.9|\bOpenSSL 1\.0\.|"
    r"\bDST Root CA X3\b|\bAddTrust External CA Root\b|" + _DOTNET_UNIX, re.IGNORECASE)

# Round 15: a database, broker or directory client's own words (MongoDB, PostgreSQL,
# MySQL/MariaDB, Redis, AMQP, Kafka, NATS, LDAP drivers and shells, and their URL schemes).
# Inspection products re-sign web traffic (their proxies and gateways decrypt HTTPS), not
# these protocols, and such servers mostly carry a private CA's or a self-signed
# certificate: with no host named, the private host's reading (dev: 6 such texts, none
# re-signed: self-signed 3, private CA 1, the client's CA file 1, a CA without CA:TRUE 1).
SERVICE = re.compile(
    r"\bMongo(?:ServerSelection|Network|Socket)?(?:Error|Exception)\b|\bpymongo\b|"
    r"\bcom\.mongodb\b|\bmongosh\b|\bpsql:|\blibpq\b|\bpsycopg2?\b|\borg\.postgresql\b|"
    r"\bPSQLException\b|\bERROR 20(?:26|13) \(HY000\)|\bMySQLdb\b|\bmysql\.connector\b|"
    r"\bcom\.mysql\b|\bmysqli\b|\bpymysql\b|\bredis\.exceptions\b|\bioredis\b|\bRedis::|"
    r"\bredis-cli\b|"
    # Round 18 (a second wild sample): node-redis 3's own wrapper of a socket error
    # ("Redis connection to <host:port> failed - ", index.js on_error, redis/node-redis @
    # b9540d49650f) and node-redis 4+'s README idiom that apps copy
    # (`console.log('Redis Client Error', err)`, packages/redis/README.md @ b2d35c528654):
    # Heroku's Key-Value Store serves a self-signed chain (nextjs-turbo-redis-cache#24)
    r"\bRedis connection to \S{1,200} failed - |\bRedis Client Error\b|"
    r"\bAMQPConnectionError\b|\blibrdkafka\b|\borg\.apache\.kafka\b|"
    r"\bKafkaError\b|\bNatsError\b|\bldap_[a-z_]{3,30}\b|\bldapsearch\b|\bLDAPException\b|"
    r"\bjavax\.naming\b|\b(?:mongodb(?:\+srv)?|postgres(?:ql)?|mysql|rediss?|amqps|ldaps)://|"
    # Round 16: syslog over TLS between one's own hosts (rsyslog's netstream drivers,
    # syslog-ng), whose documentation has the operator make a private CA
    r"\brsyslogd(?:-\d{1,5})?: |\bnsd_(?:gtls|ossl)\b|\bnet_ossl\b|\bsyslog-ng\[\d{1,7}\]: |"
    r"\bSyslog connection (?:established|accepted|broken|closed); fd=|"
    # Round 17: monitoring agents and their masters (Icinga 2's cluster, whose nodes trust
    # only the master's own CA; NRPE; NSClient++)
    r"/ApiListener: |\bicinga2 pki\b|\bCHECK_NRPE\b|\bnrpe\[\d|\bnscp\b",
    re.IGNORECASE)

# A public CA named as the issuer of what arrived (wget's "issued by `/O=DigiCert Inc...'",
# s_client's "depth=1 ... O = Let's Encrypt", Go's "candidate authority certificate
# \"COMODO RSA Certification Authority\"", Apple's "i: RapidSSL RSA CA 2018"): the chain that
# reached this client is the public one, not re-signed, so this client's store (or a
# missing intermediate) is at fault. Names: the CAs behind most public certificates
# (Mozilla's CA list, CCADB), matched next to issuer words only.
# Let's Encrypt's "Generation Y" roots are "O = ISRG, CN = Root YR" / "Root YE", cross-signed
# by ISRG Root X1 (letsencrypt.org/2025/11/24/gen-y-hierarchy.html, /certificates/ as of
# 2026-01-08): the organisation alone names the public CA.
_PUBLIC_CAS = (r"DigiCert|Let's Encrypt|ISRG Root|ISRG\b|Internet Security Research Group|"
               r"Sectigo|COMODO|USERTrust|GlobalSign|"
               r"Go ?Daddy|Starfield|Entrust|Amazon (?:RSA|ECDSA|Root)|Google Trust Services|"
               r"GTS (?:CA|Root)|Microsoft (?:Azure|RSA|ECC) (?:TLS|Root)|Baltimore CyberTrust|"
               r"VeriSign|GeoTrust|thawte|RapidSSL|IdenTrust|QuoVadis|Buypass|SSL\.com|Certum|"
               r"Actalis|HARICA|ZeroSSL|Cloudflare Inc (?:ECC|RSA) CA|Encryption Everywhere")
PUBLIC_ISSUER = re.compile(
    rf"(?:issued by|issuer ?[=:]|\bi: ?|candidate authority certificate|depth=\d[^\n]{{0,80}}?|"
    # a chain certificate's subject as Boost.Asio's SSL client example prints it in its
    # verify callback ("Verifying /C=US/O=GeoTrust Inc./CN=...": X509_NAME_oneline)
    rf"\bVerifying (?=/[A-Z]{{1,2}}=)|"
    # FreeBSD libfetch's verify callback (pkg, fetch): the subject of the certificate the
    # check failed at, X509_NAME_oneline form (lib/libfetch/common.c fetch_ssl_cb_verify_crt
    # @ freebsd/freebsd-src 0012b66baf85: "Certificate verification failed for %s")
    rf"\bCertificate verification failed for (?=/[A-Z]{{1,2}}=))"
    rf"[^\n]{{0,80}}?\b(?:{_PUBLIC_CAS})", re.IGNORECASE)

_C = Cause
# (kind, where) -> claims, most likely first, distinct confidences (ties are impossible:
# a test checks every row). ``where``: "environment", "environment+store", "store",
# PUBLIC, PRIVATE, "environment+private".
ROWS: dict[tuple[str, str], str] = {}
_ISSUER_KINDS = ("unknown_issuer", "issuer_not_found", "leaf_unverifiable",
                 "self_signed_in_chain", "self_signed")
for _k in _ISSUER_KINDS:
    ROWS[(_k, "environment")] = ("tls_interception_mitm:.8 cert_untrusted_root:.12 "
                                 "client_misconfiguration:.08")
    ROWS[(_k, "environment+store")] = ("tls_interception_mitm:.6 client_misconfiguration:.3 "
                                       "cert_untrusted_root:.1")
    ROWS[(_k, "environment+private")] = ("tls_interception_mitm:.5 cert_untrusted_root:.3 "
                                         "cert_self_signed:.12 client_misconfiguration:.08")
ROWS.update({
    ("self_signed_leaf", "environment"): ("tls_interception_mitm:.75 cert_self_signed:.2 "
                                          "client_misconfiguration:.05"),
    ("self_signed_leaf", "environment+private"): ("tls_interception_mitm:.5 cert_self_signed:.45 "
                                                  "client_misconfiguration:.05"),
    # A public host's chain is public and complete: re-signed on the way, or this client's
    # store lacks the public root (dev, rounds 5-11: 13 of 14 such threads re-signing).
    ("unknown_issuer", PUBLIC): ("tls_interception_mitm:.5 client_misconfiguration:.4 "
                                 "cert_untrusted_root:.1"),
    ("issuer_not_found", PUBLIC): ("tls_interception_mitm:.5 client_misconfiguration:.4 "
                                   "cert_untrusted_root:.1"),
    # A root *sent* in the chain that is not trusted: no public host sends a root a current
    # store lacks, so re-signing is more likely than a store without public roots.
    ("self_signed_in_chain", PUBLIC): ("tls_interception_mitm:.55 client_misconfiguration:.3 "
                                       "cert_untrusted_root:.15"),
    ("self_signed", PUBLIC): ("tls_interception_mitm:.55 client_misconfiguration:.25 "
                              "cert_self_signed:.2"),
    ("self_signed_leaf", PUBLIC): ("tls_interception_mitm:.55 cert_self_signed:.3 "
                                   "client_misconfiguration:.15"),
    ("leaf_unverifiable", PUBLIC): ("tls_interception_mitm:.5 client_misconfiguration:.3 "
                                    "incomplete_chain:.2"),
    # A private host: a private CA (or a self-signed server) the client was not given.
    ("unknown_issuer", PRIVATE): ("cert_untrusted_root:.45 cert_self_signed:.3 "
                                  "incomplete_chain:.12 client_misconfiguration:.08 "
                                  "tls_interception_mitm:.05"),
    ("issuer_not_found", PRIVATE): ("cert_untrusted_root:.5 incomplete_chain:.3 "
                                    "client_misconfiguration:.15 tls_interception_mitm:.05"),
    ("self_signed_in_chain", PRIVATE): ("cert_untrusted_root:.55 cert_self_signed:.25 "
                                        "client_misconfiguration:.15 tls_interception_mitm:.05"),
    ("self_signed", PRIVATE): ("cert_self_signed:.5 cert_untrusted_root:.35 "
                               "client_misconfiguration:.1 tls_interception_mitm:.05"),
    ("self_signed_leaf", PRIVATE): ("cert_self_signed:.85 cert_untrusted_root:.1 "
                                    "tls_interception_mitm:.05"),
    # No host, no words: the leaf is self-signed, whose (the server's, or a device's on the
    # path) the text does not say; the printers' store priors do not apply to it.
    ("self_signed_leaf", "none"): ("cert_self_signed:.55 tls_interception_mitm:.25 "
                                   "cert_untrusted_root:.2"),
    ("leaf_unverifiable", PRIVATE): ("incomplete_chain:.5 cert_untrusted_root:.3 "
                                     "client_misconfiguration:.15 tls_interception_mitm:.05"),
})
# This client's own store named: its anchors first, then what the host says.
_STORE = {"": "client_misconfiguration:.55 cert_untrusted_root:.25 tls_interception_mitm:.2",
          PUBLIC: "client_misconfiguration:.55 tls_interception_mitm:.35 cert_untrusted_root:.1",
          PRIVATE: "client_misconfiguration:.55 cert_untrusted_root:.35 incomplete_chain:.1"}
for _k in _ISSUER_KINDS:
    for _where, _row in _STORE.items():
        ROWS[(_k, f"store{'+' if _where else ''}{_where}")] = _row

# A verification failure without its reason: against a public host or with context words
# the server's chain is still not in question, but the clock joins the candidates (an
# expired or not-yet-valid reading of a valid public chain is this machine's clock).
ROWS.update({
    ("unverified", PUBLIC): ("tls_interception_mitm:.45 client_misconfiguration:.3 "
                             "client_clock_wrong:.15 cert_untrusted_root:.1"),
    ("unverified", "environment"): ("tls_interception_mitm:.7 client_misconfiguration:.15 "
                                    "cert_untrusted_root:.1 client_clock_wrong:.05"),
    ("unverified", "environment+store"): ("tls_interception_mitm:.55 client_misconfiguration:.3 "
                                          "cert_untrusted_root:.1 client_clock_wrong:.05"),
    ("unverified", "environment+private"): ("tls_interception_mitm:.45 cert_untrusted_root:.25 "
                                            "cert_self_signed:.15 client_misconfiguration:.1 "
                                            "client_clock_wrong:.05"),
    ("unverified", "store"): ("client_misconfiguration:.5 tls_interception_mitm:.25 "
                              "cert_untrusted_root:.15 client_clock_wrong:.1"),
    ("unverified", "store+public"): ("client_misconfiguration:.5 tls_interception_mitm:.3 "
                                     "client_clock_wrong:.15 cert_untrusted_root:.05"),
    ("unverified", "store+private"): ("client_misconfiguration:.45 cert_untrusted_root:.3 "
                                      "cert_self_signed:.15 incomplete_chain:.1"),
    # a private host: its own certificate is the likely fault, whichever check failed
    ("unverified", PRIVATE): ("cert_untrusted_root:.35 cert_self_signed:.25 "
                              "incomplete_chain:.12 cert_expired:.11 hostname_mismatch:.09 "
                              "client_misconfiguration:.08"),
})

# Round 15: two contexts the host gives without naming a kind of server.
# A private server reached by its IP address (https://192.168.2.2:8086, "connection to
# server at \"192.168.1.100\""): public CAs and most private CAs issue for names, while
# appliances, databases and agents make their own certificate for their address or keep
# the one they installed with. For the wordings that cannot tell a self-signed leaf from an
# unknown issuer (Go's "unknown authority", Java's PKIX, NSS's unknown issuer, Apple's
# -1202) the self-signed server first (dev: 3 such texts, all 3 accept it, 2 list it
# first). OpenSSL's 20 and 21 say a CA issued the leaf, and a verify failure without its
# reason is also an expiry or a name (Galera, libpq by address: 1 dev text), so they keep
# the private host's row.
PRIVATE_IP = "private_ip"
ROWS.update({
    ("unknown_issuer", PRIVATE_IP): ("cert_self_signed:.45 cert_untrusted_root:.35 "
                                     "incomplete_chain:.1 client_misconfiguration:.06 "
                                     "tls_interception_mitm:.04"),
})
# A root *sent* in the chain with no host, no environment or store words and no program
# whose own setting is in question ("SSL certificate problem: self signed certificate in
# certificate chain", Node's SELF_SIGNED_CERT_IN_CHAIN): whatever printed it, a server that
# sends its own root is most often a re-signing device (it always sends its root) rather
# than a private server (dev: 15 such texts, 12 re-signing first, 2 a private root or
# self-signed chain, 1 the client's proxy setting with re-signing second). Below 0.6, with
# the check that tells them apart. A program whose own table puts its store first (Ruby's
# verify result in parentheses, round 14's matrix) keeps that reading.
ROOT_SENT = "root_sent"
ROWS[("self_signed_in_chain", ROOT_SENT)] = ("tls_interception_mitm:.5 cert_untrusted_root:.3 "
                                             "client_misconfiguration:.2")

# A failure in words that name no expiry, dated (by its own time stamp) to the first two
# weeks after a store-side expiry (expired_ca.expiry_window: DST Root CA X3, ISRG Root X1's
# cross-sign): this client's store or library, then the expired certificate itself; on a
# host that is not private, with no environment or store words (those decide by
# themselves). Dev: 2 such texts, both this client's store.
EXPIRY_WINDOW = "expiry_window"
OLD_RUNTIME = "old_runtime"
_WINDOW_KINDS = ("unknown_issuer", "issuer_not_found", "unverified")
for _k in _WINDOW_KINDS:
    ROWS[(_k, EXPIRY_WINDOW)] = ("client_misconfiguration:.5 cert_expired:.25 "
                                 "tls_interception_mitm:.15 cert_untrusted_root:.1")

# A database, broker or directory server (SERVICE): read as a private host is.
for (_k, _where), _row in list(ROWS.items()):
    if _where == PRIVATE:
        ROWS[(_k, "service")] = _row

# A public CA issued what arrived: not re-signed; this client's store, or an intermediate
# the server did not send (only a leaf whose issuer never came says the latter).
_PUBLIC_ISSUER_ROWS = {
    "": "client_misconfiguration:.45 incomplete_chain:.35 cert_untrusted_root:.2",
    PUBLIC: "client_misconfiguration:.55 incomplete_chain:.25 cert_untrusted_root:.2",
    PRIVATE: "client_misconfiguration:.45 incomplete_chain:.35 cert_untrusted_root:.2"}
for _where, _row in _PUBLIC_ISSUER_ROWS.items():
    _key = f"public_issuer{'+' if _where else ''}{_where}"
    ROWS[("unknown_issuer", _key)] = ROWS[("issuer_not_found", _key)] = _row
    ROWS[("leaf_unverifiable", _key)] = ("incomplete_chain:.5 client_misconfiguration:.35 "
                                         "cert_untrusted_root:.15")
# The kinds a public issuer's name decides (a self-signed certificate is no CA's issuing).
_BY_ISSUER = frozenset({"unknown_issuer", "issuer_not_found", "leaf_unverifiable",
                        "unverified"})
# A failure without its reason while a public CA's certificate arrived (Round 15): not
# re-signed; this client's store, the intermediate not sent, then this machine's clock or
# the name (the checks a verification without its reason also covers).
for _where in ("", PUBLIC, PRIVATE, NAMED):
    ROWS[("unverified", f"public_issuer{'+' if _where else ''}{_where}")] = (
        "client_misconfiguration:.45 incomplete_chain:.2 client_clock_wrong:.13 "
        "hostname_mismatch:.12 cert_untrusted_root:.1")

# The issuer that was not found, named by the program (not the leaf's issuer in general):
# Squid's error page detail for X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY ("certificate
# issuer (CA) not known: %ssl_ca_name", errors/templates/error-details.txt @ SQUID_6_14
# a8c54a8f23f0), Postfix's "untrusted issuer %s" (the error certificate's issuer for
# OpenSSL's 19 and 20, src/tls/tls_verify.c @ 17830e5c13c1), fetchmail's "Broken
# certification chain at: %s" / "Missing trust anchor certificate: %s" (socket.c @
# 81c323991459). Stores hold roots, not intermediates: a missing issuer whose name is an
# intermediate's means the server did not send it; a public CA's root missing means this
# client's store.
MISSING_ISSUER = re.compile(
    r"(?:\bcertificate issuer \(CA\) not known|\buntrusted issuer|"
    r"\bBroken certification chain at|\bMissing trust anchor certificate):? "
    r"(?P<name>[^\n]{1,200})", re.IGNORECASE)
# An intermediate's name: the words CAs use for issuing (not root) certificates, and the
# short names of Let's Encrypt's (R3, R10, E5...), Google's (WR2, GTS CA 1C3) and Amazon's
# (M01...) intermediates. "Root" in the name makes it a root, whatever else it says.
INTERMEDIATE_NAME = re.compile(
    r"\b(?:Intermediate|Issuing|Subordinate|Sub[- ]?CA|Server CA|Secure Server|"
    r"Domain Validation|Organi[sz]ation Validation|Extended Validation|(?:DV|OV|EV) "
    r"(?:TLS|SSL)|(?:TLS|SSL) (?:RSA|ECC|ECDSA)\b[^/,=\n]{0,30}\bCA|SSL CA|CA ?\d{1,2}|"
    r"CA - G\d|Authority X\d|GTS CA|Secure Certificate Authority)\b|"
    r"\bCN ?= ?(?:[RE]\d{1,2}|WR\d|WE\d|Amazon (?:RSA|ECDSA) \d{3,4} M\d{2})\b",
    re.IGNORECASE)
_ROOT_NAME = re.compile(r"\bRoot\b", re.IGNORECASE)
_PUBLIC_CA_NAME = re.compile(rf"\b(?:{_PUBLIC_CAS})", re.IGNORECASE)

# The kinds a named missing issuer or a program's own trust setting re-reads (a
# self-signed leaf is the server's own certificate whoever verifies it).
_NAMED_KINDS = frozenset({"unknown_issuer", "issuer_not_found", "self_signed_in_chain",
                          "leaf_unverifiable", "unverified"})
for _k in _NAMED_KINDS - {"unverified"}:
    ROWS[(_k, "missing_intermediate")] = ("incomplete_chain:.55 client_misconfiguration:.25 "
                                          "cert_untrusted_root:.12 tls_interception_mitm:.08")
    ROWS[(_k, "missing_public_root")] = ("client_misconfiguration:.55 tls_interception_mitm:.2 "
                                         "cert_untrusted_root:.15 incomplete_chain:.1")
    # a root no public store has: the private CA this client was not given
    ROWS[(_k, "missing_private_root")] = ("cert_untrusted_root:.5 client_misconfiguration:.3 "
                                          "tls_interception_mitm:.12 incomplete_chain:.08")
# A program whose trust is its own setting (own_trust.py): that setting first, whatever the
# host (a public server fails in the same words when the setting is empty or wrong), the
# private CA and the server's chain after it.
_PROGRAM_ROWS = {
    "issuer_not_found": ("client_misconfiguration:.5 cert_untrusted_root:.25 "
                         "incomplete_chain:.15 tls_interception_mitm:.1"),
    "unknown_issuer": ("client_misconfiguration:.5 cert_untrusted_root:.25 "
                       "cert_self_signed:.13 incomplete_chain:.12"),
    "self_signed_in_chain": ("client_misconfiguration:.5 cert_untrusted_root:.3 "
                             "tls_interception_mitm:.2"),
    # OpenSSL's 21 says the leaf came alone: the server sent no chain, whatever the setting
    "leaf_unverifiable": ("incomplete_chain:.45 client_misconfiguration:.35 "
                          "cert_untrusted_root:.2"),
    "unverified": ("client_misconfiguration:.45 cert_untrusted_root:.25 cert_self_signed:.12 "
                   "incomplete_chain:.1 tls_interception_mitm:.08"),
}
for _k, _row in _PROGRAM_ROWS.items():
    ROWS[(_k, "program")] = _row

# A SQL Server client's words (SqlClient's "SSL Provider" / pre-login texts, ODBC Driver
# 17/18, sqlcmd, mssql-jdbc, go-mssqldb, tedious, SSMS's SEC_E_UNTRUSTED_ROOT number): SQL
# Server with no certificate configured encrypts with a self-signed one it makes at
# startup, which the drivers that now encrypt and validate by default reject
# (Microsoft.Data.SqlClient 4.0 Encrypt=true, ODBC Driver 18, JDBC 10.2; Microsoft Learn,
# "SQL Server connectivity: login-phase errors" and the drivers' release notes). So the
# server's self-signed certificate first, a private CA the client lacks second. A public
# host (Azure SQL) is read by its host, a managed database by its provider (dbhosts).
SQLSERVER = re.compile(
    r"\bSQL Server\b|\bSSL Provider\b|\bpre-login handshake\b|\bTrustServerCertificate\b|"
    r"\b(?:Microsoft|System)\.Data\.SqlClient\b|\bmssql\b|\bsqlcmd\b|\btedious\b|"
    r"[:,]1433\b|\bError: -2146893019\b", re.IGNORECASE)
for _k in (*_ISSUER_KINDS, "unverified"):
    ROWS[(_k, "sqlserver")] = ("cert_self_signed:.5 cert_untrusted_root:.3 "
                               "client_misconfiguration:.15 tls_interception_mitm:.05")
ROWS[("self_signed_leaf", "sqlserver")] = ("cert_self_signed:.85 cert_untrusted_root:.1 "
                                           "tls_interception_mitm:.05")
# a leaf whose issuer never came is not a self-signed one: a CA-issued certificate without
# its intermediate, or a private CA
ROWS[("leaf_unverifiable", "sqlserver")] = ("incomplete_chain:.45 cert_untrusted_root:.3 "
                                            "client_misconfiguration:.15 cert_self_signed:.1")

# Round 14: any other public name (hostclass.NAMED), for a program that does not fetch a
# missing intermediate (AIA). Its certificate is a public CA's, installed by whoever runs it:
# OpenSSL's 20 there is most often the intermediate it did not send (dev: 4 of 7 such
# threads, the other 3 this client's store; OpenSSL's 20 is never a self-signed certificate,
# 18/19, and an inspection proxy sends its root, 19); OpenSSL's 21 says the leaf came alone.
# Other wordings (Go's unknown authority, Java's PKIX, NSS's unknown issuer) also cover a
# self-signed or private certificate under a public name, spread across every cause on dev
# (2 intermediates, 2 stores, 1 private root, 1 self-signed, 1 re-signing of 7): no row,
# the program's own reading stays. docs/explain-upstream.md "Round 14: which trust failure".
ROWS.update({
    ("issuer_not_found", NAMED): ("incomplete_chain:.45 client_misconfiguration:.3 "
                                  "cert_untrusted_root:.15 tls_interception_mitm:.1"),
    ("leaf_unverifiable", NAMED): ("incomplete_chain:.55 client_misconfiguration:.25 "
                                   "cert_untrusted_root:.12 tls_interception_mitm:.08"),
    # A commercial CA's intermediate named as the issuer on such a host (wget's "issued by"):
    # commercial CAs deliver the leaf and the intermediates as separate files, and the
    # intermediate is what gets left out. ACME CAs' clients install the whole chain (certbot's
    # fullchain.pem), so a Let's Encrypt issuer keeps "public_issuer" (this client's store).
    ("unknown_issuer", f"public_issuer+{NAMED}"): ("incomplete_chain:.45 "
                                                   "client_misconfiguration:.35 "
                                                   "cert_untrusted_root:.2"),
    ("issuer_not_found", f"public_issuer+{NAMED}"): ("incomplete_chain:.45 "
                                                     "client_misconfiguration:.35 "
                                                     "cert_untrusted_root:.2"),
})
ROWS[("leaf_unverifiable", f"public_issuer+{NAMED}")] = ROWS[("leaf_unverifiable",
                                                              "public_issuer")]
# badssl.com's test hosts serve exactly the fault they are named after (chromium/badssl.com
# domains/cert/self-signed.conf, untrusted-root.conf, incomplete-chain.conf @ e42b4affdb32):
# a failure there is that fault, whatever the program.
BADSSL = re.compile(r"\b(?P<fault>self-signed|untrusted-root|incomplete-chain)\.badssl\.com\b",
                    re.IGNORECASE)
_BADSSL_ROWS = {"self-signed": "cert_self_signed:.85 tls_interception_mitm:.1 "
                               "cert_untrusted_root:.05",
                "untrusted-root": "cert_untrusted_root:.85 tls_interception_mitm:.1 "
                                  "client_misconfiguration:.05",
                "incomplete-chain": "incomplete_chain:.85 client_misconfiguration:.1 "
                                    "tls_interception_mitm:.05"}
for _k in (*_ISSUER_KINDS, "self_signed_leaf", "unverified"):
    for _fault, _row in _BADSSL_ROWS.items():
        ROWS[(_k, f"badssl_{_fault}")] = _row

# Programs that fetch a missing intermediate themselves (AIA "CA Issuers"): Chrome/Edge's
# verifier on Windows and macOS, Safari and Apple's URL loading, Windows' CryptoAPI
# (Schannel, .NET on Windows, PowerShell). A missing intermediate rarely fails for them, so
# the NAMED rows do not apply to their words.
AIA_FETCHING = re.compile(
    r"\bNET::ERR_CERT_|\bYour connection is not private\b|\bChrome\b|\bChromium\b|"
    r"\bMicrosoft Edge\b|\bSafari\b|\bNSURLErrorDomain\b|\bkCFStreamError|\berrSec|"
    r"\bschannel\b|\bSEC_E_|\bCERT_E_|\bSystem\.Net\.|\bPowerShell\b|\bInvoke-WebRequest\b",
    re.IGNORECASE)
# An ACME CA's intermediate (Let's Encrypt's Authority X1-X4, R3-R14, E1-E9; ZeroSSL's;
# Buypass Go SSL): its clients install the whole chain.
_ACME_ISSUER = re.compile(r"Let's Encrypt|\bZeroSSL\b|\bBuypass [^\n]{0,20}Go SSL\b",
                          re.IGNORECASE)

# Round 16: the runtime the text names is older than the first release whose own CA store
# holds today's public roots (runtime_store.py: a Java 8 before 8u141, an Android before
# 7.1.1): that store first, as when the text names it, below certainty (a distribution's JVM
# reads the system's store whatever its version). Dev: 1 of 1 such texts (a Java 1.8.0_51).
# A private host keeps its own reading (its private CA is still the likelier fault).
for (_k, _where), _row in list(ROWS.items()):
    if _where in ("store", f"store+{PUBLIC}"):
        ROWS[(_k, _where.replace("store", OLD_RUNTIME))] = _row

# Round 20 (context in the posted text): rows whose order a context clue, measured on the
# real-world set's time split, replaced (scripts/context_clues.py, docs/context_clues.json;
# tests/ingest/test_round20_context.py checks each is the learned order). A verification
# failure printed without its reason against a big public host: of the 6 dev threads learned
# up to wild18b (two Composer's, NuGet's, Gradle's, Bundler's, urllib's), this client's own
# store was an answer in 5, re-signing in 2; learned up to holdout14, the order put 2 threads
# collected later right (holdout16's, holdout17's) and none wrong. None of them was printed
# by a client whose store is the operating system's, updated with it (AIA_FETCHING: Windows'
# CryptoAPI, Apple's, Chrome's; .NET on Windows): those keep the row set by hand. HAND_ROWS
# keeps the rows as set by hand: the measurement starts from them. Learned up to holdout17
# (holdout18's fold), 7 dev threads: this client's store 6, re-signing 2, an untrusted root 1.
# Round 26 (holdout34's classes): the learned row moved to re-signing .22, an untrusted root .1
# once Python 3.13's "Missing Authority Key Identifier" to www.google.com (a Fortinet proxy)
# became an ambiguous reading the measurement counts. Round 27 (holdout36's and holdout37's
# folds and classes): re-signing .2, a wrong clock .1 (a device's clock behind a public
# host's certificate among the threads counted), an untrusted root .09. Round 28 (base rates
# learned up to holdout39): the class lost a later thread at every cut and is no longer kept,
# so the public host's unverified row is the one set by hand again.
CLUE_ROWS: dict[tuple[str, str], str] = {}
HAND_ROWS = {key: ROWS[key] for key in CLUE_ROWS}
# .NET on Windows, by its install path: its chains are built by CryptoAPI, from Windows' store
_DOTNET_WINDOWS = re.compile(r"\b[A-Z]:\\Program Files(?: \(x86\))?\\dotnet\\", re.IGNORECASE)
ROWS.update(CLUE_ROWS)

# No context: the program's reading stays (its printer's prior), below this.
UNSURE = 0.55


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """The trust failure re-read in its context: what a statement of its own claims."""

    kind: str  # KINDS
    where: str  # the ROWS key's second part, or "none"
    claims: Causes
    meaning: str
    line: str  # the line the trust words were found on
    host: str  # the host the text names ("" if none)
    port: int | None  # its port, when the text gives one
    words: tuple[str, ...]  # the context words found (environment or client store)


def kind_of(text: str) -> tuple[str, int] | None:
    """(kind, position) of the text's trust wording, None when it has none. Terminals wrap
    long lines ("x509: \\ncertificate signed..."), so a wording is also looked for with the
    line breaks and the spaces around them folded into one space."""
    listed = guesses()[0]  # a program's list of possible causes states none of them
    if listed is not None:
        text = listed.sub(" ", text)
    folded = _FOLD.sub(" ", text)
    joined = _MID_WORD.sub("", text)  # a console's hard wrap inside a word ("iss\nuer")
    for kind, rx in _KIND_RX:
        m = rx.search(text)
        if m is not None:
            return kind, m.start()
        m = rx.search(folded) or rx.search(joined)
        if m is not None:  # the line its first word is on
            return kind, max(0, text.find(m.group(0).split(" ", 1)[0]))
    return None


_FOLD = re.compile(r"[ \t]*\n[ \t]*")
# Windows consoles (PowerShell, cmd) wrap at the window's width, inside a word.
_MID_WORD = re.compile(r"(?<=[a-z])\r?\n(?=[a-z])")


def printable_words(text: str) -> str:
    """A context word as shown in a meaning: one line, bounded."""
    return " ".join(text.split())[:80]


@cache
def _advice() -> tuple[re.Pattern[str], ...]:
    """The sentences programs print that carry environment words themselves (Firefox: "If
    you are on a corporate network or using antivirus software..."; HAProxy's "Proxy '%s'"):
    every harvested text holding such words, as a regex, to be removed before reading the
    person's own context. (A program's text with client-store words is a signal, not
    advice: Go's "cannot verify signature: algorithm unimplemented".)"""
    out = []
    for path in sorted(DATA.glob("*.json")):
        for e in entries(path.stem):
            if ENVIRONMENT.search(e.text):
                got = text_regex(e.text, context=False)
                if got is not None:
                    out.append(re.compile(got[0], re.IGNORECASE))
    return tuple(out)


def _own_words(text: str) -> str:
    for rx in _advice():
        text = rx.sub(" ", text)
    return text


# A CA of the issuer's name whose key did not sign it (patterns/castore.py): the words name
# this client's CA file or a wrong intermediate, whatever the host or the context.
_OWN_CA = re.compile("|".join(rx for rx, _, _ in STALE_ROWS), re.IGNORECASE)

_MANAGED_DB = re.compile(rf"\b(?:{MANAGED_DB_HOSTS})\b", re.IGNORECASE)


def where_of(text: str) -> tuple[str, HostClass, tuple[str, ...]]:
    """(ROWS context key or "none", the host class, the context words found)."""
    own = _own_words(text) if ENVIRONMENT.search(text) else text  # advice holds such words
    env = tuple(dict.fromkeys(m.group(0) for m in ENVIRONMENT.finditer(own)))[:4]
    store = tuple(dict.fromkeys(m.group(0) for m in CLIENT_STORE.finditer(own)))[:4]
    if not store and _MANAGED_DB.search(own):
        # A managed database's chain is the one its provider documents (patterns/dbhosts.py):
        # the client's CA setting is in question, as when the text names the client's store.
        store = ("a managed database service's host",)
    host = classify(text)
    folded = quote_folded(text) if not host.kind else None
    if folded is not None:
        # no host as printed: a word processor's "smart quotes" may hide one (Python's
        # host='...'); a program's own typographic quotes (Apple's “host”) were read above
        host = classify(folded)
    badssl = BADSSL.search(text)
    if badssl is not None:
        return f"badssl_{badssl.group('fault').lower()}", host, (badssl.group(0),)
    if env and not store and host.kind != PRIVATE:
        runtime = old_runtime(own)  # an old runtime's own store, as named store words
        store = () if runtime is None else (runtime.label,)
    if env and store:
        return "environment+store", host, env + store
    if env:
        return ("environment+private" if host.kind == PRIVATE else "environment"), host, env
    sql = SQLSERVER.search(own)
    if sql is not None and host.kind != PUBLIC and not _MANAGED_DB.search(own):
        return "sqlserver", host, (printable_words(sql.group(0)),)
    if store:
        return "store" + (f"+{host.kind}" if host.kind else ""), host, store
    runtime = old_runtime(own) if host.kind != PRIVATE else None
    if runtime is not None:
        return OLD_RUNTIME + (f"+{host.kind}" if host.kind else ""), host, (runtime.label,)
    service = SERVICE.search(own) if not host.kind else None
    if service is not None:
        return "service", host, (printable_words(service.group(0)),)
    named = host if host.kind or AIA_FETCHING.search(own) else named_host(text)
    issuer = PUBLIC_ISSUER.search(own)
    if issuer is not None:
        words = (printable_words(issuer.group(0)),)
        if named.kind == NAMED and not _ACME_ISSUER.search(issuer.group(0)):
            return f"public_issuer+{NAMED}", named, words
        return "public_issuer" + (f"+{host.kind}" if host.kind else ""), host, words
    return (named.kind or "none"), named, ()


def reading(text: str, best: Causes) -> Reading | None:
    """The context's reading of a chain-trust failure in ``text``, or None when the text
    holds no trust wording or its best reading (``best``: the most specific statements'
    claims, most likely first) is not about trust."""
    if not best or best[0][0] not in TRUST:
        return None
    if best[0][1] >= 0.6 and best[0][0] in (Cause.TLS_INTERCEPTION_MITM,
                                           Cause.CLIENT_MISCONFIGURATION):
        return None  # the words themselves named it: an inspection CA, a client without a store
    found = kind_of(text)
    badssl = BADSSL.search(text)
    if found is None and badssl is not None:
        # a trust reading on a badssl fault host whose wording is spelt otherwise (an
        # identifier lower-cased by a log shipper): the host says the fault
        found = "unknown_issuer", badssl.start()
    if found is None or _OWN_CA.search(text):
        return None  # no trust words, or they name this client's CA (another of that name)
    kind, pos = found
    where, host, words = where_of(text)
    where, words = _named(text, kind, where, words, host)
    if where.startswith("public_issuer") and kind not in _BY_ISSUER:
        where, words = host.kind or "none", ()  # no CA issued a self-signed certificate
    if kind == "self_signed_leaf" and where.startswith(("store", OLD_RUNTIME)):
        where, words = host.kind or "none", ()  # no store makes a leaf self-signed
    elif kind == "self_signed_leaf" and where == "environment+store":
        where = "environment"
    window = expiry_window(text) if kind in _WINDOW_KINDS else None
    if window is not None and where.split(":")[0].split("+")[-1] in (
            "none", PUBLIC, NAMED, "program", "public_issuer"):
        where, words = EXPIRY_WINDOW, (window.name or window.kind,)
    elif where == PRIVATE and host.host and is_ip(host.host) and (kind, PRIVATE_IP) in ROWS:
        where = PRIVATE_IP
    elif where == "none" and (kind, ROOT_SENT) in ROWS and \
            best[0][0] is not Cause.CLIENT_MISCONFIGURATION:  # a wrapper's store prior stays
        where = ROOT_SENT
    key = (kind, where.split(":")[0])
    # a measured row holds for the clients it was measured on: not those whose store is the
    # operating system's, updated with it (Windows' CryptoAPI, Apple's, Chrome's)
    clue = key in CLUE_ROWS and not (AIA_FETCHING.search(text) or _DOTNET_WINDOWS.search(text))
    row = ROWS.get(key) if clue or key not in CLUE_ROWS else HAND_ROWS[key]
    if row is not None:
        claims = causes(row)
    else:
        where, claims = "none", _unsure(best)
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return Reading(kind=kind, where=where, claims=claims,
                   meaning=_meaning(kind, where, host, words, measured=clue),
                   line=text[start:end if end >= 0 else len(text)].strip(), host=host.host,
                   port=host.port, words=words)


def _named(text: str, kind: str, where: str, words: tuple[str, ...],
           host: HostClass) -> tuple[str, tuple[str, ...]]:
    """The context re-read by what the printing program names: the issuer it did not find
    (an intermediate's name: the server did not send it; a public CA's root: this client's
    store), else its own trust setting (own_trust.py) where nothing stronger was said (no
    environment or client-store words, no public CA as the issuer)."""
    if kind not in _NAMED_KINDS:
        return where, words
    program = program_of(text)
    # ":<name>": the program whose own trust setting the fix points at
    own = f":{program.name}" if program is not None else ""
    missing = MISSING_ISSUER.search(text)
    if missing is not None and kind != "unverified":
        name = missing.group("name")
        shown = (printable_words(name),)
        if INTERMEDIATE_NAME.search(name) and not _ROOT_NAME.search(name):
            return "missing_intermediate", shown
        if _ROOT_NAME.search(name):
            public = _PUBLIC_CA_NAME.search(name) is not None
            return f"missing_{'public' if public else 'private'}_root{own}", shown
    if where in ("none", PUBLIC, PRIVATE, NAMED) and program is not None:
        return f"program{own}", (program.title,)
    return where, words


def _unsure(best: Causes) -> Causes:
    """The program's own reading, capped below certainty, strictly ordered."""
    out: list[tuple[Cause, float]] = []
    for cause, conf in best:
        conf = min(conf, UNSURE)
        if out and conf >= out[-1][1]:
            conf = round(out[-1][1] - 0.01, 2)
        if conf <= 0:
            break
        out.append((cause, conf))
    return tuple(out)


_WHY = {
    "environment": "the text names what sits between this client and the server ({words}): "
                   "the connection was most likely re-signed on the way",
    "environment+store": "the text names an inspection product or network ({words}) and this "
                         "client's CA settings: the re-signing CA is not in the store this "
                         "client reads",
    "environment+private": "the text names an inspection product or network ({words}), but "
                           "the server {host} is a private one: re-signing or a private CA",
    "store": "the text names this client's own CA store or platform ({words}): its trust "
             "anchors are the likely fault",
    OLD_RUNTIME: "the text names this client's runtime ({words}), a release whose own CA "
                 "store predates the roots public sites chain to today (Java 8 holds ISRG "
                 "Root X1 from 8u141, Android from 7.1.1): that store is the likely fault, "
                 "unless this runtime reads the system's store",
    "public_issuer_named": "a commercial CA's intermediate issued what arrived ({words}) "
                           "for {host}, a public name its operator installs by hand: such "
                           "CAs deliver the intermediate as a separate file, and the server "
                           "most likely does not send it; else this client's store",
    "public_issuer": "a public CA issued what arrived ({words}): the connection was not "
                     "re-signed, so this client's store lacks the root, or the server did not "
                     "send an intermediate",
    PUBLIC: "{host} is a big public host whose chain comes from a public CA and is complete: "
            "the connection was re-signed on the way (a proxy or security product), or this "
            "client's own store lacks the public root",
    "unverified_public": "{host} is a big public host whose chain comes from a public CA and "
                         "is complete, and the program printed no reason: in real threads "
                         "such texts were mostly this client's own CA store (missing or out "
                         "of date), less often a proxy or security product re-signing the "
                         "connection",
    PRIVATE: "{host} is a private host: its certificate most likely comes from a private CA "
             "or is self-signed, and this client was not given it",
    "service": "a database, broker or directory client ({words}): inspection products "
               "re-sign web traffic, not these protocols, and such servers mostly carry a "
               "private CA's or a self-signed certificate this client was not given",
    "sqlserver": "a SQL Server client ({words}): SQL Server without a certificate configured "
                 "encrypts with a self-signed one it made at startup, which drivers that "
                 "validate by default reject; or its certificate comes from a private CA "
                 "this client was not given",
    NAMED: "{host} is a public name outside the big services: its certificate comes from a "
           "public CA and is installed by its operator, and this program does not fetch a "
           "missing intermediate, so the intermediate the server did not send is the usual "
           "cause; this client's store next",
    "badssl_self-signed": "{words} serves a self-signed certificate on purpose (a test site)",
    "badssl_untrusted-root": "{words} serves a certificate from a root no store holds, on "
                             "purpose (a test site)",
    "badssl_incomplete-chain": "{words} leaves out its intermediate on purpose (a test site)",
    EXPIRY_WINDOW: "the text dates the failure to the first two weeks after {words} expired, "
                   "which broke clients with an old CA store or TLS library (OpenSSL 1.0.x "
                   "follows the served cross-sign to its expired end) while servers' "
                   "certificates were valid: this client's store or library first",
    PRIVATE_IP: "{host} is a private server reached by its address: such servers mostly make "
                "their own (self-signed) certificate, or carry a private CA's this client was "
                "not given",
    ROOT_SENT: "a self-signed root arrived in the chain and the text names no server: a "
               "re-signing proxy or security product sends its root this way, more often "
               "than a private server sends its own; else a private root this client lacks",
    "none": "the words alone do not say whether the server's chain, a private CA, this "
            "client's store or a re-signing proxy is at fault",
    "missing_intermediate": "the issuer that was not found is an intermediate ({words}): "
                            "stores hold roots, so the server did not send it",
    "missing_public_root": "the issuer that was not found is a public CA's root ({words}): "
                           "this client's store (or the CA file it was given) lacks it",
    "missing_private_root": "the issuer that was not found is a private root ({words}): "
                            "this client (or the CA file it was given) lacks that CA",
    "program": "{words} verifies against its own CA setting, not (or not only) the "
               "system's store: that setting (empty, or pointing at the wrong file) is the "
               "first thing to check",
}
_WHAT = {"self_signed_leaf": "a self-signed certificate", "self_signed": "a self-signed "
         "certificate", "self_signed_in_chain": "a self-signed root in the chain",
         "issuer_not_found": "an issuer this client does not have",
         "leaf_unverifiable": "a certificate whose issuer was not sent",
         "unknown_issuer": "an issuer this client does not trust",
         "unverified": "a chain that did not verify"}


def _meaning(kind: str, where: str, host: HostClass, words: tuple[str, ...],
             measured: bool = False) -> str:
    key = where.split(":")[0]
    if measured:  # a row of CLUE_ROWS: its own reason
        key = f"{kind}_{key}"
    elif key == f"public_issuer+{NAMED}":
        key = "public_issuer_named"
    elif key.startswith(("store", "public_issuer", OLD_RUNTIME)):
        key = key.split("+")[0]
    why = _WHY.get(key, _WHY["none"])
    return (f"chain-trust failure ({_WHAT[kind]}) read in context: "
            + why.format(words=", ".join(words), host=host.host or "the server"))
