"""Round 24, holdout26's classes (docs/explain-upstream.md, "Round 24: holdout26's classes").

The texts are built from each program's own format strings (patterns/words24c.py records
path and commit):

A. Go's "x509: certificate is valid for <names>, not <host>" (crypto/x509/verify.go
   HostnameError.Error): for a host name the list is the certificate's DNS names, so private
   addresses there are a LAN box's own certificate answering for a public name. Before: the
   names at 1.0 (confidently wrong); now a ranking below 0.6, the path first.
B. dnscrypt-proxy's "[<name>] Certificate hash [<x>] not found" (serversInfo.go): no pinned
   hash among the resolver's certificates, a re-signing scanner first. Before: no finding.
C. Exim's "SMTP protocol synchronization error (input sent without waiting for greeting)"
   with input="\\026\\003\\001..." (smtp_in.c, octal by string_printing): a ClientHello on
   a plain SMTP port. Before: no finding.
D. LibTLS's "verify_chain: Next certificate in the chain is not the issuer of this
   certificate" (Ladybird, SerenityOS TLSv12.cpp): the chain's order. Before: no finding.
E. NSS's SSL_ERROR_RX_RECORD_TOO_LONG (judgement/nss.py): plain text answered the hello, and
   who wrote it (the port's service, the path, the proxy setting) is not in the words: a
   ranking below 0.6 in every language, as every stack's not-TLS reply without context.
   Before: the port's service at 0.8 (a DPI bypass tool's broken records answered wrongly).
F. openssl s_client's "Certificate chain" with one element issued by a public CA (apps/s_client.c
   print_stuff): public CAs issue from intermediates only, so the chain is incomplete.
   Before: no finding. The text is s_client 3.0.19's own output on 127.0.0.1 (a leaf under a
   local CA named like Let's Encrypt's R3, the server sending no chain).
"""

from __future__ import annotations

import pytest
from ranked import causes as _causes
from ranked import causes_and_top as _causes_and_top
from ranked import top as _top


# A. HostnameError.Error: "x509: certificate is valid for " + valid + ", not " + h.Host
@pytest.mark.parametrize("text", [
    "x509: certificate is valid for 192.168.0.1, not dns.quad9.net",
    'Get "https://api.github.com/user": x509: certificate is valid for 10.0.0.138, '
    "169.254.1.1, not api.github.com",
    "tls: failed to verify certificate: x509: certificate is valid for 172.20.0.1, "
    "not registry-1.docker.io",
])
def test_private_addresses_answering_for_a_public_name_are_the_path(text: str) -> None:
    got, (top, conf) = _causes_and_top(text)
    assert top == "middlebox_or_firewall_interference" and conf < 0.6, got
    assert "tls_interception_mitm" in got and "hostname_mismatch" in got


@pytest.mark.parametrize("text", [
    # an IP connected to, a LAN name, a public name listed: the names, as before
    "x509: certificate is valid for 10.96.0.1, 172.16.72.21, not 172.16.72.10",
    "x509: certificate is valid for 192.168.1.1, not router.lan",
    "x509: certificate is valid for 192.168.1.1, not nas.local",
    "x509: certificate is valid for example.com, 10.0.0.1, not api.example.org",
])
def test_other_name_lists_stay_the_name_check(text: str) -> None:
    assert _top(text) == ("hostname_mismatch", 1.0)


# B. dlog.Criticalf("[%s] Certificate hash [%x] not found", name, wantedHash); older
# releases fmt.Errorf("Certificate hash [%x] not found for [%s]", wantedHash, name)
_HASH = "6a5062b0d178d556f163b13b1b0f19435d02588291cc75589dfee6eb11c8d5c3"


@pytest.mark.parametrize("text", [
    f"[2025-02-01 10:00:00] [CRITICAL] [quad9-doh-ip4-port443-filter-pri] Certificate hash "
    f"[{_HASH}] not found",
    f"[2019-05-02 09:12:40] [NOTICE] Certificate hash [{_HASH}] not found for [cloudflare]",
])
def test_dnscrypt_proxys_missing_pin_is_a_re_signing_scanner_first(text: str) -> None:
    top, conf = _top(text)
    assert top == "tls_interception_mitm" and conf < 0.6, _causes(text)


