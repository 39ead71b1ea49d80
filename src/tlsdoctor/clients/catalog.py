"""Client profiles: what real clients offer, as data, each with the source of its facts.

The lists are the clients' *default* ClientHello contents (versions, cipher suites in
order, groups, signature algorithms, SNI), taken from each project's own source or
documentation (named per family below) and cross-checked against published ClientHello
captures of the same release. Code points are IANA's (tls-parameters registry).
Version cut-offs are the projects' own release notes: e.g. Chrome 84 and Firefox 78
dropped TLS 1.0/1.1, JDK 8u291/11.0.11 disabled them in jdk.tls.disabledAlgorithms,
Go 1.22 made TLS 1.2 the client minimum and removed RSA key exchange from the defaults.
"""

from __future__ import annotations

from functools import cache

from ..errors import UsageError
from .local import local_profile
from .profile import (
    FFDHE2048,
    FFDHE3072,
    SECP256R1,
    SECP384R1,
    SECP521R1,
    SSL3,
    TLS10,
    TLS11,
    TLS12,
    TLS13,
    X448,
    X25519,
    X25519MLKEM768,
    ClientProfile,
)

X25519KYBER768 = 0x6399  # draft hybrid used by Chrome 124-130 (draft-tls-westerbaan-xyber768d00)

V13 = (TLS13, TLS12)
V12 = (TLS12, TLS11, TLS10)
V13_ALL = (TLS13, TLS12, TLS11, TLS10)

T13 = (0x1301, 0x1302, 0x1303)

# --- Chromium / BoringSSL: boringssl ssl/ssl_cipher.cc default cipher order; Chromium
# net/ssl/ssl_config.cc (version range), chrome://flags history for the PQ group.
CHROME_SUITES = T13 + (0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8, 0xC013, 0xC014,
                       0x009C, 0x009D, 0x002F, 0x0035)
CHROME_OLD_SUITES = CHROME_SUITES + (0x000A,)  # 3DES removed in Chrome 93
CHROME_SIGALGS = (0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601)
CHROME_SRC = ("boringssl ssl/ssl_cipher.cc (default cipher order)",
              "chromium net/ssl/ssl_config.cc (version_min TLS 1.2 since Chrome 84)")

# --- Firefox / NSS: NSS lib/ssl/sslenum.c order as enabled by Firefox's
# security/manager/ssl/StaticPrefs (security.ssl3.*), security.tls.version.min=3.
FIREFOX_SUITES = (0x1301, 0x1303, 0x1302, 0xC02B, 0xC02F, 0xCCA9, 0xCCA8, 0xC02C, 0xC030,
                  0xC00A, 0xC009, 0xC013, 0xC014, 0x009C, 0x009D, 0x002F, 0x0035)
FIREFOX_SIGALGS = (0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601,
                   0x0203, 0x0201)
FIREFOX_SRC = ("nss lib/ssl/sslenum.c (cipher order)",
               "firefox modules/libpref/init/StaticPrefList.yaml (security.tls.version.*)")

# --- Apple: Network.framework / Secure Transport default list (Apple Platform Security
# guide, "TLS network security"; cipher order from captures of Safari on the release).
APPLE_SUITES = T13[:2] + (0x1303, 0xC02C, 0xC02B, 0xCCA9, 0xC030, 0xC02F, 0xCCA8, 0xC00A,
                          0xC009, 0xC014, 0xC013, 0x009D, 0x009C, 0x0035, 0x002F, 0xC008,
                          0xC012, 0x000A)
APPLE_SIGALGS = (0x0403, 0x0804, 0x0401, 0x0503, 0x0203, 0x0805, 0x0501, 0x0806,
                 0x0601, 0x0201)
APPLE_SRC = ("Apple Platform Security guide: TLS network security",
             "Apple developer docs: NSAppTransportSecurity / tls_protocol_version_t")

# --- Microsoft SChannel: "TLS Cipher Suites in Windows 7/10/11" (learn.microsoft.com,
# Win32 SecAuthN docs), default priority order per release.
WIN7_SUITES = (0xC028, 0xC027, 0xC014, 0xC013, 0x009F, 0x009E, 0x009D, 0x009C, 0x003D,
               0x003C, 0x0035, 0x002F, 0xC02C, 0xC02B, 0xC024, 0xC023, 0xC00A, 0xC009,
               0x006A, 0x0040, 0x0038, 0x0032, 0x000A, 0x0013)
