"""Does a certificate cover the name the client asked for? And if not, why not, exactly.

Rules as modern clients apply them (RFC 6125 §6.4; RFC 9525 §6.3, which obsoletes it;
CA/Browser Forum Baseline Requirements §7.1.4.2):
- only subjectAltName counts; the subject CN is ignored (Chrome 58+, Firefox, Go 1.15+,
  Python 3.7+ via OpenSSL X509_check_host without CN fallback);
- DNS names compare case-insensitively, as A-labels (IDNA, RFC 5891);
- a wildcard is only the whole left-most label ("*.example.com"), covers exactly one
  label, never a public suffix ("*.com", "*.co.uk"), and never an IP address;
- an IP address matches only an iPAddress SAN, byte for byte.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..addresses import a_label

# Debian/Ubuntu "publicsuffix" package; https://publicsuffix.org/list/ (Mozilla).
_PSL_FILES = ("/usr/share/publicsuffix/public_suffix_list.dat",
              "/usr/share/publicsuffix/effective_tld_names.dat")
# Fallback when the list is not installed: a few multi-label suffixes from the PSL ICANN
# section (every single label is treated as a suffix anyway).
_PSL_FALLBACK = frozenset({"co.uk", "org.uk", "ac.uk", "gov.uk", "com.au", "net.au",
                           "org.au", "co.jp", "ne.jp", "or.jp", "com.br", "com.cn",
                           "co.nz", "co.in", "co.za", "com.mx", "com.tr", "co.kr"})


@dataclass(frozen=True, slots=True, kw_only=True)
class HostnameCheck:
    """Whether a certificate's names cover the host name asked for, and by which entry."""
    hostname: str  # as compared (A-label, lower case, no trailing dot)
    matches: bool
    matched_by: str | None = None  # the SAN entry that covers it
    reasons: tuple[str, ...] = ()  # why each near miss does not count
    suggestion: str | None = None  # a name the certificate does cover, to use instead
    cn_only: bool = False  # no SAN at all; the name is only in the CN


@lru_cache(maxsize=1)
def _public_suffixes() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(exact rules, wildcard parents "*.ck" -> "ck", exceptions "!www.ck")."""
    for path in _PSL_FILES:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError:
            continue
        exact, wild, exc = set(), set(), set()
        # Only the ICANN section: browsers refuse wildcards on registry-controlled
        # suffixes ("*.co.uk"), not on the PRIVATE ones ("*.github.io" is a real certificate).
        if "===END ICANN DOMAINS===" in text:
            text = text.split("===END ICANN DOMAINS===", 1)[0]
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            rule = to_alabel(line.split()[0].lstrip("!").removeprefix("*."))
            if line.startswith("!"):
                exc.add(rule)
            elif line.startswith("*."):
                wild.add(rule)
            else:
                exact.add(rule)
        return frozenset(exact), frozenset(wild), frozenset(exc)
    return _PSL_FALLBACK, frozenset(), frozenset()


def is_public_suffix(name: str) -> bool:
    name = name.lower().rstrip(".")
    if "." not in name:
        return True  # every TLD
    exact, wild, exc = _public_suffixes()
    if name in exc:
        return False
    if name in exact:
        return True
    return name.split(".", 1)[1] in wild


def to_alabel(name: str) -> str:
    """Lower-case A-label form ("Bücher.example." -> "xn--bcher-kva.example"): the name
    as certificates are compared, by the one converter (addresses.a_label)."""
    return a_label(name.strip().rstrip(".").lower())


def parse_ip(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return None


def _wildcard_covers(pattern: str, host: str) -> tuple[bool, str | None]:
    """(matches, reason it does not) for one DNS SAN entry that contains '*'."""
    first, _, rest = pattern.partition(".")
    if first != "*":
        return False, (f"'{pattern}' has a partial wildcard; only a whole left-most '*' label "
                       "is accepted by browsers and the CA/B Forum rules")
    if "*" in rest:
        return False, f"'{pattern}' has a wildcard outside the left-most label"
    if is_public_suffix(rest):
        return False, f"'{pattern}' is a wildcard directly under a public suffix ('{rest}'), which clients refuse"
    hfirst, _, hrest = host.partition(".")
    if hrest == rest and hfirst:
        return True, None
    if host == rest:
        return False, f"'{pattern}' does not cover the bare name '{host}' (a wildcard needs one label in its place)"
    if host.endswith("." + rest):
        return False, f"'{pattern}' covers exactly one label; '{host}' is deeper"
    return False, None


def check_hostname(hostname: str, dns_names: tuple[str, ...], ip_addresses: tuple[str, ...],
                   common_name: str = "") -> HostnameCheck:
    """Whether the SANs cover ``hostname``, with the reasons of near misses."""
    ip = parse_ip(hostname)
    if ip is not None:
        return _check_ip(ip, dns_names, ip_addresses, common_name)
    host = to_alabel(hostname)
    sans = tuple(to_alabel(n) for n in dns_names)
    reasons: list[str] = []
    cn_only = not dns_names and not ip_addresses
    for san in sans:
        if "*" not in san:
            if san == host:
                return HostnameCheck(hostname=host, matches=True, matched_by=san)
            continue
        ok, why = _wildcard_covers(san, host)
        if ok:
            return HostnameCheck(hostname=host, matches=True, matched_by=san)
        if why:
            reasons.append(why)
    if cn_only:
        cn = to_alabel(common_name) if common_name else ""
        if cn and (cn == host or ("*" in cn and _wildcard_covers(cn, host)[0])):
            reasons.append(f"the name is only in the subject CN ('{common_name}') and the "
                           "certificate has no subjectAltName: modern clients ignore the CN")
        else:
            reasons.append("the certificate has no subjectAltName at all (modern clients ignore the CN)")
    suggestion = _suggest(host, sans)
    if suggestion:
        reasons.append(f"the certificate covers '{suggestion}': use https://{suggestion}/ or "
                       "add this name to the certificate")
    if hostname.rstrip(".").lower() != host:
        reasons.append(f"'{hostname}' was compared in its IDNA form '{host}'")
    return HostnameCheck(hostname=host, matches=False, reasons=tuple(reasons),
                         suggestion=suggestion, cn_only=cn_only)


def _suggest(host: str, sans: tuple[str, ...]) -> str | None:
    """www.<name> for a bare name, or the bare name for www.<name>, when that is covered."""
    alt = host[4:] if host.startswith("www.") else f"www.{host}"
    for san in sans:
        if san == alt or ("*" in san and _wildcard_covers(san, alt)[0]):
            return alt
    return None


def _check_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address, dns_names: tuple[str, ...],
              ip_addresses: tuple[str, ...], common_name: str) -> HostnameCheck:
    for a in ip_addresses:
        if parse_ip(a) == ip:
            return HostnameCheck(hostname=str(ip), matches=True, matched_by=f"IP:{a}")
    reasons = []
    if any(n.strip() == str(ip) for n in dns_names):
        reasons.append(f"{ip} is listed as a DNS name, not as an IP address SAN; clients "
                       "only match addresses against iPAddress entries")
    if any("*" in n for n in dns_names):
        reasons.append("wildcards never match IP addresses")
    if not dns_names and not ip_addresses:
        reasons.append("the certificate has no subjectAltName at all (modern clients ignore the CN"
                       + (f" '{common_name}'" if common_name else "") + ")")
    return HostnameCheck(hostname=str(ip), matches=False, reasons=tuple(reasons),
                         cn_only=not dns_names and not ip_addresses)
