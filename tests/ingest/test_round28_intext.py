"""Round 28: misses of the real-world set whose cause is in the posted words, fixed by class
(patterns/words28.py), OpenSSL's "certificate verify failed" followed by its caller's words,
and a text holding two failures (api/text.py _other_failures; docs/explain-upstream.md
"Round 28: in-text classes"). Texts are built from the programs' own format strings (sources
next to the data), and the two-failure texts are what real clients print against real broken
servers on loopback.
"""

from __future__ import annotations

import shutil
import ssl
import subprocess
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from ranked import ids, top

from tlsdoctor import explain
from tlsdoctor.diagnosis.causes import Cause
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.faults import fault_server
from tlsdoctor.testing.servers import openssl_server

# -- the classes of patterns/words28.py ------------------------------------------------------


@pytest.mark.parametrize("text", [
    # golang/go src/crypto/x509/verify.go HostnameError.Error with the address left out
    "x509: cannot validate certificate for because it doesn't contain any IP SANs",
    "Get \"https://10.0.0.2/\": x509: cannot validate certificate for  because it doesn't "
    "contain any IP SANs",
])
def test_go_ip_san_sentence_without_its_address(text: str) -> None:
    assert top(text) == ("hostname_mismatch", 0.9)
    assert explain(text).source == "go"


def test_go_ip_san_sentence_with_its_address_stays_golangs_row() -> None:
    text = "x509: cannot validate certificate for 10.0.0.5 because it doesn't contain any IP SANs"
    assert top(text) == ("hostname_mismatch", 1.0)
    assert not any(i.startswith("go.r28.") for i in ids(text))


@pytest.mark.parametrize("text", [
    # JetBrains/jdk8u_jdk SSLContextImpl.java: "does" before 8164846, "do" after
    "IO Error: java.security.cert.CertificateException: Certificates does not conform to "
    "algorithm constraints",
    "javax.net.ssl.SSLHandshakeException: java.security.cert.CertificateException: "
    "Certificates do not conform to algorithm constraints",
])
def test_jdk_algorithm_constraints_sentence(text: str) -> None:
    assert top(text) == ("weak_signature_or_key", 1.0)
    assert explain(text).source == "java"


def test_jdk_key_manager_words_are_not_the_chain_check() -> None:
    # X509KeyManagerImpl's debug line about its own certificate (not the peer's chain)
    text = "Ignore alias mykey: certificate list does not conform to algorithm constraints"
    assert not any(i.startswith("java.r28.") for i in ids(text))


def test_chrome_weak_dh_page_sentence() -> None:
    text = "This site can't be reached\nServer has a weak ephemeral Diffie-Hellman public key"
    assert top(text) == ("weak_cipher_or_no_pfs", 1.0)


def test_curl_cacert_badfile_text_alone() -> None:
    # curl/curl lib/strerror.c CURLE_SSL_CACERT_BADFILE, as libcurl's bindings print it
    text = ("Error in curl::curl_fetch_memory(url, handle = handle) :\n"
            "  Problem with the SSL CA cert (path? access rights?)")
    assert top(text) == ("client_misconfiguration", 1.0)


def test_curl_cacert_badfile_beside_a_verify_failure_is_not_first() -> None:
    # a libcurl program printing curl_easy_strerror of 60 and 77: the chain's failure says more
    text = ("Peer certificate cannot be authenticated with known CA certificates\n\n"
            "Problem with the SSL CA cert (path? access rights?)")
    assert top(text)[0] == "cert_untrusted_root"


@pytest.mark.parametrize("text", [
    # curl/curl lib/ssluse.c @ 65e556d0ce: the CURLOPT_SSLVERSION switch's default case
    "cURL error 35: Unsupported SSL protocol version (see "
    "http://curl.haxx.se/libcurl/c/libcurl-errors.html)",
    "curl: (35) Unsupported SSL protocol version",
])
def test_curl_asked_for_a_version_its_library_cannot_do(text: str) -> None:
    got = [(f.cause, f.confidence) for f in explain(text).findings]
    assert got == [(Cause.CLIENT_MISCONFIGURATION, 0.55), (Cause.PROTOCOL_VERSION_MISMATCH, 0.45)]


def test_openssls_unsupported_version_reason_is_not_curls_sentence() -> None:
    text = "error:1425F102:SSL routines:ssl_choose_client_version:unsupported protocol"
    assert not any(i.startswith("curl.r28.") for i in ids(text))


