"""Round 26: thirteen more program families whose own wording no table held, harvested from
each program's own source (fetched mirrors).

- SwiftNIO SSL (apple/swift-nio-ssl Sources/NIOSSL/SSLErrors.swift): NIOSSLError's and
  BoringSSLError's cases as Swift prints them ("NIOSSL.NIOSSLError.uncleanShutdown",
  "handshakeFailed(NIOSSL.BoringSSLError.sslError([...]))"), the synthetic "EOF during
  handshake" entries and NIOSSLExtraError's descriptions ("NIOSSLExtraError.
  failedToValidateHostname: Couldn't find <name> in certificate from peer").
- Ktor's own TLS client (ktorio/ktor ktor-network/ktor-network-tls, used by the CIO
  engine): "Received alert during handshake. Level: FATAL, code: <TLSAlertType>" per alert
  the enum names, and the TLSException texts of its parser and handshake.
- Syncthing (syncthing/syncthing lib/connections): its connection service's TLS lines.
- rclone (rclone/rclone fs/fshttp/http.go, lib/proxy/http.go, lib/http/server.go): the
  --ca-cert / --client-cert lines, the HTTPS proxy's TLS line, `rclone serve`'s TLS
  settings.
- restic (restic/restic internal/backend/http_transport.go): --cacert and
  --tls-client-cert errors.
- Telegraf (influxdata/telegraf plugins/common/tls): the TLS settings' errors of its
  plugins (client.go: outputs and polling inputs; server.go: listening inputs).
- Vector (vectordotdev/vector lib/vector-core/src/tls/mod.rs): TlsError's displays.
- Tornado (tornadoweb/tornado tornado/iostream.py, tornado/tcpserver.py): its SSL error
  log line and its certfile/keyfile checks.
- containers/image, the registry client of skopeo, podman and buildah (containers/image
  pkg/tlsclientconfig/tlsclientconfig.go, docker/docker_client.go): the certs.d
  directory's client-certificate checks and the registry ping wrapper.
- Tailscale's DERP server and its pinned-certificate dialing (tailscale/tailscale
  cmd/derper/cert.go, cmd/derper/ipcert.go, net/tlsdial/tlsdial.go
  SetConfigExpectedCertHash): words round 23's Tailscale rows (patterns/words23.py) do
  not hold.
- Prometheus' HTTP client configuration (prometheus/common config/http_config.go), shared
  by Prometheus, Alertmanager, the exporters and most of their ecosystem: tls_config's CA,
  client certificate and version errors.
- Traefik's TLS layer (traefik/traefik pkg/tls): its certificate store, strict SNI, OCSP
  stapling and client-CA lines, and the serversTransport's check of a backend's
  certificate.
- Docker (moby/moby): the API client's two TLS guesses (client/request.go), the daemon's
  certs.d checks for registries (daemon/pkg/registry/registry.go), the client's
  DOCKER_CERT_PATH line and the vendored docker/go-connections tlsconfig that loads
  --tlscacert/--tlscert/--tlskey for the CLI and dockerd.
"""

from __future__ import annotations

import re

from .common import Harvest, git_origin, unescape

_GO_CALL = (r"(?:errors\.New|errors\.Errorf|fmt\.Errorf|fs\.Fatalf|log\.Printf|"
            r"slog\.\w+|Fatalf|Errorf|Warnf)")
_GO_LIT = re.compile(_GO_CALL + r'\((?:[^"()]{0,40}?,\s*)?"((?:[^"\\\n]|\\.)*)"')


def _go_strings(src: str) -> list[str]:
    """The first string literal of every error/log call in Go source, in order."""
    return [unescape(m.group(1)) for m in _GO_LIT.finditer(src)]


# -- SwiftNIO SSL ----------------------------------------------------------------------------

_NIO = "Sources/NIOSSL/SSLErrors.swift"
_NIO_TOP = "Fatal error: Error raised at top level: "


def _swift_text(s: str) -> str:
    return re.sub(r"\\\([^)]*\)", "%s", s)


