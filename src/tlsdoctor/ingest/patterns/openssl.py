"""OpenSSL (1.0.2, 1.1.1, 3.x) reason codes, verify results and their causes.

The strings are upstream's: ``upstream/openssl.json`` (harvested from OpenSSL 1.0.2u,
1.1.1w, 3.0.21 and master by scripts/harvest_errors.py; 1.1.1 spells "self signed
certificate" without the hyphen, so both spellings are entries). ``openssl_tables.py``
keeps OpenSSL 3.0's SSL reason and verify numbers for the packed-code decoder
(``error:0A000086``, ``ingest/messages.py``); other libraries' numbers (X509, X509V3, PEM)
come from the harvested entries. The causes are tlsdoctor's: ``judgement/openssl.py``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ...causes import Cause
from . import CATEGORY, GENERIC, REASON, SPECIFIC, Pattern, Row, causes, lazy_patterns, table
from .alerts import ALERTS
from .harvested import Entry, entries, judge, name_regex, upstream_patterns
from .judgement import openssl as judged
from .openssl_tables import SSL_REASONS, X509_VERIFY

SRC_SSL = "OpenSSL ssl/ssl_err.c, crypto/err/openssl.txt (see upstream/openssl.json)"
SRC_X509 = "OpenSSL crypto/x509/x509_txt.c, include/openssl/x509_vfy.h"

# The judgement (causes per SSL_R_* / X509_V_ERR_* name) lives in judgement/openssl.py.
SSL_REASON_CAUSES = judged.SSL_REASONS
X509_CAUSES = judged.X509_VERIFY
_X509_KEYWORDS = judged._X509_KEYWORDS
_X509_NONE = judged.X509_NONE


def verify_causes(number: int) -> tuple[tuple[str, str], tuple[tuple[Cause, float], ...]]:
    """(name, text) and the causes of X509 verify result ``number`` (unknown -> no causes)."""
    name, text = X509_VERIFY.get(number, (f"#{number}", "unknown verification error"))
    if name in _X509_NONE or name.startswith("#"):
        return (name, text), ()
    spec = X509_CAUSES.get(name)
    if spec is None:
        spec = next((cs for kw, cs in _X509_KEYWORDS if kw in name),
                    "cert_wrong_purpose:.5 cert_untrusted_root:.5")
    return (name, text), causes(spec)


def server_reading(name: str) -> tuple[tuple[Cause, float], ...] | None:
    """The causes of SSL reason ``name`` (no SSL_R_ prefix) in a server's own log, when
    they differ from a client's (judgement/openssl.py SSL_SERVER_READINGS); else None."""
    spec = judged.SSL_SERVER_READINGS.get(name)
    return None if spec is None else causes(spec)


def reason_causes(number: int) -> tuple[str, str, tuple[tuple[Cause, float], ...], int] | None:
    """SSL library reason ``number`` -> (name, text, causes, spec); None when unknown.

    The causes are the harvested entry's verdict (judgement/openssl.py), as for its text.
    """
    if number not in SSL_REASONS:
        return None
    name, text = SSL_REASONS[number]
    entry = next((e for e in entries("openssl") if e.id == f"SSL_R_{name}"), None)
    v = judge(entry) if entry is not None else None
    if v is None or v.kind != "causes":
        return name, text, (), GENERIC
    return name, text, causes(v.causes), v.spec


@lru_cache(maxsize=1)
def _lib_reasons() -> dict[tuple[int, int], Entry]:
    out: dict[tuple[int, int], Entry] = {}
    for e in entries("openssl"):
        lib, num = e.get("lib_number"), e.get("number")
        if e.kind == "reason" and lib is not None and num is not None and lib != 20:
            out.setdefault((lib, num), e)
    return out


def lib_reason_causes(lib: int, number: int
                      ) -> tuple[str, str, tuple[tuple[Cause, float], ...], int] | None:
    """A reason of the X509, X509V3 or PEM library -> (name, text, causes, spec)."""
    e = _lib_reasons().get((lib, number))
    if e is None:
        return None
    v = judge(e)
    if v is None or v.kind != "causes":
        return e.id, e.text, (), GENERIC
    return e.id, e.text, causes(v.causes), v.spec


