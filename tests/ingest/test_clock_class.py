"""Round 12, clocks: client_clock_wrong vs cert_not_yet_valid vs cert_expired in every stack's
words (ingest/printed_times.py reads the times, ingest/clock.py says whose clock).

Two halves:

* each stack's exact wording, with times (implausible and plausible, both directions) and
  without, each case with a twin that must not move. Dates are built from this machine's
  clock, so every reading holds whenever the suite runs;
* real clients under libfaketime (their clock at 1970, 2000, ten years ahead) against a good
  server on 127.0.0.1, and with the right clock against a truly expired and a truly
  future-dated server: explain reads what each printed. Chromium too (its clock
  interstitial); Firefox ESR 153 does not start under libfaketime here.

Kinds of answer: CLOCK (client_clock_wrong first, >= 0.6, the client fixes it, the fix is the
clock's), RANKED (the clock first below 0.6, the certificate's notBefore listed: the words
fit both), EXPIRED (cert_expired first, the server fixes it, no confident clock).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tlsdoctor import explain
from tlsdoctor.ingest.printed_times import printed_times, when
from tlsdoctor.testing import faketime
from tlsdoctor.testing.broken_servers import BrokenSet, broken_servers
from tlsdoctor.testing.browser_pages import browser_unavailable, chromium_pages
from tlsdoctor.testing.client_programs import ClientKit

NOW = datetime.now(UTC).replace(microsecond=0)
DAY, YEAR = timedelta(days=1), timedelta(days=365)
CLOCK, RANKED, EXPIRED = "clock", "ranked", "expired"


def go(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def openssl(t: datetime) -> str:  # ASN1_TIME_print
    return f"{t:%b} {t.day:2d} {t:%H:%M:%S %Y} GMT"


def java(t: datetime) -> str:  # java.util.Date.toString, a UTC JVM
    return t.strftime("%a %b %d %H:%M:%S UTC %Y")


def android(t: datetime) -> str:
    return t.strftime("%a %b %d %H:%M:%S GMT+00:00 %Y")


def us(t: datetime) -> str:  # Firefox en-US numeric date
    return f"{t.month}/{t.day}/{t.year}"


def unix(t: datetime) -> int:
    return int(t.timestamp())


def _go(now: datetime, edge: datetime, way: str) -> str:
    return ("Unable to connect to the server: x509: certificate has expired or is not yet "
            f"valid: current time {go(now)} is {way} {go(edge)}")


def _firefox_153(clock: datetime, until: datetime) -> str:
    return ("Warning: Potential Security Risk Ahead\n\nFirefox doesn’t trust this site because "
            f"it looks like the certificate provided isn’t valid until 7:39 PM on {us(until)}."
            f"\n\nYour device’s clock is set to 7:40 PM {us(clock)}. If this is correct, the "
            "security issue is probably with the site itself. If it’s wrong, you can change it "
            "in your device’s system settings.\n\nError Code: "
            "MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE")


def _chrome_expired(clock: datetime) -> str:
    day = clock.strftime("%A, %B ") + f"{clock.day}, {clock.year}"
    return ("Your connection is not private\n\nNET::ERR_CERT_DATE_INVALID\nThis server could not "
            "prove that it is shop.example.test; its security certificate expired 3 days ago. "
            "This may be caused by a misconfiguration or an attacker intercepting your "
            f"connection. Your computer's clock is currently set to {day}. Does that look "
            "right? If not, you should correct your system's clock and then refresh this page.")


def _wget(stamp: datetime) -> str:
    return (f"--{stamp:%Y-%m-%d %H:%M:%S}--  https://pi.example.test/\nResolving pi.example.test"
            "... 192.0.2.7\nConnecting to pi.example.test|192.0.2.7|:443... connected.\n"
            "ERROR: The certificate of ‘pi.example.test’ is not yet activated.\n"
            "The certificate has not yet been activated")


# (id, text, kind): each implausible case next to its plausible twin.
CASES: list[tuple[str, str, str]] = [
    # Go, src/crypto/x509/verify.go: "current time %s is before|after %s" (RFC 3339)
    ("go-epoch", _go(datetime(1970, 1, 1, 0, 2, 11, tzinfo=UTC), NOW - 30 * DAY, "before"), CLOCK),
    ("go-rtc-2000", _go(datetime(2000, 1, 1, tzinfo=UTC), NOW - 30 * DAY, "before"), CLOCK),
    ("go-years-before-issue", _go(NOW - 3 * YEAR, NOW - 30 * DAY, "before"), CLOCK),
    ("go-twin-days-before", _go(NOW - DAY, NOW + 20 * DAY, "before"), RANKED),
    ("go-twin-months-before", _go(NOW, NOW + 200 * DAY, "before"), RANKED),
    ("go-ahead", _go(NOW + 10 * YEAR, NOW + YEAR, "after"), CLOCK),
    ("go-twin-expired", _go(NOW, NOW - 2 * DAY, "after"), EXPIRED),
    ("go-1.20-wrapper", "Get \"https://api.example.test/\": tls: failed to verify certificate: "
                        + _go(datetime(1970, 1, 1, tzinfo=UTC), NOW, "before").split(": ", 1)[1],
     CLOCK),
    # rustls >= 0.23 Display and Debug of ExpiredContext / NotValidYetContext
    ("rustls-epoch", "invalid peer certificate: certificate not valid yet: verification time 131 "
                     f"(UNIX), but certificate is not valid before {unix(NOW - 30 * DAY)} (1 "
                     "seconds in future)", CLOCK),
    ("rustls-twin", "invalid peer certificate: certificate not valid yet: verification time "
                    f"{unix(NOW)} (UNIX), but certificate is not valid before "
                    f"{unix(NOW + 20 * DAY)} (1728000 seconds in future)", RANKED),
    ("rustls-ahead", "invalid peer certificate: certificate expired: verification time "
                     f"{unix(NOW + 10 * YEAR)} (UNIX), but certificate is not valid after "
                     f"{unix(NOW + YEAR)} (283824000 seconds ago)", CLOCK),
    ("rustls-twin-expired", "invalid peer certificate: certificate expired: verification time "
                            f"{unix(NOW)} (UNIX), but certificate is not valid after "
                            f"{unix(NOW - 2 * DAY)} (172800 seconds ago)", EXPIRED),
    ("rustls-debug", "Error: InvalidCertificate(NotValidYetContext { time: UnixTime(12), "
                     f"not_before: UnixTime({unix(NOW)}) }})", CLOCK),
    ("rustls-debug-twin", "Error: InvalidCertificate(NotValidYet)", RANKED),
    # Conscrypt (Android), OpenSSLX509Certificate.checkValidity
    ("android-epoch", "javax.net.ssl.SSLHandshakeException: java.security.cert."
                      "CertPathValidatorException: Could not validate certificate: Certificate "
                      f"not valid until {android(NOW - 30 * DAY)} (compared to Thu Jan 01 "
                      "00:00:12 GMT+00:00 1970)", CLOCK),
    ("android-twin", "Could not validate certificate: Certificate not valid until "
                     f"{android(NOW + 20 * DAY)} (compared to {android(NOW)})", RANKED),
    ("android-ahead", "Could not validate certificate: Certificate expired at "
                      f"{android(NOW + YEAR)} (compared to {android(NOW + 10 * YEAR)})", CLOCK),
    ("android-twin-expired", "Could not validate certificate: Certificate expired at "
                             f"{android(NOW - 2 * DAY)} (compared to {android(NOW)})", EXPIRED),
    # Java, sun.security.x509.CertificateValidity: "NotAfter: " + Date
    ("java-still-valid-here", "Caused by: java.security.cert.CertificateExpiredException: "
                              f"NotAfter: {java(NOW + 300 * DAY)}", CLOCK),
    ("java-twin-expired", "Caused by: java.security.cert.CertificateExpiredException: "
                          f"NotAfter: {java(NOW - 2 * DAY)}", EXPIRED),
    ("java-not-yet", "Caused by: java.security.cert.CertificateNotYetValidException: NotBefore: "
                     f"{java(NOW + 20 * DAY)}", RANKED),
    ("java-debug-stamp", "javax.net.ssl|ERROR|01|main|1970-01-01 00:00:12.345 UTC|"
                         "TransportContext.java:375|Fatal (CERTIFICATE_UNKNOWN): PKIX path "
                         "validation failed: java.security.cert.CertPathValidatorException: "
                         "validity check failed\nCaused by: java.security.cert."
                         f"CertificateNotYetValidException: NotBefore: {java(NOW - DAY)}", CLOCK),
    # OpenSSL s_client, apps/lib/s_cb.c: the line after "verify error:num=9|10"
    ("openssl-still-valid-here", "depth=0 CN = shop.example.test\nverify error:num=10:"
                                 f"certificate has expired\nnotAfter={openssl(NOW + 300 * DAY)}\n"
                                 "verify return:1", CLOCK),
    ("openssl-twin-expired", "depth=0 CN = shop.example.test\nverify error:num=10:certificate "
                             f"has expired\nnotAfter={openssl(NOW - 2 * DAY)}\nverify return:1",
     EXPIRED),
    ("openssl-not-yet", "depth=0 CN = shop.example.test\nverify error:num=9:certificate is not "
                        f"yet valid\nnotBefore={openssl(NOW + 20 * DAY)}\nverify return:1", RANKED),
    # a date beside the error but not tied to it (openssl x509 -dates of another file)
    ("openssl-twin-untied", "curl: (60) SSL certificate problem: certificate has expired\n"
                            "$ openssl x509 -noout -dates -in new.pem\nnotBefore="
                            f"{openssl(NOW - DAY)}\nnotAfter={openssl(NOW + 300 * DAY)}", EXPIRED),
    ("openssl-master-wording", "verify error:num=9:certificate is not yet valid or the system "
                               "clock is incorrect", RANKED),
    # the line's own stamp is older than the library that printed it (OpenSSL 3.x code)
    ("openssl3-stamp-2015", "2015-08-01T12:37:28.484779Z ERROR app::tls: OpenSSL Error[0]: "
                            "error:0A000086:SSL routines::certificate verify failed", CLOCK),
    # twin: a 2015 stamp on OpenSSL 1.0's code is a date that library lived at
    ("openssl1-stamp-2015-twin", "2015-08-01T12:37:28Z ERROR app::tls: error:14090086:SSL "
                                 "routines:ssl3_get_server_certificate:certificate verify "
                                 "failed", "-clock"),
    # wget: "--DATE TIME--  URL" before each request is its own clock
    ("wget-epoch", _wget(datetime(1970, 1, 1, 0, 2, 11, tzinfo=UTC)), CLOCK),
    ("wget-twin", _wget(NOW), RANKED),
    # words without times
    ("curl", "curl: (60) SSL certificate problem: certificate is not yet valid", RANKED),
    ("curl-twin-expired", "curl: (60) SSL certificate problem: certificate has expired", EXPIRED),
    ("python", "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify "
               "failed: certificate is not yet valid (_ssl.c:1006)", RANKED),
    ("node", "Error: certificate is not yet valid\n    at TLSSocket.onConnectSecure "
             "(node:_tls_wrap:1699:34) {\n  code: 'CERT_NOT_YET_VALID'\n}", RANKED),
    ("node-twin", "Error: certificate has expired\n  code: 'CERT_HAS_EXPIRED'", EXPIRED),
    ("gnutls", "gnutls_handshake() failed: The certificate is not yet activated.", RANKED),
    ("gnutls-cli", "- Status: The certificate is NOT trusted. The certificate chain uses not yet "
                   "valid certificate.", RANKED),
    ("mbedtls", "  ! The certificate validity starts in the future", RANKED),
    ("wolfssl", "wolfSSL_connect error -150, ASN date error, current date before", RANKED),
    ("apple", "Error Domain=NSURLErrorDomain Code=-1204 \"The certificate for this server is "
              "not yet valid\"", RANKED),
    ("firefox-153", _firefox_153(datetime(2000, 1, 1, tzinfo=UTC), NOW - 30 * DAY), CLOCK),
    ("firefox-153-twin", _firefox_153(NOW, NOW + 20 * DAY), RANKED),
    ("firefox-old", f"The certificate will not be valid until {us(NOW - 30 * DAY)} 00:00. The "
                    "current time is 1/1/2000 00:00.", CLOCK),
    ("firefox-old-twin", f"The certificate expired on {us(NOW - 2 * DAY)} 11:02. The current "
                         f"time is {us(NOW)} 09:30.", EXPIRED),
    ("firefox-clock-skew-page", "Your Computer Clock is Wrong\n\nYour computer thinks it is Jan "
                                "1, 2000, which prevents Firefox from connecting securely. To "
                                "visit shop.example.test, update your computer clock in your "
                                "system settings to the current date, time, and time zone, and "
                                "then refresh the page.", CLOCK),
    # Firefox's expired page says "or your computer clock is set to the wrong time" always
    ("firefox-expired-boilerplate", "Firefox detected an issue and did not continue to "
                                    "shop.example.test. The website is either misconfigured or "
                                    "your computer clock is set to the wrong time.\n\nError code: "
                                    "SEC_ERROR_EXPIRED_CERTIFICATE", "-clock"),
    ("chrome-clock-page", "Clock error\nYour clock is behind\nA private connection to "
                          "shop.example.test can't be established because your computer's date "
                          "and time (Saturday, January 1, 2000) are incorrect.\n"
                          "NET::ERR_CERT_DATE_INVALID", CLOCK),
    ("chrome-ten-years-early", "NET::ERR_CERT_DATE_INVALID\nThis server could not prove that it "
                               "is shop.example.test; its security certificate is supposedly "
                               "from 3650 days in the future.", CLOCK),
    ("chrome-twin-days-early", "NET::ERR_CERT_DATE_INVALID\nThis server could not prove that it "
                               "is shop.example.test; its security certificate is supposedly "
                               "from tomorrow.", RANKED),
    ("chrome-clock-ahead", _chrome_expired(NOW + 10 * YEAR), CLOCK),
    ("chrome-twin-expired", _chrome_expired(NOW), EXPIRED),
    # the text says the clock is wrong (timedatectl's own output), or names its tools
    ("go-and-timedatectl", "x509: certificate has expired or is not yet valid\n$ timedatectl\n"
                           "               Local time: Thu 2000-01-01 00:03:10 UTC\n"
                           "System clock synchronized: no\n              NTP service: inactive",
     CLOCK),
    ("go-bare-twin", "x509: certificate has expired or is not yet valid", EXPIRED),
    ("expired-and-rtc", "curl: (60) SSL certificate problem: certificate has expired\n"
                        "(the board has no RTC)", "ranked-clock"),
]


def _read(text: str) -> tuple[str, float, str, list[str], list[str]]:
    r = explain(text)
    assert r.recognized, text
    top = r.findings[0]
    steps = [s.text + " " + s.code for s in top.fix]
    return (top.cause.value, float(top.confidence or 0), top.who_fixes.value,
            [f.cause.value for f in r.findings], steps)


def check(kind: str, text: str) -> None:
    cause, conf, party, causes, steps = _read(text)
    seen = f"{cause} {conf:.2f} {causes}"
    if kind == CLOCK:
        assert cause == "client_clock_wrong" and conf >= 0.6, seen
        assert party == "client" and any("timedatectl set-ntp true" in s for s in steps), steps
    elif kind == RANKED:
        assert cause == "client_clock_wrong" and conf < 0.6, seen
        assert "cert_not_yet_valid" in causes, seen
    elif kind == "ranked-clock":  # the clock first, below certainty, the expiry second
        assert cause == "client_clock_wrong" and conf < 0.6 and "cert_expired" in causes, seen
    elif kind == EXPIRED:
        assert cause == "cert_expired" and party == "server", seen
        assert any("Renew" in s for s in steps), steps
    else:  # "-clock": whatever the reading, not the clock
        assert cause != "client_clock_wrong", seen


@pytest.mark.parametrize(("text", "kind"), [(t, k) for _, t, k in CASES],
                         ids=[i for i, _, _ in CASES])
def test_each_stack_wording(text: str, kind: str) -> None:
    check(kind, text)


def test_the_reading_names_what_it_saw() -> None:
    r = explain(CASES[0][1])
    assert r.source == "kubectl" or r.source == "go"
    assert "1970-01-01" in r.meaning and "never set" in r.meaning
    clock = r.findings[0]
    assert "1970-01-01T00:02:11Z" in " ".join(clock.evidence)
    # the tell-apart check says where to look: the machine that failed, against the server
    assert "date -u" in str(clock.facts.get("tell_apart", "")) or r.findings[1:] == ()
    ranked = explain(CASES[3][1]).findings[0]
    assert "date -u" in str(ranked.facts["tell_apart"])


def test_a_servers_log_is_not_read_for_the_clients_clock() -> None:
    """A server's own time stamps say nothing of the client's clock: nginx verifying a client
    certificate at 1970 still reads as the client's certificate."""
    line = ("1970/01/01 00:00:12 [info] 812#812: *1 client SSL certificate verify error: "
            "(9:certificate is not yet valid) while reading client request headers, client: "
            "192.0.2.9, server: api.example.test")
    cause, _, _, causes, _ = _read(line)
    assert cause != "client_clock_wrong" and "client_clock_wrong" not in causes


