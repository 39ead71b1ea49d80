"""Windows' own TLS failure vocabulary outside SslStream (round 16): WinHTTP and WinINet
error codes as programs print them, and the Schannel System-log events.

WinHTTP/WinINet (``CODES``): names and numbers from mingw-w64's ``include/winhttp.h`` and
``include/wininet.h`` (the mingw-w64-common Debian package 10.0.0-3; ERROR_*_BASE 12000);
the system message texts are the Windows SDK's ``winerror.h`` MessageText of each
``WININET_E_*`` HRESULT, as carried by dotnet/runtime
``src/libraries/Common/src/Interop/Windows/WinInet/Interop.wininet_errors.cs`` @
8b9361fc73ecb94ec69c883ace79e54c9b6c34c9 (winhttp.dll prints the same words for the codes
both share); each code's meaning from MicrosoftDocs/win32
``desktop-src/WinHttp/error-messages.md`` @ 0f5c32f961152335e1589cf9e3b785324ce751fe (12037
"equivalent to CERT_E_EXPIRED or CERT_E_VALIDITYPERIODNESTING", 12157 "any SEC_E_/SEC_I_",
12175 "one or more errors were found in the certificate sent by the server"). WinHTTP's
own texts for 12175 ("A security error occurred") and 12186 ("The client certificate
credentials were not recognized.") are printed facts, quoted in dotnet/runtime#95155 and
dotnet/corefx#29725 by .NET's WinHttpHandler, whose wrapper is ``net_http_winhttp_error``
"Error {0} calling {1}, '{2}'." (dotnet/runtime
``src/libraries/System.Net.Http.WinHttpHandler/src/System/Net/Http/WinHttpException.cs`` @
c6fe0ee61462b98a6cdec98f2e30c174268fd5bd). The HRESULT is 0x80070000 + the code (FACILITY_WIN32):
12175 is 0x80072F8F, Windows Update's, the Store's and PowerShell's well-known number.

Programs print a code five ways: the number after an error word ("error 12175", "errno
12045"), the name, the HRESULT ("0x80072F8F", "(80072F8F, 12175)"), the system text
(FormatMessage), and WinHTTP's secure-failure callback flags by name. Short texts a
thousand programs could print ("A security error occurred") count only next to WinHTTP's
own words (the exception, the HRESULT, the number).

Schannel events (``EVENTS``): the first sentence of each event's message in the Schannel
provider's manifest (lsasrv.dll), as rendered by the event-manifest index at
https://detection-wiki-staging.pages.dev/schannel/ (31 events; "TLS Type" is the
credential's role, "server" or "client"); Japanese 36881 from pkiwithadcs.com/details_about_36881.
36887/36888 (the alert received / sent) are read by ``alerts.py`` in both directions.
"""

from __future__ import annotations

import dataclasses
import re

from . import CATEGORY, GENERIC, REASON, SPECIFIC, Pattern, table
from .judgement._common import TIMEOUT_CAUSES

_MINGW = "mingw-w64 include/winhttp.h, include/wininet.h (mingw-w64-common 10.0.0-3)"
_SDK_TEXT = ("Windows SDK winerror.h WININET_E_* MessageText (dotnet/runtime "
             "src/libraries/Common/src/Interop/Windows/WinInet/Interop.wininet_errors.cs @ "
             "8b9361fc73ec)")
_WINHTTP_TEXT = ("winhttp.dll message text as .NET's WinHttpException prints it "
                 "(dotnet/runtime#95155, dotnet/corefx#29725)")
_EVENTS_SRC = ("Schannel provider manifest (lsasrv.dll) event messages, "
               "https://detection-wiki-staging.pages.dev/schannel/")

_UNTRUSTED = ("cert_untrusted_root:.5 cert_self_signed:.2 incomplete_chain:.15 "
              "tls_interception_mitm:.15")
_CERT_ANY = ("cert_untrusted_root:.35 hostname_mismatch:.2 cert_expired:.15 "
             "incomplete_chain:.1 cert_self_signed:.1 tls_interception_mitm:.1")
_REVOCATION = ("middlebox_or_firewall_interference:.5 tls_interception_mitm:.3 "
               "client_misconfiguration:.2")
_DATES = "cert_expired:.55 client_clock_wrong:.25 cert_not_yet_valid:.2"
# 12175: WinHTTP found one or more certificate errors (the flags its callback gets say
# which) or the application's own check refused. Windows Update, the Store and Defender
# print it as 0x80072F8F; the usual causes there are a clock far off (every certificate
# "not yet valid" or expired), an old root store, and an inspecting proxy. A version or
# cipher failure is 12157/12030 instead. Ranked below 0.6: the flags are not printed.
_SECURE_FAILURE = ("cert_untrusted_root:.3 client_clock_wrong:.2 tls_interception_mitm:.15 "
                   "middlebox_or_firewall_interference:.15 hostname_mismatch:.1 cert_expired:.1")
_SECURE_FAILURE_CHECK = (
    " (which check failed is not printed: the app's WINHTTP_CALLBACK_STATUS_FLAG_* bits, or "
    "the CAPI2 Operational log, name it; check this machine's clock with `w32tm /query "
    "/status` and open the URL in a browser on the same machine)")
