"""Round 19: classes of misses found when holdout17 was folded into dev.

Go's tls.Config misuse (crypto/tls handshake_client.go, handshake_server.go @ go1.19.8) is
refused before a byte is sent: the program's own TLS settings are wrong, not the peer's. The
keyword rules read "ServerName" in it as the server's SNI refusal, with certainty.
"""

from __future__ import annotations

import pytest

from tlsdoctor.api import explain


@pytest.mark.parametrize(("text", "cause", "party"), [
    ("handshake server error: tls: either ServerName or InsecureSkipVerify must be specified "
     "in the tls.Config", "client_misconfiguration", "client"),
    ("dial: tls: invalid NextProtos value", "client_misconfiguration", "client"),
    ("http: TLS handshake error from 10.0.0.7:51234: tls: neither Certificates, "
     "GetCertificate, nor GetConfigForClient set in Config", "server_misconfiguration",
     "server"),
])
def test_go_config_misuse_is_the_programs_own_setting(text: str, cause: str,
                                                      party: str) -> None:
    found = explain(text).findings
    top = found[0]
    assert (top.cause.value, top.who_fixes.value) == (cause, party)
    assert "sni_required_or_mismatch" not in {f.cause.value for f in found}


# A. OTP's ssl terms as Elixir prints them (Inspect: ':atom', ", " between elements, ~c"..."
# charlists since Elixir 1.15; elixir-lang/elixir lib/elixir/lib/inspect.ex @ 09d1a9962c1b).
# The Erlang reasons are OTP's (lib/ssl, lib/public_key); the Elixir forms are how Mint
# (elixir-mint/mint lib/mint/core/transport/ssl.ex verify_fun: {:fail, {:bad_cert,
# :hostname_check_failed}}, read through the code index) and Logger print them.
@pytest.mark.parametrize(("text", "cause"), [
    ("13:27:41.165 [notice] TLS :client: In state :wait_cert at ssl_handshake.erl:2135 "
     "generated CLIENT ALERT: Fatal - Handshake Failure\n - {:bad_cert, :hostname_check_failed}",
     "hostname_mismatch"),
    ("** (Mint.TransportError) {:tls_alert, {:handshake_failure, ~c\"TLS client: In state "
     ":hello\"}}", "cipher_suite_mismatch"),
    ("{:error, {:bad_cert, :unknown_ca}}", "cert_untrusted_root"),
    ("{:error, %Mint.TransportError{reason: {:bad_cert, :selfsigned_peer}}}", "cert_self_signed"),
    ("[error] Finch request failed: {:error, {:options, {:cacertfile, []}}}",
     "client_misconfiguration"),
    ("{:error, {:bad_cert, :invalid_issuer}}", "bad_chain_order_or_extra"),
])
def test_otp_terms_in_elixir_syntax_read_as_erlang_ones(text: str, cause: str) -> None:
    r = explain(text)
    assert r.findings[0].cause.value == cause
    assert any(m.source == "erlang" for m in r.matches)


def test_elixir_rewrite_only_drops_markers() -> None:
    from tlsdoctor.ingest.elixir_terms import erlang_form
    assert erlang_form("{:bad_cert, :unknown_ca}") == "{bad_cert, unknown_ca}"
    assert erlang_form("plain text: :not a term") is None


# B. .NET Framework's SecureChannelFailure / TrustFailure in other words: localised as
# Microsoft's localised documentation quotes them (Azure Stack release notes, Intune
# connector and Data Factory troubleshooting pages; code index ids 56680809746 de,
# 16881333803 fr, 71238895242 es, 22179447898 pt, 16166245287 it, 37890164252 pl,
# 9829542991 ru, 18558976040 zh, 42504375230 ja; trust: 9124596624 de, 2461183067 fr,
# 15436180527 es, 45352815992 it, 4200093152 pl, 30084504966 zh), and the dev set's English
# paraphrase (vonage-dotnet-sdk-6fa9881a's class).
@pytest.mark.parametrize("text", [
    "Request aborted: SSL/TLS security channel could not be created.",
    "System.Net.WebException: Die Anfrage wurde abgebrochen: Es konnte kein geschützter "
    "SSL/TLS-Kanal erstellt werden.",
    "invoke-webrequest : La demande a été abandonnée : Impossible de créer un canal sécurisé "
    "SSL/TLS.",
    "Anulada la solicitud: No se puede crear un canal seguro SSL/TLS.",
    "Invoke-webrequest: A solicitação foi anulada: não foi possível criar o canal seguro SSL/TLS.",
    "Invoke-webrequest: richiesta annullata: Impossibile creare un canale sicuro SSL/TLS.",
    "Wywołanie webrequest: żądanie zostało przerwane: nie można utworzyć bezpiecznego kanału "
    "SSL/TLS.",
    "System.Net.WebException: Запрос был прерван: Не удалось создать защищенный канал SSL/TLS",
    "使用“1”个参数调用“DownloadString”时发生异常:“请求被中止: 未能创建 SSL/TLS 安全通道。”",
    "invoke-webrequest : 要求は中止されました: SSL/TLS のセキュリティで保護されているチャネルを作成できませんでした。",
])
def test_dotnet_secure_channel_in_any_wording(text: str) -> None:
    english = explain("The request was aborted: Could not create SSL/TLS secure channel.")
    got = explain(text)
    assert [(f.cause, round(f.confidence, 3)) for f in got.findings[:3]] == \
        [(f.cause, round(f.confidence, 3)) for f in english.findings[:3]]


