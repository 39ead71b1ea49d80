"""The stage class as a table (round 13, docs/explain-upstream.md "the stage"): stacks'
printed traces x how far the handshake got x the refusal -> what explain must rank first.

Each trace is written in the program's own format, as it printed it on 127.0.0.1 (OpenSSL
3.0 s_client -state and -msg, curl 7.88 -v, JDK 17 javax.net.debug=ssl:handshake, gnutls-cli
3.7.9 --debug 4; mbedTLS's debug lines from library/ssl_tls12_client.c @ 03334868372d;
tshark's summary lines) or as OpenSSL 1.0.x's error functions name the step. Shared by
tests/ingest/test_stage_audit.py and scripts/stage_audit.py (before/after counts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# stages: "hello" (the refusal answered the ClientHello), "empty" (the server asked for a
# client certificate, the client sent none), "sent" (it sent one), "done13" (TLS 1.3: the
# server asked, the handshake completed, the refusal came after the server's Finished)
STAGES = ("hello", "empty", "sent", "done13")
# refusals: alert number received, or -1 for a close without an alert
REFUSALS = {40: "handshake failure", 46: "certificate unknown", 42: "bad certificate",
            48: "unknown CA", -1: "eof"}
_RFC = {40: "handshake_failure", 46: "certificate_unknown", 42: "bad_certificate",
        48: "unknown_ca"}


def _openssl_state(stage: str, refusal: int) -> str:
    lines = ["SSL_connect:before SSL initialization", "SSL_connect:SSLv3/TLS write client hello"]
    if stage != "hello":
        lines += ["SSL_connect:SSLv3/TLS read server hello",
                  "SSL_connect:SSLv3/TLS read server certificate request",
                  "SSL_connect:SSLv3/TLS read server done",
                  "SSL_connect:SSLv3/TLS write client certificate",
                  "SSL_connect:SSLv3/TLS write client key exchange"]
        if stage == "sent":
            lines.append("SSL_connect:SSLv3/TLS write certificate verify")
        lines.append("SSL_connect:SSLv3/TLS write finished")
    if refusal == -1:
        lines += ["SSL_connect:error in error",
                  "40E7D8D19C7F0000:error:0A000126:SSL routines::unexpected eof while reading:"
                  "../ssl/record/rec_layer_s3.c:322:"]
    else:
        name = REFUSALS[refusal]
        lines += [f"SSL3 alert read:fatal:{name}", "SSL_connect:error in error",
                  f"40E7D8D19C7F0000:error:0A000{400 + refusal:03d}:SSL routines:ssl3_read_bytes:"
                  f"{'sslv3' if refusal in (40, 42, 46) else 'tlsv1'} alert {name.lower()}:"
                  f"../ssl/record/rec_layer_s3.c:1601:SSL alert number {refusal}"]
    return "\n".join(lines)


def _openssl_msg(stage: str, refusal: int) -> str:
    v = "TLS 1.3" if stage == "done13" else "TLS 1.2"
    lines = ["CONNECTED(00000003)", ">>> TLS 1.3, Handshake [length 0124], ClientHello"]
    if stage != "hello":
        lines += [f"<<< {v}, Handshake [length 0041], ServerHello",
                  f"<<< {v}, Handshake [length 004a], CertificateRequest",
                  f"<<< {v}, Handshake [length 062c], Certificate"]
        if stage == "done13":
            lines += ["<<< TLS 1.3, Handshake [length 0034], Finished",
                      ">>> TLS 1.3, Handshake [length 0008], Certificate"]
        elif stage == "empty":
            lines.append(">>> TLS 1.2, Handshake [length 0007], Certificate")
        else:
            lines += [">>> TLS 1.2, Handshake [length 02b8], Certificate",
                      ">>> TLS 1.2, Handshake [length 0108], CertificateVerify"]
    if refusal == -1:
        lines.append("40E7D8D19C7F0000:error:0A000126:SSL routines::unexpected eof while reading")
    else:
        lines += [f"<<< {v}, Alert [length 0002], fatal {_RFC[refusal]}",
                  f"SSL3 alert read:fatal:{REFUSALS[refusal]}"]
    return "\n".join(lines)


def _curl(stage: str, refusal: int) -> str:
    v = "TLSv1.3" if stage == "done13" else "TLSv1.2"
    lines = ["* Connected to mtls.example (10.0.0.5) port 443 (#0)",
             "* TLSv1.3 (OUT), TLS handshake, Client hello (1):"]
    if stage != "hello":
        lines += [f"* {v} (IN), TLS handshake, Server hello (2):",
                  f"* {v} (IN), TLS handshake, Certificate (11):",
                  f"* {v} (IN), TLS handshake, Request CERT (13):"]
        if stage == "done13":
            lines.append("* TLSv1.3 (IN), TLS handshake, Finished (20):")
        lines.append(f"* {v} (OUT), TLS handshake, Certificate (11):")
        if stage == "sent":
            lines.append(f"* {v} (OUT), TLS handshake, CERT verify (15):")
        lines.append(f"* {v} (OUT), TLS handshake, Finished (20):")
    if refusal == -1:
        lines.append("* OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to mtls.example:443")
        lines.append("curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to "
                     "mtls.example:443")
    else:
        code = 512 + refusal
        lines += [f"* {v} (IN), TLS alert, {REFUSALS[refusal]} ({code}):",
                  f"curl: (35) OpenSSL/3.0.19: error:0A000{400 + refusal:03d}:SSL routines::"
                  f"{'sslv3' if refusal in (40, 42, 46) else 'tlsv1'} alert "
                  f"{REFUSALS[refusal].lower()}"]
    return "\n".join(lines)


def _java(stage: str, refusal: int) -> str:
    p = "javax.net.ssl|DEBUG|10|main|2026-12-06 10:45:47.114 UTC|"
    lines = [f"{p}ClientHello.java:639|Produced ClientHello handshake message ("]
    if stage != "hello":
        lines += [f"{p}ServerHello.java:897|Consuming ServerHello handshake message (",
                  f"{p}CertificateRequest.java:696|Consuming CertificateRequest handshake "
                  "message ("]
        if stage == "done13":
            lines.append(f"{p}Finished.java:917|Consuming server Finished handshake message (")
        if stage in ("empty", "done13"):
            lines.append(f"{p}CertificateMessage.java:299|No X.509 certificate for client "
                         "authentication, use empty Certificate message instead")
        lines.append(f"{p}CertificateMessage.java:330|Produced client Certificate handshake "
                     "message (")
        if stage == "sent":
            lines.append(f"{p}CertificateVerify.java:773|Produced CertificateVerify handshake "
                         "message (")
    if refusal == -1:
        lines.append("javax.net.ssl.SSLHandshakeException: Remote host terminated the handshake")
    else:
        a = _RFC[refusal]
        lines += [f"{p}Alert.java:238|Received alert message (", f'  "description": "{a}"',
                  f"{p.replace('DEBUG', 'ERROR')}TransportContext.java:375|Fatal "
                  f"({a.upper()}): Received fatal alert: {a} (",
                  f"javax.net.ssl.SSLHandshakeException: Received fatal alert: {a}"]
    return "\n".join(lines)


def _gnutls(stage: str, refusal: int) -> str:
    h = "|<4>| HSK[0x55861cbe9e50]:"
    lines = [f"{h} CLIENT HELLO was queued [368 bytes]"]
    if stage != "hello":
        lines += [f"{h} SERVER HELLO (2) was received. Length 61[61]",
                  f"{h} CERTIFICATE REQUEST (13) was received. Length 70[70]"]
        if stage == "done13":
            lines += [f"{h} FINISHED (20) was received. Length 48[48]",
                      f"{h} CERTIFICATE was queued [8 bytes]"]
        elif stage == "empty":
            lines.append(f"{h} CERTIFICATE was queued [7 bytes]")
        else:
            lines += [f"{h} CERTIFICATE was queued [696 bytes]",
                      f"{h} CERTIFICATE VERIFY was queued [264 bytes]"]
    if refusal == -1:
        lines.append("*** Fatal error: The TLS connection was non-properly terminated.")
    else:
        names = {40: "Handshake failed", 46: "Unknown certificate", 42: "Certificate is bad",
                 48: "CA is unknown"}
        lines += ["*** Fatal error: A TLS fatal alert has been received.",
                  f"*** Received alert [{refusal}]: {names[refusal]}"]
    return "\n".join(lines)


def _mbedtls(stage: str, refusal: int) -> str:
    lines = ["ssl_tls.c:4421: => handshake", "ssl_tls12_client.c:1030: => write client hello"]
    if stage != "hello":
        lines += ["ssl_tls12_client.c:1616: <= parse server hello",
                  "ssl_tls12_client.c:2273: <= parse certificate request",
                  "ssl_tls.c:6742: <= write certificate"]
        if stage == "sent":
            lines.append("ssl_tls12_client.c:2767: <= write certificate verify")
        else:
            lines.append("ssl_tls12_client.c:2628: <= skip write certificate verify")
    if refusal == -1:
        lines.append("mbedtls_ssl_handshake returned -0x7280")
    else:
        lines += [f"ssl_msg.c:4807: got an alert message, type: [2:{refusal}]",
                  f"ssl_msg.c:4815: is a fatal alert message (msg {refusal})",
                  "mbedtls_ssl_handshake returned -0x7780"]
    return "\n".join(lines)


def _tshark(stage: str, refusal: int) -> str:
    lines = ["    1 0.000000 10.0.0.2 → 10.0.0.5 TLSv1.2 571 Client Hello"]
    if stage != "hello":
        lines.append("    2 0.001200 10.0.0.5 → 10.0.0.2 TLSv1.2 2000 Server Hello, Certificate, "
                     "Server Key Exchange, Certificate Request, Server Hello Done")
        flight = ("Certificate, Client Key Exchange, Certificate Verify" if stage == "sent"
                  else "Certificate, Client Key Exchange")
        lines.append(f"    3 0.002000 10.0.0.2 → 10.0.0.5 TLSv1.2 400 {flight}, Change Cipher "
                     "Spec, Encrypted Handshake Message")
    d = REFUSALS[refusal].title().replace("Ca", "CA")
    lines.append(f"    4 0.003000 10.0.0.5 → 10.0.0.2 TLSv1.2 61 Alert (Level: Fatal, "
                 f"Description: {d})")
    return "\n".join(lines)


@dataclass(frozen=True, slots=True, kw_only=True)
class Cell:
    stack: str
    stage: str
    refusal: int
    text: str
    # what must rank first: "client_cert" (client_cert_required, >= 0.6 since the trace
    # prints the request), "client_cert_low" (first, below 0.6), "not_client_cert"
    expect: str


TRACES: dict[str, Callable[[str, int], str]] = {
    "openssl-state": _openssl_state, "openssl-msg": _openssl_msg, "curl": _curl,
    "java": _java, "gnutls": _gnutls, "mbedtls": _mbedtls, "tshark": _tshark}
# stages a stack cannot print (mbedTLS and tshark lines here are TLS 1.2's)
_SKIP = {("mbedtls", "done13"), ("tshark", "done13")}


def _openssl_10_cells() -> list[Cell]:
    """OpenSSL 1.0.x error functions: SSL23_GET_SERVER_HELLO answered the ClientHello,
    SSL3_READ_BYTES (capitals <= 1.0.1; 1.0.2's s3_pkt.c) came after the ServerHello, and
    neither 1.1.x's ssl3_read_bytes nor a fixed-version method's dates the alert."""
    hs = "sslv3 alert handshake failure"
    rows = [
        ("10x-ssl23", f"140:error:14077410:SSL routines:SSL23_GET_SERVER_HELLO:{hs}:s23_clnt.c:769:",
         "not_client_cert"),
        ("10x-ssl23-lower", f"error:14077410:SSL routines:ssl23_get_server_hello:{hs}",
         "not_client_cert"),
        ("10x-packed-119", "error:14077410:lib(20):func(119):reason(1040)", "not_client_cert"),
        ("101-caps", f"25575:error:14094410:SSL routines:SSL3_READ_BYTES:{hs}:s3_pkt.c:1052:"
         "SSL alert number 40", "client_cert_low"),
        ("101-caps-nofile", f"error:14094410:SSL routines:SSL3_READ_BYTES:{hs}",
         "client_cert_low"),
        ("102-s3_pkt", f"error:14094410:SSL routines:ssl3_read_bytes:{hs}:s3_pkt.c:1487:SSL "
         "alert number 40", "client_cert_low"),
        ("11x-rec_layer", f"error:14094410:SSL routines:ssl3_read_bytes:{hs}:ssl/record/"
         "rec_layer_s3.c:1543:SSL alert number 40", "not_client_cert"),
        ("30x", f"error:0A000410:SSL routines::{hs}", "not_client_cert"),
        ("php-stream-fixed", "Warning: stream_socket_enable_crypto(): SSL operation failed with "
         f"code 1. OpenSSL Error messages: error:14094410:SSL routines:SSL3_READ_BYTES:{hs}",
         "not_client_cert"),
        ("s_client-tls1", "openssl s_client -connect mail.example:465 -tls1\nCONNECTED(00000003)"
         f"\n140:error:14094410:SSL routines:SSL3_READ_BYTES:{hs}:s3_pkt.c:1256:",
         "not_client_cert"),
        ("python2-PROTOCOL_TLSv1", "ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\nssl.SSLError: "
         f"[Errno 1] _ssl.c:510: error:14094410:SSL routines:SSL3_READ_BYTES:{hs}",
         "not_client_cert"),
    ]
    return [Cell(stack="openssl-1.0.x/" + name, stage="function", refusal=40, text=text,
                 expect=expect) for name, text, expect in rows]


def cells() -> list[Cell]:
    out = []
    for stack, make in TRACES.items():
        for stage in STAGES:
            if (stack, stage) in _SKIP:
                continue
            for refusal in REFUSALS:
                if stack == "tshark" and refusal == -1:
                    continue  # a capture's summary shows a reset as TCP flags, not words
                expect = "not_client_cert" if stage == "hello" else "client_cert"
                if stage == "hello" and refusal in (42, 46, 48):
                    continue  # certificate alerts answering a ClientHello: not a stage question
                out.append(Cell(stack=stack, stage=stage, refusal=refusal,
                                text=make(stage, refusal), expect=expect))
    return out + _openssl_10_cells()


def verdict(cell: Cell, findings: list[tuple[str, float]]) -> bool:
    """Whether explain's ranked (cause, confidence) list is what the cell expects."""
    if not findings:
        return False
    top, conf = findings[0]
    if cell.expect == "client_cert":
        return top == "client_cert_required" and conf >= 0.6
    if cell.expect == "client_cert_low":
        return top == "client_cert_required" and conf < 0.6
    return top != "client_cert_required"