# 12157 (WinHTTP) / ERROR_INTERNET_SECURITY_CHANNEL_ERROR: any SEC_E_/SEC_I_ from Schannel.
# Mostly the client offering no version the server takes (TLS 1.2 off in WinHTTP's
# DefaultSecureProtocols on Windows 7 / Server 2008 R2, KB3140245), else suites or a client
# certificate: the same ranking as .NET's "Could not create SSL/TLS secure channel".
_CHANNEL = ("protocol_version_mismatch:.35 client_misconfiguration:.3 "
            "cipher_suite_mismatch:.2 client_cert_required:.15")
_CHANNEL_CHECK = (" (the Schannel event 36887/36888/36874 logged at the same time names the "
                  "alert; `tlsdoctor probe HOST` shows the versions and suites the server takes)")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Code:
    number: int
    names: tuple[str, ...]
    text: str  # the system message (FormatMessage), "" when none is known
    meaning: str
    causes: str
    spec: int
    text_alone: bool = True  # the text is distinctive enough to match without context
    text_source: str = _SDK_TEXT


CODES: tuple[Code, ...] = (
    Code(number=12037, names=("ERROR_WINHTTP_SECURE_CERT_DATE_INVALID",
                              "ERROR_INTERNET_SEC_CERT_DATE_INVALID",
                              "WININET_E_SEC_CERT_DATE_INVALID"),
         text="The date in the certificate is invalid or has expired",
         meaning="the server certificate is outside its validity period by this machine's "
                 "clock (expired, not yet valid, or the clock is wrong)",
         causes=_DATES, spec=REASON),
    Code(number=12038, names=("ERROR_WINHTTP_SECURE_CERT_CN_INVALID",
                              "ERROR_INTERNET_SEC_CERT_CN_INVALID",
                              "WININET_E_SEC_CERT_CN_INVALID"),
         text="The host name in the certificate is invalid or does not match",
         meaning="the server certificate does not name the host that was asked for",
         causes="hostname_mismatch:1", spec=REASON),
    Code(number=12044, names=("ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED",
                              "ERROR_INTERNET_CLIENT_AUTH_CERT_NEEDED",
                              "WININET_E_CLIENT_AUTH_CERT_NEEDED"),
         text="A certificate is required to complete client authentication",
         meaning="the server asked for a client certificate and the application gave none",
         causes="client_cert_required:.85 client_misconfiguration:.15", spec=REASON),
    Code(number=12045, names=("ERROR_WINHTTP_SECURE_INVALID_CA", "ERROR_INTERNET_INVALID_CA",
                              "WININET_E_INVALID_CA"),
         text="The certificate authority is invalid or incorrect",
         meaning="the server's chain does not end at a root this machine trusts",
         causes=_UNTRUSTED, spec=SPECIFIC),
    Code(number=12055, names=("ERROR_INTERNET_SEC_CERT_ERRORS", "WININET_E_SEC_CERT_ERRORS"),
         text="The SSL certificate contains errors.",
         meaning="WinINet rejected the server certificate (which check is not said)",
         causes=_CERT_ANY, spec=CATEGORY),
    Code(number=12056, names=("ERROR_INTERNET_SEC_CERT_NO_REV",), text="",
         meaning="the revocation status of the server certificate could not be checked",
         causes=_REVOCATION, spec=REASON),
    Code(number=12057, names=("ERROR_WINHTTP_SECURE_CERT_REV_FAILED",
                              "ERROR_INTERNET_SEC_CERT_REV_FAILED",
                              "WININET_E_SEC_CERT_REV_FAILED"),
         text="It was not possible to connect to the revocation server or a definitive "
              "response could not be obtained",
         meaning="the revocation server (CRL/OCSP) could not be reached: usually a proxy or "
                 "firewall that blocks it, not a revoked certificate",
         causes=_REVOCATION, spec=REASON),
    Code(number=12157, names=("ERROR_WINHTTP_SECURE_CHANNEL_ERROR",
                              "ERROR_INTERNET_SECURITY_CHANNEL_ERROR",
                              "WININET_E_SECURITY_CHANNEL_ERROR"),
         text="An error occurred in the secure channel support",
         meaning="Schannel failed the handshake (often: no TLS version in common)"
                 + _CHANNEL_CHECK,
         causes=_CHANNEL, spec=SPECIFIC),
    Code(number=12169, names=("ERROR_WINHTTP_SECURE_INVALID_CERT",
                              "ERROR_INTERNET_SEC_INVALID_CERT", "WININET_E_SEC_INVALID_CERT"),
         text="The supplied certificate is invalid",
         meaning="the server certificate is invalid (which check is not said)",
         causes=_CERT_ANY, spec=CATEGORY),
    Code(number=12170, names=("ERROR_WINHTTP_SECURE_CERT_REVOKED",
                              "ERROR_INTERNET_SEC_CERT_REVOKED", "WININET_E_SEC_CERT_REVOKED"),
         text="The supplied certificate has been revoked",
         meaning="the server certificate has been revoked by its CA",
         causes="cert_revoked:1", spec=REASON),
    Code(number=12175, names=("ERROR_WINHTTP_SECURE_FAILURE",),
         text="A security error occurred", text_alone=False, text_source=_WINHTTP_TEXT,
         meaning="WinHTTP found errors in the server certificate" + _SECURE_FAILURE_CHECK,
         causes=_SECURE_FAILURE, spec=SPECIFIC),
    Code(number=12179, names=("ERROR_WINHTTP_SECURE_CERT_WRONG_USAGE",), text="",
         meaning="the server certificate is not valid for server authentication (its key "
                 "usage or extended key usage)", causes="cert_wrong_purpose:1", spec=REASON),
    Code(number=12185, names=("ERROR_WINHTTP_CLIENT_CERT_NO_PRIVATE_KEY",), text="",
         meaning="the client certificate this application uses has no private key with it",
         causes="client_misconfiguration:.85 client_cert_required:.15", spec=REASON),
    Code(number=12186, names=("ERROR_WINHTTP_CLIENT_CERT_NO_ACCESS_PRIVATE_KEY",),
         text="The client certificate credentials were not recognized",
         text_source=_WINHTTP_TEXT,
         meaning="this application may not use the private key of its client certificate "
                 "(the key's permissions, or no key)",
         causes="client_misconfiguration:.85 client_cert_required:.15", spec=REASON),
    Code(number=12188, names=("ERROR_WINHTTP_SECURE_FAILURE_PROXY",), text="",
         meaning="the certificate of the HTTPS proxy failed verification",
         causes="tls_interception_mitm:.5 middlebox_or_firewall_interference:.3 "
                "client_misconfiguration:.2", spec=SPECIFIC),
    Code(number=12046, names=("ERROR_INTERNET_CLIENT_AUTH_NOT_SETUP",
                              "WININET_E_CLIENT_AUTH_NOT_SETUP"),
         text="Client authentication has not been correctly installed",
         meaning="this machine's client certificate for WinINet is not set up",
         causes="client_misconfiguration:.7 client_cert_required:.3", spec=REASON),
    Code(number=12187, names=("ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED_PROXY",), text="",
         meaning="the HTTPS proxy asked for a client certificate and the application gave none",
         causes="client_misconfiguration:.6 client_cert_required:.4", spec=REASON),
    Code(number=12152, names=("ERROR_WINHTTP_INVALID_SERVER_RESPONSE",
                              "ERROR_HTTP_INVALID_SERVER_RESPONSE",
                              "WININET_E_INVALID_SERVER_RESPONSE"),
         text="The server returned an invalid or unrecognized response",
         meaning="the reply was not HTTP (an http:// URL to a TLS port, or a proxy's own reply)",
         causes="non_tls_service_on_port:.5 server_misconfiguration:.3 "
                "middlebox_or_firewall_interference:.2", spec=GENERIC),
    Code(number=12007, names=("ERROR_WINHTTP_NAME_NOT_RESOLVED", "ERROR_INTERNET_NAME_NOT_RESOLVED",
                              "WININET_E_NAME_NOT_RESOLVED"),
         text="The server name or address could not be resolved",
         meaning="the host name did not resolve (DNS, or a proxy setting)",
         causes="name_resolution_or_unreachable:.85 client_misconfiguration:.15",
         spec=CATEGORY),
    Code(number=12002, names=("ERROR_WINHTTP_TIMEOUT", "ERROR_INTERNET_TIMEOUT",
                              "WININET_E_TIMEOUT"),
         text="The operation timed out", text_alone=False,
         meaning="the request timed out (a path that drops packets, an unreachable server, or "
                 "a server that never answered the handshake)",
         causes=TIMEOUT_CAUSES, spec=GENERIC),
    # The connection itself (not TLS words, but printed for TLS failures too: WinINet's
    # reset is "Server aborts connection during SSL negotiation" in Microsoft's
    # Windows.Web.Http error table; WinHTTP's 12030 includes "an incompatible SSL protocol").
    Code(number=12029, names=("ERROR_WINHTTP_CANNOT_CONNECT", "ERROR_INTERNET_CANNOT_CONNECT",
                              "WININET_E_CANNOT_CONNECT"),
         text="A connection with the server could not be established",
         meaning="the TCP connection to the server failed (refused, unreachable, blocked)",
         causes="name_resolution_or_unreachable:.7 middlebox_or_firewall_interference:.3",
         spec=GENERIC),
    Code(number=12030, names=("ERROR_WINHTTP_CONNECTION_ERROR",
                              "ERROR_INTERNET_CONNECTION_ABORTED",
                              "WININET_E_CONNECTION_ABORTED"),
         text="The connection with the server was terminated abnormally",
         meaning="the server or a device on the path closed the connection (during TLS: "
                 "often no version in common)",
         causes="middlebox_or_firewall_interference:.4 protocol_version_mismatch:.3 "
                "cipher_suite_mismatch:.15 server_misconfiguration:.15", spec=GENERIC),
    Code(number=12031, names=("ERROR_INTERNET_CONNECTION_RESET", "WININET_E_CONNECTION_RESET"),
         text="The connection with the server was reset",
         meaning="the connection was reset (during TLS: the server refused the handshake)",
         causes="middlebox_or_firewall_interference:.4 protocol_version_mismatch:.3 "
                "cipher_suite_mismatch:.15 server_misconfiguration:.15", spec=GENERIC),
)

