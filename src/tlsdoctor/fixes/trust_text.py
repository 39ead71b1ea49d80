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

from ..addresses import host_port
from ..causes import Cause
from ..finding import Finding, FixStep
from . import client
from .context import FixContext, s_client
from .given_store_text import given_store_steps, java_cacerts_steps
from .names import file_stem

__all__ = ["is_own_store", "own_store_steps", "trust_text_steps"]

# Debian update-ca-certificates(8); Alpine's ca-certificates package (apk); the variables
# OpenSSL (SSL_CERT_FILE/DIR), requests (REQUESTS_CA_BUNDLE), curl (CURL_CA_BUNDLE) and Node
# (NODE_EXTRA_CA_CERTS) read; python.org's macOS installer ("Install Certificates.command").
_STORE_CODE = ("sudo apt-get install --reinstall ca-certificates && sudo update-ca-certificates"
               "\n# Alpine / slim images: apk add --no-cache ca-certificates"
               "\nenv | grep -E 'SSL_CERT_(FILE|DIR)|REQUESTS_CA_BUNDLE|CURL_CA_BUNDLE|"
               "NODE_EXTRA_CA_CERTS'")


def _starttls(ctx: FixContext) -> str | None:
    return ctx.target.starttls if ctx.target is not None else None


def _check(ctx: FixContext) -> FixStep:
    host = ctx.host
    port = ctx.target.port if ctx.target is not None else 443
    # Round 15: the same question asked with OpenSSL alone, from the machine that failed
    # (where tlsdoctor is not installed): the issuer of the leaf that arrives.
    issuer = (f"{s_client(host, port, host, _starttls(ctx))} </dev/null 2>/dev/null "
              "| openssl x509 -noout -issuer")
    return FixStep(text="First see which chain arrives on this machine: an issuer naming an "
                        "inspection product (proxy, firewall, antivirus) means the connection "
                        "is re-signed; a public CA means this client's store lacks its root; "
                        "a private CA or the server's own name means a private certificate.",
                   code=f"tlsdoctor diagnose {shlex.quote(host_port(host, port) if port != 443 else host)}"
                        f"\n# or, with OpenSSL only: the issuer this machine is given\n{issuer}")


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
                *client.trust_root("inspection-ca", None, ctx.service_url, client=ctx.client,
                                   what="inspection CA certificate"))
    if f.cause is Cause.CLIENT_MISCONFIGURATION and where.startswith("old_runtime"):
        return (_check(ctx), *_OLD_RUNTIME)
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
                *client.trust_root("internal-root-ca", None, ctx.service_url, client=ctx.client))
    if f.cause is Cause.CERT_SELF_SIGNED and where in ("private", "private_ip"):
        return _self_signed(ctx)
    if f.cause is Cause.CERT_SELF_SIGNED and where == "sqlserver":
        return _SQL_SELF_SIGNED
    return ()


# Round 16: a runtime whose own store predates today's roots (ingest/runtime_store.py). The
# JDK's keytool (-cacerts is Java 9+; Java 8 names its file, password "changeit"); ISRG Root
# X1 as Let's Encrypt publishes it (letsencrypt.org/certificates); Android's network security
# configuration (developer.android.com/privacy-and-security/security-config, "trust-anchors").
_OLD_RUNTIME = (
    FixStep(text="Confirm which runtime the program starts and whether its own CA store holds "
                 "today's roots (a distribution's Java reads the system's store instead; then "
                 "the system bundle is the one to update):",
            code="java -version\nkeytool -list -cacerts | grep -i isrg   # Java 9+\n"
                 "keytool -list -keystore \"$JAVA_HOME/jre/lib/security/cacerts\" "
                 "-storepass changeit | grep -i isrg   # Java 8", applies_to="system"),
    FixStep(text="Update the runtime to a current release (Java 8: any update from 8u141 holds "
                 "ISRG Root X1; a launcher or installer that bundles its own JRE: point it at "
                 "the current one), or add the missing root to this runtime's store; an "
                 "Android before 7.1.1: update the device, or ship the root in the app's "
                 "network security configuration:",
            # Round 17 (applied to a real JDK's store): without -noprompt keytool asks
            # "Trust this certificate? [no]:", and a script's or a Dockerfile's run answers
            # no: "Certificate was not added to keystore", exit status 0.
            code="curl -fsSLO https://letsencrypt.org/certs/isrgrootx1.pem\n"
                 "keytool -importcert -noprompt -cacerts -storepass changeit -alias isrgrootx1 "
                 "-file isrgrootx1.pem   # Java 9+\nkeytool -importcert -noprompt -keystore "
                 "\"$JAVA_HOME/jre/lib/security/cacerts\" -storepass changeit -alias "
                 "isrgrootx1 -file isrgrootx1.pem   # Java 8", applies_to="system"),
)


