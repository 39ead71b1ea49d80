"""Round 21: programs whose TLS errors read like plain OpenSSL are named (ExplainResult.program,
the server software whose settings the fixes are for) from their own words around OpenSSL's
text, with their log framing and without it: PostgreSQL (its backend and libpq, harvested in
upstream/postgres.json), Redis and redis-cli, stunnel, mosquitto, ProFTPD, CivetWeb
(ingest/program_words.py). Every harvested entry of these six tables is fed in its printed
form (cause, side, program); the forms without framing the programs really print, and the
lines that must name nothing (OpenSSL's text alone, the programs' non-TLS lines)."""

from __future__ import annotations

import re

import pytest
from harvest_checks import first_cause, judged, printed_form

from tlsdoctor.api import explain
from tlsdoctor.fixes.data import SERVERS
from tlsdoctor.ingest.patterns.harvested import Entry
from tlsdoctor.ingest.program_words import named_program, rows

PROGRAM = {"postgres": "postgresql", "redis": "redis", "stunnel": "stunnel",
           "mosquitto": "mosquitto", "proftpd": "proftpd", "civetweb": "civetweb"}
# A mosquitto client's own words (client/client_shared.c, lib/strings_mosq.c's strerror):
# the broker it talks to may be any MQTT server, so they name no server software.
NO_SERVER = {("mosquitto", "Error: Problem setting TLS options: File not found."),
             ("mosquitto", "MOSQ_ERR_TLS"), ("mosquitto", "MOSQ_ERR_TLS_HANDSHAKE")}


# ProFTPD replies with none of the FTP words side.py takes for a client's view of the dialogue
# (TLS, SSL, PROT, PBSZ, AUTH...): read on the side of ProFTPD's table, as before round 21.
_REPLY_UNSAID = {"R_534 Unwilling to accept security parameters",
                 "R_431 Necessary security resource unavailable",
                 "R_533 CCC not allowed on insecure control connection"}


def _side(e: Entry) -> set[str]:
    """Who prints ``e`` in its harvested form: the file or form it comes from says it."""
    form = str(e.get("form") or "")
    if e.source == "postgres":
        return {"server"} if "/backend/" in e.path else {"client"}
    if e.source == "redis":
        return ({"server"} if form.startswith("12345:M") else
                {"unknown"} if e.id == "Server closed the connection" else {"client"})
    if e.source == "stunnel":
        return ({"server"} if e.text.startswith("SSL_accept") else
                {"client"} if e.text.startswith("SSL_connect") else {"unknown"})
    if e.source == "mosquitto":
        return {"server"} if e.path.startswith("src/") else {"unknown"}
    if e.source == "proftpd":  # its replies as a client shows them ("550 ..."), its TLSLog
        reply = re.match(r"\d{3} ", form) and e.id not in _REPLY_UNSAID
        return {"client"} if reply else {"server"}
    return {"server"}  # CivetWeb's error log


CORPUS = [e for source in PROGRAM for e in judged(source)]


@pytest.mark.parametrize("entry", CORPUS, ids=[f"{e.source}:{e.id[:50]}" for e in CORPUS])
def test_every_entry_printed_names_its_program_with_cause_and_side(entry: Entry) -> None:
    text = printed_form(entry)
    r = explain(text)
    assert r.recognized and r.findings, text
    assert r.findings[0].cause.value == first_cause(entry), (text, r.findings[0].cause)
    assert r.side in _side(entry), (text, r.side)
    want = "" if (entry.source, entry.id) in NO_SERVER else PROGRAM[entry.source]
    assert r.program == want, (text, r.program)


def test_postgres_table_is_harvested_with_provenance() -> None:
    pg = judged("postgres")
    assert len(pg) >= 55
    assert {e.path for e in pg} >= {"src/backend/libpq/be-secure-openssl.c",
                                    "src/interfaces/libpq/fe-secure-openssl.c",
                                    "src/interfaces/libpq/fe-connect.c"}
    assert all(len(e.commit) == 40 and e.repo == "postgres/postgres" for e in pg)


