"""Round 17: FTP over TLS, harvested from the programs' own source (scripts/harvest/ftp17.py):
vsftpd, ProFTPD's mod_tls, Pure-FTPd, FileZilla Server 1.x, the FileZilla client, WinSCP
and lftp's FTPS login errors. Every judged entry in the form its program prints it; the
shapes around other tables' texts (FileZilla's "GnuTLS error -N in <function>: <text>", its
received alert); who printed it; the fix steps for each side; the same words elsewhere stay
unrecognised (or another table's)."""

from __future__ import annotations

import pytest
from harvest_checks import judged as _judged
from harvest_checks import printed_form as _form
from harvest_checks import read_as_judged

from tlsdoctor.api import explain
from tlsdoctor.ingest.patterns.harvested import Entry, entries

SOURCES = ("vsftpd", "proftpd", "pure_ftpd", "filezilla_server", "filezilla", "winscp",
           "lftp_ftps")


ALL = [e for s in SOURCES for e in _judged(s)]


@pytest.mark.parametrize("entry", ALL, ids=[f"{e.source}:{e.id[:50]}" for e in ALL])
def test_every_judged_entry_as_its_program_prints_it(entry: Entry) -> None:
    read_as_judged(entry, _form(entry))


def test_the_tables_are_whole() -> None:
    """Each program's vocabulary, not one thread's line: counts as harvested."""
    counts = {s: (len(_judged(s)), len(entries(s))) for s in SOURCES}
    assert counts["proftpd"][1] >= 300 and counts["proftpd"][0] >= 90
    assert counts["vsftpd"][0] >= 25 and counts["filezilla"][1] >= 80
    assert counts["filezilla_server"][0] == 8 and counts["winscp"][0] >= 30
    assert counts["pure_ftpd"][0] >= 8
    refs = {r for e in entries("vsftpd") for r in e.refs}
    assert {"2.3.5", "3.0.2", "HEAD"} <= refs  # 3.0.3's wording and the older one


C, S = "client", "server"

# (printed text, source, top cause, side): the session-reuse rule on every program that
# says it, as each side sees it
REUSE = [
    ("ftplib.error_perm: 522 SSL connection failed: session reuse required", "vsftpd", C),
    ("Response:\t522 SSL connection failed; session reuse required: see require_ssl_reuse "
     "option in vsftpd.conf man page", "vsftpd", C),
    ('Sun Dec  6 08:00:00 2026 [pid 4242] [ftp] DEBUG: Client "127.0.0.1", "No SSL session '
     'reuse on data channel."', "vsftpd", S),
    ("2026-12-06 08:00:00,123 mod_tls/2.9.2[4242]: client did not reuse TLS session, "
     "rejecting data connection (see the NoSessionReuseRequired TLSOptions parameter)",
     "proftpd", S),
    ("Response:\t425 Unable to build data connection: Operation not permitted", "proftpd", C),
    ("Response:\t425 Unable to build data connection: TLS session of data connection not "
     "resumed.", "filezilla_server", C),
    ("<2026-12-06T08:00:00.000Z> FTP Session 7 192.0.2.10 user [Error] TLS session of data "
     "connection not resumed.", "filezilla_server", S),
]


@pytest.mark.parametrize(("text", "source", "side"), REUSE)
def test_session_reuse_ranks_the_client_then_the_servers_setting(text: str, source: str,
                                                                 side: str) -> None:
    r = explain(text)
    assert (r.source, r.side) == (source, side), (r.source, r.side)
    causes = [f.cause.value for f in r.findings]
    assert causes[:2] == ["client_misconfiguration", "server_misconfiguration"], causes
    assert r.findings[0].confidence < 0.6


@pytest.mark.parametrize(("text", "line"), [
    ("522 SSL connection failed: session reuse required", "require_ssl_reuse=NO"),
    ("2026-12-06 08:00:00,123 mod_tls/2.9.2[4242]: client did not reuse TLS session from "
     "control channel, rejecting data connection (see the NoSessionReuseRequired TLSOptions "
     "parameter)", "TLSOptions NoSessionReuseRequired"),
])
def test_reuse_fix_names_both_sides(text: str, line: str) -> None:
    """The client's step (a client that resumes the session) and the server's own line."""
    for finding in explain(text).findings[:2]:
        codes = "\n".join(s.code for s in finding.fix)
        assert "curl --ssl-reqd" in codes and line in codes, codes


