"""The host asked against the certificate's names printed beside a vague failure.

Some programs report a certificate for another name in the same words as any other
verification failure, so the words cannot say whether the names or the chain failed:

* .NET's ``The remote certificate is invalid according to the validation procedure`` (.NET
  Framework and PowerShell print it without the SslPolicyErrors that say which;
  dotnet/runtime src/libraries/System.Net.Security/src/Resources/Strings.resx
  net_ssl_io_cert_validation), .NET Framework's ``Could not establish trust relationship for
  the SSL/TLS secure channel`` (WebExceptionStatus.TrustFailure, for any failure of the
  validation callback) and HttpClient's ``The SSL connection could not be established``;
* Apple's ``NSURLErrorServerCertificateUntrusted`` (-1202, "The certificate for this server
  is invalid") for every trust result, a name mismatch (-9843) included (NSURLError.h);
* OpenSSL's bare ``certificate verify failed`` (SSL_R_CERTIFICATE_VERIFY_FAILED,
  ssl/statem/statem_clnt.c) from a program that hands the host to the verifier
  (SSL_set1_host, X509_VERIFY_PARAM_set1_host: crypto/x509/x509_vfy.c check_id sets
  X509_V_ERR_HOSTNAME_MISMATCH / IP_ADDRESS_MISMATCH, which only the verify result names);
  imapfilter 2.8 src/socket.c @ 23b693f is one;
* mbedTLS's ``MBEDTLS_ERR_X509_CERT_VERIFY_FAILED`` (-0x2700), whose flags hold
  MBEDTLS_X509_BADCERT_CN_MISMATCH among the chain's (library/x509_crt.c).

What the text does carry, for every stack: the host it asked for (``hostclass``) and, often,
the names of the certificate that came (Apple's ``s: NAME i: ISSUER`` chain list, s_client's
``depth=0 ... CN = NAME`` / `` 0 s:CN = NAME`` / ``subject=``, curl -v's ``subject:``,
gnutls-cli's ``- subject `CN=NAME'``, a subjectAltName list as openssl x509, Node or Java print
it). RFC 6125 matching (a wildcard stands for exactly one leftmost label; an IP address matches
only itself) says whether they cover the host. This module reads facts; the rules judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..addresses import is_ip
from ..causes import Cause
from .hostclass import hosts_in

__all__ = ["FOLDED", "NameReading", "PrintedNames", "covers", "leaf_names", "reading"]

Causes = tuple[tuple[Cause, float], ...]

# Wordings that fold a name mismatch into a general failure (module docstring for sources).
FOLDED = re.compile(
    r"\bThe remote certificate is invalid according to the validation procedure\b(?!:? ?Remote)|"
    r"\bCould not establish trust relationship for the SSL/TLS secure channel\b|"
    r"\bThe SSL connection could not be established\b|"
    r"(?:Code=|error \[|error code: )-1202\b(?![^\n]{0,40}\[3:-98)|"
    r"\bNSURLErrorServerCertificateUntrusted\b|\bThe certificate for this server is invalid\b|"
    r"\bcertificate verify failed\b(?!: ?[a-z]| ?\([a-z])|"
    r"\bMBEDTLS_ERR_X509_CERT_VERIFY_FAILED\b|-0x2700\b", re.IGNORECASE | re.MULTILINE)
# OpenSSL's bare words fold the name only for programs that hand the host to the verifier;
# many check names themselves and say so in their own words (libpq, curl, Python, PHP, Ruby),
# so a bare "certificate verify failed" from an address is no sign of the name by itself.
_HOST_UNSEEN = re.compile(r"certificate verify failed", re.IGNORECASE)
# An Apple trust result that names its reason (-98xx) is not folded.
_APPLE_REASON = re.compile(r"(?:_kCFStreamErrorCodeKey=|OriginalValue=|\[3:|error\(3:|failed\()"
                           r"-98\d\d\b", re.IGNORECASE)

_DNS = re.compile(r"^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,62})\.)*[a-z0-9-]{1,63}\.?$",
                  re.IGNORECASE)
_CN = re.compile(r"(?:^|[,/]\s*)CN\s*=\s*(?P<cn>[^,/\n]{1,253})")
# (form, regex with a "subj" or "name" group, whether the list is every name): the first
# certificate each program prints is the server's own.
_SUBJECT_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Apple's NSErrorPeerCertificateChainKey / kCFStreamPropertySSLPeerCertificates (the
    # subject summary: the CN, else the first name)
    ("apple", re.compile(r"<cert\(0x[0-9a-f]{1,16}\) s: (?P<name>[^\n<>]{1,200}?) i: ")),
    # s_client's verify callback (apps/lib/s_cb.c) and its chain list (apps/s_client.c)
    ("s_client", re.compile(r"^depth=0 (?P<subj>[^\n]{1,300})$", re.MULTILINE)),
    ("s_client", re.compile(r"^\s{0,3}0 s:(?P<subj>[^\n]{1,300})$", re.MULTILINE)),
    ("s_client", re.compile(r"^subject=(?P<subj>[^\n]{1,300})$", re.MULTILINE)),
    # curl -v's server certificate block (lib/vtls/openssl.c, gtls.c)
    ("curl", re.compile(r"^\*\s{1,4}subject: (?P<subj>[^\n]{1,300})$", re.MULTILINE)),
    # gnutls-cli's "- Certificate[0] info:" (lib/x509/output.c)
    ("gnutls-cli", re.compile(r"- subject `(?P<subj>[^'\n]{1,300})'")),
)
_SAN_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # openssl x509 -text / -ext subjectAltName, Node's subjectaltname, curl -v's
    ("subjectAltName", re.compile(
        r"(?:Subject Alternative Name:?\s{0,40}|subjectaltname: ?'|subjectAltName: )"
        r"(?P<list>(?:(?:DNS|IP Address|IP):[^,\n']{1,253}(?:, ?)?){1,50})", re.IGNORECASE)),
    # Java's X509CertImpl.toString: "SubjectAlternativeName [\n  DNSName: a\n  IPAddress: b\n]"
    ("java", re.compile(r"SubjectAlternativeName \[\s{0,10}(?P<list>(?:(?:DNSName|IPAddress): "
                        r"[^\n]{1,253}\s{0,10}){1,50})\]")),
)
_SAN_ITEM = re.compile(r"(?:DNS|IP Address|IP|DNSName|IPAddress):\s?(?P<n>[^,\s']{1,253})")


@dataclass(frozen=True, slots=True, kw_only=True)
class PrintedNames:
    """The server certificate's names as the text prints them."""

    names: tuple[str, ...]
    form: str  # the program's form (see _SUBJECT_FORMS, _SAN_FORMS)
    every_name: bool  # a subjectAltName list (True) or only the subject's name (False)
    line: str


