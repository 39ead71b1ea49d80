"""Classes found by the client matrix's browser and psql rows (Chromium, Firefox ESR, psql
against real broken servers on loopback), each in own words of the same shape, with a twin
that must not move (docs/explain-upstream.md, round 7: browsers and psql)."""

from __future__ import annotations

from tlsdoctor import explain

_PSQL = 'psql: error: connection to server at "db.internal" (10.1.2.3), port 5432 failed: '


def _top(text: str) -> tuple[str, float, str]:
    r = explain(text)
    if not r.findings:
        return "-", 0.0, "-"
    return r.findings[0].cause.value, r.findings[0].confidence, r.findings[0].who_fixes.value


def test_chrome_interstitial_details_name_the_date_check() -> None:
    page = ("NET::ERR_CERT_DATE_INVALID\nHide advanced\nThis server could not prove that it is "
            "shop.example.net; its security certificate is supposedly from 3 days in the "
            "future. This may be caused by a misconfiguration.")
    # not valid yet: the clock ranks first, below certainty (judgement/_common.NOT_YET;
    # 3 days say nothing about whose clock, ingest/clock.py)
    cause, conf, _ = _top(page)
    assert cause == "client_clock_wrong" and conf < 0.6
    gone = page.replace("is supposedly from 3 days in the future", "expired 40 days ago")
    assert _top(gone)[0] == "cert_expired"
    # twin: the code alone still reads expired first, below certainty
    cause, conf, _ = _top("NET::ERR_CERT_DATE_INVALID")
    assert cause == "cert_expired" and conf < 0.8


def test_chrome_socket_gone_is_a_closed_connection_not_certain() -> None:
    cause, conf, _ = _top("This site can’t be reached\nnet::ERR_SOCKET_NOT_CONNECTED")
    assert cause == "middlebox_or_firewall_interference" and conf < 0.6
    assert not explain("ERR_FILE_NOT_FOUND").recognized  # twin: not a TLS failure


def test_firefox_page_sentence_without_its_markup() -> None:
    text = "Unable to connect\n\nFirefox can’t connect to the server at intranet.example.org."
    assert _top(text)[0] == "name_resolution_or_unreachable"
    assert not explain("Unable to connect").recognized  # twin: the title alone is no answer


def test_libpq_non_postgres_answer_to_sslrequest() -> None:
    assert _top(_PSQL + "received invalid response to SSL negotiation: H")[0] == \
        "non_tls_service_on_port"
    # twin: a PostgreSQL port with TLS off (or a pooler's port in front of a TLS database)
    # is the same class, ranked: which side changes is not in the words (round 13)
    cause, conf, _ = _top(_PSQL + "server does not support SSL, but SSL was required")
    assert cause == "non_tls_service_on_port" and conf < 0.6


def test_postgres_client_certificate_refusal_relayed_by_libpq() -> None:
    assert _top(_PSQL + "FATAL:  connection requires a valid client certificate")[::2] == \
        ("client_cert_required", "client")
    # twin: a pg_hba.conf rejection is not a TLS failure
    assert _top(_PSQL + 'FATAL:  no pg_hba.conf entry for host "10.1.2.9", user "app", '
                'database "app", SSL encryption')[0] != "client_cert_required"


def test_libpq_connect_timeout_and_closed_connection() -> None:
    assert _top(_PSQL + "timeout expired")[0] == "middlebox_or_firewall_interference"
    cause, conf, _ = _top(_PSQL + "server closed the connection unexpectedly\n\tThis probably "
                          "means the server terminated abnormally\n\tbefore or while "
                          "processing the request.")
    assert cause == "middlebox_or_firewall_interference" and conf < 0.6
    # twin: libpq's TLS end-of-file keeps its own reading
    assert _top(_PSQL + "SSL SYSCALL error: EOF detected")[:2] == \
        ("middlebox_or_firewall_interference", 0.5)
