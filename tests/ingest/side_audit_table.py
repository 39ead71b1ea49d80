"""The side audit (issue 12 item 2): every TLS alert (IANA "TLS Alerts" registry), in every
stack's printed wording of a *received* and a *sent* alert, printed by a client, by a server
(with the words a server's log carries around it) or with nothing around it, and what
``explain`` must say of each: the cause (and so the party) and the side.

An alert is a complaint by the side that sends it. A certificate alert (42-46, 48) rejects
the *other* side's certificate: sent by a client (so received by a server) it is about the
server's certificate; sent by a server (received by a client) about the client's. Alerts
that name no certificate mean the same from both sides, and the audit checks only that the
wording is read as that alert. With no words saying who printed it, a certificate alert is
either side's: the answer must be a ranking (confidence below 0.6) over both readings, and
say the side is unknown.

The wordings are the exact strings each stack prints (sources per stack below); the
framing around them (a client's or a server's) is what real programs put there. Used by
tests/ingest/test_side_audit.py, which also prints the counts (``python3 -m`` not needed:
``PYTHONPATH=src python3 tests/ingest/side_audit_table.py``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tlsdoctor import explain
from tlsdoctor.ingest.patterns.alerts import ALERTS, SERVER_SENT

CONFIDENT = 0.6

# -- expectations ------------------------------------------------------------------------------

# Alerts that reject the other side's certificate.
CERT_ALERTS = frozenset({42, 43, 44, 45, 46, 48})
# Alerts only ever about the client's certificate (no_certificate: an SSLv3 client has none;
# certificate_required: a TLS 1.3 server wanted one).
CLIENT_CERT_ONLY = frozenset({41, 116})
# Not a fault: a close, or a user who gave up. Nothing may be named with confidence (a
# framing's own "handshake failed" may still rank its generic guesses, below 0.6).
NO_FAULT = frozenset({0, 90})
SERVER_CERT = frozenset({"cert_untrusted_root", "incomplete_chain", "cert_self_signed",
                         "hostname_mismatch", "cert_expired", "cert_not_yet_valid",
                         "cert_revoked", "cert_wrong_purpose", "weak_signature_or_key",
                         "tls_interception_mitm", "client_clock_wrong",
                         "bad_chain_order_or_extra"})
CLIENT_CERT = frozenset({"client_cert_required"})


def expected(n: int, complainer: str | None) -> frozenset[str]:
    """The causes a top finding may name for alert ``n`` sent by ``complainer`` ("client",
    "server" or None when nothing says)."""
    if n in NO_FAULT:
        return frozenset()
    if n in CLIENT_CERT_ONLY:
        return CLIENT_CERT
    if n in CERT_ALERTS:
        # Round 18: an unknown CA a client sent may be its own store's gap (no anchor among
        # the CAs it was given): the client's setting is a cause of that direction too
        # (patterns/erlang.py: an Erlang client's own Unknown CA ranks it first).
        own_store = frozenset({"client_misconfiguration"}) if n == 48 else frozenset()
        by = {"client": SERVER_CERT | own_store, "server": CLIENT_CERT}
        return by.get(complainer or "", SERVER_CERT | CLIENT_CERT | own_store)
    _, _, cs, scs, _ = ALERTS[n]
    own = SERVER_SENT.get(n, "") if complainer == "server" else ""  # e.g. a server that
    # could not decrypt the client's record: in TLS 1.3, often an OpenSSL client's alert
    return frozenset(item.partition(":")[0] for item in f"{cs} {scs or ''} {own}".split())


def side_dependent(n: int) -> bool:
    return n in CERT_ALERTS


# -- the stacks' wordings ------------------------------------------------------------------------

def _name(n: int) -> str:
    return ALERTS[n][0]


def _camel(n: int) -> str:
    fixed = {20: "BadRecordMac", 48: "UnknownCA", 115: "UnknownPSKIdentity",
             112: "UnrecognisedName", 121: "EncryptedClientHelloRequired"}
    return fixed.get(n) or "".join(p.capitalize() for p in _name(n).split("_"))


# OpenSSL ssl/ssl_err.c reason strings of SSL_R_*ALERT* (1000 + alert), as 1.0.2u..3.x print
# them (upstream/openssl.json; master renamed the sslv3 ones "tls alert ..."): "sslv3 alert"
# for the SSLv3 alerts, "tlsv1 alert", "tlsv1" for 110-114, "tlsv13 alert" for 109 and 116.
_OPENSSL_PREFIX = {**{n: "sslv3 alert" for n in (10, 20, 30, 40, 41, 42, 43, 44, 45, 46, 47)},
                   **{n: "tlsv1 alert" for n in (21, 22, 48, 49, 50, 51, 60, 70, 71, 80, 86,
                                                 90, 100, 115, 120)},
                   **{n: "tlsv1" for n in (110, 111, 112, 113, 114)},
                   **{n: "tlsv13 alert" for n in (109, 116)}}
_OPENSSL_WORDS = {90: "user cancelled", 48: "unknown ca", 115: "unknown psk identity"}


def openssl_reason(n: int) -> str | None:
    prefix = _OPENSSL_PREFIX.get(n)
    if prefix is None:
        return None
    return f"{prefix} {_OPENSSL_WORDS.get(n, _name(n).replace('_', ' '))}"


def openssl_id(n: int) -> str | None:
    """The SSL_R_ name without its prefix (Python's "[SSL: NAME]", Node's ERR_SSL_NAME)."""
    reason = openssl_reason(n)
    if reason is None:
        return None
    return reason.replace("alert ", "ALERT_").replace(" ", "_").upper()


def _openssl3(n: int) -> str | None:
    reason = openssl_reason(n)
    return None if reason is None else (
        f"40D7EC31407F0000:error:0A000{1000 + n:03X}:SSL routines:ssl3_read_bytes:{reason}:"
        f"../ssl/record/rec_layer_s3.c:1601:SSL alert number {n}")


def _openssl111(n: int) -> str | None:
    reason = openssl_reason(n)
    return None if reason is None else (
        f"139872:error:14094{1000 + n:03X}:SSL routines:ssl3_read_bytes:{reason}:"
        f"../ssl/record/rec_layer_s3.c:1544:SSL alert number {n}")


def _openssl102(n: int) -> str | None:
    reason = openssl_reason(n)
    if reason is None or n in (109, 115, 116, 120):  # not in 1.0.2u's ssl_err.c
        return None
    return (f"140234:error:14094{1000 + n:03X}:SSL routines:ssl3_read_bytes:{reason}:"
            f"s3_pkt.c:1493:SSL alert number {n}")


def _python(n: int) -> str | None:
    reason, ident = openssl_reason(n), openssl_id(n)
    return None if reason is None else f"ssl.SSLError: [SSL: {ident}] {reason} (_ssl.c:1006)"


def _node(n: int) -> str | None:
    reason, ident = openssl_reason(n), openssl_id(n)
    return None if reason is None else (
        f"[Error: 80BCC2FA827F0000:error:0A000{1000 + n:03X}:SSL routines:ssl3_read_bytes:"
        f"{reason}:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number "
        f"{n}\n] {{\n  library: 'SSL routines',\n  reason: '{reason}',\n"
        f"  code: 'ERR_SSL_{ident}'\n}}")


# BoringSSL include/openssl/ssl.h SSL_R_* (upstream/boringssl.json): every alert is
# "SSLV3_ALERT_X" (the SSLv3 ones) or "TLSV1_ALERT_X", reason 1000 + alert.
_BORING_SSLV3 = frozenset({0, 10, 20, 30, 40, 41, 42, 43, 44, 45, 46, 47})


def _boringssl(n: int) -> str | None:
    if n == 90:
        name = "TLSV1_ALERT_USER_CANCELLED"
    else:
        name = ("SSLV3_ALERT_" if n in _BORING_SSLV3 else "TLSV1_ALERT_") + _name(n).upper()
    return f"error:10000{1000 + n:03X}:SSL routines:OPENSSL_internal:{name}"


# GnuTLS lib/alert.c gnutls_alert_get_name() (gnutls f8971291ba0b); gnutls-cli's report of a
# fatal alert (src/cli.c handle_error: "*** Received alert [%d]: %s").
_GNUTLS = {0: "Close notify", 10: "Unexpected message", 20: "Bad record MAC",
           21: "Decryption failed", 22: "Record overflow", 30: "Decompression failed",
           40: "Handshake failed", 41: "No certificate (SSL 3.0)", 42: "Certificate is bad",
           43: "Certificate is not supported", 44: "Certificate was revoked",
           45: "Certificate is expired", 46: "Unknown certificate", 47: "Illegal parameter",
           48: "CA is unknown", 49: "Access was denied", 50: "Decode error",
           51: "Decrypt error", 60: "Export restriction", 70: "Error in protocol version",
           71: "Insufficient security", 80: "Internal error", 86: "Inappropriate fallback",
           90: "User canceled", 100: "No renegotiation is allowed",
           111: "Could not retrieve the specified certificate",
           110: "An unsupported extension was sent",
           112: "The server name sent was not recognized",
           115: "The SRP/PSK username is missing or not known",
           109: "An extension was expected but was not seen",
           120: "No supported application protocol could be negotiated",
           116: "Certificate is required"}


def _gnutls(n: int) -> str | None:
    name = _GNUTLS.get(n)
    return None if name is None else (
        "*** Fatal error: A TLS fatal alert has been received.\n"
        f"*** Received alert [{n}]: {name}")


def _gnutls_debug(direction: str) -> Callable[[int], str | None]:
    """GnuTLS's record log (--debug 4+): lib/record.c "REC[%p]: Alert[%d|%d] - %s - was
    received", lib/alert.c "REC: Sending Alert[%d|%d] - %s"."""
    def render(n: int) -> str | None:
        name = _GNUTLS.get(n)
        if name is None:
            return None
        if direction == "received":
            return f"|<4>| REC[0x55d5c5f0a2b0]: Alert[2|{n}] - {name} - was received"
        return f"|<4>| REC: Sending Alert[2|{n}] - {name}"
    return render


