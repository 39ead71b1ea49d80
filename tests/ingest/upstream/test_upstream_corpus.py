"""The harvested upstream strings (patterns/upstream/*.json) as a corpus.

Each judged entry is fed exactly as its program prints it (``as_printed``: the upstream
text with sample values in its placeholders, curl's "curl: (N) " before a CURLE text,
BoringSSL's "OPENSSL_internal:" before a name, OpenSSL's "SSL routines:func:" before a
reason); explain() must recognise it as that entry of that source and rank the judged
cause first. Entries judged ``not_tls`` make no pattern; text no pattern matches stays
``recognized: false``.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from tlsdoctor.api import explain
from tlsdoctor.ingest.patterns import all_patterns
from tlsdoctor.ingest.patterns.harvested import DATA, Entry, as_printed, causes, entries, judge

SOURCES = sorted(p.stem for p in DATA.glob("*.json"))

# Entries whose own words are recognised but where another statement in the same text is
# judged more likely, on purpose: (source, upstream id) -> why.
OVERLAPS: dict[tuple[str, str], str] = {
    ("unity", "UNITYTLS_INTERNAL_ERROR"): "alone, the alert table's reading of the "
                                          "internal_error inside the name ranks with it; "
                                          "Unity prints it after its context (\"Handshake "
                                          "failed - error code: ...\"), which outranks both",
    ("curl", "SSL: X.509 verification: chain could not be linked to a trust anchor"):
        "BearSSL's own words (BR_ERR_X509_NOT_TRUSTED), which the ESP8266 core prints too: "
        "the devices' reading (the client's trust anchors) ranks first, untrusted root second",
    **{("boringssl", i): "the name is also a TLS alert's: the alert's reading wins" for i in (
        "SSL_R_MISSING_EXTENSION", "SSL_R_UNSUPPORTED_CERTIFICATE",
        "SSL_R_HANDSHAKE_FAILURE_ON_CLIENT_HELLO")},
    ("boringssl", "SSL_R_BAD_DH_P_LENGTH"): "OpenSSL's name: a weak DH group first",
    ("boringssl", "SSL_R_WRONG_VERSION_ON_EARLY_DATA"): "understood, no fault; OpenSSL's "
                                                        "name of the same words has causes",
    **{("rustls", f"AlertDescription::{a}"): "alerts.py's direction-aware reading of the "
                                             "alert wins" for a in (
        "DecryptError", "ExportRestriction", "NoRenegotiation", "BadCertificateHashValue")},
    **{("rustls", f"CertificateError::{v}"): "the shorter variant's name inside it "
                                             "(UnsupportedSignatureAlgorithm) is matched too"
       for v in ("UnsupportedSignatureAlgorithmForPublicKey",
                 "UnsupportedSignatureAlgorithmForPublicKeyContext")},
    **{("node", i): "the words 'protocol version' read as a version mismatch first" for i in (
        "ERR_TLS_INVALID_PROTOCOL_VERSION", "ERR_TLS_PROTOCOL_VERSION_CONFLICT")},
    ("dotnet", "SEC_E_INTERNAL_ERROR"): "internal_error alert's reading wins",
    ("dotnet", "SEC_E_NO_CREDENTIALS"): "tie between client certificate and configuration",
    ("python", "ssl.SSLZeroReturnError"): "no fault of its own; the generic SSLError class "
                                          "name inside it matches",
    ("nss", "SSL_ERROR_TOO_MANY_KEY_UPDATES"): "OpenSSL's reason of the same words",
    ("nss", "SEC_ERROR_CRL_NOT_YET_VALID"): "'is not yet valid' reads as a certificate date",
    ("firefox", "SEC_ERROR_CRL_NOT_YET_VALID"): "as nss",
    ("chrome", "ERR_CERT_NO_REVOCATION_MECHANISM"): "tie in the revocation reading",
    ("openssl", "X509_V_ERR_PROXY_SUBJECT_NAME_VIOLATION"): "another source's 'violation' "
                                                            "wording ranks a weak key first",
    ("openssl", "X509_V_ERR_OCSP_HAS_EXPIRED"): "'has expired' reads as an expired "
                                                "certificate first",
    ("java", "Empty server certificate chain"): "Java's own hand pattern reads it as a "
                                                "missing certificate (mutual TLS) first",
    # Round 17: aws-c-io's Apple/Windows back-end names hold a TLS alert's name
    # (errSSLPeerCertExpired: a certificate_expired alert received), read with its direction.
    **{("aws_c_io", i): "the alert name inside it: alerts.py's direction-aware reading wins"
       for i in ("AWS_IO_TLS_PEER_CERTIFICATE_EXPIRED", "AWS_IO_TLS_BAD_CERTIFICATE")},
    ("botan", "OCSP_HAS_EXPIRED"): "'has expired' reads as an expired certificate first "
                                   "(as OpenSSL's X509_V_ERR_OCSP_HAS_EXPIRED)",
    ("botan", "CHAIN_NAME_MISMATCH"): "issuer/subject mismatch words other tables read as a "
                                      "stale CA of the verifier first",
    ("botan", "Alert::DecodeError: TLS 1.3 Client Hello has invalid legacy_version"):
        "the same words under Botan's protocol_version alert: the version reading wins",
    ("mongoose", "failed to parse certificate #%u in bundle"):
        "its shorter 'failed to parse certificate' (the peer's) is read inside it too",
    ("go", "tls: failed to parse certificate from server: "): "Go's hand pattern reads it as "
                                                              "the server's certificate",
    ("wolfssl", "WC_KEY_MISMATCH_E"): "printed by curl, a client: its own key and certificate "
                                      "(the printing side owns its material)",
    ("curl", "Private key does not match the certificate public key"): "curl is a client: "
        "its own key and certificate (the printing side owns its material)",
    # Round 12: a Firefox page is a client's (ingest/side.py CLIENT_SOURCES), so a reading
    # split between the two sides' settings puts the printing client's first.
    **{(src, i): "a Firefox page is a client's: its own setting first of an even split"
       for src in ("nss", "firefox") for i in (
           "SSL_ERROR_RENEGOTIATION_NOT_ALLOWED", "SSL_ERROR_UNSAFE_NEGOTIATION",
           "SSL_ERROR_MISSING_EXTENDED_MASTER_SECRET", "SEC_ERROR_CRL_EXPIRED",
           "SEC_ERROR_OCSP_UNAUTHORIZED_REQUEST", "SSL_ERROR_BAD_CERT_HASH_VALUE_ALERT")},
    ("exim", "A TLS fatal alert has been received: %s"): "Exim's line is a server's: the "
        "client refused the server's certificate first (judgement/gnutls.py SERVER_READINGS)",
    # rustls prints "received fatal alert: X" on either side: a certificate alert with no
    # side said is read both ways, a server's log first (round 12, alerts.peer_readings).
    **{("rustls", f"AlertDescription::{a}"): "either side's complaint: read both ways"
       for a in ("BadCertificate", "UnsupportedCertificate", "CertificateUnknown")},
    ("wolfssl", "EXT_MASTER_SECRET_NEEDED_E"): "curl's own wording around it ranks this "
                                               "client's setting first",
    ("esp_idf", "Unsupported protocol version"): "Java's same words (no version in common) "
                                                 "outrank esp-tls's own tls_version check",
}
# Sources whose every entry is read by their own module with its direction, so no entry
# makes a pattern of its own: Erlang's alert texts (patterns/erlang.py; tested in
# test_printed_forms.py and tests/ingest/test_round8_classes.py); Galera's handshake lines,
# wrappers read by the table of the error they carry (patterns/frameworks.py _galera3;
# tests/ingest/test_round14_asio_galera.py).
# envoy_reply: words of one composed sentence (reply + reset reason, access-log flags), read
# only by patterns/frameworks.py; audited in tests/ingest/test_round14_envoy.py.
# openssl_alerts: OpenSSL's alert names, read only inside wpa_supplicant's and FreeRADIUS'
# alert lines that say who sent them (patterns/eap.py; tests/ingest/test_eap_programs.py).
# flatpak: wrappers around libsoup's and curl's words, read in flatpak's shape by
# patterns/desktop16.py (tests/ingest/test_round16_programs.py).
# trojan (round 18): its two handshake leads carry OpenSSL's reason; read in trojan's log
# prefix with its side by patterns/wild18.py (tests/ingest/test_round18_wild.py).
DIRECTED_ONLY = {"erlang", "galera", "envoy_reply", "openssl_alerts", "flatpak", "trojan"}
# schannel_events (round 24): the alert events' newer wording, read per alert number with its
# direction by alerts.py (kinds schannel-received/-generated; tests/ingest/test_round24_harvest.py).
DIRECTED_ONLY |= {"schannel_events"}


def _pattern_ids() -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for p in all_patterns():
        if ".up." in p.id:
            out[p.id.split(".up.")[0]].add(p.upstream)
    return out


PATTERNED = _pattern_ids()


def _corpus() -> list[tuple[Entry, str]]:
    out = []
    for source in SOURCES:
        for e in entries(source):
            v = judge(e)
            if v is not None and v.kind in ("causes", "no_fault") and e.id in PATTERNED[source]:
                out.append((e, as_printed(e)))
    return out


CORPUS = _corpus()


@pytest.mark.parametrize("source", SOURCES)
def test_every_entry_has_provenance_and_a_deliberate_verdict(source: str) -> None:
    data = json.loads((DATA / f"{source}.json").read_text())
    assert data["origins"], source
    for o in data["origins"]:
        assert o["repo"] and o["commit"] and o["ref"]
    for e in entries(source):
        assert e.repo and e.path and e.commit, e.id
        v = judge(e)
        assert v is not None, (source, e.id)
        assert v.kind in ("causes", "no_fault", "not_tls", "elsewhere")
        if v.kind == "causes":
            assert causes(v.causes), (source, e.id)


@pytest.mark.parametrize(("entry", "text"), CORPUS,
                         ids=[f"{e.source}:{e.id[:60]}" for e, _ in CORPUS])
def test_upstream_string_is_recognised_with_its_cause(entry: Entry, text: str) -> None:
    r = explain(text)
    assert r.recognized, text
    mine = (f"{entry.source}.up.{entry.id}.",
            # "Verify return code: N (text)" is read by the verify-number decoder too
            f"openssl.verify.{entry.get('number')}")
    ours = [m for m in r.matches if m.pattern_id.startswith(mine)]
    assert ours, (text, [m.pattern_id for m in r.matches][:5])
    v = judge(entry)
    assert v is not None
    if v.kind == "no_fault" or (entry.source, entry.id) in OVERLAPS:
        return
    top = causes(v.causes)[0][0]
    ranked = [f.cause for f in r.findings]
    if ranked and ranked[0] != top and r.findings[0].facts.get("base_rate"):
        # Words that name no cause (round 19): the real-world threads with the same reading
        # order the candidates the table gave (diagnosis/base_rates.py); its first stays one.
        assert top in ranked, (text, r.meaning, ranked)
        return
    assert ranked and ranked[0] == top, (text, r.meaning, ranked)


def test_corpus_covers_every_source() -> None:
    seen = {e.source for e, _ in CORPUS}
    assert seen == set(SOURCES) - DIRECTED_ONLY
    assert len(CORPUS) >= 1500


def test_overlaps_are_still_overlaps() -> None:
    """An entry listed in OVERLAPS that now ranks its own cause first leaves the list."""
    by_key = {(e.source, e.id): t for e, t in CORPUS}
    for key in OVERLAPS:
        assert key in by_key, key



def test_the_derived_continued_keys_match_the_tables() -> None:
    """continued.json (written by scripts/harvest_errors.py) is what the tables say."""
    from tlsdoctor.ingest.patterns import harvested

    assert harvested._continued() == harvested.compute_continued()
