"""Which kind of server an error text names: a big public host, a private one, or neither.

A chain-trust failure ("unknown issuer", "self-signed certificate in certificate chain")
means different things by the server it was against. A big public host (github.com,
pypi.org, registry.npmjs.org...) serves a complete chain from a public CA to millions of
clients a day, so its own chain is not in question: what this client saw was re-signed on
the way, or its own store lacks the public root. A private host (an RFC 1918 or loopback
address, ``localhost``, a ``.local``/``.internal``/``.lan``/``.corp`` name, a name without a
dot, a non-standard port) most likely has a certificate from a private CA or a self-signed
one that the client was never given. Any other name says neither.

Only where the text names the server it connected to is read: URLs (except documentation
links programs print beside their errors), ``host:port``, and the forms programs print a
host in (``HTTPSConnectionPool(host='x', port=n)``, ``Connected to x (a) port n``,
``Cannot connect to host x:n``, "security issue with x", “x”...). This module reads facts,
it judges nothing.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from ..addresses import is_ip
from .doclinks import is_doc_link

__all__ = ["NAMED", "PRIVATE", "PUBLIC", "HostClass", "classify", "hosts_in", "named_host"]

PUBLIC, PRIVATE = "public", "private"
# Round 14: any other DNS name on the public internet (a university's, a shop's, a town's
# site): a public CA's certificate, installed by whoever runs it, chain and all or not.
NAMED = "named"

# Registrable domains of big public services whose certificates chain to public roots and
# are served complete: package registries and code hosts (their own documented hostnames:
# npm, PyPI, RubyGems, Docker Hub, GitHub, GitLab, Bitbucket, Maven Central, Gradle, the Go
# module proxy, crates.io, NuGet, Packagist, Anaconda, container registries, Node.js
# downloads), the large cloud and vendor domains their clients fetch from (Google, Microsoft,
# Amazon, Apple, Mozilla, Cloudflare, HashiCorp, Kubernetes release hosts) and public CDNs.
# A name *under* one of them counts (api.github.com, storage.googleapis.com).
PUBLIC_DOMAINS = (
    "npmjs.org", "npmjs.com", "yarnpkg.com", "pypi.org", "pythonhosted.org", "python.org",
    "rubygems.org", "docker.io", "docker.com", "github.com", "githubusercontent.com",
    "githubassets.com", "ghcr.io", "gitlab.com", "bitbucket.org", "maven.org",
    "maven.apache.org", "gradle.org", "golang.org", "go.dev", "crates.io", "nuget.org",
    "packagist.org", "getcomposer.org", "anaconda.org", "anaconda.com", "quay.io", "gcr.io",
    "pkg.dev", "nodejs.org", "googleapis.com", "google.com", "gstatic.com", "microsoft.com",
    "windows.net", "azure.com", "azureedge.net", "visualstudio.com", "amazonaws.com",
    "cloudfront.net", "amazon.com", "apple.com", "icloud.com", "mozilla.org",
    "cloudflare.com", "hashicorp.com", "terraform.io", "k8s.io", "jsdelivr.net", "unpkg.com",
    "debian.org", "ubuntu.com",
    # Round 13: the hosts CLIs, language runtimes and package managers fetch from besides
    # the above (each project's documented download, registry or sign-in host): Microsoft's
    # sign-in and services (the Azure CLI signs in at login.microsoftonline.com), Composer
    # repositories (Drupal's, WordPress's), rustup, Helm, Homebrew, CPAN, CRAN, Hackage,
    # pub.dev, Hex, CocoaPods, Chocolatey, PowerShell Gallery, the Apache, Eclipse, Fedora,
    # Alpine and Arch mirrors' own hosts, GitHub Pages, Hugging Face, Slack's webhooks.
    "microsoftonline.com", "live.com", "office.com", "office365.com", "sharepoint.com",
    "azurecr.io", "azurewebsites.net", "powershellgallery.com", "aka.ms", "drupal.org",
    "wordpress.org", "wpackagist.org", "rust-lang.org", "helm.sh", "brew.sh", "cpan.org",
    "metacpan.org", "r-project.org", "haskell.org", "pub.dev", "hex.pm", "cocoapods.org",
    "chocolatey.org", "apache.org", "eclipse.org", "fedoraproject.org", "alpinelinux.org",
    "archlinux.org", "github.io", "huggingface.co", "slack.com",
    # Round 15: the largest sites and web APIs programs fetch besides (the top of the
    # Tranco ranking of most visited domains; their own API hosts: api.twitter.com,
    # graph.facebook.com, api.telegram.org...): the same public, complete chains.
    "twitter.com", "x.com", "twimg.com", "facebook.com", "fbcdn.net", "instagram.com",
    "whatsapp.com", "whatsapp.net", "youtube.com", "linkedin.com", "wikipedia.org",
    "wikimedia.org", "reddit.com", "stackoverflow.com", "stackexchange.com", "discord.com",
    "discordapp.com", "telegram.org", "dropbox.com", "openai.com", "bing.com", "yahoo.com",
    "zoom.us", "atlassian.com", "atlassian.net", "jetbrains.com", "oracle.com", "java.com",
    "jfrog.io", "sonatype.org", "spring.io", "travis-ci.com", "circleci.com",
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com",
)
# Suffixes that never resolve on the public internet: RFC 6761/6762 (.localhost, .local,
# .test, .example, .invalid), RFC 8375 (.home.arpa), ICANN's reserved .internal (2024), and
# the private suffixes networks commonly use (.lan, .corp, .home, .intranet, .localdomain,
# .intra, .private) and Kubernetes' cluster names (.svc, .cluster.local).
_PRIVATE_SUFFIXES = ("localhost", "local", "test", "example", "invalid", "home.arpa", "internal",
                     "lan", "corp", "home", "intranet", "localdomain", "intra", "private",
                     "svc", "cluster.local")
# Ports public services are reached on; a server on another port (8443, 9200, 5000...) is
# most likely an internal one. Source: IANA service names for https, the mail and
# directory protocols over TLS, DNS over TLS, MQTT/AMQP over TLS, IRC over TLS, SIP-TLS.
_PUBLIC_PORTS = frozenset({443, 80, 465, 587, 993, 995, 25, 636, 853, 8883, 5671, 6697, 5061})
# Source-file extensions: "_ssl.c:1006", "ssl_handshake.erl:2111", "Alert.java:131" are
# file:line, not host:port.
_SOURCE_EXT = frozenset({"c", "h", "cc", "cpp", "js", "mjs", "cjs", "ts", "erl", "java",
                         "kt", "py", "rb", "go", "rs", "php", "pl", "pm", "cs", "swift",
                         "m", "scala", "groovy", "ex", "exs", "dart", "lua"})

# Words that stand where a host would in templates and redacted pastes.
_PLACEHOLDERS = frozenset({"host", "hostname", "example", "server", "domain"})

_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.){0,8}[A-Za-z0-9-]{1,63}"
_IP6 = r"\[[0-9A-Fa-f:.]{2,45}\]"
_END = r"(?![\w-])(?!\.[\w-])"  # the whole name: not a prefix of a longer one
# (regex, whether a name without a dot is a host there): URLs and Python's host='x' name a
# host whatever it looks like; the other forms only a name with a dot, an IP or localhost.
_FORMS: tuple[tuple[re.Pattern[str], bool], ...] = (
    # etcd's gRPC target (client/v3 resolver: "etcd-endpoints://0x<client pointer>/host:port",
    # round 17): the endpoint after the pointer is the server
    (re.compile(rf"\betcd-endpoints://0x[0-9a-f]{{1,16}}/(?P<host>{_IP6}|{_NAME})"
                r"(?::(?P<port>\d{1,5}))?"), True),
    (re.compile(rf"\b(?<!etcd-)(?!etcd-endpoints://)[a-z][a-z0-9+.-]{{1,15}}://"
                rf"(?:[^@/\s'\"<>]{{1,80}}@)?(?P<host>{_IP6}|{_NAME})"
                r"(?::(?P<port>\d{1,5}))?(?P<path>/[^\s'\"<>)\]]{0,200})?", re.IGNORECASE),
     True),
    (re.compile(rf"\bhost='(?P<host>{_NAME})', port=(?P<port>\d{{1,5}})"), True),
    # curl -v "Connected to github.com (140.82.121.4) port 443"; libpq "connection to
    # server at "10.0.0.5", port 5432"
    (re.compile(rf"\b(?:Connected to|connection to server at) \"?(?P<host>{_NAME}){_END}\"?"
                r"(?: \([^\n)]{0,60}\))?,? port (?P<port>\d{1,5})"), False),
    # aiohttp "Cannot connect to host x:443", Perl "Can't connect to x:443", docker
    # "pinging container registry x", Erlang httpc {to_address,{"x",443}}
    (re.compile(rf"\b(?:connect to host|connect to|container registry|to_address,\{{\")"
                rf"\s?(?P<host>{_NAME}){_END}(?:\"?[:,](?P<port>\d{{1,5}}))?", re.IGNORECASE),
     False),
    # the names browsers and Apple put in their pages: "security issue with x", "steal your
    # information from x", "prove that it is x", "x uses an invalid security certificate",
    # "pretending to be “x”", wget's "The certificate of ‘x’" and "cannot verify x's"
    (re.compile(rf"(?:[“‘]|security issue with |information from |prove that it is |"
                rf"cannot verify |certificate of [‘'`])(?P<host>{_NAME}){_END}"
                rf"(?::(?P<port>\d{{1,5}}))?"), False),
    (re.compile(rf"(?:^|\s)(?P<host>{_NAME}){_END}(?::(?P<port>\d{{1,5}}))? uses an invalid",
                re.MULTILINE), False),
    # NSS's tstclnt -h x -p n
    (re.compile(rf"(?:^|\s)-h (?P<host>{_NAME}){_END} -p (?P<port>\d{{1,5}})"), False),
    (re.compile(rf"(?<![\w.:/@-])(?P<host>{_NAME}|{_IP6}):(?P<port>\d{{1,5}})\b(?![.:\d])"),
     False),
    # Round 15: JavaMail's "Could not connect to SMTP host: x, port: n" and
    # "Couldn't connect to host, port: x, n" (com.sun.mail.util.MailConnectException)
    (re.compile(rf"\bhost(?:, port)?: (?P<host>{_NAME}){_END},(?: port:)? (?P<port>\d{{1,5}})\b"),
     False),
)
# Round 15: a name in prose ("connection to x", "verification failed for x", "the
# certificate of x", "connecting to x"), read only when the name decides by itself: a big
# public host or a private suffix (a name that says neither stays unread, as a stack
# frame's or a package's dotted name would be). Not the names a certificate "is valid
# for" (Go's name mismatch lists the certificate's names, not the server).
_PROSE = re.compile(
    rf"(?:\b(?:to|of|from|host|server)|(?<!valid )\bfor)\s+[\"'`‘“]?(?P<host>{_NAME}){_END}",
    re.IGNORECASE)
# A proxy's own URL ("https_proxy=http://10.0.0.1:3128", curl's "Uses proxy env variable
# https_proxy == 'http://...'", "--proxy http://..."): not the server.
_PROXY_BEFORE = re.compile(r"proxy\W{0,24}$", re.IGNORECASE)


# A host the poster hid ("https://<bucket_name>.<domain>/", "harbor.xxx.com",
# "host='[REDACTED]'"): nobody hides pypi.org; what is hidden is the poster's own server,
# read as a private one (its certificate is the question, not a public chain).
_HIDDEN = (r"<[^<>\s/'\"]{1,40}>|\{[^{}\s/'\"]{1,40}\}|\[(?:redacted|removed|hidden)\]|"
           r"\*{3,}|(?<![a-z0-9])(?:x{3,}|redacted|censored|masked|obfuscated|my-?domain|"
           r"your-?domain|some-?domain|company)(?![a-z0-9-])")
_REDACTED = re.compile(
    rf"(?:\b[a-z][a-z0-9+.-]{{1,15}}://|\bhost=')(?P<host>[^\s/:'\"]{{0,80}}?(?:{_HIDDEN})"
    r"[^\s/:'\"]{0,80})|"
    # Round 15: a URL whose whole host is an ellipsis ("unable to access 'http://...'"): the
    # poster cut the name out (a sentence's "pypi.org..." keeps its name, and is not this)
    r"\b[a-z][a-z0-9+.-]{1,15}://(?P<cut>\.{3}|…)(?=[\s/:'\"]|$)", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class HostClass:
    """The host a text names and its kind: PUBLIC, PRIVATE or "" (neither, or none)."""

    kind: str = ""
    host: str = ""
    port: int | None = None  # as the text gives it (None: not given)


def hosts_in(text: str) -> list[tuple[str, int | None]]:
    """(host, port or None) for each server the text names, in order of appearance."""
    found: list[tuple[int, str, int | None]] = []
    for rx, bare in _FORMS:
        for m in rx.finditer(text):
            if "path" in rx.groupindex and (
                    is_doc_link(text, m, by_host=False)
                    or _PROXY_BEFORE.search(text[max(0, m.start() - 40):m.start()])):
                continue
            host = m.group("host").strip("[]").rstrip(".").lower()
            if not _plausible(host, bare):
                continue
            port = m.group("port")
            found.append((m.start(), host, int(port) if port and 0 < int(port) < 65536 else None))
    seen = {h for _, h, _ in found}
    for m in _PROSE.finditer(text):
        host = m.group("host").rstrip(".").lower()
        if host not in seen and "." in host and not is_ip(host) and kind_of(host, None):
            found.append((m.start("host"), host, None))
    return [(h, p) for _, h, p in sorted(found)]


def _plausible(host: str, bare: bool) -> bool:
    if host in _PLACEHOLDERS or len(host) > 253:
        return False
    if is_ip(host) or host == "localhost":
        return True
    if "." not in host:
        return bare and not host.isdigit()
    last = host.rsplit(".", 1)[-1]
    # a URL's host is a host even under a TLD spelled like a source file (repo.hex.pm)
    return (bare or last not in _SOURCE_EXT) and not last.isdigit() and len(last) >= 2


# Addresses no public server has: RFC 1918, loopback, link-local, RFC 6598 shared address
# space, IPv6 ULA (RFC 4193). Not Python's is_private, which also counts the documentation
# ranges (192.0.2.0/24...) that examples use for public servers.
_PRIVATE_NETS = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16",
    "100.64.0.0/10", "::1/128", "fc00::/7", "fe80::/10"))


def kind_of(host: str, port: int | None) -> str:
    """PUBLIC, PRIVATE or "" for one host."""
    if is_ip(host):
        ip = ipaddress.ip_address(host.split("%")[0])
        return PRIVATE if any(ip in n for n in _PRIVATE_NETS if n.version == ip.version) else ""
    if any(host == d or host.endswith("." + d) for d in PUBLIC_DOMAINS):
        return PUBLIC
    if "." not in host or any(host.endswith("." + s) or host == s for s in _PRIVATE_SUFFIXES):
        return PRIVATE
    if port is not None and port not in _PUBLIC_PORTS:
        return PRIVATE
    return ""


def classify(text: str) -> HostClass:
    """The kind of server the text names. A big public host wins over a private address
    in the same text (curl's "Connected to github.com (127.0.0.1)", a proxy's address next
    to the host asked): its chain is certain whatever the path; a private host wins over
    other names."""
    best = HostClass()
    for host, port in hosts_in(text):
        kind = kind_of(host, port)
        if kind == PUBLIC:
            return HostClass(kind=PUBLIC, host=host, port=port)
        if kind == PRIVATE and not best.kind:
            best = HostClass(kind=PRIVATE, host=host, port=port)
    if not best.kind and _REDACTED.search(text):
        return HostClass(kind=PRIVATE)  # a hidden host: the poster's own server, unnamed
    return best


# RFC 2606's documentation names (example.com/.net/.org): a template's server, nobody's.
_DOCUMENTATION = re.compile(r"(?:^|\.)example\.(?:com|net|org)$")


def named_host(text: str) -> HostClass:
    """The first server the text names that is neither a big public host nor a private
    one: a DNS name under a public suffix, on a public service's port or none (``NAMED``;
    an empty HostClass when there is none). Such a server's certificate comes from a public
    CA and is installed by hand or by an ACME client, so whether it sends its intermediate
    is its operator's doing, unlike a big service's."""
    for host, port in hosts_in(text):
        if is_ip(host) or "." not in host or kind_of(host, port) or _DOCUMENTATION.search(host):
            continue
        return HostClass(kind=NAMED, host=host, port=port)
    return HostClass()
