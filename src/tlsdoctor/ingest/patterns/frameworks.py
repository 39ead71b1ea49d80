"""Round 14: programs whose wording no table had (harvested: upstream/<source>.json, judged in
judgement/<source>.py): Qt's QSslError texts, Haskell's tls and x509-validation, Zig's std
error names, OpenWrt's uclient-fetch.

Beyond the harvested texts, the forms these programs print them in:
- Qt's enum names ("QSslError::HostNameMismatch", in qDebug output and code);
- hs-tls's ``show``: "Error_Protocol ("text",True,Alert)" or "Error_Protocol "text" Alert";
  "remote side fatal error" with the alert constructor the peer sent (read as that alert,
  alerts.py); a FailedReason constructor inside "certificate rejected: [...]";
- Zig's "TlsAlert<Name>": the alert the server sent (by its number, alerts.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from . import CATEGORY, GENERIC, REASON, Pattern, causes
from .alerts import ALERTS
from .harvested import Entry, entries, text_regex, upstream_patterns


def _qt_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    if re.fullmatch(r"[A-Z]\w{5,}", entry.id):
        yield ("enum", rf"\bQSslError::(?:SslError\()?{entry.id}\b", entry.id.lower())


def _hs_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    got = text_regex(entry.text, context=False)
    if entry.kind == "message" and got is not None:
        yield ("show", rf'Error_Protocol(?:_Warning)?\s?\(?\(?\\?"{got[0]}', got[1])


def _zig_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    """Zig prints an error as "error: Name" (main's return), "error.Name" (a return trace,
    a log's {}) or inside a stack trace's source line; bare, a name such as
    CertificateExpired is rustls' and .NET's alert name too."""
    yield ("zig", rf"(?<![A-Za-z0-9_])error(?::\s?|\.){entry.id}(?![A-Za-z0-9_])",
           entry.id.lower())


# hs-tls's texts are always printed inside the exception's show, and several are other
# libraries' words too ("certificate has expired" is OpenSSL's): only the show form.
_HS = tuple(p for p in upstream_patterns("haskell_tls", "Haskell tls", extra_forms=_hs_forms)
            if p.id.endswith(".show"))
PATTERNS = (upstream_patterns("qt", "Qt", side="client", extra_forms=_qt_forms) + _HS
            + upstream_patterns("zig", "Zig std", side="client", bare_names=False,
                                extra_forms=_zig_forms)
            + upstream_patterns("uclient", "OpenWrt uclient-fetch", side="client"))


def _alert_number(name: str) -> int | None:
    """The alert number of a CamelCase constructor (hs-tls, Zig): by the RFC name."""
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
    return next((n for n, row in ALERTS.items() if row[0] == snake), None)


def _received(source: str, n: int, rx: str, needle: str, what: str, prov: str,
              side: str = "") -> Pattern:
    _, _, cs, scs, _ = ALERTS[n]
    return Pattern(source=source, rx=rx, meaning=what, causes=causes(cs), provenance=prov,
                   spec=REASON, needle=needle, id=f"{source}.received.{n}", side=side,
                   server_causes=causes(scs) if scs is not None else None)


def _hs_alerts(kind: str, rx: Callable[[str], str], needle: str, what: str,
               side: str = "") -> tuple[Pattern, ...]:
    """One pattern per alert hs-tls names (its CamelCase constructor, ``e.text``) that has a
    reading: ``rx(constructor)``, meaning ``what`` plus the alert, id
    ``haskell_tls.<kind>.<number>``."""
    out: dict[int, Pattern] = {}
    for e in entries("haskell_tls"):
        n = _alert_number(e.text) if e.kind == "alert" else None
        if n is None or not ALERTS[n][2] or n in out:
            continue
        got = _received("haskell_tls", n, rx(e.text), needle,
                        f"{what} {n} ({ALERTS[n][0]})", e.provenance, side=side)
        out[n] = replace(got, id=f"haskell_tls.{kind}.{n}")
    return tuple(out.values())


def _hs_received() -> tuple[Pattern, ...]:
    return _hs_alerts(
        "received",
        lambda name: rf'remote side fatal error"?\)?,?\s?(?:True,|False,)?\s?{name}\b',
        "remote side fatal error", "Haskell tls: the peer sent TLS alert")


def _hs_got_alert() -> tuple[Pattern, ...]:
    """Round 26 (holdout32): the client's "expecting server hello, got alert : [(AlertLevel_Fatal,
    X)]" (hs-tls core/Network/TLS/Handshake/Client.hs @ 3ec13390d9ad, tls-v1.3.11;
    tls/Network/TLS/Handshake/Client/ServerHello.hs @ 14eb8c7513d2: ``show`` of the alerts
    received instead of the ServerHello) carries the alert the server answered the
    ClientHello with: read as that alert, as "remote side fatal error X" is, above the
    harvested text's own reading (which cannot see the alert)."""
    return _hs_alerts(
        "got_alert",
        lambda name: r"expecting server hello, got alert : \[\(AlertLevel_Fatal,\s?" + name
        + r"\)", "expecting server hello, got alert",
        "Haskell tls: the server answered the ClientHello with TLS alert", side="client")


