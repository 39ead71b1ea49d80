"""Round 27: thirteen more program families whose own wording no table held, harvested from
each program's own source (fetched mirrors).

- go-sql-driver/mysql (errors.go, dsn.go): ErrNoTLS and the tls= DSN parameter's errors.
- lib/pq (conn.go, ssl.go, internal/pqutil/perm.go; v1.9.0, v1.10.9 and the newest
  commit): the sslkey permission checks, sslrootcert and sslmode errors.
- pgx's pgconn (jackc/pgx pgconn/config.go, pgconn.go, auth_scram.go): the TLS settings'
  errors inside "cannot parse `...`: failed to configure TLS (...)", the "tls error"
  wrapper and SCRAM channel binding over TLS.
- Npgsql (npgsql/npgsql src/Npgsql/Internal/NpgsqlConnector.cs, NpgsqlConnector.Auth.cs,
  Properties/NpgsqlStrings.resx): its SSLRequest answers and SSL settings errors.
- MySqlConnector (mysql-net/MySqlConnector src/MySqlConnector/Core/ServerSession.cs,
  ConnectionSettings.cs): its TLS negotiation and certificate-loading exceptions.
- MailKit (jstedfast/MailKit MailKit/Security/SslHandshakeException.cs and the clients'
  STARTTLS checks): SslHandshakeException's composed message, each of its branches.
- PHPMailer (PHPMailer/PHPMailer src/PHPMailer.php, src/SMTP.php, language/): "SMTP Error:
  Could not connect to SMTP host." in every translation it ships, "SMTP connect() failed."
  and the SMTP class's connection errors.
- Angus Mail / Jakarta Mail / JavaMail (eclipse-ee4j/angus-mail providers and core
  SocketFetcher): "Could not convert socket to TLS", the STARTTLS-required checks and the
  server identity check.
- conda (conda/conda conda/gateways/connection/download.py, conda/gateways/repodata/
  __init__.py, conda/base/context.py): CondaSSLError's two texts and ssl_verify's check.
- Kubernetes client-go (kubernetes/client-go transport/transport.go, tools/clientcmd/
  validation.go, util/cert): the kubeconfig TLS settings kubectl and every controller load.
- Helm (helm/helm internal/tlsutil/tls.go, pkg/getter, pkg/registry, pkg/cmd/repo_add.go).
- grpc-go (grpc/grpc-go clientconn.go, credentials/tls.go, internal/transport,
  internal/credentials/xds): its transport-security errors and wrappers, and "error reading
  server preface: http2: frame too large" (with golang.org/x/net's framer error).
- grpc-java (grpc/grpc-java netty/ ProtocolNegotiators.java, GrpcSslContexts.java,
  Utils.java, core/ ServerImpl.java): its TLS negotiation statuses and ALPN provider checks.
"""

from __future__ import annotations

import re

from .common import Harvest, excerpt_origin, git_origin, unescape

_GO_CALL = (r"(?:errors\.New|fmt\.Errorf|Errorf|fmterrorf|Warningf|Infof)")
_GO_LIT = re.compile(_GO_CALL + r'\((?:[^"()`]{0,40}?,\s*)?(?:"((?:[^"\\\n]|\\.)*)"|`([^`]*)`)')


def _go_strings(src: str) -> list[str]:
    """The first string literal of every error call in Go source, in order."""
    out = []
    for m in _GO_LIT.finditer(src):
        text = unescape(m.group(1)) if m.group(1) is not None else m.group(2)
        # "literal" + value (errors.New("... name: " + cfg.TLSConfig))
        out.append(text + "%s" if re.match(r"\s*\+", src[m.end():]) else text)
    return out


# -- Java and C#: the message argument of a call, literals joined ------------------------------

_STR = re.compile(r'\$?@?"((?:[^"\\\n]|\\.)*)"')


def _arg(src: str, pos: int) -> str:
    """The first argument of a call whose "(" ends at ``pos``: string literals joined by
    "+", any other operand (a variable, a call) as "%s"; "" when it holds no literal."""
    depth, i, parts, operand, lit = 0, pos, [], "", False
    while i < len(src):
        c = src[i]
        m = _STR.match(src, i) if c in '"$@' else None
        if m and depth == 0:
            parts.append(unescape(re.sub(r"\\u([0-9a-fA-F]{4})",
                                         lambda u: chr(int(u.group(1), 16)), m.group(1))))
            lit, i = True, m.end()
            continue
        if m:
            i = m.end()
            continue
        if c in "([{":
            depth += 1
            operand += c
        elif c in ")]}":
            if depth == 0:
                break
            depth -= 1
            operand += c
        elif c in ",;" and depth == 0:
            break
        elif c == "+" and depth == 0:
            if operand.strip():
                parts.append("%s")
            operand = ""
        elif not c.isspace():
            operand += c
        i += 1
    if operand.strip():
        parts.append("%s")
    return "".join(parts).strip() if lit else ""


def _calls(src: str, name: str) -> list[str]:
    """The message of every ``name(`` call (``new X(`` included) in Java or C# source."""
    out = []
    for m in re.finditer(rf"\b{name}\s*\(", src):
        text = _arg(src, m.end())
        if text:
            out.append(text)
    return out


# -- go-sql-driver/mysql -----------------------------------------------------------------------