def swift_nio_ssl() -> Harvest:
    h = Harvest("swift_nio_ssl")
    o = git_origin("apple/swift-nio-ssl")
    src = o.read(_NIO)
    for enum in ("NIOSSLError", "BoringSSLError"):
        body = src[src.index(f"public enum {enum}: Error {{"):]
        body = body[:body.index("\n}\n")]
        for case, payload in re.findall(r"^\s*case (\w+)(\([\w.]+\))?\s*$", body, re.M):
            name = f"{enum}.{case}"
            if payload:
                # Swift prints a case with its value as "case(value)":
                # "NIOSSL.NIOSSLError.handshakeFailed(NIOSSL.BoringSSLError.sslError([...]))"
                inner = "NIOSSL.BoringSSLError.sslError([])" if enum == "NIOSSLError" else "[]"
                form = f"{_NIO_TOP}NIOSSL.%TEXT%({inner})"
            else:
                form = f"{_NIO_TOP}NIOSSL.%TEXT%"
            h.add(o, _NIO, name, name, "name", payload=bool(payload), form=form)
    # BoringSSLInternalError's synthetic entries, inside handshakeFailed(.sslError([...])):
    # its description is "Error: <code> <message>", the code empty for these
    for m in re.finditer(r'static let \w+ = Self\(\s*syntheticErrorDescription:\s*"([^"]+)"\s*\)',
                         src):
        h.add(o, _NIO, m.group(1), m.group(1), "message",
              form=_NIO_TOP + "NIOSSL.NIOSSLError.handshakeFailed(NIOSSL.BoringSSLError."
                              "sslError([Error:  %TEXT%]))")
    # NIOSSLExtraError: "NIOSSLExtraError.<base>: <description>" (description nil: the base)
    for m in re.finditer(r"static func \w+\([^)]*\)\s*->\s*NIOSSLExtraError\s*\{\s*"
                         r'let description = "((?:[^"\\]|\\.)*)"\s*return NIOSSLExtraError\('
                         r"baseError: \.(\w+)", src):
        text, base = _swift_text(m.group(1)), m.group(2)
        h.add(o, _NIO, f"NIOSSLExtraError.{base}", text, "message",
              form=f"{_NIO_TOP}NIOSSLExtraError.{base}: %TEXT%")
    for base in re.findall(r"static let \w+ = NIOSSLExtraError\(\s*baseError: \.(\w+),\s*"
                           r"description: nil", src):
        name = f"NIOSSLExtraError.{base}"
        if (name, name) not in h.entries and not any(k[0] == name for k in h.entries):
            h.add(o, _NIO, name, name, "name", form=_NIO_TOP + "%TEXT%")
    return h


# -- Ktor's TLS client -----------------------------------------------------------------------

_KTOR = "ktor-network/ktor-network-tls"
_KTOR_HS = f"{_KTOR}/jvm/src/io/ktor/network/tls/TLSClientHandshake.kt"
_KTOR_ALERT = f"{_KTOR}/jvm/src/io/ktor/network/tls/TLSAlert.kt"
_KTOR_EXC = "io.ktor.network.tls.TLSException: %TEXT%"
_KT_LITS = r'((?:"(?:[^"\\\n]|\\.)*"\s*\+?\s*)+)'


def _kotlin_text(lits: str) -> str:
    text = unescape("".join(re.findall(r'"((?:[^"\\\n]|\\.)*)"', lits)))
    text = re.sub(r"\$\{[^}]*\}|\$\w+", "%s", text)
    return text.replace(" \n", "\n").split("\n")[0].rstrip()


def ktor_tls() -> Harvest:
    h = Harvest("ktor_tls")
    o = git_origin("ktorio/ktor")
    hs = o.read(_KTOR_HS)
    m = re.search(r'TLSException\("(Received alert during handshake\. Level: )\$level(, code: )'
                  r'\$code"\)', hs)
    assert m, "the handshake's alert line"
    alerts = o.read(_KTOR_ALERT)
    body = alerts[alerts.index("public enum class TLSAlertType"):]
    body = body[:body.index("public companion object")]
    for name, code in re.findall(r"^\s*(\w+)\((\d+)\)[,;]", body, re.M):
        if name == "CloseNotify":  # ends the stream, no exception
            continue
        # a fatal alert (the level prints as the enum's name)
        h.add(o, _KTOR_HS, f"alert {code} ({name})", f"{m.group(1)}FATAL{m.group(2)}{name}",
              "message", alert=int(code), form=_KTOR_EXC)
    for path in o.ls(_KTOR):
        if not path.endswith(".kt") or "/test" in path:
            continue
        src = o.read(path)
        for m2 in re.finditer(r"TLSException\(\s*" + _KT_LITS, src):
            text = _kotlin_text(m2.group(1))
            if text.startswith("Received alert during handshake"):
                continue
            h.add(o, path, text, text, "message", form=_KTOR_EXC)
        # a message built before the throw ("No sign algorithms in common. \n" + ...)
        for m2 in re.finditer(r"val message = " + _KT_LITS + r"\s*throw TLSException\(message\)",
                              src):
            text = _kotlin_text(m2.group(1)).rstrip()
            h.add(o, path, text, text, "message", form=_KTOR_EXC)
        for m2 in re.finditer(r'TLSException\(\s*"""([^\n"]+)', src):
            text = m2.group(1).strip()
            h.add(o, path, text, text, "message", form=_KTOR_EXC)
        for m2 in re.finditer(r"IllegalArgumentException\(\s*" + _KT_LITS, src):
            text = _kotlin_text(m2.group(1))
            if re.search(r"TLS (?:record type|version|handshake type) code", text):
                h.add(o, path, text, text, "message",
                      form="java.lang.IllegalArgumentException: %TEXT%")
        for m2 in re.finditer(r'check\([^)]*\)\s*\{\s*"([^"]+)"\s*\}', src):
            text = re.sub(r"\$\{[^}]*\}|\$\w+", "%s", m2.group(1))
            if "SERVER_HELLO" in text:
                h.add(o, path, text, text, "message",
                      form="java.lang.IllegalStateException: %TEXT%")
    return h


