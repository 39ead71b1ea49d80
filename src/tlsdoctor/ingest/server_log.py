"""A server's own log: which of its lines are start-up lines and which are about a client.

Round 15 ("a server's own log", docs/explain-upstream.md). A server writes two very
different kinds of TLS lines:

* start-up lines: a *warning* that fails no handshake (Apache's "server certificate does NOT
  include an ID which matches the server name" for a vhost nobody reaches by that name, a
  stapling or session-cache hint), or a *configuration
  error* that stops TLS altogether (a key that does not fit its certificate, a file it cannot
  load, a cipher string that matches nothing, "TLS init ... failed", Keycloak's missing key
  material): that is the server's own configuration, whatever OpenSSL reason follows it
  (Dovecot and Exim build their context per connection and write it on a client's line);
* per-connection lines about a *client*: one that left during the handshake without a
  reason the server could see (HAProxy's "Connection closed during SSL handshake", Apache's
  "handshake stopped: connection was closed", nginx's "peer closed connection in SSL
  handshake", Go's "EOF"), or one whose hello carried a version the server does not take
  (the record layer read it, but the *client hello* step refused its version: "wrong version
  number" raised in ``ssl3_get_client_hello`` or in LibreSSL's ``ACCEPT_SR_CLNT_HELLO``
  state).

The table below (``LINES``) lists, per server program, the shape of each kind, with the
upstream file and commit its wording comes from. ``reading`` classifies a text's lines and
says what the whole text then means; ``messages`` applies it to a server's log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..causes import Cause
from ..safe import printable

WARNING, CONFIG, LEFT, VERSION = "warning", "config", "left", "version"
WEAK = "weak"  # a configuration error whose reason is the library refusing weak material

Causes = tuple[tuple[Cause, float], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ServerLine:
    """One kind of line one server program writes."""

    program: str
    kind: str  # WARNING, CONFIG, LEFT or VERSION
    rx: re.Pattern[str]
    source: str  # the upstream file (and commit) the wording comes from
    needle: str  # a lower-case literal every match holds: the cheap test before the regex


_META = frozenset("\\^$.|?*+()[]{}")


def _class_end(rx: str, i: int) -> int:
    """The index after the character class that opens at ``rx[i]`` ("[^\\]\\n]" included)."""
    j = i + 1
    j += rx[j] == "^"
    j += rx[j] == "]"  # a leading "]" is a member, not the end
    while rx[j] != "]":
        j += 2 if rx[j] == "\\" else 1
    return j + 1


def _needle(rx: str) -> str:
    """The longest literal run at the top level of ``rx`` that every match must hold (outside
    groups and classes, not made optional by a quantifier), lower-cased."""
    best, run, depth, i = "", "", 0, 0
    while i < len(rx):
        c = rx[i]
        if c == "\\" and i + 1 < len(rx):
            nxt = rx[i + 1]
            lit = nxt if not nxt.isalnum() else None  # \. \" \[ are literals; \b \S are not
            i += 2
        elif c == "(":
            depth, lit, i = depth + 1, None, i + 1
        elif c == "[":
            lit, i = None, _class_end(rx, i)
        elif c == ")":
            depth, lit, i = depth - 1, None, i + 1
        elif c == "{":  # a counted repeat of what came before: its digits are no literal
            lit, i = None, rx.index("}", i) + 1
        else:
            lit, i = (None if c in _META else c), i + 1
        if i < len(rx) and rx[i] in "?*{" and lit is not None:
            lit = None  # made optional or repeated: not required as written
            run = run[:-1] if run else run
        if lit is None or depth:
            best, run = max(best, run, key=len), ""
        else:
            run += lit
    return max(best, run, key=len).lower()


def _lines(program: str, kind: str, source: str, *rxs: str) -> tuple[ServerLine, ...]:
    return tuple(ServerLine(program=program, kind=kind,
                            rx=re.compile(rx, re.IGNORECASE | re.MULTILINE), source=source,
                            needle=_needle(rx)) for rx in rxs)


_HTTPD = "apache/httpd@0cb680442ecaa6118cc610b5ecc6e824330bf61a modules/ssl/"
_NGINX = "nginx/nginx@3f6f7824d4e2eb1ac37dec76683d525ac0ff521c src/"
_HAPROXY = "haproxy/haproxy@"
_POSTFIX = "vdukhovni/postfix@17830e5c13c160d51c95cb971d137a46de84e48c postfix/src/"
_DOVECOT = "dovecot/core@f28b5a92ec52eef0a111a095d00435756343dc94 src/"
_MOSQUITTO = "eclipse/mosquitto@fb9b1153924ae0e2dfb3bcb4266ee5bb49a5c515 src/net.c"
_GO = "golang/go go1.19.8 (golang-1.19-src) "
_SLAPD = "openldap/openldap@ce16fca286d6853de9ba5d14ca70638cb3ea8926 servers/"
_KEYCLOAK = ("keycloak/keycloak@12fde72926738e50ea1352f2c8ba2105f1bcc750 quarkus/runtime/src/"
             "main/java/org/keycloak/quarkus/runtime/Messages.java (httpsConfigurationNotSet)")

# The name a start-up name-mismatch warning is about (Apache AH01909: "<vhost>:<port>:<n>
# server certificate does NOT include an ID ...", 2.4.4x: "RSA certificate configured for
# <vhost>:<port> does NOT include ...").
_AH01909 = (r"\bAH01909: (?:\w{2,5} certificate configured for )?(?P<name>[^\s:]{1,253})"
            r"(?::\d{1,5}){1,2} (?:server certificate )?does NOT include an ID")

LINES: tuple[ServerLine, ...] = (
    # -- start-up warnings: nothing fails by them ------------------------------------------
    *_lines("apache", WARNING, _HTTPD + "ssl_engine_init.c, ssl_scache.c, ssl_engine_config.c, "
            "ssl_util_stapling.c",
            _AH01909,
            r"\bAH01873: Init: Session Cache is not configured",
            r"\bAH02904: Allowing SSLProtocol ",
            r"\bAH01882: Init: this version of mod_ssl was compiled against a newer library",
            r"\bAH01902: Host \S{1,253}: X\.509 CRL storage locations configured",
            r"\bAH10235: SSLRandomSeed is deprecated",
            r"\bAH0(?:2567|2604): Unable to configure certificate \S{1,300} for stapling",
            r"\bAH0(?:2814|2218): ssl_stapling_init_cert: no OCSP URI in certificate",
            r"\bAH01958: SSLStapling: no stapling cache available"),
    *_lines("nginx", WARNING, _NGINX + "event/ngx_event_openssl.c, "
            "event/ngx_event_openssl_stapling.c",
            # not "issuer certificate not found": the chain file lacks the leaf's issuer,
            # which for a CA's leaf is a missing intermediate (the tables' reading stands)
            r"\"ssl_stapling\" ignored, (?:no OCSP responder URL|invalid URL prefix|not "
            r"supported|[^\"\n]{1,80} in OCSP responder)",
            r"\"ssl_(?:early_data|ech_file|certificate_compression)\" is not supported on this "
            r"platform, ignored",
            r"\"ssl_session_ticket_key\" ignored, not supported",
            r"\bSSL_CTX_compress_certs\(\) failed, ignored"),
    # -- configuration errors: TLS cannot start -------------------------------------------
    *_lines("apache", CONFIG, _HTTPD + "ssl_engine_init.c, ssl_engine_log.c",
            r"\bAH02572: Failed to configure at least one certificate and key",
            r"\bAH0231[12]: Fatal error initialising mod_ssl",
            r"\bAH02240: Server should be SSL-aware but has no certificate configured",
            r"\bAH0256[12]: Failed to configure certificate ",
            r"\bAH10137: Failed to configure certificate ",
            r"\bAH02565: Certificate and private key [^\n]{1,600} do not match",
            r"\bAH01898: Unable to configure permitted SSL ciphers",
            r"\bAH10127: Unable to configure permitted TLSv1\.3 ciphers",
            r"\bAH0(?:2231|3378): No SSL protocols available",
            r"\bAH01903: Failed to configure CA certificate chain"),
    *_lines("nginx", CONFIG, _NGINX + "event/ngx_event_openssl.c, "
            "http/modules/ngx_http_ssl_module.c",
            # lower case and '": ' after the path: OpenVPN's 'Cannot load certificate "%s"
            # using PKCS#11' is a client's too
            r"(?-i:\bcannot load certificate(?: key)?) \"[^\"\n]{1,300}\": ",
            r"\bno \"ssl_certificate(?:_key)?\" is defined\b",
            r"\[emerg\][^\n]{0,200}\b(?:SSL_CTX_use_\w{3,40}|SSL_CTX_set_cipher_list|"
            r"SSL_CTX_load_verify_locations)\("),
    *_lines("haproxy", CONFIG, _HAPROXY + "50872daa6a857e82afc40b1c5161924aef4172d7 "
            "src/ssl_sock.c, src/ssl_ckch.c",
            r"\bunable to load (?:SSL |chain )?(?:private key|certificate)(?: chain)? "
            r"(?:into SSL Context|from file)\b",
            r"\binconsistencies between private key and certificate loaded\b",
            r"\bunable to stat SSL certificate\b",
            r"\bunable to set (?:SSL cipher list to|TLS 1\.3 cipher suites to|CA file) '",
            r"\bCouldn't open the ca-file '"),
    *_lines("postfix", CONFIG, _POSTFIX + "tls/tls_certkey.c, tls/tls_misc.c",
            # with the algorithm and the file: "cannot load certificate" alone is others'
            r"\bcannot (?:get (?:RSA|DSA|ECDSA|EC) (?:private key|certificate) from file|load "
            r"(?:RSA|DSA|ECDSA|EC) certificate and key data)\b",
            r"\berror loading (?:certificate \(PEM object number \d{1,4}\) from|private keys "
            r"and certificates from: )",
            r"\bprivate key in \S{1,300} does not match public key in ",
            r"\bNo server certs available\. TLS won't be enabled\b",
            r"\berror setting cipher grade: "),
    *_lines("dovecot", CONFIG, _DOVECOT + "lib-ssl-iostream/iostream-openssl-context.c, "
            "iostream-ssl-context-cache.c",
            r"\b(?:Failed to|Couldn't) initialize SSL server context\b",
            r"\bCan't load (?:SSL private key|SSL certificate|alternative SSL certificate|"
            r"DH parameters) \(",
            r"\bCan't set (?:cipher list|ciphersuites|curve list|minimum protocol) to '",
            r"\bCouldn't parse ssl_(?:cert|key|dh)\b"),
    *_lines("exim", CONFIG, "Exim/exim@13835a3c1e057efad7da269c0f93bf2eac850205 "
            "src/src/tls-openssl.c (tls_add_certfile, tls_add_pkeyfile), tls-gnu.c",
            r"\bTLS error on connection from [^\n]{0,200}\(SSL_CTX_use_(?:certificate_chain|"
            r"PrivateKey)_file file=",
            r"\bCould not read tls_dhparams\b"),
    # src/net.c is the broker's listener; lib/net_mosq.c (the client library, bridges)
    # writes "check cafile" in lower case.
    *_lines("mosquitto", CONFIG, _MOSQUITTO,
            r"\bError: Unable to load server (?:certificate|key file)\b",
            r"\bError: Unable to load CA certificates\. Check ",
            r"\bError: Unable to set TLS 1\.3 ciphersuites\. Check cipher_tls13\b",
            r"\bError: Unable to load certificate revocation file "),
    # the server's own ereport (FATAL at start-up, LOG on a reload); libpq's client words
    # for its own key carry "; permissions should be" and the client's connection framing
    *_lines("postgres", CONFIG, "postgres/postgres@9dc85806d8beb1d4b0cc5461cc3a7d2e44c6e782 "
            "src/backend/libpq/be-secure-openssl.c, be-secure-common.c",
            r"\b(?:FATAL|LOG|ERROR):  (?:could not load (?:server certificate|private key|root "
            r"certificate) file \"|could not access private key file \"|private key file "
            r"\"[^\"\n]{1,300}\" (?:has group or world access|must be owned by the database "
            r"user or root|is not a regular file)\b)"),
    # src/tls.c createSSLContext ("Failed to load certificate: %s: %s"; hiredis, the
    # client library, says "Failed to load private key" with nothing after it) and
    # src/server.c's exit line
    *_lines("redis", CONFIG, "redis/redis@2ab6fef099d51ad7eabbc1569a380255d14bd7e6 src/tls.c; "
            "@a917c6c21c7ab8542f7e65ca51892ad152735664 src/server.c",
            # after Redis's level mark: "Failed to load certificate: ..." alone is others'
            r"[.*#-] Failed to load (?:certificate|private key|DH params(?:eters)?): \S",
            r"\bFailed to configure TLS\. Check logs for more info\b"),
    # lighttpd's "(file.c.line) " log prefix: the same sentence is Fossil's for its own
    # client key
    *_lines("lighttpd", CONFIG, "lighttpd/lighttpd1.4@1a325a196cf2cb54fdb3874cd96f5d57043a86f8 "
            "src/mod_openssl.c (network_init_ssl)",
            r"\((?:mod_openssl|network_openssl)\.c\.\d{1,5}\) SSL: Private key does not match "
            r"the certificate public key\b"),
    *_lines("openldap", CONFIG, _SLAPD + "slapd/main.c, lloadd/init.c (\"TLS init def ctx "
            "failed: %d\")", r"\bTLS init def ctx failed\b"),
    # Round 21: ProFTPD's configuration check (proftpd -t, and start-up) refusing a mod_tls
    # directive: src/parser.c "fatal: %s on line %u of '%s'" around include/dirtree.h
    # CONF_ERROR's "<directive>: <message>" (contrib/mod_tls.c: "unable to use '%s': " and
    # OpenSSL's queue after it, "unknown protocol: '%s'"); the directive's name is mod_tls's
    *_lines("proftpd", CONFIG, "proftpd/proftpd@1dbfb9d7c06df22a6f6b610b014b72b190ab6f86 "
            "src/parser.c, contrib/mod_tls.c",
            r"(?-i:\bfatal: TLS[A-Z][A-Za-z0-9]{2,40}: )"),
    *_lines("keycloak", CONFIG, _KEYCLOAK,
            r"\bKey material not provided to setup HTTPS\b"),
    # -- a client that left during the handshake, no reason seen ----------------------------
    # HAProxy: CO_ER_SSL_EMPTY only. Its CO_ER_SSL_HANDSHAKE "SSL handshake failure" is
    # every refusal's line in 2.6 (the server-log matrix: an old version, no shared suite,
    # a rejected certificate, plain HTTP all print it), and a timeout may be the path's.
    *_lines("haproxy", LEFT, _HAPROXY + "7209c204bd6f3c49132264c7a58f689cdc741c12 "
            "src/connection.c (conn_err_code_str, CO_ER_SSL_EMPTY)",
            r"\]:? [^\n]{1,120}: Connection closed during SSL handshake[ \t]*$"),
    *_lines("apache", LEFT, _HTTPD + "ssl_engine_io.c",
            r"\bAH0200[67]: SSL handshake (?:stopped: connection was closed|interrupted by "
            r"system)"),
    *_lines("nginx", LEFT, _NGINX + "event/ngx_event_openssl.c",
            r"\bpeer closed connection in SSL handshake\b"),
    *_lines("go", LEFT, _GO + "src/net/http/server.go (\"http: TLS handshake error from %s: %v\")",
            r"\bTLS handshake error from \S{1,60}: (?:EOF|read tcp [^\n]{0,100}"
            r"connection reset by peer|[^\n]{0,100}i/o timeout)[ \t]*$"),
    # -- a client hello whose version the server does not take ----------------------------
    # OpenSSL 1.0.2 ssl/s3_srvr.c ssl3_get_client_hello (a version-fixed method refuses a
    # lower client_version), LibreSSL ssl/ssl_srvr.c (no shared version: the error is
    # stamped with the handshake state, ACCEPT_SR_CLNT_HELLO...).
    *_lines("openssl", VERSION, "openssl/openssl OpenSSL_1_0_2u ssl/s3_srvr.c; "
            "libressl/portable ssl/ssl_srvr.c, ssl/ssl_err.c (state names)",
            r"\b(?:ssl3_get_client_hello|ACCEPT_SR_CLNT_HELLO\w{0,4}):wrong version number\b"),
)

# Names no client reaches a site by: RFC 2606 example domains, localhost, a bare single
# label (a container's or an internal service's name). A mismatch warning about such a
# vhost is about the default configuration, not the name clients use.
_PLACEHOLDER = re.compile(r"^(?:(?:[\w-]{1,63}\.)*example\.(?:com|net|org)|localhost"
                          r"(?:\.localdomain)?|[\w-]{1,63})$", re.IGNORECASE)
_NAME = re.compile(_AH01909, re.IGNORECASE)
# The client's address on a per-connection line: HAProxy's "ip:port [date]", Go's "from
# ip:port", Apache's "[client ip:port]".
_CLIENT_ADDR = re.compile(r"(?:^|[\s\[])(?:client )?(?P<ip>(?:\d{1,3}\.){3}\d{1,3}"
                          r"|\[[0-9a-f:.]{2,45}\]|<[\w-]{1,40}>)(?::(?:\d{1,5}|<port>))?"
                          r"[\s:,\]]", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """What a server's log means as a whole: ``claims`` replace every statement's when
    ``silences`` (the log reports no fault), else they are one statement above them."""

    kind: str
    program: str
    claims: Causes
    silences: bool
    meaning: str
    line: str
    source: str


def classify(line: str) -> ServerLine | None:
    """The kind of server line ``line`` is, None when it is none of the table's."""
    lower = line.lower()
    for entry in LINES:
        if entry.needle in lower and entry.rx.search(line):
            return entry
    return None