@pytest.mark.parametrize("text", [
    "530 Non-anonymous sessions must use encryption.",
    "Response:\t550 SSL/TLS required on the control channel",
    "421 Sorry, cleartext sessions and weak ciphers are not accepted on this server.",
    "521 Data connection cannot be opened with this PROT setting.",
])
def test_tls_required_is_the_clients_ftps_setting(text: str) -> None:
    r = explain(text)
    top = r.findings[0]
    assert top.cause.value == "client_misconfiguration", r.findings[:2]
    assert "ftp:ssl-force true" in "\n".join(s.code for s in top.fix)


# FileZilla prints GnuTLS's own text in its shape: the GnuTLS table reads it (its number
# says which), FileZilla's words around it claim nothing of their own
@pytest.mark.parametrize(("text", "cause"), [
    ("Error:\tGnuTLS error -15 in gnutls_record_recv: An unexpected TLS packet was received.",
     "non_tls_service_on_port"),
    ("Error:\tGnuTLS error -48 in gnutls_handshake: Key usage violation in certificate has "
     "been detected.", "cert_wrong_purpose"),
    ("Error:\tGnuTLS error -12 in gnutls_handshake: A TLS fatal alert has been received.",
     None),
])
def test_filezilla_gnutls_shape_is_read_by_the_gnutls_table(text: str, cause: str | None
                                                            ) -> None:
    r = explain(text)
    assert r.recognized and r.source == "gnutls", (r.source, r.meaning)
    assert not any(m.pattern_id.startswith("filezilla.") for m in r.matches)
    if cause is not None:
        assert r.findings[0].cause.value == cause


@pytest.mark.parametrize(("text", "cause"), [
    ("Error:\tReceived TLS alert from the server: Protocol version not supported (70)",
     "protocol_version_mismatch"),
    ("Error:\tReceived TLS alert from the server: The server name sent was not recognized "
     "(112)", "sni_required_or_mismatch"),
])
def test_filezilla_received_alert_is_read_by_its_number(text: str, cause: str) -> None:
    r = explain(text)
    assert (r.source, r.side, r.findings[0].cause.value) == ("filezilla", C, cause)


def test_data_connection_is_the_passive_path_not_an_unreachable_host() -> None:
    r = explain("Error:\tThe data connection could not be established: ECONNREFUSED - "
                "Connection refused by server")
    assert r.findings[0].cause.value == "middlebox_or_firewall_interference"
    assert any("pasv_min_port=40000" in s.code for s in r.findings[0].fix)


@pytest.mark.parametrize("text", [
    "Error: Critical error: Could not connect to server",  # FileZilla's, no reason in it
    "Status:\tDisconnected from server",
    "Failed to verify peer certificate",  # FileZilla's words without its log's level
    "Certificate has expired.",  # WinSCP's verdict without its "Summary: "
    "425 Unable to build data connection: Connection refused",
    "550 Permission denied.",
])
def test_generic_or_foreign_words_are_not_claimed(text: str) -> None:
    r = explain(text)
    assert not any(m.source in SOURCES for m in r.matches), (text, r.source)


def test_peer_certificate_rejected_inside_another_programs_line_is_theirs() -> None:
    r = explain("SOAP: Call failed: iaik.security.ssl.SSLCertificateException: Peer "
                "certificate rejected by ChainVerifier")
    assert r.source != "winscp"


@pytest.mark.parametrize(("text", "fault"), [
    ('Sun Dec  6 12:02:12 2026 [pid 7194] FTP command: Client "127.0.0.1", "????????~??BU?AK)"',
     True),
    ('Sun Dec  6 12:02:12 2026 [pid 7194] FTP command: Client "::ffff:10.0.0.5", '
     '"\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xFC\\x03\\x03"', True),  # Fedora's vsftpd
    ('Sun Dec  6 12:02:12 2026 [pid 7194] FTP command: Client "127.0.0.1", "USER anonymous"',
     False),
])
def test_vsftpd_reads_a_clienthello_as_a_command(text: str, fault: bool) -> None:
    r = explain(text)
    got = r.findings[0].cause.value if r.findings else None
    assert (got == "non_tls_service_on_port") is fault, (got, r.side)
    if fault:
        assert r.side == S and "ftp://" in "\n".join(s.code for s in r.findings[0].fix)
