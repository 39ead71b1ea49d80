"""Programs whose trust is their own setting, not the system's CA store.

Most clients verify a server against the system's store, so a chain-trust failure they
print is read by its context (trust_context.py): a re-signing proxy, this client's store, a
private CA. Some programs never read the system's store, or stop reading it once their own
option is set: nginx's ``proxy_ssl_verify`` and njs's ``ngx.fetch`` trust only the file their
directive names, Postfix's SMTP client only ``smtp_tls_CAfile``/``CApath``, fetchmail's
``sslcertfile``/``sslcertpath`` replace the system's CAs, old WeeChat read one compiled-in
file path, ClickHouse's statically linked TLS library looks for its own default file. When
such a program prints "unable to get local issuer certificate" (or any issuer-not-trusted
wording), its own trust setting is the first thing to check, whatever the host: a public
server fails in exactly the same words when the setting is empty or points at the wrong
file. The table says, per program, the words only it prints, the setting, and where in its
source that comes from. This module reads words; the rules judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["PROGRAMS", "OwnTrust", "by_name", "program_of"]


@dataclass(frozen=True, slots=True, kw_only=True)
class OwnTrust:
    """One program whose verification trusts only what its own setting names."""

    name: str  # an identifier: letters, digits, '-' (it becomes part of a pattern id)
    title: str  # the program as people name it
    printed: str  # regex: words only this program prints around a verification failure
    default: str  # what it trusts when the setting is left alone
    setting: str  # where its trust is set, as a config line or option
    source: str  # upstream path + commit (or doc URL) the facts come from


PROGRAMS: tuple[OwnTrust, ...] = (
    OwnTrust(
        name="njs", title="nginx njs (ngx.fetch)",
        # 0.7.x "js http fetch SSL certificate verify error", 0.8.x "js fetch SSL
        # certificate verify error", current "js http SSL certificate verify error"; the
        # log action "while SSL handshaking to fetch target" / "to http target".
        printed=r"\bjs (?:http )?(?:fetch )?SSL certificate verify error\b|"
                r"\bSSL handshaking to (?:fetch|http) target\b",
        default="nothing: ngx.fetch verifies against js_fetch_trusted_certificate only "
                "(not nginx's ssl_trusted_certificate, not the system's store)",
        setting="js_fetch_trusted_certificate /etc/ssl/certs/ca-certificates.crt;",
        source="nginx/njs nginx/ngx_js.c ngx_js_set_ssl @ 3e02ae0fae03 (only "
               "js_fetch_trusted_certificate is loaded); messages nginx/ngx_js_fetch.c @ "
               "0.7.0 (376b540b9692), 0.8.2 (2d52669773ec), nginx/ngx_js_http.c @ 3e02ae0fae03"),
    OwnTrust(
        name="nginx-upstream", title="nginx (proxy_ssl_verify)",
        printed=r"\bupstream SSL certificate verify error\b|\bSSL handshaking to upstream\b",
        default="only the file proxy_ssl_trusted_certificate names (nginx never loads the "
                "system's store; proxy_ssl_verify refuses to start without the file)",
        setting="proxy_ssl_trusted_certificate /etc/ssl/certs/ca-certificates.crt;  "
                "# grpc_ssl_/uwsgi_ssl_trusted_certificate in those modules",
        source="nginx/nginx src/http/ngx_http_upstream.c, src/stream/ngx_stream_proxy_module.c "
               "(\"upstream SSL certificate verify error\"), "
               "src/http/modules/ngx_http_proxy_module.c (\"no "
               "proxy_ssl_trusted_certificate for proxy_ssl_verify\") @ 3f6f7824d4e2; no "
               "SSL_CTX_set_default_verify_paths anywhere in src/"),
    OwnTrust(
        name="fetchmail", title="fetchmail",
        printed=r"\bfetchmail\b[^\n]{0,80}\b(?:Server certificate verification error|"
                r"Broken certification chain|Missing trust anchor)|"
                r"\bsee the documentation of --sslcertpath and --sslcertfile\b",
        default="the system's store only when neither sslcertfile nor sslcertpath is set: "
                "either one replaces it (unless FETCHMAIL_INCLUDE_DEFAULT_X509_CA_CERTS is set)",
        setting="sslcertfile /etc/ssl/certs/ca-certificates.crt   # or remove sslcertfile/"
                "sslcertpath, or export FETCHMAIL_INCLUDE_DEFAULT_X509_CA_CERTS=1",
        source="Distrotech/fetchmail socket.c SSLOpen @ 81c323991459 (6.3.26; the same "
               "logic and words in Debian 12's 6.4.37)"),
    OwnTrust(
        name="weechat", title="WeeChat",
        # irc-server.c's own sentences around gnutls_certificate_verify_peers2's status
        printed=r"\bgnutls: peer's certificate (?:is NOT trusted|issuer is unknown)\b",
        default="WeeChat <= 3.1: one file, weechat.network.gnutls_ca_file, defaulting to a "
                "path fixed at build time (/etc/ssl/certs/ca-certificates.crt); 3.2+: the "
                "system's store (gnutls_ca_system) plus gnutls_ca_user",
        setting="/set weechat.network.gnutls_ca_file \"/etc/ssl/certs/ca-certificates.crt\"  "
                "# WeeChat >= 3.2: weechat.network.gnutls_ca_system on, gnutls_ca_user",
        source="weechat/weechat src/core/wee-config.c, CMakeLists.txt (CA_FILE) @ v1.9 "
               "(3b6c6f27c57d); gnutls_ca_system/gnutls_ca_user since v3.2; "
               "src/plugins/irc/irc-server.c @ fb69b4affb18"),
    OwnTrust(
        name="clickhouse", title="ClickHouse",
        printed=r"\bDB::(?:Net)?Exception\b[^\n]{0,200}\bSSL Exception\b",
        default="Poco's loadDefaultCAFile: the default file of ClickHouse's own statically "
                "linked TLS library (/etc/ssl/cert.pem, or SSL_CERT_FILE/SSL_CERT_DIR), not "
                "necessarily where this distribution keeps its bundle",
        setting="<openSSL><client><caConfig>/etc/ssl/certs/ca-certificates.crt</caConfig>"
                "</client></openSSL>",
        source="https://github.com/ClickHouse/clickhouse-docs/blob/main/knowledgebase/"
               "certificate_verify_failed_error.md (2023-05-02); ClickHouse server settings "
               "openSSL (loadDefaultCAFile, caConfig)"),
    OwnTrust(
        name="postfix-smtp", title="Postfix's SMTP client",
        # smtp (not smtpd: there the peer is a client and its certificate is in question)
        printed=r"\bpostfix(?:/[\w-]{1,30})?/smtp(?:\[\d{1,10}\])?: [^\n]{0,80}"
                r"\b(?:certificate verification failed|Server certificate not (?:verified|"
                r"trusted)|Untrusted TLS connection)",
        default="only smtp_tls_CAfile / smtp_tls_CApath: tls_append_default_CA is \"no\" "
                "since Postfix 2.8, so the system's store is not read",
        setting="smtp_tls_CAfile = /etc/ssl/certs/ca-certificates.crt",
        source="vdukhovni/postfix postfix/src/tls/tls_certkey.c (set_default_verify_paths "
               "only with tls_append_default_CA), src/global/mail_params.h "
               "(DEF_TLS_APPEND_DEF_CA 0), src/tls/tls_verify.c @ 17830e5c13c1"),
    # Round 15: TLS libraries that ship no CA store at all. What they verify against is the
    # file or buffer the application built on them loads, so an untrusted chain in their
    # words is first that application's CA setting (dev: 3 of 3 such threads, each against a
    # public or named host: libgit2 in Julia, ESP-IDF's OTA, OpenWrt's uclient-fetch).
    OwnTrust(
        name="mbedtls", title="Mbed TLS (libgit2, ESP-IDF, PlatformIO and others built on it)",
        # x509_crt.c's verify-info string and flag as the application prints them, and the
        # handshake's verify-failed code as ESP-IDF prints it (-0x2700). Not curl over Mbed
        # TLS: its words differ ("Cert verify failed: BADCERT_NOT_TRUSTED") and it reads
        # curl's CA bundle like curl over OpenSSL.
        printed=r"(?<!CRL is )\bnot correctly signed by the trusted CA\b|"
                r"\bMBEDTLS_X509_BADCERT_NOT_TRUSTED\b|\bmbedtls_ssl_handshake returned -0x2700\b",
        default="nothing: Mbed TLS has no CA store; it trusts only the chain the application "
                "passes to mbedtls_ssl_conf_ca_chain (libgit2: the file or directory it was "
                "built or told to use; ESP-IDF: the buffer or certificate bundle the firmware "
                "attaches)",
        setting="mbedtls_x509_crt_parse_file(&cacert, \"/etc/ssl/certs/ca-certificates.crt\"); "
                "mbedtls_ssl_conf_ca_chain(&conf, &cacert, NULL);  # libgit2: git_libgit2_opts("
                "GIT_OPT_SET_SSL_CERT_LOCATIONS, file, dir); Julia: JULIA_SSL_CA_ROOTS_PATH; "
                "ESP-IDF: esp_tls_cfg_t.cacert_buf or crt_bundle_attach = esp_crt_bundle_attach",
        source="Mbed-TLS/mbedtls include/mbedtls/ssl.h (mbedtls_ssl_conf_ca_chain), "
               "library/x509_crt.c (verify info) @ v2.28.10 (2fc8413bfcb5) and v3.6.6 "
               "(0bebf8b8c7f0); libgit2 src/libgit2/streams/mbedtls.c; ESP-IDF esp-tls"),
    OwnTrust(
        name="uclient-fetch", title="OpenWrt uclient-fetch (ustream-ssl)",
        printed=r"\bConnection error: Invalid SSL certificate\b",
        default="the *.crt files under /etc/ssl/certs (present only with the ca-bundle or "
                "ca-certificates package) or the file --ca-certificate names",
        setting="opkg install ca-bundle   # or uclient-fetch --ca-certificate=<a bundle "
                "holding the server's root>",
        source="openwrt/uclient uclient-fetch.c (init_ca_cert, UCLIENT_ERROR_SSL_INVALID_CERT) "
               "@ 7a0aa2e4afb4"),
    # Round 17: Mono (Sonarr, Radarr, Jackett, Duplicati... on Linux and macOS) verifies
    # against its own store, never the system's bundle: an empty or stale Mono store fails
    # every public server in the same words (a real Mono 6.8 on loopback, round 17's test).
    OwnTrust(
        name="mono", title="Mono",
        printed=r"\bMono\.(?:Btls\.MonoBtlsException|Security\.Protocol\.Tls\.TlsException)\b|"
                r"\bWebException: Error: TrustFailure \(|"
                r"\bInvalid certificate received from server\. Error code: 0x",
        default="only its own store (Trust under ~/.config/.mono/new-certs for the user, "
                "/usr/share/.mono/new-certs for the machine), filled by cert-sync from a PEM "
                "bundle (Debian/Ubuntu: the ca-certificates-mono package runs it), not the "
                "system's CA bundle",
        setting="sudo apt-get install ca-certificates-mono   # Debian/Ubuntu: keeps Mono's "
                "store in sync\nsudo cert-sync /etc/ssl/certs/ca-certificates.crt   # Red Hat: "
                "/etc/pki/tls/certs/ca-bundle.crt\ncert-sync --user "
                "/etc/ssl/certs/ca-certificates.crt   # only the account the program runs as\n"
                "cert-sync --user /path/to/private-ca.pem   # a private CA, for that account",
        source="mono/mono mcs/tools/security/cert-sync.cs @ 006e7815abde (imports a PEM bundle "
               "into Mono's store); mcs/class/System/Mono.Btls/MonoBtlsX509StoreManager.cs @ "
               "217feb9b1e97 (btls reads X509StoreManager.NewCurrentUserPath / "
               "NewLocalMachinePath); paths as Debian 12's mono-runtime 6.8 lays them out"),
)

_COMPILED = tuple((p, re.compile(p.printed, re.IGNORECASE)) for p in PROGRAMS)


def program_of(text: str) -> OwnTrust | None:
    """The table's program that printed ``text``, None when the words are no one's here."""
    for program, rx in _COMPILED:
        if rx.search(text):
            return program
    return None


def by_name(name: str) -> OwnTrust | None:
    """The row called ``name``."""
    return next((p for p in PROGRAMS if p.name == name), None)
