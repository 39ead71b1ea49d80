"""The fix steps for each cause, chosen from a finding's facts and the context.

One function per cause, registered with ``@fixes``; ``attach`` (attach.py) calls them
after judgement. A fixer returns () when it has nothing specific: the cause's generic
line (snippets.toml [generic]) is shown instead.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..addresses import host_port
from ..causes import Cause
from ..finding import Finding, FixStep
from . import certs, client, server
from .context import FixContext, s_client_to
from .data import per_server
from .names import file_stem

if TYPE_CHECKING:  # a type only
    from ..probe.target import Target

Fixer = Callable[[Finding, FixContext], tuple[FixStep, ...]]
FIXERS: dict[Cause, Fixer] = {}


def fixes(*causes: Cause) -> Callable[[Fixer], Fixer]:
    def register(fn: Fixer) -> Fixer:
        for c in causes:
            FIXERS[c] = fn
        return fn
    return register


@fixes(Cause.PROTOCOL_VERSION_MISMATCH)
def _versions(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """The older side moves; a stopgap for the named client follows the server's steps.
    A client too old for the server: upgrade it, or the server accepts TLS 1.2 too."""
    code = f.facts.get("server_version_code")
    if not isinstance(code, int):
        return server.protocols(ctx.server_software)
    if not f.facts.get("server_older"):
        return (*client.accept_version(code, ctx.service_url, ctx.client),
                FixStep(text="Or, server side, if it should serve clients like this one:"),
                *server.protocols(ctx.server_software))
    steps = server.protocols(ctx.server_software)
    if f.facts.get("client_local") or _named(ctx):
        steps += client.accept_version(code, ctx.service_url, ctx.client)
    return steps


def _named(ctx: FixContext) -> bool:
    """A client named by the evidence (--client), not this machine's own library."""
    return ctx.client is not None and not ctx.client.is_local


