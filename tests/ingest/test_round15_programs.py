"""Round 15: whole programs whose TLS wording no table had, harvested from their own source
(scripts/harvest/frameworks3.py): nginx's error pages, GLib / glib-networking / GNOME Online
Accounts, libpurple in every language Pidgin ships, Nim and nimble, CertMagic, Tasmota's
BearSSL numbers, libbeat, Keycloak. Every judged entry in the forms its program prints it;
the same words elsewhere stay unrecognised."""

from __future__ import annotations

import pytest
from harvest_checks import first_cause as _want
from harvest_checks import judged as _judged
from harvest_checks import top as _top

from tlsdoctor.api import explain
from tlsdoctor.ingest.patterns.harvested import Entry, entries, printed

# -- nginx's pages ------------------------------------------------------------------------

PAGES = _judged("nginx_pages")


def _page_forms(e: Entry) -> list[str]:
    heading, title = e.get("heading"), e.get("title")
    return [f"{heading}\n{e.text}\nnginx",  # as a browser shows it (copied from the page)
            f"{heading}\n\n{e.text}\n\nnginx/1.24.0",
            f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{heading}"
            f"</h1></center>\r\n<center>{e.text}</center>\r\n<hr><center>nginx</center>",
            f"<title>{title}</title>"]


@pytest.mark.parametrize("entry", PAGES, ids=[e.id for e in PAGES])
def test_nginx_page_in_every_form(entry: Entry) -> None:
    for text in _page_forms(entry):
        _, top, _ = _top(text)
        assert top == _want(entry), text


def test_nginx_pages_table_is_whole() -> None:
    ids = {e.id for e in entries("nginx_pages")}
    assert {"ngx_http_error_494_page", "ngx_http_error_495_page", "ngx_http_error_496_page",
            "ngx_http_error_497_page"} <= ids
    assert len(PAGES) == 3  # 494 (header too large) is not about TLS


# -- GLib, glib-networking, GOA -----------------------------------------------------------

GLIB = _judged("glib_tls")


@pytest.mark.parametrize("entry", GLIB, ids=[f"{e.id}:{e.kind}" for e in GLIB])
def test_glib_every_judged_text(entry: Entry) -> None:
    forms = [printed(entry.text)]
    if entry.kind == "message" and "server" not in entry.path and "goa" not in entry.path:
        forms.append(f"gio: https://mail.example.org/: {printed(entry.text)}")
    for text in forms:
        r = explain(text)
        assert r.recognized and r.findings[0].cause.value == _want(entry), text
        # a sentence other tables have too ("The certificate has expired": wget's, OpenSSL's)
        # may be reported by them, with the same reading first
        assert any(m.pattern_id.startswith("glib_tls.") for m in r.matches), text


@pytest.mark.parametrize("lead", ["", "Error performing TLS handshake: ",
                                  "(evolution:4242): camel-WARNING **: 10:11:12.131: ",
                                  "gio: https://mail.example.org/: "])
def test_glib_unacceptable_is_a_ranking(lead: str) -> None:
    """The handshake refused the certificate, the flag is not printed: below 0.6."""
    source, top, conf = _top(f"{lead}Unacceptable TLS certificate")
    assert (source, top) == ("glib_tls", "cert_untrusted_root") and conf < 0.6


def test_glib_flags_read_by_name_and_by_goa_sentence() -> None:
    assert _top("errors: G_TLS_CERTIFICATE_BAD_IDENTITY")[1] == "hostname_mismatch"
    assert _top("The certificate has expired.")[1] == "cert_expired"
    assert _top("The certificate’s activation time is still in the future.")[1] \
        == "client_clock_wrong"
    assert len({e.id for e in entries("glib_tls") if e.id.startswith("goa.")}) >= 6


# -- libpurple ----------------------------------------------------------------------------

PURPLE = _judged("libpurple")


@pytest.mark.parametrize("entry", PURPLE,
                         ids=[f"{e.id}:{e.get('lang') or 'en'}" for e in PURPLE])
def test_libpurple_every_language(entry: Entry) -> None:
    """Each language's text inside that language's own "Unable to connect to %s: %s"."""
    form = str(entry.get("form")).replace("%TEXT%", entry.text)
    source, top, _ = _top(f"(14:11:39) flist: Web Request failed with error message: {form}")
    assert (source, top) == ("libpurple", _want(entry)), form