# Round 19: ERR_error_string's "function:reason" pair with its "error:<code>:<lib>:" prefix
# cut off, as a wrapper or a person quotes it ("SSL connect attempt failed
# tls_process_server_certificate:certificate verify failed"). OpenSSL's function names are
# C identifiers with an underscore, lower case since 1.1.0 (ssl/statem/statem_clnt.c
# tls_process_server_certificate), upper case before (SSL3_GET_SERVER_CERTIFICATE in 1.0.2's
# ssl/ssl_err.c); the name anchors the reason on its left, so words may follow it on the
# right, unlike the reason's bare text (a sentence that goes on may be another's).
_FUNCTION = r"(?<![\w:-])(?-i:[a-z][a-z0-9]{0,20}_[a-z0-9_]{2,60}|[A-Z][A-Z0-9]{0,20}_[A-Z0-9_]{2,60}):"


def _after_function(text: str) -> tuple[str, str, str]:
    return ("function", rf"{_FUNCTION}(?-i:{re.escape(text)})\b", text.lower())


def _printed_names(entry: Entry) -> list[tuple[str, str, str]]:
    """How programs print an OpenSSL reason's name: Python "[SSL: NAME]", Node
    "ERR_SSL_NAME" and, for verify results, Node's code "UNABLE_TO_VERIFY_LEAF_SIGNATURE"."""
    lib, _, name = entry.id.partition("_R_")
    if not name and entry.id.startswith("X509_V_ERR_"):
        name = entry.id[len("X509_V_ERR_"):]
        lib = "X509_V"
    if not name or "_" not in name or len(name) < 8:
        return []
    if lib == "X509_V":
        # Node's code: 'CERT_HAS_EXPIRED' (or the name alone on a line): bare, these names
        # are other libraries' too (DUPLICATE_EXTENSION).
        return [("node", rf"(?m)(?:code['\"]?:\s?['\"]?|['\"]|^\s*)(?-i:{name})(?![A-Za-z0-9_])",
                 name.lower())]
    out = [("name", *name_regex(name))]
    if entry.text and not entry.text[0].isupper():
        out.append(_after_function(entry.text))
    if lib == "SSL":
        out.append(("node", *name_regex(f"ERR_SSL_{name}")))
    return out


# An s_client that sent no server name, then a handshake_failure alert. s_client sends SNI
# by default only since 1.1.1 (levitte/openssl OpenSSL_1_1_1w @ e04bd3433fd8, CHANGES,
# "Changes between 1.1.0h and 1.1.1": "s_client will now send the Server Name Indication
# (SNI) extension by default unless the new "-noservername" option is used"). So the text
# shows the missing name when the command says -noservername, or when it has no
# -servername and the error comes from 1.0.x (s3_pkt.c, s23_clnt.c, SSL23_GET_SERVER_HELLO)
# or names a 1.0.x/1.1.0 source tree. A server that needs the name (a CDN, a virtual-host
# front end) refuses such a hello with handshake_failure (40). Dev set: 2 of 2 s_client
# handshake_failure threads were that (round 5); suites and versions stay listed.
_OLD_S_CLIENT = r"s3_pkt\.c|s23_clnt\.c|SSL23_GET_SERVER_HELLO|openssl-1\.(?:0\.\d|1\.0)[a-z]?\b"
_NO_SNI_CAUSES = "sni_required_or_mismatch:.5 cipher_suite_mismatch:.3 protocol_version_mismatch:.2"
_S_CLIENT_NO_SNI: list[Row] = [
    (r"\bs_client\b[^\n]{0,200}?\s-noservername\b[^\n]{0,1000}?alert handshake failure",
     "openssl s_client was told to send no server name (-noservername) and the server "
     "refused the handshake", _NO_SNI_CAUSES, REASON + 1,
     "OpenSSL 1.1.1 apps/s_client.c (-noservername), CHANGES (see above)", "-noservername"),
    (rf"\bs_client\b(?![^\n]{{0,200}}?-servername\b)(?=[^\n]{{0,1000}}?(?:{_OLD_S_CLIENT}))"
     r"[^\n]{0,1000}?alert handshake failure",
     "an openssl s_client older than 1.1.1 sends no server name (SNI) unless -servername "
     "is given, and the server refused the handshake", _NO_SNI_CAUSES, REASON + 1,
     "OpenSSL CHANGES 1.1.1 (s_client sends SNI by default from then on)",
     "alert handshake failure"),
]

