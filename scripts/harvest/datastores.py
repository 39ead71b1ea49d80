"""Data services beside the SQL databases: MongoDB, Redis, Kafka, ClickHouse (Poco's
NetSSL, which its client and server print through), Elasticsearch.

As in ``databases``: every entry keeps how its program prints it in ``form``; MongoDB's,
Elasticsearch's and ClickHouse's files are excerpts read through the search index (their
snapshots are over the fetch size limit), Redis, Kafka and Poco are fetched mirrors.
"""

from __future__ import annotations

import re

from .common import Harvest, Origin, git_origin, unescape
from .databases import _TLS, _code, _joined
from .embedded import _excerpts

_ATTR = re.compile(r'"\w+"_attr')
_MONGO_JSON = ('{"t":{"$date":"2026-11-24T10:00:00.000+00:00"},"s":"E","c":"NETWORK",'
               '"id":%ID%,"ctx":"conn1","msg":"%TEXT%"}')
# The shell's connect failure around a Status (mongo/mongosh print the code name first).
_MONGO_STATUS = ("Error: couldn't connect to server 127.0.0.1:27017, connection attempt "
                 "failed: SSLHandshakeFailed: %TEXT%")


def _streamed(line: str) -> str:
    """A C++ ``str::stream() << "a" << x << "b"`` message as a format: "a%sb"."""
    parts = []
    for piece in line.split("<<")[1:]:
        lits = _joined(piece)
        parts.append(lits[0] if lits and piece.strip().startswith('"') else "%s")
    text = "".join(parts)
    return re.sub(r"(?:%s)+$", "%s", text)


def mongodb() -> Harvest:
    """MongoDB's server and shell: the certificate checks of ssl_manager_openssl.cpp (logged
    with LOGV2 ids, or returned as the Status a client prints) and the ingress handshake's
    Status texts (transport/asio/asio_session_impl.cpp)."""
    h = Harvest("mongodb")
    for o in _excerpts("mongodb/mongo"):
        path = o.ls("")[0]
        for line in _code(o, path).splitlines():
            line = _ATTR.sub("", line)
            ident = re.search(r"\((\d{4,6}),", line)
            if "<<" in line:
                text = _streamed(line)
                h.add(o, path, text, text, "message", form=_MONGO_STATUS)
            elif ident:
                # LOGV2(id, [format,] message): the JSON log's "msg" is the message; logs
                # before 4.4 printed the format's words.
                for text in _joined(line):
                    h.add(o, path, ident.group(1), text, "log",
                          form=_MONGO_JSON.replace("%ID%", ident.group(1)))
            else:
                for text in _joined(line)[:1]:
                    h.add(o, path, text, text, "message", form=_MONGO_STATUS)
    return h


REDIS_REFS = ("7.0.15", "HEAD")  # Debian 12's redis, and today's
_REDIS_LOG = "12345:M 24 Nov 2026 10:00:00.000 # %TEXT%"
_REDIS_FILES = (
    ("src/networking.c", _REDIS_LOG, r'serverLog\(LL_\w+,\s*((?:"(?:[^"\\]|\\.)*"\s*)+)'),
    ("src/tls.c", _REDIS_LOG, r'serverLog\(LL_WARNING,\s*((?:"(?:[^"\\]|\\.)*"\s*)+)'),
    ("src/redis-cli.c", "%TEXT%", r'fprintf\(stderr,\s*((?:"(?:[^"\\]|\\.)*"\s*)+)'),
    ("src/cli_common.c", "Could not negotiate a TLS connection: %TEXT%",
     r'\*err = ((?:"(?:[^"\\]|\\.)*"\s*)+)'),
    ("deps/hiredis/ssl.c", "Could not connect to Redis at 127.0.0.1:6379: %TEXT%",
     r'(?:return|__redisSetError\(c, \w+,|snprintf\(err,sizeof\(err\)-1,)\s*'
     r'((?:"(?:[^"\\]|\\.)*"\s*)+)'),
)


def redis() -> Harvest:
    """Redis: the server's log about clients (src/networking.c) and its own TLS setup
    (src/tls.c), redis-cli's words (src/redis-cli.c, src/cli_common.c) and hiredis's TLS
    errors (deps/hiredis/ssl.c), which redis-cli prints after "Could not connect to Redis
    at <host>:<port>: "."""
    h = Harvest("redis")
    for ref in REDIS_REFS:
        o = git_origin("redis/redis", ref)
        for path, form, pattern in _REDIS_FILES:
            if not o.exists(path):
                continue
            for m in re.finditer(pattern, o.read(path)):
                text = "".join(_joined(m.group(1))).rstrip("\n")
                # hiredis's TLS read path (redisSSLRead) says "Server closed the connection"
                # when the server ends the TLS session; redis-cli prints it as "Error: ...".
                if path.endswith("ssl.c") and text == "Server closed the connection":
                    form = "Error: %TEXT%"
                extra = ({"after": ["Error: "], "whole": True} if form == "Error: %TEXT%"
                         else {})
                if _TLS.search(text) or re.search(r"client connection|from client|to client|"
                                                  r"^Server closed the connection$", text):
                    h.add(o, path, text, text, "log" if form == _REDIS_LOG else "message",
                          form=form, **extra)
    return h


