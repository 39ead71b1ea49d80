"""client_misconfiguration: the client's own settings (trust store overrides, proxies,
an outdated TLS library), or a captured client that speaks the wrong protocol."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...causes import Cause, Party, Severity
from ...evidence import Evidence
from ...finding import Finding
from ...probe.outcome import Outcome
from ...wire.registry import AlertDescription
from .. import words
from ..catalog import make_finding
from . import rule
from ._capture import alert_line, alert_name, captured, deciding_alert, unexplained_alert
from ._common import proxy_failure
from ._text import stated

if TYPE_CHECKING:  # a type only
    from ...clients.openssl_conf import ConfLine


@rule
def client_misconfiguration(ev: Evidence) -> list[Finding]:
    """Live: this machine's environment (CA overrides that point nowhere, proxies the
    client would use) and TLS library age. Captured: plaintext to a TLS port, no ALPN in
    common, or an alert from the server that names no certificate or version problem."""
    said = stated(ev, Cause.CLIENT_MISCONFIGURATION)
    if said is not None:
        return [said]
    return [*_local(ev), *_captured(ev), *_local_options(ev)]


def _local_options(ev: Evidence) -> list[Finding]:
    """The options given to this client: --starttls on an implicit-TLS port, a --proxy
    that cannot be reached or wants credentials."""
    if not ev.live or not ev.probes:
        return []
    b = ev.baseline
    if b.outcome is Outcome.STARTTLS_FAILED and "implicit tls" in b.error.lower():
        return [make_finding(
            Cause.CLIENT_MISCONFIGURATION,
            title="This port speaks TLS right away: STARTTLS is the wrong option here",
            explanation="Asked to start in plain text and upgrade with STARTTLS, the server "
                        "answered with TLS at once: it is an implicit-TLS port (465, 993, 995, "
                        "636...). Connect with TLS from the start.",
            evidence=(f"STARTTLS dialog: {b.error}",), facts={"kind": "starttls_on_tls_port"})]
    proxy = proxy_failure(b)
    if proxy in ("auth", "unreachable"):
        auth = proxy == "auth"
        return [make_finding(
            Cause.CLIENT_MISCONFIGURATION,
            title="The proxy wants credentials" if auth else "The proxy cannot be reached",
            explanation=("The HTTP proxy answered CONNECT with 407: it needs a user name and "
                         "password." if auth else "The proxy given (--proxy or HTTPS_PROXY) "
                         "does not accept connections: wrong address or port, or it is down."),
            evidence=(b.error,), facts={"kind": "proxy_auth" if auth else "proxy_unreachable"})]
    return []


def _local(ev: Evidence) -> list[Finding]:
    if ev.local is None:
        return []
    out = [make_finding(
        Cause.CLIENT_MISCONFIGURATION, severity=Severity.WARNING,
        title=f"{var} points at {path}, which does not exist",
        explanation=f"Clients that honour {var} load their trusted CAs from it; with a "
                    "missing file they trust nothing and every certificate fails.",
        evidence=(f"{var}={path}",), facts={"kind": "broken_ca_env", "variable": var})
        for var, path in ev.local.broken_ca_env]
    outdated = _outdated_library(ev)
    if outdated is not None:
        out.append(outdated)
    capped = no_version(ev) or capped_version(ev)
    if capped is not None:
        out.append(capped)
    out.extend(make_finding(
        Cause.CLIENT_MISCONFIGURATION, severity=Severity.INFO,
        title=f"Clients here go through the proxy {value} ({var})",
        explanation="Programs that honour this variable connect through the proxy, which may "
                    "block or intercept TLS; tlsdoctor connected directly. Re-run with "
                    "--proxy to see what the proxy does.",
        evidence=(f"{var}={value}",), facts={"kind": "proxy_env", "proxy": value})
        for var, value in ev.local.proxy_env)
    return out


_CONF_VERSIONS = {"sslv3": 0x0300, "tlsv1": 0x0301, "tlsv1.1": 0x0302, "tlsv1.2": 0x0303,
                  "tlsv1.3": 0x0304}


def _conf(ev: Evidence, key: str) -> list[ConfLine]:
    return [c for c in (ev.local.openssl_conf if ev.local else ()) if c.key == key]


def no_version(ev: Evidence) -> Finding | None:
    """This machine's settings leave its TLS library no version at all (e.g. a config's
    MaxProtocol = TLSv1 under Python's TLS 1.2 floor): nothing can connect anywhere."""
    if ev.client is None or not ev.client.is_local or ev.client.versions:
        return None
    lines = _conf(ev, "MinProtocol") + _conf(ev, "MaxProtocol")
    return make_finding(
        Cause.CLIENT_MISCONFIGURATION,
        title="This machine's TLS settings allow no protocol version at all",
        explanation="The versions the local TLS library may use are empty: the OpenSSL "
                    "configuration's range and the program's own minimum (Python requires "
                    "TLS 1.2 or newer) do not overlap, so every TLS connection from here "
                    "fails before anything is sent.",
        evidence=(*(str(c) for c in lines), f"library: {ev.local.openssl if ev.local else ''}"),
        facts={"kind": "no_version", "lines": [str(c) for c in lines],
               "conf": [(c.path, c.number, c.key, c.value) for c in lines]})


