"""Every TLS cipher suite: the IANA "TLS Cipher Suites" registry, plus SSL 2.0 cipher kinds.

Sources (recorded per row in the last column):
- IANA "Transport Layer Security (TLS) Parameters", registry "TLS Cipher Suites"
  (https://www.iana.org/assignments/tls-parameters/tls-parameters.xhtml#tls-parameters-4):
  code points, names and defining RFCs. 0x1306 is listed as TLS_AEGIS_256_SHA512 as in
  draft-irtf-cfrg-aegis-aead (an early registry revision spelled it ..._SHA384).
- Rows whose reference starts with "!" are NOT in the IANA registry but are still met in
  the wild and in scanners' probes: the 56-bit "EXPORT1024" suites
  (draft-ietf-tls-56-bit-ciphersuites-01), the pre-RFC 7905 ChaCha20 code points
  (draft-agl-tls-chacha20poly1305-04) and Netscape's SSL 3 FIPS suites (0xFEFE/0xFEFF).
- OpenSSL names: for every suite that this machine's OpenSSL 3.0.19 knows, exactly what
  ``openssl ciphers -V 'ALL:COMPLEMENTOFALL:@SECLEVEL=0'`` prints (tests re-check this);
  for suites OpenSSL has since dropped (EXPORT, single DES, RC4, KRB5, static DH/ECDH,
  SEED...), the names in OpenSSL 1.0.2's ssl/s3_lib.c and ciphers(1) manual; "-" means
  OpenSSL never implemented the suite.
- SSL 2.0 cipher kinds: draft-hickman-netscape-ssl-00 Appendix C (OpenSSL 1.0.2
  ssl/s2_lib.c names; RC4-64-MD5 is OpenSSL's own addition).

Derived columns (key exchange, authentication, cipher, bits, mode, MAC, flags) are parsed
from the IANA name by ``_parse``, following the naming scheme of RFC 5246 Appendix C
("TLS_<kx>_<auth>_WITH_<cipher>_<mac>") and RFC 8446 §B.4 for TLS 1.3 names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

__all__ = [
    "CIPHER_SUITES",
    "SSL2_CIPHER_KINDS",
    "CipherSuite",
    "by_name",
    "by_openssl_name",
    "iana_suites",
    "suite",
    "weak",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class CipherSuite:
    """One cipher suite (or SSL 2.0 cipher kind) and what its name means.

    ``openssl_name`` None: OpenSSL never implemented it. ``bits`` is the nominal key size
    OpenSSL reports (3DES: 168, whose effective strength is 112). ``mac`` is "AEAD" for
    AEAD ciphers, else the HMAC hash ("MD5", "SHA1", "SHA256", "SHA384") or GOST's MAC.
    ``pfs``: the key exchange is ephemeral (DHE, ECDHE, ECCPWD, any TLS 1.3 suite).
    ``iana``: False for the few well-known suites outside the IANA registry.
    """

    code: int
    name: str  # IANA name
    openssl_name: str | None
    protocol: str  # "TLS1.3" | "TLS" | "SSL2"
    kx: str  # RSA DHE ECDHE DH ECDH PSK RSA_PSK SRP KRB5 ECCPWD GOST NULL ANY SCSV
    auth: str  # RSA ECDSA DSS anon PSK SRP KRB5 ECCPWD GOST NULL ANY SCSV
    cipher: str  # IANA spelling: "AES_128_GCM", "3DES_EDE_CBC", "RC4_128", "NULL"...
    bits: int
    mode: str  # "AEAD" | "CBC" | "STREAM" | "NULL"
    mac: str | None
    export: bool
    null: bool  # no encryption at all
    anon: bool  # no server authentication
    pfs: bool
    aead: bool
    scsv: bool = False  # a signalling value, not a real suite (RFC 5746, RFC 7507)
    min_tls: str = "SSL3"  # "TLS1.3", "TLS1.2" (needs TLS 1.2+), "SSL3" (older versions too)
    iana: bool = True
    reference: str = ""

    @property
    def hex(self) -> str:
        return f"0x{self.code:06X}" if self.protocol == "SSL2" else f"0x{self.code:04X}"


# code  IANA name  OpenSSL name ("-": none)  reference ("!": not in the IANA registry)
_TABLE = """
0000 TLS_NULL_WITH_NULL_NULL                           -                              RFC5246
0001 TLS_RSA_WITH_NULL_MD5                             NULL-MD5                       RFC5246
0002 TLS_RSA_WITH_NULL_SHA                             NULL-SHA                       RFC5246
0003 TLS_RSA_EXPORT_WITH_RC4_40_MD5                    EXP-RC4-MD5                    RFC4346
0004 TLS_RSA_WITH_RC4_128_MD5                          RC4-MD5                        RFC5246
0005 TLS_RSA_WITH_RC4_128_SHA                          RC4-SHA                        RFC5246
0006 TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5                EXP-RC2-CBC-MD5                RFC4346
0007 TLS_RSA_WITH_IDEA_CBC_SHA                         IDEA-CBC-SHA                   RFC5469
0008 TLS_RSA_EXPORT_WITH_DES40_CBC_SHA                 EXP-DES-CBC-SHA                RFC4346
0009 TLS_RSA_WITH_DES_CBC_SHA                          DES-CBC-SHA                    RFC5469
000A TLS_RSA_WITH_3DES_EDE_CBC_SHA                     DES-CBC3-SHA                   RFC5246
000B TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA              EXP-DH-DSS-DES-CBC-SHA         RFC4346
000C TLS_DH_DSS_WITH_DES_CBC_SHA                       DH-DSS-DES-CBC-SHA             RFC5469
000D TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA                  DH-DSS-DES-CBC3-SHA            RFC5246
000E TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA              EXP-DH-RSA-DES-CBC-SHA         RFC4346
000F TLS_DH_RSA_WITH_DES_CBC_SHA                       DH-RSA-DES-CBC-SHA             RFC5469
0010 TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA                  DH-RSA-DES-CBC3-SHA            RFC5246
0011 TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA             EXP-EDH-DSS-DES-CBC-SHA        RFC4346
0012 TLS_DHE_DSS_WITH_DES_CBC_SHA                      EDH-DSS-DES-CBC-SHA            RFC5469
0013 TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA                 DHE-DSS-DES-CBC3-SHA           RFC5246
0014 TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA             EXP-EDH-RSA-DES-CBC-SHA        RFC4346
0015 TLS_DHE_RSA_WITH_DES_CBC_SHA                      EDH-RSA-DES-CBC-SHA            RFC5469
0016 TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA                 DHE-RSA-DES-CBC3-SHA           RFC5246
0017 TLS_DH_anon_EXPORT_WITH_RC4_40_MD5                EXP-ADH-RC4-MD5                RFC4346
0018 TLS_DH_anon_WITH_RC4_128_MD5                      ADH-RC4-MD5                    RFC5246
0019 TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA             EXP-ADH-DES-CBC-SHA            RFC4346
001A TLS_DH_anon_WITH_DES_CBC_SHA                      ADH-DES-CBC-SHA                RFC5469
001B TLS_DH_anon_WITH_3DES_EDE_CBC_SHA                 ADH-DES-CBC3-SHA               RFC5246
001E TLS_KRB5_WITH_DES_CBC_SHA                         KRB5-DES-CBC-SHA               RFC2712
001F TLS_KRB5_WITH_3DES_EDE_CBC_SHA                    KRB5-DES-CBC3-SHA              RFC2712
0020 TLS_KRB5_WITH_RC4_128_SHA                         KRB5-RC4-SHA                   RFC2712
0021 TLS_KRB5_WITH_IDEA_CBC_SHA                        KRB5-IDEA-CBC-SHA              RFC2712
0022 TLS_KRB5_WITH_DES_CBC_MD5                         KRB5-DES-CBC-MD5               RFC2712
0023 TLS_KRB5_WITH_3DES_EDE_CBC_MD5                    KRB5-DES-CBC3-MD5              RFC2712
0024 TLS_KRB5_WITH_RC4_128_MD5                         KRB5-RC4-MD5                   RFC2712
0025 TLS_KRB5_WITH_IDEA_CBC_MD5                        KRB5-IDEA-CBC-MD5              RFC2712
0026 TLS_KRB5_EXPORT_WITH_DES_CBC_40_SHA               EXP-KRB5-DES-CBC-SHA           RFC2712
0027 TLS_KRB5_EXPORT_WITH_RC2_CBC_40_SHA               EXP-KRB5-RC2-CBC-SHA           RFC2712
0028 TLS_KRB5_EXPORT_WITH_RC4_40_SHA                   EXP-KRB5-RC4-SHA               RFC2712
0029 TLS_KRB5_EXPORT_WITH_DES_CBC_40_MD5               EXP-KRB5-DES-CBC-MD5           RFC2712
002A TLS_KRB5_EXPORT_WITH_RC2_CBC_40_MD5               EXP-KRB5-RC2-CBC-MD5           RFC2712
002B TLS_KRB5_EXPORT_WITH_RC4_40_MD5                   EXP-KRB5-RC4-MD5               RFC2712
002C TLS_PSK_WITH_NULL_SHA                             PSK-NULL-SHA                   RFC4785
002D TLS_DHE_PSK_WITH_NULL_SHA                         DHE-PSK-NULL-SHA               RFC4785
002E TLS_RSA_PSK_WITH_NULL_SHA                         RSA-PSK-NULL-SHA               RFC4785
002F TLS_RSA_WITH_AES_128_CBC_SHA                      AES128-SHA                     RFC5246
0030 TLS_DH_DSS_WITH_AES_128_CBC_SHA                   DH-DSS-AES128-SHA              RFC5246
0031 TLS_DH_RSA_WITH_AES_128_CBC_SHA                   DH-RSA-AES128-SHA              RFC5246
0032 TLS_DHE_DSS_WITH_AES_128_CBC_SHA                  DHE-DSS-AES128-SHA             RFC5246
0033 TLS_DHE_RSA_WITH_AES_128_CBC_SHA                  DHE-RSA-AES128-SHA             RFC5246
0034 TLS_DH_anon_WITH_AES_128_CBC_SHA                  ADH-AES128-SHA                 RFC5246
0035 TLS_RSA_WITH_AES_256_CBC_SHA                      AES256-SHA                     RFC5246
0036 TLS_DH_DSS_WITH_AES_256_CBC_SHA                   DH-DSS-AES256-SHA              RFC5246
0037 TLS_DH_RSA_WITH_AES_256_CBC_SHA                   DH-RSA-AES256-SHA              RFC5246
0038 TLS_DHE_DSS_WITH_AES_256_CBC_SHA                  DHE-DSS-AES256-SHA             RFC5246
0039 TLS_DHE_RSA_WITH_AES_256_CBC_SHA                  DHE-RSA-AES256-SHA             RFC5246
003A TLS_DH_anon_WITH_AES_256_CBC_SHA                  ADH-AES256-SHA                 RFC5246
003B TLS_RSA_WITH_NULL_SHA256                          NULL-SHA256                    RFC5246
003C TLS_RSA_WITH_AES_128_CBC_SHA256                   AES128-SHA256                  RFC5246
003D TLS_RSA_WITH_AES_256_CBC_SHA256                   AES256-SHA256                  RFC5246
003E TLS_DH_DSS_WITH_AES_128_CBC_SHA256                DH-DSS-AES128-SHA256           RFC5246
003F TLS_DH_RSA_WITH_AES_128_CBC_SHA256                DH-RSA-AES128-SHA256           RFC5246
0040 TLS_DHE_DSS_WITH_AES_128_CBC_SHA256               DHE-DSS-AES128-SHA256          RFC5246
0041 TLS_RSA_WITH_CAMELLIA_128_CBC_SHA                 CAMELLIA128-SHA                RFC5932
0042 TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA              DH-DSS-CAMELLIA128-SHA         RFC5932
0043 TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA              DH-RSA-CAMELLIA128-SHA         RFC5932
0044 TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA             DHE-DSS-CAMELLIA128-SHA        RFC5932
0045 TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA             DHE-RSA-CAMELLIA128-SHA        RFC5932
0046 TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA             ADH-CAMELLIA128-SHA            RFC5932
0060 TLS_RSA_EXPORT1024_WITH_RC4_56_MD5                EXP1024-RC4-MD5                !draft-ietf-tls-56-bit-ciphersuites-01
0061 TLS_RSA_EXPORT1024_WITH_RC2_CBC_56_MD5            EXP1024-RC2-CBC-MD5            !draft-ietf-tls-56-bit-ciphersuites-01
0062 TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA               EXP1024-DES-CBC-SHA            !draft-ietf-tls-56-bit-ciphersuites-01
0063 TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA           EXP1024-DHE-DSS-DES-CBC-SHA    !draft-ietf-tls-56-bit-ciphersuites-01
0064 TLS_RSA_EXPORT1024_WITH_RC4_56_SHA                EXP1024-RC4-SHA                !draft-ietf-tls-56-bit-ciphersuites-01
0065 TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA            EXP1024-DHE-DSS-RC4-SHA        !draft-ietf-tls-56-bit-ciphersuites-01
0066 TLS_DHE_DSS_WITH_RC4_128_SHA                      DHE-DSS-RC4-SHA                !draft-ietf-tls-56-bit-ciphersuites-01
0067 TLS_DHE_RSA_WITH_AES_128_CBC_SHA256               DHE-RSA-AES128-SHA256          RFC5246
0068 TLS_DH_DSS_WITH_AES_256_CBC_SHA256                DH-DSS-AES256-SHA256           RFC5246
0069 TLS_DH_RSA_WITH_AES_256_CBC_SHA256                DH-RSA-AES256-SHA256           RFC5246
006A TLS_DHE_DSS_WITH_AES_256_CBC_SHA256               DHE-DSS-AES256-SHA256          RFC5246
006B TLS_DHE_RSA_WITH_AES_256_CBC_SHA256               DHE-RSA-AES256-SHA256          RFC5246
006C TLS_DH_anon_WITH_AES_128_CBC_SHA256               ADH-AES128-SHA256              RFC5246
006D TLS_DH_anon_WITH_AES_256_CBC_SHA256               ADH-AES256-SHA256              RFC5246
0084 TLS_RSA_WITH_CAMELLIA_256_CBC_SHA                 CAMELLIA256-SHA                RFC5932
0085 TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA              DH-DSS-CAMELLIA256-SHA         RFC5932
0086 TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA              DH-RSA-CAMELLIA256-SHA         RFC5932
0087 TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA             DHE-DSS-CAMELLIA256-SHA        RFC5932
0088 TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA             DHE-RSA-CAMELLIA256-SHA        RFC5932
0089 TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA             ADH-CAMELLIA256-SHA            RFC5932
008A TLS_PSK_WITH_RC4_128_SHA                          PSK-RC4-SHA                    RFC4279
008B TLS_PSK_WITH_3DES_EDE_CBC_SHA                     PSK-3DES-EDE-CBC-SHA           RFC4279
008C TLS_PSK_WITH_AES_128_CBC_SHA                      PSK-AES128-CBC-SHA             RFC4279
008D TLS_PSK_WITH_AES_256_CBC_SHA                      PSK-AES256-CBC-SHA             RFC4279
008E TLS_DHE_PSK_WITH_RC4_128_SHA                      DHE-PSK-RC4-SHA                RFC4279
008F TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA                 DHE-PSK-3DES-EDE-CBC-SHA       RFC4279
0090 TLS_DHE_PSK_WITH_AES_128_CBC_SHA                  DHE-PSK-AES128-CBC-SHA         RFC4279
0091 TLS_DHE_PSK_WITH_AES_256_CBC_SHA                  DHE-PSK-AES256-CBC-SHA         RFC4279
0092 TLS_RSA_PSK_WITH_RC4_128_SHA                      RSA-PSK-RC4-SHA                RFC4279
0093 TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA                 RSA-PSK-3DES-EDE-CBC-SHA       RFC4279
0094 TLS_RSA_PSK_WITH_AES_128_CBC_SHA                  RSA-PSK-AES128-CBC-SHA         RFC4279
0095 TLS_RSA_PSK_WITH_AES_256_CBC_SHA                  RSA-PSK-AES256-CBC-SHA         RFC4279
0096 TLS_RSA_WITH_SEED_CBC_SHA                         SEED-SHA                       RFC4162
0097 TLS_DH_DSS_WITH_SEED_CBC_SHA                      DH-DSS-SEED-SHA                RFC4162
0098 TLS_DH_RSA_WITH_SEED_CBC_SHA                      DH-RSA-SEED-SHA                RFC4162
0099 TLS_DHE_DSS_WITH_SEED_CBC_SHA                     DHE-DSS-SEED-SHA               RFC4162
009A TLS_DHE_RSA_WITH_SEED_CBC_SHA                     DHE-RSA-SEED-SHA               RFC4162
009B TLS_DH_anon_WITH_SEED_CBC_SHA                     ADH-SEED-SHA                   RFC4162
009C TLS_RSA_WITH_AES_128_GCM_SHA256                   AES128-GCM-SHA256              RFC5288
009D TLS_RSA_WITH_AES_256_GCM_SHA384                   AES256-GCM-SHA384              RFC5288
009E TLS_DHE_RSA_WITH_AES_128_GCM_SHA256               DHE-RSA-AES128-GCM-SHA256      RFC5288
009F TLS_DHE_RSA_WITH_AES_256_GCM_SHA384               DHE-RSA-AES256-GCM-SHA384      RFC5288
00A0 TLS_DH_RSA_WITH_AES_128_GCM_SHA256                DH-RSA-AES128-GCM-SHA256       RFC5288
00A1 TLS_DH_RSA_WITH_AES_256_GCM_SHA384                DH-RSA-AES256-GCM-SHA384       RFC5288
00A2 TLS_DHE_DSS_WITH_AES_128_GCM_SHA256               DHE-DSS-AES128-GCM-SHA256      RFC5288
00A3 TLS_DHE_DSS_WITH_AES_256_GCM_SHA384               DHE-DSS-AES256-GCM-SHA384      RFC5288
00A4 TLS_DH_DSS_WITH_AES_128_GCM_SHA256                DH-DSS-AES128-GCM-SHA256       RFC5288
00A5 TLS_DH_DSS_WITH_AES_256_GCM_SHA384                DH-DSS-AES256-GCM-SHA384       RFC5288
00A6 TLS_DH_anon_WITH_AES_128_GCM_SHA256               ADH-AES128-GCM-SHA256          RFC5288
00A7 TLS_DH_anon_WITH_AES_256_GCM_SHA384               ADH-AES256-GCM-SHA384          RFC5288
00A8 TLS_PSK_WITH_AES_128_GCM_SHA256                   PSK-AES128-GCM-SHA256          RFC5487
00A9 TLS_PSK_WITH_AES_256_GCM_SHA384                   PSK-AES256-GCM-SHA384          RFC5487
00AA TLS_DHE_PSK_WITH_AES_128_GCM_SHA256               DHE-PSK-AES128-GCM-SHA256      RFC5487
00AB TLS_DHE_PSK_WITH_AES_256_GCM_SHA384               DHE-PSK-AES256-GCM-SHA384      RFC5487
00AC TLS_RSA_PSK_WITH_AES_128_GCM_SHA256               RSA-PSK-AES128-GCM-SHA256      RFC5487
00AD TLS_RSA_PSK_WITH_AES_256_GCM_SHA384               RSA-PSK-AES256-GCM-SHA384      RFC5487
00AE TLS_PSK_WITH_AES_128_CBC_SHA256                   PSK-AES128-CBC-SHA256          RFC5487
00AF TLS_PSK_WITH_AES_256_CBC_SHA384                   PSK-AES256-CBC-SHA384          RFC5487
00B0 TLS_PSK_WITH_NULL_SHA256                          PSK-NULL-SHA256                RFC5487
00B1 TLS_PSK_WITH_NULL_SHA384                          PSK-NULL-SHA384                RFC5487
00B2 TLS_DHE_PSK_WITH_AES_128_CBC_SHA256               DHE-PSK-AES128-CBC-SHA256      RFC5487
00B3 TLS_DHE_PSK_WITH_AES_256_CBC_SHA384               DHE-PSK-AES256-CBC-SHA384      RFC5487
00B4 TLS_DHE_PSK_WITH_NULL_SHA256                      DHE-PSK-NULL-SHA256            RFC5487
00B5 TLS_DHE_PSK_WITH_NULL_SHA384                      DHE-PSK-NULL-SHA384            RFC5487
00B6 TLS_RSA_PSK_WITH_AES_128_CBC_SHA256               RSA-PSK-AES128-CBC-SHA256      RFC5487
00B7 TLS_RSA_PSK_WITH_AES_256_CBC_SHA384               RSA-PSK-AES256-CBC-SHA384      RFC5487
00B8 TLS_RSA_PSK_WITH_NULL_SHA256                      RSA-PSK-NULL-SHA256            RFC5487
00B9 TLS_RSA_PSK_WITH_NULL_SHA384                      RSA-PSK-NULL-SHA384            RFC5487
00BA TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256              CAMELLIA128-SHA256             RFC5932
00BB TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA256           -                              RFC5932
00BC TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA256           -                              RFC5932
00BD TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256          DHE-DSS-CAMELLIA128-SHA256     RFC5932
00BE TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256          DHE-RSA-CAMELLIA128-SHA256     RFC5932
00BF TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256          ADH-CAMELLIA128-SHA256         RFC5932
00C0 TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256              CAMELLIA256-SHA256             RFC5932
00C1 TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA256           -                              RFC5932
00C2 TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA256           -                              RFC5932
00C3 TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256          DHE-DSS-CAMELLIA256-SHA256     RFC5932
00C4 TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256          DHE-RSA-CAMELLIA256-SHA256     RFC5932
00C5 TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256          ADH-CAMELLIA256-SHA256         RFC5932
00C6 TLS_SM4_GCM_SM3                                   -                              RFC8998
00C7 TLS_SM4_CCM_SM3                                   -                              RFC8998
00FF TLS_EMPTY_RENEGOTIATION_INFO_SCSV                 -                              RFC5746
1301 TLS_AES_128_GCM_SHA256                            TLS_AES_128_GCM_SHA256         RFC8446
1302 TLS_AES_256_GCM_SHA384                            TLS_AES_256_GCM_SHA384         RFC8446
1303 TLS_CHACHA20_POLY1305_SHA256                      TLS_CHACHA20_POLY1305_SHA256   RFC8446
1304 TLS_AES_128_CCM_SHA256                            TLS_AES_128_CCM_SHA256         RFC8446
1305 TLS_AES_128_CCM_8_SHA256                          TLS_AES_128_CCM_8_SHA256       RFC8446
1306 TLS_AEGIS_256_SHA512                              -                              draft-irtf-cfrg-aegis-aead
1307 TLS_AEGIS_128L_SHA256                             -                              draft-irtf-cfrg-aegis-aead
5600 TLS_FALLBACK_SCSV                                 -                              RFC7507
C001 TLS_ECDH_ECDSA_WITH_NULL_SHA                      ECDH-ECDSA-NULL-SHA            RFC8422
C002 TLS_ECDH_ECDSA_WITH_RC4_128_SHA                   ECDH-ECDSA-RC4-SHA             RFC8422
C003 TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA              ECDH-ECDSA-DES-CBC3-SHA        RFC8422
C004 TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA               ECDH-ECDSA-AES128-SHA          RFC8422
C005 TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA               ECDH-ECDSA-AES256-SHA          RFC8422
C006 TLS_ECDHE_ECDSA_WITH_NULL_SHA                     ECDHE-ECDSA-NULL-SHA           RFC8422
C007 TLS_ECDHE_ECDSA_WITH_RC4_128_SHA                  ECDHE-ECDSA-RC4-SHA            RFC8422
C008 TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA             ECDHE-ECDSA-DES-CBC3-SHA       RFC8422
C009 TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA              ECDHE-ECDSA-AES128-SHA         RFC8422
C00A TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA              ECDHE-ECDSA-AES256-SHA         RFC8422
C00B TLS_ECDH_RSA_WITH_NULL_SHA                        ECDH-RSA-NULL-SHA              RFC8422
C00C TLS_ECDH_RSA_WITH_RC4_128_SHA                     ECDH-RSA-RC4-SHA               RFC8422
C00D TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA                ECDH-RSA-DES-CBC3-SHA          RFC8422
C00E TLS_ECDH_RSA_WITH_AES_128_CBC_SHA                 ECDH-RSA-AES128-SHA            RFC8422
C00F TLS_ECDH_RSA_WITH_AES_256_CBC_SHA                 ECDH-RSA-AES256-SHA            RFC8422
C010 TLS_ECDHE_RSA_WITH_NULL_SHA                       ECDHE-RSA-NULL-SHA             RFC8422
C011 TLS_ECDHE_RSA_WITH_RC4_128_SHA                    ECDHE-RSA-RC4-SHA              RFC8422
C012 TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA               ECDHE-RSA-DES-CBC3-SHA         RFC8422
C013 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA                ECDHE-RSA-AES128-SHA           RFC8422
C014 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA                ECDHE-RSA-AES256-SHA           RFC8422
C015 TLS_ECDH_anon_WITH_NULL_SHA                       AECDH-NULL-SHA                 RFC8422
C016 TLS_ECDH_anon_WITH_RC4_128_SHA                    AECDH-RC4-SHA                  RFC8422
C017 TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA               AECDH-DES-CBC3-SHA             RFC8422
C018 TLS_ECDH_anon_WITH_AES_128_CBC_SHA                AECDH-AES128-SHA               RFC8422
C019 TLS_ECDH_anon_WITH_AES_256_CBC_SHA                AECDH-AES256-SHA               RFC8422
C01A TLS_SRP_SHA_WITH_3DES_EDE_CBC_SHA                 SRP-3DES-EDE-CBC-SHA           RFC5054
C01B TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA             SRP-RSA-3DES-EDE-CBC-SHA       RFC5054
C01C TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA             SRP-DSS-3DES-EDE-CBC-SHA       RFC5054
C01D TLS_SRP_SHA_WITH_AES_128_CBC_SHA                  SRP-AES-128-CBC-SHA            RFC5054
C01E TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA              SRP-RSA-AES-128-CBC-SHA        RFC5054
C01F TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA              SRP-DSS-AES-128-CBC-SHA        RFC5054
C020 TLS_SRP_SHA_WITH_AES_256_CBC_SHA                  SRP-AES-256-CBC-SHA            RFC5054
C021 TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA              SRP-RSA-AES-256-CBC-SHA        RFC5054
C022 TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA              SRP-DSS-AES-256-CBC-SHA        RFC5054
C023 TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256           ECDHE-ECDSA-AES128-SHA256      RFC5289
C024 TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384           ECDHE-ECDSA-AES256-SHA384      RFC5289
C025 TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256            ECDH-ECDSA-AES128-SHA256       RFC5289
C026 TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384            ECDH-ECDSA-AES256-SHA384       RFC5289
C027 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256             ECDHE-RSA-AES128-SHA256        RFC5289
C028 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384             ECDHE-RSA-AES256-SHA384        RFC5289
C029 TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256              ECDH-RSA-AES128-SHA256         RFC5289
C02A TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384              ECDH-RSA-AES256-SHA384         RFC5289
C02B TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256           ECDHE-ECDSA-AES128-GCM-SHA256  RFC5289
C02C TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384           ECDHE-ECDSA-AES256-GCM-SHA384  RFC5289
C02D TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256            ECDH-ECDSA-AES128-GCM-SHA256   RFC5289
C02E TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384            ECDH-ECDSA-AES256-GCM-SHA384   RFC5289
C02F TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256             ECDHE-RSA-AES128-GCM-SHA256    RFC5289
C030 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384             ECDHE-RSA-AES256-GCM-SHA384    RFC5289
C031 TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256              ECDH-RSA-AES128-GCM-SHA256     RFC5289
C032 TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384              ECDH-RSA-AES256-GCM-SHA384     RFC5289
C033 TLS_ECDHE_PSK_WITH_RC4_128_SHA                    ECDHE-PSK-RC4-SHA              RFC5489
C034 TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA               ECDHE-PSK-3DES-EDE-CBC-SHA     RFC5489
C035 TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA                ECDHE-PSK-AES128-CBC-SHA       RFC5489
C036 TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA                ECDHE-PSK-AES256-CBC-SHA       RFC5489
C037 TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256             ECDHE-PSK-AES128-CBC-SHA256    RFC5489
C038 TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384             ECDHE-PSK-AES256-CBC-SHA384    RFC5489
C039 TLS_ECDHE_PSK_WITH_NULL_SHA                       ECDHE-PSK-NULL-SHA             RFC5489
C03A TLS_ECDHE_PSK_WITH_NULL_SHA256                    ECDHE-PSK-NULL-SHA256          RFC5489
C03B TLS_ECDHE_PSK_WITH_NULL_SHA384                    ECDHE-PSK-NULL-SHA384          RFC5489
C03C TLS_RSA_WITH_ARIA_128_CBC_SHA256                  -                              RFC6209
C03D TLS_RSA_WITH_ARIA_256_CBC_SHA384                  -                              RFC6209
C03E TLS_DH_DSS_WITH_ARIA_128_CBC_SHA256               -                              RFC6209
C03F TLS_DH_DSS_WITH_ARIA_256_CBC_SHA384               -                              RFC6209
C040 TLS_DH_RSA_WITH_ARIA_128_CBC_SHA256               -                              RFC6209
C041 TLS_DH_RSA_WITH_ARIA_256_CBC_SHA384               -                              RFC6209
C042 TLS_DHE_DSS_WITH_ARIA_128_CBC_SHA256              -                              RFC6209
C043 TLS_DHE_DSS_WITH_ARIA_256_CBC_SHA384              -                              RFC6209
C044 TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256              -                              RFC6209
C045 TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384              -                              RFC6209
C046 TLS_DH_anon_WITH_ARIA_128_CBC_SHA256              -                              RFC6209
C047 TLS_DH_anon_WITH_ARIA_256_CBC_SHA384              -                              RFC6209
C048 TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256          -                              RFC6209
C049 TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384          -                              RFC6209
C04A TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256           -                              RFC6209
C04B TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384           -                              RFC6209
C04C TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256            -                              RFC6209
C04D TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384            -                              RFC6209
C04E TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256             -                              RFC6209
C04F TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384             -                              RFC6209
C050 TLS_RSA_WITH_ARIA_128_GCM_SHA256                  ARIA128-GCM-SHA256             RFC6209
C051 TLS_RSA_WITH_ARIA_256_GCM_SHA384                  ARIA256-GCM-SHA384             RFC6209
C052 TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256              DHE-RSA-ARIA128-GCM-SHA256     RFC6209
C053 TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384              DHE-RSA-ARIA256-GCM-SHA384     RFC6209
C054 TLS_DH_RSA_WITH_ARIA_128_GCM_SHA256               -                              RFC6209
C055 TLS_DH_RSA_WITH_ARIA_256_GCM_SHA384               -                              RFC6209
C056 TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256              DHE-DSS-ARIA128-GCM-SHA256     RFC6209
C057 TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384              DHE-DSS-ARIA256-GCM-SHA384     RFC6209
C058 TLS_DH_DSS_WITH_ARIA_128_GCM_SHA256               -                              RFC6209
C059 TLS_DH_DSS_WITH_ARIA_256_GCM_SHA384               -                              RFC6209
C05A TLS_DH_anon_WITH_ARIA_128_GCM_SHA256              -                              RFC6209
C05B TLS_DH_anon_WITH_ARIA_256_GCM_SHA384              -                              RFC6209
C05C TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256          ECDHE-ECDSA-ARIA128-GCM-SHA256 RFC6209
C05D TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384          ECDHE-ECDSA-ARIA256-GCM-SHA384 RFC6209
C05E TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256           -                              RFC6209
C05F TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384           -                              RFC6209
C060 TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256            ECDHE-ARIA128-GCM-SHA256       RFC6209
C061 TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384            ECDHE-ARIA256-GCM-SHA384       RFC6209
C062 TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256             -                              RFC6209
C063 TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384             -                              RFC6209
C064 TLS_PSK_WITH_ARIA_128_CBC_SHA256                  -                              RFC6209
C065 TLS_PSK_WITH_ARIA_256_CBC_SHA384                  -                              RFC6209
C066 TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256              -                              RFC6209
C067 TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384              -                              RFC6209
C068 TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256              -                              RFC6209
C069 TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384              -                              RFC6209
C06A TLS_PSK_WITH_ARIA_128_GCM_SHA256                  PSK-ARIA128-GCM-SHA256         RFC6209
C06B TLS_PSK_WITH_ARIA_256_GCM_SHA384                  PSK-ARIA256-GCM-SHA384         RFC6209
C06C TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256              DHE-PSK-ARIA128-GCM-SHA256     RFC6209
C06D TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384              DHE-PSK-ARIA256-GCM-SHA384     RFC6209
C06E TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256              RSA-PSK-ARIA128-GCM-SHA256     RFC6209
C06F TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384              RSA-PSK-ARIA256-GCM-SHA384     RFC6209
C070 TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256            -                              RFC6209
C071 TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384            -                              RFC6209
C072 TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256      ECDHE-ECDSA-CAMELLIA128-SHA256 RFC6367
C073 TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384      ECDHE-ECDSA-CAMELLIA256-SHA384 RFC6367
C074 TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256       -                              RFC6367
C075 TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384       -                              RFC6367
C076 TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256        ECDHE-RSA-CAMELLIA128-SHA256   RFC6367
C077 TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384        ECDHE-RSA-CAMELLIA256-SHA384   RFC6367
C078 TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256         -                              RFC6367
C079 TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384         -                              RFC6367
C07A TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256              -                              RFC6367
C07B TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384              -                              RFC6367
C07C TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256          -                              RFC6367
C07D TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384          -                              RFC6367
C07E TLS_DH_RSA_WITH_CAMELLIA_128_GCM_SHA256           -                              RFC6367
C07F TLS_DH_RSA_WITH_CAMELLIA_256_GCM_SHA384           -                              RFC6367
C080 TLS_DHE_DSS_WITH_CAMELLIA_128_GCM_SHA256          -                              RFC6367
C081 TLS_DHE_DSS_WITH_CAMELLIA_256_GCM_SHA384          -                              RFC6367
C082 TLS_DH_DSS_WITH_CAMELLIA_128_GCM_SHA256           -                              RFC6367
C083 TLS_DH_DSS_WITH_CAMELLIA_256_GCM_SHA384           -                              RFC6367
C084 TLS_DH_anon_WITH_CAMELLIA_128_GCM_SHA256          -                              RFC6367
C085 TLS_DH_anon_WITH_CAMELLIA_256_GCM_SHA384          -                              RFC6367
C086 TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256      -                              RFC6367
C087 TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384      -                              RFC6367
C088 TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256       -                              RFC6367
C089 TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384       -                              RFC6367
C08A TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256        -                              RFC6367
C08B TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384        -                              RFC6367
C08C TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256         -                              RFC6367
C08D TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384         -                              RFC6367
C08E TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256              -                              RFC6367
C08F TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384              -                              RFC6367
C090 TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256          -                              RFC6367
C091 TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384          -                              RFC6367
C092 TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256          -                              RFC6367
C093 TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384          -                              RFC6367
C094 TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256              PSK-CAMELLIA128-SHA256         RFC6367
C095 TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384              PSK-CAMELLIA256-SHA384         RFC6367
C096 TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256          DHE-PSK-CAMELLIA128-SHA256     RFC6367
C097 TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384          DHE-PSK-CAMELLIA256-SHA384     RFC6367
C098 TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256          RSA-PSK-CAMELLIA128-SHA256     RFC6367
C099 TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384          RSA-PSK-CAMELLIA256-SHA384     RFC6367
C09A TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256        ECDHE-PSK-CAMELLIA128-SHA256   RFC6367
C09B TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384        ECDHE-PSK-CAMELLIA256-SHA384   RFC6367
C09C TLS_RSA_WITH_AES_128_CCM                          AES128-CCM                     RFC6655
C09D TLS_RSA_WITH_AES_256_CCM                          AES256-CCM                     RFC6655
C09E TLS_DHE_RSA_WITH_AES_128_CCM                      DHE-RSA-AES128-CCM             RFC6655
C09F TLS_DHE_RSA_WITH_AES_256_CCM                      DHE-RSA-AES256-CCM             RFC6655
C0A0 TLS_RSA_WITH_AES_128_CCM_8                        AES128-CCM8                    RFC6655
C0A1 TLS_RSA_WITH_AES_256_CCM_8                        AES256-CCM8                    RFC6655
C0A2 TLS_DHE_RSA_WITH_AES_128_CCM_8                    DHE-RSA-AES128-CCM8            RFC6655
C0A3 TLS_DHE_RSA_WITH_AES_256_CCM_8                    DHE-RSA-AES256-CCM8            RFC6655
C0A4 TLS_PSK_WITH_AES_128_CCM                          PSK-AES128-CCM                 RFC6655
C0A5 TLS_PSK_WITH_AES_256_CCM                          PSK-AES256-CCM                 RFC6655
C0A6 TLS_DHE_PSK_WITH_AES_128_CCM                      DHE-PSK-AES128-CCM             RFC6655
C0A7 TLS_DHE_PSK_WITH_AES_256_CCM                      DHE-PSK-AES256-CCM             RFC6655
C0A8 TLS_PSK_WITH_AES_128_CCM_8                        PSK-AES128-CCM8                RFC6655
C0A9 TLS_PSK_WITH_AES_256_CCM_8                        PSK-AES256-CCM8                RFC6655
C0AA TLS_PSK_DHE_WITH_AES_128_CCM_8                    DHE-PSK-AES128-CCM8            RFC6655
C0AB TLS_PSK_DHE_WITH_AES_256_CCM_8                    DHE-PSK-AES256-CCM8            RFC6655
C0AC TLS_ECDHE_ECDSA_WITH_AES_128_CCM                  ECDHE-ECDSA-AES128-CCM         RFC7251
C0AD TLS_ECDHE_ECDSA_WITH_AES_256_CCM                  ECDHE-ECDSA-AES256-CCM         RFC7251
C0AE TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8                ECDHE-ECDSA-AES128-CCM8        RFC7251
C0AF TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8                ECDHE-ECDSA-AES256-CCM8        RFC7251
C0B0 TLS_ECCPWD_WITH_AES_128_GCM_SHA256                -                              RFC8492
C0B1 TLS_ECCPWD_WITH_AES_256_GCM_SHA384                -                              RFC8492
C0B2 TLS_ECCPWD_WITH_AES_128_CCM_SHA256                -                              RFC8492
C0B3 TLS_ECCPWD_WITH_AES_256_CCM_SHA384                -                              RFC8492
C0B4 TLS_SHA256_SHA256                                 -                              RFC9150
C0B5 TLS_SHA384_SHA384                                 -                              RFC9150
C100 TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC      -                              RFC9189
C101 TLS_GOSTR341112_256_WITH_MAGMA_CTR_OMAC           -                              RFC9189
C102 TLS_GOSTR341112_256_WITH_28147_CNT_IMIT           -                              RFC9189
C103 TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_L         -                              RFC9367
C104 TLS_GOSTR341112_256_WITH_MAGMA_MGM_L              -                              RFC9367
C105 TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_S         -                              RFC9367
C106 TLS_GOSTR341112_256_WITH_MAGMA_MGM_S              -                              RFC9367
CC13 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD   -                              !draft-agl-tls-chacha20poly1305-04
CC14 TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256_OLD -                              !draft-agl-tls-chacha20poly1305-04
CC15 TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD     -                              !draft-agl-tls-chacha20poly1305-04
CCA8 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256       ECDHE-RSA-CHACHA20-POLY1305    RFC7905
CCA9 TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256     ECDHE-ECDSA-CHACHA20-POLY1305  RFC7905
CCAA TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256         DHE-RSA-CHACHA20-POLY1305      RFC7905
CCAB TLS_PSK_WITH_CHACHA20_POLY1305_SHA256             PSK-CHACHA20-POLY1305          RFC7905
CCAC TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256       ECDHE-PSK-CHACHA20-POLY1305    RFC7905
CCAD TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256         DHE-PSK-CHACHA20-POLY1305      RFC7905
CCAE TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256         RSA-PSK-CHACHA20-POLY1305      RFC7905
D001 TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256             -                              RFC8442
D002 TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384             -                              RFC8442
D003 TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256           -                              RFC8442
D005 TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256             -                              RFC8442
FEFE SSL_RSA_FIPS_WITH_DES_CBC_SHA                     -                              !netscape-ssl3-fips
FEFF SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA                -                              !netscape-ssl3-fips
"""

# SSL 2.0 CIPHER-KIND values (3 bytes): draft-hickman-netscape-ssl-00 Appendix C.
_SSL2_TABLE = """
010080 SSL_CK_RC4_128_WITH_MD5              RC4-MD5          RC4_128          128 STREAM 0
020080 SSL_CK_RC4_128_EXPORT40_WITH_MD5     EXP-RC4-MD5      RC4_128_EXPORT40 40  STREAM 1
030080 SSL_CK_RC2_128_CBC_WITH_MD5          RC2-CBC-MD5      RC2_128_CBC      128 CBC    0
040080 SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5 EXP-RC2-CBC-MD5  RC2_128_CBC_EXPORT40 40 CBC  1
050080 SSL_CK_IDEA_128_CBC_WITH_MD5         IDEA-CBC-MD5     IDEA_128_CBC     128 CBC    0
060040 SSL_CK_DES_64_CBC_WITH_MD5           DES-CBC-MD5      DES_64_CBC       56  CBC    0
0700C0 SSL_CK_DES_192_EDE3_CBC_WITH_MD5     DES-CBC3-MD5     DES_192_EDE3_CBC 168 CBC    0
080080 SSL_CK_RC4_64_WITH_MD5               RC4-64-MD5       RC4_64           64  STREAM 0
"""

# TLS 1.3 suites: only the AEAD and hash are named (RFC 8446 §B.4); key exchange and
# authentication are negotiated separately, hence kx = auth = "ANY".
_TLS13_CODES = frozenset(
    {
        0x1301,
        0x1302,
        0x1303,
        0x1304,
        0x1305,
        0x1306,
        0x1307,
        0x00C6,
        0x00C7,  # RFC 8998 (SM4)
        0xC0B4,
        0xC0B5,  # RFC 9150 (integrity only, no encryption)
        0xC103,
        0xC104,
        0xC105,
        0xC106,
    }
)  # RFC 9367 (GOST, TLS 1.3)
_SCSV_CODES = frozenset({0x00FF, 0x5600})  # RFC 5746, RFC 7507

# "<kx>_<auth>" part of a TLS <= 1.2 name (RFC 5246 App. C and the RFCs per row).
_KX_AUTH = {
    "NULL": ("NULL", "NULL"),
    "RSA": ("RSA", "RSA"),
    "RSA_FIPS": ("RSA", "RSA"),
    "DH_DSS": ("DH", "DSS"),
    "DH_RSA": ("DH", "RSA"),
    "DH_anon": ("DH", "anon"),
    "DHE_DSS": ("DHE", "DSS"),
    "DHE_RSA": ("DHE", "RSA"),
    "DHE_PSK": ("DHE", "PSK"),
    "PSK_DHE": ("DHE", "PSK"),  # RFC 6655 spells 0xC0AA/0xC0AB this way round
    "KRB5": ("KRB5", "KRB5"),
    "PSK": ("PSK", "PSK"),
    "RSA_PSK": ("RSA_PSK", "RSA"),
    "ECDH_ECDSA": ("ECDH", "ECDSA"),
    "ECDH_RSA": ("ECDH", "RSA"),
    "ECDH_anon": ("ECDH", "anon"),
    "ECDHE_ECDSA": ("ECDHE", "ECDSA"),
    "ECDHE_RSA": ("ECDHE", "RSA"),
    "ECDHE_PSK": ("ECDHE", "PSK"),
    "SRP_SHA": ("SRP", "SRP"),
    "SRP_SHA_RSA": ("SRP", "RSA"),
    "SRP_SHA_DSS": ("SRP", "DSS"),
    "ECCPWD": ("ECCPWD", "ECCPWD"),
    "GOSTR341112_256": ("GOST", "GOST"),
}
_MACS = {
    "NULL": "NULL",
    "MD5": "MD5",
    "SHA": "SHA1",
    "SHA256": "SHA256",
    "SHA384": "SHA384",
    "SHA512": "SHA512",
    "SM3": "SM3",
    "OMAC": "OMAC",
    "IMIT": "IMIT",
}
_FIXED_BITS = {
    "3DES_EDE_CBC": 168,
    "DES_CBC": 56,
    "DES40_CBC": 40,
    "DES_CBC_40": 40,
    "IDEA_CBC": 128,
    "SEED_CBC": 128,
    "CHACHA20_POLY1305": 256,
    "SM4_GCM": 128,
    "SM4_CCM": 128,
    "AEGIS_128L": 128,
    "KUZNYECHIK_CTR": 256,
    "MAGMA_CTR": 256,
    "28147_CNT": 256,
    "NULL": 0,
}


def _cipher_facts(cipher: str) -> tuple[int, str]:
    """(bits, mode) of a cipher token in IANA spelling."""
    if cipher == "NULL":
        return 0, "NULL"
    if cipher.endswith(("_GCM", "_CCM", "_CCM_8", "POLY1305")) or cipher.startswith(
        ("AEGIS", "KUZNYECHIK_MGM", "MAGMA_MGM")
    ):
        mode = "AEAD"
    elif cipher.startswith("RC4") or cipher.endswith(("_CTR", "_CNT")):
        mode = "STREAM"  # RC4, and GOST counter modes (RFC 9189)
    else:
        mode = "CBC"
    if cipher in _FIXED_BITS:
        return _FIXED_BITS[cipher], mode
    if cipher.startswith(("KUZNYECHIK", "MAGMA")):
        return 256, mode
    for token in cipher.split("_"):
        if token.isdigit():
            return int(token), mode  # AES_128_GCM, RC4_40, RC2_CBC_56, AEGIS_256...
    raise ValueError(f"no key size in cipher {cipher!r}")


_Make = Callable[..., CipherSuite]


def _parse(
    code: int, name: str, openssl_name: str | None, reference: str, iana: bool
) -> CipherSuite:
    def make(**facts: Any) -> CipherSuite:
        return CipherSuite(
            code=code, name=name, openssl_name=openssl_name, iana=iana, reference=reference, **facts
        )

    if code in _SCSV_CODES:
        return make(protocol="TLS", kx="SCSV", auth="SCSV", cipher="NONE", bits=0, mode="NULL",
                    mac=None, export=False, null=False, anon=False, pfs=False, aead=False,
                    scsv=True)
    body = name.split("_", 1)[1]  # drop "TLS_" / "SSL_"
    return _tls13(body, make) if code in _TLS13_CODES else _tls(body, make)


def _tls13(body: str, make: _Make) -> CipherSuite:
    mac: str | None
    if body.startswith("GOSTR341112_256_WITH_"):
        cipher, mac = body.split("_WITH_", 1)[1], "AEAD"
    else:
        cipher, _, prf = body.rpartition("_")
        mac = "AEAD"
        if cipher in ("SHA256", "SHA384"):  # RFC 9150: integrity only
            cipher, mac = "NULL", prf
    bits, mode = _cipher_facts(cipher)
    return make(protocol="TLS1.3", kx="ANY", auth="ANY", cipher=cipher, bits=bits, mode=mode,
                mac=mac, export=False, null=mode == "NULL", anon=False, pfs=True,
                aead=mode == "AEAD", min_tls="TLS1.3")


def _tls(body: str, make: _Make) -> CipherSuite:
    """SSLv3 to TLS 1.2 suites: KX_AUTH_WITH_CIPHER_MAC."""
    left, _, right = body.partition("_WITH_")
    export = left.endswith(("_EXPORT", "_EXPORT1024"))
    kx, auth = _KX_AUTH[left.rsplit("_EXPORT", 1)[0] if export else left]
    right = right.removesuffix("_OLD")  # pre-standard ChaCha20 code points
    cipher, _, last = right.rpartition("_")
    if last not in _MACS:  # AES_128_CCM, AES_128_CCM_8: no hash in the name
        cipher, last = right, ""
    bits, mode = _cipher_facts(cipher)
    mac = "AEAD" if mode == "AEAD" else (_MACS[last] if last else None)
    if cipher == "NULL" and left == "NULL":
        mac = None  # TLS_NULL_WITH_NULL_NULL: the initial, unprotected state
    # AEAD record protection exists only from TLS 1.2 on (RFC 5246 §6.2.3.3), as do the
    # SHA-256/384 PRF suites of RFC 5246/5289/5932/6209; the PSK ones of RFC 5487/5489
    # define their use with TLS 1.0/1.1 too (OpenSSL agrees: "TLSv1").
    psk = auth == "PSK" or kx == "RSA_PSK"
    tls12 = (mode == "AEAD" or (last in ("SHA256", "SHA384") and not psk)
             or kx in ("ECCPWD", "GOST"))
    return make(protocol="TLS", kx=kx, auth=auth, cipher=cipher, bits=bits, mode=mode, mac=mac,
                export=export, null=cipher == "NULL", anon=auth == "anon",
                pfs=kx in ("DHE", "ECDHE", "ECCPWD"), aead=mode == "AEAD",
                min_tls="TLS1.2" if tls12 else "SSL3")


def _load() -> dict[int, CipherSuite]:
    out: dict[int, CipherSuite] = {}
    for line in _TABLE.strip().splitlines():
        code_s, name, openssl_name, ref = line.split()
        code = int(code_s, 16)
        if code in out:
            raise ValueError(f"duplicate cipher suite 0x{code:04X}")
        out[code] = _parse(
            code,
            name,
            None if openssl_name == "-" else openssl_name,
            ref.lstrip("!"),
            not ref.startswith("!"),
        )
    return out


def _load_ssl2() -> dict[int, CipherSuite]:
    out: dict[int, CipherSuite] = {}
    for line in _SSL2_TABLE.strip().splitlines():
        code_s, name, openssl_name, cipher, bits, mode, export = line.split()
        out[int(code_s, 16)] = CipherSuite(
            code=int(code_s, 16),
            name=name,
            openssl_name=openssl_name,
            protocol="SSL2",
            kx="RSA",
            auth="RSA",
            cipher=cipher,
            bits=int(bits),
            mode=mode,
            mac="MD5",
            export=export == "1",
            null=False,
            anon=False,
            pfs=False,
            aead=False,
            min_tls="SSL2",
            iana=False,
            reference="draft-hickman-netscape-ssl-00",
        )
    return out


CIPHER_SUITES: Mapping[int, CipherSuite] = MappingProxyType(_load())
"""Every TLS cipher suite by 16-bit code (IANA registry plus the "!" rows)."""

SSL2_CIPHER_KINDS: Mapping[int, CipherSuite] = MappingProxyType(_load_ssl2())
"""SSL 2.0 cipher kinds by 24-bit code."""

_BY_NAME = {s.name: s for s in CIPHER_SUITES.values()}
_BY_NAME["TLS_AEGIS_256_SHA384"] = CIPHER_SUITES[0x1306]  # the registry's earlier spelling
_BY_OPENSSL = {s.openssl_name.upper(): s for s in CIPHER_SUITES.values() if s.openssl_name}


def suite(code: int) -> CipherSuite | None:
    """The suite for a 16-bit TLS code or a 24-bit SSL 2.0 cipher kind (None: unknown)."""
    if code > 0xFFFF:
        return SSL2_CIPHER_KINDS.get(code)
    return CIPHER_SUITES.get(code)


def by_name(name: str) -> CipherSuite | None:
    """Look up an IANA name; Java/SChannel's "SSL_" prefix for old suites is accepted."""
    s = _BY_NAME.get(name)
    if s is None and name.startswith("SSL_"):
        s = _BY_NAME.get("TLS_" + name[4:])
    return s


