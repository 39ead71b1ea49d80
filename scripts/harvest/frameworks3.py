"""Round 15: whole programs whose TLS wording no table had, read from their own source.

- nginx's own HTTP error pages (src/http/ngx_http_special_response.c): every page's title,
  heading and line, as a browser shows it ("400 Bad Request / No required SSL certificate
  was sent / nginx") and as curl prints its HTML;
- GLib's TLS (GNOME/glib gio/gioenums.h: the GTlsCertificateFlags and GTlsError values and
  their documented meanings; gio's own messages), glib-networking's GnuTLS and OpenSSL
  back ends (every translatable message under tls/), and GNOME Online Accounts' texts for
  the flags (src/goabackend/goautils.c goa_utils_set_error_ssl);
- libpurple (Pidgin, Finch): purple_ssl_strerror()'s texts in English and in every language
  Pidgin ships (po/*.po, the program's own catalogs), and its HTTP "Unable to connect to %s:
  %s" around them;
- Nim's std/net, std/asyncnet and std/httpclient SSL errors, and nimble's "Failed to verify
  the SSL certificate for <url>";
- CertMagic (Caddy's certificate manager): the errors its GetCertificate returns in a
  handshake (Go prints them after "http: TLS handshake error from ADDR: ") and its OCSP
  log lines;
- Tasmota's "MQT: TLS connection error: N" (BearSSL's br_ssl_engine_last_error number),
  Elastic Beats' (libbeat) "SSL client failed to connect with: %v", Keycloak's (Quarkus)
  "Key material not provided to setup HTTPS": excerpts read through the search index.
"""

from __future__ import annotations

import re

from .common import Harvest, Origin, call_strings, first_string, git_origin, unescape
from .embedded import _excerpts

_HTML = re.compile(r"<title>([^<]+)</title>|<h1>([^<]+)</h1>|<center>([^<]+)</center>")


def nginx_pages() -> Harvest:
    """Every special response page of nginx: its title, h1 and line (ids by status)."""
    h = Harvest("nginx_pages")
    o = git_origin("nginx/nginx")
    path = "src/http/ngx_http_special_response.c"
    src = o.read(path)
    for num, body in re.findall(r"static char ngx_http_error_(\d{3})_page\[\] =\n(.*?)\n;",
                                src, re.S):
        title = h1 = line = ""
        for t, head, center in _HTML.findall(body):
            title, h1, line = title or t, h1 or head, line or center
        if not line:
            continue  # a page that only repeats its status line
        h.add(o, path, f"ngx_http_error_{num}_page", line, "page", title=title, heading=h1,
              form=f"{h1}\n{line}\nnginx")
    return h


def _c_messages(src: str) -> list[str]:
    """The texts of every _("...") / N_("...") in C source (adjacent literals joined)."""
    out = []
    for m in re.finditer(r'\bN?_\(\s*((?:"(?:[^"\\\n]|\\.)*"\s*)+)\)', src):
        out.append(unescape("".join(re.findall(r'"((?:[^"\\\n]|\\.)*)"', m.group(1)))))
    return out


def glib_tls() -> Harvest:
    """GLib's TLS errors and certificate flags, glib-networking's messages, GOA's texts."""
    h = Harvest("glib_tls")
    o = git_origin("GNOME/glib")
    enums = "gio/gioenums.h"
    doc = o.read(enums)
    for name, text in re.findall(r"\* @(G_TLS_(?:CERTIFICATE|ERROR)_[A-Z_]+): (.*?)(?=\n \* @|"
                                 r"\n \*\n|\n \*/)", doc, re.S):
        text = re.sub(r"\s*\n \*\s*", " ", text).strip()
        text = re.sub(r"\s*Since: [\d.]+$", "", text)
        if "combination of all" not in text and "REQUEST_" not in name:
            h.add(o, enums, name, text.rstrip("."), "flag")
            h.add(o, enums, name, name, "name")
    for path in ("gio/gdummytlsbackend.c", "gio/gtlscertificate.c"):
        for text in _c_messages(o.read(path)):
            h.add(o, path, text, text, "message")
    o = git_origin("GNOME/glib-networking")
    for path in o.ls("tls"):
        if path.endswith(".c") and "/tests/" not in path:
            for text in _c_messages(o.read(path)):
                h.add(o, path, text, text, "message")
    o = git_origin("GNOME/gnome-online-accounts")
    path = "src/goabackend/goautils.c"
    body = o.read(path).split("goa_utils_set_error_ssl", 1)[1].split("\n}", 1)[0]
    for name, lits in re.findall(r"case (G_TLS_CERTIFICATE_\w+):\s*error_msg = _\(((?:\s*"
                                 r'"[^"\n]*")+)\)', body):
        h.add(o, path, f"goa.{name}", "".join(re.findall(r'"([^"]*)"', lits)), "message")
    return h


