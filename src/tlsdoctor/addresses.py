"""IP literals, as every layer that takes a host name must tell them from names; the
labels of a name a resolver can look up; HOST:PORT as commands and URLs write it."""

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
