"""Round 17: Java's empty or missing trust store, fixed in the store the text shows given
(ingest/given_store.py, fixes/given_store_text.py). Each form a person pastes: the store's
path and password reach keytool's import line, and the setting is removed where it was
given; with no store shown, the JDK's own cacerts (ca-certificates-java). The real JVM's
runs: tests/ingest/test_round16_java_keys_real.py (the printed import applied)."""

from __future__ import annotations

import pytest

from tlsdoctor.api import explain
from tlsdoctor.ingest.given_store import read

EMPTY = ("Exception in thread \"main\" javax.net.ssl.SSLException: java.lang.RuntimeException: "
         "Unexpected error: java.security.InvalidAlgorithmParameterException: the trustAnchors "
         "parameter must be non-empty\n")

# (the lines before the trace, the store, its password, the line that removes the setting)
FORMS = {
    "property": ("$ java -Djavax.net.ssl.trustStore=/opt/app/trust.p12 "
                 "-Djavax.net.ssl.trustStorePassword=s3cret -jar app.jar",
                 "/opt/app/trust.p12", "s3cret", "# remove -Djavax.net.ssl.trustStore"),
    "java_tool_options": ("Picked up JAVA_TOOL_OPTIONS: -Djavax.net.ssl.trustStore=/srv/ts.jks",
                          "/srv/ts.jks", "STOREPASS", "unset JAVA_TOOL_OPTIONS"),
    "_java_options": ("Picked up _JAVA_OPTIONS: -Djavax.net.ssl.trustStore=\"/srv/my ts.p12\" "
                      "-Djavax.net.ssl.trustStorePassword=pw123456",
                      "'/srv/my ts.p12'", "pw123456", "unset _JAVA_OPTIONS"),
    "jdk_java_options": ("NOTE: Picked up JDK_JAVA_OPTIONS: -Djavax.net.ssl.trustStore=ts.p12",
                         "ts.p12", "STOREPASS", "unset JDK_JAVA_OPTIONS"),
    "maven_opts": ("export MAVEN_OPTS=\"-Djavax.net.ssl.trustStore=/ci/trust.jks "
                   "-Djavax.net.ssl.trustStorePassword=changeit\"",
                   "/ci/trust.jks", "changeit", "unset MAVEN_OPTS"),
    "gradle": ("# gradle.properties\nsystemProp.javax.net.ssl.trustStore=/home/u/.gradle/ts.p12\n"
               "systemProp.javax.net.ssl.trustStorePassword=changeit",
               "/home/u/.gradle/ts.p12", "changeit", "sed -i '/^systemProp"),
}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_the_given_store_is_the_one_fixed(form: str) -> None:
    before, store, password, unset = FORMS[form]
    given = read(before)
    assert given is not None and given.form == form
    r = explain(f"{before}\n{EMPTY}")
    top = r.findings[0]
    assert top.cause.value == "client_misconfiguration" and top.confidence >= 0.9
    assert top.facts["pattern"] == f"castore.given.{form}"
    code = "\n".join(s.code for s in top.fix)
    assert (f"keytool -importcert -noprompt -alias server-ca -file server-ca.pem "
            f"-keystore {store} -storepass {password}") in code, code
    assert unset in code, code
    assert "apt-get" not in code  # not the distribution's store: the one given


def test_no_store_shown_is_the_jdk_cacerts() -> None:
    top = explain(EMPTY).findings[0]
    code = "\n".join(s.code for s in top.fix)
    assert "ca-certificates-java" in code and "keytool -list -cacerts" in code, code


@pytest.mark.parametrize("text", [
    "-Djavax.net.ssl.trustStore=NONE -Djavax.net.ssl.trustStoreType=PKCS11",  # a token
    "javax.net.ssl.trustStore is not set",
])
def test_no_file_named(text: str) -> None:
    assert read(text) is None


def test_a_store_shown_with_another_failure_changes_nothing() -> None:
    """The setting alone is no failure, and another failure keeps its own reading."""
    assert not explain("$ java -Djavax.net.ssl.trustStore=/x.p12 -jar app.jar").findings
    pkix = ("$ java -Djavax.net.ssl.trustStore=/x.p12 -jar app.jar\njavax.net.ssl."
            "SSLHandshakeException: PKIX path building failed: sun.security.provider."
            "certpath.SunCertPathBuilderException: unable to find valid certification path "
            "to requested target")
    assert not str(explain(pkix).findings[0].facts.get("pattern", "")).startswith("castore")


UNOPENED = ("Exception in thread \"main\" java.net.SocketException: java.security."
            "NoSuchAlgorithmException: Error constructing implementation (algorithm: Default, "
            "provider: SunJSSE, class: sun.security.ssl.SSLContextImpl$DefaultSSLContext)\n"
            "Caused by: java.security.KeyManagementException: problem accessing trust store\n")


@pytest.mark.parametrize("form", ["property", "java_tool_options", "gradle"])
def test_a_given_store_it_could_not_open_gets_its_password_set_where_given(form: str) -> None:
    before, store, _, _ = FORMS[form]
    top = explain(f"{before}\n{UNOPENED}").findings[0]
    assert top.facts["pattern"] == f"castore.given_unopened.{form}"
    code = "\n".join(s.code for s in top.fix)
    assert f"keytool -list -keystore {store} -storepass STOREPASS" in code, code
    assert "trustStorePassword=STOREPASS" in code and "importcert" not in code, code


def test_an_unopened_store_with_none_shown_keeps_the_key_store_steps() -> None:
    top = explain(UNOPENED).findings[0]
    assert not str(top.facts["pattern"]).startswith("castore.")