# The forms these programs print, as real runs here printed them (the _real tests) or their
# source writes them, framed and not: (text, program, side, first cause).
CASES = [
    # PostgreSQL 15's log (log_line_prefix '%m [%p] ') and psql 15
    ("2026-12-06 22:32:50.999 UTC [31284] LOG:  could not accept SSL connection: unsupported "
     "protocol", "postgresql", "server", "protocol_version_mismatch"),
    ("could not accept SSL connection: unsupported protocol", "postgresql", "server",
     "protocol_version_mismatch"),
    ("could not accept SSL connection: tlsv1 alert unknown ca", "postgresql", "server",
     "cert_untrusted_root"),
    ("2026-12-06 10:00:00.123 UTC [42] LOG:  SSL error: decryption failed or bad record mac",
     "postgresql", "server", None),
    ('psql: error: connection to server at "127.0.0.1", port 59035 failed: SSL error: tlsv1 '
     "alert protocol version\nThis may indicate that the server does not support any SSL "
     "protocol version between TLSv1.2 and TLSv1.2.", "postgresql", "client",
     "protocol_version_mismatch"),
    ('psql: error: connection to server at "127.0.0.1", port 59035 failed: SSL error: '
     "certificate verify failed", "postgresql", "client", "cert_untrusted_root"),
    ('server certificate for "db.internal" does not match host name "10.0.0.5"', "postgresql",
     "client", "hostname_mismatch"),
    ('root certificate file "/root/.postgresql/root.crt" does not exist', "postgresql", "client",
     "client_misconfiguration"),
    ('psql: error: sslmode value "require" invalid when SSL support is not compiled in',
     "postgresql", "client", "client_misconfiguration"),
    ('FATAL:  could not load server certificate file "server.crt": No such file or directory',
     "postgresql", "server", "server_misconfiguration"),
    # Redis 7's log and redis-cli
    ("32387:M 06 Dec 2026 22:33:04.734 # Error accepting a client connection: error:0A000102:"
     "SSL routines::unsupported protocol (conn: fd=7)", "redis", "server",
     "protocol_version_mismatch"),
    ("Could not connect to Redis at 127.0.0.1:34473: SSL_connect failed: certificate verify "
     "failed", "redis", "client", "cert_untrusted_root"),
    ("Could not negotiate a TLS connection: tlsv1 alert protocol version", "redis", "client",
     "protocol_version_mismatch"),
    # stunnel 5.68's lines without "date LOG3[n]: "
    ("SSL_accept: ../ssl/statem/statem_srvr.c:1664: error:0A000102:SSL routines::unsupported "
     "protocol", "stunnel", "server", "protocol_version_mismatch"),
    ("SSL_accept: ../ssl/record/rec_layer_s3.c:1601: error:0A000418:SSL routines::tlsv1 alert "
     "unknown ca", "stunnel", "server", "cert_untrusted_root"),
    ("ssl_start: s_poll_wait: TIMEOUTbusy exceeded: sending reset", "stunnel", "unknown", None),
    ("CERT: Pre-verification error: certificate has expired\nRejected by CERT at depth=0: "
     "CN=localhost", "stunnel", "unknown", "cert_expired"),
    # mosquitto 2.0's broker, its lines without the time stamp
    ("OpenSSL Error[0]: error:0A000102:SSL routines::unsupported protocol", "mosquitto",
     "unknown", "protocol_version_mismatch"),
    ("OpenSSL Error[0]: error:0A000418:SSL routines::tlsv1 alert unknown ca\nClient <unknown> "
     "disconnected: Protocol error.", "mosquitto", "server", "cert_untrusted_root"),
    ("Client connection from 127.0.0.1 failed: error:0A000102:SSL routines::unsupported "
     "protocol.", "mosquitto", "server", "protocol_version_mismatch"),
    ('Error: Unable to load CA certificates, check cafile "/etc/mosquitto/ca.crt".',
     "mosquitto", "unknown", None),
    # ProFTPD 1.3.8's configuration check (proftpd -t) and mod_tls's tag
    ("2026-12-06 22:31:57,093 vm proftpd[27852]: fatal: TLSCipherSuite: unable to use "
     "ciphersuite 'NOSUCHCIPHER:!EXPORT': \n  (1) error:0A0000B9:SSL routines::no cipher match "
     "on line 25 of '/etc/proftpd/tls.conf'", "proftpd", "server", "server_misconfiguration"),
    ("fatal: TLSCertificateChainFile: unable to use '/etc/hostname': \n  (1) error:0480006C:PEM "
     "routines::no start line [Expecting: TRUSTED CERTIFICATE]", "proftpd", "server",
     "server_misconfiguration"),
    ("fatal: TLSProtocol: unknown protocol: 'TLSv1.9' on line 25 of '/etc/proftpd/tls.conf'",
     "proftpd", "server", "server_misconfiguration"),
    ("mod_tls/2.9.2: unable to use RSA certificate key in '/etc/ssl/private/proftpd.key', "
     "exiting", "proftpd", "server", "server_misconfiguration"),
    # CivetWeb 1.15 (src/civetweb.c), without its "[time] [error] [client ]"
    ("SSL_CTX_set_cipher_list error: error:0A0000B9:SSL routines::no cipher match", "civetweb",
     "server", "server_misconfiguration"),
    ("ssl_use_pem_file: cannot open certificate file /etc/civetweb/server.pem: "
     "error:0480006C:PEM routines::no start line", "civetweb", "server",
     "server_misconfiguration"),
]