def _zig_received() -> tuple[Pattern, ...]:
    out = []
    for e in entries("zig"):
        n = e.get("number")
        if n is None or n not in ALERTS or not ALERTS[n][2]:
            continue
        out.append(_received("zig", n, rf"\b{e.id}\b", e.id.lower(),
                             f"Zig std: the server sent TLS alert {n} ({ALERTS[n][0]})",
                             e.provenance, side="client"))
    return tuple(out)


# x509-validation's FailedReason constructors, read where hs-tls prints them: inside
# "certificate rejected: [...]" (the reasons certificateRejected has no text of its own for).
_FAILED = {
    "NameMismatch": "hostname_mismatch:1",
    "InvalidName": "hostname_mismatch:.6 server_misconfiguration:.4",
    "InvalidWildcard": "hostname_mismatch:.6 server_misconfiguration:.4",
    "NoCommonName": "hostname_mismatch:.6 server_misconfiguration:.4",
    "LeafKeyUsageNotAllowed": "cert_wrong_purpose:1",
    "LeafKeyPurposeNotAllowed": "cert_wrong_purpose:1",
    "LeafNotV3": "server_misconfiguration:1",
    "UnknownCriticalExtension": "cert_wrong_purpose:.6 server_misconfiguration:.4",
    "NotAllowedToSign": "bad_chain_order_or_extra:.5 cert_wrong_purpose:.5",
    "NotAnAuthority": "bad_chain_order_or_extra:.6 cert_wrong_purpose:.4",
    "AuthorityTooDeep": "cert_wrong_purpose:1",
    "InvalidSignature": "bad_chain_order_or_extra:.5 tls_interception_mitm:.3 "
                        "weak_signature_or_key:.2",
    "CacheSaysNo": "tls_interception_mitm:.5 client_misconfiguration:.5",
    "Expired": "cert_expired:.85 client_clock_wrong:.15",
    "InFuture": "client_clock_wrong:.55 cert_not_yet_valid:.45",
    "SelfSigned": "cert_self_signed:.9 tls_interception_mitm:.1",
    "UnknownCA": "cert_untrusted_root:.4 incomplete_chain:.3 cert_self_signed:.15 "
                 "tls_interception_mitm:.15",
    "EmptyChain": "server_misconfiguration:1",
}


def _hs_failed() -> tuple[Pattern, ...]:
    out = []
    for e in entries("haskell_tls"):
        name = e.id.removeprefix("FailedReason.")
        if e.kind != "reason_name" or name not in _FAILED:
            continue
        out.append(Pattern(
            source="haskell_tls",
            rx=rf"certificate rejected: \[[^\]\n]{{0,300}}?(?<![A-Za-z]){name}\b",
            meaning=f"Haskell x509-validation rejected the certificate: {name}",
            causes=causes(_FAILED[name]), provenance=e.provenance, spec=REASON + 1,
            needle="certificate rejected", id=f"haskell_tls.failed.{name}",
            upstream=e.id, side="client"))
    return tuple(out)


PATTERNS += _hs_received() + _zig_received() + _hs_failed() + _hs_got_alert()


# Round 14, second half: asio's category texts after the words programs print them for a
# failed handshake (harvested: upstream/asio.json), and Galera 3's handshake line.
PATTERNS += upstream_patterns("asio", "Asio", side="")

