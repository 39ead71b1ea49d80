"""Round 15, which trust failure: a failure dated to the weeks after a store-side expiry
(docs/explain-upstream.md "Round 15: the weeks after a store-side expiry").

A log line's own time stamp within 14 days after DST Root CA X3 (2021-09-30 14:01:15Z) or
ISRG Root X1's cross-sign under it (2024-09-30 18:14:03Z) expired, on a failure whose words
name no expiry, against a host that is not private and with no environment or store words:
this client's store or library first, below 0.6. Before the expiry, weeks after it, on a
private host or with inspection words, the reading stays what it was.
"""

from __future__ import annotations

import pytest

from tlsdoctor import explain
from tlsdoctor.diagnosis.causes import Cause as C
from tlsdoctor.ingest import expired_ca, trust_context

CONFIDENT = 0.6

# (stack, template): {stamp} is the program's log time, {host} the server
WORDINGS = (
    ("python-twisted", "{stamp} - synapse.http - INFO - Request failed: GET matrix://{host}/x: "
                       "ResponseNeverReceived:[Error([('SSL routines', "
                       "'tls_process_server_certificate', 'certificate verify failed')])]"),
    ("python-requests", "{stamp} ERROR requests.exceptions.SSLError: HTTPSConnectionPool("
                        "host='{host}', port=443): Max retries exceeded with url: / (Caused by "
                        "SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED]"
                        " certificate verify failed: unable to get local issuer certificate "
                        "(_ssl.c:1131)')))"),
    ("go", "{stamp} error: Get \"https://{host}/api\": x509: certificate signed by unknown "
           "authority"),
    ("curl", "{stamp} curl: (60) SSL certificate problem: unable to get local issuer "
             "certificate (https://{host}/)"),
    ("php", "[{stamp}] PHP Warning: file_get_contents(): SSL operation failed with code 1. "
            "OpenSSL Error messages: error:1416F086:SSL routines:tls_process_server_certificate"
            ":certificate verify failed in /var/www/x.php (https://{host}/feed)"),
    ("java", "{stamp} ERROR javax.net.ssl.SSLHandshakeException: PKIX path building failed: "
             "unable to find valid certification path to requested target ({host})"),
)
STAMPS_IN = ("2021-10-01 09:12:44", "2021-10-11 23:59:01", "2024-10-02 08:00:00",
             "2021-10-02T11:15:18Z")
STAMPS_OUT = ("2021-09-29 10:00:00", "2021-11-20 10:00:00", "2024-09-01 10:00:00")
HOSTS = ("matrix.org", "feeds.example-news.de", "api.github.com")

IN_CELLS = [(s, t, st, h) for s, t in WORDINGS for st in STAMPS_IN for h in HOSTS]


@pytest.mark.parametrize(("stack", "template", "stamp", "host"), IN_CELLS,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(IN_CELLS)])
def test_a_failure_in_the_weeks_after_a_store_side_expiry_is_the_store(
        stack: str, template: str, stamp: str, host: str) -> None:
    text = template.format(stamp=stamp, host=host)
    r = explain(text)
    first = r.findings[0]
    assert first.cause is C.CLIENT_MISCONFIGURATION and first.confidence < CONFIDENT, (
        [(f.cause, f.confidence) for f in r.findings], text)
    assert C.CERT_EXPIRED in [f.cause for f in r.findings[:3]], text
    assert first.facts["trust_context"] == "expiry_window"


@pytest.mark.parametrize("stamp", STAMPS_OUT)
@pytest.mark.parametrize(("stack", "template"), WORDINGS, ids=[s for s, _ in WORDINGS])
def test_outside_the_window_the_reading_is_unchanged(stack: str, template: str,
                                                     stamp: str) -> None:
    text = template.format(stamp=stamp, host="matrix.org")
    assert expired_ca.expiry_window(text) is None
    r = explain(text)
    assert r.findings[0].facts.get("trust_context") != "expiry_window", text


@pytest.mark.parametrize(("stack", "template"), WORDINGS, ids=[s for s, _ in WORDINGS])
def test_a_private_host_or_inspection_words_decide_by_themselves(stack: str,
                                                                 template: str) -> None:
    private = template.format(stamp=STAMPS_IN[0], host="10.0.4.17:8443")
    first = explain(private).findings[0]
    assert first.facts.get("trust_context") != "expiry_window", private
    assert first.cause is not C.CLIENT_MISCONFIGURATION, private
    inspected = "We are behind a Zscaler proxy at work.\n" + template.format(
        stamp=STAMPS_IN[0], host="matrix.org")
    assert explain(inspected).findings[0].cause is C.TLS_INTERCEPTION_MITM, inspected


def test_the_window_rows_stay_below_certainty():
    for kind in ("unknown_issuer", "issuer_not_found", "unverified"):
        row = trust_context.ROWS[(kind, trust_context.EXPIRY_WINDOW)]
        assert float(row.split()[0].split(":")[1]) < CONFIDENT