# WinHTTP's secure-failure callback flags (winhttp.h), printed by name in logs that decode
# WINHTTP_CALLBACK_STATUS_SECURE_FAILURE's status information.
FLAGS: dict[str, tuple[str, str]] = {
    "CERT_REV_FAILED": ("the revocation server could not be reached", _REVOCATION),
    "INVALID_CERT": ("the server certificate is invalid", _CERT_ANY),
    "CERT_REVOKED": ("the server certificate is revoked", "cert_revoked:1"),
    "INVALID_CA": ("the chain does not end at a trusted root", _UNTRUSTED),
    "CERT_CN_INVALID": ("the certificate does not name the host", "hostname_mismatch:1"),
    "CERT_DATE_INVALID": ("the certificate is outside its validity period", _DATES),
    "CERT_WRONG_USAGE": ("the certificate is not for server authentication",
                         "cert_wrong_purpose:1"),
    "SECURITY_CHANNEL_ERROR": ("Schannel failed the handshake", _CHANNEL),
}

# An error word right before the bare number ("error 12175", "errno 12045", "Error: 12157",
# "error code: 12038", "WinHttpSendRequest failed: 12175"); never a line, a port, a size or
# a time ("error at line 12038", "took 12175 ms").
_NUMBER_LEAD = (r"(?:\berror|\berrno|\bcode|\bstatus|\bfailed|\bwinhttp\w{0,20}|"
                r"\bwininet\w{0,20})[\s:=#(]{1,4}(?:code[\s:=#]{1,3})?")
