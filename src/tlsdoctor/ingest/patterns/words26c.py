"""Round 26: holdout33's classes, each from the printing program's own words.

- vcpkg's curl downloads (microsoft/vcpkg-tool @ f9eb9c63d0e1ec80e82ff30820e5208feb3ab628;
  the message DownloadFailedCurl "{url}: curl failed to download with exit code
  {exit_code}" from 8350f07b935502fa6c04d674dbe91773a3ba0a21 (Dec 2022) until ca7c14e5a1929895e4124094788deb7ea0ac2e58
  (Jan 2025), then CurlFailedGeneric "curl operation failed with error code {exit_code}.";
  CurlFailedToPut "curl failed to put file to {url} with exit code {exit_code}."; all in
  locales/messages.json): the number is curl's own exit code (CURLcode, curl/curl
  include/curl/curl.h): 60 CURLE_PEER_FAILED_VERIFICATION (read as curl.py reads a bare
  "curl: (60)"), 77 CURLE_SSL_CACERT_BADFILE (the client's CA file), 58 CURLE_SSL_CERTPROBLEM
  (the client's own certificate). 35 is left to curl.py's "SSL connect error".
- WinRPM.jl's Windows download (JuliaPackaging/WinRPM.jl @
  dcf64d701dc9fcd5c82dcf4631f201fe9d906f1e src/WinRPM.jl: "Unknown download failure, error
  code: $res", the HRESULT of urlmon's URLDownloadToCacheFileW printed as an unsigned
  decimal): 2148270105 is 0x800C0019, urlmon's INET_E_INVALID_CERTIFICATE (Windows SDK
  urlmon.h, as carried by microsoft/windows-rs Win32/System/Com/Urlmon), the server's
  certificate rejected without saying which check failed; 2148270094 is 0x800C000E
  INET_E_SECURITY_PROBLEM (the secure channel failed). The names and hex forms read
  anywhere, the decimals only after WinRPM's words.
- Salesforce's refusal of TLS 1.0 (Salesforce knowledge article 000221207 "Salesforce
  disabling TLS 1.0"; the printed form in Illuminated Cloud's issue 338 and
  phpforce/soap-client#25): "UNSUPPORTED_CLIENT: TLS 1.0 has been disabled in this
  organization. Please use TLS 1.1 or higher" is the server's own answer to a client that
  negotiated TLS 1.0: the client's TLS stack is too old (or pinned to TLS 1.0).
- Erlang ssl's {bad_cert, invalid_key_usage} (erlang/otp @
  1a5dd04e0958681a72984eba6b3cf026aaec0155 lib/public_key/src/pubkey_cert.erl
  validate_extensions: a certificate of the path that is not the last one whose keyUsage
  lacks keyCertSign): it is raised while the path is built, before the host name is checked,
  so the certificate may be one the server sends by default (to a client that gave no SNI:
  hackney, benoitc/hackney#612) as much as a wrongly issued one. erlang.py's reading
  (cert_wrong_purpose at 1.0) becomes a ranking below 0.6 there.
- Postfix's own TLS set-up failures (vdukhovni/postfix @
  17830e5c13c160d51c95cb971d137a46de84e48c postfix/src/tls/tls_server.c tls_server_init:
  "Invalid TLS protocol list \"%s\": disabling TLS support"; tls_client.c "%s: Invalid TLS
  protocol list \"%s\": aborting TLS session"; smtpd/smtpd.c "Wrapper-mode request dropped
  from %s for service %s. TLS context initialization failed."): Postfix rejects its own
  smtp(d)_tls_protocols value (an older Postfix does not know the "TLSv1 TLSv1.1" list form)
  and serves no TLS; a client sees the connection closed. The server's configuration.
- IBM JSSE's "The certificate issued by <DN> is not trusted" (IBM's IBMJSSE2 certpath
  validator, closed source; IBM technote swg21369939 "Certificate chaining errors in an
  HTTPRequest node": a received certificate is not trusted when the truststore lacks the
  signer for its issuer; the same text in IBM BPM's and WebSphere's logs): it names the
  missing signer, so the "Certificate chaining error" after it is not a chain-order reading.
- curl's Schannel read failing with SEC_E_DECRYPT_FAILURE (curl/curl @
  5c61e168698a72b87437d58ed728bcdea6d5db42 lib/vtls/schannel.c schannel_recv: "schannel:
  failed to read data from server: %s"): curl's own issues show it from a client bug after
  a completed handshake - curl/curl#9879 (bisected to 8beff4355956e3d18ceb3afc21c1f3edec82543c
  "schannel: Add TLS 1.3 support", against github.com), #9431, #15024 (--tls-max 1.2 the
  workaround) - as well as from data altered on the way (dotnet.py's reading of the status
  alone). Which of the two the text does not say: a ranking below 0.6.
- MongoDB Atlas refusing a client address (Automattic/mongoose @
  3e212cec87dbf710216a3c6125121aefa60a4475 lib/error/serverSelection.js: when every server of
  an Atlas topology (lib/helpers/topology/isAtlas.js: hosts ending in .mongodb.net, port
  27017) stays unknown, Mongoose replaces the error with "Could not connect to any servers in
  your MongoDB Atlas cluster. One common reason is that you're trying to access the database
  from an IP that isn't whitelisted"). Atlas's front end ends the TLS handshake of an address
  not on the project's IP access list with alert internal_error (vedfi/mondroid#54,
  unilei/kerkerker#22): that alert in a MongoDB driver's error reads the access list first, a
  ranking below 0.6 (the alert's own SNI reading second).
- ServiceNow's MID Server checking the instance's certificate by OCSP (closed source;
  ServiceNow KB0813636 and KB1216223 quote its log lines: "OCSP revoke check IOException for
  *.service-now.com" with the HttpException after it, "OCSPCheck HTTP status: 503",
  "GlideSSLProtocolSocketFactory$OCSPException: Permission denied: connect"): since Orlando
  the MID Server asks the CA's OCSP responder (http://ocsp.entrust.net, port 80) during the
  handshake and treats no answer as revoked; the KBs' cause is a firewall (or proxy) that
  does not let the MID host reach it. A ranking below 0.6.
"""

