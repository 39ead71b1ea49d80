"""The stage class (round 13): every stack's printed trace x stage x refusal reads as the
table says (tests/ingest/stage_audit_table.py; before 47/117 at b8adc99, after 117/117),
and the stage reader's own facts."""

from __future__ import annotations

import pytest
from stage_audit_table import cells, verdict

from tlsdoctor.api import explain
from tlsdoctor.ingest.stage import read_stage

CELLS = cells()


@pytest.mark.parametrize("cell", CELLS, ids=[f"{c.stack}-{c.stage}-{c.refusal}" for c in CELLS])
def test_stage_cell(cell):
    r = explain(cell.text)
    got = [(f.cause.value, f.confidence) for f in r.findings]
    assert verdict(cell, got), (cell.expect, got[:3])


def test_the_table_covers_every_stack_and_stage():
    stacks = {c.stack.split("/")[0] for c in CELLS}
    assert {"openssl-state", "openssl-msg", "curl", "java", "gnutls", "mbedtls", "tshark",
            "openssl-1.0.x"} <= stacks
    assert len(CELLS) >= 110


def test_reader_facts_and_evidence():
    text = ("* TLSv1.2 (IN), TLS handshake, Request CERT (13):\n"
            "* TLSv1.2 (OUT), TLS handshake, Certificate (11):\n"
            "* TLSv1.2 (OUT), TLS handshake, Finished (20):\n")
    st = read_stage(text)
    assert st is not None and st.request and st.empty and not st.sent
    assert "Request CERT" in st.request and st.full_trace
    # a CertificateVerify after the Certificate: a real certificate was sent
    st2 = read_stage(text + "* TLSv1.2 (OUT), TLS handshake, CERT verify (15):\n")
    assert st2 is not None and st2.sent and not st2.empty
    assert read_stage("curl: (35) error:0A000410:SSL routines::sslv3 alert handshake failure") is None


def test_a_later_step_outranks_an_error_function():
    # a trace showing the ServerHello is not a ClientHello refusal, whatever else is said
    st = read_stage("SSL_connect:SSLv3/TLS write client hello\n"
                    "SSL_connect:SSLv3/TLS read server hello\n")
    assert st is not None and st.answered and not st.hello_only


def test_a_refusal_the_text_does_not_date_keeps_its_reading():
    # 1.1.x raises every received alert in ssl3_read_bytes: no stage, the suites first
    r = explain("error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:"
                "ssl/record/rec_layer_s3.c:1543:SSL alert number 40")
    assert r.findings[0].cause.value == "cipher_suite_mismatch"
    assert not any(m.source == "stage" for m in r.matches)


def test_protocol_version_alert_is_not_re_read():
    text = ("* TLSv1.2 (IN), TLS handshake, Request CERT (13):\n"
            "* TLSv1.2 (IN), TLS alert, protocol version (582):\n")
    assert explain(text).findings[0].cause.value == "protocol_version_mismatch"