_GOSQL = ("errors.go", "dsn.go")
_GOSQL_FORM = "2026/12/07 10:00:00 failed to connect to database: %TEXT%"


def go_mysql() -> Harvest:
    h = Harvest("go_mysql")
    o = git_origin("go-sql-driver/mysql")
    src = o.read("errors.go")
    for name, text in re.findall(r'(Err\w*TLS\w*)\s*=\s*errors\.New\("([^"]+)"\)', src):
        h.add(o, "errors.go", name, text, "message", form=_GOSQL_FORM)
    for text in _go_strings(o.read("dsn.go")):
        if "config name" in text:
            h.add(o, "dsn.go", text, text, "message",
                  form="2026/12/07 10:00:00 invalid DSN: %TEXT%")
    return h


# -- lib/pq ------------------------------------------------------------------------------------

_PQ_REFS = ("v1.9.0", "v1.10.9", "HEAD")
_PQ_FORM = "2026/12/07 10:00:00 %TEXT%"


def lib_pq() -> Harvest:
    h = Harvest("lib_pq")
    for ref in _PQ_REFS:
        o = git_origin("lib/pq", ref)
        for path in ("conn.go", "internal/pqutil/perm.go"):
            if not o.exists(path):
                continue
            for name, text in re.findall(r'(ErrSSL\w+)\s*=\s*errors\.New\("([^"]+)"\)',
                                         o.read(path)):
                h.add(o, path, name, text, "message", form=_PQ_FORM)
        src = o.read("ssl.go")
        for m in re.finditer(r"fmterrorf\((?:`([^`]+)`|\"([^\"]+)\")", src):
            text = "pq: " + (m.group(1) or m.group(2))
            h.add(o, "ssl.go", text, text, "message", form=_PQ_FORM)
        for text in _go_strings(src):
            if text.startswith("pq: "):
                h.add(o, "ssl.go", text, text, "message", form=_PQ_FORM)
        if o.exists("connector.go"):
            body = o.read("connector.go")
            m = re.search(r'f := "(pq: wrong value for %q: )"', body)
            if m and "sslModes" in body:
                text = m.group(1) + "%q is not supported; supported values are %s"
                h.add(o, "connector.go", "sslmode not supported", text, "message",
                      form='2026/12/07 10:00:00 pq: wrong value for "sslmode": "requre" is '
                           'not supported; supported values are "disable", "allow", "prefer", '
                           '"require", "verify-ca", "verify-full"')
    return h


# -- pgx (pgconn) ------------------------------------------------------------------------------

_PGX_CONFIG = "pgconn/config.go"
_PGX_CONN = "pgconn/pgconn.go"
_PGX_SCRAM = "pgconn/auth_scram.go"
_PGX_PARSE = ("cannot parse `host=db.example user=app sslmode=verify-full`: failed to "
              "configure TLS (%TEXT%)")
_PGX_DIAL = ("failed to connect to `user=app database=app`: 192.0.2.10:5432 (db.example): "
             "%TEXT%")


def pgx() -> Harvest:
    h = Harvest("pgx")
    o = git_origin("jackc/pgx")
    src = o.read(_PGX_CONFIG)
    body = src[src.index("func configTLS"):]
    body = body[:body.index("\n}\n")]
    for text in _go_strings(body):
        if text.startswith("failed to parse certificate from server"):
            # the verify-ca callback's, inside the handshake: Go's "tls: " wrapper
            h.add(o, _PGX_CONFIG, text, text, "message",
                  form=_PGX_DIAL.replace("%TEXT%", "tls error: %TEXT%"))
        else:
            h.add(o, _PGX_CONFIG, text, text, "message", form=_PGX_PARSE)
    src = o.read(_PGX_CONN)
    for text in _go_strings(src):
        if "TLS" in text or text.startswith("tls error"):
            h.add(o, _PGX_CONN, text, text, "message",
                  form=_PGX_DIAL.replace("%TEXT%", "tls error: %TEXT%")
                  if "refused" in text else _PGX_DIAL)
    m = re.search(r'newPerDialConnectError\("(tls error)", err\)', src)
    assert m, "pgconn's tls error wrapper"
    h.add(o, _PGX_CONN, "tls error", m.group(1) + ": %s", "message", form=_PGX_DIAL)
    for text in _go_strings(o.read(_PGX_SCRAM)):
        if "channel binding" in text:
            h.add(o, _PGX_SCRAM, text, text, "message", form=_PGX_DIAL)
    return h


# -- Npgsql ------------------------------------------------------------------------------------

_NPG = "src/Npgsql/Internal/NpgsqlConnector.cs"
_NPG_AUTH = "src/Npgsql/Internal/NpgsqlConnector.Auth.cs"
_NPG_RESX = "src/Npgsql/Properties/NpgsqlStrings.resx"
_NPG_FORM = "Npgsql.NpgsqlException (0x80004005): %TEXT%"
_NPG_KEEP = re.compile(r"(?i)ssl|tls|certificate|unencrypted")


def npgsql() -> Harvest:
    h = Harvest("npgsql")
    o = git_origin("npgsql/npgsql")
    for path in (_NPG, _NPG_AUTH):
        src = o.read(path)
        for name in ("NpgsqlException", "ArgumentException"):
            for text in _calls(src, f"new {name}"):
                if _NPG_KEEP.search(text):
                    form = _NPG_FORM if name == "NpgsqlException" else (
                        "System.ArgumentException: %TEXT%")
                    h.add(o, path, text, text, "message", form=form)
    src = o.read(_NPG_RESX)
    for name, text in re.findall(r'<data name="(\w+)"[^>]*>\s*<value>([^<]+)</value>', src):
        if _NPG_KEEP.search(text):
            h.add(o, _NPG_RESX, name, text, "message", form="System.ArgumentException: %TEXT%")
    return h