# -- Syncthing -------------------------------------------------------------------------------

_ST_FILES = ("lib/connections/service.go", "lib/connections/relay_listen.go")
_ST_KEEP = re.compile(r"(?i)certificate|\bTLS\b|handshake|bep/")


def syncthing() -> Harvest:
    h = Harvest("syncthing")
    o = git_origin("syncthing/syncthing")
    for path in _ST_FILES:
        src = o.read(path)
        for m in re.finditer(r'slog\.(Warn|Error|Info)(?:Context)?\((?:ctx,\s*)?"([^"]+)"', src):
            level, text = m.group(1), m.group(2)
            if _ST_KEEP.search(text):
                h.add(o, path, text, text, "log",
                      form=f"[SYNO4] 10:08:38 {level.upper().replace('WARN', 'WARNING')}: "
                           "%TEXT%")
    return h


# -- rclone ----------------------------------------------------------------------------------

_RC_HTTP = "fs/fshttp/http.go"
_RC_PROXY = "lib/proxy/http.go"
_RC_SERVER = "lib/http/server.go"
_RC_LOG = "2026/12/07 10:00:00 CRITICAL: "


def rclone() -> Harvest:
    h = Harvest("rclone")
    o = git_origin("rclone/rclone")
    src = o.read(_RC_HTTP)
    for m in re.finditer(r'fs\.Fatalf\(nil, "([^"]+)"', src):
        h.add(o, _RC_HTTP, m.group(1), m.group(1), "log", form=_RC_LOG + "%TEXT%")
    # the key loader's own errors, printed after "Failed to load --client-cert/--client-key
    # pair: "
    body = src[src.index("func loadClientCert"):] if "func loadClientCert" in src else src
    for m in re.finditer(r'errors\.New\("([^"]+)"\)', body):
        if "key" in m.group(1) or "certificate" in m.group(1):
            h.add(o, _RC_HTTP, m.group(1), m.group(1), "message",
                  form=_RC_LOG + "Failed to load --client-cert/--client-key pair: %TEXT%")
    src = o.read(_RC_PROXY)
    for m in re.finditer(r'fmt\.Errorf\("(HTTP CONNECT proxy failed to make TLS connection: '
                         r'%q)"', src):
        h.add(o, _RC_PROXY, m.group(1), m.group(1), "message",
              form='2026/12/07 10:00:00 ERROR : : error listing: %TEXT%')
    src = o.read(_RC_SERVER)
    for name, text in re.findall(r"(Err\w*TLS\w*)\s*=\s*errors\.New\(\"([^\"]+)\"\)", src):
        h.add(o, _RC_SERVER, name, text, "message", form=_RC_LOG + "%TEXT%")
    return h


# -- restic ----------------------------------------------------------------------------------

_RESTIC = "internal/backend/http_transport.go"


def restic() -> Harvest:
    h = Harvest("restic")
    o = git_origin("restic/restic")
    src = o.read(_RESTIC)
    for text in _go_strings(src):
        if re.search(r"(?i)cert|key", text):
            h.add(o, _RESTIC, text, text, "message",
                  form="Fatal: create repository at rest:https://backup.example:8000/ "
                       "failed: %TEXT%")
    return h


# -- Telegraf --------------------------------------------------------------------------------

