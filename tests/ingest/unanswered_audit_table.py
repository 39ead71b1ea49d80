"""Round 15 audit table: a ClientHello nobody answered, traces x endings x contexts.

Each trace is the program's own verbose output up to the ClientHello (curl -v 7.88 and 8.x's
filter-prefixed lines, curl --trace-ascii, openssl s_client -state / -msg / bare, gnutls-cli
-d, JSSE javax.net.debug JDK 11+; JDK 8's "*** ClientHello" lines are read by stage.py but a
pasted text's "***" is taken for a redaction by posting.py, so that form is left out); each ending is what the poster's text shows
next: nothing, the ^C that stopped it, or the client's own timeout words. The contexts are
what else the text names about the address. The expected top cause comes from the class's
reasoning (ingest/plain_context.py, "unanswered"), not from its table: over a network the
path (a middlebox or a path-MTU black hole) first, never confident; on this machine the
local service; a plaintext port the port; an https:// proxy setting the client's setting.
Negative controls (a server that answered, an alert received) must NOT read as unanswered.
"""

from __future__ import annotations

TRACES: dict[str, str] = {  # name -> the trace up to and including the ClientHello
    "curl-7.88": ("*   Trying 203.0.113.7:443...\n* Connected to {host} (203.0.113.7) port 443 (#0)\n"
                  "* ALPN: offers h2,http/1.1\n} [5 bytes data]\n"
                  "* TLSv1.3 (OUT), TLS handshake, Client hello (1):\n} [512 bytes data]\n"
                  "*  CAfile: /etc/ssl/certs/ca-certificates.crt\n*  CApath: /etc/ssl/certs"),
    "curl-8": ("* Host {host}:443 was resolved.\n*   Trying 203.0.113.7:443...\n"
               "* Connected to {host} (203.0.113.7) port 443\n"
               "* [CONN-0-0][CF-SSL] TLSv1.3 (OUT), TLS handshake, Client hello (1):"),
    "curl-trace-ascii": ("== Info: Connected to {host} (203.0.113.7) port 443 (#0)\n"
                         "== Info: TLSv1.2 (OUT), TLS handshake, Client hello (1):\n"
                         "=> Send SSL data, 512 bytes (0x200)"),
    "s_client-state": ("$ openssl s_client -state -connect {host}:443\n"
                       "CONNECTED(00000003)\nSSL_connect:before SSL initialization\n"
                       "SSL_connect:SSLv3/TLS write client hello"),
    "s_client-msg": ("$ openssl s_client -msg -connect {host}:443\n"
                     "CONNECTED(00000003)\n>>> TLS 1.3, Handshake [length 0124], ClientHello\n"
                     "    01 00 01 20 03 03 5a 1f"),
    "s_client-bare": "$ openssl s_client -connect {host}:443\nCONNECTED(00000003)",
    "gnutls-cli-d": ("Connecting to '203.0.113.7:443'...\n"
                     "|<4>| HSK[0x55d0]: CLIENT HELLO was queued [368 bytes]\n"
                     "|<3>| ASSERT: ../../lib/buffers.c[get_last_packet]:1196"),
    "java-11": ("$ java -Djavax.net.debug=ssl:handshake -jar app.jar https://{host}/\n"
                "javax.net.ssl|DEBUG|01|main|2024-03-01 10:00:00.000 UTC|ClientHello.java:641|"
                "Produced ClientHello handshake message (\n\"ClientHello\": {\n)"),
}
ENDINGS: dict[str, str] = {  # name -> what follows the trace
    "nothing": "",
    "interrupted": "^C",
    "curl-timeout": "curl: (28) Connection timed out after 10001 milliseconds",
    "curl-ssl-timeout": "curl: (28) SSL connection timeout",
    "python-timeout": "TimeoutError: _ssl.c:989: The handshake operation timed out",
    "java-timeout": "java.net.SocketTimeoutException: Read timed out",
    "go-timeout": "net/http: TLS handshake timeout",
}
# The bare s_client form has nothing after CONNECTED by definition: only endings that add no
# words (the program printed nothing more).
BARE_ENDINGS = ("nothing", "interrupted")
CONTEXTS: dict[str, str] = {  # name -> the host the trace names, and a line before it
    "public": "registry-1.docker.io",
    "loopback": "127.0.0.1",
    "https-proxy": "registry-1.docker.io",
}
CONTEXT_LINES = {"https-proxy": "$ export https_proxy=https://10.0.0.5:3128"}
# The expected top cause by context, never at 0.6 or more.
EXPECTED = {
    "public": "middlebox_or_firewall_interference",
    "loopback": "server_misconfiguration",
    "https-proxy": "client_misconfiguration",
}
# Traces that must not read as an unanswered hello: the server answered, or sent an alert.
CONTROLS: dict[str, str] = {
    "curl-answered": ("* TLSv1.3 (OUT), TLS handshake, Client hello (1):\n"
                      "* TLSv1.3 (IN), TLS handshake, Server hello (2):\n"
                      "curl: (28) Operation timed out after 10000 milliseconds with 0 bytes "
                      "received"),
    "curl-alert": ("* TLSv1.3 (OUT), TLS handshake, Client hello (1):\n"
                   "* TLSv1.3 (IN), TLS alert, handshake failure (552):\n"
                   "curl: (35) error:0A000410:SSL routines::sslv3 alert handshake failure"),
    "s_client-answered": ("CONNECTED(00000003)\nSSL_connect:SSLv3/TLS write client hello\n"
                          "SSL_connect:SSLv3/TLS read server hello\n"
                          "4087:error:0A000086:SSL routines::certificate verify failed"),
}


def cells() -> list[tuple[str, str, str]]:
    """(trace, ending, context) for every cell of the audit."""
    return [(t, e, c) for t in TRACES for e in ENDINGS for c in CONTEXTS
            if t != "s_client-bare" or e in BARE_ENDINGS]


def text_of(trace: str, ending: str, context: str) -> str:
    body = TRACES[trace].replace("{host}", CONTEXTS[context])
    if context == "loopback":
        body = body.replace("203.0.113.7", "127.0.0.1")
    lines = [CONTEXT_LINES.get(context, ""), body, ENDINGS[ending]]
    return "\n".join(x for x in lines if x)
