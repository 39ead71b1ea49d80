"""What recognised statements (error text, log lines) say about one cause.

Every rule asks ``stated(ev, its_cause)``. Only the most specific statements count:
"certificate has expired" outweighs "curl: (60)", and causes named only by vaguer lines
are dropped, never added as guesses. Ambiguous wording yields several causes, each with
the table's confidence and the live probe that tells them apart.
"""

from __future__ import annotations

from functools import lru_cache

from ...addresses import is_ip
from ...causes import Cause, Party
from ...evidence import Evidence, Source, Statement
from ...finding import Finding
from .. import base_rates
from ..catalog import catalog, make_finding

# What a live probe checks to separate the candidates (shown when a message is ambiguous).
TELL_APART: dict[Cause, str] = {
    Cause.PROTOCOL_VERSION_MISMATCH: "one handshake per TLS version shows which the server accepts",
    Cause.CIPHER_SUITE_MISMATCH: "the suite, group and signature-algorithm probes find the overlap",
    Cause.CLIENT_CERT_REQUIRED: "a full handshake shows whether the server sends a CertificateRequest",
    Cause.SNI_REQUIRED_OR_MISMATCH: "handshakes with and without SNI are compared",
    Cause.CERT_UNTRUSTED_ROOT: "the chain as sent is checked against the trust store",
    Cause.INCOMPLETE_CHAIN: "the chain as sent is checked for missing intermediates (AIA)",
    Cause.CERT_SELF_SIGNED: "the leaf's issuer is compared with its subject",
    Cause.CERT_EXPIRED: "each certificate's dates are checked against the clock",
    Cause.CERT_NOT_YET_VALID: "each certificate's dates are checked against the clock",
    # Whose clock: run on the machine that failed, diagnose compares its clock with the
    # server's HTTP Date and says which of the two puts the certificate out of its dates.
    Cause.CLIENT_CLOCK_WRONG: "run on the machine that failed, it compares that machine's "
                              "clock (`date -u`) with the server's HTTP Date",
    Cause.HOSTNAME_MISMATCH: "the certificate's names are matched against the host",
    Cause.TLS_INTERCEPTION_MITM: "the issuer is compared with the one the public sees",
    Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE: "TCP connect and minimal hellos show who resets",
    Cause.NON_TLS_SERVICE_ON_PORT: "the port's first bytes show whether it speaks TLS",
    Cause.NAME_RESOLUTION_OR_UNREACHABLE: "DNS resolution and a TCP connect are tried",
    Cause.CLIENT_MISCONFIGURATION: "the local TLS library's policy is compared with the server",
    Cause.SERVER_MISCONFIGURATION: "the server's certificate, key and suites are checked together",
}


# Said when no words tell whether a client or a server printed a side-dependent alert.
WHO_PRINTED = ("nothing in the text says whether a client or a server printed it: in a "
               "server's log the alert is the client rejecting the server's certificate, in a "
               "client's output the server rejecting the client's; the line around it (the "
               "client's address, an accept, the command that printed it) tells them apart, "
               "and a live diagnosis shows whether the server asks for a client certificate "
               "and whether its own chain is trusted")

# A chain-trust failure read in its context (ingest/trust_context.py, pattern
# "context.<kind>.<where>"): what tells the candidates apart is which chain arrives here.
TRUST_TELL_APART: dict[Cause, str] = {
    Cause.TLS_INTERCEPTION_MITM: "the chain that arrives on this machine is shown: an issuer "
                                 "naming an inspection product (proxy, firewall, antivirus) "
                                 "means it was re-signed on the way",
    Cause.CLIENT_MISCONFIGURATION: "a public CA as that issuer means nothing re-signed it: "
                                   "this client's own store lacks the root",
    Cause.CERT_UNTRUSTED_ROOT: "a private CA as the root means the client must be given it",
    Cause.CERT_SELF_SIGNED: "a leaf whose issuer is its subject is self-signed",
    Cause.INCOMPLETE_CHAIN: "a leaf sent without its intermediate means the server must "
                            "send the chain",
}
# Who acts, by the context the text names (SPEC: cert_untrusted_root is the server's for a
# public site, the client's for an internal CA; a public host's chain is not in question,
# so an untrusted root there is this client's store or the re-signing CA it lacks).
_CONTEXT_PARTY: dict[tuple[str, Cause], Party] = {
    **{(w, Cause.CERT_UNTRUSTED_ROOT): Party.CLIENT
       for w in ("private", "public", "environment", "environment+store",
                 "environment+private", "store", "store+public", "store+private",
                 "public_issuer", "public_issuer+public", "public_issuer+private",
                 "program", "missing_public_root", "missing_private_root", "sqlserver",
                 "old_runtime", "old_runtime+public")},
    ("environment+private", Cause.TLS_INTERCEPTION_MITM): Party.NETWORK,
}