def _host_like(name: str) -> bool:
    return _is_ip(name) or bool(_DNS.match(name))


def _is_ip(name: str) -> bool:
    return is_ip(name.strip("[]"))  # a URL's IPv6 literal keeps its brackets


def _line(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:end if end >= 0 else len(text)].strip()


def leaf_names(text: str) -> PrintedNames | None:
    """The names of the certificate the server sent, when the text prints them: a
    subjectAltName list first (every name), else the first certificate's subject name."""
    for form, rx in _SAN_FORMS:
        m = rx.search(text)
        if m is not None:
            names = tuple(n.group("n").rstrip(".").lower() for n in _SAN_ITEM.finditer(m["list"]))
            names = tuple(n for n in names if _host_like(n))
            if names:
                return PrintedNames(names=names, form=form, every_name=True,
                                    line=_line(text, m.start()))
    for form, rx in _SUBJECT_FORMS:
        m = rx.search(text)
        if m is None:
            continue
        if "name" in rx.groupindex:
            name = m["name"].strip()
        else:
            cn = _CN.search(m["subj"])
            name = cn["cn"].strip() if cn is not None else ""
        if name and _host_like(name):
            return PrintedNames(names=(name.rstrip(".").lower(),), form=form, every_name=False,
                                line=_line(text, m.start()))
    return None


def covers(name: str, host: str) -> bool:
    """Whether certificate name ``name`` covers ``host`` (RFC 6125 6.4: case-insensitive; a
    wildcard is the whole leftmost label and stands for exactly one label; an IP address
    matches only itself)."""
    name, host = name.lower().rstrip("."), host.lower().strip("[]").rstrip(".")
    if name == host:
        return True
    if _is_ip(host) or _is_ip(name) or not name.startswith("*."):
        return False
    rest = name[2:]
    head, dot, tail = host.partition(".")
    return bool(dot) and bool(head) and tail == rest and "." in rest