from __future__ import annotations

from . import REASON, SPECIFIC, Row, sourced_table

_VCPKG = ("microsoft/vcpkg-tool @ f9eb9c63d0e1ec80e82ff30820e5208feb3ab628 "
          "locales/messages.json (CurlFailedGeneric, CurlFailedToPut; DownloadFailedCurl "
          "8350f07b..ca7c14e5); curl/curl include/curl/curl.h (CURLcode)")
_WINRPM = ("JuliaPackaging/WinRPM.jl @ dcf64d701dc9fcd5c82dcf4631f201fe9d906f1e src/WinRPM.jl "
           "(download: URLDownloadToCacheFileW); Windows SDK urlmon.h INET_E_INVALID_CERTIFICATE "
           "0x800C0019, INET_E_SECURITY_PROBLEM 0x800C000E")
_SALESFORCE = ("Salesforce knowledge article 000221207 (Salesforce disabling TLS 1.0): the "
               "UNSUPPORTED_CLIENT API error")

_POSTFIX = ("vdukhovni/postfix @ 17830e5c13c160d51c95cb971d137a46de84e48c "
            "postfix/src/tls/tls_server.c, tls_client.c, smtpd/smtpd.c")
_IBM = ("IBM technote swg21369939 (Certificate chaining errors in an HTTPRequest node): "
        "IBMJSSE2's CertPathValidatorException text")
_CURL_SCHANNEL = ("curl/curl @ 5c61e168698a72b87437d58ed728bcdea6d5db42 lib/vtls/schannel.c "
                  "(schannel_recv); curl/curl#9879, #9431, #15024; winerror.h "
                  "SEC_E_DECRYPT_FAILURE 0x80090330")

_MONGOOSE = ("Automattic/mongoose @ 3e212cec87dbf710216a3c6125121aefa60a4475 "
             "lib/error/serverSelection.js (atlasMessage), lib/helpers/topology/isAtlas.js")
_MONGO_DRIVER = (r"(?:\bMongo(?:oseServerSelection|ServerSelection|Network)Error\b"
                 r"|\bMongoDB ConnectionException\b|\.mongodb\.net\b)")
_INTERNAL_ALERT = (r"(?:\btlsv1 alert internal error\b|\bTLSV1_ALERT_INTERNAL_ERROR\b"
                   r"|\bSSL alert number 80\b)")
_ACCESS_LIST = ("middlebox_or_firewall_interference:.5 sni_required_or_mismatch:.25 "
                "server_misconfiguration:.25")

