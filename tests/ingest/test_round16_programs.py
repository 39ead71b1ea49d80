"""Round 16: desktop and self-hosted programs whose TLS wording no table had, harvested from
their own source (scripts/harvest/desktop16.py): HexChat, ZNC in every language it ships,
VLC's GnuTLS module and core, unbound, systemd-resolved, libsoup. Every judged entry in the
forms its program prints it; HexChat's verify shape for every OpenSSL verify text; the same
words elsewhere stay unrecognised (or another table's)."""

from __future__ import annotations

import pytest
from harvest_checks import first_cause as _want
from harvest_checks import judged as _judged
from harvest_checks import read_as_judged
from harvest_checks import top as _top

from tlsdoctor.api import explain
from tlsdoctor.ingest.patterns.harvested import Entry, entries, printed

SOURCES = ("hexchat", "znc", "vlc", "unbound", "resolved", "libsoup", "getdns", "jellyfin")




def _form(entry: Entry, text: str | None = None) -> str:
    form = str(entry.get("form") or "%TEXT%")
    return form.replace("%TEXT%", printed(text if text is not None else entry.text))


ALL = [e for s in SOURCES for e in _judged(s)]


@pytest.mark.parametrize("entry", ALL, ids=[f"{e.source}:{e.get('lang') or 'en'}:{e.id[:40]}"
                                            for e in ALL])
def test_every_judged_entry_as_its_program_prints_it(entry: Entry) -> None:
    read_as_judged(entry, _form(entry))


def test_the_tables_are_whole() -> None:
    """Each program's vocabulary, not one thread's line: counts as harvested."""
    counts = {s: (len(_judged(s)), len(entries(s))) for s in SOURCES}
    assert counts["hexchat"][0] >= 6 and counts["znc"][1] >= 100
    assert counts["vlc"][0] >= 25 and counts["unbound"][0] >= 25
    assert counts["resolved"][0] >= 4 and counts["libsoup"][1] >= 10
    assert counts["getdns"][0] >= 9 and counts["jellyfin"][0] == 4
    langs = {e.get("lang") for e in entries("znc")}
    assert len(langs) >= 14 and {"de_DE", "ru_RU", "fr_FR", None} <= langs


# -- HexChat: OpenSSL's verify string and number in its own shape --------------------------

VERIFY = [e for e in _judged("openssl") if e.kind == "verify" and e.get("number") is not None]


@pytest.mark.parametrize("entry", VERIFY, ids=[f"{e.get('number')}:{e.text[:30]}"
                                               for e in VERIFY])
def test_hexchat_every_verify_text_with_its_number(entry: Entry) -> None:
    n = entry.get("number")
    for text in (f"* Connection failed ({entry.text}.? ({n}))",
                 f"* Verify E: {entry.text}.? ({n}) -- Ignored"):
        r = explain(text)
        assert r.recognized and r.findings[0].cause.value == _want(entry), text
        assert any(m.pattern_id.startswith("hexchat.verify.") for m in r.matches), text


@pytest.mark.parametrize("entry", VERIFY, ids=[f"{e.get('number')}:{e.text[:30]}"
                                               for e in VERIFY])
def test_stubby_every_verify_text_with_its_number(entry: Entry) -> None:
    """getdns (Stubby): "Verify failed : TLS - <profile> - (<n>) \"<verify string>\""."""
    n = entry.get("number")
    for profile in ("*Failure*", "Tolerated because of Opportunistic profile"):
        text = (f"[14:07:51.462236] STUBBY: 9.9.9.9{' ' * 33}: Verify failed : TLS - {profile}"
                f' - ({n}) "{entry.text}"')
        r = explain(text)
        assert r.recognized and r.findings[0].cause.value == _want(entry), text
        assert r.source == "getdns" and r.side == "client", text


def test_stubby_pinset_is_a_ranking_with_the_stale_pin_first() -> None:
    source, top, conf = _top("[14:07:51.462236] STUBBY: 9.9.9.9 : Verify failed : TLS - "
                             "*Failure* -  Pinset validation failure")
    assert (source, top) == ("getdns", "client_misconfiguration") and conf < 0.6


