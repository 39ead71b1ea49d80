"""What ``explain`` must say for each (client program, broken server) cell of the client
matrix, shared by the live test, the recorded-corpus test and the recorder.

Three kinds of cell:

* definite: the program's words name the fault; the top finding must be ``EXPECTED[fault]``
  (and its party ``PARTY[fault]`` where listed).
* ambiguous (``AMBIGUOUS``): the words honestly fit several faults; the top finding must be
  one of the set AND its confidence below 0.6, so explain does not present a guess as an answer.
* accepted (``ACCEPTS``): the program connected; its output reports no failure, and explain
  must not invent the fault's cause.
"""

from __future__ import annotations

from dataclasses import dataclass

from tlsdoctor import explain

CONFIDENT = 0.6

EXPECTED: dict[str, str] = {
    "expired": "cert_expired",
    "not_yet_valid": "cert_not_yet_valid",
    "self_signed": "cert_self_signed",
    "untrusted_root": "cert_untrusted_root",
    "incomplete_chain": "incomplete_chain",
    "wrong_host": "hostname_mismatch",
    "wrong_purpose": "cert_wrong_purpose",
    "rsa1024": "weak_signature_or_key",
    "sha1": "weak_signature_or_key",
    "tls10_11_only": "protocol_version_mismatch",
    "tls13_only": "protocol_version_mismatch",
    "cipher_null_only": "cipher_suite_mismatch",
    "client_cert_required": "client_cert_required",
    "sni_rejected": "sni_required_or_mismatch",
    "plain_http": "non_tls_service_on_port",
    "refused": "name_resolution_or_unreachable",
    "silent_drop": "middlebox_or_firewall_interference",
    "hangup": "middlebox_or_firewall_interference",
    # psql only: PostgreSQL with ssl = off: the port offers no TLS (round 13: the class of
    # patterns/plaintext.py, whatever answers the SSLRequest with 'N')
    "tls_off": "non_tls_service_on_port",
}

PARTY: dict[str, str] = {
    "expired": "server", "not_yet_valid": "server", "self_signed": "server",
    "wrong_host": "server", "wrong_purpose": "server", "rsa1024": "server", "sha1": "server",
    "client_cert_required": "client", "sni_rejected": "either", "tls13_only": "either",
    "refused": "network", "silent_drop": "network",
}

_CERT = frozenset({"cert_expired", "cert_not_yet_valid", "cert_self_signed",
                   "cert_untrusted_root", "incomplete_chain", "hostname_mismatch",
                   "cert_wrong_purpose", "weak_signature_or_key", "tls_interception_mitm",
                   "client_misconfiguration", "client_clock_wrong"})
_ISSUER = frozenset({"cert_untrusted_root", "incomplete_chain", "cert_self_signed",
                     "client_misconfiguration"})
_HANDSHAKE = frozenset({"cipher_suite_mismatch", "protocol_version_mismatch",
                        "client_cert_required", "sni_required_or_mismatch",
                        "middlebox_or_firewall_interference", "server_misconfiguration"})
_ALL = "*"