_MAX_LINES = 2000  # table lines kept per text: bounded work on a quarter-megabyte log


def _classified(text: str) -> list[tuple[ServerLine, str]]:
    """The table's lines of ``text`` in order, each with its kind (the first entry of the
    table that matches a line names it). Each entry's needle is looked for in the whole
    text once, and only an entry whose needle is there runs its regex over it."""
    lower = text.lower()
    found: dict[int, tuple[int, ServerLine]] = {}  # line start -> (entry's rank, entry)
    for rank, entry in enumerate(LINES):
        if entry.needle not in lower:
            continue
        for m in entry.rx.finditer(text):
            start = text.rfind("\n", 0, m.start()) + 1
            if found.get(start, (len(LINES), entry))[0] > rank:
                found[start] = (rank, entry)
            if len(found) >= _MAX_LINES:
                break
    out = []
    for start in sorted(found):
        end = text.find("\n", start)
        out.append((found[start][1], evidence_line(text[start:end if end >= 0 else None])))
    return out


def is_server_log(text: str) -> bool:
    """True when a line of ``text`` is one only a server's own log has (a start-up or
    per-connection line of the table)."""
    return bool(_classified(text))


def _harmless(entry: ServerLine, line: str) -> bool:
    """A warning line that reaches no client: every warning but a name mismatch, and a
    name mismatch about a placeholder or internal name."""
    if entry.rx.pattern != _AH01909:
        return True
    m = _NAME.search(line)
    return m is not None and bool(_PLACEHOLDER.match(m.group("name")))