def test_hexchat_whole_connect_and_its_own_lines() -> None:
    log = ("* Looking up irc.example.net\n* Connecting to irc.example.net (192.0.2.7:6697)\n"
           "* * Subject: /CN=irc.example.net\n* * Issuer: /CN=Example CA\n"
           "* Connection failed (unable to verify the first certificate.? (21))")
    assert _top(log)[1] == "incomplete_chain"
    assert _top("* Connection failed (No Certificate)")[:2] == ("hexchat",
                                                                "server_misconfiguration")
    assert _top("* Connection failed ((336130315) error:1408F10B:SSL routines:"
                "ssl3_get_record:wrong version number)\nAre you sure this is a SSL capable "
                "server and port?")[1] == "non_tls_service_on_port"


# -- ZNC ----------------------------------------------------------------------------------

def test_znc_host_and_openssl_words_together() -> None:
    """ZNC joins its host check's words and OpenSSL's verify strings with ", " (a set:
    sorted); each is read, the name first when it is said."""
    r = explain(":*status!znc@znc.in PRIVMSG u :Cannot connect to IRC (Invalid SSL certificate"
                ": certificate has expired, hostname doesn't match). Retrying...")
    got = [f.cause.value for f in r.findings]
    assert r.source == "znc" and got[0] == "hostname_mismatch" and "cert_expired" in got
    assert r.side == "client"


def test_znc_fingerprint_hint_alone_is_a_ranking() -> None:
    source, top, conf = _top("<*status> If you trust this certificate, do /znc "
                             "AddTrustedServerFingerprint 70:e8:e1:10")
    assert (source, top) == ("znc", "cert_self_signed") and conf < 0.6


# -- VLC ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lead", ["[00007f3c2c001230] gnutls tls client error: ",
                                  "gnutls error: ", "[0x7f1c3c000c80] gnutls tls client error: "])
def test_vlc_old_module_flag_lines(lead: str) -> None:
    """VLC 1.x/2.0 printed "access denied" then one line per GnuTLS flag."""
    text = "\n".join(lead + line for line in (
        "TLS session: access denied", "Certificate could not be verified",
        "Certificate's signer was not found"))
    source, top, _ = _top(text)
    assert (source, top) == ("vlc", "cert_untrusted_root")
    assert _top(lead + "Certificate expired")[1] == "cert_expired"


def test_vlc_gnutls_words_inside_its_line_win() -> None:
    r = explain("[00007f3c2c001230] gnutls tls client error: Certificate verification failure:"
                " The certificate is NOT trusted. The certificate issuer is unknown. \n"
                "[00007f3c2c001230] main tls client error: TLS session handshake error")
    assert r.findings[0].cause.value == "cert_untrusted_root" and r.side == "client"


# -- unbound, systemd-resolved ------------------------------------------------------------

@pytest.mark.parametrize(("reason", "want"), [
    ("error:0A000086:SSL routines::certificate verify failed", "cert_untrusted_root"),
    ("error:0A00010B:SSL routines::wrong version number", "non_tls_service_on_port"),
    ("error:0A000102:SSL routines::unsupported protocol", "protocol_version_mismatch"),
])
def test_unbound_handshake_line_carries_openssls_reason(reason: str, want: str) -> None:
    text = (f"[1733472000] unbound[4242:0] error: ssl handshake failed crypto {reason}\n"
            "[1733472000] unbound[4242:0] notice: ssl handshake failed 192.0.2.53 port 853")
    source, top, _ = _top(text)
    assert (source, top) == ("unbound", want)


