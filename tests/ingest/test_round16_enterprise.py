"""Round 16: the enterprise TLS stacks (patterns/enterprise.py): IBM GSKit and the products
over it (Db2, IBM MQ, IBM HTTP Server, the WebSphere plug-in), Oracle Net and its JDBC thin
driver, SAP's SAPCRYPTOLIB under the ICM. None of these products runs on this machine (no
Debian/PyPI package of MQ, Db2, Oracle Database or an SAP kernel), so every printed form is
fed as the product prints it (document URL per table in the module), audited as
products x codes x print shapes, plus the texts of the same products that are NOT TLS.

The GSKit audit walks the whole return-code table: each code that is a TLS failure is read in
every shape GSKit's users print it (the constant, a GSKit word with the number, Db2's
SQL30081N over "SSL" wrapped as the CLP wraps it, db2diag's gsk_* line); the first cause and
whether it is sure come from the table, and the hand-written rows below pin the judgement
itself (a Db2 client's keystore is the client's; a bad certificate is a ranking).
"""

from __future__ import annotations

import textwrap

import pytest

from tlsdoctor.api import explain
from tlsdoctor.causes import Cause as C
from tlsdoctor.ingest.patterns import causes
from tlsdoctor.ingest.patterns.alerts import ALERTS
from tlsdoctor.ingest.patterns.enterprise import _DB2_CLIENT, GSK_CODES

_READ = [(code, name, cs) for code, name, _, cs in GSK_CODES if cs is not None]


def _sql30081n(code: int) -> str:
    """The Db2 CLP's message as it prints it: wrapped at 80 columns."""
    one = ('SQL30081N  A communication error has been detected. Communication protocol being '
           'used: "SSL".  Communication API being used: "SOCKETS".  Location where the error '
           'was detected: "10.20.30.40".  Communication function detecting the error: '
           f'"sqlccSSLSocketSetup".  Protocol specific error code(s): "{code}", "*", "*".  '
           'SQLSTATE=08001')
    return "\n".join(textwrap.wrap(one, 80))


# The shapes GSKit's users print a code in (IBM technotes: the WebSphere plug-in's
# http_plugin.log, IBM Transformation Extender's wtxsslclient.log and adapter trace); the last
# one without the constant, to read the number alone.
_GSK_SHAPES = {
    "constant": lambda code, name: name,
    "plugin": lambda code, name: ("ERROR: lib_stream: openStream: Failed in "
                                  f"r_gsk_secure_soc_init: {name}(gsk rc = {code})"),
    "itx": lambda code, name: (f"SSLCONN: gsk_secure_soc_init failed and returned: {code} "
                               f"({name})"),
    "number only": lambda code, name: f"WSAConnectSSL: GSK Error Code: {code}",
}


def _expect(cs: str) -> tuple[C, bool]:
    ranked = causes(cs)
    return ranked[0][0], ranked[0][1] >= 0.6


@pytest.mark.parametrize("shape", sorted(_GSK_SHAPES))
@pytest.mark.parametrize(("code", "name", "cs"), _READ, ids=[str(r[0]) for r in _READ])
def test_gskit_code_in_every_shape(code: int, name: str, cs: str, shape: str) -> None:
    r = explain(_GSK_SHAPES[shape](code, name))
    first, sure = _expect(cs)
    assert r.recognized and r.source == "gskit", r.meaning
    top = r.findings[0]
    assert top.cause is first, [(f.cause, f.confidence) for f in r.findings]
    assert (top.confidence >= 0.6) is sure
    assert name in r.meaning
    assert "ibm.com/docs" in top.facts["provenance"]


@pytest.mark.parametrize(("code", "name", "cs"), _READ, ids=[str(r[0]) for r in _READ])
def test_db2_client_reads_the_code_as_the_client(code: int, name: str, cs: str) -> None:
    r = explain(_sql30081n(code))
    first, sure = _expect(_DB2_CLIENT.get(code, cs))
    assert r.recognized and r.source == "db2", r.meaning
    assert r.findings[0].cause is first
    assert (r.findings[0].confidence >= 0.6) is sure
    d = explain(f'2026-03-02-10.11.12.123456+060 I1234E567 LEVEL: Error\nDIA3604E The SSL '
                f'function "gsk_secure_soc_init" failed with the return code "{code}" in '
                f'"sqlccSSLSocketSetup".')
    assert d.recognized and d.source == "db2diag" and d.findings[0].cause is _expect(cs)[0]