def evidence_line(line: str) -> str:
    """A line as messages records it (Match.evidence)."""
    return printable(line.strip(), limit=400)


_VERSION_CLAIMS: Causes = ((Cause.PROTOCOL_VERSION_MISMATCH, 0.55),
                           (Cause.NON_TLS_SERVICE_ON_PORT, 0.25),
                           (Cause.CLIENT_MISCONFIGURATION, 0.2))
_CONFIG_CLAIMS: Causes = ((Cause.SERVER_MISCONFIGURATION, 0.8),)
_CONFIG_MEANING = ("the server's own TLS configuration failed to load: its certificate, key, "
                   "cipher or protocol setting")
# Round 21: a configuration error whose library reason is the security level refusing the
# server's own material (OpenSSL's "ee key too small", "ca md too weak", "ca key too small"
# from SSL_CTX_use_certificate; "dh key too small" for its DH parameters) has a named cause,
# and the server fixes it the same: a new certificate (or group), not a setting. Dev (round
# 21): 14 of 14 threads of those reasons at a load were the weak material (Node, nginx,
# hostapd, NSD, proftpd, Apache...).
_TOO_WEAK: dict[Cause, str] = {
    Cause.WEAK_SIGNATURE_OR_KEY: "the server's own certificate failed to load: its key is too "
                                 "small or its signature digest too weak for the TLS "
                                 "library's security level",
    Cause.WEAK_CIPHER_OR_NO_PFS: "the server's own Diffie-Hellman parameters failed to load: "
                                 "the group is too small for the TLS library's security level",
}


