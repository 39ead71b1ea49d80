"""Round 25: ten more program families whose own wording no table held, harvested from
each program's own source (fetched mirrors; gRPC's file through the search index).

- librdkafka (confluentinc/librdkafka src/rdkafka_ssl.c): the broker-failure reasons,
  the hints it appends to "SSL handshake failed: <OpenSSL error>" (a PLAINTEXT listener,
  the CA location, a client certificate), the verify result line, the configuration
  errors rd_kafka_new() returns ("ssl.ca.location failed: ...") and its log lines.
- BusyBox (mirror/busybox networking/tls.c, networking/wget.c): its own TLS client's
  fatal alert line, "TLS error from peer (alert code N): <text>", with alert_text()'s
  names (the codes it does not name print as the number, listed in its comment), the
  key-exchange limits it dies on, and wget's note that it checks no certificate.
- Microsoft.Data.SqlClient (dotnet/SqlClient src/Microsoft.Data.SqlClient/src/Resources/
  Strings.resx): the pre-login sentence, the SNI provider errors, the encryption and
  pre-login timeout texts.
- Microsoft JDBC Driver for SQL Server (microsoft/mssql-jdbc SQLServerResource.java): its
  SSL messages now and, for R_sslFailed, the older wording (before 12.10) of the same id.
- RubyGems and Bundler (rubygems/rubygems lib/rubygems/request.rb verify callback lines,
  bundler/lib/bundler/fetcher.rb CertificateFailureError and SSLError, each line apart).
- Ansible (ansible/ansible lib/ansible/module_utils/urls.py build_ssl_validation_error and
  NoSSLError at the last commit before the py2 code went, 2.16's: the text 2.x printed).
- Asterisk (asterisk/asterisk main/tcptls.c, main/iostream.c): its TLS log lines.
- apk-tools (alpinelinux/apk-tools src/print.c): apk 3's TLS and DNS error texts, which
  libfetch's OpenSSL reasons map to (libfetch/common.c, src/io_url_libfetch.c).
- Composer (composer/composer): its secure-http refusal and missing-openssl exceptions.
- gRPC C core (grpc/grpc src/core/credentials/transport/tls/ssl_utils.cc, an excerpt read
  through the search index): the peer name and ALPN checks after the handshake.
"""

from __future__ import annotations

import re

from .common import MIRROR, Harvest, Origin, files_origin, git_origin, unescape

_C_LITS = r'((?:"(?:[^"\\\n]|\\.)*"\s*)+)'


def _joined(lits: str) -> str:
    """Adjacent C string literals as one unescaped text."""
    return unescape("".join(re.findall(r'"((?:[^"\\\n]|\\.)*)"', lits)))


# -- librdkafka ---------------------------------------------------------------------------

_RDK = "src/rdkafka_ssl.c"
# The client's log line (rdkafka's default logger: "%level|time|FAC|name| [thrd:...]: ")
# and the broker name before a broker failure's reason.
_RDK_LOG = ("%3|1733565600.123|{fac}|rdkafka#producer-1| [thrd:ssl://kafka-1:9093/bootstrap]: "
            "ssl://kafka-1:9093/bootstrap: ")
_RDK_FAIL = _RDK_LOG.format(fac="FAIL")
# rd_kafka_new()'s errstr as the clients raise it (confluent-kafka-python's KafkaException)
_RDK_NEW = 'KafkaError{code=_INVALID_ARG,val=-186,str="Failed to create producer: %TEXT%"}'
_RDK_KEEP = re.compile(r"(?i)ssl|certificate|broker|disconnected|private key|engine|provider|"
                       r"ca location|keystore")