_NUMBER_TAIL = r"(?![\d.]|\s?(?:ms|bytes|s)\b)"


def _winhttp_lead(c: Code) -> str:
    """Where a short text is WinHTTP's: its exception, the wrapper, the code's own HRESULT or
    number before it."""
    return (rf"(?:WinHttpException\b[^\n]{{0,40}}?|WinHttp\.WinHttpRequest\b[^\n]{{0,40}}?|"
            rf"calling WINHTTP_CALLBACK_STATUS_\w{{1,40}}, '|{_hresult(c.number)}\b[^\n]{{0,40}}?|"
            rf"\b{c.number}\b[^\n]{{0,60}}?)")


def _hresult(number: int) -> str:
    return f"{0x80070000 + number:08X}"


def _rows(c: Code) -> list[tuple[str, str, str, int, str]]:
    label = f"WinHTTP/WinINet {c.names[0]} ({c.number}, 0x{_hresult(c.number)})"
    said = f"{label}: {c.meaning}"
    rows = [(rf"(?<![A-Za-z0-9_]){name}\b", said, c.causes, c.spec, _MINGW)
            for name in c.names]
    rows.append((rf"(?<![0-9A-Fa-f])(?:0x)?{_hresult(c.number)}\b", said, c.causes, c.spec,
                 _MINGW + " (HRESULT_FROM_WIN32)"))
    rows.append((_NUMBER_LEAD + rf"(?<![\d.x]){c.number}{_NUMBER_TAIL}", said, c.causes,
                 c.spec, _MINGW))
    if c.text:
        text = re.escape(c.text.rstrip("."))
        lead = r"\b" if c.text_alone else _winhttp_lead(c)
        rows.append((lead + text, said, c.causes, c.spec, c.text_source))
    return rows


def _build() -> tuple[Pattern, ...]:
    rows: list[tuple[str, str, str, int, str]] = []
    for c in CODES:
        rows += _rows(c)
    for flag, (what, cs) in FLAGS.items():
        rows.append((rf"\bWINHTTP_CALLBACK_STATUS_FLAG_{flag}\b",
                     f"WinHTTP secure-failure flag {flag}: {what}", cs, REASON, _MINGW))
    # WinHTTP's secure failure in any language (.NET's wrapper prints the number first).
    rows.append((r"\bError 12175 calling WINHTTP_CALLBACK_STATUS_\w{1,40}, '",
                 "WinHTTP ERROR_WINHTTP_SECURE_FAILURE (12175): WinHTTP found errors in the "
                 "server certificate" + _SECURE_FAILURE_CHECK, _SECURE_FAILURE, SPECIFIC + 1,
                 "dotnet/runtime WinHttpException.cs net_http_winhttp_error"))
    return table("winhttp", _MINGW, rows, side="client")


def _own_credential(role: str, own: str, other: str) -> list[tuple[int, str, str, str, int]]:
    """36870-36872: this machine's own credential failed, as a TLS server or a client: the
    side that owns it fixes it (36871's state 10013 is its own policy allowing no protocol
    or suite: the same side's settings)."""
    cred = rf"(?:TLS|SSL|DTLS) {role} credential"
    return [
        (36870, rf"\bA fatal error occurred when attempting to access the {cred} private key\b",
         f"Schannel event 36870: this machine could not use the private key of its own TLS "
         f"{role} certificate (the key's permissions, or a certificate imported without it)",
         f"{own}:.9 {other}:.1", REASON),
        (36871, rf"\bA fatal error occurred while creating an? {cred}\b",
         f"Schannel event 36871: this machine could not build its own TLS {role} credential "
         f"(its certificate or key, or no protocol or suite its policy allows: internal "
         f"error state 10013)", f"{own}:.7 protocol_version_mismatch:.3", SPECIFIC),
        (36872, rf"\bThe {cred[:-11]} specified certificate's chain could not be retrieved\b",
         f"Schannel event 36872: the chain of this machine's own {role} certificate could "
         f"not be built", f"{own}:.7 incomplete_chain:.3", REASON),
    ]