_TG = "plugins/common/tls"
_TG_FILES = ("client.go", "common.go", "server.go")


def telegraf() -> Harvest:
    h = Harvest("telegraf")
    o = git_origin("influxdata/telegraf")
    for name in _TG_FILES:
        path = f"{_TG}/{name}"
        for text in _go_strings(o.read(path)):
            h.add(o, path, text, text, "message", file=name,
                  form="2026-12-07T10:00:00Z E! [telegraf] Error running agent: could not "
                       "initialize output influxdb_v2: %TEXT%")
    return h


# -- Vector ----------------------------------------------------------------------------------

_VEC = "lib/vector-core/src/tls/mod.rs"


def vector() -> Harvest:
    h = Harvest("vector")
    o = git_origin("vectordotdev/vector")
    src = o.read(_VEC)
    body = src[src.index("pub enum TlsError"):]
    body = body[:body.index("\n}\n")]
    for m in re.finditer(r'#\[snafu\(display\(\s*"((?:[^"\\]|\\.)*)"[^\]]*\]\s*'
                         r"(?:#\[[^\]]*\]\s*)*(\w+)", body):
        text, variant = unescape(m.group(1)), m.group(2)
        if text == "{}":  # the source error alone
            continue
        h.add(o, _VEC, f"TlsError::{variant}", text, "message",
              form="2026-12-07T10:00:00.000000Z ERROR vector::topology::builder: "
                   "Configuration error. error=Sink \"out\": %TEXT%")
    return h


# -- Tornado ---------------------------------------------------------------------------------

_TOR_IO = "tornado/iostream.py"
_TOR_SRV = "tornado/tcpserver.py"


def tornado() -> Harvest:
    h = Harvest("tornado")
    o = git_origin("tornadoweb/tornado")
    src = o.read(_TOR_IO)
    m = re.search(r'"(SSL Error on %s %s: %s)"', src)
    assert m, "iostream's SSL error line"
    h.add(o, _TOR_IO, m.group(1), m.group(1), "log", form="WARNING:tornado.general:%TEXT%")
    src = o.read(_TOR_SRV)
    for text in re.findall(r"'((?:certfile|keyfile) \"%s\" does not exist)'", src):
        h.add(o, _TOR_SRV, text, text, "message", form="ValueError: %TEXT%")
    return h


# -- containers/image ------------------------------------------------------------------------

_CI_TLS = "pkg/tlsclientconfig/tlsclientconfig.go"
_CI_DOCKER = "docker/docker_client.go"
_CI_FORM = ("Error: initializing source docker://registry.example:5000/app:latest: %TEXT%")


def containers_image() -> Harvest:
    h = Harvest("containers_image")
    o = git_origin("containers/image")
    for text in _go_strings(o.read(_CI_TLS)):
        # its debug lines (" cert: %s", "Looking for ...") are not errors
        if not text.startswith(" ") and "Looking for" not in text:
            h.add(o, _CI_TLS, text, text, "message", form=_CI_FORM)
    for text in _go_strings(o.read(_CI_DOCKER)):
        if text.startswith("pinging container registry"):
            h.add(o, _CI_DOCKER, text, text, "message", form=_CI_FORM)
    return h


# -- Tailscale's DERP server and pinned-certificate dialing -----------------------------------

_TS_FILES = ("cmd/derper/cert.go", "cmd/derper/ipcert.go")
_TS_DIAL = "net/tlsdial/tlsdial.go"
_TS_KEEP = re.compile(r"(?i)cert|hostname|tls|--")
# Go's net/http server logs a GetCertificate error as the handshake's failure
_TS_SERVER = "2026/12/07 10:00:00 http: TLS handshake error from 192.0.2.7:51234: %TEXT%"
_TS_CLIENT = ("2026/12/07 10:00:00 derp.Recv(derp-900): connect to region 900: "
              "tls: failed to verify certificate: %TEXT%")


def tailscale_derp() -> Harvest:
    h = Harvest("tailscale_derp")
    o = git_origin("tailscale/tailscale")
    for path in _TS_FILES:
        for text in _go_strings(o.read(path)):
            # (its "Using self-signed certificate ..." and acme lines are information)
            if _TS_KEEP.search(text) and not text.startswith(("derper: acme: ", "Using ")):
                h.add(o, path, text, text, "message",
                      form=_TS_SERVER if "hostname %q" in text or "IP %v" in text
                      or "next attempt" in text else "derper: %TEXT%")
    src = o.read(_TS_DIAL)
    body = src[src.index("func SetConfigExpectedCertHash"):]
    for text in _go_strings(body):
        h.add(o, _TS_DIAL, text, text, "message", form=_TS_CLIENT)
    return h