_SERVICENOW = ("ServiceNow KB0813636 (MID Server ... OCSP certification revocation verification "
               "check), KB1216223 (MID Server Connectivity Issues due to OCSP failures)")
_OCSP_BLOCKED = ("middlebox_or_firewall_interference:.55 client_misconfiguration:.3 "
                 "name_resolution_or_unreachable:.15")

# curl.py's reading of a bare "curl: (60)".
_CURL60 = ("cert_untrusted_root:.35 incomplete_chain:.25 cert_self_signed:.15 cert_expired:.1 "
           "hostname_mismatch:.1 tls_interception_mitm:.05")
# A certificate urlmon rejected, which check not said.
_INVALID_CERT = ("cert_untrusted_root:.3 cert_expired:.2 hostname_mismatch:.2 "
                 "tls_interception_mitm:.15 incomplete_chain:.15")
_SECURITY_PROBLEM = ("protocol_version_mismatch:.35 cipher_suite_mismatch:.25 "
                     "middlebox_or_firewall_interference:.2 tls_interception_mitm:.2")

_INVALID_CERT_MEANING = ("urlmon (INET_E_INVALID_CERTIFICATE, 0x800C0019): Windows rejected "
                         "the server's certificate; which check failed (issuer, dates, name) "
                         "is not printed")
_SECURITY_PROBLEM_MEANING = ("urlmon (INET_E_SECURITY_PROBLEM, 0x800C000E): the secure channel "
                             "to the server could not be set up")
_URLMON: list[tuple[str, str, list[tuple[str, str]]]] = [
    (_INVALID_CERT_MEANING, _INVALID_CERT, [
        (r"\bUnknown download failure, error code: 2148270105\b", "2148270105"),
        (r"\bINET_E_INVALID_CERTIFICATE\b", "inet_e_invalid_certificate"),
        (r"\b0x800C0019\b", "0x800c0019")]),
    (_SECURITY_PROBLEM_MEANING, _SECURITY_PROBLEM, [
        (r"\bUnknown download failure, error code: 2148270094\b", "2148270094"),
        (r"\bINET_E_SECURITY_PROBLEM\b", "inet_e_security_problem"),
        (r"\b0x800C000E\b", "0x800c000e")]),
]

_VCPKG_CODE = (r"\b(?:curl failed to download with exit code|curl operation failed with error "
               r"code|curl failed to put file to \S{1,400} with exit code) ")

