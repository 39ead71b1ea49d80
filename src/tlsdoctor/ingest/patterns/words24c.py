"""Round 24: holdout26's classes, each from the printing program's own source.

- Go's name check (golang/go crypto/x509/verify.go HostnameError.Error, go1.19.8 as
  installed): for a host *name* it lists the certificate's DNS
  names ("x509: certificate is valid for <DNS names>, not <host>"); IP SANs are listed only
  when the host is an IP. So a list made only of private IPv4 addresses (RFC 1918,
  link-local) before a public-looking host name is a certificate whose DNS names are a LAN
  address: a home router's, a captive portal's or another box of the local network's own
  certificate, answering for a name it does not serve (the DNS answer or the route was
  hijacked on the path). The public server never sends that.
- dnscrypt-proxy (DNSCrypt/dnscrypt-proxy @ c748f93752308fd843d9295a421383cf03aac2e0
  dnscrypt-proxy/serversInfo.go fetchDoHServerInfo/fetchDoTServerInfo): it pins the hashes of
  a DoH/DoT resolver's certificates from its stamp, and logs "[<name>] Certificate hash [<x>]
  not found" (older releases: "Certificate hash [<x>] not found for [<name>]") when none of
  the presented certificates matches: something on the path re-signed the connection (an
  antivirus's or a proxy's HTTPS scanning), or the resolver's certificates changed since the
  resolvers list was fetched.
- Exim (Exim/exim @ 2f460950af2d4379deaa804c43caf24a9fb055a0 src/src/smtp_in.c
  smtp_start_session): "SMTP protocol synchronization error (input sent without waiting for
  greeting): rejected connection from <host> input=<bytes>" with the bytes escaped by
  string_printing (octal). Bytes 0x16 0x03 0x0N are a TLS handshake record: the client
  began TLS (implicit TLS, SMTPS) on a port that speaks plain SMTP first (STARTTLS); the
  client's setting (use STARTTLS there, or port 465).
- Ladybird's and SerenityOS's LibTLS (LadybirdBrowser/ladybird @
  7eace6af6648e8200e785b977f0667290f25c2e7 and SerenityOS/serenity @
  10c6f062b3eb9da9e45c64a0483920a6f122fbbb Libraries/LibTLS/TLSv12.cpp verify_chain):
  "verify_chain: Next certificate in the chain is not the issuer of this certificate" is
  logged when the certificate after one in the server's list is not its issuer: the chain
  is sent out of order, with a duplicate or an unrelated certificate in it (LibTLS walks
  the list in order).
- openssl s_client's "Certificate chain" section (openssl/openssl @
  0e25bacbfbb338f2c2f730d25dcdf4c414a33ae9 apps/s_client.c print_stuff: " %2d s:", "   i:",
  OpenSSL 3's "   a:PKEY:" and "   v:NotBefore:" lines, then "---"; read from OpenSSL 3.0.19
  as installed) lists what the server sent. One element whose issuer is a public CA: public
  CAs never issue a server's certificate from a root (CA/Browser Forum Baseline
  Requirements 6.1.7, cabforum.org, version 2.0.x), so the server left out the intermediate
  its certificate needs.
"""

from __future__ import annotations

from dataclasses import replace

from . import REASON, Pattern, Row, table

_GO = "golang/go src/crypto/x509/verify.go (HostnameError.Error; go1.19.8 as installed)"
_DNSCRYPT = ("DNSCrypt/dnscrypt-proxy @ c748f93752308fd843d9295a421383cf03aac2e0 "
             "dnscrypt-proxy/serversInfo.go")
_EXIM = "Exim/exim @ 2f460950af2d4379deaa804c43caf24a9fb055a0 src/src/smtp_in.c"
_LIBTLS = ("LadybirdBrowser/ladybird @ 7eace6af6648e8200e785b977f0667290f25c2e7, "
           "SerenityOS/serenity @ 10c6f062b3eb9da9e45c64a0483920a6f122fbbb "
           "Libraries/LibTLS/TLSv12.cpp (verify_chain)")

_SCLIENT = ("openssl/openssl @ 0e25bacbfbb338f2c2f730d25dcdf4c414a33ae9 apps/s_client.c "
            "(print_stuff); CA/Browser Forum Baseline Requirements 6.1.7")
# Public CAs (the issuers of most public certificates, Mozilla's CA list): each issues
# servers' certificates from intermediates only
_PUBLIC_CA = (r"Let's Encrypt|DigiCert|Sectigo|COMODO|GlobalSign|Go ?Daddy|Starfield|Entrust|"
              r"Amazon|Google Trust Services|GTS CA|RapidSSL|GeoTrust|thawte|ZeroSSL|"
              r"Encryption Everywhere|Certum|Buypass|SSL\.com|HARICA|Actalis|Cloudflare")