WIN10_SUITES = (0xC02C, 0xC02B, 0xC030, 0xC02F, 0x009F, 0x009E, 0xC024, 0xC023, 0xC028,
                0xC027, 0xC00A, 0xC009, 0xC014, 0xC013, 0x009D, 0x009C, 0x003D, 0x003C,
                0x0035, 0x002F, 0x000A)
WIN11_SUITES = (0x1302, 0x1301) + WIN10_SUITES[:-1]
WIN_SIGALGS = (0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0201, 0x0403, 0x0503, 0x0203,
               0x0202, 0x0601, 0x0603)
WIN_SRC = ("learn.microsoft.com: TLS Cipher Suites in Windows 7 / 10 v1903+ / 11",
           "learn.microsoft.com: Protocols in TLS/SSL (Schannel SSP)")

# --- Java (SunJSSE): SunJSSE provider documentation, "JDK Providers Documentation",
# default enabled cipher suites per release; jdk.tls.disabledAlgorithms in java.security.
JAVA8_SUITES = (0x1302, 0x1301, 0xC02C, 0xC02B, 0xC030, 0x009F, 0xCCA9, 0xCCA8, 0xCCAA,
                0xC02F, 0x009E, 0xC024, 0xC028, 0x006B, 0xC023, 0xC027, 0x0067, 0xC00A,
                0xC014, 0x0039, 0xC009, 0xC013, 0x0033, 0x009D, 0x009C, 0x003D, 0x003C,
                0x0035, 0x002F)
JAVA8_OLD_SUITES = (0xC024, 0xC028, 0x003D, 0xC026, 0xC02A, 0x006B, 0x006A, 0xC00A, 0xC014,
                    0x0035, 0xC005, 0xC00F, 0x0039, 0x0038, 0xC023, 0xC027, 0x003C, 0xC025,
                    0xC029, 0x0067, 0x0040, 0xC009, 0xC013, 0x002F, 0xC004, 0xC00E, 0x0033,
                    0x0032, 0xC02C, 0xC02B, 0xC030, 0x009D, 0xC02E, 0xC032, 0x009F, 0x00A3,
                    0xC02F, 0x009C, 0xC02D, 0xC031, 0x009E, 0x00A2, 0xC008, 0xC012, 0x000A,
                    0xC003, 0xC00D, 0x0016, 0x0013)
JAVA7_SUITES = (0xC009, 0xC013, 0x002F, 0xC004, 0xC00E, 0x0033, 0x0032, 0xC007, 0xC011,
                0x0005, 0xC002, 0xC00C, 0xC008, 0xC012, 0x000A, 0xC003, 0xC00D, 0x0016,
                0x0013, 0x0004)
JAVA_SIGALGS = (0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0809, 0x080A, 0x080B,
                0x0401, 0x0501, 0x0601, 0x0402, 0x0203, 0x0201, 0x0202)
JAVA_GROUPS = (X25519, SECP256R1, SECP384R1, SECP521R1, X448, FFDHE2048, FFDHE3072)
JAVA_SRC = ("docs.oracle.com: JDK Providers Documentation, SunJSSE default cipher suites",
            "JDK conf/security/java.security: jdk.tls.disabledAlgorithms (TLSv1, TLSv1.1 since 8u291/11.0.11)")

# --- OpenSSL: the DEFAULT cipher string of each release (doc/man1/openssl-ciphers.pod,
# CHANGES.md), upstream security level 1 (distributions may raise it: Debian uses 2).
OPENSSL3_SUITES = (0x1302, 0x1303, 0x1301, 0xC02C, 0xC030, 0x009F, 0xCCA9, 0xCCA8, 0xCCAA,
                   0xC02B, 0xC02F, 0x009E, 0xC024, 0xC028, 0x006B, 0xC023, 0xC027, 0x0067,
                   0xC00A, 0xC014, 0x0039, 0xC009, 0xC013, 0x0033, 0x009D, 0x009C, 0x003D,
                   0x003C, 0x0035, 0x002F)