# Schannel System-log events other than the alerts: (event id, the manifest's first
# sentence as a regex, meaning, causes, spec). "TLS server|client credential" is the
# credential's role on this machine.
EVENTS: tuple[tuple[int, str, str, str, int], ...] = (
    *[row for role, own, other in (("server", "server_misconfiguration",
                                      "client_misconfiguration"),
                                     ("client", "client_misconfiguration",
                                      "server_misconfiguration"))
      for row in _own_credential(role, own, other)],
    (36873, r"\bNo supported cipher suites were found when initiating an? (?:TLS|SSL|DTLS) "
            r"connection\b",
     "Schannel event 36873: this machine, as a client, has no cipher suite enabled",
     "client_misconfiguration:.7 cipher_suite_mismatch:.3", REASON),
    (36875, r"\bThe remote server has requested (?:TLS|SSL) client authentication, but no "
            r"suitable client certificate could be found\b",
     "Schannel event 36875: the server asked for a client certificate and this machine has "
     "none that fits (it may still connect anonymously)",
     "client_cert_required:.7 client_misconfiguration:.3", REASON),
    (36876, r"\bThe certificate received from the remote server has not validated correctly\b",
     "Schannel event 36876: this machine, as a client, rejected the server certificate "
     "(the error code beside it says why)", _CERT_ANY, CATEGORY),
    (36877, r"\bThe certificate received from the remote client application has not "
            r"validated correctly\b",
     "Schannel event 36877: this server rejected a client's certificate",
     "client_cert_required:.5 client_misconfiguration:.3 server_misconfiguration:.2",
     SPECIFIC),
    (36881, r"\bThe certificate received from the remote server has either expired or is not "
            r"yet valid\b|リモート サーバーから受信した証明書は、期限が切れているかまたはまだ有効ではありません",
     "Schannel event 36881: the server certificate is outside its validity period by this "
     "machine's clock", _DATES, REASON),
    (36882, r"\bThe certificate received from the remote server was issued by an untrusted "
            r"certificate authority\b",
     "Schannel event 36882: the server's chain ends at a root this machine does not trust",
     _UNTRUSTED, SPECIFIC),
    (36883, r"\bThe certificate received from the remote server has been revoked\b",
     "Schannel event 36883: the server certificate is revoked", "cert_revoked:1", REASON),
    (36884, r"\bThe certificate received from the remote server does not contain the expected "
            r"name\b",
     "Schannel event 36884: the server certificate does not name the host this machine "
     "asked for", "hostname_mismatch:1", REASON),
    (36885, r"\bWhen asking for client authentication, this server sends a list of trusted\b",
     "Schannel event 36885: this server trusts so many CAs that the list it sends clients "
     "was cut short (clients may find no certificate to offer)",
     "server_misconfiguration:.6 client_cert_required:.4", SPECIFIC),
    (36886, r"\bNo suitable default server credential exists on this system\b",
     "Schannel event 36886: this server has no certificate to offer TLS clients",
     "server_misconfiguration:1", REASON),
    (36880, r"\bAn? (?:TLS|SSL|DTLS) (?:server|client) handshake completed successfully\b",
     "Schannel event 36880: a handshake succeeded (no failure)", "", SPECIFIC),
)
_EVENT_SIDES = {36870: "", 36871: "", 36872: "", 36873: "client", 36875: "client",
                36876: "client", 36877: "server", 36881: "client", 36882: "client",
                36883: "client", 36884: "client", 36885: "server", 36886: "server",
                36880: ""}


def _events() -> tuple[Pattern, ...]:
    out: list[Pattern] = []
    for event, rx, meaning, cs, spec in EVENTS:
        out += table("schannel_event", _EVENTS_SRC, [(rx, meaning, cs, spec)],
                     side=_EVENT_SIDES[event])
    return tuple(out)


PATTERNS = _build() + _events()

# -- .NET Framework's WebException status texts ------------------------------------------------
# HttpWebRequest/WebClient (Windows PowerShell 5.1's Invoke-WebRequest/Invoke-RestMethod,
# NuGet.exe, Chocolatey) print a WebExceptionStatus's text after "The underlying connection
# was closed: {0}." (net_connclosed) or "The request was aborted: {0}." (net_requestaborted),
# any status after either; PowerShell lists the status by name ("Status : TrustFailure").
# TrustFailure, SecureChannelFailure and SendFailure are read by dotnet.py already.
_REFSRC = ("microsoft/referencesource System/System.txt (net_connclosed, net_requestaborted, "
           "net_webstatus_*) @ ec9fa9ae770d522a5b5f0607898044b7478574a3")
# ReceiveFailure during the handshake: the server hung up on a ClientHello it would not take,
# the same story as SendFailure on .NET Framework before 4.7 (no TLS 1.2 offered).
_CLOSED_IN_HANDSHAKE = ("protocol_version_mismatch:.4 client_misconfiguration:.3 "
                        "middlebox_or_firewall_interference:.3")