def test_libpurple_has_its_catalogs() -> None:
    langs = {e.get("lang") for e in entries("libpurple")}
    assert len(langs) >= 60 and {"hu", "de", "fr", "zh_CN", None} <= langs


# -- Nim, nimble --------------------------------------------------------------------------

NIM = _judged("nim")


@pytest.mark.parametrize("entry", NIM, ids=[e.id[:50] for e in NIM])
def test_nim_every_judged_text(entry: Entry) -> None:
    text = str(entry.get("form") or "") or (
        f"Error: unhandled exception: {printed(entry.text)} [SslError]")
    source, top, _ = _top(text)
    assert (source, top) == ("nim", _want(entry)), text


def test_nimble_line_is_the_client_first_below_certainty() -> None:
    text = ("Downloading Official package list\n     Error: Failed to verify the SSL "
            "certificate for https://nim-lang.org/nimble/packages.json\n"
            "      Hint: Use --noSSLCheck to ignore this error.")
    source, top, conf = _top(text)
    assert (source, top) == ("nim", "client_misconfiguration") and conf < 0.6
    refs = {r for e in entries("nim") if e.id == "nimble.ssl_verify" for r in e.refs}
    assert refs == {"v0.14.2", "HEAD"}


# -- CertMagic, Tasmota, libbeat, Keycloak ------------------------------------------------

CERTMAGIC = _judged("certmagic")


@pytest.mark.parametrize("entry", CERTMAGIC, ids=[e.id[:50] for e in CERTMAGIC])
def test_certmagic_every_judged_text(entry: Entry) -> None:
    text = (str(entry.get("form")).replace("%TEXT%", printed(entry.text)) if entry.get("form")
            else f'2026/12/05 10:00:00.000 WARN  tls  {printed(entry.text)}')
    _, top, _ = _top(printed(text))
    assert top == _want(entry), text


BEARSSL = [e for e in _judged("bearssl") if e.get("number") is not None]


@pytest.mark.parametrize("entry", BEARSSL, ids=[e.id for e in BEARSSL])
def test_tasmota_every_bearssl_number(entry: Entry) -> None:
    text = (f"01:57:35.935 MQT: Attempting connection...\n01:57:35.983 MQT: TLS connection "
            f"error: {entry.get('number')}\n01:57:35.983 MQT: Connect failed to "
            "broker.example:8883, rc -2. Retry in 20 sec")
    source, top, conf = _top(text)
    assert source == "bearssl"
    if entry.id == "BR_ERR_X509_DN_MISMATCH":  # the firmware's own DN hash: a ranking
        assert (top, conf) == ("bad_chain_order_or_extra", 0.5)
    else:
        assert top == _want(entry), text


@pytest.mark.parametrize(("number", "want"), [(296, "cipher_suite_mismatch"),
                                              (326, "protocol_version_mismatch"),
                                              (298, "client_cert_required")])
def test_tasmota_alerts_received(number: int, want: str) -> None:
    """256 + alert: the server's fatal alert (handshake_failure 40, protocol_version 70,
    bad_certificate 42: the device's own certificate refused)."""
    _, top, _ = _top(f"MQT: TLS connection error: {number}")
    assert top == want


def test_libbeat_eof_and_wrapped_go_error() -> None:
    source, top, conf = _top("2016-04-27T11:25:11+02:00 ERR SSL client failed to connect "
                             "with: EOF")
    assert source == "beats" and conf < 0.6
    _, top, _ = _top("transport.go:125: ERR SSL client failed to connect with: x509: "
                     "certificate signed by unknown authority")
    assert top == "cert_untrusted_root"  # Go's text inside, read by the Go table


@pytest.mark.parametrize("text", [
    "ERROR: Key material not provided to setup HTTPS. Please configure your keys/certificates "
    "or start the server in development mode.",
    "ERROR: Key material not provided to setup HTTPS. Please configure your keys/certificates, "
    "or if HTTPS access is not needed see the `http-enabled` option.",
    "ERROR: Failed to load 'https-*' material: NoSuchFileException /opt/keycloak/conf/tls.crt",
])
def test_keycloak_https_material(text: str) -> None:
    assert _top(text)[1] == "server_misconfiguration"


# -- Netty, Vert.x ------------------------------------------------------------------------

JAVA = _judged("netty") + _judged("vertx")


