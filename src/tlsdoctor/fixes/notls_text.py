"""Fix steps when the reply was not TLS or the connection died, read from error text.

The finding carries what ingest/plain_context.py read (``notls_context``): the client's proxy
written with https:// for a plain HTTP proxy, a plaintext port or scheme. The proxy step is the documented form of each program's proxy setting
(curl(1) ``https_proxy``/``-x``, pip ``--proxy``/``global.proxy``, npm ``https-proxy``,
git ``http.proxy``, requests/httpx ``proxies``): the proxy's URL says how to reach the
PROXY (plain HTTP for squid and most proxies); the site's TLS runs inside its CONNECT tunnel.
"""

from __future__ import annotations

from dataclasses import replace

from ..causes import Cause
from ..finding import Finding, FixStep
from .context import FixContext
from .lazyre import lazy

__all__ = ["notls_text_steps"]

_PROXY_AT = lazy(r"https://(?P<hp>[A-Za-z0-9.\[\]:-]{1,260})")
_PROXY_CONTEXTS = ("proxy_https", "via_proxy", "proxy_port")
_CHECK_PROXY = FixStep(text="See the proxy this client uses (the environment, then the "
                            "program's own setting); a proxy that answers plain HTTP needs "
                            "an http:// URL:",
                       code="env | grep -i proxy\ncurl -v http://PROXY:PORT/")


# Round 15: a ClientHello nobody answered over a network (a trace, or a handshake timeout). The hello is the connection's
# first large packet; a path that loses packets above its real MTU (a tunnel, PPPoE, a VPN,
# ICMP "fragmentation needed" filtered) loses it and the handshake hangs.
_PATH_MTU = FixStep(text="Find the largest packet the path carries (the ClientHello is the "
                         "first large one): if full-size pings with don't-fragment set get no "
                         "answer while small ones do, lower this host's MTU (or clamp TCP MSS "
                         "on the router or VPN) and retry; if the size is not it, retry from "
                         "another network to find the filter:",
                    code="ping -M do -s 1472 HOST\nping -M do -s 1200 HOST\n"
                         "sudo ip link set dev IFACE mtu 1400\n"
                         "# router/VPN: iptables -t mangle -A FORWARD -p tcp --tcp-flags "
                         "SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu")


def _proxy_fix(where: str) -> FixStep:
    hp = where or "PROXY:PORT"
    return FixStep(text="Write the proxy's URL with http:// (the proxy speaks plain HTTP and "
                        "CONNECT; the site's TLS still runs end to end inside the tunnel):",
                   code=(f"export https_proxy=http://{hp} HTTPS_PROXY=http://{hp}\n"
                         f"# pip: pip config set global.proxy http://{hp}\n"
                         f"# npm: npm config set https-proxy http://{hp}\n"
                         f"# git: git config --global http.proxy http://{hp}\n"
                         f"# requests/httpx: proxies={{'https': 'http://{hp}'}}"))


def notls_text_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """The steps for ``f``, a text finding the not-TLS reading made (``notls_*`` facts)."""
    context = str(f.facts.get("notls_context", ""))
    if f.cause is Cause.CLIENT_MISCONFIGURATION and context in _PROXY_CONTEXTS:
        m = _PROXY_AT.search(str(f.facts.get("meaning", "")))
        return (_proxy_fix(m.group("hp") if m else ""), _CHECK_PROXY)
    if f.cause is Cause.NON_TLS_SERVICE_ON_PORT and context in ("plain_port", "scheme"):
        return (FixStep(text="Use the service's TLS port, or its STARTTLS on the plain one: "
                             "https:// on 443/8443, IMAPS 993 or STARTTLS on 143, SMTPS 465 or "
                             "STARTTLS on 587/25, LDAPS 636 or StartTLS on 389, MQTTS 8883; "
                             "see what the port speaks:",
                        code="curl -v http://HOST:PORT/"),)
    if (f.cause is Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE
            and f.facts.get("notls_kind") in ("unanswered", "timeout")):
        return (replace(_PATH_MTU, code=_PATH_MTU.code.replace("HOST", ctx.host)),)
    return ()