# Who acts on a version, suite or key-strength refusal (ingest/version_context.py): the side
# the words say is old; the client's own settings are always the client's.
_VERSION_CAUSES = (Cause.PROTOCOL_VERSION_MISMATCH, Cause.CIPHER_SUITE_MISMATCH,
                   Cause.WEAK_CIPHER_OR_NO_PFS, Cause.WEAK_SIGNATURE_OR_KEY)
_VERSION_PARTY: dict[tuple[str, Cause], Party] = {
    **{("server", c): Party.SERVER for c in _VERSION_CAUSES},
    **{("client", c): Party.CLIENT for c in _VERSION_CAUSES},
}


# A bare refusal alert (ingest/refusal.py, pattern "refusal.<alert>.<hint>.<stack>"): the
# checks that tell its candidates apart, each one command against the same server (HOST:PORT).
REFUSAL_TELL_APART: dict[Cause, str] = {
    Cause.SNI_REQUIRED_OR_MISMATCH: "`openssl s_client -connect HOST:PORT -servername HOST` "
                                    "passes where the same with `-noservername` is refused: "
                                    "the server needs the name",
    Cause.CLIENT_CERT_REQUIRED: "`openssl s_client -connect HOST:PORT -servername HOST -state` "
                                "prints `read server certificate request` (the server's "
                                "CertificateRequest; and `Acceptable "
                                "client certificate CA names`) before the refusal: it wants a "
                                "client certificate; `-cert client.pem -key client.key` passes",
    Cause.PROTOCOL_VERSION_MISMATCH: "`openssl s_client -connect HOST:PORT -servername HOST` "
                                     "with `-tls1_2`, then `-tls1_3` (and `-tls1` with "
                                     "`-cipher DEFAULT@SECLEVEL=0`): the one that passes is "
                                     "the version it takes",
    Cause.CIPHER_SUITE_MISMATCH: "`nmap --script ssl-enum-ciphers -p PORT HOST` lists the "
                                 "suites it takes; compare them with the client's",
    Cause.CLIENT_MISCONFIGURATION: "the same s_client (or curl) from this machine passes "
                                   "while the program fails: its own settings or library",
    Cause.SERVER_MISCONFIGURATION: "every name and version is refused: the server's own "
                                   "certificate or key setup",
    Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE: "the same command from another network passes",
}
# Who acts when the refusal's context names the client's own side.
_REFUSAL_PARTY: dict[tuple[str, Cause], Party] = {
    **{(h, c): Party.CLIENT for h in ("old_client", "pin_low", "pin_high")
       for c in (Cause.PROTOCOL_VERSION_MISMATCH, Cause.CIPHER_SUITE_MISMATCH)},
    ("cipher", Cause.CIPHER_SUITE_MISMATCH): Party.CLIENT,
    # an engine built without the host (round 15): the client passes the name
    **{(h, Cause.SNI_REQUIRED_OR_MISMATCH): Party.CLIENT for h in ("engine", "jni_openssl")},
    ("jdk_old", Cause.CLIENT_MISCONFIGURATION): Party.CLIENT,
}


def _facts_of(statement: Statement, reading: str, *names: str) -> dict[str, str] | None:
    """The facts a reading wrote into its statement's pattern id ("<reading>.<name>..."), keyed
    "<reading>_<name>"; None for a statement another reading or table made."""
    parts = statement.pattern.split(".")
    if len(parts) != len(names) + 1 or parts[0] != reading:
        return None
    return {f"{reading}_{n}": v for n, v in zip(names, parts[1:], strict=True)}


def refusal_of(statement: Statement) -> dict[str, str] | None:
    """The facts of a statement made by the refusal reading ("refusal.<alert>.<hint>.
    <stack>"), None for any other statement."""
    return _facts_of(statement, "refusal", "alert", "hint", "stack")