# -- MySqlConnector ----------------------------------------------------------------------------

_MSC = "src/MySqlConnector/Core/ServerSession.cs"
_MSC_SETTINGS = "src/MySqlConnector/Core/ConnectionSettings.cs"
_MSC_FORM = "MySqlConnector.MySqlException (0x80004005): %TEXT%"
_MSC_KEEP = re.compile(r"(?i)ssl|tls|certificate|secure connection|client key")


def mysqlconnector() -> Harvest:
    h = Harvest("mysqlconnector")
    o = git_origin("mysql-net/MySqlConnector")
    src = o.read(_MSC)
    for m in re.finditer(r"new MySqlException\s*\(", src):
        args = src[m.end():]
        # MySqlException(MySqlErrorCode.X, "message", inner) or MySqlException("message", ...)
        lead = re.match(r"\s*MySqlErrorCode\.\w+\s*,", args)
        text = _arg(src, m.end() + (lead.end() if lead else 0))
        if text and _MSC_KEEP.search(text):
            h.add(o, _MSC, text, text, "message", form=_MSC_FORM)
    for text in _calls(src, "new AuthenticationException"):
        h.add(o, _MSC, text, text, "message",
              form="MySqlConnector.MySqlException (0x80004005): SSL Authentication Error\n"
                   " ---> System.Security.Authentication.AuthenticationException: %TEXT%")
    src = o.read(_MSC_SETTINGS)
    for name in ("new NotSupportedException", "new PlatformNotSupportedException",
                 "new InvalidOperationException"):
        for text in _calls(src, name):
            if _MSC_KEEP.search(text):
                h.add(o, _MSC_SETTINGS, text, text, "message",
                      form=f"System.{name.split()[1]}: %TEXT%")
    return h


# -- MailKit -----------------------------------------------------------------------------------

_MK = "MailKit/Security/SslHandshakeException.cs"
_MK_EXC = "MailKit.Security.SslHandshakeException: "


def mailkit() -> Harvest:
    h = Harvest("mailkit")
    o = git_origin("jstedfast/MailKit")
    src = o.read(_MK)
    default = re.search(r'const string DefaultMessage = "([^"]+)";', src)
    assert default, "SslHandshakeException's DefaultMessage"
    lead = default.group(1)
    h.add(o, _MK, "DefaultMessage", lead, "message", form=_MK_EXC + "%TEXT%")
    body = src[src.index("internal static SslHandshakeException Create"):]
    body = body[:body.index("static IReadOnlyCollection<string> GetDnsNames")]
    for m in re.finditer(r"message\.(AppendLine|AppendFormat)\s*\(", body):
        # AppendFormat (CultureInfo.InvariantCulture, "format", args...)
        start = body.index(",", m.end()) + 1 if m.group(1) == "AppendFormat" else m.end()
        text = _arg(body, start).replace("{Environment.NewLine}", "").rstrip()
        text = re.sub(r"\{3\}$|\{2\}$", "", text).rstrip()
        text = re.sub(r" If$", "", text)
        if not text or text.startswith(("\u2022", "client.Connect", "See ")) or text == "%s":
            continue
        if re.match(r"\d\. ", text):
            # the numbered list of MailKit's own guesses: none of them a statement
            # (kind "guess": ingest/trust_context.py reads no wording inside them)
            h.add(o, _MK, f"guess.{text[0]}", text[3:], "guess")
            continue
        if text in ("the following reasons:",) or \
                text.startswith(("you intended to connect", "if you intended to use")):
            continue  # the rest of one message: its first line is the entry
        h.add(o, _MK, text, text, "message", form=_MK_EXC + lead + "\n\n%TEXT%")
    for path in o.ls("MailKit/Net"):
        if not path.endswith("Client.cs"):
            continue
        for text in _calls(o.read(path), "new NotSupportedException"):
            if "STARTTLS" in text or "STLS" in text:
                h.add(o, path, text, text, "message",
                      form="System.NotSupportedException: %TEXT%")
    return h


# -- PHPMailer ---------------------------------------------------------------------------------

_PM = "src/PHPMailer.php"
_PM_SMTP = "src/SMTP.php"
_PM_KEYS = ("connect_host", "smtp_connect_failed")


