"""Round 15: whole programs whose TLS wording no table had (harvested by
scripts/harvest/frameworks3.py into upstream/<source>.json, judged in judgement/<source>.py).

Beyond each entry's own words, the forms these programs print them in:
- nginx's error pages as a browser shows them ("400 Bad Request", the page's line, "nginx")
  and as HTML (curl, a monitoring check): the heading, then the line;
- GLib's flag and error names ("G_TLS_CERTIFICATE_UNKNOWN_CA"), GOA's sentences;
- Tasmota's "TLS connection error: N": N is BearSSL's br_ssl_engine_last_error() (below 256
  its own codes, 256 + alert a fatal alert received, 512 + alert one sent);
- libbeat's "SSL client failed to connect with: EOF": the server closed in the handshake.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import GENERIC, REASON, Pattern, causes
from .alerts import alert_causes
from .harvested import Entry, entries, judge, text_regex, upstream_patterns
from .judgement import _common as common


def _page_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    """The page as a browser shows it: its heading, then its line (the HTML and the title
    are read by patterns/cert_pages.py and plaintext.py)."""
    got = text_regex(entry.text, context=False)
    heading = str(entry.get("heading") or "")
    if got is not None and heading:
        # The heading ends its line and the page's line follows on the next (or after one
        # empty line), each line perhaps behind a logger's prefix (journald, "Caused by: ").
        yield ("page", rf"\b{re.escape(heading)}[ \t]{{0,8}}\r?\n(?:[^\n]{{0,60}}\n)?"
                       rf"[^\n]{{0,60}}?{got[0]}", got[1])


# Only the rendered page: its line alone is prose too, its HTML is cert_pages.py's.
_PAGES = tuple(p for p in upstream_patterns("nginx_pages", "nginx error page", side="client",
                                            extra_forms=_page_forms)
               if p.id.endswith(".page"))
def _java_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    cls = str(entry.get("exception") or "")
    got = text_regex(entry.text, context=False)
    if cls and got is not None:
        yield ("java", rf"\b{re.escape(cls)}: {got[0]}", got[1])


def _java(source: str, label: str) -> tuple[Pattern, ...]:
    """Netty's and Vert.x's messages: a short one ("Certificate revoked", "engine closed")
    only after its exception class, as Java prints it; a sentence of four words or more
    anywhere (a log that drops the class)."""
    return tuple(p for p in upstream_patterns(source, label, side="", extra_forms=_java_forms)
                 if p.id.endswith(".java") or len(p.needle.split()) >= 4)


PATTERNS = (_PAGES
            + upstream_patterns("glib_tls", "GLib TLS", side="client")
            + upstream_patterns("libpurple", "libpurple", side="client")
            + upstream_patterns("nim", "Nim", side="client")
            + upstream_patterns("certmagic", "CertMagic", side="server")
            + upstream_patterns("excerpts15", "Keycloak", side="server", as_source="keycloak")
            + _java("netty", "Netty") + _java("vertx", "Vert.x")
            + upstream_patterns("pip", "pip", side="client")
            + upstream_patterns("lftp", "lftp", side="client")
            + upstream_patterns("irssi", "irssi", side="client"))

_TASMOTA = next(e for e in entries("excerpts15") if e.id == "tasmota.mqtt_tls")
_LEAD = r"\bMQT: TLS connection error: "
# The number ends the line: a wrapped posting joined to the next line's timestamp
# ("... error: 3" + "01:57:35") must not read as another number.
_END = r"(?![\d:.])"


# BearSSL's minimal X.509 engine compares DNs by their hashes (src/x509/x509_minimal.t0:
# the hash of a certificate's issuer DN must equal that of the next one's subject DN), made
# with the hash implementation the firmware links. Tasmota builds its own patched BearSSL
# (lib_ssl, with hardware SHA options), so a DN mismatch there is a chain out of order or
# with a wrong intermediate, or the firmware's own hash: a ranking below 0.6.
_TASMOTA_READING = {"BR_ERR_X509_DN_MISMATCH": "bad_chain_order_or_extra:.5 "
                                               "client_misconfiguration:.3 incomplete_chain:.2"}


def _tasmota_bearssl() -> tuple[Pattern, ...]:
    """Each BearSSL code after Tasmota's MQTT lead, read as the BearSSL table reads it."""
    out = []
    for e in entries("bearssl"):
        v, n = judge(e), e.get("number")
        if v is None or v.kind != "causes" or n is None:
            continue
        reading = _TASMOTA_READING.get(e.id, v.causes)
        out.append(Pattern(
            source="bearssl", rx=rf"{_LEAD}{int(n)}{_END}", meaning=f"Tasmota MQTT over BearSSL: "
            f"error {n} = {e.id} ({e.get('descr') or e.text})", causes=causes(reading),
            provenance=f"{_TASMOTA.provenance}; {e.provenance}", spec=v.spec,
            needle="tls connection error", id=f"tasmota.bearssl.{n}", upstream=e.id,
            side="client"))
    return tuple(out)


def _tasmota_alerts() -> tuple[Pattern, ...]:
    """256 + alert: the server's fatal alert (BR_ERR_RECV_FATAL_ALERT); 512 + alert: one the
    device sent (BR_ERR_SEND_FATAL_ALERT), t_bearssl_ssl.h."""
    out = []
    for n in range(256):
        for base, sent in ((256, False), (512, True)):
            got = alert_causes(n, server_side=sent)
            if got is None or not got[1]:
                continue
            name, cs, _spec = got
            what = (f"the device refused the server with a fatal {name} alert" if sent else
                    f"the server refused the handshake with a fatal {name} alert")
            out.append(Pattern(
                source="bearssl", rx=rf"{_LEAD}{base + n}{_END}",
                meaning=f"Tasmota MQTT over BearSSL: error {base + n}: {what}", causes=cs,
                provenance=_TASMOTA.provenance, spec=REASON + 1,
                needle="tls connection error", id=f"tasmota.alert.{base + n}", side="client"))
    return tuple(out)


_BEATS = next(e for e in entries("excerpts15") if e.id == "libbeat.tls_onfail")

PATTERNS += _tasmota_bearssl() + _tasmota_alerts() + (Pattern(
    source="beats", rx=r"\bSSL client failed to connect with: (?:unexpected )?EOF\b",
    meaning="Beats (libbeat): the server closed the connection during the TLS handshake "
            "without an alert (Go: EOF)",
    causes=causes(common.EOF_CLOSED.split("|")[0]), provenance=_BEATS.provenance,
    spec=GENERIC, needle="ssl client failed to connect with", id="beats.tls_onfail.eof",
    upstream=_BEATS.id, side="client"),)
