"""java: its own wording, judged by the shared keyword rules (judgement/_common.py
TEXT_RULES) after the entries listed here; the remaining lines are not about why a TLS
connection failed (startup, configuration syntax, internal states, debug output)."""

from __future__ import annotations

from . import _common as common

JUDGE: dict[str, str] = {
    # Raised before anything is sent (HandshakeContext.java): this JVM has no enabled
    # protocol and suite that fit together. Dev set (round 3): of 3 threads, 2 a JDK that
    # disabled TLS 1.0/1.1 against a server with nothing newer, 1 the JVM's own setting
    # (enableECC=false): never certain, the client's settings always in the running.
    "No appropriate protocol (protocol is disabled or ": ("protocol_version_mismatch:.55 "
                                                         "client_misconfiguration:.45 | reason"),
    # Round 13 (ex-peer): JSSE throws this only on a server (ServerHello.java, Temurin 25
    # src.zip, T12ServerHelloProducer.chooseCipherSuite) after every mutually enabled suite
    # failed either the version/constraints check *or* ke.createPossessions(): the server's
    # key manager had no key of the suite's type (an empty keystore, a trustedCertEntry
    # instead of a PrivateKeyEntry, a wrong alias). The words alone leave both: a ranking;
    # the key manager's own lines decide (patterns/server_keys.py).
    "no cipher suites in common": "cipher_suite_mismatch:.55 server_misconfiguration:.45 | reason",
    # TLS 1.3's equivalent on the server (CertificateMessage.java onProduceCertificate:
    # choosePossession found no certificate for any signature scheme the client offered).
    "No available authentication scheme": ("server_misconfiguration:.55 "
                                           "cipher_suite_mismatch:.45 | reason"),
    # Round 13 (ex-version): the client's check of the server's ephemeral DH key
    # (DHClientKeyExchange.java, jdk-25.0.3+9, DHClientKeyExchangeProducer: the server's
    # DHEPossession against jdk.tls.disabledAlgorithms "DH keySize < 1024"): a weak key
    # exchange, not a certificate's signature.
    "DHPublicKey does not comply to algorithm constraints": ("weak_cipher_or_no_pfs:.9 "
                                                             "client_misconfiguration:.15 | reason"),
}

RULES = (
    *common.TEXT_RULES,
    (r".", "not_tls", "the remaining java lines are not about why a connection failed"),
)