# Who acts on an 802.1X certificate refusal (ingest/patterns/eap.py, ingest/eap_context.py,
# "eap.<program>.<verifier>.<what>"): the supplicant's missing CA is the supplicant's
# profile's (ca_cert / 802-1x.ca-cert); a name its domain_suffix_match does not find is fixed
# on either side (the profile's name or the RADIUS server's certificate); a client
# certificate the RADIUS server refused (expired, revoked, not yet valid) is the client's.
_EAP_PARTY: dict[tuple[str, Cause], Party] = {
    ("supplicant", Cause.CERT_UNTRUSTED_ROOT): Party.CLIENT,
    ("supplicant", Cause.CERT_SELF_SIGNED): Party.CLIENT,
    ("supplicant", Cause.HOSTNAME_MISMATCH): Party.EITHER,
    ("radius", Cause.CERT_EXPIRED): Party.CLIENT,
    ("radius", Cause.CERT_NOT_YET_VALID): Party.CLIENT,
    ("radius", Cause.CERT_REVOKED): Party.CLIENT,
}

# Round 16: the enterprise stacks (GSKit under Db2 and MQ, Oracle Net and its drivers, IAIK,
# SAP's CommonCryptoLib) verify against this end's own key database or wallet, never a
# system store: an untrusted or self-signed peer is fixed in the printing end's store (the
# fix steps say so), a client's when a client printed it (patterns/enterprise.py).
_OWN_STORE_SOURCES = frozenset({"gskit", "db2", "db2diag", "ibm_mq", "oracle_net",
                                "oracle_utl_http", "oracle_jdbc", "oracledb", "iaik",
                                "sap_cryptolib"})
_OWN_STORE_CAUSES = frozenset({Cause.CERT_UNTRUSTED_ROOT, Cause.CERT_SELF_SIGNED})


# Round 17: a cluster daemon's TLS listener logging a client's refusal of its certificate
# (etcd's "rejected connection ... remote error: tls: bad certificate", nats-server's "cid:N -
# TLS handshake error: ..."): the daemon's CA is a private one the client was not given
# (etcdctl --cacert, a member's --peer-trusted-ca-file), so the client's to fix; a name the
# certificate lacks is fixed by dialing a name it holds or by reissuing it (patterns/cluster.py).
_REFUSED_BY_CLIENT_SOURCES = frozenset({"etcd", "nats_server"})
_REFUSED_BY_CLIENT_PARTY = {Cause.CERT_UNTRUSTED_ROOT: Party.CLIENT,
                            Cause.CERT_SELF_SIGNED: Party.CLIENT,
                            Cause.HOSTNAME_MISMATCH: Party.EITHER}
# Round 17: command-line tools whose own options fix what they print, whichever table read
# the cause (socat's and Mercurial's lines carry OpenSSL's and Python's words).
_TOOL_SOURCES = frozenset({"subversion", "serf", "neon", "mercurial", "aria2", "socat",
                           "w3m"})


def _own_store_party(statement: Statement, cause: Cause) -> Party | None:
    """Whose store an enterprise stack's trust failure is fixed in, None for others."""
    if statement.source in _REFUSED_BY_CLIENT_SOURCES:
        return _REFUSED_BY_CLIENT_PARTY.get(cause)
    if statement.source not in _OWN_STORE_SOURCES or cause not in _OWN_STORE_CAUSES:
        return None
    return Party.CLIENT if statement.side == "client" else Party.EITHER


def eap_of(statement: Statement) -> dict[str, str] | None:
    """The facts of an 802.1X statement ("eap.<program>.<verifier>.<what>"), None for any
    other statement."""
    got = _facts_of(statement, "eap", "program", "verifier", "what")
    if got is not None or not statement.pattern.startswith(_EAP_TABLES):
        return got
    from ...ingest.patterns.eap import HARVESTED  # the 802.1X texts only: built on first use
    named = HARVESTED.get(statement.pattern)
    return None if named is None else {"eap_program": named[0], "eap_verifier": named[1],
                                       "eap_what": "text"}


_EAP_TABLES = ("hostap.up.", "freeradius.up.", "iwd.up.")