def phpmailer() -> Harvest:
    h = Harvest("phpmailer")
    o = git_origin("PHPMailer/PHPMailer")
    src = o.read(_PM)
    for key in _PM_KEYS:
        m = re.search(rf"'{key}' => '([^']+)'", src)
        assert m, key
        h.add(o, _PM, key, m.group(1), "message", lang="en",
              form="Message could not be sent. Mailer Error: %TEXT%")
    for path in o.ls("language"):
        lang = re.search(r"phpmailer\.lang-([\w-]+)\.php$", path)
        if not lang:
            continue
        body = o.read(path)
        for key in _PM_KEYS:
            m = re.search(rf"\$PHPMAILER_LANG\['{key}'\]\s*=\s*'((?:[^'\\]|\\.)+)'", body)
            if m:
                # French typography's no-break space before ":" reads as a space (explain
                # normalises the input's spaces)
                text = re.sub(r"[\u00a0\u202f]", " ", unescape(m.group(1)))
                h.add(o, path, f"{key}.{lang.group(1)}", text, "message",
                      lang=lang.group(1),
                      form="Message could not be sent. Mailer Error: %TEXT%")
    src = o.read(_PM_SMTP)
    m = re.search(r"\$this->setError\(\s*'(Failed to connect to server)'", src)
    assert m, "SMTP::connect's error"
    h.add(o, _PM_SMTP, m.group(1), m.group(1), "message",
          form="2026-12-07 10:00:00\tSMTP ERROR: %TEXT%: Connection timed out (110)")
    # the PHP warning stream_socket_client() raised, as SMTP::errorHandler() logs it
    m = re.search(r"\$notice = '(Connection failed\.)';\s*.*?\"\$notice (Error #)\$errno: "
                  r"\$errmsg \[\$errfile line \$errline\]\"", src, re.S)
    assert m, "SMTP::errorHandler's line"
    h.add(o, _PM_SMTP, "errorHandler", f"{m.group(1)} {m.group(2)}%d: %s [%s line %d]",
          "message", form="2026-12-07 10:00:00\t%TEXT%")
    return h


# -- Angus Mail (Jakarta Mail, JavaMail) -------------------------------------------------------

_AM_SMTP = "providers/smtp/src/main/java/org/eclipse/angus/mail/smtp/SMTPTransport.java"
_AM_POP3 = "providers/pop3/src/main/java/org/eclipse/angus/mail/pop3/Protocol.java"
_AM_IMAP = "providers/imap/src/main/java/org/eclipse/angus/mail/imap/IMAPStore.java"
_AM_IMAPP = "providers/imap/src/main/java/org/eclipse/angus/mail/imap/protocol/IMAPProtocol.java"
_AM_SF = "core/src/main/java/org/eclipse/angus/mail/util/SocketFetcher.java"
_AM_CONNECT = "core/src/main/java/org/eclipse/angus/mail/util/MailConnectException.java"
_AM_KEEP = re.compile(r"(?i)tls|ssl|socket|server identity|connect to")
_AM_MSG = "jakarta.mail.MessagingException: %TEXT%"


def angus_mail() -> Harvest:
    h = Harvest("angus_mail")
    o = git_origin("eclipse-ee4j/angus-mail")
    for path, calls in ((_AM_SMTP, ("new MessagingException",)),
                        (_AM_POP3, ("new IOException",)),
                        (_AM_IMAP, ("new MessagingException",)),
                        (_AM_IMAPP, ("new ProtocolException",)),
                        (_AM_SF, ("new IOException", "new SSLException")),
                        (_AM_CONNECT, ("super",))):
        src = o.read(path)
        for call in calls:
            for text in _calls(src, call):
                if not _AM_KEEP.search(text) or text.startswith(("Can't create", "connect ")):
                    continue
                cls = call.split()[-1]
                form = {"IOException": "java.io.IOException: %TEXT%",
                        "SSLException": "javax.net.ssl.SSLException: %TEXT%",
                        "ProtocolException": "com.sun.mail.iap.ProtocolException: %TEXT%",
                        "super": "org.eclipse.angus.mail.util.MailConnectException: %TEXT%"
                        }.get(cls, _AM_MSG)
                h.add(o, path, text, text, "message", form=form)
    return h


# -- conda -------------------------------------------------------------------------------------

_CONDA_FILES = ("conda/gateways/connection/download.py", "conda/gateways/repodata/__init__.py")
_CONDA_CTX = "conda/base/context.py"


def conda() -> Harvest:
    h = Harvest("conda")
    o = git_origin("conda/conda")
    for path in _CONDA_FILES:
        src = o.read(path)
        for m in re.finditer(r'raise CondaSSLError\(\s*(?:dals\(\s*)?f"""\\?\n([^"]+?)\n\s*\n', src):
            text = " ".join(line.strip() for line in m.group(1).splitlines())
            h.add(o, path, text, text, "message", form="CondaSSLError: %TEXT%")
    src = o.read(_CONDA_CTX)
    body = src[src.index("def ssl_verify_validation"):]
    body = body[:body.index("\ndef ")]
    for m in re.finditer(r'return (\(\s*(?:f?"[^"]*"\s*)+\)|f?"[^"]+")', body):
        text = "".join(re.findall(r'"([^"]*)"', m.group(1)))
        text = re.sub(r"\{[^}]*\}", "%s", text)
        if "ssl_verify" not in text:
            continue
        h.add(o, _CONDA_CTX, text, text, "message",
              form="CondaValueError: Invalid configuration: %TEXT%")
    return h


# -- Kubernetes client-go ----------------------------------------------------------------------

_CG_TRANSPORT = "transport/transport.go"
_CG_VALID = "tools/clientcmd/validation.go"
_CG_PEM = "util/cert/pem.go"
_CG_IO = "util/cert/io.go"
_CG_KEEP = re.compile(r"(?i)cert|tls|insecure|client-key|certificate-authority")