WEB_STATUS: tuple[tuple[str, str, str, str, int], ...] = (
    ("ReceiveFailure", "An unexpected error occurred on a receive",
     ".NET Framework: the connection closed while reading the reply (often: the server refused "
     "a client that offers no TLS 1.2, see ServicePointManager.SecurityProtocol)",
     _CLOSED_IN_HANDSHAKE, GENERIC),
    ("KeepAliveFailure", "A connection that was expected to be kept alive was closed by the "
     "server", ".NET Framework: the server (or a device on the path) closed a reused "
     "connection", "middlebox_or_firewall_interference:.5 server_misconfiguration:.3 "
     "protocol_version_mismatch:.2", GENERIC),
    ("ConnectFailure", "Unable to connect to the remote server",
     ".NET Framework: the TCP connection failed (refused, unreachable, blocked)",
     "name_resolution_or_unreachable:.7 middlebox_or_firewall_interference:.3", GENERIC),
    ("NameResolutionFailure", "The remote name could not be resolved",
     ".NET Framework: the host name did not resolve", "name_resolution_or_unreachable:1",
     CATEGORY),
    ("ProxyNameResolutionFailure", "The proxy name could not be resolved",
     ".NET Framework: the configured proxy's name did not resolve",
     "client_misconfiguration:.6 name_resolution_or_unreachable:.4", CATEGORY),
    ("ServerProtocolViolation", "The server committed a protocol violation",
     ".NET Framework: the reply was not valid HTTP (a TLS port spoken to in plain HTTP, or "
     "the reverse)", "non_tls_service_on_port:.5 server_misconfiguration:.3 "
     "middlebox_or_firewall_interference:.2", GENERIC),
)
# Thrown without a wrapper (HttpWebRequest's connect and DNS failures), in words no other
# stack uses.
_ALONE = frozenset({"ConnectFailure", "NameResolutionFailure", "ProxyNameResolutionFailure"})
_WRAPPERS = r"(?:The underlying connection was closed|The request was aborted): "


def _web_status() -> tuple[Pattern, ...]:
    rows: list[tuple[str, str, str, int]] = []
    for name, text, meaning, cs, spec in WEB_STATUS:
        rows.append((_WRAPPERS + re.escape(text), meaning, cs, spec))
        rows.append((rf"(?:\bStatus\s{{0,12}}:\s{{0,3}}|\bWebExceptionStatus\.){name}\b",
                     meaning, cs, spec))
        if name in _ALONE:
            rows.append((r"\b" + re.escape(text), meaning, cs, spec))
    return table("dotnet", _REFSRC, rows, side="client")


# -- HRESULTs as signed decimals ----------------------------------------------------------------
# Rust's io::Error ("(os error -2146762487)"), Python's OSError ("[WinError -2146893019]") and
# .NET's HResult property print an HRESULT as a signed 32-bit number.
def _signed(hresult: int) -> str:
    return str(hresult - (1 << 32))


def _signed_rows() -> tuple[Pattern, ...]:
    from .dotnet import CODES as SCHANNEL_CODES

    rows: list[tuple[str, str, str, int, str]] = []
    for name, (hx, text, cs, spec) in SCHANNEL_CODES.items():
        rows.append((rf"(?<![\d-]){_signed(int(hx, 16))}\b",
                     f"Schannel {name} ({hx}, printed as a signed number): {text}", cs, spec,
                     "Windows SDK winerror.h"))
    built = table("dotnet", "Windows SDK winerror.h", rows) + _numbers_in_context()
    mine = [(rf"(?<![\d-]){_signed(0x80070000 + c.number)}\b",
             f"WinHTTP/WinINet {c.names[0]} ({c.number}, printed as a signed HRESULT): "
             f"{c.meaning}", c.causes, c.spec, _MINGW) for c in CODES]
    return built + table("winhttp", _MINGW, mine, side="client")


# Round 26: every SSPI/CryptoAPI code the winerror.h table holds and judges (upstream/dotnet.json,
# judgement/dotnet.py), not only the ones above (dotnet.CODES): its hex form, and its decimal
# forms - signed (libstrophe's "Couldn't start TLS! error %d tls_error %d", strophe/libstrophe @
# b9eead3b903756f3cec2ab9502c61b2966a84001 src/conn.c with src/tls_schannel.c's SECURITY_STATUS;
# .NET's HResult, Python's WinError, Rust's os error) and unsigned (a DWORD printed with %u or
# %lu). A decimal number is read only right after an error word on its line (error, status,
# code, HResult, tls/ssl/schannel...): any long integer is not an error code.
_ERROR_WORD = (r"(?:\b(?:error|err|errno|status|code|hresult|result|ret|rc|tls|ssl|schannel|sspi|"
               r"failed|failure|winerror)\w{0,12}\W{1,4}|\bos error )")


