"""Round 15 audit: a server's own log, servers x line kinds x contexts
(server_log_audit_table), and the cases that must stay as they were."""

from __future__ import annotations

import pytest
from server_log_audit_table import CONTEXTS, LINES

from tlsdoctor.api import explain
from tlsdoctor.ingest import server_log

CONFIDENT = 0.6
CELLS = [(program, kind, i, context) for (program, kind), lines in LINES.items()
         for i in range(len(lines)) for context in CONTEXTS]


def explained_ok(kind: str, text: str) -> bool:
    """What explain must say of a server's line of ``kind`` (the table's docstring)."""
    r = explain(text)
    top = r.findings[0] if r.findings else None
    if kind in ("warning", "left"):
        return r.recognized and top is None
    if top is None or r.side != "server":
        return False
    if kind == "config":
        return top.cause.value == "server_misconfiguration" and top.who_fixes.value == "server"
    return top.cause.value == "protocol_version_mismatch" and top.confidence < CONFIDENT


@pytest.mark.parametrize("program, kind, index, context", CELLS)
def test_cell(program: str, kind: str, index: int, context: str) -> None:
    line = LINES[(program, kind)][index]
    entry = server_log.classify(line)
    assert entry is not None and (entry.program, entry.kind) == (program, kind)
    assert explained_ok(kind, CONTEXTS[context].format(line))


def test_audit_size() -> None:
    assert len(LINES) == 20  # round 21: ProFTPD's configuration check
    assert len(CELLS) == 45 * 5


def test_every_program_kind_of_the_table_is_audited() -> None:
    assert {(e.program, e.kind) for e in server_log.LINES} == set(LINES)


def test_every_entry_names_its_upstream_source() -> None:
    for e in server_log.LINES:
        assert "@" in e.source or "go1." in e.source or "OpenSSL_" in e.source, e.source


# -- what the class must not swallow --------------------------------------------------------

def test_a_real_name_in_the_mismatch_warning_keeps_its_reading() -> None:
    r = explain("[ssl:warn] [pid 9] AH01909: shop.firma-beispiel.de:443:0 server certificate "
                "does NOT include an ID which matches the server name")
    assert r.findings and r.findings[0].cause.value == "hostname_mismatch"
    assert r.findings[0].confidence < CONFIDENT


def test_a_stapling_issuer_not_found_is_not_harmless() -> None:
    # the chain file lacks the leaf's issuer: for a CA's leaf, a missing intermediate
    line = ("2024/03/01 10:00:00 [warn] 1#1: \"ssl_stapling\" ignored, issuer certificate not "
            "found for certificate \"/etc/nginx/certs/site.pem\"")
    assert server_log.classify(line) is None
    r = explain(line)
    assert r.findings and r.findings[0].cause.value == "incomplete_chain"


def test_several_clients_leaving_are_not_one_visitor() -> None:
    text = ("10.0.0.1:40001 [05/Dec/2026:21:24:50.177] tls/1: Connection closed during SSL "
            "handshake\n10.0.0.2:40002 [05/Dec/2026:21:24:51.177] tls/1: Connection closed "
            "during SSL handshake")
    assert server_log.reading(text, {server_log.evidence_line(t) for t in text.splitlines()}) \
        is None


def test_a_warning_does_not_silence_a_real_failure_beside_it() -> None:
    text = ("2024/03/01 10:00:00 [warn] 1#1: \"ssl_stapling\" ignored, issuer certificate not "
            "found for certificate \"/etc/nginx/certs/site.pem\"\n"
            "2024/03/01 10:00:05 [info] 7#7: *11 SSL_do_handshake() failed (SSL: error:0A000102:"
            "SSL routines::unsupported protocol) while SSL handshaking, client: 192.0.2.9, "
            "server: 0.0.0.0:443")
    r = explain(text)
    assert r.findings and r.findings[0].cause.value == "protocol_version_mismatch"


def test_haproxys_ignored_version_options_are_not_harmless() -> None:
    # the operator's no-tlsv1x is ignored: the versions meant to go may stay (its table's)
    line = ("[WARNING]  (1) : Proxy 'fe_https': no-sslv3/no-tlsv1x are ignored for bind ':443' "
            "at [/etc/haproxy/haproxy.cfg:20]. Use only 'ssl-min-ver' and 'ssl-max-ver' to fix.")
    assert server_log.classify(line) is None


def test_haproxys_catch_all_line_is_not_a_client_that_left() -> None:
    # CO_ER_SSL_HANDSHAKE: every refusal's line in HAProxy 2.6 (the server-log matrix)
    line = "127.0.0.1:37322 [05/Dec/2026:21:24:50.620] tls/1: SSL handshake failure"
    assert server_log.classify(line) is None
    assert explain(line).findings


def test_a_clients_configuration_error_is_not_a_servers() -> None:
    # Postfix's SMTP client loading its own certificate: the client side's words win
    text = ("postfix/smtp[4410]: warning: cannot get RSA private key from file "
            "/etc/postfix/client.key: disabling TLS support")
    r = explain(text)
    assert r.side == "client"
    assert not any(f.facts.get("pattern", "").startswith("serverlog.") for f in r.findings)


def test_libpqs_words_for_its_own_key_are_the_clients() -> None:
    text = ('psql: error: connection to server at "db.internal" (10.0.0.5), port 5432 failed: '
            'private key file "/root/.postgresql/postgresql.key" has group or world access; '
            "file must have permissions u=rw (0600) or less if owned by the current user")
    assert server_log.classify(text) is None
    r = explain(text)
    assert r.side != "server"
    assert not any(f.facts.get("pattern", "").startswith("serverlog.") for f in r.findings)


def test_the_record_layers_wrong_version_is_not_a_version_refusal() -> None:
    # ssl3_get_record: the first bytes were not TLS at all (a plain-text client)
    line = ("1557245132: OpenSSL Error: error:1408F10B:SSL routines:ssl3_get_record:wrong "
            "version number\n1557245132: Socket error on client <unknown>, disconnecting.")
    r = explain(line)
    assert r.findings and r.findings[0].cause.value == "non_tls_service_on_port"


@pytest.mark.parametrize("text, side", [
    # LibreSSL names the handshake state (ssl/ssl_err.c): ACCEPT_S* a server's, CONNECT_C*
    # a client's (OpenBSD syslogd's TLS logger, s_server on macOS, curl)
    ("syslogd[1]: tls logger 127.0.0.1 connection error: handshake failed: error:1402542E:"
     "SSL routines:ACCEPT_SR_CLNT_HELLO:tlsv1 alert protocol version", "server"),
    ("4549750444:error:140270C1:SSL routines:ACCEPT_SR_CLNT_HELLO_C:no shared cipher:"
     "/libressl-2.8/ssl/ssl_srvr.c:1115:", "server"),
    ("error:14004418:SSL routines:CONNECT_CR_SRVR_HELLO:tlsv1 alert unknown ca", "client"),
])
def test_libressl_state_names_say_the_side(text: str, side: str) -> None:
    assert explain(text).side == side