OPENSSL102_SUITES = (0xC030, 0xC02C, 0xC028, 0xC024, 0xC014, 0xC00A, 0x00A5, 0x00A3, 0x00A1,
                     0x009F, 0x006B, 0x006A, 0x0069, 0x0068, 0x0039, 0x0038, 0x0037, 0x0036,
                     0x0088, 0x0087, 0x0086, 0x0085, 0xC032, 0xC02E, 0xC02A, 0xC026, 0xC00F,
                     0xC005, 0x009D, 0x003D, 0x0035, 0x0084, 0xC02F, 0xC02B, 0xC027, 0xC023,
                     0xC013, 0xC009, 0x00A4, 0x00A2, 0x00A0, 0x009E, 0x0067, 0x0040, 0x003F,
                     0x003E, 0x0033, 0x0032, 0x0031, 0x0030, 0x009A, 0x0099, 0x0098, 0x0097,
                     0x0045, 0x0044, 0x0043, 0x0042, 0xC031, 0xC02D, 0xC029, 0xC025, 0xC00E,
                     0xC004, 0x009C, 0x003C, 0x002F, 0x0096, 0x0041, 0xC012, 0xC008, 0x0016,
                     0x0013, 0x0010, 0x000D, 0xC00D, 0xC003, 0x000A, 0x0007)
OPENSSL_SIGALGS = (0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0401,
                   0x0501, 0x0601, 0x0303, 0x0203, 0x0301, 0x0201, 0x0302, 0x0202, 0x0402,
                   0x0502, 0x0602)
OPENSSL_SRC = ("openssl doc/man1/openssl-ciphers.pod (DEFAULT)", "openssl CHANGES.md")

# --- Go crypto/tls: src/crypto/tls/cipher_suites.go (cipherSuitesPreferenceOrder,
# defaultCipherSuites), defaults.go (defaultCurvePreferences), go1.22/go1.24 release notes.
GO_SUITES = T13 + (0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8, 0xC009, 0xC013, 0xC00A,
                   0xC014)
GO_OLD_SUITES = GO_SUITES + (0x009C, 0x009D, 0x002F, 0x0035, 0xC012, 0x000A)
GO_SIGALGS = (0x0804, 0x0403, 0x0807, 0x0805, 0x0503, 0x0806, 0x0603, 0x0401, 0x0501,
              0x0601, 0x0201, 0x0203)
GO_SRC = ("go src/crypto/tls/cipher_suites.go", "go src/crypto/tls/defaults.go",
          "go.dev/doc/go1.22 (TLS 1.2 client minimum, no RSA key exchange by default)")

# --- Node.js: lib/tls.js DEFAULT_CIPHERS / src/node_constants.h DEFAULT_CIPHER_LIST_CORE.
NODE_SUITES = (0x1302, 0x1303, 0x1301, 0xC02F, 0xC02B, 0xC030, 0xC02C, 0x009E, 0xC027,
               0x0067, 0xC028, 0x006B, 0x009F, 0xCCA9, 0xCCA8, 0xCCAA, 0xC024, 0xC023,
               0xC00A, 0xC014, 0x0039, 0xC009, 0xC013, 0x0033, 0x009D, 0x009C, 0x003D,
               0x003C, 0x0035, 0x002F)
NODE_SRC = ("node src/node_constants.h DEFAULT_CIPHER_LIST_CORE", "node doc/api/tls.md")

# --- Android (Conscrypt): Android developers' SSLSocket reference table of protocols and
# cipher suites enabled by default per API level.
ANDROID44_SUITES = (0xC02B, 0xC02F, 0x009E, 0xC00A, 0xC009, 0xC013, 0xC014, 0xC007, 0xC011,
                    0x0033, 0x0032, 0x0039, 0x009C, 0x002F, 0x0035, 0x0005, 0x0004)
ANDROID7_SUITES = (0xC02B, 0xC02C, 0xCCA9, 0xC02F, 0xC030, 0xCCA8, 0xC009, 0xC00A, 0xC013,
                   0xC014, 0x009C, 0x009D, 0x002F, 0x0035)
ANDROID_SRC = ("developer.android.com: javax.net.ssl.SSLSocket (default protocols and cipher suites by API level)",
               "conscrypt common/src/main/java/org/conscrypt/NativeCrypto.java")

