"""Round 14: Envoy's router reply and access log flags (harvested: upstream/envoy_reply.json
from envoyproxy/envoy router.cc, http/utility.cc, stream_info/utility.h). Every reset reason
in every printed form: the ones that are a connection failure are read as one (below 0.6,
never a confident cause), a TLS transport failure reason is read by the BoringSSL table, the
resets that are not about the connection stay unrecognised. Envoy is not installed here: the
forms are the ones router.cc builds."""

from __future__ import annotations

import pytest

from tlsdoctor.api import explain
from tlsdoctor.ingest.patterns.harvested import entries
from tlsdoctor.ingest.patterns.judgement import envoy_reply as judged

BODY = "upstream connect error or disconnect/reset before headers. "
REASONS = {e.id: e.text for e in entries("envoy_reply") if e.id.startswith("reset.")}
READ = sorted(r for r in REASONS if r in judged.READINGS)
UNREAD = sorted(r for r in REASONS if r not in judged.READINGS)
LEADS = ["", "retried and the latest "]
# A failed connect's errno, as router.cc prints it after a connection failure (the words
# "Connection refused" are read by the refused-connection pattern, above 0.6: it says so).
CONNECT_TAIL = ", transport failure reason: delayed connect error: 111"
CASES = [(rid, tail) for rid in READ
         for tail in ["", CONNECT_TAIL] if not tail or "ConnectionFailure" in rid]


def _form(lead: str, reason: str, tail: str) -> str:
    return f"{BODY}{lead}reset reason: {reason}{tail}"


@pytest.mark.parametrize(("rid", "tail"), CASES)
@pytest.mark.parametrize("lead", LEADS)
@pytest.mark.parametrize("wrap", ["{}", "503 Service Unavailable: {}",
                                  '{{"error":{{"code":503,"message":"{}"}}}}'])
def test_every_connection_reason_is_a_ranking(rid: str, lead: str, tail: str, wrap: str) -> None:
    r = explain(wrap.format(_form(lead, REASONS[rid], tail)))
    assert r.recognized and r.source == "envoy"
    want = judged.READINGS[rid].split()[0].split(":")[0]
    assert r.findings[0].cause.value == want
    assert max(f.confidence for f in r.findings) < 0.6


@pytest.mark.parametrize("rid", READ)
@pytest.mark.parametrize("lead", LEADS)
@pytest.mark.parametrize("tls", [
    ("TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:"
     "TLS_error_end", "cert_untrusted_root"),
    ("TLS error: 268436502:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_EXPIRED",
     "client_cert_required")])  # Envoy is the client: the upstream refused its certificate
def test_a_tls_transport_reason_is_read_by_boringssl(rid: str, lead: str,
                                                     tls: tuple[str, str]) -> None:
    r = explain(_form(lead, REASONS[rid], f", transport failure reason: {tls[0]}"))
    assert r.source == "boringssl" and r.findings[0].cause.value == tls[1]


@pytest.mark.parametrize("rid", UNREAD)
@pytest.mark.parametrize("lead", LEADS)
def test_resets_not_about_the_connection_stay_unrecognised(rid: str, lead: str) -> None:
    assert not explain(_form(lead, REASONS[rid], "")).recognized


def test_the_bare_reply_of_old_envoy_is_a_connection_failure() -> None:
    r = explain("upstream connect error or disconnect/reset before headers")
    assert r.recognized and r.source == "envoy"
    assert r.findings[0].cause.value == "name_resolution_or_unreachable"
    assert r.findings[0].confidence < 0.6
    assert {"cert_expired", "cert_untrusted_root"} <= {f.cause.value for f in r.findings}


def test_harvest_is_whole() -> None:
    ids = {e.id for e in entries("envoy_reply")}
    assert {"body", "body.retried", "body.transport"} <= ids
    assert len(REASONS) == 12 and len(READ) == 5
    assert {"flag.UF", "flag.UC", "flag.URX", "flag.UH", "flag.DC"} <= ids


@pytest.mark.parametrize(("flags", "want"), [("UF", "name_resolution_or_unreachable"),
                                             ("UF,URX", "name_resolution_or_unreachable"),
                                             ("UC", "client_misconfiguration")])
def test_access_log_flags(flags: str, want: str) -> None:
    line = (f'[2021-03-01T10:00:00.000Z] "GET /productpage HTTP/1.1" 503 {flags} "-" "-" 0 91 '
            f'2 - "-" "curl/7.68.0" "5d6b" "productpage:9080" "10.0.0.7:9080"')
    r = explain(line)
    assert r.source == "envoy" and r.findings[0].cause.value == want
    assert r.findings[0].confidence < 0.6


def test_access_log_with_the_tls_reason_reads_the_reason() -> None:
    line = ('[2021-03-01T10:00:00.000Z] "GET / HTTP/1.1" 503 UF,URX "-" "-" 0 91 2 - '
            '"TLS error: 268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED"')
    assert explain(line).findings[0].cause.value == "cert_untrusted_root"


@pytest.mark.parametrize("text", [
    "upstream connect error or disconnect/reset before headers. reset reason: overflow",
    '[2021-03-01T10:00:00.000Z] "GET / HTTP/1.1" 200 - "-" "-" 0 91 2 - "-"',
    '[2021-03-01T10:00:00.000Z] "GET / HTTP/1.1" 503 UH "-" "-" 0 19 0 - "-"',
    "the UF office is closed; UC Berkeley admissions",
    "remote connection failure",
    "connection termination",
])
def test_unrelated_or_not_tls_stays_unrecognised(text: str) -> None:
    assert not explain(text).recognized, text