def librdkafka() -> Harvest:
    h = Harvest("librdkafka")
    o = git_origin("confluentinc/librdkafka")
    src = o.read(_RDK)
    for m in re.finditer(r"rd_kafka_broker_fail\(\s*[^,]+,\s*LOG_\w+,\s*\w+,\s*" + _C_LITS, src):
        text = _joined(m.group(1))
        if text != "%s":  # a reason composed elsewhere
            h.add(o, _RDK, text, text, "log", form=_RDK_FAIL + "%TEXT%")
    # the hints the handshake's failure appends after the OpenSSL error (the platform's
    # tail after "are installed" is left out: it is one of three)
    for m in re.finditer(r"\bextra\s*=\s*" + _C_LITS, src):
        text = _joined(m.group(1)).removeprefix(": ")
        if not text:
            continue
        ident, inner = {
            "client SSL": ("hint.client_auth", "error:0A0000F4:SSL routines::unexpected message: "),
            "broker cer": ("hint.ca_location",
                           "error:0A000086:SSL routines::certificate verify failed: "),
            "connecting": ("hint.plaintext", "Disconnected: ")}[text[:10]]
        h.add(o, _RDK, ident, text, "message",
              form=_RDK_FAIL + "SSL handshake failed: " + inner + "%TEXT% (after 12ms in "
                   "state SSL_HANDSHAKE)")
    for m in re.finditer(r"rd_snprintf\(\s*errstr,\s*errstr_size,\s*" + _C_LITS, src):
        text = _joined(m.group(1))
        if _RDK_KEEP.search(text):
            h.add(o, _RDK, text, text, "message", form=_RDK_NEW)
    for m in re.finditer(r"rd_kafka_ssl_error0?\([^;]{0,80}?,\s*" + _C_LITS, src):
        text = _joined(m.group(1))
        if _RDK_KEEP.search(text):
            h.add(o, _RDK, text, text, "message", form=_RDK_NEW)
    for m in re.finditer(r"rd_(?:rkb|kafka)_log\(\s*\w+,\s*LOG_(?:ERR|WARNING|NOTICE),\s*"
                         r'"(\w+)",\s*' + _C_LITS, src):
        fac, text = m.group(1), _joined(m.group(2))
        if _RDK_KEEP.search(text):
            h.add(o, _RDK, text, text, "log", facility=fac,
                  form=_RDK_LOG.format(fac=fac) + "%TEXT%")
    return h


# -- BusyBox --------------------------------------------------------------------------------

_BB_TLS = "networking/tls.c"
_BB_WGET = "networking/wget.c"
_BB_DIE = ("bb_error_msg_and_die", "bb_simple_error_msg_and_die", "bb_error_msg",
           "bb_simple_error_msg")
_BB_KEEP = re.compile(r"(?i)tls|cert|curve|EC |RSA|ECDSA|key|record|encrypted|cipher")


def busybox() -> Harvest:
    h = Harvest("busybox")
    o = git_origin("mirror/busybox")
    tls = o.read(_BB_TLS)
    fmt = re.search(r'bb_error_msg_and_die\("(TLS %s from peer \(alert code %d\): %s)",\s*'
                    r'"(\w+)"', tls)
    assert fmt, "tls.c's alert line"
    line = fmt.group(1).replace("%s", fmt.group(2), 1)  # "error": a fatal alert
    body = tls[tls.index("static const char *alert_text(int code)"):]
    body = body[:body.index("\n}\n")]
    named = dict(re.findall(r"case (\d+):\s*return \"([^\"]+)\";", body))
    assert "itoa(code)" in body  # the others print as their number
    for code, name in re.findall(r"//(\d+) (\w+)", body):
        shown = named.get(code, code)
        h.add(o, _BB_TLS, f"alert {code} ({name})", line.replace("%d", code).replace("%s", shown),
              "message", alert=int(code), form="wget: %TEXT%")
    for m in re.finditer(r"\b(" + "|".join(_BB_DIE) + r")\(" + _C_LITS, tls):
        text = _joined(m.group(2))
        if "from peer" not in text and _BB_KEEP.search(text):
            h.add(o, _BB_TLS, text, text, "log", form="wget: %TEXT%")
    wget = o.read(_BB_WGET)
    for m in re.finditer(r'bb_simple_error_msg\("(note: TLS [^"]+)"\)', wget):
        h.add(o, _BB_WGET, m.group(1), m.group(1), "log", form="wget: %TEXT%")
    return h


# -- Microsoft.Data.SqlClient ---------------------------------------------------------------

_SQLC = "src/Microsoft.Data.SqlClient/src/Resources/Strings.resx"
_SQLC_KEEP = re.compile(r"^(?:SNI_ERROR_\d+|Snix_\w+|SQL_Encryption\w+|SQL_Timeout_PreLogin\w*)$")
_SQLC_EXC = "Microsoft.Data.SqlClient.SqlException (0x80131904): "


def sqlclient() -> Harvest:
    h = Harvest("sqlclient")
    o = git_origin("dotnet/SqlClient")
    resx = o.read(_SQLC)
    for name, value in re.findall(r'<data name="(\w+)" xml:space="preserve">\s*<value>(.*?)'
                                  r"</value>", resx, re.S):
        if not _SQLC_KEEP.match(name):
            continue
        text = value.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()
        if name.startswith("SNI_ERROR_"):
            # SNI errors follow the pre-login sentence as "(provider: P, error: N - text)"
            form = (_SQLC_EXC + "A connection was successfully established with the server, "
                    "but then an error occurred during the pre-login handshake. (provider: "
                    f"SSL Provider, error: {name.rsplit('_', 1)[1]} - %TEXT%)")
        else:
            form = _SQLC_EXC + "%TEXT%"
        h.add(o, _SQLC, name, text, "message", form=form)
    return h


# -- Microsoft JDBC Driver for SQL Server ---------------------------------------------------