@dataclass(frozen=True, slots=True, kw_only=True)
class NameReading:
    """A vague failure re-read by the names: what a statement of its own claims."""

    rule: str  # "names" (printed names miss the host) or "ip" (asked by address)
    claims: Causes
    meaning: str
    line: str
    host: str


_C = Cause
# A subjectAltName list printed without the host: the name check fails whatever else does.
_EVERY = ((_C.HOSTNAME_MISMATCH, 0.8), (_C.CERT_UNTRUSTED_ROOT, 0.1),
          (_C.CERT_SELF_SIGNED, 0.05), (_C.CERT_EXPIRED, 0.05))
# Only the subject's name printed (a CN, Apple's summary): the subjectAltNames may still hold
# the host (multi-name certificates keep another name in the CN), so first but below 0.6.
_SUBJECT = ((_C.HOSTNAME_MISMATCH, 0.55), (_C.CERT_UNTRUSTED_ROOT, 0.2),
            (_C.CERT_SELF_SIGNED, 0.12), (_C.CERT_EXPIRED, 0.08), (_C.INCOMPLETE_CHAIN, 0.05))
# Asked by IP address, no names printed: certificates name hosts; an IP is covered only by an
# IP subjectAltName, which few private CAs and no self-made certificate add unasked, so the
# name rises next to the chain. The chain stays first (round 12: a private address's
# certificate is most often a private CA's or self-signed; dev: the one folded text by
# address, apple-ee77b2f4, was a self-signed certificate that also missed the address): a
# stated set below 0.6.
_BY_IP = ((_C.CERT_UNTRUSTED_ROOT, 0.35), (_C.HOSTNAME_MISMATCH, 0.3),
          (_C.CERT_SELF_SIGNED, 0.2), (_C.CERT_EXPIRED, 0.1), (_C.INCOMPLETE_CHAIN, 0.05))


def _asked(text: str) -> str:
    hosts = hosts_in(text)
    return hosts[0][0] if hosts else ""


def _open(best: Causes, own: Causes) -> bool:
    """Whether the readings leave the names open: the program's words name nothing
    confidently, and the name is among the candidates of its words or of their context."""
    if not best or not own or own[0][1] >= 0.6 or best[0][1] >= 0.6:
        return False
    return any(c is _C.HOSTNAME_MISMATCH for c, _ in (*best, *own))


def reading(text: str, best: Causes, own: Causes | None = None) -> NameReading | None:
    """The names' reading of ``text`` (None: nothing to add). ``best``: the most specific
    statements' claims, most likely first; ``own``: the same for the program's own words
    alone (without tlsdoctor's context readings; ``best`` when None)."""
    own = best if own is None else own
    folded = FOLDED.search(text)
    if folded is not None and _APPLE_REASON.search(text) and "1202" in folded.group(0):
        folded = None
    if not _open(best, own):
        return None  # an explicit reason, or one that leaves the names out
    host = _asked(text)
    if not host:
        return None
    printed = leaf_names(text)
    if printed is not None:
        if any(covers(n, host) for n in printed.names):
            return None
        shown = ", ".join(printed.names[:6])
        what = "subjectAltNames" if printed.every_name else "subject name"
        return NameReading(
            rule="names", claims=_EVERY if printed.every_name else _SUBJECT, host=host,
            line=printed.line,
            meaning=f"the certificate's {what} ({shown}, as {printed.form} prints them) do not "
                    f"cover {host}, the host asked: the name check fails"
                    + ("" if printed.every_name else " (unless a subjectAltName not "
                       "printed holds it)"))
    if _is_ip(host) and folded is not None and not _HOST_UNSEEN.match(folded.group(0)):
        return NameReading(
            rule="ip", claims=_BY_IP, host=host, line=_line(text, folded.start()),
            meaning=f"the client asked for {host}, an IP address, and these words report a "
                    "name mismatch like any other failure: a certificate covers an address "
                    "only with an IP subjectAltName, so the name check is a suspect next to "
                    "the chain (a private CA, a self-signed certificate)")
    return None