@pytest.mark.parametrize("text", [
    # rustls/hyper-rustls src/config.rs with_native_roots, as programs log the io::Error
    "Resolve access points error: Requested entity was not found { no native root CA "
    "certificates found (errors: []) }",
    "Failed to load native root certificates: Custom { kind: NotFound, error: \"no native root "
    "CA certificates found (errors: [])\" }",
])
def test_hyper_rustls_empty_native_store(text: str) -> None:
    assert top(text) == ("client_misconfiguration", 1.0)


# -- OpenSSL's "certificate verify failed" followed by its caller's words -----------------------

_BARE = "ssl.SSLError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed (_ssl.c:1006)"


@pytest.mark.parametrize("text", [
    "ssl.SSLError: certificate verify failed while connecting to example.com:443",
    "ssl.SSLError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed (_ssl.c:1006) "
    "while connecting to example.com",
    "certificate verify failed at /usr/share/perl5/LWP/Protocol/http.pm line 51.",
    "error:14090086:SSL routines:ssl3_get_server_certificate:certificate verify failed in "
    "/srv/www/test.php on line 3",
])
def test_verify_failed_with_the_callers_words_reads_as_the_verify_failure(text: str) -> None:
    got = [f.cause for f in explain(text).findings]
    assert got[0] is Cause.CERT_UNTRUSTED_ROOT
    assert set(got) >= {Cause.INCOMPLETE_CHAIN, Cause.CERT_SELF_SIGNED}
    assert Cause.CIPHER_SUITE_MISMATCH not in got  # not the generic handshake error


def test_verify_failed_reading_is_the_bare_reasons() -> None:
    text = _BARE + " while connecting to example.com"
    assert ([(f.cause, f.confidence) for f in explain(text).findings]
            == [(f.cause, f.confidence) for f in explain(_BARE).findings])


@pytest.mark.parametrize("text,cause", [
    # the verify result after the reason is read as before
    ("ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
     "certificate has expired (_ssl.c:1006)", "cert_expired"),
    ("SSL_connect returned=1 errno=0 state=error: certificate verify failed (self signed "
     "certificate)", "cert_self_signed"),
])
def test_verify_result_after_the_reason_still_decides(text: str, cause: str) -> None:
    assert top(text)[0] == cause
    assert not any(i.startswith("openssl.r28.") for i in ids(text))


# -- two failures in one text ------------------------------------------------------------------


def _others(text: str) -> list[Cause]:
    return [f.cause for f in explain(text).findings if f.facts.get("failure") == "another"]


@pytest.fixture(scope="module")
def expired(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[Path, Path]]:
    d = tmp_path_factory.mktemp("pki28")
    ca = CA(name="round 28 root")
    leaf = ca.issue(["localhost"], not_before=timedelta(days=-30), not_after=timedelta(days=-1))
    return ca.write(d / "root.pem"), leaf.write(d)


def _run(argv: list[str]) -> str:
    p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=20)
    return (p.stdout + p.stderr).decode("utf-8", "replace")


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl not installed")
def test_two_curl_runs_against_two_broken_servers(
        expired: tuple[Path, tuple[Path, Path]]) -> None:
    root, (chain, key) = expired
    with openssl_server(chain, key) as srv, fault_server("http") as plain:
        out = "".join(_run(["curl", "-sS", "--max-time", "5", "--cacert", str(root), url])
                      for url in (f"https://localhost:{srv.port}/",
                                  f"https://localhost:{plain.port}/"))
    r = explain(out)
    assert r.findings[0].cause is Cause.CERT_EXPIRED, out
    assert _others(out) == [Cause.NON_TLS_SERVICE_ON_PORT], out
    other = r.findings[1]
    assert other.title.startswith("Another failure in the text: ")
    assert "wrong version number" in other.facts["failure_line"]
    assert all("wrong version number" not in e for e in r.findings[0].evidence)
    # the first failure's text alone reads the same first cause
    first_alone = explain(out.split("curl: (35)")[0])
    assert first_alone.findings[0].cause is r.findings[0].cause


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl not installed")
def test_one_curl_failure_told_in_many_lines_has_no_other(
        expired: tuple[Path, tuple[Path, Path]]) -> None:
    root, (chain, key) = expired
    with openssl_server(chain, key) as srv:
        out = _run(["curl", "-v", "-sS", "--max-time", "5", "--cacert", str(root),
                    f"https://localhost:{srv.port}/"])
    assert explain(out).findings[0].cause is Cause.CERT_EXPIRED, out
    assert _others(out) == [], out


