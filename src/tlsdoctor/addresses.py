"""IP literals, as every layer that takes a host name must tell them from names; the
labels of a name a resolver can look up; a name's A-labels; HOST:PORT as commands and
URLs write it."""

from __future__ import annotations

import ipaddress


def is_ip(text: str) -> bool:
    """An IPv4 or IPv6 address literal (an IPv6 zone such as ``%eth0`` allowed)."""
    try:
        ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return False
    return True


def labels_ok(name: str) -> bool:
    """Labels a resolver can look up (RFC 1035 2.3.4): none empty ("a..b"), none over 63
    characters, none starting with "-" (RFC 1123 2.1; "-" alone means stdin to the
    commands that read files). The name without its root dot; the characters are each
    caller's check."""
    return all(0 < len(label) <= 63 and not label.startswith("-") for label in name.split("."))


def host_port(host: str, port: int | str) -> str:
    """HOST:PORT with an IPv6 address in brackets ("[::1]:8443"), as URLs, `openssl s_client
    -connect` and tlsdoctor's own targets take it ("::1:8443" is ambiguous to each)."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def a_label(name: str) -> str:
    """An internationalised name as DNS, SNI (RFC 6066 §3) and certificates (RFC 5280
    §7.2) carry it: its A-labels ("Bücher.example" -> "xn--bcher-kva.example"), by IDNA
    2008 with UTS #46 mapping, as browsers do (the ``idna`` package; IDNA 2003 made
    "faß.de" "fass.de", a name no certificate for faß.de holds). The one converter: the
    name sent (probe.target) and the name checked (pki.hostname) must be the same. An
    ASCII name comes back as it is; where the whole name cannot be encoded (a wildcard
    "*" label, a character IDNA refuses) each label is, and a label that cannot stays
    as it is (then it is refused as a host name, or matches no certificate)."""
    if name.isascii():
        return name
    import idna  # (here: only a name that is not ASCII needs its ~2 ms of import)

    try:
        return idna.encode(name, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError, ValueError):
        pass
    return ".".join(label if label.isascii() else _label(label) for label in name.split("."))


def _label(label: str) -> str:
    import idna

    try:
        return idna.encode(label, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError, ValueError):
        return label