def test_every_gskit_code_is_judged() -> None:
    """The table is the whole 0-428 range the public docs list; what makes no pattern is API
    misuse or internal state, not a TLS failure."""
    codes = [c for c, _, _, _ in GSK_CODES]
    assert codes == sorted(set(codes))
    assert {1, 2, 3, 4, 5, 9, 12, 101, 108, 418, 419, 425} <= {
        c for c, _, _, cs in GSK_CODES if cs is None}
    assert len(_READ) == 38 and len(GSK_CODES) == 52


# Each product's own lines: (text, source, first cause, sure?)
ROWS = [
    # IBM MQ: AMQERR01.LOG entries (the header, then the message wrapped at 80 columns)
    ("11/11/25 20:31:03 - Process(39916.7) User(mqm) Program(amqrmppa)\n"
     "                    Host(mq1.example.com) Installation(Installation1)\n"
     "                    VRMF(9.3.0.0) QMgr(TESTQM)\n\n"
     "AMQ9631E: The CipherSpec negotiated during the SSL handshake does not match the\n"
     "required CipherSpec for channel 'TEST.QMGR.SVRCONN'.", "ibm_mq",
     C.CIPHER_SUITE_MISMATCH, True),
    ("AMQ9633E: Bad SSL certificate for channel '????'.\n\nEXPLANATION:\nA certificate "
     "encountered during SSL handshaking is regarded as bad for one of\nthe following reasons:",
     "ibm_mq", C.CERT_UNTRUSTED_ROOT, False),
    ("AMQ9637E: Channel is lacking a certificate.", "ibm_mq", C.CLIENT_CERT_REQUIRED, False),
    ("AMQ9642: No SSL or TLS certificate for channel 'APP.SVRCONN'.", "ibm_mq",
     C.CLIENT_CERT_REQUIRED, True),
    ("AMQ9616E: The CipherSpec 'TLS_RSA_WITH_AES_128_CBC_SHA256' proposed by remote host "
     "'10.0.0.9' is not enabled.", "ibm_mq", C.CIPHER_SUITE_MISMATCH, False),
    ("AMQ9635E: Channel 'MY.CHL' did not specify a valid CipherSpec.", "ibm_mq",
     C.CIPHER_SUITE_MISMATCH, False),
    ("AMQ9788E: The channel 'CHANNEL.NAME' specified a weak or broken CipherSpec.", "ibm_mq",
     C.CIPHER_SUITE_MISMATCH, False),
    ("AMQ9660E: SSL key repository: password stash file absent or unusable.", "ibm_mq",
     C.SERVER_MISCONFIGURATION, False),
    ("AMQ9638E: SSL communications error for channel 'TO.QM2'.", "ibm_mq",
     C.PROTOCOL_VERSION_MISMATCH, False),
    ("AMQ9665E: SSL connection closed by remote end of channel 'TO.QM2'.", "ibm_mq",
     C.CERT_UNTRUSTED_ROOT, False),
    ("AMQ9641E: Remote CipherSpec error for channel 'TO.QM2'.", "ibm_mq",
     C.CIPHER_SUITE_MISMATCH, True),
    ("AMQ9636E: SSL distinguished name does not match peer name, channel 'TO.QM2'.", "ibm_mq",
     C.HOSTNAME_MISMATCH, False),
    ("AMQ9716: Remote SSL certificate revocation status check failed for channel 'TO.QM2'.",
     "ibm_mq", C.MIDDLEBOX_OR_FIREWALL_INTERFERENCE, False),
    ("JMSCMQ0001: IBM MQ call failed with compcode '2' ('MQCC_FAILED') reason '2393' "
     "('MQRC_SSL_INITIALIZATION_ERROR').", "ibm_mq", C.CLIENT_MISCONFIGURATION, True),
    ("com.ibm.mq.MQException: JMSCMQ0001: IBM MQ call failed with compcode '2' ('MQCC_FAILED') "
     "reason '2400' ('MQRC_UNSUPPORTED_CIPHER_SUITE').", "ibm_mq", C.CLIENT_MISCONFIGURATION,
     False),
    ("AMQ8xxx sample: MQCONNX ended with reason code 2393", "ibm_mq",
     C.CLIENT_MISCONFIGURATION, True),
    ("MQCONNX ended with reason code 2400", "ibm_mq", C.CLIENT_MISCONFIGURATION, False),
    ("JMSWMQ0018: Failed to connect to queue manager 'QM1' with connection mode 'Client' and "
     "host name 'mq1(1414)'. JMSCMQ0001: IBM MQ call failed with compcode '2' ('MQCC_FAILED') "
     "reason '2059' ('MQRC_Q_MGR_NOT_AVAILABLE'). [sslCipherSuite=TLS_AES_256_GCM_SHA384, TLS "
     "enabled]", "ibm_mq", C.PROTOCOL_VERSION_MISMATCH, False),
    ("reason '2398' ('MQRC_SSL_PEER_NAME_MISMATCH')", "ibm_mq", C.HOSTNAME_MISMATCH, False),
    ("reason '2397' ('MQRC_JSSE_ERROR')", "ibm_mq", C.CERT_UNTRUSTED_ROOT, False),
    # IBM HTTP Server error_log (the server's log)
    ("[Mon Mar 02 10:11:12.123456 2026] [ibm_ssl:error] [pid 4242] [client 10.0.0.7:51234] "
     "SSL0207E: SSL Handshake Failed, Certificate is not available. [10.0.0.7:51234 -> "
     "10.0.0.1:443] [10:11:12.000123] 1ms", "ihs", C.CLIENT_CERT_REQUIRED, True),
    ("SSL0208E: SSL Handshake Failed, Certificate validation error. [10.0.0.7:51234 -> "
     "10.0.0.1:443]", "ihs", C.CLIENT_CERT_REQUIRED, False),
    ("SSL0206E: SSL Handshake Failed, Key-file label not found.", "ihs",
     C.SERVER_MISCONFIGURATION, True),
    # Oracle Net: the client's error stack, sqlnet.log's nt codes, UTL_HTTP, JDBC thin
    ("ERROR:\nORA-28759: failure to open file", "oracle_net", C.SERVER_MISCONFIGURATION, False),
    ("ORA-28860: Fatal SSL error", "oracle_net", C.PROTOCOL_VERSION_MISMATCH, False),
    ("ORA-28862: SSL connection failed", "oracle_net", C.CERT_UNTRUSTED_ROOT, False),
    ("ORA-28864: SSL connection closed gracefully", "oracle_net", C.PROTOCOL_VERSION_MISMATCH,
     False),
    ("ORA-28868: certificate chain check failed", "oracle_net", C.CERT_UNTRUSTED_ROOT, False),
    ("cx_Oracle.DatabaseError: ORA-29024: Certificate validation failure", "oracle_net",
     C.CERT_UNTRUSTED_ROOT, False),
    ("Oracle.ManagedDataAccess.Client.OracleException (0x80004005): ORA-00542: Failure during "
     "SSL handshake", "oracle_net", C.PROTOCOL_VERSION_MISMATCH, False),
    ("    nt main err code: 28862\n    TNS-28862: SSL connection failed", "oracle_net",
     C.CERT_UNTRUSTED_ROOT, False),
    ("ORA-29106: Cannot import PKCS #12 wallet.", "oracle_net", C.SERVER_MISCONFIGURATION,
     False),
    ("ORA-29003: SSL transport detected mismatched server certificate.", "oracle_net",
     C.HOSTNAME_MISMATCH, True),
    ("ORA-29019: The protocol version is incorrect.", "oracle_net",
     C.PROTOCOL_VERSION_MISMATCH, True),
    ("ORA-28885: No certificate with the required key usage found.", "oracle_net",
     C.CERT_WRONG_PURPOSE, True),
    ("ORA-29273: HTTP request failed\nORA-24263: Certificate of the remote server does not "
     "match the target address.\nORA-06512: at \"SYS.UTL_HTTP\", line 1530", "oracle_net",
     C.HOSTNAME_MISMATCH, True),
    # UTL_HTTP / APEX_WEB_SERVICE: the database is the HTTPS client
    ("ORA-29273: HTTP request failed\nORA-29024: Certificate validation failure\nORA-06512: at "
     "\"SYS.UTL_HTTP\", line 380", "oracle_utl_http", C.CERT_UNTRUSTED_ROOT, False),
    ("ORA-29273: HTTP request failed\nORA-06512: at \"SYS.UTL_HTTP\", line 1530\nORA-28860: "
     "Fatal SSL error", "oracle_utl_http", C.PROTOCOL_VERSION_MISMATCH, False),
    ("ORA-29273: HTTP request failed\nORA-28759: failure to open file", "oracle_utl_http",
     C.CLIENT_MISCONFIGURATION, True),
    ("  TNS-12560: TNS:protocol adapter error\n    ns secondary err code: 12560\n"
     "    nt main err code: 28860\n    TNS-28860: Fatal SSL error\n"
     "    nt secondary err code: 29024\n    nt OS err code: 0", "oracle_net",
     C.CERT_UNTRUSTED_ROOT, False),
    ('java.sql.SQLRecoverableException: IO Error: Host name(s): "db.example.com" does not match '
     'the CN: "db1.internal" or SAN(s): "" of the server\'s certificate', "oracle_jdbc",
     C.HOSTNAME_MISMATCH, True),
    ('IO Error: The configured DN, "CN=db", does not match the DN, "CN=db1", of the server\'s '
     'certificate', "oracle_jdbc", C.CLIENT_MISCONFIGURATION, False),
    # python-oracledb thin (src/oracledb/errors.py)
    ("DPY-4032: invalid value for ssl_version: \"1.1\"", "oracledb", C.CLIENT_MISCONFIGURATION,
     True),
    ("DPY-6005: cannot connect to database (CONNECTION_ID=abc).\nDPY-6002: The distinguished "
     "name (DN) on the server certificate does not match the expected value: CN=db",
     "oracledb", C.CLIENT_MISCONFIGURATION, False),
    # IAIK iSaSiLk under SAP AS Java / PI
    ("SOAP: Call failed: iaik.security.ssl.SSLCertificateException: Peer certificate rejected "
     "by ChainVerifier", "iaik", C.CERT_UNTRUSTED_ROOT, False),
    ("SOAP: Call failed: iaik.security.ssl.SSLException: Peer sent alert: Alert Fatal: "
     "handshake failure", "iaik", C.CIPHER_SUITE_MISMATCH, False),
    # SAP ICM (dev_icm, SM59, SMICM)
    ("[Thr 140484128118528] *** ERROR => SSL handshake with sap-ext.example.com:443 failed: "
     "SSSLERR_SERVER_CERT_MISMATCH (-30)\n[Thr 140484128118528] Server certificate does not "
     "match supplied TargetHostname (rfc2818 section 3.1)", "sap_cryptolib",
     C.HOSTNAME_MISMATCH, True),  # the trace's second line says it outright
    ("*** ERROR => IcmConnInitClientSSL: SapSSLSessionStart failed (-102): "
     "SSSLERR_PEER_CERT_UNTRUSTED", "sap_cryptolib", C.CERT_UNTRUSTED_ROOT, False),
    ("HTTP error 421 occurred: SSL handshake with github.example.com:443 failed after 16ms: "
     "SSSLERR_PEER_CERT_UNTRUSTED (-102)", "sap_cryptolib", C.CERT_UNTRUSTED_ROOT, False),
    ("SapSSLSessionStartNB(sssl_hdl=7f7168019c90)==SSSLERR_PEER_CERT_EXPIRED", "sap_cryptolib",
     C.CERT_EXPIRED, True),
    ("Illegal SSL request: SSSLERR_NO_SSL_REQUEST", "sap_cryptolib", C.NON_TLS_SERVICE_ON_PORT,
     True),
    ("Error Number 1\nError message: SSL handshake with api.example.com:443 failed: "
     "SSSLERR_SSL_READ (-58)\nSAPCRYPTO:SSL_read() failed", "sap_cryptolib",
     C.PROTOCOL_VERSION_MISMATCH, False),
    ("SSL error (ICM_HTTP_SSL_ERROR)", "sap_cryptolib", C.CERT_UNTRUSTED_ROOT, False),
    ("SSL certificate not trusted (ICM_HTTP_SSL_PEER_CERT_UNTRUSTED)", "sap_cryptolib",
     C.CERT_UNTRUSTED_ROOT, False),
    ("Invalid host name in SSL server certificate (ICM_HTTP_SSL_CERT_MISMATCH)",
     "sap_cryptolib", C.HOSTNAME_MISMATCH, False),
]