@pytest.mark.parametrize("text", [
    "Die zugrunde liegende Verbindung wurde geschlossen: Es konnte keine Vertrauensstellung für "
    "den sicheren SSL/TLS-Kanal eingerichtet werden.",
    "Le serveur a clos la connexion sous-jacente : Impossible d’établir une relation de "
    "confiance pour le canal sécurisé SSL/TLS.",
    "Se ha cerrado la conexión subyacente: No se ha podido establecer la relación de confianza "
    "para el canal seguro SSL/TLS.",
    "la connessione sottostante è stata chiusa: Impossibile stabilire una relazione di trust "
    "per il canale sicuro SSL/TLS.",
    "Połączenie podstawowe zostało zamknięte: nie można ustanowić relacji zaufania dla "
    "bezpiecznego kanału SSL/TLS.",
    "基础连接已经关闭: 未能为SSL/TLS 安全通道建立信任关系",
])
def test_dotnet_trust_failure_localised(text: str) -> None:
    english = explain("The underlying connection was closed: Could not establish trust "
                      "relationship for the SSL/TLS secure channel.")
    assert explain(text).findings[0].cause == english.findings[0].cause


# C. OpenSSL's "function:reason" without ERR_error_string's "error:<code>:<lib>:" prefix, as
# posted after IO::Socket::SSL's "SSL connect attempt failed" (whose own text is printed
# with the full error string: "SSL connect attempt failed error:14090086:SSL routines:
# ssl3_get_server_certificate:certificate verify failed", git's send-email thread in the
# code index) or by any wrapper: the reason decides, not the wrapper's generic row.
@pytest.mark.parametrize(("text", "cause"), [
    ("(Bad file descriptor), SSL connect attempt failed tls_process_server_certificate:"
     "certificate verify failed using ca-cert-dir on 1.4 ?", "cert_untrusted_root"),
    ("STARTTLS failed! SSL connect attempt failed SSL3_GET_SERVER_CERTIFICATE:certificate "
     "verify failed at /usr/libexec/git-core/git-send-email line 1294", "cert_untrusted_root"),
    ("SSL connect attempt failed ssl3_get_record:wrong version number",
     "non_tls_service_on_port"),
])
def test_openssl_function_reason_without_code_prefix(text: str, cause: str) -> None:
    r = explain(text)
    assert r.findings[0].cause.value == cause
    assert any(m.pattern_id.endswith(".function") for m in r.matches)


# D. Text that names its cause in plain words: the cause catalogue's names, testssl.sh's
# and SSL Labs' chain issue ("incomplete chain", ssllabs/ssllabs-scan ssllabs-api-docs-v3.md @
# 7a9f44e4c267). Below 0.6: the words name a cause, they do not prove it.
@pytest.mark.parametrize(("text", "cause"), [
    ('Homepage link "https://www.adalog.fr/en/adacontrol.html" is dead (SSL incomplete '
     'certificate chain) for more than a month.', "incomplete_chain"),
    ("Chain issues: Incomplete", "incomplete_chain"),
    # testssl.sh's verify_retcode_helper (testssl/testssl.sh testssl.sh @ 9fdf8028baba)
    (" Chain of trust               NOT ok (chain incomplete)", "incomplete_chain"),
    (" Chain of trust               NOT ok (chain incomplete, only 1 cert provided)",
     "incomplete_chain"),
    ("the server's certificate chain is incomplete", "incomplete_chain"),
    ("looks like the site is missing the intermediate certificate", "incomplete_chain"),
    ("The SSL Certificate on your site has expired", "cert_expired"),
])
def test_a_cause_named_in_plain_words_is_recognised_below_certainty(text: str,
                                                                    cause: str) -> None:
    r = explain(text)
    assert r.recognized
    assert r.findings[0].cause.value == cause
    assert r.findings[0].confidence < 0.6


def test_a_named_cause_yields_to_any_programs_reading() -> None:
    r = explain("curl: (60) SSL certificate problem: certificate has expired\n"
                "(the checker said: SSL incomplete certificate chain)")
    assert r.findings[0].cause.value == "cert_expired"
    assert not any(m.source == "named_cause" for m in r.matches)