# NSS lib/ssl/sslerr.h names of received alerts (upstream/nss.json) and their texts.
_NSS = {0: "SSL_ERROR_CLOSE_NOTIFY_ALERT", 10: "SSL_ERROR_HANDSHAKE_UNEXPECTED_ALERT",
        20: "SSL_ERROR_BAD_MAC_ALERT", 21: "SSL_ERROR_DECRYPTION_FAILED_ALERT",
        22: "SSL_ERROR_RECORD_OVERFLOW_ALERT", 30: "SSL_ERROR_DECOMPRESSION_FAILURE_ALERT",
        40: "SSL_ERROR_HANDSHAKE_FAILURE_ALERT", 42: "SSL_ERROR_BAD_CERT_ALERT",
        43: "SSL_ERROR_UNSUPPORTED_CERT_ALERT", 44: "SSL_ERROR_REVOKED_CERT_ALERT",
        45: "SSL_ERROR_EXPIRED_CERT_ALERT", 46: "SSL_ERROR_CERTIFICATE_UNKNOWN_ALERT",
        47: "SSL_ERROR_ILLEGAL_PARAMETER_ALERT", 48: "SSL_ERROR_UNKNOWN_CA_ALERT",
        49: "SSL_ERROR_ACCESS_DENIED_ALERT", 50: "SSL_ERROR_DECODE_ERROR_ALERT",
        51: "SSL_ERROR_DECRYPT_ERROR_ALERT", 60: "SSL_ERROR_EXPORT_RESTRICTION_ALERT",
        70: "SSL_ERROR_PROTOCOL_VERSION_ALERT", 71: "SSL_ERROR_INSUFFICIENT_SECURITY_ALERT",
        80: "SSL_ERROR_INTERNAL_ERROR_ALERT", 86: "SSL_ERROR_INAPPROPRIATE_FALLBACK_ALERT",
        90: "SSL_ERROR_USER_CANCELED_ALERT", 100: "SSL_ERROR_NO_RENEGOTIATION_ALERT",
        109: "SSL_ERROR_MISSING_EXTENSION_ALERT", 110: "SSL_ERROR_UNSUPPORTED_EXTENSION_ALERT",
        111: "SSL_ERROR_CERTIFICATE_UNOBTAINABLE_ALERT",
        112: "SSL_ERROR_UNRECOGNIZED_NAME_ALERT",
        113: "SSL_ERROR_BAD_CERT_STATUS_RESPONSE_ALERT",
        114: "SSL_ERROR_BAD_CERT_HASH_VALUE_ALERT",
        116: "SSL_ERROR_RX_CERTIFICATE_REQUIRED_ALERT", 121: "SSL_ERROR_ECH_REQUIRED_ALERT"}


