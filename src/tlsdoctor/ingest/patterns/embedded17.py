"""Round 17: TLS libraries and embeddable servers whose wording no table had (harvested by
scripts/harvest/embedded17.py into upstream/<source>.json, judged in judgement/<source>.py):
s2n-tls, aws-c-io and aws-c-mqtt (the AWS Common Runtime), lighttpd's TLS modules, Botan, hitch, libwebsockets, CivetWeb, Mongoose.

Beyond each entry's own words, the forms these programs print them in:
- s2n's texts only inside aws-c-io's handler lines ("negotiation failed with error <text>
  (Error encountered in ...)", "S2N failed to read with error: <text>", "configuration
  error <text>") or by their S2N_ERR_* name: alone, "Certificate has expired" or
  "connection is closed" are any program's words;
- lighttpd's verify callback line, "SSL: addr:<ip> verify error:num=<n>:<OpenSSL verify
  string>:depth=", for every X509_V_ERR text of the OpenSSL table with its number: the
  client's certificate that ssl.verifyclient refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from . import REASON, Pattern, causes
from .alerts import ALERTS, alert_causes, received_in_shape
from .harvested import Entry, entries, judge, text_regex, upstream_patterns

# aws-c-io source/s2n/s2n_tls_channel_handler.c: the formats around s2n_strerror().
_S2N_LEADS = (r"negotiation failed with error ", r"S2N failed to read with error: ",
              r"configuration error ")


def _s2n_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    got = text_regex(entry.text, context=False)
    if got is not None:
        lead = "|".join(_S2N_LEADS)
        yield ("aws", rf"(?:{lead}){got[0]}", got[1])


def _s2n() -> tuple[Pattern, ...]:
    """s2n's words in aws-c-io's lines and by name; never its bare texts."""
    return tuple(p for p in upstream_patterns("s2n", "s2n-tls (AWS CRT)", side="client",
                                              extra_forms=_s2n_forms)
                 if not p.id.endswith((".text", ".text.2")))


def _framing(prefix: str, text: str, got: tuple[str, str]) -> str:
    """``prefix`` then the text's regex; a text that begins with a value ("%s: use_...
    failed", "{%s} Connection closed") has that value between them."""
    lead = r"[^\n]{0,80}?" if re.match(r"\W{0,2}(?:%[-.\d]*\w|\{[^{}\n]{0,40}\})", text) else ""
    return prefix + lead + got[0]


# lighttpd's error log names the module, file and line before every line it writes
# (log.c: "(mod_openssl.c.1125) "): with it, even a short line is lighttpd's own.
def _logged(prefix: str) -> Callable[[Entry], Iterator[tuple[str, str, str]]]:
    """The forms of a program whose every TLS line follows its log prefix ``prefix``."""
    def forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
        got = text_regex(entry.text, context=False)
        if got is not None:
            yield ("logged", _framing(prefix, entry.text, got), got[1])
    return forms


_LIGHTTPD_AT = r"\(mod_(?:openssl|gnutls|mbedtls|wolfssl|nss)\.c\.\d{1,5}\) "


_lighttpd_forms = _logged(_LIGHTTPD_AT)


def _lighttpd_verify() -> tuple[Pattern, ...]:
    """lighttpd's verify callback (mod_openssl.c) with OpenSSL's verify string and number:
    the number names it, read as the OpenSSL verify table reads it, except that the
    verifier is lighttpd: what that table calls the verifying client's own setting (its
    CA file, its CRL) is the server's here (ssl.verifyclient.ca-file, ca-crl-file)."""
    wrapper = next(e for e in entries("lighttpd") if "verify error:num=" in e.id)
    out: list[Pattern] = []
    for e in entries("openssl"):
        n = e.get("number")
        v = judge(e) if e.kind == "verify" and n is not None else None
        got = text_regex(e.text, context=False) if v is not None else None
        if v is None or v.kind != "causes" or got is None:
            continue
        out.append(Pattern(
            source="lighttpd", rx=rf"\bverify error:num={int(n)}:{got[0]}:depth=\d",
            meaning=f"lighttpd: the client's certificate failed ssl.verifyclient: {e.text} "
                    f"(X509_V_ERR {n}, {e.id})",
            causes=causes(v.causes.replace("client_misconfiguration",
                                           "server_misconfiguration")),
            provenance=f"{wrapper.provenance}; {e.provenance}",
            spec=REASON + 1, needle=got[1], id=f"lighttpd.verify.{n}.{len(out)}",
            upstream=e.id, side="server"))
    return tuple(out)


