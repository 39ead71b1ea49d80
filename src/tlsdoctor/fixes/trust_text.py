"""Fix steps for a chain-trust failure read from error text in its context.

No chain was seen (only words), so the steps cannot name the certificates; they follow the
context the judgement read (``trust_context`` fact, ingest/trust_context.py): the first step
is always the check that tells the candidates apart from this machine, then what the party
the finding names does. A re-signed connection and this client's own store are fixed on
this machine (or by the network's administrator); a private CA or a self-signed server by
giving the client the certificate it lacks, or by the server taking one from a trusted CA.
"""

from __future__ import annotations

import shlex

from ..addresses import is_ip
from ..causes import Cause
from ..finding import Finding, FixStep
from ..ingest.own_trust import by_name
from . import client
from .context import FixContext
from .names import file_stem

__all__ = ["trust_text_steps"]

# Debian update-ca-certificates(8); Alpine's ca-certificates package (apk); the variables
# OpenSSL (SSL_CERT_FILE/DIR), requests (REQUESTS_CA_BUNDLE), curl (CURL_CA_BUNDLE) and Node
# (NODE_EXTRA_CA_CERTS) read; python.org's macOS installer ("Install Certificates.command").
_STORE_CODE = ("sudo apt-get install --reinstall ca-certificates && sudo update-ca-certificates"
               "\n# Alpine / slim images: apk add --no-cache ca-certificates"
               "\nenv | grep -E 'SSL_CERT_(FILE|DIR)|REQUESTS_CA_BUNDLE|CURL_CA_BUNDLE|"
               "NODE_EXTRA_CA_CERTS'")


def _check(ctx: FixContext) -> FixStep:
    host = ctx.host
    port = ctx.target.port if ctx.target is not None else 443
    return FixStep(text="First see which chain arrives on this machine: an issuer naming an "
                        "inspection product (proxy, firewall, antivirus) means the connection "
                        "is re-signed; a public CA means this client's store lacks its root; "
                        "a private CA or the server's own name means a private certificate.",
                   code=f"tlsdoctor diagnose {shlex.quote(f'{host}:{port}' if port != 443 else host)}")


def trust_text_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """The steps for ``f``, a text finding with a ``trust_context`` fact; () for a cause
    whose generic line is right (a server that must send its chain)."""
    where = str(f.facts.get("trust_context", ""))
    if ":" in where:  # "<where>:<program>": a program that trusts its own setting
        own = _own_setting(f, ctx, where.split(":", 1)[1])
        if own:
            return own
    if f.cause is Cause.TLS_INTERCEPTION_MITM:
        return (_check(ctx),
                FixStep(text="If it is re-signed: ask the network administrator to exempt this "
                             "host from TLS inspection, or give this client the inspection CA "
                             "(your IT department publishes it; compare its fingerprint):"),
                *client.trust_root("inspection-ca", None, ctx.url, client=ctx.client,
                                   what="inspection CA certificate"))
    if f.cause is Cause.CLIENT_MISCONFIGURATION:
        return (_check(ctx),
                FixStep(text="Give this client a current CA store: reinstall the system bundle "
                             "(in containers too) and check that no variable points the client "
                             "at a file without the public roots; python.org's macOS Python: "
                             "run 'Install Certificates.command'; an old Java or Android: "
                             "update it.", code=_STORE_CODE, applies_to="system"))
    if f.cause is Cause.CERT_UNTRUSTED_ROOT and where != "none":
        return (_check(ctx),
                FixStep(text="Give this client the private CA that issued the server's "
                             "certificate (ask its administrator for the root; compare its "
                             "fingerprint out of band):"),
                *client.trust_root("internal-root-ca", None, ctx.url, client=ctx.client))
    if f.cause is Cause.CERT_SELF_SIGNED and where == "private":
        return _self_signed(ctx)
    return ()


def _own_setting(f: Finding, ctx: FixContext, name: str) -> tuple[FixStep, ...]:
    """A program that trusts only its own CA setting (ingest/own_trust.py): that setting,
    pointed at the system's bundle (a public server) or at the private CA's file."""
    program = by_name(name)
    if program is None or f.cause not in (Cause.CLIENT_MISCONFIGURATION,
                                          Cause.CERT_UNTRUSTED_ROOT):
        return ()
    what = ("the system's CA bundle (a public server) or the file holding the private CA "
            "that issued the server's certificate" if f.cause is Cause.CLIENT_MISCONFIGURATION
            else "a file holding the private CA that issued the server's certificate (ask "
                 "its administrator; compare its fingerprint out of band)")
    return (_check(ctx),
            FixStep(text=f"{program.title} trusts {program.default}. Point that setting at "
                         f"{what}, then reload it:", code=program.setting))


def _self_signed(ctx: FixContext) -> tuple[FixStep, ...]:
    host = ctx.host
    port = ctx.target.port if ctx.target is not None else 443
    stem = file_stem(host)
    sni = "" if is_ip(host) else f"-servername {shlex.quote(host)} "
    fetch = (f"openssl s_client -connect {shlex.quote(f'{host}:{port}')} {sni}"
             f"</dev/null | openssl x509 > {stem}.crt\n"
             f"openssl x509 -in {stem}.crt -noout -subject -issuer -fingerprint -sha256")
    return (_check(ctx),
            FixStep(text="Fetch the server's certificate and, after comparing its fingerprint "
                         "with its administrator's, make this client trust exactly it:",
                    code=fetch),
            *client.trust_root(host, None, ctx.url, client=ctx.client,
                               what="server's self-signed certificate"),
            FixStep(text="Or give the server a certificate from your internal CA or a public "
                         "CA, so clients need no exception."))
