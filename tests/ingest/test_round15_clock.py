"""Round 15, expired / not yet valid / the clock: which certificate and whose fault.

Three readings (ingest/expired_ca.py, ingest/clock.py), each audited as stacks x wordings
x contexts with a twin that must not move, then proved with real programs on 127.0.0.1:

* a known expired root or cross-sign (ingest/expired_cas.json), read by its notAfter in
  Go's, OpenSSL's and Java's words and by its name in s_client's, gnutls-cli's and wget's:
  the CA's own advice first (the server's chain for AddTrust, the client's store for DST
  Root CA X3), never at 0.6;
* a certificate with no dates (0001-01-01, Go's zero time: a program's placeholder when its
  configured certificate was not loaded) in Go's, OpenSSL's and GnuTLS's words: a
  configuration that did not take effect, not an expiry;
* a program's own advice to check the clock beside a certificate failure without a date
  (vic-machine's "check for clock skew on the host"): the clock first, below 0.6.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from expired_cross_sign_lab import CrossSignLab, build

from tlsdoctor import explain
from tlsdoctor.ingest.expired_ca import known_cas
from tlsdoctor.testing.client_programs import ClientKit
from tlsdoctor.testing.servers import openssl_server

NOW = datetime.now(UTC).replace(microsecond=0)
DAY = timedelta(days=1)
FIRST = {"server_chain": "cert_expired", "client_store": "client_misconfiguration"}


def _top(text: str) -> tuple[str, float, str, list[str]]:
    r = explain(text)
    assert r.recognized, text
    top = r.findings[0]
    return (top.cause.value, float(top.confidence or 0), str(top.facts.get("pattern", "")),
            [f.cause.value for f in r.findings])


def go(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def ossl(t: datetime) -> str:  # ASN1_TIME_print
    return f"{t:%b} {t.day:2d} {t:%H:%M:%S} {t.year} GMT"


def java(t: datetime) -> str:  # java.util.Date.toString in a UTC JVM
    return t.strftime("%a %b %d %H:%M:%S UTC %Y")


# --- by date: each stack that prints the failing certificate's notAfter ------------------

def _dated(form: str, not_after: datetime) -> str:
    now = NOW  # printed today (Go 1.20's wording before 2023 would be a clock behind)
    return {
        "go": f"Get \"https://api.example.test/\": x509: certificate has expired or is not yet "
              f"valid: current time {go(now)} is after {go(not_after)}",
        "go120": f"tls: failed to verify certificate: x509: certificate has expired or is not "
                 f"yet valid: current time {go(now)} is after {go(not_after)}",
        "kubectl": f"Unable to connect to the server: x509: certificate has expired or is not "
                   f"yet valid: current time {go(now)} is after {go(not_after)}",
        "s_client": f"CONNECTED(00000003)\ndepth=2 O = Example, CN = Example Root\nverify "
                    f"error:num=10:certificate has expired\nnotAfter={ossl(not_after)}\nverify "
                    "return:0",
        # rustls >= 0.23 (CertificateError::ExpiredContext's Display)
        "rustls": f"invalid peer certificate: certificate expired: verification time "
                  f"{int(now.timestamp())} (UNIX), but certificate is not valid after "
                  f"{int(not_after.timestamp())} ({int((now - not_after).total_seconds())} "
                  "seconds ago)",
        "java": "javax.net.ssl.SSLHandshakeException: PKIX path validation failed: "
                "java.security.cert.CertPathValidatorException: validity check failed\n"
                f"Caused by: java.security.cert.CertificateExpiredException: NotAfter: "
                f"{java(not_after)}",
    }[form]


_DATE_FORMS = ("go", "go120", "kubectl", "s_client", "rustls", "java")
DATED = [(f"{ca.name or 'cross-sign'}-{ca.not_after:%Y}-{form}", ca.not_after, ca.fixed_by, form)
         for ca in known_cas() for form in _DATE_FORMS]


@pytest.mark.parametrize(("not_after", "fixed_by", "form"), [d[1:] for d in DATED],
                         ids=[d[0] for d in DATED])
def test_a_known_expiry_date_names_the_certificate(not_after: datetime, fixed_by: str,
                                                   form: str) -> None:
    cause, conf, pattern, causes = _top(_dated(form, not_after))
    assert pattern == "clock.expired_ca.date", (pattern, cause)
    assert cause == FIRST[fixed_by] and conf < 0.6, (cause, conf)
    assert "cert_expired" in causes


@pytest.mark.parametrize("form", _DATE_FORMS)
def test_twin_a_date_three_days_off_is_the_servers_own(form: str) -> None:
    for ca in known_cas():
        cause, _, pattern, _ = _top(_dated(form, ca.not_after + 3 * DAY))
        assert not pattern.startswith("clock.expired_ca"), (ca.name, pattern)
        assert cause == "cert_expired", (ca.name, form, cause)


# --- by name: the stacks that print the expired certificate's (or its issuer's) name ------

def _named(form: str, name: str) -> str:
    return {
        "s_client": f"depth=3 C = XX, O = Example, CN = {name}\nverify error:num=10:certificate "
                    "has expired\nverify return:0",
        "gnutls": f"- Certificate[2] info:\n - subject `CN=Example Root R1,O=Example', issuer "
                  f"`CN={name},O=Example', serial 0x0b, EC/ECDSA key 256 bits\n- Status: The "
                  "certificate is NOT trusted. The certificate chain uses expired certificate.\n"
                  "*** PKI verification of server certificate failed...",
        "wget": f"ERROR: cannot verify example.org's certificate, issued by 'CN={name},O="
                "Example':\n  Issued certificate has expired.",
        "verify": f"C = XX, O = Example, CN = {name}\nerror 10 at 3 depth lookup: certificate "
                  "has expired\nerror chain.pem: verification failed",  # openssl verify
    }[form]


NAMED = [(f"{ca.name}-{form}", ca.name, ca.fixed_by, form) for ca in known_cas()
         if ca.name and ca.not_after < NOW for form in ("s_client", "gnutls", "wget", "verify")]


@pytest.mark.parametrize(("name", "fixed_by", "form"), [n[1:] for n in NAMED],
                         ids=[n[0] for n in NAMED])
def test_a_known_expired_root_named_beside_the_expiry(name: str, fixed_by: str,
                                                      form: str) -> None:
    cause, conf, pattern, _ = _top(_named(form, name))
    assert pattern == "clock.expired_ca.name", (pattern, cause)
    assert cause == FIRST[fixed_by] and conf < 0.6, (cause, conf)


def test_twins_a_name_printed_before_the_root_expired_or_far_from_the_expiry() -> None:
    for ca in known_cas():
        if not ca.name:
            continue
        before = ca.not_after - 400 * DAY
        stamped = f"--{before:%Y-%m-%d %H:%M:%S}--  https://example.org/\n" + _named("wget", ca.name)
        assert not _top(stamped)[2].startswith("clock.expired_ca"), ca.name
        far = f"issuer: CN={ca.name}\n" + "\n".join(["."] * 6) + "\ncertificate has expired"
        assert not _top(far)[2].startswith("clock.expired_ca"), ca.name
        other = _named("s_client", ca.name + " G9")
        assert not _top(other)[2].startswith("clock.expired_ca"), ca.name


# --- no dates: the zero time of a placeholder certificate ----------------------------------

ZERO = "0001-01-01T00:00:00Z"
NO_DATES = {
    "go": f"x509: certificate has expired or is not yet valid: current time {go(NOW)} is "
          f"after {ZERO}",
    "go120": f"tls: failed to verify certificate: x509: certificate has expired or is not yet "
             f"valid: current time {go(NOW)} is after {ZERO}",
    "frpc": f"[W] [service.go:102] login to server failed: x509: certificate has expired or is "
            f"not yet valid: current time {go(NOW)} is after {ZERO}",
    "s_client": "depth=0 \nverify error:num=10:certificate has expired\nnotAfter=Jan  1 "
                "00:00:00 1 GMT\nverify return:1",
    "gnutls": " - no subject,no issuer,serial 0x01, EC/ECDSA key 256 bits, signed using "
              "ECDSA-SHA256, activated `1970-01-01 00:00:00 UTC', expires `1970-01-01 00:00:00 "
              "UTC'\n- Status: The certificate is NOT trusted. The certificate chain uses "
              "expired certificate.",
}


@pytest.mark.parametrize("form", list(NO_DATES))
def test_a_certificate_without_dates_is_a_configuration(form: str) -> None:
    cause, conf, pattern, causes = _top(NO_DATES[form])
    assert pattern == "clock.no_dates", (pattern, cause)
    assert cause == "client_misconfiguration" and conf < 0.6
    assert "server_misconfiguration" in causes and "client_clock_wrong" not in causes
    twin = NO_DATES[form].replace(ZERO, go(NOW - 3 * DAY)).replace(
        " 1 GMT", f" {NOW.year - 1} GMT").replace("1970-01-01 00:00:00 UTC'\n", "2031-01-01 "
                                                   "00:00:00 UTC'\n")
    assert _top(twin)[2] != "clock.no_dates", twin


# --- the program's own advice names the clock ----------------------------------------------

HINTS = ("- check for clock skew on the host", ". Please check your system clock.",
         " (make sure the system time is correct)", "; verify the date and time on this device",
         ". Check that the host's clock is synchronized.",
         # statements, not advice: a program's warning, a person's own words
         "\nWARNING: The system clock has not been set correctly.",
         "\n(the clock was wrong on the device)")
FAILURES = ("vic-machine-linux failed: tls: bad certificate",
            "remote error: tls: bad certificate",
            "error:14094412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate",
            "javax.net.ssl.SSLHandshakeException: Received fatal alert: bad_certificate",
            "SSL: CERTIFICATE_VERIFY_FAILED certificate verify failed")
HINTED = [(f"{f[:18]}|{h.strip()[:18]}", f, h) for f in FAILURES for h in HINTS]


@pytest.mark.parametrize(("failure", "hint"), [h[1:] for h in HINTED], ids=[h[0] for h in HINTED])
def test_a_programs_clock_hint_ranks_the_clock(failure: str, hint: str) -> None:
    cause, conf, pattern, causes = _top(f"Connection failed: {failure}{hint}")
    assert (cause, pattern) == ("client_clock_wrong", "clock.hinted") and conf < 0.6, pattern
    assert "cert_not_yet_valid" in causes
    assert _top(f"Connection failed: {failure}")[2] != "clock.hinted"


def test_twin_a_hint_beside_a_failure_that_is_not_the_certificates() -> None:
    for text in ("curl: (7) Failed to connect to example.org port 443: Connection refused. "
                 "Please check your system clock.",
                 "ssl3_get_record:wrong version number - check for clock skew on the host",
                 # NSS prints this for every date error (SECerrs.h): boilerplate, no hint
                 "SEC_ERROR_CRL_EXPIRED: The CRL for the certificate's issuer has expired. "
                 "Update it or check your system date and time."):
        assert _top(text)[2] != "clock.hinted", text


def test_twin_a_hint_beside_an_expiry_keeps_the_expiry() -> None:
    cause, _, pattern, _ = _top("curl: (60) SSL certificate problem: certificate has expired. "
                                "Please check your system clock.")
    assert pattern != "clock.hinted" and cause == "cert_expired"


def test_the_evidence_line_is_the_programs_own_line() -> None:
    # The stock advice is left out of the reading, not out of the line shown as evidence.
    line = ("certificate verify failed: unable to get local issuer certificate. Check your "
            "system date and time, then make sure the device clock syncs.")
    top = explain(f"Connecting...\n{line}\nbye").findings[0]
    assert top.cause.value == "client_clock_wrong", top.evidence
    assert set(top.evidence) == {line}, top.evidence  # no line with the advice cut out


# --- real programs on 127.0.0.1 ----------------------------------------------------------

_BY_DATE = ("openssl_verify_error", "go", "java")  # print the expired certificate's notAfter
_BY_NAME = ("gnutls_cli",)  # prints the chain's names beside its status
_WORDS_ONLY = ("curl", "python_ssl_str", "node")  # "certificate has expired", nothing more
_CURRENT = ("openssl_verify_error", "go", "curl")  # build around the cross-sign (alt chains)
# The CA each lab imitates: its real name and notAfter, from the data file.
_LABS = {"addtrust": "AddTrust External CA Root", "dst": "DST Root CA X3"}


@pytest.fixture(scope="module", params=list(_LABS))
def cross_lab(request: pytest.FixtureRequest,
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, CrossSignLab, int]]:
    ca = next(c for c in known_cas() if c.name == _LABS[request.param])
    lab = build(tmp_path_factory.mktemp(f"cross-{request.param}"), ca.name, ca.not_after)
    with openssl_server(lab.chain, lab.key) as server:
        yield ca.fixed_by, lab, server.address[1]


@pytest.mark.parametrize("client", _BY_DATE + _BY_NAME + _WORDS_ONLY)
def test_real_client_through_an_expired_cross_sign(cross_lab: tuple[str, CrossSignLab, int],
                                                   client: str, tmp_path: Path) -> None:
    fixed_by, lab, port = cross_lab
    kit = ClientKit(tmp_path, lab.old_store)
    why = kit.unavailable(client)
    if why:
        pytest.skip(why)
    printed = kit.run(client, port, timeout=8.0)
    assert printed.exit_code != 0, printed.text[-400:]
    cause, conf, pattern, causes = _top(printed.text)
    if client in _WORDS_ONLY:  # the words name no certificate: the expiry, ranked
        assert cause == "cert_expired" and conf < 0.6, (cause, conf, printed.text[-300:])
        return
    via = "date" if client in _BY_DATE else "name"
    assert pattern == f"clock.expired_ca.{via}", (pattern, printed.text[-400:])
    assert cause == FIRST[fixed_by] and conf < 0.6 and "cert_expired" in causes


@pytest.mark.parametrize("client", _CURRENT)
def test_real_current_client_builds_around_the_cross_sign(
        cross_lab: tuple[str, CrossSignLab, int], client: str, tmp_path: Path) -> None:
    """The other half of the story the readings tell: with the new root in its store, a
    current OpenSSL or Go finds the path that avoids the expired cross-sign."""
    _, lab, port = cross_lab
    kit = ClientKit(tmp_path, lab.both_store)
    why = kit.unavailable(client)
    if why:
        pytest.skip(why)
    printed = kit.run(client, port, timeout=3.0)
    assert "expired" not in printed.text.lower(), printed.text[-400:]


_PLACEHOLDER_GO = """package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"math/big"
	"os"
)

