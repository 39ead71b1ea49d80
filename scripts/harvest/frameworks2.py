"""Round 14, second half: programs whose TLS wording no table had, read from their source.

- Asio (chriskohlhoff/asio, also Boost.Asio): the error category texts a program prints with
  ``ec.message()``: asio.ssl.stream's own three (include/asio/ssl/impl/error.ipp) and
  asio.misc's (include/asio/impl/error.ipp), whose "End of file" is what a handshake reports
  when the peer closed the connection. asio.ssl's texts are OpenSSL's reasons with
  " (lib, func)" after them: read by the OpenSSL table.
- Galera (codership/galera, the MariaDB/MySQL WSREP replication library): the handshake
  failure lines of Galera 3 (gcomm/src/asio_tcp.cpp) and Galera 4
  (galerautils/src/gu_asio_stream_react.cpp).
"""

from __future__ import annotations

import re

from .common import Harvest, git_origin
from .embedded import _excerpts

# Where programs print an asio error's message when the handshake failed (Galera 4's
# "Handshake failed: ", Boost.Beast's and the asio examples' "handshake: ").
_ASIO_AFTER = ["handshake: ", "Handshake failed: ", "handshake failed: ",
               "Client handshake failed: ", "Handshake error: "]


def asio() -> Harvest:
    """asio.ssl.stream's and asio.misc's error texts (one per enum value)."""
    h = Harvest("asio")
    o = git_origin("chriskohlhoff/asio")
    for path, category in (("include/asio/ssl/impl/error.ipp", "asio.ssl.stream"),
                           ("include/asio/impl/error.ipp", "asio.misc")):
        src = o.read(path)
        body = src.split(f'return "{category}";', 1)[1].split("};", 1)[0]
        for name, text in re.findall(r'case (\w+):\s*return "([^"]+)";', body):
            h.add(o, path, f"{category}.{name}", text, "message", after=_ASIO_AFTER,
                  form="handshake: %TEXT%")
        for name, text in re.findall(r'if \(value == error::(\w+)\)\s*return "([^"]+)";', body):
            h.add(o, path, f"{category}.{name}", text, "message", after=_ASIO_AFTER,
                  form="handshake: %TEXT%")
    return h


def galera() -> Harvest:
    """Galera's handshake failure lines: Galera 3's "handshake with remote endpoint %s
    failed: %s: '%s' ( %s)" (the asio error, its message, OpenSSL's error string) and
    Galera 4's "Handshake failed: %s" / "Client handshake failed: %s"."""
    h = Harvest("galera")
    o = git_origin("codership/galera", "3.x")
    path = "gcomm/src/asio_tcp.cpp"
    if "handshake with remote endpoint " in o.read(path):
        h.add(o, path, "handshake_handler", "handshake with remote endpoint %s failed: %s: "
              "'%s' ( %s)", "log")
    o = git_origin("codership/galera", "4.x")
    path = "galerautils/src/gu_asio_stream_react.cpp"
    for text in re.findall(r'"((?:Client )?[Hh]andshake failed)(?:: )?"', o.read(path)):
        h.add(o, path, text, text + ": %s", "log")
    return h


# Where Lua code prints a failed handshake's error (lua-nginx-module's own tests,
# t/129-ssl-socket.t: "failed to do SSL handshake: ", err; t/058-tcp-socket.t:
# "failed to sslhandshake: "; LuaSec's conn:dohandshake()).
_LUA_AFTER = ["failed to do SSL handshake: ", "failed to sslhandshake: ", "dohandshake: ",
              "handshake failed: ", "TLS handshake failed: ", "SSL handshake failed: ",
              "ssl handshake failed: "]


