"""Round 27 review: a target given as an IPv6 address ("[::1]:8443") got fix commands no
program accepts: `openssl s_client -connect ::1:8443` ("malformed or ambiguous"), `curl
https://::1:8443/` (no URL), `tlsdoctor diagnose ::1:8443` (not a target). Every command
that names host and port writes an IPv6 address in brackets (addresses.host_port)."""

from __future__ import annotations

import re
import shlex
from typing import Any
from urllib.parse import urlsplit

import pytest

from tlsdoctor.causes import Cause
from tlsdoctor.diagnosis.catalog import make_finding
from tlsdoctor.fixes import FixContext, attach_fixes
from tlsdoctor.probe.target import parse_target

_TARGET = parse_target("[::1]:8443")
_CONNECT = re.compile(r"-connect (\S+)")
_URL = re.compile(r"https://[^\s'\"]+")
_DIAGNOSE = re.compile(r"tlsdoctor diagnose (\S+)")

# (cause, facts): the findings whose fixes name the server's address and port
_CASES: list[tuple[Cause, dict[str, Any]]] = [
    (Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE, {"kind": "closed"}),
    (Cause.NON_TLS_SERVICE_ON_PORT, {"kind": "starttls_on_tls_port"}),
    (Cause.SERVER_MISCONFIGURATION, {"kind": "key_mismatch"}),
    (Cause.SERVER_MISCONFIGURATION, {"kind": "cert_message_too_large"}),
    (Cause.SERVER_MISCONFIGURATION, {"kind": "protocol_violation"}),
    (Cause.CERT_SELF_SIGNED, {"trust_context": "private_ip", "source": "curl"}),
    (Cause.TLS_INTERCEPTION_MITM, {"trust_context": "public", "source": "curl"}),
    (Cause.CERT_UNTRUSTED_ROOT, {"trust_context": "private", "source": "curl"}),
    (Cause.CLIENT_CERT_REQUIRED, {}),
    (Cause.HOSTNAME_MISMATCH, {"kind": "ip_without_sni"}),
]


def _codes(cause: Cause, facts: dict[str, Any]) -> list[str]:
    f = make_finding(cause, facts=facts)
    (fixed,) = attach_fixes([f], FixContext(target=_TARGET))
    return [s.code for s in fixed.fix if s.code]


def test_the_url_and_service_url_bracket_an_ipv6_host() -> None:
    ctx = FixContext(target=_TARGET)
    assert ctx.url == "https://[::1]:8443/"
    assert FixContext(target=parse_target("[::1]:25")).service_url == "smtp://[::1]:25/"


@pytest.mark.parametrize(("cause", "facts"), _CASES, ids=[f"{c.value}-{sorted(f.values())}"
                                                          for c, f in _CASES])
def test_commands_name_an_ipv6_server_in_brackets(cause: Cause, facts: dict[str, Any]) -> None:
    codes = "\n".join(_codes(cause, facts))
    for m in _CONNECT.finditer(codes):
        arg = shlex.split(m.group(1))[0]
        assert arg.startswith("[::1]:") or arg.count(":") == 1, (arg, codes)
    for m in _URL.finditer(codes):
        url = m.group(0)
        if "HOST" in url:
            continue
        parts = urlsplit(url)
        assert parts.hostname == "::1" and parts.port in (8443, None), (url, codes)
    for m in _DIAGNOSE.finditer(codes):
        arg = shlex.split(m.group(1))[0]
        parse_target(arg)  # a target tlsdoctor itself accepts
