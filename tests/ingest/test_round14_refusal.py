"""Round 14: a bare refusal alert read by its context (ingest/refusal.py).

The audit is stacks x wordings x contexts (refusal_audit_table.py): 21 wordings of a
received handshake_failure / internal_error / "fatal alert received" in 17 stacks, each
bare and with 6 contexts. 35/147 cells held before (base e7bf529), 147/147 after."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from refusal_audit_table import cells, judge

from tlsdoctor.api import explain

_CELLS = cells()


@pytest.mark.parametrize(("stack", "kind", "ctx", "text", "want"), _CELLS,
                         ids=[f"{s}-{k}-{c}" for s, k, c, _, _ in _CELLS])
def test_refusal_cell(stack: str, kind: str, ctx: str, text: str, want: str) -> None:
    r = explain(text)
    top = r.findings[0] if r.findings else None
    assert judge(explain, text, want), (want, top and (top.cause.value, top.confidence))


def test_audit_size() -> None:
    assert len(_CELLS) == 147
    assert len({s for s, _, _, _, _ in _CELLS}) >= 17


def test_bare_alert_names_the_checks_that_tell_the_candidates_apart() -> None:
    r = explain("curl: (35) error:0A000410:SSL routines::sslv3 alert handshake failure\n"
                "curl https://shop.example.net:8443/")
    top = r.findings[0]
    assert top.cause.value == "cipher_suite_mismatch" and top.confidence < 0.6
    tell = top.facts["tell_apart"]
    assert "-servername shop.example.net" in tell and "-noservername" in tell
    assert "-connect shop.example.net:8443" in tell
    assert "-cert client.pem" in tell and "-tls1_2" in tell
    assert top.facts["refusal_hint"] == "none"


def test_a_reason_word_or_a_sure_reading_is_left_alone() -> None:
    # "no shared cipher" names the reason: the version reading (round 13) decides
    r = explain("remote error: tls: handshake failure\ntls: no cipher suite supported by both "
                "client and server")
    assert not any(m.source == "refusal" for m in r.matches)
    # a certificate alert is not this class
    r = explain("remote error: tls: bad certificate")
    assert not any(m.source == "refusal" for m in r.matches)


def test_a_refusal_of_the_client_hello_is_no_client_certificate() -> None:
    # the keystore is named, but the trace shows nothing answered the ClientHello
    text = ("javax.net.ssl.keyStore=client.p12\n"
            "javax.net.ssl|DEBUG|01|main|2024-01-01 00:00:00.000 UTC|ClientHello.java:641|"
            "Produced ClientHello handshake message (\n"
            "javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure")
    r = explain(text)
    assert r.findings[0].cause.value != "client_cert_required"
    assert all(f.cause.value != "client_cert_required" for f in r.findings)


def test_old_client_names_the_client_as_the_party() -> None:
    r = explain("Java 1.7.0_80\njavax.net.ssl.SSLHandshakeException: Received fatal alert: "
                "handshake_failure")
    top = r.findings[0]
    assert top.cause.value == "protocol_version_mismatch" and top.who_fixes.value == "client"


def test_another_tables_surer_sni_reading_is_kept() -> None:
    # Python before 2.7.9 (patterns/sni.py) reads the name first; the refusal keeps it
    r = explain("requests.exceptions.SSLError: [Errno 1] _ssl.c:510: error:14077438:SSL "
                "routines:SSL23_GET_SERVER_HELLO:tlsv1 alert internal error")
    assert r.findings[0].cause.value == "sni_required_or_mismatch"
    assert r.findings[0].confidence >= 0.4


def test_the_by_hand_checks_give_an_ipv6_server_as_s_client_takes_it() -> None:
    """The server comes from the text's target, not from re-reading the diagnose command: an
    IPv6 literal is bracketed for ``-connect`` (``::1:8443`` is refused as malformed)."""
    r = explain('Get "https://[::1]:8443/x": remote error: tls: handshake failure')
    tell = r.findings[0].facts["tell_apart"]
    assert "-connect [::1]:8443 " in tell and "-connect ::1:8443" not in tell
    assert "-p 8443 ::1" in tell
    if shutil.which("openssl") is None:
        pytest.skip("no openssl")
    # s_client parses the printed form (nothing listens on port 1: refused, not malformed)
    out = subprocess.run(["openssl", "s_client", "-connect", "[::1]:1"], input="",
                         capture_output=True, text=True, timeout=10)
    assert "malformed" not in out.stdout + out.stderr


def test_the_by_hand_checks_at_an_ip_literal_send_no_name(s_server, pki) -> None:
    """SNI carries names only (RFC 6066 section 3): at an IP literal the checks send no
    ``-servername``, and the SNI check asks for the site's DNS name instead. The printed
    client-certificate check, run as printed against a real server that requires a client
    certificate, shows the server's CertificateRequest."""
    srv = s_server(verify_ca=pki.root_pem)
    r = explain("curl: (35) error:0A000410:SSL routines::sslv3 alert handshake failure\n"
                f"$ curl https://127.0.0.1:{srv.port}/api/v1/items")
    tell = r.findings[0].facts["tell_apart"]
    assert "-servername 127.0.0.1" not in tell and "-servername NAME" in tell
    check = next(p for p in tell.split("; ") if p.startswith("client_cert_required:"))
    cmd = check.split("`")[1]
    assert cmd == f"openssl s_client -connect 127.0.0.1:{srv.port} -state"
    out = subprocess.run(cmd.split(), input="", capture_output=True, text=True, timeout=20)
    assert "read server certificate request" in out.stdout + out.stderr
