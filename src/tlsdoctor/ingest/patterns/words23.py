"""Round 23: Tailscale's own words for a TLS connection to a server it could not trust
(tailscale/tailscale @ de9ec7ee25627e0e518f53c710a3fc3d947c86c1; the older forms at the
parents of e92eb6b17bb5 and a8ee83e2c509, 4979ce7a94cd and e8ca30a5c7df).

- net/tlsdial/tlsdial.go: a certificate that fails x509 verification and is self-signed
  sets the health error "likely intercepted connection; certificate is self-signed by
  <issuer>", shown by `tailscale status` as health/warnings.go's "Tailscale could not
  establish an encrypted connection with '%q': %v" (before 2024-06, health.go's "TLS
  connection error for %q: %w"). Tailscale's own servers (*.tailscale.com, *.tailscale.io)
  only present Let's Encrypt certificates, so for them a self-signed one is something on the
  path answering in their place; for a self-hosted control or DERP server it can as well be
  that server's own self-signed certificate (a Headscale or derper without a real one).
- The same file logs "tlsdial: error: server cert for %q failed to verify and is not a
  Let's Encrypt cert" (now "failed both system roots & Let's Encrypt root validation", or
  "... system roots, extra roots & ..."): for Tailscale's own names, a certificate that is
  not theirs (an interceptor) or a clock that makes theirs look invalid; for a self-hosted
  DERP server, most often its chain without the intermediate (a maintainer's reading in
  tailscale/tailscale#8516).
- blockblame's warning names the vendor whose equipment's certificate answered
  ("Network equipment from %q may be blocking Tailscale traffic on this network.").

WINDEV, WEBDEV and WINDEV Mobile (PC SOFT, closed): error 100138 of HTTPEnvoie/HTTPSend,
HTTPRequête, RESTEnvoie, AuthIdentifie, "Une erreur système a été détectée pendant l'envoi de
la requête HTTP." / "System error sending HTTP request.", is the publisher's "the encryption of
the connection is not possible": the request, the station's setup (no TLS 1.2, outdated root
certificates) or the server's certificate (FAQ #20558, faq.windev.com 2020-10-02 and
faq.pcsoft.fr 2017-06-06). Its detail line "La vérification du certificat SSL ou de la clé SSH
a échoué." is the certificate check failing; PC SOFT's support blog (blogs.pcsoft.fr,
2021-10-05, "Consommation d'un webservice ... certificat racine") gives it for a station whose
store lacks the server's root (Android before 7.1.1 and ISRG Root X1).
"""

from __future__ import annotations

from dataclasses import replace

from . import CATEGORY, REASON, SPECIFIC, Pattern, Row, table

_TS = ("tailscale/tailscale @ de9ec7ee25627e0e518f53c710a3fc3d947c86c1 "
       "net/tlsdial/tlsdial.go, health/warnings.go (tlsConnectionFailedWarnable)")
# one of Tailscale's own servers, as %q prints it
_OWN = r'"[\w.-]{0,200}\.tailscale\.(?:com|io)"'
_FAILED = (r"failed (?:to verify and is not a Let's Encrypt cert|both system roots & Let's "
           r"Encrypt root validation|system roots, extra roots & Let's Encrypt root validation)")

_ROWS: list[Row] = [
    (rf"\bTailscale could not establish an encrypted connection with '{_OWN}': likely "
     r"intercepted connection; certificate is self-signed by ",
     "Tailscale: its own server answered with a self-signed certificate; Tailscale's servers "
     "only use Let's Encrypt ones, so something on this network answered in their place",
     "tls_interception_mitm:.85 middlebox_or_firewall_interference:.15", REASON, _TS,
     "likely intercepted connection"),
    (r"\blikely intercepted connection; certificate is self-signed by ",
     "Tailscale: the server's certificate did not verify and is self-signed (an "
     "intercepting device, or a self-hosted server's own self-signed certificate)",
     "tls_interception_mitm:.5 cert_self_signed:.3 server_misconfiguration:.2", SPECIFIC, _TS),
    (rf"\btlsdial: error: server cert for {_OWN} {_FAILED}",
     "Tailscale: the certificate for its own server verified neither with the system's "
     "roots nor with Let's Encrypt's: not theirs (an interceptor), or a wrong clock",
     "tls_interception_mitm:.55 client_clock_wrong:.25 middlebox_or_firewall_interference:.2",
     SPECIFIC, _TS, "tlsdial: error: server cert for"),
    (rf"\btlsdial: error: server cert for (?!{_OWN})\"[^\"\n]{{1,253}}\" {_FAILED}",
     "Tailscale: the server's certificate verified neither with the system's roots nor "
     "with Let's Encrypt's (for a self-hosted server: most often a chain without its "
     "intermediate)",
     "incomplete_chain:.35 cert_untrusted_root:.3 tls_interception_mitm:.2 "
     "client_clock_wrong:.15", SPECIFIC, _TS, "tlsdial: error: server cert for"),
    (r"\bNetwork equipment from \"[^\"\n]{1,120}\" may be blocking Tailscale traffic",
     "Tailscale: the certificate that answered is a network vendor's equipment's, which "
     "stands between this device and Tailscale's servers",
     "tls_interception_mitm:.6 middlebox_or_firewall_interference:.4", REASON,
     "tailscale/tailscale @ de9ec7ee25627e0e518f53c710a3fc3d947c86c1 net/tlsdial/tlsdial.go "
     "(mitmBlockWarnable)", "may be blocking tailscale traffic"),
]

_WD = ("PC SOFT FAQ #20558 (faq.windev.com, 2020-10-02; faq.pcsoft.fr, 2017-06-06); "
       "blogs.pcsoft.fr support blog, 2021-10-05 (WINDEV 25-26)")
_WINDEV: list[Row] = [
    (r"\bLa vérification du certificat SSL ou de la clé SSH a échoué\b",
     "WINDEV (error 100138's detail): the server's certificate did not verify on this "
     "station (most often a root certificate its store lacks or has outdated)",
     "cert_untrusted_root:.45 client_misconfiguration:.3 incomplete_chain:.15 "
     "cert_expired:.1", SPECIFIC, _WD),
    (r"\b(?:Erreur|Error code:|Code erreur ?:) ?100138\b",
     "WINDEV/WEBDEV error 100138: the HTTPS connection could not be encrypted (the request, "
     "the station's TLS version or root certificates, or the server's certificate)",
     "cert_untrusted_root:.35 protocol_version_mismatch:.35 client_misconfiguration:.3",
     CATEGORY, _WD, "100138"),
]

PATTERNS: tuple[Pattern, ...] = tuple(
    replace(p, id=f"tailscale.r23.{n}")
    for n, p in enumerate(table("tailscale", _TS, _ROWS, side="client"))) + tuple(
    replace(p, id=f"windev.r23.{n}")
    for n, p in enumerate(table("windev", _WD, _WINDEV, side="client")))
