"""Round 26: in-text misses, read as the classes of wording they belong to.

- Internet Explorer 11's page for a TLS negotiation it could not finish ("This page can't be
  displayed" with "Turn on TLS 1.0, TLS 1.1, and TLS 1.2 in Advanced settings and try
  connecting to <url> again. If this error persists, it is possible that this site uses an
  unsupported protocol or cipher suite such as RC4 ..."): the browser's own advice names the
  versions in its Internet Options (Advanced tab, "Use TLS 1.x") and, second, the suites. IE
  shows it when Schannel found no version or no suite in common (the page's own words); the
  versions first, as the page puts them (threads quoting it: engintron/engintron#701, the
  server's suite list; an RSA Authentication Manager console that spoke TLS 1.0 only to a
  browser left with TLS 1.2). Its legacy-Edge/IE sibling "Can't connect securely to this
  page. This might be because the site uses outdated or unsafe TLS security settings" says
  the same (pnp/sp-dev-fx-webparts#911, iddmaxwell/optimisebills#134 quote it), with "Your
  TLS security settings aren't set to the defaults" when the browser's own settings were
  changed (the client's setting first then).
- Windows' certificate dialog (the "Certificate Information" box of its General tab, and
  the "Certificate status" of its Certification Path tab), which people copy when a site's
  certificate is refused: "This certificate cannot be verified up to a trusted certification
  authority." (the chain reaches a root this machine does not trust), "This CA Root
  certificate is not trusted. To enable trust, install this certificate in the Trusted Root
  Certification Authorities store." / "... because it is not in the Trusted Root
  Certification Authorities store." (shown on the root itself: a self-signed server
  certificate, or the chain's private or re-signing root), "Windows does not have enough
  information to verify this certificate." and "The issuer of this certificate could not be
  found." (no issuer found: a missing intermediate). Witnesses (no public catalog holds
  cryptui's strings): MicrosoftDocs/windows-driver-docs' test-signing tutorial (the root
  sentence), rmbolger/Posh-ACME#390 (not enough information: an expired intermediate),
  arkOScloud/genesis#193 (cannot be verified up to). In other languages, as Windows prints
  them and a public page quotes them: Russian "Этот сертификат не удалось проверить,
  проследив его до доверенного центра сертификации" and "Нет доверия к этому корневому
  сертификату центра сертификации" (zarst.ru, the only public copy found: the dev thread's
  own page), Japanese "この CA ルート証明書は信頼されていません" (milestone-of-se.nesuke.com, and
  the ja-jp mirror of the same tutorial, hyoshioka0128/windows-driver-docs.ja-jp). Other
  languages were not found in a public copy and are left out.
- CAdroid (the Android app that imports a self-signed server's certificate;
  vaginessa/cadroid, a fork of bitfireAT/cadroid, @ 77628633cdd132d6467303d7439756cd6fc5138e
  app/src/main/res/values{,-de}/strings.xml select_invalid_hostname, and @
  bff0bf2284dad1110370f40ff8a7b10b46becd06 alert_hostname_not_matching): "The certificate
  chain doesn't contain a valid certificate for the host name in the URL" ("Die
  Zertifikatskette beinhaltet kein für den URL-Host ausgestelltes Zertifikat") and "The
  certificate is not issued for "%1$s" (host name taken from the URL)" ("Das Zertifikat ist
  nicht für "%1$s" (Host-Name aus dem URL) ausgestellt"): its own check of the names against
  the URL's host. A retyped article ("für die URL-Host") is read as the sentence.
- JSSE's trust failure retyped with one word misspelt ("pkix apth building failed ...
  unable to find valid certfication path to requested target"): the sentence's frame around
  the misspelt word is SunCertPathBuilder's and PKIXValidator's alone (OpenJDK
  sun/security/provider/certpath/SunCertPathBuilder.java "unable to find valid certification
  path to requested target", sun/security/validator/PKIXValidator.java "PKIX path building
  failed"), so one free word in its place reads as the sentence (java.py's reading). Only one
  word: two would let other sentences in.
- RetroShare's "Issues With Private Key! - Doesn't match your Cert" (AuthSSLimpl::InitAuth,
  after SSL_CTX_check_private_key fails). RetroShare makes a node's key and certificate
  together, and before it checked SSL_CTX_use_certificate's result
  (RetroShare/RetroShare_old @ 17d3beb5e9f9df7ddafce962084e4a66adf69fa4
  libretroshare/src/pqi/authssl.cc: the call's result ignored) a certificate the TLS library
  refused to load left the context without one, so the key "did not match" nothing: an
  OpenSSL at security level 2 (Debian's 1.1.1 default) refuses the SHA-1 signature of
  RetroShare's older node certificates. Later releases check the call, retry at security
  level 1 and say so (RetroShare/RetroShare @ 9c658365035dcab7a3bed6bd50d3b401cadda4b4, the
  same file: "(EE) Cannot use your Retroshare certificate"). So the weak signature first, a
  key that really does not belong to the certificate second (below 0.6).
"""

from __future__ import annotations

from . import SPECIFIC, Pattern, Row, sourced_table
from .java import _PKIX

_IE = ("Internet Explorer 11 / legacy Edge error pages as printed (ieframe.dll; quoted in "
       "engintron/engintron#701, pnp/sp-dev-fx-webparts#911, iddmaxwell/optimisebills#134)")
_VERSIONS = ("protocol_version_mismatch:.45 cipher_suite_mismatch:.35 "
             "client_misconfiguration:.2")
_OWN_SETTINGS = ("client_misconfiguration:.45 protocol_version_mismatch:.35 "
                 "cipher_suite_mismatch:.2")