# Who acts when the reply was not TLS or the connection died (ingest/plain_context.py,
# "notls.<kind>.<context>.<party>"): the client's proxy, port or scheme is the client's;
# a TLS port answering plain text is the server's.
_NOTLS_PARTY: dict[tuple[str, Cause], Party] = {
    ("client", Cause.CLIENT_MISCONFIGURATION): Party.CLIENT,
    ("client", Cause.NON_TLS_SERVICE_ON_PORT): Party.CLIENT,
    ("either", Cause.CLIENT_MISCONFIGURATION): Party.CLIENT,
    ("server", Cause.NON_TLS_SERVICE_ON_PORT): Party.SERVER,
    ("server", Cause.SERVER_MISCONFIGURATION): Party.SERVER,
}
# The checks that tell the candidates apart, by what can have answered on that address.
NOTLS_TELL_APART: dict[Cause, str] = {
    Cause.CLIENT_MISCONFIGURATION: "`env | grep -i proxy` (and the program's own proxy "
                                   "setting) shows the proxy this client uses; `curl -v "
                                   "http://PROXY:PORT/` answered in plain HTTP means its URL "
                                   "must be http://, and the client's port or scheme is "
                                   "checked against the service's",
    Cause.NON_TLS_SERVICE_ON_PORT: "`curl -v http://HOST:PORT/` shows plain text on the port; "
                                   "`openssl s_client -connect HOST:PORT` shows whether it "
                                   "speaks TLS at all",
    Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE: "the same `openssl s_client -connect HOST:PORT` "
                                              "from another network, or without the proxy "
                                              "or VPN, shows whether the path cuts it",
    Cause.SERVER_MISCONFIGURATION: "the server's own log at that time shows whether it "
                                   "received the connection and why it closed it",
}


# A hello that got no answer (round 15, "notls.unanswered.*", "notls.timeout.*"): the checks
# that tell a path losing large packets, a server silent on one TLS version and a silent
# service apart.
NOTLS_UNANSWERED_TELL_APART: dict[Cause, str] = {
    Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE: "`ping -M do -s 1472 HOST` (Linux; `ping -D -s "
                                              "1472` on macOS) failing while `-s 1200` "
                                              "answers, or the same request working after "
                                              "`ip link set dev IFACE mtu 1400`, shows a path "
                                              "that drops large packets; the same request from "
                                              "another network shows a filter on this one",
    Cause.SERVER_MISCONFIGURATION: "`openssl s_client -connect HOST:PORT` from the server's "
                                   "own machine, and its log, show whether its TLS answers "
                                   "at all",
    Cause.PROTOCOL_VERSION_MISMATCH: "`openssl s_client -connect HOST:PORT -tls1_2` answered "
                                     "at once while the default (TLS 1.3) hello is not: the "
                                     "server ignores TLS 1.3 hellos",
}


def notls_of(statement: Statement) -> dict[str, str] | None:
    """The facts of a statement made by the not-TLS reading ("notls.<kind>.<context>.
    <party>"), None for any other statement."""
    return _facts_of(statement, "notls", "kind", "context", "party")


# A program that failed to load its own certificate or key (ingest/own_material.py,
# "own.<party>"): no handshake took place, so no probe helps; who loads the files does.
OWN_CHECK = ("which program makes the failing load call (load_cert_chain, LoadX509KeyPair, "
             "createSecureContext, a keystore): the one that listens or serves is the server, "
             "one presenting a client certificate is the client; then `openssl x509 -noout "
             "-pubkey -in CERT` and `openssl pkey -pubout -in KEY` print the same key when the "
             "two files belong together")
# Round 16: a Java key store the program could not load ("own.<party>.keystore").
# Round 16: a trust failure whose text names an old runtime (ingest/runtime_store.py): its own
# store holds ISRG Root X1 or not (keytool's -cacerts is Java 9+; Java 8 names its file).
RUNTIME_CHECK = ("`java -version` on the failing machine (the runtime the program really "
                 "starts; an Android app: the device's version), then `keytool -list -cacerts "
                 "| grep -i isrg` (Java 9+; Java 8: `keytool -list -keystore "
                 "\"$JAVA_HOME/jre/lib/security/cacerts\" -storepass changeit | grep -i isrg`): "
                 "no ISRG Root X1 means its own store is too old")
KEYSTORE_CHECK = ("which program loads the key store (a server's connector, listener or "
                  "server.ssl.* settings; a client's javax.net.ssl.keyStore/trustStore or "
                  "ssl.keystore.*): then `keytool -list -v -keystore FILE -storetype PKCS12` "
                  "(or JKS) with the configured password fails with the same words when the "
                  "password or the type is wrong, and shows whether the alias is a "
                  "PrivateKeyEntry")
