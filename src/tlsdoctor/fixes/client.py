"""Client-side steps: how each kind of client accepts a version or a suite, trusts a root,
sends a certificate or the server's name, and which of them fit the client that failed.

A client profile names its kind (``ClientProfile.fix_kind``); clients.toml says which
steps (``applies_to`` tags) fit each kind. A named client gets its own steps only, as a
known server software gets its own lines; a client with no per-connection setting
(browsers, OS clients, embedded devices) gets the honest step instead: update it, or the
server must change. No client (explain, logs) or an unknown kind: every kind's steps.

The stopgaps (accept an old version or suite, a small DH group or key) are one table,
stopgaps.toml, with its sources; fixes/version_text.py gives the same rows for the program an
error came from. Sources of the other steps, next to each step below: curl(1); Python ssl docs; the JDK 17 JSSE Reference Guide
and keytool docs; Node.js tls/cli docs (v20); Go crypto/tls and crypto/x509 (1.19 source on
this machine, /usr/lib/go-1.19/src/crypto/tls/common.go); .NET System.Net.Security docs;
Debian update-ca-certificates(8); requests docs (REQUESTS_CA_BUNDLE).
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .. import addresses
from ..finding import FixStep
from .data import toml_file
from .lazyre import lazy
from .names import file_stem

if TYPE_CHECKING:  # a type only
    from ..clients.profile import ClientProfile

_HOST_NAME = lazy(r"[A-Za-z0-9][A-Za-z0-9.-]{0,252}")
_SUITE_NAME = lazy(r"TLS_[A-Z0-9_]{1,80}")
# An old version's name in each client's setting (stopgaps.toml fields); SSL 3.0 gets TLS 1.0's.
_NAMES = {0x0302: dict(name="TLSv1.1", short="1.1", node="TLSv1.1", go="VersionTLS11",
                       net="Tls11", wget="TLSv1_1"),
          0x0301: dict(name="TLSv1", short="1.0", node="TLSv1", go="VersionTLS10", net="Tls",
                       wget="TLSv1"),
          0x0300: dict(name="SSLv3", short="1.0", node="TLSv1", go="VersionTLS10", net="Tls",
                       wget="TLSv1")}
# The clients stopgaps.toml has rows for, in the order they are shown.
_STOPGAP_TAGS = ("curl", "python", "openssl", "java", "node", "go", "dotnet", "wget", "gnutls")


def _kinds() -> dict[str, Any]:
    return dict(toml_file("clients.toml")["kinds"])


def _kind(client: ClientProfile | None) -> dict[str, Any] | None:
    """The client's kind from clients.toml; None when no client or an unknown kind."""
    if client is None:
        return None
    # This machine's own client is Python ssl on the local OpenSSL, whatever it is modelled on.
    kind = _kinds().get("local" if client.is_local else client.fix_kind)
    # a kind with no steps of its own yet ("every") shows every kind's, as an unknown one
    return dict(kind) if kind is not None and not kind.get("every") else None


def settable(client: ClientProfile | None) -> bool:
    """False for a client with no per-connection TLS setting (browser, OS, device)."""
    kind = _kind(client)
    return kind is None or bool(kind["settable"])


def for_client(steps: Sequence[FixStep], client: ClientProfile | None, *,
               missing: str) -> tuple[FixStep, ...]:
    """The steps that fit ``client`` (untagged ones always do). When none of the tagged
    steps fits, ``missing`` (formatted with ``title``) is the client's honest step."""
    kind = _kind(client)
    if kind is None or client is None:
        return tuple(steps)
    tags = set(kind["tags"])
    mine = tuple(s for s in steps if not s.applies_to or s.applies_to in tags)
    if any(s.applies_to for s in mine):
        return mine
    return (*mine, FixStep(text=missing.format(title=client.title), applies_to=client.fix_kind))