_JDBC = "src/main/java/com/microsoft/sqlserver/jdbc/SQLServerResource.java"
_JDBC_IDS = ("R_sslRequiredNoServerSupport", "R_sslRequiredByServer", "R_sslFailed",
             "R_certNameFailed", "R_invalidSSLProtocol", "R_readCertError", "R_serverCertExpired",
             "R_serverCertNotYetValid", "R_serverCertError", "R_packetSizeTooBigForSSL")
# the commit before the one that reworded R_sslFailed (12.10.0): the text 12.8 and older print
_JDBC_OLD = "31cfb571c8d55e1680f41b3e4f1a9845e474d319^"


def mssql_jdbc() -> Harvest:
    h = Harvest("mssql_jdbc")
    for ref in ("HEAD", _JDBC_OLD):
        o = git_origin("microsoft/mssql-jdbc", ref)
        table = dict(re.findall(r'\{"(R_\w+)",\s*"((?:[^"\\]|\\.)*)"\}', o.read(_JDBC)))
        for name in _JDBC_IDS if ref == "HEAD" else ("R_sslFailed",):
            # the first line: the detail lines after it are the JDK's (R_serverCertError)
            text = unescape(table[name]).replace("''", "'").split("\n")[0].rstrip()
            h.add(o, _JDBC, name, text, "message",
                  form="com.microsoft.sqlserver.jdbc.SQLServerException: %TEXT%")
    return h


# -- RubyGems and Bundler -------------------------------------------------------------------

_GEM_REQ = "lib/rubygems/request.rb"
_BUNDLER = "bundler/lib/bundler/fetcher.rb"


def _ruby_text(s: str) -> str:
    return re.sub(r"#\{[^}]*\}", "%s", unescape(s))


def rubygems() -> Harvest:
    h = Harvest("rubygems")
    o = git_origin("rubygems/rubygems")
    req = o.read(_GEM_REQ)
    m = re.search(r'alert_error "(SSL verification error at depth [^"]+)"', req)
    assert m
    h.add(o, _GEM_REQ, "verify_certificate", _ruby_text(m.group(1)), "message",
          form="ERROR:  %TEXT%")
    seen: set[str] = set()
    for name, lit in re.findall(r'when\s+OpenSSL::X509::(V_ERR_\w+) then\s*(?:require "time"\s*)?'
                                r'"([^"]+)"', req):
        text = _ruby_text(lit)
        if text in seen:  # DEPTH_ZERO_SELF_SIGNED_CERT prints CERT_UNTRUSTED's words
            continue
        seen.add(text)
        h.add(o, _GEM_REQ, name, text, "message", form="ERROR:  %TEXT%")
    m = re.search(r'Gem::Exception.new\("(OpenSSL is not available[^"]+)"\)', req)
    assert m
    h.add(o, _GEM_REQ, "no openssl", m.group(1), "message", form="ERROR:  %TEXT%")
    fetcher = o.read(_BUNDLER)
    for cls in ("CertificateFailureError", "SSLError"):
        body = fetcher[fetcher.index(f"class {cls} "):]
        body = body[:body.index("\n    end\n")]
        text = _ruby_text("".join(re.findall(r'"((?:[^"\\]|\\.)*)"', body)))
        for n, line in enumerate(text.split("\n")):
            if line.strip() and not line.startswith("original error"):
                h.add(o, _BUNDLER, f"{cls}.{n}", line, "message")
    return h


# -- Ansible --------------------------------------------------------------------------------

_ANSIBLE = "lib/ansible/module_utils/urls.py"
# the parent of 92d2c66db2e ("Remove py2 support from urls.py"): 2.16's module_utils
_ANSIBLE_REF = "858a3dbaadcad17b413bec913f589b27ca8364c2"
_ANSIBLE_FORM = 'fatal: [web1]: FAILED! => {"changed": false, "msg": "%TEXT%"}'


def ansible() -> Harvest:
    h = Harvest("ansible")
    o = git_origin("ansible/ansible", _ANSIBLE_REF)
    src = o.read(_ANSIBLE)
    body = src[src.index("def build_ssl_validation_error("):]
    body = body[:body.index("\n\n\n")]
    for n, m in enumerate(re.finditer(r"msg(?: = \[\s*|\.append\()\(?((?:'[^'\n]*'\s*)+)", body)):
        text = "".join(re.findall(r"'([^'\n]*)'", m.group(1)))
        h.add(o, _ANSIBLE, f"build_ssl_validation_error.{n}", text, "message", form=_ANSIBLE_FORM)
    m = re.search(r"raise NoSSLError\(((?:'[^'\n]*'\s*)+)\)", src)
    assert m
    h.add(o, _ANSIBLE, "NoSSLError", "".join(re.findall(r"'([^'\n]*)'", m.group(1))), "message",
          form=_ANSIBLE_FORM)
    return h