def _nss(n: int) -> str | None:
    name = _NSS.get(n)
    return None if name is None else f"SSL error: {name}"


# Go crypto/tls alert.go texts (upstream/go.json, Go 1.19.8; ECH required from Go 1.23).
_GO = {0: "close notify", 10: "unexpected message", 20: "bad record MAC",
       21: "decryption failed", 22: "record overflow", 30: "decompression failure",
       40: "handshake failure", 42: "bad certificate", 43: "unsupported certificate",
       44: "revoked certificate", 45: "expired certificate", 46: "unknown certificate",
       47: "illegal parameter", 48: "unknown certificate authority", 49: "access denied",
       50: "error decoding message", 51: "error decrypting message", 60: "export restriction",
       70: "protocol version not supported", 71: "insufficient security level",
       80: "internal error", 86: "inappropriate fallback", 90: "user canceled",
       100: "no renegotiation", 109: "missing extension", 110: "unsupported extension",
       111: "certificate unobtainable", 112: "unrecognized name",
       113: "bad certificate status response", 114: "bad certificate hash value",
       115: "unknown PSK identity", 116: "certificate required",
       120: "no application protocol", 121: "encrypted client hello required"}


def _go(kind: str) -> Callable[[int], str | None]:
    def render(n: int) -> str | None:
        text = _GO.get(n)
        return None if text is None else f"{kind} error: tls: {text}"
    return render