def accept_version(version: int, url: str, client: ClientProfile | None) -> tuple[FixStep, ...]:
    """How a client can accept an older version (a stopgap), or get a newer one."""
    title = client.title if client is not None else "the client"
    if version >= 0x0303:
        return (FixStep(text=f"Upgrade {title} to a release that supports TLS 1.2/1.3.",
                        applies_to=client.fix_kind if client is not None else ""),)
    name = _NAMES.get(version, _NAMES[0x0301])["name"]
    return with_header(for_client(stopgaps("version", url, version=version), client,
                                   missing=f"{{title}} has no setting to accept {name}: only the "
                                   "server can fix this, by accepting TLS 1.2 and 1.3 (steps "
                                   "above)."))


def accept_cipher(url: str, client: ClientProfile | None, suite: str = "") -> tuple[FixStep, ...]:
    """Stopgaps that let a client accept the server's (old) suite, per kind of client.
    ``suite``: the IANA name of the suite the server accepts, when known."""
    return with_header(for_client(stopgaps("suite", url, suite=suite), client,
                                   missing="{title} has no per-connection cipher setting: the "
                                   "server must offer a suite it supports (steps above); if the "
                                   "server's suites are modern, update {title} or its operating "
                                   "system."))


# GnuTLS priority keywords (gnutls-cli --list, GnuTLS 3.7.9: Ciphers, MACs, Key exchange
# algorithms) for the parts of an IANA suite name. Round 21: 'NORMAL:%COMPAT', printed before,
# enables no suite at all (%COMPAT only relaxes protocol checks): gnutls-cli 3.7.9 and wget
# 1.21.3 with it still refused a CBC-SHA256 or Camellia server; NORMAL plus the suite's own
# cipher, MAC and key exchange connected (tests/fixes/test_apply21_fixes_on_real_programs.py).
_GNUTLS_KX = {"RSA": "RSA", "DHE_RSA": "DHE-RSA", "DHE_DSS": "DHE-DSS", "ECDHE_RSA": "ECDHE-RSA",
              "ECDHE_ECDSA": "ECDHE-ECDSA", "DH_anon": "ANON-DH", "ECDH_anon": "ANON-ECDH"}
_GNUTLS_CIPHER = {"3DES_EDE_CBC": "3DES-CBC", "RC4_128": "ARCFOUR-128"}
_GNUTLS_SUITE = lazy(r"TLS_(?P<kx>\w+?)_WITH_(?P<cipher>\w+?)(?:_(?P<mac>SHA|SHA256|SHA384|MD5))?")


def gnutls_priority(suite: str) -> str:
    """The GnuTLS priority string that adds ``suite`` (an IANA name) to NORMAL: its cipher,
    MAC (AEAD for GCM, CCM and ChaCha20, whose last word names the PRF) and key exchange."""
    m = _GNUTLS_SUITE.fullmatch(suite)
    if m is None or m["kx"] not in _GNUTLS_KX:
        return "NORMAL"
    cipher = _GNUTLS_CIPHER.get(m["cipher"], m["cipher"].replace("_", "-"))
    aead = cipher.endswith(("GCM", "CCM", "CCM-8", "POLY1305"))
    if not aead and m["mac"] is None:
        return "NORMAL"
    mac = "AEAD" if aead else {"SHA": "SHA1"}.get(m["mac"], m["mac"])
    return f"NORMAL:+{cipher}:+{mac}:+{_GNUTLS_KX[m['kx']]}"


# The jdk.tls.disabledAlgorithms word that refuses a suite with this part of its IANA name
# (JSSE checks a suite's key exchange, cipher and MAC against that list; "TLS_ECDH_" is static
# ECDH, not ECDHE). Measured: JDK 17.0.15 took TLS_RSA_WITH_NULL_SHA256 only with NULL removed.
_JAVA_DISABLED = (("_anon_", "anon"), ("_WITH_NULL_", "NULL"), ("_3DES_EDE_CBC_", "3DES_EDE_CBC"),
                  ("_RC4_", "RC4"), ("_WITH_DES_", "DES"), ("TLS_ECDH_", "ECDH"))


def java_security_fields(table: dict[str, Any], suite: str) -> dict[str, str]:
    """The java.suite row's properties-file line and option for ``suite`` (both empty when no
    word of JDK 17's jdk.tls.disabledAlgorithms refuses it)."""
    words = {w for part, w in _JAVA_DISABLED if part in suite}
    if not words:
        return {"java_security": "", "java_security_option": ""}
    line = str(table.get("java", {}).get("suite", {}).get("jdk17_disabled", ""))
    kept = ", ".join(w for w in line.split(", ") if w not in words)
    return {"java_security": f"echo 'jdk.tls.disabledAlgorithms={kept}' > legacy.security\n",
            "java_security_option": "-Djava.security.properties=legacy.security "}


