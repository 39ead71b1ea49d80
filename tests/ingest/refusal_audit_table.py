"""The bare refusal class (round 14, ingest/refusal.py) as a table: each stack's wording of a
received refusal x the contexts a text carries. Used by test_round14_refusal.py and
scripts/refusal_audit.py (which prints the cells, also against an older tree)."""

from __future__ import annotations

# (stack, alert kind, a line as the program prints it). Exact strings are the programs':
# sources in ingest/refusal.py WORDINGS.
LINES: tuple[tuple[str, str, str], ...] = (
    ("openssl-3", "hs", "error:0A000410:SSL routines::sslv3 alert handshake failure"),
    ("openssl-1.1", "hs", "140737354053440:error:14094410:SSL routines:ssl3_read_bytes:sslv3 "
                          "alert handshake failure:../ssl/record/rec_layer_s3.c:1543:SSL alert "
                          "number 40"),
    ("python", "hs", "ssl.SSLError: [SSL: SSLV3_ALERT_HANDSHAKE_FAILURE] sslv3 alert handshake "
                     "failure (_ssl.c:1006)"),
    ("node", "hs", "Error: C0F7A1E1F17F0000:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 "
                   "alert handshake failure:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:"
                   "1605:SSL alert number 40"),
    ("curl-v", "hs", "* TLSv1.2 (IN), TLS alert, handshake failure (552):"),
    ("java", "hs", "javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure"),
    ("bouncycastle", "hs", "org.bouncycastle.tls.TlsFatalAlertReceived: handshake_failure(40)"),
    ("go", "hs", "remote error: tls: handshake failure"),
    ("rustls", "hs", "received fatal alert: HandshakeFailure"),
    ("dotnet", "hs", "System.Security.Authentication.AuthenticationException: Authentication "
                     "failed because the remote party sent a TLS alert: 'HandshakeFailure'."),
    ("nss", "hs", "SSL_ERROR_HANDSHAKE_FAILURE_ALERT"),
    ("schannel", "any", "schannel: next InitializeSecurityContext failed: SEC_E_ILLEGAL_MESSAGE "
                        "(0x80090326) - This error usually occurs when a fatal SSL/TLS alert is "
                        "received (e.g. handshake failed)."),
    ("apple", "hs", "CFNetwork SSLHandshake failed (-9824)"),
    ("gnutls", "any", "*** Fatal error: A TLS fatal alert has been received."),
    ("wolfssl", "any", "SSL_connect failed with error -313: revcd alert fatal error"),
    ("mbedtls", "any", "mbedtls_ssl_handshake returned -0x7780"),
    ("erlang", "hs", "TLS client: In state hello received SERVER ALERT: Fatal - Handshake "
                     "Failure"),
    ("openssl-3", "internal", "error:0A000438:SSL routines::tlsv1 alert internal error"),
    ("curl-v", "internal", "* TLSv1.3 (IN), TLS alert, internal error (592)"),
    ("java", "internal", "javax.net.ssl.SSLException: Received fatal alert: internal_error"),
    ("go", "internal", "remote error: tls: internal error"),
)

# context name -> (words added before the line, the cause expected first; "" = the prior)
CONTEXTS: dict[str, tuple[str, str]] = {
    "none": ("", ""),
    "client_cert": ("the client loads its keystore client.p12 for mutual TLS",
                    "client_cert_required"),
    "no_sni_ip": ("GET https://10.20.30.40:8443/api", "sni_required_or_mismatch"),
    "no_sni_luasec": ("local https = require('ssl.https')", "sni_required_or_mismatch"),
    "old_client": ("running on Java 1.7.0_80", "protocol_version_mismatch"),
    "pin_high": ("curl --tlsv1.3 https://example.org/", "client_misconfiguration"),
    "cipher": ("configured with --ciphers ECDHE-RSA-AES256-GCM-SHA384",
               "cipher_suite_mismatch"),
}

# A bare line's prior (no context): the count of dev threads per wording (docs round 14).
PRIOR = {"hs": "cipher_suite_mismatch", "internal": "sni_required_or_mismatch"}


def cells() -> list[tuple[str, str, str, str, str]]:
    """(stack, kind, context, text, expected first cause or "" for "below 0.6 only")."""
    out = []
    for stack, kind, line in LINES:
        for ctx, (words, want) in CONTEXTS.items():
            text = f"{words}\n{line}" if words else line
            # internal_error is the server's own failure: only a missing name bears on it
            if kind == "internal" and ctx != "no_sni_ip" and ctx != "no_sni_luasec":
                want = ""
            expected = want or PRIOR.get(kind, "")
            out.append((stack, kind, ctx, text, expected))
    return out


def judge(explain: object, text: str, expected: str) -> bool:
    """A cell holds when the top finding is ``expected`` (and below 0.6: context makes a
    candidate likelier, never certain), or for a prior-less cell when nothing reaches 0.6."""
    r = explain(text)  # type: ignore[operator]
    if not r.findings:
        return False
    top = r.findings[0]
    if top.confidence >= 0.6:
        return False
    return not expected or top.cause.value == expected