@pytest.mark.parametrize(("text", "source", "first", "sure"), ROWS,
                         ids=[f"{r[1]}-{n}" for n, r in enumerate(ROWS)])
def test_each_product_line_is_judged(text: str, source: str, first: C, sure: bool) -> None:
    r = explain(text)
    assert r.recognized and r.source == source, (r.source, r.meaning)
    top = r.findings[0]
    assert top.cause is first, [(f.cause, f.confidence) for f in r.findings]
    assert (top.confidence >= 0.6) is sure, top.confidence
    assert all(f.facts["provenance"] for f in r.findings)


def test_the_side_the_product_prints_from() -> None:
    """Db2's SQL30081N is the client's; IBM HTTP Server's SSL02xxE is the server's log."""
    assert explain(_sql30081n(414)).side == "client"
    assert explain("SSL0207E: SSL Handshake Failed, Certificate is not available.").side == \
        "server"
    assert explain("ORA-29273: HTTP request failed\nORA-29024: Certificate validation "
                   "failure").side == "client"  # UTL_HTTP: the database is the client


# The same products' words that are NOT a TLS failure: no TLS reading at all.
NOT_TLS = [
    'SQL30081N  A communication error has been detected. Communication protocol being used: '
    '"TCP/IP".  Communication API being used: "SOCKETS".  Location where the error was '
    'detected: "10.1.1.1".  Communication function detecting the error: "connect".  Protocol '
    'specific error code(s): "111", "*", "*".  SQLSTATE=08001',
    'SQL30081N  A communication error has been detected. Communication protocol being used: '
    '"TCP/IP".  Communication function detecting the error: "recv".  Protocol specific error '
    'code(s): "414", "*", "0".  SQLSTATE=08001',
    "ORA-12541: TNS:no listener",
    "ORA-12170: TNS:Connect timeout occurred",
    "ORA-01017: invalid username/password; logon denied",
    "ORA-24247: network access denied by access control list (ACL)",
    "TNS-12560: TNS:protocol adapter error",
    "AMQ9209E: Connection to host 'mq1 (10.0.0.1)(1414)' for channel 'TO.QM1' closed.",
    "JMSCMQ0001: IBM MQ call failed with compcode '2' ('MQCC_FAILED') reason '2059' "
    "('MQRC_Q_MGR_NOT_AVAILABLE').",
    "ICM_HTTP_CONNECTION_FAILED",
    "GSKit 8.0.55.17 is installed",
    "gsk8capicmd_64 -cert -list -db key.kdb -stashed",
    "ORA-28000: the account is locked",
    "MQCONNX ended with reason code 2059",
    "MQCONNX ended with reason code 2035",
    "ORA-12514: TNS:listener does not currently know of service requested in connect descriptor",
]