# -- Prometheus' common HTTP client configuration ---------------------------------------------

_PROM = "config/http_config.go"
_PROM_KEEP = re.compile(r"(?i)\bca\b|cert|\bkey\b|tls")
_PROM_FORM = ('ts=2026-12-07T10:00:00.000Z caller=main.go:1000 level=error msg="Error loading '
              'config" err="parsing YAML file /etc/prometheus/prometheus.yml: %TEXT%"')


def prometheus_common() -> Harvest:
    h = Harvest("prometheus_common")
    o = git_origin("prometheus/common")
    for text in _go_strings(o.read(_PROM)):
        if _PROM_KEEP.search(text) and "oauth2" not in text and "secret ref" not in text:
            h.add(o, _PROM, text, text, "message", form=_PROM_FORM)
    return h


# -- Traefik ----------------------------------------------------------------------------------

_TRAEFIK = "pkg/tls"
_TRAEFIK_LIT = re.compile(r'(?:errors\.New|fmt\.Errorf|\.Msgf?)\("((?:[^"\\\n]|\\.)*)"')
_TRAEFIK_SKIP = re.compile(r"^(?:Adding|Skipping|Could not split|Error while getting certificate"
                           r"|no domain was given|creating OCSP request|Unable to (?:obtain|"
                           r"read|parse) OCSP|TLS: (?:default )?certificate Leaf is nil)")


def traefik() -> Harvest:
    h = Harvest("traefik")
    o = git_origin("traefik/traefik")
    for path in o.ls(_TRAEFIK):
        if not path.endswith(".go") or path.endswith("_test.go") or "/generate/" in path:
            continue
        for m in _TRAEFIK_LIT.finditer(o.read(path)):
            text = unescape(m.group(1)).replace("`", "")
            if _TRAEFIK_SKIP.match(text) or not re.search(r"(?i)cert|tls|sni|ocsp|san|x509|key",
                                                          text):
                continue
            h.add(o, path, text, text, "message",
                  form="2026-12-07T10:00:00Z ERR %TEXT%")
    return h


# -- Docker (moby) ----------------------------------------------------------------------------

_MOBY_REQ = "client/request.go"
_MOBY_REG = "daemon/pkg/registry/registry.go"
_MOBY_OPTS = "client/client_options.go"
_MOBY_TLSCONFIG = "vendor/github.com/docker/go-connections/tlsconfig/config.go"
_MOBY_CONNECT = 'error during connect: Get "https://192.0.2.10:2376/v1.51/version": '


def moby() -> Harvest:
    h = Harvest("moby")
    o = git_origin("moby/moby")
    src = o.read(_MOBY_REQ)
    m = re.search(r'"%w\.\\n\* (Are you trying to connect to a TLS-enabled daemon without '
                  r'TLS\?)"', src)
    assert m, "request.go's plain-HTTP hint"
    h.add(o, _MOBY_REQ, "hint.tls_daemon", m.group(1), "message",
          form='Cannot connect to the Docker daemon at tcp://192.0.2.10:2376. Is the docker '
               'daemon running?: Get "http://192.0.2.10:2376/v1.51/version": net/http: HTTP/1.x '
               'transport connection broken: malformed HTTP response '
               '"\\x15\\x03\\x01\\x00\\x02\\x02".\n* %TEXT%')
    m = re.search(r'fmt\.Errorf\("(the server probably has client authentication[^"]+)"', src)
    assert m, "request.go's client-certificate hint"
    h.add(o, _MOBY_REQ, "hint.tlsverify", unescape(m.group(1)), "message",
          form=_MOBY_CONNECT + "%TEXT%")
    for text in re.findall(r'invalidParamf\("([^"]+)"', o.read(_MOBY_REG)):
        h.add(o, _MOBY_REG, text, text, "message", form="Error response from daemon: %TEXT%")
    for text in _go_strings(o.read(_MOBY_OPTS)):
        if text.startswith("configure TLS from"):
            h.add(o, _MOBY_OPTS, text, text, "message", form="%TEXT%")
    for text in _go_strings(o.read(_MOBY_TLSCONFIG)):
        h.add(o, _MOBY_TLSCONFIG, text, text, "message",
              form="unable to resolve docker endpoint: %TEXT%")
    return h