_PURPLE_IDS = ("SSL Connection Failed", "SSL Handshake Failed",
               "SSL peer presented an invalid certificate")


# Zero-width characters in a catalog's sentence: explain reads text without them (the input
# is cleaned of invisible format characters), so the table stores the sentence as read.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"))


def _po(src: str) -> dict[str, str]:
    """msgid -> msgstr of a gettext catalog (single-line entries; fuzzy ones skipped)."""
    out = {}
    for fuzzy, mid, mstr in re.findall(r'(#, fuzzy\n)?msgid "((?:[^"\\\n]|\\.)*)"\n'
                                       r'msgstr "((?:[^"\\\n]|\\.)*)"', src):
        if mstr and not fuzzy:
            out[unescape(mid)] = unescape(mstr).translate(_INVISIBLE)
    return out


def _lead(text: str, wrapper: str = "Unable to connect to %s: %s") -> dict[str, object]:
    """Short texts ("SSL Handshake Failed") are other programs' words too: libpurple's only
    after the colon it prints them with ("Unable to connect to HOST: ...", a connection
    error "ACCOUNT: ..."); a sentence of six words or more stands alone. The printed form
    is http.c's connect line in the same language."""
    two = wrapper.count("%s") == 2
    form = (wrapper.replace("%s", "www.example.com", 1).replace("%s", "%TEXT%", 1)
            if two else "www.example.com: %TEXT%")
    # The language's own separator ("：" in Chinese, " - " in Burmese) as well as ": ".
    leads = sorted({": ", wrapper.split("%s")[1]} if two else {": "})
    return {"after": leads, "form": form} if len(text.split()) < 6 else {"form": form}


def libpurple() -> Harvest:
    """purple_ssl_strerror()'s texts (libpurple/sslconn.c), http.c's connect line, and their
    translations in every catalog Pidgin ships (po/*.po)."""
    h = Harvest("libpurple")
    o = git_origin("tieto/pidgin")  # a git mirror of Pidgin's Mercurial repository
    path = "libpurple/sslconn.c"
    body = o.read(path).split("purple_ssl_strerror(PurpleSslErrorType error)", 1)[1].split("\n}", 1)[0]
    names = dict((text, name) for name, text in
                 re.findall(r'case (PURPLE_SSL_\w+):\s*return _\("([^"]+)"\)', body))
    for text, name in names.items():
        h.add(o, path, name, text, "message", **_lead(text))
    wrapper = "Unable to connect to %s: %s"
    if wrapper in o.read("libpurple/http.c"):
        h.add(o, "libpurple/http.c", "http.connect", wrapper, "log")
    for po in o.ls("po"):
        if not po.endswith(".po"):
            continue
        cat = _po(o.read(po))
        lang = po.rsplit("/", 1)[1][:-3]
        said = [cat.get(text) for text in names]
        for text, name in names.items():
            mine = cat.get(text)
            # A language that says two of them alike cannot tell which: neither is kept.
            if mine and mine != text and said.count(mine) == 1:
                h.add(o, po, name, mine, "message", lang=lang,
                      **_lead(mine, cat.get(wrapper, wrapper)))
        if cat.get(wrapper, wrapper) != wrapper:
            h.add(o, po, "http.connect", cat[wrapper], "log", lang=lang)
    return h


def nim() -> Harvest:
    """Nim's std/net, std/asyncnet and std/httpclient SSL messages; nimble's line."""
    h = Harvest("nim")
    o = git_origin("nim-lang/Nim")
    for path in ("lib/pure/net.nim", "lib/pure/asyncnet.nim", "lib/pure/httpclient.nim"):
        src = o.read(path)
        for text in re.findall(r'(?:raiseSSLError\(|newException\(\w+,\s*)\s*"([^"\n]+)"\)',
                               src):
            h.add(o, path, text, text, "message")
    for ref in ("v0.14.2", "HEAD"):
        o = git_origin("nim-lang/nimble", ref)
        path = "src/nimblepkg/packageinfo.nim"
        m = re.search(r'let message = "(Failed to verify the SSL certificate for )" & url\n\s*'
                      r'raise nimbleError\(message, "([^"]+)"\)', o.read(path))
        if m:
            h.add(o, path, "nimble.ssl_verify", m.group(1) + "%s", "message",
                  hint=m.group(2), form=f"     Error: {m.group(1)}https://example.com/"
                  "packages.json\n      Hint: " + m.group(2))
    return h