def client_go() -> Harvest:
    h = Harvest("client_go")
    o = git_origin("kubernetes/client-go")
    for text in _go_strings(o.read(_CG_TRANSPORT)):
        if _CG_KEEP.search(text):
            h.add(o, _CG_TRANSPORT, text, text, "message",
                  form="Unable to connect to the server: %TEXT%")
    for text in _go_strings(o.read(_CG_VALID)):
        if _CG_KEEP.search(text) and "exec" not in text:
            h.add(o, _CG_VALID, text, text, "message",
                  form="error: invalid configuration: %TEXT%")
    for path in (_CG_PEM, _CG_IO):
        for text in _go_strings(o.read(path)):
            if _CG_KEEP.search(text):
                h.add(o, path, text, text, "message", form="error: %TEXT%")
    return h


# -- Helm --------------------------------------------------------------------------------------

_HELM_TLS = "internal/tlsutil/tls.go"
_HELM_GET = "pkg/getter/httpgetter.go"
_HELM_REG = "pkg/registry/client.go"
_HELM_REPO = "pkg/cmd/repo_add.go"


def helm() -> Harvest:
    h = Harvest("helm")
    o = git_origin("helm/helm")
    for text in _go_strings(o.read(_HELM_TLS)):
        h.add(o, _HELM_TLS, text, text, "message",
              form="Error: can't create TLS config for client: %TEXT%")
    for text in _go_strings(o.read(_HELM_GET)):
        if "TLS" in text:
            h.add(o, _HELM_GET, text, text, "message", form="Error: %TEXT%")
    for text in _go_strings(o.read(_HELM_REG)):
        if "CA file" in text or "TLS" in text:
            h.add(o, _HELM_REG, text, text, "message", form="Error: %TEXT%")
    for text in _go_strings(o.read(_HELM_REPO)):
        if "chart repository" in text:
            h.add(o, _HELM_REPO, text, text, "message", form="Error: %TEXT%")
    return h


# -- grpc-go -----------------------------------------------------------------------------------

_GG_FILES = ("clientconn.go", "credentials/tls.go", "credentials/local/local.go",
             "internal/transport/http2_client.go", "internal/transport/http2_server.go",
             "internal/credentials/xds/handshake_info.go")
_GG_KEEP = re.compile(r"(?i)security|credentials|tls|alpn|handshake|certificate|preface|greeting")
_GG_SKIP = re.compile(r"^(?:credentials type|grpc: credentials\.Bundle|xds: connection closed|"
                      r"failed to do connect handshake|Allowing TLS)")
_GG_CLIENT = ('rpc error: code = Unavailable desc = connection error: desc = "%TEXT%"')
_GG_SERVER = ('2026/12/07 10:00:00 WARNING: [core] [Server #1]grpc: Server.Serve failed to '
              'create ServerTransport: connection error: desc = "%TEXT%"')
# golang.org/x/net/http2's framer, which grpc-go reads the server preface with
_XNET = "http2/frame.go"


def grpc_go() -> Harvest:
    h = Harvest("grpc_go")
    o = git_origin("grpc/grpc-go")
    for path in _GG_FILES:
        src = o.read(path)
        help_msg = re.search(r'const alpnFailureHelpMessage = "([^"]+)"', src)
        for text in _go_strings(src):
            if not _GG_KEEP.search(text) or _GG_SKIP.match(text):
                continue
            if help_msg and text.endswith(". %s"):
                text = text[:-2] + help_msg.group(1)
            form = _GG_SERVER if text.startswith("ServerHandshake") else _GG_CLIENT
            if text.startswith(("grpc: no transport", "grpc: the credentials")):
                form = "2026/12/07 10:00:00 did not connect: %TEXT%"
            h.add(o, path, text, text, "message", form=form)
    x = git_origin("golang/net")
    m = re.search(r'ErrFrameTooLarge = errors\.New\("([^"]+)"\)', x.read(_XNET))
    assert m, "x/net's ErrFrameTooLarge"
    h.add(x, _XNET, "server preface: ErrFrameTooLarge",
          f"error reading server preface: {m.group(1)}", "message", form=_GG_CLIENT)
    return h


# -- grpc-java ---------------------------------------------------------------------------------

_GJ_NEG = "netty/src/main/java/io/grpc/netty/ProtocolNegotiators.java"
_GJ_CTX = "netty/src/main/java/io/grpc/netty/GrpcSslContexts.java"
_GJ_UTILS = "netty/src/main/java/io/grpc/netty/Utils.java"
_GJ_CLIENT = "netty/src/main/java/io/grpc/netty/NettyClientHandler.java"
_GJ_SERVER = "core/src/main/java/io/grpc/internal/ServerImpl.java"
_GJ_STATUS = "io.grpc.StatusRuntimeException: UNAVAILABLE: %TEXT%"
_GJ_KEEP = re.compile(r"(?i)tls|ssl|alpn|npn|handshake|network closed")


def grpc_java() -> Harvest:
    h = Harvest("grpc_java")
    o = git_origin("grpc/grpc-java")
    for path in (_GJ_NEG, _GJ_UTILS, _GJ_CLIENT, _GJ_SERVER):
        src = o.read(path)
        for call in ("unavailableException", "withDescription", "Status.UNAVAILABLE"
                     ".withDescription"):
            for text in _calls(src, call):
                if _GJ_KEEP.search(text):
                    h.add(o, path, text, text, "message", form=_GJ_STATUS)
        for text in _calls(src, "new IllegalStateException") + _calls(
                src, "new IllegalArgumentException"):
            if _GJ_KEEP.search(text):
                h.add(o, path, text, text, "message",
                      form="java.lang.IllegalStateException: %TEXT%")
    src = o.read(_GJ_CTX)
    for call in ("new IllegalStateException", "new IllegalArgumentException",
                 "new RuntimeException"):
        for text in _calls(src, call):
            if _GJ_KEEP.search(text):
                h.add(o, _GJ_CTX, text, text, "message",
                      form=f"java.lang.{call.split()[1]}: %TEXT%")
    return h