OWN_TELL_APART: dict[Cause, str] = {
    Cause.SERVER_MISCONFIGURATION: "the files a server listens with (its certificate "
                                   "and private key, both given, in PEM, matching)",
    Cause.CLIENT_MISCONFIGURATION: "the client certificate and key a client presents "
                                   "(requests' cert=, curl --cert/--key, s_client -cert/-key)",
}


def _check(origin: Statement, next_cmd: str, where: tuple[str, str]) -> str:
    """The command that tells the candidates apart. A failure re-read by the certificate's
    names (ingest/certnames.py, "names.*") is settled by what the server's certificate really
    holds: its subjectAltNames, extended key usage and dates, and this machine's clock."""
    if origin.pattern.startswith("own."):
        return KEYSTORE_CHECK if origin.pattern.endswith(".keystore") else OWN_CHECK
    if origin.pattern.startswith("context.") and ".old_runtime" in origin.pattern:
        return f"{RUNTIME_CHECK}, or `{next_cmd}`"
    if not origin.pattern.startswith("names."):
        return f"`{next_cmd}`"
    host, port = where
    sni = "" if host == "HOST" or is_ip(host) else f" -servername {host}"
    return (f"`openssl s_client -connect {_joined(host, port)}{sni} </dev/null | openssl x509 "
            f"-noout -ext subjectAltName,extendedKeyUsage -dates` (the names, purpose and dates "
            f"the server's certificate holds), `date -u` on the failing machine, or `{next_cmd}`")


def _refusal_check(cause: Cause, host: str, port: str) -> str:
    """One refusal check aimed at the server the text names. SNI carries names only (RFC 6066
    section 3), so for an IP literal the other checks send none and the SNI check asks for the
    site's DNS name (NAME), which such a text does not give."""
    check = REFUSAL_TELL_APART[cause].replace("HOST:PORT", _joined(host, port))
    if is_ip(host):
        name = "NAME (the site's DNS name)" if cause is Cause.SNI_REQUIRED_OR_MISMATCH else ""
        check = check.replace(" -servername HOST", f" -servername {name}" if name else "")
    return check.replace("PORT HOST", f"{port} {host}").replace("HOST", host)


def _where(ev: Evidence) -> tuple[str, str]:
    """(host, port) of the server the text names, for the by-hand checks ("HOST" and 443
    when it names none)."""
    t = ev.target
    return ("HOST", "443") if t is None else (t.host, str(t.port))