# A *client* built on OpenSSL 1.0.x received handshake_failure (40). 1.0.x prints its
# function names in capitals and had SSL23_GET_SERVER_HELLO (s23_clnt.c); 1.1.0 dropped the
# SSLv23 state machine and prints names in lower case ("ssl3_read_bytes") - levitte/openssl
# OpenSSL_1_0_2u ssl/ssl_err.c and OpenSSL_1_1_0l ssl/ssl_err.c. Such a client (PHP 5.x,
# Android <= 4.4, an old curl) offers TLS 1.0 and suites a server hardened since refuses.
# Real-world dev set (round 10): 4 of 4 client threads with that marker were an old client
# against a modern server (curl, PHP curl, PHP streams, Android 4.4; fixed by updating the
# client or enabling TLS 1.2 in it); s_client without -servername keeps its SNI reading
# above (REASON + 1). A ranking below 0.6: comparing `openssl s_client -tls1` with
# `-tls1_2` against the server tells version from suites. A server's log keeps the
# ordinary reading (the client refused *its* offer).
_OLD_CLIENT_HANDSHAKE = ("protocol_version_mismatch:.45 client_misconfiguration:.2 "
                         "cipher_suite_mismatch:.2 sni_required_or_mismatch:.15")
_HANDSHAKE_FAILURE = ("cipher_suite_mismatch:.45 protocol_version_mismatch:.25 "
                      "client_cert_required:.15 sni_required_or_mismatch:.15")
# Round 26: not after an OpenSSL 3 packed code (lib << 23: 0A......, include/openssl/err.h
# ERR_PACK @ openssl-3.0.21): 3.x prints its function in lower case, and a logger that
# upper-cased the whole line (read case-blind, posting.single_case) made "ssl3_read_bytes"
# look like 1.0.x's capitals; the code still says 3.x.
_OLD_CLIENT_ROW: Row = (
    r"(?<!0A0[0-9A-F]{5}:SSL routines:)"
    r"(?-i:SSL23_GET_SERVER_HELLO|SSL3_READ_BYTES|SSL3_GET_SERVER_HELLO):sslv3 alert "
    r"handshake failure",
    "a client built on OpenSSL 1.0.x (its function names in capitals) received "
    "handshake_failure: an old client offers TLS versions and suites a modern server refuses",
    _OLD_CLIENT_HANDSHAKE, SPECIFIC,
    "OpenSSL_1_0_2u ssl/ssl_err.c vs OpenSSL_1_1_0l ssl/ssl_err.c (see above)",
    "alert handshake failure")


# Round 22: a *server* built on OpenSSL 1.0.x (SSL23_GET_CLIENT_HELLO is s23_srvr.c's, so
# the words say who printed them) raises UNKNOWN_PROTOCOL whenever it set no hello type:
# for bytes that are no hello (a plaintext client; HTTP and CONNECT have their own reasons)
# AND for a well-formed TLS hello whose highest version is below every version the server
# enables (a TLS 1.0 client, TLSv1 and SSLv3 disabled): openssl/openssl
# 6bfe55380abbf7528e04e59f18921bd6c896af1c ssl/s23_srvr.c ssl23_get_client_hello ("if
# ((type < 1) || (type > 3))"). Dev: 1 plaintext MQTT client (Mosquitto), 1 Android 4.4
# client against a TLS 1.2-only nginx: neither at 0.6 (the function makes it a reason, above
# the packed code's table reading). A client's "unknown protocol"
# (SSL23_GET_SERVER_HELLO: the server's answer was no TLS) keeps the table's reading.
_OLD_SERVER_UNKNOWN_ROW: Row = (
    r"(?-i:SSL23_GET_CLIENT_HELLO):unknown protocol\b",
    "a server built on OpenSSL 1.0.x read a client's first bytes as no hello it takes: "
    "bytes that are not TLS, or a hello whose TLS version the server has disabled",
    "non_tls_service_on_port:.5 protocol_version_mismatch:.45 client_misconfiguration:.05",
    REASON, "openssl/openssl 6bfe55380abbf7528e04e59f18921bd6c896af1c ssl/s23_srvr.c "
    "(ssl23_get_client_hello)", "unknown protocol")


