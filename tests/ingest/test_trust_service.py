"""Round 15: a chain-trust failure printed by a database, broker or directory client
(trust_context.SERVICE; docs/explain-upstream.md "Round 15: which trust failure").

Inspection products re-sign web traffic, not these protocols, and such servers mostly
carry a private CA's or a self-signed certificate. Audited as each client's words x the
trust wordings OpenSSL and Go give them x the context (no host: read as a private host;
environment words still mean re-signing; a big public host keeps its reading), and proved
with the real mariadb client against mariadbd (testing/db_tls.py) on 127.0.0.1.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tlsdoctor import explain
from tlsdoctor.diagnosis.causes import Cause as C
from tlsdoctor.ingest import trust_context

CONFIDENT = 0.6

# Each client's own words around a verify failure ({w}: the verify wording).
CLIENTS = {
    "mongodb-node": "MongoServerSelectionError: {w}",
    "mongodb-java": "com.mongodb.MongoSocketWriteException: Exception sending message\n"
                    "Caused by: javax.net.ssl.SSLHandshakeException: {w}",
    "pymongo": "pymongo.errors.ServerSelectionTimeoutError: SSL handshake failed: {w}",
    "psql": "psql: error: SSL error: {w}",
    "psycopg2": "psycopg2.OperationalError: SSL error: {w}",
    "pgjdbc": "org.postgresql.util.PSQLException: SSL error: {w}",
    "mariadb": "ERROR 2026 (HY000): TLS/SSL error: {w}",
    "mysql-connector": "mysql.connector.errors.InterfaceError: 2026 (HY000): SSL connection "
                       "error: {w}",
    "redis-py": "redis.exceptions.ConnectionError: Error 1 connecting. {w}",
    "ioredis": "[ioredis] Unhandled error event: Error: {w}",
    # Round 18: node-redis 3's wrapper and node-redis 4+'s README idiom
    "node-redis-3": "Error: Redis connection to redis.example.com:6380 failed - {w}",
    "node-redis-4": "Redis Client Error [Error: {w}]",
    "kafka-java": "org.apache.kafka.common.errors.SslAuthenticationException: SSL handshake "
                  "failed\nCaused by: javax.net.ssl.SSLHandshakeException: {w}",
    "librdkafka": "%3|1700000000.000|FAIL|rdkafka#producer-1| [thrd:ssl://broker]: SSL "
                  "handshake failed: {w} (librdkafka)",
    "nats": "NatsError: {w}",
    "ldap": "ldap_start_tls: Connect error (-11)\n\tadditional info: {w}",
    "jndi": "javax.naming.CommunicationException: simple bind failed [Root exception is "
            "javax.net.ssl.SSLHandshakeException: {w}]",
}
WORDINGS = {
    "self_signed_in_chain": "self signed certificate in certificate chain",
    "issuer_not_found": "unable to get local issuer certificate",
    "unknown_issuer": "PKIX path building failed: unable to find valid certification path "
                      "to requested target",
    "unknown_issuer_go": "x509: certificate signed by unknown authority",
}
CELLS = [(c, w) for c in CLIENTS for w in WORDINGS]


@pytest.mark.parametrize(("client", "wording"), CELLS, ids=[f"{c}-{w}" for c, w in CELLS])
def test_a_services_chain_is_its_own_private_one(client: str, wording: str) -> None:
    text = CLIENTS[client].format(w=WORDINGS[wording])
    assert trust_context.SERVICE.search(text), text
    r = explain(text)
    first = r.findings[0]
    assert first.cause in (C.CERT_UNTRUSTED_ROOT, C.CERT_SELF_SIGNED), (
        [(f.cause, f.confidence) for f in r.findings], text)
    assert first.confidence < CONFIDENT
    assert C.TLS_INTERCEPTION_MITM not in {f.cause for f in r.findings[:2]}, text


@pytest.mark.parametrize("client", CLIENTS)
def test_environment_words_still_mean_re_signing(client: str) -> None:
    text = (CLIENTS[client].format(w=WORDINGS["issuer_not_found"])
            + "\n(only on the office network, behind the corporate proxy with SSL inspection)")
    assert explain(text).findings[0].cause is C.TLS_INTERCEPTION_MITM


def test_web_clients_are_not_services() -> None:
    for text in ("npm ERR! code SELF_SIGNED_CERT_IN_CHAIN", "curl: (60) SSL certificate "
                 "problem: unable to get local issuer certificate",
                 "pip._vendor.urllib3.exceptions.SSLError: [SSL: CERTIFICATE_VERIFY_FAILED]"):
        assert trust_context.SERVICE.search(text) is None, text


def test_real_mariadb_client_against_an_unknown_root(tmp_path: Path) -> None:
    if shutil.which("mariadb") is None or not Path("/usr/sbin/mariadbd").exists():
        pytest.skip("mariadb or mariadbd is not installed")
    from tlsdoctor.testing.db_tls import make_db_pki, run_mariadb
    cells = run_mariadb(make_db_pki(tmp_path / "pki"))
    text = next(c.client for c in cells if c.fault == "untrusted_root")
    assert "ERROR 2026" in text, text  # the client's own words, no host among them
    r = explain(text)
    first = r.findings[0]
    assert first.cause is C.CERT_UNTRUSTED_ROOT and first.confidence < CONFIDENT, text
    assert first.facts.get("trust_context") == "service", first.facts
    assert C.TLS_INTERCEPTION_MITM not in {f.cause for f in r.findings[:2]}, text
