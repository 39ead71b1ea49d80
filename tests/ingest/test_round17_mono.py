"""Round 17: the .NET-on-Mono family, harvested from its own source (scripts/harvest/mono17.py):
Mono's System.Net, Mono.Security's legacy TLS, Mono.Btls's shape, MONO_TLS_PROVIDER, cert-sync;
Unity's UnityTls names; the certificate lines of Sonarr, Radarr, Lidarr and Readarr. Every judged entry in the form its program prints it; Unity's flags
in both of Unity's shapes; the legacy WinError codes sign-extended or not; Mono's words no
longer read as GnuTLS's; Xamarin's wrappers around Java's and Apple's words read by those
tables; Mono's own fix lines on Mono's findings."""

from __future__ import annotations

import json

import pytest
from harvest_checks import first_cause as _want
from harvest_checks import judged as _judged
from harvest_checks import printed_form as _form

from tlsdoctor.api import explain
from tlsdoctor.ingest.patterns.harvested import DATA, Entry, entries, judge

SOURCES = ("mono", "unity", "servarr")


def _mine(entry: Entry) -> tuple[str, ...]:
    return (f"{entry.source}.up.{entry.id}.", f"{entry.source}.code.{entry.id}")


ALL = [e for s in SOURCES for e in _judged(s)]


@pytest.mark.parametrize("entry", ALL, ids=[f"{e.source}:{e.id[:50]}" for e in ALL])
def test_every_judged_entry_as_its_program_prints_it(entry: Entry) -> None:
    r = explain(_form(entry))
    assert r.recognized, _form(entry)
    assert any(m.pattern_id.startswith(_mine(entry)) for m in r.matches), _form(entry)
    if entry.id == "UNITYTLS_INTERNAL_ERROR":
        return  # alone, the alert table's internal_error ranks with it (corpus OVERLAPS)
    assert r.findings[0].cause.value == _want(entry), (_form(entry), r.findings[:2])
    assert r.side in ("client", "server"), _form(entry)


def test_the_tables_are_whole() -> None:
    """Each family's vocabulary, not one thread's line: counts as harvested."""
    mono, unity = entries("mono"), entries("unity")
    assert len(mono) >= 55 and len(_judged("mono")) >= 40
    assert len([e for e in mono if e.kind == "code"]) == 8
    assert len(unity) >= 40
    flags = {e.id for e in unity if e.get("enum") == "unitytls_x509verify_result"}
    assert {f"UNITYTLS_X509VERIFY_FLAG_USER_ERROR{i}" for i in range(1, 9)} <= flags
    assert all(judge(e) is not None for e in mono + unity)


FLAGS = [e for e in _judged("unity") if e.id.startswith("UNITYTLS_X509VERIFY_")]


@pytest.mark.parametrize("entry", FLAGS, ids=[e.id for e in FLAGS])
def test_unity_flags_in_both_of_unitys_shapes(entry: Entry) -> None:
    """UnityWebRequest's curl line and UnityTlsContext's TlsException, each read by the
    flag (the error code's own words do not dilute a failed certificate check)."""
    for text in (f"Curl error 60: Cert verify failed: {entry.id}",
                 f"TlsException: Handshake failed - error code: UNITYTLS_INTERNAL_ERROR, "
                 f"verify result: {entry.id}"):
        r = explain(text)
        assert r.source == "unity" and r.side == "client", text
        assert r.findings[0].cause.value == _want(entry), (text, r.findings[:2])


def test_unity_refusals_are_rankings_not_verdicts() -> None:
    for flag in ("USER_ERROR1", "USER_ERROR8", "UNKNOWN_ERROR", "NOT_TRUSTED"):
        r = explain(f"Curl error 60: Cert verify failed: UNITYTLS_X509VERIFY_FLAG_{flag}")
        assert r.findings[0].confidence < 0.6, flag
        assert len(r.findings) >= 3, flag


def test_unity_contexts_only_in_unitys_shape() -> None:
    """"Handshake failed" is every stack's phrase: Unity's only before its error code."""
    for text in ("Handshake failed", "TlsException: Handshake failed",
                 "Failed to read data to TLS context"):
        r = explain(text)
        assert not any(m.pattern_id.startswith("unity.") for m in r.matches), text
    r = explain("TlsException: Handshake failed - error code: UNITYTLS_INTERNAL_ERROR, "
                "verify result: UNITYTLS_X509VERIFY_NOT_DONE")
    assert r.source == "unity"
    assert r.findings[0].cause.value in ("protocol_version_mismatch", "cipher_suite_mismatch")


CODES = [e for e in entries("mono") if e.kind == "code"]


@pytest.mark.parametrize("entry", CODES, ids=[e.id for e in CODES])
def test_legacy_codes_sign_extended_or_not(entry: Entry) -> None:
    hexa = str(entry.get("number"))[2:]
    for code in (f"0xffffffff{hexa}", f"0x{hexa}"):
        text = ("Mono.Security.Protocol.Tls.TlsException: Invalid certificate received from "
                f"server. Error code: {code}")
        r = explain(text)
        assert r.source == "mono", text
        assert r.findings[0].cause.value == _want(entry), (text, r.findings[:2])


def test_the_empty_mono_store_code_is_the_clients_store_first() -> None:
    text = ("System.Net.WebException: Error: SendFailure (Error writing headers) ---> "
            "System.Net.WebException: Error writing headers ---> System.IO.IOException: The "
            "authentication or decryption has failed. ---> Mono.Security.Protocol.Tls."
            "TlsException: Invalid certificate received from server. Error code: "
            "0xffffffff800b010a")
    r = explain(text)
    assert r.source == "mono" and r.side == "client"
    assert r.findings[0].cause.value == "client_misconfiguration"
    assert r.findings[0].confidence < 0.6
    assert "cert-sync" in " ".join(s.code for s in r.findings[0].fix)