def _joined(host: str, port: str) -> str:
    """``host:port`` as s_client takes it (an IPv6 literal in brackets)."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def version_of(statement: Statement) -> dict[str, str] | None:
    """The facts of a statement made by the version reading ("version.<kind>.<hint>.
    <party>.<program>"), None for any other statement."""
    return _facts_of(statement, "version", "kind", "hint", "party", "stack")


def context_of(statement: Statement) -> tuple[str, str] | None:
    """(kind, where) of a statement made by the trust-context reading, None otherwise."""
    facts = _facts_of(statement, "context", "kind", "where")
    return None if facts is None else (facts["context_kind"], facts["context_where"])


def stated(ev: Evidence, cause: Cause) -> Finding | None:
    """A finding for ``cause`` when the most specific statements claim it."""
    if ev.source is not Source.TEXT or not ev.statements:
        return None
    scores, next_cmd = _scores(ev.statements), _next(ev)
    if cause not in scores:
        return None
    score, origin = scores[cause]
    ranked = sorted(scores, key=lambda c: -scores[c][0])
    facts: dict[str, object] = {"source": origin.source, "meaning": origin.meaning,
                                "pattern": origin.pattern, "provenance": origin.provenance}
    tool = next((s.source for s in ev.statements if s.source in _TOOL_SOURCES), None)
    if tool is not None:
        facts["tool"] = tool  # the command-line tool that printed it (fixes/tools_text.py)
    context = context_of(origin)
    if context is None and origin.pattern == "names.ip":
        # a server asked by its address whose chain failed too: a private one (round 12's
        # trust context, "unverified" at a private host: the client lacks its private CA)
        context = ("unverified", "private")
    if context is not None:
        facts["trust_kind"], facts["trust_context"] = context
    refused = refusal_of(origin)
    notls = notls_of(origin)
    if len(ranked) > 1:
        where = _where(ev)
        facts["tell_apart"] = _tell_apart(ranked, next_cmd, where,
                                          check=_check(origin, next_cmd, where),
                                          trust=context is not None,
                                          own=origin.pattern.startswith("own."),
                                          refused=refused is not None,
                                          notls="" if notls is None
                                          else notls["notls_kind"])
    if any(s.side == "either" for s in ev.statements):
        facts["who_printed"] = WHO_PRINTED
    base_rate = _reading(ev.statements)[1]
    if base_rate:
        facts["base_rate"] = base_rate
    lines = list(dict.fromkeys(s.line for s in ev.statements
                               if any(c == cause for c, _ in s.claims)))[:5]
    # "<where>:<name>": the program whose own trust setting is in question (own_trust.py)
    party = (_CONTEXT_PARTY.get((context[1].split(":")[0], cause)) if context is not None
             else None)
    if refused is not None:
        facts.update(refused)
        party = _REFUSAL_PARTY.get((refused["refusal_hint"], cause), party)
    version = version_of(origin)
    if version is not None:
        facts.update(version)
        party = _VERSION_PARTY.get((version["version_party"], cause), party)
    if notls is not None:
        facts.update(notls)
        party = _NOTLS_PARTY.get((notls["notls_party"], cause), party)
    party = _own_store_party(origin, cause) or party
    eap = eap_of(origin)
    if eap is not None:
        facts.update(eap)
        party = _EAP_PARTY.get((eap["eap_verifier"], cause), party)
    return make_finding(cause, evidence=lines or [origin.line], facts=facts,
                        confidence=round(score, 3), who_fixes=party,
                        explanation=f"{origin.meaning}. {catalog()[cause].explanation}")


def _tell_apart(ranked: list[Cause], next_cmd: str, where: tuple[str, str], *, check: str,
                trust: bool, own: bool, refused: bool, notls: str) -> str:
    """How the candidates are told apart: the live diagnosis, or for a bare refusal the one
    command per candidate against the server the text names."""
    if refused:
        host, port = where
        return f"`{next_cmd}` tells them apart, or by hand: " + "; ".join(
            f"{c.value}: {_refusal_check(c, host, port)}"
            for c in ranked if c in REFUSAL_TELL_APART)
    tell = {**TELL_APART, **(TRUST_TELL_APART if trust else {}),
            **(OWN_TELL_APART if own else {}),
            **(NOTLS_TELL_APART if notls else {}),
            **(NOTLS_UNANSWERED_TELL_APART if notls in ("unanswered", "timeout") else {})}
    return f"{check} tells them apart: " + "; ".join(
        f"{c.value}: {tell[c]}" for c in ranked if c in tell)


def _scores(statements: tuple[Statement, ...]) -> dict[Cause, tuple[float, Statement]]:
    """The claims that count, most likely first."""
    return _reading(statements)[0]


@lru_cache(maxsize=4096)  # logs repeat the same few statements millions of times
def _reading(statements: tuple[Statement, ...]
             ) -> tuple[dict[Cause, tuple[float, Statement]], str]:
    """The tables' reading, in its ambiguity class's learned order when the words name no
    cause (round 19, base_rates.py); and the sentence saying so ("" when not)."""
    return base_rates.ordered(table_scores(statements))


def table_scores(statements: tuple[Statement, ...]) -> dict[Cause, tuple[float, Statement]]:
    """What the most specific statements claim, as the pattern tables order them."""
    with_claims = [s for s in statements if s.claims]
    if not with_claims:
        return {}
    best = max(s.specificity for s in with_claims)
    out: dict[Cause, tuple[float, Statement]] = {}
    for s in with_claims:
        if s.specificity != best:
            continue
        for cause, conf in s.claims:
            if conf > out.get(cause, (-1.0, s))[0]:
                out[cause] = (conf, s)
    return out


def claim_order(ev: Evidence) -> dict[Cause, int]:
    """Causes as the most specific statements list them (most likely first): the tie-break
    between claims of equal confidence."""
    order: dict[Cause, int] = {}
    for cause in _scores(ev.statements):
        order.setdefault(cause, len(order))
    return order


def _next(ev: Evidence) -> str:
    """The diagnose command that would confirm it (HOST when the text names no server)."""
    t = ev.target
    if t is not None:
        return f"tlsdoctor diagnose {t.host}" + ("" if t.port == 443 else f":{t.port}")
    return "tlsdoctor diagnose HOST"
