"""Regenerate the upstream error-string tables of ``tlsdoctor explain``.

Reads each project's own source (fetched mirrors under /work/.mirror, excerpts read through
the search index, or the source a Debian package ships; see scripts/harvest/common.py) and
writes src/tlsdoctor/ingest/patterns/upstream/<source>.json: every entry with its upstream
identifier, the exact text, and the repository, path and commit it was read from. The cause
of each entry is tlsdoctor's judgement, kept apart in patterns/judgement/<source>.py.

Run: python3 scripts/harvest_errors.py [SOURCE...]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from harvest import (
    clients21,
    databases,
    datastores,
    desktop16,
    devices,
    eap,
    embedded,
    embedded17,
    frameworks,
    frameworks2,
    frameworks3,
    ftp17,
    harvest24,
    harvest25,
    harvest26,
    harvest27,
    harvest28,
    javaks,
    libraries,
    monitoring17,
    mono17,
    networds18,
    postgres21,
    programs,
    remote17,
    servers,
    stacks,
    tools17,
    wild18,
    wrappers,
)
from harvest.common import Harvest

from tlsdoctor.ingest.patterns import harvested

OUT = Path(__file__).resolve().parents[1] / "src/tlsdoctor/ingest/patterns/upstream"

HARVESTERS: dict[str, Callable[[], Harvest]] = {
    "openssl": libraries.openssl, "boringssl": libraries.boringssl,
    "gnutls": libraries.gnutls, "nss": libraries.nss, "rustls": libraries.rustls,
    "go": libraries.golang, "curl": programs.curl, "wget": programs.wget,
    "python": programs.python, "node": programs.node, "java": programs.java,
    "dotnet": programs.dotnet, "apple": programs.apple, "chrome": programs.chrome,
    "firefox": programs.firefox, "nginx": servers.nginx, "apache": servers.apache,
    "haproxy": servers.haproxy, "postfix": servers.postfix, "dovecot": servers.dovecot,
    "exim": servers.exim, "mbedtls": embedded.mbedtls, "wolfssl": embedded.wolfssl,
    "erlang": embedded.erlang, "php": stacks.php, "android": stacks.android,
    "android_nsc": stacks.android_nsc,
    "ruby": stacks.ruby, "perl": stacks.perl, "dart": stacks.dart,
    "mysql": databases.mysql, "mariadb": databases.mariadb, "mongodb": datastores.mongodb,
    "redis": datastores.redis, "kafka": datastores.kafka, "clickhouse": datastores.clickhouse,
    "elasticsearch": datastores.elasticsearch,
    "openvpn": wrappers.openvpn, "stunnel": wrappers.stunnel, "msmtp": wrappers.msmtp,
    "mutt": wrappers.mutt, "fetchmail": wrappers.fetchmail,
    "monitoring_plugins": wrappers.monitoring_plugins, "zabbix": wrappers.zabbix,
    "squid": wrappers.squid, "envoy": wrappers.envoy, "mosquitto": wrappers.mosquitto,
    "bearssl": devices.bearssl, "esp8266_arduino": devices.esp8266_arduino,
    "esp_idf": devices.esp_idf, "arduino_esp32": devices.arduino_esp32,
    "aws_iot": devices.aws_iot, "paho_c": devices.paho_c, "paho_java": devices.paho_java,
    "qt": frameworks.qt, "haskell_tls": frameworks.haskell_tls, "zig": frameworks.zig,
    "uclient": frameworks.uclient,
    "asio": frameworks2.asio, "galera": frameworks2.galera,
    "envoy_reply": frameworks2.envoy_reply,
    "luasec": frameworks2.luasec, "lua_nginx": frameworks2.lua_nginx,
    "nginx_pages": frameworks3.nginx_pages, "glib_tls": frameworks3.glib_tls,
    "libpurple": frameworks3.libpurple, "nim": frameworks3.nim,
    "certmagic": frameworks3.certmagic, "excerpts15": frameworks3.excerpts15,
    "netty": frameworks3.netty, "vertx": frameworks3.vertx, "pip": frameworks3.pip,
    "lftp": frameworks3.lftp, "irssi": frameworks3.irssi,
    "hostap": eap.hostap, "freeradius": eap.freeradius, "openssl_alerts": eap.openssl_alerts,
    "iwd": eap.iwd,
    "hexchat": desktop16.hexchat, "znc": desktop16.znc, "vlc": desktop16.vlc,
    "unbound": desktop16.unbound, "resolved": desktop16.resolved,
    "libsoup": desktop16.libsoup, "getdns": desktop16.getdns, "flatpak": desktop16.flatpak,
    "jellyfin": desktop16.jellyfin,
    "mono": mono17.mono, "unity": mono17.unity, "servarr": mono17.servarr,
    "java_keys": javaks.java_keys, "tomcat": javaks.tomcat, "jetty": javaks.jetty,
    "spring_boot": javaks.spring_boot, "es_ssl": javaks.es_ssl,
    "nrpe": monitoring17.nrpe, "icinga2": monitoring17.icinga2, "pbs": monitoring17.pbs,
    "nscp": monitoring17.nscp, "zabbix_agent2": monitoring17.zabbix_agent2,
    "pveproxy": monitoring17.pveproxy,
    "subversion": tools17.subversion, "serf": tools17.serf, "neon": tools17.neon,
    "mercurial": tools17.mercurial, "aria2": tools17.aria2, "socat": tools17.socat,
    "w3m": tools17.w3m,
    "vsftpd": ftp17.vsftpd, "proftpd": ftp17.proftpd, "pure_ftpd": ftp17.pure_ftpd,
    "filezilla": ftp17.filezilla, "filezilla_server": ftp17.filezilla_server,
    "winscp": ftp17.winscp, "lftp_ftps": ftp17.lftp_ftps,
    "openconnect": remote17.openconnect, "ocserv": remote17.ocserv,
    "freerdp": remote17.freerdp, "xrdp": remote17.xrdp, "strongswan": remote17.strongswan,
    "tigervnc": remote17.tigervnc, "libvnc": remote17.libvnc, "guacd": remote17.guacd,
    "s2n": embedded17.s2n, "aws_c_io": embedded17.aws_c_io, "lighttpd": embedded17.lighttpd,
    "botan": embedded17.botan, "hitch": embedded17.hitch,
    "libwebsockets": embedded17.libwebsockets, "civetweb": embedded17.civetweb,
    "mongoose": embedded17.mongoose, "aws_c_mqtt": embedded17.aws_c_mqtt,
    "lychee": wild18.lychee, "trojan": wild18.trojan,
    "winsock": networds18.winsock, "go_net": networds18.go_net, "apt": networds18.apt,
    "postgres": postgres21.postgres,
    "lynx": clients21.lynx, "undici": clients21.undici, "aiohttp": clients21.aiohttp,
    "schannel_events": harvest24.schannel_events, "qt_tls": harvest24.qt_tls,
    "ldap_tools": harvest24.ldap_tools, "outlook_mail": harvest24.outlook_mail,
    "firefox_addons": harvest24.firefox_addons,
    "librdkafka": harvest25.librdkafka, "busybox": harvest25.busybox,
    "sqlclient": harvest25.sqlclient, "mssql_jdbc": harvest25.mssql_jdbc,
    "rubygems": harvest25.rubygems, "ansible": harvest25.ansible,
    "asterisk": harvest25.asterisk, "apk": harvest25.apk, "composer": harvest25.composer,
    "grpc_core": harvest25.grpc_core,
    "swift_nio_ssl": harvest26.swift_nio_ssl, "ktor_tls": harvest26.ktor_tls,
    "syncthing": harvest26.syncthing, "rclone": harvest26.rclone, "restic": harvest26.restic,
    "telegraf": harvest26.telegraf, "vector": harvest26.vector, "tornado": harvest26.tornado,
    "containers_image": harvest26.containers_image,
    "tailscale_derp": harvest26.tailscale_derp,
    "prometheus_common": harvest26.prometheus_common, "traefik": harvest26.traefik,
    "moby": harvest26.moby,
    "go_mysql": harvest27.go_mysql, "lib_pq": harvest27.lib_pq, "pgx": harvest27.pgx,
    "npgsql": harvest27.npgsql, "mysqlconnector": harvest27.mysqlconnector,
    "mailkit": harvest27.mailkit, "phpmailer": harvest27.phpmailer,
    "angus_mail": harvest27.angus_mail, "conda": harvest27.conda,
    "client_go": harvest27.client_go, "helm": harvest27.helm, "grpc_go": harvest27.grpc_go,
    "grpc_java": harvest27.grpc_java, "azure_cli": harvest27.azure_cli,
    "gradle": harvest27.gradle, "botocore": harvest27.botocore,
    "otel_configtls": harvest27.otel_configtls, "autocert": harvest27.autocert,
    "kestrel": harvest27.kestrel, "pgjdbc": harvest27.pgjdbc,
    "connector_j": harvest27.connector_j, "mariadb_connector_j": harvest27.mariadb_connector_j,
    "sqlx": harvest27.sqlx, "tokio_postgres": harvest27.tokio_postgres,
    "libressl": harvest28.libressl, "libtls": harvest28.libtls, "aws_lc": harvest28.aws_lc,
    "rustls_webpki": harvest28.rustls_webpki,
    "rustls_platform_verifier": harvest28.rustls_platform_verifier,
    "httpx": harvest28.httpx, "pgbouncer": harvest28.pgbouncer,
    "nodemailer": harvest28.nodemailer, "fluent_bit": harvest28.fluent_bit,
    "python_asyncio": harvest28.python_asyncio, "go_new": harvest28.go_new,
    "uv": harvest28.uv, "neo4j_java": harvest28.neo4j_java,
    "elastic_transport": harvest28.elastic_transport, "mint": harvest28.mint,
    "python_ssl": harvest28.python_ssl, "java_httpclient": harvest28.java_httpclient,
    "libstrophe": harvest28.libstrophe,
}


def main(names: list[str]) -> None:
    unknown = [n for n in names if n not in HARVESTERS]
    if unknown:  # a usage error, not a traceback (also --help)
        sys.exit(f"usage: harvest_errors.py [SOURCE ...]; unknown: {' '.join(unknown)}\n"
                 f"sources: {' '.join(sorted(HARVESTERS))}")
    OUT.mkdir(parents=True, exist_ok=True)
    for name in names or list(HARVESTERS):
        data = HARVESTERS[name]().to_json()
        (OUT / f"{name}.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        print(f"{name}: {len(data['entries'])} entries")
    # Derived from all the tables together: which texts another source's text goes on after.
    keys = sorted(harvested.compute_continued())
    harvested.CONTINUED.write_text(json.dumps({"keys": keys}, indent=1) + "\n")
    print(f"continued.json: {len(keys)} keys")


if __name__ == "__main__":
    main(sys.argv[1:])