# -- Azure CLI ---------------------------------------------------------------------------------

_AZ = "src/azure-cli-core/azure/cli/core/util.py"


def azure_cli() -> Harvest:
    """SSLERROR_TEMPLATE, the recommendation handle_exception() prints after any requests
    SSLError (also one msrest wrapped): read through the search index (the repository is
    over the fetch limit)."""
    h = Harvest("azure_cli")
    o = excerpt_origin("Azure/azure-cli")
    src = o.read(_AZ)
    m = re.search(r"SSLERROR_TEMPLATE = \(((?:\s*'[^']*'\s*(?:#[^\n]*)?)+)\)", src)
    assert m, "SSLERROR_TEMPLATE"
    text = "".join(re.findall(r"'([^']*)'", m.group(1)))
    assert src.count("set_recommendation(SSLERROR_TEMPLATE)") >= 1
    # printed for every SSLError (an EOF, a reset, any verify failure): a guess; its advice
    # after it a guess's too (copies of the message often end before the link)
    guess, advice = text.split(" Please add ", 1)
    h.add(o, _AZ, "SSLERROR_TEMPLATE", guess, "guess", form="%TEXT%")
    h.add(o, _AZ, "SSLERROR_TEMPLATE.advice", "Please add " + advice, "guess")
    return h


# -- Gradle ------------------------------------------------------------------------------------

_GRADLE = ("platforms/software/resources-http/src/main/java/org/gradle/internal/resource/"
           "transport/http/HttpClientHelper.java")
_GRADLE_FORM = ("> Could not GET 'https://repo.maven.apache.org/maven2/org/example/app/1.0/"
                "app-1.0.pom'.\n   > %TEXT%")
_GRADLE_DOCS = (" See: https://docs.gradle.org/8.14/userguide/build_environment.html"
                "#sec:gradle_system_properties")


def gradle() -> Harvest:
    """HttpClientHelper.wrapWithExplanation(): Gradle's own sentence before the JSSE
    exception of a failed repository request (read through the search index)."""
    h = Harvest("gradle")
    o = excerpt_origin("gradle/gradle")
    src = o.read(_GRADLE)
    for text in _calls(src, "new HttpRequestException") + re.findall(
            r'message = "([^"]+)";', src):
        h.add(o, _GRADLE, text, text, "message", form=_GRADLE_FORM)
    m = re.search(r'String\.format\(\s*((?:"[^"]*"\s*\+?\s*)+),\s*getConfidenceNote', src)
    assert m, "the TLS versions sentence"
    fmt = re.sub(r" %s$", "", "".join(re.findall(r'"([^"]*)"', m.group(1))).rstrip())
    notes = re.findall(r'return "(does|may)";', src)
    assert sorted(notes) == ["does", "may"], notes
    for note in notes:
        text = fmt.replace("%s not support", f"{note} not support", 1)
        h.add(o, _GRADLE, f"protocol_versions.{note}", text, "message",
              form=_GRADLE_FORM + _GRADLE_DOCS)
    return h


# -- botocore (AWS CLI, boto3) -----------------------------------------------------------------

_BOTO = "botocore/exceptions.py"
_BOTO_SESSION = "botocore/httpsession.py"
_BOTO_FORM = "botocore.exceptions.SSLError: %TEXT%"


def botocore() -> Harvest:
    """botocore's SSLError ('SSL validation failed for {endpoint_url} {error}'), as the AWS
    CLI and boto3 print it, and the form it takes when the CA bundle it was given
    (AWS_CA_BUNDLE, ca_bundle, --ca-bundle: httpsession.get_cert_path) does not exist:
    urllib3 loads it with load_verify_locations(), whose FileNotFoundError prints as
    Python's "[Errno 2] No such file or directory"."""
    h = Harvest("botocore")
    o = git_origin("boto/botocore")
    src = o.read(_BOTO)
    m = re.search(r"class SSLError\(ConnectionError, requests\.exceptions\.SSLError\):\s*"
                  r"fmt = '([^']+)'", src)
    assert m, "botocore's SSLError"
    h.add(o, _BOTO, "SSLError", m.group(1), "message", form=_BOTO_FORM)
    session = o.read(_BOTO_SESSION)
    assert "conn.ca_certs = get_cert_path(verify)" in session, "the CA bundle path"
    text = m.group(1).replace("{error}", "[Errno 2] No such file or directory")
    h.add(o, _BOTO, "SSLError.ca_bundle_missing", text, "message", form=_BOTO_FORM)
    return h


# -- OpenTelemetry Collector's configtls -------------------------------------------------------

_OTEL = "config/configtls/configtls.go"
_OTEL_FORM = ("Error: failed to build pipelines: failed to create \"otlp\" exporter for data type "
              "\"traces\": %TEXT%")