# --- Embedded: Mbed TLS library/ssl_ciphersuites.c (ciphersuite_preference), default
# config; wolfSSL default suites (wolfssl/internal.h).
MBEDTLS2_SUITES = (0xC02C, 0xC024, 0xC00A, 0xC030, 0xC028, 0xC014, 0x009F, 0x006B, 0x0039,
                   0xC02B, 0xC023, 0xC009, 0xC02F, 0xC027, 0xC013, 0x009E, 0x0067, 0x0033,
                   0x009D, 0x003D, 0x0035, 0x009C, 0x003C, 0x002F)
MBEDTLS_SRC = ("mbedtls library/ssl_ciphersuites.c (ciphersuite_preference)",
               "mbedtls include/mbedtls/mbedtls_config.h (defaults)")

CLASSIC_GROUPS = (X25519, SECP256R1, SECP384R1)
NIST_GROUPS = (SECP256R1, SECP384R1, SECP521R1)


def _p(name: str, title: str, versions: tuple[int, ...], suites: tuple[int, ...], *,
       groups: tuple[int, ...] = CLASSIC_GROUPS, sigalgs: tuple[int, ...] = CHROME_SIGALGS,
       trust: str, family: str, sources: tuple[str, ...], sni: bool = True,
       alpn: tuple[str, ...] = (), min_rsa: int = 1024, min_dh: int = 1024,
       sha1: bool = False) -> ClientProfile:
    return ClientProfile(name=name, title=title, versions=versions, cipher_suites=suites,
                         groups=groups, signature_algorithms=sigalgs, trust=trust,
                         family=family, sources=sources, sni=sni, alpn=alpn,
                         min_rsa_bits=min_rsa, min_dh_bits=min_dh, sha1_certs=sha1)


H2 = ("h2", "http/1.1")


