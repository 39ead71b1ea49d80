"""Round 20: a server program's own words, recognised as its own, never print another
program's config lines. Measured (docs/explain-upstream.md, "Round 20: lines for the programs
that had none"): each program below printed nginx's, Apache's and HAProxy's lines for the
wording here, one of its own printed strings from the upstream tables
(src/tlsdoctor/ingest/patterns/upstream/<source>.json, printf fields as "x"). Now it gets its
own lines where tlsdoctor has them (fixes/snippets.toml), else the step in words with its
openssl check and the note that tlsdoctor has no config lines for it yet.
"""

from __future__ import annotations

import pytest

from tlsdoctor.api import explain
from tlsdoctor.fixes.data import SERVERS, per_server, table

WEB = frozenset({"nginx", "apache", "haproxy"})
CASES = [
    ("exim", "TLS error 'x'"),
    ("filezilla_server", "PROT C is not allowed when the control connection is secure. Use PROT P."),
    ("freeradius", 'Error reading Trusted root CA list "x"'),
    ("hitch", "Error loading OCSP response x for stapling."),
    ("icinga2", "Server TLS handshake failed (x): x"),
    ("jellyfin", "No private key included in SSL cert {CertificateLocation}."),
    ("keycloak", "Key material not provided to setup HTTPS. Please configure your keys/certificates"),
    ("mongodb", "SSL handshake received but server is started without SSL support"),
    ("mosquitto", 'Error: Unable to set TLS 1.3 ciphersuites. Check cipher_tls13 list "x".'),
    ("ocserv", "error in TLS priority string: x"),
    ("proftpd", "unable to verify 'x': server did not provide certificate"),
    ("pure_ftpd", "TLS: Cipher too weak"),
    ("squid", "Failed to accept a secure connection"),
    ("stunnel", "SSL_accept: Peer suddenly disconnected"),
    ("vsftpd", "PBSZ needs a secure connection."),
    ("xrdp", "Unable to negotiate a TLS connection with the client"),
    ("zabbix", "SSL_accept() timed out"),
]


@pytest.mark.parametrize(("source", "text"), CASES, ids=[c[0] for c in CASES])
def test_a_programs_own_words_print_no_other_programs_lines(source: str, text: str) -> None:
    r = explain(text)
    assert (r.source, r.side) == (source, "server"), (r.source, r.side)
    named = {s.applies_to for f in r.findings for s in f.fix}
    others = (named & (set(SERVERS) | WEB)) - {source}
    assert not others, [(f.cause.value, [(s.applies_to, s.text) for s in f.fix]) for f in r.findings]
    server_steps = [s for f in r.findings for s in f.fix if s.applies_to == source]
    if source in SERVERS:
        assert server_steps and all("no config lines" not in s.text for s in server_steps)
    elif server_steps and not any("tlsdoctor has no config lines" in s.text for s in server_steps):
        # a program with its own rows elsewhere (hitch's pem-file, the FTP servers'...)
        assert any(s.code for s in server_steps)


@pytest.mark.parametrize("section", ["protocols", "ciphers", "dh", "bundle", "stapling", "listen_tls"])
def test_a_program_without_lines_gets_the_step_in_words_and_its_openssl_check(section: str) -> None:
    fields = {"path": "/etc/ssl/site.fullchain.pem", "stem": "site", "issuers": "i.pem",
              "ocsp_url": "http://ocsp", "port": "443"}
    (step,) = per_server(section, "zabbix", **fields)
    assert "tlsdoctor has no config lines for zabbix yet" in step.text
    assert step.code == table()["checks"][section] and "openssl s_client" in step.code
    assert step.applies_to == "zabbix"
    # unknown software (none named) still shows the first few servers, as before
    assert [s.applies_to for s in per_server(section, None, **fields)][:1] == ["nginx"]


def test_openvpns_words_name_openvpns_config_whichever_side_printed_them() -> None:
    """OpenVPN is both peers: its log of "Unsupported protocol" (as a real OpenVPN 2.6 server
    stopping at TLS 1.1 logs it; read as either side) printed nginx's, Apache's and HAProxy's lines; now OpenVPN's own."""
    r = explain("TLS error: Unsupported protocol. This typically indicates that client and "
                "server have no common TLS version enabled. This can be caused by mismatched "
                "tls-version-min and tls-version-max options on client and server.\n"
                "OpenSSL: error:0A000102:SSL routines::unsupported protocol:\n"
                "TLS_ERROR: BIO read tls_read_plaintext error\n"
                "TLS Error: TLS handshake failed")
    assert r.source == "openvpn"
    named = {s.applies_to for f in r.findings for s in f.fix}
    assert "openvpn" in named and not named & WEB, named
