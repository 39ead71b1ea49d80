"""Round 16: a Java program that cannot load its own key material or trust store, and the
Java server frameworks' TLS configuration errors, harvested from their own source
(scripts/harvest/javaks.py): the JDK's key store loaders, Tomcat, Jetty, Spring Boot,
Elasticsearch. Every judged entry in the forms its program prints it; who loads the store
is read from the words around it (ingest/own_material.py); generic words stay unrecognised."""

from __future__ import annotations

import pytest
from harvest_checks import judged as _judged

from tlsdoctor.api import explain
from tlsdoctor.causes import Cause
from tlsdoctor.ingest.patterns import javaks
from tlsdoctor.ingest.patterns.harvested import Entry, as_printed, entries, judge, printed

SM, CM = Cause.SERVER_MISCONFIGURATION, Cause.CLIENT_MISCONFIGURATION
SOURCES = ("java_keys", "tomcat", "jetty", "spring_boot", "es_ssl")


def _causes(entry: Entry) -> list[str]:
    return [c.split(":")[0] for c in judge(entry).causes.split()]  # type: ignore[union-attr]


def _forms(e: Entry) -> list[str]:
    """The entry as its program prints it: the harvest's own form (the exception class and
    package), its text alone when the table reads it anywhere (a sentence of four words or
    more that is not too vague: a ".text" pattern), Elasticsearch's "nested:" chain."""
    out = [as_printed(e)]
    if f"{e.source}.up.{e.id}.text" in BARE:
        out.append(printed(e.text))
    cls = e.get("exception")
    if cls:
        out.append(f"ElasticsearchSecurityException[failed to load SSL configuration "
                   f"[xpack.security.transport.ssl]]; nested: {cls}[{printed(e.text)}];"
                   if e.source == "es_ssl" else f"Caused by: {as_printed(e)}")
    return out


BARE = frozenset(p.id for p in javaks.PATTERNS)
ALL = [e for s in SOURCES for e in _judged(s)
       # Tomcat's texts under four words are not matched (no class is printed with them)
       if e.source != "tomcat" or len(e.text.replace("%s", "").split()) >= 4]


@pytest.mark.parametrize("entry", ALL, ids=[f"{e.source}:{e.id[:60]}" for e in ALL])
def test_every_judged_entry_in_its_printed_forms(entry: Entry) -> None:
    want = _causes(entry)
    for text in _forms(entry):
        r = explain(text)
        assert r.recognized and r.findings, text
        top = r.findings[0]
        if set(want[:2]) == {SM.value, CM.value}:
            # whose store: the table's order, or the words around it (own_material.py)
            assert top.cause.value in want[:2], text
        else:
            assert top.cause.value == want[0], text


def test_tables_are_whole() -> None:
    """The harvest's counts, and the messages the class is about are in them."""
    texts = {s: {e.text for e in entries(s)} for s in SOURCES}
    assert {"Keystore was tampered with, or password was incorrect",
            "keystore password was incorrect", "failed to decrypt safe contents entry: %s",
            "Cannot recover key", "Get Key failed: %s", "Invalid keystore format",
            "DerInputStream.getLength(): lengthTag=%s, too big.",
            "toDerInputStream rejects tag type %s", "problem accessing trust store",
            "No available certificate or key corresponds to the SSL cipher suites which are "
            "enabled."} <= texts["java_keys"]
    assert {"Alias name [%s] does not identify a key entry",
            "Failed to load keystore type [%s] with path [%s] due to [%s]",
            "No aliases for private keys found in key store"} <= texts["tomcat"]
    assert "KeyStore Path not accessible: %s" in texts["jetty"]
    assert {"Could not load store from '%s'", "Could not load key store '%s'"} <= \
        texts["spring_boot"]
    assert "failed to load SSL configuration [%s]" in texts["es_ssl"]
    judged = {s: len(_judged(s)) for s in SOURCES}
    assert judged["java_keys"] >= 20 and judged["tomcat"] >= 40 and judged["es_ssl"] == 12


# -- who loads it: the JDK's words x the framing around them ------------------------------