# (client or "*", fault) -> (acceptable top causes, why the words cannot tell them apart)
AMBIGUOUS: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    (_ALL, "untrusted_root"): (_ISSUER, "every client says only 'issuer unknown / unable to "
                               "get local issuer': a missing intermediate reads the same"),
    (_ALL, "incomplete_chain"): (_ISSUER, "the same words as an untrusted root"),
    (_ALL, "cipher_null_only"): (_HANDSHAKE, "a bare handshake_failure alert (40): the server "
                                 "says no, not why"),
    (_ALL, "hangup"): (_HANDSHAKE, "EOF / SSL_ERROR_SYSCALL / socket hang up: a server that "
                       "closes reads like a middlebox, an SNI filter or a crash"),
    # The server's certificate really starts in 20 days; a client clock 20 days behind prints
    # the same words and times (ingest/clock.py decides only on implausible times: before
    # 2010, years before notBefore, later than this machine's clock). Clients behind real
    # time are the common case, so the clock ranks first, below certainty
    # (judgement/_common.NOT_YET); tests/ingest/test_clock_class.py runs the other reality.
    (_ALL, "not_yet_valid"): (frozenset({"client_clock_wrong", "cert_not_yet_valid"}),
                              "'not yet valid' (and 20 days ahead) is the same words for a "
                              "certificate dated ahead and a client clock behind"),
    **{(c, "self_signed"): (_ISSUER | {"cert_wrong_purpose"},
                            "the program reports an unknown issuer, not a self-signed leaf")
       for c in ("wget", "gnutls_cli", "go", "java", "nss_tstclnt", "chromium")},
    ("nss_tstclnt", "not_yet_valid"): (frozenset({"cert_expired", "cert_not_yet_valid",
                                                  "client_clock_wrong"}),
                                       "NSS's classic verifier reports notBefore as "
                                       "SEC_ERROR_EXPIRED_CERTIFICATE too"),
    **{("git", f): (_CERT, "git over libcurl-gnutls prints 'server certificate verification "
                           "failed' for every certificate fault")
       for f in ("expired", "not_yet_valid", "self_signed", "sha1")},
    ("git", "client_cert_required"): (_HANDSHAKE, "'A TLS fatal alert has been received' "
                                      "without the alert's name"),
    ("wget", "client_cert_required"): (_HANDSHAKE, "'The specified session has been "
                                       "invalidated': GnuTLS lost the alert's name"),
    ("wget", "silent_drop"): (_HANDSHAKE, "wget prints a bare 'Unable to establish SSL "
                              "connection.' on a handshake timeout"),
    **{("chromium", f): (_CERT | {"server_misconfiguration"},
                         "NET::ERR_CERT_INVALID, 'sent scrambled credentials that Chromium "
                         "cannot process': Chromium names no fault")
       for f in ("wrong_purpose", "sha1")},
    ("chromium", "tls10_11_only"): (frozenset({"protocol_version_mismatch",
                                               "cipher_suite_mismatch",
                                               "sni_required_or_mismatch"}),
                                    "ERR_SSL_VERSION_OR_CIPHER_MISMATCH, 'uses an unsupported "
                                    "protocol': also what an edge without a certificate for "
                                    "the name answers"),
    ("chromium", "plain_http"): (_HANDSHAKE | {"non_tls_service_on_port"},
                                 "ERR_SSL_PROTOCOL_ERROR, 'sent an invalid response': any "
                                 "malformed or refused handshake reads the same"),
}

# libpq prints OpenSSL's reason only: "SSL error: certificate verify failed", never the
# verify result, so every certificate it rejects reads alike.
AMBIGUOUS.update({("psql", f): (_CERT, "libpq prints 'SSL error: certificate verify failed' "
                                       "without the verify result")
                  for f in ("expired", "not_yet_valid", "self_signed", "untrusted_root",
                            "incomplete_chain", "wrong_purpose", "rsa1024", "sha1")})

# Round 10's application stacks. PHP streams and Perl (LWP, IO::Socket::SSL) print OpenSSL's
# error queue, "certificate verify failed", never the verify result: like libpq, every
# certificate they reject reads alike (their "hostname" words are their own and definite).
_VERIFY_ONLY = ("expired", "not_yet_valid", "self_signed", "wrong_purpose", "rsa1024", "sha1")
AMBIGUOUS.update({(c, f): (_CERT, f"{c} prints OpenSSL's 'certificate verify failed' "
                                  "without the verify result")
                  for c in ("php", "php_socket", "perl_lwp", "perl_socket") for f in _VERIFY_ONLY})
_DATES = frozenset({"cert_expired", "cert_not_yet_valid", "client_clock_wrong"})
for _c in ("erlang", "erlang_httpc"):
    AMBIGUOUS.update({
        (_c, "expired"): (_DATES, "OTP's path validation names a certificate outside its "
                                  "validity period cert_expired on either side of it "
                                  "(public_key validate_time/3): 'Certificate Expired'"),
        (_c, "not_yet_valid"): (_DATES, "the same 'Certificate Expired' alert as an expired "
                                        "certificate"),
        (_c, "self_signed"): (_ISSUER | {"bad_chain_order_or_extra", "cert_wrong_purpose",
                                         "tls_interception_mitm"},
                              "OTP sends Bad Certificate for a self-signed peer, an issuer or "
                              "signature that does not verify and a name outside the "
                              "constraints alike, without the reason"),
    })
AMBIGUOUS[("perl_lwp", "silent_drop")] = (
    _HANDSHAKE | {"name_resolution_or_unreachable"},
    "LWP prints a bare \"Can't connect to host:port\": IO::Socket::SSL's timeout left no words")

