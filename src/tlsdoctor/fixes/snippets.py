"""Config lines per server software and settings per client, for the fixes we propose.

Server advice follows Mozilla's Server Side TLS guidelines 6.0, "intermediate"
(https://wiki.mozilla.org/Security/Server_Side_TLS, version 6.0): TLS 1.2 and 1.3,
ECDHE with AEAD ciphers. Directive names are from each server's own documentation
(nginx ngx_http_ssl_module, Apache mod_ssl, HAProxy configuration manual, Caddy tls
directive, Postfix TLS_README, Tomcat SSLHostConfig, IIS/Schannel via PowerShell).
"""

from __future__ import annotations

from ..clients.profile import ClientProfile
from ..diagnosis.finding import FixStep

MOZILLA_INTERMEDIATE_CIPHERS = ("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305")
SERVERS = ("nginx", "apache", "haproxy", "caddy", "postfix", "dovecot", "tomcat", "iis", "lighttpd")

_PROTOCOLS = {
    "nginx": "ssl_protocols TLSv1.2 TLSv1.3;",
    "apache": "SSLProtocol -all +TLSv1.2 +TLSv1.3",
    "haproxy": "global\n    ssl-default-bind-options ssl-min-ver TLSv1.2 no-tls-tickets",
    "caddy": "tls {\n    protocols tls1.2 tls1.3\n}",
    "postfix": "smtpd_tls_protocols = >=TLSv1.2\nsmtpd_tls_mandatory_protocols = >=TLSv1.2",
    "dovecot": "ssl_min_protocol = TLSv1.2",
    "tomcat": '<SSLHostConfig protocols="TLSv1.2+TLSv1.3">',
    "lighttpd": 'ssl.openssl.ssl-conf-cmd = ("MinProtocol" => "TLSv1.2")',
    "iis": "# Disable TLS 1.0/1.1 in Schannel (reboot required)\n"
           "foreach ($v in 'TLS 1.0','TLS 1.1') {\n"
           "  New-Item \"HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\$v\\Server\" -Force |\n"
           "    New-ItemProperty -Name Enabled -Value 0 -PropertyType DWord -Force }",
}
_CIPHERS = {
    "nginx": f"ssl_ciphers {MOZILLA_INTERMEDIATE_CIPHERS};\nssl_prefer_server_ciphers off;",
    "apache": f"SSLCipherSuite {MOZILLA_INTERMEDIATE_CIPHERS}\nSSLHonorCipherOrder off",
    "haproxy": f"global\n    ssl-default-bind-ciphers {MOZILLA_INTERMEDIATE_CIPHERS}",
    "caddy": "# Caddy's defaults already follow this; remove any custom 'ciphers' line in the tls block",
    "postfix": f"smtpd_tls_mandatory_ciphers = high\ntls_high_cipherlist = {MOZILLA_INTERMEDIATE_CIPHERS}",
    "dovecot": f"ssl_cipher_list = {MOZILLA_INTERMEDIATE_CIPHERS}",
    "tomcat": f'<SSLHostConfig ciphers="{MOZILLA_INTERMEDIATE_CIPHERS}">',
    "lighttpd": f'ssl.openssl.ssl-conf-cmd = ("CipherString" => "{MOZILLA_INTERMEDIATE_CIPHERS}")',
    "iis": "# Set the TLS cipher suite order (Group Policy: SSL Cipher Suite Order) to ECDHE + AES-GCM only\n"
           "Get-TlsCipherSuite | Where-Object Name -notmatch 'ECDHE.*GCM' | ForEach-Object { Disable-TlsCipherSuite -Name $_.Name }",
}
_DH = {
    "nginx": "# generate once: openssl dhparam -out /etc/nginx/dhparam.pem 2048\nssl_dhparam /etc/nginx/dhparam.pem;",
    # mod_ssl uses the first DH PARAMETERS block of the certificate file (appending a new
    # group after an old one changes nothing); without one, 2.4.8+ sizes DH to the key.
    "apache": "# remove the old DH group from the certificate file, then add a 2048-bit one:\n"
              "sed -i '/BEGIN DH PARAMETERS/,/END DH PARAMETERS/d' /path/to/cert.pem\n"
              "openssl dhparam 2048 >> /path/to/cert.pem",
    # HAProxy prefers a DH block in the crt file to tune.ssl.default-dh-param; on OpenSSL 3
    # it refuses a 1024-bit one ("unable to load the DH parameter"), leaving no DHE at all.
    "haproxy": "# remove the old DH group from the certificate (crt) file:\n"
               "sed -i '/BEGIN DH PARAMETERS/,/END DH PARAMETERS/d' /etc/haproxy/site.pem\n"
               "global\n    tune.ssl.default-dh-param 2048",
    "postfix": "smtpd_tls_dh1024_param_file = ${config_directory}/dh2048.pem",
    "dovecot": "ssl_dh = </etc/dovecot/dh.pem   # openssl dhparam 2048 > /etc/dovecot/dh.pem",
}