def certmagic() -> Harvest:
    """CertMagic's handshake-time errors (handshake.go: GetCertificate's returns, which Go's
    server logs after "http: TLS handshake error from ADDR: ") and its OCSP log lines."""
    h = Harvest("certmagic")
    o = git_origin("caddyserver/certmagic")
    src = o.read("handshake.go")
    for text in re.findall(r'fmt\.Errorf\("([^"\n]+)"', src):
        h.add(o, "handshake.go", text, text.replace(": %w", ": %v"), "message",
              form=f"http: TLS handshake error from 192.0.2.1:50000: {text}")
    for path in ("handshake.go", "maintain.go", "certificates.go"):
        for text in re.findall(r'(?:logger|log|Logger)\.(?:Warn|Error|Info)\("([^"\n]+)"',
                               o.read(path)):
            if re.search(r"OCSP|revoked|REVOKED|expired|stapl", text):
                h.add(o, path, text, text, "log")
    return h


def excerpts15() -> Harvest:
    """Tasmota's MQTT line, libbeat's TLS client line, Keycloak's HTTPS material errors."""
    h = Harvest("excerpts15")
    for repo in ("arendst/Tasmota", "elastic/beats", "keycloak/keycloak"):
        for o in _excerpts(repo):
            for path in o.ls(""):
                src = o.read(path)
                for text in re.findall(r'PSTR\(D_LOG_MQTT "(TLS connection error: %d)"\)', src):
                    h.add(o, path, "tasmota.mqtt_tls", text, "log",
                          form="01:57:35.983 MQT: TLS connection error: 62")
                for text in re.findall(r'logp\.Err\("([^"]+)"', src):
                    h.add(o, path, "libbeat.tls_onfail", text, "log")
                m = re.search(r'StringBuilder\("([^"]+)"\);\s*builder\.append\("([^"]+)"', src)
                if m:
                    h.add(o, path, "keycloak.https_not_set", m.group(1), "message")
                    h.add(o, path, "keycloak.https_not_set.prod", m.group(1) + m.group(2) + ".",
                          "message")
                for text in re.findall(r'PropertyException\("(Failed to load \'https-\*\' '
                                       r'material: )"', src):
                    h.add(o, path, "keycloak.https_load", text + "%s %s", "message")
    return h


_JAVA_NEW = re.compile(r'new (\w*(?:Exception|Error))\(\s*"((?:[^"\\\n]|\\.)*)"(\s*\+)?')
_JAVA_PKG = {"SSLHandshakeException": "javax.net.ssl.", "SSLException": "javax.net.ssl.",
             "SSLProtocolException": "javax.net.ssl.",
             "CertificateException": "java.security.cert.",
             "SslHandshakeTimeoutException": "io.netty.handler.ssl.",
             "SslClosedEngineException": "io.netty.handler.ssl.",
             "NotSslRecordException": "io.netty.handler.ssl.",
             "VertxException": "io.vertx.core.VertxException"}


def _java_messages(h: Harvest, o: Origin, path: str, classes: tuple[str, ...]) -> None:
    """Each `new <Class>("literal"[ + value])` of ``classes`` in a Java file: the message,
    with %s for a value appended, printed as Java prints an exception ("pkg.Class: msg")."""
    for cls, lit, more in _JAVA_NEW.findall(o.read(path)):
        if cls not in classes:
            continue
        text = unescape(lit) + ("%s" if more else "")
        pkg = _JAVA_PKG.get(cls, "")
        name = pkg if pkg.endswith(cls) else pkg + cls
        h.add(o, path, text, text, "message", exception=cls, form=f"{name}: %TEXT%")


def netty() -> Harvest:
    """Netty's handler/ssl exceptions (SslHandler, the OpenSSL engine, its key material and
    context builders): what Netty-based programs (Vert.x, Quarkus, Reactor Netty, gRPC-Java,
    Elasticsearch, Logstash's beats input) print for a failed TLS setup or handshake."""
    h = Harvest("netty")
    o = git_origin("netty/netty")
    classes = ("SSLHandshakeException", "SSLException", "SslHandshakeTimeoutException",
               "SslClosedEngineException", "CertificateException", "SSLProtocolException")
    for path in o.ls("handler/src/main/java/io/netty/handler/ssl"):
        if path.endswith(".java"):
            _java_messages(h, o, path, classes)
    return h