# Round 12's programs with their own words. msmtp (GnuTLS 3.7) prints gnutls_strerror's "A
# TLS fatal alert has been received." without the alert's name, as git and wget do; and
# the verification text "The certificate issuer is unknown." for a self-signed leaf.
AMBIGUOUS.update({("msmtp", f): (_HANDSHAKE, "msmtp prints GnuTLS's 'A TLS fatal alert has "
                                             "been received.' without the alert's name")
                  for f in ("tls13_only", "sni_rejected", "client_cert_required")})
AMBIGUOUS[("msmtp", "self_signed")] = (_ISSUER | {"cert_wrong_purpose"},
                                       "GnuTLS's verification text: 'The certificate issuer is "
                                       "unknown.', not a self-signed leaf")
AMBIGUOUS[("stunnel", "silent_drop")] = (
    _HANDSHAKE, "at its default log level stunnel logs only 'Connection reset: 0 byte(s) sent "
                "to TLS, 0 byte(s) sent to socket' (the TIMEOUTbusy line is at info)")

# Round 21's programs. Where a program prints words that name no cause (or nothing), the
# cell is ambiguous with "-" (no finding) allowed: explain must not be confident.
_NONE = frozenset({"-"})
_NOTHING = (_NONE | _CERT | _HANDSHAKE | {"name_resolution_or_unreachable",
                                          "non_tls_service_on_port"})
_TIMEOUTS = _NONE | {"middlebox_or_firewall_interference", "name_resolution_or_unreachable",
                     "server_misconfiguration"}
_ALL_FAULTS = tuple(f for f in EXPECTED if f not in ("ok", "tls_off"))
AMBIGUOUS.update({(c, "self_signed"): (_ISSUER | {"cert_wrong_purpose"},
                                       "the program reports an unknown issuer, not a "
                                       "self-signed leaf")
                  for c in ("wget2", "aria2c", "go_tls", "java_httpclient", "java_socket")})
AMBIGUOUS.update({(c, f): (_CERT, f"{c} prints OpenSSL's 'certificate verify failed' "
                                  "without the verify result")
                  for c in ("socat", "luasec", "redis_cli") for f in _VERIFY_ONLY})
AMBIGUOUS.update({("wget2", f): (_NONE, "wget2 1.99 prints nothing at all when a connection "
                                        "or handshake fails (exit 4 or 5)")
                  for f in ("tls13_only", "cipher_null_only", "sni_rejected", "plain_http",
                            "refused", "silent_drop", "hangup")})
AMBIGUOUS.update({("aria2c", f): (_HANDSHAKE, "aria2c prints GnuTLS's 'A TLS fatal alert has "
                                              "been received.' without the alert's name")
                  for f in ("tls10_11_only", "client_cert_required", "sni_rejected")})
AMBIGUOUS.update({("elinks", f): (_NOTHING, "ELinks' dump mode prints 'ELinks: SSL error' for "
                                            "every TLS failure")
                  for f in _ALL_FAULTS if f != "refused"})
AMBIGUOUS.update({("lynx", f): (_NOTHING, "lynx -dump prints only \"Can't access startfile\" "
                                          "for a certificate it refuses")
                  for f in ("expired", "not_yet_valid", "self_signed", "untrusted_root",
                            "incomplete_chain", "wrong_host", "sha1")})
AMBIGUOUS.update({("mosquitto_sub", f): (_NOTHING, "mosquitto_sub prints 'A TLS error "
                                                   "occurred.' (or nothing) without the "
                                                   "OpenSSL reason unless run with -d")
                  for f in _ALL_FAULTS if f != "refused"})