_ROWS: list[tuple[str, Row]] = [
    ("ie", (r"\bTurn on (?:SSL 3\.0, )?TLS 1\.0, TLS 1\.1,? and TLS 1\.2 in (?:the )?Advanced "
            r"settings and try connecting to\b",
            "Internet Explorer could not agree on a TLS version or cipher suite with the server "
            "(its page: turn on TLS 1.0-1.2 in Advanced settings; the site may use an "
            "unsupported protocol or suite)", _VERSIONS, SPECIFIC, _IE, "advanced settings")),
    # Not when the page's next paragraph says the browser's own settings were changed: the
    # row after this reads that (the look-ahead spans lines, the page prints them apart)
    ("ie", (r"\bThis might be because the site uses outdated or unsafe TLS security settings\b"
            r"(?![\s\S]{0,600}?\bYour TLS security settings aren[’']t set to the defaults)",
            "Internet Explorer/Edge could not connect securely: the site's TLS settings "
            "(version or suites) and the browser's did not meet", _VERSIONS, SPECIFIC, _IE,
            "outdated or unsafe tls")),
    ("ie", (r"\bYour TLS security settings aren[’']t set to the defaults, which could also be "
            r"causing this error\b",
            "Internet Explorer/Edge could not connect securely, and its own TLS settings "
            "(Internet Options, Advanced) are not the defaults", _OWN_SETTINGS, SPECIFIC, _IE,
            "tls security settings")),
]

_WINCERT = ("Windows certificate dialog (cryptui) as quoted: MicrosoftDocs/windows-driver-docs "
            "test-signing tutorial, rmbolger/Posh-ACME#390, arkOScloud/genesis#193; ru: "
            "zarst.ru; ja: milestone-of-se.nesuke.com, hyoshioka0128/windows-driver-docs.ja-jp")
_CADROID = ("vaginessa/cadroid (fork of bitfireAT/cadroid) @ 77628633cdd132d6467303d7439756cd6fc5138e "
            "app/src/main/res/values{,-de}/strings.xml (select_invalid_hostname), @ "
            "bff0bf2284dad1110370f40ff8a7b10b46becd06 (alert_hostname_not_matching)")
_UP_TO = ("cert_untrusted_root:.55 tls_interception_mitm:.25 cert_self_signed:.1 "
          "incomplete_chain:.1")
_ROOT = "cert_untrusted_root:.5 cert_self_signed:.3 tls_interception_mitm:.2"
_NO_ISSUER = "incomplete_chain:.6 cert_untrusted_root:.25 client_misconfiguration:.15"
_CADROID_NAME = "hostname_mismatch:.85 sni_required_or_mismatch:.15"

_ROWS += [
    ("retroshare", (r"\bIssues With Private Key! - Doesn't match your Cert\b",
                    "RetroShare could not pair its node's key with its certificate: the TLS "
                    "library refused the certificate (a SHA-1 signature at security level 2), "
                    "or the key is not the certificate's",
                    "weak_signature_or_key:.5 server_misconfiguration:.3 "
                    "client_misconfiguration:.2", SPECIFIC,
                    "RetroShare/RetroShare_old @ 17d3beb5e9f9df7ddafce962084e4a66adf69fa4 and "
                    "RetroShare/RetroShare @ 9c658365035dcab7a3bed6bd50d3b401cadda4b4 "
                    "libretroshare/src/pqi/authssl.cc (AuthSSLimpl::InitAuth)",
                    "issues with private key")),
    # Not the words spelt right: java.py reads those, and this row's meaning says "retyped"
    ("java", (r"\bunable to find valid (?!certification )[a-z]{6,16} path to requested target\b"
              r"|\bPKIX (?!path )[a-z]{3,6} building failed\b",
              "Java found no chain from the certificate to a root in its trust store (JSSE's "
              "words, one retyped)", _PKIX, SPECIFIC,
              "OpenJDK sun/security/provider/certpath/SunCertPathBuilder.java, "
              "sun/security/validator/PKIXValidator.java", "")),
    ("cryptoapi", (r"\bThis certificate cannot be verified up to a trusted certification "
                   r"authority\b|Этот сертификат не удалось проверить, проследив его до "
                   r"доверенного центра сертификации",
                   "Windows could not verify the certificate up to a certification authority "
                   "it trusts (its certificate dialog)", _UP_TO, SPECIFIC, _WINCERT,
                   "")),
    ("cryptoapi", (r"\bThis CA Root certificate is not trusted\b|\bНет доверия к этому "
                   r"корневому сертификату центра сертификации|この ?CA ?ルート証明書は信頼されていません",
                   "Windows does not trust this root certificate (its certificate dialog, on "
                   "the chain's root or a self-signed certificate)", _ROOT, SPECIFIC, _WINCERT,
                   "")),
    ("cryptoapi", (r"\bWindows does not have enough information to verify this certificate\b|"
                   r"\bThe issuer of this certificate could not be found\b",
                   "Windows found no issuer for the certificate (its certificate dialog)",
                   _NO_ISSUER, SPECIFIC, _WINCERT, "")),
    ("cadroid", (r"\bThe certificate chain doesn't contain a valid certificate for the host "
                 r"name in the URL\b|\bDie Zertifikatskette beinhaltet kein für d\w{1,2} "
                 r"URL-Host ausgestellte|\bThe certificate is not issued for \S[^\n]{0,200}? "
                 r"\(host name taken from the URL\)|\bDas Zertifikat ist nicht für \S[^\n]{0,200}? "
                 r"\(Host-Name aus dem URL\) ausgestellt",
                 "CAdroid: no certificate in the server's chain is issued for the URL's host "
                 "name", _CADROID_NAME, SPECIFIC, _CADROID, "")),
]

# Every row here is a client's own words.
PATTERNS: tuple[Pattern, ...] = sourced_table("r26", [(source, "client", row)
                                                      for source, row in _ROWS])