def _stopgap_table() -> dict[str, Any]:
    return toml_file("stopgaps.toml")


def stopgaps(need: str, url: str, *, only: str = "", version: int = 0x0301,
             suite: str = "") -> tuple[FixStep, ...]:
    """Each kind of client's stopgap for ``need`` (stopgaps.toml: "version", "suite", "dh",
    "key", "sig"), for this one connection: every kind's, or the ``only`` tag's. ``version``:
    the server's old version; ``suite``: the IANA name of its suite, when known."""
    table = _stopgap_table()
    hp = host_port(url)
    host, port = hp.rsplit(":", 1)
    starttls = _starttls(url)
    fields = {"url": shlex.quote(url), "host_port": shlex.quote(hp),
              "host": shlex.quote(host.strip("[]")), "port": port,
              "level": table["levels"].get(need, "0"),
              "suite": (iana := suite if _SUITE_NAME.fullmatch(suite)
                        else "TLS_RSA_WITH_AES_128_CBC_SHA"),
              "gnutls_suite": gnutls_priority(iana), **java_security_fields(table, iana),
              **_starttls_fields(starttls), **_NAMES.get(version, _NAMES[0x0301])}
    rows = ((tag, _row(table, tag, need)) for tag in _STOPGAP_TAGS if only in ("", tag)
            and (not starttls or starttls in _STARTTLS_BY.get(tag, (starttls,))))
    return tuple(FixStep(text=row["text"].format(**fields), code=row.get("code", "").format(
        **fields), applies_to=tag) for tag, row in rows if row is not None)


# STARTTLS (a service_url such as smtp://mx:25/): the protocols each command-line client
# speaks before TLS, and how it is told. curl(1): smtp/imap/pop3/ftp URLs upgrade only with
# --ssl-reqd (else it talks plain text and proves nothing); openssl-s_client(1) -starttls
# (OpenSSL 3.0); gnutls-cli(1) --starttls-proto (GnuTLS 3.7). wget speaks none of them.
# Measured on a TLS 1.0-only Postfix 3.7 (tests/fixes/test_mail_fixes_on_real_servers.py).
_STARTTLS_BY = {"curl": ("smtp", "imap", "pop3", "ftp"),
                "openssl": ("smtp", "imap", "pop3", "ftp", "xmpp", "ldap", "postgres", "mysql"),
                "gnutls": ("smtp", "imap", "pop3", "ftp", "xmpp", "ldap", "postgres"),
                "wget": ()}


def _starttls(url: str) -> str:
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    return scheme if scheme in _STARTTLS_BY["openssl"] else ""


def _starttls_fields(starttls: str) -> dict[str, str]:
    """The words each client's stopgap needs for a STARTTLS service (empty: none)."""
    if not starttls:
        return {"curl_starttls": "", "openssl_starttls": "", "gnutls_starttls": ""}
    return {"curl_starttls": "--ssl-reqd ", "openssl_starttls": f" -starttls {starttls}",
            "gnutls_starttls": f" --starttls-proto={starttls}"}


def _row(table: dict[str, Any], tag: str, need: str) -> dict[str, str] | None:
    """The tag's row for ``need``, or its ``weak`` row for a need other than an old version."""
    rows = table.get(tag, {})
    return rows.get(need) or (rows.get("weak") if need != "version" else None)


def with_header(steps: tuple[FixStep, ...]) -> tuple[FixStep, ...]:
    """The stopgaps under one line that says what they are and that they are for one
    connection; no line when no client's setting is left (only the server can fix it)."""
    if not any(s.applies_to in _STOPGAP_TAGS and s.code for s in steps):
        return steps
    return (FixStep(text=str(_stopgap_table()["header"]["text"])), *steps)