AMBIGUOUS.update({
    ("aria2c", "silent_drop"): (_TIMEOUTS, "aria2c: 'errorCode=2 Timeout.', any step's timeout"),
    ("luasec", "silent_drop"): (_TIMEOUTS, "LuaSec returns 'wantread' when the handshake's "
                                           "wait times out: a non-blocking state's word"),
    ("python_aiohttp", "silent_drop"): (_TIMEOUTS, "aiohttp's total timeout raises a bare "
                                                   "TimeoutError"),
    ("node_fetch", "silent_drop"): (_TIMEOUTS, "AbortSignal.timeout: 'The operation was "
                                               "aborted due to timeout', no TLS words"),
    ("go_tls", "silent_drop"): (_TIMEOUTS, "tls.DialWithDialer's timeout: 'context deadline "
                                           "exceeded', no TLS words"),
    ("java_httpclient", "silent_drop"): (_TIMEOUTS, "HttpClient's connect timeout covers the "
                                                    "handshake: 'HTTP connect timed out'"),
    ("go_tls", "hangup"): (_HANDSHAKE | _NONE, "crypto/tls returns a bare 'EOF'"),
    ("lynx", "client_cert_required"): (_HANDSHAKE, "TLS 1.3: lynx's request meets the "
                                                   "server's close: 'Unexpected network read "
                                                   "error; connection aborted.'"),
    **{("lynx", f): (_HANDSHAKE | {"non_tls_service_on_port"},
                     "lynx prints 'Unable to make secure connection to remote host.' for any "
                     "failed handshake, without the reason")
       for f in ("sni_rejected", "plain_http")},
    ("w3m", "refused"): (_NOTHING, "w3m prints only \"Can't load URL\" when connect fails"),
})

# (client, fault) -> (words that make the cell definite, causes fitting the other outcome,
# why): a race decides what the program prints; without the words the cell is ambiguous.
RACES: dict[tuple[str, str], tuple[str, frozenset[str], str]] = {
    ("chromium", "client_cert_required"): (
        "ERR_BAD_SSL_CLIENT_AUTH_CERT", _HANDSHAKE,
        "TLS 1.3: Chromium sends its request before the server's certificate_required alert "
        "arrives; when the server's close wins, it shows ERR_SOCKET_NOT_CONNECTED"),
    # TLS 1.3: the request is written before the server's certificate_required alert is
    # read; when the close wins, the HTTP layer reports only that nothing came back.
    ("php", "client_cert_required"): (
        "certificate required", _HANDSHAKE,
        "PHP's https:// wrapper: 'Failed to open stream: HTTP request failed!' when the "
        "alert is lost with the close"),
    # TLS 1.3: undici writes the request as the server's alert and close arrive.
    ("node_fetch", "client_cert_required"): (
        "certificate required", _HANDSHAKE | frozenset({"-"}),
        "Node's fetch: '[cause]: SocketError: other side closed' or '[cause]: Error: write "
        "EPIPE' (an errno, no TLS words) when the alert is lost with the close"),
    ("perl_lwp", "client_cert_required"): (
        "certificate required", _HANDSHAKE,
        "LWP: 'Server closed connection without sending any data back' when the alert is "
        "lost with the close"),
}

# Cells where the program's words are specific although most programs' are not.
DEFINITE: frozenset[tuple[str, str]] = frozenset({
    ("nss_tstclnt", "cipher_null_only"),  # SSL_ERROR_NO_CYPHER_OVERLAP names it
    ("firefox", "cipher_null_only"),  # the same NSS code on its error page
})