def _java(n: int) -> str | None:
    # sun/security/ssl/Alert.java: the RFC names, 0..120 (no ECH).
    return None if n == 121 else (
        f"javax.net.ssl.SSLHandshakeException: Received fatal alert: {_name(n)}\n"
        "\tat java.base/sun.security.ssl.Alert.createSSLException(Alert.java:131)\n"
        "\tat java.base/sun.security.ssl.Alert$AlertConsumer.consume(Alert.java:293)\n"
        "\tat java.base/sun.security.ssl.SSLSocketImpl.startHandshake(SSLSocketImpl.java:426)")


def _java_sent(n: int) -> str | None:
    # TransportContext.fatal() logs "Fatal (ALERT): why" (javax.net.debug) before sending.
    return None if n == 121 else (
        "javax.net.ssl|ERROR|10|main|2024-05-01 12:00:00.000 UTC|TransportContext.java:370|"
        f"Fatal ({_name(n).upper()}): the peer's message was refused")


def _rustls(n: int) -> str:
    return f"received fatal alert: {_camel(n)}"


def _rustls_sent(n: int) -> str:
    # rustls <= 0.21 common_state.rs send_fatal_alert: warn!("Sending fatal alert {:?}", desc)
    return f"[2024-05-01T12:00:00Z WARN  rustls::common_state] Sending fatal alert {_camel(n)}"