def host_port(url: str) -> str:
    """``host:port`` of ``url`` for commands that take one (443 when it names none; an IPv6
    literal keeps its brackets)."""
    rest = url.split("://", 1)[-1].split("/", 1)[0]
    return rest if ":" in rest.rsplit("]", 1)[-1] else f"{rest}:443"


def trust_root(root_label: str, root_pem: str | None, url: str, *,
               client: ClientProfile | None = None, what: str = "root CA certificate",
               fingerprint: str | None = None,
               fetched_from: str | None = None) -> tuple[FixStep, ...]:
    """How each kind of client can be made to trust a (private) root CA, or one server's
    self-signed certificate (``what``). Trust is only as good as the check that the
    certificate is the right one, so the fingerprint is given to compare out of band."""
    stem = file_stem(root_label, "internal-root-ca")
    f = f"{stem}.crt"
    steps = []
    if root_pem:
        check = (f"compare its SHA-256 fingerprint {_colons(fingerprint)} with the one your CA "
                 "administrator publishes" if fingerprint else
                 "verify its fingerprint with your CA administrator")
        came = (f" It was fetched over plain HTTP from {fetched_from}: anyone on the path could "
                "have replaced it, so check the fingerprint out of band (not from this server "
                "or network)." if fetched_from else "")
        steps.append(FixStep(text=f"The {what}, saved as {f}. Before trusting it, {check}.{came}",
                             code=root_pem.strip()))
    steps.extend(_trust_steps(f, stem, url))
    return for_client(steps, client, missing="{title}: add the root to the trust store it "
                      "reads; if that is not possible, the server needs a certificate from a "
                      "publicly trusted CA.")


def _trust_steps(f: str, stem: str, url: str) -> tuple[FixStep, ...]:
    """``url``: the service (a STARTTLS one's own scheme: smtp://mx:25/), which the
    command-line clients' checks connect to as tlsdoctor did (_STARTTLS_BY)."""
    starttls = _starttls(url)
    return tuple(s for s in _trust_rows(f, stem, url, starttls)
                 if not starttls or s.applies_to not in _STARTTLS_BY
                 or starttls in _STARTTLS_BY[s.applies_to])


def _trust_rows(f: str, stem: str, url: str, starttls: str) -> tuple[FixStep, ...]:
    fields = _starttls_fields(starttls)
    return (
        # Debian update-ca-certificates(8)
        FixStep(text="System store (Debian/Ubuntu; most OpenSSL/GnuTLS clients, .NET and Go on Linux):",
                code=f"sudo cp {f} /usr/local/share/ca-certificates/{f}\nsudo update-ca-certificates",
                applies_to="system"),
        # requests: REQUESTS_CA_BUNDLE; OpenSSL (Python ssl default context): SSL_CERT_FILE
        FixStep(text="Python (requests / pip, and the ssl module's default context):",
                code=f"export REQUESTS_CA_BUNDLE=$PWD/{f}\nexport SSL_CERT_FILE=$PWD/{f}",
                applies_to="python"),
        FixStep(text="curl:", code=f"curl {fields['curl_starttls']}--cacert {f} {shlex.quote(url)}",
                applies_to="curl"),
        FixStep(text="openssl s_client:", applies_to="openssl",
                code=f"openssl s_client -connect {shlex.quote(host_port(url))}"
                     f"{fields['openssl_starttls']} -CAfile {f}"),
        FixStep(text="wget:", code=f"wget --ca-certificate={f} {shlex.quote(url)}", applies_to="wget"),
        # keytool docs (JDK 17): -importcert, -cacerts; JSSE: javax.net.ssl.trustStore.
        # -noprompt: without it a script's run answers "Trust this certificate? [no]:" and
        # adds nothing, with exit status 0 (round 17, run on a real JDK's store)
        FixStep(text="Java: a trust store for this application (it replaces the JDK's cacerts "
                     "for it), or import into the JDK's cacerts (default password 'changeit'):",
                code=f"keytool -importcert -noprompt -alias {stem} -file {f} "
                     f"-keystore {stem}.p12 -storetype PKCS12 -storepass changeit\n"
                     f"java -Djavax.net.ssl.trustStore={stem}.p12 "
                     "-Djavax.net.ssl.trustStorePassword=changeit -jar app.jar\n"
                     f"# or, for every application of this JDK:\n"
                     f"keytool -importcert -noprompt -cacerts -storepass changeit -alias {stem} "
                     f"-file {f}",
                applies_to="java"),
        # https://nodejs.org/api/cli.html#node_extra_ca_certsfile
        FixStep(text="Node.js (added to the bundled roots):",
                code=f"export NODE_EXTRA_CA_CERTS=$PWD/{f}", applies_to="node"),
        # crypto/x509 SystemCertPool on Linux reads SSL_CERT_FILE / SSL_CERT_DIR (go1.19 root_unix.go)
        FixStep(text="Go (SSL_CERT_FILE replaces the system bundle for the process; or use the "
                     "system store above):", code=f"export SSL_CERT_FILE=$PWD/{f}", applies_to="go"),
        *_store_steps(f, stem),
    )


