"""Whose key, whose CA file, and how sure: the printing side owns its material, and texts
that cannot name their cause rank the causes real threads resolve to, below certainty."""

from __future__ import annotations

from tlsdoctor.api import explain

MISMATCH = ("error:0B080074:x509 certificate routines:X509_check_private_key:"
            "key values mismatch")


def _ranked(text: str) -> list[tuple[str, float]]:
    return [(f.cause.value, float(f.confidence or 0)) for f in explain(text).findings]


def test_a_key_mismatch_printed_by_s_client_is_the_clients_own_pair():
    text = ("$ openssl s_client -connect h:443 -cert c.pem -key k.pem\n"
            "error setting private key\n140222542737472:" + MISMATCH)
    assert _ranked(text)[0][0] == "client_misconfiguration"


def test_a_key_mismatch_printed_by_a_node_agent_is_the_clients():
    text = ("Error: " + MISMATCH + "\n    at SecureContext.setKey (<anonymous>)\n"
            "    at Object.connect (_tls_wrap.js:1606:48)")
    assert _ranked(text)[0][0] == "client_misconfiguration"


def test_a_key_mismatch_in_a_servers_log_stays_the_servers():
    text = ('nginx: [emerg] SSL_CTX_use_PrivateKey_file("/etc/k.pem") failed (SSL: '
            + MISMATCH + ")")
    assert _ranked(text)[0][0] == "server_misconfiguration"


def test_a_dovecot_login_process_that_cannot_load_its_files_is_the_server():
    text = ("imap-login: Error: Failed to initialize SSL server context: Couldn't parse "
            "private key: error:0906D06C:PEM routines:PEM_read_bio:no start line")
    assert _ranked(text)[0][0] == "server_misconfiguration"


def test_node_extra_ca_file_that_cannot_load_is_the_clients_setting():
    text = ("Warning: Ignoring extra certs from `/home/u/ca.pem`, load failed: "
            "error:80000002:system library::No such file or directory")
    assert _ranked(text)[0][0] == "client_misconfiguration"


def test_node_extra_ca_file_with_duplicates_is_no_fault():
    text = ("Warning: Ignoring extra certs from `ca.pem`, load failed: error:0B07C065:x509 "
            "certificate routines:X509_STORE_add_cert:cert already in hash table")
    assert not explain(text).findings


def test_python_ca_bundle_that_cannot_load_is_the_clients_setting():
    text = ("requests.exceptions.SSLError: [Errno 185090050] _ssl.c:340: error:0B084002:x509 "
            "certificate routines:X509_load_cert_crl_file:system lib")
    assert _ranked(text)[0][0] == "client_misconfiguration"


def test_go_proxy_url_with_https_for_a_plain_proxy():
    text = ('Get "https://example.com/": proxyconnect tcp: tls: first record does not look '
            "like a TLS handshake")
    assert _ranked(text)[0][0] == "client_misconfiguration"


def test_go_dates_without_times_rank_expiry_then_clock_and_are_not_sure():
    ranked = _ranked("Unable to connect to the server: x509: certificate has expired or is "
                     "not yet valid")
    assert [c for c, _ in ranked[:2]] == ["cert_expired", "client_clock_wrong"]
    assert ranked[0][1] < 0.6


def test_go_dates_with_times_are_read_from_the_times():
    ranked = _ranked("x509: certificate has expired or is not yet valid: current time "
                     "2023-03-31T09:11:37+03:00 is after 2023-03-25T05:32:30Z")
    assert ranked[0][0] == "cert_expired" and ranked[0][1] >= 0.8


def test_python_local_issuer_ranks_the_local_store_first_but_not_as_certain():
    ranked = _ranked("ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] "
                     "certificate verify failed: unable to get local issuer certificate "
                     "(_ssl.c:1076)")
    # below a confident claim (round 19: its dev threads' rate, held at 0.55)
    assert ranked[0][0] == "client_misconfiguration" and ranked[0][1] < 0.6
    assert "incomplete_chain" in [c for c, _ in ranked]