_ROWS: list[tuple[str, str, Row]] = [
    # vcpkg: curl's exit code, as a number
    ("vcpkg", "client", (_VCPKG_CODE + r"60\b",
                         "vcpkg: curl exit 60 (CURLE_PEER_FAILED_VERIFICATION): the server's "
                         "certificate could not be verified; which check failed is not printed",
                         _CURL60, SPECIFIC, _VCPKG, "curl")),
    ("vcpkg", "client", (_VCPKG_CODE + r"77\b",
                         "vcpkg: curl exit 77 (CURLE_SSL_CACERT_BADFILE): curl could not read "
                         "its CA certificate file",
                         "client_misconfiguration:.9 cert_untrusted_root:.1", REASON, _VCPKG,
                         "curl")),
    ("vcpkg", "client", (_VCPKG_CODE + r"58\b",
                         "vcpkg: curl exit 58 (CURLE_SSL_CERTPROBLEM): a problem with the "
                         "client's own certificate",
                         "client_misconfiguration:.8 client_cert_required:.2", REASON, _VCPKG,
                         "curl")),
    # WinRPM (urlmon): the HRESULT as an unsigned decimal after WinRPM's words; the name and
    # the hex form anywhere (each row has its own needle)
    *[("urlmon", "client", (rx, meaning, cs, SPECIFIC, _WINRPM, needle))
      for meaning, cs, forms in _URLMON
      for rx, needle in forms],
    # Salesforce: the org refuses TLS 1.0
    ("salesforce", "client", (r"\bUNSUPPORTED[_ ]CLIENT: TLS 1\.0 has bee[nd] disabled in this "
                              r"organization\b",
                              "Salesforce: the org has disabled TLS 1.0 and this client "
                              "connected with TLS 1.0; its TLS stack (runtime, OpenSSL) must "
                              "offer TLS 1.1 or 1.2",
                              "protocol_version_mismatch:.6 client_misconfiguration:.4", REASON,
                              _SALESFORCE, "has bee")),
    # Postfix: its own protocol list rejected, TLS switched off
    ("postfix", "server", (r"\bInvalid TLS protocol list \"[^\"\n]{0,200}\": (?:disabling TLS "
                           r"support|aborting TLS session)",
                           "Postfix: it rejected its own TLS protocol list "
                           "(smtpd_tls_protocols / smtp_tls_protocols; older Postfix does not "
                           "read the \"TLSv1 TLSv1.1\" form: use \"!SSLv2, !SSLv3\") and "
                           "serves no TLS",
                           "server_misconfiguration:1", REASON, _POSTFIX,
                           "invalid tls protocol list")),
    ("postfix", "server", (r"\bWrapper-mode request dropped from \S{1,300} for service "
                           r"\S{1,60}\. TLS context initialization failed\b",
                           "Postfix smtpd: its TLS set-up failed (the reason is in the warnings "
                           "before this one), so it drops SMTPS (port 465) connections",
                           "server_misconfiguration:1", REASON, _POSTFIX,
                           "tls context initialization failed")),
    # IBM JSSE: the signer of a received certificate is not in the truststore
    ("java", "client", (r"\bThe certificate issued by [^\n]{1,400}? is not trusted\b",
                        "IBM JSSE: the truststore has no signer for the issuer it names, so "
                        "the chain cannot be built (the \"Certificate chaining error\" after it "
                        "is the consequence): add that CA (or the missing intermediate)",
                        "cert_untrusted_root:.55 incomplete_chain:.25 tls_interception_mitm:.2",
                        REASON + 1, _IBM, "is not trusted")),
    # curl on Schannel: decryption failed on a read after the handshake
    ("curl", "client", (r"\bschannel: failed to read data from server: (?:SEC_E_DECRYPT_FAILURE"
                        r"|Unknown error \(0x80090330\))",
                        "curl (Schannel): reading after the handshake, Windows could not "
                        "decrypt a record (SEC_E_DECRYPT_FAILURE): curl's Schannel TLS 1.3 "
                        "support mishandling the server's records (curl#9879), or data altered "
                        "on the way; try --tls-max 1.2 or another TLS back end",
                        "client_misconfiguration:.5 middlebox_or_firewall_interference:.35 "
                        "server_misconfiguration:.15", REASON, _CURL_SCHANNEL,
                        "schannel: failed to read data from server: ")),
    # MongoDB Atlas: an address not on the IP access list
    ("mongoose", "client", (r"\bCould not connect to any servers in your MongoDB Atlas cluster\b",
                            "Mongoose: no server of the Atlas cluster could be reached; most "
                            "often this machine's IP address is not on the cluster's IP access "
                            "list (Atlas: Network Access)",
                            "middlebox_or_firewall_interference:.55 "
                            "name_resolution_or_unreachable:.25 client_misconfiguration:.2",
                            REASON, _MONGOOSE, "mongodb atlas cluster")),
    ("mongodb", "client", (_MONGO_DRIVER + r"[\s\S]{0,600}?" + _INTERNAL_ALERT + "|"
                           + _INTERNAL_ALERT + r"[\s\S]{0,600}?" + _MONGO_DRIVER,
                           "MongoDB driver: the server ended the handshake with alert "
                           "internal_error, as MongoDB Atlas does for an address not on the "
                           "project's IP access list (Network Access); else a server that "
                           "wants SNI",
                           _ACCESS_LIST, REASON + 1, _MONGOOSE, "")),
    # ServiceNow MID Server: the OCSP responder could not be reached
    ("servicenow", "client", (r"\bOCSP revoke check IOException for \S{1,253}",
                              "ServiceNow MID Server: its OCSP check of the instance's "
                              "certificate could not reach the CA's responder "
                              "(http://ocsp.entrust.net, port 80), so the certificate counts as "
                              "revoked: a firewall or proxy between the MID host and the "
                              "responder",
                              _OCSP_BLOCKED, REASON, _SERVICENOW, "ocsp revoke check")),
    ("servicenow", "client", (r"\bGlideSSLProtocolSocketFactory\$OCSPException\b"
                              r"|\bOCSPCheck HTTP status: \d{3}\b",
                              "ServiceNow MID Server: its OCSP check of the instance's "
                              "certificate failed to get an answer from the CA's responder",
                              _OCSP_BLOCKED, REASON, _SERVICENOW, "ocsp")),
]

PATTERNS = sourced_table("r26c", _ROWS)
