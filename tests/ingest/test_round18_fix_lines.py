"""Round 18: the program's own fix lines, read from the lines the real programs printed in
the round's runs (tests/ingest/test_round18_*_real.py apply them; these guard the choice of
step where those programs are not installed). Each fails on the previous code, which printed
web servers' cipher lines (Pure-FTPd, Prosody) or the generic sentence (strongSwan,
TigerVNC), or read Kamailio's whole log as a client's."""

from __future__ import annotations

import pytest

from tlsdoctor.api import explain

# (printed text, source, top cause, the step's applies_to, words of its code)
CASES = {
    "pureftpd-ciphers": (
        "<91>Dec  6 13:48:30 pure-ftpd: (?@?) [ERROR] TLS: Invalid TLSCipherSuite specified "
        "'NOSUCH'", "pure_ftpd", "server_misconfiguration", "pure_ftpd", "TLSCipherSuite HIGH"),
    "pureftpd-files": (
        "<91>Dec  6 13:48:29 pure-ftpd: (?@?) [ERROR] Sorry, but that file doesn't exist: "
        "[/tmp/tlsdoctor-pureftpd-p0af2835/cert.pem]", "pure_ftpd", "server_misconfiguration",
        "pure_ftpd", "CertFileAndKey"),
    "prosody-key": (
        "certmanager         error\tSSL/TLS: Failed to load '/tmp/pr/localhost.key': Check "
        "that the file exists and the permissions are correct (for localhost)", "prosody",
        "server_misconfiguration", "prosody", "prosodyctl --root cert import"),
    "strongswan-trust": (
        "07[IKE] no trusted RSA public key found for '127.0.0.1'", "strongswan",
        "cert_untrusted_root", "strongswan", "swanctl --load-creds"),
    "tigervnc-trust": (
        "This certificate has been signed by an unknown authority:\n\nsubject `CN=localhost'"
        "\n\nSomeone could be trying to impersonate the site and you should not continue.",
        "tigervnc", "cert_untrusted_root", "tigervnc", "-X509CA="),
}

_KAMAILIO = (
    " 0(2513) INFO: tls [tls_domain.c:340]: ksr_tls_fill_missing(): TLSs<default>: "
    "certificate='/tmp/k/server.chain.pem'\n"
    " 0(2513) INFO: tls [tls_domain.c:735]: set_verification(): TLSs<default>: Client MUST "
    "present valid certificate\n"
    " 0(2513) INFO: tls [tls_domain.c:340]: ksr_tls_fill_missing(): TLSc<default>: "
    "certificate='(null)'\n"
    " 0(2513) INFO: tls [tls_domain.c:753]: set_verification(): TLSc<default>: Server MAY "
    "present invalid certificate\n"
    " 4(2520) ERROR: tls [tls_server.c:1330]: tls_h_read_f(): protocol level error\n"
    " 4(2520) ERROR: tls [tls_util.h:50]: tls_err_ret(): TLS accept:error:0A000086:SSL "
    "routines::certificate verify failed (sni: unknown)\n"
    " 4(2520) ERROR: tls [tls_server.c:1334]: tls_h_read_f(): src addr: 127.0.0.1:49854\n")


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_programs_own_step(case: str) -> None:
    text, source, cause, program, words = CASES[case]
    r = explain(text)
    assert r.source == source and r.findings, (r.source, text)
    top = r.findings[0]
    assert top.cause.value == cause, [f.cause.value for f in r.findings]
    steps = [s for s in top.fix if s.applies_to == program]
    assert len(steps) == 1 and words in steps[0].code, [s.code for s in top.fix]
    assert not any("ssl_ciphers" in s.code for s in top.fix)  # nginx's line


def test_kamailio_whole_log_is_the_servers_and_gets_its_ca_list() -> None:
    """Its start-up listing of both profiles does not make it a client's log."""
    r = explain(_KAMAILIO)
    assert (r.source, r.side) == ("kamailio", "server"), (r.source, r.side)
    top = r.findings[0]
    assert top.cause.value == "client_cert_required"
    assert any(s.applies_to == "kamailio" and "ca_list = " in s.code for s in top.fix)
    assert any(s.applies_to == "openssl" for s in top.fix)  # the client's lines stay


def test_a_missing_file_reply_is_not_pure_ftpds_certificate() -> None:
    r = explain("550 Sorry, but that file doesn't exist")
    assert not r.findings or r.source != "pure_ftpd"