@pytest.mark.parametrize(("printed", "want"), [
    ("2021-04-01T14:43:32+02:00", datetime(2021, 4, 1, 12, 43, 32, tzinfo=UTC)),
    ("Dec  3 19:39:47 2026 GMT", datetime(2026, 12, 3, 19, 39, 47, tzinfo=UTC)),
    ("Fri Dec 25 19:39:47 UTC 2026", datetime(2026, 12, 25, 19, 39, 47, tzinfo=UTC)),
    ("Sat Dec 05 19:39:47 GMT+00:00 2026", datetime(2026, 12, 5, 19, 39, 47, tzinfo=UTC)),
    ("Saturday, December 5, 2026", datetime(2026, 12, 5, tzinfo=UTC)),
    ("7:40 PM 12/5/2026", datetime(2026, 12, 5, 19, 40, tzinfo=UTC)),
    ("11 February 2018, 21:46", datetime(2018, 2, 11, 21, 46, tzinfo=UTC)),
    ("1700000000", datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)),
    ("13/45/2026", None), ("Smarch 3, 2026", None), ("soon", None),
])
def test_dates_as_each_program_prints_them(printed: str, want: datetime | None) -> None:
    assert when(printed) == want


def test_only_dates_tied_to_the_failure_are_read() -> None:
    t = printed_times("- Certificate[0] info:\n - subject `CN=a', activated `2020-01-01 00:00:00 "
                      "UTC', expires `2099-01-01 00:00:00 UTC'\n- Status: The certificate chain "
                      "uses expired certificate.")
    assert t.not_after is None and t.now is None  # gnutls-cli lists every certificate's dates
    t = printed_times(CASES[0][1])
    assert t.now == datetime(1970, 1, 1, 0, 2, 11, tzinfo=UTC) and t.not_before is not None