# Erlang/OTP lib/ssl/src/ssl_alert.erl description_txt (upstream/erlang.json).
_ERLANG = {0: "Close Notify", 10: "Unexpected Message", 20: "Bad Record MAC",
           21: "Decryption Failed Reserved", 22: "Record Overflow", 30: "Decompression Failure",
           40: "Handshake Failure", 41: "No Certificate Reserved", 42: "Bad Certificate",
           43: "Unsupported Certificate", 44: "Certificate Revoked", 45: "Certificate Expired",
           46: "Certificate Unknown", 47: "Illegal Parameter", 48: "Unknown CA",
           49: "Access Denied", 50: "Decode Error", 51: "Decrypt Error",
           60: "Export Restriction", 70: "Protocol Version", 71: "Insufficient Security",
           80: "Internal Error", 86: "Inappropriate Fallback", 90: "User Canceled",
           100: "No Renegotiation", 109: "Missing extension", 110: "Unsupported Extension",
           111: "Certificate Unobtainable", 112: "Unrecognised Name",
           113: "Bad Certificate Status Response", 114: "Bad Certificate Hash Value",
           115: "Unknown Psk Identity", 116: "Certificate required",
           120: "No application protocol"}


def _erlang(side: str, verb: str) -> Callable[[int], str | None]:
    """ssl_alert.erl: "TLS client: In state X at F:L generated CLIENT ALERT: Fatal - Name"
    (this side sent it) / "received SERVER ALERT: ..." (the peer sent it)."""
    def render(n: int) -> str | None:
        name = _ERLANG.get(n)
        if name is None:
            return None
        sender = side if verb == "generated" else ("server" if side == "client" else "client")
        return (f"TLS {side}: In state certify at ssl_handshake.erl:2111 {verb} "
                f"{sender.upper()} ALERT: Fatal - {name}")
    return render


def _schannel(direction: str) -> Callable[[int], str]:
    """Windows Schannel events 36887 (received) and 36888 (generated and sent)."""
    def render(n: int) -> str:
        if direction == "received":
            return ("A fatal alert was received from the remote endpoint. The TLS protocol "
                    f"defined fatal alert code is {n}.")
        return ("A fatal alert was generated and sent to the remote endpoint. This may result "
                f"in termination of the connection. The TLS protocol defined fatal error code "
                f"is {n}. The Windows SChannel error state is 552.")
    return render


# .NET TlsAlertDescription / TlsAlertMessage names (dotnet/runtime src/libraries/Common/src/
# System/Net/Security/TlsAlertMessage.cs @ 4cc76fa79023): 0..110, with .NET's own spellings.
_DOTNET = {0: "CloseNotify", 10: "UnexpectedMessage", 20: "BadRecordMac",
           21: "DecryptionFailed", 22: "RecordOverflow", 30: "DecompressionFail",
           40: "HandshakeFailure", 42: "BadCertificate", 43: "UnsupportedCert",
           44: "CertificateRevoked", 45: "CertificateExpired", 46: "CertificateUnknown",
           47: "IllegalParameter", 48: "UnknownCA", 49: "AccessDenied", 50: "DecodeError",
           51: "DecryptError", 60: "ExportRestriction", 70: "ProtocolVersion",
           71: "InsuffientSecurity", 80: "InternalError", 90: "UserCanceled",
           100: "NoRenegotiation", 110: "UnsupportedExt"}


def _dotnet(n: int) -> str | None:
    name = _DOTNET.get(n)
    return None if name is None else (
        "System.Security.Authentication.AuthenticationException: Authentication failed "
        f"because the remote party sent a TLS alert: '{name}'.")


def _mbedtls(direction: str) -> Callable[[int], str]:
    """mbedTLS library/ssl_msg.c debug lines (Mbed-TLS 0333486837): "got an alert message,
    type: [%u:%u]", "is a fatal alert message (msg %d)"; "send alert level=%u message=%u"."""
    def render(n: int) -> str:
        if direction == "received":
            return (f"ssl_msg.c:4980: |2| got an alert message, type: [2:{n}]\n"
                    f"ssl_msg.c:4987: |1| is a fatal alert message (msg {n})")
        return (f"ssl_msg.c:5058: |2| => send alert message\n"
                f"ssl_msg.c:5059: |3| send alert level=2 message={n}")
    return render