def _numbers_in_context() -> tuple[Pattern, ...]:
    from .dotnet import CODES as SCHANNEL_CODES
    from .harvested import entries, judge

    judged = []
    for e in entries("dotnet"):
        hx = str(e.get("number") or "")
        verdict = judge(e) if e.kind == "name" and hx.lower().startswith("0x800") else None
        if verdict is not None and verdict.kind == "causes":
            judged.append((e, verdict, int(hx, 16)))
    rows: list[tuple[str, str, str, int, str]] = []
    for e, verdict, number in judged:
        hx = f"0x{number:08X}"
        cs = verdict.causes
        meaning = f"Windows {e.id} ({hx})"
        src = e.provenance
        if e.id not in SCHANNEL_CODES:
            rows.append((rf"\b{hx}\b", meaning, cs, verdict.spec, src))
            rows.append((rf"(?i:{_ERROR_WORD})(?<![\d-]){_signed(number)}(?!\d)",
                         f"{meaning}, printed as a signed number", cs, verdict.spec, src))
        rows.append((rf"(?i:{_ERROR_WORD})(?<![\d-]){number}(?!\d)",
                     f"{meaning}, printed as an unsigned number", cs, verdict.spec, src))
    return table("dotnet", "Windows SDK winerror.h", rows)


PATTERNS += _web_status() + _signed_rows()
# table() numbers each call's rows from 0; this module calls it per source several times.
PATTERNS = tuple(dataclasses.replace(p, id=f"{p.source}.windows.{n}")
                 for n, p in enumerate(PATTERNS))


# -- A Schannel event named by its number alone --------------------------------------------------
# Monitoring tools and people print "Source: Schannel, EventID: 36887" or "Schannel 36882"
# without the message. The event number is the whole statement then: the alert events say
# no alert code, so their ranking stays below 0.6 and names the line that does.
_ALERT_UNSAID = (" (the event's own text, \"The TLS protocol defined fatal alert code is N\", "
                 "names the alert)")
EVENT_NUMBERS: dict[int, tuple[str, str, int]] = {
    **{event: (meaning.split(":", 1)[1].strip().replace("{role}", "TLS"), cs, spec)
       for event, _, meaning, cs, spec in EVENTS if cs},
    # The role (server or client credential) is in the text only: servers log these most.
    36870: ("this machine could not use the private key of its own TLS certificate",
            "server_misconfiguration:.55 client_misconfiguration:.45", SPECIFIC),
    36871: ("this machine could not build its own TLS credential (its certificate or key, or "
            "no protocol or suite its policy allows)", "server_misconfiguration:.45 "
            "client_misconfiguration:.35 protocol_version_mismatch:.2", SPECIFIC),
    36872: ("the chain of this machine's own certificate could not be built",
            "server_misconfiguration:.5 incomplete_chain:.3 client_misconfiguration:.2",
            SPECIFIC),
    36874: ("a client offered no cipher suite this server enables", "cipher_suite_mismatch:1",
            REASON),
    36887: ("this machine received a fatal TLS alert from its peer" + _ALERT_UNSAID,
            "protocol_version_mismatch:.3 cipher_suite_mismatch:.25 cert_untrusted_root:.25 "
            "client_cert_required:.2", GENERIC),
    36888: ("this machine sent a fatal TLS alert and ended the handshake" + _ALERT_UNSAID,
            "protocol_version_mismatch:.3 cipher_suite_mismatch:.3 "
            "non_tls_service_on_port:.2 client_cert_required:.2", GENERIC),
}


def _event_numbers() -> tuple[Pattern, ...]:
    rows = []
    for event, (meaning, cs, spec) in sorted(EVENT_NUMBERS.items()):
        rx = (rf"\bSchannel\b[^\n]{{0,40}}?(?<![\d.]){event}\b|(?<![\d.]){event}\b[^\n]{{0,40}}?"
              rf"\bSchannel\b|\bEvent ?ID\W{{0,4}}{event}\b")
        rows.append((rx, f"Schannel event {event}: {meaning}", cs, spec))
    return table("schannel_event", _EVENTS_SRC, rows)


PATTERNS += tuple(dataclasses.replace(p, id=f"{p.source}.event.{n}")
                  for n, p in enumerate(_event_numbers()))


