"""Fix steps in a client program's own trust and certificate settings (round 21), for a
finding read from that client's words: psql's sslrootcert and sslmode, redis-cli's and
mosquitto_pub's --cacert/--cafile and --cert/--key, git's http.sslCAInfo, stunnel's client
CAfile, verifyChain and checkHost, ldapsearch's TLS_CACERT and LDAPTLS_CACERT. The steps are data (client_programs.toml). Which client
printed the text is read from its own words on the finding's lines (a trust failure's
finding carries the context reading as its source, not the program); the host, port and
address those words name go into the step, so the line printed is the one to run.
"""

from __future__ import annotations

import ipaddress
import re

from ..causes import Cause
from ..finding import Finding, FixStep
from ..ingest.program_words import STUNNEL_CLIENT_READ
from .context import FixContext
from .data import toml_file
from .lazyre import LazyPattern, lazy

__all__ = ["client_program_steps"]

# Each client's own words (never the TLS library's), with the server they name:
_WORDS: tuple[tuple[str, LazyPattern], ...] = (
    # libpq's connection framing (PostgreSQL 14+) and psql's own prefix
    # (postgres/postgres src/interfaces/libpq/fe-connect.c @ 6f782a2a1738, as
    # ingest/program_words.py reads it).
    ("psql", lazy(r"\bconnection to server at \"(?P<host>[^\"\n]{1,253})\"(?: \((?P<address>"
                  r"[^)\n]{1,64})\))?, port (?P<port>\d{1,5}) failed: ")),
    ("psql", lazy(r"\bpsql: (?:error: )?")),  # older psql, or a socket: no server named
    # redis-cli (redis/redis src/redis-cli.c, src/cli_common.c @ f35f36a26540)
    ("redis_cli", lazy(r"\bCould not connect to Redis at (?P<host>[\w.-]{1,253}|[0-9a-fA-F:]"
                       r"{2,39}):(?P<port>\d{1,5}): |\bCould not negotiate a TLS connection: ")),
    # mosquitto_pub/sub's client_connect and loop errors (eclipse/mosquitto
    # client/client_shared.c @ 0d6cd36d281c: "Unable to connect (%s).", "Error: %s"); the
    # broker's log lines start with a time stamp, so these start the line.
    ("mosquitto_client", lazy(r"^(?:Unable to connect \(|Error: A TLS error occurred\.)",
                              re.MULTILINE)),
    # git's remote helper (git/git remote-curl.c @ ec1a6f67c1e5: "unable to access '%s': %s")
    ("git", lazy(r"\bunable to access '(?P<url>https://(?P<host>[\w.-]{1,253})"
                       r"(?::(?P<port>\d{1,5}))?(?:/[^'\s]{0,400})?)': ")),
    # libldap's client handshake failing (openldap/openldap libraries/libldap/tls2.c
    # @ 788e9592bafc: "TLS: can't connect: %s."; slapd's side says "can't accept") and the
    # OpenLDAP tools' failed bind or StartTLS (clients/tools/common.c @ 46cfa49bc865:
    # tool_perror("ldap_sasl_bind(SIMPLE)", ...))
    # (round 22: "ldap_result: " when the bind's reply never came, the same tool_perror)
    ("ldapsearch", lazy(r"\bTLS: can't connect: |\bldap_sasl_bind\(SIMPLE\): "
                              r"|\bldap_result: Can't contact LDAP server "
                              r"|\bldap_start_tls(?:_s)?: |\bldap_sasl_interactive_bind(?:_s)?: ")),
    # stunnel's failed SSL_connect (a client service; its server services fail in SSL_accept)
    # and its connect line (mtrojnar/stunnel src/ctx.c, src/network.c @ 7c2016668282).
    # Round 22: SSL_read failing on a certificate alert is a client service too (a server
    # refused this stunnel's certificate after its TLS 1.3 handshake; ingest/side.py).
    # Node's verify error as console.error prints it: its code property (node
    # src/crypto/crypto_common.cc X509ErrorCode), or the error's line with Node's "Error: "
    # (round 22: Node 20.20.2's output in the client matrix)
    ("node", lazy(r"\bcode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'|^\s{0,12}(?:\[cause\]: )?"
                        r"Error: (?:UNABLE_TO_VERIFY_LEAF_SIGNATURE|unable to verify the first "
                        r"certificate)\b", re.MULTILINE)),
    ("stunnel_client", lazy(r"\bSSL_connect: [\w./-]{1,120}\.c:\d{1,6}: error:|"
                                  + STUNNEL_CLIENT_READ)),
)
# The server's own log where only it says why its client failed: a client that sent no
# certificate (over TLS 1.3 redis-cli reads "Connection reset by peer", mosquitto_pub
# "Protocol error"), so its client's certificate step is the fix (program_words.py's rows).
_SERVER_LOG: tuple[tuple[str, LazyPattern], ...] = (
    ("redis_cli", lazy(r"\bError accepting a client connection: ")),
    ("mosquitto_client", lazy(r"\bOpenSSL Error\[\d{1,3}\]: |\bClient \S{1,80} disconnected: ")),
)
_STUNNEL_PEER = lazy(r"\bs_connect: connected (?P<address>[\d.]{7,15}):(?P<port>\d{1,5})\b")
# libpq's host-name check names the certificate's name (fe-secure-common.c)
_CERT_NAME = lazy(r"\bserver (?:certificate for|common name) \"(?P<name>[^\"\n]{1,253})\"")
_HOST_NAME = lazy(r"[A-Za-z0-9][A-Za-z0-9.-]{0,252}")
# A URL without a port is 443; the other clients' words name their port or none (PORT stays).
_DEFAULT_PORT = {"git": "443"}