# OpenSSL ssl/ssl_stat.c SSL_alert_desc_string_long (openssl-3.0.21): what s_client/s_server
# -state print ("SSL3 alert read:fatal:%s" / "write", apps/lib/s_cb.c) and curl -v traces.
_LONG = {0: "close notify", 10: "unexpected_message", 20: "bad record mac",
         30: "decompression failure", 40: "handshake failure", 41: "no certificate",
         42: "bad certificate", 43: "unsupported certificate", 44: "certificate revoked",
         45: "certificate expired", 46: "certificate unknown", 47: "illegal parameter",
         21: "decryption failed", 22: "record overflow", 48: "unknown CA", 49: "access denied",
         50: "decode error", 51: "decrypt error", 60: "export restriction",
         70: "protocol version", 71: "insufficient security", 80: "internal error",
         90: "user canceled", 100: "no renegotiation", 110: "unsupported extension",
         111: "certificate unobtainable", 112: "unrecognized name",
         113: "bad certificate status response", 114: "bad certificate hash value",
         115: "unknown PSK identity", 120: "no application protocol"}


def _info_callback(direction: str) -> Callable[[int], str | None]:
    def render(n: int) -> str | None:
        long = _LONG.get(n)
        verb = "read" if direction == "received" else "write"
        return None if long is None else f"SSL3 alert {verb}:fatal:{long}"
    return render


def _curl_trace(direction: str) -> Callable[[int], str | None]:
    def render(n: int) -> str | None:
        long = _LONG.get(n)
        way = "IN" if direction == "received" else "OUT"
        return None if long is None else (
            f"* TLSv1.2 ({way}), TLS alert, {long} ({512 + n}):")
    return render


@dataclass(frozen=True, slots=True, kw_only=True)
class Form:
    """One stack's wording of an alert: ``direction`` "received" or "sent"; ``printer`` the
    side the wording itself says printed it ("" when it does not say)."""

    stack: str
    direction: str
    render: Callable[[int], str | None]
    printer: str = ""
    client: tuple[str, ...] = ()  # the stack's own client framings ("{text}" inside)
    server: tuple[str, ...] = ()  # the stack's own server-log framings


_CURL = ("curl: (35) {text}",)
_GO_CLIENT = ('Get "https://api.example.com/v1/items": {text}',)
_GO_SERVER = ("2024/05/01 12:00:00 http: TLS handshake error from 198.51.100.7:51234: {text}",
              'grpc: Server.Serve failed to complete security handshake from '
              '"198.51.100.7:51234": {text}')
_PY_CLIENT = ("requests.exceptions.SSLError: HTTPSConnectionPool(host='api.example.com', "
              "port=443): Max retries exceeded with url: / (Caused by SSLError({text}))",)
_PY_SERVER = ('Traceback (most recent call last):\n  File "/srv/app/serve.py", line 40, in '
              'serve\n    conn, addr = sock.accept()\n  File "/usr/lib/python3.11/ssl.py", '
              'line 1429, in accept\n    newsock = self.context.wrap_socket(newsock,\n{text}',)
_NODE_CLIENT = ("{text}\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1674:34)",)
_NODE_SERVER = ("tlsClientError from 198.51.100.7:51234: {text}",)
_JAVA_CLIENT = ("{text}\n\tat java.base/sun.net.www.protocol.https.HttpsClient.afterConnect"
                "(HttpsClient.java:580)",)
_DOTNET_CLIENT = ("{text}\n   at System.Net.Security.SslStream.AuthenticateAsClient("
                  "SslClientAuthenticationOptions sslClientAuthenticationOptions)",)
_DOTNET_SERVER = ("{text}\n   at System.Net.Security.SslStream.AuthenticateAsServer("
                  "SslServerAuthenticationOptions sslServerAuthenticationOptions)",)
