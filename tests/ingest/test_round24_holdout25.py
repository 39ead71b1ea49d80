"""Round 24, holdout25's classes (docs/explain-upstream.md, "Round 24: holdout25's classes").

A. BoringSSL's SSL_R_KEY_USAGE_BIT_INCORRECT (ssl/ssl_cert.cc ssl_cert_check_key_usage,
   google/boringssl @ a0689af29e8e): the peer's leaf lacks the keyUsage bit its use needs.
   Before: a certificate-loading reason, the client's own setup first at 0.6 (confidently
   wrong). The text is built from BoringSSL's own formats (crypto/err/err.cc
   ERR_error_string_n and ERR_print_errors_cb) and curl's "(35)" line.
B. Node's host-name check of "localhost" (nodejs/node lib/_tls_wrap.js: servername || host ||
   socket._host || 'localhost'): a program pointed at localhost and one that gave tls.connect
   no name print the same words, so a ranking below 0.6 with the program's setup second.
   Before: the names at 1.0. Read from real Node runs against openssl s_server on 127.0.0.1.
C. Qt's "QSslSocket: cannot resolve %s" / "cannot call unresolved function %s" (qt/qtbase @
   7f77dc84fb43 src/network/ssl/qsslsocket_openssl_symbols.cpp, printed through the
   logging category as "<category>: <message>"): the OpenSSL Qt loaded is not the one it was
   built for, the client's own installation. Before: no finding.
D. Outlook's and Windows Mail's error numbers are the SDK's IXP_E_* codes (imnxport.h; wine-mirror/
   wine @ 181d2fb65ea7 include/imnxport.idl): 0x800CCC1A IXP_E_SECURE_CONNECT_FAILED is a failed
   TLS negotiation (a ranking: the version, then suites), 0x800CCC01 the certificate's name,
   0x800CCC02 its dates. Before: no finding.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from ranked import causes as _causes
from ranked import causes_and_top as _causes_and_top
from ranked import top as _top

from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.servers import Server, openssl_server

# A. BoringSSL: ERR_PACK(ERR_LIB_SSL=16, 302) = 0x1000012e.
_KU = "error:1000012e:SSL routines:OPENSSL_internal:KEY_USAGE_BIT_INCORRECT"


@pytest.mark.parametrize("text", [
    f"curl: (35) BoringSSL: {_KU}",
    f"140245367891968:{_KU}:ssl/ssl_cert.cc:397:",
    f"handshake failed: {_KU}",
])
def test_boringssls_key_usage_reason_is_the_certificates_purpose(text: str) -> None:
    causes, (top, _) = _causes_and_top(text)
    assert top == "cert_wrong_purpose"
    assert causes.get("client_misconfiguration", 0.0) < 0.6


# B. Node against a real server whose certificate names only chat.example.test.
_NODE_CLIENT = r"""
const tls = require('tls'); const fs = require('fs');
const [port, ca, servername] = process.argv.slice(1);  // node -e: no script path
const opts = {port: Number(port), ca: fs.readFileSync(ca),
  // always 127.0.0.1, whatever name is checked (s_server listens there only)
  lookup: (h, o, cb) => (o && o.all) ? cb(null, [{address: '127.0.0.1', family: 4}])
                                     : cb(null, '127.0.0.1', 4)};