KAFKA_REF = "HEAD"
_KAFKA_FILES = ("clients/src/main/java/org/apache/kafka/common/network/SslTransportLayer.java",
                "clients/src/main/java/org/apache/kafka/common/network/Selector.java",
                "clients/src/main/java/org/apache/kafka/clients/NetworkClient.java",
                "clients/src/main/java/org/apache/kafka/common/security/ssl/"
                "DefaultSslEngineFactory.java",
                "clients/src/main/java/org/apache/kafka/common/security/ssl/SslFactory.java")
_KAFKA_CALL = re.compile(r'(?:log\.(?:info|warn|error)\(|new (\w*(?:Exception|Error))\()\s*'
                         r'((?:"(?:[^"\\]|\\.)*"\s*(?:\+\s*)?)+(?:[^;]{0,200}?))\s*[,)]',
                         re.S)


def _java_text(args: str) -> str:
    """A Java message: its literals joined, each value between them (``+ x +``, SLF4J's
    ``{}``) as %s."""
    parts, pos = [], 0
    for m in re.finditer(r'"((?:[^"\\]|\\.)*)"', args):
        between = args[pos:m.start()].replace("+", "").strip()
        if parts and between:
            parts.append("%s")
        parts.append(unescape(m.group(1)))
        pos = m.end()
    if args[pos:].replace("+", "").strip():
        parts.append("%s")
    return "".join(parts).replace("{}", "%s")


def kafka() -> Harvest:
    """Kafka's Java client and broker (the same network layer): SslTransportLayer's
    handshake failures (SslAuthenticationException "SSL handshake failed"), Selector's
    "Failed authentication with <peer> (<reason>)", NetworkClient's connection states, and
    DefaultSslEngineFactory's key and trust store errors."""
    h = Harvest("kafka")
    o = git_origin("apache/kafka", KAFKA_REF)
    for path in _KAFKA_FILES:
        for m in _KAFKA_CALL.finditer(o.read(path)):
            text = _java_text(m.group(2))
            if len(text) > 8 and (_TLS.search(text) or "authentication" in text):
                h.add(o, path, text, text, "message", exception=m.group(1) or "")
    return h


POCO_REF = "HEAD"


def clickhouse() -> Harvest:
    """ClickHouse's client and server print Poco's NetSSL exceptions inside their own
    ("Code: 210. DB::NetException: SSL Exception: <OpenSSL's reason>"): the exception
    names (ClickHouse's fork of SSLException.cpp) and what Poco's SecureSocketImpl,
    Context and SSLManager throw (upstream pocoproject/poco)."""
    h = Harvest("clickhouse")
    form = "Code: 210. DB::NetException: %TEXT%. (NETWORK_ERROR)"
    for o in _excerpts("ClickHouse/ClickHouse"):
        path = o.ls("")[0]
        for m in re.finditer(r'POCO_IMPLEMENT_EXCEPTION\((\w+), \w+, "([^"]+)"\)',
                             _code(o, path)):
            h.add(o, path, m.group(1), m.group(2), "name", form=form)
    o = git_origin("pocoproject/poco", POCO_REF)
    for path in ("NetSSL_OpenSSL/src/SecureSocketImpl.cpp", "NetSSL_OpenSSL/src/Context.cpp",
                 "NetSSL_OpenSSL/src/SSLManager.cpp"):
        for m in re.finditer(r'throw (\w+Exception)\(("(?:[^"\\]|\\.)*"(?:\s*\+\s*\w+)?)',
                             o.read(path)):
            text = _java_text(m.group(2))
            if _TLS.search(text) or "Context" in text:
                h.add(o, path, text, text, "message", exception=m.group(1),
                      form=form.replace("%TEXT%", f"{_poco_name(m.group(1))}: %TEXT%"))
    return h


def _poco_name(exception: str) -> str:
    return {"SSLContextException": "SSL context exception",
            "CertificateValidationException": "Certificate validation error",
            "InvalidCertificateException": "Invalid certficate"}.get(exception, "SSL Exception")


def elasticsearch() -> Harvest:
    """Elasticsearch's security plugin, in the node's own log: what its HTTP and transport
    layers say of a client that spoke plain text to a TLS port or did not trust the node's
    certificate (SecurityHttpExceptionHandler, SecurityTransportExceptionHandler)."""
    h = Harvest("elasticsearch")
    form = ("[2026-11-24T10:00:00,000][WARN ][o.e.x.s.t.n.SecurityNetty4HttpServerTransport] "
            "[node-1] %TEXT%")
    for o in _excerpts("elastic/elasticsearch"):
        path = o.ls("")[0]
        _es_file(h, o, path, form)
    return h


def _es_file(h: Harvest, o: Origin, path: str, form: str) -> None:
    for m in re.finditer(r'logger\.(\w+)\("((?:[^"\\]|\\.)*)"', _code(o, path)):
        text = unescape(m.group(2)).replace("{}", "%s")
        h.add(o, path, text, text, "log", level=m.group(1),
              form=form.replace("WARN ", m.group(1).upper().ljust(5)))
