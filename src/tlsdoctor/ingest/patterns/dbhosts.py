"""A chain-trust failure against a managed database service's host name.

Amazon RDS and Aurora sign their servers' certificates with Amazon's own RDS CAs
("rds-ca-rsa2048-g1"...), which no operating system store carries: a client verifies only
after it was given Amazon's bundle (global-bundle.pem; AWS docs, "Using SSL/TLS to encrypt
a connection to a DB instance or cluster", Amazon RDS User Guide). Azure Database for
MySQL/PostgreSQL servers chain to DigiCert roots that clients are told to download (Azure
docs, "Connect using TLS/SSL"). MongoDB Atlas serves publicly trusted certificates
("MongoDB Atlas provides valid TLS certificates", MongoDB manual, "Developing MongoDB
Locally with TLS", v6.0). Either way the server's chain is what its provider documents: the
client's CA setting (or an outdated store) is the first suspect, interception last
(database traffic seldom passes an HTTPS-inspecting proxy). Dev set: 1 of 1 thread (a
libmongoc client to *.mongodb.net, mongodb-321e38ac) was the client's store.
"""

from __future__ import annotations

from . import REASON, table

HOSTS = (r"[\w-]{1,63}(?:\.[\w-]{1,63}){0,4}\.(?:rds\.amazonaws\.com(?:\.cn)?|mongodb\.net|"
          r"(?:mysql|postgres|mariadb)\.database\.azure\.com|database\.windows\.net)")
_UNTRUSTED = (r"certificate verify failed|unable to get local issuer certificate|"
              r"self[- ]signed certificate in certificate chain|signed by unknown authority|"
              r"PKIX path building failed|The certificate is NOT trusted|"
              r"UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN")
_RX = (rf"\b(?:{HOSTS})\b[^\n]{{0,300}}?(?:{_UNTRUSTED})|"
       rf"(?:{_UNTRUSTED})[^\n]{{0,300}}?\b(?:{HOSTS})\b")

PATTERNS = table("dbhosts", "managed database services' CA documentation (module docstring)", [
    (_RX, "a managed database service failed chain verification: its chain is the one its "
          "provider documents (Amazon RDS's own CAs, Azure's DigiCert roots, Atlas's public "
          "CA), so this client lacks the provider's CA bundle or has an outdated store",
     "client_misconfiguration:.55 cert_untrusted_root:.3 tls_interception_mitm:.15",
     REASON + 1, "Amazon RDS User Guide (Using SSL/TLS...), Azure Database docs (TLS/SSL), "
     "MongoDB manual v6.0 (Developing MongoDB Locally with TLS)", "certificate"),
])