# -- Asterisk -------------------------------------------------------------------------------

_AST_FILES = ("main/tcptls.c", "main/iostream.c")
_AST_KEEP = re.compile(r"(?i)ssl|tls|certificate|cipher|\bkey\b|\bSNI\b")


def asterisk() -> Harvest:
    h = Harvest("asterisk")
    o = git_origin("asterisk/asterisk")
    for path in _AST_FILES:
        src = o.read(path)
        for m in re.finditer(r"ast_log\(LOG_(ERROR|WARNING),\s*" + _C_LITS, src):
            level, text = m.group(1), _joined(m.group(2)).rstrip("\n")
            if _AST_KEEP.search(text):
                h.add(o, path, text, text, "log",
                      form=f"[Dec  7 10:00:00] {level}[12345]: {path.split('/')[-1]}:144 "
                           "ast_tcptls_start_tls: %TEXT%")
    return h


# -- apk-tools ------------------------------------------------------------------------------

_APK = "src/print.c"


def apk() -> Harvest:
    h = Harvest("apk")
    o = git_origin("alpinelinux/apk-tools")
    src = o.read(_APK)
    assert o.exists("src/io_url_libfetch.c")
    for name, text in re.findall(r'func\((APKE_(?:TLS|DNS)_\w+|APKE_TLS_ERROR),\s*"([^"]+)"\)',
                                 src):
        h.add(o, _APK, name, text, "message",
              form="WARNING: fetching https://dl-cdn.alpinelinux.org/alpine/edge/main: %TEXT%")
    return h


# -- Composer -------------------------------------------------------------------------------

_COMPOSER_FILES = ("src/Composer/Config.php", "src/Composer/Factory.php",
                   "src/Composer/Util/StreamContextFactory.php")
_PHP_TOKEN = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"|(\s*\.\s*)|([^'\".]+)")


def _php_concat(args: str) -> str:
    """A PHP concatenation of literals and expressions, each expression as %s."""
    out: list[str] = []
    for m in _PHP_TOKEN.finditer(args):
        if m.group(1) is not None or m.group(2) is not None:
            out.append((m.group(1) if m.group(1) is not None else m.group(2)).replace("\\'", "'"))
        elif m.group(4) is not None and m.group(4).strip() and (not out or out[-1] != "%s"):
            out.append("%s")
    return "".join(out)


def composer() -> Harvest:
    h = Harvest("composer")
    o = git_origin("composer/composer")
    for path in _COMPOSER_FILES:
        src = o.read(path)
        for m in re.finditer(r"throw new ([\w\\]*Exception)\((.+?)\);\n", src, re.S):
            text = _php_concat(m.group(2).split(", $")[0])
            if re.search(r"(?i)openssl|secure-http|ssl/tls", text):
                cls = m.group(1).rsplit("\\", 1)[-1]
                h.add(o, path, f"{cls}: {text[:50]}", text, "message",
                      form=f"\n  [{cls}]\n  %TEXT%\n")
    return h


# -- gRPC C core ----------------------------------------------------------------------------

_GRPC_COMMIT = "c269136abfd02916cf34c852dcb785e7e118b9b2"
_GRPC_PATH = "src/core/credentials/transport/tls/ssl_utils.cc"
_GRPC_FORM = ('grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated '
              'with:\n\tstatus = StatusCode.UNAVAILABLE\n\tdetails = "%TEXT%"')


def grpc_core() -> Harvest:
    h = Harvest("grpc_core")
    text = (MIRROR / "_files" / "grpc+grpc" / _GRPC_COMMIT / _GRPC_PATH).read_text()
    o: Origin = files_origin("grpc/grpc", "index", _GRPC_COMMIT, {_GRPC_PATH: text},
                             "excerpt read through the search index")
    for lit in re.findall(r'GRPC_ERROR_CREATE\(\s*"([^"]+)"\)', text):
        h.add(o, _GRPC_PATH, lit, lit, "message", form=_GRPC_FORM)
    m = re.search(r'absl::StrCat\("(Peer name )", peer_name, "( is not in peer certificate)"\)',
                  text)
    assert m
    h.add(o, _GRPC_PATH, "grpc_ssl_check_peer_name", f"{m.group(1)}%s{m.group(2)}", "message",
          form=_GRPC_FORM)
    m = re.search(r'UnauthenticatedError\(\s*"([^"]+)"\)', text)
    assert m
    h.add(o, _GRPC_PATH, "SslCheckCallHost", m.group(1), "message",
          form=_GRPC_FORM.replace("UNAVAILABLE", "UNAUTHENTICATED"))
    return h
