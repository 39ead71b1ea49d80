"""Round 21: classes of misses found when holdout20 was folded into dev.

Each class is read for every program that prints it; each test here fails on the code
before this work (the texts were read with a confident wrong cause or a wrong one).
"""

from __future__ import annotations

import pytest
from ranked import causes as _causes
from ranked import top as _top

from tlsdoctor.api import explain

CONFIDENT = 0.6


# A. Xray and V2Ray start every error with the Go package that made it
# (XTLS/Xray-core common/errors/errors.go @ 0c5554c88eaf1e712476763e9ad24be9d869be7e), so an
# outbound's failure reads "app/proxyman/outbound: ...": the package, not the Proxyman app
# (an intercepting proxy) between the client and its server.
_PROXYMAN_PATH = [
    "[Info] [1825122968] app/proxyman/outbound: failed to process outbound traffic > "
    "proxy/vless/outbound: failed to decode response header > x509: certificate signed by "
    "unknown authority",
    "[Warning] v2ray.com/core/app/proxyman/outbound: failed to process outbound traffic > "
    "v2ray.com/core/proxy/vmess/outbound: failed to find an available destination > "
    "x509: certificate signed by unknown authority",
    "[Info] [42] app/proxyman/inbound: connection ends > x509: certificate signed by "
    "unknown authority",
]


@pytest.mark.parametrize("text", _PROXYMAN_PATH)
def test_a_package_path_named_proxyman_is_not_the_proxyman_app(text: str) -> None:
    cause, confidence = _top(text)
    assert cause != "tls_interception_mitm" or confidence < CONFIDENT, (cause, confidence)
    assert confidence < CONFIDENT


def test_the_proxyman_app_itself_is_still_read() -> None:
    cause, _ = _top("Running through Proxyman on my Mac: x509: certificate signed by unknown "
                    "authority")
    assert cause == "tls_interception_mitm"


# B. OpenSSL's (and BoringSSL's) "bad ecpoint": the peer's ECDHE share did not decode as a
# point of its group (ssl/statem/statem_clnt.c tls_process_ske_ecdhe; statem_srvr.c
# tls_process_cke_ecdhe on a server). The share is signed or bound to the transcript: a
# well-framed invalid point is the peer's TLS stack, so a client names the server and a
# server's log names the client, below certainty.
_BAD_ECPOINT_CLIENT = [
    "SSL_connect:SSLv3/TLS read server certificate\nSSL3 alert write:fatal:illegal parameter\n"
    "40C7D1E3A97F0000:error:0A000132:SSL routines:tls_process_ske_ecdhe:bad ecpoint:"
    "ssl/statem/statem_clnt.c:2157:",
    "ssl.SSLError: [SSL: BAD_ECPOINT] bad ecpoint (_ssl.c:1006)",
    "error:1408B110:SSL routines:ssl3_get_key_exchange:bad ecpoint",
    "SSL routines:OPENSSL_internal:BAD_ECPOINT",
]


@pytest.mark.parametrize("text", _BAD_ECPOINT_CLIENT)
def test_a_bad_ecpoint_names_the_server_not_the_network(text: str) -> None:
    cause, confidence = _top(text)
    assert (cause, confidence < CONFIDENT) == ("server_misconfiguration", True)


def test_a_bad_ecpoint_in_a_servers_log_names_the_client() -> None:
    cause, _ = _top("2024/01/01 10:00:00 [crit] 12#12: *3 SSL_do_handshake() failed (SSL: "
                    "error:0A000132:SSL routines::bad ecpoint) while SSL handshaking, client: "
                    "192.0.2.4, server: 0.0.0.0:443")
    assert cause == "client_misconfiguration"


# C. Postfix's smtp logs "Trusted" or "Untrusted TLS connection established" (tls_misc.c
# tls_log_summary) before deferring with "Server certificate not verified" (smtp_proto.c,
# which tells TLSRPT certificate-host-mismatch for a trusted chain, certificate-not-trusted
# for an untrusted one; vdukhovni/postfix @ 17830e5c13c160d51c95cb971d137a46de84e48c).
def _postfix(word: str) -> str:
    return (f"Feb  2 12:15:21 mail postfix/smtp[1520]: {word} TLS connection established to "
            "mx.example.net[192.0.2.7]:25: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 "
            "(256/256 bits)\nFeb  2 12:15:21 mail postfix/smtp[1520]: 30E4E7461347: "
            "to=<a@example.net>, relay=mx.example.net[192.0.2.7]:25, delay=1, dsn=4.7.5, "
            "status=deferred (Server certificate not verified)")


def test_postfix_trusted_but_not_verified_is_a_match_not_the_chain() -> None:
    r = explain(_postfix("Trusted"))
    causes = [f.cause.value for f in r.findings]
    assert causes[0] == "hostname_mismatch", causes
    assert r.findings[0].confidence < CONFIDENT
    assert "server_misconfiguration" in causes[:3]  # TLSA records that do not match
    assert not {"cert_untrusted_root", "incomplete_chain"} & set(causes)


def test_postfix_untrusted_and_not_verified_is_the_chain() -> None:
    causes = list(_causes(_postfix("Untrusted")))
    assert causes[0] == "cert_untrusted_root", causes
    assert "hostname_mismatch" not in causes