def _aws_c_io() -> tuple[Pattern, ...]:
    """aws-c-io's names and texts; a text inside another entry's text (or the same: io.c
    gives AWS_IO_TLS_PEER_CERTIFICATE_EXPIRED the words of AWS_IO_TLS_BAD_PEER_CERTIFICATE)
    only by its name."""
    texts = [e.text.lower() for e in entries("aws_c_io")]
    shared = {e.id for e in entries("aws_c_io")
              if sum(e.text.lower().rstrip(".") in t for t in texts) > 1}
    return tuple(p for p in upstream_patterns("aws_c_io", "AWS CRT (aws-c-io)", side="client")
                 if p.upstream not in shared or ".text" not in p.id)


def _crt_alert_codes() -> tuple[Pattern, ...]:
    """aws-c-io's debug line after a failed negotiation, "id=%p: Alert code %d"
    (s2n_connection_get_alert(): the alert the peer sent), read by number as a client
    reads a received alert: the CRT is the client."""
    entry = next(e for e in entries("aws_c_io") if "Alert code" in e.id)
    return received_in_shape(
        "aws_c_io", r"\[tls-handler\] - id=0x[0-9a-fA-F]{{1,16}}: Alert code {n}\b",
        "AWS CRT: the server sent TLS alert {n} ({name})", provenance=entry.provenance,
        needle="alert code {n}", upstream=entry.id)


_BOTAN_LEADS = r"Certificate validation (?:failure|status): "


def _botan_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    got = text_regex(entry.text, context=False)
    if got is None:
        return
    if entry.kind == "verify":
        yield ("validation", _BOTAN_LEADS + got[0], got[1])
    elif len(_words(entry.text)) < 5:
        # a short TLS_Exception text as Botan's CLI prints it (its entry's form)
        yield ("error", r"\bError: " + got[0], got[1])


def _botan() -> tuple[Pattern, ...]:
    """Botan's path-validation texts only after its "Certificate validation failure: "
    (3.x) or "Certificate validation status: " (2.x CLI): alone, "Certificate has
    expired" is anyone's. Its TLS_Exception texts as written; no bare names (Botan's
    enumerators, "SIGNATURE_ERROR", are ordinary words of other programs)."""
    verify = {e.id for e in entries("botan") if e.kind == "verify"}
    # A TLS_Exception text of fewer than five words ("Client certificate verification
    # failed", Kamailio's words too) is read only after the CLI's "Error: ".
    short = {e.id for e in entries("botan") if len(_words(e.text)) < 5}
    # The validation line is the TLS client's check of the server (tls_callbacks.cpp
    # tls_verify_cert_chain, the CLI's tls_client); the rest is either side's.
    return tuple(replace(p, side="client") if p.upstream in verify else p
                 for p in upstream_patterns("botan", "Botan", side="",
                                            extra_forms=_botan_forms, bare_names=False)
                 if (p.upstream not in verify or ".validation" in p.id)
                 and not (p.upstream in short and p.upstream not in verify
                          and p.id.endswith(".text")))


