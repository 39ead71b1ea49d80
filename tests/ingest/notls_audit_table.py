"""Round 14 audit table: the not-TLS / closed / timeout class, stacks x wordings x contexts.

Each wording is the program's own text (ingest/plain_context.py WORDINGS gives the source);
each context is a line a poster includes (a shell line, curl -v, a config). The expected top
cause and whether it may reach 0.6 come from the class's reasoning (plain_context docstring),
not from the implementation's table: a context that names the client's https:// proxy makes
the client's setting the answer (>= 0.6), a plaintext port or a scheme against its port the
plain port (>= 0.6), loopback from a proxy-free tester the local service (a guess below
0.6; from other clients the tables decide), a timeout stays below 0.6 whatever the context but the https:// proxy.
"""

from __future__ import annotations

from tlsdoctor.api import explain

WORDINGS: dict[str, tuple[str, str]] = {  # name -> (kind, text)
    "openssl3-curl": ("not_tls", "curl: (35) OpenSSL/3.0.19: error:0A00010B:SSL routines::"
                                 "wrong version number"),
    "python": ("not_tls", "ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number "
                          "(_ssl.c:1006)"),
    "node": ("not_tls", "Error: write EPROTO 80CCA9CBBC7F0000:error:0A00010B:SSL routines:"
                        "ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/"
                        "record/ssl3_record.c:350:"),
    "openssl1.0": ("not_tls", "140735:error:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:"
                              "unknown protocol:s23_clnt.c:794:"),
    "gnutls": ("not_tls", "*** Fatal error: An unexpected TLS packet was received."),
    "go": ("not_tls", "remote error: tls: first record does not look like a TLS handshake"),
    "java": ("not_tls", "javax.net.ssl.SSLException: Unsupported or unrecognized SSL message"),
    "dotnet": ("not_tls", "System.IO.IOException: The handshake failed due to an unexpected "
                          "packet format."),
    "curl-syscall": ("closed", "curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL"),
    "python-eof": ("closed", "ssl.SSLEOFError: [SSL: UNEXPECTED_EOF_WHILE_READING] EOF "
                             "occurred in violation of protocol (_ssl.c:1006)"),
    "openssl3-eof": ("closed", "4097:error:0A000126:SSL routines::unexpected eof while reading"),
    "gnutls-eof": ("closed", "*** Fatal error: The TLS connection was non-properly "
                             "terminated."),
    "java-eof": ("closed", "javax.net.ssl.SSLHandshakeException: Remote host terminated the "
                           "handshake"),
    "node-eof": ("closed", "Error: Client network socket disconnected before secure TLS "
                           "connection was established"),
    "dotnet-eof": ("closed", "System.IO.IOException: Received an unexpected EOF or 0 bytes "
                             "from the transport stream."),
    "reset": ("closed", "OpenSSL SSL_connect: Connection reset by peer"),
    "python-timeout": ("timeout", "ssl.SSLError: The handshake operation timed out "
                                  "(_ssl.c:1064)"),
    "go-timeout": ("timeout", "net/http: TLS handshake timeout"),
}

CONTEXTS: dict[str, str] = {
    "none": "",
    "env_https": "$ export https_proxy=https://10.0.0.5:3128",
    "curl_v_https": "* Uses proxy env variable HTTPS_PROXY == 'https://proxy.corp:8080'",
    "pip_https": "$ pip install --proxy https://proxy.corp:8080 requests",
    "dict_https": "proxies = {'https': 'https://proxy.corp:8080'}",
    "npm_https": "$ npm config set https-proxy https://proxy.corp:8080",
    "git_https": "$ git config --global http.proxy https://proxy.corp:8080",
    "env_http": "$ export https_proxy=http://proxy.corp:8080",
    "scheme": "$ curl https://intranet.example:80/",
    "plain_port": "$ openssl s_client -connect mail.example.com:587",
    "proxy_port": "connect to 10.1.2.3:3128 failed",
    "loopback": "$ curl https://localhost:9000/",
    "loopback_direct": "Connecting to '127.0.0.1:9000'...\n(gnutls-cli)",
    "tls_port": "$ openssl s_client -connect www.example.com:443",
}
_HTTPS = ("env_https", "curl_v_https", "pip_https", "dict_https", "npm_https", "git_https")


def expected(kind: str, context: str) -> tuple[str, bool | None] | None:
    """(top cause, whether it reaches 0.6: None when the program's own table decides) for a
    wording kind in a context; None: any reading but a confident client setting (the context
    says nothing new). Without a context, or with one that does not change who answered,
    the tables' own readings stand: Go's, Java's and .NET's not-TLS words and OpenSSL 1.0's
    SSL23_GET_SERVER_HELLO name plain text confidently (Go's dev threads: 6 of 7)."""
    if context in _HTTPS:
        return ("client_misconfiguration", kind != "timeout")
    if kind == "timeout":
        return ("middlebox_or_firewall_interference", False)
    table = {
        ("not_tls", "none"): ("non_tls_service_on_port", None),
        ("closed", "none"): ("middlebox_or_firewall_interference", None),
        ("not_tls", "env_http"): ("non_tls_service_on_port", False),
        ("closed", "env_http"): ("middlebox_or_firewall_interference", False),
        ("not_tls", "scheme"): ("non_tls_service_on_port", True),
        ("closed", "scheme"): ("non_tls_service_on_port", True),
        ("not_tls", "plain_port"): ("non_tls_service_on_port", True),
        ("closed", "plain_port"): ("non_tls_service_on_port", False),
        ("not_tls", "proxy_port"): ("client_misconfiguration", False),
        ("closed", "proxy_port"): ("client_misconfiguration", False),
        ("not_tls", "loopback"): ("non_tls_service_on_port", None),
        ("not_tls", "loopback_direct"): ("non_tls_service_on_port", None),
        ("closed", "loopback_direct"): ("server_misconfiguration", False),
    }
    return table.get((kind, context))


CONFIDENT = 0.6


def cell_ok(wordings: dict[str, tuple[str, str]], wording: str, context: str) -> bool:
    """Whether explain's top answer for ``wording`` (of ``wordings``) under ``context`` is what
    ``expected`` says: the cause, and confident (>= 0.6) or not where that is decided; with
    nothing expected, only never the client's setting at >= 0.6."""
    kind, line = wordings[wording]
    text = f"{CONTEXTS[context]}\n{line}" if CONTEXTS[context] else line
    top = next(iter(explain(text).findings), None)
    want = expected(kind, context)
    if top is None:
        return False
    conf = float(top.confidence or 0)
    if want is None:
        return not (top.cause.value == "client_misconfiguration" and conf >= CONFIDENT)
    cause, confident = want
    # without a context the class's own reading decides: never confident
    return top.cause.value == cause and confident in (None, conf >= CONFIDENT)