def _python_fetch(urls: list[str], cafile: Path) -> str:
    """What a script printing each URL's failure shows (urllib, Python's ssl on OpenSSL)."""
    ctx = ssl.create_default_context(cafile=str(cafile))
    out = []
    for url in urls:
        try:
            urllib.request.urlopen(url, timeout=5, context=ctx)
        except urllib.error.URLError as exc:
            out.append(f"{url}: {type(exc).__name__}: {exc}")
    return "\n".join(out)


def test_python_script_against_two_broken_servers(
        expired: tuple[Path, tuple[Path, Path]]) -> None:
    root, (chain, key) = expired
    with openssl_server(chain, key) as srv, fault_server("http") as plain:
        out = _python_fetch([f"https://localhost:{srv.port}/", f"https://localhost:{plain.port}/"],
                            root)
    r = explain(out)
    assert r.findings[0].cause is Cause.CERT_EXPIRED, out
    assert _others(out) == [Cause.NON_TLS_SERVICE_ON_PORT], out
    assert r.findings[1].facts["failure_apart"] == "another peer"


def test_python_script_against_the_same_failure_twice(
        expired: tuple[Path, tuple[Path, Path]]) -> None:
    """Two peers failing alike are one cause: nothing is added."""
    root, (chain, key) = expired
    with openssl_server(chain, key) as one, openssl_server(chain, key) as two:
        out = _python_fetch([f"https://localhost:{one.port}/", f"https://localhost:{two.port}/"],
                            root)
    assert explain(out).findings[0].cause is Cause.CERT_EXPIRED, out
    assert _others(out) == [], out


def test_a_traceback_of_one_failure_has_no_other(
        expired: tuple[Path, tuple[Path, Path]]) -> None:
    root, (chain, key) = expired
    with openssl_server(chain, key) as srv:
        out = _python_fetch([f"https://localhost:{srv.port}/"], root)
    text = ("Traceback (most recent call last):\n  File \"fetch.py\", line 9, in <module>\n"
            "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify "
            "failed: certificate has expired (_ssl.c:1006)\n\nDuring handling of the above "
            "exception, another exception occurred:\n\n" + out)
    assert explain(text).findings[0].cause is Cause.CERT_EXPIRED
    assert _others(text) == []


@pytest.mark.parametrize("text", [
    # one Chrome page: its sentence and its code are one failure
    "This site can't provide a secure connection\n\nexample.net uses an unsupported protocol.\n"
    "ERR_SSL_OBSOLETE_CIPHER",
    # a debug line beside the failure, in another level's frame
    "[ssl:debug] [pid 9] ssl_engine_kernel.c(1913): [client 127.0.0.1:4] AH02043: SSL virtual "
    "host for servername [a] found\n[ssl:info] [pid 9] SSL Library Error: error:140890C7:SSL "
    "routines:SSL3_GET_CLIENT_CERTIFICATE:peer did not return a certificate",
])
def test_parts_of_one_report_are_not_two_failures(text: str) -> None:
    assert _others(text) == []


# -- a scanner's SWEET32 finding (ingest/cause_names.py) -----------------------------------------


@pytest.mark.parametrize("text", [
    # testssl/testssl.sh @ 9fdf8028baba run_sweet32
    " SWEET32 (CVE-2016-2183, CVE-2016-6329)    VULNERABLE, uses 64 bit block ciphers",
    "Cipher suites susceptible to the Sweet32 attack (TLS 1.2 on port 443):\n"
    "* TLS_RSA_WITH_3DES_EDE_CBC_SHA",
])
def test_sweet32_names_a_weak_cipher(text: str) -> None:
    r = explain(text)
    assert r.source == "named_cause"
    assert top(text) == ("weak_cipher_or_no_pfs", 0.55)


def test_sweet32_beside_a_programs_words_yields_to_them() -> None:
    text = ("Cipher suites susceptible to the Sweet32 attack\n"
            "curl: (35) error:0A000410:SSL routines::sslv3 alert handshake failure")
    assert not any(m.source == "named_cause" for m in explain(text).matches)
