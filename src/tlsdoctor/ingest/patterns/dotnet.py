""".NET (System.Net.Security / HttpClient) and Windows Schannel.

SEC_E_* / CERT_E_* codes and texts: Windows SDK winerror.h; .NET strings:
dotnet/runtime src/libraries/System.Net.Security/src/Resources/Strings.resx
(net_ssl_io_frame, net_auth_SSPI...), SslPolicyErrors and X509ChainStatusFlags enums;
.NET Framework System.Net (WebExceptionStatus.SecureChannelFailure / TrustFailure);
Schannel event log texts (events 36874, 36887, 36888).
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import CATEGORY, GENERIC, REASON, SPECIFIC, table
from .harvested import upstream_patterns
from .judgement._common import NO_REVOCATION_INFO, STALE_CA

_UNTRUSTED = ("cert_untrusted_root:.5 cert_self_signed:.2 incomplete_chain:.15 "
              "tls_interception_mitm:.15")
_REVOCATION = ("middlebox_or_firewall_interference:.5 tls_interception_mitm:.3 "
               "client_misconfiguration:.2")
_HS = ("client_misconfiguration:.3 protocol_version_mismatch:.3 cipher_suite_mismatch:.25 "
       "client_cert_required:.15")
# WebExceptionStatus.SecureChannelFailure, .NET Framework's HttpWebRequest/WebClient (Windows
# PowerShell 5.1's Invoke-WebRequest, NuGet.exe, Chocolatey): before 4.7 the framework's
# ServicePointManager.SecurityProtocol is a fixed list without TLS 1.2 unless the app or the
# SchUseStrongCrypto/SystemDefaultTlsVersions keys say otherwise (Microsoft Learn,
# ServicePointManager.SecurityProtocol remarks and "TLS best practices with the .NET
# Framework"), and services have required TLS 1.2 since (PowerShell Gallery, April 2020): no
# version in common first, like SendFailure below. Calibrated on the dev threads of that
# class (round 13, scripts/calibration_report.py --group text: 5 of 5 threads' own cause).
_SECURE_CHANNEL = ("protocol_version_mismatch:.35 client_misconfiguration:.3 "
                   "cipher_suite_mismatch:.2 client_cert_required:.15")

_TRUST = ("cert_untrusted_root:.45 cert_self_signed:.2 hostname_mismatch:.15 incomplete_chain:.1 "
          "tls_interception_mitm:.1")

# What tells its candidates apart (round 16): what the client offers, what the server takes,
# and the alert Schannel logged for this very handshake.
_SECURE_CHANNEL_CHECK = (" (to tell version, suite and client certificate apart: "
                         "`[Net.ServicePointManager]::SecurityProtocol` shows what this client "
                         "offers, `tlsdoctor diagnose HOST` what the server takes, and the "
                         "Schannel event 36887/36888 logged at the same time names the alert)")

# name: (hex code, winerror.h text, causes, spec)
CODES: dict[str, tuple[str, str, str, int]] = {
    "SEC_E_UNTRUSTED_ROOT": ("0x80090325", "The certificate chain was issued by an authority "
                             "that is not trusted", _UNTRUSTED, SPECIFIC),
    "SEC_E_CERT_EXPIRED": ("0x80090328", "The received certificate has expired",
                           "cert_expired:.85 client_clock_wrong:.15", REASON),
    "SEC_E_WRONG_PRINCIPAL": ("0x80090322", "The target principal name is incorrect",
                              "hostname_mismatch:1", REASON),
    "SEC_E_ILLEGAL_MESSAGE": ("0x80090326", "The message received was unexpected or badly "
                              "formatted", "cipher_suite_mismatch:.3 protocol_version_mismatch:.25 "
                              "client_cert_required:.25 middlebox_or_firewall_interference:.2",
                              CATEGORY),
    "SEC_E_ALGORITHM_MISMATCH": ("0x80090331", "The client and server cannot communicate, "
                                 "because they do not possess a common algorithm",
                                 "protocol_version_mismatch:.5 cipher_suite_mismatch:.5", SPECIFIC),
    "SEC_E_UNSUPPORTED_FUNCTION": ("0x80090302", "The function requested is not supported",
                                   "protocol_version_mismatch:.6 client_misconfiguration:.4",
                                   SPECIFIC),
    "SEC_E_INTERNAL_ERROR": ("0x80090304", "The Local Security Authority cannot be contacted",
                             "client_misconfiguration:.6 server_misconfiguration:.4", CATEGORY),
    "SEC_E_INVALID_TOKEN": ("0x80090308", "The token supplied to the function is invalid",
                            "non_tls_service_on_port:.4 protocol_version_mismatch:.3 "
                            "middlebox_or_firewall_interference:.3", CATEGORY),
    "SEC_E_CERT_UNKNOWN": ("0x80090327", "An unknown error occurred while processing the "
                           "certificate", _UNTRUSTED, CATEGORY),
    "SEC_E_NO_CREDENTIALS": ("0x8009030E", "No credentials are available in the security "
                             "package", "client_misconfiguration:.6 client_cert_required:.4",
                             SPECIFIC),
    "SEC_E_DECRYPT_FAILURE": ("0x80090330", "The specified data could not be decrypted",
                              "middlebox_or_firewall_interference:1", SPECIFIC),
    "SEC_E_MESSAGE_ALTERED": ("0x8009030F", "The message or signature supplied for verification "
                              "has been altered", "middlebox_or_firewall_interference:1", SPECIFIC),
    "SEC_E_CERT_WRONG_USAGE": ("0x80090349", "The certificate is not valid for the requested "
                               "usage", "cert_wrong_purpose:1", REASON),
    "SEC_E_ISSUING_CA_UNTRUSTED": ("0x80090352", "An untrusted certificate authority was "
                                   "detected", _UNTRUSTED, SPECIFIC),
    "CERT_E_EXPIRED": ("0x800B0101", "A required certificate is not within its validity period",
                       "cert_expired:.7 cert_not_yet_valid:.15 client_clock_wrong:.15", REASON),
    "CERT_E_UNTRUSTEDROOT": ("0x800B0109", "A certificate chain processed, but terminated in a "
                             "root certificate which is not trusted by the trust provider",
                             _UNTRUSTED, SPECIFIC),
    "CERT_E_CN_NO_MATCH": ("0x800B010F", "The certificate's CN name does not match the passed "
                           "value", "hostname_mismatch:1", REASON),
    "CERT_E_CHAINING": ("0x800B010A", "A certificate chain could not be built to a trusted root "
                        "authority", "incomplete_chain:.6 cert_untrusted_root:.4", SPECIFIC),
    "CERT_E_REVOKED": ("0x800B010C", "A certificate was explicitly revoked by its issuer",
                       "cert_revoked:1", REASON),
    "CERT_E_WRONG_USAGE": ("0x800B0110", "The certificate is not valid for the requested usage",
                           "cert_wrong_purpose:1", REASON),
    # Revocation checks Schannel makes itself (git/curl on Windows print them as "Unknown
    # error (0x80092012)" plus the localized text): the CRL/OCSP servers could not be reached,
    # usually a network or intercepting proxy that blocks them, not a revoked certificate.
    # Round 26 (holdout32): the two codes differ in what Windows could not do. 0x80092013
    # (CRYPT_E_REVOCATION_OFFLINE) says it: the revocation server named in the certificate was
    # offline, i.e. the look-up was blocked or failed on the path. 0x80092012
    # (CRYPT_E_NO_REVOCATION_CHECK, winerror.h: "unable to check revocation for the
    # certificate"; the SCH_CRED_IGNORE_NO_REVOCATION_CHECK credential flag that skips it is the
    # "missing revocation information" one beside SCH_CRED_IGNORE_REVOCATION_OFFLINE) is also
    # what a certificate without CRL/OCSP addresses gives: a TLS-inspecting proxy's forged leaf,
    # which public CAs' certificates never are. Dev: of 9 threads printing 0x80092012, 6
    # established an intercepting proxy (AV HTTPS scanning, Umbrella, Netskope, a corporate
    # proxy or VPN), 3 a network blocking the look-up; both 0x80092013 threads were a network
    # blocking it. So interception first for 0x80092012, below 0.6: a ranking
    # (judgement/_common.py NO_REVOCATION_INFO, the one string its forms share).
    "CRYPT_E_NO_REVOCATION_CHECK": ("0x80092012", "The revocation function was unable to check "
                                    "revocation for the certificate", NO_REVOCATION_INFO,
                                    REASON),
    "CRYPT_E_REVOCATION_OFFLINE": ("0x80092013", "The revocation function was unable to check "
                                   "revocation because the revocation server was offline",
                                   _REVOCATION, REASON),
    "CRYPT_E_REVOKED": ("0x80092010", "The certificate is revoked", "cert_revoked:1", REASON),
}

# X509ChainStatusFlags names .NET prints after "errors in the certificate chain:".
CHAIN_STATUS: dict[str, str] = {
    "UntrustedRoot": "cert_untrusted_root:.6 cert_self_signed:.25 tls_interception_mitm:.15",
    "PartialChain": "incomplete_chain:.8 cert_untrusted_root:.2",
    # Round 25 (holdout30): .NET on Unix sets NotTimeValid for four OpenSSL verify codes alike -
    # not yet valid, expired, and an unreadable notBefore/notAfter field - checked against the
    # verification time .NET itself hands OpenSSL (X509StoreSetVerifyTime): dotnet/runtime @
    # 14337607ab00e22054524f1b4691ccc1f87e8c8c src/libraries/System.Security.Cryptography/src/
    # System/Security/Cryptography/X509Certificates/OpenSslX509ChainProcessor.cs
    # (MapVerifyErrorToChainStatus, InitiateChain). It does not say which edge, nor whose time:
    # a ranking, not a certainty (a 32-bit runtime on a 64-bit-time libssl prints it for valid
    # public certificates).
    "NotTimeValid": ("cert_expired:.45 client_clock_wrong:.2 client_misconfiguration:.2 "
                     "cert_not_yet_valid:.15"),
    "Revoked": "cert_revoked:1",
    "RevocationStatusUnknown": "client_misconfiguration:.5 middlebox_or_firewall_interference:.5",
    "OfflineRevocation": "client_misconfiguration:.5 middlebox_or_firewall_interference:.5",
    "NotSignatureValid": STALE_CA,
    "NotValidForUsage": "cert_wrong_purpose:1",
    "HasNotSupportedNameConstraint": "cert_wrong_purpose:1",
    "HasWeakSignature": "weak_signature_or_key:1",
}

_HAND = table("dotnet", "Windows SDK winerror.h", [
    *[(rf"(?<![A-Za-z0-9_]){name}\b", f"Schannel {name} ({hx}): {text}", cs, spec)
      for name, (hx, text, cs, spec) in CODES.items()],
    *[(rf"\b{hx}\b", f"Schannel {name} ({hx}): {text}", cs, spec)
      for name, (hx, text, cs, spec) in CODES.items()],
    *[(r"\b" + re.escape(text[:60]), f"Schannel {name}: {text}", cs, spec)
      for name, (hx, text, cs, spec) in CODES.items()],
    *[(rf"(?:errors in the certificate chain: |ChainStatus[^\n]{{0,40}}|\bstatus: ){st}\b",
       f".NET X509ChainStatus {st}", cs, REASON,
       "dotnet/runtime System.Security.Cryptography X509ChainStatusFlags")
      for st, cs in CHAIN_STATUS.items()],
    (r"\bRemoteCertificateNameMismatch\b", ".NET: the certificate does not match the host name",
     "hostname_mismatch:1", REASON, "dotnet/runtime System.Net.Security SslPolicyErrors"),
    (r"\bRemoteCertificateNotAvailable\b", ".NET: the server sent no certificate",
     "server_misconfiguration:.6 middlebox_or_firewall_interference:.4", REASON,
     "dotnet/runtime System.Net.Security SslPolicyErrors"),
    (r"\bRemoteCertificateChainErrors\b", ".NET: the certificate chain did not validate",
     _UNTRUSTED, CATEGORY, "dotnet/runtime System.Net.Security SslPolicyErrors"),
    (r"\bThe remote certificate is invalid\b", ".NET rejected the server certificate",
     "cert_untrusted_root:.3 hostname_mismatch:.25 incomplete_chain:.15 cert_expired:.15 "
     "cert_self_signed:.15", GENERIC,
     "dotnet/runtime System.Net.Security Strings.resx (net_ssl_io_cert_validation...)"),
    (r"\bThe remote certificate was rejected by the provided RemoteCertificateValidationCallback\b",
     "the application's own certificate callback rejected the server",
     "client_misconfiguration:.6 cert_untrusted_root:.4", REASON,
     "dotnet/runtime System.Net.Security Strings.resx"),
    (r"\bThe handshake failed due to an unexpected packet format\b",
     ".NET: the reply is not TLS (plaintext port?)",
     # The check is on the reply's first bytes alone (microsoft/referencesource @
     # 08b84d13e81cfdbd769a557b368539aac6a9cb30 System/net/System/Net/SecureProtocols/
     # _SslState.cs DetectFraming / GetRemainingFrameSize; dotnet/runtime SslStream
     # GetFrameSize via TlsFrameHelper.TryGetFrameHeader): a record type outside 20-23, a
     # record version outside SSL 3.0-TLS 1.x, an SSL2-framed reply: a plaintext port, a
     # proxy's own reply, or an endpoint answering an old client's hello in a way it does
     # not frame. Round 25 (holdout30): a ranking, not a certainty.
     "non_tls_service_on_port:.55 middlebox_or_firewall_interference:.25 "
     "protocol_version_mismatch:.2", REASON,
     "dotnet/runtime System.Net.Security Strings.resx (net_ssl_io_frame)"),
    # TrustFailure is set for any failure of the certificate validation callback, a name
    # mismatch (SslPolicyErrors.RemoteCertificateNameMismatch) included: the name is a
    # candidate (round 14, ingest/certnames.py reads the names printed beside it).
    (r"\bCould not establish trust relationship for the SSL/TLS secure channel\b",
     ".NET Framework did not trust the server certificate", _TRUST, CATEGORY,
     ".NET Framework System.Net (WebExceptionStatus.TrustFailure: \"the server certificate "
     "could not be validated\", any SslPolicyErrors)"),
    (r"\bCould not create SSL/TLS secure channel\b",
     ".NET Framework could not negotiate TLS (often: TLS 1.2 not enabled in the client)"
     + _SECURE_CHANNEL_CHECK,
     _SECURE_CHANNEL, SPECIFIC, ".NET Framework System.Net (WebExceptionStatus.SecureChannelFailure)"),
    # WebExceptionStatus.SendFailure: the request never got through the handshake. On .NET
    # Framework before 4.6 (and PowerShell 5.1) ServicePointManager.SecurityProtocol offers
    # SSL 3/TLS 1.0 only, so a TLS 1.2-only server closes the connection: Microsoft Learn's
    # Exchange Server article quotes this very line and enables TLS 1.2; dev set 1 of 1
    # thread (round 5). A path that cuts the connection prints it too: not certain.
    (r"\bThe underlying connection was closed: An unexpected error occurred on a send\b",
     ".NET Framework: the connection closed while sending the request (often: the client "
     "offers no TLS 1.2, see ServicePointManager.SecurityProtocol)",
     "protocol_version_mismatch:.4 client_misconfiguration:.3 "
     "middlebox_or_firewall_interference:.3", GENERIC,
     ".NET Framework System.Net (WebExceptionStatus.SendFailure); Microsoft Learn, Exchange "
     "Server: 'The underlying connection was closed: An unexpected error occurred on a send' "
     "(enable TLS 1.2)"),
    (r"\bAuthentication failed because the remote party has closed the transport stream\b",
     ".NET: the server closed the connection during the handshake",
     "protocol_version_mismatch:.3 cipher_suite_mismatch:.25 "
     "middlebox_or_firewall_interference:.25 sni_required_or_mismatch:.2", GENERIC,
     "dotnet/runtime System.Net.Security Strings.resx"),
    (r"\bReceived an unexpected EOF or 0 bytes from the transport stream\b",
     ".NET: the server closed the connection during the handshake",
     "middlebox_or_firewall_interference:.4 protocol_version_mismatch:.3 "
     "cipher_suite_mismatch:.3", GENERIC, "dotnet/runtime System.Net.Security Strings.resx"),
    (r"\bA call to SSPI failed, see inner exception\b", ".NET: Schannel reported an error", _HS,
     GENERIC, "dotnet/runtime System.Net.Security Strings.resx (net_auth_SSPI)"),
    # HttpClient's wrapper around any SslStream failure (ConnectHelper: the reason is the
    # inner exception's, printed on the next lines when it is printed at all): a certificate
    # rejected as often as a handshake refused, so every reading stays low.
    (r"\bThe SSL connection could not be established, see inner exception\b",
     ".NET HttpClient: the TLS connection failed (the reason is in the inner exception)",
     "cert_untrusted_root:.25 client_misconfiguration:.2 hostname_mismatch:.15 "
     "protocol_version_mismatch:.15 tls_interception_mitm:.1 cipher_suite_mismatch:.1 "
     "cert_expired:.05", GENERIC,
     "dotnet/runtime src/libraries/System.Net.Http/src/Resources/Strings.resx "
     "(net_http_ssl_connection_failed)"),
    (r"\bAuthenticationException\b", ".NET: TLS authentication failed", _HS, GENERIC,
     "dotnet/runtime System.Security.Authentication.AuthenticationException"),
    (r"\bnone of the cipher suites supported by the client application are supported by the server",
     "Schannel (server): no cipher suite in common with the client", "cipher_suite_mismatch:1",
     REASON, "Windows Schannel event 36874"),
    (r"\bThe TLS protocol defined fatal alert code is (?P<n>\d{1,3})",
     "Schannel: fatal TLS alert {n}", "", GENERIC, "Windows Schannel events 36887/36888"),
    (r"\bfatal error occurred while creating an? (?:TLS|SSL) client credential\. The internal error state is 10013",
     "Schannel: no protocol/cipher allowed by the local TLS policy",
     "client_misconfiguration:.7 protocol_version_mismatch:.3", REASON,
     "Windows Schannel event 36871"),
])

# Round 19: the same two WebExceptionStatus texts in the .NET Framework language packs'
# words (the framework's System.dll resources are localised with Windows' display language)
# and in paraphrase ("Request aborted: SSL/TLS security channel could not be created"). The
# localised sentences, as Microsoft's own localised documentation quotes them (Azure Stack
# release notes, Intune connector and Data Factory troubleshooting pages in de, fr, es, pt,
# it, pl, ru, zh-CN, zh-TW, ja; found through the code index, round 19's notes in
# docs/explain-upstream.md): each language's "secure channel" and "could not create" (or
# "trust relationship") around the untranslated "SSL/TLS". Trust for pt, ru and ja was not
# found quoted: not read (pt since round 25, below; ru and ja in l10n_windows.json).
_NOT = r"(?:could not|couldn't|cannot|can't|can not|unable to|failed to)"
_SECURE_CHANNEL_WORDS = "|".join((
    r"\bSSL/TLS (?:secure|security|safe) channel (?:could not|couldn't|cannot|can't|can not) "
    r"(?:be )?(?:created|established)\b",
    rf"\b{_NOT} (?:create|establish) (?:an? |the )?SSL/TLS security channel\b",
    r"\b(?:unable to|failed to|cannot|can't) (?:create|establish) (?:an? |the )?SSL/TLS secure "
    r"channel\b",
    r"\bkein(?:en)? (?:geschützte[rn]?|sichere[rn]?) SSL/TLS-Kanal\b[^\n]{0,40}?\berstellt",
    r"\bImpossible de créer un canal sécurisé SSL/TLS",
    r"\bNo se (?:puede|pudo|ha podido) crear (?:un|el) canal seguro (?:para )?SSL/TLS",
    r"\bNão foi possível criar (?:o|um) canal seguro (?:para )?SSL/TLS",
    r"\bImpossibile creare un canale sicuro SSL/TLS",
    r"\bnie można utworzyć bezpiecznego kanału SSL/TLS",
    r"Не удалось создать защищ[её]нный канал SSL/TLS",
    r"未能创建 ?SSL/TLS ?安全通道",
    r"SSL/TLS ?のセキュリティで保護されているチャネルを作成できませんでした"))
_TRUST_WORDS = "|".join((
    r"\bkeine Vertrauensstellung für den (?:sicheren|geschützten) SSL/TLS-(?:Kanal|Channel)",
    r"\bImpossible d['’]établir une relation de confiance pour le canal sécurisé SSL/TLS",
    r"\brelación de confianza para el canal seguro SSL/TLS",
    r"\brelazion[ei] di trust per il canale sicuro SSL/TLS",
    # Round 25 (holdout29): Portuguese, as Microsoft's pt-BR and pt-PT documentation quotes it
    # (code index 11469277935, SharePoint add-ins troubleshooting: "a conexão subjacente foi
    # fechada: não foi possível estabelecer relação de confiança para o canal seguro de
    # SSL/TLS."; 617291, EWS: "... para o canal seguro SSL/TLS"; 39894000108 and 34336889084,
    # Data Factory: "... estabelecer uma relação de confiança para o canal seguro [de] SSL/TLS").
    r"\brelação de confiança para o canal seguro (?:de )?SSL/TLS",
    r"\brelacji zaufania dla bezpiecznego kanału SSL/TLS",
    r"未能为 ?SSL/TLS ?安全通道建立信任关系|無法為 ?SSL/TLS ?安全通道建立信任關係"))
_WORDED = tuple(replace(p, id=f"dotnet.worded.{n}") for n, p in enumerate(table(
    "dotnet", ".NET Framework System.Net, localised and paraphrased", [
    (_SECURE_CHANNEL_WORDS, ".NET Framework could not negotiate TLS (SecureChannelFailure, in "
     "another language or wording; often: TLS 1.2 not enabled in the client)"
     + _SECURE_CHANNEL_CHECK, _SECURE_CHANNEL, SPECIFIC,
     ".NET Framework System.Net (WebExceptionStatus.SecureChannelFailure), localised"),
    (_TRUST_WORDS, ".NET Framework did not trust the server certificate (TrustFailure, in "
     "another language)", _TRUST, CATEGORY,
     ".NET Framework System.Net (WebExceptionStatus.TrustFailure), localised"),
])))

# Upstream wording first (upstream/*.json, judged in judgement/), then the forms this
# program prints around it.
PATTERNS = (upstream_patterns("dotnet", ".NET/Windows", side="client", as_source="dotnet")
            + _HAND + _WORDED)