def vertx() -> Harvest:
    """Vert.x core's TLS messages (its handshake wrapper, key/certificate loading, OCSP-less
    CRL check, the OpenSSL engine's availability)."""
    h = Harvest("vertx")
    o = git_origin("eclipse-vertx/vert.x")
    classes = ("SSLHandshakeException", "SSLException", "CertificateException",
               "VertxException")
    for path in ("vertx-core/src/main/java/io/vertx/core/net/impl/tcp/ChannelProvider.java",
                 "vertx-core/src/main/java/io/vertx/core/net/impl/KeyStoreHelper.java",
                 "vertx-core/src/main/java/io/vertx/core/internal/tls/SslContextProvider.java",
                 "vertx-core/src/main/java/io/vertx/core/internal/tls/SslContextManager.java"):
        _java_messages(h, o, path, classes)
    path = "vertx-core/src/main/java/io/vertx/core/net/impl/tcp/NetClientImpl.java"
    for text in re.findall(r'\.fail\("([^"]*TLS[^"]*)"\)', o.read(path)):
        h.add(o, path, text, text, "message")
    return h


def pip() -> Harvest:
    """pip's own words around a TLS failure while fetching an index: the "problem confirming
    the ssl certificate" reason of collector.py (every pip since 10; printed inside "Could
    not fetch URL %s: %s - skipping"), SSLVerificationError's and SSLMissingError's messages
    (pip 25+, exceptions/network.py) and search_scope.py's missing-ssl warning."""
    h = Harvest("pip")
    for ref in ("22.0", "HEAD"):
        o = git_origin("pypa/pip", ref)
        path = "src/pip/_internal/index/collector.py"
        src = o.read(path)
        if "There was a problem confirming the ssl certificate: " in src:
            h.add(o, path, "collector.ssl_reason",
                  "There was a problem confirming the ssl certificate: %s", "log",
                  form="Could not fetch URL https://pypi.org/simple/pip/: %TEXT% - skipping")
        path = "src/pip/_internal/models/search_scope.py"
        lits = re.findall(r'"(pip is configured with locations that require "\s*"TLS/SSL, '
                          r'however the ssl module in Python is not "\s*"available\.)"',
                          o.read(path))
        for lit in lits:
            text = re.sub(r'"\s*"', "", lit)
            h.add(o, path, "search_scope.no_ssl", text, "log")
        path = "src/pip/_internal/exceptions/network.py"
        if o.exists(path):
            src = o.read(path)
            if "Failed to establish a secure connection to " in src:
                h.add(o, path, "SSLVerificationError",
                      "Failed to establish a secure connection to %s while fetching %s",
                      "message")
            m = re.search(r'context="(The \'ssl\' module is unavailable[^"]+)"', src)
            if m:
                h.add(o, path, "SSLMissingError", m.group(1), "message")
    return h


_LFTP_AFTER = ["Certificate verification: "]


def lftp() -> Harvest:
    """lftp's certificate verdicts (src/lftp_ssl.cc set_cert_error), printed as "Fatal error:
    Certificate verification: TEXT (FINGERPRINT)" (or "ERROR:"/"WARNING:" in its log): 4.8's
    own GnuTLS checks ("Not trusted[: no issuer was found]", "Expired", ...), both versions'
    name checks. GnuTLS's status print and OpenSSL's verify string inside it are read by
    their own tables."""
    h = Harvest("lftp")
    for ref in ("v4.8.4", "HEAD"):
        o = git_origin("lavv17/lftp", ref)
        path = "src/lftp_ssl.cc"
        src = o.read(path)
        for m in re.finditer(r'set_cert_error\((?:xstring::format\()?(?:_\()?(?=")', src):
            text = first_string(src[m.end():m.end() + 400]).strip().rstrip(".")
            h.add(o, path, text, text, "message", after=_LFTP_AFTER,
                  form="Fatal error: Certificate verification: %TEXT% (4B:1F:0C)")
        for base in re.findall(r'strcpy\(msg,"([^"]+)"\)', src):
            for more in [""] + re.findall(r'strcat\(msg,"([^"]+)"\)', src):
                h.add(o, path, base + more, base + more, "message", after=_LFTP_AFTER,
                      form="Fatal error: Certificate verification: %TEXT% (4B:1F:0C)")
    return h


def irssi() -> Harvest:
    """irssi's TLS warnings (src/core/network-openssl.c g_warning), which it prints in its
    status window as "-!- Irssi: warning <text>"."""
    h = Harvest("irssi")
    o = git_origin("irssi/irssi")
    path = "src/core/network-openssl.c"
    src = o.read(path)
    for _, text in call_strings(src, ("g_warning",)):
        h.add(o, path, text.strip(), text.strip(), "log", form="-!- Irssi: warning %TEXT%")
    # Its own words in place of OpenSSL's reason when the peer hung up.
    for word in re.findall(r'g_warning\("SSL handshake failed: %s", (?:errstr != NULL \? '
                           r'errstr : )?"([^"]+)"\)', src):
        h.add(o, path, f"SSL handshake failed: {word}", f"SSL handshake failed: {word}", "log",
              form="-!- Irssi: warning %TEXT%")
    return h