def otel_configtls() -> Harvest:
    """configtls, the tls settings of every OpenTelemetry Collector receiver and exporter (and
    of the contrib components, Jaeger and Tempo that share it)."""
    h = Harvest("otel_configtls")
    o = git_origin("open-telemetry/opentelemetry-collector")
    for text in _go_strings(o.read(_OTEL)):
        h.add(o, _OTEL, text, text, "message", form=_OTEL_FORM)
    return h


# -- golang.org/x/crypto/acme/autocert ---------------------------------------------------------

_AUTOCERT = "acme/autocert/autocert.go"
_AUTOCERT_FORM = "2026/12/07 10:00:00 http: TLS handshake error from 192.0.2.7:51234: %TEXT%"


def autocert() -> Harvest:
    """autocert's GetCertificate refusals (and the rest of its errors, mostly ACME and its
    cache's): Go's net/http server logs a GetCertificate error as the handshake's failure."""
    h = Harvest("autocert")
    o = git_origin("golang/crypto")
    for text in _go_strings(o.read(_AUTOCERT)):
        h.add(o, _AUTOCERT, text, text, "message", form=_AUTOCERT_FORM)
    return h


# -- ASP.NET Core's Kestrel --------------------------------------------------------------------

_KESTREL = "src/Servers/Kestrel/Core/src/CoreStrings.resx"


def kestrel() -> Harvest:
    """Kestrel's HTTPS and TLS texts (CoreStrings.resx, read through the search index: the
    repository is over the fetch limit), as its logger and exceptions print them."""
    h = Harvest("kestrel")
    o = excerpt_origin("dotnet/aspnetcore")
    src = o.read(_KESTREL)
    for name, text in re.findall(r'<data name="(\w+)"[^>]*>\s*<value>([^<]+)</value>', src):
        text = text.split("\n")[0]  # the first line; the rest is advice
        form = ("fail: Microsoft.AspNetCore.Server.Kestrel[0]\n      %TEXT%"
                if name in ("AuthenticationFailed", "AuthenticationTimedOut",
                            "HttpParserTlsOverHttpError", "EndPointHttp2NotNegotiated",
                            "Http2ErrorMinTlsVersion")
                else "Unhandled exception. System.InvalidOperationException: %TEXT%")
        h.add(o, _KESTREL, name, text, "message", form=form)
    return h


# -- pgjdbc (PostgreSQL JDBC) ------------------------------------------------------------------

_PGJ = "pgjdbc/src/main/java/org/postgresql"
_PGJ_FILES = ("core/v3/ConnectionFactoryImpl.java", "core/SocketFactoryFactory.java")
_PGJ_KEEP = re.compile(r"(?i)ssl|certificate|key file|private key|hostname|server name|"
                       r"key manager|sslfactory|GSS")


def pgjdbc() -> Harvest:
    """pgjdbc's GT.tr() messages of its ssl package and its SSL/GSS negotiation, as
    PSQLException prints them (the hostname verifier's own lines are logged as WARNING)."""
    h = Harvest("pgjdbc")
    o = git_origin("pgjdbc/pgjdbc")
    paths = [f"{_PGJ}/{p}" for p in _PGJ_FILES] + [
        p for p in o.ls(f"{_PGJ}/ssl") if p.endswith(".java")]
    for path in paths:
        src = o.read(path)
        for text in _calls(src, r"GT\.tr"):
            if not _PGJ_KEEP.search(text):
                continue
            text = text.replace("''", "'")
            form = ("WARNING: %TEXT%" if path.endswith("PGjdbcHostnameVerifier.java")
                    else "org.postgresql.util.PSQLException: %TEXT%")
            h.add(o, path, text, text, "message", form=form)
    return h


# -- MySQL Connector/J -------------------------------------------------------------------------

_CJ_MSG = "src/main/resources/com/mysql/cj/LocalizedErrorMessages.properties"
_CJ_KEYS = ("MysqlIO.15", "AuthenticationProvider.AuthenticationPluginRequiresSSL")
_CJ_EC = "src/main/core-impl/java/com/mysql/cj/protocol/ExportControlled.java"
_CJ51_MSG = "src/com/mysql/jdbc/LocalizedErrorMessages.properties"


def _properties(src: str) -> dict[str, str]:
    out = {}
    for m in re.finditer(r"^([\w.]+)=(.*)$", src, re.M):
        out[m.group(1)] = m.group(2).replace("''", "'").replace("\\n", "\n")
    return out