@pytest.mark.parametrize("entry", JAVA, ids=[f"{e.source}:{e.id[:50]}" for e in JAVA])
def test_netty_vertx_every_judged_text_as_java_prints_it(entry: Entry) -> None:
    form = str(entry.get("form") or "%TEXT%").replace("%TEXT%", printed(entry.text))
    for text in (form, f"{form}\n\tat io.netty.handler.ssl.SslHandler.handshake("
                       "SslHandler.java:1234)"):
        r = explain(text)
        assert r.recognized and r.findings[0].cause.value == _want(entry), text
        assert any(m.pattern_id.startswith(f"{entry.source}.") for m in r.matches), text


def test_netty_engine_problem_defers_to_its_cause() -> None:
    """"General OpenSslEngine problem" carries the verifier's exception as its cause."""
    text = ("javax.net.ssl.SSLHandshakeException: General OpenSslEngine problem\n"
            "Caused by: java.security.cert.CertificateExpiredException: NotAfter: "
            "Sat Jan 01 00:00:00 UTC 2022")
    assert _top(text)[1] == "cert_expired"


# -- pip ----------------------------------------------------------------------------------

PIP = _judged("pip")


@pytest.mark.parametrize("entry", PIP, ids=[e.id for e in PIP])
def test_pip_every_judged_text(entry: Entry) -> None:
    form = str(entry.get("form") or "%TEXT%").replace("%TEXT%", printed(entry.text))
    r = explain(f"WARNING: {form}")
    assert r.recognized and r.findings[0].cause.value == _want(entry), form
    if _want(entry) != "client_misconfiguration":
        assert r.findings[0].confidence < 0.6  # the wrapped error is not said: a ranking


# -- lftp ---------------------------------------------------------------------------------

LFTP = _judged("lftp")


@pytest.mark.parametrize("entry", LFTP, ids=[e.id[:50] for e in LFTP])
def test_lftp_every_verdict_as_printed(entry: Entry) -> None:
    for lead in ("ls: Fatal error: ", "mirror: Fatal error: ", "ERROR: "):
        text = f"{lead}Certificate verification: {printed(entry.text)} (4B:1F:0C:D3:8E)"
        r = explain(text)
        assert r.recognized and r.findings[0].cause.value == _want(entry), text
        assert any(m.pattern_id.startswith("lftp.") for m in r.matches), text


def test_lftp_no_certificate_presented_is_the_servers() -> None:
    """lftp's "No certificate presented by HOST": the server sent none (wget prints the same
    words; wget's own table reads them by a keyword rule as a client certificate)."""
    _, top, _ = _top("Fatal error: Certificate verification: No certificate presented by "
                     "ftp.example.org.")
    assert top == "server_misconfiguration"


# -- irssi --------------------------------------------------------------------------------

IRSSI = _judged("irssi")


@pytest.mark.parametrize("entry", IRSSI, ids=[e.id[:50] for e in IRSSI])
def test_irssi_every_warning_as_printed(entry: Entry) -> None:
    text = "17:01 " + str(entry.get("form")).replace("%TEXT%", printed(entry.text))
    r = explain(text)
    assert r.recognized and r.findings[0].cause.value == _want(entry), text


def test_irssi_handshake_reason_read_by_openssl() -> None:
    text = "-!- Irssi: warning SSL handshake failed: wrong version number"
    assert _top(text)[1] == "non_tls_service_on_port"


# -- the same words elsewhere -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "400 Bad Request",
    "the SSL certificate error page was redesigned",
    "SSL Connection Failed",
    "Connection is closed",
    "No flags",
    "Unknown Error",
    "Invalid IP Address",
    "MQT: Connect failed to broker.example:8883, rc -2. Retry in 20 sec",
    "MQT: TLS connection error: 0",
    "stapling OCSP",
    "SSL client failed to connect with the database team",
    "engine closed",
    "Expired",
    "Not trusted",
    "Revoked",
    "Already closed",
])
def test_same_words_elsewhere_stay_unrecognised(text: str) -> None:
    assert not explain(text).recognized, text


def test_audit_size() -> None:
    # Before round 15 none of these programs' own texts were recognised.
    cells = (len(PAGES) * 4 + sum(2 if e.kind == "message" else 1 for e in GLIB)
             + len(PURPLE) + len(NIM) + len(CERTMAGIC) + len(BEARSSL) + 2 * len(JAVA) + 3 * len(LFTP) + len(IRSSI) + len(PIP))
    assert cells >= 450
