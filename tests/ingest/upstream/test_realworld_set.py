"""The real-world set (heldout/cases.json, dev split): each posted error output must keep
giving the cause its thread established, and text that names no cause stays unrecognised
or without findings. A rolling holdout is not asserted case by case: it is only scored in
aggregate (scripts/eval_heldout.py --split <holdout>), so nothing is tuned to it, until a
later round folds it into dev. Round 5 folded `holdout4` in and collected no new one (the
search corpora returned only threads already in the set); round 7 collected `holdout5`, and
round 8 folded it in (22/41 at fold time) without collecting a new one; round 9 collected
`holdout6` (29 threads over 21 stacks), scored once and only in aggregate; round 10 collected
`holdout7` (30 threads over 28 stacks), likewise scored once and only in aggregate, and folded
`holdout6` in (18/29 at fold time); round 11 collected `holdout8` (32 threads over 27 stacks),
likewise only scored in aggregate, and folded `holdout7` in (24/30 at fold time); round 12
collected `holdout9` (40 threads over 38 stacks), likewise only scored in aggregate, and a second
holdout, `holdout10` (40 threads over 35 stacks), scored once by the lead at the end of round 12.
Round 13 folded holdout8 (21/32 at fold time), holdout9 (27/40) and holdout10 (24/40) into dev,
and collected `holdout11` (42 threads over 42 programs/stacks the set had little or none of: Zig,
Qt, Lua, Julia, Haskell, R, Swift, etcd, Consul, Linkerd, Asterisk, Galera and the like), only
scored, once, in aggregate, at the end of round 13. Round 14 collected `holdout12` (46 threads over
44 programs/stacks the set had little or none of: Akka HTTP, Clojure, Nim, Haskell's stack,
Boost.Asio, Unity, dnf, opam, mbsync, msmtp, Pidgin, frp, baresip, Tasmota and the like), only
scored, once, in aggregate, at the end of round 14 (24/46; 22/46 on the round's starting code),
then folded into dev. Round 15 collected `holdout13` (46 threads over 46 programs the set had
none of: HexChat, irssi, OfflineIMAP, poetry, PlatformIO, skopeo, ODBC Driver 18, Zigbee2MQTT,
Sonarr, Telegraf, Synapse, OCaml TLS, Dart, QuickFIX/n and the like), scored it in aggregate on
the round's starting code (29/46) and once at its end (30/46), then folded it into dev.
Round 16 collected `holdout14` (46 threads over 45 programs the set had none of: Prosody,
ZNC, VLC, systemd-resolved, wpa_supplicant, Thunderbird, Emby, Element, restic, Homebrew,
pnpm, Playwright, mORMot on WinHTTP and the like), scored it in aggregate on the round's
starting code (27/46) and once at its end (28/46), then folded it into dev. Round 17 collected
`holdout15` (42 threads over 42 programs not in the set, found with generic error-word queries
rather than a list of programs: proxies, Go and Node tools, Java clients, Android apps, mail
servers, Delphi, SerenityOS and the like), scored it in aggregate on the round's starting code
(23/42) and once at its end (24/42), then folded it into dev. Round 18 collected `holdout16` (41
threads over 41 programs not in the set, again with generic error-word queries: Go services,
Python tools, a KMIP server, Wazuh, mod_nss, Xamarin, a JDBC client, the Arduino IDE, Android
apps, Raku, Moddable's XS, hostapd and the like), scored it in aggregate on the round's starting
code (24/41) and once at its end (24/41), then folded it into dev. Round 19 collected `holdout17`
(45 threads over 44 programs not in the set, with generic error-word queries in eight languages:
printers and scanners, backup tools, LDAP clients, .NET SDKs, Android and iOS apps, Elixir, Perl
and Go libraries, game launchers and the like), scored it in aggregate on the round's starting
code (27/45) and once at its end (26/45), then folded it into dev. Round 20 collected `holdout18`
(41 threads over 40 programs not in the set, blind, with generic error-word queries in twelve
languages: Go services, Python tools, JVM crawlers and SDKs, PowerShell and .NET tools, Android
apps, intercepting proxies, proftpd, EMQX, NSD, SWI-Prolog and the like), scored it in
aggregate on the round's starting code (21/41) and before the fold (21/41), then folded it into
dev. Round 21 collected `holdout19` (42 threads over 39 programs, blind, with rarer generic error
words: Go and Python tools, Ruby and PHP clients, Node and Rust development servers, old Android
apps, appliances and servers that printed their own failure, embedded clients, browsers and
CLIs), scored it in aggregate on the round's starting code (27/42), then folded it into dev at
once so the round could fix its classes; the round's other explain work was scored on it before
it was merged. Round 21 then collected a second, `holdout20` (41 threads over 38 programs, blind,
a third of them from Q&A pages and blogs), scored it once on the round's final code (26/41, the
same on its starting code) and folded it into dev. Round 22 collected `holdout21` first (42
threads over 42 programs, blind, in 14 query languages), scored it once in aggregate on the
round's starting code (31/42) and folded it into dev at once for the round's class work; then
a second, `holdout22` (40 threads over 39 programs, blind, 15 query languages), collected
while the round worked and scored once on its final code (23/40, the same on its starting
code) before it was folded. Round 23 collected `holdout23` first (40 threads over 40 programs,
blind, 14 from Q&A pages and blogs, 14 query languages), scored it once in aggregate on the
round's starting code (26/40) and folded it into dev at once for the round's class work, less
three threads whose bare one-line texts other threads had already posted (37 kept, 23 right).
Round 23's second, `holdout24` (37 threads over 37 programs, blind, 16 from pages, 16 query
languages, no text already in the set), collected while the round worked, scored once on the
round's code after its explain work (18/37, the same on its starting code) before it was folded.
Round 24 collected `holdout25` first (24 threads over 24 programs, blind, 8 from pages, 11
query languages), scored it once in aggregate on the round's starting code (12/24) and folded
it into dev at once for the round's class work. Its second, `holdout26` (40 threads over 40
programs, blind, 14 from pages, 8 thread languages), collected while the round worked, was
scored once on the round's code after its explain work (21/40, the same on its starting code)
before it was folded. Its third, `holdout27` (40 threads over 40 programs, blind, 15 from
pages, 6 thread languages), collected while the round worked, was scored once on the round's
code after holdout26's classes (25/40, the same on its starting code) before it was folded.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tlsdoctor.api import explain

CASES = json.loads((Path(__file__).parent / "heldout/cases.json").read_text())["cases"]
DEV = [c for c in CASES if c["split"] == "dev"]
# The dev score reached (right top-1 cause); the set may only get better. Round 22: 902 with
# the classes work, 901 once the base rates' support was chosen by the time split (learn22:
# two self-signed Home Assistant threads lose a class that lost later threads; git-gnutls's
# private CA thread gains). 924 once holdout22 was folded in (23 of its 40 right); 925 with
# Zabbix's connection-type refusal read (proxy.c's words, round 22). 948 once holdout23 was
# folded in (23 of its 37 right); 951 with round 23's classes (GnuTLS priority-string
# refusals, Node's getaddrinfo error without the name, Tailscale's own warnings, WINDEV's
# error 100138). 970 once holdout24 was folded in (18 of its 37 right); 972 with its classes
# (curl Schannel's wrong principal is the name check, mod_ssl's purpose reason); 974 with Go
# naming a front end's default certificate for a host name it sent as SNI. 986 once holdout25 was
# folded in (12 of its 24 right); 988 with its classes (BoringSSL's KEY_USAGE_BIT_INCORRECT is
# the certificate's purpose, Qt's OpenSSL symbol warnings the client's own library). Round 24's
# in-text classes: +6 (nassl is a client: sslyze's received certificate alert; geteduroam's
# check before its delta; JSSE's refused SSLv2-format hello; s_client's verified chain
# dating a refusal after the server's certificates; libacvp's libcurl refusing TLS 1.2;
# mbedTLS's certificate bundle without the root). 1015 once holdout26 was folded in (21 of
# its 40 right); 1019 with its classes (Go's certificate named only by private addresses
# for a public name is a box on the path; dnscrypt-proxy's missing pinned hash; Exim's
# ClientHello bytes before the greeting; LibTLS's chain out of order); 1020 with s_client's
# one-element chain under a public CA's intermediate. 1045 once holdout27 was folded in (25 of
# its 40 right); 1047 with its classes (vpxd's expiry warning for a TRUSTED_ROOTS CA;
# Chromium's validity-too-long is a self-made certificate where every store root is known);
# 1048 with a hashed directory's missing <hash>.0 (the CA the chain needs is not in the store);
# 1049 with Citrix Receiver's SSL Error 61 (CTX101990: the client lacks the gateway's CA);
# 1050 with a capitalised "Connecting to h:p" read for the port (a plain MQTT port's close).
# Round 25's in-text classes: 1055 (Conversations' "Domain not verifiable" status; Connector/C's
# verification sentence cut after its head; JSSE's alert in an older record version than the
# hello; wget's read error on a body without a length; FileZilla's failed transfer after the
# server's close without a TLS shutdown); 1057 with Go's "expired or is not yet valid" without
# times for a big public host read as the printing clock first (ingest/clock.py).
# 1079 once holdout28 was folded in (22 of its 35 right); 1083 with its classes (a server's
# check naming a client certificate's revocation; a server that cannot set its DH
# parameters; Go's alerts before the "tls: " prefix; Firefox's expiry sentence alone);
# 1137 once holdout29 (29 of its 40 right) and holdout30 (25 of its 40) were folded in; 1149
# with their classes (holdout29: Lich's pinned-certificate dates, gnutls-cli's one-certificate
# list with an unknown issuer, Citrix's untrusted issuer, IBM MQ's CSQX642E, Microsoft proxies'
# 12204, GSKit's policy names, .NET's Portuguese trust failure; holdout30: .NET's NotTimeValid
# and packet-format rankings, webpki's CaUsedAsEndEntity, pjlib's verify strings, Stripe's TLS
# 1.0 refusal, JSSE's no negotiable suite and name chaining).
# 1173 once holdout31 was folded in (24 of its 40 right); 1178 with its classes (OPC UA's
# certificate status codes, JSSE's "null cert chain", libcurl's result 60 as a number, Home
# Assistant's translated documentation link not read as the server).
# 1198 once holdout32 was folded in (20 of its 40 right); 1204 with round 26's in-text classes
# (curl -v's dates against a printed date, Internet Explorer's TLS page, Windows' certificate
# dialog in Russian, CAdroid's host check, JSSE's PKIX words retyped, RetroShare's key check);
# 1215 with holdout32's classes (QZ Tray's expiry check beside a date error, Schannel's
# 0x80092012 read as interception first, librtmp's build without TLS, Greenbone's TLS findings,
# resolver failures in aiohttp, the alert inside hs-tls's "expecting server hello, got alert",
# curl's Schannel read ending in SEC_E_CONTEXT_EXPIRED, JSSE's SimpleValidator "Certificate
# chaining error").
# 1236 once holdout33 was folded in (21 of its 40 right); 1237 after harvest26's merge (the
# vocabulary rebuilt from its judgements reads Salesforce's "TLS 1.0 has been disabled" as the
# client's setting); 1243 with holdout33's classes (Erlang's invalid_key_usage as a ranking,
# vcpkg's curl exit codes, urlmon's HRESULTs, Postfix rejecting its own protocol list, IBM
# JSSE's "is not trusted", curl's Schannel SEC_E_DECRYPT_FAILURE as a ranking, MongoDB Atlas's
# alert internal_error for an address off its access list, DietPi's bug report date as the
# clock, ServiceNow MID Server's OCSP check, libcurl < 7.62's result 60 text covering date
# failures).
# 1282 once holdout34 and holdout35 were folded in (25 of holdout34's 40 and 14 of holdout35's
# 32 right; their 33 misses are known misses below); 1283 with their classes (a weak key or
# signature named beside an inspecting proxy's issuer name, OpenSSL's strict key-identifier
# checks and urllib3's ProxyError as rankings).
# 1335 once holdout36 and holdout37 were folded in (24 of holdout36's 40 and 28 of holdout37's
# 40 right; their 28 misses are known misses below); round 27's in-text classes (Go's IP-SAN
# sentence retyped, testssl.sh's and check_ssl_cert's resolver failures, OpenSSL's wrong
# signature type, GnuTLS's expired-chain sentence retyped, libmosquitto's TLS error on MQTT's
# plain port, and a text whose shared words no longer make it a server's log) add 7;
# holdout36's classes (the `openssl verify` command's line beside a server's log is not the
# server's check, OpenSSL's "certificate not trusted" / Qt's CertificateUntrusted as a
# ranking, pianobar's pin, mtg's and c2FmZQ/ech's resolver failures, native-tls's Secure
# Transport record overflow) add 5; holdout37's (Dovecot's and Exim's own set-up errors, a
# CDN's default certificate in wget's words, curl/GnuTLS's "Error in the certificate." read as
# the server's malformed certificate) add 4. 1401 once holdout38 and holdout39 were folded
# in (21 of holdout38's 41 and 28 of holdout39's 40 right; their 31 misses are known misses
# below) with Python's match_hostname ValueError read as the client's set-up. Round 28's
# in-text classes (Go's IP-SAN sentence without its address, OpenJDK's algorithm-constraints
# sentence, Chrome's weak-DH page, curl's CURLE_SSL_CACERT_BADFILE text, hyper-rustls' empty
# native store, curl's "Unsupported SSL protocol version"; patterns/words28.py) and a
# scanner's SWEET32 finding (ingest/cause_names.py) add 7: 1408. 1447 once holdout40 and
# holdout41 were folded in and the base rates relearned (20 of holdout40's 40 and 22 of
# holdout41's 26 right; their 24 misses are known misses below). 1454 with their classes
# (wget/GnuTLS's path expiry without its own leaf check, Turbo's host-name check, go-vhost's
# empty SNI name, MesaLink's received alerts, a check plugin's status line as a client,
# OTP's no_relevant_crls, a message after QDebug's escaped newline; patterns/words28_h40.py).
FLOOR = 1454
# Collections a collector reported over its no-cause-over-a-quarter rule, by how many threads.
OVER_QUARTER = {"holdout41": 1}


# Known misses, each with why the text alone cannot (yet) give the thread's cause.
KNOWN_MISSES = {
    # holdout34 (round 26)
    "python313-requests-fortinet-ad58186d": "Python 3.13's 'certificate verify failed: Missing "
        "Authority Key Identifier' (X509_STRICT's RFC 5280 profile check) ranks the "
        "certificate's extensions first (0.4, interception second); that a Fortinet proxy "
        "re-signed www.google.com with an AKID-less leaf is not in the text",
    "jellyfin-plugin-authelia-a186f6f2": ".NET's 'errors in the certificate chain: PartialChain' "
        "from Jellyfin ranks an incomplete chain first (0.55); Authelia's private/self-signed CA "
        "missing from the host store is not in the text",
    "nextcloud-desktop-macos-qt-3ebc5e2f": "the Nextcloud client's bare 'connection closed' for "
        "status.php is not recognised; the server's ECDHE/AES-GCM-only suites that the macOS "
        "Qt/OpenSSL build could not negotiate are not in the text",
    "accesser-steamcommunity-29f10e4e": "Python's bare '[SSL: SSLV3_ALERT_HANDSHAKE_FAILURE]' from "
        "Accesser ranks a suite mismatch first (0.55); the altered/empty SNI Steam rejects is not "
        "in the text",
    "k9mail-dovecot-stale-cert-483981fb": "K-9 Mail's 'chain validation failed:' ranks a wrong "
        "clock first (0.4); Dovecot serving the expired certificate because it was not restarted "
        "after renewal is not in the text",
    "misskey-node-fetch-pfsense-8f497bc8": "Node's 'unable to verify the first certificate' ranks "
        "an incomplete chain first (0.55); the pfSense firewall re-signing HTTPS is not in the "
        "text",
    "noobaa-selfsigned-catalina-chrome-8e86ebee": "Chrome's NET::ERR_CERT_REVOKED on Catalina "
        "ranks revocation first (0.55); macOS 10.15 rejecting the certificate's missing serverAuth "
        "EKU/SAN and long validity is not in the text",
    "octoprint-nautilus-ios-0f098235": "iOS's 'The certificate for this Server is invalid ... "
        "pretending to be \"192.168.0.145\"' ranks an untrusted root first (0.3); the self-signed "
        "certificate reached by IP address is only partly in the text (the IP is)",
    "davdroid-android41-httpclient-37bbb2ee": "DAVdroid's 'untrusted certificate in certificate "
        "path' with CAdroid saying the chain is trusted is not recognised; HttpClient sending no "
        "SNI on Android 4.1 (default vhost certificate) is not in the text beyond the version line",
    "ie11-badssl-dh1024-0c5bd8cc": "Internet Explorer 11's 'Could not show this page' for "
        "badssl.com is not recognised; nginx's 1024-bit DH group against a registry policy "
        "requiring 2048 is not in the text",
    "kore-sni-regression-chrome-caa53ed8": "Chrome's ERR_SSL_VERSION_OR_CIPHER_MISMATCH ranks SNI "
        "first (0.4); Kore's SNI-handling regression on the server is not in the text",
    "sniproxy-ipv6-github-402d9b31": "Chrome's Chinese ERR_SSL_VERSION_OR_CIPHER_MISMATCH through "
        "sniproxy ranks SNI first (0.4); sniproxy dialling the backend's IPv6 address without IPv6 "
        "connectivity is not in the text",
    "electron-squirrel-mac-update-8110c23a": "macOS's 'An SSL error has occurred and a secure "
        "connection to the server cannot be made.' from Electron's updater ranks a suite mismatch "
        "first (0.3); the company's re-signing proxy is not in the text",
    # holdout35 (round 26)
    "qgis-wms-qt-d125ae3d": "QGIS's bare 'SSL handshake failed' ranks a suite mismatch first "
        "(0.3); OpenSSL 3's refusal of the server's legacy renegotiation is not in the text",
    "servicenow-mcp-node-24adac6c": "Node's UNABLE_TO_GET_ISSUER_CERT_LOCALLY ranks the client's "
        "store first (0.34); the corporate proxy re-signing HTTPS is the maintainer's unconfirmed "
        "guess and not in the text",
    "rosdep-python-urllib-087c0721": "rosdep's 'cannot download default sources list ... Website "
        "may be down.' is not recognised; the container without ca-certificates is not in the text",
    "exotel-ruby-net-http-1f6e3654": "Ruby's 'SSLv3 read server certificate B: certificate verify "
        "failed' ranks the client's store first (0.5); the provider's expired certificate is not "
        "in the text",
    "git-gnutls-orangepi-skywire-b396a569": "git/GnuTLS's 'server certificate verification failed. "
        "CAfile: ... CRLfile: none' ranks the client's store first (0.55); the Orange Pi's clock "
        "months behind is not in the text",
    "moememos-android-okhttp-a2f5b9c7": "Android's 'Trust anchor for certification path not found' "
        "ranks an untrusted root first (0.54, an incomplete chain ranked); the server sending only "
        "its leaf is not in the text",
    "transmission-openvpn-hma-57e30056": "OpenVPN's 'VERIFY ERROR: depth=1, error=self signed "
        "certificate in certificate chain' for HMA's CA ranks interception first (0.5); the "
        "provider's changed CA against the image's bundled config is not in the text",
    "odoo-fetchmail-imaplib-py35-45f719d0": "Python's bare 'SSLV3_ALERT_HANDSHAKE_FAILURE' from "
        "Odoo's fetchmail ranks a suite mismatch first (0.55); Python 3.5.3's imaplib not sending "
        "SNI to a multi-domain mail server is not in the text",
    "djangoshop-paypal-requests-3e8ace0b": "requests' 'SSLV3_ALERT_HANDSHAKE_FAILURE' to PayPal "
        "ranks a suite mismatch first (0.45); the pinned outdated requests library is not in the "
        "text",
    "suitecrm-phpmailer-postfix-0500f47a": "Postfix's 'tlsv1 alert unknown ca' (alert 48 from the "
        "client) ranks an untrusted root first (0.45); that the local Postfix certificate is "
        "self-signed is not in the text",
    "chromedriver-autoinstaller-urllib-e1d2e6e5": "Python's 'unable to get local issuer "
        "certificate' ranks the client's store first (0.34); the corporate proxy's local CA is not "
        "in the text",
    "mitmproxy-upstream-sni-3e4c18a9": "mitmproxy's 'ProxyError(... SSL23_GET_SERVER_HELLO ... "
        "tlsv1 alert internal error)' ranks the proxy setting first (0.55, SNI fourth); the "
        "upstream requiring SNI that mitmproxy did not send is not in the text",
    "esp32-evse-mbedtls-ota-539d3629": "ESP-TLS's '-0x2700' / 'Failed to verify peer certificate!' "
        "ranks the client's setting first (0.35); GitHub Pages' new Sectigo chain against the "
        "firmware's bundled DigiCert root is not in the text",
    "ssllabs-dev-scanner-clock-d495545c": "SSL Labs' 'Valid from Mon, 04 Dec 2017 00:00:00 UTC NOT "
        "YET VALID' is not recognised; the dev scanner's clock running behind is not in the text "
        "beyond the midnight start",
    # holdout33 (round 26)
    "pgx-b72eba9c": "pgx's 'tls: failed to verify certificate: x509: certificate signed by "
        "unknown authority' ranks an untrusted root first (0.55); pgx loading a stale root "
        "certificate from ~/.postgresql instead of the system store is not in the text",
    "hackney-erlang-ssl-df874cc0": "Erlang ssl's '{bad_cert,invalid_key_usage}' from hackney "
        "ranks a wrong-purpose certificate first (0.5, SNI second); hackney sending no SNI "
        "(so the server returned its default certificate) is not in the text",
    "httpotion-ibrowse-5b6428a3": "HTTPotion/ibrowse's bare \"{:tls_alert, 'handshake "
        "failure'}\" ranks a suite mismatch first (0.55); Erlang ssl sending no SNI to an "
        "SNI-only CloudFront distribution is not in the text",
    "winrpm-julia-ecd25ebb": "WinRPM's 'Unknown download failure, error code: 2148270105' "
        "(0x800C0019, urlmon's INET_E_INVALID_CERTIFICATE) ranks an untrusted root first "
        "(0.3); that the proxy's certificate had expired is not in the text",
    "nscurl-ats-diagnostics-2df1ca4d": "nscurl's default ATS check failing with -9824 "
        "(errSSLPeerHandshakeFail) ranks a version mismatch first (0.45); that only the PFS "
        "exception passes is not in the excerpt",
    "elasticdump-514f5fff": "Node's 'self signed certificate in certificate chain' from "
        "elasticdump ranks interception first (0.55); Elasticsearch's own self-signed xpack CA "
        "is not in the text",
    "esphome-http-request-0b857783": "ESP-IDF's 'esp-x509-crt-bundle: Failed to verify "
        "certificate' / -0x3000 ranks an untrusted root first (0.4); the server's self-signed "
        "certificate and ESPHome ignoring verify_ssl: false are not in the text",
    "gitea-act-runner-8a807d8a": "act_runner's clone 'x509: certificate signed by unknown "
        "authority' ranks an untrusted root first (0.5); Gitea's self-signed certificate and "
        "the runner not applying its insecure option are not in the text",
    "syncthing-minui-a850d5b0": "Syncthing's 'x509: certificate signed by unknown authority' "
        "for relays.syncthing.net ranks an untrusted root first (0.52); the device firmware "
        "shipping no CA store is not in the text",
    "ibm-integration-bus-75766df8": "IBM JSSE's 'The certificate issued by OU=Class 3 Public "
        "Primary Certification Authority ... is not trusted' ranks the client's store first "
        "(0.45, the learned public-issuer context); that the truststore lacks that signer "
        "(an untrusted root, ranked third) is in the text",
    "exchange-pop3-schannel-7991b5c2": "Schannel event 36888 (alert 10, status 1203) ranks a "
        "version mismatch first (0.3); POP3 picking the wrong certificate after renewal is not "
        "in the text",
    "vcpkg-curl-1c42d387": "vcpkg's 'curl failed to download with exit code 60' ranks an "
        "untrusted root first (0.35); the company proxy replacing certificates is not in the "
        "text",
    # holdout32 (round 26)
    "blockcheck-fd250c89": "blockcheck's Russian '[☠] Сертификат подменяется' (certificate "
        "substituted, printed for any failed verification) ranks interception first (0.4); "
        "the maintainer found the test site's unrenewed (expired) certificate, which is not "
        "in the text",
    "nf-core-chipseq-nextflow-2f8a3abc": "Nextflow's JSSE 'PKIX path building failed' for "
        "github.com ranks interception first (0.44); the cluster's Java cacerts lacking the "
        "system CAs is not in the text",
    "godot-engine-httprequest-29fbca7f": "Godot's '_do_handshake: TLS handshake error: "
        "-30592' (mbedTLS -0x7780, fatal alert received) ranks a suite mismatch first "
        "(0.3); the server's TLS 1.3-only setting is not in the text",
    "godot-newgrounds-plugin-a855e307": "Godot's bare '_do_handshake: TLS handshake error' "
        "ranks a suite mismatch first (0.3); the plugin's outdated bundled certs.pem is not "
        "in the text",
    "zammad-telegram-channel-99f46b62": "Telegram's webhook 'certificate verify failed' "
        "(OpenSSL 1416F086) ranks an untrusted root first (0.35); the server not sending its "
        "intermediate is not in the text",
    "telegram-bot-rb-2a46ad81": "Ruby's 'certificate verify failed (self signed "
        "certificate)' for api.telegram.org ranks self-signed first (0.55); the ISP's block "
        "page with its own certificate is not in the text",
    "pupdate-analogue-pocket-369d2127": ".NET's 'The SSL connection could not be "
        "established, see inner exception' ranks an untrusted root first (0.25); the ISP "
        "blocking archive.org is not in the text",
    "grpcurl-6fe20cd4": "grpcurl's 'Failed to dial target host ...: context deadline "
        "exceeded' (no client-side handshake error) ranks an unreachable server first "
        "(0.35); the server requiring a client certificate (the alert grpcurl swallows) is "
        "not in the text",
    # holdout31 (round 25)
    "aiohttp-4b6c5172": "Python's 'self signed certificate in certificate chain' for a public "
                        "host ranks interception first (0.45); the cause (macOS python.org "
                        "Python without 'Install Certificates.command') is not in the text",
    "steam-flatpak-32d0f309": "Chromium/NSS's err=-8179 (unknown issuer) for a public host "
                              "ranks an untrusted root first (0.35); the cause (the host's "
                              "p11-kit 0.23.19 hiding the system CAs) is not in the text",
    "ldapsearch-cee38be7": "OpenLDAP/GnuTLS's 'peer cert untrusted or revoked (0x42)' (signer "
                           "not found) against a private address ranks self-signed first "
                           "(0.45); that the issuer was the domain's own CA is not in the text",
    "witchhunt-reader-fe58bd92": "the app's 'load_verify_buffer failed for curated roots' "
                                 "names no cause; the clock at 1970 (wolfSSL's "
                                 "ASN_BEFORE_DATE_E) is not in the text",
    "prosody-4f218aab": "Prosody's 'TLS negotiation with prose.org failed' names no cause; "
                        "the peer's renewed but unreloaded certificate is not in the text",
    "homebridge-pihole-a8014119": "Node's UNABLE_TO_VERIFY_LEAF_SIGNATURE ranks a missing "
                                  "intermediate first (0.55); that the certificate was the "
                                  "user's own (self-signed or own CA) is not in the text",
    "eve-marketwatch-dd656929": "Go's 'certificate signed by unknown authority' for a public "
                                "host ranks an untrusted root first (0.52); the cause (a "
                                "FROM-scratch image without CA certificates) is not in the text",
    "office-hours-queue-2d23873a": "Let's Encrypt's TLS-ALPN-01 checker ('found in our "
                                   "affected data set. Please renew') is not a handshake error "
                                   "and is not recognised; the revocation itself is not in the "
                                   "text",
    "cryptcheck-f80394d1": "a scanner's verdict '\"Fatal\":\"DES3\"' (the server offers 3DES) "
                           "is not a failed handshake and is not recognised; the label is the "
                           "scanner's grade, not a handshake's cause",
    # holdout30 (round 25)
    "duplicati-91079835": ".NET's NotTimeValid (expired, not yet valid or an unreadable date, "
                          "against the runtime's own time) ranks an expired certificate first "
                          "(0.45); the cause (the 32-bit build on Trixie's 64-bit-time "
                          "libssl3t64) is not in the text",
    "expo-registry-7520fff7": "ingress-nginx's 'Kubernetes Ingress Controller Fake "
                              "Certificate' is served both to a client sending no SNI (dev "
                              "openssl-s_client-f7fa672c) and for a host without a usable TLS "
                              "secret; which one is not in the text",
    "bitwarden-android-01f84f1c": "Android's cut-off 'Trust anchor for certification' is not "
                                  "recognised; that the server's certificate was self-signed "
                                  "is not in the text",
    "dotnet-webclient-b3cf772c": ".NET's 'The handshake failed due to an unexpected packet "
                                 "format' (a reply it cannot frame) ranks a non-TLS port first "
                                 "(0.55); the client's missing TLS 1.1/1.2 is not in the text "
                                 "(the post's title names TLS 1.1/1.2)",
    "diadoc-1c-api-3333c624": "WinHTTP's certificate-error list (unknown CA and wrong common "
                              "name) is not recognised; the cause (CryptoPro CSP hooking the "
                              "Windows TLS stack) is not in the text",
    "wepy-30d40ca2": "WeChat's 'request:fail ssl hand shake error' names no cause; the missing "
                     "intermediate (failing on Android only) is not in the text",
    "cypress-ntlm-auth-b287d271": "Node's UNABLE_TO_GET_ISSUER_CERT_LOCALLY ranks the "
                                  "client's own store first (0.35, as for dev's other Node "
                                  "threads); that the site's issuer is a corporate CA is not "
                                  "in the text",
    "smp-e-zos-470d06fa": "JSSE's 'Remote host closed connection during handshake' names no "
                          "cause; that SMP/E offered only SSLv3 is not in the text",
    "telegraf-106f32e8": "x509_cert's 'certificate signed by unknown authority' for a public "
                         "name is read as interception; the cause (1.25.0 verifying without "
                         "the system roots) is not in the text",
    "tasmota-a2adfbf3": "BearSSL's BR_SSL_CLOSED / '_wait_for_handshake: failed' names no "
                        "cause; Telegram's changed certificate against Tasmota's pinned "
                        "fingerprint is not in the text",
    "python-aiohttp-d6ae55df": "OpenSSL's 20 for talkpython.fm, a public name off the big "
                               "list: the missing intermediate is first there (dev 4 of 7, "
                               "round 14); this one was python.org's macOS Python without "
                               "its store (Install Certificates.command), not in the text",
    "openssl-0be76f31": "s_client's bare 'Verify return code: 20' for g1.globo.com: the "
                        "missing intermediate is first for a public name off the big list "
                        "(round 14); the thread's s_client had no CA store configured, not "
                        "in the text (no depth lines show what the server sent)",
    "curl-rustls-bc90569a": "BadSignature from a build without a root store: not in the text",
    "curl-openssl-b9949fb4": "SSL_ERROR_SYSCALL from 127.0.0.1 (a local proxy written https://): "
                             "a local server that hangs up prints the same line, and no proxy "
                             "is named",
    "dotnet-7725b2ab": ".NET's generic 'remote certificate is invalid' (the thread: connected "
                       "by IP address)",
    "pip-e53ee3d5": "EOF in violation of protocol during PyPI's TLS 1.0 brownout: the old "
                    "client and the brownout are not in the text (no proxy, port or loopback)",
    "kubectl-d3edd371": "Go's 'expired or is not yet valid' without the times: the thread "
                        "found unsynchronised clocks",
    # Folded in from round 1's holdout (scored 27/33 before anyone looked at them).
    "gnutls-f04fa42c": "'An unexpected TLS packet was received' fixed by a GnuTLS update: "
                       "the outdated client library is not in the text (round 9: the "
                       "plaintext port first at 0.55, no longer confident)",
    # Folded in from round 2's holdout2 (scored 50/100 before anyone looked at them).
    "git-gnutls-8d368171": "GnuTLS 'unexpected length' fixed by rebuilding git on OpenSSL: the "
                           "library's fault is not in the text",
    "haproxy-05f93e3c": "a bare HAProxy 'SSL handshake failure' (CO_ER_SSL_HANDSHAKE): "
                        "HAProxy 2.6 prints it for every refusal (the server-log matrix: an old "
                        "version, no shared suite, a rejected certificate, plain HTTP), so a "
                        "health check that completed and closed is not in the text (round 15)",
    "fluentd-b44fb8ee": "'Connection reset by peer' from fluentd speaking HTTP to a TLS port: "
                        "the reset does not say what was sent",
    "beats-acdc4f25": "Filebeat's bare 'EOF' for an expired client certificate (round 15: "
                      "libbeat's line read, the generic EOF ranking): no handshake "
                      "step is printed, so an EOF after the client's Certificate cannot be "
                      "told from one answering the ClientHello",
    "composer-62d819c0": "composer's curl 60 without its 'while downloading' wrapper reads as "
                         "the bare OpenSSL text (a private CA first)",
    "mqtt-40a7a164": "a broker's 'internal error' alert for a certificate whose CN was not the "
                     "host name used: the alert does not say so (round 9: the name is a "
                     "candidate, the top below 0.6)",
    "npm-c8622445": "npm's UNABLE_TO_GET_ISSUER_CERT_LOCALLY with no host: the company proxy is "
                    "not in the text; Node's issuer_not_found without a host splits 5 "
                    "re-signing : 2 store : 1 self-signed on dev, and re-signing first loses "
                    "as many (npm-e3909c64, node-hue-api, github-actions-node) as it gains "
                    "(round 15 counts)",
    "go-2f7f6ea0": "a Go server's 'first record does not look like a TLS handshake': 3 of 4 "
                   "threads plain HTTP to the port, this one a client's https:// proxy URL",
    "curl-openssl-e9045446": "WRONG_VERSION_NUMBER from an https:// proxy URL: 20 of 26 dev "
                             "texts of the wording were a plaintext port, 3 a proxy (round 15 "
                             "count), and no proxy is named, so the port stays first (the "
                             "proxy check is in tell_apart)",
    "node-ec97864c": "WRONG_VERSION_NUMBER from a wrongly configured proxy (see above)",
    "python-httpx-ae42a51d": "WRONG_VERSION_NUMBER from an https:// proxy URL (see above)",
    "java-568c5bb5": "Java's 'No appropriate protocol': 2 of 3 threads a version mismatch, "
                     "this one -Dcom.sun.net.ssl.enableECC=false",
    "docker-ee408a16": "Go's 'expired or not yet valid' without times: expiry ranks first (6 "
                       "of 8); this host's clock lagged",
    "python-d801bb63": "SSLV3_ALERT_HANDSHAKE_FAILURE from a Python linked to an old OpenSSL: "
                       "the library's age is not in the text",
    "python-requests-588a9f8d": "SSLV3_ALERT_HANDSHAKE_FAILURE caused by a national firewall: "
                                "a handshake_failure alert reads as suites first",
    # Folded in from round 3's holdout3 (scored 57/86 before anyone looked at them).
    "docker-7b625057": "Go's 'signed by unknown authority' from a system bundle replaced by one "
                       "root: the client's bundle is not in the text",
    "docker-ad3abbf9": "'signed by unknown authority' from a chain with the expired AddTrust "
                       "root: the expired cross-sign is not in the text",
    "safari-5595facc": "Safari's 'could not establish a secure connection' page: 1 of 2 threads "
                       "a re-signing proxy (first, 0.3), this one a plain-HTTP port (second, "
                       "0.3)",
    "curl-schannel-d1380d7b": "SEC_E_ILLEGAL_MESSAGE from a security product cutting the "
                              "handshake: an alert reads as suites",
    "yarn-91c6d796": "yarn's 'self signed certificate in certificate chain': npm/Node's count "
                     "ranks interception first; this was the company's own site",
    "yarn-ecc2ea94": "yarn's 'unable to get local issuer' behind a proxy: neither yarn nor the "
                     "proxy is in the text (a bare RequestError); the bare message ranks a "
                     "private CA first (round 15 counts: no ranking of the bare message does "
                     "better on dev)",
    "java-72b88c44": "a received handshake_failure on a Java client that sent no usable client "
                     "certificate: no frames, no trace, no JDK named, so the JSSE prior (an "
                     "old JDK's defaults, 2 of 3 dev threads) stands; the keystore is not in "
                     "the text (round 15)",
    # Folded in from round 4's holdout4 (scored 26/37 before anyone looked at them).
    "firefox-5f285a7a": "NSS's 'issuer is not recognized' for ipca.pt (a public name off "
                        "the big list): NSS's unknown issuer there is spread over every "
                        "cause on dev (round 14 count), and Firefox preloads intermediates; "
                        "that this fork did not is not in the text",
    "python-requests-3c3f8ff8": "requests' 'certificate has expired' from an old bundled "
                                "certifi: the leaf ranks first",
    "php-curl-40a52f52": "curl 60 'certificate has expired' from an antivirus re-signing with an "
                         "expired CA: the leaf ranks first",
    # Folded in from round 7's holdout5 (scored 22/41 before anyone looked at them).
    "chrome-4de42f2b": "Chrome's bare ERR_CERT_AUTHORITY_INVALID for a self-signed "
                       "certificate: 5 dev threads split 3:3 between self-signed and other "
                       "untrusted chains, the untrusted root stays first",
    "chrome-7b265285": "ERR_SSL_PROTOCOL_ERROR from a server setting (session tickets off in "
                       "one server block): 2 of 3 threads were a plain-HTTP port, first",
    # Folded in from round 9's holdout6 (scored 15/29 at collection, 18/29 at fold time).
    "elixir-mint-b3e1056f": "Erlang's own unknown_ca for a server without its intermediate "
                            "(Mint fetches none): an untrusted root ranks first, the missing "
                            "intermediate second",
    "imapfilter-9281035b": "'certificate verify failed' for a name mismatch (OpenSSL's host "
                           "check): the verify result naming the mismatch is not printed",
    "go-0ade0666": "Go's bare 'signed by unknown authority' from an image without "
                   "ca-certificates: no image or path in the text, and the host is a big "
                   "public one (round 12: re-signing first, this client's store second)",
    "go-f33b1e07": "Go's bare 'signed by unknown authority' from an ubuntu container without "
                   "ca-certificates: nothing in the text says so, and the host is a big public "
                   "one (round 12: re-signing first, this client's store second)",
    "python-requests-27920fe0": "pyOpenSSL's 'bad handshake ... certificate verify failed' for "
                                "an expiring certificate: the verify reason is not printed "
                                "(expiry is a candidate below the untrusted root)",
    # Folded in from round 10's holdout7 (scored 24/30 at collection and at fold time; round
    # 11 fixed the classes behind five of its six misses).
    "envoy-aab65bfd": "Envoy's 'upstream connect error or disconnect/reset before headers' "
                      "(no reset or transport failure reason) says nothing about TLS: read as "
                      "a connection failure below 0.6; expired certificates are not in the text",
    # Folded in from holdout10 (round 13, at 466/559; not fixed yet when folded).
    "fluentd-secure-forward-080e9deb": "Ruby's bare 'certificate verify failed' (no reason, "
        "no host): the missing GoDaddy intermediate is not in the text",
    "gitlab-ci-ca05d2e5": "Faraday's bare 'certificate verify failed' (no reason, no host): "
                          "the self-signed GitLab is not in the text",
    "mosquitto-f2cd0da1": "the broker's 'ssl3_get_record:wrong version number' says a "
        "client's bytes were not TLS records (round 13: non_tls_service_on_port first, 0.55); "
        "the expired broker certificate the thread found is not in the text",
    "postfix-submission-408c52c0": "smtpd received 'unknown ca' from a mail client: which "
                                   "certificate it rejected (self-signed) is not in the text",
    "weechat-relay-c3f08193": "GnuTLS's 'A TLS fatal alert has been received' names no alert "
        "and no side (the relay printed it: the browser's alert about the relay's certificate); "
        "which certificate fault is not in the text (ranked, 0.30)",
    # Folded in from holdout8 (round 13, at 466/559; not fixed yet when folded).
    "alertmanager-bot-623b129e": "Go's bare 'signed by unknown authority' for an organisation's "
                                 "own name: a missing intermediate and a private CA print the "
                                 "same words in Go (no AIA fetching); incomplete_chain is not "
                                 "in the text (cert_untrusted_root .40, incomplete_chain .30)",
    # Folded in from holdout9 (round 13, at 466/559; not fixed yet when folded).
    "esp32-mbedtls-3f5549a1": "middlebox_or_firewall_interference first (0.40); "
        "the thread: client_cert_required. -0x7280 is a close without an alert and esp-tls "
        "prints no mbedTLS debug step (its 'Certificate verified.' is a verify result that is "
        "0 before any check): the stage is not in the text",
    "mysql-client-b8cfb243": "cert_untrusted_root first (0.35); the thread: cert_wrong_purpose "
                             "(a CA made with CA:FALSE): OpenSSL's bare 'certificate verify "
                             "failed' prints no verify reason, and no purpose word is in the text",
    "vcpkg-15dbee18": "curl's bare 35 'SSL connect error' from vcpkg on Windows: the re-signing "
                      "proxy (Schannel's revocation failure) is not in the text; vcpkg's 'If "
                      "you are using a proxy' is its own advice (cipher_suite_mismatch .30)",
    # Folded in from holdout11 (round 13, scored once at the end: 26/42; not fixed yet).
    "ios-proxyman-atlantis-140ddc14": "-1200 is any secure-connection failure (suites .30); "
        "the Proxyman re-signing in the path is not in the text",
    "ha-bambulab-printer-707829e5": "a handshake timeout alone (middlebox first, 0.45): the "
        "broker that never answers TLS 1.3 is not in the text",
    "loki-docker-driver-3255178d": "Go's 'signed by unknown authority' for loki.local.net: a "
                                   "self-signed NGINX and a private CA print the same words "
                                   "in Go; the self-signed certificate is not in the text",
    # Folded in from holdout12 (round 14, scored once at the end: 24/46; not fixed yet).
    "okhttp-android5-33f91be0": "a trust failure (an untrusted root first: round 19's base "
        "rates; incomplete_chain .35 before) from Android 5's "
        "built-in OkHttp that sent no name: neither the missing name nor the OkHttp release "
        "is in the text",
    "gnome-online-accounts-1d417ee0": "GLib's 'Unacceptable TLS certificate' names no flag "
        "(round 15: a ranking, untrusted root .3, self-signed .2); the thread: cert_self_signed",
    "tasmota-bearssl-c29883fd": "BearSSL 55 (DN mismatch) is a misordered chain first (round "
        "15: .5, the firmware's own DN hash .3); the thread: client_misconfiguration",
    "openssl-c-client-8f02c63a": "internal_error from a server refusing the TLSv1_method() "
        "the C program pinned: the method is not in the text; internal_error's dev count is "
        "the name 3, the version 1 (round 15), so the name stays first below 0.6",
    "pidgin-gnutls-cf7a7e28": "libpurple's 'SSL Handshake Failed' (Hungarian) names no reason "
        "(round 15: the generic handshake ranking); the thread: client_misconfiguration",
    "raycast-node-866c7b92": "a bare 'unable to get local issuer certificate' (no program, no "
        "host, no network words): the employer's Zscaler is not in the text; the bare message's "
        "6 dev threads split re-signing 3 : private or self-signed 2 : store 1, and a private "
        "CA first is right for 4 of them (their labels), re-signing first for 3 (round 15)",
    "fwupdmgr-b1729b79": "libsoup's bare 'SSL handshake failed' (its one status for every TLS "
        "failure, certificate or protocol): the machine's clock at 1970 is not in the text, "
        "no date or clock word is printed (round 15)",
    "haskell-stack-c15c16b9": "Haskell tls's 'certificate has unknown CA' with no host: the "
        "corporate network is not in the text; dev's two such threads split 1:1 (re-signing; "
        "a fresh Windows store), so the wording was not made a trust kind (round 15)",
    "opam-curl-gnutls-6ef413e1": "curl+GnuTLS's generic 'server certificate verification "
        "failed' names no check: the expired opam.ocaml.org certificate is not in the text "
        "(round 15)",
    "go-certmagic-server-9d19c884": "no finding (round 15: one client's 'EOF' in a Go "
        "server's log is a client that left, no fault the server saw); the revoked "
        "certificate the client closed on is not in the text",
    # Folded in from holdout13 (round 15, scored once at the end: 30/46; not fixed yet).
    "lftp-9c5b9b93": "lftp's bare 'Not trusted' with no host: a self-signed server is not "
                     "in the text (lftp 4.9 prints the same GnuTLS sentence for a "
                     "self-signed server and a private root's leaf, measured here)",
    "pihole-gravity-02e65a57": "Pi-hole prints curl's http_code 000 (any failure) as Connection Refused (round 15: a ranking, name .4, client .3); the expired root in the Pi's store is not in the text",
    "kodi-curl-1d67bd70": "curl's exit-60 sentence (any verify failure) for an add-on "
                          "URL: the expiry is not in the text (dev: 3 such texts, "
                          "each decided by other words)",
    "dart-http-8232b7ad": "Dart's OpenSSL 20 with no host: the server's missing "
                          "intermediate is not in the text (dev: the only Dart text of "
                          "this kind)",
    "collabora-online-wsd-c1e72735": "cipher_suite_mismatch first (0.45); the thread: sni_required_or_mismatch",
    # Folded in from holdout14 (round 16: 27/46 on the round's starting code, 28/46 at its
    # end; the WinHTTP flags' number read right after the fold: 29/46).
    "prosody-fc632477": "Prosody's 'Your server's certificate is invalid, expired, or not "
        "trusted' (the peer's s2s refusal, any reason): the container without ca-certificates "
        "is not in the text",
    "systemd-resolved-55a326bb": "resolvectl's 'All attempts to contact name servers or "
        "networks failed' names no TLS failure (any unreachable DNS server): the missing IP "
        "address in the DoT server's certificate is not in the text",
    "libgit2sharp-0309beb8": "WinHTTP's 'The connection with the server was terminated "
        "abnormally' (12030: any reset): the TLS 1.0-only WinHTTP default is not in the text",
    "element-desktop-e9160793": "Element's French 'not a valid Matrix homeserver' names no TLS "
        "failure: the Electron build's store after the DST Root CA X3 expiry is not in the text",
    "jackett-synology-4a10270b": ".NET's 'certificate validation failed' with a valid Let's "
        "Encrypt R3 leaf (Oct 2021 - Jan 2022): the NAS store without ISRG Root X1 is not in the "
        "text (no chain status printed); untrusted root .25",
    "multimc-3bacc052": "a bare 'SSL Handshake failed.' (Qt's, libsoup's, libpurple's words): "
        "the broken macOS root is not in the text",
    "sbt-launcher-0f137cb1": "PKIX for repo1.maven.org (a public host: re-signing .5 first): "
        "the Debian JVM without a usable cacerts is not in the text",
    "immich-android-tv-f3564765": "an app's bare 'Handshake failed': the TLS 1.3-only nginx and "
        "the Fire OS client without TLS 1.3 are not in the text",
    "aprsdroid-4685d100": "a bare 'self signed certificate in certificate chain' (re-signing "
        ".5 first): that it was the server refusing the client's LoTW certificate is not in "
        "the text",
    "siriservercore-8627b4e1": "pyOpenSSL's 'ssl handshake failure' on the server's own log "
        "(suites .4 first): the devices' outdated CA profile is not in the text",
    "certbot-renewal-a97104fe": "a browser's ERR_SSL_VERSION_OR_CIPHER_MISMATCH for a public "
        "site: the ECDSA certificate against an RSA-only cipher list is not in the text (SNI "
        ".4 first)",
    "nextcloud-server-007d1f37": "curl 60 'unable to get local issuer certificate' in "
        "Nextcloud's log (no host named): the app store server's broken chain is not in the "
        "text (client store .4 first)",
    "emby-c9903c2a": ".NET's 'remote certificate is invalid according to the validation "
        "procedure' (no chain status): the Emby image's broken CA bundle is not in the text",
    # Folded in from holdout15 (round 17: 23/42 on the round's starting code, 24/42 at its
    # end; 25/42 after the fold's class fixes: Go's NameMismatch read; 4 -> 0 confidently wrong).
    "agate-rustls-ffd7708c": "a bare 'tlsv1 alert access denied' (a client certificate refused "
        "by policy .45 first, a rustls server with no certificate for the name asked .3): the "
        "SNI that did not match agate's host is not in the text",
    "avalanche-cli-go-8f27acc8": "Go's 'certificate signed by unknown authority' for "
        "api.github.com (a public host: re-signing first): the container without a CA bundle "
        "is not in the text",
    "taurustls-delphi-f2d9e64d": "OpenSSL's received handshake_failure under TaurusTLS (suites "
        "first): that its IO handler never set SNI for a Cloudflare site is not in the text",
    "openmittsu-qt-53817b7f": "Qt's bare 'SSL handshake failed': the client's pinned trust "
        "anchor for the Threema server is not in the text",
    "turbovnc-viewer-java-4d953e77": "JSSE's 'No appropriate protocol' (version .55 first): "
        "that the VNC TLS type needs the anonymous suites java.security disables is not in "
        "the text",
    "meadow-mbedtls-5a94fcf6": "mbedTLS's 'Certificate verification failed, e.g. CRL, CA or "
        "signature check failed' (-9984) names no date: the device clock NTP never set is not "
        "in the text",
    "steam-achievement-manager-dotnet-89c602f2": ".NET Framework's 'remote certificate is "
        "invalid' (no chain status): the expired gib.me certificate is not in the text",
    "librelp-gnutls-00e05a84": "GnuTLS's 'Error in the certificate' (-43) and librelp's "
        "'certificate validation failed' name no check (the untrusted root .4 first; the "
        "other end's close is that failure's consequence, round 17): the expired test "
        "certificates are not in the text",
    "courier-imapd-gnutls-b60b0544": "GnuTLS's 'No supported cipher suites have been found' "
        "on Courier's imapd-ssl (the client's suites .5 first): the misspelled TLS_CERTFILE "
        "that left the server no certificate is not in the text",
    "serenityos-libtls-7083cd29": "LibTLS's own 'certificate expired (not yet valid, signed "
        "for ...)' is read by no table and its BAD_CERTIFICATE is the alert it sent (round "
        "17): the time-zone bug in the client's date check is not in the text",
    "electrum-server-73976e8e": "Python's received unknown_ca on an Electrum server's log "
        "(the client rejected its chain: untrusted .25 first): the clients' pinned first "
        "self-signed certificate is not in the text",
    "mailstrom-native-tls-bd5c5dac": "a bare 'certificate verify failed': the MX name's "
        "trailing dot the certificates lack is not in the text",
    "crfm-helm-proxy-python-78ede748": "Python's 'unable to get local issuer certificate' with "
        "no host (the client's store .45 first): the proxy server sending only its leaf is "
        "not in the text",
    "georchestra-geoserver-java-9cae3275": "JSSE's 'Remote host closed connection during "
        "handshake' (the path first): Java 7 offering only TLS 1.0 is not in the text",
    "wud-node-ee4a9cdc": "Node's bare 'self-signed certificate in certificate chain' "
        "(re-signing .5 first): the registry's private CA is not in the text",
    "securityonion-nginx-9d4aa470": "Chrome's bare NET::ERR_CERT_REVOKED (a revocation .55 "
        "first; round 17: Apple's TLS rules on macOS 10.15 second): the missing serverAuth "
        "EKU is not in the text",
    # Round 18's wild sample ("collected": "wild18": 18/39 on the round's starting code,
    # 21/39 at its end; the other misses, each with what its text lacks).
    "cl-plus-ssl-5094059a": "OpenSSL's 19 alone (no host): a re-signing proxy first (dev's "
        "cell, 13 of 17); the site's own self-signed CA is not in the text",
    "avhttp-boost-asio-15c5bb8b": "Boost.Asio's bare 'certificate verify failed' for a public "
        "host: no CA file given on Windows is not in the text",
    "brickstore-qt-b47311ad": "Qt's bare 'SSL handshake failed': the Windows store without "
        "ISRG Root X1 is not in the text",
    "notepadpp-curl-schannel-9ffc9415": "SEC_E_UNTRUSTED_ROOT with no host: the company proxy "
        "is not in the text",
    "spring-cloud-gateway-netty-b1665dce": "JSSE's received handshake_failure: the backend's "
        "restricted suites are not in the text (dev's four such threads: SNI, a client "
        "certificate, the client's settings)",
    "gatling-ahc-13b4b308": "JSSE's received handshake_failure: the client's changed suite "
        "list is not in the text",
    "openvpn-client-2768e8c2": "OpenVPN's 'TLS key negotiation failed to occur within 60 "
        "seconds': the CA file the container did not load is not in the text",
    "sshsyrup-go-docker-02984df8": "Go's bare 'signed by unknown authority': the image without "
        "ca-certificates is not in the text (no image or path words)",
    "caddy-acme-go-a130770b": "Go's bare 'signed by unknown authority': the image without "
        "ca-certificates is not in the text",
    "chamber-go-docker-b871e5fe": "Go's 'signed by unknown authority' for a public host "
        "(re-signing first: dev 9 of 14): the image without ca-certificates is not in the text",
    "gitpanda-go-docker-81c66025": "Go's 'signed by unknown authority' for gitlab.com "
        "(re-signing first): the image without ca-certificates is not in the text",
    "dotnet-fiddler-89a136f1": "a reset after the ClientHello (the path first): the load "
        "balancer's TLS 1.2-only policy is not in the text",
    "coldfusion-java7-bf04f7de": "JSSE's received handshake_failure: Java 7's TLS 1.2 off by "
        "default is not in the text (the host's name is the only hint)",
    "firefox-xxnet-zh-e2fdd006": "NSS's bare SEC_ERROR_UNKNOWN_ISSUER in a Chinese sentence: "
        "XX-Net's re-signing is not in the text",
    # Round 18's second wild sample ("collected": "wild18b": 14/27 on the round's starting
    # code, 17/27 at its end; the other misses, each with what its text lacks).
    "apple-1b6e3af8": "NSURLError -1200 with -9802 (a fatal alert) and the peer's certificate "
        "named, no dates: that the certificate expired is not in the text",
    "node-98103aba": "Node's bare UNABLE_TO_GET_ISSUER_CERT_LOCALLY with no host: the office "
        "firewall is not in the text",
    "node-mongodb-eccc307c": "Node's 'unable to verify the first certificate' from an old "
        "mongoose's driver: the outdated library is not in the text",
    "mbedtls-723e0da1": "ssl_client2's bare -0x2700: the SHA-1 signed test certificates "
        "(MBEDTLS_X509_BADCERT_BAD_MD) are not in the text",
    "wolfssl-8fe16027": "wolfssl-examples' own 'Failed to connect to wolfSSL' (no code): names "
        "no cause, stays unread",
    "node-ioredis-c5a092ab": "Node's UNABLE_TO_VERIFY_LEAF_SIGNATURE: the servername (SNI) the "
        "client did not send is not in the text",
    "curl-ru-cf90d526": "curl's PEM_read_bio 'bad end line' (a local PEM file first): that "
        "the server's chain was glued without a line break is not in the text",
    "curl-df244326": "curl's 19 for a named host (a private root first): the corporate proxy "
        "is not in the text",
    "elixir-hex-fbdf76f2": "OTP's 'certificate unknown - failed_to_decode_certificate': the "
        "development OTP build that could not decode it is not in the text",
    # Round 18's holdout16 (24/41 on the round's starting code and at its end; 28/41 after
    # the fold's classes, tests/ingest/test_round18_classes.py): the other misses.
    "xbps-d419b1ed": "xbps's 'Certificate verification failed for <issuer>' (an untrusted root "
        "first): the machine's clock, wrong from a dead BIOS battery, is not in the text",
    "torat-go-ec8fb22f": "Go's received bad_certificate after the program's 'Invalid hostname': "
        "the VPN in the path is not in the text",
    "lastpass-cli-3a7c459f": "libcurl's bare 'Peer certificate cannot be authenticated with "
        "given CA certificates': the blocking firewall is not in the text",
    "taskwarrior-gnutls-2d168723": "GnuTLS's 'Error in the certificate' (-43) names no check: "
        "the server certificate naming only a bare IP address is not in the text",
    "arduino-ide-java-8d5d5b1a": "the IDE's 'Error downloading <url>' names no TLS failure: the "
        "company firewall re-signing HTTPS is not in the text",
    "sslcheck-php-b361a45d": "a PHP script's own 'FAILED TO GET CERTIFICATE INFORMATION' names "
        "no TLS failure: the mail server's TLS 1.0 is not in the text",
    "rucio-client-be8af1fa": "a received certificate_expired (the client's certificate .55 "
        "first, the server's own material .3 second): that it was the server's is not in the "
        "text",
    "moroz-go-61549461": "a Go server's 'TLS handshake error from XX EOF' (the client hung up): "
        "the self-signed certificate its client did not trust is not in the text",
    "seafile-client-libcurl-d581ff3b": "libcurl's 'Peer certificate cannot be authenticated' "
        "(a private root first): the missing intermediate is not in the text",
    # Round 20: a verification failure without its reason against a public host puts this
    # client's store first (5 of 6 dev threads learned up to wild18b, scripts/context_clues.py)
    # Round 19's holdout17 (27/45 on the round's starting code, 26/45 at its end): the misses
    # left after the fold (classes the fold fixed: tests/ingest/test_round19_classes.py).
    "iobroker-backitup-node-b1c5dbbc": "Node's bare 'unable to verify the first certificate' "
        "(the missing intermediate first): the FTP server's self-signed certificate is not in "
        "the text",
    "evernote-backup-python-b773d885": "Python's 'certificate is not yet valid' (the clock "
        "first): that the site's certificate, not the clock, was wrong is not in the text",
    "esportscapsulefarmer-chromium-13f69aec": "Chromium's net_error -202 (an unknown issuer): "
        "the DNS filter on the router answering for the host is not in the text",
    "httpschecker-electron-1aed0015": "an app's own 'The SSL Certificate on your site has "
        "expired' (recognised since round 19's cause names: an expired certificate, below "
        "0.6): the app's bundled store with Let's Encrypt's expired root is not in the text",
    "pgina-ldap-dotnet-371cf26c": "'LDAP-Server is not available' names no TLS failure: the "
        "domain controller without a certificate is not in the text",
    "asi-http-request-ios-6e01aff2": "ASIHTTPRequest's 'SSL problem (possibly a "
        "bad/expired/self-signed certificate)': the iPods' wrong date is not in the text",
    "tautulli-remote-android-68320845": "Android's bare 'SSLHandshakeException: Handshake "
        "failed': the plain-HTTP port entered in the app is not in the text",
    "irail-android-client-0215cd70": "Android's received handshake_failure (suites first): the "
        "client not offering TLS 1.2 to a server that dropped older versions is not in the text",
    "ocbookmarks-android-4ecda2fc": "the app's 'Connection Failed. Check if you have internet "
        "access' names no TLS failure: the self-signed server certificate is not in the text",
    "gws-go-websocket-7f5fc018": "Go's received handshake_failure (suites first): the library "
        "sending host:port as the SNI name is not in the text",
    "perl-www-telegram-botapi-5d64779e": "IO::Socket::SSL's bare 'SSL connect attempt failed': "
        "the national blocking of the service is not in the text (round 20's fold made it right "
        "only through a class whose middlebox first had 1 of 5 threads behind it; a learned "
        "first now needs 2)",
    # Round 20's holdout18 (21/41 on the round's starting code and before the fold): the misses
    # left after the fold (classes the fold fixed: tests/ingest/test_round20_classes.py).
    "auto-daka-requests-beae82ae": "Python's 'unable to get local issuer certificate' for a "
        "school's host (the missing intermediate first): that its certificate had expired is "
        "not in the text (OpenSSL names the first failure it meets, the issuer)",
    "pybritive-cli-0eda971f": "Python's 'unable to get local issuer certificate' for a SaaS "
        "tenant's host (the missing intermediate first): the Zscaler re-signing is not in the "
        "text (no issuer printed)",
    "bettercap-982c9650": "Ruby's 'SSL_connect ... certificate verify failed' (Ruby's CA store "
        "first, 0.55): that the printer is bettercap's HTTPS proxy, whose root CA the user had "
        "not installed, is not in the text beyond its '[W] Error while serving client' prefix "
        "(bettercap 1.x's Ruby source is not in bettercap/bettercap's tree)",
    "reqable-ed82b919": "OpenSSL's 'tlsv1 alert unknown ca' read from the client (a server's "
        "log since round 20: the client refused this server's certificate, an untrusted root "
        "first .45): that the server is Reqable re-signing the app's traffic is not "
        "in the text ('[Netbare]' is Reqable's closed engine; NetBare's open source "
        "@ df5b417ea663 prints none of these lines)",
    "sslsplit-e1668666": "sslsplit's 'Error from bufferevent' with a received bad_certificate: "
        "today's source prints 'Error from src|dst bufferevent' (droe/sslsplit pxyconn.c "
        "@ b2128fc9a7cb; read since round 20), this one names no side, so the upstream server "
        "refusing sslsplit's missing client certificate and a client refusing its forged one "
        "read alike (below 0.2)",
    "myownnotes-android-355a2add": "MyOwnNotes' toast for any IOException ('the url you "
        "request data from doesn't seem to exist', its own source) names no TLS failure: the "
        "certificate's wrong name is not in the text",
    "etesync-dav-2ca0aefe": "reqwest/native-tls's 'unable to get local issuer certificate' for "
        "a host on port 8484 (a non-standard port reads as a private server: a private CA "
        "first): the Let's Encrypt certificate served without its intermediate is not in the text",
    "egdownloader-java-dcd6db8a": "Java's received handshake_failure retyped as 'handshake_ "
        "failure' (the posted words are broken; read whole, Java's refusal puts the client's "
        "settings first): the helper's missing SNI is not in the text",
    "ksp-ckan-dotnet-b6985976": ".NET's 'Could not establish trust relationship' (the store "
        "or the root first): that SpaceDock's certificate had expired is not in the text",
    "nomad-80bc802e": "Go's bare 'certificate signed by unknown authority' (an untrusted root "
        "first): the intermediate missing from what the server sent is not in the text",
    "vproxy-rust-fac36ec1": "curl's 'unexpected eof while reading' through an HTTP proxy (a "
        "middlebox first): that the proxy could reach its targets only over IPv6 is not in the text",
    "go-github-alpine-0f4217a4": "Go's unknown authority for api.github.com (read since round "
        "20 without its 'x509:' prefix; a big public host puts re-signing first, 0.49): the "
        "bare alpine image without ca-certificates is not in the text",
    "casdoor-884b1b2e": "Go's unknown authority for github.com (read since round 20 as 'X509 "
        "certificate ...'; re-signing first, 0.49): the Docker image that lost ca-certificates "
        "is not in the text",
    "bark-server-requests-d02a47f9": "pyOpenSSL's 'certificate verify failed' without the "
        "verify result (an untrusted root first, 0.29): the certificate left to expire by a "
        "stopped acme.sh renewal is not in the text",
    "mcp-link-python-6b3fc1a5": "Python's server log 'SSL accept failed ... sslv3 alert "
        "certificate unknown' (the client refused this server's certificate; an unknown root "
        "first): that the certificate had expired is not in the text",
    # Round 21: holdout19 folded into dev (27/42 on the round's starting code); the misses
    # its classes did not cover (the classes: tests/ingest/test_round21_classes.py). The
    # Android trust-anchor class is learned up to holdout18 at 4 untrusted roots : 2 missing
    # intermediates : 1 no SNI (a majority of two), so its two missing intermediates are
    # misses now and its four untrusted roots (alexa, android-5c8afcc1, ntfy, just-plus) right.
    "android-webview-c00d7f4d": "Android's bare 'Trust anchor for certification path not "
        "found' (an untrusted root first, 4 of 7 dev threads learned up to holdout18): the "
        "intermediate the server omits is not in the text",
    "commafeed-newsplus-android-db158c73": "Android's bare 'Trust anchor for certification "
        "path not found' (the same class): the wrong intermediate sent after a renewal is not "
        "in the text",
    "cpuminer-gr-schannel-bf16bbb9": "Schannel's SEC_E_ILLEGAL_MESSAGE (a received alert; 3 dev "
        "threads, 3 causes: suites, a version, a security product): Windows 7 without TLS "
        "1.1/1.2 enabled is not in the text",
    "pixelserv-tls-c92dc242": "NSS's SSL_ERROR_NO_CYPHER_OVERLAP (any handshake_failure "
        "answering the ClientHello; suites first, 0.55, 7 of 9 dev threads): that the server "
        "was reached by its IP address, with no name to pick a certificate by, is not in the text",
    "firefox-0c5637a2": "Firefox's no common encryption algorithm(s) (the same code, suites "
        "first): the CDN's stuck certificate renewal is not in the text",
    "uservoice-ios-sdk-4fb14c1e": "NSURLErrorDomain -1200 with no -98xx code or ATS words (2 "
        "dev threads, 2 causes): iOS 9's App Transport Security refusing a SHA-1 certificate "
        "is not in the text",
    "chrome-e31d3043": "Chrome's ERR_SSL_PROTOCOL_ERROR page, whose fixed sentence names a "
        "client certificate as one possibility for every such error (4 dev threads, 3 causes): "
        "the server's client-certificate requirement is not in the text",
    "wget-9078c8c7": "wget's 'Unable to locally verify the issuer's authority' for a Let's "
        "Encrypt R3 leaf (the client's store first, 0.45; the same issuer was a client store in "
        "wget-0e82a6c8): the incomplete chain SSL Labs showed is not in the text",
    "v2ray-agent-client-d577b890": "Go's 'remote error: tls: handshake failure' (suites first, "
        "0.55): that the CDN's edge certificate does not cover a multi-level subdomain is not "
        "in the text",
    "curl-1946ee09": "curl's 60 'unable to get local issuer certificate' with no host (the "
        "missing intermediate first, 0.45): Avast's HTTPS scanning is not in the text",
    "chrome-w13scan-b620c447": "Chromium's log line 'handshake failed; returned -1, SSL error "
        "code 1, net_error -107' (ERR_SSL_PROTOCOL_ERROR, a plain port first, 0.3): the "
        "intercepting proxy the browser went through is not in the text",
    # holdout20's fold (round 21): the misses left for the classes work.
    "apt-da0f8209": "apt's GnuTLS 'Could not handshake: A TLS fatal alert has been "
        "received' names no alert (suites first, 0.3): the repository server's broken proxy "
        "settings are not in the text",
    "xray-core-86c387f8": "Go's 'x509: certificate signed by unknown authority' inside Xray's "
        "VLESS outbound chain (an untrusted root first, 0.55; its 'app/proxyman/' package path "
        "no longer reads as the Proxyman app, round 21): the server's cert.pem without its "
        "intermediate is not in the text",
    "ovms-abrp-link-cf197941": "mongoose's mbedTLS 'SSL error: -9984' (X509 verify failed, "
        "no flags printed): the GTS CA 1P5 missing from the OVMS trust list is not in the text",
    "w3c-markup-validator-a16ab870": "LWP's \"500 Can't connect ... (certificate verify "
        "failed)\" (no reason; an untrusted root first, 0.35): the missing RapidSSL "
        "intermediate is not in the text",
    "libacvp-c7604103": "curl's bare 'code 35 (SSL connect error)' (suites first, 0.3): the "
        "company firewall is not in the text",
    "wget-5282aaa7": "wget's 'Self-signed certificate encountered' naming a COMODO "
        "intermediate as issuer (a self-signed certificate first, 0.55): the server not "
        "sending that intermediate is not in the text",
    "mobile-browsers-iis-3d514684": "Chrome's ERR_CERT_AUTHORITY_INVALID and Safari's 'could "
        "not establish a secure connection' (an untrusted root first, 0.55): the IIS server's "
        "missing intermediate, which desktop browsers fill in, is not in the text",
    "postfix-dane-0e356193": "Postfix's 'Trusted TLS connection established' then 'Server "
        "certificate not verified' (a trusted chain that did not match: the names first, "
        "0.45, TLSA records second, round 21): that the level was dane, so the TLSA record "
        "was what did not match, is not in the text",
    "postfix-tls-policy-61031517": "Postfix's bare 'Server certificate not verified' (an "
        "untrusted root first, 0.4): the pinned fingerprint the renewed certificate no longer "
        "matches is not in the text",
    # holdout21's fold (round 22): the misses left for the classes work.
    "rhasspy-b7c0cd72": "Python's bare 'certificate verify failed' for a home-assistant.local "
        "name (an untrusted root first, 0.35, self-signed second): since round 22's support is "
        "chosen by the time split (15 threads), no learned class of this reading applies; the "
        "self-signed certificate is not in the text",
    "haaska-019b1ccc": "Python's bare 'certificate verify failed' (an untrusted root first, "
        "0.35, self-signed second): no learned class applies at round 22's support; the "
        "self-signed certificate of the Home Assistant host is not in the text",
    "intellij-proxyai-plugin-b9478f75": "Java's bare 'PKIX path building failed' (an untrusted "
        "root first, 0.55): the Zscaler proxy re-signing the connection is not in the text",
    "archi-java-5b96e570": "Java's bare 'PKIX path building failed' (an untrusted root first, "
        "0.55): the company's Zscaler interception is not in the text",
    "yagna-rust-262b746b": "OpenSSL's 'tls_process_server_certificate:certificate verify "
        "failed' with no verify reason (an untrusted root first, 0.35): the container image "
        "without ca-certificates is not in the text",
    "pip-urllib-afd93e03": "OpenSSL 1.0's 'SSL3_GET_SERVER_CERTIFICATE:certificate verify "
        "failed' with no verify reason (an untrusted root first, 0.35): the site's incomplete "
        "chain is not in the text",
    "gradle-jdk7-0c4f3d25": "Gradle's 'Received fatal alert: handshake_failure' for a "
        "repository host: that the JDK was 7 (its TLS 1.2 suites refused) is not in the text",
    "firefox-cloudflare-8dd0c977": "Firefox's SSL_ERROR_NO_CYPHER_OVERLAP (suites first, "
        "0.55): the Cloudflare front's broken certificate setup, failing every browser, is not "
        "in the text",
    "jenkins-kubernetes-client-b4ffb69c": "kubectl's 'tls: private key does not match public "
        "key' and Java's received bad_certificate: the server-side reading of the key mismatch "
        "wins (0.5); that the pair was the kubeconfig's client certificate is not in the text",
    "curl-nss-2202346e": "curl's Secure Transport 'SSL peer handshake failed, the server most "
        "likely requires a client certificate' (a received handshake_failure, read as Apple's "
        "-9824 since round 22: suites first, 0.55): the forced -3 (SSLv3) is not in the text",
    "stunnel-transdroid-781c36df": "OpenSSL 1.0's server 'SSL3_GET_CLIENT_HELLO:no shared "
        "cipher' (suites first, 0.55, the version second since round 22): that the client "
        "only spoke SSLv3 is not in the text",
    # holdout22's fold (round 22): the misses whose cause is not in the text.
    "hysteria-openwrt-6995efc6": "Go's 'x509: certificate signed by unknown authority' in a "
        "QUIC CRYPTO_ERROR (an untrusted root first, 0.55): that OpenWrt ships no CA bundle "
        "(ca-certificates not installed) is not in the text",
    "hysteria2-057f7c4d": "QUIC's 'CRYPTO_ERROR 0x150 (remote): tls: internal error' (a "
        "received internal_error alert, read since round 24: the server's own fault first, "
        "0.4, the name second): the server's sniGuard refusing the SNI is not in the text",
    "appwrite-flutter-sdk-f8c91d29": "Dart's BoringSSL 'CERTIFICATE_VERIFY_FAILED: certificate "
        "has expired' (an expired certificate first, 0.45): that Android 7's store lacks ISRG "
        "Root X1, so the chain went to the expired DST Root CA X3, is not in the text",
    "grpc-objc-ios-431e7ac2": "gRPC's BoringSSL bare 'CERTIFICATE_VERIFY_FAILED' (an untrusted "
        "root first, 0.35): the device clock set away from real time is not in the text (only "
        "the log's stale timestamps hint at it)",
    "nginx-ocsms-android-78083b5a": "nginx's OpenSSL 1.0 'SSL23_GET_CLIENT_HELLO:unknown "
        "protocol' (a plaintext client first, 0.5, the version second, 0.45, since round 22: "
        "s23_srvr.c raises it for both): that the Android 4.4 client offered only TLS 1.0, "
        "which the server had disabled, is not in the text",
    "pytrustnfe-requests-3c869c24": "pyOpenSSL's 'sslv3 alert handshake failure' (suites "
        "first, 0.45, a client certificate third): that the SEFAZ service demands an A1 client "
        "certificate is not in the text",
    "packer-proxmox-d488b4c7": "Proxmox's '596 tls_process_server_certificate: certificate "
        "verify failed' (an untrusted root first, 0.35): the FQDN given where the node name was "
        "needed, so the API proxied to a wrong target, is not in the text",
    "check-pve-nagios-fc101341": "check_pve's own 'Could not connect to PVE API: Certificate "
        "validation failed' (unrecognised): the Proxmox default self-signed certificate is not "
        "in the text",
    "wget-centos-80631448": "wget's 'Issued certificate has expired' for a Let's Encrypt R3 "
        "leaf (an expired certificate first, 0.55): that the CA bundle predates the DST Root CA "
        "X3 expiry is not in the text",
    "composer-548fec77": "Composer's 'curl error 60 ... unable to get local issuer "
        "certificate' (an untrusted root first, 0.5): the antivirus HTTPS scanning re-signing "
        "the connection is not in the text",
    "wget-sni-legacy-a8e50d4a": "OpenSSL 1.0's 'SSL23_GET_SERVER_HELLO:sslv3 alert handshake "
        "failure' (the version first, 0.45): that the old wget 1.13.4 sent no SNI is not in "
        "the text",
    "pvea-node-axios-2abc70c9": "Node's 'unable to verify the first certificate' (the missing "
        "intermediate first, 0.55, an untrusted root second): that the Proxmox node's own PVE "
        "CA signed the certificate is not in the text",
    "mysql-client-ssl-d7571128": "MySQL's bare 'ERROR 2026 (HY000): SSL connection error' "
        "(unrecognised): the CA and leaf certificates sharing one Common Name are not in the "
        "text",
    "pip-behind-paloalto-74740a56": "OpenSSL 3's 'unsafe legacy renegotiation disabled' (an "
        "old server first, 0.5, an inspecting middlebox second, 0.3, since round 22): that "
        "the peer without RFC 5746 was the Palo Alto's SSL inspection is not in the text",
    # holdout23's fold (round 23): the misses, before the classes work.
    "libcurl-backend-12c217b6": "curl's bare 'unable to get local issuer certificate' (an "
        "untrusted root first, 0.35, the missing intermediate second, 0.3): that the server "
        "sent no intermediate is not in the text",
    "jellyfin-dotnet-d1c59580": ".NET's 'remote certificate is invalid according to the "
        "validation procedure' (an untrusted root first, 0.3): that the certificate had expired "
        "that day is not in the text",
    "linphone-sdk-b697d8c2": "mbedTLS's 'X509 - Certificate verification failed, e.g. CRL, CA "
        "or signature check failed' (the client's setup first, 0.35, an untrusted root second, "
        "0.3): the CA missing from Linphone's rootca.pem is read as the client's own setup",
    "curl-nss-71cc6b8f": "curl NSS's 'Peer certificate cannot be authenticated with known CA "
        "certificates' (an untrusted root first, 0.45, the missing intermediate second): that "
        "the server sent no intermediate is not in the text",
    "headscale-docker-0fdb252b": "Go's 'x509: certificate signed by unknown authority' (an "
        "untrusted root first, 0.55): the image without ca-certificates is not in the text",
    "tailscale-derper-5bb8a452": "Go's server-side 'remote error: tls: bad certificate' (the "
        "names first, 0.35): the firewall in front of the DERP server is not in the text",
    "k9mail-android-0e1eb731": "K-9's 'CertificateValidationException: Handshake failed' (no "
        "finding): that implicit TLS was set on the STARTTLS port 587 is not in the text",
    "git-gnutls-gitea-dbb8e338": "git's GnuTLS 'gnutls_handshake() failed: Error in protocol "
        "version' (suites and the version first, 0.3): the nginx virtual host's SNI handling is "
        "not in the text",
    # holdout24's fold (round 23): the misses, before the classes work.
    "chrome-xx-net-921e7a48": "Chrome's Chinese ERR_SSL_PROTOCOL_ERROR page (a plain service "
        "first, 0.35): the ad-blocker ADSafe interfering with HTTPS is not in the text",
    "waterfox-8cdb7fcb": "NSS's SSL_ERROR_ACCESS_DENIED_ALERT (a client certificate first, "
        "0.45, a middlebox third): that ESET's web protection denied the host is not in the "
        "text",
    "curl-mingw-7e183ad6": "curl's bare 'unable to get local issuer certificate' (the missing "
        "intermediate first, 0.45): AVG Web Shield re-signing the certificate is not in the "
        "text",
    "apt-gnutls-b7bc84fe": "apt's GnuTLS 'The certificate chain uses expired certificate' "
        "(the expiry first, 0.45, the client's store second, 0.4, since round 23): that this "
        "client's old ca-certificates was the expired part is not in the text",
    "conda-51a2974d": "OpenSSL 1.1's bare 'certificate verify failed' through urllib3 (an "
        "untrusted root first, 0.35): that the mirror's certificate had expired is not in the "
        "text",
    "apache-httpclient-java-9529255c": "JSSE's 'PKIX path building failed' (an untrusted root "
        "first, 0.55): that the server sent no intermediate is not in the text",
    "jetty-client-8c5c8fe0": "JSSE's bare 'Received fatal alert: handshake_failure' (the "
        "client's setup first, 0.4, suites third): that the server offered only CBC-SHA "
        "suites is not in the text",
    "openssl-3.4-client-4fcf96de": "OpenSSL's 'unable to get local issuer certificate' (an "
        "untrusted root first, 0.35): that the self-built OpenSSL loads no system CA store "
        "is not in the text",
    "git-gnutls-ba77bd46": "git's GnuTLS 'server certificate verification failed. CAfile: "
        "none' (an untrusted root first, 0.35): the client's expired DST Root CA X3 is not in "
        "the text",
    "neuro-san-httpx-ae399c8e": "Python's 'unable to get local issuer certificate' (the "
        "client's setup first, 0.45): Zscaler's re-signing is not in the text",
    "dotnet-wcf-soap-354acc2c": ".NET's 'forcibly closed by the remote host' inside WCF's "
        "HTTP.SYS text (a middlebox first, 0.45, the version third): the server's TLS 1.2 "
        "only setting is not in the text",
    "vdefend-ssp-installer-browser-ad18c50c": "ERR_CERT_AUTHORITY_INVALID with s_client's "
        "'self-signed certificate in certificate chain' (interception first, 0.5, an "
        "untrusted root second): that the chain's root is the organisation's own CA is not in "
        "the text",
    "vcf-installer-offline-depot-058e9f1d": "VCF's 'Secure protocol communication error' (no "
        "finding): the name check is not in the text",
    "symantec-protection-engine-caf-winhttp-89652465": "WinHTTP's 12175 in CAF's JSON log (an "
        "untrusted root first, 0.3): that no cipher suite was shared is not in the text",
    # holdout25's fold (round 24): the misses, before the classes work.
    "xmpp-js-c7f7408e": "Node's ERR_TLS_CERT_ALTNAME_INVALID checking 'Host: localhost.' "
        "against a public certificate (since round 24 a ranking: the names first, 0.5, the "
        "calling program's missing host second, 0.35; 1.0 before): that xmpp.js gave "
        "tls.connect no host, so Node checked its default name, reads the same as a program "
        "pointed at localhost (n8n-nodemailer-56cb07fb, the names)",
    "duckle-rustls-75de5b18": "rustls's 'invalid peer certificate: UnknownIssuer' (an "
        "untrusted root first, 0.55): Zscaler's re-signing and the app ignoring the Windows "
        "store are not in the text",
    "courier-imap-fddd7529": "a mail client's 'Unable to connect to your IMAP server. You "
        "may have exceeded the maximum number of connections' (no finding): the server's "
        "SSLv3-only TLS_PROTOCOL setting is not in the text",
    "outlook-win7-505338aa": "Outlook's 0x800CCC1A 'Your server does not support the "
        "connection encryption type you have specified' (IXP_E_SECURE_CONNECT_FAILED since "
        "round 24: a version the old Windows lacks first, 0.4, suites second, 0.3): that "
        "Dovecot's cipher list shared none with Windows 7, not its versions, is not in the "
        "text",
    "invidious-bbb4e9fe": "OpenSSL's bare 'certificate verify failed' (an untrusted root "
        "first, 0.35): the Raspberry Pi's unsynchronised clock after a power cut is not in "
        "the text",
    "gradle-3bd02340": "JSSE's 'PKIX path building failed' through Gradle (an untrusted root "
        "first, 0.54): that the server sent no intermediate is not in the text",
    "firefox-avast-3ab86f9e": "Firefox's 'addon could not be download because of a "
        "connection failure' (no finding): Avast's HTTPS scanning is not in the text",
    "aliyun-java-sdk-d660ea16": "JSSE's 'PKIX path building failed' in an SDK's JSON (an "
        "untrusted root first, 0.55): the nginx proxy's own self-signed certificate is not in "
        "the text",
    "metasploit-ruby-eca56078": "OpenSSL 3's 'unsafe legacy renegotiation disabled' through "
        "Ruby (an old server first, 0.5): that the fix was re-enabling legacy server connect "
        "in the client is not told by the words, which any OpenSSL 3 client prints",
    "axway-api-gateway-4bebaba6": "OpenSSL 3's 'unsafe legacy renegotiation disabled' in "
        "Axway's trace (an old server first, 0.5): the vendor's fix in the gateway's "
        "openssl.cnf is not told by the words",
    # holdout26's fold (round 24): the misses, before the classes work.
    "mosquitto-sub-client-cert-b962d7fe": "OpenSSL's received 'sslv3 alert unsupported "
        "certificate' through mosquitto_sub (the certificate's purpose first, 0.4; a client "
        "certificate third): that the broker refused the client's certificate for its "
        "missing common name is not in the text",
    "libstrophe-schannel-f6e95d67": "libstrophe's 'Couldn't start TLS! error -3 tls_error "
        "-2146893032' (since round 26 the decimal SEC_E_INCOMPLETE_MESSAGE is read: the "
        "connection closed mid-message, a middlebox first, 0.4): the thread found the "
        "client's hard-coded algorithm list, which the words do not name",
    "wukongim-wss-ca0f66ce": "Go's server-side 'remote error: tls: unknown certificate' in "
        "a Chinese log line (since round 26 read despite the state name glued after it: an "
        "untrusted root first, 0.22): the clients refusing the server's certificate for its "
        "name is not in the text",
    "afipws-ruby-docker-a9c73bc0": "Ruby's 'sslv3 alert handshake failure' (suites first, "
        "0.45): AFIP's weak Diffie-Hellman parameters against a stricter OpenSSL are not in "
        "the text",
    "firefox-strato-hosting-e97ffa48": "Firefox's SSL_ERROR_NO_CYPHER_OVERLAP in German "
        "(suites first, 0.55): the shared host serving no certificate for the subdomain is "
        "not in the text",
    "drawpile-qt-dd92f573": "Qt's bare 'SSL handshake failed' (suites first, 0.3): the "
        "expired certificate is not in the text",
    "nginx-proxy-upstream-sni-c1698829": "a bare 'https://1.1.1.1:443 TLS handshake failed' "
        "(suites first, 0.3): nginx sending no SNI upstream is hinted only by the IP "
        "address",
    "vsftpd-zos-ftp-client-fe57bb00": "z/OS FTP's '410 (SSL message format is incorrect)' "
        "with vsftpd's '522 ... session reuse required' (the client first, 0.3): vsftpd's "
        "request for a client certificate is not in the text",
    "inlabs-python-requests-b614009b": "OpenSSL's 20 through Python (the client's store "
        "first, 0.45): the ICP-Brasil root missing from common stores is not in the text",
    "zapret-manager-firefox-75fa153b": "Firefox's SSL_ERROR_RX_RECORD_TOO_LONG in Russian "
        "(a plain service on the port first, 0.55 since round 24, the path second, 0.25; 0.8 "
        "before): that a DPI bypass tool broke the records is not in the text; the same "
        "words as a plain-HTTP port",
    "rsa-access-manager-java-6f77a899": "JSSE's 'Fatal Alert received: Handshake Failure' "
        "(a middlebox first, 0.55): the anonymous suites Java 8u201 disabled are not in the "
        "text",
    "check-ssl-cert-nagios-centos7-ca524db7": "check_ssl_cert's 'certificate element 1 is "
        "expired' (no finding): the plugin's old OpenSSL 1.0.2k misreading the date is not "
        "in the text",
    # holdout27's fold (round 24): the misses, before the classes work.
    "zrok-openziti-f5010841": "Go's 'x509: certificate signed by unknown authority' through "
        "OpenZiti's certificate login (an untrusted root first, 0.54; interception fourth): "
        "the corporate proxy re-signing the connection is not in the text",
    "smooth-esp32-mbedtls-4120ac15": "mbedTLS's -29056 'Verification of the message MAC "
        "failed' (since round 24 a ranking: the path first, 0.45, the client's own crypto "
        "third, 0.25; 0.6 before): the toolchain's miscompiled crypto is not in the text",
    "websphere-ibm-mq-zos-d30288e7": "IBM MQ's AMQ9771 with JSSE's 'Received fatal alert: "
        "bad_record_mac' (since round 24 a ranking: the path first, 0.5, the server's own "
        "crypto second, 0.3; 0.7 before): the queue manager's failing ICSF crypto services "
        "are not in the text",
    "veeam-vddk-hotadd-8a20d9bf": "VDDK's 'SSL Async Handshake Timeout' (suites first, 0.3): "
        "the self-signed vCenter certificate tree is not in the text",
    "hutool-httpclient-3d657b91": "a bare Java 'SocketException: Connection reset' through "
        "hutool (a middlebox first, 0.45): JDK 1.7's TLS 1.0 default against a provider "
        "that dropped it is not in the text",
    "cellular-module-https-at-7dbd48a3": "a cellular module's AT result '715 Handshake "
        "failed' (no finding): the module sending no SNI is not in the text",
    "throne-proxy-client-bad02341": "Schannel's 'An unsupported function was requested' "
        "through Qt in Throne (suites first, 0.4): the client's own bug, fixed in a release, "
        "is not in the text",
    "aria2-android-6cdac39d": "aria2's 'self signed certificate in certificate chain' "
        "(interception first, 0.5; the client third): the Android build without a CA store "
        "is not in the text",
    "proxmox-backup-server-0d7e8a95": "OpenSSL 3's 'certificate verify failed' in a PBS "
        "sync job (an untrusted root first, 0.35; the client fourth): the pinned fingerprint "
        "that changed at renewal is not in the text",
    # holdout28's fold (round 25): the misses, before the classes work.
    "java-mail-server-client-ecb44946": "JSSE's PKIX 'unable to find valid certification "
        "path' (an untrusted root first, 0.55): the new SSL-inspecting appliance in front "
        "of the mail server is not in the text",
    "1c-enterprise-thin-client-ba4c1e6f": "libcurl's 'Peer certificate cannot be "
        "authenticated with known CA certificates' (an untrusted root first, 0.45): the "
        "web server's self-signed certificate is not in the text",
    "global-agent-node-796388c0": "OpenSSL's 'wrong version number' from Node (a plain "
        "port first, 0.55): the company proxy answering in plain text for a URL off its "
        "whitelist is not in the text",
    "moonlight-qt-113b35b4": "Qt's bare QNetworkReply::SslHandshakeFailedError on every "
        "request (no finding): the Qt build's mismatch with the OpenSSL 3 it loaded is not "
        "in the text",
    "wechat-miniprogram-8444d6f9": "Chromium's net::ERR_CERT_AUTHORITY_INVALID through a "
        "WeChat mini program (an untrusted root first, 0.51): nginx serving the leaf "
        "without fullchain is not in the text",
    "sickchill-23cefd00": "a Python server's 'SSL Error on <fd>' with a received 'sslv3 "
        "alert certificate unknown' (an untrusted root first, 0.22): that the browser "
        "refused the app's own self-generated certificate is not in the text",
    "firefox-fc23dd11": "Firefox's Italian 'Questa connessione non è sicura' with "
        "SEC_ERROR_UNKNOWN_ISSUER (an untrusted root first, 0.55): the antivirus HTTPS "
        "scanning re-signing every site is not in the text",
    "python-urllib-28fdbf15": "Python's 'unable to get local issuer certificate' (the "
        "client's store first, 0.45): the Zscaler inspection re-signing the traffic is not "
        "in the text",
    "zowe-desktop-zlux-ff19dd19": "Node's SELF_SIGNED_CERT_IN_CHAIN in Zowe's APIML login "
        "(interception first, 0.5): the site's own external CA that Node did not trust is "
        "the literal reading, but the words do not tell it from a re-signing proxy",
    # holdout29 (round 25)
    "luminati-proxy-manager-4cd5b99d": "Python 2's urllib 'CERTIFICATE_VERIFY_FAILED' (an "
        "untrusted root first, 0.35): the Luminati proxy's SSL sniffing re-signing with its "
        "own CA is not in the text",
    "ingress-nginx-928e0f8f": "curl's (60) 'Invalid certificate chain' from SecureTransport "
        "(an untrusted root first, 0.35): the ingress serving its default fake certificate "
        "because the tls section named no host is not in the text",
    "onelauncher-python-04bcc0e1": "OneLauncher's '[E15] SSL Error occurred in HTTPS "
        "connection' (no finding): the launcher's own outdated cacerts.pem is not in the text",
    "servicenow-outbound-rest-be02c817": "openssl s_client's 'write:errno=54' reset after "
        "the client hello (interference first, 0.45): the KB's 'returns ... a certificate "
        "for a different <server-name>' (the endpoint needs SNI) is not read: it is the "
        "article's prose, no program's print, so it makes no class",
    # holdout36 (round 27)
    "nextcloud-mail-ed6eda89": "Nextcloud Mail's 'Manual config failed. IMAP server is not "
        "reachable.' is not recognised; the mail server's self-signed certificate is not in "
        "the text",
    "jellyseerr-b6a8a69e": "Jellyseerr's '[Radarr] Failed to retrieve profiles: fetch failed' is "
        "not recognised; Radarr's internal-CA certificate that Node does not trust is not in "
        "the text",
    "coturn-2ff937c2": "coturn's 'TLS/TCP socket buffer operation error (callback)' is not "
        "recognised; the browser refusing the certificate for the server's IP address is not "
        "in the text",
    "rspamd-91ee2f16": "rspamd's 'ssl connect error: ... error:0A000086:SSL routines::certificate "
        "verify failed' ranks an untrusted root first (0.35); the maps server's expired "
        "certificate is not in the text",
    "mattermost-017cc8eb": "Go's bare 'x509: certificate signed by unknown authority' in "
        "Mattermost's token request ranks an untrusted root first (0.55); the server sending "
        "no intermediates is not in the text",
    "miniflux-5e111642": "Go's 'tls: failed to verify certificate: x509: certificate signed by "
        "unknown authority' from Miniflux ranks an untrusted root first (0.55); the feed "
        "server's missing intermediate is not in the text",
    "teleport-tsh-f7522470": "tsh's '*tls.CertificateVerificationError ... certificate signed "
        "by unknown authority' ranks an untrusted root first (0.55); Cloudflare WARP "
        "re-signing the proxy's TLS is not in the text",
    "protonmail-bridge-aacf4ec3": "Bridge's 'TLS handshake error for 127.0.0.1:<port>: remote "
        "error: tls: bad certificate' ranks a name mismatch first (0.19); the local client "
        "refusing the bridge's self-signed certificate is partly in the text (a loopback "
        "client's alert)",
    "bitwarden-cli-dc8a679b": "Node's 'unable to get local issuer certificate' from the "
        "Bitwarden CLI ranks an incomplete chain first (0.55); the antivirus/proxy re-signing "
        "TLS is not in the text",
    "firefly-iii-293c52c0": "PHP cURL's 'error 60: SSL certificate problem: unable to get "
        "local issuer certificate' for github.com ranks interception first (0.41); the "
        "server's outdated CA bundle is not in the text beyond a public host's name",
    "murmur-2ad402d7": "Qt's 'The root CA certificate is not trusted for this purpose' with "
        "Murmur's 'SSL Error: ' but not its log frame ranks an untrusted root first (0.55, the "
        "purpose second); that Murmur, the server, refused the user's own-CA client "
        "certificate is in Murmur's frame ('=> <n:name(id)> SSL Error:'), not in the text",
    # holdout37 (round 27)
    "go-f78995e2": "Go's 'x509: certificate signed by unknown authority (possibly because of "
        "\"crypto/rsa: verification error\" ...)' from etcd (client configuration first, 0.45): "
        "the wrong/missing CA given to the peer is the untrusted-root reading the words carry",
    "firefox-8865e169": "Firefox's SEC_ERROR_UNKNOWN_ISSUER page (an untrusted root first, "
        "0.55): the page's own 'might not be sending the appropriate intermediate certificates' "
        "names the cause, but the words do not tell it from a private root",
    "android-conscrypt-106d97a3": "Conscrypt's 'SSLV3_ALERT_HANDSHAKE_FAILURE' read error (a "
        "suite mismatch first, 0.45): the server's 'SSLVerifyClient require' sending a bare "
        "handshake_failure for a missing client certificate is not in the text",
    "curl-gnutls-bdb74611": "curl/GnuTLS's '(35) gnutls_handshake() failed: Internal error' "
        "(read as the server's internal_error alert since round 27: the name asked first, 0.4, "
        "the server's set-up second, 0.35): the platform move behind it is not in the text",
    "curl-securetransport-250b4dd1": "curl/SecureTransport's 'Invalid certificate chain' (an "
        "untrusted root first, 0.35): the revoked certificate is not in the text (Secure "
        "Transport reports revocation as errSSLXCertChainInvalid)",
    "libressl-0f2d2107": "LibreSSL s_client's 'verify error:num=10:certificate has expired' on "
        "AddTrust External CA Root (an expired certificate first, 0.45): the old LibreSSL "
        "verifier not trying the alternative chain is not in the text",
    "git-schannel-ce755937": "git/Schannel's '0x80092012 - The revocation function was unable "
        "to check revocation' (interception first, 0.45): the network blocking the revocation "
        "check (CRL/OCSP) is the cause, and the revocation words are in the text",
    "postfix-2e945441": "Postfix's 'SSL23_GET_CLIENT_HELLO:unknown protocol' (a non-TLS "
        "service first, 0.5): PHP's TLS-1.0-only STREAM_CRYPTO_METHOD_TLS_CLIENT against a "
        "TLS-1.2-only submission port is not in the text",
    # holdout38 (round 27)
    "postcodenl-magento-plugin-558d2efb": "curl's bare '(35) SSL connect error' (a suite mismatch "
        "first, 0.3, a version mismatch tied second): the server's outdated cURL unable to speak "
        "the protocol the API requires is not in the text",
    "dcm4che-storescu-dab226cc": "Java's 'SSLException: readHandshakeRecord' with a suppressed "
        "'Broken pipe' from dcm4che's storescu is not recognised; the server requiring a client "
        "certificate is not in the text (the empty --key-store=\"\" on the command line hints it)",
    "dicom-rs-storescu-84cca1a0": "dicom-rs's 'failed to send PDU message on wire' / 'unexpected "
        "end of file' is not recognised; the non-TLS DICOM server the TLS client reached is not "
        "in the text",
    "node-opcua-server-362bcb98": "OPC UA's bare 'BadSecurityChecksFailed (0x80130000)' is not "
        "recognised; the server's PKI keeping the client certificates in its rejected folder is "
        "not in the text",
    "minecraft-world-downloader-caaffc03": "Java's 'PKIX path building failed' from Unirest (an "
        "untrusted root first, 0.55): the misconfigured hosts file pointing the Mojang auth name "
        "at another machine is not in the text",
    "elixir-req-87a5485b": "Erlang's 'CLIENT ALERT: Fatal - Unknown CA' from Mint/Req (client "
        "configuration first, 0.4, an untrusted root second, 0.25): the site's CA missing from "
        "the common stores is the untrusted-root reading the words carry (in the text)",
    "godotfirebase-669ec26e": "mbedTLS's 'TLS handshake error: -9984' (X509_CERT_VERIFY_FAILED) "
        "from Godot (client configuration first, 0.35): the school Wi-Fi re-signing TLS with its "
        "own certificates is not in the text",
    "moonraker-82487750": "Python's 'unable to get local issuer certificate' from Moonraker "
        "(client configuration first, 0.45, an incomplete chain second, 0.3): Home Assistant's "
        "locally issued certificate is not in the text (only a LAN address and port 8123)",
    "dooropener-813ce11a": "Python's 'unable to get local issuer certificate' via urllib3 "
        "(client configuration first, 0.45, an incomplete chain second, 0.3): Home Assistant's "
        "self-made certificate is not in the text (only port 8123)",
    "http-enumerator-6123573d": "rustls's 'unexpected packet: Handshake [ServerHelloDone]' is not "
        "recognised; the Ubuntu host without the ca-certificates package (no trust store) is not "
        "in the text",
    "acbr-net-nfse-7786bc99": ".NET's Portuguese 'Não foi possível estabelecer um canal seguro "
        "para SSL/TLS' is not recognised; the library's TLS 1.1 setting against the provider's "
        "TLS 1.2 requirement is not in the text",
    "spotifyd-72815423": "rustls's 'invalid peer certificate: UnknownIssuer' from spotifyd (an "
        "untrusted root first, 0.4): the network's TLS inspection CA, in the OS store that "
        "rspotify's bundled roots do not read, is not in the text",
    "rsconnect-4608c10b": "curl's 'TLS connect error: ... cert already in hash table' from "
        "rsconnect (a suite mismatch first, 0.3): curl 6.3.0's LibreSSL build choking on the "
        "combined certificate-store file is not in the text (the duplicate-certificate words hint)",
    "braintree-php-ffe069d5": "braintree_php's bare 'Exception\\SSLCertificate' in _doUrlRequest() "
        "is not recognised; the sandbox requiring TLS 1.2 while PHP/cURL did not use it by "
        "default is not in the text",
    "blc-paypal-4eb9eea9": "Java's 'Received fatal alert: handshake_failure' (client "
        "configuration first, 0.4): PayPal's TLS-1.2-only endpoints against Java 7's TLS 1.1 "
        "default are not in the text",
    # holdout39 (round 27)
    "postfix-91bb0dc0": "Postfix's 'Untrusted TLS connection established' log line is not "
        "recognised; main.cf having no smtp_tls_CAfile (so no chain can be verified) is not in "
        "the text",
    "boringssl-c03e3498": "gRPC/BoringSSL's 'CERTIFICATE_VERIFY_FAILED' (an untrusted root "
        "first, 0.35): gRPC's bundled roots.pem leading to the expired DST Root CA X3 is not in "
        "the text (only the date, 30 September 2021, is)",
    "dovecot-acb08131": "Dovecot's 'SSL_accept() failed: ... sslv3 alert bad certificate' (a "
        "hostname mismatch first, 0.35): imapfilter 2.6.13 loading no CA bundle is not in the "
        "text",
    "curl-schannel-f841a5de": "curl/Schannel's 'SEC_E_INVALID_TOKEN (0x80090308)' (a non-TLS "
        "service first, 0.5, network interference tied): the self-signed certificate Windows does "
        "not trust is not in the text",
    "rustls-e6a118be": "rustls's 'Connection reset by peer' (network interference first, 0.5): "
        "the server configured only with suites rustls does not implement is not in the text",
    "apple-8d627af5": "Safari's 'can't establish a secure connection to the server' "
        "(interception first, 0.3, a non-TLS service tied): the changed self-signed certificate "
        "against a stale keychain trust is not in the text",
    "openssl-s_client-13e5362f": "OpenSSL 3's 'tls_process_key_exchange:internal error' is not "
        "recognised; the TLSv1-only server forcing SHA-1 signatures below the default security "
        "level is not in the text",
    "curl-securetransport-201e3b43": "curl/SecureTransport's '(60) Invalid certificate chain' (an "
        "untrusted root first, 0.35): the expired server certificate is not in the text (Secure "
        "Transport reports expiry as an invalid chain)",
    "git-schannel-a7814dd0": "git/Schannel's Portuguese '0x80092012' revocation failure "
        "(interception first, 0.45, network interference second, 0.35): the network blocking "
        "the revocation check is the cause, and the revocation words are in the text",
    "apple-0445f104": "munki's 'Download error -1202: The certificate for this server is invalid' "
        "with -9807 (an untrusted root first, 0.3): the expired server certificate is not in the "
        "text",
    # holdout40 (round 28)
    "braintree-elixir-412254ba": "Erlang's 'received SERVER ALERT: Fatal - Handshake Failure' "
        "ranks a suite mismatch first (0.5); hackney dialling the IP address (no SNI) is not in "
        "the text",
    "ddclient-f1a32356": "IO::Socket::SSL's 'certificate verify failed' ranks an untrusted root "
        "first (0.35); the default CA path missing on NixOS is not in the text",
    "rclone-b4382074": "Go's 'x509: certificate signed by unknown authority' for api.amazon.com "
        "ranks interception first (0.41); the QNAP box's outdated CA bundle is not in the text",
    "cddns-ae6cdae3": "OpenSSL's 'unable to get local issuer certificate' for api.cloudflare.com "
        "ranks interception first (0.41); the slim Docker image without CA certificates is not in "
        "the text",
    "rust-musl-builder-4cf7d153": "OpenSSL 1.0's 'ssl3_get_server_certificate:certificate verify "
        "failed' ranks an untrusted root first (0.35); the static musl OpenSSL not finding the "
        "system CA store is not in the text",
    "webtrees-7af34076": "curl's error 60 'unable to get local issuer certificate' ranks an "
        "incomplete chain first (0.55); WampServer's missing CA bundle is not in the text",
    "rebar3-26e60e16": "Erlang's 'generated CLIENT ALERT: Fatal - Unknown CA' ranks the client's "
        "CA set first (0.4); the corporate proxy re-signing HTTPS is not in the text",
    "sendemail-perl-00aa9d6a": "IO::Socket::SSL's 'certificate verify failed' ranks an untrusted "
        "root first (0.35); sendEmail calling start_SSL without SSL_hostname (no SNI) is not in "
        "the text",
    "ssrf_filter-ruby-13a5c55a": "Ruby's 'wrong version number' ranks a non-TLS service first "
        "(0.55); ssrf_filter connecting to the resolved IP without SNI is not in the text",
    "mix_docker-3e59ccf1": "Erlang's own 'ssl_handshake.erl:...:Fatal error: certificate "
        "expired' (its path validation: either date) for repo.hex.pm ranks the certificate's "
        "expiry first (0.5, the clock third); the Docker VM's clock lagging is not in the text",
    "requests-go-123875ba": "Go's bare 'tls: bad certificate' (alert 42, no side said) is read "
        "from both sides (a wrong name first, 0.19); the library not presenting the client "
        "certificate to an mTLS server is not in the text",
    "intellij-jsonnet-cf49d5b2": "Java's 'unable to find valid certification path' under ktor "
        "ranks an untrusted root first (0.53); the corporate re-signing proxy trusted only in "
        "IntelliJ's own store is not in the text",
    "triliumdroid-cabcc94c": "Android's 'Trust anchor for certification path not found' ranks an "
        "untrusted root first (0.52); the Trilium server's self-signed certificate is not in the "
        "text",
    "openproject-43406171": "Ruby's 'sslv3 alert handshake failure' to a Cloudflare address "
        "ranks a suite mismatch first (0.5); ssrf_filter connecting to the IP without SNI is not "
        "in the text",
    # holdout41 (round 28)
    "pip-47125e16": "pip's 'CERTIFICATE_VERIFY_FAILED ... unable to get local issuer "
        "certificate' to pypi.org ranks the client's store first (0.45); the Zscaler proxy "
        "re-signing HTTPS is not in the text",
    "cfnetwork-28d3176f": "CFNetwork's 'An SSL error has occurred ... (kCFStreamErrorDomainSSL, "
        "-9802)' ranks interference first (0.5); the server's TLS 1.0 and SHA-1 certificate "
        "against iOS 10's App Transport Security are not in the text",
    "java-051d2616": "Java's bare 'PKIX path building failed' ranks an untrusted root first "
        "(0.55); Java Web Start's bundled cacerts lacking the CA is not in the text",
    # Round 28: four store failures for a public host that now rank interception first (0.45),
    # once the base rates were learned up to holdout39 and the public host's unverified clue
    # row was dropped (gradle-cf35f463, the re-signing proxy behind the same words, is right)
    "bundler-windows-fb172089": "RubyGems' 'certificate verify failed' for rubygems.org ranks "
        "interception first (0.45); the Windows RubyInstaller's missing rubygems.org roots are not "
        "in the text",
    "hashdist-python-23613546": "urllib's 'CERTIFICATE_VERIFY_FAILED' for github.com ranks "
        "interception first (0.45); Python not finding the system CA directory is not in the text",
    "discord-py-aiohttp-330cf028": "aiohttp's 'CERTIFICATE_VERIFY_FAILED' for discordapp.com "
        "ranks interception first (0.45); python.org's macOS Python without its certificates "
        "installed is not in the text",
    "composer-setup-php-a6aee30f": "PHP's 'certificate verify failed' for getcomposer.org ranks "
        "interception first (0.45); PHP on macOS without a usable CA bundle is not in the text",
}


def _top(text: str) -> str:
    r = explain(text)
    return r.findings[0].cause.value if r.findings else "-"


def _right(case: dict, top: str) -> bool:
    return top in case["expected"] or ("none" in case["expected"] and top == "-")


@pytest.mark.parametrize("case", [
    pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(strict=True,
                                                         reason=KNOWN_MISSES[c["id"]])]
                 if c["id"] in KNOWN_MISSES else [])
    for c in DEV])
def test_each_posted_error_gives_its_threads_cause(case):
    assert _right(case, _top(case["text"])), case["resolution"]


def test_the_dev_score_does_not_fall():
    right = sum(_right(c, _top(c["text"])) for c in DEV)
    assert right >= FLOOR, f"{right}/{len(DEV)} right, was {FLOOR}"


def test_the_set_is_labelled_and_split():
    assert len(CASES) >= 300 and len({c["stack"] for c in CASES}) >= 50
    assert {c["split"] for c in CASES} == {"dev"}
    assert sum(c.get("folded_from") == "holdout41" for c in DEV) == 26
    assert sum(c.get("folded_from") == "holdout40" for c in DEV) == 40
    assert sum(c.get("folded_from") == "holdout39" for c in DEV) == 40
    assert sum(c.get("folded_from") == "holdout38" for c in DEV) == 41
    assert sum(c.get("folded_from") == "holdout37" for c in DEV) == 40
    assert sum(c.get("folded_from") == "holdout36" for c in DEV) == 40
    assert sum(c.get("folded_from") == "holdout35" for c in DEV) == 32
    assert sum(c.get("folded_from") == "holdout34" for c in DEV) == 40
    assert sum(c.get("folded_from") == "holdout33" for c in DEV) == 40
    assert sum(c.get("folded_from") == "holdout32" for c in DEV) == 40
    assert sum(c.get("folded_from") == "holdout31" for c in DEV) == 40
    assert sum(c.get("folded_from") == "holdout30" for c in DEV) == 40
    assert sum(c.get("folded_from") == "holdout29" for c in DEV) == 40
    assert sum(c.get("folded_from") == "holdout28" for c in DEV) == 35
    assert sum(c.get("folded_from") == "holdout27" for c in DEV) == 40
    assert sum(c.get("folded_from") == "holdout26" for c in DEV) == 40
    assert sum(c.get("folded_from") == "holdout25" for c in DEV) == 24
    assert sum(c.get("folded_from") == "holdout24" for c in DEV) == 37
    assert sum(c.get("folded_from") == "holdout23" for c in DEV) == 37
    assert sum(c.get("folded_from") == "holdout22" for c in DEV) == 40
    assert sum(c.get("folded_from") == "holdout21" for c in DEV) == 42
    assert sum(c.get("folded_from") == "holdout20" for c in DEV) == 41
    assert sum(c.get("folded_from") == "holdout19" for c in DEV) == 42
    assert sum(c.get("folded_from") == "holdout18" for c in DEV) == 41
    assert sum(c.get("folded_from") == "holdout17" for c in DEV) == 45
    assert sum(c.get("folded_from") == "holdout16" for c in DEV) == 41
    assert sum(c.get("folded_from") == "holdout15" for c in DEV) == 42
    assert sum(c.get("folded_from") == "holdout14" for c in DEV) == 46
    assert sum(c.get("folded_from") == "holdout13" for c in DEV) == 46
    assert sum(c.get("folded_from") == "holdout" for c in DEV) == 33
    assert sum(c.get("folded_from") == "holdout2" for c in DEV) == 100
    assert sum(c.get("folded_from") == "holdout3" for c in DEV) == 86
    assert sum(c.get("folded_from") == "holdout4" for c in DEV) == 37
    assert sum(c.get("folded_from") == "holdout5" for c in DEV) == 41
    assert sum(c.get("folded_from") == "holdout6" for c in DEV) == 29
    assert sum(c.get("folded_from") == "holdout7" for c in DEV) == 30
    assert sum(c.get("folded_from") == "holdout8" for c in DEV) == 32
    assert sum(c.get("folded_from") == "holdout9" for c in DEV) == 40
    assert sum(c.get("folded_from") == "holdout10" for c in DEV) == 40
    assert sum(c.get("folded_from") == "holdout11" for c in DEV) == 42
    assert sum(c.get("folded_from") == "holdout12" for c in DEV) == 46


def test_a_holdout_is_new_and_only_scored():
    """A holdout split shares no thread (URL) and no posted text with dev, nor with any other
    split, and is not a test list: only its aggregate is measured (no case of it may be named in
    KNOWN_MISSES). Round 11's holdout8: at least 30 threads over at least 20 stacks, with no
    cause over a quarter and no thread twice; round 12's holdout9 and holdout10 likewise (at least
    40 threads over at least 28 stacks each). holdout5 (22/41 at fold time), holdout6 (18/29)
    and holdout7 (24/30) are in dev and each still shares nothing with the rest; so are
    holdout8 (21/32), holdout9 (27/40) and holdout10 (24/40), folded in by round 13. Round 13's
    holdout11 (42 threads over 42 stacks, 26/42 when scored once at the end of round 13) was
    folded in right after; it still shares nothing with the rest. Round 14's holdout12 (46
    threads over 44 stacks; 24/46 when scored once at the end of round 14) likewise. Round 15's
    holdout13 (46 threads over 46 stacks the set had none of, collected before any round-15 fix;
    29/46 on the round's starting code, 30/46 on its final code) likewise. Round 16's holdout14:
    at least 40 threads over at least 30 stacks not in the set, collected before any round-16 fix,
    no cause over a quarter (46 threads over 45 stacks; 27/46 on the round's starting code,
    28/46 on its final code), then folded into dev; it still shares nothing with the rest. Round
    17's holdout15: at least 40 threads over at least 30 stacks not in the set, collected before
    any round-17 fix with generic error-word queries (not aimed at any program list), no cause
    over a quarter (42 threads over 42 stacks; 23/42 on the round's starting code, 24/42 on its
    final code), then folded into dev; it still shares nothing with the rest. Round 18's
    holdout16: at least 40 threads over at least 30 stacks not in the set, collected before any
    round-18 fix with generic error-word queries (not aimed at any program list), no cause over a
    quarter (41 threads over 41 stacks; 24/41 on the round's starting code and on its final code),
then folded into dev; it still shares nothing with the rest. Round 19's holdout17 likewise (45
threads over 44 stacks; 27/45 on the round's starting code, 26/45 on its final code), and round
20's holdout18 (41 threads over 40 stacks; 21/41 on the round's starting code and before the
fold), and round 21's holdout19 (42 threads over 39 stacks; 27/42 on the round's starting
code), and its second, holdout20 (41 threads over 38 stacks; 26/41 on the round's final code and
on its starting code), and round 22's holdout21 (42 threads over 42 stacks; 31/42 on the round's
starting code) and its second, holdout22 (40 threads over 39 stacks; 23/40 on the round's final
code and on its starting code), and round 23's holdout23 (37 threads over 37 stacks once three texts
already in the set were dropped; 26/40 on the round's starting code, 23/37 without them) and
its second, holdout24 (37 threads over 37 stacks; 18/37 on the round's code after its explain
work and on its starting code), and round 24's holdout25 (24 threads over 24 stacks; 12/24 on
the round's starting code) and its second, holdout26 (40 threads over 40 stacks; 21/40 on the
round's code after its explain work and on its starting code), and its third, holdout27 (40
threads over 40 stacks; 25/40 on the round's code after holdout26's classes and on its starting
code), and round 25's holdout28 (35 threads over 35 stacks; 22/35 on the round's starting
code) and its second, holdout29 (40 threads over 40 stacks; 29/40 on the round's code after its
explain work and on its starting code), and its third, holdout30 (40 threads over 40 stacks;
25/40 on the same code, 24/40 on its starting code), and its fourth, holdout31 (40 threads over
40 stacks; 24/40 on the round's final code and on its starting code), and round 26's
holdout32 (40 threads over 40 stacks; 20/40 on the round's starting code), and its second,
holdout33 (40 threads over 40 stacks; 21/40 on the round's code after its class work and on its
starting code), and its third and fourth, holdout34 (40 threads over 40 stacks; 25/40) and
holdout35 (32 threads over 32 stacks; 14/32), each the same on the round's final explain code
and on its starting code), and round 27's holdout36 (40 threads over 40 stacks; 24/40 on the
round's starting code) and its second, holdout37 (40 threads over 29 mainstream stacks; 28/40 on
the round's starting code), and its third, holdout38 (41 threads over 41 stacks; 21/41 on the
round's final explain code, 20/41 on its starting code), and its fourth, holdout39 (40 threads over
32 mainstream stacks; 28/40 on the round's final explain code and on its starting code), and round
28's holdout41 (26 threads over 17 mainstream stacks; 21/26 on the round's starting code; 7 of
its 26 are interception, one over a quarter, which its collector reported), and its second,
holdout40 (40 threads over 40 stacks; 20/40 on the round's starting code)."""
    hold = [c for c in CASES if c["split"] != "dev"]
    for split in {c["split"] for c in hold}:
        inside = [c for c in CASES if c["split"] == split]
        outside = [c for c in CASES if c["split"] != split]
        assert not {c["url"] for c in inside} & {c["url"] for c in outside}, split
        assert not {c["text"] for c in inside} & {c["text"] for c in outside}, split
        assert len({c["url"] for c in inside}) == len(inside), split
        assert max(Counter(c["expected"][0] for c in inside).values()) <= len(inside) // 4
    for folded, stacks in (("holdout5", 20), ("holdout6", 20), ("holdout7", 25),
                           ("holdout8", 20), ("holdout9", 28), ("holdout10", 28),
                           ("holdout11", 30), ("holdout12", 30), ("holdout13", 30),
                           ("holdout14", 30), ("holdout15", 30), ("holdout16", 30),
                           ("holdout17", 30), ("holdout18", 30),
                           ("holdout19", 30), ("holdout20", 28),
                           ("holdout21", 30), ("holdout22", 30),
                           ("holdout23", 30), ("holdout24", 30), ("holdout25", 20),
                           ("holdout26", 30), ("holdout27", 30), ("holdout28", 30),
                           ("holdout29", 30), ("holdout30", 30),
                           ("holdout31", 30), ("holdout32", 30),
                           ("holdout33", 30), ("holdout34", 30), ("holdout35", 25),
                           ("holdout36", 30), ("holdout37", 25),
                           ("holdout38", 30), ("holdout39", 25),
                           ("holdout41", 17), ("holdout40", 30)):
        inside = [c for c in DEV if c.get("folded_from") == folded]
        rest = [c for c in CASES if c.get("folded_from") != folded]
        assert len({c["stack"] for c in inside}) >= stacks, folded
        # holdout41's collector reported one interception thread over its quarter (7 of 26)
        over = OVER_QUARTER.get(folded, 0)
        assert max(Counter(c["expected"][0] for c in inside).values()) <= len(inside) // 4 + over
        assert not {c["url"] for c in inside} & {c["url"] for c in rest}, folded
        assert not {c["text"] for c in inside} & {c["text"] for c in rest}, folded
    assert not {c["id"] for c in hold} & set(KNOWN_MISSES)
    assert set(KNOWN_MISSES) <= {c["id"] for c in DEV}
    assert all(c["url"].startswith(("https://", "http://")) and c["expected"] and c["resolution"]
               for c in CASES)
    assert len({c["id"] for c in CASES}) == len(CASES)