def _patterns() -> tuple[Pattern, ...]:
    rows: list[Row] = [
        # s_client's own lines (apps/s_client.c, apps/lib/apps.c).
        (r"\bconnect:errno=(?P<errno>\d+)",
         "openssl s_client could not open the TCP connection (errno {errno})",
         "name_resolution_or_unreachable:.6 middlebox_or_firewall_interference:.4",
         CATEGORY, "OpenSSL 3.0 apps/s_client.c"),
        (r"\bno peer certificate available\b",
         "the handshake ended before the server sent a certificate",
         "middlebox_or_firewall_interference:.3 protocol_version_mismatch:.25 "
         "cipher_suite_mismatch:.25 non_tls_service_on_port:.2", GENERIC,
         "OpenSSL 3.0 apps/s_client.c"),
        # s_client's verify callback (apps/lib/s_cb.c) on the *server's* chain: the leaf's
        # issuer is neither in what the server sent nor in this client's store (20), so the
        # leaf cannot be verified (21). Which one lacks it is not in the text: the dev set's
        # s_client thread was a client without the private CA (1 of 1), wget's thread on
        # the same lines (wget-6976dfeb's s_client check) a server without its
        # intermediate: kept below 0.6; -showcerts tells them apart (a one-certificate
        # chain whose issuer is a public intermediate is the server's omission).
        (r"\bverify error:num=20:[^\n]{0,400}?\bverify error:num=21:",
         "openssl s_client could not find the server certificate's issuer, neither in the "
         "chain the server sent nor in this client's CA store (-CAfile/-CApath)",
         "cert_untrusted_root:.45 incomplete_chain:.4 client_misconfiguration:.15",
         REASON + 1, "OpenSSL 3.0 apps/lib/s_cb.c (verify_callback: \"verify error:num=%d:%s\")"),
        (r"\bwrite:errno=104\b", "the peer reset the connection during the handshake",
         "middlebox_or_firewall_interference:.6 protocol_version_mismatch:.2 "
         "sni_required_or_mismatch:.2", CATEGORY, "OpenSSL 3.0 apps/s_client.c"),
        *_S_CLIENT_NO_SNI,
        _OLD_SERVER_UNKNOWN_ROW,
    ]
    readings = {f"SSL_R_{k}": v for k, v in judged.SSL_SERVER_READINGS.items()}
    old_client = tuple(replace(p, own_reading=causes(_HANDSHAKE_FAILURE), id="openssl.old1")
                       for p in table("openssl", SRC_SSL, [_OLD_CLIENT_ROW]))
    harvested = tuple(_not_in_go_alert(p) for p in upstream_patterns(
        "openssl", "OpenSSL", extra_forms=_printed_names, server_readings=readings))
    return harvested + table("openssl", SRC_SSL, rows) + old_client


# Round 28 (holdout40): Go's crypto/tls prints an alert as "tls: " + its text (alert.go,
# alert.String: alertText[alertBadCertificate] = "bad certificate", ...; golang/go
# src/crypto/tls/alert.go, whose texts alerts.py's ALERTS carries), and four of those
# texts are OpenSSL reason strings too (SSL_R_BAD_CERTIFICATE, SSL_R_UNEXPECTED_MESSAGE,
# SSL_R_INAPPROPRIATE_FALLBACK, SSL_R_NO_APPLICATION_PROTOCOL). After Go's lower-case
# "tls: " the words are the alert (alerts.py reads it), never OpenSSL's reason: dev
# requests-go-123875ba's bare "tls: bad certificate" read as OpenSSL's server-side
# certificate reason at 0.6, where the thread's server refused a missing client certificate.
_GO_ALERT_TEXTS = frozenset(row[1].lower() for row in ALERTS.values())
_GO_PREFIX = r"(?<!\b(?-i:tls))(?<!\b(?-i:tls): )"


def _not_in_go_alert(p: Pattern) -> Pattern:
    if not p.id.endswith(".text") or p.needle not in _GO_ALERT_TEXTS:
        return p
    flags, rx = ("(?m)", p.rx[4:]) if p.rx.startswith("(?m)") else ("", p.rx)
    return replace(p, rx=f"{flags}{_GO_PREFIX}(?:{rx})")



# PATTERNS, built on first use: decoding a code or an alert number needs none.
__getattr__ = lazy_patterns(globals(), _patterns)