@pytest.mark.parametrize("text", NOT_TLS, ids=[t[:40] for t in NOT_TLS])
def test_same_products_not_tls_stay_unread(text: str) -> None:
    r = explain(text)
    assert not r.recognized, (r.source, r.meaning)


# The first step of the top finding is in the product's own tools (fixes/enterprise.toml).
FIXES = [
    (_sql30081n(414), "db2", "gsk8capicmd_64 -cert -add -db client.kdb"),
    (_sql30081n(408), "db2", "SSL_CLNT"),
    (_sql30081n(410), "db2", "SVCENAME"),
    ("AMQ9633E: Bad SSL certificate for channel 'TO.QM1'.", "ibm_mq", "runmqakm -cert -add"),
    ("AMQ9641E: Remote CipherSpec error for channel 'TO.QM2'.", "ibm_mq", "SSLCIPH("),
    ("AMQ9642: No SSL or TLS certificate for channel 'APP.SVRCONN'.", "ibm_mq", "SSLCAUTH("),
    ("AMQ9636E: SSL distinguished name does not match peer name, channel 'TO.QM2'.", "ibm_mq",
     "SSLPEER("),
    ("SSL0207E: SSL Handshake Failed, Certificate is not available.", "ihs", "SSLClientAuth"),
    ("GSK_ERROR_BAD_CERT", "gskit", "gsk8capicmd_64 -cert -add"),
    ("ORA-29024: Certificate validation failure", "oracle", "orapki wallet add"),
    ("ORA-28759: failure to open file", "oracle", "WALLET_LOCATION"),
    ("ORA-29003: SSL transport detected mismatched server certificate.", "oracle",
     "SSL_SERVER_CERT_DN"),
    ("SSSLERR_PEER_CERT_UNTRUSTED (-102)", "sap", "sapgenpse maintain_pk"),
    ("ORA-29273: HTTP request failed\nORA-29024: Certificate validation failure", "utl_http",
     "UTL_HTTP.SET_WALLET"),
    ("ORA-29273: HTTP request failed\nORA-28860: Fatal SSL error", "utl_http", "-servername"),
    ("iaik.security.ssl.SSLCertificateException: Peer certificate rejected by ChainVerifier",
     "sap_java", ""),
    ("SSL handshake with a.example.com:443 failed: SSSLERR_SERVER_CERT_MISMATCH (-30)", "sap",
     "client_sni_enabled"),
]