def luasec() -> Harvest:
    """LuaSec (brunoos/luasec): ssl.c's ssl_ioerror texts (what dohandshake returns besides
    OpenSSL's reason string, which the OpenSSL table reads) and context.c's / ssl.lua's
    messages when a context cannot be made."""
    h = Harvest("luasec")
    o = git_origin("brunoos/luasec")
    body = o.read("src/ssl.c").split("static const char *ssl_ioerror", 1)[1].split("\n}", 1)[0]
    for name, text in re.findall(r'case (SSL_ERROR_\w+): return "([^"]+)";', body):
        h.add(o, "src/ssl.c", name, text, "message", after=_LUA_AFTER,
              form=_LUA_AFTER[0] + "%TEXT%")
    context = o.read("src/context.c")
    for call in re.findall(r'lua_pushf?string\(L, "((?:[^"\\\n]|\\.)+)"', context):
        call = call.replace('\\"', '"')
        if re.search(r"error|invalid|not supported|unknown", call):
            h.add(o, "src/context.c", call, call, "message")
    for text in re.findall(r'return nil, "([^"]+)"', o.read("src/ssl.lua")):
        h.add(o, "src/ssl.lua", text, text, "message")
    return h


def lua_nginx() -> Harvest:
    """OpenResty's lua-nginx-module (src/ngx_http_lua_socket_tcp.c): what tcpsock:
    sslhandshake() returns ("handshake failed", "certificate host mismatch", the client
    certificate errors; a failed verify returns OpenSSL's verify text) and its error.log
    lines ("lua ssl certificate verify error: (%d: %s)", "lua ssl certificate does not match
    host \"%V\"")."""
    h = Harvest("lua_nginx")
    o = git_origin("openresty/lua-nginx-module")
    path = "src/ngx_http_lua_socket_tcp.c"
    src = o.read(path)
    for lits in re.findall(r'(?:\*errmsg|u->error_ret) = ((?:\s*"[^"\n]*")+);', src):
        text = "".join(re.findall(r'"([^"]*)"', lits))
        if re.search(r"handshake|certificate|verify", text):
            h.add(o, path, text, text, "message", after=_LUA_AFTER,
                  form=_LUA_AFTER[0] + "%TEXT%")
    for lits in re.findall(r'ngx_log_error\(NGX_LOG_ERR, u->peer\.log, 0, ((?:\s*"(?:[^"\\\n]|'
                           r'\\.)*")+)', src):
        text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', lits)).replace("%V", "%s")
        text = text.replace("%d", "%s").replace('\\"', '"')
        if text.startswith("lua ssl "):
            h.add(o, path, text, text, "log")
    return h


def envoy_reply() -> Harvest:
    """Envoy's HTTP router reply when the upstream connection failed or reset before headers
    (source/common/router/router.cc Filter::onUpstreamReset: "upstream connect error or
    disconnect/reset before headers. [retried and the latest ]reset reason: %s[, transport
    failure reason: %s]"), the reset reasons it names (source/common/http/utility.cc
    resetReasonToString) and the access log's response flags, short and long
    (source/common/stream_info/utility.h ResponseFlagUtils). Read through the search index
    (envoyproxy/envoy is over the fetch size limit), excerpts saved under /work/.mirror/_files."""
    h = Harvest("envoy_reply")
    for o in _excerpts("envoyproxy/envoy"):
        for path in o.ls(""):
            src = o.read(path)
            if path.endswith("router/router.cc"):
                lits = re.findall(r'"([^"]*)"', src.split("const std::string body", 1)[1])
                lead, retried, reason, transport = lits[0], lits[1], lits[3], lits[4]
                h.add(o, path, "body", f"{lead}{reason}%s", "log")
                h.add(o, path, "body.retried", f"{lead}{retried}{reason}%s", "log")
                h.add(o, path, "body.transport", f"{lead}{reason}%s{transport}%s", "log")
            elif path.endswith("http/utility.cc"):
                for name, text in re.findall(r'StreamResetReason::(\w+):\s*return "([^"]+)";',
                                             src):
                    h.add(o, path, f"reset.{name}", text, "reason_word")
            elif path.endswith("stream_info/utility.h"):
                short = dict(re.findall(r'(\w+) = "([A-Z]{2,5})";', src))
                for const, long_name in re.findall(r'(\w+)_LONG =\s*"(\w+)";', src):
                    if const in short:
                        h.add(o, path, f"flag.{short[const]}", long_name, "flag")
    return h