def capped_version(ev: Evidence) -> Finding | None:
    """The library is new enough, but this machine's OpenSSL configuration caps the
    version below what the server requires: change the line, do not upgrade anything."""
    from ._common import baseline_failed, working_variant

    caps = _conf(ev, "MaxProtocol")
    works = working_variant(ev)
    if not caps or ev.client is None or not ev.client.is_local or not ev.client.versions or \
            not baseline_failed(ev) or works is None or works.version is None or \
            works.version <= max(ev.client.versions):
        return None
    cap, need = caps[-1], works.version
    return make_finding(
        Cause.CLIENT_MISCONFIGURATION,
        title=f"This machine's OpenSSL configuration caps TLS at {cap.value}; the server "
              f"requires {words.version(need)}",
        explanation=f"The local TLS library supports {words.version(need)}, but {cap.path} "
                    f"line {cap.number} sets {cap.key} = {cap.value}, so no program here "
                    "offers it. Change that line (upgrading OpenSSL would change nothing); "
                    "or, if the server should serve older clients, let it accept "
                    f"{words.versions(ev.client.versions)} too.",
        evidence=(str(cap), f"client offers: {words.versions(ev.client.versions)}",
                  f"probe '{works.label}': server chose {words.version(need)}"),
        facts={"kind": "config_cap", "conf": [(cap.path, cap.number, cap.key, cap.value)],
               "server_version_code": need})


def _version(text: str) -> tuple[int, ...] | None:
    m = re.search(r"OpenSSL (\d+)\.(\d+)\.(\d+)", text)
    return tuple(int(x) for x in m.groups()) if m else None


def _outdated_library(ev: Evidence) -> Finding | None:
    """OpenSSL before 1.1.1 has no TLS 1.3 and is out of support (openssl.org release
    strategy: 1.0.2 ended 2019-12-31, 1.1.1 ended 2023-09-11)."""
    if ev.client is None or not ev.client.is_local or ev.local is None:
        return None
    v = _version(ev.local.openssl)
    if v is None or v >= (3, 0, 0):
        return None
    no_tls13 = v < (1, 1, 1)
    failed = bool(ev.probes) and not ev.baseline.ok
    return make_finding(
        Cause.CLIENT_MISCONFIGURATION,
        severity=Severity.BLOCKING if no_tls13 and failed else Severity.WARNING,
        title=f"This machine's TLS library is outdated ({ev.local.openssl})",
        explanation=("It cannot speak TLS 1.3, which more and more servers require, and it "
                     "gets no security fixes." if no_tls13 else
                     "OpenSSL 1.1.1 no longer gets public security fixes."),
        evidence=(f"local library: {ev.local.openssl}",), facts={"kind": "outdated_library"})


def _captured(ev: Evidence) -> list[Finding]:
    ex = captured(ev) if ev.probes else None
    raw = ev.probes[0] if ev.observed and ev.probes else None
    if raw is not None and raw.extra.get("client_spoke"):
        return [make_finding(
            Cause.CLIENT_MISCONFIGURATION, confidence=0.7,
            title="The client spoke plaintext to a TLS port",
            explanation="The client sent plaintext (e.g. http:// instead of https://) to a port "
                        "where the server expects a TLS handshake.",
            evidence=(f"client's first bytes are {raw.extra['client_spoke']}, the server "
                      "answered in TLS",), facts={"kind": "plaintext_client"})]
    a = deciding_alert(ex) if ex is not None else None
    if ex is None or a is None:
        return []
    if a.description == AlertDescription.no_application_protocol:
        return [make_finding(
            Cause.CLIENT_MISCONFIGURATION, who_fixes=Party.EITHER, confidence=0.7,
            title="No application protocol (ALPN) in common",
            explanation="The server supports none of the ALPN protocols the client offered.",
            evidence=(f"client offered ALPN {', '.join(ex.offer.alpn) or '(none)'}", alert_line(a)),
            facts={"alpn": list(ex.offer.alpn), "kind": "alpn"})]
    if a.by == "server" and a.description != AlertDescription.internal_error and \
            unexplained_alert(ex, a):
        return [make_finding(Cause.CLIENT_MISCONFIGURATION, confidence=0.4,
                             evidence=(alert_line(a),), facts={"alert": alert_name(a)})]
    return []