def _store_steps(f: str, stem: str) -> tuple[FixStep, ...]:
    """Clients without their own setting read an OS or browser store."""
    return (
        # certutil (Windows Server docs): -addstore Root
        FixStep(text="Windows store (Edge, Chrome, IE, .NET, PowerShell): as administrator:",
                code=f"certutil -addstore -f Root {f}", applies_to="windows"),
        # security(1) add-trusted-cert (macOS)
        FixStep(text="macOS keychain (Safari, Chrome):",
                code=f"sudo security add-trusted-cert -d -r trustRoot "
                     f"-k /Library/Keychains/System.keychain {f}", applies_to="macos"),
        FixStep(text="iOS: install the certificate as a profile, then enable it under Settings > "
                     "General > About > Certificate Trust Settings.", applies_to="ios"),
        FixStep(text="Chrome on Linux (its NSS database):", applies_to="chrome",
                code=f"certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n {stem} -i {f}"),
        FixStep(text="Firefox: Settings > Privacy & Security > Certificates > View Certificates > "
                     f"Authorities > Import {f} (or, on Windows/macOS, set "
                     "security.enterprise_roots.enabled to use the OS store).", applies_to="firefox"),
        # Android network security configuration (developer.android.com/privacy-and-security/security-config)
        FixStep(text="Android: Settings > Security > Encryption & credentials > Install a "
                     "certificate > CA certificate; apps targeting Android 7+ trust user CAs only "
                     "if their network_security_config allows it.", applies_to="android"),
        FixStep(text="Embedded device: add the root to the device's CA bundle (firmware or the "
                     "vendor's tool); if that is impossible, the server needs a publicly trusted "
                     "certificate.", applies_to="embedded"),
    )


