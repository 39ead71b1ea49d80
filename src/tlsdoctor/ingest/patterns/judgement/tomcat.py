"""Apache Tomcat's connector TLS messages (apache/tomcat java/org/apache/tomcat/util/net/
LocalStrings.properties and its jsse/ and openssl/ packages; main, 10.1, 9.0, 8.5).

Tomcat is the server: a connector that cannot build its SSLContext (a keystore it cannot
load, an alias that is no key entry, a missing certificateFile, an unreadable PEM key)
fails for every client, and the fix is its SSLHostConfig. Read from the code that raises
each (SSLUtilBase.getKeyManagers/getStore, SSLHostConfig, PEMFile): "Failed to load keystore
type [T] with path [P] due to [reason]" carries the JDK's reason (read by java_keys: a
wrong password, another file type); "Alias name [x] does not identify a key entry" is a
certificateKeyAlias naming a trusted-certificate entry or no entry; "No aliases for private
keys found in key store" a store with certificates only. NIO's "Found an plain text HTTP
request on what should be an encrypted TLS connection" is a client speaking http:// to the
TLS port. Engine states, buffer sizes, the ALPN/SNI debug lines and info lines are not about
a failure.
"""

from __future__ import annotations

_SERVER = "server_misconfiguration:.9 client_misconfiguration:.1 | reason"
_SERVER_WARN = "server_misconfiguration:1 | specific"

JUDGE = {
    "channel.nio.ssl.foundHttp": "non_tls_service_on_port:.8 client_misconfiguration:.2 | reason",
    "sslUtilBase.ssl3": "obsolete_protocol_enabled:1 | specific",
    "sslUtilBase.tls13.auth": _SERVER,
    "sslUtilBase.trustedCertNotValid": "no_fault",
    "sslUtilBase.trustedCertNotChecked": "no_fault",
    "sslUtilBase.aliasIgnored": "no_fault",
    "sslUtilBase.active": "no_fault",
    "sslUtilBase.skipped": "no_fault",
    "sslHostConfig.invalid_truststore_password": _SERVER_WARN,
    "jsse.invalid_truststore_password": _SERVER_WARN,
    "sslHostConfig.ignoreNonTls13Ciphersuite": "no_fault",
    "sslHostConfig.ignoreTls13Ciphersuite": "no_fault",
    "sslHostConfig.prefix_missing": "no_fault",
    "sslHostConfig.unknownGroup": "no_fault",
    "jsseUtil.excludeProtocol": "no_fault",
    "openssl.keyManagerMissing.warn": "no_fault",
    "openssl.nonJsseCertificate": "no_fault",
    "openssl.nonJsseChain": "no_fault",
    # Every stack's own words for a failed verification or an OpenSSL error: their tables.
    "openssl.certificateVerificationFailed": "elsewhere",
    "engine.openSSLError": "elsewhere",
    # libcurl's, MySQL's and MariaDB's sentence too (their tables read it, by the printer)
    "openssl.errorPrivateKeyCheck": "elsewhere",
    "sslHostConfig.opensslconf.alreadyset": "no_fault",
    "sslHostConfig.opensslconf.null": "no_fault",
    "sslHostConfig.handleTls13CiphersuiteInCiphers": "no_fault",
    "opensslconf.failedCommand": "no_fault",
    "endpoint.alpn.negotiated": "no_fault",
    "endpoint.tls.info": "no_fault",
    "endpoint.tls.info.cert.keystore": "no_fault",
    "endpoint.tls.info.cert.keystore.direct": "no_fault",
    "endpoint.tls.info.cert.pem": "no_fault",
    "endpoint.tls.enabledGroups": "no_fault",
    "sniExtractor.clientHelloTooBig": "not_tls",
}

RULES = (
    # the OpenSSL engine's cipher setup is the connector's configuration; its other states,
    # buffers and OCSP lookups, and the OpenSSLConf progress lines, are not
    (r"^engine\.(?:ciphersFailure|emptyCipherSuite|failedCipherSuite|failedCipherList|"
     r"unsupportedCipher|unsupportedProtocol|noSSLContext)\t", _SERVER,
     "the OpenSSL engine's cipher and protocol setup"),
    (r"^(?:engine\.|openssl\.(?:addedClientCaCert|applyConf|checkConf|makeConf|doubleInit|"
     r"setCustomDHParameters|setECDHCurve|X509FactoryError)\t|opensslconf\.(?:applyCommand|"
     r"checkCommand|resultCommand|noCommandName)\t)", "not_tls",
     "engine states, buffers, OCSP lookups, OpenSSLConf progress lines"),
    # the connector's own setup: key and trust stores, PEM files, SSLHostConfig, SSLContext,
    # the OpenSSL (APR/Panama) context and its OpenSSLConf
    (r"^(?:sslUtilBase|jsse|jsseUtil|pemFile|sslHostConfig|sslHostConfigCertificate|"
     r"sslImplementation|opensslImplementation|openssl|opensslconf|engine)\.\S*\t",
     _SERVER, "the connector's TLS setup (stores, keys, SSLHostConfig, SSLContext)"),
    (r"^endpoint\.(?:errorCreatingSSLContext|duplicateSslHostName|jsse\.noSslContext|"
     r"noSslHostConfig|noSslHostName|unknownSslHostName|removeDefaultSslHostConfig|"
     r"tls\.cert\.noCerts)\t", _SERVER, "the endpoint's SSL host configuration"),
    (r".", "not_tls", "engine states, buffers, sockets, JMX names, other endpoint messages"),
)
