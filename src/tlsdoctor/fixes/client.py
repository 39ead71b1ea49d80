"""Client-side steps: how each kind of client accepts a version, trusts a root, sends a
certificate. Settings from each runtime's documentation: curl(1) --tlsv1.x / --cacert /
--cert; Python ssl.TLSVersion, SSLContext.load_cert_chain; JDK jdk.tls.client.protocols,
keytool; Node tls.DEFAULT_MIN_VERSION, NODE_EXTRA_CA_CERTS; Go tls.Config.MinVersion;
.NET SslProtocols; OpenSSL config MinProtocol (SSL_CONF_cmd); Debian update-ca-certificates(8);
requests (REQUESTS_CA_BUNDLE)."""

from __future__ import annotations

import shlex

from ..finding import FixStep
from .names import file_stem

_NAMES = {0x0302: ("TLSv1.1", "1.1", "TLSv1.1", "VersionTLS11", "Tls11"),
          0x0301: ("TLSv1", "1.0", "TLSv1", "VersionTLS10", "Tls"),
          0x0300: ("SSLv3", "1.0", "TLSv1", "VersionTLS10", "Tls")}


def accept_version(version: int, url: str, title: str) -> tuple[FixStep, ...]:
    """How a client can accept an older version (a stopgap), or get a newer one."""
    if version >= 0x0303:
        return (FixStep(text=f"Upgrade {title} to a release that supports TLS 1.2/1.3."),)
    name, short, node, go, net = _NAMES.get(version, _NAMES[0x0301])
    return (
        FixStep(text="Stopgap only, until the server is fixed: allow the old version for this "
                     "one connection (OpenSSL needs security level 0 for TLS < 1.2).",
                code=f"curl --tlsv{short} --ciphers 'DEFAULT:@SECLEVEL=0' {shlex.quote(url)}",
                applies_to="curl"),
        FixStep(text="Python ssl / requests (a context for this connection only):",
                code="ctx = ssl.create_default_context()\n"
                     "ctx.minimum_version = ssl.TLSVersion.TLSv1\n"
                     "ctx.set_ciphers('DEFAULT:@SECLEVEL=0')", applies_to="python"),
        FixStep(text="Java: remove the version from jdk.tls.disabledAlgorithms in "
                     "$JAVA_HOME/conf/security/java.security, then:",
                code=f"-Djdk.tls.client.protocols={name}", applies_to="java"),
        FixStep(text="Node.js:", code=f"node --tls-min-v1.0 app.js   # or tls.DEFAULT_MIN_VERSION = '{node}'",
                applies_to="node"),
        FixStep(text="Go:", code=f"&tls.Config{{MinVersion: tls.{go}}}", applies_to="go"),
        FixStep(text=".NET:", code=f"handler.SslOptions.EnabledSslProtocols = SslProtocols.{net} | SslProtocols.Tls12",
                applies_to="dotnet"),
        FixStep(text="System-wide OpenSSL (affects every program; avoid): in /etc/ssl/openssl.cnf "
                     "[system_default_sect]",
                code=f"MinProtocol = {name}\nCipherString = DEFAULT@SECLEVEL=0", applies_to="openssl"),
    )


def accept_cipher(url: str) -> tuple[FixStep, ...]:
    return (FixStep(text="Client side, only as a stopgap: allow the server's suite; OpenSSL-based "
                         "clients take an OpenSSL cipher string.",
                    code=f"curl --ciphers 'DEFAULT:@SECLEVEL=0' {shlex.quote(url)}",
                    applies_to="curl"),)


def trust_root(root_label: str, root_pem: str | None, url: str, *,
               what: str = "root CA certificate", fingerprint: str | None = None,
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
    steps.extend([
        FixStep(text="System store (Debian/Ubuntu; most OpenSSL/GnuTLS clients):",
                code=f"sudo cp {f} /usr/local/share/ca-certificates/{f}\nsudo update-ca-certificates",
                applies_to="system"),
        FixStep(text="Python requests / pip:", code=f"export REQUESTS_CA_BUNDLE=$PWD/{f}",
                applies_to="python"),
        FixStep(text="curl:", code=f"curl --cacert {f} {shlex.quote(url)}", applies_to="curl"),
        FixStep(text="Java (JDK cacerts; default password 'changeit'):",
                code=f"keytool -importcert -cacerts -alias {stem} -file {f}",
                applies_to="java"),
        FixStep(text="Node.js:", code=f"export NODE_EXTRA_CA_CERTS=$PWD/{f}", applies_to="node"),
    ])
    return tuple(steps)


def send_certificate(url: str) -> tuple[FixStep, ...]:
    return (FixStep(text="Give the client a certificate issued by one of the accepted CAs.",
                    code=f"curl --cert client.pem --key client.key {shlex.quote(url)}",
                    applies_to="curl"),
            FixStep(text="Python requests: pass cert=(cert_file, key_file).",
                    code="requests.get(url, cert=('client.pem', 'client.key'))",
                    applies_to="python"),
            FixStep(text="openssl s_client: -cert client.pem -key client.key",
                    applies_to="openssl"))


def _colons(hex_digest: str | None) -> str:
    h = (hex_digest or "").upper()
    return ":".join(h[i:i + 2] for i in range(0, len(h), 2))
