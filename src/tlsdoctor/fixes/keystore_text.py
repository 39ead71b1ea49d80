"""Fix steps for a Java key store or trust store the program could not load (round 16).

The finding came from the JDK's key store words or a Java server's SSL configuration words
(patterns/javaks.py, Kafka's factory; ingest/own_material.py's "own.<party>.keystore"): no
handshake took place, so the steps are keytool's check of the store and the setting that
gives the program its password, type or alias. The settings are the programs' documented
names: Tomcat's SSLHostConfig <Certificate certificateKeystore*> attributes, Spring Boot's
server.ssl.* properties, Kafka's ssl.keystore.* / ssl.truststore.* configs, Elasticsearch's
secure settings (elasticsearch-keystore), the JSSE javax.net.ssl.* system properties.
"""

from __future__ import annotations

import re

from ..causes import Cause
from ..finding import Finding, FixStep
from .context import FixContext
from .lazyre import LazyPattern, lazy

__all__ = ["is_java_store", "java_store_steps"]

_SOURCES = ("java_keys", "tomcat", "jetty", "spring_boot", "es_ssl", "kafka")
_OWN = (Cause.SERVER_MISCONFIGURATION, Cause.CLIENT_MISCONFIGURATION)

_CHECK = FixStep(text="List the store with the password and type the program is given: a "
                      "wrong password or type fails with the same words, and the alias the "
                      "program uses must be a PrivateKeyEntry (a trust store's entries are "
                      "trustedCertEntry):",
                 code="keytool -list -v -keystore FILE -storetype PKCS12\n"
                      "keytool -list -v -keystore FILE -storetype JKS")
_SETTINGS = ("# Tomcat: <Certificate certificateKeystoreFile=\"...\" "
             "certificateKeystorePassword=\"...\" certificateKeystoreType=\"PKCS12\"/>\n"
             "# Spring Boot: server.ssl.key-store-password, server.ssl.key-store-type, "
             "server.ssl.trust-store-password\n"
             "# Kafka: ssl.keystore.password, ssl.keystore.type, ssl.truststore.password\n"
             "# Elasticsearch: bin/elasticsearch-keystore add "
             "xpack.security.http.ssl.keystore.secure_password\n"
             "# any JVM: -Djavax.net.ssl.keyStorePassword=... -Djavax.net.ssl.keyStoreType="
             "PKCS12 -Djavax.net.ssl.trustStorePassword=...")

# What the words say is wrong with the store, most specific first.
_KINDS: tuple[tuple[str, LazyPattern, FixStep], ...] = (
    ("key", lazy(r"Cannot recover key|Get Key failed", re.I),
     FixStep(text="The key's own password is not the one given (KeyManagerFactory recovers "
                  "each key with it): give the key's password, or make it the store's (a "
                  "PKCS#12 store has one password for both):",
             code="keytool -keypasswd -alias ALIAS -keystore FILE.jks\n# Tomcat "
                  "certificateKeyPassword, Spring Boot server.ssl.key-password, Kafka "
                  "ssl.key.password")),
    ("type", lazy(r"Invalid keystore format|DerInputStream|toDerInputStream|"
                  r"version 3 format|Unrecognized keystore", re.I),
     FixStep(text="The file is not the type the program reads it as (a PEM file, or a "
                  "PKCS#12 store read as JKS): set the right type, or build a PKCS#12 store "
                  "from the PEM files:",
             code="openssl pkcs12 -export -in cert.pem -inkey key.pem -certfile chain.pem "
                  "-name ALIAS -out keystore.p12\n# then the type PKCS12: Tomcat "
                  "certificateKeystoreType, Spring Boot server.ssl.key-store-type, Kafka "
                  "ssl.keystore.type, -Djavax.net.ssl.keyStoreType")),
    ("alias", lazy(r"does not identify a key entry|No aliases for private keys|does not "
                   r"contain (?:specified )?alias|No available certificate or key", re.I),
     FixStep(text="The alias names no private key (a certificate alone, or another alias): "
                  "import the key with its certificate chain and name that alias:",
             code="keytool -importkeystore -srckeystore keystore.p12 -srcstoretype PKCS12 "
                  "-destkeystore FILE -deststoretype PKCS12\n# Tomcat certificateKeyAlias, "
                  "Spring Boot server.ssl.key-alias, Kafka: one PrivateKeyEntry per store")),
    ("trust", lazy(r"trust ?store|trustAnchors|TrustManager", re.I),
     FixStep(text="A trust store holds the CA certificates the peer's chain ends at: give "
                  "its password and type, or import the CA into it:",
             code="keytool -importcert -noprompt -alias myca -file ca.pem -keystore "
                  "truststore.p12 "
                  "-storetype PKCS12\njava -Djavax.net.ssl.trustStore=/path/truststore.p12 "
                  "-Djavax.net.ssl.trustStorePassword=... -Djavax.net.ssl.trustStoreType="
                  "PKCS12 ...")),
    # an older JDK reading a PKCS#12 file OpenSSL 3 wrote (PBES2/AES, HmacPBESHA256: JDK
    # 8u301 and 11.0.12 read them): "Integrity check failed: NoSuchAlgorithmException:
    # Algorithm HmacPBESHA256 not available"
    ("algorithm", lazy(r"NoSuchAlgorithmException|Algorithm \S+ not available|"
                       r"unrecognized algorithm", re.I),
     FixStep(text="This Java cannot read the store's encryption (a PKCS#12 file written by "
                  "OpenSSL 3 for an older JDK): write it with the legacy algorithms, or run a "
                  "newer Java:",
             code="openssl pkcs12 -in keystore.p12 -nodes -out all.pem\n"
                  "openssl pkcs12 -export -legacy -in all.pem -out keystore-legacy.p12")),
    ("password", lazy(r"tampered|password|safe contents|integrity", re.I),
     FixStep(text="Give the program the store's password (the setting of the program that "
                  "loads it):", code=_SETTINGS)),
)


def is_java_store(f: Finding) -> bool:
    """A text finding about a Java store the program could not load."""
    pattern = str(f.facts.get("pattern", ""))
    return f.cause in _OWN and (pattern.endswith(".keystore")
                                or pattern.split(".", 1)[0] in _SOURCES[:-1]
                                or (pattern.startswith("kafka.") and "keystore" in pattern))


def java_store_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """keytool's check, then the step for what the words say is wrong, then (when it is
    not the password already) where each program takes the password."""
    del ctx  # the store is named by the words, not by a probe
    said = " ".join([str(f.facts.get("meaning", "")), *f.evidence])
    steps = [_CHECK]
    for kind, rx, step in _KINDS:
        if rx.search(said):
            steps.append(step)
            if kind != "password":
                steps.append(FixStep(text="The password settings, if that is not it:",
                                     code=_SETTINGS))
            break
    else:
        steps.append(FixStep(text="Where each program takes the store, its password and "
                                  "type:", code=_SETTINGS))
    return tuple(steps)