if (servername) { opts.host = servername; opts.servername = servername; }
const s = tls.connect(opts, () => { console.log('connected'); s.end(); });
s.on('error', (e) => { console.error(String(e.stack || e)); process.exitCode = 1; });
setTimeout(() => { console.error('timed out'); process.exit(2); }, 8000).unref();
"""


@pytest.fixture(scope="module")
def chat_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    d = tmp_path_factory.mktemp("r24node")
    ca = CA(name="round 24 node root")
    root = ca.write(d / "root.pem")
    with openssl_server(*ca.issue(["chat.example.test"]).write(d)) as srv:
        yield srv, root


def _node(server: tuple[Server, Path], servername: str = "") -> str:
    srv, root = server
    p = subprocess.run(["node", "-e", _NODE_CLIENT, str(srv.port), str(root), servername],
                       capture_output=True, text=True, timeout=15, check=False,
                       stdin=subprocess.DEVNULL)
    return p.stdout + p.stderr


def test_node_without_a_host_checks_localhost_a_ranking(
        chat_server: tuple[Server, Path]) -> None:
    text = _node(chat_server)
    assert "Host: localhost. is not in the cert's altnames: DNS:chat.example.test" in text, text
    causes, (top, conf) = _causes_and_top(text)
    assert top == "hostname_mismatch" and conf < 0.6, causes
    assert causes["client_misconfiguration"] >= 0.3, causes


def test_node_with_a_host_name_keeps_the_name_check(chat_server: tuple[Server, Path]) -> None:
    text = _node(chat_server, "app.example.test")
    assert "Host: app.example.test. is not in the cert's altnames" in text, text
    assert _top(text) == ("hostname_mismatch", 1.0)


def test_a_certificate_for_localhost_is_not_this_class() -> None:
    text = ("Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's "
            "altnames: Host: localhost. is not in the cert's altnames: DNS:localhost.localdomain,"
            " DNS:localhost")
    assert _top(text)[1] == 1.0


# C. Qt: qCWarning through the default message pattern ("%{category}: %{message}"); Qt 5's
# category is qt.network.ssl, Qt 6's plugin's qt.openssl.symbols.
@pytest.mark.parametrize("text", [
    "qt.network.ssl: QSslSocket: cannot resolve OPENSSL_init_ssl\n"
    "qt.network.ssl: QSslSocket: cannot resolve OPENSSL_init_crypto",
    "qt.openssl.symbols: QSslSocket: cannot resolve SSL_CTX_set_ciphersuites",
    "qt.network.ssl: QSslSocket: cannot call unresolved function SSL_CTX_new",
])
def test_qts_missing_openssl_symbols_are_the_clients_library(text: str) -> None:
    assert _top(text)[0] == "client_misconfiguration"


def test_a_qt_verify_error_still_wins_over_the_symbol_warning() -> None:
    text = ("qt.network.ssl: QSslSocket: cannot resolve SSL_get_peer_certificate\n"
            "QSslError::CertificateExpired")
    assert _top(text)[0] == "cert_expired"


# D. Outlook's transport codes (wine-mirror/wine include/imnxport.idl, the SDK's IXP_E_*), in
# Outlook's send/receive report and Outlook Express's account line.
@pytest.mark.parametrize("text", [
    "Task 'mail.example.org - Receiving' reported error (0x800CCC1A) : 'Your server does not "
    "support the connection encryption type you have specified. Try changing the encryption "
    "method.'",
    "Account: 'mail.example.org', Server: 'mail.example.org', Protocol: POP3, Port: 995, "
    "Secure(SSL): Yes, Error Number: 0x800CCC1A",
])
def test_outlooks_secure_connect_failure_is_a_negotiation_ranking(text: str) -> None:
    # The harvested reading (judgement/outlook_mail.py, Microsoft's KB Q250926): the port's
    # mode first, then the version, then the suites (this set's Windows 7 thread).
    causes = _causes(text)
    assert list(causes)[:3] == ["non_tls_service_on_port", "protocol_version_mismatch",
                                "cipher_suite_mismatch"], causes
    assert max(causes.values()) < 0.6


def test_outlooks_certificate_codes_name_their_check() -> None:
    line = ("Account: 'mail.example.org', Server: 'mail.example.org', Protocol: IMAP, Port: 993,"
            " Secure(SSL): Yes, Error Number: ")
    assert _top(line + "0x800CCC01")[0] == "hostname_mismatch"
    assert _top(line + "0x800CCC02")[0] == "cert_expired"