_OPENSSL_SERVER = ("SSL_accept() failed: {text}",)
# Android's Conscrypt over BoringSSL, an app's client connection (conscrypt errors.h
# throwSSLExceptionWithSslErrors "%s: ssl=%p: %s" then each queued error; round 15)
_CONSCRYPT_CLIENT = ("javax.net.ssl.SSLProtocolException: Read error: ssl=0xb4000071c9a237d8: "
                     "Failure in SSL library, usually a protocol error\n{text} (external/"
                     "boringssl/src/ssl/tls_record.cc:592 0xb4000071c9a237d8:0x00000001)",)
_GNUTLS_SERVER = ("Error in handshake: A TLS fatal alert has been received.\n{text}",)
# Schannel's neighbouring System-log events that name this machine's role (36867 "Creating a
# TLS {client|server} credential.", 36880 "A TLS {client|server} handshake completed
# successfully."; the provider manifest, round 16)
_SCHANNEL_CLIENT = ("Creating a TLS client credential.\n{text}",
                    "A TLS client handshake completed successfully.\n{text}")
_SCHANNEL_SERVER = ("Creating a TLS server credential.\n{text}",
                    "A TLS server handshake completed successfully.\n{text}")

FORMS: tuple[Form, ...] = (
    Form(stack="openssl-3.0", direction="received", render=_openssl3, client=_CURL,
         server=_OPENSSL_SERVER),
    Form(stack="openssl-1.1.1", direction="received", render=_openssl111, client=_CURL,
         server=_OPENSSL_SERVER),
    Form(stack="openssl-1.0.2", direction="received", render=_openssl102, client=_CURL,
         server=_OPENSSL_SERVER),
    Form(stack="python", direction="received", render=_python, client=_PY_CLIENT,
         server=_PY_SERVER),
    Form(stack="node", direction="received", render=_node, client=_NODE_CLIENT,
         server=_NODE_SERVER),
    Form(stack="boringssl", direction="received", render=_boringssl,
         client=_CONSCRYPT_CLIENT),
    Form(stack="gnutls", direction="received", render=_gnutls, server=_GNUTLS_SERVER),
    Form(stack="gnutls-debug", direction="received", render=_gnutls_debug("received")),
    Form(stack="gnutls-debug", direction="sent", render=_gnutls_debug("sent")),
    Form(stack="nss", direction="received", render=_nss),
    Form(stack="go", direction="received", render=_go("remote"), client=_GO_CLIENT,
         server=_GO_SERVER),
    Form(stack="go", direction="sent", render=_go("local"), client=_GO_CLIENT,
         server=_GO_SERVER),
    Form(stack="java", direction="received", render=_java, client=_JAVA_CLIENT),
    Form(stack="java", direction="sent", render=_java_sent),
    Form(stack="rustls", direction="received", render=_rustls),
    Form(stack="rustls", direction="sent", render=_rustls_sent),
    Form(stack="erlang", direction="received", render=_erlang("client", "received"),
         printer="client"),
    Form(stack="erlang", direction="received", render=_erlang("server", "received"),
         printer="server"),
    Form(stack="erlang", direction="sent", render=_erlang("client", "generated"),
         printer="client"),
    Form(stack="erlang", direction="sent", render=_erlang("server", "generated"),
         printer="server"),
    Form(stack="schannel-event", direction="received", render=_schannel("received"),
         client=_SCHANNEL_CLIENT, server=_SCHANNEL_SERVER),
    Form(stack="schannel-event", direction="sent", render=_schannel("sent"),
         client=_SCHANNEL_CLIENT, server=_SCHANNEL_SERVER),
    Form(stack="dotnet", direction="received", render=_dotnet, client=_DOTNET_CLIENT,
         server=_DOTNET_SERVER),
    Form(stack="mbedtls", direction="received", render=_mbedtls("received")),
    Form(stack="mbedtls", direction="sent", render=_mbedtls("sent")),
    Form(stack="openssl-info", direction="received", render=_info_callback("received")),
    Form(stack="openssl-info", direction="sent", render=_info_callback("sent")),
    Form(stack="curl-trace", direction="received", render=_curl_trace("received"),
         printer="client"),
    Form(stack="curl-trace", direction="sent", render=_curl_trace("sent"), printer="client"),
)

