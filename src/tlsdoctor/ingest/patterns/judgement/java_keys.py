"""The JDK's key store loaders, key recovery and DER reader (OpenJDK java.base:
sun/security/provider/JavaKeyStore.java and KeyProtector.java, sun/security/pkcs12/
PKCS12KeyStore.java, com/sun/crypto/provider/JceKeyStore.java and KeyProtector.java,
sun/security/util/DerInputStream.java and DerValue.java, java/security/KeyStore.java, JSSE's
key and trust manager factories and SSLContextImpl; JDK 8's SSLServerSocketImpl).

A Java program could not load its OWN key store or trust store, before any handshake. Read
from the code that raises each:
- a wrong store password: JKS's keyed digest check ("Keystore was tampered with, or password
  was incorrect", cause "Password verification failed"), PKCS#12's decryption of its
  certificate bag ("keystore password was incorrect", cause "failed to decrypt safe contents
  entry: javax.crypto.BadPaddingException: Given final block not properly padded...") and
  its MAC ("Failed PKCS12 integrity checking", "Integrity check failed: ...");
- a key password that is not the store's (KeyManagerFactory.init(ks, keyPassword) recovers
  each key with it): JKS "Cannot recover key", PKCS#12 "Get Key failed: Given final block
  not properly padded...";
- a file of another type: a PEM file or a PKCS#12 file loaded as JKS ("Invalid keystore
  format"), a PEM or JKS file loaded as PKCS#12 (its DER reader: "DerInputStream.getLength():
  lengthTag=109, too big." for "-----BEGIN", "toDerInputStream rejects tag type 45",
  "PKCS12 keystore not in version 3 format"), KeyStore.getInstance(File) guessing none;
- the trust store the default SSLContext could not read ("problem accessing trust store"),
  leaving JSSE's dummy trust manager, whose every check fails with "No X509TrustManager
  implementation available" (a client's trust store, unless a server checks client
  certificates);
- JDK 8's SSLServerSocket.accept(): no enabled suite has a key in the server's key manager
  ("No available certificate or key corresponds to the SSL cipher suites which are
  enabled."): the server's key store (no PrivateKeyEntry, a wrong alias, an RSA-only suite
  list for an EC key).

Whose store it is, server or client, is not in these words: the table says the server
first, even (most keystores in Java threads are a server's or broker's), and
ingest/own_material.py re-reads them by the words around the load (Tomcat, Jetty, Spring
Boot, a Kafka broker or client, Elasticsearch, an SSLServerSocket, a trust store). The DER
reader's messages are any DER parse: at "specific", below the loaders' own words.
"""

from __future__ import annotations

from . import _databases as db

_WRONG_PASSWORD = db.OWN_FILE_SERVER
_DER = "server_misconfiguration:.5 client_misconfiguration:.5 | specific"

JUDGE = {
    "Keystore was tampered with, or password was incorrect": _WRONG_PASSWORD,
    "Password verification failed": _WRONG_PASSWORD,
    "keystore password was incorrect": _WRONG_PASSWORD,
    "failed to decrypt safe contents entry: %s": _WRONG_PASSWORD,
    "Failed PKCS12 integrity checking": _WRONG_PASSWORD,
    "Integrity check failed: %s": _WRONG_PASSWORD,
    "Cannot recover key": _WRONG_PASSWORD,
    "Get Key failed: %s": _WRONG_PASSWORD,
    "Invalid keystore format": _WRONG_PASSWORD,
    "Unrecognized keystore entry: %s": _WRONG_PASSWORD,
    "PKCS12 keystore not in version 3 format": _WRONG_PASSWORD,
    "Unrecognized keystore format. Please load it with a specified type": _WRONG_PASSWORD,
    "File does not exist or it does not refer to a normal file: %s": _WRONG_PASSWORD,
    "DerInputStream.getLength(): lengthTag=%s, too big.": _DER,
    "toDerInputStream rejects tag type %s": _DER,
    "Short read of DER length": _DER,
    "Private key must be accompanied by certificate chain": _WRONG_PASSWORD,
    "private key algorithm does not match algorithm of public key in end entity "
    "certificate (at index 0)": db.OWN_FILE_SERVER,
    "problem accessing trust store": "client_misconfiguration:.55 server_misconfiguration:.45"
                                     " | reason",
    "No X509TrustManager implementation available":
        "client_misconfiguration:.7 server_misconfiguration:.3 | reason",
    "No available certificate or key corresponds to the SSL cipher suites which are enabled.":
        "server_misconfiguration:.9 cipher_suite_mismatch:.1 | reason",
    # JSSE's table (java.json) reads it: one wording, one meaning.
    "Certificates do not conform to algorithm constraints": "elsewhere",
    # The padding message alone is any decryption with a wrong key (not only a key store's):
    # read inside "Get Key failed: " / "failed to decrypt safe contents entry: ".
    "Given final block not properly padded. Such issues can arise if a bad key is used "
    "during decryption.": "not_tls",
}

RULES = (
    (r".", "not_tls", "storing entries, API misuse (null passwords, uninitialized factories), "
                      "DER details of one field: not why a store could not be loaded"),
)
