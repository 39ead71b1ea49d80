"""Databases and data services, clients and servers: MySQL, MariaDB (Connector/C and the
server), MongoDB, Redis, Kafka, ClickHouse (its Poco NetSSL), Elasticsearch.

Each program wraps a TLS library's words in its own: ``ERROR 2026 (HY000): SSL connection
error: <reason>`` (libmysql), ``ERROR 2026 (HY000): TLS/SSL error: <reason>`` (Connector/C),
``Error accepting a client connection: <OpenSSL error>`` (a Redis server's log). Every entry
keeps how its program prints it in ``form`` (``%TEXT%`` is the entry's text with sample
values), which ``harvested.as_printed`` feeds to the corpus tests.

Read from fetched mirrors (Connector/C, Redis, Kafka, Poco), from excerpts read through the
search index for the repositories over the fetch size limit (mysql/mysql-server,
MariaDB/server, mongodb/mongo, elastic/elasticsearch, ClickHouse/ClickHouse; saved under
/work/.mirror/_files/<owner+name>/ with a COMMITS file), and from the errmsg-utf8.txt the
Debian mariadb-server package ships (MariaDB's sql/share/errmsg-utf8.txt).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from .common import Harvest, Origin, dir_origin, git_origin, unescape
from .embedded import _excerpts

_TLS = re.compile(r"SSL|TLS|certificat|\bcert\b|handshake|cipher|\bCA\b|verif|peer|"
                  r"truststore|keystore|key store|trust store|private key|PEM|X\.?509|FIPS|"
                  r"encrypted|plaintext|secure transport", re.I)
_LIT = re.compile(r'"((?:[^"\\\n]|\\.)*)"')

# The words libmysql, Connector/C and the MariaDB server print before a TLS detail
# (errmsg.cc CR_SSL_CONNECTION_ERROR, ma_errmsg.c's, vio/viosslfactories.c's fprintf).
_MYSQL_SSL, _CC_SSL, _SERVER_SSL = "SSL connection error: ", "TLS/SSL error: ", "SSL error: "
# How the mysql and mariadb command-line clients print an error (client/mysql.cc put_error:
# "ERROR <number> (<sqlstate>): <message>", as the matrix recorded them).
_CLI = "ERROR {n} (HY000): %TEXT%"


def _joined(args: str) -> list[str]:
    """The string literals of C arguments, adjacent literals joined, unescaped."""
    out: list[str] = []
    prev_end = -1
    for m in _LIT.finditer(args):
        if out and prev_end >= 0 and not args[prev_end:m.start()].strip():
            out[-1] += unescape(m.group(1))
        else:
            out.append(unescape(m.group(1)))
        prev_end = m.end()
    return out


def _array(src: str, name: str) -> list[str]:
    """The elements of a C string array ``name[] = { ... };``, in order (adjacent literals
    joined; an element is everything between two commas outside the literals)."""
    body = src[src.index(name):]
    body = body[body.index("{") + 1:body.index("};")]
    out, current = [], ""
    for m in re.finditer(r'"((?:[^"\\\n]|\\.)*)"|,', body):
        if m.group(0) == ",":
            out.append(current)
            current = ""
        else:
            current += unescape(m.group(1))
    if current or body.rstrip().endswith('""'):
        out.append(current)
    return out


def _code(o: Origin, path: str) -> str:
    """An excerpt's lines after its header comment (which quotes texts of its own)."""
    src = o.read(path)
    return src.split("*/", 1)[1] if src.lstrip().startswith("/*") else src


def mysql() -> Harvest:
    """MySQL's client library (libmysql/errmsg.cc client_errors[], the texts
    sql-common/client.cc passes to CR_SSL_CONNECTION_ERROR, vio/viosslfactories.cc's
    ssl_error_string[]) and the server's TLS entries of share/messages_to_error_log.txt."""
    h = Harvest("mysql")
    ssl_form = _CLI.format(n=2026).replace("%TEXT%", "SSL connection error: %TEXT%")
    for o in _excerpts("mysql/mysql-server"):
        path = o.ls("")[0]
        src = _code(o, path)
        if path.endswith("errmsg.cc"):
            for n, text in enumerate(_array(src, "client_errors[]"), start=2000):
                if text and _TLS.search(text):
                    h.add(o, path, f"CR {n}", text, "client", number=n, form=_CLI.format(n=n))
        elif path.endswith("client.cc"):
            for text in (t for line in src.splitlines() for t in _joined(line)):
                h.add(o, path, text, text, "message", form=ssl_form, after=[_MYSQL_SSL])
        elif path.endswith("viosslfactories.cc"):
            for text in _array(src, "ssl_error_string[]")[1:]:
                h.add(o, path, text, text, "message", form=ssl_form, after=[_MYSQL_SSL])
        else:
            for m in re.finditer(r"^(ER_\w+)\n\s+eng \"((?:[^\"\\]|\\.)*)\"", src, re.M):
                h.add(o, path, m.group(1), unescape(m.group(2)), "log",
                      form="2026-11-24T10:00:00.000000Z 0 [ERROR] [Server] %TEXT%")
    return h