def _botan_alerts() -> tuple[Pattern, ...]:
    """The CLI's "Alert: <type_string>" (src/cli/tls_client.cpp tls_alert: one the peer
    sent), read as a received alert; its tls_server prints the same, so a server's
    reading is kept for the server's side."""
    entry = next(e for e in entries("botan") if e.id == "Alert: %s")
    out = []
    for n, row in sorted(ALERTS.items()):
        got = alert_causes(n)
        server = alert_causes(n, server_side=True)
        if got is None or not got[1] or server is None:
            continue
        out.append(Pattern(
            source="botan", rx=rf"(?m)^Alert: {row[0]}[ \t]*$", spec=got[2],
            meaning=f"Botan: the peer sent TLS alert {n} ({row[0]})", causes=got[1],
            server_causes=server[1] if server[1] != got[1] else None,
            provenance=entry.provenance, needle=f"alert: {row[0]}", id=f"botan.alert.{n}",
            upstream=entry.id, side=""))
    return tuple(out)


# hitch's connection lines (src/logging.c logproxy) and its own (VWLOG): with the prefix,
# even a short line is hitch's.
_HITCH_AT = (r"\b\d{8}T\d{6}\.\d{6} \[ {0,5}\d{1,7}\] (?:\S{1,60}:\d{1,5} :\d{1,5} "
             r"-?\d{1,7}:-?\d{1,7} )?(?:WARNING: )?(?:\{[\w -]{1,20}\}:? )?")


_hitch_forms = _logged(_HITCH_AT)


# lws's log line (lib/core/logs.c: "[2026/12/06 08:00:00:0000] E: ", older releases
# "ERR: "), maybe with the connection's tag: with it, even a short line is lws's own.
_LWS_AT = (r"\[\d{4}/\d\d/\d\d \d\d:\d\d:\d\d:\d{4}\] [A-Z]{1,6}: "
           r"(?:\[[^\]\n]{1,80}\]:? )?")


def _lws_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    got = text_regex(entry.text, context=False)
    if entry.kind == "log" and got is not None:
        yield ("logged", _framing(_LWS_AT, entry.text, got), got[1])
    elif got is not None:  # a client reason, as programs print it (the test client too)
        yield ("reason", _framing(r"\bCLIENT_CONNECTION_ERROR: (?:[\w .-]{1,40}: )?",
                                  entry.text, got), got[1])


def _lws() -> tuple[Pattern, ...]:
    """lws's words, each with the side of the file that prints it (its TLS client's
    files, a vhost's server files, or either)."""
    path = {e.id: e.path for e in entries("libwebsockets")}
    out = []
    for p in _framed("libwebsockets", "libwebsockets", "", _lws_forms):
        where = path.get(p.upstream, "")
        side = ("client" if "client" in where or p.upstream in _LWS_CCE else
                "server" if "server" in where else "")
        out.append(replace(p, side=side))
    return tuple(out)


_LWS_CCE = frozenset(e.id for e in entries("libwebsockets") if e.kind == "message")
# lws's client verify callback (openssl-client.c): "SSL error: <X509 verify string>
# (preverify_ok=0;err=<n>;depth=<d>)", and its reason to the application
# (lws_tls_client_confirm_peer_cert): "server's cert didn't look good, tls=<kind>
# X509_V_ERR = <n>: <ERR_error_string of n>" (4.1.6: without tls=; its mbedTLS client with
# "(use_ssl 0x%x) ").
_LWS_SHAPES = (r"\bSSL error: {text} \(preverify_ok=\d;err={n};",
               r"\bserver's cert didn't look good, (?:tls=\w{{1,20}} )?"
               r"(?:\(use_ssl 0x[0-9a-fA-F]{{1,8}}\) )?X509_V_ERR = {n}: ")