WORDINGS = {
    "jks-password": "java.io.IOException: Keystore was tampered with, or password was incorrect",
    "p12-password": "java.io.IOException: keystore password was incorrect\nCaused by: "
                    "java.security.UnrecoverableKeyException: failed to decrypt safe contents "
                    "entry: javax.crypto.BadPaddingException: Given final block not properly "
                    "padded. Such issues can arise if a bad key is used during decryption.",
    "key-password": "java.security.UnrecoverableKeyException: Cannot recover key",
    "p12-key-password": "java.security.UnrecoverableKeyException: Get Key failed: Given final "
                        "block not properly padded. Such issues can arise if a bad key is used "
                        "during decryption.",
    "pem-as-jks": "java.io.IOException: Invalid keystore format",
    "pem-as-p12": "java.io.IOException: DerInputStream.getLength(): lengthTag=109, too big.",
    "pem-as-p12-17": "java.io.IOException: toDerInputStream rejects tag type 45",
    "kafka": "org.apache.kafka.common.KafkaException: Failed to load SSL keystore "
             "/etc/kafka/ssl/kafka.keystore.jks of type JKS",
}
FRAMINGS = {
    "tomcat": ("\tat org.apache.tomcat.util.net.SSLUtilBase.getStore(SSLUtilBase.java:217)\n"
               "\tat org.apache.tomcat.util.net.AbstractEndpoint.initialiseSsl(AbstractEndpoint"
               ".java:1230)\n", SM, True),
    "spring": ("org.springframework.boot.web.server.WebServerException: Unable to start "
               "embedded Tomcat\n", SM, True),
    "jdk-server": ("\tat java.base/javax.net.ssl.SSLServerSocketFactory.getDefault("
                   "SSLServerSocketFactory.java:112)\n", SM, True),
    "kafka-broker": ("[2026-12-06 08:00:00,000] ERROR [KafkaServer id=1] Fatal error during "
                     "KafkaServer startup. Prepare to shutdown (kafka.server.KafkaServer)\n",
                     SM, True),
    "elasticsearch": ("[2026-12-06T08:00:00,000][ERROR][o.e.b.Elasticsearch] [node-1] "
                      "fatal exception while booting Elasticsearch (org.elasticsearch.bootstrap)"
                      "\n", SM, True),
    "wildfly": ("ERROR [org.jboss.msc.service.fail] MSC000001: Failed to start service "
                "org.wildfly.security.key-store.applicationKS: WFLYELY00004: Unable to start the "
                "service.\n", SM, True),
    "netty-server": ("\tat io.netty.handler.ssl.SslContextBuilder.forServer(SslContextBuilder"
                     ".java:61)\n", SM, True),
    "kafka-producer": ("\tat org.apache.kafka.clients.producer.KafkaProducer.<init>("
                       "KafkaProducer.java:430)\n", CM, True),
    "jdk-client": ("\tat java.base/javax.net.ssl.HttpsURLConnection.getDefaultSSLSocketFactory("
                   "HttpsURLConnection.java:336)\n", CM, True),
    "truststore": ("Loading the trust store /opt/app/truststore.jks (javax.net.ssl.trustStore)\n",
                   CM, False),
    "none": ("", None, False),  # the table's order: the server first, Kafka's the client
}


@pytest.mark.parametrize("framing", sorted(FRAMINGS))
@pytest.mark.parametrize("wording", sorted(WORDINGS))
def test_audit_java_store_wording_x_framing(wording: str, framing: str) -> None:
    frame, want, sure = FRAMINGS[framing]
    text = WORDINGS[wording] + "\n" + frame
    r = explain(text)
    top = r.findings[0]
    assert {f.cause for f in r.findings[:2]} == {SM, CM}, text
    if want is not None:
        assert top.cause is want, text
    if sure:
        assert top.confidence >= 0.6, text
    else:
        assert top.confidence < 0.6, text
        assert "keytool -list" in str(top.facts.get("tell_apart", "")), text


def test_frameworks_name_the_server() -> None:
    """The frameworks' own words are their server's configuration, with no framing at all."""
    for text in ("java.lang.IllegalArgumentException: Alias name [tomcat] does not identify a "
                 "key entry",
                 "java.io.IOException: Failed to load keystore type [PKCS12] with path "
                 "[conf/localhost-rsa.p12] due to [keystore password was incorrect]",
                 "java.lang.IllegalArgumentException: No aliases for private keys found in "
                 "key store",
                 "org.springframework.boot.web.server.WebServerException: Could not load key "
                 "store 'classpath:keystore.p12'",
                 "ElasticsearchSecurityException[failed to load SSL configuration "
                 "[xpack.security.transport.ssl]]; nested: ElasticsearchException[failed to "
                 "initialize SSL TrustManager]; nested: IOException[keystore password was "
                 "incorrect];",
                 "org.elasticsearch.common.ssl.SslConfigException: cannot read configured "
                 "[PKCS12] keystore [/etc/elasticsearch/certs/http.p12] - this is usually "
                 "caused by an incorrect password",
                 "javax.net.ssl.SSLException: No available certificate or key corresponds to "
                 "the SSL cipher suites which are enabled."):
        top = explain(text).findings[0]
        assert top.cause is SM and top.confidence >= 0.6, text


NEGATIVES = ("Cannot recover key", "Invalid keystore format", "Keystore", "initialization failed",
             "Error creating SSLContext", "No SSL context", "Handshake error",
             "SslContextFactory reload", "Given final block not properly padded.",
             "java.io.IOException: Short read", "keystore file")


@pytest.mark.parametrize("text", NEGATIVES)
def test_generic_words_stay_unrecognised(text: str) -> None:
    assert not explain(text).recognized


# -- the fix: keytool's check, then the step for what the words say ------------------------

FIX_KINDS = {
    "java.security.UnrecoverableKeyException: Cannot recover key": "keytool -keypasswd",
    "java.io.IOException: Invalid keystore format": "openssl pkcs12 -export",
    "java.lang.IllegalArgumentException: Alias name [tomcat] does not identify a key entry":
        "keytool -importkeystore",
    "java.security.KeyStoreException: problem accessing trust store": "keytool -importcert",
    "java.io.IOException: Integrity check failed: java.security.NoSuchAlgorithmException: "
    "Algorithm HmacPBESHA256 not available": "-legacy",
    "java.io.IOException: Keystore was tampered with, or password was incorrect":
        "certificateKeystorePassword",
}


@pytest.mark.parametrize("text", sorted(FIX_KINDS))
def test_fix_names_the_store_check_and_what_the_words_say(text: str) -> None:
    top = explain(text).findings[0]
    code = "\n".join(s.code for s in top.fix)
    assert "keytool -list -v -keystore" in code
    assert FIX_KINDS[text] in code, code
    assert "ssl_ciphers" not in code  # not a web server's cipher list