# -- CryptoAPI's chain error mask (CERT_TRUST_STATUS.dwErrorStatus) ------------------------------
# curl's schannel back end prints it as "schannel: CertGetCertificateChain error mask:
# 0x%08x" (lib/vtls/schannel_verify.c @ curl-7_88_1 046209e561b7, when no bit it names alone
# is set); CryptoAPI traces
# print "dwErrorStatus = 0x...". Each bit (mingw-w64 include/wincrypt.h CERT_TRUST_*) is read
# on its own by its hex digit: a revoked certificate outranks the chain's own faults, and those
# outrank a revocation check that could not be made (an untrusted chain is not checked).
_WINCRYPT = "mingw-w64 include/wincrypt.h CERT_TRUST_* (mingw-w64-common 10.0.0-3)"
TRUST_BITS: dict[int, tuple[str, str, str, int]] = {
    0x1: ("IS_NOT_TIME_VALID", "a certificate in the chain is outside its validity period",
          "cert_expired:.7 cert_not_yet_valid:.15 client_clock_wrong:.15", REASON),
    0x4: ("IS_REVOKED", "a certificate in the chain is revoked", "cert_revoked:1", REASON + 1),
    0x8: ("IS_NOT_SIGNATURE_VALID", "a signature in the chain does not verify",
          "client_misconfiguration:.45 bad_chain_order_or_extra:.25 cert_untrusted_root:.2 "
          "tls_interception_mitm:.1", SPECIFIC),
    0x10: ("IS_NOT_VALID_FOR_USAGE", "the chain is not valid for server authentication",
           "cert_wrong_purpose:1", REASON),
    0x20: ("IS_UNTRUSTED_ROOT", "the chain ends at a root this machine does not trust",
           _UNTRUSTED, REASON),
    0x40: ("REVOCATION_STATUS_UNKNOWN", "the revocation status could not be learned",
           _REVOCATION, SPECIFIC),
    0x1000: ("HAS_NOT_SUPPORTED_NAME_CONSTRAINT", "a CA's name constraint is not supported",
             "cert_wrong_purpose:1", REASON),
    0x10000: ("IS_PARTIAL_CHAIN", "the chain could not be built to a root (an intermediate "
              "is missing)", "incomplete_chain:.8 cert_untrusted_root:.2", REASON),
    0x100000: ("HAS_WEAK_SIGNATURE", "a certificate is signed with a weak algorithm (MD5, "
               "SHA-1) or key", "weak_signature_or_key:1", REASON),
    0x1000000: ("IS_OFFLINE_REVOCATION", "the revocation server was offline",
                _REVOCATION, SPECIFIC),
    0x4000000: ("IS_EXPLICIT_DISTRUST", "a certificate in the chain is explicitly distrusted "
                "(the Disallowed store)", "cert_untrusted_root:.7 client_misconfiguration:.3",
                REASON),
}
_MASK_LEAD = r"(?:CertGetCertificateChain error mask|dwErrorStatus)\s{0,3}[:=]\s{0,3}0x"


def _bit_rx(bit: int, lead: str = _MASK_LEAD) -> str:
    """A hex mask (1-8 digits) with ``bit`` set: the digit that holds it is one of the
    values with that bit, followed by exactly as many digits as lie below it."""
    pos, value = divmod(bit.bit_length() - 1, 4)
    digits = "".join(f"{d:x}" for d in range(16) if d & (1 << value))
    return (rf"{lead}[0-9a-f]{{0,{7 - pos}}}[{digits}]"
            rf"[0-9a-f]{{{pos}}}(?![0-9a-f])")


def _trust_bits() -> tuple[Pattern, ...]:
    rows = [(_bit_rx(bit), f"CryptoAPI chain error CERT_TRUST_{name} (0x{bit:x}): {what}",
             cs, spec) for bit, (name, what, cs, spec) in TRUST_BITS.items()]
    built = table("cryptoapi", _WINCRYPT, rows, needle={n: "0x" for n in range(len(rows))},
                  side="client")
    return tuple(dataclasses.replace(p, id=f"cryptoapi.mask.{n}") for n, p in enumerate(built))


PATTERNS += _trust_bits()


# -- WinHTTP's secure-failure flags printed as a number ----------------------------------------
# A program that logs WINHTTP_CALLBACK_STATUS_SECURE_FAILURE (0x00010000 = 65536) often prints
# the callback's status information (a DWORD of the FLAG_* bits above, winhttp.h) as a number,
# in decimal (mORMot: "WinHTTP security error. Status 65536, statusInfo: 16") or hex
# ("dwStatusInformation = 0x00000008"). Each bit is read on its own, as the chain mask's are;
# the number counts only after WinHTTP's own words on the same line.
FLAG_BITS: dict[int, str] = {0x1: "CERT_REV_FAILED", 0x2: "INVALID_CERT", 0x4: "CERT_REVOKED",
                             0x8: "INVALID_CA", 0x10: "CERT_CN_INVALID",
                             0x20: "CERT_DATE_INVALID", 0x40: "CERT_WRONG_USAGE",
                             0x80000000: "SECURITY_CHANNEL_ERROR"}
_INFO_LEAD = (r"(?:\bWinHTTP|SECURE_FAILURE\b|\b65536\b|\b0x0{0,3}10000\b)[^\n]{0,80}?"
              r"(?:status ?info(?:rmation)?|dwStatusInformation|lpvStatusInformation)"
              r"\s{0,3}[:=]?\s{0,3}")


def _decimal_with(bit: int) -> str:
    """The status information in decimal with ``bit`` set (the seven certificate bits make
    at most 127; the channel error's bit only as its own number)."""
    values = [n for n in range(1, 128) if n & bit] if bit < 0x80 else [bit]
    return rf"{_INFO_LEAD}(?:{'|'.join(str(n) for n in sorted(values, reverse=True))})(?![\d.])"


def _flag_numbers() -> tuple[Pattern, ...]:
    rows = []
    for bit, name in FLAG_BITS.items():
        what, cs = FLAGS[name]
        said = (f"WinHTTP secure-failure status information with "
                f"WINHTTP_CALLBACK_STATUS_FLAG_{name} (0x{bit:x}) set: {what}")
        rows += [(_decimal_with(bit), said, cs, REASON), (_bit_rx(bit, _INFO_LEAD + "0x"), said,
                                                          cs, REASON)]
    built = table("winhttp", _MINGW, rows, needle={n: "status" for n in range(len(rows))},
                  side="client")
    return tuple(dataclasses.replace(p, id=f"winhttp.flags.{n}") for n, p in enumerate(built))


PATTERNS += _flag_numbers()