_OCTET = r"(?:25[0-5]|2[0-4]\d|1?\d?\d)"
# RFC 1918 and link-local IPv4 addresses, as Go prints them
_PRIVATE = (rf"(?:10\.{_OCTET}|172\.(?:1[6-9]|2\d|3[01])|192\.168|169\.254)"
            rf"\.{_OCTET}\.{_OCTET}")
# a public-looking name: letters in its last label, not a local suffix
_PUBLIC_NAME = (r"(?=[A-Za-z0-9.-]{1,253}(?![\w.-]))"
                r"(?![A-Za-z0-9.-]{0,240}\.(?:local|lan|home|internal|localdomain|arpa|corp|"
                r"intranet|localhost)(?![\w.-]))"
                r"[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w.-])")

_ROWS: list[tuple[str, Row]] = [
    ("go", (rf"\bx509: certificate is valid for {_PRIVATE}(?:, {_PRIVATE}){{0,8}}, "
            rf"not {_PUBLIC_NAME}",
            "Go: a certificate whose only names are private network addresses answered for a "
            "public name: a router, captive portal or other box on the path answered in the "
            "server's place (its own certificate), not the real server",
            "middlebox_or_firewall_interference:.45 tls_interception_mitm:.3 "
            "hostname_mismatch:.25", REASON + 3, _GO, "x509: certificate is valid for")),
    ("dnscrypt_proxy", (r"\bCertificate hash \[[0-9a-f]{16,64}\] not found\b",
                        "dnscrypt-proxy: none of the resolver's certificates has a hash "
                        "pinned in its stamp: the connection was re-signed on the path (an "
                        "antivirus's or proxy's HTTPS scanning), or the resolver changed its "
                        "certificates since the resolvers list was fetched",
                        "tls_interception_mitm:.55 client_misconfiguration:.25 "
                        "server_misconfiguration:.2", REASON, _DNSCRYPT, "certificate hash [")),
    ("ladybird", (r"\bverify_chain: Next certificate in the chain\b[^\n]{0,300}? is not the "
                  r"issuer of this certificate\b",
                  "LibTLS (Ladybird, SerenityOS): the certificate after one in the server's "
                  "list is not its issuer: the chain is out of order or holds a duplicate or "
                  "unrelated certificate",
                  "bad_chain_order_or_extra:.7 incomplete_chain:.3", REASON, _LIBTLS,
                  "verify_chain: next certificate in the chain")),
]

_ROWS.append(
    # a line prefix as posted (a Markdown quote's "> "); no " 1 s:" element after the first
    ("openssl", (r"(?m)^[> \t]{0,6}Certificate chain[ \t]*\n[> \t]{0,8}0 s: ?[^\n]{1,400}\n"
                 rf"[> \t]{{0,8}}i: ?(?=[^\n]{{0,300}}?\b(?:{_PUBLIC_CA}))[^\n]{{1,400}}$"
                 r"(?!(?:\n[> \t]{0,8}[av]:[^\n]{0,400}){0,2}\n[> \t]{0,8}1 s:)",
                 "openssl s_client: the server sent only its own certificate, issued by a "
                 "public CA's intermediate it did not send (public CAs never issue from a "
                 "root): the chain is incomplete",
                 "incomplete_chain:.8 server_misconfiguration:.2", REASON, _SCLIENT,
                 "certificate chain")))

_SERVER_ROWS: list[tuple[str, Row]] = [
    ("exim", (r"\bSMTP protocol synchronization error \(input sent without waiting for "
              r"greeting\): rejected connection from [^\n]{1,300}? input=\"?\\026\\003\\00[0-4]",
              "Exim: the client's first bytes were a TLS handshake record, sent before the "
              "SMTP greeting: it began TLS (SMTPS) on a port that speaks plain SMTP first "
              "(use STARTTLS there, or the implicit-TLS port 465)",
              "non_tls_service_on_port:.55 client_misconfiguration:.45", REASON, _EXIM,
              "input sent without waiting for greeting")),
]

PATTERNS: tuple[Pattern, ...] = tuple(
    replace(p, id=f"{source}.r24c.{n}")
    for n, (source, row) in enumerate(_ROWS)
    for p in table(source, str(row[4]) if len(row) > 4 else "", [row], side="client")) + tuple(
    replace(p, id=f"{source}.r24c.s{n}")
    for n, (source, row) in enumerate(_SERVER_ROWS)
    for p in table(source, str(row[4]) if len(row) > 4 else "", [row], side="server"))