def by_openssl_name(name: str) -> CipherSuite | None:
    """Look up an OpenSSL name (case-insensitive; old "EDH-" spellings accepted)."""
    key = name.strip().upper()
    s = _BY_OPENSSL.get(key)
    if s is None and key.startswith(("EDH-", "EXP-EDH-")):
        s = _BY_OPENSSL.get(key.replace("EDH-", "DHE-", 1))
    return s


def iana_suites() -> tuple[CipherSuite, ...]:
    """The suites of the IANA registry only, by code."""
    return tuple(s for s in CIPHER_SUITES.values() if s.iana)


def insecure(s: CipherSuite) -> bool:
    """Broken confidentiality, whatever the key exchange: NULL, anonymous, EXPORT, RC4,
    single DES and 64-bit block ciphers (the first reasons of ``weak``)."""
    c = s.cipher.upper()
    return bool(s.null or s.anon or s.export or "RC4" in c or "DES" in c or "IDEA" in c
                or "RC2" in c)


def weak(s: CipherSuite) -> str | None:
    """Why ``s`` is weak, worst problem first; None when it is acceptable (or an SCSV).

    Reasons and their sources: NULL (no encryption), anonymous (RFC 5246 §F.1.1.1),
    EXPORT (RFC 5246 App. A.5; FREAK, Logjam), RC4 (RFC 7465), single DES/IDEA
    (RFC 5469, "historic"), 64-bit blocks (Sweet32, CVE-2016-2183), no forward secrecy
    (static RSA/DH/ECDH, PSK, SRP, KRB5), CBC with HMAC-SHA1 (MAC-then-encrypt: Lucky13,
    RFC 7366).
    """
    if s.scsv:
        return None
    c = s.cipher
    if s.null:
        return "NULL cipher: traffic is not encrypted"
    if s.anon:
        return "anonymous key exchange: the server is not authenticated (trivial man-in-the-middle)"
    if s.export:
        return f"EXPORT grade ({s.bits}-bit): deliberately breakable (FREAK/Logjam)"
    if c.startswith("RC4"):
        return "RC4: biased keystream, prohibited by RFC 7465"
    if (c.startswith("DES") and "EDE" not in c) or s.bits < 112:
        return f"single DES or {s.bits}-bit key: brute-forceable"
    if c.startswith(("3DES", "DES_192", "IDEA", "RC2")):
        return "64-bit block cipher: Sweet32 birthday attack (CVE-2016-2183)"
    if not s.pfs:
        return f"no forward secrecy: {s.kx} key exchange; a stolen server key decrypts recorded traffic"
    if s.mode == "CBC" and s.mac in ("SHA1", "MD5"):
        return f"CBC with HMAC-{s.mac}: MAC-then-encrypt, padding-oracle attacks (Lucky13)"
    return None