_GROUP = {Cause.CERT_UNTRUSTED_ROOT: "trust", Cause.CERT_SELF_SIGNED: "trust",
          Cause.CLIENT_MISCONFIGURATION: "trust", Cause.HOSTNAME_MISMATCH: "name",
          Cause.CLIENT_CERT_REQUIRED: "clientcert", Cause.INCOMPLETE_CHAIN: "chain"}
# A client's own setting is the trust fix only when its words are about the server's chain
# (another client_misconfiguration, a bad version setting, has its own steps), and not when
# the context reading says this client's store lacks a public root or an environment
# variable replaced it (trust_text.py's reinstall-the-bundle steps are the fix then).
_TRUST_WORDS = lazy(r"(?i)certificate verify failed|verification failed|root certificate "
                    r"file|issuer certificate|self[- ]signed|unknown ca\b|Rejected by CERT")


def _program(f: Finding) -> tuple[str, dict[str, str]]:
    """The client whose words are on ``f``'s lines, and the server they name; for a client
    certificate the server did not get, the server's log names its client's program."""
    lines = "\n".join(f.evidence)
    if f.cause is Cause.CLIENT_CERT_REQUIRED:
        server = next((p for p, rx in _SERVER_LOG if rx.search(lines)), None)
        if server is not None:
            return server, {}
    for program, rx in _WORDS:
        m = rx.search(lines)
        if m is not None:
            named = {k: v for k, v in m.groupdict().items() if v}
            peer = _STUNNEL_PEER.search(lines) if program == "stunnel_client" else None
            return program, {**named, **(peer.groupdict() if peer else {})}
    return "", {}


def _safe(value: str | None) -> str | None:
    """A host name or address fit to print in a command; None for anything else."""
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return value if _HOST_NAME.fullmatch(value) else None


def _fill(text: str, program: str, named: dict[str, str], f: Finding, ctx: FixContext, *,
          prose: bool = False) -> str:
    """``text`` with the server the client's words name (else the finding's target, except
    for stunnel, whose log names its own clients too); placeholders stay where neither does.
    ``prose``: the step's sentence, where an unknown certificate name is said so."""
    target = ctx.target if program != "stunnel_client" else None
    host = _safe(named.get("host")) or (ctx.host if target is not None else None)
    port = named.get("port") or (str(target.port) if target is not None
                                 else _DEFAULT_PORT.get(program))
    address = _safe(named.get("address")) or host
    cert = _CERT_NAME.search("\n".join(f.evidence))
    name = _safe(cert["name"]) if cert is not None else (
        "those the first line shows" if prose else None)
    url = named.get("url") if host else None
    for word, value in (("NAME-IN-CERT", name), ("ADDRESS", address), ("HOST", host),
                        ("PORT", port), ("URL", url and f"'{url}'")):
        if value:
            text = text.replace(word, value)
    return text


def client_program_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """The client's own step for ``f``; () when no client of the table printed the words or
    it has no step for the cause (then the other fixers, or the generic line)."""
    group = _GROUP.get(f.cause)
    if group is None:
        return ()
    program, named = _program(f)
    row = toml_file("client_programs.toml").get(program, {}).get(group)
    where = str(f.facts.get("trust_context", ""))
    if program == "node" and where not in ("", "none"):
        return ()  # round 22: a context reading's steps (trust_text.py) speak for Node
    if row is None or (f.cause is Cause.CLIENT_MISCONFIGURATION and (
            not any(_TRUST_WORDS.search(x) for x in f.evidence)
            or where.startswith(("store", "public", "environment")))):
        return ()
    return (FixStep(text=_fill(str(row["text"]), program, named, f, ctx, prose=True),
                    code=_fill(str(row.get("code", "")), program, named, f, ctx),
                    applies_to=program),)