@fixes(Cause.CIPHER_SUITE_MISMATCH)
def _suites(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    if f.facts.get("kind") == "key":  # no cipher line helps: a certificate with a usable key
        return _reissue_for_key(f, ctx)
    if f.facts.get("kind") == "group":  # no cipher line helps: the groups line does
        return (*server.groups(ctx.server_software, str(f.facts.get("server_group") or "")),
                FixStep(text=f"Or give the client a TLS library that has "
                             f"{f.facts.get('server_group')} (for ML-KEM hybrids: OpenSSL 3.5 "
                             "or newer, a 2025 browser)."))
    return server.ciphers(ctx.server_software) + client.accept_cipher(
        ctx.service_url, ctx.client, str(f.facts.get("server_suite", "")))


def _reissue_for_key(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """A certificate key the client cannot use (cipher_suite_mismatch kind "key"): the
    same names with an ECDSA P-256 key, installed like a renewal."""
    leaf = ctx.chain.leaf if ctx.chain is not None else None
    names = list(leaf.info.dns_names) if leaf is not None else []
    key = str(f.facts.get("key_type", "this"))
    return certs.reissue_steps(names or [ctx.host], f"with an ECDSA P-256 key (every client "
                               f"verifies P-256; this client cannot use the {key} key)",
                               fallback=ctx.host, software=ctx.server_software)


@fixes(Cause.OBSOLETE_PROTOCOL_ENABLED)
def _obsolete(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    if f.facts.get("missing") == "TLS 1.3":
        return (FixStep(text="Enable TLS 1.3 (OpenSSL 1.1.1 or newer on the server)."),
                *server.protocols(ctx.server_software))
    return server.protocols(ctx.server_software)


@fixes(Cause.WEAK_CIPHER_OR_NO_PFS)
def _weak_suites(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    kind = f.facts.get("kind")
    if kind == "dh":
        return server.dh(ctx.server_software)
    if kind == "compression":
        return (FixStep(text="Disable TLS compression in the server's TLS library "
                             "(OpenSSL: SSL_OP_NO_COMPRESSION; it is off by default since 1.1.0)."),)
    return server.ciphers(ctx.server_software)


@fixes(Cause.CLIENT_CERT_REQUIRED)
def _client_cert(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    if f.facts.get("required") is False:
        return ()
    return client.send_certificate(ctx.url, ctx.client)


@fixes(Cause.CLIENT_CLOCK_WRONG)
def _clock(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    return (FixStep(text="Turn on network time synchronisation.",
                    code="timedatectl set-ntp true\ntimedatectl status", applies_to="linux"),
            FixStep(text="Windows: Settings > Time & language > Sync now, or:",
                    code="w32tm /resync", applies_to="windows"))


@fixes(Cause.CLIENT_MISCONFIGURATION)
def _client_settings(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    kind = f.facts.get("kind")
    if kind == "broken_ca_env":
        var = str(f.facts.get("variable", ""))
        return (FixStep(text=f"Unset {var} or point it at a CA bundle.", code=f"unset {var}"),)
    if kind == "outdated_library":
        return (FixStep(text="Upgrade the operating system's OpenSSL (or the runtime that bundles "
                             "it), e.g. a supported Python or distribution release."),)
    if kind == "proxy_env":
        proxy = shlex.quote(str(f.facts.get("proxy", "")))
        target = shlex.quote(str(ctx.target)) if ctx.target is not None else "HOST"
        return (FixStep(text="Diagnose through the proxy:",
                        code=f"tlsdoctor diagnose {target} --proxy {proxy}"),)
    if kind in ("no_version", "config_cap"):
        return _conf_steps(f, ctx)
    if kind == "starttls_on_tls_port" and ctx.target is not None:
        t = ctx.target
        return (FixStep(text="Connect with TLS from the start (no STARTTLS):",
                        code=f"tlsdoctor diagnose {shlex.quote(host_port(t.host, t.port))}"),)
    if kind == "proxy_unreachable":
        return (FixStep(text="Check the proxy address and port (--proxy, HTTPS_PROXY), or "
                             "whether the proxy is running:", code="env | grep -i _proxy"),)
    if kind == "proxy_auth":
        return (FixStep(text="Give the proxy's credentials in its URL:",
                        code="--proxy http://USER:PASSWORD@PROXY:PORT"),)
    if kind == "plaintext_client":
        return (FixStep(text="Use https:// (TLS) for this port, or the plain-text port for plain text."),)
    return ()


def _conf_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """Edit the OpenSSL configuration line that narrows every client on this machine."""
    conf = f.facts.get("conf") or []
    steps = [FixStep(text=f"In {path}, line {number}: change '{key} = {value}' so the range "
                          "includes TLS 1.2 and 1.3 (or delete the line):",
                     code=f"{key} = {'TLSv1.3' if key == 'MaxProtocol' else 'TLSv1.2'}",
                     applies_to="openssl")
             for path, number, key, value in conf]
    if not steps:
        steps.append(FixStep(text="Check OPENSSL_CONF and the [system_default_sect] of "
                                  "openssl.cnf for MinProtocol / MaxProtocol lines.",
                             code="echo \"$OPENSSL_CONF\"; openssl version -d",
                             applies_to="openssl"))
    if f.facts.get("kind") == "config_cap":
        steps.append(FixStep(text="Or, if the server should serve clients like this one, let "
                                  "it accept TLS 1.2 as well:"))
        steps.extend(server.protocols(ctx.server_software))
    return tuple(steps)


@fixes(Cause.NAME_RESOLUTION_OR_UNREACHABLE)
def _unreachable(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    kind, t = f.facts.get("kind"), ctx.target
    if t is None:
        return ()
    if kind == "dns":
        host = shlex.quote(t.address)  # the name looked up (--connect's when given)
        return (FixStep(text="Check the spelling and the DNS record.",
                        code=f"getent hosts {host}\ndig +short {host}"),)
    if kind == "refused":
        return (FixStep(text="On the server: is the TLS service running, and on which address "
                             "and port does it listen? Its unit log says why it stopped.",
                        code=f"ss -ltnp | grep ':{t.port} '\nsystemctl status SERVICE\n"
                             "journalctl -u SERVICE -n 50"),
                FixStep(text="If it listens, check the host firewall for a reject rule on the port.",
                        code=f"nft list ruleset | grep -n {t.port}"))
    return ()


@fixes(Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE)
def _path(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    kind, t = f.facts.get("kind"), ctx.target
    if kind == "sni_filter":
        return (FixStep(text="Ask the network administrator why this name is filtered (web filter, "
                             "firewall SNI rule); show them the evidence."),)
    if kind == "intolerant":
        return (FixStep(text="Ask the network team to update or bypass the device that inspects "
                             "TLS on this path; show them this evidence."),)
    if kind == "closed" and t is not None:
        return (FixStep(text="Check from a host next to the server (no proxy or firewall in "
                             "between); if it works there, take this evidence to the network "
                             "team, otherwise check the server's TLS listener and its log.",
                        code=s_client_to(t)),)
    if kind == "proxy_refused":
        return (FixStep(text="Ask the proxy's administrator to allow CONNECT to this host and "
                             "port, or connect without the proxy if policy allows."),)
    if kind == "intolerance":
        return (FixStep(text="Upgrade the TLS stack or the middlebox in front of the server."),)
    return ()


@fixes(Cause.NON_TLS_SERVICE_ON_PORT)
def _plaintext(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    proto, t, kind = f.facts.get("protocol"), ctx.target, f.facts.get("kind")
    if kind == "starttls_refused":
        how = ("give the MySQL/MariaDB server a certificate and key ([mysqld] ssl_cert and "
               "ssl_key, no skip_ssl) and restart it" if f.facts.get("starttls") == "mysql" else
               "enable STARTTLS on the server with a certificate (Postfix: "
               "smtpd_tls_security_level = may and smtpd_tls_chain_files; Dovecot: ssl = yes)")
        return (FixStep(text=f"{how[0].upper()}{how[1:]}, then check the service advertises it.",
                        code=f"openssl s_client -starttls {f.facts.get('starttls')} -connect "
                             f"{shlex.quote(str(t))}" if t is not None else ""),)
    if kind == "starttls_no_greeting" and t is not None:
        return (FixStep(text="If the port is implicit TLS, diagnose it without --starttls; "
                             "otherwise use the protocol's STARTTLS port:",
                        code=f"tlsdoctor diagnose {shlex.quote(str(t))}"),)
    if not proto:
        return ()
    where = f.facts.get("tls_port", "the service's TLS port")
    steps = [FixStep(text=f"Connect to the TLS port: {where}.")]
    starttls = f.facts.get("starttls")
    if starttls and t is not None:
        at = shlex.quote(str(t))
        steps.insert(0, FixStep(text=f"This is a {str(starttls).upper()} service: upgrade the "
                                     "connection with STARTTLS instead of starting with TLS "
                                     "(or use its implicit-TLS port):",
                                code=f"openssl s_client -starttls {starttls} -connect {at}\n"
                                     f"tlsdoctor diagnose {at} --starttls {starttls}",
                                applies_to="openssl"))
    if proto == "http" and t is not None:
        steps.insert(0, FixStep(text=f"This port serves plain HTTP: use http://{t} or the HTTPS port.",
                                applies_to="client"))
    if f.facts.get("server_first") and t is not None:
        return (*_listen_tls(ctx, t.port), *steps)
    return tuple(steps)


def _listen_tls(ctx: FixContext, port: int) -> tuple[FixStep, ...]:
    """The server side of plaintext on a TLS port: its listener lacks TLS."""
    return per_server("listen_tls", ctx.server_software, port=str(port))


@fixes(Cause.SNI_REQUIRED_OR_MISMATCH)
def _sni(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    kind, t = f.facts.get("kind"), ctx.target
    if kind == "name_rejected":
        return (FixStep(text=f"Add {f.facts.get('sni')} to the server_name / ServerName of the "
                             "site that should answer, with a certificate covering it."),)
    if kind != "sni_required" or t is None:
        return ()
    name = f.facts.get("name")
    host = str(name) if name else "SITE-NAME"
    ip = ctx.address or t.address
    address = f"[{ip}]" if ":" in ip else ip
    return (*client.send_sni(host, t.port, address, ctx.client),
            FixStep(text="Or, server side, give the default site a certificate that covers the "
                         "names clients without SNI use."))


@fixes(Cause.SERVER_MISCONFIGURATION)
def _server_setup(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    kind, t = f.facts.get("kind"), ctx.target
    if kind == "key_type":
        key = str(f.facts.get("key_type", ""))
        return (FixStep(text=f"The certificate has a {key} key: allow suites that authenticate "
                             "with it (Mozilla intermediate covers ECDSA and RSA)."),
                *server.ciphers(ctx.server_software))
    if kind == "key_mismatch":
        return _key_mismatch_steps(t)
    if kind == "cert_message_too_large":
        smaller = FixStep(text="Serve a smaller certificate message: split a certificate with "
                               "thousands of names into several (one per group of sites, chosen "
                               "by SNI), and send only the leaf and its intermediates.")
        if t is None:
            return (smaller,)
        return (smaller, FixStep(
            text="Count what the server sends:",
            code=f"{s_client_to(t)} -showcerts </dev/null | grep -c 'BEGIN CERTIFICATE'"))
    if kind == "protocol_violation" and t is not None:
        return (FixStep(text="See what the server really sends, and compare from a host on the "
                             "server's own network (a difference points at the path):",
                        code=f"{s_client_to(t, t.host)} -msg -state </dev/null"),
                FixStep(text="Update the TLS stack or firmware of the server or appliance that "
                             "terminates TLS."))
    # Every hello refused: most often a cipher list that cannot serve the certificate's
    # key type (RSA-only suites with an ECDSA key) or DHE-only suites without a usable
    # group; the cipher line fixes those, the key check the rest.
    return (*server.ciphers(ctx.server_software),
            FixStep(text="If that is not it, check that the certificate and key belong together, "
                         "and read the server's error log for the handshake error:",
                    code="openssl x509 -noout -pubkey -in cert.pem | sha256sum\n"
                         "openssl pkey -pubout -in key.pem | sha256sum"))


def _key_mismatch_steps(t: Target | None) -> tuple[FixStep, ...]:
    see: tuple[FixStep, ...] = ()
    if t is not None:
        see = (FixStep(text="See what the server really sends:",
                       code=f"{s_client_to(t)} "
                            "</dev/null 2>/dev/null | openssl x509 -noout -pubkey "
                            "| openssl pkey -pubin -outform DER | openssl sha256"),)
    return (FixStep(text="Compare the public key of the certificate with the private key the "
                         "server is configured with; the two hashes must be equal (and equal to "
                         "the SPKI SHA-256 in the evidence for the certificate):",
                    code="openssl x509 -noout -pubkey -in cert.pem "
                         "| openssl pkey -pubin -outform DER | openssl sha256\n"
                         "openssl pkey -pubout -outform DER -in key.pem | openssl sha256"),
            FixStep(text="For RSA, comparing the moduli says the same:",
                    code="openssl x509 -noout -modulus -in cert.pem | openssl sha256\n"
                         "openssl rsa -noout -modulus -in key.pem | openssl sha256"),
            FixStep(text="Install the certificate together with the key it was issued for (or "
                         "reissue the certificate for the key in use), then reload the server."),
            *see,
            FixStep(text="If the files match, the signature is changed on the way: check for a "
                         "TLS-inspection proxy or load balancer between client and server, and "
                         "compare from another network."))


@fixes(Cause.TLS_INTERCEPTION_MITM)
def _interception(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    product = str(f.facts.get("product", "the inspection product"))
    if f.facts.get("key_public"):
        subject = shlex.quote(str(f.facts.get("issuer", "")))
        return (FixStep(text=f"Uninstall {product}, then remove its root from the system store "
                             "(and from Firefox's and Java's, if present); find it by subject:",
                        code=f"grep -l -r {subject} /usr/local/share/ca-certificates /etc/ssl/certs"
                             "\nsudo update-ca-certificates --fresh", applies_to="system"),
                FixStep(text="Windows: certmgr.msc > Trusted Root Certification Authorities: "
                             f"delete the {product} root.", applies_to="windows"))
    return (FixStep(text=f"Ask the network administrator to exempt this host from {product}'s "
                         "TLS inspection, or, if the inspection is intended, trust its CA "
                         "deliberately on this machine (and only here)."),)


def stem_of(ctx: FixContext) -> str:
    leaf = ctx.chain.leaf if ctx.chain is not None else None
    return file_stem(leaf.info.common_name) if leaf is not None else file_stem(ctx.host)