@cache
def _catalog() -> tuple[ClientProfile, ...]:
    b, lib, osf, rt, emb = "browser", "library", "os", "runtime", "embedded"
    return (
        local_profile(),
        _p("chrome-131", "Chrome 131+ / Edge 131+ (desktop)", V13, CHROME_SUITES,
           groups=(X25519MLKEM768, X25519, SECP256R1, SECP384R1), trust="chrome", family=b,
           sources=CHROME_SRC, alpn=H2, min_dh=2048),
        _p("chrome-124", "Chrome 124-130", V13, CHROME_SUITES,
           groups=(X25519KYBER768, X25519, SECP256R1, SECP384R1), trust="chrome", family=b,
           sources=CHROME_SRC, alpn=H2, min_dh=2048),
        _p("chrome-100", "Chrome 93-123", V13, CHROME_SUITES, trust="chrome", family=b,
           sources=CHROME_SRC, alpn=H2, min_dh=2048),
        _p("chrome-80", "Chrome 70-83 (TLS 1.0 still on)", V13_ALL, CHROME_OLD_SUITES,
           trust="chrome", family=b, sources=CHROME_SRC, alpn=H2),
        _p("edge-18", "Edge 18 (EdgeHTML, Windows 10)", V12, WIN10_SUITES, trust="microsoft",
           family=b, sigalgs=WIN_SIGALGS, sources=WIN_SRC, alpn=H2),
        _p("firefox-132", "Firefox 132+", V13, FIREFOX_SUITES,
           groups=(X25519MLKEM768, X25519, SECP256R1, SECP384R1, SECP521R1, FFDHE2048, FFDHE3072),
           sigalgs=FIREFOX_SIGALGS, trust="mozilla", family=b, sources=FIREFOX_SRC, alpn=H2),
        _p("firefox-115", "Firefox 78-131 (incl. ESR 115)", V13, FIREFOX_SUITES,
           groups=(X25519, SECP256R1, SECP384R1, SECP521R1, FFDHE2048, FFDHE3072),
           sigalgs=FIREFOX_SIGALGS, trust="mozilla", family=b, sources=FIREFOX_SRC, alpn=H2),
        _p("firefox-68", "Firefox 63-77 (TLS 1.0 still on)", V13_ALL, FIREFOX_SUITES + (0x000A,),
           groups=(X25519, SECP256R1, SECP384R1, SECP521R1, FFDHE2048, FFDHE3072),
           sigalgs=FIREFOX_SIGALGS, trust="mozilla", family=b, sources=FIREFOX_SRC, alpn=H2),
        _p("safari-17", "Safari 17 / iOS 17 / macOS 14", V13, APPLE_SUITES,
           groups=(X25519, SECP256R1, SECP384R1, SECP521R1), sigalgs=APPLE_SIGALGS,
           trust="apple", family=b, sources=APPLE_SRC, alpn=H2, min_rsa=2048),
        _p("safari-12", "Safari 12.1 / iOS 12", V13_ALL, APPLE_SUITES,
           groups=(X25519, SECP256R1, SECP384R1, SECP521R1), sigalgs=APPLE_SIGALGS,
           trust="apple", family=b, sources=APPLE_SRC, alpn=H2, min_rsa=2048),
        _p("ie-11-win7", "Internet Explorer 11 on Windows 7", V12, WIN7_SUITES,
           groups=(SECP256R1, SECP384R1), sigalgs=WIN_SIGALGS, trust="microsoft", family=b,
           sources=WIN_SRC, sha1=True),
        _p("ie-8-xp", "Internet Explorer 8 on Windows XP (no SNI)", (TLS10, SSL3),
           (0x0004, 0x0005, 0x000A, 0x0009, 0x0064, 0x0062, 0x0003, 0x0006, 0x0013, 0x0012, 0x0063),
           groups=(), sigalgs=(), trust="microsoft", family=b, sources=WIN_SRC, sni=False,
           sha1=True),
        _p("windows-7", "Windows 7 SChannel (.NET 4.x, PowerShell)", V12, WIN7_SUITES,
           groups=(SECP256R1, SECP384R1), sigalgs=WIN_SIGALGS, trust="microsoft", family=osf,
           sources=WIN_SRC, sha1=True),
        _p("windows-10", "Windows 10 SChannel (.NET, curl.exe, PowerShell)", (TLS12, TLS11, TLS10),
           WIN10_SUITES, sigalgs=WIN_SIGALGS, trust="microsoft", family=osf, sources=WIN_SRC),
        _p("windows-11", "Windows 11 / Server 2022 SChannel", V13, WIN11_SUITES,
           sigalgs=WIN_SIGALGS, trust="microsoft", family=osf, sources=WIN_SRC),
        _p("java-6", "Java 6 (no SNI, no TLS 1.1/1.2)", (TLS10, SSL3), JAVA7_SUITES,
           groups=NIST_GROUPS, sigalgs=(), trust="java", family=rt, sources=JAVA_SRC,
           sni=False, min_dh=512, sha1=True),
        _p("java-7", "Java 7 (client default TLS 1.0)", (TLS10,), JAVA7_SUITES,
           groups=NIST_GROUPS, sigalgs=JAVA_SIGALGS, trust="java", family=rt,
           sources=JAVA_SRC, min_dh=768, sha1=True),
        _p("java-8u31", "Java 8u31-8u260 (TLS 1.2, no TLS 1.3)", (TLS12, TLS11, TLS10),
           JAVA8_OLD_SUITES, groups=NIST_GROUPS, sigalgs=JAVA_SIGALGS, trust="java",
           family=rt, sources=JAVA_SRC, min_dh=1024, sha1=True),
        _p("java-8", "Java 8u291+ (TLS 1.3 backport)", V13, JAVA8_SUITES, groups=JAVA_GROUPS,
           sigalgs=JAVA_SIGALGS, trust="java", family=rt, sources=JAVA_SRC, min_dh=1024),
        _p("java-11", "Java 11.0.11+", V13, JAVA8_SUITES, groups=JAVA_GROUPS,
           sigalgs=JAVA_SIGALGS, trust="java", family=rt, sources=JAVA_SRC),
        _p("java-17", "Java 17", V13, (0x1302, 0x1301, 0x1303) + JAVA8_SUITES[2:],
           groups=JAVA_GROUPS, sigalgs=JAVA_SIGALGS, trust="java", family=rt, sources=JAVA_SRC),
        _p("java-21", "Java 21", V13, (0x1302, 0x1301, 0x1303) + JAVA8_SUITES[2:19],
           groups=JAVA_GROUPS, sigalgs=JAVA_SIGALGS, trust="java", family=rt, sources=JAVA_SRC,
           min_rsa=1024),
        _p("openssl-1.0.2", "OpenSSL 1.0.2 (no TLS 1.3)", (TLS12, TLS11, TLS10), OPENSSL102_SUITES,
           groups=(SECP256R1, SECP521R1, SECP384R1), sigalgs=OPENSSL_SIGALGS, trust="system",
           family=lib, sources=OPENSSL_SRC, sha1=True),
        _p("openssl-1.1.1", "OpenSSL 1.1.1 (upstream defaults)", V13_ALL, OPENSSL3_SUITES,
           groups=(X25519, SECP256R1, X448, SECP521R1, SECP384R1), sigalgs=OPENSSL_SIGALGS,
           trust="system", family=lib, sources=OPENSSL_SRC, sha1=True),
        _p("openssl-3", "OpenSSL 3.x (upstream defaults, security level 1)", V13_ALL,
           OPENSSL3_SUITES, groups=(X25519, SECP256R1, X448, SECP521R1, SECP384R1),
           sigalgs=OPENSSL_SIGALGS, trust="system", family=lib, sources=OPENSSL_SRC),
        _p("openssl-3-seclevel2", "OpenSSL 3.x on Debian/Ubuntu (TLS 1.2+, security level 2)",
           V13, OPENSSL3_SUITES, groups=(X25519, SECP256R1, X448, SECP521R1, SECP384R1),
           sigalgs=OPENSSL_SIGALGS, trust="system", family=lib,
           sources=(*OPENSSL_SRC, "Debian /etc/ssl/openssl.cnf: MinProtocol TLSv1.2, CipherString DEFAULT@SECLEVEL=2"),
           min_rsa=2048, min_dh=2048),
        _p("python-3", "Python 3.10+ ssl (OpenSSL 3, TLS 1.2+)", V13,
           tuple(s for s in OPENSSL3_SUITES if s not in (0x0039, 0x0033, 0x0035, 0x002F, 0x003D,
                                                          0x003C, 0x009C, 0x009D, 0xC00A, 0xC014,
                                                          0xC009, 0xC013)),
           groups=(X25519, SECP256R1, X448, SECP521R1, SECP384R1), sigalgs=OPENSSL_SIGALGS,
           trust="system", family=rt, alpn=(),
           sources=("cpython Lib/ssl.py create_default_context; Modules/_ssl.c PY_SSL_DEFAULT_CIPHER_STRING "
                    "(@SECLEVEL=2:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:!eNULL:!aDSS:!SHA1:!AESCCM)",),
           min_rsa=2048, min_dh=2048),
        _p("python-2.7", "Python 2.7 / OpenSSL 1.0.1", (TLS12, TLS11, TLS10), OPENSSL102_SUITES,
           groups=(SECP256R1, SECP521R1, SECP384R1), sigalgs=OPENSSL_SIGALGS, trust="system",
           family=rt, sources=OPENSSL_SRC, sha1=True),
        _p("curl-8", "curl 8 with OpenSSL 3", V13, OPENSSL3_SUITES,
           groups=(X25519, SECP256R1, X448, SECP521R1, SECP384R1), sigalgs=OPENSSL_SIGALGS,
           trust="system", family="tool", alpn=H2,
           sources=("curl docs/SSL-PROBLEMS.md; lib/vtls/openssl.c (versions: the library's defaults)",
                    *OPENSSL_SRC)),
        _p("wget-1.21", "wget 1.21 (GnuTLS 3.7)", V13,
           T13 + (0xC02B, 0xC02C, 0xCCA9, 0xC02F, 0xC030, 0xCCA8, 0x009E, 0x009F, 0xCCAA,
                  0xC009, 0xC00A, 0xC013, 0xC014, 0x0033, 0x0039, 0x009C, 0x009D, 0x002F, 0x0035),
           groups=(X25519, SECP256R1, SECP384R1, SECP521R1, X448, FFDHE2048, FFDHE3072),
           sigalgs=OPENSSL_SIGALGS, trust="system", family="tool",
           sources=("gnutls lib/priority.c (NORMAL priority string)",)),
        _p("go-1.24", "Go 1.24+ crypto/tls", V13, GO_SUITES,
           groups=(X25519MLKEM768, X25519, SECP256R1, SECP384R1, SECP521R1), sigalgs=GO_SIGALGS,
           trust="system", family=rt, sources=GO_SRC, min_rsa=1024),
        _p("go-1.22", "Go 1.22-1.23 crypto/tls", V13, GO_SUITES,
           groups=(X25519, SECP256R1, SECP384R1, SECP521R1), sigalgs=GO_SIGALGS,
           trust="system", family=rt, sources=GO_SRC),
        _p("go-1.18", "Go 1.18-1.21 crypto/tls (TLS 1.0 still on)", V13_ALL, GO_OLD_SUITES,
           groups=(X25519, SECP256R1, SECP384R1, SECP521R1), sigalgs=GO_SIGALGS,
           trust="system", family=rt, sources=GO_SRC),
        _p("node-20", "Node.js 18-22 (OpenSSL 3)", V13, NODE_SUITES,
           groups=(X25519, SECP256R1, X448, SECP521R1, SECP384R1), sigalgs=OPENSSL_SIGALGS,
           trust="mozilla", family=rt, sources=NODE_SRC, min_rsa=1024),
        _p("dotnet-8-linux", ".NET 8 on Linux (OpenSSL 3)", V13, OPENSSL3_SUITES,
           groups=(X25519, SECP256R1, X448, SECP521R1, SECP384R1), sigalgs=OPENSSL_SIGALGS,
           trust="system", family=rt,
           sources=("learn.microsoft.com: TLS/SSL best practices (.NET uses the OS: OpenSSL on Linux)",)),
        _p("android-14", "Android 10-14", V13, T13 + ANDROID7_SUITES,
           trust="android", family=osf, sources=ANDROID_SRC, alpn=H2),
        _p("android-7", "Android 7-9", V12, ANDROID7_SUITES, groups=(X25519, SECP256R1, SECP384R1),
           trust="android", family=osf, sources=ANDROID_SRC, alpn=H2),
        _p("android-4.4", "Android 4.4 (TLS 1.0 by default for apps)", (TLS10,), ANDROID44_SUITES,
           groups=NIST_GROUPS, trust="android", family=osf, sources=ANDROID_SRC, sha1=True),
        _p("mbedtls-2", "Mbed TLS 2.x defaults (IoT, ESP32)", (TLS12, TLS11, TLS10), MBEDTLS2_SUITES,
           groups=(SECP521R1, SECP384R1, SECP256R1), sigalgs=(0x0603, 0x0503, 0x0403, 0x0601, 0x0501, 0x0401),
           trust="embedded", family=emb, sources=MBEDTLS_SRC, min_rsa=1024),
        _p("mbedtls-3", "Mbed TLS 3.x defaults (TLS 1.2 only)", (TLS12,), MBEDTLS2_SUITES,
           groups=(X25519, SECP256R1, SECP384R1), sigalgs=(0x0403, 0x0503, 0x0603, 0x0401, 0x0501, 0x0601),
           trust="embedded", family=emb, sources=MBEDTLS_SRC, min_rsa=1024),
        _p("legacy-sslv3", "A legacy device that speaks only SSLv3 (printers, old appliances)",
           (SSL3,), (0x000A, 0x0005, 0x0004, 0x002F, 0x0035), groups=(), sigalgs=(),
           trust="embedded", family=emb, sources=("RFC 6101 (SSL 3.0)",), sni=False, sha1=True),
    )


def all_profiles() -> tuple[ClientProfile, ...]:
    """The built-in profiles, then those captured with ``tlsdoctor listen --save``."""
    from .saved import load_saved

    return _catalog() + load_saved()


def get_profile(name: str) -> ClientProfile:
    key = name.strip().lower()
    for p in all_profiles():
        if p.name == key:
            return p
    close = [p.name for p in _catalog() if key.split("-")[0] in p.name]
    hint = f"; did you mean {', '.join(close[:5])}?" if close else "; see 'tlsdoctor clients'"
    raise UsageError(f"unknown client profile {name!r}{hint}")
