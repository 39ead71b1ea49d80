"""Round 17: command-line download, transfer and version-control tools whose TLS wording no
table had, harvested from their own source (scripts/harvest/tools17.py): Subversion (ra_serf,
its prompt, its error table, the 1.7 neon layer), serf, neon, Mercurial, aria2, socat. Every
judged entry in the form its program prints it; OpenSSL's verify strings in aria2's and
Mercurial's shapes; the same short words elsewhere are not claimed."""

from __future__ import annotations

import pytest
from harvest_checks import first_cause as _want
from harvest_checks import judged as _judged
from harvest_checks import printed_form as _form
from harvest_checks import read_as_judged
from harvest_checks import top as _top

from tlsdoctor.api import explain
from tlsdoctor.ingest.patterns.harvested import Entry, entries

SOURCES = ("subversion", "serf", "neon", "mercurial", "aria2", "socat", "w3m")


ALL = [e for s in SOURCES for e in _judged(s)]


@pytest.mark.parametrize("entry", ALL, ids=[f"{e.source}:{e.id[:40]}" for e in ALL])
def test_every_judged_entry_as_its_program_prints_it(entry: Entry) -> None:
    r = read_as_judged(entry, _form(entry))
    # socat is either end; a line without its function does not say which
    assert r.side in ("client", "server") or entry.source == "socat", _form(entry)


def test_the_tables_are_whole() -> None:
    """Each program's vocabulary, not one thread's line: counts as harvested."""
    counts = {s: (len(_judged(s)), len(entries(s))) for s in SOURCES}
    assert counts["subversion"][0] >= 12 and counts["serf"][0] >= 8
    assert counts["neon"][0] >= 18 and counts["mercurial"][0] >= 18
    assert counts["aria2"][0] >= 40 and counts["socat"][0] >= 12


VERIFY = [e for e in _judged("openssl") if e.kind == "verify" and e.get("number") is not None]


@pytest.mark.parametrize("entry", VERIFY, ids=[f"{e.get('number')}:{e.text[:30]}"
                                               for e in VERIFY])
def test_openssl_verify_strings_in_aria2s_and_hgs_shapes(entry: Entry) -> None:
    for text, source in (
            (f"  -> [SocketCore.cc:1018] errorCode=1 SSL/TLS handshake failure: {entry.text}",
             "aria2"),
            (f"abort: error: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
             f"{entry.text} (_ssl.c:992)", "mercurial")):
        r = explain(text)
        # a local-issuer failure in Python (Mercurial's): Python's own reading of it leads
        # (its CA store, patterns/python.py), as for any Python client
        want = ("client_misconfiguration" if source == "mercurial" and entry.get("number") == 20
                else _want(entry))
        assert r.recognized and r.findings[0].cause.value == want, text
        assert (r.source, r.side) == (source, "client"), text


def test_serf_lists_each_failure_and_the_name_comes_first() -> None:
    r = explain("svn: E170013: Unable to connect to a repository at URL 'https://svn.corp/r'\n"
                "svn: E230001: Server SSL certificate verification failed: certificate "
                "issued for a different hostname, issuer is not trusted")
    got = [f.cause.value for f in r.findings]
    assert (r.source, r.side, got[0]) == ("subversion", "client", "hostname_mismatch")
    assert "cert_untrusted_root" in got


def test_svn_prompt_bullets_are_each_a_cause() -> None:
    r = explain("Error validating server certificate for 'https://svn.corp:443':\n"
                " - The certificate is not issued by a trusted authority. Use the\n"
                "   fingerprint to validate the certificate manually!\n"
                " - The certificate has expired.\n"
                "Certificate information:\n - Hostname: svn.corp\n"
                "(R)eject, accept (t)emporarily or accept (p)ermanently? ")
    got = [f.cause.value for f in r.findings]
    assert r.source == "subversion" and got[0] == "cert_expired"
    assert "cert_untrusted_root" in got


def test_svn_17_neon_wrapper_keeps_openssls_reason() -> None:
    source, top, conf = _top("svn: OPTIONS of 'https://svn.corp/repo': SSL handshake failed: "
                             "SSL error: tlsv1 alert protocol version (https://svn.corp)")
    assert (source, top) == ("neon", "protocol_version_mismatch") and conf >= 0.6
    source, top, _ = _top("svn: OPTIONS of 'https://svn.corp/repo': Server certificate "
                          "verification failed: issuer is not trusted (https://svn.corp)")
    assert (source, top) == ("neon", "cert_untrusted_root")


def test_serf_ssl_communication_is_a_ranking() -> None:
    source, _, conf = _top("svn: E120171: Error running context: An error occurred during "
                           "SSL communication")
    assert source == "serf" and conf < 0.6


def test_hg_fingerprint_pin_ranks_the_stale_pin_first() -> None:
    r = explain("abort: certificate for hg.corp has unexpected fingerprint "
                "sha256:6b:aa:00\n(check hostsecurity configuration)")
    f = r.findings[0]
    assert (r.source, f.cause.value) == ("mercurial", "client_misconfiguration")
    assert f.confidence < 0.6
    assert any("fingerprints" in s.code for s in f.fix), f.fix


def test_hg_no_ca_loaded_is_the_clients() -> None:
    r = explain("(an attempt was made to load CA certificates but none were loaded; see "
                "https://mercurial-scm.org/wiki/SecureConnections for how to configure "
                "Mercurial to avoid this error)\nabort: error: [SSL: CERTIFICATE_VERIFY_FAILED]"
                " certificate verify failed: unable to get local issuer certificate "
                "(_ssl.c:1006)")
    assert (r.source, r.findings[0].cause.value) == ("mercurial", "client_misconfiguration")
    assert r.findings[0].who_fixes.value == "client"


def test_socat_side_follows_its_function() -> None:
    line = "2026/12/06 11:30:00 socat[4242] E {}(): error:0A000086:SSL routines::" \
           "certificate verify failed"
    assert explain(line.format("SSL_connect")).side == "client"
    r = explain(line.format("SSL_accept"))
    assert (r.source, r.side, r.findings[0].cause.value) == ("socat", "server",
                                                              "client_cert_required")


@pytest.mark.parametrize("text", [
    "issuer is not trusted", "hostname does not match", "connection closed by peer",
    "certificate not found", "SSL protocol error", "no peer certificate",
    "Handshake failed", "Secure connection truncated", "The certificate has expired",
    "An error occurred during SSL communication", "certificate is for example.com",
    "curl: (35) Unknown SSL protocol error in connection to example.com:443",
])
def test_short_words_are_not_claimed_outside_their_program(text: str) -> None:
    r = explain(text)
    assert not any(m.pattern_id.split(".")[0] in SOURCES for m in r.matches), \
        (text, [m.pattern_id for m in r.matches])


@pytest.mark.parametrize("text", [
    "2026/12/06 11:30:00 socat[4242] N trusting certificate, commonName matches",
    "2026/12/06 11:30:00 socat[4242] N no peer certificate and no check",
    "warning: connection security to hg.corp is disabled per current settings; "
    "communication is susceptible to eavesdropping and tampering",
])
def test_their_own_non_failures_name_no_cause(text: str) -> None:
    assert not explain(text).findings, text