# Connector/C 3.3 is what MariaDB 10.11 (Debian 12) bundles; 3.4 is MariaDB 11.4's.
CONNECTOR_C_REFS = ("3.3", "3.4")
_CC_FILES = ("libmariadb/ma_tls.c", "libmariadb/secure/openssl.c", "libmariadb/secure/gnutls.c",
             "libmariadb/secure/schannel.c", "libmariadb/secure/ma_schannel.c",
             "plugins/auth/my_auth.c", "libmariadb/mariadb_lib.c")
_SET_ERROR = re.compile(r"\b(?:my_set_error|set_error)\s*\(")
# Debian's mariadb-server package ships the server's sql/share/errmsg-utf8.txt.
ERRMSG = Path("/usr/share/mysql/errmsg-utf8.txt")
# The server's connection-phase messages a TLS failure can leave in its log.
_SERVER_IDS = ("ER_NEW_ABORTING_CONNECTION", "ER_NET_PACKETS_OUT_OF_ORDER", "ER_NET_READ_ERROR",
               "ER_NET_ERROR_ON_WRITE", "ER_HANDSHAKE_ERROR", "ER_NO_SECURE_TRANSPORTS_CONFIGURED",
               "ER_ACCESS_DENIED_ERROR", "ER_SECURE_TRANSPORT_REQUIRED")


def mariadb() -> Harvest:
    """MariaDB: Connector/C (the mariadb client's library: ma_errmsg.c, the texts its TLS
    back ends pass with CR_SSL_CONNECTION_ERROR, "TLS/SSL error: %s") and the server
    (vio/viosslfactories.c, errmsg-utf8.txt's connection-phase messages)."""
    h = Harvest("mariadb")
    for ref in CONNECTOR_C_REFS:
        o = git_origin("mariadb-corporation/mariadb-connector-c", ref)
        _connector_c(h, o)
    for o in _excerpts("MariaDB/server"):
        path = o.ls("")[0]
        src = _code(o, path)
        for text in _array(src, "ssl_error_string[]")[1:]:
            h.add(o, path, text, text, "message", after=[_SERVER_SSL, _MYSQL_SSL],
                  form="2026-11-24 10:00:00 0 [ERROR] SSL error: %TEXT%")
        for m in re.finditer(r'fprintf\(stderr, "((?:[^"\\]|\\.)*)"', src):
            text = unescape(m.group(1)).rstrip("\n")
            h.add(o, path, text, text, "log", form="2026-11-24 10:00:00 0 [ERROR] %TEXT%")
    _mariadb_errmsg(h)
    return h


def _connector_c(h: Harvest, o: Origin) -> None:
    names = {int(n): name for name, n in re.findall(r"#define (CR_\w+)\s+(\d{4})\b",
                                                    o.read("include/errmsg.h"))}
    errs = _array(o.read("libmariadb/ma_errmsg.c"), "client_errors[]")
    for n, text in enumerate(errs, start=2000):
        if text and _TLS.search(text):
            h.add(o, "libmariadb/ma_errmsg.c", names.get(n, f"CR {n}"), text, "client",
                  number=n, form=_CLI.format(n=n))
    arg_form = _CLI.format(n=2026).replace("%TEXT%", "TLS/SSL error: %TEXT%")
    for path in _CC_FILES:
        src = o.read(path)
        for m in _SET_ERROR.finditer(src):
            args = src[m.end():src.find(";", m.end())]
            if "CR_SSL_CONNECTION_ERROR" not in args and "TLS handshake" not in args:
                continue
            after_state = args.split("SQLSTATE_UNKNOWN", 1)[-1]
            for text in _joined(after_state):
                if text == "HY000":
                    continue
                whole = text.startswith("TLS/SSL error") or "CR_SSL" not in args
                form = _CLI.format(n=2002 if "CR_CONNECTION_ERROR" in args else 2026)
                if whole:
                    h.add(o, path, text, text, "message", form=form)
                else:
                    h.add(o, path, text, text, "message", form=arg_form, after=[_CC_SSL])


def _mariadb_errmsg(h: Harvest) -> None:
    ver = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "mariadb-server"],
                         capture_output=True, text=True).stdout or "unknown"
    o = dir_origin("MariaDB/server", f"mariadb-{ver.split(':')[-1].split('-')[0]}", ver,
                   ERRMSG.parent, "the Debian mariadb-server package's errmsg-utf8.txt")
    src = o.read(ERRMSG.name)
    for m in re.finditer(r"^(ER_\w+)[^\n]*\n((?:[ \t]+\w+ \"[^\n]*\n)+)", src, re.M):
        eng = re.search(r"^\s+eng \"((?:[^\"\\]|\\.)*)\"", m.group(2), re.M)
        if m.group(1) in _SERVER_IDS and eng:
            h.add(o, "sql/share/errmsg-utf8.txt", m.group(1), unescape(eng.group(1)), "log",
                  form="2026-11-24 10:00:00 5 [Warning] %TEXT%")