// A certificate from a template that sets only a serial number: its dates stay Go's zero
// time, as a server's fallback certificate made this way has them.
func main() {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	tmpl := x509.Certificate{SerialNumber: big.NewInt(1)}
	der, err := x509.CreateCertificate(rand.Reader, &tmpl, &tmpl, &key.PublicKey, key)
	if err != nil {
		panic(err)
	}
	k, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		panic(err)
	}
	os.WriteFile(os.Args[1], pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(os.Args[2], pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: k}), 0o600)
}
"""


@pytest.fixture(scope="module")
def placeholder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int]]:
    if shutil.which("go") is None:
        pytest.skip("go is not installed (it makes the zero-dated certificate)")
    d = tmp_path_factory.mktemp("placeholder")
    (d / "gen.go").write_text(_PLACEHOLDER_GO)
    env = {**os.environ, "GOCACHE": str(d / "cache"), "GOPATH": str(d / "path"), "GOFLAGS": "",
           "GO111MODULE": "off", "GOPROXY": "off"}
    subprocess.run(["go", "run", str(d / "gen.go"), str(d / "cert.pem"), str(d / "key.pem")],
                   cwd=d, env=env, check=True, capture_output=True, timeout=180)
    with openssl_server(d / "cert.pem", d / "key.pem") as server:
        yield d / "cert.pem", server.address[1]


@pytest.mark.parametrize("client", ("go", "openssl", "gnutls_cli", "curl"))
def test_real_client_against_a_placeholder_certificate(placeholder: tuple[Path, int],
                                                       client: str, tmp_path: Path) -> None:
    """The client trusts the certificate (as frpc trusts its CA file), so only the dates
    fail: Go, s_client and gnutls-cli print them; curl prints only "has expired"."""
    cert, port = placeholder
    kit = ClientKit(tmp_path, cert)
    why = kit.unavailable(client)
    if why:
        pytest.skip(why)
    printed = kit.run(client, port, timeout=5.0)
    if client == "openssl":  # s_client goes on after a verify error (no -verify_return_error)
        assert "verify error:num=10:certificate has expired" in printed.text, printed.text
    else:
        assert printed.exit_code != 0, printed.text[-400:]
    cause, conf, pattern, _ = _top(printed.text)
    if client == "curl":
        assert cause == "cert_expired" and conf < 0.6, (cause, conf)
        return
    assert pattern == "clock.no_dates", (pattern, printed.text[-400:])
    assert cause == "client_misconfiguration" and conf < 0.6