# --- real clients, their clock moved by libfaketime ------------------------------------------

CLIENTS = ("curl", "openssl_verify_error", "gnutls_cli", "wget", "python_ssl_str", "node", "go",
           "java", "nss_tstclnt")
# Clients whose output carries a time that decides (their own clock, or a date the failing
# certificate is still valid at): confident there; the others print only the words.
_TELLS_BEHIND = {"go", "wget"}
_TELLS_AHEAD = {"go", "wget", "openssl_verify_error", "java"}
# NSS's classic verifier says "has expired" for notBefore too and prints no time
# (lib/certhigh/certvfy.c): its words read expiry first whichever way the clock is off.
_NSS = "nss_tstclnt"
_BEHIND = {"epoch": datetime(1970, 1, 1, 0, 2, 11, tzinfo=UTC),
           "rtc-default": datetime(2000, 1, 1, tzinfo=UTC)}


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BrokenSet, ClientKit]]:
    if faketime.LIBRARY is None:
        pytest.skip("faketime (libfaketime) is not installed")
    work: Path = tmp_path_factory.mktemp("clocks")
    with broken_servers(work, only={"ok", "expired", "not_yet_valid"}) as servers:
        assert not servers.skipped, servers.skipped
        yield servers, ClientKit(work, servers.ca_file)