# C. log_write(... "SMTP protocol synchronization error (input sent without waiting for
# greeting): rejected connection from %s input=%q" ...), the input octal-escaped
_EXIM = ("2024-05-02 09:12:40 SMTP protocol synchronization error (input sent without "
         "waiting for greeting): rejected connection from H=mail.example.net [192.0.2.7] "
         "input=")


def test_exim_logging_a_clienthello_is_tls_on_the_plain_port() -> None:
    text = _EXIM + '"\\026\\003\\001\\002\\000\\001\\000\\001\\374\\003\\003"'
    got, (top, _) = _causes_and_top(text)
    assert top == "non_tls_service_on_port" and "client_misconfiguration" in got, got


def test_exim_logging_plain_text_early_is_not_tls() -> None:
    text = _EXIM + '"EHLO client.example.net\\r\\n"'
    assert "non_tls_service_on_port" not in _causes(text)


# D. dbgln("verify_chain: Next certificate in the chain is not the issuer of this certificate")
def test_libtls_chain_order() -> None:
    text = ("RequestServer(1234): verify_chain: Next certificate in the chain is not the "
            "issuer of this certificate")
    assert _top(text)[0] == "bad_chain_order_or_extra"


# E. NSS's code and its sentence (nss-dev/nss lib/ssl/SSLerrs.h), and Firefox's French
# catalog's translation of it (patterns/l10n.json, firefox-esr-l10n-fr)
@pytest.mark.parametrize("text", [
    "Secure Connection Failed\n\nAn error occurred during a connection to example.org. SSL "
    "received a record that exceeded the maximum permissible length.\n\nError code: "
    "SSL_ERROR_RX_RECORD_TOO_LONG",
    "Error code: SSL_ERROR_RX_RECORD_TOO_LONG",
])
def test_nss_record_too_long_is_a_ranking(text: str) -> None:
    got, (top, conf) = _causes_and_top(text)
    assert top == "non_tls_service_on_port" and conf < 0.6, got
    assert "middlebox_or_firewall_interference" in got


def test_nss_record_too_long_translated_is_the_same_ranking() -> None:
    import json
    from pathlib import Path

    from tlsdoctor.ingest.patterns import l10n

    rows = json.loads((Path(l10n.__file__).parent / "l10n.json").read_text(encoding="utf-8"))
    sentences = [e["text"] for e in rows["entries"]
                 if e["row"] == "nss.up.SSL_ERROR_RX_RECORD_TOO_LONG.text"]
    assert len(sentences) >= 10
    for sentence in sentences:
        top, conf = _top(sentence)
        assert top == "non_tls_service_on_port" and conf < 0.6, (sentence, _causes(sentence))


# F. openssl s_client (OpenSSL 3.0.19) against s_server on 127.0.0.1 sending only its leaf
_CHAIN = """Certificate chain
 0 s:CN = localhost
   i:C = US, O = Let's Encrypt, CN = R3
   a:PKEY: rsaEncryption, 2048 (bit); sigalg: RSA-SHA256
   v:NotBefore: Dec  7 08:05:16 2026 GMT; NotAfter: Dec 17 08:05:16 2026 GMT
---"""


def test_s_client_one_element_under_a_public_ca_is_an_incomplete_chain() -> None:
    assert _top(_CHAIN)[0] == "incomplete_chain"
    # OpenSSL 1.1's form (no a:/v: lines, X509_NAME_oneline names), the section ending there
    old = ("Certificate chain\n 0 s:/CN=example.org\n   i:/C=US/O=DigiCert Inc/CN=DigiCert "
           "TLS RSA SHA256 2020 CA1\n")
    assert _top(old)[0] == "incomplete_chain"


@pytest.mark.parametrize("text", [
    # a private CA may issue from its root; a chain with its intermediate is complete
    _CHAIN.replace("O = Let's Encrypt, ", "O = Example Corp, "),
    _CHAIN.replace("---", " 1 s:C = US, O = Let's Encrypt, CN = R3\n   i:C = US, O = "
                   "Internet Security Research Group, CN = ISRG Root X1\n---"),
])
def test_other_chains_are_not_read_as_incomplete(text: str) -> None:
    assert "incomplete_chain" not in _causes(text)