def send_certificate(url: str, client: ClientProfile | None = None) -> tuple[FixStep, ...]:
    """How each kind of client sends a client certificate (mutual TLS)."""
    steps = (
        FixStep(text="Give the client a certificate issued by one of the accepted CAs.",
                code=f"curl --cert client.pem --key client.key {shlex.quote(url)}",  # curl(1) --cert
                applies_to="curl"),
        FixStep(text="Python requests: pass cert=(cert_file, key_file); ssl: "
                     "SSLContext.load_cert_chain.",
                code="requests.get(url, cert=('client.pem', 'client.key'))\n"
                     "ctx.load_cert_chain('client.pem', 'client.key')", applies_to="python"),
        FixStep(text="openssl s_client:", code=f"openssl s_client -connect "
                f"{shlex.quote(host_port(url))} -cert client.pem -key client.key",
                applies_to="openssl"),
        FixStep(text="wget:", code=f"wget --certificate=client.pem --private-key=client.key "
                f"{shlex.quote(url)}", applies_to="wget"),
        # JSSE Reference Guide: javax.net.ssl.keyStore / keyStorePassword / keyStoreType
        FixStep(text="Java: a PKCS#12 key store with the certificate and key:",
                code="openssl pkcs12 -export -in client.pem -inkey client.key -out client.p12 "
                     "-passout pass:changeit\njava -Djavax.net.ssl.keyStore=client.p12 "
                     "-Djavax.net.ssl.keyStorePassword=changeit "
                     "-Djavax.net.ssl.keyStoreType=PKCS12 -jar app.jar", applies_to="java"),
        # https://nodejs.org/api/tls.html#tlscreatesecurecontextoptions (key, cert)
        FixStep(text="Node.js:", code="tls.connect({ host, port, key: fs.readFileSync('client.key'), "
                "cert: fs.readFileSync('client.pem') })", applies_to="node"),
        # https://pkg.go.dev/crypto/tls#LoadX509KeyPair, Config.Certificates
        FixStep(text="Go:", code="cert, err := tls.LoadX509KeyPair(\"client.pem\", \"client.key\")\n"
                "cfg := &tls.Config{Certificates: []tls.Certificate{cert}}", applies_to="go"),
        # https://learn.microsoft.com/dotnet/api/system.security.cryptography.x509certificates.x509certificate2.createfrompemfile
        FixStep(text=".NET:", code="handler.SslOptions.ClientCertificates = new X509CertificateCollection {\n"
                "    X509Certificate2.CreateFromPemFile(\"client.pem\", \"client.key\") };",
                applies_to="dotnet"),
        FixStep(text="Windows (Edge, Chrome, .NET): import the certificate and key as PKCS#12 "
                     "into the user's store:", applies_to="windows",
                code="certutil -user -importPFX client.p12"),
        FixStep(text="macOS / iOS: open client.p12 to add it to the keychain (iOS: as a profile).",
                applies_to="macos"),
        FixStep(text="Firefox: Settings > Privacy & Security > Certificates > View Certificates > "
                     "Your Certificates > Import client.p12.", applies_to="firefox"),
        FixStep(text="Android: Settings > Security > Encryption & credentials > Install a "
                     "certificate > VPN & app user certificate (client.p12).", applies_to="android"),
    )
    return for_client(steps, client, missing="{title}: install a client certificate issued by "
                      "one of the accepted CAs where it reads them (its vendor's tool or firmware).")


def send_sni(name: str, port: int, address: str, client: ClientProfile | None) -> tuple[FixStep, ...]:
    """How each kind of client sends the server's name (SNI) while reaching a given address."""
    if not _HOST_NAME.fullmatch(name):  # a name from the server's certificate: untrusted
        name = "SITE-NAME"
    resolve = shlex.quote(f"{name}:{port}:{address}")
    steps = (
        FixStep(text="Connect by the site's host name so the client sends SNI; to pin the "
                     "address, keep the name and give the address separately "
                     "(curl --resolve takes NAME:PORT:ADDRESS).",
                code=f"curl --resolve {resolve} {shlex.quote(f'https://{name}:{port}/')}",
                applies_to="curl"),
        FixStep(text="Python ssl: pass the name as server_hostname (requests sends the URL's host).",
                code=f"ctx.wrap_socket(sock, server_hostname={name!r})", applies_to="python"),
        FixStep(text="openssl s_client:", applies_to="openssl",
                code=f"openssl s_client -connect {shlex.quote(addresses.host_port(address, port))} "
                     f"-servername {shlex.quote(name)}"),
        # JSSE: SNI is sent for host names (not IP literals) unless jsse.enableSNIExtension=false;
        # SSLParameters.setServerNames(List.of(new SNIHostName(name))) sets it explicitly.
        FixStep(text="Java: connect by host name (Java 7+ sends SNI then, unless "
                     "-Djsse.enableSNIExtension=false is set); Java 6 never sends SNI: upgrade.",
                code=f"params.setServerNames(List.of(new SNIHostName(\"{name}\")));",
                applies_to="java"),
        FixStep(text="Node.js:", code=f"tls.connect({{ host: '{address}', port: {port}, "
                f"servername: '{name}' }})", applies_to="node"),  # tls.connect servername
        FixStep(text="Go:", code=f"&tls.Config{{ServerName: \"{name}\"}}", applies_to="go"),
    )
    return for_client(steps, client, missing="{title} sends SNI whenever it connects by name: "
                      f"open https://{name}:{port}/ (the name, not the address); a client too "
                      "old to send SNI must be updated.")


def _colons(hex_digest: str | None) -> str:
    h = (hex_digest or "").upper()
    return ":".join(h[i:i + 2] for i in range(0, len(h), 2))
