"""Round 16: desktop and self-hosted programs whose TLS wording no table had (harvested by
scripts/harvest/desktop16.py into upstream/<source>.json, judged in judgement/<source>.py):
HexChat, ZNC, VLC, unbound, systemd-resolved, libsoup, getdns (Stubby), flatpak,
Jellyfin.

Beyond each entry's own words, the forms these programs print them in:
- HexChat's verify shape, "Connection failed (<OpenSSL verify string>.? (<number>))", and
  getdns's (Stubby's), "Verify failed : TLS - *Failure* - (<number>) \"<string>\"": every
  X509_V_ERR text of the OpenSSL table with its number, read as that table reads it;
- libsoup's "SSL handshake failed" only with its status number (6) or name: the same words
  are Qt's, Kafka's and libpurple's;
- systemd-resolved's downgrade from a DNS-over-TLS feature set to a plain one;
- curl's CURLcode text after its number in brackets (flatpak's and ostree's fetchers).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from . import CATEGORY, Pattern, causes
from .harvested import (
    Entry,
    entries,
    judged_numbered,
    text_regex,
    upstream_patterns,
    verify_shapes,
)


def _soup_status_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    """The phrase next to its status number, as programs print msg->status_code and
    msg->reason_phrase ("HTTP error code 6: SSL handshake failed", GStreamer's souphttpsrc;
    "Server returned status 6: SSL handshake failed", flatpak's and ostree's soup fetchers).
    A bare "6" or "error 6" is not enough: Qt's QNetworkReply::SslHandshakeFailedError is 6
    too, printed with the same words."""
    n = entry.get("number")
    got = text_regex(entry.text, context=False)
    if n is None or got is None:
        return
    yield ("status", rf"\b(?:status(?: code)?|HTTP error code)[ :=]{{1,3}}{int(n)}"
                     rf"(?:[:\s]{{1,3}}|\s-\s){got[0]}", got[1])
    # flatpak's libsoup back end (check_soup_transfer_error): the phrase without its number.
    yield ("flatpak", rf"\bError connecting to server: {got[0]}", got[1])


def _libsoup() -> tuple[Pattern, ...]:
    """libsoup's phrases only with its number or as SOUP_STATUS_* names; its other
    messages as written."""
    out = upstream_patterns("libsoup", "libsoup", side="client", extra_forms=_soup_status_forms)
    return tuple(p for p in out if not p.upstream.startswith("SOUP_STATUS_")
                 or p.id.endswith((".status", ".name", ".flatpak")) or ".no_backend." in p.id)


def _getdns_verdict_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    """getdns's own verify messages after its "Verify failed : TLS - <profile> -  " (two
    spaces; the profile "*Failure*" or "Tolerated because of Opportunistic profile")."""
    got = text_regex(entry.text, context=False)
    if entry.kind == "message" and got is not None:
        yield ("verdict", rf"\bVerify failed : TLS - [^\n]{{1,60}}? -\s{{1,3}}{got[0]}", got[1])


def _getdns() -> tuple[Pattern, ...]:
    """getdns's log lines as written; its back ends' short messages ("No peer
    certificate", "Hostname mismatch") only after its "Verify failed" lead: s_client's
    "no peer certificate available" is another program's."""
    verdicts = {e.id for e in entries("getdns") if e.kind == "message"}
    return tuple(p for p in upstream_patterns("getdns", "getdns (Stubby)", side="client",
                                              extra_forms=_getdns_verdict_forms)
                 if p.upstream not in verdicts or p.id.endswith(".verdict"))


def _unbound() -> tuple[Pattern, ...]:
    """unbound is the client of its TLS upstreams (forward-tls-upstream) and the server of
    its tls-service listener: a line about the listener's own key and certificate is a
    server's, the rest a forwarder's (the handshake lines name the upstream's address)."""
    return tuple(replace(p, side="server" if p.causes and p.causes[0][0].value ==
                         "server_misconfiguration" else "client")
                 for p in upstream_patterns("unbound", "unbound", side="client"))


PATTERNS = (upstream_patterns("hexchat", "HexChat", side="client")
            + upstream_patterns("znc", "ZNC", side="client")
            + upstream_patterns("vlc", "VLC", side="client")
            + _unbound()
            + upstream_patterns("resolved", "systemd-resolved", side="client")
            + _libsoup()
            + _getdns()
            + upstream_patterns("jellyfin", "Jellyfin", side="server"))

# OpenSSL's verify string and number in a program's own shape: HexChat's "<text>.? (<n>)"
# (server.c ssl_do_connect), getdns's (Stubby's) "(<n>) \"<text>\"" (stub.c).
_SHAPES = (("hexchat", "%s.? (%d)", r"{text}\.\? \({n}\)"),
           ("getdns", '%-40s : Verify failed : TLS - %s - (%ld) "%s"', r'\({n}\) "{text}"'))


def _verify_shapes() -> tuple[Pattern, ...]:
    """Each OpenSSL verify text with its number in each shape, read as the OpenSSL table
    reads it; the number names it outright."""
    return verify_shapes(_SHAPES, judged_numbered("openssl", lambda e: True))


_FETCHING = next(e for e in entries("flatpak") if e.id.startswith("While fetching"))


def _curl_code_shape() -> tuple[Pattern, ...]:
    """curl_easy_strerror()'s text after its CURLcode in brackets, as flatpak's and ostree's
    curl fetchers print it ("While fetching URL: [60] SSL peer certificate or SSH remote key
    was not OK"), read as curl's table reads the code."""
    out: list[Pattern] = []
    for e, v, n, got in judged_numbered("curl", lambda e: e.kind == "strerror"):
        out.append(Pattern(
            source="flatpak", rx=rf"\[{int(n)}\] {got[0]}",
            meaning=f"flatpak/ostree (curl): CURLcode {n}: {e.text} ({e.id})",
            causes=causes(v.causes), provenance=f"{_FETCHING.provenance}; {e.provenance}",
            spec=v.spec, needle=got[1], id=f"flatpak.curl.{n}.{len(out)}", upstream=e.id,
            side="client"))
    return tuple(out)


_DEGRADED = next(e for e in entries("resolved") if e.id.startswith("Using degraded"))
_DOT_LEVELS = r"TLS\+[A-Z0-9+]+"

PATTERNS += _verify_shapes() + _curl_code_shape() + (Pattern(
    source="resolved",
    rx=rf"\bUsing degraded feature set (?!TLS)[A-Z0-9+]+ instead of {_DOT_LEVELS} for DNS "
       r"server\b",
    meaning="systemd-resolved: DNS-over-TLS to this DNS server failed (opportunistic mode: "
            "it went on without TLS); no certificate is checked in that mode, so the TLS "
            "connection itself did not come up (port 853 closed or filtered, no DoT there)",
    causes=causes("name_resolution_or_unreachable:.4 middlebox_or_firewall_interference:.35 "
                  "non_tls_service_on_port:.25"),
    provenance=_DEGRADED.provenance, spec=CATEGORY, needle="using degraded feature set",
    id="resolved.dot_downgrade", upstream=_DEGRADED.id, side="client"),)