def connector_j() -> Harvest:
    """MySQL Connector/J: its TLS texts in LocalizedErrorMessages.properties, ExportControlled's
    trust/key store and server identity checks (9.x), and 5.1's unverified-SSL warning."""
    h = Harvest("connector_j")
    o = git_origin("mysql/mysql-connector-j")
    props = _properties(o.read(_CJ_MSG))
    for key in _CJ_KEYS:
        h.add(o, _CJ_MSG, key, props[key], "message",
              form="java.sql.SQLNonTransientConnectionException: %TEXT%")
    src = o.read(_CJ_EC)
    for m in re.finditer(r"createException\(SSLParamsException\.class,\s*", src):
        # "Could not load trust" + keyStoreType + " keystore from " + keyStoreUrl: the
        # type is glued to the word before it ("trustJKS"), named so a sample value is not
        # taken for a host name
        text = re.sub(r"\b(client|trust)%s keystore", r"\1{keyStoreType} keystore",
                      _arg(src, m.end()))
        if text:
            h.add(o, _CJ_EC, text, text, "message",
                  form="com.mysql.cj.exceptions.SSLParamsException: %TEXT%")
    for call in ("new CertificateException", "new CJCommunicationsException",
                 "new SSLParamsException"):
        for text in _calls(src, call):
            form = ("java.security.cert.CertificateException: %TEXT%"
                    if "Certificate" in call else
                    "com.mysql.cj.exceptions.CJCommunicationsException: %TEXT%")
            h.add(o, _CJ_EC, text, text, "message", form=form)
    o51 = git_origin("mysql/mysql-connector-j", "5.1.49")
    props = _properties(o51.read(_CJ51_MSG))
    h.add(o51, _CJ51_MSG, "MysqlIO.SSLWarning", props["MysqlIO.SSLWarning"], "log",
          form="Sat Dec 07 10:00:00 UTC 2026 WARN: %TEXT%")
    return h


# -- MariaDB Connector/J -----------------------------------------------------------------------

_MJ = "src/main/java/org/mariadb/jdbc"
_MJ_FILES = ("client/impl/StandardClient.java", "client/impl/ConnectionHelper.java",
             "client/tls/HostnameVerifier.java", "plugin/TlsSocketPlugin.java",
             "plugin/tls/main/DefaultTlsSocketPlugin.java")
_MJ_KEEP = re.compile(r"(?i)ssl|tls|certificate|keystore|trustmanager|CN |wildcards|DN value|"
                      r"\bSAN\b|correspond")


def mariadb_connector_j() -> Harvest:
    h = Harvest("mariadb_connector_j")
    o = git_origin("mariadb-corporation/mariadb-connector-j")
    for rel in _MJ_FILES:
        path = f"{_MJ}/{rel}"
        src = o.read(path)
        for call in ("create", "new SSLException", "new SQLException",
                     "new SQLNonTransientConnectionException"):
            for text in _calls(src, call):
                if _MJ_KEEP.search(text):
                    form = ("javax.net.ssl.SSLException: %TEXT%"
                            if "SSLException" in call or "errorMsg" in call
                            else "java.sql.SQLNonTransientConnectionException: %TEXT%")
                    h.add(o, path, text, text, "message", form=form)
        # the host-name check's message, built before its throw
        for m in re.finditer(r"String errorMsg =", src):
            text = _arg(src, m.end())
            if text:
                h.add(o, path, text, text, "message", form="javax.net.ssl.SSLException: %TEXT%")
    return h


# -- Rust's database drivers: sqlx, tokio-postgres ---------------------------------------------

_SQLX_FILES = ("sqlx-core/src/error.rs", "sqlx-core/src/net/tls/mod.rs",
               "sqlx-core/src/net/tls/tls_rustls.rs", "sqlx-postgres/src/connection/tls.rs",
               "sqlx-mysql/src/connection/tls.rs")
_SQLX_FORM = "Error: %TEXT%"


def _rust_text(lit: str) -> str:
    """A Rust string literal's text: line continuations joined, {..} as placeholders."""
    return re.sub(r"\\\n\s*", "", lit)


def sqlx() -> Harvest:
    """sqlx's TLS errors (Error::Tls's display and the texts its Postgres and MySQL drivers
    raise as Error::Tls or err_protocol!)."""
    h = Harvest("sqlx")
    o = git_origin("launchbadge/sqlx")
    for path in _SQLX_FILES:
        src = o.read(path)
        m = re.search(r'#\[error\("(error occurred while attempting to establish a TLS '
                      r'connection: \{0\})"\)\]', src)
        if m:
            h.add(o, path, "Error::Tls", m.group(1), "message", form=_SQLX_FORM)
            continue
        for m in re.finditer(r'Error::(?:Tls|tls)\(\s*(?:format!\()?"((?:[^"\\]|\\.)*)"', src,
                             re.S):
            text = _rust_text(m.group(1))
            h.add(o, path, text, text, "message",
                  form="Error: error occurred while attempting to establish a TLS connection: "
                       "%TEXT%")
        for m in re.finditer(r'"(unexpected response from SSLRequest: 0x\{:02x\})"', src):
            h.add(o, path, m.group(1), m.group(1), "message",
                  form="Error: encountered unexpected or invalid data: %TEXT%")
    return h


_TP_ERR = "tokio-postgres/src/error/mod.rs"
_TP_TLS = "tokio-postgres/src/connect_tls.rs"


def tokio_postgres() -> Harvest:
    """tokio-postgres (the postgres crate under it too): Kind::Tls's display before the TLS
    back end's error, and connect_tls's own errors."""
    h = Harvest("tokio_postgres")
    o = git_origin("sfackler/rust-postgres")
    m = re.search(r'Kind::Tls => fmt\.write_str\("([^"]+)"\)', o.read(_TP_ERR))
    assert m, "Kind::Tls's display"
    h.add(o, _TP_ERR, "Kind::Tls", m.group(1), "message", form="Error: %TEXT%")
    for m in re.finditer(r'Error::tls\("((?:[^"\\]|\\.)*)"\.into\(\)\)', o.read(_TP_TLS)):
        text = unescape(m.group(1))
        h.add(o, _TP_TLS, text, text, "message", form="Error: error performing TLS handshake: "
                                                      "%TEXT%")
    return h