def test_monos_sentence_is_not_gnutls_decryption_failed() -> None:
    """GnuTLS's "Decryption has failed." (a confident reading) must not take Mono's sentence."""
    for text in ("The authentication or decryption has failed.",
                 "Error getting response stream (Write: The authentication or decryption has "
                 "failed.): SendFailure",
                 "System.Net.WebException: Error: SecureChannelFailure (The authentication or "
                 "decryption has failed.)"):
        r = explain(text)
        assert r.source == "mono", text
        assert not any(m.pattern_id.startswith("gnutls.") for m in r.matches), text
        assert r.findings[0].confidence < 0.6, text
    assert explain("Decryption has failed.").source == "gnutls"


def test_btls_trust_failure_ranks_monos_store_with_the_chain() -> None:
    """Mono 6.8 (btls) prints the same words for an untrusted CA, a wrong name and an
    expired certificate (the real test): a ranking, Mono's own store first, its fix."""
    text = ("System.Net.WebException: Error: TrustFailure (Authentication failed, see inner "
            "exception.) ---> System.Security.Authentication.AuthenticationException: "
            "Authentication failed, see inner exception. ---> Mono.Btls.MonoBtlsException: "
            "Ssl error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED\n"
            "  at ./external/boringssl/ssl/handshake_client.c:1132")
    r = explain(text)
    assert r.source == "mono" and r.side == "client"
    ranked = [f.cause.value for f in r.findings]
    assert ranked[0] == "client_misconfiguration" and r.findings[0].confidence < 0.6
    assert "cert_untrusted_root" in ranked[:3]
    fix = " ".join(s.code for s in r.findings[0].fix)
    assert "cert-sync /etc/ssl/certs/ca-certificates.crt" in fix
    assert "ca-certificates-mono" in fix


def test_a_name_that_does_not_resolve_is_printed_without_parentheses() -> None:
    """WebConnection raises NameResolutionFailure with no inner exception: "Error: {status}"."""
    r = explain("System.Net.WebException: Error: NameResolutionFailure")
    assert r.source == "mono"
    assert r.findings[0].cause.value == "name_resolution_or_unreachable"


def test_mono_provider_and_legacy_fix_lines() -> None:
    r = explain("System.NotSupportedException: No such TLS Provider: `legacy'.")
    assert r.findings[0].cause.value == "client_misconfiguration"
    assert "unset MONO_TLS_PROVIDER" in r.findings[0].fix[0].code
    r = explain("Mono.Security.Protocol.Tls.TlsException: The server stopped the handshake.")
    assert r.findings[0].cause.value == "protocol_version_mismatch"
    assert "MONO_TLS_PROVIDER=btls" in r.findings[0].fix[0].code


def test_monos_other_words_stay_others() -> None:
    """cert-sync's progress lines say nothing is wrong; .NET Framework's "TrustFailure"
    status line is not Mono's "Error: TrustFailure (" wrapper."""
    assert not explain("Status : TrustFailure").recognized
    assert not explain("Certificate added: CN=ISRG Root X1, O=Internet Security Research "
                       "Group, C=US").recognized
    r = explain("Import process completed.")
    assert not r.findings


@pytest.mark.parametrize(("text", "source", "cause"), [
    # Xamarin.Android's handlers raise Java's exception under its .NET name
    ("Javax.Net.Ssl.SSLHandshakeException: java.security.cert.CertPathValidatorException: "
     "Trust anchor for certification path not found.", "android", "cert_untrusted_root"),
    ("Java.IO.IOException: Hostname 'example.com' was not verified", "android",
     "hostname_mismatch"),
    # Xamarin.iOS's NSUrlSessionHandler: Apple's localized description as the message
    ("System.Net.Http.HttpRequestException: The certificate for this server is invalid. You "
     "might be connecting to a server that is pretending to be “example.com” which could put "
     "your confidential information at risk.", "apple", "cert_untrusted_root"),
])
def test_xamarin_wrappers_are_read_by_the_tables_of_their_words(text: str, source: str,
                                                               cause: str) -> None:
    r = explain(text)
    assert r.source == source and r.findings[0].cause.value == cause, (text, r.findings[:2])


_ARR = "2026-12-06 11:00:00.0|Error|X509CertificateValidationService|Certificate validation for "


def test_servarr_lines_in_every_program_and_their_flags() -> None:
    """One service shared by four programs (each read in its own repository); .NET's flags
    inside: a name mismatch stays the .NET table's verdict, a chain error alone is a ranking
    with the store of the machine they run in first, and their own setting for a LAN box."""
    data = json.loads((DATA / "servarr.json").read_text())
    assert {o["repo"] for o in data["origins"]} == {"Sonarr/Sonarr", "Radarr/Radarr",
                                                     "Lidarr/Lidarr", "Readarr/Readarr"}
    assert all(len(e["seen"]) == 4 for e in data["entries"])  # each line in all four
    r = explain(_ARR + "https://indexer.example/api?t=caps failed. RemoteCertificateChainErrors")
    assert r.source == "servarr" and r.side == "client"
    assert r.findings[0].cause.value == "client_misconfiguration"
    assert r.findings[0].confidence < 0.6
    assert "cert-sync" in r.findings[0].fix[0].code
    self_signed = next(f for f in r.findings if f.cause.value == "cert_self_signed")
    assert "Disabled for Local Addresses" in self_signed.fix[0].text
    r = explain(_ARR + "https://192.168.0.2:8000/api failed. RemoteCertificateNameMismatch, "
                "RemoteCertificateChainErrors")
    assert r.findings[0].cause.value == "hostname_mismatch"
