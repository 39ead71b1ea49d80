"""Spring Boot's SSL bundles (org.springframework.boot.ssl: JKS/PEM store bundles, key and
trust manager bundles) and its embedded servers' SSL customizers (Tomcat SslConnectorCustomizer,
Jetty SslServerCustomizer, Netty/Undertow on 2.7; WebServerSslBundle); spring-projects/
spring-boot HEAD, v3.3.0, v3.1.0, v2.7.18.

Read from the code that raises each: the customizers and WebServerSslBundle run only for
server.ssl.* (the application's embedded server): "Could not load key store 'classpath:x'",
"Could not load store: ...", "Unable to set SSL store: ...", "Could not find trust store",
"SSL is enabled but no trust material is configured" (client-auth on, no trust store) are the
server's. The bundles (spring.ssl.bundle.*, 3.1+) serve both the embedded server and clients
(RestClient, WebClient, Kafka, Redis, Mongo): "Could not load store from 'x'", "Keystore does
not contain alias 'x'", "Error reading certificate", a PEM key it cannot read: the server
first, below 0.6 (ingest/own_material.py reads the framing: WebServer*, TomcatWebServer...).
"""

from __future__ import annotations

_SERVER = "server_misconfiguration:.9 client_misconfiguration:.1 | reason"
_BUNDLE = "server_misconfiguration:.55 client_misconfiguration:.45 | reason"

JUDGE = {
    "Could not load key store '%s'": _SERVER,
    "Could not find trust store '%s'": _SERVER,
    "Could not load trust store: %s": _SERVER,
    "Could not load store: %s": _SERVER,
    "Unable to set SSL store: %s": _SERVER,
    "Unable to set SSL store": _SERVER,
    "SSL is enabled but no trust material is configured": _SERVER,
    "Input keystore location is not valid for keystore type 'PKCS11': '%s'. Must be "
    "undefined / null.": _SERVER,
    "Keystore does not contain specified alias '%s'": _SERVER,
    "Could not load store from '%s'": _BUNDLE,
    "Unable to create %s store: %s": _BUNDLE,
    "Keystore does not contain alias '%s'": _BUNDLE,
    "Could not determine if keystore contains alias '%s'": _BUNDLE,
    "Could not determine if keystore contains alias '%s'%s": _BUNDLE,
    "Could not load key manager factory: %s": _BUNDLE,
    "Could not load trust manager factory: %s": _BUNDLE,
    "Could not load SSL context: %s": _BUNDLE,
    "Error reading certificate: %s": _BUNDLE,
    "Error reading certificate or key from file '%s'": _BUNDLE,
    "Error reading certificate or key from file '%s':%s": _BUNDLE,
    "Error loading private key file: %s": _BUNDLE,
    "Missing private key or unrecognized format": _BUNDLE,
    "Unrecognized private key format": _BUNDLE,
    "Error decrypting private key": _BUNDLE,
    "Error adding certificates to KeyStore: %s": _BUNDLE,
    "Error creating KeyStore: %s": _BUNDLE,
}

RULES = (
    (r".", "not_tls", "factories, unsupported parameters, HTTP/2 dependencies"),
)
