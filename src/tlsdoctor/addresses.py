"""IP literals, as every layer that takes a host name must tell them from names."""

from __future__ import annotations

import ipaddress


def is_ip(text: str) -> bool:
    """An IPv4 or IPv6 address literal (an IPv6 zone such as ``%eth0`` allowed)."""
    try:
        ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return False
    return True