def _own_setting(f: Finding, ctx: FixContext, name: str) -> tuple[FixStep, ...]:
    """A program that trusts only its own CA setting (ingest/own_trust.py): that setting,
    pointed at the system's bundle (a public server) or at the private CA's file."""
    from ..ingest.own_trust import by_name  # text findings only: a capture never loads it
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

# SQL Server's own certificate (Microsoft Learn, "Configure SQL Server Database Engine for
# encrypting connections"; mssql-conf network.tlscert/tlskey on Linux): TDS wraps TLS in its
# pre-login packets, so `openssl s_client` cannot fetch it; the driver's options decide.
_SQL_SELF_SIGNED = (
    FixStep(text="SQL Server encrypts with the self-signed certificate it made at startup "
                 "(no certificate configured). Give it a certificate from your CA or a public "
                 "CA for the name clients use (SQL Server Configuration Manager > Protocols > "
                 "Certificate; on Linux mssql-conf), then restart the service:",
            code="sudo /opt/mssql/bin/mssql-conf set network.tlscert /etc/ssl/mssql.pem\n"
                 "sudo /opt/mssql/bin/mssql-conf set network.tlskey /etc/ssl/mssql.key\n"
                 "sudo systemctl restart mssql-server", applies_to="server"),
    FixStep(text="Or make this client trust exactly that certificate (export it from the "
                 "server and add it to the client's trust store). TrustServerCertificate=True "
                 "(ODBC: TrustServerCertificate=yes; JDBC: trustServerCertificate=true) skips "
                 "the check entirely: only for a test, never in production."),
)


def _self_signed(ctx: FixContext) -> tuple[FixStep, ...]:
    host = ctx.host
    port = ctx.target.port if ctx.target is not None else 443
    stem = file_stem(host)
    fetch = (f"{s_client(host, port, host, _starttls(ctx))} "
             f"</dev/null | openssl x509 > {stem}.crt\n"
             f"openssl x509 -in {stem}.crt -noout -subject -issuer -fingerprint -sha256")
    return (_check(ctx),
            FixStep(text="Fetch the server's certificate and, after comparing its fingerprint "
                         "with its administrator's, make this client trust exactly it:",
                    code=fetch),
            *client.trust_root(host, None, ctx.service_url, client=ctx.client,
                               what="server's self-signed certificate"),
            FixStep(text="Or give the server a certificate from your internal CA or a public "
                         "CA, so clients need no exception."))


def is_own_store(f: Finding) -> bool:
    """Whether ``f`` is this client's CA store read from its own words
    (ingest/patterns/castore.py): no usable store, or another CA of the issuer's name."""
    return (f.cause is Cause.CLIENT_MISCONFIGURATION
            and str(f.facts.get("pattern", "")).startswith("castore."))


def own_store_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """Steps for a client whose CA store could not be loaded, or holds another CA of the
    issuer's name (a re-created private CA, a stale kubeconfig)."""
    # the pattern tables are loaded for text findings only (a capture's run never needs them)
    from ..ingest.patterns.castore import JAVA_NO_STORE_IDS, STALE_IDS
    pattern = str(f.facts.get("pattern", ""))
    if pattern.startswith("castore.given"):  # round 17: the store the JVM was given
        return given_store_steps(f) or java_cacerts_steps()
    if pattern in JAVA_NO_STORE_IDS:
        return java_cacerts_steps()
    if pattern not in STALE_IDS:
        return (FixStep(text="This client loaded no CA certificates: install the system bundle "
                             "(in containers too) and make every CA variable or option point "
                             "at a file that exists and holds PEM certificates.",
                        code=_STORE_CODE, applies_to="system"),)
    host = ctx.host
    port = ctx.target.port if ctx.target is not None else 443
    compare = (f"{s_client(host, port, None, _starttls(ctx))} -showcerts </dev/null 2>/dev/null | "
               "openssl x509 -noout -issuer -ext authorityKeyIdentifier\n"
               "openssl x509 -in CA_FILE.pem -noout -subject -ext subjectKeyIdentifier\n"
               "# kubectl: kubectl config view --raw --minify -o "
               "jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d | "
               "openssl x509 -noout -subject -ext subjectKeyIdentifier")
    return (FixStep(text="The CA this client was given has the issuer's name but not its key: "
                         "compare the issuer's key identifier with the CA file's (the same "
                         "name with another key is an older CA, e.g. a cluster or private CA "
                         "re-created since):", code=compare),
            FixStep(text="Replace the client's copy with the current CA (a kubeconfig: take "
                         "certificate-authority-data from the cluster's current admin.conf); "
                         "if the server sent an intermediate of that name that did not sign "
                         "its certificate, the server must send the right chain."))