# Galera 3's line when the peer closed in the middle of the handshake (asio's "End of file",
# "stream truncated"; OpenSSL's "short read" it never logs): the other node aborted and
# logged why on its side. Galera 3 sends only the first certificate of socket.ssl_cert and both nodes verify
# each other (judgement/galera.py): a node certificate issued by an intermediate fails at
# the peer first, a CA the peer does not have second. A ranking: the peer's log tells.
GALERA3_PEER_CLOSED = ("incomplete_chain:.4 cert_untrusted_root:.3 cert_expired:.1 "
                       "protocol_version_mismatch:.1 cipher_suite_mismatch:.1")


def _galera3() -> tuple[Pattern, ...]:
    e = next(e for e in entries("galera") if e.id == "handshake_handler")
    return (Pattern(
        source="galera",
        rx=(r"handshake with remote endpoint \S{1,200} failed: (?:asio\.[\w.]{1,20}:)?\d{1,12}:"
            r" ['\u2018\u2019](?:End of file|stream truncated|unspecified system error)"),
        meaning="Galera 3: the peer node closed the connection during the TLS handshake",
        causes=causes(GALERA3_PEER_CLOSED), provenance=e.provenance, spec=REASON,
        needle="handshake with remote endpoint", id="galera.handshake.peer_closed",
        upstream=e.id, side=""),)


PATTERNS += _galera3()

# LuaSec's and lua-nginx-module's own words (harvested: upstream/luasec.json,
# upstream/lua_nginx.json); their short ones only after the words Lua code prints them with.
PATTERNS += (upstream_patterns("luasec", "LuaSec", side="")
             + upstream_patterns("lua_nginx", "OpenResty lua-nginx-module", side="client"))


# Round 14: Envoy's router reply and access log (harvested: upstream/envoy_reply.json, read
# in judgement/envoy_reply.py). A transport failure reason that names TLS is read by the
# boringssl/envoy tables; the reply's own words only when it names none.
_ENVOY_BODY = r"upstream connect error or disconnect/reset before headers"
_ENVOY_TLS_AFTER = r"(?!, transport failure reason: [^\n]{0,80}(?:TLS|SSL|OPENSSL|x509))"


def _envoy_reply() -> tuple[Pattern, ...]:
    from .judgement import envoy_reply as judged

    got = {e.id: e for e in entries("envoy_reply")}
    body = got["body"]
    out = [Pattern(
        source="envoy", rx=rf"{_ENVOY_BODY}(?!\. (?:retried and the latest )?reset reason:)",
        meaning="Envoy: the upstream connection failed or was reset before any response "
                "(no reason printed)", causes=causes(judged.CONNECT_FAILED),
        provenance=body.provenance, spec=GENERIC, needle="disconnect/reset before headers",
        id="envoy_reply.body.bare", upstream=body.id, side="client")]
    for rid, reading in judged.READINGS.items():
        e = got[rid]
        if rid.startswith("reset."):
            out.append(Pattern(
                source="envoy",
                rx=(rf"{_ENVOY_BODY}\. (?:retried and the latest )?reset reason: "
                    rf"{re.escape(e.text)}(?![\w ]){_ENVOY_TLS_AFTER}"),
                meaning=f"Envoy: the upstream request failed before headers: {e.text}",
                causes=causes(reading), provenance=f"{body.provenance}; {e.provenance}",
                spec=CATEGORY, needle="disconnect/reset before headers",
                id=f"envoy_reply.{rid}", upstream=e.id, side="client"))
        else:  # an access log's response flag: short in the default format, long by name
            short = rid.removeprefix("flag.")
            out.append(Pattern(
                source="envoy",
                rx=(rf'(?:HTTP/[\d.]{{1,3}}" \d{{3}} (?:[A-Z]{{2,5}},)*{short}'
                    rf'|"response_flags":\s?"(?:[A-Z]{{2,5}},)*{short})(?![A-Z])'
                    rf"|\b{e.text}\b"),
                meaning=f"Envoy access log: response flag {short} ({e.text})",
                causes=causes(reading), provenance=e.provenance, spec=GENERIC,
                needle="", id=f"envoy_reply.{rid}", upstream=e.id, side="client"))
    return tuple(out)


PATTERNS += _envoy_reply()