# Framings any program may put around a library's words. A client names where it connected
# to; a server's log names where the connection came from, that it accepted it, its
# listener, or the client's address.
GENERIC_CLIENT = (
    "error: connect to api.example.com:443 failed: {text}",
    "TLS handshake with server api.example.com failed: {text}",
)
GENERIC_SERVER = (
    "2024-05-01 12:00:00 WARN TLS handshake failed from 198.51.100.7:51234: {text}",
    "2024-05-01 12:00:00 error on incoming connection: {text}",
    "2024-05-01 12:00:00 ERROR [listener 0.0.0.0:8443] TLS accept error: {text}",
    "2024-05-01 12:00:00 client 198.51.100.7:51234: handshake failed: {text}",
    "2024-05-01 12:00:00 handshake with peer 198.51.100.7:51234 failed: {text}",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Case:
    alert: int
    form: Form
    printer: str  # "client", "server" or "" (nothing says)
    framing: str
    text: str

    @property
    def complainer(self) -> str | None:
        if not self.printer:
            return None
        if self.form.direction == "sent":
            return self.printer
        return "server" if self.printer == "client" else "client"


def cases() -> Iterator[Case]:
    for form in FORMS:
        framings: list[tuple[str, str]]
        if form.printer:
            framings = [(form.printer, "{text}")]
        else:
            framings = [("", "{text}")]
            framings += [("client", f) for f in form.client + GENERIC_CLIENT]
            framings += [("server", f) for f in form.server + GENERIC_SERVER]
        for n in ALERTS:
            text = form.render(n)
            if text is None:
                continue
            for printer, framing in framings:
                yield Case(alert=n, form=form, printer=printer, framing=framing,
                           text=framing.replace("{text}", text))


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    recognised: bool
    right: bool
    why: str


def judge(case: Case) -> Verdict:
    r = explain(case.text)
    want = expected(case.alert, case.complainer)
    top = r.findings[0] if r.findings else None
    if not want:  # no fault: the alert names nothing to fix (words around it may guess)
        ok = top is None or (top.confidence or 0) < CONFIDENT
        return Verdict(recognised=r.recognized, right=ok,
                       why="" if ok else f"no fault, yet {top.cause.value if top else ''}")
    if top is None:
        return Verdict(recognised=r.recognized, right=False, why="no finding")
    problems = []
    if top.cause.value not in want:
        problems.append(f"cause {top.cause.value} ({top.who_fixes.value})")
    if case.printer and r.side != case.printer:
        problems.append(f"side {r.side}")
    if not case.printer and side_dependent(case.alert):
        if r.side != "unknown":
            problems.append(f"side {r.side} (nothing says)")
        if (top.confidence or 0) >= CONFIDENT:
            problems.append(f"confidence {top.confidence} with no side said")
    return Verdict(recognised=r.recognized, right=not problems, why="; ".join(problems))


def main() -> None:
    from collections import Counter
    total, recognised, right = 0, 0, 0
    misses: Counter[str] = Counter()
    for case in cases():
        v = judge(case)
        total += 1
        recognised += v.recognised
        right += v.right
        if not v.right:
            key = f"{case.form.stack}/{case.form.direction}/{case.printer or 'none'}"
            misses[key] += 1
            if "-v" in sys.argv:
                print(f"MISS {key} alert {case.alert}: {v.why} | {case.text[:140]!r}")
    print(f"cases {total}, recognised {recognised}, right {right}")
    for key, count in misses.most_common():
        print(f"  {count:4} {key}")


if __name__ == "__main__":
    main()
