"""Fix steps for Java's empty or missing trust store (round 17).

"the trustAnchors parameter must be non-empty": the JVM found no CA certificate in the store
it read. When the text shows the store it was given (``javax.net.ssl.trustStore`` on the
command line, in JAVA_TOOL_OPTIONS, _JAVA_OPTIONS, JDK_JAVA_OPTIONS, MAVEN_OPTS or Gradle's
``systemProp.``: ingest/given_store.py, read again from the finding's evidence line), that
store is the one to fix: keytool imports the CA into it (creating the file when it is
missing), with the password the program gives; or the setting, written where it was given,
points at a store that holds CAs. Without such a setting, the JDK's own cacerts is empty:
Debian's is made by ca-certificates-java from the system bundle.

keytool -importcert / -list and their -keystore, -storepass, -storetype, -alias, -file,
-noprompt and -cacerts options: the JDK 17 keytool documentation. The JDK's default store:
$JAVA_HOME/lib/security/cacerts, password "changeit" (same documentation). Debian's
/etc/ssl/certs/java/cacerts: the ca-certificates-java package (its update-ca-certificates
hook, /etc/ca-certificates/update.d/jks-keystore).
"""

from __future__ import annotations

import shlex

from ..finding import Finding, FixStep

__all__ = ["given_store_steps", "java_cacerts_steps"]

PASSWORD = "STOREPASS"  # the placeholder when the text shows no password
CA_FILE = "server-ca.pem"  # the CA that issued the server's certificate


_VARIABLES = {"java_tool_options": "JAVA_TOOL_OPTIONS", "_java_options": "_JAVA_OPTIONS",
              "jdk_java_options": "JDK_JAVA_OPTIONS", "maven_opts": "MAVEN_OPTS"}


def _assign(form: str, path: str, password: str) -> str:
    """The trust store and its password, written where ``form`` says they were given."""
    props = (("trustStore", path), ("trustStorePassword", password))
    if form == "gradle":
        return "\n".join(f"systemProp.javax.net.ssl.{k}={v}" for k, v in props)
    opts = " ".join(f"-Djavax.net.ssl.{k}={shlex.quote(v)}" for k, v in props)
    variable = _VARIABLES.get(form)
    return f"java {opts} ..." if variable is None else f"export {variable}={shlex.quote(opts)}"


def _unset(form: str) -> str:
    """The line that removes the trust store settings where ``form`` says they were given."""
    if form == "gradle":
        return r"sed -i '/^systemProp\.javax\.net\.ssl\.trustStore/d' gradle.properties"
    variable = _VARIABLES.get(form)
    if variable is None:
        return "# remove -Djavax.net.ssl.trustStore=... and -Djavax.net.ssl.trustStorePassword=..."
    return (f"unset {variable}   # or remove its -Djavax.net.ssl.trustStore* options where it "
            "is set")


_WHERE = {"property": "-Djavax.net.ssl.trustStore on the command line",
          "java_tool_options": "JAVA_TOOL_OPTIONS", "_java_options": "_JAVA_OPTIONS",
          "jdk_java_options": "JDK_JAVA_OPTIONS", "maven_opts": "MAVEN_OPTS",
          "gradle": "gradle.properties' systemProp.javax.net.ssl.trustStore"}


def given_store_steps(f: Finding) -> tuple[FixStep, ...]:
    """Steps naming the store the finding's evidence shows given; () when it shows none."""
    from ..ingest.given_store import read  # text findings only
    given = read("\n".join(f.evidence))
    if given is None:
        return ()
    if str(f.facts.get("pattern", "")).startswith("castore.given_unopened."):
        return _password_steps(given.form, given.path, _WHERE.get(given.form, "the setting"))
    path, password = given.path, given.password or PASSWORD
    store = f"-keystore {shlex.quote(path)} -storepass {shlex.quote(password)}" + (
        f" -storetype {shlex.quote(given.store_type)}" if given.store_type else "")
    where = _WHERE.get(given.form, "javax.net.ssl.trustStore")
    pw_note = ("" if given.password else f" ({PASSWORD}: the password the program gives "
               "with javax.net.ssl.trustStorePassword; a new store takes it from this line)")
    return (
        FixStep(text=f"This JVM reads the trust store it was given ({where}): {path}, not the "
                     "JDK's cacerts. It holds no CA certificate (or the file is missing): list "
                     f"it{pw_note}:",
                code=f"keytool -list {store}", applies_to="java"),
        FixStep(text="Import the CA that issued the server's certificate into that store "
                     f"({CA_FILE}: ask the server's administrator; for a public server, the "
                     "root its chain ends at). keytool creates the file if it is missing:",
                code=f"keytool -importcert -noprompt -alias server-ca -file {CA_FILE} {store}",
                applies_to="java"),
        FixStep(text="Or, for a server whose chain ends at a public CA, remove the setting "
                     "where it is given: the JVM then reads the JDK's own cacerts:",
                code=_unset(given.form), applies_to="java"),
    )


def _password_steps(form: str, path: str, where: str) -> tuple[FixStep, ...]:
    """The store was given with a password (or type) that does not open it (``PASSWORD``:
    the store's real one, which only its owner knows)."""
    return (
        FixStep(text=f"This JVM could not open the trust store it was given ({where}): "
                     f"{path}, with the password (and type) given there. Find the store's "
                     f"password ({PASSWORD}: the one you believe it has; keytool lists the "
                     "store only with the right one, and shows its type):",
                code=f"keytool -list -keystore {shlex.quote(path)} -storepass {PASSWORD}",
                applies_to="java"),
        FixStep(text="Then give that password where the store is given (a JKS store read "
                     "as another type: add -Djavax.net.ssl.trustStoreType=JKS there too):",
                code=_assign(form, path, PASSWORD), applies_to="java"),
    )


def java_cacerts_steps() -> tuple[FixStep, ...]:
    """Java's own store empty with no store given: the JDK's cacerts (Debian: made from the
    system bundle by ca-certificates-java)."""
    return (FixStep(text="This JVM's own CA store (cacerts) is empty or missing. List it; on "
                         "Debian/Ubuntu it is made from the system bundle by "
                         "ca-certificates-java: reinstall it and rebuild the store:",
                    code="keytool -list -cacerts -storepass changeit | head -3\n"
                         "sudo apt-get install --reinstall ca-certificates-java && "
                         "sudo update-ca-certificates -f\n"
                         "# or give the program a store: -Djavax.net.ssl.trustStore=FILE "
                         "-Djavax.net.ssl.trustStorePassword=...",
                    applies_to="java"),)