@pytest.mark.parametrize(("text", "product", "words"), FIXES, ids=[f[1] + "-" + f[2][:20]
                                                                   for f in FIXES])
def test_fix_is_in_the_products_own_tools(text: str, product: str, words: str) -> None:
    step = explain(text).findings[0].fix[0]
    assert step.applies_to == product
    assert words in step.code


def test_a_cause_without_a_product_step_keeps_the_generic_line() -> None:
    """An expired peer certificate is renewed by its owner, whatever the product."""
    r = explain("SapSSLSessionStartNB()==SSSLERR_PEER_CERT_EXPIRED")
    assert r.findings[0].fix[0].applies_to == ""


@pytest.mark.parametrize("number", sorted(n for n, row in ALERTS.items() if row[2]))
def test_iaik_received_alert_reads_as_every_stacks_received_alert(number: int) -> None:
    """IAIK's "Peer sent alert: Alert Fatal: <name>" for every alert: the client's reading
    (alerts.py) is among the findings; a certificate alert with another reading on a server
    is not confident (nothing says which end printed it)."""
    name, _, cs, scs, _ = ALERTS[number]
    r = explain(f"iaik.security.ssl.SSLException: Peer sent alert: Alert Fatal: "
                f"{name.replace('_', ' ')}")
    assert r.recognized and r.source == "iaik", (name, r.source)
    assert causes(cs)[0][0] in {f.cause for f in r.findings}
    if scs is not None and causes(scs)[0][0] != causes(cs)[0][0]:
        assert r.findings[0].confidence < 0.6


@pytest.mark.parametrize(("text", "party"), [
    (_sql30081n(414), "client"),  # Db2's client: its own key database (SSL_CLNT_KEYDB)
    ("ORA-29024: Certificate validation failure", "either"),  # this end's wallet, either end
    ("AMQ9633E: Bad SSL certificate for channel 'TO.QM1'.", "either"),
])
def test_a_trust_failure_is_fixed_in_the_printing_ends_own_store(text: str, party: str) -> None:
    """The enterprise stacks verify against the printing end's key database or wallet, never
    a system store: who fixes an untrusted root is that end, as the fix step says."""
    top = explain(text).findings[0]
    assert top.cause is C.CERT_UNTRUSTED_ROOT and top.who_fixes is not None
    assert top.who_fixes.value == party, top.who_fixes
    # a system-store stack's bare text keeps its own reading (the server's chain first)
    other = explain("curl: (60) SSL certificate problem: unable to get local issuer "
                    "certificate").findings
    assert all(f.who_fixes is None or f.who_fixes.value != "either" for f in other
               if f.cause is C.CERT_UNTRUSTED_ROOT)