@pytest.mark.parametrize(("text", "program", "side", "cause"), CASES,
                         ids=[f"{c[1]}-{n}" for n, c in enumerate(CASES)])
def test_printed_forms_name_the_program(text: str, program: str, side: str,
                                        cause: str | None) -> None:
    r = explain(text)
    assert r.recognized and r.findings, text
    assert (r.program, r.side) == (program, side), (text, r.program, r.side)
    if cause is not None:
        assert r.findings[0].cause.value == cause, (text, r.findings[0].cause)
    # never another server's lines: a program without lines gets the step in words
    named = {s.applies_to for f in r.findings for s in f.fix if s.applies_to}
    assert not named & {"nginx", "apache", "haproxy"}, (text, named)


# A version refused, read from each program's own words: that program's [protocols] line.
@pytest.mark.parametrize(("text", "program"), [
    (CASES[1][0], "postgresql"), (CASES[4][0], "postgresql"), (CASES[10][0], "redis"),
    (CASES[12][0], "redis"), (CASES[13][0], "stunnel"), (CASES[17][0], "mosquitto"),
    (CASES[19][0], "mosquitto")])
def test_a_refused_version_prints_the_programs_own_line(text: str, program: str) -> None:
    f = explain(text).findings[0]
    assert f.cause.value == "protocol_version_mismatch"
    servers = {s.applies_to for s in f.fix if s.code} & set(SERVERS)
    assert servers == {program}, [(s.applies_to, s.code) for s in f.fix]


NAMES_NOTHING = [
    # OpenSSL's words alone are any program's
    "error:0A000102:SSL routines::unsupported protocol",
    "SSL error: certificate verify failed",
    "SSL_accept: unsupported protocol",
    "SSL_connect failed: certificate verify failed",
    "error:0A000086:SSL routines::tls_post_process_server_certificate:certificate verify failed",
]


@pytest.mark.parametrize("text", NAMES_NOTHING)
def test_openssl_text_alone_names_no_program(text: str) -> None:
    r = explain(text)
    assert r.recognized and r.program == "", (text, r.program)


NOT_TLS = [
    "2026-12-06 22:32:50.618 UTC [31254] LOG:  database system is ready to accept connections",
    "32387:M 06 Dec 2026 22:33:04.692 * Ready to accept connections tls",
    "32387:M 06 Dec 2026 22:33:05.096 # User requested shutdown...",
    "2026.12.06 22:33:17 LOG5[0]: Service [svc] accepted connection from 127.0.0.1:39240",
    "Service [svc] accepted connection from 127.0.0.1:39240",
    "2026.12.06 22:33:17 LOG5[ui]: Configuration successful",
    "1796596429: New connection from 127.0.0.1:54898 on port 51349.",
    "1796596432: Client auto-FC3BFE4D disconnected.",
    "CivetWeb V1.15 started on port(s) 127.0.0.1:8443s with web root [/tmp/www]",
    # A reload's settings lines: an alert's RFC name ending a setting's name is no alert.
    '2026-12-06 23:10:41.522 UTC [31254] LOG:  parameter "ssl_min_protocol_version" changed '
    'to "TLSv1.3"',
    '2026-12-06 23:10:41.522 UTC [31254] LOG:  parameter "ssl_max_protocol_version" changed '
    'to "TLSv1.2"',
]


@pytest.mark.parametrize("text", NOT_TLS)
def test_the_programs_non_tls_lines_stay_unrecognised(text: str) -> None:
    assert not explain(text).recognized, text


@pytest.mark.parametrize("text", ["SSL_R_TLSV1_ALERT_PROTOCOL_VERSION",
                                  "error: protocol_version", "received alert protocol_version"])
def test_an_alerts_rfc_name_still_reads_on_its_own_or_after_alert(text: str) -> None:
    assert explain(text).findings[0].cause.value == "protocol_version_mismatch", text


def test_every_row_names_a_program_fixes_know_or_its_own() -> None:
    """Each row's program is one explain names elsewhere too (fixes.data.SERVERS or a
    server source), and its words are the program's own, not OpenSSL's alone."""
    for program, side, source, _rx in rows():
        assert side in ("server", "client", "") and source, program
    for text in NAMES_NOTHING:
        assert named_program(text) is None, text