def _lws_verify() -> tuple[Pattern, ...]:
    """Both shapes for every OpenSSL verify text; the reason, which has only the number,
    for the numbers every OpenSSL release's text reads alike (a number some releases gave
    another meaning is left unread there)."""
    wrapper = next(e for e in entries("libwebsockets") if e.id.startswith("SSL error: "))
    judged = []
    for e in entries("openssl"):
        n = e.get("number")
        v = judge(e) if e.kind == "verify" and n is not None else None
        got = text_regex(e.text, context=False) if v is not None else None
        if v is not None and v.kind == "causes" and got is not None:
            judged.append((e, v, int(n), got))
    first: dict[int, set[str]] = {}
    for _, v, n, _ in judged:
        first.setdefault(n, set()).add(v.causes.split(":")[0])
    out: list[Pattern] = []
    done: set[int] = set()
    for e, v, n, got in judged:
        by_number = n not in done and len(first[n]) == 1
        done.add(n)
        for shape in _LWS_SHAPES if by_number else _LWS_SHAPES[:1]:
            out.append(Pattern(
                source="libwebsockets", rx=shape.format(text=got[0], n=int(n)),
                meaning=f"libwebsockets: the server's certificate failed verification: "
                        f"{e.text} (X509_V_ERR {n}, {e.id})",
                causes=causes(v.causes), provenance=f"{wrapper.provenance}; {e.provenance}",
                spec=REASON + 1, needle="ssl error: " if "SSL error" in shape else
                "didn't look good", id=f"libwebsockets.verify.{n}.{len(out)}",
                upstream=e.id, side="client"))
    return tuple(out)


# CivetWeb's error log line (src/civetweb.c mg_cry_internal_impl): with it, even a short
# line is CivetWeb's own.
_CIVETWEB_AT = r"\[\d{9,11}\] \[error\] \[client [^\]\n]{0,60}\] (?:[A-Z]{3,7} [^:\n]{0,200}: )?"


_civetweb_logged = _logged(_CIVETWEB_AT)
# Round 21: CivetWeb's own words without its log line (a journal, a program embedding it that
# logs the message alone): ssl_use_pem_file's lines name the function (__func__), the others
# an OpenSSL call's name and " error: ", or "Initializing SSL failed: -<option>".
_CIVETWEB_OWN = re.compile(r"^(?:SSL_CTX_\w{3,40}(?: \(server\))? error: |sslize error: "
                           r"|Initializing SSL failed: -)")


def _civetweb_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    yield from _civetweb_logged(entry)
    func = entry.text.startswith("%s: ")
    got = text_regex(entry.text[4:] if func else entry.text, context=False)
    if got is not None and (func or _CIVETWEB_OWN.match(entry.text)):
        yield ("own", (r"\bssl_use_pem_file: " if func else "") + got[0], got[1])


# Mongoose's log prefix (src/log.c: "<ms hex> <level> <file>:<line>:<function>", padded to
# 40 columns; mg_error adds the connection id and descriptor): with it, a short text is
# Mongoose's own.
_MONGOOSE_AT = (r"\b[0-9a-f]{1,16} +\d [\w.]{1,40}:\d{1,5}:\w{1,40} +"
                r"(?:\d{1,10} -?\d{1,10} )?")


_mongoose_forms = _logged(_MONGOOSE_AT)


def _framed(source: str, label: str, side: str, forms: Any) -> tuple[Pattern, ...]:
    """``source``'s patterns with its log framing; a text of fewer than five words only
    in that framing: bare, "Error loading private key (%s)" or "bad key" are other
    programs' words too (LuaSec's, OpenSSL's "bad key share")."""
    short = {e.id for e in entries(source) if len(_words(e.text)) < 5}
    return tuple(p for p in upstream_patterns(source, label, side=side, extra_forms=forms)
                 if p.upstream not in short or ".text" not in p.id)


def _words(text: str) -> list[str]:
    return [w for w in text.split() if "%" not in w]


PATTERNS = (_s2n()
            + _aws_c_io()
            + tuple(p for p in upstream_patterns("aws_c_mqtt", "AWS IoT SDK (aws-c-mqtt)",
                                                 side="client") if ".text" not in p.id)
            + _framed("lighttpd", "lighttpd", "server", _lighttpd_forms)
            + _lighttpd_verify()
            + _crt_alert_codes()
            + _botan()
            + _botan_alerts()
            + _framed("hitch", "hitch", "server", _hitch_forms)
            + _lws()
            + _lws_verify()
            + _framed("civetweb", "CivetWeb", "server", _civetweb_forms)
            + _framed("mongoose", "Mongoose", "", _mongoose_forms))