def _config(named: frozenset[Cause]) -> tuple[str, Causes, str]:
    """A configuration error's kind, claims and meaning: the server's configuration, unless a
    statement of the text names the library refusing its material as too weak."""
    weak = next((c for c in _TOO_WEAK if c in named), None)
    if weak is None:
        return CONFIG, _CONFIG_CLAIMS, _CONFIG_MEANING
    return WEAK, ((weak, 0.8), (Cause.SERVER_MISCONFIGURATION, 0.2)), _TOO_WEAK[weak]


def reading(text: str, claimed: set[str],
            named: frozenset[Cause] = frozenset()) -> Reading | None:
    """What ``text``, a server's own log, means by the kinds of its lines. ``claimed``: the
    evidence lines (evidence_line form) some statement claims a cause on; ``named``: the
    causes those statements rank first.

    A configuration error speaks for the text (the server cannot do TLS at all); a
    client-hello version refusal names the version; when every claimed line is a harmless
    start-up warning, or the no-reason failure of one client, the log reports no fault."""
    kinds = _classified(text)
    if not kinds:
        return None
    config_kind, config_claims, config_meaning = _config(named)
    for want, claims, meaning in (
            (CONFIG, config_claims, config_meaning),
            (VERSION, _VERSION_CLAIMS, "the server refused a client's hello for its version "
                                       "(or bytes that were not a TLS hello)")):
        found = next(((e, line) for e, line in kinds if e.kind == want), None)
        if found is not None:
            kind = config_kind if want == CONFIG else want
            return Reading(kind=kind, program=found[0].program, claims=claims, silences=False,
                           meaning=meaning, line=found[1], source=found[0].source)
    return _quiet(kinds, claimed)


def _quiet(kinds: list[tuple[ServerLine, str]], claimed: set[str]) -> Reading | None:
    """No fault: every claimed line is a harmless warning or one client's no-reason exit."""
    quiet = {line for e, line in kinds if (e.kind == WARNING and _harmless(e, line))
             or e.kind == LEFT}
    if not quiet or not claimed <= quiet:
        return None
    left = [line for e, line in kinds if e.kind == LEFT]
    clients = {m.group("ip") for line in left for m in _CLIENT_ADDR.finditer(line)}
    if len(clients) > 1:
        return None  # several clients failing the same way is a pattern, not one visitor
    entry, line = kinds[0]
    what = ("a start-up warning that fails no handshake" if entry.kind == WARNING
            else "one client left during the handshake without a reason the server saw "
                 "(a scanner, a health check, a visitor that gave up)")
    return Reading(kind="none", program=entry.program, claims=(), silences=True,
                   meaning=f"{entry.program}: {what}", line=line, source=entry.source)