@pytest.mark.parametrize(("text", "dot"), [
    ("Using degraded feature set UDP+EDNS0+DO instead of TLS+EDNS0+DO for DNS server "
     "1.1.1.1#cloudflare-dns.com.", True),
    ("Using degraded feature set UDP+EDNS0 instead of TLS+EDNS0 for DNS server 9.9.9.9.", True),
    ("Using degraded feature set TLS+EDNS0 instead of TLS+EDNS0+DO for DNS server 1.1.1.1.",
     False),
    ("Using degraded feature set UDP+EDNS0 instead of UDP+EDNS0+DO for DNS server 10.0.0.1.",
     False),
])
def test_resolved_downgrade_is_dot_only_from_a_tls_set(text: str, dot: bool) -> None:
    r = explain(f"Dec 06 08:00:00 host systemd-resolved[512]: {text}")
    ids = [m.pattern_id for m in r.matches]
    assert ("resolved.dot_downgrade" in ids) is dot, ids
    if dot:
        assert r.findings[0].confidence < 0.6 and r.side == "client"


# -- libsoup ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["HTTP error code 6: SSL handshake failed",
                                  "libsoup status 6: SSL handshake failed",
                                  "Server returned status 6: SSL handshake failed",
                                  "SOUP_STATUS_SSL_FAILED"])
def test_libsoup_phrase_with_its_status(text: str) -> None:
    source, top, conf = _top(text)
    assert (source, top) == ("libsoup", "cert_untrusted_root") and conf < 0.6


@pytest.mark.parametrize("text", ["error: Server returned status 6: SSL handshake failed",
                                  "error: Error connecting to server: SSL handshake failed"])
def test_flatpak_soup_back_end_lines(text: str) -> None:
    """flatpak's libsoup fetcher: soup_status_get_phrase() with and without its number."""
    source, top, conf = _top(text)
    assert (source, top) == ("libsoup", "cert_untrusted_root") and conf < 0.6


CURL = [e for e in _judged("curl") if e.kind == "strerror" and e.get("number") is not None]


@pytest.mark.parametrize("entry", CURL, ids=[f"{e.get('number')}:{e.text[:30]}" for e in CURL])
def test_flatpak_ostree_curl_code_in_brackets(entry: Entry) -> None:
    """flatpak's and ostree's curl fetchers: "While fetching URL: [N] <curl_easy_strerror>"."""
    text = (f"error: While fetching https://dl.flathub.org/repo/summary.idx: "
            f"[{entry.get('number')}] {printed(entry.text)}")
    r = explain(text)
    assert r.recognized and r.findings[0].cause.value == _want(entry), text
    assert r.source == "flatpak" and r.side == "client"


@pytest.mark.parametrize("text", [
    "SSL handshake failed",  # Qt's, Kafka's, libpurple's words too: not read as libsoup's
    "QSslSocket: SSL handshake failed",
    # Qt's QNetworkReply::SslHandshakeFailedError is 6 too
    "Network error 6: SSL handshake failed", "Error 6: SSL handshake failed",
])
def test_libsoup_bare_phrase_is_not_claimed(text: str) -> None:
    r = explain(text)
    assert not any(m.pattern_id.startswith("libsoup.") for m in r.matches), text


@pytest.mark.parametrize("text", [
    "Insecure site", "hostname passt nicht", "6 Cancelled", "Pinset validation failure",
    "SSL connection 10.0.0.1 port 853",  # unbound's debug line of a handshake that worked
    "Cannot connect to destination (example.com)",
    "HTTP error code 4: Cannot connect to destination", "[60] retries left",
    "Error connecting to server: Cannot connect to destination",
    "Using degraded feature set UDP instead of UDP+EDNS0 for DNS server 10.0.0.1.",
])
def test_generic_words_stay_unrecognised(text: str) -> None:
    assert not explain(text).recognized, text


def test_jellyfin_certificate_lines_are_the_servers() -> None:
    r = explain("[2026-12-06 08:00:00.000 +00:00] [ERR] [1] Emby.Server.Implementations."
                "ApplicationHost: No private key included in SSL cert /config/ssl/jf.pfx.")
    assert (r.source, r.findings[0].cause.value, r.side) == (
        "jellyfin", "server_misconfiguration", "server")