# (client, fault) -> why the program connected (nothing failed, nothing to explain)
ACCEPTS: dict[tuple[str, str], str] = {
    ("openssl", "client_cert_required"): "TLS 1.3: s_client's stdin ends before it reads "
                                         "the server's certificate_required alert",
    ("openssl_brief", "client_cert_required"): "as openssl: the alert comes after the "
                                               "client's handshake and is never read",
    ("openssl_verify_error", "client_cert_required"): "as openssl (a race: sometimes the "
                                                      "alert is read, then it is definite)",
    **{("wget", f): "GnuTLS 3.7 accepts it" for f in ("wrong_purpose", "rsa1024",
                                                      "tls10_11_only")},
    **{("gnutls_cli", f): "GnuTLS 3.7 accepts it" for f in ("rsa1024", "tls10_11_only")},
    **{("git", f): "libcurl-gnutls accepts it" for f in ("wrong_purpose", "rsa1024",
                                                        "tls10_11_only")},
    ("node", "rsa1024"): "Node 20's OpenSSL runs at security level 1: RSA-1024 passes",
    ("go", "rsa1024"): "Go 1.19 accepts RSA-1024 leaves",
    **{("java", f): "JDK 17 accepts it for a private root" for f in ("rsa1024", "sha1")},
    **{("nss_tstclnt", f): "NSS accepts it" for f in ("rsa1024", "sha1", "tls10_11_only")},
    **{(c, "client_cert_required"): "TLS 1.3: the program returns a connected socket after "
                                     "its handshake; the server's certificate_required alert "
                                     "is never read"
       for c in ("php_socket", "perl_socket", "erlang")},
    # (httpc against the client-certificate server is not run: testing/client_matrix.py
    # _RACY; its recorded run, which read the alert, must still name it.)
    ("erlang_httpc", "client_cert_required"): "TLS 1.3, a race (not run live); the recorded "
                                              "run read the alert and must name it",
    **{(c, f): "OTP 25's ssl accepts it under a private root" for c in ("erlang", "erlang_httpc")
       for f in ("rsa1024", "sha1")},
    ("chromium", "rsa1024"): "Chromium 156 accepts an RSA-1024 leaf under a private root",
    # check_http -C checks the certificate's notAfter only; it verifies nothing else (no
    # chain, name, purpose or key check) and returns after its handshake.
    **{("check_http", f): "check_http -C checks only the certificate's expiry date"
       for f in ("not_yet_valid", "self_signed", "untrusted_root", "incomplete_chain",
                 "wrong_host", "wrong_purpose", "rsa1024", "sha1", "client_cert_required")},
    # msmtp then waits for an SMTP greeting the HTTPS server never sends, until killed.
    **{("msmtp", f): "GnuTLS 3.7 accepts it" for f in ("wrong_purpose", "rsa1024",
                                                      "tls10_11_only")},
    ("firefox", "rsa1024"): "Firefox ESR 153 accepts an RSA-1024 leaf under a private root",
    # Round 21's programs.
    **{(c, f): "GnuTLS 3.7 accepts it" for c in ("wget2", "aria2c", "lynx", "elinks")
       for f in ("wrong_purpose", "rsa1024") + (("tls10_11_only",) if c != "aria2c" else ())},
    ("wget2", "client_cert_required"): "TLS 1.3: the handshake completes; wget2 prints only "
                                       "'Failed to read' and exits 0",
    **{(c, "rsa1024"): "Node 20's OpenSSL runs at security level 1: RSA-1024 passes"
       for c in ("node_fetch", "node_tls")},
    ("go_tls", "rsa1024"): "Go 1.19 accepts RSA-1024 leaves",
    **{(c, f): "JDK 17 accepts it for a private root" for c in ("java_httpclient", "java_socket")
       for f in ("rsa1024", "sha1")},
    **{(c, "client_cert_required"): "TLS 1.3: the program returns a connected socket after "
                                     "its handshake; the server's certificate_required alert "
                                     "is never read"
       for c in ("socat", "go_tls", "java_socket", "ruby_socket", "w3m")},
    **{(c, "wrong_host"): "the program checks no host name: it connects, then waits for "
                          "an answer our HTTPS server never sends"
       for c in ("luasec", "redis_cli")},
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    right: bool
    kind: str  # "definite", "ambiguous", "accepted" or "control"
    top: str
    confidence: float
    detail: str


def ambiguity(client: str, fault: str, text: str = "") -> tuple[frozenset[str], str] | None:
    if (client, fault) in DEFINITE:
        return None
    race = RACES.get((client, fault))
    if race is not None:
        return None if race[0] in text else (race[1], race[2])
    return AMBIGUOUS.get((client, fault)) or AMBIGUOUS.get((_ALL, fault))


def judge(client: str, fault: str, text: str) -> Verdict:
    """Is explain's reading of ``text`` (what ``client`` printed against ``fault``) right?"""
    r = explain(text)
    top = r.findings[0] if r.findings else None
    name = top.cause.value if top else "-"
    conf = float(top.confidence) if top else 0.0
    party = top.who_fixes.value if top else "-"
    detail = f"top={name} ({conf:.2f}, {party}) meaning={r.meaning!r}"
    if fault == "ok":  # the control: a client that connected reports nothing to explain
        return Verdict(right=not r.findings, kind="control", top=name, confidence=conf,
                       detail=detail)
    if (client, fault) in ACCEPTS:  # connected; or (a race) it did read the failure: then
        named = EXPECTED[fault] in [f.cause.value for f in r.findings]  # it must be right
        return Verdict(right=not named or name == EXPECTED[fault], kind="accepted", top=name, confidence=conf,
                       detail=detail)
    amb = ambiguity(client, fault, text)
    if amb is not None:
        return Verdict(right=name in amb[0] and conf < CONFIDENT, kind="ambiguous", top=name,
                       confidence=conf, detail=detail)
    want_party = PARTY.get(fault)
    right = name == EXPECTED[fault] and (want_party is None or party == want_party)
    return Verdict(right=right, kind="definite", top=name, confidence=conf, detail=detail)