@pytest.mark.parametrize("client", CLIENTS)
def test_real_client_with_a_wrong_clock(lab: tuple[BrokenSet, ClientKit], client: str) -> None:
    servers, kit = lab
    why = kit.unavailable(client)
    if why:
        pytest.skip(why)
    good = servers.port("ok")
    control = kit.run(client, good)
    assert control.exit_code == 0, control.text[-400:]  # the right clock connects
    for name, at in _BEHIND.items():
        printed = kit.run(client, good, clock=at)
        assert printed.exit_code != 0, (name, printed.text[-400:])
        kind = CLOCK if client in _TELLS_BEHIND else RANKED
        if client == _NSS:
            kind = "-clock"
        check(kind, printed.text)
    ahead = kit.run(client, good, clock=datetime.now(UTC) + 10 * YEAR)
    assert ahead.exit_code != 0, ahead.text[-400:]
    # curl, Python, Node, gnutls-cli, tstclnt print "has expired" and no time tied to it:
    # the certificate stays first, as it should for words that say nothing more.
    check(CLOCK if client in _TELLS_AHEAD else EXPIRED, ahead.text)


@pytest.mark.parametrize("client", CLIENTS)
def test_real_client_with_the_right_clock(lab: tuple[BrokenSet, ClientKit],
                                          client: str) -> None:
    """The other reality: the server's certificate really expired two days ago, or really
    starts in twenty days. It must not become a confident clock."""
    servers, kit = lab
    why = kit.unavailable(client)
    if why:
        pytest.skip(why)
    expired = kit.run(client, servers.port("expired")).text
    future = kit.run(client, servers.port("not_yet_valid")).text
    if client == _NSS:
        for text in (expired, future):
            cause, conf, *_ = _read(text)
            assert cause == "cert_expired" and conf < 0.6
        return
    check(EXPIRED, expired)
    cause, conf, _, causes, _ = _read(future)
    assert cause in ("client_clock_wrong", "cert_not_yet_valid") and conf < 0.6, (cause, conf)
    assert "cert_not_yet_valid" in causes


def test_chromium_with_a_clock_behind(lab: tuple[BrokenSet, ClientKit],
                                      tmp_path: Path) -> None:
    """Chromium 156 under libfaketime at 2000-01-01 finds its clock wrong against its build
    time and shows its clock interstitial ("Your clock is behind ... your computer's date and
    time (...) are incorrect"); with the right clock, the expired and the future-dated
    servers keep their own readings."""
    why = browser_unavailable("chromium")
    if why:
        pytest.skip(why)
    servers, _ = lab
    url = f"https://localhost:{servers.port('ok')}/"
    behind = chromium_pages({"ok": url}, servers.ca_file, tmp_path / "behind",
                            clock=datetime(2000, 1, 1, tzinfo=UTC))["ok"]
    assert "Your clock is behind" in behind.text, behind.text[-400:]
    check(CLOCK, behind.text)
    right = chromium_pages({f: f"https://localhost:{servers.port(f)}/"
                            for f in ("expired", "not_yet_valid")}, servers.ca_file,
                           tmp_path / "right")
    check(EXPIRED, right["expired"].text)
    check(RANKED, right["not_yet_valid"].text)