def _per_server(table: dict[str, str], software: str | None, text: str) -> tuple[FixStep, ...]:
    names = [software] if software in table else list(table)[:3] if software is None else []
    steps = [FixStep(text=f"{text} ({name}):", code=table[name], applies_to=name)
             for name in names if name]
    if not steps:
        steps = [FixStep(text=f"{text} (Mozilla Server Side TLS 6.0, intermediate).")]
    return tuple(steps)


def server_protocols_fix(software: str | None = None) -> tuple[FixStep, ...]:
    return _per_server(_PROTOCOLS, software, "Accept TLS 1.2 and 1.3 only")


def server_ciphers_fix(software: str | None = None) -> tuple[FixStep, ...]:
    return _per_server(_CIPHERS, software, "Use Mozilla's intermediate cipher list")


def server_dh_fix(software: str | None = None) -> tuple[FixStep, ...]:
    steps = _per_server(_DH, software, "Use a DH group of at least 2048 bits")
    return (*steps, FixStep(text="Or drop DHE suites and keep ECDHE only (Mozilla intermediate)."))


def client_version_fix(client: ClientProfile, version: int) -> tuple[FixStep, ...]:
    """How a client can accept an older version (a stopgap), or get a newer one.

    Settings from each runtime's documentation: curl --tlsv1.x; Python ssl.TLSVersion;
    JDK jdk.tls.client.protocols; Node tls.DEFAULT_MIN_VERSION / --tls-min-v1.0; Go
    tls.Config.MinVersion; .NET SslProtocols; OpenSSL config MinProtocol (SSL_CONF_cmd).
    """
    if version >= 0x0303:
        return (FixStep(text=f"Upgrade {client.title} to a release that supports TLS 1.2/1.3."),)
    name = {0x0302: "TLSv1.1", 0x0301: "TLSv1", 0x0300: "SSLv3"}.get(version, "TLSv1")
    short = {0x0302: "1.1", 0x0300: "1.0"}.get(version, "1.0")
    node = {0x0302: "TLSv1.1"}.get(version, "TLSv1")
    go = {0x0302: "VersionTLS11"}.get(version, "VersionTLS10")
    net = {0x0302: "Tls11"}.get(version, "Tls")
    return (
        FixStep(text="Stopgap only, until the server is fixed: allow the old version for this "
                     "one connection (OpenSSL needs security level 0 for TLS < 1.2).",
                code=f"curl --tlsv{short} --ciphers 'DEFAULT:@SECLEVEL=0' https://HOST/",
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


def client_cipher_fix(client: ClientProfile, suite: int | None) -> tuple[FixStep, ...]:
    return (FixStep(text="Client side, only as a stopgap: allow the server's suite; OpenSSL-based "
                         "clients take an OpenSSL cipher string.",
                    code="curl --ciphers 'DEFAULT:@SECLEVEL=0' https://HOST/", applies_to="curl"),)
